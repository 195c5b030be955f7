"""The query commands on a real archive file: sql (read-only), search, match, alerts, help."""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from alerts.rules import Matcher
from monitor.archive import MIGRATIONS, Store
from monitor.config import load_config
from monitor.errors import StorageError
from monitor.models import Article
from tests.conftest import ROOT, read_monitor, run_monitor

CONFIG = """
database = "archive.db"
[[source]]
name = "ledger"
feeds = ["https://e.org/rss.xml"]
[[rule]]
name = "euronest"
query = 'Euronest OR "Eastern Partnership"'
[[rule]]
name = "ismayilova"
person = "Khadija Ismayilova"
[[channel]]
name = "hook"
type = "webhook"
url = "https://hooks.example.org/x"
"""
ARTICLES = [
    Article(
        "https://e.org/1",
        "Euronest meets in Yerevan",
        "Delegates of the Euronest assembly met in Yerevan on Thursday.",
        source="ledger",
        published="2026-10-02",
    ),
    Article(
        "https://e.org/2",
        "Court extends detention",
        "Khadija Ismayilova attended the hearing in Baku on Friday.",
        source="ledger",
        published="2026-10-03",
    ),
    Article(
        "https://e.org/3",
        "Wine harvest",
        "Growers in Kakheti had their best harvest in a decade.",
        source="ledger",
        published="2026-10-04",
    ),
]


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    path = tmp_path / "monitor.toml"
    path.write_text(CONFIG)
    config = load_config(path)
    matcher = Matcher(config.rules)
    with Store(config.database) as store:
        for article in ARTICLES:
            store.save_article(
                article,
                matcher.match(article),
                {r.name: r.channels for r in config.rules},
                now="2026-10-05T00:00:00+00:00",
            )
    return path


def digest(path: Path) -> str:
    with Store(path) as store:
        rows = store.conn.execute("SELECT * FROM articles ORDER BY id").fetchall()
        rows += store.conn.execute("SELECT * FROM alerts ORDER BY id").fetchall()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


@pytest.mark.parametrize(
    "statement",
    [
        "DELETE FROM articles",
        "UPDATE alerts SET status = 'pending'",
        "INSERT INTO articles (url, source, text, fetched_at) VALUES ('x', 'y', 'z', 'w')",
        "DROP TABLE alerts",
        "CREATE TABLE evil (x)",
        "PRAGMA user_version = 99",
    ],
)
def test_sql_refuses_writes_and_changes_nothing(archive: Path, statement: str) -> None:
    db = archive.parent / "archive.db"
    before = digest(db)
    done = read_monitor("sql", "--config", str(archive), statement, check=False)
    assert done.returncode == 1
    assert "monitor sql is read-only" in done.stderr
    assert digest(db) == before
    version = read_monitor("sql", "--config", str(archive), "PRAGMA user_version", "--json").stdout
    assert json.loads(version) == [{"user_version": len(MIGRATIONS)}]


def test_sql_creates_no_file_anywhere_and_reads_table_info(archive: Path) -> None:
    """ATTACH and VACUUM INTO would create (empty) files wherever they name, read-only archive
    or not; pragmas that set something are refused; those that read still work."""
    from monitor.readonly import run_sql

    db = archive.parent / "archive.db"
    elsewhere = archive.parent / "elsewhere.db"
    for statement in (
        f"ATTACH DATABASE '{elsewhere}' AS other",
        f"VACUUM INTO '{elsewhere}'",
        "PRAGMA journal_mode = DELETE",
    ):
        with pytest.raises(StorageError, match="monitor sql is read-only"):
            run_sql(db, statement)
        assert not elsewhere.exists()
    assert "url" in [row[1] for row in run_sql(db, "PRAGMA table_info(articles)")[1]]
    assert run_sql(db, "PRAGMA journal_mode")[1] == [("wal",)]
    with pytest.raises(StorageError, match="no SQL statement given"):
        run_sql(db, "  ")


def test_read_only_commands_leave_no_wal_files_and_never_touch_a_writers_log(
    archive: Path,
) -> None:
    """A mode=ro connection makes the empty -wal and -shm files and cannot remove them; they
    go when it closes, unless someone else has the archive open, and a log with pages in it
    (a writer's) is never written back by a read-only command."""
    from monitor.readonly import run_sql

    db = archive.parent / "archive.db"
    wal, shm = (db.with_name(db.name + suffix) for suffix in ("-wal", "-shm"))
    read_monitor("sql", "--config", str(archive), "SELECT count(*) FROM articles")
    read_monitor("search", "--config", str(archive), "Euronest")
    assert not wal.exists() and not shm.exists()

    writer = sqlite3.connect(db, isolation_level=None)
    writer.execute("PRAGMA wal_autocheckpoint = 0")  # the log keeps its pages until we say
    writer.execute("UPDATE articles SET title = 'changed' WHERE id = 1")
    logged = wal.stat().st_size
    assert logged > 0
    assert run_sql(db, "SELECT title FROM articles WHERE id = 1")[1] == [("changed",)]
    assert wal.stat().st_size == logged  # the writer's log, as it left it
    writer.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # now empty, the writer still open
    run_sql(db, "SELECT count(*) FROM articles")
    assert wal.exists() and shm.exists()  # the writer's files, still in use
    writer.close()
    assert not wal.exists()


def test_sql_on_an_archive_of_an_older_version_says_how_to_upgrade_it(archive: Path) -> None:
    """Read-only commands do not upgrade the file: a table added since is missing, and the
    error says why and what upgrades it."""
    with sqlite3.connect(archive.parent / "archive.db") as db:
        # as a file of the version before matches (_m11), page_verdicts (_m12) and
        # article_versions (_m13) came, and takedowns were noted (_m14), kept (_m15) and
        # alerted each (_m16)
        db.execute("DROP INDEX idx_alerts_url_rule_channel_kind_takedown")
        db.execute("ALTER TABLE alerts DROP COLUMN takedown_id")
        db.execute("DROP TABLE takedowns")
        db.execute("DROP INDEX idx_articles_source_fetched_at")
        db.execute("DROP INDEX idx_articles_gone")
        for column in ("gone_since", "gone_status", "taken_down_at"):
            db.execute(f"ALTER TABLE articles DROP COLUMN {column}")
        db.execute("DROP TABLE matches")
        db.execute("DROP TABLE page_verdicts")
        db.execute("DROP TABLE article_versions_fts")
        db.execute("DROP VIEW article_versions_search")
        db.execute("DROP TABLE article_versions")
        db.execute("ALTER TABLE articles DROP COLUMN checked_at")
        db.execute("ALTER TABLE alerts DROP COLUMN kind")
        db.execute("CREATE UNIQUE INDEX idx_alerts_url_rule_channel ON alerts (url, rule, channel)")
        db.execute("PRAGMA user_version = 10")
    query = "SELECT rule, count(*) FROM matches GROUP BY rule"
    done = read_monitor("sql", "--config", str(archive), query, check=False)
    assert done.returncode == 1
    assert "schema 10" in done.stderr and "monitor crawl" in done.stderr
    with Store(archive.parent / "archive.db"):  # what a crawl does first: the upgrade
        pass
    assert read_monitor("sql", "--config", str(archive), query).returncode == 0


def test_backtest_record_gives_a_rule_added_later_its_matches_in_the_archive(
    archive: Path,
) -> None:
    """The matches table holds what a rule matched when an article was stored; a rule added
    since gets the older articles' matches from `backtest --record`, once each, no alerts."""

    def recorded(rule: str) -> list[tuple[str, str, str]]:
        return [
            (row["url"], row["field"], row["matched"])
            for row in json.loads(
                read_monitor(
                    "sql", "-c", str(archive), "--json",
                    "SELECT a.url, m.field, m.matched FROM matches m"
                    f" JOIN articles a ON a.id = m.article_id WHERE m.rule = '{rule}'"
                    " ORDER BY a.url, m.field",
                ).stdout
            )
        ]  # fmt: skip

    assert recorded("euronest") == [
        ("https://e.org/1", "text", "Euronest"),
        ("https://e.org/1", "title", "Euronest"),
    ]
    archive.write_text(CONFIG + '[[rule]]\nname = "baku"\nquery = "Baku OR Yerevan"\n')
    assert recorded("baku") == []
    alerts_before = read_monitor("sql", "-c", str(archive), "SELECT count(*) FROM alerts").stdout
    for _ in range(2):  # again: replaced, not doubled
        done = read_monitor("backtest", "-c", str(archive), "baku", "--record")
        assert "recorded 3 matches of 'baku' in 2 articles" in done.stdout, done.stdout
    yerevan = [("https://e.org/1", "text", "Yerevan"), ("https://e.org/1", "title", "Yerevan")]
    assert recorded("baku") == [*yerevan, ("https://e.org/2", "text", "Baku")]
    # within --since only: the article of 2 October keeps what was recorded for it
    archive.write_text(CONFIG + '[[rule]]\nname = "baku"\nquery = "Baku"\n')
    read_monitor("backtest", "-c", str(archive), "baku", "--record", "--since", "2026-10-03")
    assert recorded("baku") == [*yerevan, ("https://e.org/2", "text", "Baku")]
    read_monitor("backtest", "-c", str(archive), "baku", "--record")
    assert recorded("baku") == [("https://e.org/2", "text", "Baku")]
    assert read_monitor("sql", "-c", str(archive), "SELECT count(*) FROM alerts").stdout == (
        alerts_before
    )
    # a query is no rule: nothing to record it under
    done = read_monitor("backtest", "-c", str(archive), "Tbilisi", "--record", check=False)
    assert done.returncode == 2 and "name of a rule" in done.stderr


def checked_with(tmp_path: Path, rules: str) -> str:
    """What `monitor check` prints for the test config with these rules added."""
    path = tmp_path / "monitor.toml"
    path.write_text(CONFIG + rules)
    return read_monitor("check", "--config", str(path)).stdout


def test_check_says_which_query_words_take_case_endings(tmp_path: Path) -> None:
    checked = checked_with(
        tmp_path,
        '[[rule]]\nname = "eap"\nquery = \'"Восточное партнерство" OR Bakı OR {EU} OR journalist*\'\n'
        + "[[rule]]\nname = \"off\"\nquery = 'Азербайджан'\ninflect = false\n",
    )
    eap, off = checked.split("eap:")[1].split("off:")
    assert "also in their case forms: Восточное партнерство\n" in eap
    assert "Turkish suffixes, in articles in those languages: Bakı\n" in eap
    assert "also" not in off.split("channels")[0]
    short = checked_with(tmp_path, "[[rule]]\nname = \"rada\"\nquery = 'Рада OR рада'\n")
    assert "also in their case forms: Рада (capitalised mid-sentence)\n" in short
    kept = checked_with(
        tmp_path,
        "[[rule]]\nname = \"en\"\nquery = 'Baku'\nlanguages = ['en']\nsources = ['ledger']\n"
        "min_mentions = 3\n",
    ).split("en:")[1]
    assert "only in articles of: ledger\n    only in articles in: en\n" in kept
    assert "    only in articles that mention it 3 times or more\n" in kept
    assert "suffixes" not in kept  # an English article takes none
    numbered = checked_with(tmp_path, '[[rule]]\nname = "cop"\nquery = \'COP29 OR "Euro 2024"\'\n')
    assert "also as cop 29, euro2024 (a number joined or apart)\n" in numbered


def test_check_json_gives_the_config_or_every_problem_for_a_script(tmp_path: Path) -> None:
    good = tmp_path / "good.toml"
    good.write_text(
        'database = "a.db"\n[[source]]\nname = "ledger"\nfeeds = ["https://e.org/rss.xml"]\n'
        'every = "30m"\n[[rule]]\nname = "k"\nperson = "Khadija Ismayilova"\n'
        '[[rule]]\nname = "e"\nquery = "Euronest"\nenabled = false\n',
        encoding="utf-8",
    )
    done = json.loads(read_monitor("check", "-c", str(good), "--json").stdout)
    assert done["ok"] is True and done["archive"].endswith("a.db")
    assert [(s["name"], s["schedule"], s["feeds"]) for s in done["sources"]] == [
        ("ledger", "every 30m", ["https://e.org/rss.xml"])
    ]
    assert [(r["name"], r["kind"], r["person"]) for r in done["rules"]] == [
        ("k", "person", "Khadija Ismayilova")
    ]
    assert done["paused"]["rules"] == ["e"]
    bad = tmp_path / "bad.toml"
    bad.write_text('database = "a.db"\nbogus = 1\n[[rule]]\nname = "x"\nquery = "("\n')
    failed = read_monitor("check", "-c", str(bad), "--json", check=False)
    assert failed.returncode == 1
    problems = json.loads(failed.stdout)
    assert problems["ok"] is False and len(problems["problems"]) == 2, problems
    assert all(p.startswith(f"{bad}: ") for p in problems["problems"]), problems


def test_check_never_prints_a_password_written_into_an_smtp_url(tmp_path: Path) -> None:
    checked = checked_with(
        tmp_path,
        '[[channel]]\nname = "desk"\ntype = "email"\n'
        'smtp_url = "smtp://desk:hunter2@mail.example.org:587"\n'
        'from = "m@example.org"\nto = ["d@example.org"]\n',
    )
    assert "desk: email to d@example.org via smtp://desk:****@mail.example.org:587" in checked
    assert "hunter2" not in checked


def test_check_shows_the_shorter_form_of_a_three_part_name(tmp_path: Path) -> None:
    checked = checked_with(
        tmp_path,
        '[[rule]]\nname = "putin"\nperson = "Владимир Владимирович Путин"\n'
        + '[[rule]]\nname = "uvdl"\nperson = "Ursula von der Leyen"\n',
    )
    assert "person Владимир Владимирович Путин -> hook\n" in checked
    assert "also without the middle name or patronymic: Владимир Путин\n" in checked
    assert checked.count("also without") == 1  # not Ursula Leyen, nor for Khadija Ismayilova
    assert "not by the middle name" not in checked  # a patronymic is no name to be known by
    checked = checked_with(tmp_path, '[[rule]]\nname = "rte"\nperson = "Recep Tayyip Erdoğan"\n')
    assert "also without the middle name or patronymic: Recep Erdoğan\n" in checked
    assert "not by the middle name: Tayyip Erdoğan (add it to variants if so known)" in checked
    assert "also as Belarusian or Russian" not in checked.split("rte:")[1]
    checked = checked_with(
        tmp_path, '[[rule]]\nname = "ps"\nperson = "Pedro Sánchez Pérez-Castejón"\n'
    )
    assert "also by the given name and first surname: Pedro Sánchez\n" in checked
    assert "middle" not in checked.split("ps:")[1]
    checked = checked_with(tmp_path, '[[rule]]\nname = "st"\nperson = "Sviatlana Tsikhanouskaya"\n')
    assert "also as Belarusian or Russian writes it" in checked.split("st:")[1]


def test_init_writes_a_starter_config_that_check_accepts_and_never_overwrites(
    tmp_path: Path,
) -> None:
    path = tmp_path / "conf" / "monitor.toml"
    run_monitor("init", "--config", str(path))
    checked = read_monitor("check", "--config", str(path)).stdout
    assert "OK" in checked and "oc-media: every 30m" in checked and "rules (2)" in checked
    assert "alerts: only for stories published in the last 7d" in checked  # no back catalogue
    written = path.read_text()
    again = run_monitor("init", "--config", str(path), "--site", "https://e.org/", check=False)
    assert again.returncode == 1 and "exists" in again.stderr and path.read_text() == written
    sites = [
        "https://www.civil.ge/",
        "https://civil.ge/ru/",
        "http://jam-news.net",
        "http://127.0.0.1:8080/",
        "http://[::1]:9000/",
    ]
    run_monitor("init", "-c", str(path), "--force", *[a for s in sites for a in ("--site", s)])
    config = load_config(path)
    assert [(s.name, s.site) for s in config.sources] == [
        ("civil", "https://www.civil.ge/"),
        ("civil-2", "https://civil.ge/ru/"),
        ("jam-news", "http://jam-news.net"),
        ("127-0-0-1-8080", "http://127.0.0.1:8080/"),  # an address is named whole
        ("ipv6-1-9000", "http://[::1]:9000/"),
    ]
    bad = run_monitor("init", "-c", str(tmp_path / "x.toml"), "--site", "civil.ge", check=False)
    assert bad.returncode == 1 and "--site 'civil.ge'" in bad.stderr
    assert not (tmp_path / "x.toml").exists()


@pytest.mark.parametrize(
    "command",
    [["crawl"], ["run"], ["search", "x"], ["status"], ["alerts"], ["deliver"], ["backtest", "r"]],
)
def test_a_database_key_naming_another_file_is_refused_and_the_file_left_alone(
    tmp_path: Path, command: list[str]
) -> None:
    """`database` pointing at a file that is not an archive (a typo, the config itself): every
    command says so and what to check, without a traceback and without writing to the file."""
    notes = tmp_path / "notes.txt"
    notes.write_text("meeting notes, not a database\n" * 50)
    before = notes.read_bytes()
    path = tmp_path / "monitor.toml"
    path.write_text(
        'database = "notes.txt"\n[[source]]\nname = "s"\nfeeds = ["http://127.0.0.1:9/rss"]\n'
        'every = "1h"\n[[rule]]\nname = "r"\nquery = "Baku"\n'
    )
    done = run_monitor(*command, "--config", str(path), check=False)
    assert done.returncode == 1, done.stderr
    assert "notes.txt is not a SQLite archive" in done.stderr and "Traceback" not in done.stderr
    assert "Check `database` in the config" in done.stderr
    assert notes.read_bytes() == before
    assert not list(tmp_path.glob("notes.txt-*"))  # no -wal or -journal beside it


def test_sql_select_as_table_and_json(archive: Path) -> None:
    rows = json.loads(
        read_monitor(
            "sql",
            "--config",
            str(archive),
            "SELECT url, title FROM articles ORDER BY url",
            "--json",
        ).stdout
    )
    assert [r["url"] for r in rows] == ["https://e.org/1", "https://e.org/2", "https://e.org/3"]
    table = read_monitor(
        "sql",
        "--config",
        str(archive),
        "SELECT rule, count(*) AS n FROM alerts GROUP BY rule ORDER BY rule",
    ).stdout
    assert table.splitlines()[0].split() == ["rule", "n"]
    assert "euronest" in table and "(2 rows)" in table


def test_config_may_come_before_the_command(archive: Path, tmp_path: Path) -> None:
    """`monitor -c x.toml search ...` as well as `monitor search -c x.toml ...`; the
    command's own --config wins."""
    out = run_monitor("--config", str(archive), "search", "euronest").stdout
    assert "Euronest meets in Yerevan" in out
    out = run_monitor("-c", str(archive), "sql", "SELECT count(*) AS n FROM articles").stdout
    assert out.splitlines()[2].split() == ["3"]
    missing = tmp_path / "absent.toml"
    done = run_monitor("-c", str(missing), "search", "-c", str(archive), "euronest")
    assert "Euronest meets in Yerevan" in done.stdout
    done = run_monitor("-c", str(missing), "search", "euronest", check=False)
    assert done.returncode == 1 and "absent.toml" in done.stderr


def test_sql_as_csv_and_search_as_json(archive: Path) -> None:
    """For spreadsheets and scripts: CSV with a header row (commas and quotes escaped), and
    search results as JSON."""
    import csv
    import io

    out = read_monitor(
        "sql", "-c", str(archive), "SELECT url, text FROM articles ORDER BY url", "--csv"
    ).stdout
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["url", "text"] and len(rows) == 4
    assert rows[1][1] == "Delegates of the Euronest assembly met in Yerevan on Thursday."
    # a crawled text that a spreadsheet would run as a formula is kept as text; numbers as are
    formulas = read_monitor(
        "sql",
        "-c",
        str(archive),
        "SELECT '=HYPERLINK(\"https://evil.example\")' AS a, '@SUM(1)' AS b, '-2+3' AS c,"
        " -5 AS n, 'plain' AS p",
        "--csv",
    ).stdout
    assert list(csv.reader(io.StringIO(formulas)))[1] == [
        '\'=HYPERLINK("https://evil.example")',
        "'@SUM(1)",
        "'-2+3",
        "-5",
        "plain",
    ]
    [hit] = json.loads(read_monitor("search", "-c", str(archive), "euronest", "--json").stdout)
    assert hit["url"] == "https://e.org/1" and "[Euronest]" in hit["snippet"]
    both = read_monitor("sql", "-c", str(archive), "SELECT 1", "--csv", "--json", check=False)
    assert both.returncode == 2 and "--json or --csv" in both.stderr


def test_sql_error_is_clear(archive: Path) -> None:
    done = read_monitor("sql", "--config", str(archive), "SELEC nonsense", check=False)
    assert done.returncode == 1 and 'SQL error: near "SELEC": syntax error' in done.stderr


def test_search_ranks_and_highlights(archive: Path) -> None:
    out = read_monitor("search", "--config", str(archive), "euronest").stdout
    assert "Euronest meets in Yerevan" in out
    assert "[Euronest]" in out
    assert "Wine harvest" not in out
    tolerant = read_monitor("search", "--config", str(archive), "Yerevan AND (").stdout
    assert "Euronest meets in Yerevan" in tolerant
    # a NOT with nothing to remove articles from is refused, never searched as its words (which
    # would find the very articles it excludes)
    for negative in (
        "-Kakheti",
        "NOT Kakheti",
        "-'wine harvest' -Baku",
        "-(Kakheti OR Baku)",
        "-(Kakheti harvest",
        "harvest NOT",
    ):
        refused = read_monitor("search", "--config", str(archive), negative, check=False)
        assert refused.returncode != 0 and "Wine harvest" not in refused.stdout, refused.stdout
        assert "needs words to find as well as one to exclude" in refused.stderr, refused.stderr


def test_search_takes_a_rules_query_syntax(archive: Path) -> None:
    """What works in a rule works in a search: NEAR/n, "..."~n, -word, typographic and single quotes,
    a hyphenated word as the phrase it is to the rules."""

    def urls(query: str) -> list[str]:
        out = read_monitor("search", "-c", str(archive), query, "--json").stdout
        return sorted(hit["url"] for hit in json.loads(out))

    # "Euronest meets in Yerevan" (its title): two words between
    assert urls("Euronest NEAR/2 Yerevan") == ["https://e.org/1"]
    assert urls("Euronest NEAR/1 Yerevan") == []
    assert urls("Euronest NEAR Yerevan") == ["https://e.org/1"]
    assert urls('"Yerevan Euronest"~2') == ["https://e.org/1"]  # either order
    assert urls('"Euronest Yerevan"~1') == []
    assert urls("harvest -Kakheti") == [] and urls("harvest -Yerevan") == ["https://e.org/3"]
    # a query, not an unknown option (nor -n, --limit, with "ato")
    assert urls("-Yerevan harvest") == urls("-nato harvest") == ["https://e.org/3"]
    # as a rule reads it: NOT binds before AND, AND before OR
    assert urls("-Kakheti harvest OR Baku") == urls("Baku") == ["https://e.org/2"]
    assert urls("“Euronest assembly”") == urls("'Euronest assembly'") == ["https://e.org/1"]
    assert urls("'assembly Euronest'") == []
    assert urls("harvest -'wine harvest'") == [] and urls("-'wine harvest' Euronest") == [
        "https://e.org/1"
    ]
    assert urls("-(Kakheti OR Baku) harvest") == []
    assert urls("-(Baku OR Yerevan) harvest") == ["https://e.org/3"]
    assert urls("Euronest-assembly") == ["https://e.org/1"]
    assert urls("met-Euronest") == []
    assert urls("{euronest} NEAR/2 {YEREVAN}") == ["https://e.org/1"]  # FTS5 folds case
    # C++, C#: the word alone (FTS5's tokenizer has no + or #), not a syntax error
    assert urls("Euronest++ AND Yerevan#") == ["https://e.org/1"]


def test_search_reads_colons_and_broken_quotes_as_words_not_sql_errors(archive: Path) -> None:
    """A time, a URL or a word before a colon is no FTS5 column; a quote left open or a lone
    "*" is no SQL error: the search finds the words, or says there are none."""
    from monitor.readonly import search

    database = load_config(archive).database
    with Store(database) as store:
        store.save_article(
            Article(
                "https://e.org/4",
                "Schedule",
                "The session opens at 10:30 in Tbilisi.",
                source="ledger",
            ),
            [],
            {},
            now="2026-10-05T00:00:00+00:00",
        )

    def urls(query: str) -> list[str]:
        return sorted(hit.url for hit in search(database, query))

    assert urls("10:30") == urls("10:30 Tbilisi") == ["https://e.org/4"]
    assert urls("10:31") == []
    assert urls("Yerevan:") == ["https://e.org/1"]
    assert urls("(Kakheti: OR Yerevan:)") == ["https://e.org/1", "https://e.org/3"]
    assert urls("title:Yerevan") == ["https://e.org/1"] and urls("title:Tbilisi") == []
    assert urls('"Euronest assembly') == ["https://e.org/1"]
    for nothing in ("*", '"', "("):
        with pytest.raises(StorageError, match="nothing to search for"):
            search(database, nothing)


def test_search_since_a_date_or_a_duration_and_newest_first(tmp_path: Path) -> None:
    """--since keeps articles published (else fetched) on or after a date or within a
    duration before now; --newest orders by date instead of rank; a bad --since is refused."""
    path = tmp_path / "monitor.toml"
    path.write_text(CONFIG)
    now = datetime.now(UTC)
    dated = {  # the oldest is the best match (the word three times)
        "https://e.org/old": ("Baku Baku Baku talks", (now - timedelta(days=30)).isoformat()),
        "https://e.org/mid": ("Baku talks resumed", (now - timedelta(days=3)).isoformat()),
        "https://e.org/new": ("Talks in Baku today", (now - timedelta(hours=2)).isoformat()),
        # a page that gave its day alone: within "12h" when that day is the cutoff's or later
        "https://e.org/day": ("Baku summit opens", now.date().isoformat()),
    }
    with Store(load_config(path).database) as store:
        for url, (text, published) in dated.items():
            article = Article(url, "T", text, source="ledger", published=published)
            store.save_article(article, [], {}, now=published)
        # no publication date: its fetch time counts
        undated = Article("https://e.org/undated", "T", "Baku once", source="ledger")
        store.save_article(undated, [], {}, now=(now - timedelta(days=60)).isoformat())

    def urls(*options: str) -> list[str]:
        out = read_monitor("search", "-c", str(path), "baku", "--json", *options).stdout
        return [hit["url"] for hit in json.loads(out)]

    assert urls()[0] == "https://e.org/old" and len(urls()) == 5
    week = ["https://e.org/day", "https://e.org/mid", "https://e.org/new"]
    assert sorted(urls("--since", "7d")) == week
    assert "https://e.org/day" in urls("--since", "1m")  # today's, whatever the hour
    assert urls("--since", "7d", "--newest")[-1] == "https://e.org/mid"
    since = (now - timedelta(days=45)).date().isoformat()
    assert (
        "https://e.org/undated" not in urls("--since", since) and len(urls("--since", since)) == 4
    )
    assert urls("--newest")[-1] == "https://e.org/undated"
    # --until: on or before a day (all of it), a moment, or at least a duration before now
    assert sorted(urls("--until", "7d")) == ["https://e.org/old", "https://e.org/undated"]
    assert sorted(urls("--since", "45d", "--until", "2d")) == [
        "https://e.org/mid",
        "https://e.org/old",
    ]
    today = now.date().isoformat()
    assert "https://e.org/day" in urls("--until", today)  # its day alone, that day: kept
    assert "https://e.org/new" in urls("--until", today)
    assert "https://e.org/day" not in urls("--until", (now - timedelta(days=1)).isoformat())
    for option in ("--since", "--until"):
        bad = read_monitor("search", "-c", str(path), "baku", option, "a week", check=False)
        assert bad.returncode == 2 and option in bad.stderr


def test_search_shows_the_lead_where_only_the_lead_holds_the_words(tmp_path: Path) -> None:
    path = tmp_path / "monitor.toml"
    path.write_text(CONFIG)
    article = Article(
        "https://e.org/9",
        "Summit ends",
        "The talks broke down late on Wednesday.",
        source="ledger",
        lead="Kobakhidze left the summit early.",
    )
    with Store(load_config(path).database) as store:
        store.save_article(article, [], {}, now="2026-10-05T00:00:00+00:00")
    out = read_monitor("search", "--config", str(path), "kobakhidze").stdout
    assert "[Kobakhidze] left the summit early." in out
    out = read_monitor("search", "--config", str(path), "talks").stdout
    assert "The [talks] broke down" in out


def test_alerts_lists_queued_alerts_with_evidence(archive: Path) -> None:
    only = read_monitor("alerts", "--config", str(archive), "--rule", "ismayilova").stdout
    assert "ismayilova -> hook" in only and "euronest" not in only
    out = read_monitor("alerts", "--config", str(archive)).stdout
    assert "pending euronest -> hook" in out
    assert "matched 'Khadija Ismayilova'" in out
    rows = json.loads(
        read_monitor("alerts", "--config", str(archive), "--json", "--status", "pending").stdout
    )
    assert {r["rule"] for r in rows} == {"euronest", "ismayilova"}

    def since(when: str) -> set[str]:  # the archive's alerts were queued on 5 October 2026
        done = read_monitor("alerts", "--config", str(archive), "--json", "--since", when)
        return {r["rule"] for r in json.loads(done.stdout)}

    assert since("2026-10-05") == {"euronest", "ismayilova"} and since("2026-10-06") == set()
    assert since("yesterday") == set()

    def until(when: str) -> set[str]:
        done = read_monitor("alerts", "--config", str(archive), "--json", "--until", when)
        return {r["rule"] for r in json.loads(done.stdout)}

    assert until("2026-10-05") == {"euronest", "ismayilova"} and until("2026-10-04") == set()
    assert until("yesterday") == {"euronest", "ismayilova"}
    typo = read_monitor("alerts", "--config", str(archive), "--rule", "ismailova").stdout
    assert (
        "no alerts (no rule named 'ismailova' in the config; its rules: euronest, ismayilova)"
        in typo
    )


def test_match_json_on_a_text_file(archive: Path, tmp_path: Path) -> None:
    text = tmp_path / "note.txt"
    text.write_text(
        "Yesterday KHADIJA ISMAYLOVA spoke to the Eastern Partnership forum.", encoding="utf-8"
    )
    found = json.loads(run_monitor("match", "--config", str(archive), "--json", str(text)).stdout)
    assert {(m["rule"], m["matched"]) for m in found} == {
        ("ismayilova", "KHADIJA ISMAYLOVA"),
        ("euronest", "Eastern Partnership"),
    }
    assert all("sentence" in m and "start" in m for m in found)


def test_match_reads_a_name_split_by_a_run_of_spaces_in_a_text_file(
    archive: Path, tmp_path: Path
) -> None:
    text = tmp_path / "wrapped.txt"
    text.write_text("Released today:  Khadija   Ismayilova,\tthe reporter.\n", encoding="utf-8")
    found = json.loads(run_monitor("match", "--config", str(archive), "--json", str(text)).stdout)
    assert [(m["rule"], m["matched"]) for m in found] == [("ismayilova", "Khadija Ismayilova")]
    assert found[0]["sentence"] == "Released today: Khadija Ismayilova, the reporter."


def test_match_reads_words_with_soft_hyphens_and_zero_width_spaces(
    archive: Path, tmp_path: Path
) -> None:
    """Invisible characters copied from a web page do not split a word, as the extractor drops
    them from crawled pages too."""
    text = tmp_path / "copied.txt"
    text.write_text(
        "Khadija\u200b Isma\u00adyilova spoke at the Euro\u00adnest assembly.", encoding="utf-8"
    )
    found = json.loads(run_monitor("match", "--config", str(archive), "--json", str(text)).stdout)
    assert {(m["rule"], m["matched"]) for m in found} == {
        ("ismayilova", "Khadija Ismayilova"),
        ("euronest", "Euronest"),
    }


def test_match_reads_a_text_file_in_its_language(tmp_path: Path) -> None:
    """A text file's language is detected, as the crawl detects a page's: a rule limited to
    Azerbaijani applies, and a given name is not inflected in Azerbaijani (Emine is not Emin)."""
    config = tmp_path / "monitor.toml"
    config.write_text(
        'database = "archive.db"\n'
        '[[rule]]\nname = "emin"\nperson = "Emin Huseynov"\n'
        '[[rule]]\nname = "award"\nquery = "mükafat"\nlanguages = ["az"]\n',
        encoding="utf-8",
    )
    texts = {
        "her.txt": "Jurnalist Emine Hüseynova dünən Bakıda keçirilən mərasimdə mükafat aldı.",
        "him.txt": "Jurnalist Emin Hüseynov dünən Bakıda keçirilən mərasimdə mükafat aldı.",
    }
    found = {}
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        done = run_monitor("match", "--config", str(config), "--json", str(tmp_path / name))
        found[name] = {m["rule"] for m in json.loads(done.stdout)}
    assert found == {"her.txt": {"award"}, "him.txt": {"emin", "award"}}


@pytest.mark.parametrize("codec", ["cp1251", "koi8_r", "utf-16"])
def test_match_reads_a_text_file_in_a_russian_code_page(
    archive: Path, tmp_path: Path, codec: str
) -> None:
    """Saved by an old editor or mail client: read as Russian (as the crawler decodes a
    page), not as replacement characters that match nothing."""
    text = tmp_path / "note.txt"
    text.write_bytes(
        "Журналист Хадиджа Исмаилова вышла на свободу после полутора лет в заключении; "
        "её адвокаты подали жалобу в Европейский суд по правам человека.".encode(codec)
    )
    found = json.loads(run_monitor("match", "--config", str(archive), "--json", str(text)).stdout)
    assert [(m["rule"], m["matched"]) for m in found] == [("ismayilova", "Хадиджа Исмаилова")]


def test_match_reads_stdin_and_reports_no_match(archive: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "monitor", "match", "--config", str(archive), "-"],
        input="Arif Yunus and Leyla Yunus",
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    assert done.stdout.strip() == "no rule matches"


def test_match_reads_a_page_on_the_web_and_names_a_missing_file(
    archive: Path, tmp_path: Path
) -> None:
    """An address is fetched and its article extracted, as the crawler would read it: the
    menu's country names and the comments are not the article mentioning them."""
    from monitor.demo.site import NewsSite, SiteServer, load_demo_articles

    articles = load_demo_articles()
    story = next(a for a in articles if "Euronest" in " ".join(a["body"]))
    site = NewsSite(articles)
    with SiteServer(site) as server:
        url = server.url + NewsSite.path_of(story)
        found = json.loads(run_monitor("match", "-c", str(archive), "--json", url).stdout)
        gone = run_monitor("match", "-c", str(archive), server.url + "/gone.html", check=False)
    assert {m["rule"] for m in found} >= {"euronest"}
    body = "\n".join(story["body"])
    assert all(m["sentence"].strip("…") in body or m["field"] == "title" for m in found), found
    assert gone.returncode == 1 and "HTTP 404" in gone.stderr
    missing = run_monitor("match", "-c", str(archive), str(tmp_path / "none.txt"), check=False)
    assert missing.returncode == 2 and "is not a file" in missing.stderr


COMMANDS = [
    "demo",
    "check",
    "crawl",
    "run",
    "deliver",
    "search",
    "sql",
    "alerts",
    "match",
    "extract",
]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_ending_with_an_example(command: str) -> None:
    out = run_monitor(*command.split(), "-h").stdout
    example = re.split(r"Examples?:", out)
    assert len(example) == 2 and f"monitor {command}" in example[1]


def test_missing_archive_is_explained(tmp_path: Path) -> None:
    (tmp_path / "monitor.toml").write_text(CONFIG)
    done = read_monitor("sql", "--config", str(tmp_path / "monitor.toml"), "SELECT 1", check=False)
    assert (
        done.returncode == 1 and "no archive at" in done.stderr and "monitor crawl" in done.stderr
    )


def test_backtest_by_rule_name_query_and_person(archive: Path) -> None:
    """backtest lists what a rule, a query or a person would have alerted, with the sentence."""
    by_rule = read_monitor("backtest", "--config", str(archive), "euronest").stdout
    assert "Euronest meets in Yerevan" in by_rule and "[Euronest]" in by_rule
    assert "1 of 3 archived articles match" in by_rule
    by_query = read_monitor("backtest", "--config", str(archive), "Baku OR Kakheti").stdout
    assert "2 of 3 archived articles match" in by_query
    # a query may open with "-": the query, not an unknown option
    excluding = read_monitor("backtest", "-Kakheti harvest OR Baku", "--config", str(archive))
    assert "1 of 3 archived articles match" in excluding.stdout  # (harvest -Kakheti) OR Baku
    person = read_monitor(
        "backtest", "--config", str(archive), "--person", "Хадиджа Исмаилова"
    ).stdout
    assert "Court extends detention" in person and "[Khadija Ismayilova]" in person
    since = read_monitor(
        "backtest", "--config", str(archive), "Baku OR Kakheti", "--since", "2026-10-04"
    ).stdout
    assert "1 of 1 archived articles match" in since
    rows = [
        json.loads(line)
        for line in read_monitor(
            "backtest", "--config", str(archive), "Yerevan", "--json"
        ).stdout.splitlines()
    ]
    assert rows[0]["url"] == "https://e.org/1" and rows[0]["matches"][0]["matched"] == "Yerevan"


def test_backtest_since_takes_a_date_a_moment_or_a_duration(archive: Path) -> None:
    """--since 2026-10-04, 2026-10-02T12:00 or 7d (before now); anything else is refused, not
    compared as text (which matched nothing and read like an empty archive)."""
    from datetime import timedelta

    from monitor.models import iso, utcnow

    config = load_config(archive)
    yesterday = iso(utcnow() - timedelta(days=1))
    with Store(config.database) as store:
        recent = Article("https://e.org/4", "Baku talks", "Baku again.", source="ledger")
        store.save_article(replace(recent, published=yesterday), [], {}, now=yesterday)

    def matched(since: str) -> str:
        done = read_monitor("backtest", "--config", str(archive), "Baku", "--since", since)
        return done.stdout.strip().splitlines()[-1]

    assert matched("7d") == "1 of 1 archived articles match"
    assert matched("1 week") == "1 of 1 archived articles match"
    assert matched("yesterday") == "1 of 1 archived articles match"  # from its start, UTC
    # the article of 2 October gives its day alone: it may be from the afternoon, and counts
    assert matched("2026-10-02T12:00") == "2 of 4 archived articles match"
    assert matched("2026-10-03T12:00") == "2 of 3 archived articles match"
    assert matched("2026-10-04") == "1 of 2 archived articles match"

    def between(since: str, until: str) -> str:
        done = read_monitor(
            "backtest", "--config", str(archive), "Baku", "--since", since, "--until", until
        )
        return done.stdout.strip().splitlines()[-1]

    # the archive's articles of 2 and 3 October and yesterday's: --until keeps all of its day
    assert between("2026-10-03", "2026-10-03") == "1 of 1 archived articles match"
    assert between("2026-10-01", "2026-10-03T12:00") == "1 of 2 archived articles match"
    assert between("2026-10-01", "2026-10-31") == "1 of 3 archived articles match"
    assert between("2026-10-01", "2d") == "1 of 3 archived articles match"
    refused = read_monitor(
        "backtest", "--config", str(archive), "Baku", "--since", "last month", check=False
    )
    assert refused.returncode == 2
    assert "neither a date" in refused.stderr and "(45m, 12h, 7d, 2w, '3 days')" in refused.stderr
    none = read_monitor("backtest", "--config", str(archive), "Baku", "-n", "0", check=False)
    assert none.returncode == 2 and "0 is not in the range x>=1" in none.stderr


def test_backtest_of_a_mistyped_rule_name_says_which_rule_is_close(archive: Path) -> None:
    """A rule's name mistyped is a query for that word: it finds nothing, and says so."""
    done = read_monitor("backtest", "--config", str(archive), "euronst").stdout
    assert "0 of 3 archived articles match" in done
    assert "read as a query; the config has a rule named 'euronest'" in done


def test_backtest_points_at_the_column_of_a_bad_query(archive: Path) -> None:
    done = read_monitor("backtest", "--config", str(archive), "Euronest AND (court", check=False)
    assert done.returncode == 1
    assert "unclosed '(' at column 14" in done.stderr
    assert "  Euronest AND (court\n               ^" in done.stderr
