"""A source's credentials for its own site: subscriber feeds, members-only archives, paywalls.

A source's `username_env` / `password_env` (HTTP Basic) and `cookie_env` (a logged-in
session's Cookie header, copied from a browser) are sent only to the hosts its own addresses name
(site, feeds, sitemaps, start pages; with or without www., and their subdomains), never to a
host a link or a redirect leads to, and never in the clear: over plain http only to loopback.
Scrapy's own HttpAuthMiddleware takes one set of credentials per crawler, and one `monitor
crawl` runs every source's spider under one set of settings; this one asks each request's
spider for its source's.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from scrapy.http import Request, Response
from w3lib.http import basic_auth_header

LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})


def credential_hosts(urls: list[str]) -> frozenset[str]:
    """The hosts (lower case, without www.) a source's credentials may go to."""
    return frozenset(host.removeprefix("www.") for url in urls if (host := urlsplit(url).hostname))


def on_hosts(url: str, hosts: frozenset[str]) -> bool:
    """Is `url` on one of `hosts` (with or without www.), or a subdomain of one?"""
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    return any(host == allowed or host.endswith("." + allowed) for allowed in hosts)


def may_receive(url: str, hosts: frozenset[str]) -> bool:
    """Is `url` on one of `hosts` (see on_hosts), over https, or http on loopback?"""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    if parts.scheme != "https" and not (parts.scheme == "http" and host in LOOPBACK):
        return False
    return on_hosts(url, hosts)


def credential_headers(source: Any) -> dict[bytes, bytes]:
    """The Authorization and Cookie headers a source gives (none, if it gives no credentials)."""
    out = {}
    if source.username is not None and source.password is not None:
        # RFC 7617: UTF-8 (w3lib defaults to Latin-1, which cannot write every password)
        out[b"Authorization"] = basic_auth_header(
            source.username, source.password, encoding="utf-8"
        )
    if source.cookie:
        out[b"Cookie"] = source.cookie.encode("utf-8")
    return out


def plain_http_hosts(urls: list[str]) -> list[str]:
    """The source's addresses its credentials would cross the network in the clear to."""
    return [
        url
        for url in urls
        if urlsplit(url).scheme == "http" and (urlsplit(url).hostname or "") not in LOOPBACK
    ]


class SourceAuthMiddleware:
    """Adds the request's source's Authorization and Cookie headers, where it gives them."""

    def __init__(self, crawler: Any):
        self.crawler = crawler
        self._headers: dict[bytes, bytes] = {}
        self._hosts: frozenset[str] = frozenset()
        self._ready = False

    @classmethod
    def from_crawler(cls, crawler: Any) -> SourceAuthMiddleware:
        return cls(crawler)

    def _prepare(self) -> None:
        self._ready = True
        source = getattr(self.crawler.spider, "source", None)
        if source is None:
            return
        self._headers = credential_headers(source)
        self._hosts = credential_hosts(source.own_urls())

    def process_request(self, request: Request) -> Request | Response | None:
        if not self._ready:
            self._prepare()
        if self._headers and may_receive(request.url, self._hosts):
            for name, value in self._headers.items():
                if name not in request.headers:
                    request.headers[name] = value
        return None
