"""Hostile inputs from real test suites (../shared/data/real-pages/hostile): a crawl that meets
them counts them and goes on, and what it stores stays intact."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from monitor.demo.site import NewsSite, Page, SiteServer, load_demo_articles
from tests.conftest import run_monitor, shared_data

BOMBS = [
    "scrapy_bomb-gzip.bin",
    "scrapy_bomb-deflate.bin",
    "scrapy_bomb-br.bin",
    "scrapy_bomb-zstd.bin",  # not asked for (no zstandard installed): stays bytes, no article
]
ENCODING = {
    "scrapy_bomb-gzip.bin": "gzip",
    "scrapy_bomb-deflate.bin": "deflate",
    "scrapy_bomb-br.bin": "br",
    "scrapy_bomb-zstd.bin": "zstd",
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


def test_feeds_that_break_feedparser_are_read_apart_or_counted(tmp_path: Path) -> None:
    """feedparser raised on an XML declaration naming its encoding in non-ASCII bytes, and on
    a NUL after the prolog: such feeds are decoded apart and read. One that crashes its loose
    parser (a KeyError inside it) is a failed feed in the pass's summary, not only a traceback
    in Scrapy's log; the crawl goes on."""
    articles = load_demo_articles()[:4]
    site = NewsSite(articles[:2])  # its own /rss.xml lists these two
    for article in articles[2:]:
        site.extra[NewsSite.path_of(article)] = Page(
            200, "text/html; charset=utf-8", site.article_page(article).encode()
        )

    def rss(prolog: bytes, article: dict[str, str]) -> Page:
        item = f"<item><title>t</title><link>{NewsSite.path_of(article)}</link></item>"
        body = prolog + f"<rss><channel><title>t</title>{item}</channel></rss>".encode()
        return Page(200, "application/rss+xml", body)

    site.extra["/odd-name.xml"] = rss(b'<?xml version="1.0" encoding="\xf5x"?>', articles[2])
    site.extra["/nul.xml"] = rss(b'<?xml version="1.0" encoding="utf-8"?>\x00', articles[3])
    site.extra["/crash.xml"] = Page(200, "application/rss+xml", b"<channel<item<link</item</link>")
    out, db = crawl_with(tmp_path, site, ["/odd-name.xml", "/nul.xml", "/crash.xml"])
    assert "4 new" in out, out
    assert "failed 1: feed: crashed" in out and "/crash.xml (crashed: KeyError" in out, out
    with sqlite3.connect(db) as conn:
        [(outcome,)] = conn.execute("SELECT outcome FROM crawls").fetchall()
    assert outcome == "partial"


def test_links_that_are_no_valid_address_are_skipped_not_the_whole_listing(
    tmp_path: Path,
) -> None:
    """A link such as "http://[bad" or one with a port over 65535 raised while a listing was
    read, and every other link of the feed went with it, and a sitemap index's later children
    too: such a link is counted and skipped; the rest of the listing is read."""
    articles = load_demo_articles()[:6]
    site = NewsSite(articles[:1])  # /rss.xml: the first
    for article in articles[1:]:
        site.extra[NewsSite.path_of(article)] = Page(
            200, "text/html; charset=utf-8", site.article_page(article).encode()
        )
    paths = [NewsSite.path_of(a) for a in articles]
    items = "".join(
        f"<item><title>t</title><link>{link}</link></item>"
        for link in ["http://[bad/story", paths[1], "http://example.org:99999/x", paths[2]]
    )
    site.extra["/odd.xml"] = Page(
        200, "application/rss+xml", f"<rss><channel>{items}</channel></rss>".encode()
    )
    ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    site.extra["/index.xml"] = Page(
        200,
        "application/xml",
        f"<sitemapindex {ns}><sitemap><loc>/bad-child.xml</loc><lastmod>2026-11-02</lastmod>"
        "</sitemap><sitemap><loc>/good-child.xml</loc><lastmod>2026-11-01</lastmod></sitemap>"
        "</sitemapindex>".encode(),
    )
    site.extra["/bad-child.xml"] = Page(
        200,
        "application/xml",
        f"<urlset {ns}><url><loc>http://[::1/x</loc></url><url><loc>{paths[3]}</loc></url>"
        "</urlset>".encode(),
    )
    site.extra["/good-child.xml"] = Page(
        200,
        "application/xml",
        (
            f"<urlset {ns}>"
            + "".join(f"<url><loc>{p}</loc></url>" for p in paths[4:])
            + "</urlset>"
        ).encode(),
    )
    with SiteServer(site) as server:
        config = tmp_path / "monitor.toml"
        config.write_text(
            'database = "h.db"\n[crawl]\ndownload_delay = 0\ntimeout = 10\n'
            f'[[source]]\nname = "h"\nfeeds = ["{server.url}/rss.xml", "{server.url}/odd.xml"]\n'
            f'sitemaps = ["{server.url}/index.xml"]\n'
        )
        out = run_monitor("crawl", "--config", str(config)).stdout
    assert "6 new" in out, out
    assert "links that are no valid address" in out and "failed" not in out.split("delivery")[0], (
        out
    )


def test_a_start_page_with_an_invalid_base_gives_its_links(tmp_path: Path) -> None:
    """Scrapy resolved `<base href="http://[x">` for every selector and raised: the start page
    lost every link. Read as browsers read it, as if it had no base."""
    articles = load_demo_articles()[:3]
    site = NewsSite([])
    for article in articles:
        site.extra[NewsSite.path_of(article)] = Page(
            200, "text/html; charset=utf-8", site.article_page(article).encode()
        )
    links = "".join(f'<li><a href="{NewsSite.path_of(a)}">{a["title"]}</a></li>' for a in articles)
    site.extra["/start.html"] = Page(
        200,
        "text/html; charset=utf-8",
        f'<html><head><BASE href="http://[x"></head><body><ul>{links}</ul></body></html>'.encode(),
    )
    with SiteServer(site) as server:
        config = tmp_path / "monitor.toml"
        config.write_text(
            'database = "h.db"\n[crawl]\ndownload_delay = 0\ntimeout = 10\n'
            f'[[source]]\nname = "h"\nstart_urls = ["{server.url}/start.html"]\n'
            "allow = ['/news/']\n"
        )
        out = run_monitor("crawl", "--config", str(config)).stdout
    assert "3 new" in out and "failed" not in out.split("delivery")[0], out


def test_a_sitemap_as_large_as_the_protocol_allows_is_read_and_a_huge_page_named(
    tmp_path: Path,
) -> None:
    """A sitemap of 45,000 addresses with their lastmod is 7 MiB, within the protocol's 50 MB:
    it failed at the pages' 5 MiB limit as "DownloadCancelledError". Listings get the
    protocol's limit; a page over its own is named for what it is."""
    articles = load_demo_articles()[:3]
    site = NewsSite(articles)
    huge = {**articles[0], "slug": "huge", "title": "Huge"}
    site.extra[NewsSite.path_of(huge)] = Page(200, "text/html", b"<html>" + b" " * (6 * 2**20))
    with SiteServer(site) as server:
        stories = [*articles, huge]
        listed = "".join(
            f"<url><loc>{server.url}{NewsSite.path_of(a)}</loc><lastmod>2026-11-2{i}</lastmod></url>"
            for i, a in enumerate(stories)
        )
        filler = "".join(
            f"<url><loc>{server.url}/news/2019/01/an-old-story-with-a-long-slug-number-{i}.html"
            "</loc><lastmod>2019-01-01T00:00:00+00:00</lastmod></url>"
            for i in range(45_000)
        )
        ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        body = f"<urlset {ns}>{listed}{filler}</urlset>".encode()
        assert 6 * 2**20 < len(body) < 50 * 2**20
        site.extra["/big.xml"] = Page(200, "application/xml", body)
        config = tmp_path / "monitor.toml"
        config.write_text(
            'database = "h.db"\n[crawl]\ndownload_delay = 0\ntimeout = 10\nmax_articles = 4\n'
            f'[[source]]\nname = "h"\nsitemaps = ["{server.url}/big.xml"]\n'
        )
        out = run_monitor("crawl", "--config", str(config)).stdout
    assert "45004 article links" in out and "3 new" in out, out
    assert "failed 1: article: over the size limit (5 MiB)" in out, out


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


ALL_HOSTILE_FEEDS = sorted(
    name
    for name in [
        "feedparser_aaa_illformed.xml",
        "feedparser_bozo_bogus_encoding.xml",
        "feedparser_bozo_double-encoded-html.xml",
        "feedparser_bozo_encoding_mismatch_crash.xml",
        "feedparser_bozo_invalid-bytes-with-bom.xml",
        "feedparser_bozo_linenoise.xml",
        "feedparser_http_high_bit_date.xml",
        "feedparser_koi8r.xml",
        "feedparser_rss_empty_document.xml",
        "feedparser_rss_incomplete_cdata.xml",
        "feedparser_rss_item_link_corrupted_ampersands.xml",
        "feedparser_undeclared_namespace.xml",
        "feedparser_utf-16le-autodetect.xml",
        "feedparser_windows1255.xml",
        "miniflux_invalid-prolog.xml",
        "miniflux_iso88591_utf8_mismatch.xml",
        "miniflux_koi8r.xml",
        "miniflux_rss_no-encoding-decl_iso-8859-1.xml",
        "miniflux_utf8-incorrect-prolog.xml",
        "miniflux_windows-1252-incorrect-prolog.xml",
    ]
)
HOSTILE_PAGES = [
    "advertools_broken_links.html",
    "miniflux_iso-8859-1-meta-after-1024.html",
    "miniflux_utf8-meta-after-1024.html",
    "newspaper4k_ap_meta_refresh.html",  # (the google one refreshes to example.com: see below)
    "readability_comment-inside-script.source.html",
    "readability_invalid-attributes.source.html",
    "scrapy_linkextractor_latin1.html",
    "scrapy_linkextractor_noenc.html",
]


def test_every_hostile_feed_page_and_archive_is_read_or_counted(tmp_path: Path) -> None:
    """All of ../shared/data/real-pages/hostile in one crawl: feeds beside a good one, pages as
    articles, truncated and layered compressed files as sitemaps. Links they hold to other hosts
    are filtered by `allow` (nothing leaves loopback). The crawl completes, stores the good
    articles, and every hostile input is either read or named in the summary."""
    articles = load_demo_articles()[:3]
    hostile_articles = [
        {**articles[0], "slug": f"hostile-{i}", "title": f"Hostile {i}"}
        for i in range(len(HOSTILE_PAGES))
    ]
    site = NewsSite([*articles, *hostile_articles])
    for name in ALL_HOSTILE_FEEDS:
        body = shared_data("real-pages", "hostile", name).read_bytes()
        site.extra[f"/{name}"] = Page(200, "application/rss+xml", body)
    for article, name in zip(hostile_articles, HOSTILE_PAGES, strict=True):
        body = shared_data("real-pages", "hostile", name).read_bytes()
        site.extra[NewsSite.path_of(article)] = Page(200, "text/html", body)
    site.extra["/webpage.html"] = Page(
        200,
        "text/html",
        shared_data("real-pages", "hostile", "trafilatura_webpage.html.gz").read_bytes(),
        (("Content-Encoding", "gzip"),),
    )
    broken_sitemaps = ["scrapy_truncated-crc-error.gz", "scrapy_unexpected-eof.gz"]
    for name in broken_sitemaps:
        site.extra[f"/{name}"] = Page(
            200, "application/x-gzip", shared_data("real-pages", "hostile", name).read_bytes()
        )
    site.extra["/layered.bin"] = Page(
        200,
        "text/html",
        shared_data("real-pages", "hostile", "scrapy_html-gzip-deflate-gzip.bin").read_bytes(),
        (("Content-Encoding", "gzip, deflate, gzip"),),
    )
    with SiteServer(site) as server:
        config = tmp_path / "monitor.toml"
        feeds = ", ".join(f'"{server.url}/{n}"' for n in ["rss.xml", *ALL_HOSTILE_FEEDS])
        sitemaps = ", ".join(f'"{server.url}/{n}"' for n in broken_sitemaps)
        start = f'"{server.url}/webpage.html", "{server.url}/layered.bin"'
        config.write_text(
            f'database = "h.db"\n[crawl]\ndownload_delay = 0\ntimeout = 10\n'
            f'[[source]]\nname = "h"\nfeeds = [{feeds}]\nsitemaps = [{sitemaps}]\n'
            f"start_urls = [{start}]\nallow = ['^{server.url}/news/']\n"
        )
        done = run_monitor("crawl", "--config", str(config))
    assert done.returncode == 0
    assert "Traceback" not in done.stderr
    with sqlite3.connect(tmp_path / "h.db") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {url for (url,) in conn.execute("SELECT url FROM articles")}
        [(dropped, errors)] = conn.execute("SELECT dropped, errors FROM crawls").fetchall()
    for article in articles:
        assert any(url.endswith(NewsSite.path_of(article)) for url in stored)
    # each hostile page is stored or dropped with a reason; together they account for all
    hostile_stored = sum(
        any(url.endswith(NewsSite.path_of(a)) for url in stored) for a in hostile_articles
    )
    reasons = json.loads(dropped)
    assert hostile_stored + sum(reasons.values()) >= len(HOSTILE_PAGES)
    assert "sitemap" in errors  # the truncated archives are named


def test_a_meta_refresh_to_another_page_is_no_article() -> None:
    """Read, not followed here (that would leave loopback): the page itself has no article."""
    from monitor.decoding import decode_html
    from monitor.extract import extract_article

    body = shared_data("real-pages", "hostile", "newspaper4k_google_meta_refresh.html")
    result = extract_article(decode_html(body.read_bytes()), "http://127.0.0.1/refresh")
    assert result.article is None and result.reason == "no article text"


def test_a_page_that_meta_refreshes_to_its_article_is_followed(tmp_path: Path) -> None:
    articles = load_demo_articles()[:3]
    moved = {**articles[0], "slug": "moved", "title": "Moved"}
    site = NewsSite([*articles[:2], moved])
    target = "/archive/the-story-itself.html"
    site.extra[NewsSite.path_of(moved)] = Page(
        200,
        "text/html",
        f'<html><head><meta http-equiv="refresh" content="0; url={target}"></head></html>'.encode(),
    )
    site.extra[target] = Page(200, "text/html", site.article_page(articles[2]).encode())
    out, db = crawl_with(tmp_path, site, [])
    assert "3 new" in out
    with sqlite3.connect(db) as conn:
        urls = {url for (url,) in conn.execute("SELECT url FROM articles")}
    assert any(url.endswith(target) for url in urls)


def test_servers_that_drop_the_connection_or_answer_garbage_are_named_in_the_summary(
    tmp_path: Path,
) -> None:
    """Each transport failure of an article page is counted under what went wrong (not one
    "download failed"), logged once, as a warning, without a traceback, and the page beside
    them is stored."""
    stories = load_demo_articles()[:4]
    site = NewsSite(stories)
    paths = [NewsSite.path_of(a) for a in stories]
    faults = {
        paths[0]: Page(0, "", b""),
        paths[1]: Page(0, "", b"SSH-2.0-OpenSSH_9.6\r\n\r\n"),
        paths[2]: Page(200, "text/html", b"<html>" * 40, (("Content-Encoding", "gzip"),)),
    }
    site.on_request = lambda path: faults.get(path.split("?", 1)[0])
    with SiteServer(site) as server:
        config = tmp_path / "monitor.toml"
        config.write_text(
            'database = "a.db"\n[crawl]\ndownload_delay = 0\ntimeout = 5\n'
            f'[[source]]\nname = "s"\nfeeds = ["{server.url}/rss.xml"]\n'
        )
        done = run_monitor("crawl", "--config", str(config))
    assert "1 new" in done.stdout, done.stdout
    for label in (
        "connection dropped",
        "not an HTTP response",
        "body not decodable as its Content-Encoding says",
    ):
        assert f"failed 1: article: {label}" in done.stdout, done.stdout
    assert "download failed" not in done.stdout and "Traceback" not in done.stderr, done.stderr
    # one warning each, the spider's: Scrapy's "Gave up retrying" ERROR is not another
    assert " ERROR " not in done.stderr and done.stderr.count("failed: connection dropped") == 1
