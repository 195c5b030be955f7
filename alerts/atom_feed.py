"""A channel that is an Atom feed file: alerts for a feed reader, as Google Alerts delivers to
RSS, kept on the user's own disk (any web server, or a reader that opens files, serves it).

The file is its own state: each delivery reads the entries it holds, puts the new ones first
(an entry already there, by its id, is replaced, not repeated: an alert sent again after a
crash between the write and the archive's commit is still one entry), keeps `max_entries`, and
replaces the file in one rename, so a reader never sees half of it. The file is read with
entities and network off; one that cannot be read (edited by hand, another program's) is set
aside beside itself, not lost, and a new feed begun.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from lxml import etree

try:
    import fcntl
except ImportError:  # Windows: one process at a time is the admin's to keep
    fcntl = None  # type: ignore[assignment]

from alerts.render import article_subject, article_text, one_line, safe_link
from monitor.config import FeedChannel
from monitor.dates import moment
from monitor.errors import DeliveryError
from monitor.models import Alert, iso, utcnow

ATOM = "http://www.w3.org/2005/Atom"
NS = f"{{{ATOM}}}"
ID_PREFIX = "tag:media-monitor,2026:"
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class FeedSender:
    def __init__(self, channel: FeedChannel):
        self.channel = channel

    def send(self, alert: Alert, matches: list[dict[str, Any]]) -> None:
        self._add([_entry([alert], {alert.id: matches})])

    def send_together(self, alerts: list[Alert], matches: dict[int, list[dict[str, Any]]]) -> None:
        """The alerts of one article (the rules it matched) as one entry."""
        self._add([_entry(alerts, matches)])

    def send_digest(self, alerts: list[Alert], matches: dict[int, list[dict[str, Any]]]) -> None:
        """A feed is a digest already: one entry per article of the digest."""
        by_article: dict[str, list[Alert]] = {}
        for alert in alerts:
            by_article.setdefault(alert.url, []).append(alert)
        self._add(_entry(group, matches) for group in by_article.values())

    def send_test(self, message_id: str, text: str) -> None:
        entry = etree.Element(NS + "entry")
        _text(entry, "id", ID_PREFIX + message_id)
        _text(entry, "title", "[monitor] test message")
        _text(entry, "updated", iso(utcnow()))
        _text(entry, "summary", text).set("type", "text")
        self._add([entry])

    def _add(self, entries: Iterable[etree._Element]) -> None:
        path = self.channel.path
        new = list(entries)
        ids = {_id_of(entry) for entry in new}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # the daemon's delivery and a `monitor deliver` may add to one feed at once: each
            # reads, adds and replaces it in turn, or one's entries would be the other's loss
            with _locked(path):
                kept = [entry for entry in self._entries(path) if _id_of(entry) not in ids]
                feed = self._feed(new + kept)
                _replace(path, etree.tostring(feed, xml_declaration=True, encoding="utf-8"))
        except OSError as exc:  # a full disk, a folder it may not write: tried again later
            raise DeliveryError(f"feed file {path}: {exc.strerror or exc}") from exc

    def _feed(self, entries: list[etree._Element]) -> etree._Element:
        feed = etree.Element(NS + "feed", nsmap={None: ATOM})
        _text(feed, "id", f"{ID_PREFIX}channel/{self.channel.name}")
        _text(feed, "title", self.channel.title or f"media monitor: {self.channel.name}")
        if self.channel.url:
            etree.SubElement(feed, NS + "link", rel="self", href=self.channel.url)
        _text(feed, "updated", iso(utcnow()))
        _text(feed, "generator", "media-monitor")
        feed.extend(entries[: self.channel.max_entries])
        return feed

    def _entries(self, path: Path) -> list[etree._Element]:
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise DeliveryError(f"feed file {path}: {exc.strerror or exc}") from exc
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        try:
            root = etree.fromstring(data, parser)
        except etree.XMLSyntaxError:
            root = None
        if root is None or root.tag != NS + "feed":
            aside = path.with_name(path.name + f".unreadable-{utcnow():%Y%m%dT%H%M%S}")
            with contextlib.suppress(OSError):
                path.rename(aside)
            return []
        return list(root.iterfind(NS + "entry"))


def _entry(alerts: list[Alert], matches: dict[int, list[dict[str, Any]]]) -> etree._Element:
    first = min(alerts, key=lambda a: a.id)
    entry = etree.Element(NS + "entry")
    _text(entry, "id", ID_PREFIX + "alert/" + first.uid)
    _text(entry, "title", article_subject(alerts).removeprefix("[monitor] "))
    if (link := safe_link(first.url)) is not None:
        etree.SubElement(entry, NS + "link", rel="alternate", href=link)
    for url in first.copies:
        if (copy := safe_link(url)) is not None:
            etree.SubElement(entry, NS + "link", rel="related", href=copy)
    _text(entry, "updated", iso(utcnow()))
    if (published := moment(first.published)) is not None:  # RFC 3339: a day gets its 00:00Z
        _text(entry, "published", iso(published))
    author = etree.SubElement(entry, NS + "author")
    _text(author, "name", one_line(first.author or first.source))
    for rule in dict.fromkeys(a.rule for a in alerts):
        etree.SubElement(entry, NS + "category", term=one_line(rule))
    _text(entry, "summary", article_text(alerts, matches)).set("type", "text")
    return entry


def _text(parent: etree._Element, name: str, value: str) -> etree._Element:
    child = etree.SubElement(parent, NS + name)
    # XML 1.0 has no place for most control characters, half surrogate pairs or U+FFFE: a
    # title that carries one is kept readable rather than refused by lxml
    child.text = NOT_XML.sub(" ", value)
    return child


def _id_of(entry: etree._Element) -> str:
    return entry.findtext(NS + "id") or ""


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive lock on `path`'s own lock file (beside it: the feed itself is replaced by
    a rename, so a lock on it would be on a file that is gone), held until the block ends."""
    if fcntl is None:
        yield
        return
    with open(path.with_name(f".{path.name}.lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _replace(path: Path, data: bytes) -> None:
    """`path` holds `data`, whole, or what it held before: written beside it, then renamed."""
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(name, 0o644)  # a feed is for a reader or a web server to read
        os.replace(name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
