"""Parts of a page dropped before extraction: what sits inside the article's element but is the
template's, not the story's (an inline hover card, a newsletter sign-up box)."""

from __future__ import annotations

import re
from itertools import islice

from lxml.etree import XPath
from lxml.html import HtmlElement

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


def drop_story_lists(tree: HtmlElement) -> None:
    """A list whose items are other stories' headlines linked to them: its words are those
    stories', and a rule would match them here (trafilatura keeps a list whose headlines are
    split between a link and plain text). A heading right above it goes with it. A list of
    linked names ("Jane Roe", two words) or of sentences with a link inside is the story's."""
    for listing in list(tree.iter("ul", "ol")):
        items = [item for item in listing if item.tag == "li"]
        if len(items) < MIN_LISTED or len(items) != len(listing) or listing.getparent() is None:
            continue
        linking = sum(map(_links_a_story, items))
        if linking < MIN_LISTED or linking < LISTED_SHARE * len(items):
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


def _links_a_story(item: HtmlElement) -> bool:
    text = " ".join(item.text_content().split())
    if not HEADLINE_WORDS[0] <= len(text.split()) <= HEADLINE_WORDS[1]:
        return False
    linked = [a for a in item.iter("a") if STORY_ADDRESS.search(a.get("href") or "")]
    share = sum(len(" ".join(a.text_content().split())) for a in linked)
    return bool(linked) and share >= LINKED_SHARE * len(text)


# text nodes that break a line between words: a page's source wrapped at 80 columns
WRAPPED_TEXT = XPath(
    "//text()[contains(., '\n')][normalize-space()]"
    "[not(ancestor::pre or ancestor::script or ancestor::style or ancestor::textarea"
    " or ancestor::code)]"
)
SOFT_BREAK = re.compile(r"(\S)[ \t\r]*\n\s*(?=(\S))")
# Chinese and Japanese are written without spaces: a break between their letters is none
WIDE = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uff00-\uffef\u3000-\u303f]")


def unwrap_source_lines(tree: HtmlElement) -> None:
    """A line break inside a text node is a space to a browser, but trafilatura keeps it: a
    sentence wrapped in the page's source came out as three lines ("…won the\\nAfrica Movie
    Academy Award…"), each a "sentence" of its own to the evidence shown with a match."""
    for text in WRAPPED_TEXT(tree):
        if not SOFT_BREAK.search(text):
            continue
        parent = text.getparent()
        unwrapped = SOFT_BREAK.sub(_joined, text)
        if text.is_text:
            parent.text = unwrapped
        elif text.is_tail:
            parent.tail = unwrapped


def _joined(found: re.Match[str]) -> str:
    before, after = found.group(1), found.group(2)
    return before + ("" if WIDE.match(before) and WIDE.match(after) else " ")
