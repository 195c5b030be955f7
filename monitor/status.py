"""Per-source health from the crawl history, for `monitor status` (read-only, works while the
daemon runs)."""

from __future__ import annotations

import fcntl
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from monitor.config import Config
from monitor.readonly import connect_read_only
from monitor.scheduling import next_run

RECENT = 10


@dataclass(frozen=True, slots=True)
class SourceStatus:
    name: str
    last_start: str | None
    last_outcome: str | None
    last_new: int
    next_run: str | None
    runs: int
    error_rate: float
    health: str


def daemon_pid(database: Path) -> int | None:
    """The pid of the `monitor run` holding this archive's lock, or None."""
    path = Path(f"{database}.run.lock")
    if not path.exists():
        return None
    with open(path) as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            text = handle.read().strip()
            return int(text) if text.isdigit() else -1
        fcntl.flock(handle, fcntl.LOCK_UN)
    return None


def source_status(config: Config, *, now: datetime | None = None) -> list[SourceStatus]:
    """Every configured source; before the first crawl there is no archive yet, and each is
    "never crawled" (what a user setting up a config asks status for) rather than an error."""
    now = now or datetime.now(UTC)
    conn = connect_read_only(config.database) if config.database.exists() else None
    out = []
    try:
        for source in config.sources:
            rows = (
                conn.execute(
                    "SELECT started_at, outcome, new_articles, errors, pages FROM crawls"
                    " WHERE source = ? ORDER BY started_at DESC LIMIT ?",
                    (source.name, RECENT),
                ).fetchall()
                if conn is not None
                else []
            )
            failed = [r for r in rows if r[1] != "ok"]
            last = rows[0] if rows else None
            last_start = datetime.fromisoformat(last[0]) if last else None
            upcoming = next_run(source, last_start, now)
            if not rows:
                health = "never crawled"
            elif all(r[1] != "ok" and not r[4] for r in rows[:3]) and len(rows) >= 3:
                health = "failing"
            elif last and last[1] != "ok":
                health = "errors in last run: " + ", ".join(sorted(json.loads(last[3] or "{}")))
            else:
                health = "ok"
            out.append(
                SourceStatus(
                    source.name,
                    last[0] if last else None,
                    last[1] if last else None,
                    int(last[2] or 0) if last else 0,
                    upcoming.isoformat(timespec="seconds") if upcoming else None,
                    len(rows),
                    len(failed) / len(rows) if rows else 0.0,
                    health,
                )
            )
    finally:
        if conn is not None:
            conn.close()
    return out
