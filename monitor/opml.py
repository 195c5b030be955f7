"""A feed reader's subscriptions (OPML) as sources.

People come to the monitor from a feed reader holding hundreds of feeds they chose one by one;
retyping them is where they give up. Every reader exports OPML, so `monitor import-opml` reads
that file and writes a source per site into the config.

The file is the user's, but its contents come from the web (titles, addresses): it is parsed
without entities, DTDs or network (an entity bomb is text, not a gigabyte), an address that is
not http(s) is skipped and named, and nothing in it can break out of a TOML string or comment.
"""

from __future__ import annotations

import html.entities
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from lxml import etree

from monitor.errors import MonitorError

MAX_BYTES = 20_000_000  # a reader's export of 10,000 feeds is about 2 MB
MAX_FEEDS = 20_000  # more is no one's reading list: a generated file, refused whole
# the feed's address (any case: readers write xmlUrl, xmlurl, XMLURL), and its title
FEED_ATTRIBUTES = ("xmlurl",)
# outline types whose `url` is a feed (type="link" is a web page, "include" another OPML file)
FEED_TYPES = frozenset(("rss", "atom", "feed"))
TITLE_ATTRIBUTES = ("title", "text")
# "&" and what follows it: a character reference (kept), a named entity (group 1), or neither
BARE_AMPERSAND = re.compile(rb"&(?!#\d+;|#x[0-9a-fA-F]+;)(?:([A-Za-z][A-Za-z0-9]{1,31});)?")
XML_ENTITIES = frozenset((b"amp", b"lt", b"gt", b"quot", b"apos"))
DECLARED_ENCODING = re.compile(
    rb"""^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*(["'])([A-Za-z0-9._-]+)\1"""
)
ENTITY_MARKERS = tuple("<!ENTITY".encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be"))
MAX_TITLE = 200  # characters of a feed's title kept in the config's comment
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


class OpmlError(MonitorError):
    """The file cannot be read as subscriptions; the message names it and why."""


@dataclass(frozen=True, slots=True)
class Subscription:
    feed: str  # an http(s) address
    title: str
    site: str | None  # the site's home page (htmlUrl), when the file gives one
    category: str | None  # the folder it was filed in


@dataclass(slots=True)
class Subscriptions:
    found: list[Subscription] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # why, for each outline left out


def read_opml(path: Path) -> Subscriptions:
    """The feeds an OPML file subscribes to, each once, in the file's order."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise OpmlError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    if len(data) > MAX_BYTES:
        raise OpmlError(f"{path}: over {MAX_BYTES // 1_000_000} MB, not a list of subscriptions")
    if any(marker in data for marker in ENTITY_MARKERS):
        # libxml2 expands internal entities even when told not to resolve them: a "billion
        # laughs" file would be gigabytes of title; a reader's export declares none
        raise OpmlError(f"{path}: declares XML entities (<!ENTITY>); an OPML export has none")
    data = _repaired(data)
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=True
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise OpmlError(f"{path}: not XML ({exc})") from None
    if root is None or not isinstance(root.tag, str):
        raise OpmlError(f"{path}: not XML (export your subscriptions as OPML from your reader)")
    if _local_name(root).lower() != "opml":
        raise OpmlError(
            f"{path}: not OPML (its root element is <{clean_text(_local_name(root))}>, not <opml>)"
        )
    out, seen = Subscriptions(), set()
    for outline, category in _outlines(root):
        raw = _feed_attribute(outline)
        if raw is None:
            continue  # a folder, or a note
        title = clean_text(_attribute(outline, TITLE_ATTRIBUTES) or "")
        where = f"line {outline.sourceline}" + (f" ({title})" if title else "")
        feed = web_address(raw)
        if feed is None:
            out.skipped.append(f"{where}: {clean_text(raw)[:100]!r} is not an http(s) address")
            continue
        if (key := feed_key(feed)) in seen:
            continue  # the same feed filed in two folders
        seen.add(key)
        if len(seen) > MAX_FEEDS:
            raise OpmlError(f"{path}: over {MAX_FEEDS:,} feeds; nothing imported")
        site_raw = _attribute(outline, ("htmlurl",))
        site = web_address(site_raw) if site_raw else None
        out.found.append(Subscription(feed, title, site, category))
    if not out.found and not out.skipped:
        raise OpmlError(f"{path}: no feeds in it (no <outline> with an xmlUrl)")
    return out


def _local_name(element: etree._Element) -> str:
    """An element's tag without its namespace; by string, as lxml's QName raises on the
    names a recovering parser lets through (":99999")."""
    return str(element.tag).rpartition("}")[2]


def _repaired(data: bytes) -> bytes:
    """What readers and hand edits get wrong, put right before parsing (a parser in recovery
    mode would silently drop it, and "?a=1&b=2" would become "?a=1=2", another address):
    a bare "&" escaped, an HTML entity ("&eacute;") written as the character it names, and a
    file declared Latin-1 that is UTF-8 (an exporter that never changed its template) read as
    UTF-8."""
    data = BARE_AMPERSAND.sub(_escaped, data)
    declared = DECLARED_ENCODING.search(data[:200])
    if declared and declared.group(2).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8"):
        try:
            if not data.isascii():
                data.decode("utf-8")
                start, end = declared.span(2)
                data = data[:start] + b"UTF-8" + data[end:]
        except UnicodeDecodeError:
            pass  # it is what it says
    return data


def _escaped(found: re.Match[bytes]) -> bytes:
    name = found.group(1)
    if name is None:
        return b"&amp;"  # a bare ampersand
    if name in XML_ENTITIES:
        return found.group()
    character = html.entities.html5.get(name.decode("ascii") + ";")
    return f"&#{ord(character[0])};".encode() if character else b"&amp;" + found.group()[1:]


def _outlines(root: etree._Element) -> Iterable[tuple[etree._Element, str | None]]:
    """Every outline with the title of the folder it is in (the nearest that has a title)."""
    for outline in root.iter("{*}outline"):
        category = None
        for parent in outline.iterancestors("{*}outline"):
            if _feed_attribute(parent) is None:
                category = clean_text(_attribute(parent, TITLE_ATTRIBUTES) or "") or None
                if category:
                    break
        yield outline, category


def _feed_attribute(outline: etree._Element) -> str | None:
    """The feed address of an outline: its xmlUrl, or the `url` of a feed-typed outline."""
    found = _attribute(outline, FEED_ATTRIBUTES)
    if found is None and (_attribute(outline, ("type",)) or "").lower() in FEED_TYPES:
        return _attribute(outline, ("url",))
    return found


def _attribute(element: etree._Element, names: tuple[str, ...]) -> str | None:
    """An attribute by any of its names, in any case (readers write xmlUrl, xmlurl, XMLURL)."""
    found = {str(key).lower(): str(value) for key, value in element.attrib.items()}
    for name in names:
        value = found.get(name, "").strip()
        if value:
            return value
    return None


def web_address(raw: str) -> str | None:
    """The http(s) address a reader wrote, or None. "feed://" and "feed:https://" (what some
    browsers and readers write for a feed) are the web addresses they wrap."""
    text = raw.strip()
    lowered = text.lower()
    if lowered.startswith("feed:"):
        text = text[5:]
        if text.startswith("//"):
            text = "http:" + text
    try:
        parts = urlsplit(text)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError for a port that is no number
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host or CONTROL.search(text):
        return None
    return urlunsplit((parts.scheme.lower(), parts.netloc, parts.path or "/", parts.query, ""))


def feed_key(url: str) -> str:
    """What makes two addresses one feed: host (without www., any case), path and query; the
    scheme aside (a reader's http:// feed is the config's https:// one)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    port = f":{parts.port}" if parts.port and parts.port not in (80, 443) else ""
    return f"{host}{port}{parts.path.rstrip('/') or '/'}?{parts.query}"


def site_of(subscription: Subscription) -> str:
    """The site a feed belongs to, for grouping feeds into sources: its home page's host when
    the file names one (a FeedBurner feed is its site's), else the feed's."""
    return site_host(subscription.site or subscription.feed)


def site_host(url: str) -> str:
    """An address's site: its host without www. (and its port, if it names one)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    return f"{host}:{parts.port}" if parts.port else host


def clean_text(text: str) -> str:
    """A title as one line of printable text, safe in a TOML comment, and not too long."""
    line = " ".join(CONTROL.sub(" ", text).split())
    return line if len(line) <= MAX_TITLE else line[: MAX_TITLE - 1].rstrip() + "…"


def toml_string(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's for what an address or a title holds)."""
    return json.dumps(text, ensure_ascii=False)


def opml_document(title: str, folders: list[tuple[str, list[tuple[str, str | None]]]]) -> bytes:
    """An OPML 2.0 document: a folder per source, an outline per feed (its address, and its
    site's home page when known), as feed readers import it."""
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = title
    body = etree.SubElement(root, "body")
    for name, feeds in folders:
        folder = etree.SubElement(body, "outline", text=name, title=name)
        for feed, site in feeds:
            outline = etree.SubElement(
                folder, "outline", type="rss", text=name, title=name, xmlUrl=feed
            )
            if site:
                outline.set("htmlUrl", site)
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data
