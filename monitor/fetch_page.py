"""One page fetched for `monitor extract URL`: what the crawler would read there, asked by a
person tuning a source (a one-off request, like a browser's, so robots.txt is not consulted).

The crawler's limits hold: its User-Agent, a time limit, and at most DOWNLOAD_MAXSIZE bytes of
body once decompressed (a compression bomb is refused while it is read, not after).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import httpx

from monitor.config import Source
from monitor.errors import MonitorError, TooBig
from monitor.settings import DOWNLOAD_MAXSIZE, USER_AGENT

MAX_REDIRECTS = 5
ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"


@dataclass(frozen=True, slots=True)
class FetchedPage:
    url: str  # where it was read, after redirects
    body: bytes
    content_type: str | None


def source_of(url: str, sources: Iterable[Source]) -> Source | None:
    """The configured source whose own hosts `url` is on (its site, feeds, pages), if any."""
    from monitor.source_auth import credential_hosts, on_hosts

    return next((s for s in sources if on_hosts(url, credential_hosts(s.own_urls()))), None)


def source_headers(source: Source, url: str) -> dict[str, str]:
    """The Authorization and Cookie headers `source` gives, where `url` may receive them."""
    from monitor.source_auth import credential_headers, credential_hosts, may_receive

    if not may_receive(url, credential_hosts(source.own_urls())):
        return {}
    return {
        name.decode(): value.decode("latin-1") for name, value in credential_headers(source).items()
    }


def is_web_address(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def fetch_page(
    url: str,
    *,
    timeout: float = 30.0,
    limit: int = DOWNLOAD_MAXSIZE,
    user_agent: str = USER_AGENT,
    source: Source | None = None,
) -> FetchedPage:
    """The page at `url`, or a MonitorError that says why not (status, time-out, size).

    `source`: the configured source whose site it is: its credentials go with it (to its own
    hosts only, as the crawler sends them) and its proxy carries it."""
    headers = {"User-Agent": user_agent, "Accept": ACCEPT}
    if source is not None:
        headers |= source_headers(source, url)
    try:
        with (
            httpx.Client(
                headers=headers,
                timeout=timeout,
                follow_redirects=True,
                max_redirects=MAX_REDIRECTS,
                # httpx drops Authorization and Cookie on a redirect to another origin
                proxy=source.proxy if source is not None else None,
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code != 200:
                raise MonitorError(f"{url}: HTTP {response.status_code}")
            size, chunks = 0, []
            for chunk in response.iter_bytes():  # decompressed as it comes
                size += len(chunk)
                if size > limit:
                    raise TooBig(limit, f"{url}: ")
                chunks.append(chunk)
            return FetchedPage(
                str(response.url), b"".join(chunks), response.headers.get("content-type")
            )
    except httpx.TooManyRedirects:
        raise MonitorError(f"{url}: more than {MAX_REDIRECTS} redirects") from None
    except httpx.TimeoutException:
        raise MonitorError(f"{url}: no answer within {timeout:g}s") from None
    except httpx.DecodingError as exc:
        raise MonitorError(f"{url}: its compressed body is corrupt ({exc})") from None
    except (httpx.HTTPError, httpx.InvalidURL) as exc:  # refused, reset, unknown host, bad URL
        raise MonitorError(f"{url}: {exc or type(exc).__name__}") from None
