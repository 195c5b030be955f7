"""A source read through a proxy of its own; the other sources go direct."""

from __future__ import annotations

import base64
import http.client
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from monitor.config import load_config
from monitor.demo.site import NewsSite, Page, SiteServer
from monitor.errors import ConfigError
from tests.conftest import council_story, run_monitor
from tests.test_crawl import db_rows


class ForwardProxy:
    """A plain HTTP forward proxy on loopback (GETs of absolute addresses), recording what it
    forwarded; with `credentials`, a request without them is answered 407."""

    def __init__(self, credentials: tuple[str, str] | None = None):
        self.forwarded: list[str] = []
        self.refused = 0
        expected = (
            "Basic " + base64.b64encode(":".join(credentials).encode()).decode()
            if credentials
            else None
        )
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                if expected and self.headers.get("Proxy-Authorization") != expected:
                    proxy.refused += 1
                    self.send_response(407)
                    self.send_header("Proxy-Authenticate", 'Basic realm="p"')
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                proxy.forwarded.append(self.path)
                target = urlsplit(self.path)
                upstream = http.client.HTTPConnection(target.hostname, target.port, timeout=10)
                path = target.path + (f"?{target.query}" if target.query else "")
                upstream.request("GET", path, headers={"User-Agent": self.headers["User-Agent"]})
                answer = upstream.getresponse()
                body = answer.read()
                self.send_response(answer.status)
                for key in ("Content-Type", "Location", "ETag"):
                    if answer.getheader(key):
                        self.send_header(key, answer.getheader(key))
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                upstream.close()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self) -> ForwardProxy:
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def feed(links: list[str]) -> Page:
    items = "".join(f"<item><title>{link}</title><link>{link}</link></item>" for link in links)
    return Page(200, "application/rss+xml", f"<rss><channel>{items}</channel></rss>".encode())


@pytest.mark.parametrize("with_password", [False, True], ids=["open", "password"])
def test_a_source_with_a_proxy_is_read_through_it_and_the_others_direct(
    tmp_path: Path, with_password: bool
) -> None:
    blocked, open_site = NewsSite([]), NewsSite([])
    credentials = ("relay", "p@ss:word") if with_password else None
    with (
        SiteServer(blocked) as far,
        SiteServer(open_site, host="127.0.0.2") as near,
        ForwardProxy(credentials) as proxy,
    ):
        for site, server, titles in ((blocked, far, "AB"), (open_site, near, "CD")):
            for letter in titles:
                site.extra[f"/news/{letter}.html"] = council_story(f"Story {letter} of the week")
            site.extra["/feed.xml"] = feed([f"{server.url}/news/{t}.html" for t in titles])
        address = (
            proxy.url.replace("http://", "http://relay:p%40ss%3Aword@")
            if with_password
            else proxy.url
        )
        config = tmp_path / "monitor.toml"
        config.write_text(
            'database = "data/archive.db"\n[crawl]\ndownload_delay = 0\n'
            f'[[source]]\nname = "far"\nfeeds = ["{far.url}/feed.xml"]\n'
            + ('proxy_env = "FAR_PROXY"\n' if with_password else f'proxy = "{proxy.url}"\n')
            + f'[[source]]\nname = "near"\nfeeds = ["{near.url}/feed.xml"]\n'
        )
        done = run_monitor("crawl", "-c", str(config), env={"FAR_PROXY": address})
    assert "far: 2 article links" in done.stdout and "near: 2 article links" in done.stdout
    titles = {t for (t,) in db_rows(config, "SELECT title FROM articles")}
    assert titles == {f"Story {letter} of the week" for letter in "ABCD"}
    # every request of "far" (robots.txt included) went through the proxy, none of "near"'s
    far_paths = {urlsplit(url).path for url in proxy.forwarded if url.startswith(far.url)}
    assert far_paths == {"/robots.txt", "/feed.xml", "/news/A.html", "/news/B.html"}
    assert not [url for url in proxy.forwarded if not url.startswith(far.url)]
    assert proxy.refused == 0


@pytest.mark.parametrize(
    ("keys", "problem"),
    [
        (
            "proxy = 'socks5://127.0.0.1:9050'",
            "source[0].proxy: socks5:// proxies are not supported by the crawler: run an HTTP "
            "proxy in front of it (privoxy, or Tor's HTTPTunnelPort) and give its http:// address",
        ),
        (
            "proxy = 'http://127.0.0.1'",
            "source[0].proxy: 'http://127.0.0.1' names no port (like http://127.0.0.1:8118)",
        ),
        (
            "proxy = 'proxy.example.org:3128'",
            "source[0].proxy: 'proxy.example.org:3128' is not a proxy address (expected "
            "http://host:port)",
        ),
        (
            "proxy_env = 'BAD_PROXY'",
            "source[0].proxy_env: the address in BAD_PROXY names no port (like "
            "http://127.0.0.1:8118)",
        ),
        (
            "proxy = 'http://127.0.0.1:8118'\nproxy_env = 'GOOD_PROXY'",
            "source[0]: give either proxy or proxy_env, not both",
        ),
    ],
    ids=["socks", "no-port", "no-scheme", "env-no-port", "both"],
)
def test_a_bad_proxy_is_refused_without_repeating_its_password(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, keys: str, problem: str
) -> None:
    monkeypatch.setenv("BAD_PROXY", "http://relay:s3cret@proxy.example.org")
    monkeypatch.setenv("GOOD_PROXY", "http://relay:s3cret@proxy.example.org:3128")
    path = tmp_path / "monitor.toml"
    path.write_text(f"[[source]]\nname = 's'\nsite = 'https://e.org/'\n{keys}\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert caught.value.problems == [f"{path}: {problem}"]


def test_check_shows_the_proxy_without_its_password(tmp_path: Path) -> None:
    path = tmp_path / "monitor.toml"
    path.write_text("[[source]]\nname = 's'\nsite = 'https://e.org/'\nproxy_env = 'P'\n")
    env = {"P": "http://relay:s3cret@proxy.example.org:3128"}
    shown = run_monitor("check", "-c", str(path), env=env).stdout
    assert "through the proxy http://relay:***@proxy.example.org:3128" in shown
    assert "s3cret" not in shown
