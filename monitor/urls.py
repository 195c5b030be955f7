"""URL canonicalisation, so one article is one archive row whatever tracking junk its links carry."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import parse_qs, unquote_plus, urlsplit, urlunsplit

# Parameters that say who sent a reader, never which article: Google Analytics (utm_),
# Mailchimp, Piwik/Matomo, Webtrekk (wt_mc, the link of every heise.de feed item), AT Internet
# (xtor, at_medium: Le Monde, the BBC's share links), comScore (ns_), ad and social click ids.
# Only names known to track: a parameter dropped wrongly would merge two articles into one row,
# one kept wrongly costs at most a copy that the story check then recognises.
TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "ga_", "wt_", "ns_", "at_custom", "oly_")
TRACKING_KEYS = {
    "fbclid",
    "gclid",
    "gclsrc",
    "dclid",
    "msclkid",
    "yclid",
    "igshid",
    "twclid",
    "ttclid",
    "ref_src",
    "ref_url",
    "_hsenc",
    "_hsmi",
    "_ga",
    "_gl",
    "mkt_tok",
    "xtor",
    "xtref",
    "at_medium",
    "at_campaign",
    "at_platform",
    "at_format",
    "at_link_id",
    "at_link_type",
    "at_link_origin",
    "at_ptr_name",
    "at_bbc_team",
    "at_campaign_type",
    "cmpid",
    "cmp",
    "icid",
    "ocid",
    "ncid",
    "smid",
    "smtyp",
    "s_cid",
    "sr_share",
    "guccounter",
    "vero_id",
    "rb_clickid",
}


# the redirect links of services whose feeds people subscribe to instead of the sites': Google
# Alerts' RSS (google.com/url?...&url=), Bing News' RSS (apiclick.aspx?...&url=), Facebook's
# link shim (l.php?u=). Host, path, and the parameters that may hold the story's address.
WRAPPERS = (
    (re.compile(r"(?:www\.)?google(?:\.[a-z]{2,3}){1,2}"), "/url", ("url", "q")),
    (re.compile(r"(?:www\.)?bing\.com"), "/news/apiclick.aspx", ("url",)),
    (re.compile(r"(?:l|lm|www)\.facebook\.com"), "/l.php", ("u",)),
)


def unwrapped(url: str) -> str:
    """The story's own address for a wrapper's redirect link (one fetched would cost a request
    to Google or Bing for each story, and the story read through it would be another row than
    the same story from the site's own feed); any other address as it is."""
    for _ in range(3):  # a wrapper's link wrapped again, at most this deep
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower()
        inner = None
        for hosts, path, keys in WRAPPERS:
            if parts.path == path and hosts.fullmatch(host):
                values = parse_qs(parts.query)
                inner = next(
                    (v for key in keys for v in values.get(key, ()) if _web_address(v)), None
                )
                break
        if inner is None:
            return url
        url = inner
    return url


# Google News' RSS links: an id of Google's, not the story's address (it cannot be read from
# the link, and the page behind it is a script that asks Google where to go)
GOOGLE_NEWS_LINK = re.compile(r"https?://news\.google\.com/(?:rss/)?(?:articles|read)/", re.I)
GOOGLE_NEWS_DROPPED = (
    "Google News links, not the stories' addresses (use the sites' own feeds, "
    "or a Google Alert's RSS)"
)


def _web_address(value: str) -> bool:
    try:
        parts = urlsplit(value)
        return parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:
        return False


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, drop default ports, fragments and tracking parameters; a
    redirect link of Google Alerts, Bing News or Facebook is the story's address (unwrapped).

    The other parameters are kept as written, in their order ("?fl", "?p=a%2Fb", "?q=a+b"):
    decoding and encoding them again changes addresses some servers read differently.
    """
    parts = urlsplit(unwrapped(url).strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:  # an IPv6 address keeps its brackets
        host = f"[{host}]"
    port = parts.port
    netloc = (
        host
        if port is None or (scheme, port) in (("http", 80), ("https", 443))
        else f"{host}:{port}"
    )
    query = "&".join(piece for piece in parts.query.split("&") if piece and not _tracking(piece))
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def _tracking(piece: str) -> bool:
    key = unquote_plus(piece.partition("=")[0]).strip().lower()
    return key.startswith(TRACKING_PREFIXES) or key in TRACKING_KEYS


# a crawl's skip reason when `allow` took none of the links it found (examples follow it):
# `monitor status` shows it as the source's health
NONE_ALLOWED = "links found, none of them matched allow (check its patterns)"


class UrlPattern:
    """An `allow` or `deny` regex. It is searched for in the whole address, as Scrapy's link
    extractor does; one anchored at a path's start (`^/news/`), as people write them, never
    matched an address (which starts with its scheme) and took nothing, silently: it is matched
    against the path and query instead."""

    def __init__(self, pattern: str):
        self.pattern = pattern
        self.regex = re.compile(pattern)
        self.on_path = pattern.startswith("^/")

    def search(self, url: str) -> bool:
        if not self.on_path:
            return self.regex.search(url) is not None
        parts = urlsplit(url)
        return (
            self.regex.search(parts.path + (f"?{parts.query}" if parts.query else "")) is not None
        )


# second-level labels under which a country's domains are registered ("bbc.co.uk")
SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "or", "ne", "go", "gv"})


def host_of(url: str) -> str:
    """The address's host name, lower case ("" for a malformed address, "http://[x")."""
    try:
        return (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return ""


@lru_cache(maxsize=1024)
def registered_domain(host: str) -> str:
    """The domain a host is registered under: its last two labels, three under a country's
    second level ("news.bbc.co.uk" -> "bbc.co.uk"); an address (127.0.0.1) whole."""
    labels = host.split(".")
    if len(labels) < 3 or labels[-1].isdigit() or ":" in host:
        return host
    if len(labels[-1]) == 2 and labels[-2] in SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])
