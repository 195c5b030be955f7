"""How each rule has done in the archive: the articles it matched, when last, the alerts it sent.

A watch list grows to hundreds of rules; the ones that match every other article (a word too
common, a name shared by a footballer) drown the desk, and the ones that never match (a typo,
a spelling the press does not use) are silent failures. Read from the `matches` and `alerts`
tables the crawls fill, read-only.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from monitor.config import Config, Rule


@dataclass(frozen=True, slots=True)
class RuleStats:
    name: str
    kind: str  # "query", "person", or "gone" (matches of a rule no longer in the config)
    state: str  # "on", "paused" or "gone"
    articles: int  # matched since the cut-off
    last_match: str | None  # when an article it matched was last stored (ever)
    sent: int  # alerts sent since the cut-off
    failed: int
    pending: int


def rule_stats(conn: sqlite3.Connection, config: Config, since: str) -> list[RuleStats]:
    """Every rule of the config (paused ones too) and every rule the archive holds matches of,
    by name; `since`: an ISO 8601 moment, compared with when each article was stored."""
    matched = {
        rule: (count, last)
        for rule, count, last in conn.execute(
            "SELECT m.rule, count(DISTINCT CASE WHEN a.fetched_at >= ? THEN m.article_id END),"
            " max(a.fetched_at) FROM matches m JOIN articles a ON a.id = m.article_id"
            " GROUP BY m.rule",
            (since,),
        )
    }
    alerted = {
        rule: (sent or 0, failed or 0, pending or 0)
        for rule, sent, failed, pending in conn.execute(
            "SELECT rule, sum(status = 'sent'), sum(status = 'failed'), sum(status = 'pending')"
            " FROM alerts WHERE created_at >= ? GROUP BY rule",
            (since,),
        )
    }
    out = [_stats(rule, "on", matched, alerted) for rule in config.rules] + [
        _stats(rule, "paused", matched, alerted) for rule in config.paused_rules
    ]
    known = {stats.name for stats in out}
    for name in sorted((matched.keys() | alerted.keys()) - known):
        count, last = matched.get(name, (0, None))
        out.append(RuleStats(name, "gone", "gone", count, last, *alerted.get(name, (0, 0, 0))))
    return out


def _stats(
    rule: Rule,
    state: str,
    matched: dict[str, tuple[int, str | None]],
    alerted: dict[str, tuple[int, int, int]],
) -> RuleStats:
    count, last = matched.get(rule.name, (0, None))
    kind = "person" if rule.person else "query"
    return RuleStats(rule.name, kind, state, count, last, *alerted.get(rule.name, (0, 0, 0)))
