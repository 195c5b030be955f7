"""The zone of a publication time the page states without one.

Many templates write the same moment twice: `article:published_time` as a bare wall clock
("2024-09-03T04:03:19") and JSON-LD or a script variable with its zone ("...04:03:19Z",
"2019-11-19T18:18:25.828095-08:00", "2021-01-03T17:40:00EET"). htmldate takes the first it
reads, and a time without a zone would be stored as if it were UTC: hours off for every site
outside Greenwich, which `--since`, `alert_max_age` and digests then believe. So the page's
own other writings of that minute lend it their zone (when they agree on one); failing that,
the time its feed or sitemap gives the page, when the two differ by a whole zone offset, says
which zone the page's clock is in.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

# the zone abbreviations news pages write after a time, each with one meaning in news
# (CST, IST, AMT and the other abbreviations shared by two zones are left out)
ABBREVIATIONS = {
    "UTC": 0, "GMT": 0, "UT": 0, "Z": 0, "WET": 0, "WEST": 60, "BST": 60,
    "CET": 60, "CEST": 120, "MEZ": 60, "MESZ": 120, "EET": 120, "EEST": 180,
    "MSK": 180, "TRT": 180, "AZT": 240, "GET": 240, "SAMT": 240,
    "EST": -300, "EDT": -240, "CDT": -300, "MST": -420, "MDT": -360,
    "PST": -480, "PDT": -420, "AKST": -540, "AKDT": -480, "HST": -600,
    "JST": 540, "KST": 540, "HKT": 480, "SGT": 480, "AEST": 600, "AEDT": 660,
    "NZST": 720, "NZDT": 780,
}  # fmt: skip
NAIVE = re.compile(r"((?:19|20)\d\d-[01]\d-[0-3]\d)T([0-2]\d:[0-5]\d)(:[0-5]\d)?")
# what follows the minute where the page writes it again: seconds, a fraction, then its zone
AFTER_MINUTE = re.compile(
    r"(?::[0-5]\d(?:[.,]\d{1,9})?)?\s?"
    r"(?:(Z(?![A-Za-z]))|([+-])([01]\d):?([0-5]\d)(?!\d)|([A-Z]{2,4})(?![A-Za-z]))"
)
MAX_WRITINGS = 20  # places in a page one minute is written: a page's stamps, not a log
# minutes east of UTC of the world's zones, summer times included
OFFSETS = frozenset(
    [60 * hours for hours in range(-12, 15)]
    + [-570, -210, -150, 210, 270, 330, 345, 390, 525, 570, 630, 765, 825]
)


def naive_time(value: str | None) -> bool:
    """An ISO 8601 time of day without a zone ("2026-11-28T14:30:00")?"""
    return bool(value) and NAIVE.fullmatch(value.strip()) is not None  # type: ignore[union-attr]


def zoned_by_page(html: str, value: str) -> str | None:
    """`value` (a time without a zone) with the zone the page writes that same minute in
    elsewhere, or None if it never does, or with two zones."""
    stamp = NAIVE.fullmatch(value.strip())
    if stamp is None:
        return None
    day, minute = stamp.group(1), stamp.group(2)
    offsets: set[int] = set()
    for joint in ("T", " "):
        needle = f"{day}{joint}{minute}"
        at, seen = html.find(needle), 0
        while at >= 0 and seen < MAX_WRITINGS:
            offset = offset_after(html, at + len(needle))
            if offset is not None:
                offsets.add(offset)
            at, seen = html.find(needle, at + len(needle)), seen + 1
    if len(offsets) != 1:
        return None
    return _aware(value, timedelta(minutes=offsets.pop()))


def offset_after(text: str, at: int) -> int | None:
    """Minutes east of UTC of the zone written right after a minute (which ends at `at`), if
    one is."""
    zone = AFTER_MINUTE.match(text, at)
    if zone is None:
        return None
    z, sign, hours, minutes, name = zone.groups()
    if z:
        return 0
    if sign:
        return (-1 if sign == "-" else 1) * (int(hours) * 60 + int(minutes))
    return ABBREVIATIONS.get(name)


def zoned_by_listing(value: str, listed: str) -> str | None:
    """`value` (a page's time without a zone) in UTC, where the time its feed or sitemap gives
    the page (`listed`, with a zone) is the same moment on a clock a zone's offset away (one of
    the offsets zones use: whole hours from UTC-12 to UTC+14, and +5:30, +5:45, -3:30 and the
    other such), to the second, or to the minute where the listing gives none; else None (the
    listing's time is another moment: an update's, the sitemap's lastmod)."""
    if not naive_time(value):
        return None
    try:
        wall = datetime.fromisoformat(value.strip())
        at = datetime.fromisoformat(listed.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if at.tzinfo is None:
        return None
    apart = int((wall - at.astimezone(UTC).replace(tzinfo=None)).total_seconds())
    minutes, seconds = divmod(apart, 60)
    if seconds and at.second:  # the listing has seconds: the same ones
        return None
    if minutes not in OFFSETS:
        return None
    return _aware(value, timedelta(minutes=minutes))


def in_site_zone(value: str | None, zone: str) -> str | None:
    """`value` (a page's time without a zone) read on the clock of the IANA zone the source
    says its site writes in (`site_timezone`), as UTC; None for a value that is not such a time.

    The last word, after the page and its listing have said nothing: a Baku site's "09:00"
    stored as 09:00 UTC is four hours off for `--since`, `alert_max_age` and digests. The
    zone's own rules give the offset of that day, summer time included; a wall clock that
    happens twice (the hour clocks go back) is taken at its first."""
    if value is None or not naive_time(value):
        return None
    try:
        wall = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return wall.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC).isoformat(timespec="seconds")


def _aware(value: str, offset: timedelta) -> str:
    """The wall clock `value`, in the zone `offset` east of UTC, as a UTC ISO 8601 time."""
    wall = datetime.fromisoformat(value.strip()).replace(tzinfo=timezone(offset))
    return wall.astimezone(UTC).isoformat(timespec="seconds")
