"""A channel that is an Atom feed file, read back by a real feed parser (feedparser)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import feedparser
import pytest

from alerts.atom_feed import FeedSender
from monitor.config import FeedChannel, load_config
from monitor.demo.site import NewsSite, SiteServer, load_demo_articles
from monitor.errors import ConfigError
from monitor.models import Alert
from tests.conftest import read_monitor, run_monitor


def config_for(tmp_path: Path, server: SiteServer, extra: str = "") -> Path:
    path = tmp_path / "monitor.toml"
    path.write_text(
        'database = "data/archive.db"\n[crawl]\ndownload_delay = 0\ntimeout = 5\n'
        f'[[source]]\nname = "ledger"\nfeeds = ["{server.url}/rss.xml"]\n'
        "[[rule]]\nname = 'euronest'\nquery = 'Euronest OR \"Eastern Partnership\"'\n"
        "[[rule]]\nname = 'ismayilova'\nperson = 'Khadija Ismayilova'\n"
        "[[channel]]\nname = 'reader'\ntype = 'feed'\npath = 'public/alerts.xml'\n"
        "title = 'Caucasus desk'\n" + extra
    )
    return path


def test_alerts_become_entries_of_a_feed_a_reader_can_read_once_each(tmp_path: Path) -> None:
    site = NewsSite(load_demo_articles())
    with SiteServer(site) as server:
        config = config_for(tmp_path, server)
        run_monitor("crawl", "-c", str(config))
        feed_file = tmp_path / "public" / "alerts.xml"
        first = feedparser.parse(feed_file.read_bytes())
        assert not first.bozo, first.bozo_exception
        assert first.feed.title == "Caucasus desk"
        assert first.entries, "no entry"
        ids = [entry.id for entry in first.entries]
        assert len(ids) == len(set(ids))
        euronest = [e for e in first.entries if "euronest" in {t.term for t in e.tags}]
        assert euronest and all(e.link.startswith(server.url + "/news/") for e in euronest)
        assert all(
            '"Euronest"' in e.summary or "Eastern Partnership" in e.summary for e in euronest
        )
        assert all(e.published_parsed for e in first.entries)

        site.round = 2  # new stories: new entries on top, the old ones kept
        run_monitor("crawl", "-c", str(config))
        second = feedparser.parse(feed_file.read_bytes())
        assert [e.id for e in second.entries][-len(ids) :] == ids
        new = [e for e in second.entries if e.id not in ids]
        assert new and second.entries[0].id == new[0].id

        # delivering again (nothing new) rewrites nothing twice
        run_monitor("deliver", "-c", str(config))
        assert [e.id for e in feedparser.parse(feed_file.read_bytes()).entries] == [
            e.id for e in second.entries
        ]


def alert(n: int, title: str = "Story", url: str = "https://e.org/a") -> Alert:
    return Alert(
        id=n,
        uid=f"uid{n}",
        rule="euronest",
        channel="reader",
        url=url,
        status="pending",
        attempts=0,
        created_at="2026-11-29T10:00:00+00:00",
        matched="Euronest",
        snippet="The Euronest assembly met.",
        title=title,
        source="ledger",
        author=None,
        published="2026-11-28",
        language="en",
    )


def test_the_feed_keeps_its_last_entries_and_an_alert_sent_again_is_one_entry(
    tmp_path: Path,
) -> None:
    channel = FeedChannel("reader", tmp_path / "alerts.xml", max_entries=3)
    sender = FeedSender(channel)
    for n in range(1, 6):
        sender.send(alert(n, f"Story {n}", f"https://e.org/{n}"), [])
    sender.send(alert(5, "Story 5", "https://e.org/5"), [])  # again, after a crash
    parsed = feedparser.parse(channel.path.read_bytes())
    assert [e.title for e in parsed.entries] == [
        "euronest: Story 5",
        "euronest: Story 4",
        "euronest: Story 3",
    ]
    assert parsed.entries[0].published.startswith("2026-11-28T00:00:00")
    assert not [link for link in parsed.feed.get("links", []) if link.rel == "self"]


def test_a_feed_served_at_an_address_names_it_as_its_self_link(tmp_path: Path) -> None:
    path = tmp_path / "monitor.toml"
    path.write_text(
        '[[channel]]\nname = "reader"\ntype = "feed"\npath = "alerts.xml"\n'
        'url = "https://news.example.org/alerts.xml"\n'
    )
    channel = load_config(path).channels[0]
    FeedSender(channel).send(alert(1), [])
    parsed = feedparser.parse((tmp_path / "alerts.xml").read_bytes())
    selves = [link.href for link in parsed.feed.links if link.rel == "self"]
    assert selves == ["https://news.example.org/alerts.xml"] and not parsed.bozo
    path.write_text(path.read_text().replace("https://", "ftp://"))
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert "channel[0].url: 'ftp://news.example.org/alerts.xml' is not a valid URL" in str(
        caught.value.problems
    )


def test_hostile_titles_stay_text_and_an_unreadable_file_is_set_aside(tmp_path: Path) -> None:
    channel = FeedChannel("reader", tmp_path / "alerts.xml")
    channel.path.write_text("<html>not a feed, written by someone else</html>")
    sender = FeedSender(channel)
    hostile = alert(1, "<script>alert(1)</script> & \x00\x1b\ufffe\ud800 title")
    sender.send(replace(hostile, url="javascript:alert(1)"), [])
    parsed = feedparser.parse(channel.path.read_bytes())
    assert not parsed.bozo, parsed.bozo_exception
    (entry,) = parsed.entries
    assert "<script>alert(1)</script> &" in entry.title  # as text, escaped in the file
    assert "<script>" not in channel.path.read_text()
    assert 'href="javascript' not in channel.path.read_text()  # no link made of it
    assert not entry.get("links")
    set_aside = list(tmp_path.glob("alerts.xml.unreadable-*"))
    assert len(set_aside) == 1 and "someone else" in set_aside[0].read_text()


def test_a_feed_channel_is_checked_and_shown(tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    path = tmp_path / "monitor.toml"
    path.write_text(
        "[[channel]]\nname = 'reader'\ntype = 'feed'\npath = 'folder'\nmax_entries = 0\n"
    )
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert caught.value.problems == [
        f"{path}: channel[0].path: 'folder' is a folder (give a file, like alerts.xml)",
        f"{path}: channel[0].max_entries: must be a whole number >= 1, got 0",
    ]
    path.write_text("[[channel]]\nname = 'reader'\ntype = 'feed'\npath = 'out/alerts.xml'\n")
    shown = read_monitor("check", "-c", str(path)).stdout
    assert f"the Atom feed file {tmp_path / 'out' / 'alerts.xml'} (the last 100 entries)" in shown
    tested = run_monitor("test-channels", "-c", str(path))
    assert tested.returncode == 0
    parsed = feedparser.parse((tmp_path / "out" / "alerts.xml").read_bytes())
    assert [e.title for e in parsed.entries] == ["[monitor] test message"]


def test_a_digest_is_one_entry_per_article_with_its_rules(tmp_path: Path) -> None:
    channel = FeedChannel("reader", tmp_path / "alerts.xml")
    a1 = alert(1, "Story A", "https://e.org/a")
    a2 = replace(alert(2, "Story A", "https://e.org/a"), rule="peace-talks")
    b = alert(3, "Story B", "https://e.org/b")
    FeedSender(channel).send_digest([a1, a2, b], {})
    parsed = feedparser.parse(channel.path.read_bytes())
    assert [(e.link, sorted(t.term for t in e.tags)) for e in parsed.entries] == [
        ("https://e.org/a", ["euronest", "peace-talks"]),
        ("https://e.org/b", ["euronest"]),
    ]


def _send_many(path: str, first: int) -> None:
    sender = FeedSender(FeedChannel("reader", Path(path), max_entries=1000))
    for n in range(first, first + 40):
        sender.send(alert(n, f"Story {n}", f"https://e.org/{n}"), [])


def test_two_processes_adding_to_one_feed_lose_no_entry(tmp_path: Path) -> None:
    """The daemon's delivery and a `monitor deliver` may write one feed at once: each reads,
    adds and replaces it under a lock, so neither's entries are the other's loss."""
    import multiprocessing

    path = str(tmp_path / "alerts.xml")
    context = multiprocessing.get_context("fork")
    writers = [context.Process(target=_send_many, args=(path, first)) for first in (1, 1001)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(60)
    assert [writer.exitcode for writer in writers] == [0, 0]
    titles = {e.title for e in feedparser.parse(Path(path).read_bytes()).entries}
    assert len(titles) == 80
