"""The crawl's single writer commits articles in batches; a bad article costs only itself."""

from __future__ import annotations

import sqlite3
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
        writer.add(article(i), [], results.append)
    assert committed(db) == 0 and results == []
    writer.add(article(24), [], results.append)
    assert committed(db) == 25 and [r.status for r in results] == ["new"] * 25
    for i in range(25, 30):
        writer.add(article(i), [], results.append)
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
        writer.add(article(i), [], results.append)
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
