"""The crawl's single writer commits articles in batches; a bad article costs only itself."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

from monitor.archive import SaveResult, Store
from monitor.batch_writer import BatchWriter
from monitor.models import Article


def article(i: int) -> Article:
    return Article(f"https://e.org/{i}", f"Story {i}", f"Body of story number {i}. " * 20)


def committed(db: Path) -> int:
    with sqlite3.connect(db) as conn:  # another connection sees only what was committed
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])


def test_articles_are_committed_in_batches_and_at_close(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    store = Store(db)
    results: list[SaveResult] = []
    writer = BatchWriter(store, {}, batch=25, flush_after=None)
    for i in range(24):
        writer.add(article(i), [], lambda result, _matches: results.append(result))
    assert committed(db) == 0 and results == []
    writer.add(article(24), [], lambda result, _matches: results.append(result))
    assert committed(db) == 25 and [r.status for r in results] == ["new"] * 25
    for i in range(25, 30):
        writer.add(article(i), [], lambda result, _matches: results.append(result))
    assert committed(db) == 25
    writer.close()
    assert committed(db) == 30 and len(results) == 30
    store.close()


def test_one_article_the_database_refuses_costs_only_itself(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    store = Store(db)
    store.conn.execute(
        "CREATE TRIGGER refuse BEFORE INSERT ON articles WHEN NEW.url = 'https://e.org/3' "
        "BEGIN SELECT RAISE(ABORT, 'refused'); END"
    )
    results: list[SaveResult] = []
    writer = BatchWriter(store, {}, batch=10, flush_after=None)
    for i in range(10):
        writer.add(article(i), [], lambda result, _matches: results.append(result))
    assert committed(db) == 9
    assert len(results) == 9  # the refused one is logged and will be fetched again
    with sqlite3.connect(db) as conn:
        assert (
            conn.execute("SELECT count(*) FROM articles WHERE url = 'https://e.org/3'").fetchone()[
                0
            ]
            == 0
        )
    store.close()


def test_the_writer_matches_its_batch_and_an_article_the_matcher_fails_on_waits(
    tmp_path: Path,
) -> None:
    """Articles added without matches are matched as one batch before they are stored; one the
    matcher raises on is not stored (so the next pass fetches it again) and costs nothing else."""
    from alerts.rules import Matcher
    from monitor.config import Rule
    from monitor.models import Match

    class Choking(Matcher):  # a real matcher that raises on one article
        def match_many(self, articles: Sequence[Article]) -> list[list[Match]]:
            if any(a.url.endswith("/3") for a in articles):
                raise RuntimeError("boom")
            return super().match_many(articles)

    db = tmp_path / "a.db"
    store = Store(db)
    done: list[tuple[str, list[str]]] = []
    writer = BatchWriter(
        store, {"story": []}, batch=5, flush_after=None, matcher=Choking([Rule("story", "story")])
    )
    for i in range(5):
        writer.add(article(i), None, lambda r, m: done.append((r.status, [x.rule for x in m])))
    assert committed(db) == 4
    assert done == [("new", ["story"] * 5)] * 4  # five places of evidence each
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles WHERE url LIKE '%/3'").fetchone()[0] == 0
    store.close()


def test_a_story_older_than_alert_max_age_is_stored_and_matched_but_alerts_no_one(
    tmp_path: Path,
) -> None:
    """A source's back catalogue, found when it is added, fills the archive (and backtests)
    without flooding the channels: only stories published within alert_max_age alert; one
    without a date alerts (its age is unknown), and one with a day alone if the limit falls
    within that day."""
    from dataclasses import replace
    from datetime import timedelta

    from alerts.rules import Matcher
    from monitor.config import Rule
    from monitor.models import iso, utcnow

    now = utcnow()

    def text(topic: str) -> str:  # distinct stories: copies of one story alert once anyway
        return f"Delegates of the Euronest assembly met in Yerevan to discuss {topic}. " * 5

    stories = {
        "old": Article(
            "https://e.org/old", "A", text("trade"), published=iso(now - timedelta(days=30))
        ),
        "old-date": Article("https://e.org/d", "B", text("energy"), published="2019-05-01"),
        "fresh": Article(
            "https://e.org/new", "C", text("courts"), published=iso(now - timedelta(hours=5))
        ),
        "undated": Article("https://e.org/u", "D", text("media")),
        # a day alone, the limit falling within it: the story may be from its last hours
        "edge-day": Article(
            "https://e.org/e",
            "E",
            text("ports"),
            published=(now - timedelta(days=7)).date().isoformat(),
        ),
    }
    store = Store(tmp_path / "a.db")
    matcher = Matcher([Rule("euronest", query="Euronest")])
    writer = BatchWriter(
        store, {"euronest": ("hook",)}, flush_after=None, matcher=matcher, alert_max_age=7 * 86400
    )
    queued: dict[str, int] = {}
    for name, story in stories.items():
        writer.add(story, None, lambda r, _m, name=name: queued.__setitem__(name, r.alerts_queued))
    writer.close()
    assert queued == {"old": 0, "old-date": 0, "fresh": 1, "undated": 1, "edge-day": 1}
    assert committed(tmp_path / "a.db") == 5
    # the same writer without a limit alerts on every story
    writer = BatchWriter(store, {"euronest": ("hook",)}, flush_after=None, matcher=matcher)
    late = replace(stories["old"], url="https://e.org/old-2", text=text("water"))
    writer.add(late, None, lambda r, _m: queued.__setitem__("late", r.alerts_queued))
    writer.close()
    assert queued["late"] == 1
    store.close()
