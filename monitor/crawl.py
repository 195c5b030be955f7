"""run_crawl: one Scrapy CrawlerProcess for the chosen sources, then deliver what is pending.

A Twisted reactor runs once per OS process, so this is called once per process: by
`monitor crawl`, which the scheduler and the demo start as a child process.
"""

from __future__ import annotations

import gc
import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from scrapy.crawler import CrawlerProcess

from alerts.matcher_cache import compiled_matcher
from monitor.archive import Store
from monitor.batch_writer import BatchWriter
from monitor.config import Config, Source
from monitor.edits import TAKEDOWN_CONFIRM
from monitor.extract_pool import ExtractPool, default_workers
from monitor.health import check_sources
from monitor.models import CrawlStats, iso, utcnow
from monitor.pipeline import channels_by_rule, removal_rules
from monitor.settings import crawl_settings
from spiders.news import SITEMAPS_LEFT, NewsSpider

if TYPE_CHECKING:
    from alerts.delivery import DeliveryReport

log = logging.getLogger(__name__)
LOG_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
LOG_DATEFORMAT = "%H:%M:%S"
CRAWL_GC_THRESHOLD = 10_000  # allocations between young-generation collections


@dataclass(frozen=True, slots=True)
class CrawlResult:
    stats: dict[str, CrawlStats]
    delivery: DeliveryReport


def run_crawl(
    config: Config,
    sources: Sequence[Source],
    *,
    log_level: str = "WARNING",
    progress: Callable[[str, CrawlStats], None] | None = None,
    lazy_workers: bool = False,
    recheck: bool = False,
    dry_run: bool = False,
) -> CrawlResult:
    """Crawl the sources (concurrently, each politely), record each crawl, deliver alerts.

    `lazy_workers`: the extractor's fork server starts with the first new article, not now
    (see ExtractPool.prepare): a pass that finds nothing new never loads it. `recheck`: read
    again the pages lately found not to be articles (monitor.recheck), before their time.
    `dry_run`: listings only; the articles a pass would fetch are listed in each source's
    stats (`would_fetch`), none is fetched, nothing is written and nothing sent."""
    started = iso(utcnow())
    # Scrapy's root handler shows its own chatter at log_level; our loggers have their own handler
    settings = crawl_settings(config) | {
        "LOG_LEVEL": log_level,
        "LOG_FORMAT": LOG_FORMAT,
        "LOG_DATEFORMAT": LOG_DATEFORMAT,
    }
    process = CrawlerProcess(settings)
    # Scrapy's handler drops records below log_level, but only after each was made: its loggers
    # at NOTSET built two DEBUG records per page ("Crawled (200)", "Scraped from") to drop them
    logging.getLogger("scrapy").setLevel(log_level.upper())
    crawlers = {}
    workers = config.crawl.extract_workers
    pool = ExtractPool(
        default_workers() if workers is None else workers, config.crawl.extract_timeout
    )
    if not lazy_workers and not dry_run:
        pool.prepare()
    # compiled once (or loaded, as the last crawl of these rules compiled it), shared by every
    # source's pipeline; a dry run matches nothing
    matcher = compiled_matcher(config.rules if not dry_run else ())
    # the compiled rules (hundreds of thousands of objects at 100,000 rules) live as long as the
    # crawl: frozen, the garbage collector no longer walks them at every full collection
    gc.freeze()
    # Scrapy and Twisted make and drop hundreds of container objects per page (requests,
    # deferreds, headers): at the default threshold (700) the collector ran 600 times in a
    # 2,000-page crawl, 0.4 s of the crawler's CPU; at 10,000, 25 times and 0.1 s
    gc.set_threshold(CRAWL_GC_THRESHOLD, 10, 10)
    # the one writer; it matches each batch of articles before storing it
    writer = BatchWriter(
        Store(config.database),
        channels_by_rule(config),
        matcher=matcher,
        alert_max_age=config.alert_max_age,
        removals=removal_rules(config),
    )
    for source in sources:
        crawler = process.create_crawler(NewsSpider)
        crawlers[source.name] = crawler
        process.crawl(
            crawler,
            source=source,
            config=config,
            progress=progress,
            extract_pool=pool,
            matcher=matcher,
            writer=writer,
            recheck=recheck,
            dry_run=dry_run,
        )
    try:
        process.start()
    finally:
        pool.close()
        writer.close()
        writer.store.close()
    stats = {
        name: getattr(crawler.spider, "crawl_stats", None) or CrawlStats()
        for name, crawler in crawlers.items()
    }
    if dry_run:
        from alerts.delivery import DeliveryReport

        return CrawlResult(stats, DeliveryReport())
    with Store(config.database) as store:
        for name, crawl_stats in stats.items():
            spider = crawlers[name].spider
            # stored stories that answered 404, 410 or 451: noted, or (a second answer a
            # while after the first) taken down, and the rules that ask are told
            if isinstance(spider, NewsSpider) and (gone := spider.noted_gone()):
                taken, queued = store.record_gone(
                    gone,
                    now=iso(getattr(spider, "started", utcnow())),
                    confirm_after=TAKEDOWN_CONFIRM,
                    removals=removal_rules(config),
                    channels_by_rule=channels_by_rule(config),
                )
                crawl_stats.taken_down += taken
                crawl_stats.alerts_queued += queued
            store.record_crawl(_crawl_row(name, started, crawl_stats))
            store.save_host_backoff(getattr(spider, "new_backoff", {}))
            store.save_verdicts(
                getattr(spider, "not_articles", {}), now=getattr(spider, "started", utcnow())
            )
            # stored stories read again and found unchanged (or without the story): not again
            # for that edit or age
            read_at = iso(getattr(spider, "started", utcnow()))
            store.mark_checked(getattr(spider, "checked", ()), now=read_at)
            crawl_stats.alerts_queued += store.mark_checked(
                getattr(spider, "still_there", ()),
                now=read_at,
                there=True,
                channels_by_rule=channels_by_rule(config),
            )
            must_revisit = (
                "over max_articles",
                "postponed: the site asked us to wait (Retry-After)",
                SITEMAPS_LEFT,
            )
            if not crawl_stats.errors and not any(crawl_stats.dropped.get(r) for r in must_revisit):
                # only a pass that fetched everything may let the next one skip unchanged feeds
                # when the pass started: a sitemap changed after that is read again next time
                store.save_validators(getattr(spider, "validators", {}), now=started)
        check_sources(store, {s.name: s for s in sources}, stats, config.admin, utcnow())
        # imported here: the channels (SMTP, HTTP, Apprise) are needed only once the crawl is
        # done, and loading them first delayed the first request by a tenth of a second
        from monitor.dispatch import deliver

        delivery = deliver(config, store=store)
    return CrawlResult(stats, delivery)


def _crawl_row(source: str, started: str, stats: CrawlStats) -> dict[str, object]:
    return {
        "source": source,
        "started_at": started,
        "finished_at": iso(utcnow()),
        "requests": stats.requests,
        "pages": stats.pages,
        "new_articles": stats.new_articles,
        "alerts_queued": stats.alerts_queued,
        "dropped": json.dumps(dict(stats.dropped)),
        "errors": json.dumps(dict(stats.errors)),
        "outcome": "ok" if not stats.errors else "partial",
    }
