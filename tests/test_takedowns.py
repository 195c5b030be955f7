"""A stored story its site takes down (404, 410, 451 when read again, twice a while apart)
is recorded as taken down, kept as it was, and the rules that ask (alert_removals) alert once;
a passing error is no takedown."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from monitor.demo.receivers import WebhookSink
from monitor.demo.site import NewsSite, Page, SiteServer
from tests.conftest import read_monitor, run_monitor
from tests.test_edits import EDIT, WATCHED, _age_archive, _iso, _sitemap
from tests.test_rereads import _site


def _crawled(tmp_path: Path, site: NewsSite, server: SiteServer, hook: WebhookSink) -> Path:
    """The config, after a first pass that stored the site's stories."""
    path = tmp_path / "monitor.toml"
    path.write_text(
        'database = "t.db"\n[crawl]\ndownload_delay = 0\ntimeout = 5\nreread = "1h"\n'
        f'[[source]]\nname = "ledger"\nsitemaps = ["{server.url}/sitemap.xml"]\n'
        f'[[rule]]\nname = "detained-editor"\nquery = "{WATCHED}"\nalert_removals = true\n'
        f'[[rule]]\nname = "quiet-watch"\nquery = "{WATCHED} AND editor"\n'
        f'[[channel]]\nname = "hook"\ntype = "webhook"\nurl = "{hook.url}"\n'
        'secret_env = "TEST_HOOK_SECRET"\n',
        encoding="utf-8",
    )
    site.extra["/sitemap.xml"] = _sitemap(site, server.url, {})
    run_monitor("crawl", "--config", str(path))
    return path


def _gone_an_hour_ago(db: Path) -> None:
    """The first 404/410 answer an hour before: time passing between passes."""
    with sqlite3.connect(db) as conn:
        conn.execute(
            "UPDATE articles SET gone_since = ? WHERE gone_since IS NOT NULL",
            (_iso(datetime.now(UTC) - timedelta(hours=1)),),
        )


def _row(db: Path, slug: str) -> dict[str, object]:
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        row = conn.execute("SELECT * FROM articles WHERE url LIKE ?", (f"%{slug}%",)).fetchone()
    return dict(row)


def test_a_story_taken_down_is_recorded_kept_and_alerted_once(
    tmp_path: Path, hook: WebhookSink
) -> None:
    site, stories = _site(count=8)
    watched, passing, sent_home, gone = stories[:4]
    watched["body"].insert(1, EDIT)
    db = tmp_path / "t.db"
    with SiteServer(site) as server:
        config = _crawled(tmp_path, site, server, hook)
        assert len(hook.received) == 2  # each rule's match
        text = _row(db, watched["slug"])["text"]
        _age_archive(db, hours=1.5)

        # the site takes the watched story and another down (410), sends a third's address
        # to its home page; a fourth answers 404 for a while. Four of the eight read again:
        # not most of them, not the site's doing
        site.extra[NewsSite.path_of(watched)] = Page(410, "text/html", b"<h1>Gone</h1>")
        site.extra[NewsSite.path_of(gone)] = Page(410, "text/html", b"<h1>Gone</h1>")
        site.extra[NewsSite.path_of(passing)] = Page(404, "text/html", b"<h1>Oops</h1>")
        home = Page(301, "text/html", b"", (("Location", f"{server.url}/"),))
        site.extra[NewsSite.path_of(sent_home)] = home
        second = run_monitor("crawl", "--config", str(config))
        assert "skipped 2: stored stories the site no longer gives (HTTP 410)" in second.stdout
        assert "skipped 1: stored stories the site now sends to its home page or their section" in (
            second.stdout
        )
        assert "taken down" not in second.stdout and len(hook.received) == 2, second.stdout
        assert "  failed" not in second.stdout  # the home page read is no failure
        assert _row(db, sent_home["slug"])["gone_status"] == 301
        noted = _row(db, watched["slug"])
        assert noted["gone_status"] == 410 and noted["taken_down_at"] is None
        # read again at once, it is not yet called taken down: a while must pass
        before = dict(site.hits)
        soon = json.loads(run_monitor("crawl", "--config", str(config), "--json").stdout)
        assert soon["sources"]["ledger"]["read_again_as_gone"] == 0
        assert site.hits[NewsSite.path_of(watched)] == before[NewsSite.path_of(watched)]

        # an hour on: three still answer so, the fourth is back; the reads that confirm are
        # all of this pass's, yet no mass of the site's
        del site.extra[NewsSite.path_of(passing)]
        _gone_an_hour_ago(db)
        third = run_monitor("crawl", "--config", str(config))
        assert "4 stored read again as gone a while ago" in third.stdout, third.stdout
        assert "taken down 3:" in third.stdout and "1 alert queued" in third.stdout, third.stdout
        assert len(hook.received) == 3
        payload = hook.received[2].payload["data"]
        # only the rule that asks for it; with what the story said
        assert payload["rule"] == "detained-editor" and payload["taken_down"] == 410
        assert payload["matches"][0]["text"] == WATCHED and WATCHED in payload["snippet"]
        taken = _row(db, watched["slug"])
        assert taken["taken_down_at"] and taken["text"] == text  # the archive keeps it
        back = _row(db, passing["slug"])
        assert back["gone_since"] is None and back["taken_down_at"] is None

        # nothing read again, nothing alerted twice
        before = dict(site.hits)
        fourth = json.loads(run_monitor("crawl", "--config", str(config), "--json").stdout)
        figures = fourth["sources"]["ledger"]
        assert (figures["read_again_as_gone"], figures["taken_down"]) == (0, 0), figures
        assert all(site.hits[p] == before[p] for p in map(NewsSite.path_of, stories))
        assert len(hook.received) == 3

    shown = read_monitor("show", "-c", str(config), f"{server.url}{NewsSite.path_of(watched)}")
    assert "taken down: its site answers HTTP 410 since" in shown.stdout, shown.stdout
    assert "detained-editor (taken down) -> hook: sent" in shown.stdout, shown.stdout
    moved = read_monitor("show", "-c", str(config), str(_row(db, sent_home["slug"])["id"]))
    assert "its site sends its address to the home page or its section (HTTP 301)" in moved.stdout
    status = read_monitor("status", "-c", str(config)).stdout
    assert "stories their sites took down in the last 30 days: 3 (ledger 3)" in status, status
    figures = json.loads(read_monitor("status", "-c", str(config), "--json").stdout)
    assert figures["taken_down_last_30_days"] == {"ledger": 3}
    # search finds it, marked taken down; a story still up is not
    hits = json.loads(read_monitor("search", "-c", str(config), WATCHED, "--json").stdout)
    assert [h["taken_down_at"] is not None for h in hits] == [True], hits
    others = json.loads(read_monitor("search", "-c", str(config), "mandate", "--json").stdout)
    assert others and all(h["taken_down_at"] is None for h in others), others
    found = read_monitor("search", "-c", str(config), WATCHED).stdout
    assert "taken down by its site (confirmed " in found, found
    listed = read_monitor("alerts", "-c", str(config), "--json")
    kinds = [a["taken_down"] for a in json.loads(listed.stdout)]
    assert sorted(kinds, key=str) == sorted([None, None, 410], key=str), kinds


def test_an_alert_for_a_takedown_says_so() -> None:
    from alerts.render import digest_text, subject, text_body, webhook_payload
    from monitor.models import Alert

    alert = Alert(
        1, "u1", "detained-editor", "desk", "https://e.org/a", "pending", 0,
        "2026-11-29T10:00:00+00:00", WATCHED, EDIT, "Airport arrest", "ledger", None,
        "2026-11-27", "en", edited=True, taken_down=451,
    )  # fmt: skip
    assert subject(alert).endswith("(taken down)")
    assert "its site no longer gives this story: it answers HTTP 451" in text_body(alert, [])
    assert "2026-11-27, taken down)" in digest_text([alert])
    data = webhook_payload(alert, [], timestamp="1")["data"]
    assert (data["taken_down"], data["removed"]) == (451, False)
    moved = replace(alert, taken_down=301)
    assert "it sends its address to the home page or its section (HTTP 301)" in text_body(moved, [])
    soft = replace(alert, taken_down=200)
    assert "it gives its not-found page at the story's address (HTTP 200)" in text_body(soft, [])
    back = replace(alert, taken_down=None, back=410)
    assert subject(back).endswith("(back online)") and "2026-11-27, back online)" in digest_text(
        [back]
    )
    assert "its site gives this story again: it had answered HTTP 410" in text_body(back, [])
    assert webhook_payload(back, [], timestamp="1")["data"]["back"] == 410


def test_stories_gone_all_at_once_are_the_sites_doing_not_takedowns(
    tmp_path: Path, hook: WebhookSink
) -> None:
    site, stories = _site()
    stories[0]["body"].insert(1, EDIT)
    db = tmp_path / "t.db"
    with SiteServer(site) as server:
        config = _crawled(tmp_path, site, server, hook)
        _age_archive(db, hours=1.5)
        # the site moves every story (or sends crawlers away): each answers 404
        for story in stories:
            site.extra[NewsSite.path_of(story)] = Page(404, "text/html", b"<h1>Moved</h1>")
        done = run_monitor("crawl", "--config", str(config))
        assert "skipped 5: stored stories gone all at once" in done.stdout, done.stdout
        with sqlite3.connect(db) as conn:
            noted = conn.execute(
                "SELECT count(*) FROM articles WHERE gone_since IS NOT NULL"
            ).fetchone()[0]
            unread = conn.execute(
                "SELECT count(*) FROM articles WHERE checked_at <= fetched_at"
            ).fetchone()[0]
        assert (noted, unread) == (0, 0)  # none noted; each marked read, not asked again
        again = json.loads(run_monitor("crawl", "--config", str(config), "--json").stdout)
        assert again["sources"]["ledger"]["read_again_at_reread_ages"] == 0
    assert len(hook.received) == 2  # the first pass's, nothing for the 404s


NOT_FOUND = "skipped 1: stored stories whose page is now their site's not-found page (HTTP 200)"


def _folder(story: dict[str, object]) -> str:
    return NewsSite.path_of(story).rpartition("/")[0]


def _soft_404_takes_down(site: NewsSite, db: Path, story: dict[str, object]) -> None:
    """Some hours after the archive's reads, the site answers every address it lacks with its
    not-found page at 200 ("soft 404"), and the story is gone."""
    _age_archive(db, hours=1.5)
    site.not_found_status = 200
    site.articles.remove(story)


def test_a_story_whose_address_now_gives_the_sites_not_found_page_is_taken_down(
    tmp_path: Path, hook: WebhookSink
) -> None:
    site, stories = _site(count=8)
    watched, redesigned = stories[:2]
    watched["body"].insert(1, EDIT)
    db = tmp_path / "t.db"
    with SiteServer(site) as server:
        config = _crawled(tmp_path, site, server, hook)
        # the site gives every address it does not have its not-found page, at 200, and takes
        # the watched story down; another story's page now has no article our extractor reads
        # (a redesign), which is no takedown
        _soft_404_takes_down(site, db, watched)
        site.extra[NewsSite.path_of(redesigned)] = Page(
            200,
            "text/html; charset=utf-8",
            site.frame(redesigned["title"], "<p>Loading</p>").encode(),
        )
        second = run_monitor("crawl", "--config", str(config))
        assert NOT_FOUND in second.stdout and "taken down" not in second.stdout, second.stdout
        noted = _row(db, watched["slug"])
        assert noted["gone_status"] == 200 and noted["taken_down_at"] is None
        assert _row(db, redesigned["slug"])["gone_since"] is None
        # the site asked once per folder what an address it lacks gives
        probes = [p for p in site.hits if "monitor-no-such-page" in p]
        assert len(probes) == len({_folder(watched), _folder(redesigned)}), probes

        _gone_an_hour_ago(db)
        third = run_monitor("crawl", "--config", str(config))
        assert "taken down 1:" in third.stdout and "1 alert queued" in third.stdout, third.stdout
        payload = hook.received[-1].payload["data"]
        assert payload["taken_down"] == 200 and payload["rule"] == "detained-editor"
        assert len(hook.received) == 3
    shown = read_monitor("show", "-c", str(config), str(_row(db, watched["slug"])["id"]))
    assert "its site gives its not-found page at the story's address (HTTP 200)" in shown.stdout
    listed = read_monitor("alerts", "-c", str(config)).stdout
    assert "as its site took it down (it gives its not-found page at the story's" in listed


def test_a_site_that_gives_no_answer_for_the_address_asked_takes_nothing_down(
    tmp_path: Path, hook: WebhookSink
) -> None:
    """A soft-404 site that drops the connection when asked an address it lacks says nothing
    of its not-found page: a stored story whose page now has no article is read as no
    article (as before such pages were told), never noted gone, and the pass goes on."""
    site, stories = _site(count=8)
    watched = stories[0]
    db = tmp_path / "t.db"
    with SiteServer(site) as server:
        config = _crawled(tmp_path, site, server, hook)
        _soft_404_takes_down(site, db, watched)
        site.on_request = lambda path: (
            Page(0, "text/html", b"") if "monitor-no-such-page" in path else None
        )
        second = run_monitor("crawl", "--config", str(config))
        assert NOT_FOUND not in second.stdout and "taken down" not in second.stdout
        assert _row(db, watched["slug"])["gone_since"] is None
        assert any("monitor-no-such-page" in p for p in site.hits), site.hits
        _gone_an_hour_ago(db)
        third = run_monitor("crawl", "--config", str(config))
        assert "taken down" not in third.stdout, third.stdout
    assert _takedowns(db) == []


def test_a_page_like_the_not_found_one_is_no_takedown_where_the_site_answers_404(
    tmp_path: Path, hook: WebhookSink
) -> None:
    """A site that answers 404 for what it lacks says so when a story is gone: a story's
    page at 200 with no article is something else (a notice, a redesign), read again later."""
    site, stories = _site(count=8)
    db = tmp_path / "t.db"
    with SiteServer(site) as server:
        config = _crawled(tmp_path, site, server, hook)
        _age_archive(db, hours=1.5)
        lookalike = Page(200, "text/html; charset=utf-8", site.not_found_page().encode())
        site.extra[NewsSite.path_of(stories[0])] = lookalike
        second = run_monitor("crawl", "--config", str(config))
        assert NOT_FOUND not in second.stdout, second.stdout
        assert _row(db, stories[0]["slug"])["gone_since"] is None
        assert [p for p in site.hits if "monitor-no-such-page" in p]  # asked, answered 404


def test_the_not_found_page_is_told_by_its_words_not_by_phrases() -> None:
    from monitor.not_found import gives_not_found_page, page_words, probe_address

    probe = probe_address("https://e.org/news/2026/11/editor-detained.html?x=1", "abc")
    assert probe == "https://e.org/news/2026/11/monitor-no-such-page-abc.html"
    assert probe_address("https://e.org/story/12345", "abc") == (
        "https://e.org/story/monitor-no-such-page-abc"
    )
    assert probe_address("https://e.org/2026/11/29/editor-freed/", "abc") == (
        "https://e.org/2026/11/29/monitor-no-such-page-abc/"
    )
    frame = "<html><body><nav>Politics Economy</nav><script>var x = 'tracking';</script>{}"
    frame += "<aside>Most read: Baku court jails editor; Tbilisi protests go on; "
    frame += "Georgian parliament passes the budget; Yerevan talks resume</aside></body>"

    story = "https://e.org/news/editor-freed-after-appeal.html"
    lacking = "https://e.org/news/monitor-no-such-page-abc.html"

    def page(main: str) -> Counter[str]:
        return page_words(frame.format(main).encode(), story, lacking)

    title = "Editor freed after appeal"
    # the not-found page at two addresses, each named on it: the same page
    gone = page("<p>No page at /news/editor-freed-after-appeal.html</p>")
    asked = page("<p>No page at /news/monitor-no-such-page-abc.html</p>")
    assert gives_not_found_page(gone, asked, title)
    assert "tracking" not in gone  # scripts are not what a reader sees
    # the same frame around an article, or around a shell that names the story, is another
    article = page("<p>The editor was freed after an appeal court ruling on Friday.</p>")
    assert not gives_not_found_page(article, asked, title)
    shell = page(f"<h1>{title}</h1><p>Loading</p>")
    assert not gives_not_found_page(shell, asked, title)
    # a site that reads the story's id off its folder gives the story at the address asked
    assert not gives_not_found_page(shell, shell, title)
    assert not gives_not_found_page(Counter(), Counter(), None)


def _edited_now(site: NewsSite, server: SiteServer, db: Path, story: dict[str, object]) -> None:
    """The sitemap dates an edit of `story` a minute ago (not the second the next pass may
    start in: an edit time from then on is not the page's), our reads of it some hours back:
    the next pass reads it again."""
    _age_archive(db, hours=3)
    edited = _iso(datetime.now(UTC) - timedelta(minutes=1))
    site.extra["/sitemap.xml"] = _sitemap(site, server.url, {str(story["slug"]): edited})


def _takedowns(db: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT status, gone_since IS NOT NULL, taken_down_at IS NOT NULL, back_at IS NOT NULL"
            " FROM takedowns ORDER BY id"
        ).fetchall()


def test_a_takedown_stays_on_record_when_the_story_is_back(
    tmp_path: Path, hook: WebhookSink
) -> None:
    site, stories = _site(count=8)
    watched = stories[0]
    watched["body"].insert(1, EDIT)
    path = NewsSite.path_of(watched)
    db = tmp_path / "t.db"
    with SiteServer(site) as server:
        config = _crawled(tmp_path, site, server, hook)
        _age_archive(db, hours=1.5)
        site.extra[path] = Page(410, "text/html", b"<h1>Gone</h1>")
        run_monitor("crawl", "--config", str(config))
        _gone_an_hour_ago(db)
        taken = run_monitor("crawl", "--config", str(config))
        assert "taken down 1:" in taken.stdout, taken.stdout
        assert _takedowns(db) == [(410, 1, 1, 0)]
        assert len(hook.received) == 3  # each rule's match, then detained-editor's takedown

        # read again, its address gives a page without the story: still taken down
        site.extra[path] = Page(200, "text/html; charset=utf-8", b"<p>Unavailable.</p>")
        _edited_now(site, server, db, watched)
        nothing = run_monitor("crawl", "--config", str(config))
        assert "1 stored read again as edited since" in nothing.stdout, nothing.stdout
        assert _row(db, str(watched["slug"]))["taken_down_at"] is not None
        assert _takedowns(db) == [(410, 1, 1, 0)] and len(hook.received) == 3

        # then its page gives the story again, edited: back, and the takedown stays on record
        del site.extra[path]
        watched["body"][1] = EDIT.replace("his lawyer", "and freed on Friday, his lawyer")
        _edited_now(site, server, db, watched)
        back = run_monitor("crawl", "--config", str(config))
        assert "1 stored read again as edited since" in back.stdout, back.stdout
        row = _row(db, str(watched["slug"]))
        assert (row["taken_down_at"], row["gone_since"], row["gone_status"]) == (None,) * 3
        assert _takedowns(db) == [(410, 1, 1, 1)]
        # those told of the takedown are told it is back, with what it says now
        assert "1 alert queued" in back.stdout and len(hook.received) == 4, back.stdout
        payload = hook.received[3].payload["data"]
        assert (payload["rule"], payload["back"], payload["taken_down"]) == (
            "detained-editor",
            410,
            None,
        )
        assert "freed on Friday" in payload["snippet"]  # what it says now
        # read again later, still there: nothing more
        _edited_now(site, server, db, watched)
        run_monitor("crawl", "--config", str(config))
        assert len(hook.received) == 4

        # taken down once more, and back once more: news each time, told once each time
        site.extra[path] = Page(404, "text/html", b"<h1>Not found</h1>")
        _edited_now(site, server, db, watched)
        run_monitor("crawl", "--config", str(config))
        _gone_an_hour_ago(db)
        again = run_monitor("crawl", "--config", str(config))
        assert "taken down 1:" in again.stdout, again.stdout
        assert _takedowns(db) == [(410, 1, 1, 1), (404, 1, 1, 0)]
        assert len(hook.received) == 5, [h.payload["data"] for h in hook.received]
        second = hook.received[4]
        assert (second.payload["data"]["taken_down"], second.payload["data"]["back"]) == (404, None)
        assert len({h.headers["webhook-id"] for h in hook.received}) == 5  # each its own
        run_monitor("crawl", "--config", str(config))  # still gone: nothing more
        del site.extra[path]
        _edited_now(site, server, db, watched)
        run_monitor("crawl", "--config", str(config))
        assert _takedowns(db) == [(410, 1, 1, 1), (404, 1, 1, 1)]
        assert len(hook.received) == 6 and hook.received[5].payload["data"]["back"] == 404
    listed = json.loads(read_monitor("alerts", "-c", str(config), "--json").stdout)
    assert sorted(str(a["back"]) for a in listed) == ["404", "410", "None", "None", "None", "None"]
    assert sorted(str(a["taken_down"]) for a in listed)[:2] == ["404", "410"], listed
    text = read_monitor("alerts", "-c", str(config)).stdout
    assert "as its site gives it again (it had answered HTTP 410)" in text, text
    assert "as its site took it down (it answers HTTP 404)" in text, text
    shown = read_monitor("show", "-c", str(config), str(row["id"]))
    assert "was taken down: its site answers HTTP 410 from " in shown.stdout, shown.stdout
    assert "it gave the story again " in shown.stdout
    assert "detained-editor (back online) -> hook: sent" in shown.stdout, shown.stdout
    status = read_monitor("status", "-c", str(config)).stdout
    # stories, each once however often taken down
    assert "took down in the last 30 days: 1 (ledger 1; back online since: 1)" in status, status
    figures = json.loads(read_monitor("status", "-c", str(config), "--json").stdout)
    assert figures["back_online_of_those_taken_down_last_30_days"] == {"ledger": 1}
    record = json.loads(read_monitor("show", "-c", str(config), str(row["id"]), "--json").stdout)
    assert [t["status"] for t in record["takedowns"]] == [410, 404]
    assert all(t["back_at"] for t in record["takedowns"])


@pytest.mark.parametrize(
    ("asked", "ended", "gone"),
    [
        ("https://e.org/news/2026/11/story.html", "https://e.org/", True),  # its home page
        ("https://e.org/news/2026/11/story.html", "https://www.e.org/news/", True),  # section
        ("https://e.org/news/2026/11/story.html", "https://e.org/news", True),
        ("https://e.org/en/story-slug/", "https://e.org/en/", True),
        ("https://e.org/news/story", "https://e.org/news/story/", False),  # a slash added
        ("https://e.org/news/story/", "https://e.org/news/story", False),  # one taken off
        ("https://e.org/news/story", "https://e.org/news/story-updated", False),  # moved
        ("https://e.org/news/story", "https://e.org/news/2026/story", False),
        ("https://e.org/news/story", "https://e.org/?p=12", False),  # a query: a page of its own
        ("https://e.org/news/story", "https://other.org/", False),  # another site
        ("https://e.org/", "https://e.org/", False),
    ],
)
def test_a_redirect_to_the_home_page_or_a_section_above_the_story_is_a_takedown(
    asked: str, ended: str, gone: bool
) -> None:
    from scrapy.http import HtmlResponse, Request

    from spiders.news import sent_home

    request = Request(ended, meta={"redirect_reasons": [301], "redirect_urls": [asked]})
    response = HtmlResponse(ended, body=b"<html></html>", request=request)
    assert (sent_home(response) == 301) is gone


def _one_due(db: Path, story: dict[str, object]) -> None:
    """One story due its reread: one read again, no mass of the site's."""
    with sqlite3.connect(db) as conn:
        then = _iso(datetime.now(UTC) - timedelta(hours=1.5))
        conn.execute(
            "UPDATE articles SET fetched_at = ?, checked_at = ? WHERE url LIKE ?",
            (then, then, f"%{story['slug']}%"),
        )


def test_a_story_gone_while_each_listing_fails_is_not_noted(
    tmp_path: Path, hook: WebhookSink
) -> None:
    """A site that answers 404 to everything this pass (its sitemap too: down, or turning us
    away) says nothing of its stories."""
    site, stories = _site(count=8)
    db = tmp_path / "t.db"
    with SiteServer(site) as server:
        config = _crawled(tmp_path, site, server, hook)
        _one_due(db, stories[0])
        site.on_request = lambda path: Page(404, "text/html", b"<h1>Not here</h1>")
        failing = run_monitor("crawl", "--config", str(config), check=False)
        assert "skipped 1: stored stories gone while each listing of the site failed" in (
            failing.stdout
        ), failing.stdout
        assert _row(db, str(stories[0]["slug"]))["gone_since"] is None
        # the site answers again, the story still 404: noted
        site.on_request = None
        site.extra[NewsSite.path_of(stories[0])] = Page(404, "text/html", b"<h1>Gone</h1>")
        _one_due(db, stories[0])
        answering = run_monitor("crawl", "--config", str(config))
        assert "stored stories the site no longer gives (HTTP 404)" in answering.stdout
        assert _row(db, str(stories[0]["slug"]))["gone_status"] == 404


def test_one_page_at_every_address_is_a_wall_not_a_takedown(
    tmp_path: Path, hook: WebhookSink
) -> None:
    """A site that answers every address, its home page too, with one page at 200 (a consent
    or login wall, a bot challenge) takes nothing down; nor does one that sends a story's
    address to a page on another host."""
    site, stories = _site(count=8)
    db = tmp_path / "t.db"
    with SiteServer(site) as server:
        config = _crawled(tmp_path, site, server, hook)
        _one_due(db, stories[0])
        wall = site.frame("Before you go on", "<p>Tell us you are not a robot.</p>").encode()
        site.on_request = lambda path: Page(200, "text/html; charset=utf-8", wall)
        walled = run_monitor("crawl", "--config", str(config))
        assert "1 stored read again" in walled.stdout, walled.stdout
        assert NOT_FOUND not in walled.stdout, walled.stdout
        assert _row(db, str(stories[0]["slug"]))["gone_since"] is None
        assert site.hits["/"] >= 1  # its home page asked, and found the same
