"""JSON Feed (jsonfeed.org, versions 1 and 1.1): feedparser 6 reads RSS, Atom and RDF only, and
a site that announces `application/feed+json` would otherwise be an "unreadable feed"."""

from __future__ import annotations

import json
from datetime import UTC
from typing import Any
from urllib.parse import urljoin

from monitor.dates import moment

VERSION_PREFIX = "https://jsonfeed.org/version/"


def looks_like_json(body: bytes) -> bool:
    return body.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"


def json_feed_entries(body: bytes) -> list[tuple[str, str | None, str | None]] | None:
    """(link, publication time, last edit time: UTC ISO 8601 or None) per item with a link;
    None when the body is not a JSON Feed (so the caller says why the feed is unreadable)."""
    try:
        feed = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(feed, dict) or not str(feed.get("version", "")).startswith(VERSION_PREFIX):
        return None
    items = feed.get("items")
    if not isinstance(items, list):
        return None
    out = []
    for item in items:
        if not isinstance(item, dict):
            continue
        link = _text(item.get("url")) or _text(item.get("external_url"))
        if link:
            published = _date(item.get("date_published") or item.get("date_modified"))
            out.append((link, published, _date(item.get("date_modified"))))
    return out


def json_feed_next(body: bytes, url: str) -> str | None:
    """A JSON Feed's older page (its `next_url`, relative to `url`), if it names one."""
    try:
        feed = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    found = _text(feed.get("next_url")) if isinstance(feed, dict) else None
    return urljoin(url, found) if found else None


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _date(value: Any) -> str | None:
    when = moment(value) if isinstance(value, str) and len(value) > 10 else None
    return when.astimezone(UTC).isoformat(timespec="seconds") if when else None
