"""When to read again a page that was read and found not to be an article.

A sitemap lists tag, section and author pages beside the stories; a start page links to
sections its `allow` lets through; a feed keeps a link that now answers 404. None of them is
stored, so without a memory every pass fetched each of them again: a request per page per
half hour for nothing, pages that count against max_articles before the stories behind them
(a sitemap of 300 tag pages, newest first, could fill every pass), a 404 counted as a failure
pass after pass, a page that hangs the extractor costing its time limit each time.

So each such page gets a verdict (archive table page_verdicts) and is read again only after a
delay that grows each time the verdict is the same: a stub ("no article text") may become the
story within the hour, a listing stays a listing. A feed or sitemap that dates the page after
it was read (a lastmod, an updated entry) has it read at once; `monitor crawl --recheck` reads
them all again.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from monitor.dates import moment
from monitor.models import LISTING

FIRST_DELAY = timedelta(hours=1)  # a stub, an error page: it may be the story soon
SLOW_FIRST_DELAY = {
    LISTING: timedelta(days=1),  # a section or tag page does not turn into a story
    "extraction timed out": timedelta(hours=6),  # each try costs the page's time limit
    "extraction crashed": timedelta(hours=6),
    "not html": timedelta(days=1),
}
GROWTH = 4  # each repeated verdict waits four times longer
MAX_GROWTHS = 10  # 4 ** 10 hours is past LONGEST_DELAY already
LONGEST_DELAY = timedelta(days=30)  # then read again anyway: the page or our extractor changed
FORGET_AFTER = timedelta(days=60)  # past its recheck and not listed again since: forgotten


def recheck_delay(reason: str, attempts: int) -> timedelta:
    """How long after its `attempts`-th read with this verdict a page is left alone."""
    first = SLOW_FIRST_DELAY.get(reason, FIRST_DELAY)
    # the exponent bounded: past the longest delay it changes nothing, and a timedelta of
    # 4 ** 30 hours overflows
    return min(first * GROWTH ** min(max(attempts - 1, 0), MAX_GROWTHS), LONGEST_DELAY)


def listed_since(listed: str | None, last_seen: str, *, before: datetime) -> bool:
    """Does a feed or sitemap date the page after we last read it? A day alone counts as the
    start of that day (UTC): a page read today and listed with today's date is not read again
    for it, pass after pass. A date from `before` on (the start of this pass) is the time a
    sitemap was written, as sites that generate theirs on request give every entry, not the
    page's."""
    changed, seen = moment(listed), moment(last_seen)
    return changed is not None and seen is not None and seen < changed < before


def due(recheck_after: str, now: datetime) -> bool:
    at = moment(recheck_after)
    return at is None or at <= now
