"""Title, author, date, description and canonical URL of a page, read before extraction.

trafilatura's `extract_metadata` also reads categories, tags, licence and site name, which we do
not store and which cost a sixth of the extraction time; this reads only what the archive keeps,
with the same trafilatura and htmldate functions and in the same order of precedence (meta tags,
then JSON-LD, then the page's markup).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura.json_metadata import normalize_authors
from trafilatura.metadata import examine_meta, extract_meta_json, extract_title, extract_url
from trafilatura.utils import trim

from monitor.byline_xpaths import DISCARDED_AROUND, DISCARDED_INSIDE, byline_candidates
from monitor.bylines import PARTICLES, clean_authors, co_authors_apart, letters
from monitor.dates import publication_date, writes_a_date

log = logging.getLogger(__name__)
MAX_BYLINE = 120  # characters, as trafilatura


@dataclass(frozen=True, slots=True)
class PageMetadata:
    title: str | None = None
    author: str | None = None
    date: str | None = None
    description: str | None = None
    url: str | None = None  # rel=canonical or og:url, as the page declares it
    site_name: str | None = None


def page_metadata(tree: HtmlElement, url: str) -> PageMetadata:
    """Read-only on `tree` (trafilatura's helpers copy before they prune)."""
    meta = examine_meta(tree)
    if meta.author and " " not in meta.author:
        meta.author = None  # a handle or a site name, not a person (trafilatura's rule)
    try:
        meta = extract_meta_json(tree, meta)
    except Exception as exc:  # JSON-LD in the wild breaks in every way
        log.debug("unreadable JSON-LD in %s: %s", url, exc)
    title = meta.title or extract_title(tree)
    if meta.author and _an_address(meta.author, tree):
        meta.author = None  # "www.medianotions.de", the web agency's: no one's name
    if not clean_authors(meta.author):
        author = _byline(tree) or _labelled(tree)
    elif _publishers_name(meta.author or "", tree, meta.sitename):
        # the publisher named as the author ("Deutsche Welle (www.dw.com)" for both): a byline
        # under the headline that names a person is the author
        author = _labelled(tree) or meta.author
    else:
        author = meta.author
    if author and INITIAL.search(author):
        author = _dotted_initials(author, tree)
    canonical = meta.url or extract_url(tree, url)
    date = publication_date(tree, canonical or url)
    return PageMetadata(title, author, date, meta.description, canonical, meta.sitename)


def _an_address(author: str, tree: HtmlElement) -> bool:
    """Is the meta author a web address the page writes as its author or creator
    ("www.example.de", which trafilatura makes "Www Example De")?"""
    written = letters(author)
    return any(
        HOST_NAME.fullmatch(piece.strip()) is not None and letters(piece) == written
        for value in islice(META_AUTHORS(tree), 10)
        for piece in str(value).split(",")
    )


def _dotted_initials(author: str, tree: HtmlElement) -> str:
    """The names with their initials' full stops, as the page writes them: trafilatura drops
    them ("Dana A. Ford, James S.A. Corey" -> "Dana A Ford; James S A Corey")."""
    written = " ".join([*islice(WRITTEN_AUTHORS(tree), 50), tree.text_content()[:MAX_PAGE_TEXT]])
    names = []
    for name in author.split("; "):
        words = name.split()
        pattern = ""
        for index, word in enumerate(words):
            if index:
                pattern += r"\s*" if INITIAL.fullmatch(words[index - 1]) else r"\s+"
            pattern += re.escape(word) + (r"\." if INITIAL.fullmatch(word) else "")
        found = re.search(pattern, written) if INITIAL.search(name) else None
        names.append(" ".join(found.group().split()) if found else name)
    return "; ".join(names)


PARENTHESIS = re.compile(r"\([^()]*\)")
INITIAL = re.compile(r"(?<![^\s;])[A-Z](?![^\s;])")  # a capital alone: an initial, its dot gone
HOST_NAME = re.compile(r"(?i:https?://)?(?:[\w-]+\.)+[a-z]{2,}/?")
META_AUTHORS = XPath(
    "//meta[contains(translate(@name, 'AUTHOR', 'author'), 'author') or @name='creator'"
    " or @name='dc.creator' or @name='DC.creator'"
    " or contains(@property, 'author') or contains(@itemprop, 'author')]/@content"
)
WRITTEN_AUTHORS = XPath("//meta/@content | //script[@type='application/ld+json']/text()")
MAX_PAGE_TEXT = 200_000  # characters of a page's text searched for a name as written
# where a page names its publisher: a meta author that says the same names no one
PUBLISHER_META = XPath(
    "//head/meta[@name='publisher' or @property='og:site_name' or @name='application-name'"
    " or @property='article:publisher']/@content"
)


def _publishers_name(author: str, tree: HtmlElement, site_name: str | None) -> bool:
    """Is the page's meta author its publisher's name, a parenthesis aside?"""
    folded = _as_organisation(author)
    names = [site_name or "", *islice(PUBLISHER_META(tree), 10)]
    return bool(folded) and any(_as_organisation(str(name)) == folded for name in names)


def _as_organisation(name: str) -> str:
    return " ".join(PARENTHESIS.sub(" ", name).casefold().split())


def _byline(tree: HtmlElement) -> str | None:
    """The page's byline: trafilatura's `extract_author`, except that it takes the first
    author-marked element that names a person. trafilatura's stops at the first one with any
    text, so a comment form's "Username", a "Follow" button or a "staff reporter" label hid the
    real byline."""
    for candidates in byline_candidates(tree):
        for element in candidates:
            # what trafilatura prunes from a copy of the page first, skipped in place
            if DISCARDED_AROUND(element):
                continue
            discarded = set(DISCARDED_INSIDE(element))
            content = trim(" ".join(_texts_outside(element, discarded)))
            if content and (dated := _dated_name(content)) is not None:
                content = dated.group(1)  # "Jane Roe | Baku | 08/01/2014": the name alone
            if content and 2 < len(content) < MAX_BYLINE:
                # co-authors in parentheses made names of their own first: trafilatura drops
                # a parenthesis as a nickname ("Jane Roe (with John Doe)")
                author = normalize_authors(None, co_authors_apart(content))
                person = clean_authors(author)
                if person and _names_someone(person):
                    return str(author)
    return None


def _texts_outside(element: HtmlElement, discarded: set[HtmlElement]) -> Iterator[str]:
    """`element.itertext()` as it reads once the `discarded` elements are deleted (their
    tails stay, as trafilatura's `delete_element` keeps them). A walk, not a recursion: a
    hostile page nests tags by the hundred thousand."""
    if not discarded:
        yield from element.itertext()
        return
    if element.text and isinstance(element.tag, str):
        yield element.text
    stack = [(element, iter(element))]  # comments are children too: their tails are text
    while stack:
        node, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if node is not element and node.tail:
                yield node.tail
        elif child in discarded:
            if child.tail:
                yield child.tail
        else:
            if child.text and isinstance(child.tag, str):
                yield child.text
            stack.append((child, iter(child)))


# a byline in plain text, its label saying what it is: "By Jane Roe · 4 March 2026",
# "4 марта 2026 · Автор: Иван Петров", "ავტორი: ნინო ბერიძე"; at an element's start or after
# a separator, the name up to the next separator, digit or the end
LABELLED_BYLINE = re.compile(
    r"(?:^|[·|•/–—／｜]\s*)(?:(?i:by|written\s+by|von|par|por|door|autor|autorin|autorka|auteur|"
    r"autore|автор|авторка|від|müəllif|müəllifi|yazar|yazan|szerző|ავტორი|Հեղինակ))"
    r"(?:\s*:\s*|\s+)([^\W\d_][^·|•/–—／｜\d:]{2,60}?)\s*(?:$|[·|•/–—／｜,(]|\d)"
)
# "Name | Place | date" under the headline: the name, then what follows its separator
# (a bar only: "Title · date" is how a list of teasers writes other stories' headlines)
UNLABELLED_BYLINE = re.compile(
    r"([^\W\d_][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*){1,2})\s*\|\s*"
    r"((?:[^|]{1,40}\|\s*)?[^|]{6,40})$"
)
# the words of a section's or a label's row, never of a name
SECTION_WORDS = frozenset(
    {"news", "breaking", "latest", "world", "politics", "sport", "sports", "business", "local",
     "national", "opinion", "home", "live", "update", "updates", "economy", "culture", "video",
     "photos", "analysis", "editorial", "exclusive", "read", "more", "gallery", "haberler",
     "новости", "xəbərlər",
     "siyasət", "politika", "gündem", "iqtisadiyyat", "экономика", "политика", "мир"}
)  # fmt: skip
GEORGIAN = re.compile(r"[\u10a0-\u10ff\u1c90-\u1cbf]")
NEAR_HEADLINE = 30  # elements after an <h1> looked at for a byline in plain text
MAX_HEADLINES = 3  # <h1>s looked after
MAX_WALK = 5_000  # elements walked in all


def _labelled(tree: HtmlElement) -> str | None:
    """A byline no markup names (no author meta, class or rel): a short element just after
    the headline whose text gives the name after a label ("By", "Автор:", "Müəllif:")."""
    left = 0  # elements still to look at after the last <h1>
    headlines = 0
    # a site's logo may be its first <h1>, the headline the next: a few are looked after; the
    # walk stops early (a hostile page's 200,000 tags are never all read)
    for element in islice(tree.iter(), MAX_WALK):
        if element.tag == "h1":
            headlines += 1
            if headlines > MAX_HEADLINES:
                return None
            left = NEAR_HEADLINE
            continue
        if left == 0:
            continue
        left -= 1
        if not isinstance(element.tag, str) or element.tag in ("script", "style"):
            continue
        text = _short_text(element)
        if not text:
            continue
        found = LABELLED_BYLINE.search(text) or _dated_name(text)
        if found is None:
            continue
        # "Jane Roe @janeroe"; date words after the name ("Updated Nov") go in clean_authors
        person = clean_authors(found.group(1).split("@", 1)[0])
        if person and _names_someone(person) and _written_as_names(person):
            return person
    return None


def _dated_name(text: str) -> re.Match[str] | None:
    """A byline without a label, as a name, a separator and the date ("Patricio Candia |
    Palma de Mallorca | 08/01/2014"): a name of two or three words, no section's ("Breaking
    News | 08/01/2014")."""
    found = UNLABELLED_BYLINE.match(text)
    if found is None or not writes_a_date(found.group(2)):
        return None
    if any(word.casefold() in SECTION_WORDS for word in found.group(1).split()):
        return None
    return found


def _short_text(element: HtmlElement) -> str | None:
    """The element's text, single-spaced, its elements' texts kept apart ("Deutsch</a>March 7":
    not "DeutschMarch"); None past MAX_BYLINE characters, read no further (the element after
    a headline may hold the whole article, or a hostile page's 30 MB text node)."""
    pieces, size = [], 0
    for piece in element.itertext():
        size += len(piece)
        if size > 4 * MAX_BYLINE:  # spaces and indentation count too: some room
            return None
        pieces.append(piece)
    text = " ".join(" ".join(pieces).split())
    return text if len(text) <= MAX_BYLINE else None


def _written_as_names(people: str) -> bool:
    """Each word capitalised (or a particle: "von der Leyen"), in a script that capitalises
    names: "By the numbers" is no byline. Georgian has capitals (Mtavruli) but writes names
    without them."""
    words = people.replace(";", " ").split()
    return all(
        w[:1].isupper() or not w[:1].islower() or w in PARTICLES or GEORGIAN.match(w) for w in words
    )


def _names_someone(person: str) -> bool:
    """In a script with capitals a name has two words at least: one word is a handle, a site or
    a button ("Follow"). Names in scripts without spaces or capitals ("王小明") pass."""
    cased = any(char.isupper() or char.islower() for char in person)
    return " " in person or not cased
