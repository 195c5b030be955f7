"""A feed's older pages: read when every story on the newer one is new (the site published more
since the last pass than its feed holds), never on a source's first pass, never past a stored
story; the end of a WordPress feed's pages (a 404) is no failure."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import feedparser
import pytest

from monitor.demo.site import NewsSite, Page, SiteServer, load_demo_articles
from spiders.listings import older_feed_page
from tests.conftest import read_monitor, run_monitor

PER_PAGE = 5


class PagedFeed:
    """A feed at /wp-feed/: the stories of a window of the site's articles, newest first,
    PER_PAGE a page, ?paged=N for the older pages. As WordPress: RSS, ?paged=N unannounced, 404
    past the last; as a JSON Feed: each page names the next one (next_url) but the last."""

    def __init__(self, site: NewsSite, kind: str = "wordpress"):
        self.site = site
        self.kind = kind
        self.oldest_first = sorted(site.articles, key=lambda a: a["date"])
        self.window = (0, 0)  # articles oldest_first[low:high] are in the feed
        self.requested: list[str] = []
        # as a server that answers every ?paged=N with the first page (and names a next one)
        self.ignore_paged = False

    def __call__(self, path: str) -> Page | None:
        parts = urlsplit(path)
        if parts.path != "/wp-feed/":
            return None
        self.requested.append(path)
        page = 1 if self.ignore_paged else int(parse_qs(parts.query).get("paged", ["1"])[0])
        low, high = self.window
        newest_first = self.oldest_first[low:high][::-1]
        items = newest_first[(page - 1) * PER_PAGE : page * PER_PAGE]
        if not items:
            return Page(404, "text/html", b"<h1>Page not found</h1>")
        base = self.site.base_url
        if self.kind == "json":
            more = self.ignore_paged or len(newest_first) > page * PER_PAGE
            feed = {
                "version": "https://jsonfeed.org/version/1.1",
                "title": "Ledger",
                "items": [{"id": a["slug"], "url": f"{base}{NewsSite.path_of(a)}"} for a in items],
                **({"next_url": f"/wp-feed/?paged={page + 1}"} if more else {}),
            }
            return Page(200, "application/feed+json", json.dumps(feed).encode())
        entries = "".join(
            f"<item><title>{a['title']}</title><link>{base}{NewsSite.path_of(a)}</link>"
            f"<pubDate>{format_datetime(datetime.fromisoformat(a['date']))}</pubDate></item>"
            for a in items
        )
        body = (
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            f"<title>Ledger</title><link>{base}/</link>"
            f"<generator>https://wordpress.org/?v=6.6.2</generator>{entries}</channel></rss>"
        )
        return Page(200, "application/rss+xml; charset=UTF-8", body.encode())

    def paths(self, low: int, high: int) -> set[str]:
        return {NewsSite.path_of(a) for a in self.oldest_first[low:high]}


def stored(tmp_path: Path, base: str) -> set[str]:
    with sqlite3.connect(tmp_path / "archive.db") as db:
        return {url.removeprefix(base) for (url,) in db.execute("SELECT url FROM articles")}


@pytest.mark.parametrize("kind", ["wordpress", "json"])
def test_a_gap_bigger_than_the_feed_is_read_from_its_older_pages(tmp_path: Path, kind: str) -> None:
    site = NewsSite(load_demo_articles(), round=2)  # all 24 articles served
    feed = PagedFeed(site, kind)
    site.on_request = feed
    with SiteServer(site) as server:
        config = tmp_path / "monitor.toml"
        config.write_text(
            'database = "archive.db"\n[crawl]\ndownload_delay = 0\ntimeout = 5\n'
            f'[[source]]\nname = "ledger"\nfeeds = ["{server.url}/wp-feed/"]\n'
        )
        # first pass: the feed's first page only (a back catalogue is not chased)
        feed.window = (3, 8)
        run_monitor("crawl", "-c", str(config))
        assert feed.requested == ["/wp-feed/"]
        assert stored(tmp_path, server.url) == feed.paths(3, 8)

        # twelve stories since: more than a page; all new down to the end of the feed (past
        # it WordPress answers 404: no failure; a JSON Feed's last page names no next one)
        feed.window, feed.requested = (8, 20), []
        done = run_monitor("crawl", "-c", str(config)).stdout
        pages = ["/wp-feed/", "/wp-feed/?paged=2", "/wp-feed/?paged=3", "/wp-feed/?paged=4"]
        assert feed.requested == (pages if kind == "wordpress" else pages[:3])
        assert stored(tmp_path, server.url) == feed.paths(3, 20)
        assert "12 new" in done and "404" not in done
        with sqlite3.connect(tmp_path / "archive.db") as db:
            outcomes = db.execute("SELECT outcome FROM crawls ORDER BY started_at").fetchall()
        assert outcomes == [("ok",), ("ok",)]

        # four more: the first page holds a stored story, so no older page is read
        feed.window, feed.requested = (0, 24), []
        run_monitor("crawl", "-c", str(config))
        assert feed.requested == ["/wp-feed/"]
        assert stored(tmp_path, server.url) == feed.paths(3, 24)

        # a server that answers ?paged=2 with the first page again: read once, not ten times
        feed.window, feed.requested, feed.ignore_paged = (0, 3), [], True
        run_monitor("crawl", "-c", str(config))
        assert feed.requested == ["/wp-feed/", "/wp-feed/?paged=2"]
        assert stored(tmp_path, server.url) == feed.paths(0, 24)


def parse(body: str) -> Any:
    return feedparser.parse(body.encode())


def test_the_older_page_of_a_feed() -> None:
    url = "https://e.org/feed/?lang=en"
    wordpress = parse(
        "<rss><channel><generator>https://wordpress.org/?v=6.4</generator>"
        "<item><link>https://e.org/a</link></item></channel></rss>"
    )
    assert older_feed_page(wordpress, url, 1) == "https://e.org/feed/?lang=en&paged=2"
    assert older_feed_page(wordpress, "https://e.org/feed/?paged=2", 2) == (
        "https://e.org/feed/?paged=3"
    )
    announced = parse(  # RFC 5005, in Atom: relative to the page
        '<feed xmlns="http://www.w3.org/2005/Atom"><link rel="next" href="/feed?before=123"/>'
        '<entry><link href="https://e.org/a"/></entry></feed>'
    )
    assert older_feed_page(announced, url, 1) == "https://e.org/feed?before=123"
    in_rss = parse(
        '<rss xmlns:atom="http://www.w3.org/2005/Atom"><channel>'
        '<atom:link rel="next" href="https://e.org/feed/2"/><item><link>https://e.org/a</link>'
        "</item></channel></rss>"
    )
    assert older_feed_page(in_rss, url, 1) == "https://e.org/feed/2"
    other = parse(
        "<rss><channel><generator>Drupal</generator><item><link>https://e.org/a</link>"
        "</item></channel></rss>"
    )
    assert older_feed_page(other, url, 1) is None


def test_a_google_alerts_feed_is_read_as_the_stories_it_links(tmp_path: Path) -> None:
    """Google Alerts' RSS (Atom) links each story through google.com/url: the story is read
    from its own site and stored under its own address; Google is never asked."""
    site = NewsSite(load_demo_articles())
    chosen = site.published()[:3]
    with SiteServer(site) as server:
        entries = "".join(
            "<entry><title>Alert: <b>Euronest</b></title>"
            '<link href="https://www.google.com/url?rct=j&amp;sa=t&amp;url='
            f'{server.url}{NewsSite.path_of(a)}&amp;ct=ga&amp;cd=CAIyGg&amp;usg=AOvVaw0"/>'
            f"<updated>{a['date']}</updated></entry>"
            for a in chosen
        )
        feed = (
            '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Google Alert - Euronest</title>{entries}</feed>"
        )
        site.extra["/alerts/feeds/1/2"] = Page(200, "application/atom+xml", feed.encode())
        config = tmp_path / "monitor.toml"
        config.write_text(
            'database = "archive.db"\n[crawl]\ndownload_delay = 0\ntimeout = 5\n'
            f'[[source]]\nname = "alerts"\nfeeds = ["{server.url}/alerts/feeds/1/2"]\n'
        )
        done = run_monitor("crawl", "-c", str(config)).stdout
        assert "3 new" in done and "failed" not in done.split("delivery")[0]
        assert stored(tmp_path, server.url) == {NewsSite.path_of(a) for a in chosen}


def test_google_news_links_are_not_fetched_and_check_says_why(tmp_path: Path) -> None:
    site = NewsSite(load_demo_articles())
    with SiteServer(site) as server:
        items = "".join(
            f"<item><title>Story {i}</title>"
            f"<link>https://news.google.com/rss/articles/CBMiK0FVX3lxTE{i}?oc=5</link></item>"
            for i in range(3)
        )
        site.extra["/gn.xml"] = Page(
            200, "application/rss+xml", f"<rss><channel>{items}</channel></rss>".encode()
        )
        config = tmp_path / "monitor.toml"
        config.write_text(
            'database = "archive.db"\n[crawl]\ndownload_delay = 0\ntimeout = 5\n'
            f'[[source]]\nname = "gn"\nfeeds = ["{server.url}/gn.xml", '
            '"https://news.google.com/rss/search?q=Euronest"]\n'
        )
        checked = read_monitor("check", "-c", str(config)).stdout
        assert "note: Google News' RSS links point to Google" in checked
        config.write_text(
            config.read_text().replace(', "https://news.google.com/rss/search?q=Euronest"', "")
        )
        done = run_monitor("crawl", "-c", str(config)).stdout
    assert "skipped 3: Google News links, not the stories' addresses" in done
    assert "0 fetched" in done


def test_denied_links_and_pages_found_no_article_do_not_look_like_a_gap(tmp_path: Path) -> None:
    """What deny turns away is never stored, and a page read and found no article is never
    stored either: neither may look new pass after pass and send the crawl down the feed's
    older pages; a page of those alone is no gap, and a page found no article ends one."""
    site = NewsSite(load_demo_articles(), round=2)
    feed = PagedFeed(site)
    site.on_request = feed
    with SiteServer(site) as server:
        config = tmp_path / "monitor.toml"

        def write(deny: list[str]) -> None:
            config.write_text(
                'database = "archive.db"\n[crawl]\ndownload_delay = 0\ntimeout = 5\n'
                f'[[source]]\nname = "ledger"\nfeeds = ["{server.url}/wp-feed/"]\n'
                f"deny = {json.dumps(deny)}\n"
            )

        write([])
        feed.window = (3, 8)
        run_monitor("crawl", "-c", str(config))
        assert stored(tmp_path, server.url) == feed.paths(3, 8)

        # five newer stories, all of them denied: nothing on the first page would be read
        denied = sorted(feed.paths(8, 13))
        write([f"^{path}$" for path in denied])
        feed.window, feed.requested = (3, 13), []
        run_monitor("crawl", "-c", str(config))
        assert feed.requested == ["/wp-feed/"]
        assert stored(tmp_path, server.url) == feed.paths(3, 8)

        # the newest story's page holds no article: read, judged, not stored
        (stub,) = feed.paths(13, 14)
        site.extra[stub] = Page(200, "text/html", b"<html><body><p>Live: soon.</p></body></html>")
        write([])
        feed.window, feed.requested = (3, 14), []  # 13..9: all new
        run_monitor("crawl", "-c", str(config))
        assert feed.requested == ["/wp-feed/", "/wp-feed/?paged=2"]  # 8 new, 7..4 stored: the end
        assert stored(tmp_path, server.url) == feed.paths(3, 13)

        # four new stories above the judged page: it was read, so the gap ends there
        feed.window, feed.requested = (13, 18), []
        run_monitor("crawl", "-c", str(config))
        assert feed.requested == ["/wp-feed/"]
        assert stored(tmp_path, server.url) == feed.paths(3, 13) | feed.paths(14, 18)
