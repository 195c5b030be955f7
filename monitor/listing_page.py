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
"""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement

MIN_HEADLINE_WORDS = 4
MAX_CLIMB = 4  # elements above a headline link where its teaser may end
MAX_KICKER = 40  # characters before the headline in its teaser: a section label, a time
MIN_TEASERS = 4
TEASER_SHARE = 0.6  # of the extracted text
MAX_OWN_TEXT = 340  # characters (spaces aside) of the text outside teasers, short lines aside
MIN_OWN_LINE = 34  # shorter lines (a date, a byline, "Next page") are not the page's own prose
MAX_LINKS = 2000  # links looked at: a listing's teasers are near its top
ARTICLE_TYPE = re.compile(r"(?:\w*Article|BlogPosting|LiveBlogPosting)")
MAX_JSON_LD = 200_000  # characters of a JSON-LD script read


def teaser_texts(tree: HtmlElement, url: str) -> tuple[str, int]:
    """The texts of the page's teasers, without their spaces (an element's text runs on into
    the next's, and the extractor puts spaces between them) and joined by NUL: a line of the
    extracted text is a teaser's if it is found there; and how many teasers there are."""
    host = _site(url)
    here = _page(url)
    texts: list[str] = []
    stories: set[str] = set()
    for seen, link in enumerate(tree.iter("a")):
        if seen >= MAX_LINKS:
            break
        href = link.get("href")
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        target = urljoin(url, href.strip())
        if _site(target) != host or _page(target) == here or _page(target) in stories:
            continue
        headline = " ".join(link.text_content().split())
        if len(headline.split()) < MIN_HEADLINE_WORDS:
            continue
        block = _teaser(link, _page(target), url)
        if block is not None:
            stories.add(_page(target))
            texts.append("".join(block.split()))
    return "\x00".join(texts), len(stories)


def _teaser(link: HtmlElement, story: str, url: str) -> str | None:
    """The text of the teaser this headline link heads, or None if it heads none (a link in a
    paragraph's sentence, a list of headlines without summaries)."""
    headline = " ".join(link.text_content().split())
    element = link
    for _ in range(MAX_CLIMB):
        parent = element.getparent()
        if parent is None or parent.tag in ("body", "html", "main", "p"):
            return None
        element = parent
        # its links go to this story alone (a picture's, a "more" link)
        for a in element.iter("a"):
            href = a.get("href")
            if a is not link and href and _page(urljoin(url, href.strip())) != story:
                return None
        text = " ".join(element.text_content().split())
        at = text.find(headline)
        if at < 0 or at > MAX_KICKER:
            return None
        if len(text) - len(headline) >= MIN_OWN_LINE:
            return text
    return None


def listing_teasers(tree: HtmlElement, url: str) -> str | None:
    """The page's teasers' texts (see teaser_texts) where it may be a listing: it does not say
    it is an article, and has teasers enough; else None. Read before extraction prunes the
    tree; the metadata first, as most articles say what they are (3 ms a page saved)."""
    if says_article(tree):
        return None
    joined, count = teaser_texts(tree, url)
    return joined if count >= MIN_TEASERS else None


def is_listing(text: str, joined: str | None) -> bool:
    """Is the extracted text mostly teasers' (`joined`, from listing_teasers), with little of
    the page's own?"""
    if joined is None:
        return False
    # each line without its spaces and a list item's bullet, as trafilatura writes one
    lines = ["".join(line.split()).lstrip("-•*") for line in text.splitlines()]
    lines = [line for line in lines if line]
    total = sum(len(line) for line in lines)
    teased = sum(len(line) for line in lines if line in joined)
    own = sum(len(line) for line in lines if len(line) >= MIN_OWN_LINE and line not in joined)
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


def _site(url: str) -> str:
    return (urlsplit(url).hostname or "").lower().removeprefix("www.")


def _page(url: str) -> str:
    parts = urlsplit(url)
    return f"{(parts.hostname or '').lower().removeprefix('www.')}{parts.path.rstrip('/')}"
