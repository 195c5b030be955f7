"""`reread`: stored stories read again at set ages after their first read, for sites whose
listings date no edit (an RSS item's pubDate only); what an edit added alerts once."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from monitor.demo.receivers import WebhookSink
from monitor.demo.site import NewsSite, Page, SiteServer, load_demo_articles
from monitor.edits import reread_due
from tests.conftest import read_monitor, run_monitor
from tests.test_edits import EDIT, WATCHED, _age_archive, _config, _iso, _sitemap

HOUR = 3600


def _site(hours_old: float = 1.5, count: int = 5) -> tuple[NewsSite, list[dict[str, Any]]]:
    """The demo's first stories, published `hours_old` ago: a reread age counts from a
    story's publication (an old one is not read again as if new)."""
    stories = [dict(a, body=list(a["body"])) for a in load_demo_articles()[:count]]
    published = datetime.now(UTC) - timedelta(hours=hours_old)
    for i, story in enumerate(stories):
        story["date"] = (published - timedelta(minutes=i)).strftime("%Y-%m-%dT%H:%M:%SZ")
    site = NewsSite(stories)
    site.extra["/robots.txt"] = Page(404, "text/plain", b"not here")
    return site, stories


NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)


def _ago(hours: float) -> str:
    return (NOW - timedelta(hours=hours)).isoformat(timespec="seconds")


@pytest.mark.parametrize(
    ("age", "read_at", "due"),  # hours since its first read; its age at our last read
    [
        (0.5, 0, None),  # younger than the first age
        (1.5, 0, HOUR),  # past 1h, read only when first seen
        (1.5, 1.1, None),  # read since it reached 1h
        (13, 1, 12 * HOUR),  # past 12h since its read at 1h: the latest age reached
        (13, 11.5, None),  # read for a dated edit lately: not again for its age so soon
        (30, 12, None),  # read at 12h, and 2d not reached
        (50, 12, 48 * HOUR),
        (50, 0, 48 * HOUR),  # passes missed: the latest age reached, once
        (97, 12, None),  # past twice the last age: a stopped monitor's backlog is not read
    ],
)
def test_which_stored_stories_are_due_a_reread(age: float, read_at: float, due: int | None) -> None:
    ages = (HOUR, 12 * HOUR, 48 * HOUR)
    assert reread_due(_ago(age), _ago(age - read_at), ages, now=NOW) == due


def test_no_ages_or_unreadable_times_are_no_reread() -> None:
    assert reread_due(_ago(5), _ago(5), (), now=NOW) is None
    assert reread_due("yesterday", _ago(5), (HOUR,), now=NOW) is None


def test_stories_whose_listing_dates_no_edit_are_read_again_at_their_ages(
    tmp_path: Path, hook: WebhookSink
) -> None:
    site, stories = _site()
    edited = stories[0]
    with SiteServer(site) as server:
        config = _config(tmp_path, server, hook, 'reread = ["1h", "1d"]')
        site.extra["/sitemap.xml"] = _sitemap(site, server.url, {})  # no lastmod: no edits said
        first = run_monitor("crawl", "--config", str(config))
        assert "5 new" in first.stdout and not hook.received, first.stdout
        assert "read again" not in first.stdout  # nothing is due in the pass that found them
        _age_archive(tmp_path / "e.db", hours=2)
        edited["body"].insert(1, EDIT)
        # the sitemap now dates the edited story's edit: read once all the same
        site.extra["/sitemap.xml"] = _sitemap(
            site, server.url, {edited["slug"]: _iso(datetime.now(UTC) - timedelta(minutes=5))}
        )
        path_304 = NewsSite.path_of(stories[1])
        site.on_request = lambda path: Page(304, "text/html", b"") if path == path_304 else None
        before = dict(site.hits)
        dry = json.loads(run_monitor("crawl", "-c", str(config), "--dry-run", "--json").stdout)
        would = [w["listed"] for w in dry["sources"]["ledger"]["would_fetch"]]
        assert would == ["read again at 1h old"] * 5, would
        assert all(site.hits[p] == before.get(p, 0) for p in map(NewsSite.path_of, stories))

        second = json.loads(run_monitor("crawl", "--config", str(config), "--json").stdout)
        figures = second["sources"]["ledger"]
        assert figures["read_again_at_reread_ages"] == 5, figures
        assert figures["read_again_for_edits"] == 0, figures
        # each read once (listed too, it is not read twice), with our last read's time
        assert all(site.hits[p] == before[p] + 1 for p in map(NewsSite.path_of, stories))
        assert set(dict(site.modified_since)) == set(map(NewsSite.path_of, stories))
        assert (figures["updated"], figures["new"], figures["already_stored"]) == (1, 0, 5)
        assert len(hook.received) == 1 and WATCHED in hook.received[0].body.decode()
        assert hook.received[0].payload["data"]["edited"] is True
        with sqlite3.connect(tmp_path / "e.db") as conn:
            checked = conn.execute(
                "SELECT count(*) FROM articles WHERE checked_at > fetched_at"
            ).fetchone()[0]
        assert checked == 5  # the 304 and the unchanged pages are marked read too

        # read at 2 hours old: not again until a day old; nothing alerted twice
        before = dict(site.hits)
        third = run_monitor("crawl", "--config", str(config))
        assert all(site.hits[p] == before[p] for p in map(NewsSite.path_of, stories))
        assert "reread" not in third.stdout and len(hook.received) == 1, third.stdout


def test_reread_is_the_users_choice_per_source_and_capped(
    tmp_path: Path, hook: WebhookSink
) -> None:
    """[crawl]'s ages, a source's own over them (none, others), and the cap a pass keeps to;
    four sources of one site, five stories each."""
    site, stories = _site(count=20)
    own = {
        "crawls": "",  # [crawl]'s
        "never": "reread = false",
        "its-own": 'reread = ["30m", "6h"]',
        "capped": "max_articles = 2",  # as many a pass as edits; the rest wait
    }
    sources = ""
    with SiteServer(site) as server:
        for n, (name, extra) in enumerate(own.items()):
            mine = NewsSite(stories[n * 5 : n * 5 + 5])
            site.extra[f"/{name}.xml"] = _sitemap(mine, server.url, {})
            sources += (
                f'[[source]]\nname = "{name}"\nsitemaps = ["{server.url}/{name}.xml"]\n{extra}\n'
            )
        config = tmp_path / "monitor.toml"
        config.write_text(
            'database = "e.db"\n[crawl]\ndownload_delay = 0\ntimeout = 5\nreread = "1h"\n'
            + sources.replace("max_articles = 2", ""),
            encoding="utf-8",
        )
        run_monitor("crawl", "--config", str(config))
        _age_archive(tmp_path / "e.db", hours=1.5)
        config.write_text(
            'database = "e.db"\n[crawl]\ndownload_delay = 0\ntimeout = 5\nreread = "1h"\n'
            + sources,
            encoding="utf-8",
        )
        done = run_monitor("crawl", "--config", str(config)).stdout
    phrase = " stored read again at their reread age"
    said = {
        line.split(":", 1)[0]: line.split(phrase)[0].rsplit(" ", 1)[1]
        for line in done.splitlines()
        if phrase in line
    }
    assert said == {"crawls": "5", "its-own": "5", "capped": "2"}, done  # none of "never"
    assert done.count("skipped 3: stored stories due a reread left for the next pass") == 1, done


def test_check_says_the_reread_ages_and_refuses_bad_ones(tmp_path: Path) -> None:
    path = tmp_path / "monitor.toml"
    base = (
        '[crawl]\nreread = ["2d", "2h", "12h"]\n'
        '[[source]]\nname = "a"\nfeeds = ["https://example.org/rss"]\nreread = false\n'
        '[[source]]\nname = "b"\nfeeds = ["https://example.org/b.xml"]\n'
    )
    path.write_text(base, encoding="utf-8")
    shown = read_monitor("check", "--config", str(path)).stdout
    assert (
        "every stored story is read again at 2h, 12h and 2d old (from its publication, or our first read of it if that is earlier)"
        in shown
    )
    assert "a: " in shown and "no rereads" in shown
    path.write_text(
        base.replace("reread = false", 'reread = ["1h", "soon"]')
        + '[[source]]\nname = "c"\nfeeds = ["https://example.org/c.xml"]\nreread = 3\n',
        encoding="utf-8",
    )
    bad = read_monitor("check", "--config", str(path), check=False)
    assert bad.returncode != 0
    assert "source[0].reread: bad duration 'soon'" in bad.stderr, bad.stderr
    assert "source[2].reread: must be a duration or a list of them" in bad.stderr, bad.stderr
    # a rule that asks for takedowns, and nothing read again at set ages: check says so
    path.write_text(
        '[[source]]\nname = "a"\nfeeds = ["https://example.org/rss"]\n'
        '[[rule]]\nname = "r"\nquery = "Euronest"\nalert_removals = true\n',
        encoding="utf-8",
    )
    said = read_monitor("check", "--config", str(path)).stdout
    assert "takedowns: seen only when a feed or sitemap dates an edit" in said, said
    path.write_text(path.read_text(encoding="utf-8") + '[crawl]\nreread = "1d"\n')
    assert "takedowns: seen only" not in read_monitor("check", "--config", str(path)).stdout


STORY = (
    "The court in Baku extended the detention of four reporters by three months on Tuesday. "
    "Their lawyers said the charges of smuggling were brought to silence the newsroom. "
    "The reporters have been held since last November and deny every charge. "
    "Diplomats from six embassies attended the hearing, which lasted under an hour."
)


@pytest.mark.parametrize(
    ("read", "cut"),
    [
        (STORY.split(". ")[0] + ".", True),  # the first sentence: a teaser's cut
        (STORY.split(". ")[0] + ". Subscribe to read on.", True),  # and the paywall's line
        (STORY, False),  # the same
        (STORY + " The embassy said nothing.", False),  # an edit that adds
        ("This article has been removed following a complaint.", False),  # a notice
        (STORY.split(". ")[3], False),  # the end kept, the beginning taken out: an edit
        ("The court in Baku extended. Subscribe to read on.", False),  # too little kept to say
        ("", False),
    ],
)
def test_a_page_that_gives_only_a_storys_beginning_is_no_edit(read: str, cut: bool) -> None:
    from monitor.edits import only_its_beginning

    assert only_its_beginning(STORY, read) is cut


def test_paragraphs_taken_out_of_a_storys_middle_are_an_edit() -> None:
    from monitor.edits import only_its_beginning

    sentences = STORY.split(". ")
    long_story = ". ".join(sentences * 3)  # 12 sentences
    assert only_its_beginning(long_story, ". ".join(sentences[:2]))  # a cut
    # its first and last sentences kept, ten taken out between: the end is the story's own
    assert not only_its_beginning(long_story, ". ".join([sentences[0], sentences[3]]))


def test_a_story_behind_a_paywall_when_read_again_is_kept_whole(
    tmp_path: Path, hook: WebhookSink
) -> None:
    site, stories = _site()
    story = stories[0]
    story["body"] += [p for other in stories[1:4] for p in other["body"]]  # a long story
    story["body"].insert(6, EDIT)  # a watched name deep in it
    with SiteServer(site) as server:
        config = _config(tmp_path, server, hook, 'reread = "1h"')
        text = config.read_text(encoding="utf-8").replace(
            'query = "Quillfeather"\n', 'query = "Quillfeather"\nalert_removals = true\n'
        )
        config.write_text(text, encoding="utf-8")
        site.extra["/sitemap.xml"] = _sitemap(site, server.url, {})
        run_monitor("crawl", "--config", str(config))
        assert len(hook.received) == 1
        db = tmp_path / "e.db"
        with sqlite3.connect(db) as conn:
            (whole,) = conn.execute(
                "SELECT text FROM articles WHERE url LIKE ?", (f"%{story['slug']}%",)
            ).fetchone()
        _age_archive(db, hours=1.5)
        # the site puts it behind a paywall: its first two paragraphs and a line to subscribe
        story["body"] = [*story["body"][:2], "Subscribe to read the rest of this story."]
        done = run_monitor("crawl", "--config", str(config))
        assert (
            "page now gives only their beginning (a paywall, a teaser): kept whole" in done.stdout
        )
        assert "0 updated" in done.stdout and len(hook.received) == 1, done.stdout  # no removal
        with sqlite3.connect(db) as conn:
            text, checked, fetched = conn.execute(
                "SELECT text, checked_at, fetched_at FROM articles WHERE url LIKE ?",
                (f"%{story['slug']}%",),
            ).fetchone()
            versions = conn.execute("SELECT count(*) FROM article_versions").fetchone()[0]
        assert text == whole and versions == 0 and checked > fetched


def test_a_reread_age_counts_from_publication_when_that_is_before_the_first_read() -> None:
    first = _ago(3)
    # a back catalogue's story, two years old when first read: never read again as new
    assert reread_due(first, first, (HOUR, 48 * HOUR), now=NOW, published="2024-11-01") is None
    # published half an hour before we read it: its 1h age reached since our read
    assert reread_due(first, first, (HOUR, 48 * HOUR), now=NOW, published=_ago(3.5)) == HOUR
    # two hours before: its 1h age passed before we first read it, its 2d not yet
    assert reread_due(first, first, (HOUR, 48 * HOUR), now=NOW, published=_ago(5)) is None
    # a date after our read (a clock ahead, a date that is no date) counts from the read
    assert reread_due(first, first, (HOUR, 48 * HOUR), now=NOW, published=_ago(-5)) == HOUR
    assert reread_due(first, first, (HOUR, 48 * HOUR), now=NOW, published="soon") == HOUR
