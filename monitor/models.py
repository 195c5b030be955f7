"""Plain data passed between the spider, the pipeline, the archive and the alerts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime


def utcnow() -> datetime:
    """The one clock helper: aware UTC, second precision (what we store)."""
    return datetime.now(UTC).replace(microsecond=0)


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


@dataclass(slots=True)
class PageItem:
    """A fetched article page as the spider saw it; Scrapy accepts dataclass items."""

    source: str
    url: str
    status: int
    body: bytes  # as received: decoded in the extraction worker, not in the crawler
    content_type: str | None
    fetched_at: str
    requested_url: str = ""
    # the date the feed or sitemap that listed the page gave it (ISO 8601, UTC): the article's
    # date when the page itself gives none
    listed: str | None = None
    # the story as its feed gave it, as a page (spiders.listings.feed_copy): extracted
    # instead when the page has no article text the extractor can find
    feed_copy: bytes | None = None
    # a stored story read again because its listing says it was edited (monitor.edits)
    revisit: bool = False


@dataclass(frozen=True, slots=True)
class Article:
    """The article part of a page: what rules match and what the archive keeps."""

    url: str
    title: str | None
    text: str
    author: str | None = None
    published: str | None = None
    language: str | None = None
    source: str = ""
    fetched_at: str = ""
    # other URLs that led here (redirects), so they are not fetched again
    aliases: tuple[str, ...] = ()
    # the page's rel=canonical address, when it names another one (AMP pages, variants)
    canonical: str | None = None
    # the text's story sketch (monitor.stories), when an extraction worker computed it already
    sketch: tuple[int, ...] | None = None
    # the standfirst the page shows above the body, when the text does not start with it
    # (monitor.lead): matched, searched and stored like the text
    lead: str | None = None


LISTING = "a listing of other stories"  # an Extraction's reason for a section or tag page


@dataclass(frozen=True, slots=True)
class Extraction:
    """An article or the reason the page has none (counted in the crawl summary)."""

    article: Article | None
    reason: str | None = None


@dataclass(slots=True)
class Match:
    """Evidence for a rule hit: where in the article, what text, and the sentence around it.

    Not frozen: a frozen dataclass sets each field through object.__setattr__, four times the
    cost, and the matcher makes one per piece of evidence.
    """

    rule: str
    field: str  # "title" or "text"
    start: int
    end: int
    matched: str
    sentence: str


@dataclass(frozen=True, slots=True)
class Alert:
    """One outbox row joined with its article, ready to render."""

    id: int
    uid: str
    rule: str
    channel: str
    url: str
    status: str
    attempts: int
    created_at: str
    matched: str
    snippet: str
    title: str | None
    source: str
    author: str | None
    published: str | None
    language: str | None
    sent_at: str | None = None
    last_error: str | None = None
    # queued when an edit of a story already stored made the rule match (monitor.edits)
    edited: bool = False
    # an edit of the story took out what the rule matched (Rule.alert_removals): the matched
    # text and sentence are what the story said before
    removed: bool = False
    # its site took the story down (Rule.alert_removals): the HTTP status its page answers
    # (404, 410, 451); the matched text and sentence are what the archive keeps of it
    taken_down: int | None = None
    # its site gives the story again after taking it down (an alert to those told of the
    # takedown): the HTTP status it had answered; the matches are what the story says now
    back: int | None = None
    copies: tuple[str, ...] = ()  # other addresses of the same story (syndication, AMP, reprints)


@dataclass(slots=True)
class CrawlStats:
    """What one crawl pass did, for the summary line and the exit code."""

    requests: int = 0
    pages: int = 0
    not_modified: int = 0  # feeds and sitemaps answered 304
    discovered: int = 0
    skipped_known: int = 0
    skipped_not_articles: int = 0  # read lately and found not to be articles (monitor.recheck)
    new_articles: int = 0
    updated_articles: int = 0
    unchanged_articles: int = 0
    revisited: int = 0  # stored stories read again as their listings dated an edit
    reread: int = 0  # stored stories read again at an age `reread` names
    # stored stories read again as they answered 404, 410 or 451 a while ago
    recheck_gone: int = 0
    taken_down: int = 0  # stored stories found taken down (a second 404, 410, 451)
    alerts_queued: int = 0
    dropped: Counter[str] = field(default_factory=Counter)
    # articles stored from their feed's own text, by why the page could not give it
    from_feed: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    failed_urls: list[str] = field(default_factory=list)
    # `crawl --dry-run`: the articles a pass would fetch, (address, listed date), not fetched
    would_fetch: list[tuple[str, str | None]] = field(default_factory=list)
