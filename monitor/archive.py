"""The SQLite archive: articles (+FTS5), the alert outbox and crawl history.

Schema changes are numbered migrations tracked in PRAGMA user_version, so a file written by an
older version is upgraded in place when a newer one opens it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import time
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import sqlite_utils

from monitor.dates import moment
from monitor.edits import only_its_beginning
from monitor.errors import StorageError
from monitor.models import Alert, Article, Match, iso
from monitor.readonly import SEARCH_FOLD, archive_problem
from monitor.recheck import FORGET_AFTER, recheck_delay
from monitor.stories import find_story, new_story, story_sketch

log = logging.getLogger(__name__)


def _m1_initial(db: sqlite_utils.Database) -> None:
    db.table("articles").create(
        {
            "id": int,
            "url": str,
            "source": str,
            "title": str,
            "author": str,
            "published": str,
            "language": str,
            "text": str,
            "fetched_at": str,
            "updated_at": str,
            "fingerprint": str,
        },
        pk="id",
        not_null={"url", "source", "text", "fetched_at"},
    )
    db.table("articles").create_index(["url"], unique=True)
    db.table("articles").create_index(["source", "published"])
    db.table("articles").enable_fts(
        ["title", "text"], create_triggers=True, tokenize="unicode61 remove_diacritics 2"
    )
    db.table("alerts").create(
        {
            "id": int,
            "uid": str,
            "article_id": int,
            "url": str,
            "rule": str,
            "channel": str,
            "status": str,
            "attempts": int,
            "created_at": str,
            "sent_at": str,
            "last_error": str,
            "matched": str,
            "snippet": str,
            "matches": str,
        },
        pk="id",
        not_null={"uid", "url", "rule", "channel", "status", "attempts", "created_at"},
        defaults={"status": "pending", "attempts": 0},
        foreign_keys=[("article_id", "articles", "id")],
    )
    db.table("alerts").create_index(["url", "rule", "channel"], unique=True)
    db.table("alerts").create_index(["uid"], unique=True)
    db.table("alerts").create_index(["status", "id"])
    db.table("crawls").create(
        {
            "id": int,
            "source": str,
            "started_at": str,
            "finished_at": str,
            "requests": int,
            "pages": int,
            "new_articles": int,
            "alerts_queued": int,
            "dropped": str,
            "errors": str,
            "outcome": str,
        },
        pk="id",
    )
    db.table("crawls").create_index(["source", "started_at"])


def _m2_url_aliases(db: sqlite_utils.Database) -> None:
    """URLs that redirected to a stored article, so the next pass does not fetch them again."""
    db.table("url_aliases").create(
        {"url": str, "article_id": int}, pk="url", foreign_keys=[("article_id", "articles", "id")]
    )


def _m3_delivery_state(db: sqlite_utils.Database) -> None:
    """Backoff and leases on alerts; endpoints that told us they are gone (HTTP 410)."""
    alerts = db.table("alerts")
    alerts.add_column("next_attempt_at", str)
    alerts.add_column("claimed_until", str)
    alerts.add_column("claim", str)
    db.table("channel_state").create(
        {"channel": str, "disabled_at": str, "reason": str}, pk="channel"
    )


def _m4_stories(db: sqlite_utils.Database) -> None:
    """Stories group copies of one article; alerts are per story, rule and channel."""
    db.table("stories").create({"id": int, "first_url": str, "created_at": str}, pk="id")
    db.table("story_hashes").create({"story_id": int, "value": int}, pk=("value", "story_id"))
    db.table("story_hashes").create_index(["story_id"])
    db.table("articles").add_column("story_id", int)
    db.table("alerts").add_column("story_id", int)
    db.table("articles").create_index(["story_id"])
    db.table("alerts").create_index(["story_id", "rule", "channel"])


def _m5_digests(db: sqlite_utils.Database) -> None:
    """Alerts held for a digest (by a channel's cap) and the digest that delivered them."""
    db.table("alerts").add_column("via_digest", int, not_null_default=0)
    db.table("alerts").add_column("digest_id", str)


def _m6_http_validators(db: sqlite_utils.Database) -> None:
    """ETag / Last-Modified of feeds and sitemaps, so an unchanged one costs a 304."""
    db.table("http_validators").create(
        {"url": str, "etag": str, "last_modified": str, "stored_at": str}, pk="url"
    )


def _m7_source_health(db: sqlite_utils.Database) -> None:
    """The last known health of each source, to alert once when it breaks and once on recovery."""
    db.table("source_health").create({"source": str, "problem": str, "since": str}, pk="source")


def _m8_host_backoff(db: sqlite_utils.Database) -> None:
    """Hosts that answered 429/503 with Retry-After: not asked again before then, across runs."""
    db.table("host_backoff").create({"host": str, "not_before": str, "reason": str}, pk="host")


def _fts_triggers(listed: str, new: str, old: str, *, rowid: str) -> tuple[str, str, str]:
    """The triggers that keep articles_fts in step with articles: `listed` its columns, `new`
    and `old` the values they index (SQL over new.* and old.*)."""
    return (
        f"""CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts (rowid, {listed}) VALUES (new.{rowid}, {new}); END""",
        f"""CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts (articles_fts, rowid, {listed})
            VALUES ('delete', old.{rowid}, {old}); END""",
        f"""CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
            INSERT INTO articles_fts (articles_fts, rowid, {listed})
            VALUES ('delete', old.{rowid}, {old});
            INSERT INTO articles_fts (rowid, {listed}) VALUES (new.{rowid}, {new}); END""",
    )


def _m9_article_lead(db: sqlite_utils.Database) -> None:
    """The standfirst (monitor.lead) as a column of its own, in the full-text index too. Plain
    statements: sqlite-utils' FTS helpers run scripts, which would commit mid-migration."""
    columns = ("title", "text", "lead")
    listed = ", ".join(f'"{c}"' for c in columns)
    new = ", ".join(f'new."{c}"' for c in columns)
    old = ", ".join(f'old."{c}"' for c in columns)
    for statement in (
        "DROP TRIGGER IF EXISTS articles_ai",
        "DROP TRIGGER IF EXISTS articles_ad",
        "DROP TRIGGER IF EXISTS articles_au",
        "DROP TABLE IF EXISTS articles_fts",
        "ALTER TABLE articles ADD COLUMN lead TEXT",
        f"""CREATE VIRTUAL TABLE articles_fts USING FTS5 ({listed},
            tokenize='unicode61 remove_diacritics 2', content="articles")""",
        "INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')",
        *_fts_triggers(listed, new, old, rowid="rowid"),
    ):
        db.conn.execute(statement)


def _search_folded(column: str) -> str:
    """SQL for a column folded as SEARCH_FOLD says, in plain SQL: the view and triggers work in
    any SQLite client (sqlite3, sqlite-utils, Datasette) without a function of ours."""
    expression = column
    for letter, written in SEARCH_FOLD.items():
        expression = f"replace({expression}, '{letter}', '{written}')"
    return expression


def _folded_columns() -> tuple[str, str, str, str]:
    """SQL for the searched columns (title, text, lead): their list, and their values folded
    (SEARCH_FOLD) in a view, in a trigger's new row and in its old one."""
    columns = ("title", "text", "lead")
    listed = ", ".join(f'"{c}"' for c in columns)
    folded = ", ".join(_search_folded(f'"{c}"') + f' AS "{c}"' for c in columns)
    new = ", ".join(_search_folded(f'new."{c}"') for c in columns)
    old = ", ".join(_search_folded(f'old."{c}"') for c in columns)
    return listed, folded, new, old


def _m10_folded_search(db: sqlite_utils.Database) -> None:
    """The full-text index reads the articles through a view that folds the letters FTS5 keeps
    apart (SEARCH_FOLD): a search for "Ismayilova" missed every Azerbaijani "İsmayılova"."""
    listed, folded, new, old = _folded_columns()
    for statement in (
        "DROP TRIGGER IF EXISTS articles_ai",
        "DROP TRIGGER IF EXISTS articles_ad",
        "DROP TRIGGER IF EXISTS articles_au",
        "DROP TABLE IF EXISTS articles_fts",
        "DROP VIEW IF EXISTS articles_search",
        f"CREATE VIEW articles_search AS SELECT id, {folded} FROM articles",
        f"""CREATE VIRTUAL TABLE articles_fts USING FTS5 ({listed},
            tokenize='unicode61 remove_diacritics 2', content="articles_search",
            content_rowid="id")""",
        "INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')",
        *_fts_triggers(listed, new, old, rowid="id"),
    ):
        db.conn.execute(statement)


def _m11_matches(db: sqlite_utils.Database) -> None:
    """Every rule an article matched, with its evidence, whether it alerted anyone or not (a
    rule without channels, a story older than alert_max_age, a copy of one already alerted):
    what a researcher counts in SQL."""
    db.table("matches").create(
        {
            "id": int,
            "article_id": int,
            "rule": str,
            "field": str,
            "char_start": int,
            "char_end": int,
            "matched": str,
            "sentence": str,
            "matched_at": str,
        },
        pk="id",
        not_null={"article_id", "rule", "field", "char_start", "char_end", "matched_at"},
        foreign_keys=[("article_id", "articles", "id")],
    )
    db.table("matches").create_index(["rule", "article_id"])
    db.table("matches").create_index(["article_id"])


def _m12_page_verdicts(db: sqlite_utils.Database) -> None:
    """Pages read and found not to be articles, and when to read them again (monitor.recheck)."""
    db.table("page_verdicts").create(
        {
            "url": str,
            "reason": str,
            "first_seen": str,
            "last_seen": str,
            "attempts": int,
            "recheck_after": str,
        },
        pk="url",
        not_null={"reason", "first_seen", "last_seen", "attempts", "recheck_after"},
    )


def _m13_article_versions(db: sqlite_utils.Database) -> None:
    """What an article said before its site edited it (a name taken out, a headline softened):
    kept, not overwritten, as everything the monitor saw is the archive's, and so are the
    matches of that text (`matches.version_id`: NULL for the present text's). `checked_at` is
    when its page was last read, changed or not: its listings' edit dates are compared to it."""
    db.execute("ALTER TABLE articles ADD COLUMN checked_at TEXT")
    db.execute("ALTER TABLE matches ADD COLUMN version_id INTEGER")
    # NULL: a rule matched; "removed": an edit took out what it matched (Rule.alert_removals),
    # an alert of its own beside the one the match queued
    db.execute("ALTER TABLE alerts ADD COLUMN kind TEXT")
    db.execute("DROP INDEX IF EXISTS idx_alerts_url_rule_channel")
    db.execute(
        "CREATE UNIQUE INDEX idx_alerts_url_rule_channel_kind"
        " ON alerts (url, rule, channel, coalesce(kind, ''))"
    )
    db.table("article_versions").create(
        {
            "id": int,
            "article_id": int,
            "title": str,
            "author": str,
            "published": str,
            "language": str,
            "lead": str,
            "text": str,
            "stored_at": str,
            "replaced_at": str,
            "fingerprint": str,
        },
        pk="id",
        not_null={"article_id", "text", "replaced_at"},
        foreign_keys=[("article_id", "articles", "id")],
    )
    db.table("article_versions").create_index(["article_id"])
    db.table("matches").create_index(["version_id"])
    # searched as the articles are (folded letters, the same tokenizer): `monitor search`
    # finds a story by words an edit took out of it
    listed, folded, new, old = _folded_columns()
    for statement in (
        f"CREATE VIEW article_versions_search AS SELECT id, {folded} FROM article_versions",
        f"""CREATE VIRTUAL TABLE article_versions_fts USING FTS5 ({listed},
            tokenize='unicode61 remove_diacritics 2', content="article_versions_search",
            content_rowid="id")""",
        f"""CREATE TRIGGER article_versions_ai AFTER INSERT ON article_versions BEGIN
            INSERT INTO article_versions_fts (rowid, {listed}) VALUES (new.id, {new}); END""",
        f"""CREATE TRIGGER article_versions_ad AFTER DELETE ON article_versions BEGIN
            INSERT INTO article_versions_fts (article_versions_fts, rowid, {listed})
            VALUES ('delete', old.id, {old}); END""",
    ):
        db.conn.execute(statement)


def _m14_takedowns(db: sqlite_utils.Database) -> None:
    """A stored story its site no longer gives (404, 410, 451 when read again): when it
    first answered so (`gone_since`, with `gone_status`), and when a later read confirmed
    it (`taken_down_at`): a story taken down is news to the people who watched for it, and
    the archive keeps what it said. Rereads pick a source's young stories by first read."""
    db.execute("ALTER TABLE articles ADD COLUMN gone_since TEXT")
    db.execute("ALTER TABLE articles ADD COLUMN gone_status INTEGER")
    db.execute("ALTER TABLE articles ADD COLUMN taken_down_at TEXT")
    db.table("articles").create_index(["source", "fetched_at"])
    # each pass asks for its source's stories awaiting a second read: a handful among many
    db.execute(
        "CREATE INDEX idx_articles_gone ON articles (source, gone_since)"
        " WHERE gone_since IS NOT NULL"
    )


def _m15_takedown_history(db: sqlite_utils.Database) -> None:
    """Each confirmed takedown of a story and when its page gave the story again: the
    articles' columns say where a story stands now, this table what happened to it (a story
    taken down and put back is news too, and the record of it must not go when it is back)."""
    db["takedowns"].create(  # type: ignore[union-attr]
        {
            "id": int,
            "article_id": int,
            "status": int,  # what its address answered (articles.gone_status)
            "gone_since": str,  # the first such answer
            "taken_down_at": str,  # the read that confirmed it
            "back_at": str,  # a later read that gave the story again, if any
        },
        pk="id",
        not_null={"article_id", "taken_down_at"},
        foreign_keys=[("article_id", "articles", "id")],
    )
    db.table("takedowns").create_index(["article_id"])
    db.execute(
        "INSERT INTO takedowns (article_id, status, gone_since, taken_down_at) SELECT id,"
        " gone_status, gone_since, taken_down_at FROM articles WHERE taken_down_at IS NOT NULL"
    )


def _m16_alerts_per_takedown(db: sqlite_utils.Database) -> None:
    """Which takedown a 'taken_down' or 'back' alert tells of (`alerts.takedown_id`): a story
    taken down, put back and taken down again is news each time, so those alerts are unique
    per takedown, not per address. Those queued before were of a story's first takedown."""
    db.execute("ALTER TABLE alerts ADD COLUMN takedown_id INTEGER")
    db.execute(
        "UPDATE alerts SET takedown_id = (SELECT min(takedowns.id) FROM takedowns"
        " WHERE takedowns.article_id = alerts.article_id) WHERE kind IN ('taken_down', 'back')"
    )
    db.execute("DROP INDEX IF EXISTS idx_alerts_url_rule_channel_kind")
    db.execute(
        "CREATE UNIQUE INDEX idx_alerts_url_rule_channel_kind_takedown"
        " ON alerts (url, rule, channel, coalesce(kind, ''), coalesce(takedown_id, 0))"
    )


MIGRATIONS: Sequence[Callable[[sqlite_utils.Database], None]] = (
    _m1_initial,
    _m2_url_aliases,
    _m3_delivery_state,
    _m4_stories,
    _m5_digests,
    _m6_http_validators,
    _m7_source_health,
    _m8_host_backoff,
    _m9_article_lead,
    _m10_folded_search,
    _m11_matches,
    _m12_page_verdicts,
    _m13_article_versions,
    _m14_takedowns,
    _m15_takedown_history,
    _m16_alerts_per_takedown,
)


@dataclass(frozen=True, slots=True)
class PageVerdict:
    """Why a page read is not stored, and until when it is not read again."""

    reason: str
    last_seen: str
    attempts: int
    recheck_after: str


@dataclass(frozen=True, slots=True)
class Takedown:
    """One confirmed takedown of a story on record (`takedowns.id`), and which of its
    takedowns it is (`nth`, from 1): what its alerts are unique by."""

    id: int
    nth: int


@dataclass(frozen=True, slots=True)
class SaveResult:
    # "new", "updated", "unchanged", "copy" (its canonical address is stored) or "partial"
    # (its page now gives only the beginning of the stored text: kept whole)
    status: str
    alerts_queued: int


# the status answered at the takedown an alert tells of (NULL: not on record)
_ITS_TAKEDOWN = "(SELECT takedowns.status FROM takedowns WHERE takedowns.id = alerts.takedown_id)"
# ... else at the story's last confirmed takedown (0: none on record)
_LAST_GONE = (
    f"coalesce({_ITS_TAKEDOWN}, (SELECT takedowns.status FROM takedowns WHERE"
    " takedowns.article_id = alerts.article_id ORDER BY takedowns.id DESC LIMIT 1), 0)"
)
# an outbox row joined with its article, in the order of models.Alert's fields
ALERT_COLUMNS = (
    "alerts.id, alerts.uid, alerts.rule, alerts.channel, alerts.url, alerts.status,"
    " alerts.attempts, alerts.created_at, alerts.matched, alerts.snippet,"
    " coalesce(articles.title, alerts.matched), coalesce(articles.source, ''),"
    " articles.author, articles.published, articles.language,"
    " alerts.sent_at, alerts.last_error,"
    # queued as its article's edit was stored (monitor.edits): the match is in the edited text
    " EXISTS (SELECT 1 FROM article_versions WHERE article_versions.article_id ="
    " alerts.article_id AND article_versions.replaced_at <= alerts.created_at),"
    # an edit took out what the rule matched (Rule.alert_removals)
    " coalesce(alerts.kind = 'removed', 0),"
    # its site took the story down (Rule.alert_removals), or gives it again after that:
    # the HTTP status it answered (as on the record: the article's own is cleared once back)
    " CASE WHEN alerts.kind = 'taken_down' THEN"
    f" coalesce({_ITS_TAKEDOWN}, articles.gone_status, {_LAST_GONE}) END,"
    f" CASE WHEN alerts.kind = 'back' THEN {_LAST_GONE} END"
)


# a stored story's page read (checked_at: one parameter) and giving a story: not taken down,
# or no longer (Store.record_gone)
READ_NOW = "checked_at = ?, gone_since = NULL, gone_status = NULL, taken_down_at = NULL"
# read, giving nothing of the story (a page without it, a site turning us away): a 404 noted
# once is no takedown, but a confirmed takedown is not undone by a page that says nothing
READ_NOTHING = (
    "checked_at = ?, gone_since = CASE WHEN taken_down_at IS NULL THEN NULL ELSE gone_since END,"
    " gone_status = CASE WHEN taken_down_at IS NULL THEN NULL ELSE gone_status END"
)


def _by_rule(matches: Iterable[Match]) -> dict[str, list[Match]]:
    found: dict[str, list[Match]] = {}
    for match in matches:
        found.setdefault(match.rule, []).append(match)
    return found


def fingerprint(article: Article) -> str:
    lead = f"\n{article.lead}" if article.lead else ""  # without one: as before leads were kept
    return hashlib.sha256(f"{article.title or ''}\n{article.text}{lead}".encode()).hexdigest()


def alert_uid(url: str, rule: str, channel: str, kind: str | None = None, *, nth: int = 1) -> str:
    """Deterministic, so the same alert keeps the same webhook-id and Message-ID forever;
    `nth`: of a story's second takedown or later (its first's keep the ids they had)."""
    key = f"{url}\n{rule}\n{channel}" + (f"\n{kind}" if kind else "")
    key += f"\n{nth}" if nth > 1 else ""
    return hashlib.sha256(key.encode()).hexdigest()[:32]


class Store:
    """Owns one connection to the archive file; every write is one transaction."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(self.path), timeout=30, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise StorageError(f"cannot open archive {self.path}: {exc}") from exc
        self.conn = conn
        self.db = sqlite_utils.Database(conn)
        try:
            _use_wal(conn)
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            self.migrate()
        except sqlite3.DatabaseError as exc:  # not a database, corrupt, read-only, disk full
            conn.close()
            raise StorageError(archive_problem(self.path, exc)) from exc

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def migrate(self) -> None:
        """Each step in its own transaction, the version read again inside it: two processes
        opening a new or older file at once (a crawl and `monitor deliver`) take turns, and
        the second finds the steps done instead of doing them twice."""
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):  # its tables may mean what this version cannot know
            self.conn.close()
            raise StorageError(
                f"archive {self.path} is from a newer media-monitor (schema {version}; this "
                f"version knows {len(MIGRATIONS)}): upgrade monitor to use it"
            )
        created = version == 0
        while version < len(MIGRATIONS):
            with self.transaction():
                version = self.conn.execute("PRAGMA user_version").fetchone()[0]
                if version >= len(MIGRATIONS):
                    break
                MIGRATIONS[version](self.db)
                version += 1
                self.conn.execute(f"PRAGMA user_version = {version}")
            if not created:  # an older file upgraded (a new one is just created)
                log.info("archive %s migrated to schema version %d", self.path, version)

    def transaction(self) -> sqlite3.Connection:
        """`with store.transaction():` — BEGIN IMMEDIATE so writers queue instead of failing."""
        return _Transaction(self.conn)  # type: ignore[return-value]

    # articles
    def known_url(self, url: str) -> bool:
        """Stored under this URL, or under the one it redirected to."""
        found = self.conn.execute(
            "SELECT 1 FROM articles WHERE url = ? UNION ALL SELECT 1 FROM url_aliases WHERE url = ?",
            (url, url),
        ).fetchone()
        return found is not None

    def read_state(self, url: str) -> tuple[str, str] | None:
        """When the article stored at this very address was first read, and last read
        (changed or not); None for an address not stored as an article's own."""
        row = self.conn.execute(
            "SELECT fetched_at, coalesce(checked_at, updated_at, fetched_at) FROM articles"
            " WHERE url = ?",
            (url,),
        ).fetchone()
        return (str(row[0]), str(row[1])) if row else None

    def stored_title(self, url: str) -> str | None:
        """The headline of the story stored at this very address (monitor.not_found)."""
        row = self.conn.execute("SELECT title FROM articles WHERE url = ?", (url,)).fetchone()
        return str(row[0]) if row and row[0] else None

    def read_states_since(self, source: str, since: str) -> list[tuple[str, str, str, str | None]]:
        """This source's stories first read from `since` on: address, first read, last read
        (changed or not), published, oldest first; for the reads `reread` asks for
        (monitor.edits.reread_due)."""
        rows = self.conn.execute(
            "SELECT url, fetched_at, coalesce(checked_at, updated_at, fetched_at), published"
            " FROM articles WHERE source = ? AND fetched_at >= ? ORDER BY fetched_at",
            (source, since),
        ).fetchall()
        return [(str(u), str(f), str(c), p) for u, f, c, p in rows]

    def mark_checked(
        self,
        urls: Iterable[str],
        *,
        now: str,
        there: bool = False,
        channels_by_rule: dict[str, Sequence[str]] | None = None,
    ) -> int:
        """These stored articles' pages were read at `now` and gave nothing new to store;
        `there`: the story is there as we have it (a 304, a copy naming its original), so
        not taken down (if it was, it is back: `channels_by_rule` are told, see `_back`);
        else a page without it, or a site turning us away, which undoes a 404 noted once but
        not a confirmed takedown. A later read already recorded stays. Returns the alerts
        queued."""
        queued, urls = 0, list(urls)
        if not urls:  # most passes: no write, no transaction
            return 0
        with self.transaction():
            for url in urls:
                row = self.conn.execute(
                    "SELECT id FROM articles WHERE url = ? AND coalesce(checked_at, '') < ?",
                    (url, now),
                ).fetchone()
                if row is not None and there:
                    queued += self._read_now(row[0], now, channels_by_rule or {})
                elif row is not None:
                    self.conn.execute(
                        f"UPDATE articles SET {READ_NOTHING} WHERE id = ?", (now, row[0])
                    )
        return queued

    def _read_now(
        self, article_id: int, at: str, channels_by_rule: dict[str, Sequence[str]]
    ) -> int:
        """Its page was read at `at` and gave the story we have (or only its beginning);
        the alerts queued for its coming back, if it had been taken down."""
        queued = self._back(article_id, at, channels_by_rule)
        self.conn.execute(f"UPDATE articles SET {READ_NOW} WHERE id = ?", (at, article_id))
        return queued

    def _back(
        self,
        article_id: int,
        at: str,
        channels_by_rule: dict[str, Sequence[str]],
        matches: Sequence[Match] | None = None,
    ) -> int:
        """A story taken down gives its story again: when, on the record of its takedown;
        and the rules and channels that were told of the takedown are told it is back (a
        story restored is news to those who heard it was gone), with what it says of them
        (`matches`: its text read now, when that is not the one stored)."""
        takedown = self._takedown(article_id, "back_at IS NULL")
        if takedown is None:
            return 0
        self.conn.execute("UPDATE takedowns SET back_at = ? WHERE id = ?", (at, takedown.id))
        return self._tell_back(takedown, article_id, at, channels_by_rule, matches)

    def _back_elsewhere(
        self,
        article_id: int,
        story_id: int | None,
        at: str,
        channels_by_rule: dict[str, Sequence[str]],
        matches: Sequence[Match],
    ) -> int:
        """A story taken down at one address of its site, given again at another (this new
        article's): those told of the takedown are told it is back, at this address (the old
        one stays on record as gone)."""
        if story_id is None:
            return 0
        gone = self.conn.execute(
            "SELECT t.id, (SELECT count(*) FROM takedowns AS n WHERE n.article_id = t.article_id"
            " AND n.id <= t.id) FROM takedowns AS t JOIN articles AS a ON a.id = t.article_id"
            " JOIN articles AS this ON this.id = ? WHERE a.story_id = ? AND a.id != this.id"
            " AND a.source = this.source AND a.taken_down_at IS NOT NULL AND t.back_at IS NULL"
            " AND t.id = (SELECT max(id) FROM takedowns WHERE article_id = a.id)",
            (article_id, story_id),
        ).fetchall()
        return sum(
            self._tell_back(Takedown(tid, nth), article_id, at, channels_by_rule, matches)
            for tid, nth in gone
        )

    def _tell_back(
        self,
        takedown: Takedown,
        article_id: int,
        at: str,
        channels_by_rule: dict[str, Sequence[str]],
        matches: Sequence[Match] | None,
    ) -> int:
        """The rules and channels told of `takedown`, and not yet told it is over, are told
        the story is back at the address of `article_id`, with what it says of them there
        (`matches`: its text read now, when that is not the one stored)."""
        told = self.conn.execute(
            "SELECT DISTINCT rule, channel FROM alerts WHERE kind = 'taken_down'"
            " AND takedown_id = ?",
            (takedown.id,),
        ).fetchall()
        already = set(
            self.conn.execute(
                "SELECT DISTINCT rule, channel FROM alerts WHERE kind = 'back' AND takedown_id = ?",
                (takedown.id,),
            ).fetchall()
        )
        channels: dict[str, Sequence[str]] = {
            rule: [
                c
                for r, c in told
                if r == rule and (r, c) not in already and c in channels_by_rule.get(rule, ())
            ]
            for rule in {r for r, _ in told}
        }
        if matches is None:
            said = self._recorded_matches(
                "article_id = ? AND version_id IS NULL", article_id, set(channels)
            )
        else:
            said = {r: found for r, found in _by_rule(matches).items() if r in channels}
        url, story_id = self.conn.execute(
            "SELECT url, story_id FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return self._insert_alerts(
            article_id, story_id, url, said, channels, now=at, kind="back", takedown=takedown
        )

    def _takedown(self, article_id: int, where: str) -> Takedown | None:
        """The story's last takedown on record, if it is one `where` says."""
        row = self.conn.execute(
            "SELECT id, (SELECT count(*) FROM takedowns AS t WHERE t.article_id = ?"
            f" AND t.id <= takedowns.id), {where} FROM takedowns WHERE article_id = ?"
            " ORDER BY id DESC LIMIT 1",
            (article_id, article_id),
        ).fetchone()
        return Takedown(row[0], row[1]) if row and row[2] else None

    def unconfirmed_takedowns(self, source: str, before: str) -> list[tuple[str, str, int]]:
        """This source's stories that answered 404, 410 or 451 when read again, before
        `before`, not read since: address, when, status; to be read once more, so a
        server's passing error is not taken for a takedown."""
        rows = self.conn.execute(
            "SELECT url, gone_since, gone_status FROM articles WHERE source = ?"
            " AND gone_since IS NOT NULL AND taken_down_at IS NULL AND gone_since <= ?"
            " ORDER BY gone_since",
            (source, before),
        ).fetchall()
        return [(str(u), str(g), int(s or 0)) for u, g, s in rows]

    def record_gone(
        self,
        gone: Mapping[str, int],
        *,
        now: str,
        confirm_after: timedelta,
        removals: Collection[str],
        channels_by_rule: dict[str, Sequence[str]],
    ) -> tuple[int, int]:
        """These stored stories' pages answered these statuses (404, 410, 451) at `now`. A
        first answer is noted (`gone_since`); one `confirm_after` later or more confirms a
        takedown (`taken_down_at`), and the rules of `removals` that matched the story's text
        alert, once per takedown, address, rule and channel, unless the site gives the story
        at another address. Returns (takedowns confirmed, alerts queued)."""
        confirmed = queued = 0
        at = moment(now)
        with self.transaction():
            for url, status in gone.items():
                row = self.conn.execute(
                    "SELECT id, story_id, gone_since, taken_down_at FROM articles WHERE url = ?",
                    (url,),
                ).fetchone()
                if row is None:
                    continue
                article_id, story_id, since, taken = row
                first = moment(since) if since else None
                self.conn.execute(
                    "UPDATE articles SET checked_at = ?, gone_status = ?,"
                    " gone_since = coalesce(gone_since, ?) WHERE id = ?",
                    (now, status, now, article_id),
                )
                if taken or first is None or at is None or at - first < confirm_after:
                    continue
                self.conn.execute(
                    "UPDATE articles SET taken_down_at = ? WHERE id = ?", (now, article_id)
                )
                self.conn.execute(
                    "INSERT INTO takedowns (article_id, status, gone_since, taken_down_at)"
                    " VALUES (?, ?, ?, ?)",
                    (article_id, status, since, now),
                )
                confirmed += 1
                if self._given_elsewhere(article_id, story_id):
                    # the site gives the story at another address of it (moved without a
                    # redirect, a duplicate address retired): this address is gone, the
                    # story is not, and no one is told it was taken down
                    continue
                queued += self._queue_takedown(
                    article_id, story_id, url, removals, channels_by_rule, now=now
                )
        return confirmed, queued

    def _given_elsewhere(self, article_id: int, story_id: int | None) -> bool:
        """Does the article's site give its story at another address, as far as we read it
        last (stored from the same source, in the same story, not noted gone)?"""
        if story_id is None:
            return False
        found = self.conn.execute(
            "SELECT 1 FROM articles AS other JOIN articles AS this ON this.id = ?"
            " WHERE other.story_id = ? AND other.id != this.id AND other.source = this.source"
            " AND other.gone_since IS NULL AND other.taken_down_at IS NULL LIMIT 1",
            (article_id, story_id),
        ).fetchone()
        return found is not None

    def _queue_takedown(
        self,
        article_id: int,
        story_id: int | None,
        url: str,
        removals: Collection[str],
        channels_by_rule: dict[str, Sequence[str]],
        *,
        now: str,
    ) -> int:
        """Alerts for the rules (of `removals`) the taken-down story's text matched, with
        the sentences it said."""
        said = self._recorded_matches(
            "article_id = ? AND version_id IS NULL", article_id, set(removals)
        )
        return self._insert_alerts(
            article_id,
            story_id,
            url,
            said,
            channels_by_rule,
            now=now,
            kind="taken_down",
            takedown=self._takedown(article_id, "1"),
        )

    def has_articles_of(self, source: str) -> bool:
        """Has a pass of this source stored anything yet (is this not its first)?"""
        found = self.conn.execute(
            "SELECT 1 FROM articles WHERE source = ? LIMIT 1", (source,)
        ).fetchone()
        return found is not None

    def save_article(
        self,
        article: Article,
        matches: Sequence[Match],
        channels_by_rule: dict[str, Sequence[str]],
        *,
        now: str,
        alert: bool = True,
        removals: Collection[str] = (),
    ) -> SaveResult:
        """Store the article, its matches and (`alert`) the alerts they owe in one transaction.

        The unique (url, rule, channel) key makes this idempotent: a re-run or an edited article
        never queues an alert that was queued before. `removals`: the rules that alert when an
        edit takes out what they matched (Rule.alert_removals).
        """
        return self.save_articles(
            [(article, matches, alert)], channels_by_rule, now=now, removals=removals
        )[0]

    def save_articles(
        self,
        batch: Sequence[tuple[Article, Sequence[Match], bool]],
        channels_by_rule: dict[str, Sequence[str]],
        *,
        now: str,
        removals: Collection[str] = (),
    ) -> list[SaveResult]:
        """Several articles (each with its matches and whether they alert) in one
        transaction: all of them or none."""
        with self.transaction():
            return [
                self._save(
                    article, matches, channels_by_rule, now=now, alert=alert, removals=removals
                )
                for article, matches, alert in batch
            ]

    def _save(
        self,
        article: Article,
        matches: Sequence[Match],
        channels_by_rule: dict[str, Sequence[str]],
        *,
        now: str,
        alert: bool,
        removals: Collection[str] = (),
    ) -> SaveResult:
        digest = fingerprint(article)
        version: int | None = None  # the replaced text's article_versions row, for an edit
        if article.canonical and article.canonical != article.url:
            # an AMP page or a tracking variant whose canonical address is already stored
            original = self.conn.execute(
                "SELECT id FROM articles WHERE url = ?", (article.canonical,)
            ).fetchone()
            if original is not None:
                self.conn.execute(
                    "INSERT OR IGNORE INTO url_aliases (url, article_id) VALUES (?, ?)",
                    (article.url, original[0]),
                )
                return SaveResult("copy", 0)
        row = self.conn.execute(
            "SELECT id, fingerprint, coalesce(lead, '') || char(10) || text FROM articles"
            " WHERE url = ?",
            (article.url,),
        ).fetchone()
        if (
            row is not None
            and row[1] != digest
            and only_its_beginning(row[2], f"{article.lead or ''}\n{article.text}")
        ):
            # a paywall or a teaser now where the whole story was: kept whole, marked read
            queued = self._read_now(row[0], article.fetched_at or now, channels_by_rule)
            return SaveResult("partial", queued)
        values: dict[str, object] = {
            "url": article.url,
            "source": article.source,
            "title": article.title,
            "author": article.author,
            "published": article.published,
            "language": article.language,
            "text": article.text,
            "lead": article.lead,
            "fetched_at": article.fetched_at or now,
            "updated_at": now,
            "checked_at": article.fetched_at or now,
            "fingerprint": digest,
            # its page gives the story (again): not taken down, or no longer
            "gone_since": None,
            "gone_status": None,
            "taken_down_at": None,
        }
        # plain SQL, not sqlite-utils' insert/update: they re-read the table's schema on
        # every call, a sixth of the crawler's own CPU per article (the FTS index follows
        # through its triggers either way)
        if row is None:
            story = self._story_of(article, now=now)
            values["story_id"] = story
            columns = ", ".join(values)
            marks = ", ".join("?" * len(values))
            article_id = int(
                self.conn.execute(
                    f"INSERT INTO articles ({columns}) VALUES ({marks})", list(values.values())
                ).lastrowid
                or 0
            )
            status = "new"
            back = self._back_elsewhere(article_id, story, now, channels_by_rule, matches)
        elif row[1] != digest:
            article_id = row[0]
            back = self._back(article_id, now, channels_by_rule, matches)
            version = self.conn.execute(
                "INSERT INTO article_versions (article_id, title, author, published, language,"
                " lead, text, stored_at, replaced_at, fingerprint) SELECT id, title, author,"
                " published, language, lead, text, updated_at, ?, fingerprint FROM articles"
                " WHERE id = ?",
                (now, article_id),
            ).lastrowid
            # what the replaced text matched stays, as that version's: a name an edit took
            # out is still on record
            self.conn.execute(
                "UPDATE matches SET version_id = ? WHERE article_id = ? AND version_id IS NULL",
                (version, article_id),
            )
            # fetched_at stays when it was first read: an undated story's date, and "new since"
            del values["fetched_at"]
            assignments = ", ".join(f"{column} = ?" for column in values)
            self.conn.execute(
                f"UPDATE articles SET {assignments} WHERE id = ?",
                [*values.values(), article_id],
            )
            status = "updated"
        else:
            queued = self._read_now(row[0], article.fetched_at or now, channels_by_rule)
            return SaveResult("unchanged", queued)
        for alias in article.aliases:
            if alias != article.url:
                self.conn.execute(
                    "INSERT OR IGNORE INTO url_aliases (url, article_id) VALUES (?, ?)",
                    (alias, article_id),
                )
        self._record(article_id, matches, now=now)
        if not alert:
            return SaveResult(status, back)
        story_id = self.conn.execute(
            "SELECT story_id FROM articles WHERE id = ?", (article_id,)
        ).fetchone()[0]
        queued = self._queue(article_id, story_id, article.url, matches, channels_by_rule, now=now)
        queued += back
        if version is not None and removals:
            queued += self._queue_removals(
                article_id, version, article.url, matches, removals, channels_by_rule, now=now
            )
        return SaveResult(status, queued)

    def _queue_removals(
        self,
        article_id: int,
        version: int,
        url: str,
        matches: Sequence[Match],
        removals: Collection[str],
        channels_by_rule: dict[str, Sequence[str]],
        *,
        now: str,
    ) -> int:
        """Alerts for the rules (of `removals`) the replaced text matched and the present one
        does not: once per story address, rule and channel, with what it said before."""
        present = {m.rule for m in matches}
        before = self._recorded_matches(
            "version_id = ?", version, {r for r in removals if r not in present}
        )
        return self._insert_alerts(
            article_id, None, url, before, channels_by_rule, now=now, kind="removed"
        )

    def _insert_alerts(
        self,
        article_id: int,
        story_id: int | None,
        url: str,
        by_rule: Mapping[str, Sequence[Match]],
        channels_by_rule: dict[str, Sequence[str]],
        *,
        now: str,
        kind: str,
        takedown: Takedown | None = None,
    ) -> int:
        """One alert of `kind` per rule (with its matches) and each of its channels; the
        number queued (one queued before is not again)."""
        return sum(
            self._insert_alert(
                article_id,
                story_id,
                url,
                rule,
                channel,
                matches,
                now=now,
                kind=kind,
                takedown=takedown,
            )
            for rule, matches in by_rule.items()
            for channel in channels_by_rule.get(rule, ())
        )

    def _recorded_matches(self, where: str, key: int, rules: set[str]) -> dict[str, list[Match]]:
        """The recorded matches of these rules `where` says (one `?`, `key`), by rule."""
        rows = self.conn.execute(
            "SELECT rule, field, char_start, char_end, matched, sentence FROM matches"
            f" WHERE {where} ORDER BY id",
            (key,),
        ).fetchall()
        found: dict[str, list[Match]] = {}
        for rule, field, start, end, matched, sentence in rows:
            if rule in rules:
                found.setdefault(rule, []).append(Match(rule, field, start, end, matched, sentence))
        return found

    def _record(self, article_id: int, matches: Sequence[Match], *, now: str) -> None:
        """The article's matches in `matches` (its present text's)."""
        if matches:
            self.conn.executemany(
                "INSERT INTO matches (article_id, rule, field, char_start, char_end, matched,"
                " sentence, matched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (article_id, m.rule, m.field, m.start, m.end, m.matched, m.sentence, now)
                    for m in matches
                ],
            )

    def replace_rule_matches(
        self, rule: str, scanned: Sequence[str], found: Mapping[str, Sequence[Match]], *, now: str
    ) -> int:
        """A rule's matches for the articles at `scanned`, as a backtest found them (`found`:
        by address), instead of those recorded: a rule added or edited later gets the older
        articles' matches. No alert is queued. Returns the matches written."""
        written = 0
        with self.transaction():
            for url in scanned:
                row = self.conn.execute("SELECT id FROM articles WHERE url = ?", (url,)).fetchone()
                if row is None:  # gone since the backtest read it
                    continue
                self.conn.execute(
                    "DELETE FROM matches WHERE rule = ? AND article_id = ? AND version_id IS NULL",
                    (rule, row[0]),
                )
                matches = found.get(url, ())
                self._record(row[0], matches, now=now)
                written += len(matches)
        return written

    def _story_of(self, article: Article, *, now: str) -> int:
        """The story this article is a copy of, or a new one."""
        values = list(article.sketch) if article.sketch is not None else story_sketch(article)
        return find_story(self.conn, values, article.text) or new_story(
            self.conn, values, url=article.url, now=now
        )

    def _queue(
        self,
        article_id: int,
        story_id: int | None,
        url: str,
        matches: Sequence[Match],
        channels_by_rule: dict[str, Sequence[str]],
        *,
        now: str,
    ) -> int:
        queued = 0
        for rule, rule_matches in _by_rule(matches).items():
            for channel in channels_by_rule.get(rule, ()):
                if (
                    story_id is not None
                    and self.conn.execute(
                        "SELECT 1 FROM alerts WHERE story_id = ? AND rule = ? AND channel = ?"
                        " AND kind IS NULL",
                        (story_id, rule, channel),
                    ).fetchone()
                ):
                    continue  # a copy of a story already alerted: listed under that alert instead
                queued += self._insert_alert(
                    article_id, story_id, url, rule, channel, rule_matches, now=now
                )
        return queued

    def _insert_alert(
        self,
        article_id: int,
        story_id: int | None,
        url: str,
        rule: str,
        channel: str,
        matches: Sequence[Match],
        *,
        now: str,
        kind: str | None = None,
        takedown: Takedown | None = None,
    ) -> int:
        """One alert into the outbox, with its evidence; 0 if it was queued before.
        `takedown`: the one a 'taken_down' or 'back' alert tells of."""
        first = matches[0]
        evidence = json.dumps(
            [
                {
                    "field": m.field,
                    "start": m.start,
                    "end": m.end,
                    "text": m.matched,
                    "sentence": m.sentence,
                }
                for m in matches
            ],
            ensure_ascii=False,
        )
        cursor = self.conn.execute(
            "INSERT OR IGNORE INTO alerts (uid, article_id, url, rule, channel, status, attempts,"
            " created_at, matched, snippet, matches, story_id, kind, takedown_id)"
            " VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?, ?, ?, ?)",
            (
                alert_uid(url, rule, channel, kind, nth=takedown.nth if takedown else 1),
                article_id,
                url,
                rule,
                channel,
                now,
                first.matched,
                first.sentence,
                evidence,
                story_id,
                kind,
                takedown.id if takedown else None,
            ),
        )
        return cursor.rowcount

    def counts(self) -> dict[str, int]:
        out = {"articles": self.conn.execute("SELECT count(*) FROM articles").fetchone()[0]}
        for status, n in self.conn.execute("SELECT status, count(*) FROM alerts GROUP BY status"):
            out[f"alerts_{status}"] = n
        return out

    # alerts
    def alerts(
        self,
        *,
        status: str | None = None,
        rule: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 50,
    ) -> list[Alert]:
        """Newest first (pending: oldest first, in the order they go); `since` / `until`:
        queued on or after / on or before that ISO 8601 moment or day."""
        where: list[str] = []
        params: list[object] = []
        if since:
            where.append("alerts.created_at >= ?")
            params.append(since)
        if until:
            where.append("substr(alerts.created_at, 1, length(?)) <= ?")
            params += [until, until]
        if status:
            where.append("alerts.status = ?")
            params.append(status)
        if rule:
            where.append("alerts.rule = ?")
            params.append(rule)
        order = "alerts.id ASC" if status == "pending" else "alerts.id DESC"
        sql = (
            f"SELECT {ALERT_COLUMNS}"
            " FROM alerts LEFT JOIN articles ON articles.id = alerts.article_id"
            + (" WHERE " + " AND ".join(where) if where else "")
            + f" ORDER BY {order} LIMIT ?"
        )
        rows = self.conn.execute(sql, [*params, limit]).fetchall()
        return [Alert(*row) for row in rows]

    # pages that are not articles
    def verdict(self, url: str) -> PageVerdict | None:
        row = self.conn.execute(
            "SELECT reason, last_seen, attempts, recheck_after FROM page_verdicts WHERE url = ?",
            (url,),
        ).fetchone()
        return PageVerdict(*row) if row else None

    def save_verdicts(self, found: Mapping[str, str], *, now: datetime) -> None:
        """Record each page's verdict (url -> reason) as read at `now`: the same verdict again
        waits longer before its next read, a new one starts over (monitor.recheck). Verdicts of
        pages since stored as articles, or long past their recheck, are forgotten."""
        stamp = iso(now)
        with self.transaction():
            for url, reason in found.items():
                old = self.verdict(url)
                attempts = old.attempts + 1 if old is not None and old.reason == reason else 1
                self.conn.execute(
                    "INSERT INTO page_verdicts"
                    " (url, reason, first_seen, last_seen, attempts, recheck_after)"
                    " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET"
                    " reason = excluded.reason, last_seen = excluded.last_seen,"
                    " attempts = excluded.attempts, recheck_after = excluded.recheck_after",
                    (
                        url,
                        reason,
                        stamp,
                        stamp,
                        attempts,
                        iso(now + recheck_delay(reason, attempts)),
                    ),
                )
            self.conn.execute(
                "DELETE FROM page_verdicts WHERE recheck_after < ?"
                " OR url IN (SELECT url FROM articles) OR url IN (SELECT url FROM url_aliases)",
                (iso(now - FORGET_AFTER),),
            )

    # conditional requests
    def validators(self, url: str) -> tuple[str | None, str | None] | None:
        row = self.conn.execute(
            "SELECT etag, last_modified FROM http_validators WHERE url = ?", (url,)
        ).fetchone()
        return (row[0], row[1]) if row else None

    def read_at(self, url: str) -> str | None:
        """When the last complete pass that read this feed or sitemap started."""
        row = self.conn.execute(
            "SELECT stored_at FROM http_validators WHERE url = ?", (url,)
        ).fetchone()
        return str(row[0]) if row and row[0] else None

    def save_validators(self, found: dict[str, tuple[str | None, str | None]], *, now: str) -> None:
        with self.transaction():
            for url, (etag, last_modified) in found.items():
                self.conn.execute(
                    "INSERT OR REPLACE INTO http_validators (url, etag, last_modified, stored_at)"
                    " VALUES (?, ?, ?, ?)",
                    (url, etag, last_modified, now),
                )

    # hosts that asked us to wait
    def host_backoff(self, *, now: str) -> dict[str, str]:
        rows = self.conn.execute(
            "SELECT host, not_before FROM host_backoff WHERE not_before > ?", (now,)
        )
        return dict(rows.fetchall())

    def save_host_backoff(self, found: dict[str, tuple[str, str]]) -> None:
        with self.transaction():
            for host, (not_before, reason) in found.items():
                self.conn.execute(
                    "INSERT OR REPLACE INTO host_backoff (host, not_before, reason) VALUES (?, ?, ?)",
                    (host, not_before, reason),
                )

    # crawl history
    def record_crawl(self, values: dict[str, Any]) -> None:
        with self.transaction():
            self.db.table("crawls").insert(values)

    def record_crawl_failure(self, values: dict[str, Any]) -> None:
        """The daemon's record of a crawl it stopped (or that died): a crawl stopped with
        SIGTERM may have closed cleanly and recorded its own pass first, which then says how
        it ended instead of looking like a pass that went well; else a row of its own."""
        with self.transaction():
            own = self.conn.execute(
                "SELECT id, errors FROM crawls WHERE source = ? AND started_at >= ?"
                " ORDER BY id DESC LIMIT 1",
                (values["source"], values["started_at"]),
            ).fetchone()
            if own is None:
                self.db.table("crawls").insert(values)
                return
            errors = {**json.loads(own[1] or "{}"), **json.loads(values["errors"])}
            self.conn.execute(
                "UPDATE crawls SET outcome = ?, errors = ? WHERE id = ?",
                (values["outcome"], json.dumps(errors), own[0]),
            )


def _use_wal(conn: sqlite3.Connection, *, wait: float = 30.0) -> None:
    """Switch a file to WAL (once; it stays so). SQLite answers "database is locked" at once,
    without its busy timeout, while another connection is creating the same new file: a crawl
    and `monitor deliver` opening it together; so the switch is tried again for a while."""
    deadline = time.monotonic() + wait
    while True:
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


class _Transaction:
    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self.conn.execute("ROLLBACK" if exc_type else "COMMIT")
