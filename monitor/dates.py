"""A page's publication date: htmldate's, never a guess dressed as a date.

htmldate's extensive search, when it finds no date, falls back to a bare year anywhere in the
page ("the 2026 budget") and reports it as 1 January of that year: an exact-looking date that is
false, which a "since" query or `alert_max_age` then believes. Such a 1 January is kept only when
the page spells it (or htmldate's markup-only search finds it too).

The search also misses a date written after a label in the languages we watch ("Опубликовано: 27
ноября 2026", "Yayımlanıb: 27 noyabr 2026", "გამოქვეყნდა: 27 ნოემბერი 2026"): where htmldate
finds nothing, the date-marked elements (a <time>, or a class, id or itemprop naming a date) are
read for "day month year" (or "month day, year", or the year first) with the month's name in
English, Russian, Ukrainian, Azerbaijani, Turkish, Georgian, Armenian, German or French.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from itertools import islice

from lxml.etree import Element, XPath
from lxml.html import HtmlElement

from monitor.zones import offset_after

OUTPUT = "%Y-%m-%dT%H:%M:%S%z"
MONTHS = {
    1: "january jan января январь янв січня yanvar ocak oca januar janvier janv"
    " იანვარი იანვრის იანვარს იან հունվար հունվարի",
    2: "february feb февраля февраль фев лютого fevral şubat şub februar février févr"
    " თებერვალი თებერვლის თებერვალს თებ փետրվար փետրվարի",
    3: "march mar марта март мар березня mart märz mär mars მარტი მარტის მარტს მარ մարտ մարտի",
    4: "april apr апреля апрель апр квітня aprel nisan nis avril avr"
    " აპრილი აპრილის აპრილს აპრ ապրիլ ապրիլի",
    5: "may мая май травня mayıs mai მაისი მაისის მაისს მაი մայիս մայիսի",
    6: "june jun июня июнь июн червня iyun haziran haz juni juin"
    " ივნისი ივნისის ივნისს ივნ հունիս հունիսի",
    7: "july jul июля июль июл липня iyul temmuz tem juli juillet juil"
    " ივლისი ივლისის ივლისს ივლ հուլիս հուլիսի",
    8: "august aug августа август авг серпня avqust ağustos ağu août"
    " აგვისტო აგვისტოს აგვ օգոստոս օգոստոսի",
    9: "september sep sept сентября сентябрь сен вересня sentyabr eylül eyl septembre"
    " სექტემბერი სექტემბრის სექტემბერს სექ սեպտեմբեր սեպտեմբերի",
    10: "october oct октября октябрь окт жовтня oktyabr ekim eki oktober okt octobre"
    " ოქტომბერი ოქტომბრის ოქტომბერს ოქტ հոկտեմբեր հոկտեմբերի",
    11: "november nov ноября ноябрь ноя листопада noyabr kasım kas novembre"
    " ნოემბერი ნოემბრის ნოემბერს ნოე նոյեմբեր նոյեմբերի",
    12: "december dec декабря декабрь дек грудня dekabr aralık ara dezember dez décembre déc"
    " დეკემბერი დეკემბრის დეკემბერს დეკ դեկտեմբեր դեկտեմբերի",
}
# feedparser reads these itself (and the zones written by name that come with them)
ENGLISH_MONTHS = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
     "sept", "oct", "nov", "dec"}
)  # fmt: skip
MONTH_NUMBER = {name: number for number, names in MONTHS.items() for name in names.split()}
NAMES = "|".join(sorted(MONTH_NUMBER, key=len, reverse=True))
DAY_MONTH_YEAR = re.compile(
    rf"(?<!\w)(\d{{1,2}})\.?\s+({NAMES})\.?,?\s+((?:19|20)\d\d)(?!\d)"
    r"(?:\D{0,12}?(\d{1,2})[:.](\d{2})(?!\d))?",
    re.IGNORECASE,
)
MONTH_DAY_YEAR = re.compile(
    rf"(?<!\w)({NAMES})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)(?!\d)",
    re.IGNORECASE,
)
# the year first, as Armenian, Georgian and Azerbaijani write a date ("2026 թ. նոյեմբերի 27",
# "2026 წლის 27 ნოემბერი", "2026-cı il 27 noyabr"): a few letters of "year" between
YEAR_FIRST = re.compile(
    rf"(?<!\d)((?:19|20)\d\d)(?!\d)[^\d\n]{{0,12}}?(?<!\w)(?:(\d{{1,2}})\.?\s+({NAMES})"
    rf"|({NAMES})\.?\s+(\d{{1,2}}))(?!\w)",
    re.IGNORECASE,
)
# an RFC 822 feed date written in another language ("Пн, 23 ноя 2026 10:00:00 +0300"), which
# feedparser does not read
FEED_DATE = re.compile(
    rf"(?<!\d)(\d{{1,2}})\.?\s+({NAMES})\.?\s+((?:19|20)\d\d)"
    r"(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?(?:\s*([+-]\d{2}):?(\d{2})|\s*(?:gmt|utc|z)\b)?",
    re.IGNORECASE,
)
# a date in figures, day first or month first (which, the day htmldate found tells), and the
# year first as ISO 8601 writes it with a space before its time
NUMERIC_DATE = re.compile(r"(?<![\d.])(\d{1,2})([./-])(\d{1,2})\2((?:19|20)\d\d)(?!\d)")
ISO_DAY = re.compile(r"(?<!\d)(?:19|20)\d\d-[01]\d-[0-3]\d(?![\d:])")
# a time of day right after a date ("29.11.2026 14:35", ", 2:35 PM", " в 14:35", " at 14.35")
# or right before it ("14:35, 29.11.2026", "14:35 | 29 ноября 2026")
TIME = r"([0-2]?\d)[:.]([0-5]\d)(?::([0-5]\d))?(?!\d|[:.]\d)(?:\s*([AaPp])\.?\s?[Mm]\.?(?!\w))?"
# an edit's time, not the publication's: "Updated 29.11.2026 16:20"
UPDATED = re.compile(
    r"(?i:updated?|last\s+modified|modified|обновлено|обновлён|оновлено|yenilənib|yeniləndi|"
    r"güncellendi|güncelleme|aktualisiert|mis\s+à\s+jour|actualizado|aggiornato)\W{0,3}$"
)
TIME_AFTER = re.compile(rf"[^\d\w]{{0,4}}(?:[^\W\d_]{{1,4}}[^\d\w]{{1,3}})?{TIME}")
TIME_BEFORE = re.compile(rf"(?<![\d:.]){TIME}[^\d\w]{{1,4}}$")
DATE_MARKED = XPath(
    "//time | //*[contains(translate(@class, 'DATE', 'date'), 'date')"
    " or contains(translate(@id, 'DATE', 'date'), 'date')"
    " or contains(@itemprop, 'date') or contains(@class, 'publish') or contains(@class, 'time')]"
)
# where a page states when it was published, to the second: Open Graph and its variants,
# schema.org microdata, the <time pubdate> of HTML5 drafts, Dublin Core and two analytics tags
# (see _published_stamps)
PUBLISHED_PROPERTIES = frozenset(
    ("article:published_time", "og:article:published_time", "article:published", "og:pubdate")
)
PUBLISHED_NAMES = frozenset(("pubdate", "parsely-pub-date", "sailthru.date"))
DUBLIN_CORE = str.maketrans("DCATEISU", "dcateisu")  # "DC.date.Issued" and its spellings
LD_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]{10,40})"')
# a timestamp to the minute at least, with or without a zone (fractions of a second dropped)
ISO_STAMP = re.compile(
    r"\s*((?:19|20)\d\d-[01]\d-[0-3]\d)[T ]([0-2]\d):([0-5]\d)(?::([0-5]\d)(?:[.,]\d+)?)?"
    r"\s*(Z|[+-][01]\d:?[0-5]\d)?\s*$",
    re.IGNORECASE,
)
MAX_STAMPS = 5
MAX_MARKED = 40  # date-marked elements read: the article's own date is near its top
MAX_TEXT = 120  # characters: a date line, not a paragraph that mentions a date
MAX_META = 200  # meta tags read for a publication date written in words
PUBLISHED_NAME = re.compile(r"original|publi|creat|release|issued|posted")
EDIT_NAME = re.compile(r"modif|updat|edit|expir")


def publication_date(tree: HtmlElement, url: str) -> str | None:
    """ISO 8601 (htmldate's format, with a time and zone when the page gives them) or None."""
    from htmldate import find_date  # here: the crawler reads feed dates with this module

    found = find_date(
        tree,
        url=url,
        extensive_search=True,
        original_date=True,  # the publication date, not the last modification
        outputformat=OUTPUT,
    )
    if found and _bare_new_year(found) and not _spelled_new_year(tree, url, found):
        found = None
    if found and _date_only(found):
        found = _with_time(tree, found)
    return found or _labelled_date(tree)


def writes_a_date(text: str) -> bool:
    """Does the text write a date: "08/01/2014", "2014-01-08", "8 January 2014", "Jan. 8,
    2014", "8 января 2014" (a time after it allowed)?"""
    return any(
        pattern.search(text) is not None
        for pattern in (NUMERIC_DATE, ISO_DAY, DAY_MONTH_YEAR, MONTH_DAY_YEAR)
    )


def _date_only(found: str) -> bool:
    return found[10:19] in ("", "T00:00:00") and len(found) <= 19


def _with_time(tree: HtmlElement, found: str) -> str:
    """The page's own timestamp for the day htmldate found. htmldate takes a date in the URL
    (/2026/11/20/, as most news sites write it) before the markup, and reads many pages'
    timestamps ("2019-11-19T11:00:09.000Z" in itemprop=datePublished) as a day only: 20
    November with no time, though "2026-11-20T01:00:00+04:00" is the 19th in UTC, and a
    "since" or `alert_max_age` counted in hours saw a whole day. A stamp the markup gives as
    published is taken where it falls on that day (as the page writes it, in its own zone);
    another day would be an update's or a related story's, and htmldate's day stands."""
    for value in _published_stamps(tree):
        stamp = ISO_STAMP.match(value)
        if stamp is None or stamp.group(1) != found[:10]:
            continue
        day, hour, minute, second, zone = stamp.groups()
        zone = "" if zone is None else "+0000" if zone.upper() == "Z" else zone.replace(":", "")
        return f"{day}T{hour}:{minute}:{second or '00'}{zone}"
    return _shown_time(tree, found[:10]) or found


def _shown_time(tree: HtmlElement, day: str) -> str | None:
    """The time a date-marked element shows beside the day htmldate found, which it reads as
    a day alone ("29.11.2026 14:35", "Nov 29, 2026 2:35 PM", "14:35, 29 Kasım 2026"): with the
    zone written after it ("08:00 GMT", "7:47 PM EST"), else as the page writes it, without
    one (the crawl gives it one where the page, its listing or the source's `site_timezone`
    says which). A meta tag that names the publication date and writes it in words
    ("article_date_original": "Saturday, December 27, 2014, 12:06 PM") first."""
    for meta in islice(tree.iter("meta"), MAX_META):
        name = (meta.get("name") or meta.get("property") or meta.get("itemprop") or "").lower()
        if "date" in name and PUBLISHED_NAME.search(name) and not EDIT_NAME.search(name):
            text = " ".join((meta.get("content") or "").split())
            if len(text) <= MAX_TEXT and (shown := _time_beside(text, day)):
                return shown
    for element in DATE_MARKED(tree)[:MAX_MARKED]:
        text = " ".join(element.text_content().split())
        if not text or len(text) > MAX_TEXT or _marks_an_edit(element):
            continue
        if shown := _time_beside(text, day):
            return shown
    return None


def _time_beside(text: str, day: str) -> str | None:
    """The day `day` in `text` with the time written beside it (and its zone), if any."""
    for start, end in _days_written(text, day):
        if UPDATED.search(text[max(0, start - 30) : start]):
            continue
        clock = TIME_AFTER.match(text, end) or TIME_BEFORE.search(text[:start])
        if clock is None:
            continue
        hour, minute, half = int(clock.group(1)), int(clock.group(2)), clock.group(4)
        second = int(clock.group(3) or 0)
        if half:
            if not 1 <= hour <= 12:
                continue
            hour = hour % 12 + (12 if half.lower() == "p" else 0)
        if hour < 24:
            shown = f"{day}T{hour:02d}:{minute:02d}:{second:02d}"
            offset = offset_after(text, clock.end()) if clock.re is TIME_AFTER else None
            if offset is None:
                return shown
            sign, minutes = ("-" if offset < 0 else "+"), abs(offset)
            return f"{shown}{sign}{minutes // 60:02d}{minutes % 60:02d}"
    return None


def _marks_an_edit(element: HtmlElement) -> bool:
    """Is this an edit's date: by its names (class "updated", itemprop "dateModified") or by
    the words just before it ("…12:06 PM, updated <span>12:10 PM</span>")?"""
    names = f"{element.get('class') or ''} {element.get('itemprop') or ''}".lower()
    if "updated" in names or "modified" in names:
        return True
    previous = element.getprevious()
    before = (previous.tail if previous is not None else None) or (
        element.getparent().text if previous is None and element.getparent() is not None else None
    )
    return bool(before and UPDATED.search(before[-30:].rstrip()))


def _days_written(text: str, day: str) -> Iterator[tuple[int, int]]:
    """Where `text` writes the day `day` (YYYY-MM-DD): spans of its dates that are that day."""
    year, month, date = int(day[:4]), int(day[5:7]), int(day[8:10])
    for found in NUMERIC_DATE.finditer(text):
        first, second, written = int(found.group(1)), int(found.group(3)), int(found.group(4))
        if written == year and (first, second) in ((date, month), (month, date)):
            yield found.span()
    for found in ISO_DAY.finditer(text):
        if found.group() == day:
            yield found.span()
    for found in DAY_MONTH_YEAR.finditer(text):
        named = (int(found.group(1)), MONTH_NUMBER[found.group(2).lower()], int(found.group(3)))
        if named == (date, month, year):
            yield found.start(), found.end(3)
    for found in MONTH_DAY_YEAR.finditer(text):
        named = (int(found.group(2)), MONTH_NUMBER[found.group(1).lower()], int(found.group(3)))
        if named == (date, month, year):
            yield found.span()


def _published_stamps(tree: HtmlElement) -> list[str]:
    """What the page's markup states as its publication time: meta tags and microdata first,
    then schema.org JSON-LD (the first few of each: the article's own come first)."""
    markup: list[str] = []
    scripts: list[str] = []
    # one walk in Python: the XPath union of four paths this was walked the page four times,
    # 1.7 ms a page against 0.6
    for element in tree.iter(Element):
        tag, get = element.tag, element.get
        if tag == "script":
            if get("type") == "application/ld+json" and len(scripts) < MAX_STAMPS:
                scripts.append(element.text or "")
            continue
        if tag == "meta" and _published_meta(element) and (content := get("content")) is not None:
            markup.append(content)
        itemprop = get("itemprop")
        stated = (itemprop is not None and "datePublished" in itemprop.split()) or (
            tag == "time" and get("pubdate") is not None
        )
        if stated and (stamp := get("datetime")) is not None:
            markup.append(stamp)
    found = markup[:MAX_STAMPS]
    for script in scripts:
        found += LD_PUBLISHED.findall(script)[:MAX_STAMPS]
    return found


def _published_meta(meta: HtmlElement) -> bool:
    prop, name = meta.get("property"), meta.get("name")
    if prop is not None and (
        prop in PUBLISHED_PROPERTIES or prop.lower() == "article:published_time"
    ):
        return True
    if name is not None and (
        name in PUBLISHED_NAMES
        or name.lower() == "pubdate"
        or name.translate(DUBLIN_CORE) == "dc.date.issued"
    ):
        return True
    itemprop = meta.get("itemprop")
    return itemprop is not None and "datePublished" in itemprop.split()


def _bare_new_year(found: str) -> bool:
    return found[4:19] == "-01-01T00:00:00" and len(found) <= 19


def _spelled_new_year(tree: HtmlElement, url: str, found: str) -> bool:
    """Is 1 January really the date: in the markup, the URL or the page's text?"""
    from htmldate import find_date

    markup = find_date(tree, url=url, extensive_search=False, original_date=True)
    if markup and markup[:10] == found[:10]:
        return True
    year = found[:4]
    text = " ".join(tree.itertext())
    if re.search(rf"{year}[-/.]0?1[-/.]0?1(?!\d)|(?<!\d)0?1[-/.]0?1[-/.]{year}", text):
        return True
    spelled = [(m.group(1), m.group(2), m.group(3)) for m in DAY_MONTH_YEAR.finditer(text)]
    spelled += [(m.group(2), m.group(1), m.group(3)) for m in MONTH_DAY_YEAR.finditer(text)]
    return any(
        int(day) == 1 and MONTH_NUMBER[month.lower()] == 1 and spelled_year == year
        for day, month, spelled_year in spelled
    )


def _labelled_date(tree: HtmlElement) -> str | None:
    """The first "day month year" (or "month day, year") in a date-marked element, not an
    edit's ("Обновлено: 29 ноября 2026") where another is given."""
    updated: str | None = None
    for element in DATE_MARKED(tree)[:MAX_MARKED]:
        found = _date_written(" ".join(element.text_content().split()))
        if found is None:
            continue
        date, edit = found
        if not edit:
            return date
        updated = updated or date
    return updated


def _date_written(text: str) -> tuple[str, bool] | None:
    """The first date in a date-marked element's text, and whether it is an edit's."""
    if not text or len(text) > MAX_TEXT:
        return None
    if match := DAY_MONTH_YEAR.search(text):
        day, month, year = match.group(1), match.group(2), match.group(3)
        hour, minute = match.group(4), match.group(5)
    elif match := MONTH_DAY_YEAR.search(text):
        month, day, year = match.group(1), match.group(2), match.group(3)
        hour = minute = None
    elif match := YEAR_FIRST.search(text):
        year, day = match.group(1), match.group(2) or match.group(5)
        month = match.group(3) or match.group(4)
        hour = minute = None
    else:
        return None
    number = MONTH_NUMBER[month.lower()]
    if not 1 <= int(day) <= 31:
        return None
    date = f"{year}-{number:02d}-{int(day):02d}"
    edit = bool(UPDATED.search(text[max(0, match.start() - 30) : match.start()]))
    if hour is not None and minute is not None and int(hour) < 24 and int(minute) < 60:
        return f"{date}T{int(hour):02d}:{minute}:00", edit
    return date, edit


def feed_date(value: str) -> time.struct_time | None:
    """A feedparser date handler (registered by the spider, so tried first) for feed dates in
    the other languages of MONTHS: the moment in UTC, or None to let feedparser's own handlers
    read it (English, ISO 8601, and a named zone such as EST, which this one does not know)."""
    match = FEED_DATE.search(value)
    if match is None or match.group(2).lower() in ENGLISH_MONTHS:
        return None
    if re.match(r"\s*[a-z]", value[match.end() :], re.IGNORECASE):
        return None  # a zone by name after the time
    day, month, year, hour, minute, second, zone_hours, zone_minutes = match.groups()
    offset = timedelta(0)
    if zone_hours is not None:
        sign = -1 if zone_hours.startswith("-") else 1
        offset = sign * timedelta(hours=abs(int(zone_hours)), minutes=int(zone_minutes))
    try:
        moment = datetime(
            int(year),
            MONTH_NUMBER[month.lower()],
            int(day),
            int(hour or 0),
            int(minute or 0),
            int(second or 0),
            tzinfo=timezone(offset),
        )
    except ValueError:
        return None
    return moment.astimezone(UTC).timetuple()


def day_only(value: str) -> bool:
    """Is this ISO 8601 date a day without a time ("2026-11-28"), as many pages give theirs?"""
    return len(value.strip()) == len("2026-11-28")


def refines(day: str, stamp: str) -> bool:
    """Is `stamp` (a feed's or sitemap's time for a page, in UTC) a time of `day`, the date
    the page gives without one? The page's day is its own zone's, so any instant from 14 hours
    before that day starts in UTC (UTC+14) to 12 after it ends (UTC-12) may be it."""
    if not day_only(day) or len(stamp.strip()) <= len(day.strip()):
        return False
    at, start = moment(stamp), moment(day)
    if at is None or start is None:
        return False
    return start - timedelta(hours=14) <= at < start + timedelta(hours=36)


def moment(value: str | None) -> datetime | None:
    """An ISO 8601 / W3C datetime as the archive, feeds and sitemaps write them ("2026-11-27",
    "2026-11-27T10:00:00Z", "+02:00" zones; the W3C "2026" and "2026-11" too), aware (a time
    without a zone is UTC), or None."""
    text = (value or "").strip()
    if len(text) in (4, 7):
        text += "-01-01"[: 10 - len(text)]
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
