"""What feeds, sitemaps and home pages list: read without the network or the spider, so each
rule about them (which links are feeds, which sitemaps hold articles, in what order) is a
function of the page alone."""

from __future__ import annotations

import contextlib
import gzip
import io
import logging
import re
import zlib
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from html import escape
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import feedparser
import lxml.etree
import lxml.html
from scrapy.http import Response, TextResponse
from scrapy.link import Link
from scrapy.linkextractors import LinkExtractor
from scrapy.utils.sitemap import Sitemap

from monitor.dates import feed_date, moment
from monitor.decoding import decode_html
from monitor.urls import canonical_url

feedparser.registerDateHandler(feed_date)  # "Пн, 23 ноя 2026 10:00:00 +0300" and the like
log = logging.getLogger(__name__)
# an XML declaration (its encoding= is wrong once the text is decoded)
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemap protocol's own limit, uncompressed
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/rdf+xml",
)
COMMENTS_FEED = re.compile(r"/comments/feed/?$|/comments/?(?:rss|atom|feed)", re.IGNORECASE)
# the sitemaps of WordPress's and Yoast's taxonomy, author and static pages, and the like
NON_ARTICLE_SITEMAP = re.compile(
    r"(?:^|[/_.-])(?:categor(?:y|ies)|tags?|post_tag|authors?|users?|taxonom(?:y|ies))"
    r"(?=[/_.-]|\d|$)|(?:^|/)page-sitemap|-posts-page-",
    re.IGNORECASE,
)
SITEMAP_LINE = re.compile(r"^\s*sitemap\s*:\s*(\S+)", re.IGNORECASE | re.MULTILINE)


def feed_links(response: TextResponse) -> list[str]:
    """The article feeds a home page announces (`<link rel="alternate">` of a feed type), as
    CMSs write them: rel among other tokens or capitalised ("alternate nofollow"), the type with
    parameters ("application/rss+xml; charset=UTF-8"). A comments feed (WordPress announces one
    beside the posts') lists comments, not stories: left out."""
    out: list[str] = []
    for link in response.xpath("//link[@href]"):
        try:
            attrib = link.attrib
        except (KeyError, ValueError):  # an attribute named like a namespace ("{};") in it
            continue
        if "alternate" not in (attrib.get("rel") or "").lower().split():
            continue
        if (attrib.get("type") or "").split(";")[0].strip().lower() not in FEED_TYPES:
            continue
        href = attrib["href"].strip()
        title = (attrib.get("title") or "").lower()
        if COMMENTS_FEED.search(href) or "comments" in title.split():
            continue
        if href and href not in out:
            out.append(href)
    return out


def feed_entries(
    body: bytes, headers: dict[str, str] | None = None, url: str | None = None
) -> tuple[Any, list[tuple[str, str | None, Any]]]:
    """A feed (RSS 0.9x to 2.0, RSS 1.0/RDF, Atom), read by feedparser whatever its encoding or
    breakage, and its entries with a link: (link, date (see entry_date), the entry), in the
    feed's order. `headers`: the HTTP response's (the charset it declares); `url`: the feed's
    address, which relative links and xml:base are resolved against (by feedparser, through
    the Content-Location it reads as the document's base: without one, an entry's own
    xml:base="/news/sub/" and href="../c.html" gave /c.html instead of /news/c.html)."""
    headers = dict(headers or {})
    if url:
        # the server's own Content-Location is no base (RFC 7231 dropped that; servers behind a
        # proxy name an internal host there): the address the feed was read from is
        headers["content-location"] = url
    try:
        parsed = feedparser.parse(io.BytesIO(body), response_headers=headers)
    except (UnicodeError, ValueError, LookupError) as exc:
        # feedparser's own decoding raises on some declarations (an encoding name that is not
        # ASCII, a NUL after the prolog): decoded as the crawler decodes pages, NULs dropped,
        # and read again as the UTF-8 it then is
        log.info("feed %s: feedparser could not decode it (%s): decoded apart", url, exc)
        text = XML_DECLARATION.sub("", decode_html(body, headers.get("content-type")), count=1)
        headers["content-type"] = "application/xml; charset=utf-8"
        parsed = feedparser.parse(
            io.BytesIO(text.replace("\x00", "").encode("utf-8")), response_headers=headers
        )
    listed = [
        (link, entry_date(entry), entry) for entry in parsed.entries if (link := entry_link(entry))
    ]
    return parsed, listed


MIN_FEED_TEXT = 600  # characters: an entry's whole story, not its teaser


def older_feed_page(parsed: Any, url: str, page: int) -> str | None:
    """The address of a feed's next, older page, if it has one: RFC 5005's rel="next" link
    (Atom, or atom:link in RSS), else, for a WordPress feed (its <generator>), ?paged=N, which
    every WordPress feed answers though none announces it. `page`: this one's number (1: the
    feed itself). Relative to `url`, this page's address."""
    feed = parsed.get("feed", {})
    for link in feed.get("links") or []:
        if (link.get("rel") or "").lower() == "next" and link.get("href"):
            return urljoin(url, link["href"].strip())
    detail = feed.get("generator_detail") or {}
    generator = " ".join(
        str(part)
        for part in (feed.get("generator"), detail.get("href"), detail.get("name"))
        if part
    ).lower()
    if "wordpress" not in generator:
        return None
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "paged"]
    query.append(("paged", str(page + 1)))
    return urlunsplit(parts._replace(query=urlencode(query)))


def feed_language(parsed: Any) -> str:
    """The feed's <language> ("en-gb" gives "en"), or ""."""
    language = str(parsed.get("feed", {}).get("language") or "").split("-")[0][:3]
    return language if language.isalpha() else ""


def feed_copy(entry: Any, language: str = "") -> bytes | None:
    """The story as a feed entry gives it whole (content:encoded, Atom content, or a summary as
    long), as a page of its own for the extractor: what is stored when the page itself cannot
    be read (a site that refuses crawlers, a page whose text a script writes). A teaser is no
    story: an entry under MIN_FEED_TEXT characters of text gives none."""
    bodies = [c.get("value") for c in entry.get("content") or [] if c.get("value")]
    body = max([*bodies, entry.get("summary") or ""], key=len)
    if not body or len(" ".join(_text_of(body).split())) < MIN_FEED_TEXT:
        return None
    title = escape(str(entry.get("title") or ""))
    author = escape(str(entry.get("author") or ""), quote=True)
    lang = f' lang="{language}"' if language else ""
    return (
        f'<!DOCTYPE html><html{lang}><head><meta charset="utf-8"><title>{title}</title>'
        + (f'<meta name="author" content="{author}">' if author else "")
        + f"</head><body><article><h1>{title}</h1>{body}</article></body></html>"
    ).encode("utf-8", "replace")


def _text_of(html: str) -> str:
    try:
        return str(lxml.html.fromstring(html).text_content())
    except (ValueError, lxml.etree.ParserError):  # empty or not markup
        return html


def article_links(response: TextResponse, allow: Sequence[str]) -> list[str]:
    """The links of a start page that `allow` takes for articles, on the page's own site (see
    `_own_links`), in page order, once each."""
    return list(dict.fromkeys(canonical_url(link.url) for link in _own_links(response, allow)))


# a path that names one story: a slug of three words or more, a number of four digits or more
# (an id, a year), or a page's file name; not a section's single word (/politics/, /az/)
STORY_PATH = re.compile(
    r"/[^/?#]*[a-z0-9%][-_][^/?#]*[-_][^/?#]*|/[^/?#]*\d{4}|\.s?html?(?:$|[?#])|\.php\?",
    re.IGNORECASE,
)
MIN_HEADLINE_WORDS = 4


def headline_links(response: TextResponse) -> list[str]:
    """The links of a home page that read as stories, for a site that names no feed and has
    no sitemap: on the site, their text a headline (four words or more) and their path a
    story's (a slug, an id), in page order. Section pages among them are found to be listings
    when fetched (monitor.listing_page) and are not stored."""
    return list(
        dict.fromkeys(
            canonical_url(link.url)
            for link in _own_links(response, ())
            if len(link.text.split()) >= MIN_HEADLINE_WORDS and _story_path(link.url)
        )
    )


def _own_links(response: TextResponse, allow: Sequence[str]) -> Iterator[Link]:
    """The page's links that `allow` takes (all, if empty) on its own site: its host with or
    without "www." and their subdomains ("m.", "news."), as sites link between them
    (www.example.org's home page linking example.org/news/...); never another site. Compared
    by host name here: Scrapy's allow_domains compares the address's host and port, and took
    no link at all from a site served on a port of its own (http://127.0.0.1:8080/, :8443)."""
    host = (urlsplit(response.url).hostname or "").lower().removeprefix("www.")
    for link in LinkExtractor(allow=list(allow), unique=True).extract_links(response):
        if _same_site(link.url, host):
            yield link


def _story_path(url: str) -> bool:
    parts = urlsplit(url)
    return bool(STORY_PATH.search(parts.path + ("?" if parts.query else "")))


def _same_site(url: str, host: str) -> bool:
    """Is `url` on `host` (without "www."), or a subdomain of it?"""
    try:
        name = (urlsplit(url).hostname or "").lower()
    except ValueError:  # an invalid port or IPv6 address in a page's link
        return False
    return name == host or name.endswith("." + host)


def entry_link(entry: Any) -> str | None:
    """The entry's article: FeedBurner's original address where it gives one (its own
    feedproxy.google.com links, in feeds that still carry them, no longer redirect)."""
    original = entry.get("feedburner_origlink")
    if original:
        return str(original).strip()
    link = entry.get("link")
    if link:
        return str(link)
    return next((str(lk["href"]) for lk in entry.get("links", []) if lk.get("href")), None)


class NewsSitemap(Sitemap):
    """Scrapy's Sitemap, keeping what a Google News sitemap says of each story, its
    `<news:publication_date>` (Scrapy's keeps the text of `<url>`'s children only, and
    `<news:news>` has none): news sitemaps often give no `<lastmod>`."""

    __slots__ = ()

    def _process_sitemap_element(self, elem: Any) -> dict[str, Any] | None:
        published = _news_publication_date(elem)  # read first: Scrapy's clears the element
        entry = super()._process_sitemap_element(elem)
        if entry is not None and published:
            entry["publication_date"] = published
        return entry


def _news_publication_date(elem: Any) -> str | None:
    for child in elem:
        if _local_name(child) == "news":
            for part in child:
                if _local_name(part) == "publication_date" and part.text:
                    return str(part.text).strip()
    return None


def _local_name(elem: Any) -> str:
    """An element's tag without its namespace ("" for a comment or a processing instruction)."""
    tag = elem.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def newest_first(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Sitemap entries by their lastmod (else a news sitemap's publication date), newest
    first; undated or unreadable ones after the dated, in document order (the sort is stable)."""
    oldest = datetime.min.replace(tzinfo=UTC)

    def when(entry: dict[str, Any]) -> datetime:
        for key in ("lastmod", "publication_date"):
            raw = entry.get(key)
            if (found := moment(raw) or moment(_sitemap_time(raw))) is not None:
                return found
        return oldest

    return sorted(entries, key=when, reverse=True)


RFC_822 = re.compile(r"(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d")


def sitemap_date(entry: dict[str, Any]) -> str | None:
    """When a sitemap says a story was published (its news publication date, else its lastmod;
    a day at least), as the archive writes dates."""
    for key in ("publication_date", "lastmod"):
        if (when := _sitemap_time(entry.get(key))) is not None:
            return when
    return None


def sitemap_modified(entry: dict[str, Any]) -> str | None:
    """A sitemap entry's `<lastmod>`: when the page last changed, as the site says."""
    return _sitemap_time(entry.get("lastmod"))


def _sitemap_time(raw: Any) -> str | None:
    value = str(raw or "").strip()
    when = moment(value) if len(value) >= 10 else None
    if when is None and RFC_822.match(value):
        # the protocol wants W3C dates; some generators write the feed's kind
        # ("Sun, 29 Nov 2026 10:00:00 GMT"), which is no less the page's date
        with contextlib.suppress(TypeError, ValueError, IndexError):
            when = parsedate_to_datetime(value)
        if when is not None and when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return when.astimezone(UTC).isoformat(timespec="seconds") if when else None
    if when is None:
        return None
    if len(value) == 10:
        return when.date().isoformat()
    return when.astimezone(UTC).isoformat(timespec="seconds")


def entry_date(entry: Any) -> str | None:
    """A feed entry's publication (else update) time, UTC, as the archive writes dates."""
    # read as a plain dict: feedparser's own get() maps a missing updated_parsed to
    # published_parsed with a deprecation warning for every undated entry
    return _feed_time(dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed"))


def entry_modified(entry: Any) -> str | None:
    """When a feed entry says its story was last edited (Atom's `<updated>`, an RSS item's
    `atom:updated` or `dcterms:modified`), UTC; None where it gives no such time."""
    return _feed_time(dict.get(entry, "updated_parsed"))


def _feed_time(parsed: Any) -> str | None:
    if not parsed:
        return None
    try:
        year, month, day, hour, minute, second = parsed[:6]
        moment = datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except (TypeError, ValueError):
        return None
    return moment.isoformat(timespec="seconds")


def sitemap_body(response: Response) -> bytes | None:
    body = response.body
    if body[:2] == b"\x1f\x8b":
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(body)) as unzipped:
                body = unzipped.read(MAX_SITEMAP_BYTES + 1)
        except (OSError, EOFError, zlib.error):  # not gzip, cut short, or corrupt inside
            return None
        if len(body) > MAX_SITEMAP_BYTES:
            return None
    return body if b"<" in body[:1024] else None
