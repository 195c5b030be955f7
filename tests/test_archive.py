"""The archive file: migrations, idempotent alert queueing, FTS kept in sync."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest

from monitor.archive import MIGRATIONS, Store
from monitor.errors import StorageError
from monitor.models import Article, Match
from monitor.status import taken_down_lately

M = [Match("r", "text", 0, 8, "Euronest", "Euronest met.")]


def test_new_file_gets_the_latest_schema_and_reopening_is_a_no_op(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    Store(path).close()
    Store(path).close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"articles", "articles_fts", "alerts", "crawls"} <= tables
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_alert_is_queued_once_per_article_rule_and_channel(tmp_path: Path) -> None:
    with Store(tmp_path / "a.db") as store:
        article = Article("https://e.org/1", "T", "Euronest met.", source="s")
        assert store.save_article(article, M, {"r": ["a", "b"]}, now="t1").alerts_queued == 2
        assert store.save_article(article, M, {"r": ["a", "b"]}, now="t2").status == "unchanged"
        edited = Article("https://e.org/1", "T (updated)", "Euronest met again.", source="s")
        result = store.save_article(edited, M, {"r": ["a", "b"]}, now="t3")
        assert (result.status, result.alerts_queued) == ("updated", 0)
        assert store.conn.execute("SELECT count(*) FROM alerts").fetchone()[0] == 2
        uids = {r[0] for r in store.conn.execute("SELECT uid FROM alerts")}
        assert len(uids) == 2


def test_every_match_is_recorded_whether_it_alerts_or_not_and_an_edit_keeps_the_old_ones(
    tmp_path: Path,
) -> None:
    """`matches` is what a researcher counts: a rule without channels, a story too old to
    alert, all recorded once per place; an edited article's present matches are its new
    ones, and what its replaced text matched stays, as that version's."""
    two = [
        Match("quiet", "title", 0, 8, "Euronest", "Euronest meets"),
        Match("quiet", "text", 4, 12, "Euronest", "The Euronest met."),
    ]

    def recorded(store: Store, *, version: str = "IS NULL") -> list[tuple[str, str, int, int, str]]:
        return store.conn.execute(
            "SELECT a.url, m.rule, m.char_start, m.char_end, m.sentence FROM matches m"
            f" JOIN articles a ON a.id = m.article_id WHERE m.version_id {version}"
            " ORDER BY a.url, m.field, m.char_start"
        ).fetchall()

    with Store(tmp_path / "a.db") as store:
        first = Article("https://e.org/1", "Euronest meets", "The Euronest met.", source="s")
        old = Article("https://e.org/2", "Old", "Euronest met in 2019.", source="s")
        assert store.save_article(first, two, {"quiet": []}, now="t1").alerts_queued == 0
        assert store.save_article(old, M, {"r": ["a"]}, now="t1", alert=False).alerts_queued == 0
        store.save_article(first, two, {"quiet": []}, now="t2")  # unchanged: nothing doubles
        assert recorded(store) == [
            ("https://e.org/1", "quiet", 4, 12, "The Euronest met."),
            ("https://e.org/1", "quiet", 0, 8, "Euronest meets"),
            ("https://e.org/2", "r", 0, 8, "Euronest met."),
        ]
        assert store.conn.execute("SELECT count(*) FROM alerts").fetchone()[0] == 0
        edited = Article("https://e.org/1", "Talks", "Nothing of the kind.", source="s")
        assert store.save_article(edited, [], {"quiet": []}, now="t3").status == "updated"
        assert recorded(store) == [("https://e.org/2", "r", 0, 8, "Euronest met.")]
        assert recorded(store, version="= 1") == [
            ("https://e.org/1", "quiet", 4, 12, "The Euronest met."),
            ("https://e.org/1", "quiet", 0, 8, "Euronest meets"),
        ]
        (version_text,) = store.conn.execute(
            "SELECT text FROM article_versions WHERE id = 1"
        ).fetchone()
        assert version_text == "The Euronest met."
        # a backtest's --record replaces a rule's present matches, not an old version's
        store.replace_rule_matches("quiet", ["https://e.org/1"], {}, now="t4")
        assert len(recorded(store, version="= 1")) == 2


def test_fts_follows_inserts_and_updates(tmp_path: Path) -> None:
    with Store(tmp_path / "a.db") as store:
        store.save_article(
            Article("https://e.org/1", "T", "Euronest met in Baku.", source="s"), [], {}, now="t"
        )
        store.save_article(
            Article("https://e.org/1", "T", "The assembly met in Tbilisi.", source="s"),
            [],
            {},
            now="t",
        )

        def hits(q: str) -> int:
            return store.conn.execute(
                "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", (q,)
            ).fetchone()[0]

        assert (hits("Tbilisi"), hits("Baku")) == (1, 0)


def test_a_failed_transaction_leaves_nothing_half_written(tmp_path: Path) -> None:
    with Store(tmp_path / "a.db") as store:
        article = Article("https://e.org/1", "T", "Euronest met.", source="s")
        bad = [Match("r", "text", 0, 8, "Euronest", "x")]
        try:
            with store.transaction():
                store.conn.execute(
                    "INSERT INTO articles (url, source, text, fetched_at) VALUES ('u', 's', 't', 'f')"
                )
                raise RuntimeError("crash mid-write")
        except RuntimeError:
            pass
        assert store.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
        store.save_article(article, bad, {"r": ["c"]}, now="t")
        assert store.counts() == {"articles": 1, "alerts_pending": 1}


def test_an_old_file_is_upgraded_in_place_keeping_its_data(tmp_path: Path) -> None:
    """A file written at schema version 1 gains the later tables when a newer version opens it."""
    import sqlite_utils

    from monitor.archive import _m1_initial

    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    _m1_initial(db)
    db.execute("PRAGMA user_version = 1")
    db.table("articles").insert(
        {"url": "https://e.org/1", "source": "s", "text": "Euronest", "fetched_at": "t"}
    )
    db.close()
    with Store(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert store.known_url("https://e.org/1")
        store.save_article(
            Article("https://e.org/2", "T", "x", source="s", aliases=("https://e.org/old-2",)),
            [],
            {},
            now="t",
        )
        assert store.known_url("https://e.org/old-2")
        # the full-text index was rebuilt with the lead: old rows and new ones are found
        store.save_article(
            Article("https://e.org/3", "T", "Body text.", source="s", lead="Kobakhidze spoke."),
            [],
            {},
            now="t",
        )
        found = store.conn.execute(
            "SELECT a.url FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
            " WHERE articles_fts MATCH ? ORDER BY a.url",
            ("euronest OR kobakhidze",),
        ).fetchall()
        assert found == [("https://e.org/1",), ("https://e.org/3",)]
        lead = store.conn.execute("SELECT lead FROM articles WHERE url = 'https://e.org/3'")
        assert lead.fetchone() == ("Kobakhidze spoke.",)
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_processes_opening_a_new_archive_at_once_migrate_it_once(tmp_path: Path) -> None:
    """A crawl and `monitor deliver` may open a new file at the same moment: each migration
    step runs once, the others wait for it and find it done."""
    import threading

    path = tmp_path / "new.db"
    start = threading.Barrier(6)
    errors: list[BaseException] = []

    def open_store() -> None:
        start.wait()
        try:
            with Store(path) as store:
                store.known_url("https://e.org/1")
        except BaseException as exc:  # collected for the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=open_store) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with Store(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)


def test_an_archive_from_a_newer_version_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    with Store(path) as store:
        store.save_article(Article("https://e.org/1", "T", "Text", source="s"), [], {}, now="t")
        store.conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    with pytest.raises(StorageError, match="newer media-monitor"):
        Store(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS) + 1
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    conn.close()


def archive_texts(path: Path, texts: dict[str, str]) -> None:
    """An archive of these articles (url -> text), each titled "T", from source "s"."""
    with Store(path) as store:
        for url, text in texts.items():
            store.save_article(Article(url, "T", text, source="s"), [], {}, now="t")


def test_search_reads_turkic_polish_and_russian_letters_as_other_spellings(tmp_path: Path) -> None:
    """ "Ismayilova" finds "İsmayılova", "Eliyev" "Əliyev", "Lodz" "Łódź", "Пугачева"
    "Пугачёва" (and the other way round); snippets and the text keep the article's letters; an
    edit and a delete keep the index in step."""
    from monitor.readonly import HIT_END, HIT_START, search

    path = tmp_path / "a.db"
    texts = {
        "https://e.org/az": "Jurnalist Xədicə İsmayılova və İlham Əliyev haqqında yazıb.",
        "https://e.org/pl": "Konferencja w Łódź zakończyła się wczoraj wieczorem.",
        "https://e.org/ru": "Алла Пугачёва дала интервью в Баку.",
    }
    archive_texts(path, texts)

    def found(query: str) -> list[tuple[str, str]]:
        return [(hit.url, hit.snippet) for hit in search(path, query)]

    [(url, snippet)] = found("Ismayilova")
    assert url == "https://e.org/az"
    assert snippet.replace(HIT_START, "[").replace(HIT_END, "]") == (
        "Jurnalist Xədicə [İsmayılova] və İlham Əliyev haqqında yazıb."
    )
    assert [u for u, _ in found("İsmayılova")] == ["https://e.org/az"]
    assert [u for u, _ in found('"Eliyev haqqinda"')] == ["https://e.org/az"]
    assert [u for u, _ in found("Lodz")] == ["https://e.org/pl"]
    assert "Łódź" in found("Lodz")[0][1]
    assert [u for u, _ in found("Пугачева")] == ["https://e.org/ru"]
    with Store(path) as store:
        store.save_article(
            Article("https://e.org/az", "T", "Başqa mövzu: Bakıda hava.", source="s"),
            [],
            {},
            now="t2",
        )
        store.conn.execute("DELETE FROM articles WHERE url = 'https://e.org/pl'")
        store.conn.commit()
        # raises when the index and the folded view it reads disagree
        for index in ("articles_fts", "article_versions_fts"):
            store.conn.execute(f"INSERT INTO {index} ({index}, rank) VALUES ('integrity-check', 1)")
    # the edit took the name out: found only in the text it replaced, and said so
    assert [(h.url, h.replaced_at) for h in search(path, "Ismayilova")] == [
        ("https://e.org/az", "t2")
    ]
    assert found("Lodz") == []
    assert [u for u, _ in found("Bakida")] == ["https://e.org/az"]


def test_search_finds_a_russian_word_in_its_case_forms_as_rules_do(tmp_path: Path) -> None:
    """`Азербайджан` finds `Азербайджане` and `Москва` `Москву`, not the derived
    `азербайджанский`; in a phrase or after NEAR a word is searched as written."""
    from monitor.readonly import search

    path = tmp_path / "a.db"
    texts = {
        "https://e.org/in": "Переговоры в Азербайджане и визит в Москву.",
        "https://e.org/adj": "Азербайджанский газ и москвичи.",
        "https://e.org/market": "Цены на рынке выросли.",
        "https://e.org/ka": "საქართველოში არჩევნები ჩატარდა.",
    }
    archive_texts(path, texts)

    def found(query: str) -> list[str]:
        return sorted(hit.url for hit in search(path, query))

    assert found("Азербайджан") == ["https://e.org/in"]
    assert found("Москва AND Азербайджан") == ["https://e.org/in"]
    assert found("Москва -переговоры") == []
    assert found('"в Азербайджане"') == ["https://e.org/in"]
    assert found("азербайджан*") == ["https://e.org/adj", "https://e.org/in"]
    assert found("Азербайджан NEAR/3 Переговоры") == []  # NEAR: as written
    assert found("рынок") == ["https://e.org/market"]  # without its fleeting vowel
    assert found("საქართველო") == ["https://e.org/ka"]  # Georgian's too


def test_search_finds_a_name_and_its_number_joined_or_apart_as_rules_do(tmp_path: Path) -> None:
    """COP29, COP 29 and COP-29 find each other; a phrase around them, a field, a prefix and
    NEAR keep the spelling given."""
    from monitor.readonly import search

    path = tmp_path / "a.db"
    texts = {
        "https://e.org/joined": "Delegates arrived in Baku for COP29 on Monday.",
        "https://e.org/apart": "The COP 29 summit opened with a pledge.",
        "https://e.org/hyphen": "At COP-29, talks on finance stalled in Baku.",
        "https://e.org/covid": "Cases of Covid19 fell.",
    }
    archive_texts(path, texts)

    def found(query: str) -> list[str]:
        return sorted(hit.url.rpartition("/")[2] for hit in search(path, query))

    every = ["apart", "hyphen", "joined"]
    assert found("COP29") == found('"COP 29"') == found("COP-29") == every
    assert found("Covid-19") == ["covid"]
    assert found("COP29 AND Baku") == ["hyphen", "joined"]
    assert found('"for COP29"') == ["joined"]  # in a longer phrase: as written
    assert found("COP29 NEAR/3 Baku") == ["joined"]


def test_a_stopped_crawl_that_recorded_itself_says_how_it_ended(tmp_path: Path) -> None:
    """SIGTERM lets a crawl over its time limit close cleanly and record its pass; the
    daemon's timeout then marks that row, instead of a second one beside an "ok"."""
    row = {
        "source": "s",
        "started_at": "2026-11-29T10:00:00+00:00",
        "finished_at": "2026-11-29T10:30:00+00:00",
        "requests": 0,
        "pages": 0,
        "new_articles": 0,
        "alerts_queued": 0,
        "dropped": "{}",
        "errors": '{"crawl: timeout": 1}',
        "outcome": "timeout (stopped after 1800s)",
    }
    with Store(tmp_path / "a.db") as store:
        store.record_crawl_failure(row)  # the crawl recorded nothing: a row of its own
        store.record_crawl(
            {**row, "started_at": "2026-11-29T11:00:01+00:00", "requests": 7, "pages": 5,
             "errors": '{"feed: HTTP 503": 1}', "outcome": "partial"}
        )  # fmt: skip
        store.record_crawl_failure({**row, "started_at": "2026-11-29T11:00:00+00:00"})
        rows = store.conn.execute(
            "SELECT started_at, pages, errors, outcome FROM crawls ORDER BY id"
        ).fetchall()
    assert rows == [
        ("2026-11-29T10:00:00+00:00", 0, '{"crawl: timeout": 1}', "timeout (stopped after 1800s)"),
        (
            "2026-11-29T11:00:01+00:00",
            5,
            '{"feed: HTTP 503": 1, "crawl: timeout": 1}',
            "timeout (stopped after 1800s)",
        ),
    ]


def _undo_schema_16(conn: sqlite3.Connection) -> None:
    """The alerts table as schema 15 had it: unique per address, rule, channel and kind."""
    conn.execute("DROP INDEX idx_alerts_url_rule_channel_kind_takedown")
    conn.execute("ALTER TABLE alerts DROP COLUMN takedown_id")
    conn.execute(
        "CREATE UNIQUE INDEX idx_alerts_url_rule_channel_kind"
        " ON alerts (url, rule, channel, coalesce(kind, ''))"
    )


def _taken_down(store: Store, *, since: str, now: str, status: int = 410) -> tuple[int, int]:
    store.record_gone(
        {"https://e.org/1": status},
        now=since,
        confirm_after=timedelta(minutes=30),
        removals={"r"},
        channels_by_rule={"r": ["a"]},
    )
    return store.record_gone(
        {"https://e.org/1": status},
        now=now,
        confirm_after=timedelta(minutes=30),
        removals={"r"},
        channels_by_rule={"r": ["a"]},
    )


def test_alerts_of_a_takedown_queued_before_schema_16_stay_those_of_the_first(
    tmp_path: Path,
) -> None:
    """An archive of schema 15 whose story was taken down and alerted: its alert is the first
    takedown's, not queued again when reopened, and a second takedown after the story came
    back alerts anew, with an id of its own."""
    path = tmp_path / "a.db"
    article = Article("https://e.org/1", "T", "Euronest met.", source="s")
    with Store(path) as store:
        store.save_article(article, M, {"r": ["a"]}, now="2026-10-30T00:00:00+00:00")
        taken = _taken_down(
            store, since="2026-11-01T00:00:00+00:00", now="2026-11-01T01:00:00+00:00"
        )
        assert taken == (1, 1)
        _undo_schema_16(store.conn)
        store.conn.execute("PRAGMA user_version = 15")
    with Store(path) as store:
        rows = store.conn.execute("SELECT kind, takedown_id FROM alerts ORDER BY id").fetchall()
        assert rows == [(None, None), ("taken_down", 1)]
        first_uid = store.conn.execute(
            "SELECT uid FROM alerts WHERE kind = 'taken_down'"
        ).fetchone()[0]
        # confirmed again at a later read: the same takedown, not alerted twice
        assert _taken_down(
            store, since="2026-11-01T00:00:00+00:00", now="2026-11-02T00:00:00+00:00"
        ) == (0, 0)
        store.mark_checked(
            ["https://e.org/1"],
            now="2026-11-03T00:00:00+00:00",
            there=True,
            channels_by_rule={"r": ["a"]},
        )
        assert _taken_down(
            store, since="2026-11-04T00:00:00+00:00", now="2026-11-04T01:00:00+00:00", status=404
        ) == (1, 1)
        alerts = store.conn.execute(
            "SELECT kind, takedown_id, uid FROM alerts ORDER BY id"
        ).fetchall()
        assert [(kind, tid) for kind, tid, _ in alerts] == [
            (None, None),
            ("taken_down", 1),
            ("back", 1),
            ("taken_down", 2),
        ]
        assert alerts[1][2] == first_uid and len({uid for *_, uid in alerts}) == 4
        told = [(a.taken_down, a.back) for a in store.alerts(status="pending")]
        assert told == [(None, None), (410, None), (None, 410), (404, None)]  # each its own


def test_a_takedown_confirmed_before_schema_15_is_on_the_record(tmp_path: Path) -> None:
    """An archive of schema 14 with a story taken down gains the takedowns table with that
    takedown in it, and the story's coming back is recorded there."""
    path = tmp_path / "a.db"
    with Store(path) as store:
        store.save_article(
            Article("https://e.org/1", "T", "Euronest met.", source="s"),
            [],
            {},
            now="2026-10-30T00:00:00+00:00",
        )
        store.conn.execute(
            "UPDATE articles SET gone_since = '2026-11-01T00:00:00+00:00', gone_status = 410,"
            " taken_down_at = '2026-11-01T01:00:00+00:00'"
        )
        _undo_schema_16(store.conn)
        store.conn.execute("DROP TABLE takedowns")
        store.conn.execute("PRAGMA user_version = 14")
    with Store(path) as store:
        rows = store.conn.execute("SELECT status, taken_down_at, back_at FROM takedowns").fetchall()
        assert rows == [(410, "2026-11-01T01:00:00+00:00", None)]
        store.mark_checked(["https://e.org/1"], now="2026-11-02T00:00:00+00:00")  # says nothing
        read = store.conn.execute("SELECT checked_at, taken_down_at FROM articles").fetchone()
        assert read == ("2026-11-02T00:00:00+00:00", "2026-11-01T01:00:00+00:00")
        store.mark_checked(["https://e.org/1"], now="2026-11-03T00:00:00+00:00", there=True)
        back = store.conn.execute("SELECT back_at FROM takedowns").fetchone()[0]
        assert back == "2026-11-03T00:00:00+00:00"
        assert store.conn.execute("SELECT taken_down_at FROM articles").fetchone()[0] is None


def test_a_story_its_site_gives_at_another_address_is_not_taken_down(tmp_path: Path) -> None:
    """A site that moves a story without a redirect (a slug rewritten) or retires one of two
    addresses of it answers 404 at the old one while giving the story at the other: that
    address is on record as gone, and no one is told of a takedown. Once the other address
    is gone too, the story is taken down, and told once."""
    text = (
        "Delegates of the Euronest Parliamentary Assembly met in Yerevan on Thursday for their"
        " first full session in two years, with members of the European Parliament and of the"
        " parliaments of Armenia, Georgia, Moldova and Ukraine, and adopted a resolution."
    )
    channels = {"r": ["a"]}
    config = SimpleNamespace(database=tmp_path / "a.db")
    now = datetime(2026, 11, 10, tzinfo=UTC)
    with Store(tmp_path / "a.db") as store:
        old = Article("https://e.org/news/euronest-meets", "T", text, source="s")
        store.save_article(old, M, channels, now="2026-11-01T00:00:00+00:00")
        moved = Article("https://e.org/news/euronest-meets-in-yerevan", "T", text, source="s")
        store.save_article(moved, M, channels, now="2026-11-02T00:00:00+00:00")
        elsewhere = Article("https://wire.example/euronest", "T", text, source="wire")
        store.save_article(elsewhere, M, channels, now="2026-11-02T00:00:00+00:00")

        def gone(url: str, day: int) -> tuple[int, int]:
            for hour in (0, 1):
                done = store.record_gone(
                    {url: 404},
                    now=f"2026-11-{day:02d}T0{hour}:00:00+00:00",
                    confirm_after=timedelta(minutes=30),
                    removals={"r"},
                    channels_by_rule=channels,
                )
            return done

        # the address is gone (on record), the story is not: no one is told, and `monitor
        # status` counts no story taken down
        assert gone("https://e.org/news/euronest-meets", 3) == (1, 0)
        assert taken_down_lately(config, now=now) == {}
        # a copy on another source is no address of this site: the site's own going is news
        assert gone("https://e.org/news/euronest-meets-in-yerevan", 4) == (1, 1)
        kinds = store.conn.execute("SELECT url, kind FROM alerts WHERE kind IS NOT NULL").fetchall()
        assert kinds == [("https://e.org/news/euronest-meets-in-yerevan", "taken_down")]
        assert taken_down_lately(config, now=now) == {"s": 2}  # its addresses, both gone


def test_a_story_taken_down_and_given_again_at_another_address_is_told_back_once(
    tmp_path: Path,
) -> None:
    """Those told a story was taken down are told it is back when its site gives it again at
    another address (republished under a new one): the alert's address is the new one. Its
    old address coming back later tells no one twice."""
    text = (
        "Delegates of the Euronest Parliamentary Assembly met in Yerevan on Thursday for their"
        " first full session in two years, with members of the European Parliament and of the"
        " parliaments of Armenia, Georgia, Moldova and Ukraine, and adopted a resolution."
    )
    channels = {"r": ["a"]}
    first = "https://e.org/news/euronest-meets"
    with Store(tmp_path / "a.db") as store:
        store.save_article(
            Article(first, "T", text, source="s"), M, channels, now="2026-11-01T00:00:00+00:00"
        )
        for hour in (0, 1):
            store.record_gone(
                {first: 410},
                now=f"2026-11-03T0{hour}:00:00+00:00",
                confirm_after=timedelta(minutes=30),
                removals={"r"},
                channels_by_rule=channels,
            )
        again = Article("https://e.org/news/2026/11/euronest-meets", "T", text, source="s")
        result = store.save_article(again, M, channels, now="2026-11-05T00:00:00+00:00")
        assert result.alerts_queued == 1  # back, not a new story's alert
        told = [(a.url, a.taken_down, a.back) for a in store.alerts(status="pending")]
        assert told == [
            (first, None, None),
            (first, 410, None),
            ("https://e.org/news/2026/11/euronest-meets", None, 410),
        ]
        # its old address back too: the story was told back already
        store.mark_checked(
            [first], now="2026-11-06T00:00:00+00:00", there=True, channels_by_rule=channels
        )
        assert len(store.alerts(status="pending")) == 3
