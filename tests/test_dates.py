"""Feed dates in the languages we watch, read through feedparser with our handler."""

from __future__ import annotations

import feedparser
import pytest

import spiders.news  # noqa: F401 - registers monitor.dates.feed_date with feedparser
from monitor.dates import refines
from monitor.extract import extract_article
from monitor.zones import in_site_zone, zoned_by_listing


@pytest.mark.parametrize(
    ("written", "utc"),
    [
        ("Пн, 23 ноя 2026 10:00:00 +0300", (2026, 11, 23, 7, 0, 0)),
        ("Pzt, 23 Kas 2026 10:00:00 GMT", (2026, 11, 23, 10, 0, 0)),
        ("B.e., 23 noyabr 2026 10:00", (2026, 11, 23, 10, 0, 0)),
        ("Di, 3 Mär 2026 10:00:00 +0100", (2026, 3, 3, 9, 0, 0)),
        # English and named zones stay feedparser's own: EST is five hours behind UTC
        ("Mon, 23 Nov 2026 10:00:00 EST", (2026, 11, 23, 15, 0, 0)),
        ("2026-11-23T10:00:00+04:00", (2026, 11, 23, 6, 0, 0)),
        # unknown: no date rather than a wrong one
        ("Пн, 23 ноя 2026 10:00:00 MSK", None),
        ("Mo, 31 Feb 2026 10:00", None),
        ("soon", None),
    ],
)
def test_feed_dates_in_other_languages_are_read_and_english_ones_left_to_feedparser(
    written: str, utc: tuple[int, ...] | None
) -> None:
    feed = f"<rss><channel><item><link>http://a.org/1</link><pubDate>{written}</pubDate></item></channel></rss>"
    parsed = feedparser.parse(feed).entries[0].get("published_parsed")
    assert (tuple(parsed[:6]) if parsed else None) == utc


def test_a_json_feed_items_dates_are_utc_and_junk_is_no_feed() -> None:
    from spiders.json_feed import json_feed_entries

    body = (
        '\ufeff{"version": "https://jsonfeed.org/version/1", "items": ['
        '{"url": "https://e.org/a", "date_published": "2026-11-20T10:00:00+04:00"},'
        '{"url": "https://e.org/b", "date_modified": "Friday"}, {"url": 5}, "x",'
        '{"url": "https://e.org/c", "date_published": "2026-11-20T10:00:00Z",'
        ' "date_modified": "2026-11-21T08:30:00-01:00"}]}'
    ).encode()
    assert json_feed_entries(body) == [
        ("https://e.org/a", "2026-11-20T06:00:00+00:00", None),
        ("https://e.org/b", None, None),
        ("https://e.org/c", "2026-11-20T10:00:00+00:00", "2026-11-21T09:30:00+00:00"),
    ]
    assert json_feed_entries(b'{"version": "1", "items": []}') is None
    assert json_feed_entries(b"[" * 100_000) is None  # nested beyond the parser's limit
    assert json_feed_entries(b"\xff{") is None


@pytest.mark.parametrize(
    ("day", "stamp", "refined"),
    [
        ("2026-11-25", "2026-11-25T07:15:00+00:00", True),
        ("2026-11-25", "2026-11-24T10:00:00+00:00", True),  # the 25th at UTC+14
        ("2026-11-25", "2026-11-24T09:59:00+00:00", False),  # in no zone the 25th yet
        ("2026-11-25", "2026-11-26T11:59:00+00:00", True),  # still the 25th at UTC-12
        ("2026-11-25", "2026-11-26T12:00:00+00:00", False),
        ("2026-11-25", "2026-11-25", False),  # a day gives no time
        ("2026-11-25T07:15:00+00:00", "2026-11-25T09:00:00+00:00", False),  # the page's time
        ("2026-11-25", "soon", False),
    ],
)
def test_a_listings_time_refines_a_pages_day_only_on_that_day(
    day: str, stamp: str, refined: bool
) -> None:
    assert refines(day, stamp) is refined


@pytest.mark.parametrize(
    ("page", "stored"),
    [
        # the same minute in JSON-LD, with its zone
        (
            '<meta property="article:published_time" content="2024-09-03T04:03:19">'
            '<script type="application/ld+json">{"datePublished":"2024-09-03T04:03:19Z"}</script>',
            "2024-09-03T04:03:19+00:00",
        ),
        # in a script variable, with fractions of a second
        (
            '<meta property="article:published_time" content="2019-11-19T18:18:25.828095">'
            '<script>var page = {"publishTime": "2019-11-19T18:18:25.828095-08:00"};</script>',
            "2019-11-20T02:18:25+00:00",
        ),
        # with a zone's abbreviation, and with the offset written without a colon
        (
            '<meta property="article:published_time" content="2021-01-03T17:40:00">'
            '<script type="application/ld+json">{"datePublished":"2021-01-03T17:40:00EET"}</script>',
            "2021-01-03T15:40:00+00:00",
        ),
        (
            '<meta property="article:published_time" content="2026-11-26T14:30">'
            '<span data-time="2026-11-26 14:30 +0400">14:30</span>',
            "2026-11-26T10:30:00+00:00",
        ),
        # two zones for that minute, an abbreviation of two zones, another minute's zone: none
        (
            '<meta property="article:published_time" content="2026-11-26T14:30:00">'
            '<i data-a="2026-11-26T14:30:00Z"></i><i data-b="2026-11-26T14:30:00+04:00"></i>',
            "2026-11-26T14:30:00",
        ),
        (
            '<meta property="article:published_time" content="2026-11-26T14:30:00">'
            '<i data-a="2026-11-26 14:30 IST"></i>',
            "2026-11-26T14:30:00",
        ),
        (
            '<meta property="article:published_time" content="2026-11-26T14:30:00">'
            '<meta property="article:modified_time" content="2026-11-26T16:05:00+04:00">',
            "2026-11-26T14:30:00",
        ),
    ],
)
def test_a_time_without_a_zone_takes_the_zone_the_page_writes_that_minute_in(
    page: str, stored: str
) -> None:
    body = "".join(
        f"<p>The council met for the {n}th time on the harbour plan and {n} members asked for"
        " a vote before the end of the session, which the chair refused.</p>"
        for n in range(4, 12)
    )
    html = f"<html><head>{page}</head><body><article><h1>Harbour</h1>{body}</article></body></html>"
    article = extract_article(html, "https://e.org/news/harbour").article
    assert article is not None
    assert article.published == stored


@pytest.mark.parametrize(
    ("page", "listed", "stored"),
    [
        ("2026-11-26T14:30:00", "2026-11-26T10:30:00+00:00", "2026-11-26T10:30:00+00:00"),
        ("2026-11-26T14:30:25", "2026-11-26T10:30:00+00:00", "2026-11-26T10:30:25+00:00"),
        ("2026-11-26T14:30:00", "2026-11-26T08:45:00+00:00", "2026-11-26T08:45:00+00:00"),
        ("2026-11-26T06:30:00", "2026-11-26T10:00:00Z", "2026-11-26T10:00:00+00:00"),
        ("2026-11-26T01:00:00", "2026-11-25T13:00:00+00:00", "2026-11-25T13:00:00+00:00"),
        # another moment: minutes off a zone, seconds that differ, more than a zone apart
        ("2026-11-26T14:30:00", "2026-11-26T10:23:00+00:00", None),
        ("2026-11-26T14:30:25", "2026-11-26T10:30:40+00:00", None),
        ("2026-11-26T14:30:00", "2026-11-25T10:30:00+00:00", None),
        # not a time without a zone, or no listing's zone
        ("2026-11-26", "2026-11-26T10:30:00+00:00", None),
        ("2026-11-26T14:30:00+04:00", "2026-11-26T10:30:00+00:00", None),
        ("2026-11-26T14:30:00", "2026-11-26T10:30:00", None),
    ],
)
def test_a_listings_time_gives_a_page_time_its_zone_when_they_are_one_moment(
    page: str, listed: str, stored: str | None
) -> None:
    assert zoned_by_listing(page, listed) == stored


@pytest.mark.parametrize(
    ("page", "zone", "stored"),
    [
        ("2026-11-26T09:00:00", "Asia/Baku", "2026-11-26T05:00:00+00:00"),
        ("2026-11-26T09:00", "Asia/Kolkata", "2026-11-26T03:30:00+00:00"),
        # the zone's rules of that day: summer time in July, not in November
        ("2026-07-01T12:00:00", "Europe/London", "2026-07-01T11:00:00+00:00"),
        ("2026-11-26T12:00:00", "Europe/London", "2026-11-26T12:00:00+00:00"),
        # the hour clocks go back (25 October 2026 in London) happens twice: its first
        ("2026-10-25T01:30:00", "Europe/London", "2026-10-25T00:30:00+00:00"),
        ("2026-11-26T00:30:00", "America/New_York", "2026-11-26T05:30:00+00:00"),
        # a day alone, or a time that gives its zone: not the site's to change
        ("2026-11-26", "Asia/Baku", None),
        ("2026-11-26T09:00:00+02:00", "Asia/Baku", None),
        ("2026-11-26T09:00:00Z", "Asia/Baku", None),
        (None, "Asia/Baku", None),
    ],
)
def test_a_time_without_a_zone_is_read_on_the_clock_of_the_sites_zone(
    page: str | None, zone: str, stored: str | None
) -> None:
    assert in_site_zone(page, zone) == stored


@pytest.mark.parametrize(
    ("lastmod", "read"),
    [
        ("2026-11-29T10:00:00+03:00", "2026-11-29T07:00:00+00:00"),  # W3C, as the protocol says
        ("2026-11-29", "2026-11-29"),
        # a feed's kind of date, which some generators write: read, not dropped
        ("Sun, 29 Nov 2026 10:00:00 GMT", "2026-11-29T10:00:00+00:00"),
        ("29 Nov 2026 10:00:00 +0300", "2026-11-29T07:00:00+00:00"),
        ("Sun, 31 Feb 2026 10:00:00 GMT", None),
        ("yesterday", None),
    ],
)
def test_a_sitemaps_dates_are_read_in_the_forms_sites_write(lastmod: str, read: str | None) -> None:
    from spiders.listings import newest_first, sitemap_date, sitemap_modified

    assert sitemap_date({"lastmod": lastmod}) == read
    assert sitemap_modified({"lastmod": lastmod}) == read
    older = {"loc": "https://e.org/old", "lastmod": "2026-01-01"}
    entry = {"loc": "https://e.org/new", "lastmod": lastmod}
    assert newest_first([older, entry])[0] is (entry if read else older)
