"""The one trafilatura adapter: page HTML -> our Article (article text only, no comments)."""

from __future__ import annotations

import logging
import unicodedata
from dataclasses import replace
from datetime import UTC, datetime
from itertools import islice

import trafilatura
from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura.external import try_readability

from monitor.bylines import clean_authors, headline
from monitor.comment_threads import (
    drop_comment_forms,
    drop_comment_sections,
    drop_comment_threads,
    drop_named_threads,
)
from monitor.continuation import (
    Paragraph,
    collect_paragraphs,
    continue_text,
    link_texts,
    unfold_layout_rows,
)
from monitor.html_tree import load_tree
from monitor.language import declared_language, detect_language, page_language
from monitor.lead import find_lead
from monitor.listing_page import (
    declared_body,
    drop_inline_teasers,
    find_teasers,
    is_listing,
    listing_teasers,
    says_article,
)
from monitor.models import LISTING, Article, Extraction
from monitor.page_furniture import (
    drop_hidden_boxes,
    drop_inline_cards,
    drop_signup_boxes,
    drop_story_lists,
    rejoin_wrapped_lines,
)
from monitor.page_metadata import PageMetadata, page_metadata
from monitor.text_cleanup import PageParts, tidied
from monitor.urls import canonical_url
from monitor.zones import naive_time, zoned_by_page

log = logging.getLogger(__name__)
BODY_TEXT_LENGTH = XPath("string-length(normalize-space(/html/body))")

MAX_CAPTIONS = 100  # figure captions read per page (see _captions)
MIN_TEXT_CHARS = 200  # below this a "page" is a stub, a gallery or an index, not an article
# a text this short from a page with ten times as much to read may be the wrong part of it
SHORT_TEXT_CHARS = 1000
MISSED_SHARE = 0.1
MENU_SHARE = 0.5  # of a text in lines that are links' texts: a menu read for the story


def extract_article(html: str, url: str, *, source: str = "", fetched_at: str = "") -> Extraction:
    """Extract title, author, date, language and text; reader comments are never included."""
    if not html or not html.strip():
        return Extraction(None, "empty page")
    try:
        tree = _without_furniture(html, url)
        language = declared_language(tree) if tree is not None else None
        meta = page_metadata(tree, url) if tree is not None else None
        # read before trafilatura cleans the tree: the page's links (a line that is only a
        # link's text is not the story's), captions, paragraphs in place, headlines
        links, every_link = link_texts(tree) if tree is not None else (frozenset(), frozenset())
        captions = _captions(tree) if tree is not None else frozenset()
        # other stories' teasers: a listing's whole text, or a "Read also" box in the body
        # (after the byline is read: an author's box may have the shape of one)
        declared = tree is not None and says_article(tree)
        teasers = find_teasers(tree, url, article=declared) if tree is not None else []
        listing = listing_teasers(teasers, article=declared)
        dropped = drop_inline_teasers(tree, teasers) if teasers and tree is not None else 0
        paragraphs = collect_paragraphs(tree) if tree is not None else []
        headlines = _headlines(tree) if tree is not None else []
        # trafilatura's own extractor first; its readability/jusText fallbacks cost twice the
        # time and changed nothing on the benchmark, so they run only when it finds too little
        doc = _bare(tree, url, fast=True) if tree is not None else None
        fast = doc is not None and len(getattr(doc, "text", None) or "") >= MIN_TEXT_CHARS
        if not fast:
            # on a tree of its own: the first run pruned this one
            fresh = _without_furniture(html, url)
            doc = _bare(fresh, url, fast=False) if fresh is not None else None
            dropped = 0  # the teasers are in this tree, and in its text
    except (ValueError, TypeError, AttributeError, RecursionError) as exc:
        log.warning("extraction failed for %s: %s", url, exc)
        return Extraction(None, "extraction error")
    meta = meta or PageMetadata()
    title = _clean(headline(meta.title, headlines, meta.site_name, url))
    author = clean_authors(_clean(meta.author))
    parts = PageParts(
        [*headlines, title or ""],
        _clean(meta.description),
        frozenset(),
        links,
        every_link,
        captions,
        tuple(author.split("; ")) if author else (),
    )
    text, body = _story_text(doc, html, paragraphs, every_link)
    story = tidied(text, replace(parts, body=body))
    menu = _linked_share(story, every_link) >= MENU_SHARE
    if fast and (len(story) < SHORT_TEXT_CHARS or menu):
        try:
            again = _read_again(html, url, story, menu, declared, paragraphs, every_link)
        except (ValueError, TypeError, AttributeError, RecursionError) as exc:
            log.warning("extraction failed for %s: %s", url, exc)
            again = None
        if again is not None:
            other = tidied(again[0], replace(parts, body=again[1]))
            # in place of furniture, a text; in place of a few lines, a story of some length
            # (not the same lines with a cookie notice and the <title> around them)
            if (
                (len(story) < MIN_TEXT_CHARS or menu)
                and len(other) >= MIN_TEXT_CHARS
                and _linked_share(other, every_link) < MENU_SHARE
            ) or (len(other) > 2 * len(story) and len(other) >= SHORT_TEXT_CHARS):
                story, dropped = other, again[2]
    if len(story) < MIN_TEXT_CHARS and declared:
        # an article whose script draws the story, its HTML a photo's caption and furniture:
        # the text its JSON-LD gives (trafilatura's rescue takes it only from a shorter text)
        page = load_tree(html)
        given = declared_body(page) if page is not None else None
        story = given if given and len(given) >= MIN_TEXT_CHARS else story
    text = story or text  # furniture only: the text as read (a listing's, a stub's)
    if is_listing(text, listing, dropped):
        return Extraction(None, LISTING)
    if len(text) < MIN_TEXT_CHARS:
        return Extraction(None, "no article text")
    lead = find_lead(tree, meta.description, text) if tree is not None else None
    return Extraction(
        Article(
            url=url,
            title=title,
            text=text,
            author=author,
            published=_published(_zoned(html, meta.date)),
            language=page_language(language, title, text),
            source=source,
            fetched_at=fetched_at,
            canonical=_canonical(meta.url, url),
            lead=_clean(lead),
        )
    )


def _without_furniture(html: str, url: str) -> HtmlElement | None:
    """The page's tree without what is never the story's and trafilatura may keep: readers'
    comments, hidden pop-ups, cards inside sentences, sign-up boxes."""
    tree = load_tree(html)
    if tree is not None:
        drop_inline_cards(tree)
        drop_hidden_boxes(tree)
        drop_comment_threads(tree)
        drop_comment_sections(tree)
        drop_comment_forms(tree)
        drop_named_threads(tree)
        drop_story_lists(tree, url)
        if "ewsletter" in html:  # "Newsletter", "newsletter": most pages name none
            drop_signup_boxes(tree)
    return tree


def _read_again(
    html: str,
    url: str,
    story: str,
    menu: bool,
    declared: bool,
    paragraphs: list[Paragraph],
    every_link: frozenset[str],
) -> tuple[str, frozenset[str], int] | None:
    """The page read by trafilatura's fallbacks too (on a tree of its own: the first read
    pruned the first), where its fast pass may have read the wrong part of it: its text was
    furniture or the page's links (`menu`: 400 section names beside a news item of 600
    characters), or the `story` is a few lines of a page with far more to read, even with the
    paragraphs it left out put back (a magazine's story in <div>s of its own, where it took
    the footer's 900 characters of 19,500). readability alone first (2 ms): the fallbacks
    (40 ms, jusText most of it) only where it finds more. Their text, body, and the teasers'
    characters dropped; else None."""
    page = load_tree(html)
    if page is None:
        return None
    if not menu and len(story) >= MISSED_SHARE * visible_chars(page):
        return None
    found = len(" ".join(try_readability(page).text_content().split()))
    if found < MIN_TEXT_CHARS or (not menu and found <= 2 * len(story)):
        return None
    fresh = _without_furniture(html, url)
    if fresh is None:
        return None
    teased = find_teasers(fresh, url, article=declared)
    cut = drop_inline_teasers(fresh, teased) if teased else 0
    text, body = _story_text(_bare(fresh, url, fast=False), html, paragraphs, every_link)
    return text, body, cut


def _linked_share(text: str, every_link: frozenset[str]) -> float:
    """The share of the text in lines that are each a link's whole text: a menu's."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    linked = sum(len(line) for line in lines if line in every_link)
    return linked / max(sum(map(len, lines)), 1)


def _story_text(
    doc: object, html: str, paragraphs: list[Paragraph], every_link: frozenset[str]
) -> tuple[str, frozenset[str]]:
    """trafilatura's text with its lines the page's source wrapped joined, the rows of a
    layout joined and the paragraphs it left out (split from the body by ad rows) put back;
    and the body's paragraphs (continue_text)."""
    text = unicodedata.normalize("NFC", (getattr(doc, "text", None) or "").strip()) if doc else ""
    text = rejoin_wrapped_lines(text, html)
    return continue_text(unfold_layout_rows(text, paragraphs, every_link), paragraphs)


def visible_chars(tree: HtmlElement) -> int:
    """About the characters a reader sees in the page's body, spaces squashed: the body's
    text, counted in C, less its scripts' and styles' (a text node each, a few dozen)."""
    count = int(BODY_TEXT_LENGTH(tree))
    body = tree.find("body")
    for hidden in body.iter("script", "style", "noscript", "template") if body is not None else ():
        count -= len(" ".join(hidden.text_content().split()))
    return max(count, 0)


def _bare(content: object, url: str, *, fast: bool) -> object:
    return trafilatura.bare_extraction(
        content,
        url=url,
        fast=fast,
        include_comments=False,
        include_tables=True,
        with_metadata=False,  # read by page_metadata, without what we do not store
        deduplicate=False,
    )


def warm_up() -> None:
    """Load what the first extraction would (the language model): before forking workers, and
    before timing."""
    detect_language("A sentence long enough to be classified by the language detector.")


def _captions(tree: HtmlElement) -> frozenset[str]:
    """The texts of the page's <figcaption>s and of their paragraphs. trafilatura drops every
    <figure> with its caption; a caption a template puts outside one ("div.media >
    figcaption > p") came along with the text, and goes the same way."""
    found: set[str] = set()
    # a page has a few; a hostile one nesting thousands would make each read all the rest
    for caption in islice(tree.iter("figcaption"), MAX_CAPTIONS):
        found.add(" ".join(caption.text_content().split()))
        found.update(" ".join(p.text_content().split()) for p in caption.iter("p"))
    found.discard("")
    return frozenset(found)


def _headlines(tree: HtmlElement) -> list[str]:
    """The page's <h1>s and og:title: the headline as shown, which the <title> may not be."""
    found = [" ".join(h.text_content().split()) for h in tree.iter("h1")][:5]
    found += tree.xpath("//meta[@property='og:title']/@content")[:1]
    return [text for text in found if text]


def _canonical(declared: str | None, url: str) -> str | None:
    """The page's rel=canonical (trafilatura reads it into `url`) when it differs from ours."""
    if not declared or not declared.startswith(("http://", "https://")):
        return None
    canonical = canonical_url(declared)
    return canonical if canonical != canonical_url(url) else None


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    cleaned = " ".join(unicodedata.normalize("NFC", value).split())
    return cleaned or None


def _zoned(html: str, value: str | None) -> str | None:
    """A time the page gives without a zone, in the zone it writes that minute in elsewhere."""
    if value and naive_time(value):
        return zoned_by_page(html, value) or value
    return value


def _published(value: str | None) -> str | None:
    """htmldate's date -> ISO 8601; a date with a zone is converted to UTC."""
    if not value:
        return None
    for fmt in ("%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"):
        try:
            parsed = datetime.strptime(value, fmt)
        except ValueError:
            continue
        if parsed.tzinfo is not None:
            return parsed.astimezone(UTC).isoformat(timespec="seconds")
        if fmt == "%Y-%m-%d" or (parsed.hour, parsed.minute, parsed.second) == (0, 0, 0):
            return parsed.date().isoformat()
        return parsed.isoformat(timespec="seconds")
    return None
