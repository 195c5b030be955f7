"""Scrapy item pipelines: the seam between the crawler and our plain-Python core."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import replace
from functools import partial
from typing import Any

import scrapy
from scrapy.exceptions import DropItem

from alerts.matcher_cache import compiled_matcher
from monitor.archive import SaveResult, Store
from monitor.batch_writer import BatchWriter
from monitor.dates import refines
from monitor.extract_pool import ExtractionFailed
from monitor.models import Article, Match, PageItem
from monitor.not_found import (
    NOT_FOUND_PAGE,
    gives_not_found_page,
    home_page,
    page_words,
    probe_address,
    same_page,
    same_site,
)
from monitor.zones import in_site_zone, zoned_by_listing

log = logging.getLogger(__name__)


class ExtractPipeline:
    """PageItem -> Article, or DropItem with the reason counted in the crawl summary."""

    def __init__(self, crawler: Any):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> ExtractPipeline:
        return cls(crawler)

    async def process_item(self, item: PageItem) -> Article:
        """Awaits a worker process: the crawler goes on fetching while pages are extracted."""
        spider = self.crawler.spider
        stats = spider.crawl_stats
        try:
            result = await spider.extract_pool.extract(
                item.body,
                item.url,
                content_type=item.content_type,
                source=item.source,
                fetched_at=item.fetched_at,
            )
        except ExtractionFailed as exc:  # a hostile page: counted, skipped, the crawl goes on
            log.warning("extraction %s on %s", exc, item.url)
            stats.errors[f"extract: {exc.kind}"] += 1
            stats.failed_urls.append(f"{item.url} (extraction {exc})")
            _not_an_article(spider, item, f"extraction {exc.kind}")
            raise DropItem(f"extraction {exc.kind}: {item.url}") from exc
        except Exception as exc:  # job boundary: one bad page must not end the crawl
            log.exception("extraction crashed on %s", item.url)
            stats.errors["extract: crashed"] += 1
            stats.failed_urls.append(f"{item.url} (extraction crashed: {type(exc).__name__})")
            raise DropItem(f"extraction crashed: {item.url}") from exc
        if result.article is None and item.feed_copy is not None:
            # a page whose text a script writes, or a paywall's stub: the feed gave the story
            try:
                copied = await spider.extract_pool.extract(
                    item.feed_copy,
                    item.url,
                    content_type="text/html; charset=utf-8",
                    source=item.source,
                    fetched_at=item.fetched_at,
                )
            except Exception:  # the feed's copy is a second chance, not a new way to fail
                log.warning("extraction of the feed's copy of %s failed", item.url, exc_info=True)
            else:
                if copied.article is not None:
                    stats.from_feed[f"the page: {result.reason or 'no article'}"] += 1
                    result = copied
        if result.article is None and await _not_found_page_or_no(self.crawler, item):
            # the site's page for an address it does not have: taken down, noted as a 404 is
            stats.dropped[NOT_FOUND] += 1
            spider.gone[item.requested_url or item.url] = NOT_FOUND_PAGE
            raise DropItem(f"now its site's not-found page: {item.url}", log_level="INFO")
        if result.article is None:
            stats.dropped[result.reason or "no article"] += 1
            _not_an_article(spider, item, result.reason or "no article")
            raise DropItem(f"{result.reason}: {item.url}", log_level="INFO")
        article = result.article
        if spider.source.language and article.language != spider.source.language:
            article = replace(article, language=spider.source.language)
        # the listing's date where the page gives none, and its time where the page gives a
        # day alone that the listing's time falls on (the page's is trusted over a day apart)
        if item.listed and (article.published is None or refines(article.published, item.listed)):
            article = replace(article, published=item.listed)
        elif item.listed and (zoned := zoned_by_listing(article.published, item.listed)):
            # a time the page gives without a zone, and its listing's time the same moment
            article = replace(article, published=zoned)
        elif spider.source.site_timezone and (
            local := in_site_zone(article.published, spider.source.site_timezone)
        ):
            # nothing on the page or in its listing says the zone: the one the config gives
            article = replace(article, published=local)
        if item.requested_url and item.requested_url != item.url:
            return replace(article, aliases=(item.requested_url,))
        return article


class PersistPipeline:
    """Hand the article to the crawl's single writer (monitor.batch_writer), which matches it
    with the rest of its batch, stores it and queues its alerts in one transaction."""

    def __init__(self, crawler: Any):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> PersistPipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        spider = self.crawler.spider
        config = spider.config
        # one matcher and one writer for every source of a crawl: 100,000 rules take seconds
        # and hundreds of MB to compile, and the archive has one writer
        self.matcher = getattr(spider, "matcher", None) or compiled_matcher(config.rules)
        self.writer = getattr(spider, "writer", None)
        self.owns_writer = self.writer is None
        if self.writer is None:  # `scrapy crawl news`: this spider alone
            self.writer = BatchWriter(
                Store(config.database),
                channels_by_rule(config),
                matcher=self.matcher,
                alert_max_age=config.alert_max_age,
                removals=removal_rules(config),
            )

    def close_spider(self) -> None:
        assert self.writer is not None
        self.writer.flush()
        if self.owns_writer:
            self.writer.store.close()

    def process_item(self, article: Article) -> Article:
        spider = self.crawler.spider
        assert self.writer is not None
        if self.writer.matcher is None:  # a writer of its own making: match here
            self.writer.add(article, self.matcher.match(article), partial(_saved, spider, article))
        else:  # matched with the rest of the writer's batch
            self.writer.add(article, None, partial(_saved, spider, article))
        return article


def _not_an_article(spider: Any, item: PageItem, reason: str) -> None:
    """Remember a page that gave no article (monitor.recheck); a stored story read again for
    an edit keeps what the archive has, and is marked read, not judged."""
    if item.revisit:
        spider.checked.append(item.requested_url or item.url)
    else:
        spider.not_an_article(reason, item.url, item.requested_url)


NOT_FOUND = "stored stories whose page is now their site's not-found page (HTTP 200)"


async def _not_found_page_or_no(crawler: Any, item: PageItem) -> bool:
    """_gives_not_found_page, whose failure is no takedown and costs the read nothing."""
    try:
        return await _gives_not_found_page(crawler, item)
    except Exception:  # job boundary: the page is then read as no article, as before
        log.exception("%s: could not tell whether %s is a not-found page", item.source, item.url)
        return False


async def _gives_not_found_page(crawler: Any, item: PageItem) -> bool:
    """A stored story read again whose page (200, no article in it) is the page its site
    gives an address it does not have, and not the one it gives every address, its home
    page too (a wall, a challenge, a script's shell): monitor.not_found. Each asked once a
    pass (per folder; the home page)."""
    story = item.requested_url or item.url
    if not item.revisit or not 200 <= item.status < 300 or not same_site(item.url, story):
        return False  # (a page on another host: a consent or login wall)
    lacking, home = await asyncio.gather(
        _page_at(crawler, probe_address(story, token=""), probe_address(story), item.source),
        _page_at(crawler, home_page(story), home_page(story), item.source),
    )
    if lacking is None or home is None:  # the site says 404, or gives nothing to compare
        return False
    addresses = (story, item.url, lacking[0])
    not_found = page_words(lacking[1], *addresses)
    title = crawler.spider.store.stored_title(story)
    if not gives_not_found_page(page_words(item.body, *addresses), not_found, title):
        return False
    if same_page(page_words(home[1], *addresses), not_found):
        log.info("%s: %s gives one page at every address, its home page too", item.source, story)
        return False
    log.info("%s: stored story %s now gives the page %s does", item.source, story, lacking[0])
    return True


async def _page_at(crawler: Any, key: str, url: str, source: str) -> tuple[str, bytes] | None:
    """What `url` gives (see _ask), asked once a pass for `key`: the stories of one folder
    read at once wait for one answer."""
    pages = crawler.spider.not_found_pages
    if key not in pages:
        pages[key] = asyncio.ensure_future(_ask(crawler, url, source))
    return await pages[key]


async def _ask(crawler: Any, url: str, source: str) -> tuple[str, bytes] | None:
    """The address asked for and the page it gave at 2xx on its own site, or None (a 404:
    the site says when a page is missing; another host: a wall; disallowed, timed out: no
    answer)."""
    crawler.spider.crawl_stats.requests += 1
    request = scrapy.Request(url, meta={"kind": "not-found probe"}, dont_filter=True)
    try:
        response = await crawler.engine.download_async(request)
    except Exception as exc:  # no answer is no takedown
        log.info("%s: no answer for %s (%s)", source, url, exc)
        return None
    if not 200 <= response.status < 300 or not same_site(response.url, url):
        return None
    return url, response.body


def channels_by_rule(config: Any) -> dict[str, Any]:
    return {rule.name: rule.channels for rule in config.rules}


def removal_rules(config: Any) -> frozenset[str]:
    """The rules that alert when an edit takes out what they matched (Rule.alert_removals)."""
    return frozenset(rule.name for rule in config.rules if rule.alert_removals)


PARTIAL = (
    "stored stories whose page now gives only their beginning (a paywall, a teaser): kept whole"
)


def _saved(spider: Any, article: Article, result: SaveResult, matches: Sequence[Match]) -> None:
    """Once committed: count it, show progress, log one line."""
    stats = spider.crawl_stats
    if result.status == "new":
        stats.new_articles += 1
    elif result.status == "updated":
        stats.updated_articles += 1
    elif result.status == "partial":
        stats.dropped[PARTIAL] += 1
    elif result.status == "copy":
        stats.dropped["copy of a stored article (rel=canonical)"] += 1
        # a stored story read again for an edit that now names another as its original: read
        getattr(spider, "still_there", []).append(article.url)
    else:
        stats.unchanged_articles += 1
    stats.alerts_queued += result.alerts_queued
    if spider.progress is not None:
        spider.progress(spider.source.name, stats)
    rules = sorted({m.rule for m in matches})
    log.info(
        "%s: %s article %s%s",
        article.source,
        result.status,
        article.url,
        f" (matches: {', '.join(rules)}; {_count(result.alerts_queued, 'alert')} queued)"
        if rules
        else "",
    )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")
