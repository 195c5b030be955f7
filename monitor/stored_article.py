"""One archived article as the archive holds it: its text, what matched it, the alerts it
queued and what it said before its site edited it (`monitor show`).

The copy the archive keeps is the point of keeping one: a story a site takes down or rewrites
is still here as it was read. Search and SQL find it; this reads it whole, with its history,
by its address (any address it was found under) or its id.
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from monitor.errors import StorageError
from monitor.readonly import connect_read_only, has_table
from monitor.urls import canonical_url


@dataclass(frozen=True, slots=True)
class StoredArticle:
    article: dict[str, Any]  # the articles row, by column
    aliases: list[str] = field(default_factory=list)  # other addresses that led to it
    matches: list[dict[str, Any]] = field(default_factory=list)
    alerts: list[dict[str, Any]] = field(default_factory=list)
    # what it said before each edit, oldest first, each with the rules that text matched
    # ("rules"); an archive before schema 13 has none
    versions: list[dict[str, Any]] = field(default_factory=list)
    # each confirmed takedown, oldest first, and when the story was back (schema 15)
    takedowns: list[dict[str, Any]] = field(default_factory=list)


def stored_article(database: Path, ref: str) -> StoredArticle:
    """The article at `ref`: its id, or an address it was stored or found under (as given,
    or canonicalised as the crawler writes them: tracking parameters, fragment dropped)."""
    conn = connect_read_only(database)
    conn.row_factory = sqlite3.Row
    try:
        row = _find(conn, ref.strip())
        if row is None:
            raise StorageError(
                f"no article {ref!r} in the archive {database} (give its address or id; "
                "`monitor search WORDS` finds one by its words)"
            )
        article_id = row["id"]
        versioned = has_table(conn, "article_versions")
        present = _MATCHES.format(only=" AND version_id IS NULL" if versioned else "")
        versions = [dict(r) for r in conn.execute(_VERSIONS, (article_id,))] if versioned else []
        for version in versions:
            version["rules"] = sorted(
                {r[0] for r in conn.execute(_VERSION_RULES, (version.pop("id"),))}
            )
        return StoredArticle(
            dict(row),
            [r[0] for r in conn.execute(_ALIASES, (article_id,))],
            [dict(r) for r in conn.execute(present, (article_id,))],
            [
                dict(r)
                for r in conn.execute(
                    _ALERTS.format(kind="kind" if versioned else "NULL AS kind"), (article_id,)
                )
            ],
            versions,
            [dict(r) for r in conn.execute(_TAKEDOWNS, (article_id,))]
            if has_table(conn, "takedowns")
            else [],
        )
    except sqlite3.Error as exc:
        raise StorageError(f"cannot read archive {database}: {exc}") from exc
    finally:
        conn.close()


_ALIASES = "SELECT url FROM url_aliases WHERE article_id = ? ORDER BY url"
_MATCHES = (
    "SELECT rule, field, char_start, char_end, matched, sentence, matched_at FROM matches"
    " WHERE article_id = ?{only} ORDER BY rule, field, char_start"
)
_VERSION_RULES = "SELECT DISTINCT rule FROM matches WHERE version_id = ?"
_ALERTS = (
    "SELECT id, rule, channel, status, attempts, created_at, sent_at, last_error, {kind}"
    " FROM alerts WHERE article_id = ? ORDER BY id"
)
_VERSIONS = (
    "SELECT id, title, author, published, language, lead, text, stored_at, replaced_at"
    " FROM article_versions WHERE article_id = ? ORDER BY id"
)


def _find(conn: sqlite3.Connection, ref: str) -> sqlite3.Row | None:
    if ref.isdigit():
        found = conn.execute("SELECT * FROM articles WHERE id = ?", (int(ref),)).fetchone()
        if found is not None:
            return found
    addresses = [ref]
    with contextlib.suppress(ValueError):
        addresses.append(canonical_url(ref))
    for url in dict.fromkeys(addresses):
        found = conn.execute(
            "SELECT * FROM articles WHERE url = ? UNION ALL SELECT articles.* FROM url_aliases"
            " JOIN articles ON articles.id = url_aliases.article_id WHERE url_aliases.url = ?",
            (url, url),
        ).fetchone()
        if found is not None:
            return found
    return None


_TAKEDOWNS = (
    "SELECT status, gone_since, taken_down_at, back_at FROM takedowns WHERE article_id = ?"
    " ORDER BY id"
)
