"""A stored story's address that now gives its site's "page not found" page, at HTTP 200.

Many sites take a story down without saying so in the status: the address answers 200 with
the page every unknown address gets ("Sorry, we couldn't find that page", the latest news, the
menu). A 404 is noted as a takedown (spiders.news); this page would be read as "no article here
now" and said nothing of. Telling it from a page our extractor no longer reads (a redesign)
needs no list of "not found" phrases in every language: ask the site for an address in the
same folder that cannot exist. If that answers 200 with the same page, word for word but for
the addresses themselves, the story's address is giving the not-found page, as search engines
tell a "soft 404". If it answers 404, the site says so when a page is missing, and the story's
page is something else (read again at its next age).

The page a site gives every address, its home page too, is no not-found page: a consent or
login wall, a bot challenge, a script's shell (the home page is asked once a pass to tell).
Nor is a page that gives the story's headline, nor the story's page when the site's answer
gives it: a site turned into a script that renders every page in the browser answers the
same shell everywhere, but its shell names the story it is for; a site that finds a story by
the id in its folder gives that story at any slug.
"""

from __future__ import annotations

import html
import re
import secrets
import string
from collections import Counter
from urllib.parse import urlsplit, urlunsplit

from alerts.text import fold_words

# what a story's page answers, as noted (articles.gone_status), when it is its site's
# not-found page: the status it came with
NOT_FOUND_PAGE = 200
SAME_SHARE = 0.95  # of the words of the longer page, found in the other too
MAX_BYTES = 512 * 1024  # a site's not-found page is small; a page this long is read in part
HIDDEN = re.compile(rb"<(script|style|noscript|template)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
TAG = re.compile(rb"<[^>]*>")


def probe_address(url: str, token: str | None = None) -> str:
    """An address in the story's folder that no site publishes (its last segment a random
    token, its extension or closing slash kept): what the site answers for a page it does
    not have."""
    parts = urlsplit(url)
    path = parts.path or "/"
    slash = "/" if path.endswith("/") and path != "/" else ""  # ".../story-slug/"
    folder, _, last = path.removesuffix(slash).rpartition("/")
    extension = last[last.rfind(".") :] if "." in last.lstrip(".") else ""
    if token is None:  # letters only: a site that reads a story's id off a slug's end finds none
        token = "".join(secrets.choice(string.ascii_lowercase) for _ in range(12))
    name = f"monitor-no-such-page-{token}{extension}{slash}"
    return urlunsplit((parts.scheme, parts.netloc, f"{folder}/{name}", "", ""))


def page_words(body: bytes, *addresses: str) -> Counter[str]:
    """The words a reader sees on the page (its scripts and styles out), folded, but for
    where it repeats one of `addresses`, as a not-found page often does the address asked."""
    visible = TAG.sub(b" ", HIDDEN.sub(b" ", body[:MAX_BYTES]))
    text = html.unescape(visible.decode("utf-8", "replace"))
    for address in addresses:
        parts = urlsplit(address)
        for form in (address, parts.path + (f"?{parts.query}" if parts.query else ""), parts.path):
            if len(form) > 1:
                text = text.replace(form, " ")
    return Counter(fold_words(text))


def gives_not_found_page(page: Counter[str], not_found: Counter[str], title: str | None) -> bool:
    """The story's page is the page its site gives an address it does not have: nearly
    every word of each is in the other, as often (a "latest news" box may differ by a
    headline), and neither gives the story's headline. A site that finds its stories by an
    id in the folder ("/news/12345/any-slug") gives the story itself at the address asked
    for; a headline still in a "most read" box beside a story taken down costs us that
    takedown, not a false one."""
    if names_story(page, title) or names_story(not_found, title):
        return False
    return same_page(page, not_found)


def same_page(page: Counter[str], other: Counter[str]) -> bool:
    """Nearly every word of each is in the other, as often."""
    longer = max(page.total(), other.total())
    return longer > 0 and (page & other).total() >= SAME_SHARE * longer


def home_page(url: str) -> str:
    """The site's home page: what a wall, a challenge or a shell gives as it gives all."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/", "", ""))


def same_site(url: str, other: str) -> bool:
    """The same host, www. or not."""
    return _host(url) == _host(other)


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").removeprefix("www.")


def names_story(page: Counter[str], title: str | None) -> bool:
    """The page gives the stored story's headline (its words, each at least once)."""
    words = fold_words(title or "")
    return bool(words) and all(page[w] for w in words)


def site_answer(status: int, *, past: bool = False) -> str:
    """What a taken-down story's site answers at its address (articles.gone_status), in
    words: "its site answers HTTP 410" (`past`: "it had answered HTTP 410")."""
    if status == NOT_FOUND_PAGE:
        verb, what = ("given" if past else "gives"), "its not-found page at the story's address"
    elif 300 <= status < 400:
        verb, what = ("sent" if past else "sends"), "its address to the home page or its section"
    else:
        return f"{'answered' if past else 'answers'} HTTP {status}"
    return f"{verb} {what} (HTTP {status})"
