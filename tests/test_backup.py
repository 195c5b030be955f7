"""`monitor backup`: a whole, self-contained copy of a real archive file, even mid-write."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from monitor.archive import Store
from monitor.backup import backup_archive
from monitor.errors import StorageError
from monitor.models import Article, Match
from tests.conftest import run_monitor


def _article(n: int) -> Article:
    return Article(
        f"https://e.org/{n}",
        f"Story {n}",
        f"Delegates of the Euronest assembly met for the {n}th time in Yerevan. " * 20,
        source="s",
    )


def _save(store: Store, n: int) -> None:
    match = Match("euronest", "text", 14, 22, "Euronest", "Delegates met.")
    store.save_article(_article(n), [match], {"euronest": ["hook"]}, now="2026-11-28T06:00:00Z")


def test_a_backup_taken_while_the_daemon_writes_is_whole_and_stands_alone(tmp_path: Path) -> None:
    """Commits still in the -wal file are in the copy, a writer busy throughout is not held off,
    and the copy is one file in rollback-journal mode that the monitor opens and searches."""
    archive = tmp_path / "archive.db"
    store = Store(archive)  # kept open, as the daemon does: its commits sit in the -wal file
    for n in range(40):
        _save(store, n)
    assert (tmp_path / "archive.db-wal").stat().st_size > 0
    stop = threading.Event()
    written: list[int] = []

    def keep_writing() -> None:
        with Store(archive) as writer:
            n = 1000
            while not stop.is_set():
                _save(writer, n)
                written.append(n)
                n += 1

    thread = threading.Thread(target=keep_writing)
    thread.start()
    try:
        while len(written) < 5:  # the writer is going when the backup starts
            stop.wait(0.01)
        done = backup_archive(archive, tmp_path / "copy.db")
        before = len(written)
        while len(written) < before + 5:  # and goes on after it: nothing was locked out
            stop.wait(0.01)
    finally:
        stop.set()
        thread.join()
        store.close()
    copy = sqlite3.connect(done.path)
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    urls = {row[0] for row in copy.execute("SELECT url FROM articles")}
    copy.close()
    assert {f"https://e.org/{n}" for n in range(40)} <= urls  # all 40, from the -wal file too
    assert 45 <= len(urls) < 40 + len(written)  # some of the writer's, from one snapshot
    assert (done.articles, done.alerts) == (len(urls), len(urls))
    assert not (tmp_path / "copy.db-wal").exists()
    assert [p.name for p in tmp_path.iterdir() if "partial" in p.name] == []
    with Store(done.path) as restored:
        hits = restored.conn.execute(
            "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'euronest'"
        ).fetchone()[0]
    assert hits == len(urls)


def test_a_directory_gets_a_dated_file_and_an_existing_file_is_replaced_only_when_forced(
    tmp_path: Path,
) -> None:
    archive = tmp_path / "archive.db"
    with Store(archive) as store:
        _save(store, 1)
    backups = tmp_path / "backups"
    backups.mkdir()
    night = datetime(2026, 11, 28, 2, 30, tzinfo=UTC)
    first = backup_archive(archive, backups, now=night)
    assert first.path == backups / "archive-20261128T023000Z.db"
    with Store(archive) as store:
        _save(store, 2)
    with pytest.raises(StorageError, match="exists; nothing written"):
        backup_archive(archive, backups, now=night)
    assert sqlite3.connect(first.path).execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    again = backup_archive(archive, backups, now=night, force=True)
    assert again.path == first.path and again.articles == 2
    later = backup_archive(archive, backups, now=datetime(2026, 11, 29, 2, 30, tzinfo=UTC))
    assert sorted(p.name for p in backups.iterdir()) == [
        "archive-20261128T023000Z.db",
        "archive-20261129T023000Z.db",
    ]
    assert later.articles == 2


def test_what_cannot_be_backed_up_is_refused_with_a_reason_and_nothing_written(
    tmp_path: Path,
) -> None:
    archive = tmp_path / "archive.db"
    with pytest.raises(StorageError, match="no archive at"):
        backup_archive(archive, tmp_path / "copy.db")
    with Store(archive) as store:
        _save(store, 1)
    with pytest.raises(StorageError, match="is the archive itself"):
        backup_archive(archive, tmp_path / "." / "archive.db")
    with pytest.raises(StorageError, match="no directory"):
        backup_archive(archive, tmp_path / "missing" / "copy.db")
    not_a_database = tmp_path / "notes.db"
    not_a_database.write_text("my notes, not an archive\n" * 100)
    with pytest.raises(StorageError, match="not a SQLite archive"):
        backup_archive(not_a_database, tmp_path / "copy.db")
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("archive.db")) == [
        "notes.db"
    ]


def test_monitor_backup_copies_the_configs_archive(tmp_path: Path) -> None:
    config = tmp_path / "monitor.toml"
    config.write_text('database = "data/archive.db"\n')
    (tmp_path / "data").mkdir()
    with Store(tmp_path / "data" / "archive.db") as store:
        for n in range(3):
            _save(store, n)
    target = tmp_path / "copy.db"
    done = run_monitor("backup", str(target), "--config", str(config))
    assert f"to {target}" in done.stdout and "3 articles, 3 alerts" in done.stdout
    assert sqlite3.connect(target).execute("SELECT count(*) FROM articles").fetchone()[0] == 3
    refused = run_monitor("backup", str(target), "--config", str(config), check=False)
    assert refused.returncode == 1 and "--force replaces it" in refused.stderr


def test_keep_removes_the_oldest_dated_backups_and_nothing_else(tmp_path: Path) -> None:
    """A nightly `monitor backup DIR --keep 2` does not fill the disk, and never touches a file
    that is not one of this archive's dated backups."""
    archive = tmp_path / "archive.db"
    with Store(archive) as store:
        _save(store, 1)
    backups = tmp_path / "backups"
    backups.mkdir()
    others = ["archive-notes.db", "other-20261101T000000Z.db", "archive-20261101T000000Z.txt"]
    for name in others:
        (backups / name).write_text("not ours")
    removed: list[str] = []
    for day in (24, 25, 26, 27):
        done = backup_archive(
            archive, backups, now=datetime(2026, 11, day, 2, 30, tzinfo=UTC), keep=2
        )
        removed += [path.name for path in done.removed]
    assert removed == ["archive-20261124T023000Z.db", "archive-20261125T023000Z.db"]
    assert sorted(p.name for p in backups.iterdir()) == sorted(
        [*others, "archive-20261126T023000Z.db", "archive-20261127T023000Z.db"]
    )
    with pytest.raises(StorageError, match="--keep needs"):
        backup_archive(archive, backups, keep=0)
    with pytest.raises(StorageError, match="--keep needs"):
        backup_archive(archive, tmp_path / "copy.db", keep=3)
    assert not (tmp_path / "copy.db").exists()
