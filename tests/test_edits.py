"""A stored story is read again when its listing dates an edit after our last read: what the
edit added alerts (once), what it replaced is kept in `article_versions`."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from monitor.demo.receivers import WebhookSink
from monitor.demo.site import NewsSite, Page, SiteServer, load_demo_articles
from monitor.edits import edited_since_read, stamped_alike
from tests.conftest import read_monitor, run_monitor

WATCHED = "Quillfeather"  # a surname none of the demo's stories has
EDIT = f"Late on Tuesday the editor Anar {WATCHED} was detained at the airport, his lawyer said."


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _sitemap(site: NewsSite, base: str, lastmod: dict[str, str]) -> Page:
    urls = "".join(
        f"<url><loc>{base}{NewsSite.path_of(a)}</loc>"
        + (f"<lastmod>{lastmod[a['slug']]}</lastmod>" if a["slug"] in lastmod else "")
        + "</url>"
        for a in site.articles
    )
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    )
    return Page(200, "application/xml; charset=utf-8", body.encode())


def _config(tmp_path: Path, server: SiteServer, hook: WebhookSink, extra: str = "") -> Path:
    path = tmp_path / "monitor.toml"
    path.write_text(
        f'database = "e.db"\n[crawl]\ndownload_delay = 0\ntimeout = 5\n{extra}\n'
        f'[[source]]\nname = "ledger"\nsitemaps = ["{server.url}/sitemap.xml"]\n'
        f'[[rule]]\nname = "detained-editor"\nquery = "{WATCHED}"\n'
        f'[[channel]]\nname = "hook"\ntype = "webhook"\nurl = "{hook.url}"\n'
        'secret_env = "TEST_HOOK_SECRET"\n',
        encoding="utf-8",
    )
    return path


def _age_archive(db: Path, hours: float) -> None:
    """Every stored story first and last read `hours` ago: time passing between passes."""
    then = _iso(datetime.now(UTC) - timedelta(hours=hours))
    with sqlite3.connect(db) as conn:
        conn.execute(
            "UPDATE articles SET fetched_at = ?, updated_at = ?, checked_at = ?", (then,) * 3
        )


def _site() -> tuple[NewsSite, list[dict[str, Any]]]:
    stories = [dict(a, body=list(a["body"])) for a in load_demo_articles()[:5]]
    site = NewsSite(stories)
    site.extra["/robots.txt"] = Page(404, "text/plain", b"not here")
    return site, stories


def test_an_edited_story_is_read_again_alerts_once_and_keeps_its_old_text(
    tmp_path: Path, hook: WebhookSink
) -> None:
    site, stories = _site()
    edited, unchanged, says_304, quiet, gone = stories
    with SiteServer(site) as server:
        config = _config(tmp_path, server, hook)
        site.extra["/sitemap.xml"] = _sitemap(site, server.url, {})
        first = run_monitor("crawl", "--config", str(config))
        assert "5 new" in first.stdout and len(hook.received) == 0, first.stdout
        db = tmp_path / "e.db"
        _age_archive(db, hours=1)
        with sqlite3.connect(db) as conn:
            (old_text,) = conn.execute(
                "SELECT text FROM articles WHERE url LIKE ?", (f"%{edited['slug']}%",)
            ).fetchone()

        # the site edits one story, re-saves three without changing them (one of them on a
        # server that answers a conditional request with 304), removes one; the fifth's
        # lastmod is from before our read
        edited["body"].insert(1, EDIT)
        now = datetime.now(UTC)
        long_ago = _iso(now - timedelta(hours=5))
        lastmod = {
            a["slug"]: _iso(now - timedelta(minutes=10 + i))  # each its own time, as CMSs say
            for i, a in enumerate((edited, unchanged, says_304, gone))
        }
        site.extra["/sitemap.xml"] = _sitemap(
            site, server.url, {**lastmod, quiet["slug"]: long_ago}
        )
        site.extra[NewsSite.path_of(gone)] = Page(404, "text/html", b"<h1>Not found</h1>")
        path_304 = NewsSite.path_of(says_304)
        site.on_request = lambda path: Page(304, "text/html", b"") if path == path_304 else None
        before = dict(site.hits)
        # a dry run lists what the pass would read again, and reads none of it
        dry = json.loads(run_monitor("crawl", "-c", str(config), "--dry-run", "--json").stdout)
        would = {
            w["url"].rsplit("/", 1)[1][:-5]: w["listed"]
            for w in dry["sources"]["ledger"]["would_fetch"]
        }
        assert set(would) == {edited["slug"], unchanged["slug"], says_304["slug"], gone["slug"]}
        assert would[edited["slug"]] == f"edited {lastmod[edited['slug']]}"
        assert dry["dry_run"] is True and dry["delivery"] is None
        assert all(site.hits[p] == before.get(p, 0) for p in map(NewsSite.path_of, stories))
        second = run_monitor("crawl", "--config", str(config))

        fetched = {
            a["slug"]
            for a in stories
            if site.hits[NewsSite.path_of(a)] > before.get(NewsSite.path_of(a), 0)
        }
        assert fetched == {edited["slug"], unchanged["slug"], says_304["slug"], gone["slug"]}
        # each with the time of our last read, so a server that knows says 304
        asked = dict(site.modified_since)
        assert set(asked) == {NewsSite.path_of(a) for a in (edited, unchanged, says_304, gone)}
        assert "1 updated" in second.stdout, second.stdout
        assert "stored stories the site no longer gives (HTTP 404)" in second.stdout
        assert "  failed" not in second.stdout, second.stdout  # a removed story is no error
        assert "(1 already stored, 4 stored read again as edited since)" in second.stdout
        assert len(hook.received) == 1, hook.received
        assert WATCHED in hook.received[0].body.decode()
        assert hook.received[0].payload["data"]["edited"] is True

        with sqlite3.connect(db) as conn:
            conn.row_factory = sqlite3.Row
            rows = {
                r["url"].rsplit("/", 1)[1][:-5]: r
                for r in conn.execute("SELECT * FROM articles").fetchall()
            }
            versions = conn.execute("SELECT * FROM article_versions").fetchall()
            matched = conn.execute("SELECT article_id, matched FROM matches").fetchall()
            verdicts = conn.execute("SELECT count(*) FROM page_verdicts").fetchone()[0]
        assert len(rows) == 5  # the removed story stays in the archive, as it was
        assert WATCHED in rows[edited["slug"]]["text"]
        assert [(v["article_id"], v["text"]) for v in versions] == [
            (rows[edited["slug"]]["id"], old_text)
        ]
        assert versions[0]["replaced_at"] > versions[0]["stored_at"]
        # first read stays the first read; every story read this pass is marked read now
        assert rows[edited["slug"]]["fetched_at"] < rows[edited["slug"]]["checked_at"]
        for slug in (unchanged["slug"], says_304["slug"], gone["slug"]):
            assert rows[slug]["checked_at"] > rows[slug]["fetched_at"], slug
        assert rows[quiet["slug"]]["checked_at"] == rows[quiet["slug"]]["fetched_at"]
        assert [(m["article_id"], m["matched"]) for m in matched] == [
            (rows[edited["slug"]]["id"], WATCHED)
        ]
        assert verdicts == 0  # a stored story is not judged "not an article" for a 404

        # the next pass: the same lastmods are no edit since our read; nothing is read again,
        # nothing alerted twice
        before = dict(site.hits)
        third = json.loads(run_monitor("crawl", "--config", str(config), "--json").stdout)
        assert all(site.hits[p] == before.get(p, 0) for p in map(NewsSite.path_of, stories))
        figures = third["sources"]["ledger"]
        # the sitemap unchanged since (a 304): no edit to read
        assert (figures["listings_unchanged"], figures["read_again_for_edits"]) == (1, 0), figures
        assert (figures["updated"], figures["new"], third["delivery"]["sent"]) == (0, 0, 0)
        assert len(hook.received) == 1

    # `monitor show` reads it whole, by any address it was found under or its id, with
    # what the edit changed
    url = f"{server.url}{NewsSite.path_of(edited)}"
    shown = read_monitor("show", "--config", str(config), url + "?utm_source=x#top", "--versions")
    assert "edited once since" in shown.stdout and "now matches: detained-editor" in shown.stdout
    assert f"+{EDIT}" in shown.stdout and 'matched detained-editor: "Quillfeather"' in shown.stdout
    assert shown.stdout.rstrip().endswith(rows[edited["slug"]]["text"].rstrip())
    record = json.loads(
        read_monitor("show", "-c", str(config), str(rows[edited["slug"]]["id"]), "--json").stdout
    )
    assert record["url"] == url and [v["text"] for v in record["versions"]] == [old_text]
    assert [a["status"] for a in record["alerts"]] == ["sent"]
    missing = read_monitor("show", "-c", str(config), f"{server.url}/news/none.html", check=False)
    assert missing.returncode == 1 and "no article" in missing.stderr, missing.stderr


@pytest.mark.parametrize(
    ("first_read_hours_ago", "extra", "alike", "read_again"),
    [
        (1, "", False, True),
        (4 * 24, "", False, False),  # older than follow_edits' 3 days
        (4 * 24, 'follow_edits = "7d"', False, True),
        (1, "follow_edits = false", False, False),
        (1, "", True, False),  # every entry one lastmod: the time the sitemap was written
    ],
)
def test_which_stored_stories_are_read_again_for_an_edit(
    tmp_path: Path,
    hook: WebhookSink,
    first_read_hours_ago: float,
    extra: str,
    alike: bool,
    read_again: bool,
) -> None:
    site, stories = _site()
    with SiteServer(site) as server:
        config = _config(tmp_path, server, hook, extra)
        site.extra["/sitemap.xml"] = _sitemap(site, server.url, {})
        run_monitor("crawl", "--config", str(config))
        _age_archive(tmp_path / "e.db", hours=first_read_hours_ago)
        stories[0]["body"].insert(1, EDIT)
        recent = datetime.now(UTC) - timedelta(minutes=10)
        # distinct times (one minute apart), or all one
        lastmod = {
            a["slug"]: _iso(recent - timedelta(minutes=0 if alike else i))
            for i, a in enumerate(stories)
        }
        site.extra["/sitemap.xml"] = _sitemap(site, server.url, lastmod)
        before = site.hits[NewsSite.path_of(stories[0])]
        done = run_monitor("crawl", "--config", str(config))
    assert (site.hits[NewsSite.path_of(stories[0])] > before) is read_again
    assert (len(hook.received) == 1) is read_again, done.stdout


def test_edit_times_are_read_for_what_they_can_say() -> None:
    now = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
    read = "2026-11-29T06:00:00+00:00"
    first = "2026-11-28T20:00:00+00:00"  # 16 hours before the pass: read again 4 after a read

    def edited(
        modified: str | None,
        *,
        window: int = 3 * 86400,
        before: datetime = now,
        last: str = read,
    ) -> bool:
        return edited_since_read(modified, first, last, window=window, before=before)

    assert edited("2026-11-29T10:00:00Z")
    assert edited("2026-11-29T14:00:00+03:00")  # 11:00 UTC
    assert not edited("2026-11-29T06:01:00Z")  # within our clock's margin of the read
    assert not edited("2026-11-29T05:00:00Z")  # before the read
    assert not edited("2026-11-29T12:00:00Z")  # from the pass's start on: written on request
    assert not edited("2026-11-29")  # the day we read it: no later edit said
    assert not edited("Tuesday") and not edited(None) and not edited("")
    assert not edited("2026-11-29T10:00:00Z", window=0)
    assert not edited("2026-11-29T10:00:00Z", window=3600)  # first read 16 hours ago
    # read 3 hours ago, at 16 hours old: not yet again (a site dating every page anew each
    # pass costs a story a read per quarter of its age, not one a pass)
    assert not edited("2026-11-29T10:00:00Z", last="2026-11-29T09:00:00+00:00")
    assert edited("2026-11-29T10:00:00Z", last="2026-11-29T08:00:00+00:00")
    late = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)
    assert edited("2026-11-30", before=late)  # a later day than the read


def test_a_listing_that_dates_most_entries_alike_says_when_it_was_written() -> None:
    one = "2026-11-29T10:00:00Z"
    assert stamped_alike([one, one, one, "2026-11-28T10:00:00Z"])
    assert not stamped_alike([one, one, None, None, None])  # two dated: too few to say
    assert not stamped_alike([one, one, "2026-11-28T10:00:00Z", "2026-11-27T10:00:00Z"])
    assert not stamped_alike([one, "2026-11-28T10:00:00Z", "2026-11-27T10:00:00Z"])
    assert not stamped_alike([None, None, None])


def test_each_edit_keeps_the_text_it_replaced_and_the_first_read_stays(tmp_path: Path) -> None:
    from monitor.archive import Store
    from monitor.models import Article

    url = "https://e.org/news/1.html"

    def version(title: str, text: str, at: str) -> Article:
        return Article(url, title, text, source="s", fetched_at=at)

    with Store(tmp_path / "a.db") as store:
        store.save_article(
            version("Talks", "Talks began.", "2026-11-29T08:00:00+00:00"),
            [],
            {},
            now="2026-11-29T08:00:01+00:00",
        )
        same = store.save_article(
            version("Talks", "Talks began.", "2026-11-29T09:00:00+00:00"),
            [],
            {},
            now="2026-11-29T09:00:01+00:00",
        )
        assert same.status == "unchanged"
        assert store.read_state(url) == ("2026-11-29T08:00:00+00:00", "2026-11-29T09:00:00+00:00")
        for hour, title, text in (
            (10, "Talks end", "Talks ended."),
            (11, "Talks fail", "Talks failed."),
        ):
            at = f"2026-11-29T{hour}:00:00+00:00"
            assert store.save_article(version(title, text, at), [], {}, now=at).status == "updated"
        # a 304 earlier than the last read recorded changes nothing
        store.mark_checked([url], now="2026-11-29T10:30:00+00:00")
        assert store.read_state(url) == ("2026-11-29T08:00:00+00:00", "2026-11-29T11:00:00+00:00")
        store.mark_checked([url, "https://e.org/never-stored"], now="2026-11-29T12:00:00+00:00")
        assert store.read_state(url) == ("2026-11-29T08:00:00+00:00", "2026-11-29T12:00:00+00:00")
        kept = store.conn.execute(
            "SELECT title, text, stored_at, replaced_at FROM article_versions ORDER BY id"
        ).fetchall()
        now = store.conn.execute("SELECT title, text FROM articles").fetchall()
    assert kept == [
        ("Talks", "Talks began.", "2026-11-29T08:00:01+00:00", "2026-11-29T10:00:00+00:00"),
        ("Talks end", "Talks ended.", "2026-11-29T10:00:00+00:00", "2026-11-29T11:00:00+00:00"),
    ]
    assert now == [("Talks fail", "Talks failed.")]
    with Store(tmp_path / "a.db") as store:
        assert store.read_state("https://e.org/never-stored") is None


def test_an_alert_for_an_edit_says_so_and_another_does_not() -> None:
    from alerts.render import digest_text, subject, text_body, webhook_payload
    from monitor.models import Alert

    alert = Alert(
        1, "u1", "detained-editor", "desk", "https://e.org/a", "pending", 0,
        "2026-11-29T10:00:00+00:00", WATCHED, EDIT, "Airport arrest", "ledger", None,
        "2026-11-27", "en",
    )  # fmt: skip
    for edited in (False, True):
        shown = replace(alert, edited=edited)
        assert subject(shown).endswith("(edited)") is edited
        assert ("Edited: since we first read it" in text_body(shown, [])) is edited
        assert ("2026-11-27, edited)" in digest_text([shown])) is edited
        assert webhook_payload(shown, [], timestamp="1")["data"]["edited"] is edited


def test_what_an_edit_took_out_stays_on_record(tmp_path: Path) -> None:
    """An edit that takes the watched name out of a story: the story no longer matches, and
    the archive still says it did, with the sentence, as that version's match."""
    from monitor.archive import Store
    from monitor.models import Article, Match

    url = "https://e.org/news/detained.html"
    before = f"Police detained the editor. {EDIT}"
    with Store(tmp_path / "a.db") as store:
        found = Match("detained-editor", "text", 100, 112, WATCHED, EDIT)
        store.save_article(Article(url, "Arrest", before, source="s"), [found], {}, now="t1")
        after = Article(url, "Arrest", "Police detained an editor.", source="s")
        assert store.save_article(after, [], {}, now="t2").status == "updated"
    config = tmp_path / "monitor.toml"
    config.write_text('database = "a.db"\n', encoding="utf-8")
    shown = read_monitor("show", "-c", str(config), url, "--versions").stdout
    assert "no longer matches: detained-editor" in shown, shown
    assert f"-{before}" in shown and "+Police detained an editor." in shown
    assert "matched detained-editor" not in shown  # not the present text's
    record = json.loads(read_monitor("show", "-c", str(config), url, "--json").stdout)
    assert record["matches"] == [] and record["versions"][0]["rules"] == ["detained-editor"]
    with sqlite3.connect(tmp_path / "a.db") as conn:
        kept = conn.execute(
            "SELECT m.matched, m.sentence FROM matches m JOIN article_versions v"
            " ON v.id = m.version_id WHERE v.article_id = m.article_id"
        ).fetchall()
    assert kept == [(WATCHED, EDIT)]
    # search finds the story by the words the edit took out, and says so; by words it still
    # has, once
    found = read_monitor("search", "-c", str(config), WATCHED).stdout
    assert url in found and "only in its text before an edit (replaced t2" in found, found
    hits = json.loads(read_monitor("search", "-c", str(config), "detained", "--json").stdout)
    assert [(h["url"], h["edited_out_at"]) for h in hits] == [(url, None)]
    hits = json.loads(read_monitor("search", "-c", str(config), "airport", "--json").stdout)
    assert [(h["url"], h["edited_out_at"]) for h in hits] == [(url, "t2")]
    assert "[airport]" in hits[0]["snippet"]


@pytest.mark.parametrize("edit_listed_first", [False, True])
def test_a_story_listed_twice_is_read_again_if_either_listing_dates_an_edit(
    tmp_path: Path, edit_listed_first: bool
) -> None:
    """Its feed gives no edit time (RSS's pubDate alone), its sitemap one: in whichever order
    the two are read, the story is read again, once."""
    from monitor.archive import Store
    from monitor.config import load_config
    from monitor.models import Article
    from spiders.news import NewsSpider

    config = tmp_path / "monitor.toml"
    config.write_text(
        'database = "a.db"\n[[source]]\nname = "s"\nfeeds = ["https://e.org/rss.xml"]\n',
        encoding="utf-8",
    )
    url = "https://e.org/news/story.html"
    hour_ago = _iso(datetime.now(UTC) - timedelta(hours=1))
    with Store(tmp_path / "a.db") as store:
        store.save_article(
            Article(url, "T", "Text.", source="s", fetched_at=hour_ago), [], {}, now=hour_ago
        )
    spider = NewsSpider("s", load_config(config), dry_run=True)
    edited = _iso(datetime.now(UTC) - timedelta(minutes=10))
    listings = [None, edited, None] if not edit_listed_first else [edited, None, edited]
    for edit_time in listings:
        assert list(spider.article(url, edited=edit_time)) == []  # a dry run: listed, not read
    stats = spider.crawl_stats
    assert stats.would_fetch == [(url, f"edited {edited}")]
    assert (stats.revisited, stats.skipped_known, stats.discovered) == (1, 0, 1)
    spider.store.close()


def test_a_rule_with_alert_removals_alerts_once_when_an_edit_takes_its_match_out(
    tmp_path: Path, hook: WebhookSink
) -> None:
    """A site edits the detained editor's name out of its story: the rule that asked for it
    alerts (the webhook's data.removed, the sentence as it was), once; another rule, and the
    story's later edits, alert no one."""
    site, stories = _site()
    story = stories[0]
    story["body"].insert(1, EDIT)
    with SiteServer(site) as server:
        config = _config(tmp_path, server, hook)
        text = config.read_text(encoding="utf-8")
        config.write_text(
            text.replace(
                'query = "Quillfeather"\n', 'query = "Quillfeather"\nalert_removals = true\n'
            )
            + '[[rule]]\nname = "quiet"\nquery = "Quillfeather"\n',
            encoding="utf-8",
        )
        assert (
            "alerts too when an edit takes out" in read_monitor("check", "-c", str(config)).stdout
        )
        site.extra["/sitemap.xml"] = _sitemap(site, server.url, {})
        run_monitor("crawl", "--config", str(config))
        assert {h.payload["data"]["rule"] for h in hook.received} == {"detained-editor", "quiet"}
        assert not any(h.payload["data"]["removed"] for h in hook.received)
        sent = len(hook.received)

        for minutes in (10, 5):  # the name taken out; then another edit, still without it
            _age_archive(tmp_path / "e.db", hours=1)
            story["body"][1] = f"Late on Tuesday an editor was detained ({minutes})."
            now = datetime.now(UTC)
            lastmod = {a["slug"]: _iso(now - timedelta(hours=3 + i)) for i, a in enumerate(stories)}
            lastmod[story["slug"]] = _iso(now - timedelta(minutes=minutes))
            site.extra["/sitemap.xml"] = _sitemap(site, server.url, lastmod)
            done = run_monitor("crawl", "--config", str(config))
            assert "1 updated" in done.stdout, done.stdout
    removed = hook.received[sent:]
    assert len(removed) == 1, [h.payload for h in removed]
    data = removed[0].payload["data"]
    assert (data["rule"], data["removed"], data["edited"]) == ("detained-editor", True, True)
    assert data["matches"][0]["sentence"] == EDIT
    alerts = json.loads(read_monitor("alerts", "-c", str(config), "--json").stdout)
    assert [a["rule"] for a in alerts if a["removed"]] == ["detained-editor"]
    shown = read_monitor("show", "-c", str(config), data["article"]["url"]).stdout
    assert "detained-editor (taken out by an edit) -> hook: sent" in shown, shown


def test_an_alert_for_what_an_edit_took_out_says_so() -> None:
    from alerts.render import digest_text, subject, text_body, webhook_payload
    from monitor.models import Alert

    alert = Alert(
        1, "u1", "detained-editor", "desk", "https://e.org/a", "pending", 0,
        "2026-11-29T10:00:00+00:00", WATCHED, EDIT, "Airport arrest", "ledger", None,
        "2026-11-27", "en", edited=True, removed=True,
    )  # fmt: skip
    assert subject(alert).endswith("(taken out by an edit)")
    assert "what the rule matched is no longer in the story" in text_body(alert, [])
    assert "2026-11-27, taken out by an edit)" in digest_text([alert])
    assert webhook_payload(alert, [], timestamp="1")["data"]["removed"] is True


def test_what_an_edit_took_out_and_what_it_added_go_in_separate_emails(
    tmp_path: Path, smtp: Any
) -> None:
    """One email per article and channel gathers its rules' alerts; a rule's match taken
    out by the edit and another's added by it are told apart, each in a message of its own."""
    from alerts.channels import EmailSender
    from alerts.delivery import deliver_pending
    from monitor.archive import Store
    from monitor.config import EmailChannel
    from monitor.models import Article, Match

    url = "https://e.org/news/1.html"
    desk = {"editor": ["desk"], "court": ["desk"]}
    with Store(tmp_path / "a.db") as store:
        held = Match("editor", "text", 0, 4, "Anar", "Anar was held.")
        store.save_article(
            Article(url, "Held", "Anar was held.", source="s"), [held], desk, now="t1"
        )
        sender = EmailSender(EmailChannel("desk", smtp.url, "m@t.invalid", ("d@t.invalid",)))
        assert deliver_pending(store, {"desk": sender}).sent == 1
        court = Match("court", "text", 19, 24, "court", "Someone was held by the court.")
        edited = Article(url, "Held", "Someone was held by the court.", source="s")
        store.save_article(edited, [court], desk, now="t2", removals={"editor"})
        assert deliver_pending(store, {"desk": sender}).sent == 2
    subjects = sorted(m.message["Subject"] for m in smtp.messages[1:])
    assert subjects == [
        "[monitor] court: Held (edited)",
        "[monitor] editor: Held (taken out by an edit)",
    ]
