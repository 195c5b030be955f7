"""Scrapy settings only: politeness and the pipeline order. App config comes from the TOML file.

`crawl_settings(config)` layers the config's [crawl] table and User-Agent over these defaults.
"""

from __future__ import annotations

from typing import Any

BOT_NAME = "media-monitor"
USER_AGENT = "media-monitor/0.1 (self-hosted news monitor)"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 1  # one request at a time per host
# a page yields one item (a sitemap or start page only requests, which pass straight on);
# Scrapy starts this many asyncio tasks per callback to drain its output, and its default (100)
# made them a tenth of the crawler's own CPU (bench/pipeline.py). Pages still run in parallel:
# this is per callback.
CONCURRENT_ITEMS = 1
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 5 * 1024 * 1024  # news pages are < 2 MiB; Scrapy's 1 GiB default invites bombs
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
RETRY_TIMES = 2
# Scrapy logs a request that failed its retries at ERROR; the spider's errback logs each such
# failure as a warning with its reason and the pass counts it, so a site that is down gave two
# lines per page, one of them an ERROR (which a cron job mails as the program's fault)
RETRY_GIVE_UP_LOG_LEVEL = "INFO"
DOWNLOADER = "monitor.downloader.OneAtATimeDownloader"  # Scrapy's, minus a burst at delay 0
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
# Scrapy checks every callback for a generator that returns a value, reading its source with
# `inspect` and parsing it with `ast`; its cache is keyed by the bound method, which dies with
# each request, so it did so for every page: 2% of the crawler's own CPU for a warning about our
# own spiders, whose callbacks return nothing (tests/test_crawl.py checks they are no such)
WARN_ON_GENERATOR_RETURN_VALUE = False
LOG_LEVEL = "WARNING"
FEED_EXPORT_ENCODING = "utf-8"

DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "monitor.robots.PoliteRobotsTxtMiddleware": 100,
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "monitor.meta_refresh.HeadOnlyMetaRefreshMiddleware": 580,
    # per-request work for things this crawler never uses (each parsed every request's URL or
    # counted its bytes; nothing read the results): allowed_domains (never set, so it let every
    # request through), byte counts per request, HTTP basic auth
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
    "scrapy.downloadermiddlewares.stats.DownloaderStats": None,
    "scrapy.downloadermiddlewares.httpauth.HttpAuthMiddleware": None,
    # instead: each source's own credentials, to its own hosts only (one crawler, many sources)
    "monitor.source_auth.SourceAuthMiddleware": 300,
    # a source's own proxy, set before Scrapy's HttpProxyMiddleware (750) reads it
    "monitor.source_proxy.SourceProxyMiddleware": 740,
    # a page whose <base href> is no address, read as if it had none (after decompression, 590)
    "monitor.invalid_base.InvalidBaseMiddleware": 585,
}

# each spider middleware wraps every callback's output in one more async generator; the crawl
# follows no link chains that need a depth limit, sends no Referer and copies no request meta
SPIDER_MIDDLEWARES = {
    "scrapy.spidermiddlewares.depth.DepthMiddleware": None,
    "scrapy.spidermiddlewares.referer.RefererMiddleware": None,
    "scrapy.spidermiddlewares.metacopy.MetaCopyDetectionMiddleware": None,
}

# Scrapy 2.19's RemoteControl serves, on a local port, an HTTP endpoint that runs Python code sent
# to it (token-protected): not something a monitor that runs for months should expose, and it
# started one aiohttp server per source. The crawl keeps its own counts (CrawlStats), so
# Scrapy's per-response and per-item stats, memory and throughput logging go too.
REMOTE_CONTROL_ENABLED = False
EXTENSIONS = {
    "scrapy.extensions.remote_control.RemoteControl": None,
    "scrapy.extensions.corestats.CoreStats": None,
    "scrapy.extensions.memusage.MemoryUsage": None,
    "scrapy.extensions.logstats.LogStats": None,
}

ITEM_PIPELINES = {
    "monitor.pipeline.ExtractPipeline": 100,
    "monitor.pipeline.PersistPipeline": 200,
}


def politeness(config: Any, source: Any = None) -> dict[str, Any]:
    """The settings a config's [crawl] table and user_agent control (and a source's own
    download_delay, for its spider)."""
    delay = config.crawl.download_delay
    if source is not None and source.download_delay is not None:
        delay = source.download_delay
    return {
        "USER_AGENT": config.user_agent,
        "DOWNLOAD_DELAY": delay,
        "AUTOTHROTTLE_ENABLED": config.crawl.autothrottle,
        "AUTOTHROTTLE_START_DELAY": max(delay, 0.0),
        "DOWNLOAD_TIMEOUT": config.crawl.timeout,
    }


def without_disabled() -> dict[str, dict[str, int | None]]:
    """Scrapy's base component lists without the components disabled above (and the cookie
    middleware, as cookies are off): Scrapy imports every listed component to read its
    priority, disabled or not, and RemoteControl's aiohttp server and the cookie middleware's
    tldextract cost a third of a second of every crawl's start (each scheduled crawl is a new
    process). Computed from the installed Scrapy's defaults, so components a later release
    adds are kept."""
    from scrapy.settings import default_settings

    off = {"scrapy.downloadermiddlewares.cookies.CookiesMiddleware"}
    out = {}
    for name, ours in (
        ("EXTENSIONS", EXTENSIONS),
        ("DOWNLOADER_MIDDLEWARES", DOWNLOADER_MIDDLEWARES),
        ("SPIDER_MIDDLEWARES", SPIDER_MIDDLEWARES),
    ):
        disabled = {path for path, order in ours.items() if order is None} | off
        base = getattr(default_settings, f"{name}_BASE")
        out[f"{name}_BASE"] = {path: order for path, order in base.items() if path not in disabled}
        # a None left here would be imported all the same, to be told apart from the base's
        out[name] = {path: order for path, order in ours.items() if order is not None}
    return out


def crawl_settings(config: Any) -> dict[str, Any]:
    """Scrapy settings for one run of `config` (a monitor.config.Config)."""
    module = {k: v for k, v in globals().items() if k.isupper()}
    return {**module, **without_disabled(), **politeness(config)}
