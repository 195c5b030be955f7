"""Read-only access to the archive for people: full-text search and arbitrary SELECTs."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from monitor.errors import StorageError

HIT_START, HIT_END = "\x02", "\x03"
# letters the FTS5 tokenizer (unicode61, diacritics removed) keeps as letters of their own, each
# read as the one every other spelling writes: "Ismayilova" finds "İsmayılova", "Eliyev"
# "Əliyev", "Lodz" "Łódź", "Пугачева" "Пугачёва". The index reads the articles so folded (the
# view articles_search, monitor.archive) and a search's words are folded alike. One character
# for one: a snippet of the folded text is the article's text at the same offsets
SEARCH_FOLD = {"ı": "i", "ə": "e", "Ə": "E", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d",
               "Đ": "D", "ё": "е", "Ё": "Е"}  # fmt: skip
SEARCH_FOLD_TABLE = str.maketrans(SEARCH_FOLD)
DEFAULT_NEAR = 10  # words apart, as a rule's NEAR without a number


@dataclass(frozen=True, slots=True)
class SearchHit:
    url: str
    title: str | None
    source: str
    published: str | None
    snippet: str  # matched terms wrapped in HIT_START / HIT_END
    # found only in what the story said before an edit (monitor.edits): when that text was
    # replaced; None for a hit in the present text
    replaced_at: str | None = None
    # its site took the story down (monitor.edits): when that was confirmed; the archive's
    # text is all that is left of it
    taken_down_at: str | None = None


def on_or_after(column: str, since: str) -> str:
    """SQL: the date in `column` is on or after the moment `since` (both ISO 8601 text). A date
    without a time ("2026-11-28", as many pages give it) counts when its day is the day of
    `since` or later: compared as text it sorts before every time of that day, and `--since
    12h` at breakfast left out this morning's stories that gave only their day."""
    return (
        f"({column} >= {since} OR (length({column}) = 10 AND {column} >= substr({since}, 1, 10)))"
    )


def on_or_before(column: str, until: str) -> str:
    """SQL: the date in `column` is on or before `until` (both ISO 8601 text): `--until
    2026-10-31` keeps all of that day, and a date without a time counts on its day (compared
    over `until`'s length, a longer stamp is cut to it: "2026-10-31T18:00" is of the 31st)."""
    return f"substr({column}, 1, length({until})) <= {until}"


def archive_problem(path: Path, exc: sqlite3.Error) -> str:
    """What went wrong opening the archive, for people: a `database` key that names some
    other file is the likely cause of "file is not a database", and that file is left as it is."""
    if "not a database" in str(exc):
        return (
            f"{path} is not a SQLite archive ({exc}); nothing was written to it. "
            "Check `database` in the config: it names the archive file monitor creates."
        )
    return f"cannot use archive {path}: {exc}"


class ReadOnlyConnection(sqlite3.Connection):
    """Closing it leaves no empty -wal and -shm files beside the archive when nothing else has
    it open: a mode=ro connection makes them for its reads (the archive is in WAL mode) and
    cannot remove them, so every `monitor sql` or `search` left two files a user took for
    unsaved data."""

    archive: Path | None = None

    def close(self) -> None:
        super().close()
        if self.archive is not None:
            remove_empty_wal(self.archive)
            self.archive = None


def remove_empty_wal(path: Path) -> None:
    """Let SQLite remove an archive's WAL files when the log is empty and no one else has the
    archive open: the last connection to close removes them, and a read-write one can. An empty
    log holds nothing to write back, so this changes no data; a log with pages in it (a writer
    at work, or one that stopped mid-way) is left for the writer, as a read-only command must."""
    wal = path.with_name(path.name + "-wal")
    try:
        if wal.stat().st_size:
            return
    except OSError:  # no log: nothing to remove
        return
    try:
        conn = sqlite3.connect(str(path), timeout=0.1, isolation_level=None)
        try:
            conn.execute("SELECT 1 FROM sqlite_master LIMIT 1")
        finally:
            conn.close()
    except sqlite3.Error:  # busy, or a file we may only read: the empty files stay
        pass


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot write: the file is opened mode=ro and query_only is set."""
    if not path.exists():
        raise StorageError(
            f"no archive at {path} yet (run `monitor crawl` or `monitor demo` first)"
        )
    try:
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro",
            uri=True,
            timeout=30,
            factory=ReadOnlyConnection,
        )
        conn.execute("PRAGMA query_only = ON")
    except sqlite3.Error as exc:
        raise StorageError(f"cannot open archive {path} read-only: {exc}") from exc
    try:  # the file's header is read only now: a file that is not a database fails here
        conn.execute("SELECT 1 FROM sqlite_master LIMIT 1")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StorageError(archive_problem(path, exc)) from exc
    conn.set_authorizer(_reads_only)
    conn.archive = path
    return conn


# pragmas that take an argument and only read (PRAGMA table_info(articles)); any other
# with an argument sets something (journal_mode = DELETE) and is refused
READING_PRAGMAS = frozenset({
    "table_info", "table_xinfo", "table_list", "index_list", "index_info", "index_xinfo",
    "foreign_key_list", "foreign_key_check", "integrity_check", "quick_check",
})  # fmt: skip


def _reads_only(action: int, first: str | None, second: str | None, *_: str | None) -> int:
    """query_only stops writes to the archive, not the files ATTACH and VACUUM INTO create
    (empty, wherever the statement names): those are refused, and settings with them."""
    if action in (sqlite3.SQLITE_ATTACH, sqlite3.SQLITE_DETACH):
        return sqlite3.SQLITE_DENY
    if action == sqlite3.SQLITE_PRAGMA and second is not None and first not in READING_PRAGMAS:
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


def has_table(conn: sqlite3.Connection, name: str) -> bool:
    """Has the archive this table (a read-only command reads an older schema as it is)?"""
    found = conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone()
    return found is not None


def has_column(conn: sqlite3.Connection, table: str, column: str) -> bool:
    """Has this archive's table the column (a read-only command reads an older schema)?"""
    return any(row[1] == column for row in conn.execute(f"PRAGMA table_info({table})"))


def run_sql(
    path: Path, sql: str, params: dict[str, Any] | None = None
) -> tuple[list[str], list[tuple[Any, ...]]]:
    if not sql.strip():
        raise StorageError(
            "no SQL statement given (one SELECT, e.g. SELECT count(*) FROM articles)"
        )
    conn = connect_read_only(path)
    try:
        cursor = conn.execute(sql, params or {})
        columns = [d[0] for d in cursor.description or ()]
        return columns, cursor.fetchall()
    except sqlite3.Warning as exc:  # e.g. several statements at once
        raise StorageError(f"{exc} (monitor sql runs one statement)") from exc
    except sqlite3.Error as exc:
        message = str(exc)
        if any(word in message for word in ("readonly", "read-only", "query_only", "authoriz")):
            raise StorageError(
                f"monitor sql is read-only: {message}. Nothing was changed. "
                "Use SELECT (or open the file with sqlite3 yourself to modify it)."
            ) from exc
        raise StorageError(f"SQL error: {message}{_older_schema(conn)}") from exc
    finally:
        conn.close()


def _older_schema(conn: sqlite3.Connection) -> str:
    """A hint when the archive was written by an older version (read-only commands do not
    upgrade it, so a table or column added since is missing)."""
    from monitor.archive import MIGRATIONS  # here: archive imports this module

    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.Error:
        return ""
    if version >= len(MIGRATIONS):
        return ""
    return (
        f" (this archive has schema {version}, this version writes {len(MIGRATIONS)}: "
        "`monitor crawl` upgrades it in place)"
    )


@dataclass(frozen=True, slots=True)
class SearchFilter:
    """What a search keeps besides its words: one source, articles published (else fetched)
    on or after `since` and on or before `until` (ISO 8601, as the archive writes dates),
    newest first instead of best first."""

    source: str | None = None
    since: str | None = None
    until: str | None = None
    newest: bool = False


def search(
    path: Path, query: str, *, limit: int = 20, where: SearchFilter | None = None
) -> list[SearchHit]:
    """FTS5 search, best first; a query FTS5 cannot parse is retried as plain quoted words,
    unless it excludes words: searched for, they would find the very articles it excludes."""
    written, query = query, fts_query(query).translate(SEARCH_FOLD_TABLE)
    where = where or SearchFilter()
    try:
        return _search(path, query, limit, where)
    except StorageError as exc:
        if not any(problem in str(exc) for problem in FTS5_QUERY_ERRORS):
            raise
        if any(NEGATION.search(part) for part in query.split('"')[::2]):
            raise StorageError(
                f"cannot search for {written!r} ({_fts5_reason(exc)}): NOT (or a -word) "
                "removes articles from what the words before it find, so it needs words to "
                "find as well as one to exclude: 'Euronest -Armenia', 'Euronest NOT Armenia'"
            ) from exc
        words = [w for w in re.findall(r"\w+", query) if w not in ("AND", "OR", "NOT", "NEAR")]
        if not words:
            raise StorageError(f"nothing to search for in {query!r}") from exc
        return _search(path, " ".join(f'"{w}"' for w in words), limit, where)


# outside quotes: NOT, or a "-" opening a word, phrase or group (`-(Baku` left unclosed)
NEGATION = re.compile(r"(?<!\w)NOT(?!\w)|(?:^|[\s(])-(?=[^\s-]|$)")


def _fts5_reason(exc: StorageError) -> str:
    """FTS5's own words (`fts5: syntax error near "NOT"`), without the store's wrapping."""
    found = re.search(r"fts5: [^\n]*", str(exc))
    return found.group().rstrip(".") if found else "FTS5 cannot read it"


# what FTS5 says of a query it cannot read (a quote left open, a "*" alone, a word before a
# colon read as a column): the search is tried again as the query's plain words
FTS5_QUERY_ERRORS = ("fts5", "syntax", "unterminated string", "unknown special query",
                     "no such column")  # fmt: skip
# an operand of NEAR FTS5 can take: a word, a prefix or a phrase (not a group)
_OPERAND = r'(?:"[^"]*"|[^\s()"]+)'
NEAR_INFIX = re.compile(rf"({_OPERAND})\s+NEAR(?:/(\d+))?\s+({_OPERAND})")
# "-" after a space (or a phrase's closing quote: a part's start); at a part's end, a phrase follows
MINUS_NOT = re.compile(r"(?:(?<=\S)|^)\s+-(?=[^\s-]|$)")
HYPHENATED = re.compile(r"(?<![\w*])\w+(?:-\w+)+(?![\w*])")  # Nagorno-Karabakh: a phrase
# C++, C#: FTS5 reads + and # as syntax; in quotes its tokenizer drops them (the word alone)
SYMBOL_SUFFIXED = re.compile(r"(?<![\w*])\w+[+#]+(?![\w*])")
# "Aliyev Putin"~5, a rule's proximity as Lucene writes it: FTS5's NEAR of its words
SLOP_PHRASE = re.compile(r'"([^"]*)"~(\d*)')
# {EU}, a rule's exact-case term: FTS5 folds case, so the search finds it in any case
EXACT_CASE = re.compile(r'\{"?([^{}"]*)"?\}')


def fts_query(query: str) -> str:
    """A rule's query as FTS5 reads it, so people can search the archive as they write rules:
    typographic and single quotes make phrases, `a NEAR/5 b` is FTS5's `NEAR(a b, 5)` (a word,
    prefix or phrase each side; `NEAR` alone: 10) and so is `"a b"~5`, `a -b` is `a NOT b`,
    `Nagorno-Karabakh` the phrase it is to the rules, `{EU}` the word in any case (FTS5 folds it),
    `C++` the word C (FTS5's tokenizer has no + or #). Words, phrases, AND, OR, NOT,
    parentheses, `prefix*` and `title:`
    are FTS5's own already."""
    from alerts.query import SINGLE_QUOTED, TYPOGRAPHIC_QUOTES, as_phrase

    query = SINGLE_QUOTED.sub(as_phrase, query.translate(TYPOGRAPHIC_QUOTES))
    query = _negations_last(query)
    query = EXACT_CASE.sub(lambda m: f'"{m.group(1)}"', query)
    query = SLOP_PHRASE.sub(
        lambda m: f"NEAR({' '.join(m.group(1).split())}, {m.group(2) or DEFAULT_NEAR})", query
    )
    parts = query.split('"')  # outside the quotes (even parts): "-" before a word, and hyphens
    for i in range(0, len(parts), 2):
        parts[i] = HYPHENATED.sub(lambda m: '"' + m.group().replace("-", " ") + '"', parts[i])
        parts[i] = SYMBOL_SUFFIXED.sub(lambda m: f'"{m.group()}"', parts[i])
        parts[i] = _colon_word().sub(lambda m: f'"{m.group()}"', parts[i])
        parts[i] = MINUS_NOT.sub(" NOT ", parts[i])
    query = '"'.join(parts)
    query = NEAR_INFIX.sub(
        lambda m: f"NEAR({m.group(1)} {m.group(3)}, {m.group(2) or DEFAULT_NEAR})", query
    )
    return query if "NEAR(" in query else _with_case_forms(_with_number_spellings(query))


# a word or phrase excluded ("-Baku", '-"Eastern Partnership"') at the query's start
LEADING_MINUS = re.compile(r'\s*-("[^"]*"|[^\s"()-][^\s()]*)(?:\s+|$)')


def _negations_last(query: str) -> str:
    """`-Baku Euronest OR Yerevan` as `Euronest -Baku OR Yerevan`: FTS5's NOT needs something
    before it. The excluded words go to the end of the first group of ANDed terms, the one they
    bind to as a rule reads them (NOT before AND before OR)."""
    excluded = []
    while (found := _leading_exclusion(query)) is not None:
        excluded.append(f"-{found[0]}")
        query = query[found[1] :]
    if not excluded:
        return query
    if not query.strip():  # nothing but exclusions: FTS5's error, which search() explains
        return " ".join(f"NOT {word[1:]}" for word in excluded)
    cut = _first_or(query)
    return " ".join([query[:cut].strip(), *excluded, query[cut:].strip()]).strip()


def _leading_exclusion(query: str) -> tuple[str, int] | None:
    """The word, phrase or parenthesised group a query opens with "-" to exclude, and where
    what follows it starts."""
    if (found := LEADING_MINUS.match(query)) is not None:
        return found.group(1), found.end()
    opened = query.lstrip()
    if not opened.startswith("-("):
        return None
    start = len(query) - len(opened) + 1
    depth, quoted = 0, False
    for at in range(start, len(query)):
        if query[at] == '"':
            quoted = not quoted
        elif not quoted and query[at] in "()":
            depth += 1 if query[at] == "(" else -1
            if depth == 0:
                return query[start : at + 1], at + 1
    return None  # never closed: FTS5's error


def _first_or(query: str) -> int:
    """Where the first OR outside quotes and parentheses starts (else the query's end)."""
    depth, quoted = 0, False
    for at, char in enumerate(query):
        if char == '"':
            quoted = not quoted
        elif not quoted and char in "()":
            depth += 1 if char == "(" else -1
        elif not quoted and depth == 0 and query.startswith(" OR ", at):
            return at
    return len(query)


# a phrase (left as it is unless it is a name and its number: COP 29, or COP-29 made one above)
# or a name and its number written joined (COP29, Covid19) alone: not a prefix, not after a
# field's colon
NUMBERED = re.compile(r'"[^"]*"|(?<![\w*:])([^\W\d_]{2,})(\d+)(?![\w*:])')
NAME_NUMBER = re.compile(r"([^\W\d_]{2,}) (\d+)")


def _with_number_spellings(query: str) -> str:
    """COP29 as (COP29 OR "COP 29"), and "COP 29" (COP-29) as ("COP 29" OR COP29), as a rule
    finds each spelling by the others (alerts.query.number_spellings); not where NEAR is."""

    def spellings(match: re.Match[str]) -> str:
        found = match.group()
        if not found.startswith('"'):
            return f'({found} OR "{match.group(1)} {match.group(2)}")'
        pair = NAME_NUMBER.fullmatch(found[1:-1])
        if pair is None or query[match.start() - 1 : match.start()] == ":":
            return found
        return f"({found} OR {pair.group(1)}{pair.group(2)})"

    return NUMBERED.sub(spellings, query)


# a word alone (not in a phrase, a prefix, or after a field's colon), for its case forms
BARE_WORD = re.compile(r"(?<![\w*:])[^\W\d_]{4,}(?![\w*:])")


def _with_case_forms(query: str) -> str:
    """Each Cyrillic, Georgian or Armenian word alone as the group of its case forms, as a rule finds it
    (alerts.inflection: `Азербайджан` finds `Азербайджане`); not where FTS5's NEAR, which takes
    no group, is used, nor in phrases."""
    from alerts.inflection import word_forms

    def forms(match: re.Match[str]) -> str:
        if match.group() in ("AND", "NOT", "NEAR"):
            return match.group()
        found = word_forms(match.group().lower())
        return match.group() if len(found) == 1 else "(" + " OR ".join(found) + ")"

    parts = query.split('"')
    for i in range(0, len(parts), 2):
        parts[i] = BARE_WORD.sub(forms, parts[i])
    return '"'.join(parts)


@lru_cache(maxsize=1)
def _colon_word() -> re.Pattern[str]:
    """A word with a colon that names no field (10:30, a URL, "Baku:"): FTS5 reads what stands
    before the colon as a column; the rules read the word, and so does the search, as a phrase."""
    from alerts.query import FIELDS

    fields = "|".join(FIELDS)
    return re.compile(rf'(?<![^\s(])(?!(?:{fields}):)[^\s()"]+:[^\s()"]*', re.IGNORECASE)


def _search(path: Path, query: str, limit: int, where: SearchFilter) -> list[SearchHit]:
    """The articles whose present text holds the words, then those whose text held them
    before an edit and no longer does (`replaced_at` set), each list up to `limit`."""
    conn = connect_read_only(path)
    try:
        # an archive from before takedowns were noted (schema 14) says none
        down = "a.taken_down_at" if has_column(conn, "articles", "taken_down_at") else "NULL"
    finally:
        conn.close()
    return _search_present(path, query, limit, where, down) + _search_replaced(
        path, query, limit, where, down
    )


def _filters(where: SearchFilter) -> str:
    """SQL conditions on the articles (`a`) of a search: its source and dates."""
    return (
        (" AND a.source = :source" if where.source else "")
        + (
            " AND " + on_or_after("coalesce(a.published, a.fetched_at)", ":since")
            if where.since
            else ""
        )
        + (
            " AND " + on_or_before("coalesce(a.published, a.fetched_at)", ":until")
            if where.until
            else ""
        )
    )


def _params(query: str, limit: int, where: SearchFilter) -> dict[str, Any]:
    return {
        "q": query,
        "limit": limit,
        "source": where.source,
        "since": where.since,
        "until": where.until,
    }


def _search_replaced(
    path: Path, query: str, limit: int, where: SearchFilter, down: str
) -> list[SearchHit]:
    """Stories an edit took the words out of: found in a replaced text (article_versions),
    not in the present one; the newest such text of each."""
    conn = connect_read_only(path)
    try:
        indexed = has_table(conn, "article_versions_fts")
    finally:
        conn.close()
    if not indexed:  # an archive from before versions were kept
        return []
    sql = (
        "SELECT a.url, v.title, a.source, a.published,"
        f" snippet(article_versions_fts, 1, '{HIT_START}', '{HIT_END}', '…', 24),"
        f" snippet(article_versions_fts, 2, '{HIT_START}', '{HIT_END}', '…', 24), v.text, v.lead,"
        f" v.replaced_at, a.id, {down}"
        " FROM article_versions_fts JOIN article_versions v ON v.id = article_versions_fts.rowid"
        " JOIN articles a ON a.id = v.article_id"
        " WHERE article_versions_fts MATCH :q"
        " AND a.id NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH :q)"
        + _filters(where)
        + " ORDER BY v.replaced_at DESC LIMIT :limit"
    )
    _, rows = run_sql(path, sql, _params(query, limit * 4, where))
    hits: dict[int, SearchHit] = {}
    for url, title, source, published, body, lead, text, lead_text, replaced, key, gone in rows:
        if key not in hits and len(hits) < limit:
            snippet = (
                as_written(lead, lead_text) if _only_in(lead, body) else as_written(body, text)
            )
            hits[key] = SearchHit(url, title, source, published, snippet, replaced, gone)
    return list(hits.values())


def _search_present(
    path: Path, query: str, limit: int, where: SearchFilter, down: str
) -> list[SearchHit]:
    sql = (
        f"SELECT a.url, a.title, a.source, a.published, {down},"
        # the text's passage; the lead's when only the lead (column 2) holds the words
        f" snippet(articles_fts, 1, '{HIT_START}', '{HIT_END}', '…', 24),"
        f" snippet(articles_fts, 2, '{HIT_START}', '{HIT_END}', '…', 24), a.text, a.lead"
        " FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
        " WHERE articles_fts MATCH :q"
        + _filters(where)
        + (
            " ORDER BY coalesce(a.published, a.fetched_at) DESC, rank"
            if where.newest
            else " ORDER BY rank"
        )
        + " LIMIT :limit"
    )
    _, rows = run_sql(path, sql, _params(query, limit, where))
    return [
        SearchHit(
            url,
            title,
            source,
            published,
            as_written(lead, lead_text) if _only_in(lead, body) else as_written(body, text),
            taken_down_at=gone,
        )
        for url, title, source, published, gone, body, lead, text, lead_text in rows
    ]


def as_written(snippet: str | None, column: str | None) -> str:
    """A snippet of the folded column (what FTS5 read) in the article's own letters: found in
    the column folded, it is the column's text at the same offsets ("Xedice" -> "Xədicə")."""
    if not snippet or not column:
        return snippet or ""
    plain = snippet.replace(HIT_START, "").replace(HIT_END, "")
    inner = plain.strip("…")  # FTS5's ellipses where the snippet cuts the column
    at = column.translate(SEARCH_FOLD_TABLE).find(inner)
    if not inner or at < 0:
        return snippet  # an archive indexed before the fold: the snippet is the article's
    offset = at - (len(plain) - len(plain.lstrip("…")))
    out, position = [], 0
    for char in snippet:
        if char in (HIT_START, HIT_END):
            out.append(char)
            continue
        index = offset + position
        out.append(column[index] if at <= index < at + len(inner) else char)
        position += 1
    return "".join(out)


def _only_in(lead: str | None, body: str | None) -> bool:
    """The lead's passage holds a highlighted word and the text's does not."""
    return HIT_START in (lead or "") and HIT_START not in (body or "")
