"""Parts of a page dropped before extraction: what sits inside the article's element but is the
template's, not the story's (an inline hover card, a newsletter sign-up box)."""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import islice

from lxml.etree import XPath
from lxml.html import HtmlElement

from monitor.html_tree import load_tree
from monitor.urls import host_of, registered_domain

PICTURED_PARAGRAPHS = XPath("//p[.//img]")


def drop_inline_cards(tree: HtmlElement) -> None:
    """A card inside a paragraph (a hover card that shows a person's photo and their latest
    stories next to their name, an inline teaser: an element, not a link, holding a picture and
    two links or more): its headlines would read as the sentence's words, and a rule would
    match another story's headline in this one. The innermost such element goes (its tail, the
    sentence's rest, stays); the name the card hangs on stays. Walked paragraph by paragraph:
    one XPath over every paragraph's descendants merges node sets in quadratic time (20 s on a
    page of 20,000 paragraphs)."""
    for paragraph in PICTURED_PARAGRAPHS(tree):  # few paragraphs hold a picture
        cards = [
            element
            for element in paragraph.iterdescendants()
            if element.tag != "a"
            and next(element.iter("img"), None) is not None
            and _links_at_least(element, 2)
        ]
        chosen = set(cards)
        for card in cards:
            if not any(inner in chosen for inner in card.iterdescendants()):
                card.drop_tree()


# an element the page does not show: a tool's pop-up ("Save this article: for subscribers
# only"), a log-in form, a menu the reader opens
HIDDEN = XPath(  # the cheap tests first: most elements have neither attribute
    "//*[@hidden or @style][@hidden"
    " or contains(translate(@style, 'DISPLAYNOE ', 'displaynoe'), 'display:none')"
    " or contains(translate(@style, 'VISBLTYHDN ', 'visbltyhdn'), 'visibility:hidden')]"
    "[not(self::script or self::style or self::template)]"
)
PROSE_PARAGRAPH = 150  # characters: a paragraph this long is a story's, shown or not


def drop_hidden_boxes(tree: HtmlElement) -> None:
    """Elements the page hides (inline `display: none`, `hidden`): a reader never sees their
    words, and a rule would match them. Not one that holds prose (a paragraph of
    PROSE_PARAGRAPH characters: the rest of a story a "Read more" button shows), a headline
    or an article."""
    hidden = HIDDEN(tree)
    dropped: set[HtmlElement] = set()
    for element in hidden:  # in document order: an element before those inside it
        if element.getparent() is None or any(a in dropped for a in element.iterancestors()):
            continue
        if element.tag in PAGE_ELEMENTS or next(element.iter("h1", "article"), None) is not None:
            continue
        if any(len(p.text_content()) >= PROSE_PARAGRAPH for p in element.iter("p")):
            continue
        element.drop_tree()
        dropped.add(element)


def _links_at_least(element: HtmlElement, count: int) -> bool:
    return sum(1 for _ in islice(element.iter("a"), count)) >= count


# an element whose class names a newsletter and that holds a form control: a sign-up box
SIGNUP_BOX = XPath("//*[contains(@class, 'ewsletter')][.//input or .//form or .//button]")
NEWSLETTER_TOKEN = re.compile(r"^(?:[a-z]+[-_]+)*newsletters?(?:[-_]+[a-z]+)*$", re.IGNORECASE)
PAGE_ELEMENTS = frozenset({"html", "body", "main", "article"})


def drop_signup_boxes(tree: HtmlElement) -> None:
    """A newsletter sign-up box (its pitch, its form, and the messages a script shows after
    sending it, "Thanks for signing up!", "Sorry! There was an error processing your
    subscription."), where the page's template puts it inside the article. Its class says what
    it is ("Newsletter", "c-newsletter_signup_box", "aside-newsletter"), as a whole class name,
    not a word inside one (a page's <body> that lists "f_lightbox_newsletter_script_on")."""
    boxes = [
        box
        for box in SIGNUP_BOX(tree)
        if box.tag not in PAGE_ELEMENTS
        and any(NEWSLETTER_TOKEN.match(token) for token in (box.get("class") or "").split())
    ]
    chosen = set(boxes)
    for box in boxes:
        if not any(outer in chosen for outer in box.iterancestors()):
            box.drop_tree()


# a list of other stories' headlines ("More Must-Reads", "Related"): each item a headline of
# a few words, most of it a link to a story's address (a slug of words, or a story's number)
MIN_LISTED = 3
LISTED_SHARE = 0.8  # of the items: the last may be a sign-up's or an index's link
HEADLINE_WORDS = (4, 16)
LINKED_SHARE = 0.4
STORY_ADDRESS = re.compile(r"/[^/?#]*\w+[-_]\w+[-_]\w+[^/?#]*|/\d{5,}(?:[/?#.]|$)")
MAX_LIST_HEADING = 60  # characters of the heading over such a list ("More Must-Reads From TIME")


def drop_story_lists(tree: HtmlElement, url: str) -> None:
    """A list whose items are other stories' headlines linked to them, on this site (`url`'s
    domain): its words are those stories', and a rule would match them here (trafilatura keeps
    a list whose headlines are split between a link and plain text). A heading right above it
    goes with it. A list of linked names ("Jane Roe", two words), of sentences with a link
    inside, or of another site's pages (a shop's products the author recommends) is the
    story's."""
    site = registered_domain(host_of(url))

    def links_a_story(item: HtmlElement) -> bool:
        return _links_a_story(item, site)

    for listing in list(tree.iter("ul", "ol")):
        items = [item for item in listing if item.tag == "li"]
        if len(items) < MIN_LISTED or len(items) != len(listing) or listing.getparent() is None:
            continue
        if not _mostly(items, links_a_story, max(MIN_LISTED, LISTED_SHARE * len(items))):
            continue
        heading = listing.getprevious()
        if (
            heading is not None
            and heading.tag in ("h2", "h3", "h4", "h5", "h6", "strong", "b", "p", "div", "span")
            and len(heading) <= 2
            and 0 < len(heading.text_content().strip()) <= MAX_LIST_HEADING
            and next(heading.iter("a", "img"), None) is None
        ):
            heading.drop_tree()
        listing.drop_tree()


def _on_site(href: str, site: str) -> bool:
    """A link to this site: relative, or to a host of its domain."""
    if "//" not in href[:8]:
        return True
    return registered_domain(host_of(href)) == site


def _mostly(items: list[HtmlElement], test: Callable[[HtmlElement], bool], needed: float) -> bool:
    """Do `needed` of the items pass? Given up as soon as too many have failed: a menu's list
    of single words fails at its first items."""
    allowed = len(items) - needed
    for item in items:
        if test(item):
            needed -= 1
            if needed <= 0:
                return True
        else:
            allowed -= 1
            if allowed < 0:
                return False
    return needed <= 0


def _links_a_story(item: HtmlElement, site: str) -> bool:
    text = " ".join(item.text_content().split())
    if not HEADLINE_WORDS[0] <= len(text.split()) <= HEADLINE_WORDS[1]:
        return False
    linked = [
        a
        for a in item.iter("a")
        if STORY_ADDRESS.search(href := a.get("href") or "") and _on_site(href, site)
    ]
    share = sum(len(" ".join(a.text_content().split())) for a in linked)
    return bool(linked) and share >= LINKED_SHARE * len(text)


# where a line of the extracted text ends a sentence, a heading or a label: no wrap
LINE_END = frozenset(".!?:;…。！？」』)]”\"'»|")
WRAPPED_LINE = 40  # characters: a line this long that ends mid-sentence may be wrapped
MAX_PLACES = 5  # places in the page's source where a wrapped line's end is looked for
# Chinese and Japanese are written without spaces: a break between their letters is none
WIDE = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uff00-\uffef\u3000-\u303f]")
BREAK = re.compile(r"[ \t\r]*\n\s*")


def rejoin_wrapped_lines(text: str, html: str) -> str:
    """Lines of the text that the page's source broke mid-sentence, joined again. A browser
    shows a line break inside a text node as a space; trafilatura keeps it where a blog writes
    its story in <div>s ("…who in 2008 won the\nAfrica Movie Academy Award…"), and each piece
    was a "sentence" of its own to the evidence shown with a match. Chinese and Japanese join
    without a space. Looked for after extraction, at the few lines that end mid-sentence and
    whose ends the source has around a bare line break (at most MAX_JOINS a page), then
    confirmed in one pass over the page's tree: a break inside a text node a reader sees (not
    a script's, nor a hidden plain-text copy of the story, whose breaks are its paragraphs').
    A pass over every text node of every page cost a fortieth of the extraction."""
    if "\n" not in text:
        return text
    lines = text.split("\n")
    joins: list[int] = []
    for index in range(1, len(lines)):
        if _may_be_wrapped(lines[index - 1].rstrip(), lines[index].lstrip(), html):
            joins.append(index)
            if len(joins) >= MAX_JOINS:
                break
    if not joins:  # most pages
        return text
    breaks = _breaks_shown(load_tree(html))
    for index in reversed(joins):
        before, after = lines[index - 1].rstrip(), lines[index].lstrip()
        if (before[-BREAK_KEY:], after[:BREAK_KEY]) in breaks:
            wide = WIDE.match(before[-1]) and WIDE.match(after[0])
            lines[index - 1 : index + 1] = [before + ("" if wide else " ") + after]
    return "\n".join(lines)


def _may_be_wrapped(before: str, after: str, html: str) -> bool:
    """Does `before` end mid-sentence, and does the source have its end, a bare line break
    and `after`'s start somewhere?"""
    if len(before) < BREAK_KEY or len(after) < BREAK_KEY or before[-1] in LINE_END:
        return False
    if len(before) < WRAPPED_LINE and not after[0].islower() and not WIDE.match(before[-1]):
        return False
    tail, head = before[-BREAK_KEY:], after[:BREAK_KEY]
    start = 0
    for _ in range(MAX_PLACES):
        at = html.find(tail, start)
        if at < 0:
            return False
        gap = BREAK.match(html, at + len(tail))
        if gap is not None and html.startswith(head, gap.end()):
            return True
        start = at + 1
    return False


def _breaks_shown(page: HtmlElement | None) -> set[tuple[str, str]]:
    """The line breaks inside the text nodes a reader sees, each as the BREAK_KEY characters
    before it and after it."""
    found: set[tuple[str, str]] = set()
    for node in WRAPPED_TEXT(page) if page is not None else ():
        pieces = [
            (node[: m.start() + 1][-BREAK_KEY:], node[m.end() : m.end() + BREAK_KEY])
            for m in SOFT_BREAK.finditer(node)
        ]
        pieces = [(tail, head) for tail, head in pieces if len(tail) == len(head) == BREAK_KEY]
        if not pieces:
            continue
        holder = node.getparent()  # a tail's is the element before it, inside the one
        if node.is_tail and holder is not None:  # that holds it
            holder = holder.getparent()
        if holder is not None and not any(
            _unseen(element) for element in (holder, *holder.iterancestors())
        ):
            found.update(pieces)
    return found


def _unseen(element: HtmlElement) -> bool:
    if element.tag in UNSEEN_TAGS or element.get("hidden") is not None:
        return True
    style = (element.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


# text nodes that break a line between words, and such a break
WRAPPED_TEXT = XPath("//body//text()[contains(., '\n')][normalize-space()]")
SOFT_BREAK = re.compile(r"\S[ \t\r]*\n\s*(?=\S)")
UNSEEN_TAGS = frozenset({"script", "style", "pre", "textarea", "code", "noscript", "template"})
MAX_JOINS = 200  # lines a page may have joined: a hostile page breaks every one
BREAK_KEY = 12  # characters on each side of a break that name it
