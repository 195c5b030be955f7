"""The demo news site: realistic pages (menu, related stories, comments, cookie banner, footer),
an RSS feed, a Google-News sitemap and robots.txt, served from a thread on loopback.

Tests use the same server with their own articles and extra routes (errors, disallowed pages).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any
from xml.sax.saxutils import escape as xml_escape

MENU = ["Azerbaijan", "Armenia", "Georgia", "EU", "Euronest", "Media"]
MOST_READ = [
    "Khadija Ismayilova: the reporter who would not stop",
    "Eastern Partnership at fifteen: what is left?",
    "Leyla Yunus and Arif Yunus: a life in dissent",
]


@dataclass(frozen=True, slots=True)
class Page:
    status: int
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


def load_demo_articles() -> list[dict[str, Any]]:
    data = json.loads(resources.files("monitor.demo").joinpath("articles.json").read_text("utf-8"))
    return list(data["articles"])


@dataclass
class NewsSite:
    """Renders the site from article dicts; `round` decides which articles are published."""

    articles: list[dict[str, Any]]
    name: str = "Caucasus Ledger"
    round: int = 1
    extra: dict[str, Page] = field(default_factory=dict)
    disallow: tuple[str, ...] = ("/private/",)
    crawl_delay: float | None = None
    base_url: str = ""
    hits: Counter[str] = field(default_factory=Counter)
    # tests hook faults in here: a Page returned is served instead (status 0: its body, if any,
    # written as it is, not as HTTP, and the connection dropped)
    on_request: Callable[[str], Page | None] | None = None
    not_modified: int = 0  # 304s served for feeds and sitemaps (conditional requests)
    # tests of a subscriber site: (user, password) every request must give (HTTP Basic), and
    # the Authorization and Cookie headers requests came with (None: without one)
    basic_auth: tuple[str, str] | None = None
    authorizations: list[str | None] = field(default_factory=list)
    cookies: list[str | None] = field(default_factory=list)
    # (path, If-Modified-Since) of each request that came with one (a stored story read again)
    modified_since: list[tuple[str, str]] = field(default_factory=list)
    bytes_served: int = 0
    # what an address the site does not have answers: a site that gives its not-found page
    # at 200 ("soft 404") sets 200
    not_found_status: int = 404

    def published(self) -> list[dict[str, Any]]:
        live = [a for a in self.articles if a.get("round", 1) <= self.round]
        return sorted(live, key=lambda a: a["date"], reverse=True)

    @staticmethod
    def path_of(article: dict[str, Any]) -> str:
        return f"/news/{article['date'][:4]}/{article['date'][5:7]}/{article['slug']}.html"

    def page(self, path: str) -> Page:
        path = path.split("?", 1)[0].split("#", 1)[0]
        if path in self.extra:
            return self.extra[path]
        if path in ("/", "/index.html"):
            return _html(self.home())
        if path == "/robots.txt":
            lines = [
                "User-agent: *",
                *(f"Disallow: {d}" for d in self.disallow),
                *([f"Crawl-delay: {self.crawl_delay}"] if self.crawl_delay else []),
                f"Sitemap: {self.base_url}/sitemap-news.xml",
                "",
            ]
            return Page(200, "text/plain; charset=utf-8", "\n".join(lines).encode())
        if path == "/rss.xml":
            return Page(200, "application/rss+xml; charset=utf-8", self.rss().encode())
        if path == "/sitemap-news.xml":
            return Page(200, "application/xml; charset=utf-8", self.sitemap().encode())
        for article in self.published():
            if self.path_of(article) == path:
                return _html(self.article_page(article))
        return _html(self.not_found_page(), status=self.not_found_status)

    # rendering
    def not_found_page(self) -> str:
        return self.frame("Not found", "<p>This page does not exist.</p>")

    def frame(self, title: str, main: str, *, head: str = "") -> str:
        menu = "".join(f'<li><a href="/section/{m.lower()}.html">{m}</a></li>' for m in MENU)
        most_read = "".join(
            f'<li><a href="/news/most-read/{i}.html">{html.escape(t)}</a></li>'
            for i, t in enumerate(MOST_READ)
        )
        return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)} | {self.name}</title>
<link rel="alternate" type="application/rss+xml" title="{self.name}" href="/rss.xml">
{head}</head><body>
<div id="cookie-banner" class="cookie-consent">We use cookies to understand how readers use this
site and to support our coverage of Azerbaijan, Armenia and Georgia. <button>Accept all</button></div>
<header class="site-header"><a class="logo" href="/">{self.name}</a>
<nav class="main-menu" aria-label="Sections"><ul>{menu}</ul></nav></header>
<main id="content">{main}</main>
<aside class="sidebar most-read"><h3>Most read</h3><ul>{most_read}</ul></aside>
<footer class="site-footer"><p>&copy; 2026 {self.name}. Independent news from Azerbaijan, Armenia,
Georgia and the EU's Eastern Partnership. <a href="/about.html">About</a> · <a href="/privacy.html">Privacy</a></p></footer>
</body></html>"""

    def home(self) -> str:
        items = "".join(
            f'<article class="teaser"><h2><a href="{self.path_of(a)}">{html.escape(a["title"])}</a></h2>'
            f"<p>{html.escape(''.join(a['body'][:1])[:140])}…</p></article>"
            for a in self.published()
        )
        return self.frame(self.name, f"<h1>Latest news</h1>{items}")

    def article_page(self, a: dict[str, Any]) -> str:
        others = [o for o in self.published() if o["slug"] != a["slug"]][:3]
        related = "".join(
            f'<li><a href="{self.path_of(o)}">{html.escape(o["title"])}</a></li>' for o in others
        )
        paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in a["body"])
        comments = "".join(
            f'<li class="comment"><p class="comment-author">reader{i + 1}</p><p class="comment-body">{html.escape(c)}</p></li>'
            for i, c in enumerate(a.get("comments", []))
        )
        head = (
            f'<meta property="og:title" content="{html.escape(a["title"])}">'
            f'<meta name="author" content="{html.escape(a["author"])}">'
            f'<meta property="article:published_time" content="{a["date"]}">'
            f'<meta property="article:section" content="{html.escape(a["section"])}">'
        )
        standfirst = ""
        if a.get("standfirst"):  # the summary under the headline, outside the body's element
            head += f'<meta name="description" content="{html.escape(a["standfirst"])}">'
            standfirst = f'<p class="standfirst">{html.escape(a["standfirst"])}</p>'
        main = f"""<article class="post">
<p class="kicker"><a href="/section/{a["section"].lower()}.html">{html.escape(a["section"])}</a></p>
<h1 class="headline">{html.escape(a["title"])}</h1>{standfirst}
<p class="byline">By <span class="author">{html.escape(a["author"])}</span> ·
<time datetime="{a["date"]}">{a["date"][:10]}</time></p>
<div class="article-body">{paragraphs}</div>
</article>
<aside class="related"><h3>Related stories</h3><ul>{related}</ul></aside>
<section id="comments" class="comments"><h3>Comments ({len(a.get("comments", []))})</h3>
<ol class="comment-list">{comments}</ol></section>"""
        return self.frame(a["title"], main, head=head)

    def rss(self) -> str:
        items = "".join(
            f"<item><title>{xml_escape(a['title'])}</title><link>{self.base_url}{self.path_of(a)}</link>"
            f"<guid>{self.base_url}{self.path_of(a)}</guid>"
            f"<pubDate>{format_datetime(datetime.fromisoformat(a['date']))}</pubDate>"
            f"<description>{xml_escape(''.join(a['body'][:1]))}</description></item>"
            for a in self.published()[:15]
        )
        return (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{self.name}</title><link>{self.base_url}/</link><description>Latest news</description>"
            f"{items}</channel></rss>"
        )

    def sitemap(self) -> str:
        urls = "".join(
            f"<url><loc>{self.base_url}{self.path_of(a)}</loc><news:news><news:publication>"
            f"<news:name>{self.name}</news:name><news:language>en</news:language></news:publication>"
            f"<news:publication_date>{a['date']}</news:publication_date>"
            f"<news:title>{xml_escape(a['title'])}</news:title></news:news></url>"
            for a in self.published()
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
            f"{urls}</urlset>"
        )


def _html(text: str, status: int = 200) -> Page:
    return Page(status, "text/html; charset=utf-8", text.encode("utf-8"))


class _QuietServer(ThreadingHTTPServer):
    """A client that hung up (a crawler's timeout) is not an error worth a traceback."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class SiteServer:
    """A threaded HTTP server for a NewsSite on loopback (a free port unless given).

    `host` may be any 127.x.y.z address: all of 127/8 is loopback, so several sites can be
    distinct hosts to a crawler (each with its own politeness slot) without leaving the machine.
    """

    def __init__(self, site: NewsSite, port: int = 0, host: str = "127.0.0.1"):
        self.site = site
        handler = _handler_for(site)
        self.httpd = _QuietServer((host, port), handler)
        self.httpd.daemon_threads = True
        self.url = f"http://{host}:{self.httpd.server_address[1]}"
        site.base_url = self.url
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> SiteServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def requested(self, paths: Iterable[str]) -> int:
        return sum(self.site.hits[p] for p in paths)


def _basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def _handler_for(site: NewsSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "DemoNews/1.0"
        # keep-alive, as every real news site: HTTP/1.0's connection per request cost the
        # crawler a TCP handshake and Twisted's endpoint set-up per page
        protocol_version = "HTTP/1.1"
        # headers and body go out in two writes: with Nagle's algorithm the body waits for the
        # client's delayed ACK (40 ms), which made one polite request per host cost 80 ms
        disable_nagle_algorithm = True

        def do_GET(self) -> None:
            site.hits[self.path.split("?", 1)[0]] += 1
            given = self.headers.get("Authorization")
            site.authorizations.append(given)
            site.cookies.append(self.headers.get("Cookie"))
            if since := self.headers.get("If-Modified-Since"):
                site.modified_since.append((self.path, since))
            if site.basic_auth is not None and given != _basic(*site.basic_auth):
                self.send_response(401)
                self.send_header("WWW-Authenticate", 'Basic realm="subscribers"')
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            injected = site.on_request(self.path) if site.on_request is not None else None
            if injected is not None and injected.status == 0:
                self.wfile.write(injected.body)  # not HTTP, if anything
                self.close_connection = True  # gone without an answer
                return
            page = injected or site.page(self.path)
            if page.status == 200 and page.content_type.startswith(
                ("application/rss", "application/xml")
            ):
                etag = '"' + hashlib.sha256(page.body).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == etag:
                    site.not_modified += 1
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                page = Page(
                    page.status, page.content_type, page.body, (*page.headers, ("ETag", etag))
                )
            self.send_response(page.status)
            self.send_header("Content-Type", page.content_type)
            self.send_header("Content-Length", str(len(page.body)))
            for key, value in page.headers:
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(page.body)
            site.bytes_served += len(page.body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler
