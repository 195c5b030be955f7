"""When to read a stored story again: its feed or sitemap says it was edited since.

A story is fetched once, when it is new. But news is edited after it is published: a
developing story gains the name of the journalist arrested an hour later, a headline is
softened, a paragraph taken out. A monitor that never reads a story again misses what the
edit added (the alert the desk needed) and never knows what it took away.

Reading every stored story again each pass would cost a site hundreds of requests for
nothing. So a story is read again only when its listing dates an edit after our last read
(an Atom entry's `<updated>`, a sitemap's `<lastmod>`), only while it is young (`follow_edits`,
3 days by default: a developing story is edited in its first hours and days), and with
`If-Modified-Since`, so a server that knows its page is unchanged answers 304. A listing
that gives most of its entries one and the same edit time is telling when it was written
(a cache, a generator), not when each page changed: its edit times are ignored. Each read,
changed or not, moves the story's `checked_at`, so one edit costs one read; and a story is
read again no sooner than a quarter of its age after its last read, so a site whose listings
date every page anew all day long (a sidebar, a comment count) costs a handful of reads per
story, not one a pass.

Many feeds date no edit at all (an RSS item's `pubDate` only). For their sites `reread`
names ages after a story's first read (`["2h", "12h", "2d"]`) at which it is read again
whatever its listings say, with the same `If-Modified-Since`: a handful of requests a story,
asked for by the user who knows the site.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from monitor.dates import day_only, moment

# our clock against the site's: an edit time this little after our read is not an edit (a
# server clock a minute ahead would have every story read twice)
EDIT_MARGIN = timedelta(minutes=2)
MAX_PER_PASS = 50  # stories read again per source and pass; the rest wait for the next one
# a story is read again no sooner than this share of its age after its last read: a site that
# moves every page's lastmod whenever a "most read" box changes costs a story under 30 reads
# over 3 days (17 with passes every 30 minutes), not one a pass; a young story's edit is read
# at the next pass
AGE_SHARE = 4
# a stored story that answers 404, 410 or 451 is called taken down when it still does this
# long after, or later (a server's passing error, a page moved for an hour, is no takedown)
TAKEDOWN_CONFIRM = timedelta(minutes=30)
# a stored story's page that now gives less than this share of its words, beginning with its
# first words (at least MIN_SAME) and then at most a notice's words that are not the story's,
# gives a paywall's or a teaser's cut of it, not an edit
CUT_SHARE = 0.5
MIN_SAME = 10
NOTICE_WORDS = 40  # "Subscribe to continue reading. Already a subscriber? Log in ..."
WORD = re.compile(r"\w+")


def stamped_alike(dates: Iterable[str | None]) -> bool:
    """Do most of a listing's entries (3 or more dated) carry the one same edit time?"""
    given = Counter(d.strip() for d in dates if d and d.strip())
    total = sum(given.values())
    return total >= 3 and given.most_common(1)[0][1] * 2 > total


def edited_since_read(
    modified: str | None,
    first_read: str,
    last_read: str,
    *,
    window: int | None,
    before: datetime,
) -> bool:
    """Does the listing date an edit of a story after we last read it, while the story is
    within `window` seconds of its first read (and its last read is a quarter of its age
    ago, at least)? `before`: the start of this pass; an edit time
    from then on is the time a listing was written on request, not the page's. A day without
    a time counts from its start: only a later day than the read says it changed."""
    if not window or not modified:
        return False
    changed, first, last = moment(modified), moment(first_read), moment(last_read)
    if changed is None or first is None or last is None:
        return False
    if before - first > timedelta(seconds=window) or (before - last) * AGE_SHARE < before - first:
        return False
    if day_only(modified):
        return changed.date() > last.date() and changed < before
    return last + EDIT_MARGIN < changed < before


def story_born(first_read: str, published: str | None) -> datetime | None:
    """When a stored story's age counts from: its publication if that is before our first
    read of it, else that read."""
    first = moment(first_read)
    born = moment(published) if published else None
    return first if born is None or first is None or born > first else born


def reread_due(
    first_read: str,
    last_read: str,
    ages: Sequence[int],
    *,
    now: datetime,
    published: str | None = None,
) -> int | None:
    """The age (seconds, one of `ages`) at which a stored story is due to be read again now,
    whether or not a listing dates an edit: the latest age it has reached since its last
    read, if that read is a quarter of its age ago at least (a story read for a dated edit
    just before is not read again for its age). Its age counts from its publication when
    that is before our first read (a back catalogue's story, years old when we first read
    it, is not read again as if new), else from our first read. A story past twice the last
    age (old when found, or a monitor stopped for days) is not read again: an edit so late is
    rare, and a backlog of reads all at once is no way to treat a site."""
    born, last = story_born(first_read, published), moment(last_read)
    if not ages or born is None or last is None:
        return None
    age = now - born
    if age > timedelta(seconds=2 * ages[-1]) or (now - last) * AGE_SHARE < age:
        return None
    reached = [a for a in ages if born + timedelta(seconds=a) <= now]
    if not reached or last >= born + timedelta(seconds=reached[-1]):
        return None
    return reached[-1]


def only_its_beginning(stored: str, read: str) -> bool:
    """Is the text read now only the first part of the stored one: under half its words,
    its first words in order, then at most a notice's words that are no run of the story's
    own? Many sites put a story behind a paywall days after it was published, or give
    crawlers its first paragraphs: read again, such a page is not an edit that took the rest
    out (no removal alert, no version), and the archive keeps the whole story. An edit that
    cuts a story down to a notice ("This article has been removed") shares no beginning with
    it, and one that takes paragraphs out of the middle keeps words of its end: both are
    edits. (One that keeps only the beginning reads as a cut.)"""
    old, new = WORD.findall(stored.casefold()), WORD.findall(read.casefold())
    if not new or len(new) >= len(old) * CUT_SHARE:
        return False
    same = 0
    for a, b in zip(old, new, strict=False):
        if a != b:
            break
        same += 1
    rest = new[same:]
    if same < MIN_SAME or len(rest) > max(NOTICE_WORDS, len(new) // 5):
        return False
    # the story's own later words after its beginning: paragraphs taken out between
    return len(rest) < 3 or f" {' '.join(rest)} " not in f" {' '.join(old[same:])} "
