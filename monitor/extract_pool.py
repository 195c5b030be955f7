"""Extraction in worker processes, each page under a time limit.

Extraction is CPU work (trafilatura, lxml): done inside Scrapy's item pipeline it stalls the
crawler, and a hostile page (200,000 nested tags, a 30 MB text node) can hold it for minutes in
C code that no signal interrupts. Here each page goes to a worker process (pebble's pool); the
crawler awaits the result, a page over its time limit has its worker killed and replaced and is
counted as failed, and a worker that dies (out of memory, a crash in C) costs only its page.

Workers come from a fork server that has imported the extractor once: cheap to start, and never
forked from the crawler's own threads.
"""

from __future__ import annotations

import asyncio
import logging
import os
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import replace

from pebble import ProcessExpired, ProcessPool

from monitor import fork_server
from monitor.decoding import decode_html
from monitor.models import Extraction
from monitor.stories import story_sketch

log = logging.getLogger(__name__)


def extract_for_archive(
    page: bytes | str, url: str, *, content_type: str | None, source: str, fetched_at: str
) -> Extraction:
    """What runs in a worker: decoding, extraction and the story sketch, the CPU-bound steps of
    an article, so that the crawler only fetches and the archive's single writer only writes."""
    from monitor.extract import extract_article  # preloaded by the fork server, not the crawler

    html = decode_html(page, content_type) if isinstance(page, bytes) else page
    result = extract_article(html, url, source=source, fetched_at=fetched_at)
    if result.article is None:
        return result
    return replace(
        result, article=replace(result.article, sketch=tuple(story_sketch(result.article)))
    )


class ExtractionFailed(Exception):
    """The page is skipped; `kind` is what the crawl summary counts ("timed out", "crashed")."""

    def __init__(self, kind: str, detail: str):
        super().__init__(f"{kind}: {detail}")
        self.kind = kind


def default_workers() -> int:
    """One worker per core the process may use (at least one)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8))


class ExtractPool:
    """Started on the first page (a crawl that finds nothing new starts no process)."""

    def __init__(self, workers: int, timeout: float):
        self.workers = workers
        self.timeout = timeout
        self._pool: ProcessPool | None = None
        self._prepared = False

    async def extract(
        self,
        page: bytes | str,
        url: str,
        *,
        content_type: str | None = None,
        source: str,
        fetched_at: str,
    ) -> Extraction:
        """`page`: the bytes as received (decoded in the worker) or text already decoded."""
        kwargs = {"content_type": content_type, "source": source, "fetched_at": fetched_at}
        if self.workers == 0:  # in-process, for debugging: no time limit
            return extract_for_archive(
                page, url, content_type=content_type, source=source, fetched_at=fetched_at
            )
        future = self._started().schedule(
            extract_for_archive, args=(page, url), kwargs=kwargs, timeout=self.timeout
        )
        try:
            return await asyncio.wrap_future(future)
        except FutureTimeout as exc:
            raise ExtractionFailed("timed out", f"over {self.timeout:g}s") from exc
        except ProcessExpired as exc:
            raise ExtractionFailed("crashed", f"worker died ({exc})") from exc

    def prepare(self) -> None:
        """Start the fork server now (once): it loads the extractor (about 1.4 s of CPU) on
        another core while the crawler starts or fetches, and the first page finds the workers
        ready. Called as a crawl starts, and again as its first new article is requested: a
        lazy pass (`monitor crawl --lazy-workers`, each of the daemon's) that finds nothing new
        starts nothing, where most of the daemon's passes loaded it for nothing."""
        if self.workers > 0 and not self._prepared:
            self._prepared = True
            log.debug("starting the extractor (the workers' fork server)")
            fork_server.start()

    def _started(self) -> ProcessPool:
        if self._pool is None:
            self._pool = ProcessPool(max_workers=self.workers, context=fork_server.context())
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            try:
                self._pool.join(timeout=10)
            except TimeoutError:  # a crawl stopped mid-page: its pages are fetched next time
                self._pool.stop()
                self._pool.join()
            self._pool = None
