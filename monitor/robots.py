"""robots.txt as RFC 9309 reads it, on top of Scrapy's middleware.

Scrapy treats a robots.txt it cannot get as "allow everything". RFC 9309 says otherwise: a
robots.txt that answers 5xx, or cannot be reached, means "crawl nothing" (for this pass: the
next pass asks again); 4xx means there are no rules. `Crawl-delay` is honoured as a floor under
AutoThrottle's delay for that host.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import signals
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from twisted.internet.defer import Deferred

from monitor.models import iso, utcnow

log = logging.getLogger(__name__)
# seconds: a Crawl-delay over this is honoured by not crawling the host (as Nutch's
# fetcher.max.crawl.delay does): a pass of a few hundred pages cannot wait longer between them
MAX_CRAWL_DELAY = 60


class DisallowAll:
    """The parser for a robots.txt that is unreachable or answered 5xx."""

    def __init__(self, reason: str):
        self.reason = reason

    def allowed(self, url: str | bytes, user_agent: str | bytes) -> bool:
        return False


class ScrapysRobotsErrorFilter(logging.Filter):
    """Drops Scrapy's "Error downloading <robots.txt's first request>" record. It is logged at
    ERROR with a full traceback, three screens for a site that is merely down, and says less
    than the one warning `_robots_error` logs for the same failure (which the crawl's summary
    counts too)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Error downloading")


SCRAPYS_ROBOTS_ERROR = ScrapysRobotsErrorFilter()


class PoliteRobotsTxtMiddleware(RobotsTxtMiddleware):
    def __init__(self, crawler: Any):
        super().__init__(crawler)
        # one filter object: a logger keeps it once however many crawlers a process makes
        logging.getLogger(RobotsTxtMiddleware.__module__).addFilter(SCRAPYS_ROBOTS_ERROR)
        self.crawl_delays: dict[str, float] = {}
        crawler.signals.connect(self._after_autothrottle, signal=signals.response_downloaded)

    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        if response.status >= 500:
            log.warning(
                "robots.txt of %s answered %d: crawling nothing there this pass (RFC 9309)",
                netloc,
                response.status,
            )
            self._settle(netloc, DisallowAll(f"robots.txt answered {response.status}"))
            return
        if response.status >= 400:
            self._settle(netloc, None)  # no robots.txt: no rules
            return
        asked = _asked_delay(response.body, self._robotstxt_useragent or self._default_useragent)
        if asked is not None and asked > MAX_CRAWL_DELAY:
            # "Crawl-delay: 86400" (or 1e9) is honoured by not asking at all: at that pace a
            # pass would outlast its time limit, or hang `monitor crawl`, for a page or two
            log.warning(
                "robots.txt of %s asks for a Crawl-delay of %gs: crawling nothing there (a pass "
                "waits at most %ds between requests)",
                netloc,
                asked,
                MAX_CRAWL_DELAY,
            )
            self._settle(
                netloc,
                DisallowAll(
                    f"robots.txt asks for a Crawl-delay of {asked:g}s, over the "
                    f"{MAX_CRAWL_DELAY}s a pass waits"
                ),
            )
            return
        await super()._parse_robots(response, netloc, request)
        parser = self._parsers.get(netloc)
        delay = _crawl_delay(parser, self._robotstxt_useragent or self._default_useragent)
        if delay:
            self.crawl_delays[netloc] = delay
            log.info("%s asks for a Crawl-delay of %.1fs: honoured", netloc, delay)

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        if isinstance(exc, IgnoreRequest):
            super()._robots_error(exc, netloc)
            return
        log.warning(
            "robots.txt of %s unreachable (%s): crawling nothing there this pass (RFC 9309)",
            netloc,
            exc,
        )
        self._settle(netloc, DisallowAll(f"robots.txt unreachable: {type(exc).__name__}"))

    def _settle(self, netloc: str, parser: Any) -> None:
        waiting = self._parsers[netloc]
        self._parsers[netloc] = parser
        if isinstance(waiting, Deferred):
            waiting.callback(parser)

    async def process_request(self, request: Request, spider: Any = None) -> None:
        """Hosts that asked us to wait (Retry-After, kept across runs) are not asked before then."""
        until = getattr(self.crawler.spider, "not_before", {}).get(_netloc(request))
        if until and until > iso(utcnow()):
            raise IgnoreRequest(f"postponed until {until}: the site asked us to wait (Retry-After)")
        await super().process_request(request)

    def process_request_2(self, rp: Any, request: Request) -> None:
        if isinstance(rp, DisallowAll):
            raise IgnoreRequest(
                f"{rp.reason} (RFC 9309: nothing is crawled on this host this pass)"
            )
        super().process_request_2(rp, request)
        self._floor_delay(request)

    def _after_autothrottle(self, response: Response, request: Request, spider: Any = None) -> None:
        """Connected after AutoThrottle's handler of the same signal, and run before the
        downloader picks the next request for the host: the delay it uses is ours."""
        self._floor_delay(request)

    def _floor_delay(self, request: Request) -> None:
        delay = self.crawl_delays.get(_netloc(request))
        if not delay or self.crawler.engine is None:
            return
        downloader = self.crawler.engine.downloader
        slot = downloader.slots.get(downloader.get_slot_key(request))
        if slot is not None and slot.delay < delay:
            slot.delay = delay
        if slot is not None:
            slot.randomize_delay = False  # Scrapy would draw 0.5x to 1.5x of it: a floor is a floor


def _netloc(request: Request) -> str:
    return request.url.split("/")[2] if "://" in request.url else ""


def _asked_delay(body: bytes, user_agent: str | bytes) -> float | None:
    """The Crawl-delay a robots.txt asks of us, read before Scrapy's parser is settled (the
    requests waiting for it go on as soon as it is)."""
    from protego import Protego

    agent = user_agent.decode() if isinstance(user_agent, bytes) else user_agent
    try:
        delay = Protego.parse(body.decode("utf-8", "replace")).crawl_delay(agent)
    except Exception:  # job boundary: Scrapy's own parse of it will say what is wrong
        return None
    return float(delay) if delay else None


def _crawl_delay(parser: Any, user_agent: str | bytes) -> float | None:
    """Crawl-delay from Scrapy's default (Protego) parser, if it has one for us."""
    inner = getattr(parser, "rp", None)
    if inner is None or not hasattr(inner, "crawl_delay"):
        return None
    agent = user_agent.decode() if isinstance(user_agent, bytes) else user_agent
    delay = inner.crawl_delay(agent)
    return float(delay) if delay else None
