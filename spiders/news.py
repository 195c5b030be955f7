"""The one spider: find a source's article URLs in feeds, sitemaps and start pages; yield pages.

It never extracts, matches or writes: it asks the archive only whether a URL is already stored.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable, Iterable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from functools import partial
from typing import Any
from urllib.parse import urljoin, urlsplit

import scrapy
from scrapy import signals
from scrapy.exceptions import DontCloseSpider, IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from alerts.rules import Matcher
from monitor.archive import Store
from monitor.batch_writer import BatchWriter
from monitor.config import Config, Source, format_duration, load_config, resolve_config_path
from monitor.dates import moment
from monitor.edits import (
    MAX_PER_PASS,
    TAKEDOWN_CONFIRM,
    edited_since_read,
    reread_due,
    stamped_alike,
    story_born,
)
from monitor.extract_pool import ExtractPool, default_workers
from monitor.models import CrawlStats, PageItem, iso, utcnow
from monitor.not_found import same_site, site_answer
from monitor.recheck import due, listed_since
from monitor.settings import politeness
from monitor.urls import (
    GOOGLE_NEWS_DROPPED,
    GOOGLE_NEWS_LINK,
    NONE_ALLOWED,
    UrlPattern,
    canonical_url,
)
from spiders.failures import TOO_LARGE, failure_label
from spiders.json_feed import json_feed_entries, json_feed_next, looks_like_json
from spiders.listings import (
    MAX_SITEMAP_BYTES,
    NON_ARTICLE_SITEMAP,
    SITEMAP_LINE,
    NewsSitemap,
    article_links,
    entry_modified,
    feed_copy,
    feed_entries,
    feed_language,
    feed_links,
    headline_links,
    newest_first,
    older_feed_page,
    sitemap_body,
    sitemap_date,
    sitemap_modified,
)

log = logging.getLogger(__name__)
# a feed's older pages read in one pass when every story on the newer is new (older_feed_pages)
MAX_FEED_PAGES = 10
REFUSED = (401, 402, 403, 451)  # an article page that will not be read: its feed's copy instead
NOT_ARTICLES = "sitemaps of categories, tags, authors or static pages (not articles)"
INVALID_LINKS = "links that are no valid address"
SITEMAPS_LEFT = "sitemaps left for the next pass (max_articles reached)"
MAX_FEED_BYTES = 10 * 1024 * 1024
UNCHANGED_MARGIN = timedelta(hours=1)  # see NewsSpider.unchanged_since_read
# an article page answering these is read again only later (monitor.recheck); 5xx and 429
# are a server's passing trouble, and are asked again next pass
GONE = frozenset({401, 403, 404, 410, 451})
# what a stored story's page answers when its site took it down (not a site turning us away)
TAKEN_DOWN = frozenset({404, 410, 451})
# so many stored stories read again answering as taken down, and most of those read, is the
# site's doing (moved addresses, crawlers sent home), not takedowns
MASS_GONE = 3
SENT_HOME = "stored stories the site now sends to its home page or their section"
SITE_FAILING = "stored stories gone while each listing of the site failed too: not noted"
LISTING_KINDS = frozenset({"feed", "sitemap", "start page", "home page"})
MASS_GONE_SKIPPED = (
    "stored stories gone all at once (most of those read again): the site's doing, not noted"
)


class NewsSpider(scrapy.Spider):
    name = "news"

    def __init__(
        self,
        source: Source | str,
        config: Config | str | None = None,
        progress: Callable[[str, CrawlStats], None] | None = None,
        extract_pool: ExtractPool | None = None,
        matcher: Matcher | None = None,
        writer: BatchWriter | None = None,
        recheck: bool = False,
        dry_run: bool = False,
        **kwargs: Any,
    ):
        super().__init__(**kwargs)
        self.progress = progress
        # shared by the sources of one crawl; else the pipeline makes its own
        self.matcher = matcher
        self.writer = writer
        if not isinstance(config, Config):
            config = load_config(resolve_config_path(config), need_secrets=False)
        self.config = config
        self.source = source if isinstance(source, Source) else config.source(source)
        self.crawl_stats = CrawlStats()
        self.store = Store(config.database)
        self.max_articles = self.source.max_articles or config.crawl.max_articles
        self.allow = [UrlPattern(p) for p in self.source.allow]
        self.deny = [UrlPattern(p) for p in self.source.deny]
        self.scheduled: set[str] = set()
        self.not_allowed: list[str] = []  # links `allow` did not take (the first 200)
        self.not_allowed_count = 0
        self.listings = 0  # feeds and sitemaps read (or unchanged since the last pass)
        # a `site`'s home page links that read as stories: read if it has no feed or sitemap
        self.home_links: list[str] = []
        self.fell_back = False
        self.requested_sitemaps: set[str] = set()
        self.requested_feed_pages: set[str] = set()
        self._crawled_before: bool | None = None  # has the archive a story of this source?
        self.validators: dict[str, tuple[str | None, str | None]] = {}
        # host -> ISO time before which it must not be asked (Retry-After, also from earlier runs)
        self.not_before: dict[str, str] = self.store.host_backoff(now=iso(utcnow()))
        self.new_backoff: dict[str, tuple[str, str]] = {}
        # url -> why the page read is not an article: not read again for a while (saved after
        # the pass, monitor.recheck); `recheck` (crawl --recheck) reads such pages anyway
        self.not_articles: dict[str, str] = {}
        self.recheck = recheck
        # stored stories whose listing dates an edit after our last read are read again while
        # this young (seconds; monitor.edits); those read again this pass, and those of them
        # found unchanged without a new text to store (a 304), marked read after the pass
        self.follow_edits = (
            self.source.follow_edits
            if self.source.follow_edits is not None
            else config.crawl.follow_edits
        )
        # ages (from publication, or our first read if earlier) at which stored stories are
        # read again, dated edit or not (monitor.edits.reread_due); those read again so this
        # pass, or to confirm a takedown
        self.reread = self.source.reread if self.source.reread is not None else config.crawl.reread
        self.rereading: set[str] = set()
        # stored stories read again that answered 404, 410 or 451: address -> status
        self.gone: dict[str, int] = {}
        self.confirming: set[str] = set()  # those read again to confirm such an answer
        # a folder's address it does not have, or its home page -> (address, body) of what the
        # site gives there at 200, or None (a 404, another host, nothing): asked when a stored
        # story read again gives no article (monitor.not_found)
        self.not_found_pages: dict[str, asyncio.Future[tuple[str, bytes] | None]] = {}
        self.checked: list[str] = []
        self.still_there: list[str] = []  # of those, the ones that answered 304: as we have them
        # stored stories listed this pass and not read again (yet): a later listing of one
        # may date an edit the first did not
        self.stored_unread: set[str] = set()
        # `crawl --dry-run`: listings read in full (no conditional requests), articles listed
        # in crawl_stats.would_fetch instead of fetched
        self.dry_run = dry_run
        self.started = utcnow()
        # shared by all sources of one `monitor crawl`; `scrapy crawl news` gets its own
        self.owns_pool = extract_pool is None
        self.extract_pool = extract_pool or ExtractPool(
            config.crawl.extract_workers
            if config.crawl.extract_workers is not None
            else default_workers(),
            config.crawl.extract_timeout,
        )

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> NewsSpider:
        """Apply the config's politeness settings, so `scrapy crawl news` honours them too."""
        spider = super().from_crawler(crawler, *args, **kwargs)
        for key, value in politeness(spider.config, spider.source).items():
            crawler.settings.set(key, value, priority="spider")
        crawler.signals.connect(spider.idle, signal=signals.spider_idle)
        crawler.signals.connect(spider.callback_failed, signal=signals.spider_error)
        return spider

    def callback_failed(self, failure: Any, response: Response, spider: Any = None) -> None:
        """A callback that raised (a listing that broke its parser): counted and named in the
        pass's summary like any failed request, not only in Scrapy's log, so the pass is not
        taken for a clean one (its feeds' validators are not saved, health sees it); the rest
        of the crawl goes on."""
        kind = response.meta.get("kind", "page") if response is not None else "page"
        url = response.url if response is not None else "?"
        self.count_error(kind, url, f"crashed: {failure.type.__name__}: {failure.value}")

    def idle(self) -> None:
        """When discovery is done: a `site` that named no feed and has no sitemap gives its
        home page's links that read as stories (once a pass), instead of nothing."""
        if self.fell_back or self.listings or not self.home_links:
            return
        self.fell_back = True
        log.info(
            "%s: no feed or sitemap found; reading the %d links of its home page that read as "
            "stories",
            self.source.name,
            len(self.home_links),
        )
        for url in self.home_links:
            for request in self.article(url):
                self.crawler.engine.crawl(request)
        raise DontCloseSpider

    def closed(self, reason: str) -> None:
        source = self.source
        given = source.feeds or source.sitemaps or source.start_urls or source.allow
        if (
            source.site
            and not given
            and not self.listings
            and not self.fell_back
            and not self.crawl_stats.errors
        ):
            # a site that names no feed, lists no sitemap and has none at /sitemap.xml gives
            # nothing to crawl, pass after pass: said once per pass, not left to be noticed
            self.count_error(
                "discovery",
                source.site,
                "no feed (<link rel=alternate>) or sitemap (robots.txt, /sitemap.xml) found: "
                "give feeds, sitemaps, or start_urls with allow",
            )
        if self.not_allowed_count and not self.crawl_stats.discovered:
            # a pattern that takes nothing, pass after pass, looks like a quiet site: said
            reason = f"{NONE_ALLOWED}, e.g. " + ", ".join(_likeliest_stories(self.not_allowed))
            self.crawl_stats.dropped[reason] += self.not_allowed_count
            log.warning("%s: %d %s", source.name, self.not_allowed_count, reason)
        self.store.close()
        if self.owns_pool:
            self.extract_pool.close()

    async def start(self) -> AsyncIterator[scrapy.Request]:
        # chosen first: a story due a reread that a listing dates an edit of is read once
        rereads = list(self.reread_requests())
        for request in self.discovery_requests():
            yield request
        for request in rereads:
            yield request

    def noted_gone(self) -> dict[str, int]:
        """The stored stories read again this pass that answered as taken down (404, 410,
        451, sent to the home page), unless most of those read again (not to confirm an
        earlier such answer) did: a site that moved its addresses, or sends crawlers home,
        is not taking its stories down one by one, and its readers should not be told it is.
        Nor in a pass in which each listing failed: a site down, or walling us off, says
        nothing of its stories (the reads that confirm wait for a pass it answers)."""
        new = {url: status for url, status in self.gone.items() if url not in self.confirming}
        if self.gone and self.site_failing():
            self.not_noted(new, SITE_FAILING, "while each listing failed")
            return {}
        read = self.crawl_stats.revisited + self.crawl_stats.reread
        if len(new) < MASS_GONE or len(new) * 2 <= read:
            return self.gone
        self.not_noted(new, MASS_GONE_SKIPPED, f"of the {read} read: the site's doing")
        return {url: status for url, status in self.gone.items() if url in self.confirming}

    def not_noted(self, new: dict[str, int], reason: str, why: str) -> None:
        """Stored stories that answered as taken down, said nothing of: marked read, counted
        under `reason` in the summary, and a warning in the log."""
        if not new:
            return
        self.crawl_stats.dropped[reason] += len(new)
        self.checked += new
        log.warning(
            "%s: %d stored stories read again answered as taken down %s: not noted",
            self.source.name,
            len(new),
            why,
        )

    def site_failing(self) -> bool:
        """Did each listing this pass asked for fail (a feed, a sitemap, a start page, none
        read, no story's link found)?"""
        failed = any(key.split(":")[0] in LISTING_KINDS for key in self.crawl_stats.errors)
        return failed and not self.listings and not self.scheduled

    def allowed_still(self, url: str) -> bool:
        """A stored address the source's allow still takes and its deny does not refuse."""
        if self.allow and not any(p.search(url) for p in self.allow):
            return False
        return not any(p.search(url) for p in self.deny)

    def reread_requests(self) -> Iterable[scrapy.Request]:
        """Stored stories due to be read again at an age `reread` names, whatever their
        listings say (their feeds may date no edit), and those that answered 404, 410 or 451
        a while ago (taken down, or not?): the longest overdue first, at most as many a pass
        as edits (the rest at the next)."""
        due: list[tuple[datetime, str, str, int | None]] = []
        since = iso(self.started - timedelta(seconds=2 * self.reread[-1] if self.reread else 0))
        for url, first, last, published in (
            self.store.read_states_since(self.source.name, since) if self.reread else ()
        ):
            age = reread_due(first, last, self.reread, now=self.started, published=published)
            born = story_born(first, published)
            if age is None or born is None or not self.allowed_still(url):
                continue
            due.append((born + timedelta(seconds=age), url, last, age))  # when it fell due
        # a story that answered 404, 410 or 451 is read once more, a while later, before it
        # is called taken down: a server's passing error is no takedown
        chosen = {url for _, url, _, _ in due}
        before = iso(self.started - TAKEDOWN_CONFIRM)
        for url, when, status in self.store.unconfirmed_takedowns(self.source.name, before):
            if url not in chosen and (answered := moment(when)) is not None:
                due.append((answered, url, f"its site {site_answer(status)} since {when}", None))
        due.sort(key=lambda d: (d[0], d[1]))
        cap = min(MAX_PER_PASS, self.max_articles)
        for _, url, last, age in due[:cap]:
            self.rereading.add(url)
            if age is None:  # `last` says why
                self.crawl_stats.recheck_gone += 1
                self.confirming.add(url)
                yield from self.fetch_article(url, None, f"read again: {last}", revisit=True)
                continue
            self.crawl_stats.reread += 1
            yield from self.fetch_article(
                url,
                None,
                f"read again at {format_duration(age)} old",
                revisit=True,
                if_modified_since=last,
            )
        if len(due) > cap:
            self.crawl_stats.dropped["stored stories due a reread left for the next pass"] += (
                len(due) - cap
            )

    def discovery_requests(self) -> Iterable[scrapy.Request]:
        source = self.source
        for url in source.feeds:
            yield self.request(url, self.parse_feed, kind="feed")
        for url in source.sitemaps:
            yield self.request(url, self.parse_sitemap, kind="sitemap")
        for url in source.start_urls:
            yield self.request(url, self.parse_start_page, kind="start page")
        if source.site:
            yield self.request(source.site, self.parse_home, kind="home page")
            yield self.request(
                urljoin(source.site, "/robots.txt"), self.parse_robots, kind="robots.txt"
            )

    def request(
        self,
        url: str,
        callback: Any,
        *,
        kind: str,
        priority: int = 0,
        dont_filter: bool = False,
        **meta: Any,
    ) -> scrapy.Request:
        self.crawl_stats.requests += 1
        if kind == "sitemap":
            self.requested_sitemaps.add(url)
        headers = {}
        if kind in ("feed", "sitemap"):
            # conditional: an unchanged feed or sitemap costs a 304 (a dry run reads them whole)
            known = None if self.dry_run else self.store.validators(url)
            if known and known[0]:
                headers["If-None-Match"] = known[0]
            if known and known[1]:
                headers["If-Modified-Since"] = known[1]
            meta["handle_httpstatus_list"] = [304]
            # the sitemap protocol allows 50 MB (50,000 addresses: over 5 MiB once each has a
            # lastmod); a full-text feed of a busy site runs to several MiB (feedparser holds a
            # feed whole, so less for a feed)
            meta["download_maxsize"] = MAX_SITEMAP_BYTES if kind == "sitemap" else MAX_FEED_BYTES
        if (since := meta.pop("if_modified_since", None)) and (read := moment(since)):
            headers["If-Modified-Since"] = format_datetime(read.astimezone(UTC), usegmt=True)
            meta["handle_httpstatus_list"] = [304]
        return scrapy.Request(
            url,
            callback=callback,
            errback=self.failed,
            headers=headers,
            priority=priority,
            dont_filter=dont_filter,
            meta={"kind": kind, **meta},
        )

    def unchanged(self, response: Response) -> bool:
        """True for a 304; otherwise remember the validators (stored if the pass succeeds)."""
        if response.status == 304:
            self.crawl_stats.not_modified += 1
            return True
        etag = response.headers.get(b"ETag")
        modified = response.headers.get(b"Last-Modified")
        if etag or modified:
            self.validators[_requested(response)] = (
                etag.decode("latin-1") if etag else None,
                modified.decode("latin-1") if modified else None,
            )
        return False

    # discovery
    def parse_home(self, response: Response) -> Iterable[scrapy.Request]:
        if not isinstance(response, TextResponse):
            return
        for href in feed_links(response):
            if (url := self.joined(response, href)) is not None:
                yield self.request(url, self.parse_feed, kind="feed")
        if self.allow:
            yield from self.parse_start_page(response)
        elif not self.source.feeds and not self.source.sitemaps:
            self.home_links = headline_links(response)

    def parse_robots(self, response: Response) -> Iterable[scrapy.Request]:
        text = response.body.decode("utf-8", "replace")
        # "Sitemap: /sitemap.xml" (the standard wants an absolute address; some sites do not)
        listed = [
            joined for url in SITEMAP_LINE.findall(text) if (joined := self.joined(response, url))
        ]
        for url in listed:
            if self.lists_articles(url):
                yield self.request(url, self.parse_sitemap, kind="sitemap")
        if not listed:
            yield self.guessed_sitemap()

    def guessed_sitemap(self) -> scrapy.Request:
        """/sitemap.xml, where sitemaps are by convention, for a site whose robots.txt lists
        none: many CMSs serve one there. Its absence is not an error (see `failed`)."""
        assert self.source.site
        return self.request(
            urljoin(self.source.site, "/sitemap.xml"),
            self.parse_sitemap,
            kind="sitemap",
            guessed=True,
        )

    def parse_feed(self, response: Response) -> Iterable[scrapy.Request]:
        if self.unchanged(response):
            self.listings += 1
            return
        if looks_like_json(response.body):  # a JSON Feed, which feedparser does not read
            yield from self._read_json_feed(response)
            return
        parsed, listed = feed_entries(response.body, dict(_headers(response)), response.url)
        links = [link for link, _, _ in listed]
        if not links and (announced := self.announced_feeds(response)):
            yield from announced
            return
        if not links:
            reason = (
                f"{len(parsed.entries)} entries, none with a link"
                if parsed.entries
                else getattr(parsed, "bozo_exception", None) or "no entries"
            )
            self.count_error("feed", response.url, f"unreadable feed: {reason}")
            return
        self.listings += 1
        if parsed.bozo:
            log.info(
                "%s: feed %s is malformed (%s); %d links recovered",
                self.source.name,
                response.url,
                parsed.bozo_exception,
                len(links),
            )
        language = feed_language(parsed)
        # before article() schedules them: is every story of this page new to the archive?
        page = int(response.meta.get("feed_page", 1))
        older = self.older_page(
            response, links, lambda: older_feed_page(parsed, response.url, page)
        )
        edits = per_page([entry_modified(entry) for _, _, entry in listed])
        for (link, date, entry), edited in zip(listed, edits, strict=True):
            # the story's copy is made only for a page that is going to be fetched
            copy = partial(feed_copy, entry, language)
            if (url := self.joined(response, link)) is not None:
                yield from self.article(url, listed=date, copy=copy, edited=edited)
        if older is not None and not self.full():
            yield older

    def older_page(
        self, response: Response, links: list[str], next_url: Callable[[], str | None]
    ) -> scrapy.Request | None:
        """The feed's next, older page when every story on this one is new to an archive that
        has this source's stories: the site published more since the last pass than its feed
        holds (a daemon stopped for a day, a busy night), and what fell off the feed would be
        missed. Up to MAX_FEED_PAGES; not on a source's first pass (its back catalogue is
        max_articles' and the sitemaps' business), nor past a story already stored.
        `next_url`: the older page's address as the feed gives it (RFC 5005's rel="next",
        WordPress's ?paged=N, a JSON Feed's next_url), asked only when it is wanted."""
        page = int(response.meta.get("feed_page", 1))
        if page >= MAX_FEED_PAGES or self.full() or not self.crawled_before():
            return None
        # the stories it would read: what allow or deny turn away is never stored, and would
        # look new pass after pass
        urls = [
            u
            for link in links
            if (joined := self.joined(response, link, count=False))
            and self.wanted(u := canonical_url(joined))
        ]
        if not urls or any(self.store.known_url(u) or self.store.verdict(u) for u in urls):
            return None  # stored, or read and found no article: the gap ends here
        if page > 1 and all(url in self.scheduled for url in urls):
            return None  # the same stories again: a server that ignores the page asked for
        url = next_url()
        if url is None or url in self.requested_feed_pages or url == _requested(response):
            return None
        self.requested_feed_pages.add(url)
        log.info(
            "%s: every story of feed page %s is new: reading its older page %s",
            self.source.name,
            response.url,
            url,
        )
        return self.request(url, self.parse_feed, kind="feed", feed_page=page + 1)

    def wanted(self, url: str) -> bool:
        """Would `article` read this link (an http(s) link that allow takes and deny does not)?"""
        if urlsplit(url).scheme not in ("http", "https"):
            return False
        if self.allow and not any(p.search(url) for p in self.allow):
            return False
        return not any(p.search(url) for p in self.deny)

    def crawled_before(self) -> bool:
        if self._crawled_before is None:
            self._crawled_before = self.store.has_articles_of(self.source.name)
        return self._crawled_before

    def announced_feeds(self, response: Response) -> list[scrapy.Request]:
        """A feed address that answers with a web page announcing feeds (a site's home page
        pasted into `feeds`, a /rss page that links the real one): those feeds, read instead,
        once (a page found this way is not followed further)."""
        if response.meta.get("announced") or not isinstance(response, TextResponse):
            return []
        if b"<html" not in response.body[:4096].lower():
            return []
        here = {response.url, _requested(response)}
        hrefs = [
            url
            for href in feed_links(response)
            if (url := self.joined(response, href)) is not None and url not in here
        ]
        if hrefs:
            log.info(
                "%s: %s is a web page, not a feed; reading the feeds it announces: %s",
                self.source.name,
                response.url,
                ", ".join(hrefs),
            )
        return [self.request(url, self.parse_feed, kind="feed", announced=True) for url in hrefs]

    def _read_json_feed(self, response: Response) -> Iterable[scrapy.Request]:
        items = json_feed_entries(response.body)
        if not items:
            what = "no items with a url" if items is not None else "not a JSON Feed"
            self.count_error("feed", response.url, f"unreadable feed: {what}")
            return
        self.listings += 1
        links = [url for url, _, _ in items]
        older = self.older_page(
            response, links, lambda: json_feed_next(response.body, response.url)
        )
        edits = per_page([edited for _, _, edited in items])
        for (link, date, _), edited in zip(items, edits, strict=True):
            if (url := self.joined(response, link)) is not None:
                yield from self.article(url, listed=date, edited=edited)
        if older is not None and not self.full():
            yield older

    def parse_sitemap(self, response: Response) -> Iterable[scrapy.Request]:
        try:
            yield from self._read_sitemap(response)
        except Exception as exc:  # job boundary: one broken child must not end its siblings' turn
            log.exception("%s: reading sitemap %s failed", self.source.name, response.url)
            self.count_error("sitemap", response.url, f"crashed: {type(exc).__name__}: {exc}")
        yield from self.next_sibling(response.meta)

    def _read_sitemap(self, response: Response) -> Iterable[scrapy.Request]:
        if self.unchanged(response):
            self.listings += 1
            return
        guessed = response.meta.get("guessed", False)
        body = sitemap_body(response)
        if body is None:
            if guessed:  # a page served for any address, not a sitemap
                log.info("%s: no sitemap at %s", self.source.name, response.url)
                return
            self.count_error("sitemap", response.url, "not a sitemap or too large")
            return
        try:
            sitemap = NewsSitemap(body)
        except Exception as exc:  # lxml raises several types on broken XML; the job boundary
            if guessed:
                log.info("%s: no sitemap at %s (%s)", self.source.name, response.url, exc)
                return
            self.count_error("sitemap", response.url, f"unreadable sitemap: {exc}")
            return
        self.listings += 1
        # read whole: the next pass may skip it if unchanged (stored only after a complete pass)
        self.validators.setdefault(_requested(response), (None, None))
        # newest first (by lastmod; undated entries after, in their order): many sites list
        # their archive oldest first, and max_articles should keep the latest stories, not
        # the oldest; a sitemap index's newest child is fetched first
        entries = []
        for entry in newest_first(list(sitemap)):
            # "/news/1.html": against the protocol, written by some plugins
            if (loc := self.joined(response, entry["loc"])) is not None:
                entries.append({**entry, "loc": loc})
        if sitemap.type == "sitemapindex":
            children = [
                entry["loc"]
                for entry in entries
                if self.lists_articles(entry["loc"]) and not self.unchanged_since_read(entry)
            ]
            yield from self.next_sibling({"siblings": children, "sibling": -1})
        elif sitemap.type == "urlset":
            edits = per_page([sitemap_modified(entry) for entry in entries])
            for entry, edited in zip(entries, edits, strict=True):
                yield from self.article(entry["loc"], listed=sitemap_date(entry), edited=edited)
        else:
            self.count_error("sitemap", response.url, f"unexpected sitemap root {sitemap.type!r}")

    def next_sibling(self, meta: dict[str, Any]) -> Iterable[scrapy.Request]:
        """The next child of a sitemap index, once the one before it is read (or failed).

        One at a time, newest first: one request at a time per host is the pace anyway, and
        the children stop once this pass has max_articles new articles. An index of 7,000
        daily sitemaps read whole would take two hours a pass at a polite second a request,
        past the crawl's time limit, for stories the pass has no room for. The children left
        are read by a later pass (this one stores no validators, see `unchanged_since_read`).
        """
        siblings: list[str] | None = meta.get("siblings")
        if siblings is None:
            return
        following = meta["sibling"] + 1
        # a child listed twice, or also in robots.txt, is read once
        while following < len(siblings) and siblings[following] in self.requested_sitemaps:
            following += 1
        if following >= len(siblings):
            return
        if self.full():
            left = len(siblings) - following
            self.crawl_stats.dropped[SITEMAPS_LEFT] += left
            log.info("%s: max_articles reached; %d sitemaps left for later", self.source.name, left)
            return
        yield self.request(
            siblings[following],
            self.parse_sitemap,
            kind="sitemap",
            priority=1,  # before the articles waiting: listing first decides what fits
            # Scrapy's duplicate filter drops a request without a callback or an errback, which
            # would end the chain: repeats are skipped above instead
            dont_filter=True,
            siblings=siblings,
            sibling=following,
        )

    def lists_articles(self, url: str) -> bool:
        """False for a sitemap of category, tag, author, user or static pages (WordPress and
        Yoast list them beside the posts': wp-sitemap-taxonomies-category-1.xml,
        author-sitemap.xml, page-sitemap.xml): lists of teasers, "About us"; stored as articles
        they would match, and alert on, the headlines of other stories. A sitemap a config
        names itself is read whatever it is; its children and robots.txt's are sorted."""
        if not NON_ARTICLE_SITEMAP.search(urlsplit(url).path):
            return True
        self.crawl_stats.dropped[NOT_ARTICLES] += 1
        log.info("%s: %s skipped: %s", self.source.name, url, NOT_ARTICLES)
        return False

    def full(self) -> bool:
        """This pass has as many new articles as max_articles allows."""
        return self.new_articles() >= self.max_articles

    def new_articles(self) -> int:
        """Article links scheduled this pass that are neither stored nor lately found not to
        be articles."""
        stats = self.crawl_stats
        return (
            len(self.scheduled) - stats.skipped_known - stats.skipped_not_articles - stats.revisited
        )

    def edited_since_read(self, url: str, edited: str | None) -> str | None:
        """When we last read this stored story, if its listing says it was edited since (and
        it is young enough to follow, and this pass has room for it; monitor.edits)."""
        if edited is None or not self.follow_edits or url in self.rereading:
            return None
        state = self.store.read_state(url)
        if state is None or not edited_since_read(
            edited, *state, window=self.follow_edits, before=self.started
        ):
            return None
        if self.crawl_stats.revisited >= min(MAX_PER_PASS, self.max_articles):
            self.crawl_stats.dropped["edited stories left for the next pass"] += 1
            return None
        return state[1]

    def read_lately(self, url: str, listed: str | None) -> bool:
        """Was this page read lately and found not to be an article, and is it not yet due for
        another read (monitor.recheck)?"""
        if self.recheck:
            return False
        verdict = self.store.verdict(url)
        return (
            verdict is not None
            and not due(verdict.recheck_after, self.started)
            and not listed_since(listed, verdict.last_seen, before=self.started)
        )

    def not_an_article(self, reason: str, *urls: str | None) -> None:
        """Remember (after the pass) that these addresses of one page gave no article."""
        for url in urls:
            if url:
                self.not_articles[canonical_url(url)] = reason

    def unchanged_since_read(self, entry: dict[str, Any]) -> bool:
        """A sitemap index's child whose lastmod is older than the start of the last complete
        pass that read it: unchanged since, as a 304 would say, without asking. A news site's
        index lists hundreds of monthly sitemaps, and only the newest changes; reading them
        all every half hour is neither polite nor quick. A date without a time counts as the
        end of that day, and an hour's margin covers a server clock behind ours."""
        value = str(entry.get("lastmod") or "").strip()
        changed = moment(value) if len(value) >= 10 else None
        read_at = self.store.read_at(entry["loc"]) if changed is not None else None
        if changed is None or read_at is None or (read := moment(read_at)) is None:
            return False
        if len(value) == 10:
            changed += timedelta(days=1)
        if changed + UNCHANGED_MARGIN >= read:
            return False
        self.crawl_stats.not_modified += 1
        self.listings += 1
        return True

    def parse_start_page(self, response: Response) -> Iterable[scrapy.Request]:
        if not isinstance(response, TextResponse):
            return
        # every link on the site, for article() to hold to `allow` and count what it refuses
        for url in article_links(response, ()):
            yield from self.article(url)

    # articles
    def article(
        self,
        url: str,
        *,
        listed: str | None = None,
        copy: Callable[[], bytes | None] | None = None,
        edited: str | None = None,
    ) -> Iterable[scrapy.Request]:
        """`listed`: the date its listing gives the story; `edited`: when the listing says it
        was last edited (a stored story edited since we read it is read again)."""
        try:
            url = canonical_url(url)
        except ValueError:  # a start page's link no URL parser reads
            self.crawl_stats.dropped[INVALID_LINKS] += 1
            return
        if url in self.stored_unread and edited is not None:
            # listed again, now with an edit time (its feed gives none, its sitemap one)
            if (last_read := self.edited_since_read(url, edited)) is not None:
                self.stored_unread.discard(url)
                self.crawl_stats.skipped_known -= 1
                yield from self.revisit(url, listed, edited, last_read)
            return
        if urlsplit(url).scheme not in ("http", "https") or url in self.scheduled:
            return
        if self.allow and not any(p.search(url) for p in self.allow):
            self.not_allowed_count += 1
            if len(self.not_allowed) < 200:  # examples, should none match
                self.not_allowed.append(url)
            return
        if any(p.search(url) for p in self.deny):
            self.crawl_stats.dropped["matched deny"] += 1
            return
        if GOOGLE_NEWS_LINK.match(url):  # a page of Google's that no extractor can read
            self.crawl_stats.dropped[GOOGLE_NEWS_DROPPED] += 1
            return
        self.scheduled.add(url)
        self.crawl_stats.discovered += 1
        if self.store.known_url(url):
            if (last_read := self.edited_since_read(url, edited)) is None:
                self.crawl_stats.skipped_known += 1
                self.stored_unread.add(url)
                return
            yield from self.revisit(url, listed, edited, last_read)
            return
        if self.read_lately(url, listed):
            self.crawl_stats.skipped_not_articles += 1
            return
        if self.new_articles() > self.max_articles:
            self.crawl_stats.dropped["over max_articles"] += 1
            return
        yield from self.fetch_article(
            url, listed, listed, feed_copy=copy() if copy is not None else None
        )

    def revisit(
        self, url: str, listed: str | None, edited: str | None, last_read: str
    ) -> Iterable[scrapy.Request]:
        """Read a stored story again: its listing dates an edit after `last_read`."""
        self.crawl_stats.revisited += 1
        # a server that knows its page unchanged since our read says so in a 304
        yield from self.fetch_article(
            url, listed, f"edited {edited}", revisit=True, if_modified_since=last_read
        )

    def fetch_article(
        self, url: str, listed: str | None, shown: str | None, **meta: Any
    ) -> Iterable[scrapy.Request]:
        """The article's request, or (a dry run) its line in the list of what would be
        fetched, with `shown` beside it."""
        if self.dry_run:
            self.crawl_stats.would_fetch.append((url, shown))
            return
        # the first article to fetch starts the extractor's fork server, loading while the
        # page is fetched; a pass that fetches none (most of a daemon's) never loads it
        self.extract_pool.prepare()
        yield self.request(
            url,
            self.parse_article,
            kind="article",
            canonical=url,
            listed=listed,
            # a stored story read again is asked for once a pass (rereading, scheduled); a
            # redirect of it to a page this pass read (its home page) must still be followed
            dont_filter=bool(meta.get("revisit")),
            **meta,
        )

    def parse_article(self, response: Response) -> Iterable[PageItem]:
        self.crawl_stats.pages += 1
        revisit = bool(response.meta.get("revisit"))
        if revisit and (status := sent_home(response)):
            # a stored story's address now sends readers to the home page (or its section):
            # how many sites take a story down; noted, as a 404 is, and confirmed by a later read
            self.crawl_stats.dropped[SENT_HOME] += 1
            self.gone[response.meta.get("canonical", response.url)] = status
            log.info("%s: stored story %s now redirects to %s", self.source.name,
                     response.meta.get("canonical"), response.url)  # fmt: skip
            return
        if revisit and (response.status == 304 or not isinstance(response, TextResponse)):
            # unchanged since our read, as its server says (or no longer a page to read)
            self.crawl_stats.unchanged_articles += 1
            read = self.still_there if response.status == 304 else self.checked
            read.append(response.meta.get("canonical", response.url))
            return
        if not isinstance(response, TextResponse):
            self.crawl_stats.dropped["not html"] += 1
            self.not_an_article("not html", response.url, _requested(response))
            return
        yield PageItem(
            source=self.source.name,
            url=canonical_url(response.url),
            status=response.status,
            body=response.body,
            content_type=_content_type(response),
            fetched_at=iso(utcnow()),
            requested_url=response.meta.get("canonical", response.url),
            listed=response.meta.get("listed"),
            feed_copy=response.meta.get("feed_copy"),
            revisit=revisit,
        )

    # failures
    def failed(self, failure: Failure) -> list[scrapy.Request | PageItem] | None:
        """Count what failed (the crawl goes on); what to do instead, if anything: a failed
        child of a sitemap index is followed by the next one, a page that refuses us is read
        from its feed's copy."""
        instead: list[scrapy.Request | PageItem] = []
        instead += self._failed(failure) or []
        instead += self.next_sibling(failure.request.meta)  # type: ignore[attr-defined]
        return instead or None

    def _failed(self, failure: Failure) -> list[scrapy.Request | PageItem] | None:
        request = failure.request  # type: ignore[attr-defined]
        kind = request.meta.get("kind", "page")
        message = failure.getErrorMessage()
        if (copy := self.feed_copy_instead(failure)) is not None:
            return [copy]
        if (
            request.meta.get("feed_page")
            and isinstance(failure.value, HttpError)
            and failure.value.response.status in (404, 410)
        ):  # ?paged=N past a WordPress feed's last page: its end, no failure
            log.info("%s: no older feed page at %s", self.source.name, request.url)
            return None
        if request.meta.get("guessed"):  # /sitemap.xml is only a convention
            log.info("%s: no sitemap at %s (%s)", self.source.name, request.url, message)
            return None
        if kind == "robots.txt" and isinstance(failure.value, HttpError):
            status = failure.value.response.status
            if 400 <= status < 500:  # no robots.txt: no rules (RFC 9309), no sitemaps listed
                log.info("%s: %s answered %s", self.source.name, request.url, status)
                return [self.guessed_sitemap()]
        if failure.check(IgnoreRequest) and message.startswith("postponed"):
            self.crawl_stats.dropped["postponed: the site asked us to wait (Retry-After)"] += 1
            return None
        if failure.check(IgnoreRequest) and message.startswith("robots.txt "):
            self.count_error(kind, request.url, message.split(" (RFC")[0])  # the server is failing
            return None
        if failure.check(IgnoreRequest) and not failure.check(HttpError):
            reason = (
                "disallowed by robots.txt" if "robots.txt" in message else f"ignored: {message}"
            )
            self.crawl_stats.dropped[reason] += 1
            log.info("%s: %s not fetched: %s", self.source.name, request.url, message)
            return None
        if (
            request.meta.get("revisit")
            and isinstance(failure.value, HttpError)
            and (status := failure.value.response.status) in GONE
        ):  # a stored story read again for an edit: the archive keeps what it said
            self.crawl_stats.dropped[
                f"stored stories the site no longer gives (HTTP {status})"
            ] += 1
            canonical = request.meta.get("canonical", request.url)
            if status in TAKEN_DOWN:  # noted; a later read confirms it (Store.record_gone)
                self.gone[canonical] = status
            else:  # a site that turns us away now says nothing of the story
                self.checked.append(canonical)
            log.info("%s: stored story %s now answers %s", self.source.name, request.url, status)
            return None
        if isinstance(failure.value, HttpError):
            response = failure.value.response
            self.count_error(kind, request.url, f"HTTP {response.status}")
            if kind == "article" and response.status in GONE:
                self.not_an_article(f"HTTP {response.status}", request.url, response.url)
            if response.status in (429, 503):
                self.back_off(request.url, response)
            return None
        label = failure_label(failure)
        if label == TOO_LARGE:
            limit = request.meta.get("download_maxsize") or self.settings.getint("DOWNLOAD_MAXSIZE")
            label = f"over the size limit ({limit / 2**20:g} MiB)"
        self.count_error(kind, request.url, label)
        return None

    def feed_copy_instead(self, failure: Failure) -> PageItem | None:
        """An article page that refuses us for good (401, 402, 403, 451: a site that turns
        crawlers away, a paywall) while its feed gave the whole story: that story, as a page.
        The feed is the site's own syndication of it; its robots.txt is obeyed all the same
        (a page it disallows is never read, from the feed either)."""
        request = failure.request  # type: ignore[attr-defined]
        copy = request.meta.get("feed_copy")
        if copy is None or not isinstance(failure.value, HttpError):
            return None
        status = failure.value.response.status
        if status not in REFUSED:
            return None
        self.crawl_stats.from_feed[f"the page answered HTTP {status}"] += 1
        log.info("%s: %s answered %s; stored from its feed", self.source.name, request.url, status)
        url = request.meta.get("canonical", request.url)
        return PageItem(
            source=self.source.name,
            url=url,
            status=status,
            body=copy,
            content_type="text/html; charset=utf-8",
            fetched_at=iso(utcnow()),
            requested_url=url,
            listed=request.meta.get("listed"),
        )

    def back_off(self, url: str, response: Response) -> None:
        """Honour Retry-After (seconds or a date) for the host, in this run and the next ones."""
        from alerts.channels import retry_after_seconds

        header = response.headers.get(b"Retry-After")
        seconds = retry_after_seconds(
            header.decode("latin-1") if header else None, now=utcnow().timestamp()
        )
        if not seconds:
            return
        host = urlsplit(url).netloc
        until = iso(utcnow() + timedelta(seconds=min(seconds, 7 * 86400)))
        self.not_before[host] = until
        self.new_backoff[host] = (until, f"HTTP {response.status} Retry-After {seconds:.0f}s")
        log.warning("%s: %s asks us to wait until %s (Retry-After)", self.source.name, host, until)

    def joined(self, response: Response, link: str, *, count: bool = True) -> str | None:
        """`link` made absolute against the listing it is on, or None (counted, unless
        `count` is false) for one no URL parser reads ("http://[bad", a port over 65535),
        which raised and lost the listing's other links with it."""
        try:
            try:
                url = response.urljoin(link.strip())
            except ValueError:  # the page's <base href> is none: its own address, as browsers do
                url = urljoin(response.url, link.strip())
            _ = urlsplit(url).port  # read: "e.org:99999" raises here, not when urljoin made it
        except ValueError:
            if count:
                self.crawl_stats.dropped[INVALID_LINKS] += 1
            return None
        return url

    def count_error(self, kind: str, url: str, what: str) -> None:
        self.crawl_stats.errors[f"{kind}: {what.split(':')[0]}"] += 1
        self.crawl_stats.failed_urls.append(f"{url} ({what})")
        log.warning("%s: %s %s failed: %s", self.source.name, kind, url, what)


def per_page(edits: list[str | None]) -> list[str | None]:
    """A listing's edit times, or none where most entries share one: the time the listing was
    written (monitor.edits.stamped_alike), which would have every stored story read again."""
    return [None] * len(edits) if stamped_alike(edits) else edits


def _requested(response: Response) -> str:
    """The address asked for (before redirects): what the next pass will ask for again."""
    return response.request.url if response.request else response.url


def sent_home(response: Response) -> int | None:
    """The redirect's status (301, 302 ...) when a request for a story's own address ended at
    its site's home page, or at a folder above the story (its section: /news/2026/11/story to
    /news/), as sites take stories down (the same host, www. or not; no query); else None. A
    story moved goes to its new address, not to a page above its old one."""
    reasons = response.meta.get("redirect_reasons") or []
    requested = (response.meta.get("redirect_urls") or [None])[0]
    if not reasons or not requested:
        return None
    now, was = urlsplit(response.url), urlsplit(requested)
    above = now.path.rstrip("/") + "/"  # "/news" and "/news/" are above "/news/2026/x"
    if now.query or not was.path.startswith(above) or was.path.rstrip("/") + "/" == above:
        return None
    if not same_site(response.url, requested):
        return None
    status = reasons[0]
    return status if isinstance(status, int) else 301


def _content_type(response: Response) -> str | None:
    value = response.headers.get("Content-Type")
    return value.decode("latin-1") if value else None


def _likeliest_stories(urls: list[str], n: int = 3) -> list[str]:
    """The links most like a story's: the longest paths (a slug, a date, an id), where a
    menu's sections and pages are short."""
    return sorted(urls, key=lambda url: -len(urlsplit(url).path))[:n]


def _headers(response: Response) -> Iterable[tuple[str, str]]:
    for key, values in response.headers.items():
        yield key.decode("latin-1").lower(), values[-1].decode("latin-1")
