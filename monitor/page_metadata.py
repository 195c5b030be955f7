"""Title, author, date, description and canonical URL of a page, read before extraction.

trafilatura's `extract_metadata` also reads categories, tags, licence and site name, which we do
not store and which cost a sixth of the extraction time; this reads only what the archive keeps,
with the same trafilatura and htmldate functions and in the same order of precedence (meta tags,
then JSON-LD, then the page's markup).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura.metadata import (
    examine_meta,
    extract_author,
    extract_meta_json,
    extract_title,
    extract_url,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PageMetadata:
    title: str | None = None
    author: str | None = None
    date: str | None = None
    description: str | None = None
    url: str | None = None  # rel=canonical or og:url, as the page declares it
    site_name: str | None = None


def page_metadata(tree: HtmlElement, url: str) -> PageMetadata:
    """Read-only on `tree` (trafilatura's helpers copy before they prune)."""
    meta = examine_meta(tree)
    if meta.author and " " not in meta.author:
        meta.author = None  # a handle or a site name, not a person (trafilatura's rule)
    try:
        meta = extract_meta_json(tree, meta)
    except Exception as exc:  # JSON-LD in the wild breaks in every way
        log.debug("unreadable JSON-LD in %s: %s", url, exc)
    title = meta.title or extract_title(tree)
    author = meta.author or extract_author(tree)
    canonical = meta.url or extract_url(tree, url)
    date = find_date(
        tree,
        url=canonical or url,
        extensive_search=True,
        original_date=True,  # the publication date, not the last modification
        outputformat="%Y-%m-%dT%H:%M:%S%z",
    )
    return PageMetadata(title, author, date, meta.description, canonical, meta.sitename)
