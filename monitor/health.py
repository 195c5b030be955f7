"""Source health: tell the admin channel once when a source breaks and once when it recovers.

A source is broken when its last crawls all failed, when it answers 403 or 429 (blocked), when
most fetched pages yield no article text (the site changed its layout), or when it has gone
silent for several times its usual gap between new articles.
"""

from __future__ import annotations

import itertools
import statistics
from datetime import datetime

from monitor.archive import Store, alert_uid
from monitor.config import Source
from monitor.models import CrawlStats, iso

FAILED_IN_A_ROW = 3
SILENT_FACTOR = 4
RULE = "source-health"


def diagnose(store: Store, source: Source, stats: CrawlStats, now: datetime) -> str | None:
    """What is wrong with a source after this crawl, or None."""
    blocked = sorted(k for k in stats.errors if "HTTP 403" in k or "HTTP 429" in k)
    if blocked:
        return f"blocked by the site ({', '.join(blocked)})"
    recent = store.conn.execute(
        "SELECT outcome, pages FROM crawls WHERE source = ? ORDER BY id DESC LIMIT ?",
        (source.name, FAILED_IN_A_ROW),
    ).fetchall()
    if len(recent) == FAILED_IN_A_ROW and all(
        outcome != "ok" and not pages for outcome, pages in recent
    ):
        errors = ", ".join(sorted(stats.errors)) or "no pages"
        return f"{FAILED_IN_A_ROW} failed crawls in a row ({errors})"
    empty = stats.dropped.get("no article text", 0)
    if stats.pages >= 5 and empty * 2 >= stats.pages:
        return f"extraction failing: {empty} of {stats.pages} pages without article text"
    if stats.new_articles == 0:
        return _silence(store, source, now)
    return None


def _silence(store: Store, source: Source, now: datetime) -> str | None:
    times = [
        datetime.fromisoformat(t)
        for (t,) in store.conn.execute(
            "SELECT fetched_at FROM articles WHERE source = ? ORDER BY id DESC LIMIT 20",
            (source.name,),
        )
    ]
    if len(times) < 5:
        return None
    gaps = [(a - b).total_seconds() for a, b in itertools.pairwise(times) if a > b]
    usual = statistics.median(gaps) if gaps else 0
    quiet = (now - max(times)).total_seconds()
    if usual > 0 and quiet > max(SILENT_FACTOR * usual, 3600):
        return f"silent: no new article for {quiet / 3600:.0f} h (usually one every {usual / 3600:.1f} h)"
    return None


def record(
    store: Store, source: Source, problem: str | None, admin: str | None, now: datetime
) -> str | None:
    """Remember the source's health; on a change, queue one alert to the admin channel.

    Returns "broken" or "recovered" when the state changed, else None.
    """
    row = store.conn.execute(
        "SELECT problem FROM source_health WHERE source = ?", (source.name,)
    ).fetchone()
    before = row[0] if row else None
    if (before is None) == (problem is None):
        return None
    change = "broken" if problem else "recovered"
    base = source.site or next(iter(source.feeds + source.sitemaps + source.start_urls), "")
    url = f"{base}#{change}-{iso(now)}"  # one outbox row per event (alerts are unique by url)
    reason = problem or f"working again (was: {before})"
    with store.transaction():
        store.conn.execute(
            "INSERT OR REPLACE INTO source_health (source, problem, since) VALUES (?, ?, ?)",
            (source.name, problem, iso(now)),
        )
        if admin:
            store.conn.execute(
                "INSERT OR IGNORE INTO alerts (uid, url, rule, channel, status, attempts, created_at,"
                " matched, snippet) VALUES (?, ?, ?, ?, 'pending', 0, ?, ?, ?)",
                (
                    alert_uid(f"{url}#{source.name}", RULE, admin),
                    url,
                    RULE,
                    admin,
                    iso(now),
                    f"source {source.name} {change}",
                    reason,
                ),
            )
    return change


def check_sources(
    store: Store,
    sources: dict[str, Source],
    stats: dict[str, CrawlStats],
    admin: str | None,
    now: datetime,
) -> dict[str, str]:
    """Diagnose every crawled source and record changes; {source: "broken" | "recovered"}."""
    changes = {}
    for name, crawl_stats in stats.items():
        change = record(
            store, sources[name], diagnose(store, sources[name], crawl_stats, now), admin, now
        )
        if change:
            changes[name] = change
    return changes
