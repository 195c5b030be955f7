"""A source read through a proxy of its own: an outlet blocked where the monitor runs (as
Azerbaijan blocks several independent sites), or one that answers only some countries.

Every request of that source's crawl (its robots.txt included) is sent through `proxy` (or the
address in the environment variable `proxy_env`, for one with a password); Scrapy's
HttpProxyMiddleware then does the rest: credentials in the address become Proxy-Authorization,
https goes through a CONNECT tunnel. The other sources go direct (or through the usual
http_proxy / https_proxy environment variables, which Scrapy honours for every crawl).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from scrapy.http import Request, Response

SCHEMES = ("http", "https")


def proxy_problem(url: str) -> str | None:
    """Why `url` cannot be a source's proxy, or None."""
    try:
        parts = urlsplit(url)
    except ValueError as exc:  # "http://[bad"
        return f"{url!r} is not a proxy address ({exc})"
    if parts.scheme.lower().startswith("socks"):
        return (
            f"{parts.scheme}:// proxies are not supported by the crawler: run an HTTP proxy in "
            "front of it (privoxy, or Tor's HTTPTunnelPort) and give its http:// address"
        )
    try:
        port = parts.port
    except ValueError:
        return f"{url!r} has no valid port"
    if parts.scheme not in SCHEMES or not parts.hostname:
        return f"{url!r} is not a proxy address (expected http://host:port)"
    if port is None:
        return f"{url!r} names no port (like http://127.0.0.1:8118)"
    return None


def shown(url: str) -> str:
    """A proxy address as it may be printed: without its password."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = f"{parts.username}:***@{parts.hostname}:{parts.port}"
    return parts._replace(netloc=netloc).geturl()


class SourceProxyMiddleware:
    """Sends each request of a source that names a proxy through it."""

    def __init__(self, crawler: Any):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> SourceProxyMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> Request | Response | None:
        source = getattr(self.crawler.spider, "source", None)
        if source is not None and source.proxy and "proxy" not in request.meta:
            request.meta["proxy"] = source.proxy
        return None
