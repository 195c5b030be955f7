"""Per-source health from the crawl history, for `monitor status` (read-only, works while the
daemon runs)."""

from __future__ import annotations

import fcntl
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from monitor.config import Config
from monitor.models import iso
from monitor.readonly import connect_read_only, has_column, has_table
from monitor.scheduling import next_run, source_trigger
from monitor.urls import NONE_ALLOWED

RECENT = 10
# a scheduled crawl starts late by its own duration at most (one crawl of a source at a time,
# missed runs coalesced): late by a whole period more and this much, nothing is crawling it
OVERDUE_GRACE = timedelta(minutes=5)


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
                    "SELECT started_at, outcome, new_articles, errors, pages, dropped FROM crawls"
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
            elif (due := overdue_since(source, last_start, now)) is not None:
                health = f"overdue since {due.astimezone(UTC):%Y-%m-%d %H:%M} UTC"
            elif last and last[1] != "ok":
                health = "errors in last run: " + ", ".join(sorted(json.loads(last[3] or "{}")))
            elif last and (refused := _none_allowed(last[5])):
                health = f"allow took none of the {refused} links found (check its patterns)"
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


def _none_allowed(dropped: str | None) -> int:
    """How many links a crawl found of which `allow` took none (0: it took some, or found
    none)."""
    counts = json.loads(dropped or "{}")
    return sum(n for reason, n in counts.items() if reason.startswith(NONE_ALLOWED))


def waiting_not_articles(config: Config, *, now: datetime | None = None) -> dict[str, int]:
    """Pages lately found not to be articles (listings, stubs, dead links) that the crawls skip
    until their recheck is due, by reason, most first: where a user asks why a page the site
    lists is not in the archive. An archive from before these verdicts has none."""
    if not config.database.exists():
        return {}
    conn = connect_read_only(config.database)
    try:
        if not conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'page_verdicts'"
        ).fetchone():
            return {}
        rows = conn.execute(
            "SELECT reason, count(*) FROM page_verdicts WHERE recheck_after > ?"
            " GROUP BY reason ORDER BY count(*) DESC, reason",
            (iso(now or datetime.now(UTC)),),
        ).fetchall()
    finally:
        conn.close()
    return {reason: int(count) for reason, count in rows}


TAKEN_DOWN_DAYS = 30


def taken_down_lately(
    config: Config, *, now: datetime | None = None, back: bool = False
) -> dict[str, int]:
    """Stored stories their sites took down in the last TAKEN_DOWN_DAYS days (confirmed, as
    Store.record_gone does; `back`: those of them their sites give again since), by source,
    most first: a desk that follows takedowns sees them without asking SQL. An archive from
    before takedowns were noted has none."""
    if not config.database.exists():
        return {}
    since = iso((now or datetime.now(UTC)) - timedelta(days=TAKEN_DOWN_DAYS))
    conn = connect_read_only(config.database)
    try:
        if has_table(conn, "takedowns"):  # each on record, those back too (schema 15)
            query = (
                "SELECT a.source, count(DISTINCT t.article_id) FROM takedowns t JOIN articles a"
                " ON a.id = t.article_id WHERE t.taken_down_at >= ?"
                # not an address retired while the site gives the story at another
                " AND NOT EXISTS (SELECT 1 FROM articles o WHERE o.story_id = a.story_id"
                " AND o.id != a.id AND o.source = a.source AND o.gone_since IS NULL"
                " AND o.taken_down_at IS NULL)"
                + (" AND a.taken_down_at IS NULL AND t.back_at IS NOT NULL" if back else "")
                + " GROUP BY a.source ORDER BY count(DISTINCT t.article_id) DESC, a.source"
            )
        elif has_column(conn, "articles", "taken_down_at") and not back:
            query = (
                "SELECT source, count(*) FROM articles WHERE taken_down_at >= ?"
                " GROUP BY source ORDER BY count(*) DESC, source"
            )
        else:
            return {}
        rows = conn.execute(query, (since,)).fetchall()
    finally:
        conn.close()
    return {source: int(count) for source, count in rows}


def overdue_since(source: Any, last_start: datetime | None, now: datetime) -> datetime | None:
    """When the crawl after the last one was due, if the one after that is past too (with
    OVERDUE_GRACE): the daemon is down or stuck, or the cron job that crawls it stopped. None
    for a source crawled on demand or never yet."""
    if last_start is None:
        return None
    due: datetime | None
    again: datetime | None
    if source.every:  # from the last crawl, as the daemon schedules it (next_run)
        period = timedelta(seconds=source.every)
        due, again = last_start + period, last_start + 2 * period
    elif (trigger := source_trigger(source)) is not None:
        second = timedelta(seconds=1)
        due = trigger.get_next_fire_time(None, last_start + second)
        again = trigger.get_next_fire_time(due, due + second) if due is not None else None
    else:
        return None
    return due if due is not None and again is not None and now > again + OVERDUE_GRACE else None
