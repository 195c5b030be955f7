"""Feed dates in the languages we watch, read through feedparser with our handler."""

from __future__ import annotations

import feedparser
import pytest

import spiders.news  # noqa: F401 - registers monitor.dates.feed_date with feedparser
from monitor.dates import refines


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
        '{"url": "https://e.org/b", "date_modified": "Friday"}, {"url": 5}, "x"]}'
    ).encode()
    assert json_feed_entries(body) == [
        ("https://e.org/a", "2026-11-20T06:00:00+00:00"),
        ("https://e.org/b", None),
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
