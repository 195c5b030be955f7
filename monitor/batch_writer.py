"""The crawl's single archive writer: articles saved in batches, each batch one transaction.

Every source of a crawl hands its articles (already extracted in workers) to one writer, which
matches them against the rules as one batch (the matcher's automata stay warm in the CPU caches
across a batch) and commits them BATCH at a time, or FLUSH_AFTER seconds after the first one
waits, and at the end of the crawl. A crawl killed mid-batch loses only articles that were not
committed: they are not in the archive, so the next pass fetches them again, and their alerts
were never queued, so none is lost or sent twice.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Collection, Sequence
from datetime import timedelta
from typing import TYPE_CHECKING, Any, cast

from monitor.archive import SaveResult, Store
from monitor.dates import day_only, moment
from monitor.models import Article, Match, iso, utcnow

if TYPE_CHECKING:
    from alerts.rules import Matcher

log = logging.getLogger(__name__)
BATCH = 25
FLUSH_AFTER = 0.5  # seconds

Done = Callable[[SaveResult, Sequence[Match]], None]  # called once committed


class BatchWriter:
    def __init__(
        self,
        store: Store,
        channels_by_rule: dict[str, Sequence[str]],
        *,
        batch: int = BATCH,
        flush_after: float | None = FLUSH_AFTER,  # None: by size and at close only
        matcher: Matcher | None = None,  # matches the articles added without their matches
        alert_max_age: int | None = None,  # seconds (Config.alert_max_age)
        removals: Collection[str] = (),  # rules that alert when an edit takes their match out
    ):
        self.store = store
        self.matcher = matcher
        self.alert_max_age = alert_max_age
        self.channels_by_rule = channels_by_rule
        self.removals = removals
        self.batch = batch
        self.flush_after = flush_after
        self.pending: list[tuple[Article, Sequence[Match] | None, Done]] = []
        self._timer: Any = None

    def add(self, article: Article, matches: Sequence[Match] | None, done: Done) -> None:
        """Queue an article (matches None: the writer's matcher finds them); `done` is called
        with its result and matches once it is committed."""
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
        # an article the matcher failed on is not stored: the next pass fetches it again,
        # rather than keeping it without the alerts it may owe
        matched = [
            (done, (article, matches))
            for (article, _, done), matches in zip(batch, self._matches(batch), strict=True)
            if matches is not None
        ]
        # what is saved: an article published before alert_max_age is stored with its
        # matches, without alerts
        triples = [(article, matches, self._alerting(article)) for _, (article, matches) in matched]
        results: list[SaveResult | None]
        try:
            results = list(
                self.store.save_articles(
                    triples, self.channels_by_rule, now=now, removals=self.removals
                )
            )
        except sqlite3.Error:
            # one bad article must not cost the batch: save them one by one to find it
            log.warning("a batch of %d articles failed; saving them one by one", len(triples))
            results = [self._save_alone(*triple, now) for triple in triples]
        for (done, (_, matches)), result in zip(matched, results, strict=True):
            if result is not None:
                done(result, matches)

    def _alerting(self, article: Article) -> bool:
        """Do its matches queue alerts? Not for a story older than alert_max_age (an article
        without a date alerts: its age is unknown; one with a day alone is as old as the end
        of that day, as it may be from its last hours)."""
        if self.alert_max_age is None or not article.published:
            return True
        published = moment(article.published)
        if published is not None and day_only(article.published):
            published += timedelta(days=1)
        return published is None or utcnow() - published <= timedelta(seconds=self.alert_max_age)

    def _matches(
        self, batch: list[tuple[Article, Sequence[Match] | None, Done]]
    ) -> list[Sequence[Match] | None]:
        """Each article's matches (None: matching failed); those still to match are matched
        together, in one call of the matcher."""
        todo = [article for article, matches, _ in batch if matches is None]
        if not todo:
            return [matches for _, matches, _ in batch]
        if self.matcher is None:
            raise ValueError("articles added without matches need a writer with a matcher")
        try:
            found: list[list[Match] | None] = list(self.matcher.match_many(todo))
        except Exception:  # one article the matcher chokes on must not cost the batch
            found = [self._match_alone(article) for article in todo]
        queue = iter(found)
        return [next(queue) if matches is None else matches for _, matches, _ in batch]

    def _match_alone(self, article: Article) -> list[Match] | None:
        assert self.matcher is not None
        try:
            return self.matcher.match(article)
        except Exception:
            log.exception("could not match %s; it will be fetched again next pass", article.url)
            return None

    def _save_alone(
        self, article: Article, matches: Sequence[Match], alert: bool, now: str
    ) -> SaveResult | None:
        try:
            return self.store.save_article(
                article,
                matches,
                self.channels_by_rule,
                now=now,
                alert=alert,
                removals=self.removals,
            )
        except sqlite3.Error:
            log.exception("could not store %s; it will be fetched again next pass", article.url)
            return None

    def close(self) -> None:
        self.flush()
