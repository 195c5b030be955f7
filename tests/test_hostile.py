"""Hostile inputs from real test suites (../shared/data/real-pages/hostile): a crawl that meets
them counts them and goes on, and what it stores stays intact."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from monitor.demo.site import NewsSite, Page, SiteServer, load_demo_articles
from tests.conftest import run_monitor, shared_data

BOMBS = ["scrapy_bomb-gzip.bin", "scrapy_bomb-deflate.bin", "scrapy_bomb-br.bin"]
ENCODING = {
    "scrapy_bomb-gzip.bin": "gzip",
    "scrapy_bomb-deflate.bin": "deflate",
    "scrapy_bomb-br.bin": "br",
}
BROKEN_FEEDS = [
    "feedparser_aaa_illformed.xml",
    "feedparser_rss_incomplete_cdata.xml",
    "feedparser_rss_empty_document.xml",
    "feedparser_koi8r.xml",
    "miniflux_invalid-prolog.xml",
    "feedparser_utf-16le-autodetect.xml",
]


def crawl_with(tmp_path: Path, site: NewsSite, feeds: list[str]) -> tuple[str, Path]:
    with SiteServer(site) as server:
        config = tmp_path / "monitor.toml"
        listed = ", ".join(f'"{server.url}{f}"' for f in ["/rss.xml", *feeds])
        config.write_text(
            f'database = "h.db"\n[crawl]\ndownload_delay = 0\ntimeout = 10\n'
            f'[[source]]\nname = "h"\nfeeds = [{listed}]\n'
        )
        done = run_monitor("crawl", "--config", str(config))
    return done.stdout, tmp_path / "h.db"


@pytest.mark.parametrize("bomb", BOMBS)
def test_a_compression_bomb_is_refused_and_the_crawl_goes_on(tmp_path: Path, bomb: str) -> None:
    """The bomb is served as an article page with its Content-Encoding; DOWNLOAD_MAXSIZE stops it."""
    body = shared_data("real-pages", "hostile", bomb).read_bytes()
    articles = load_demo_articles()[:3]
    bomb_article = {**articles[0], "slug": "bomb", "title": "Bomb"}
    site = NewsSite([*articles, bomb_article])
    site.extra[NewsSite.path_of(bomb_article)] = Page(
        200, "text/html", body, (("Content-Encoding", ENCODING[bomb]),)
    )
    out, db = crawl_with(tmp_path, site, [])
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 3
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert "3 new" in out


def test_broken_and_oddly_encoded_feeds_are_read_or_counted(tmp_path: Path) -> None:
    site = NewsSite(load_demo_articles()[:3])
    for name in BROKEN_FEEDS:
        site.extra[f"/{name}"] = Page(
            200, "application/rss+xml", shared_data("real-pages", "hostile", name).read_bytes()
        )
    out, db = crawl_with(tmp_path, site, [f"/{name}" for name in BROKEN_FEEDS])
    assert "3 new" in out  # the good feed's articles are all stored
    assert f"failed {len(BROKEN_FEEDS)}: feed: unreadable feed" in out  # each named, none fatal
    with sqlite3.connect(db) as conn:
        [(outcome,)] = conn.execute("SELECT outcome FROM crawls").fetchall()
    assert outcome == "partial"


def test_a_broken_sitemap_is_counted_and_the_crawl_goes_on(tmp_path: Path) -> None:
    site = NewsSite(load_demo_articles()[:3])
    site.extra["/sitemap-broken.xml"] = Page(
        200,
        "application/xml",
        shared_data("real-pages", "hostile", "sitemap_unclosed-url.xml").read_bytes(),
    )
    with SiteServer(site) as server:
        config = tmp_path / "monitor.toml"
        config.write_text(
            f'database = "h.db"\n[crawl]\ndownload_delay = 0\n'
            f'[[source]]\nname = "h"\nfeeds = ["{server.url}/rss.xml"]\nsitemaps = ["{server.url}/sitemap-broken.xml"]\n'
        )
        done = run_monitor("crawl", "--config", str(config))
    assert "3 new" in done.stdout
