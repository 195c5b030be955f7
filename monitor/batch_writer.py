"""The crawl's single archive writer: articles saved in batches, each batch one transaction.

Every source of a crawl hands its articles (already extracted in workers and matched) to one
writer, which commits them BATCH at a time, or FLUSH_AFTER seconds after the first one waits,
and at the end of the crawl. A crawl killed mid-batch loses only articles that were not
committed: they are not in the archive, so the next pass fetches them again, and their alerts
were never queued, so none is lost or sent twice.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Sequence
from typing import Any, cast

from monitor.archive import SaveResult, Store
from monitor.models import Article, Match, iso, utcnow

log = logging.getLogger(__name__)
BATCH = 25
FLUSH_AFTER = 0.5  # seconds

Done = Callable[[SaveResult], None]


class BatchWriter:
    def __init__(
        self,
        store: Store,
        channels_by_rule: dict[str, Sequence[str]],
        *,
        batch: int = BATCH,
        flush_after: float | None = FLUSH_AFTER,  # None: by size and at close only
    ):
        self.store = store
        self.channels_by_rule = channels_by_rule
        self.batch = batch
        self.flush_after = flush_after
        self.pending: list[tuple[Article, Sequence[Match], Done]] = []
        self._timer: Any = None

    def add(self, article: Article, matches: Sequence[Match], done: Done) -> None:
        """Queue an article; `done` is called with its result once it is committed."""
        self.pending.append((article, matches, done))
        if len(self.pending) >= self.batch:
            self.flush()
        elif self._timer is None and self.flush_after is not None:
            from twisted.internet import reactor

            self._timer = cast(Any, reactor).callLater(self.flush_after, self.flush)

    def flush(self) -> None:
        if self._timer is not None:
            if self._timer.active():
                self._timer.cancel()
            self._timer = None
        batch, self.pending = self.pending, []
        if not batch:
            return
        now = iso(utcnow())
        pairs = [(article, matches) for article, matches, _ in batch]
        results: list[SaveResult | None]
        try:
            results = list(self.store.save_articles(pairs, self.channels_by_rule, now=now))
        except sqlite3.Error:
            # one bad article must not cost the batch: save them one by one to find it
            log.warning("a batch of %d articles failed; saving them one by one", len(batch))
            results = [self._save_alone(article, matches, now) for article, matches in pairs]
        for (_, _, done), result in zip(batch, results, strict=True):
            if result is not None:
                done(result)

    def _save_alone(
        self, article: Article, matches: Sequence[Match], now: str
    ) -> SaveResult | None:
        try:
            return self.store.save_article(article, matches, self.channels_by_rule, now=now)
        except sqlite3.Error:
            log.exception("could not store %s; it will be fetched again next pass", article.url)
            return None

    def close(self) -> None:
        self.flush()
