"""A copy of the archive that is whole even while `monitor run` writes to it.

`cp` of a SQLite file in WAL mode copies the main file without the commits still in its `-wal`
file, or a page halfway through a checkpoint: a backup that opens fine and is missing the last
hours, or does not open at all. SQLite's online backup API copies one consistent snapshot
instead; in WAL mode the daemon's writes go on while it reads. The copy is made under a hidden
name beside the destination and renamed into place once checked, so an interrupted backup never
leaves a half-written file under the name a restore would look for.
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from monitor.errors import StorageError
from monitor.readonly import connect_read_only

STAMPED = re.compile(r"-\d{8}T\d{6}Z")  # what backup_target puts in a dated name


@dataclass(frozen=True, slots=True)
class Backup:
    path: Path
    size: int  # bytes
    articles: int
    alerts: int
    seconds: float
    removed: tuple[Path, ...] = ()  # older dated backups removed (keep=)


def backup_target(archive: Path, destination: Path, now: datetime | None = None) -> Path:
    """The file to write: `destination` itself, or in a directory a new name that sorts by time
    (`archive-20261128T061500Z.db`), so a nightly `monitor backup /backups/` keeps every night's."""
    if not destination.is_dir():
        return destination
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    return destination / f"{archive.stem}-{stamp}{_suffix(archive)}"


def _suffix(archive: Path) -> str:
    """The dated backups' file suffix: the archive's own, else .db."""
    return archive.suffix or ".db"


def backup_archive(
    archive: Path,
    destination: Path,
    *,
    force: bool = False,
    now: datetime | None = None,
    keep: int | None = None,
) -> Backup:
    """Copy the archive to `destination` (a file, or a directory for a dated file in it);
    `keep`: then remove all but the newest `keep` dated backups of this archive there."""
    if keep is not None and (keep < 1 or not destination.is_dir()):
        raise StorageError("--keep needs a directory to back up into and a number of 1 or more")
    target = backup_target(archive, destination, now)
    if target.resolve() == archive.resolve():
        raise StorageError(f"{target} is the archive itself: give another file or a directory")
    if target.exists() and not force:
        raise StorageError(f"{target} exists; nothing written (--force replaces it)")
    if not target.parent.is_dir():
        raise StorageError(f"no directory {target.parent} to write the backup in")
    started = time.perf_counter()
    source = connect_read_only(archive)  # "no archive at ..." when there is none
    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    try:
        copy = sqlite3.connect(partial, isolation_level=None)
        try:
            source.backup(copy)  # every page in one step: one snapshot, never restarted
            # the copy stands alone: one file, no -wal beside it to lose when it is moved
            copy.execute("PRAGMA journal_mode=DELETE")
            verdict = copy.execute("PRAGMA quick_check").fetchone()[0]
            if verdict != "ok":
                raise StorageError(f"the copy of {archive} failed its check ({verdict})")
            articles, alerts = _count(copy, "articles"), _count(copy, "alerts")
        finally:
            copy.close()
        os.replace(partial, target)
        _sync_directory(target.parent)
    except sqlite3.Error as exc:
        raise StorageError(f"backup of {archive} to {target} failed: {exc}") from exc
    except OSError as exc:
        raise StorageError(f"cannot write the backup {target}: {exc}") from exc
    finally:
        source.close()
        partial.unlink(missing_ok=True)
    removed = _prune(archive, destination, keep) if keep is not None else ()
    seconds = time.perf_counter() - started
    return Backup(target, target.stat().st_size, articles, alerts, seconds, removed)


def _prune(archive: Path, directory: Path, keep: int) -> tuple[Path, ...]:
    """Remove the oldest dated backups of this archive beyond `keep` (their names sort by
    time); other files in the directory, whatever they are, are left alone."""
    suffix = _suffix(archive)
    dated = sorted(
        path
        for path in directory.glob(f"{archive.stem}-*{suffix}")
        if STAMPED.fullmatch(path.name[len(archive.stem) : -len(suffix)])
    )
    old = dated[:-keep]
    for path in old:
        path.unlink(missing_ok=True)
    return tuple(old)


def _count(conn: sqlite3.Connection, table: str) -> int:
    """Rows in a table; 0 where an archive from an older version has no such table."""
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def _sync_directory(directory: Path) -> None:
    """The rename itself on disk: without it a power cut can leave the directory without the
    backup's name though its pages were written."""
    try:
        handle = os.open(directory, os.O_RDONLY)
    except OSError:  # not every platform opens directories
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)
