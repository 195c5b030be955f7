"""Hostile article pages, generated: wrong or missing charsets, pathological markup, NUL bytes.

Each is served by a real loopback site in the middle of ordinary articles; the crawl decodes what
can be decoded, skips and counts what cannot be extracted in time, and stores the rest.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest

from alerts.rules import Matcher
from monitor.config import Rule
from monitor.decoding import decode_html
from monitor.demo.site import NewsSite, Page, SiteServer, load_demo_articles
from monitor.extract import extract_article
from monitor.extract_pool import ExtractionFailed, ExtractPool
from monitor.models import Article
from tests.conftest import run_monitor

RUSSIAN = [
    "Суд в Баку продлил арест журналистки Хадиджи Исмаиловой ещё на три месяца.",
    "Адвокаты Исмаиловой заявили, что обжалуют решение суда в апелляционной инстанции.",
    "Правозащитники считают дело политически мотивированным и требуют освобождения журналистки.",
    "Заседание прошло в закрытом режиме, журналистов и дипломатов в зал не пустили.",
]


def russian_article(slug: str) -> dict[str, Any]:
    return {
        "slug": slug,
        "round": 1,
        "date": "2026-10-05T09:00:00Z",
        "section": "Politics",
        "author": "Анна Петросян",
        "title": "Суд продлил арест журналистки",
        "body": RUSSIAN,
        "comments": [],
    }


def crawl(tmp_path: Path, site: NewsSite, *, crawl: str = "") -> str:
    with SiteServer(site) as server:
        config = tmp_path / "monitor.toml"
        config.write_text(
            f'database = "h.db"\n[crawl]\ndownload_delay = 0\ntimeout = 10\n{crawl}\n'
            f'[[source]]\nname = "h"\nfeeds = ["{server.url}/rss.xml"]\n'
        )
        return run_monitor("crawl", "--config", str(config)).stdout


def stored(tmp_path: Path) -> dict[str, str]:
    with sqlite3.connect(tmp_path / "h.db") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return dict(conn.execute("SELECT url, text FROM articles"))


@pytest.mark.parametrize(
    ("encoding", "content_type", "meta"),
    [
        ("cp1251", "text/html; charset=utf-8", True),  # declared UTF-8 in header and <meta>
        ("koi8_r", "text/html", False),  # declared nowhere
        ("cp1251", "text/html", False),
    ],
)
def test_cyrillic_pages_that_lie_about_their_charset_are_decoded_right(
    tmp_path: Path, encoding: str, content_type: str, meta: bool
) -> None:
    ordinary = load_demo_articles()[:2]
    article = russian_article("sud-prodlil-arest")
    site = NewsSite([*ordinary, article])
    page = site.article_page(article)
    if not meta:
        page = page.replace('<meta charset="utf-8">', "")
    site.extra[NewsSite.path_of(article)] = Page(200, content_type, page.encode(encoding))
    out = crawl(tmp_path, site)
    assert "3 new" in out
    texts = stored(tmp_path)
    [text] = [t for url, t in texts.items() if url.endswith("sud-prodlil-arest.html")]
    assert RUSSIAN[0] in text and "\ufffd" not in text
    # and the watched name is found in it, spelled in Latin letters in the rule
    rule = Rule("ismayilova", person="Khadija Ismayilova")
    assert Matcher([rule]).match(Article("https://e.org/x", None, text, language="ru"))


def test_a_page_declared_latin1_whose_bytes_are_utf8_is_utf8() -> None:
    html = '<html><head><meta charset="iso-8859-1"></head><body>Xədicə İsmayılova</body></html>'
    assert "Xədicə İsmayılova" in decode_html(html.encode("utf-8"))
    assert "Café" in decode_html("<p>Café</p>".encode("latin-1"), "text/html; charset=latin-1")


def deep_page(depth: int) -> str:
    return "<html><body>" + "<div>" * depth + "deep " * 50 + "</div>" * depth + "</body></html>"


def huge_text_page(megabytes: int) -> str:
    node = "Azerbaijan " * (megabytes * 1024 * 1024 // 11)
    return f"<html><body><article><p>{node}</p></article></body></html>"


def test_pathological_pages_are_extracted_or_failed_within_the_time_limit() -> None:
    pool = ExtractPool(workers=1, timeout=5)
    try:
        for html in (deep_page(200_000), huge_text_page(30)):
            started = time.monotonic()
            try:
                result = asyncio.run(
                    pool.extract(html, "https://e.org/x", source="s", fetched_at="")
                )
            except ExtractionFailed as exc:
                assert exc.kind in {"timed out", "crashed"}
            else:  # extracted or refused with a reason: either way, bounded
                assert result.article is not None or result.reason
            assert time.monotonic() - started < 30
    finally:
        pool.close()


def test_a_long_page_of_paragraphs_with_cards_is_extracted_not_timed_out() -> None:
    """20,000 paragraphs, each with an inline card (a photo and two links): the cards are found
    paragraph by paragraph, in linear time (one XPath over the page took 20 s, past the limit)."""
    card = '<span><img src="/p.jpg" alt=""><a href="/a">Jane Roe</a><a href="/b">Her latest story</a></span>'
    html = (
        "<html><body><article>"
        + "".join(
            f"<p>{card} Sentence number {i} of a very long page, long enough to be a paragraph.</p>"
            for i in range(20_000)
        )
        + "</article></body></html>"
    )
    pool = ExtractPool(workers=1, timeout=15)
    try:
        result = asyncio.run(pool.extract(html, "https://e.org/long", source="s", fetched_at=""))
    finally:
        pool.close()
    assert result.article is not None
    assert "Sentence number 19999 of a very long page" in result.article.text
    assert "Her latest story" not in result.article.text


def test_a_page_over_the_time_limit_is_killed_and_the_next_page_still_works() -> None:
    pool = ExtractPool(workers=1, timeout=0.05)
    slow = huge_text_page(8)  # far more than 0.05 s of work
    try:
        with pytest.raises(ExtractionFailed) as failed:
            asyncio.run(pool.extract(slow, "https://e.org/slow", source="s", fetched_at=""))
        assert failed.value.kind == "timed out"
        pool.timeout = 30
        ok = NewsSite(load_demo_articles()[:1])
        page = ok.article_page(ok.articles[0])
        result = asyncio.run(pool.extract(page, "https://e.org/ok", source="s", fetched_at=""))
        assert result.article is not None
    finally:
        pool.close()


def test_nul_bytes_do_not_reach_the_archive() -> None:
    site = NewsSite(load_demo_articles()[:1])
    page = site.article_page(site.articles[0]).replace("</p>", "\x00</p>", 3)
    result = extract_article(page, "https://e.org/nul")
    assert result.article is not None
    assert "\x00" not in result.article.text
    assert "\x00" not in (result.article.title or "")


def test_a_crawl_meeting_hostile_pages_counts_them_and_stores_the_rest(tmp_path: Path) -> None:
    ordinary = load_demo_articles()[:3]
    deep = {**ordinary[0], "slug": "deep", "title": "Deep"}
    nul = {**ordinary[1], "slug": "nul", "title": "Nul"}
    site = NewsSite([*ordinary, deep, nul])
    site.extra[NewsSite.path_of(deep)] = Page(200, "text/html", deep_page(200_000).encode())
    site.extra[NewsSite.path_of(nul)] = Page(
        200, "text/html", site.article_page(ordinary[1]).replace("<p>", "<p>\x00", 2).encode()
    )
    out = crawl(tmp_path, site, crawl="extract_timeout = 10")
    texts = stored(tmp_path)
    assert "4 new" in out  # three ordinary articles and the one with NUL bytes
    assert not any("\x00" in t for t in texts.values())
    assert not any(url.endswith("/deep.html") for url in texts)  # no article text: dropped


LAUGHS = "".join(
    f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(2, 10)
)  # a billion "lol"s if expanded


def test_feeds_and_sitemaps_with_external_or_exploding_entities_are_read_safely(
    tmp_path: Path,
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-CONTENT")
    seen: list[str] = []
    site = NewsSite(load_demo_articles()[:2])

    def record(path: str) -> None:
        seen.append(path)

    site.on_request = record
    doctype = f'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file://{secret}"><!ENTITY lol1 "lol">{LAUGHS}]>'
    site.extra["/evil.xml"] = Page(
        200,
        "application/rss+xml",
        (
            f'<?xml version="1.0"?>{doctype}<rss version="2.0"><channel><title>&lol9;</title>'
            "<item><title>&xxe;</title><link>/news/&xxe;.html</link></item></channel></rss>"
        ).encode(),
    )
    site.extra["/evil-sitemap.xml"] = Page(
        200,
        "application/xml",
        (
            f'<?xml version="1.0"?>{doctype}'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            "<url><loc>/&xxe;&lol9;</loc></url></urlset>"
        ).encode(),
    )
    with SiteServer(site) as server:
        config = tmp_path / "monitor.toml"
        config.write_text(
            f'database = "h.db"\n[crawl]\ndownload_delay = 0\ntimeout = 10\n'
            f'[[source]]\nname = "h"\nfeeds = ["{server.url}/rss.xml", "{server.url}/evil.xml"]\n'
            f'sitemaps = ["{server.url}/evil-sitemap.xml"]\n'
        )
        done = run_monitor("crawl", "--config", str(config))
    assert "2 new" in done.stdout
    assert not any("TOPSECRET" in path or "lollol" in path for path in seen)
    with sqlite3.connect(tmp_path / "h.db") as conn:
        dump = "\n".join(conn.iterdump())
    assert "TOPSECRET" not in dump and "lollollol" not in dump
