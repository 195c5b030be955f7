"""Is this page a listing of other stories (a section front, a tag page, an archive page), not
an article?

Start pages, loose `allow` patterns and some sitemaps lead the crawler to section pages
("/news/politics/"). Their teasers (a headline linking to a story, a line or two of its
summary) are text enough for the extractor, and a listing stored as an article would alert on
every story it teases a second time, under another address, with another text: no copy
detection can tie it to the stories. A teaser is read by its shape, not by a site's classes:
a link to another page of the site whose text reads as a headline, at the head of an element
that holds that link alone (and maybe a picture linked to the same story) and some text of its
own. A page whose extracted text is mostly teasers' text, and that has few words of its own, is
a listing. A page that says it is an article (og:type, JSON-LD) is one: a story lost is worse
than a section page kept.

The same teasers inside an article ("Read also" between its paragraphs, a sidebar the
extractor might take for the body) are another story's words: short ones are dropped before
extraction wherever they stand.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from itertools import islice
from urllib.parse import urljoin, urlsplit

from lxml.etree import XPath
from lxml.html import HtmlElement, fromstring

from monitor.urls import registered_domain

MIN_HEADLINE_WORDS = 4
MAX_CLIMB = 4  # elements above a headline link where its teaser may end
MAX_KICKER = 40  # characters before the headline in its teaser: a section label, a time
MIN_TEASERS = 4
# fewer teasers make a listing only where the text is theirs alone: an article with three
# related stories under it has prose of its own
MIN_FEW_TEASERS = 3
FEW_TEASER_SHARE = 0.95
TEASER_SHARE = 0.6  # of the extracted text
MAX_OWN_TEXT = 340  # characters (spaces aside) of the text outside teasers, short lines aside
MIN_OWN_LINE = 34  # shorter lines (a date, a byline, "Next page") are not the page's own prose
MIN_HEADLINE_CHARS = 16  # "Four word headline" at least
MAX_INLINE_TEASER = 400  # characters of a teaser dropped wherever it stands
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
PAGE_ELEMENTS = frozenset({"body", "html", "main", "p"})
MAX_LINKS = 2000  # links looked at: a listing's teasers are near its top
# links that may be a teaser's headline, chosen in C: long enough, not in a sentence (most
# of a page's links are a menu's words; lxml made a Python object of each one looked at)
CANDIDATES = XPath(
    f"//a[@href][string-length(normalize-space(.)) >= {MIN_HEADLINE_CHARS}][not(ancestor::p)]"
)
ARTICLE_TYPE = re.compile(r"(?:\w*Article|BlogPosting|LiveBlogPosting)")
MAX_JSON_LD = 200_000  # characters of a JSON-LD script read
MAX_DECLARED_BODY = 2_000_000  # characters of a JSON-LD script read for its articleBody


@dataclass(frozen=True, slots=True)
class Teaser:
    story: str  # the page it teases: host (no "www.") and path
    element: HtmlElement
    text: str  # squashed


def find_teasers(tree: HtmlElement, url: str, *, article: bool) -> list[Teaser]:
    """The page's teasers, in page order (a story teased twice, in a sidebar and in the body,
    twice). The cheap tests first (a link's words, a paragraph around it), the addresses
    last: most of a page's links are a menu's single words. `article`: the page says it is
    one (says_article), and a page under its address is a part of it (a live blog's post
    permalinks), not another story; a section's stories are under its address too
    (`/politics/` and `/politics/2026/...`)."""
    host, here = _site(url), _page(url)
    page_of = _Resolver(url)
    out: list[Teaser] = []
    seen: set[HtmlElement] = set()  # a teaser's picture and headline link the same story
    for link in islice(CANDIDATES(tree), MAX_LINKS):
        href = link.get("href")
        if href.startswith(("#", "javascript:", "mailto:")):
            continue
        headline = _headline(link)
        if headline is None:
            continue
        story = page_of(href)
        if story == here or not _same_site(story.split("/", 1)[0], host):
            continue
        if article and story.startswith(here + "/"):
            continue
        teaser = _teaser(link, headline, story, page_of)
        if teaser is not None and teaser[0] not in seen:
            seen.add(teaser[0])
            out.append(Teaser(story, *teaser))
    return out


def _headline(link: HtmlElement) -> str | None:
    """The link's headline (a heading's inside it, as a card's link wraps its heading and
    summary), if it reads as one; None for a menu's word."""
    heading = next(link.iter(*HEADINGS), None) if len(link) else None
    text = (heading if heading is not None else link).text_content()
    if len(text) < MIN_HEADLINE_CHARS:
        return None
    headline = " ".join(text.split())
    if headline.count(" ") + 1 < MIN_HEADLINE_WORDS:
        return None
    return headline


def _teaser(
    link: HtmlElement, headline: str, story: str, page_of: _Resolver
) -> tuple[HtmlElement, str] | None:
    """The teaser this headline link heads and its text, or None if it heads none (a list of
    headlines without summaries, a headline among other stories' links)."""
    element = link
    for level in range(MAX_CLIMB + 1):
        if level:
            parent = element.getparent()
            if parent is None or parent.tag in PAGE_ELEMENTS:
                return None
            element = parent
            # its links go to this story alone (a picture's, a "more" link)
            for a in element.iter("a"):
                href = a.get("href")
                if a is not link and href and page_of(href) != story:
                    return None
        text = " ".join(element.text_content().split())
        at = text.find(headline)
        if at < 0 or at > MAX_KICKER:
            return None
        if len(text) - len(headline) >= MIN_OWN_LINE:
            return element, text
    return None


def drop_inline_teasers(tree: HtmlElement, teasers: list[Teaser]) -> int:
    """Another story's teaser where the template puts it between the body's paragraphs ("Read
    also" with that story's headline and summary): the summary would read as this article's
    words, and a rule match another story's. Short ones only, and never one around the page's
    headline (a link of the `<h1>` to the story's other address). Returns the characters
    dropped (spaces aside), which a listing's count of teasers' text must still include."""
    dropped = 0
    for teaser in teasers:
        element = teaser.element
        if (
            len(teaser.text) <= MAX_INLINE_TEASER
            and element.getparent() is not None
            and next(element.iter("h1"), None) is None
        ):
            element.drop_tree()
            dropped += len(teaser.text) - teaser.text.count(" ")
    return dropped


@dataclass(frozen=True, slots=True)
class Listing:
    """A page's teasers' texts, without their spaces (an element's text runs on into the
    next's, and the extractor puts spaces between them) and joined by NUL (a line of the
    extracted text is a teaser's if it is found there); `few`: fewer than MIN_TEASERS."""

    joined: str
    few: bool = False


def listing_teasers(teasers: list[Teaser], *, article: bool) -> Listing | None:
    """The teasers, where the page may be a listing: it does not say it is an article and
    has teasers enough; else None."""
    stories = len({teaser.story for teaser in teasers})
    if stories < MIN_FEW_TEASERS or article:
        return None
    joined = "\x00".join("".join(teaser.text.split()) for teaser in teasers)
    return Listing(joined, few=stories < MIN_TEASERS)


def is_listing(text: str, listing: Listing | None, dropped: int = 0) -> bool:
    """Is the extracted text, with the teasers dropped before extraction (`dropped`
    characters), mostly teasers' (from listing_teasers), with little of the page's own? A
    page of a few teasers (a small section's, a tag's) only if its text is theirs alone."""
    if listing is None:
        return False
    joined = listing.joined
    # each line without its spaces and a list item's bullet, as trafilatura writes one
    lines = ["".join(line.split()).lstrip("-•*") for line in text.splitlines()]
    lines = [line for line in lines if line]
    total = dropped + sum(len(line) for line in lines)
    teased = dropped + sum(len(line) for line in lines if line in joined)
    own = sum(len(line) for line in lines if len(line) >= MIN_OWN_LINE and line not in joined)
    if listing.few:
        return total > 0 and teased >= FEW_TEASER_SHARE * total and own == 0
    return total > 0 and teased >= TEASER_SHARE * total and own <= MAX_OWN_TEXT


def says_article(tree: HtmlElement) -> bool:
    """The page's metadata calls it an article (og:type, a JSON-LD Article)."""
    for meta in tree.iter("meta"):
        kind = meta.get("property") or meta.get("name")
        if kind == "og:type" and (meta.get("content") or "").strip().lower() == "article":
            return True
    for script in tree.iter("script"):
        source = script.text
        if script.get("type") != "application/ld+json" or not source:
            continue
        if len(source) <= MAX_JSON_LD and any(map(_an_article, _items(source))):
            return True
    return False


def declared_body(tree: HtmlElement) -> str | None:
    """The article's text as the page's JSON-LD gives it (`articleBody` of a top-level
    `*Article` or `BlogPosting`), the longest where there are several: the text of a page
    whose script draws the story. Tags a site left in it are dropped."""
    found = ""
    for script in tree.iter("script"):
        source = script.text
        if script.get("type") != "application/ld+json" or not source:
            continue
        if len(source) > MAX_DECLARED_BODY:
            continue
        for item in _items(source):
            body = item.get("articleBody") if _an_article(item) else None  # type: ignore[attr-defined]
            if isinstance(body, str) and len(body) > len(found):
                found = body
    if "<" in found:
        try:
            found = fromstring(f"<div>{found}</div>").text_content()
        except (ValueError, TypeError):
            return None
    lines = (" ".join(line.split()) for line in found.splitlines())
    return "\n".join(line for line in lines if line) or None


def _items(source: str) -> list[object]:
    """The top-level items of a JSON-LD script (its @graph's too): not those an ItemList or
    a related-stories block nests, which a listing page has."""
    try:
        data = json.loads(source)
    except ValueError:
        return []
    items = data if isinstance(data, list) else [data]
    out: list[object] = []
    for item in items:
        out.append(item)
        if isinstance(item, dict) and isinstance(item.get("@graph"), list):
            out += item["@graph"]
    return out


def _an_article(item: object) -> bool:
    if not isinstance(item, dict):
        return False
    kinds = item.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return any(isinstance(kind, str) and ARTICLE_TYPE.fullmatch(kind) for kind in kinds)


class _Resolver:
    """A link's page (see _page), each address resolved once a page: urljoin and urlsplit
    were half of the teasers' time; a root-relative path, as most links are, needs neither."""

    def __init__(self, url: str):
        self.url = url
        self.host = _site(url)
        self.known: dict[str, str] = {}

    def __call__(self, href: str) -> str:
        page = self.known.get(href)
        if page is None:
            bare = href.strip().partition("#")[0].partition("?")[0]
            if bare.startswith("/") and not bare.startswith("//"):
                page = self.host + bare.rstrip("/")
            elif bare.startswith(("https://", "http://")) and "\\" not in bare:
                host, _, path = bare.partition("://")[2].partition("/")
                host = host.rpartition("@")[2].partition(":")[0].lower().removeprefix("www.")
                page = host + ("/" + path).rstrip("/")
            else:
                page = _page(urljoin(self.url, bare))
            self.known[href] = page
        return page


def _same_site(host: str, site: str) -> bool:
    """The same site, or another host of its domain: a section or an edition on a subdomain
    of its own ("uk.news.yahoo.com" on "uk.yahoo.com", "sport.example.com")."""
    return host == site or registered_domain(host) == registered_domain(site)


def _site(url: str) -> str:
    return (urlsplit(url).hostname or "").lower().removeprefix("www.")


def _page(url: str) -> str:
    parts = urlsplit(url)
    return f"{(parts.hostname or '').lower().removeprefix('www.')}{parts.path.rstrip('/')}"
