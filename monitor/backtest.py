"""Run a rule over everything already archived: what would it have alerted?"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from alerts.rules import Matcher
from monitor.config import Rule
from monitor.models import Article, Match
from monitor.readonly import connect_read_only, on_or_after, on_or_before

BATCH = 64  # articles matched together (Matcher.match_many)


@dataclass(frozen=True, slots=True)
class BacktestHit:
    article: Article
    matches: list[Match]


@dataclass(slots=True)
class BacktestReport:
    scanned: int = 0
    hits: int = 0
    # the addresses of the articles scanned, when kept (to record the rule's matches for them)
    scanned_urls: list[str] | None = None


def backtest(
    database: Path,
    rule: Rule,
    *,
    since: str | None = None,
    until: str | None = None,
    source: str | None = None,
    report: BacktestReport | None = None,
) -> Iterator[BacktestHit]:
    """Articles the rule matches, newest first; `since` and `until` compare with published, else
    fetched_at."""
    matcher = Matcher([rule])
    conn = connect_read_only(database)
    where: list[str] = []
    params: dict[str, str] = {}
    if since:
        where.append(on_or_after("coalesce(published, fetched_at)", ":since"))
        params["since"] = since
    if until:
        where.append(on_or_before("coalesce(published, fetched_at)", ":until"))
        params["until"] = until
    if source:
        where.append("source = :source")
        params["source"] = source
    sql = (
        "SELECT url, title, text, author, published, language, source, fetched_at, lead"
        " FROM articles"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY coalesce(published, fetched_at) DESC"
    )
    try:
        rows = conn.execute(sql, params)
        while batch := rows.fetchmany(BATCH):
            articles = [
                Article(
                    url, title, text or "", author, published, language, src, fetched, lead=lead
                )
                for url, title, text, author, published, language, src, fetched, lead in batch
            ]
            for article, found in zip(articles, matcher.match_many(articles), strict=True):
                if report is not None:
                    report.scanned += 1
                    if report.scanned_urls is not None:
                        report.scanned_urls.append(article.url)
                if found:
                    if report is not None:
                        report.hits += 1
                    yield BacktestHit(article, found)
    finally:
        conn.close()
