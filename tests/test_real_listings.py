"""The real feeds and sitemaps of ../shared/data/real-pages (RSS 2.0, RSS 1.0/RDF, Atom, news,
image, video and hreflang sitemaps, gzipped ones, an index; UTF-8, ISO-8859-1, windows-1251)
read as the spider reads them, against an independent reading of the same XML with lxml: every
entry's link and date, in order, nothing lost or invented."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from spiders.listings import (
    MIN_FEED_TEXT,
    SITEMAP_LINE,
    NewsSitemap,
    feed_copy,
    feed_entries,
    feed_language,
    sitemap_date,
)
from tests.conftest import SHARED_DATA, shared_data

REAL = SHARED_DATA / "real-pages"


def files(folder: str, *suffixes: str) -> list[str]:
    """The folder's files (collected before shared_data can skip: a placeholder if absent)."""
    found = sorted(p.name for p in (REAL / folder).glob("*") if p.name.endswith(suffixes))
    return found or ["(../shared/data absent)"]


def xml(body: bytes) -> etree._Element:
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True)
    return etree.fromstring(body, parser)


def local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def children(element: etree._Element) -> dict[str, list[etree._Element]]:
    out: dict[str, list[etree._Element]] = {}
    for child in element:
        out.setdefault(local(child), []).append(child)
    return out


def utc(text: str, *, rfc822: bool) -> str:
    moment = parsedate_to_datetime(text) if rfc822 else datetime.fromisoformat(text)
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def feed_items(body: bytes) -> Iterator[dict[str, list[etree._Element]]]:
    """The children of each <item> (RSS, RDF) or <entry> (Atom), by local name."""
    for item in xml(body).iter():
        if local(item) in ("item", "entry"):
            yield children(item)


def item_link(kids: dict[str, list[etree._Element]]) -> str | None:
    """A <link>'s text, else an Atom alternate link's href."""
    for element in kids.get("link", []):
        if (element.text or "").strip():
            return str(element.text).strip()
        if element.get("href") and element.get("rel", "alternate") == "alternate":
            return str(element.get("href")).strip()
    return None


def expected_entries(body: bytes) -> list[tuple[str, str | None]]:
    """Each item's link and its publication time (else its update time) in UTC."""
    out = []
    for kids in feed_items(body):
        link = item_link(kids)
        date = None
        for name in ("published", "pubDate", "date", "issued", "updated", "modified"):
            if kids.get(name):
                date = utc((kids[name][0].text or "").strip(), rfc822=name == "pubDate")
                break
        if link:
            out.append((link, date))
    return out


@pytest.mark.parametrize("name", files("feeds", ".xml", ".atom"))
def test_a_real_feed_gives_every_entry_with_its_link_and_date(name: str) -> None:
    body = shared_data("real-pages", "feeds", name).read_bytes()
    parsed, listed = feed_entries(body)
    expected = expected_entries(body)
    assert expected, "the oracle read no entries"
    assert [(link, date) for link, date, _ in listed] == expected
    assert not parsed.bozo, parsed.get("bozo_exception")


def whole_stories(body: bytes) -> set[str]:
    """The links of the entries whose own text (content:encoded, Atom content or summary,
    markup read as text) is a whole story, MIN_FEED_TEXT characters or more."""
    out = set()
    for kids in feed_items(body):
        texts = []
        for name in ("encoded", "content", "description", "summary"):
            for element in kids.get(name, []):
                markup = "".join(element.itertext())
                inner = lxml_html.fromstring(markup).text_content() if markup.strip() else ""
                texts.append(" ".join(inner.split()))
        if max(map(len, texts), default=0) >= MIN_FEED_TEXT and (link := item_link(kids)):
            out.add(link)
    return out


@pytest.mark.parametrize("name", files("feeds", ".xml", ".atom"))
def test_a_real_feeds_whole_stories_are_kept_as_pages_and_its_teasers_are_not(name: str) -> None:
    body = shared_data("real-pages", "feeds", name).read_bytes()
    parsed, listed = feed_entries(body)
    language = feed_language(parsed)
    copies = {link: copy for link, _, entry in listed if (copy := feed_copy(entry, language))}
    assert set(copies) == whole_stories(body)
    for copy in copies.values():
        page = lxml_html.fromstring(copy)
        assert page.xpath("//article/h1") and len(page.text_content()) >= MIN_FEED_TEXT


def expected_locations(body: bytes) -> tuple[str, list[tuple[str, str | None]]]:
    """The root (urlset or sitemapindex) and each <url>/<sitemap>: its own <loc> (not an
    image's or a video's) and its news publication date, else its lastmod."""
    root = xml(body)
    out = []
    for entry in root:
        if local(entry) not in ("url", "sitemap"):
            continue
        kids = children(entry)
        published = [
            part.text.strip()
            for news in kids.get("news", [])
            for part in news
            if local(part) == "publication_date" and part.text
        ]
        dates = published + [(e.text or "").strip() for e in kids.get("lastmod", [])]
        date = None
        if dates:
            value = dates[0]
            date = value if len(value) == 10 else utc(value.replace("Z", "+00:00"), rfc822=False)
        out.append(((kids["loc"][0].text or "").strip(), date))
    return local(root), out


@pytest.mark.parametrize("name", files("sitemaps", ".xml", ".xml.gz"))
def test_a_real_sitemap_gives_every_page_with_its_date(name: str) -> None:
    body = shared_data("real-pages", "sitemaps", name).read_bytes()
    if body[:2] == b"\x1f\x8b":
        body = gzip.decompress(body)
    sitemap = NewsSitemap(body)
    kind, expected = expected_locations(body)
    assert expected, "the oracle read no entries"
    assert sitemap.type == kind
    assert [(entry["loc"], sitemap_date(entry)) for entry in sitemap] == expected


def test_the_real_robots_txt_names_its_sitemap() -> None:
    text = shared_data("real-pages", "sitemaps", "robots.txt").read_text(encoding="utf-8")
    assert SITEMAP_LINE.findall(text) == ["https://advertools.readthedocs.io/sitemap.xml"]


def test_the_real_listings_are_read_in_place() -> None:
    """They are other people's data: read from ../shared/data, never copied here."""
    ours = Path(__file__).resolve().parent.parent
    names = {p.name for p in (REAL / "feeds").glob("*")} | {
        p.name for p in (REAL / "sitemaps").glob("*") if p.name != "robots.txt"
    }
    assert not [p for p in ours.rglob("*") if p.name in names and ".git" not in p.parts]
