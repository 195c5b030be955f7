"""The standfirst: the summary a news page shows between its headline and its body.

trafilatura keeps the body's element, and many templates put the standfirst in the header beside
the headline, outside it; where it did come along, `text_cleanup` takes it off the top so the
text is the body alone. But the standfirst is the article speaking: it often names the person
or the place the story is about, and a watched name there is a mention. So it is kept as the
article's `lead` (stored, searched and matched) when the page *shows* it: its description meta
tag is the text of an element of the page between the headline and the body, outside navigation,
footers, asides and links. A description that is only a meta tag, or a site-wide blurb (a
tagline in the site's header, a footer's "about us"), is not a lead.
"""

from __future__ import annotations

import re

from lxml.etree import XPath, _ElementUnicodeResult
from lxml.html import HtmlElement

WORDS = re.compile(r"\w+")
# the text nodes that hold either of two words: one pass over the page finds both the
# standfirst and the body's first paragraph
TEXT_WITH = XPath(".//text()[contains(., $one) or contains(., $other)]")
NEEDLE = re.compile(r"\w{5,}")
MIN_WORDS = 6  # fewer: a slogan or a section name, not a summary of the story
PREFIX_CHARS = 200  # compared: a description may be cut short ("…") where the page is not
# the element that holds a text: the first of these above it
BLOCKS = frozenset(
    {"p", "div", "h2", "h3", "h4", "h5", "h6", "section", "header", "summary", "li", "td", "body"}
)
# never a standfirst inside these: page furniture, links to other pages, code
OUTSIDE = frozenset(
    {"footer", "nav", "aside", "a", "form", "button", "figcaption", "script", "style",
     "noscript", "template", "select", "label", "blockquote"}
)  # fmt: skip


def find_lead(tree: HtmlElement, description: str | None, text: str) -> str | None:
    """The standfirst the page shows (its own text, not the meta tag's), when it is not already
    the start of `text` (the extracted body)."""
    if not description:
        return None
    wanted = _normalise(description)
    if len(wanted.split()) < MIN_WORDS:
        return None
    # where trafilatura kept it, it is at the top (tidy leaves it when it is the body's)
    body_top = _normalise(text[: 2 * len(description) + 1000])
    if wanted[:PREFIX_CHARS].rsplit(" ", 1)[0] in body_top:
        return None
    root = tree.find("body")
    first_line = next((line for line in text.split("\n") if len(line.split()) >= MIN_WORDS), "")
    lead_needle, first_needle = _needle(description), _needle(first_line)
    if root is None or not lead_needle or not first_needle:
        return None
    nodes = TEXT_WITH(root, one=lead_needle, other=first_needle)
    shown = _shown(nodes, lead_needle, description, wanted)
    if shown is None:
        return None
    block, lead = shown
    # between the headline and the body: a site's tagline in its header stands above the
    # headline, a blurb in a sidebar or a footer below the body
    headline = next(root.iter("h1"), None)
    if headline is None or not _above(root, headline, block):
        return None
    first = _shown(nodes, first_needle, first_line, _normalise(first_line))
    if first is None or not _above(root, block, first[0]):
        return None
    return lead


def _needle(raw: str) -> str:
    """The longest word near the start of a text: few text nodes of a page hold it."""
    return max(NEEDLE.findall(raw[:PREFIX_CHARS]) or [""], key=len)


def _shown(
    nodes: list[object], needle: str, raw: str, wanted: str
) -> tuple[HtmlElement, str] | None:
    """Among text `nodes`, the element that shows this text (maybe cut short) and its text."""
    prefix = wanted[:PREFIX_CHARS]
    if len(wanted) > PREFIX_CHARS or raw.rstrip().endswith(("…", "...")):
        prefix = prefix.rsplit(" ", 1)[0]  # the last word may be cut
    for node in nodes:
        if not isinstance(node, _ElementUnicodeResult) or needle not in node:
            continue
        element = node.getparent()
        if element is not None and node.is_tail:
            element = element.getparent()
        block = _block(element)
        if block is None:
            continue
        shown = " ".join(block.text_content().split())
        normalised = _normalise(shown)
        if normalised.startswith(prefix) and len(normalised) <= 2 * len(wanted) + PREFIX_CHARS:
            return block, shown
    return None


def _block(element: HtmlElement | None) -> HtmlElement | None:
    """The nearest block element holding `element`, or None when it is inside furniture."""
    block = None
    while element is not None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in OUTSIDE:
            return None
        if block is None and tag in BLOCKS:
            block = element
        element = element.getparent()
    return block


def _above(root: HtmlElement, lead: HtmlElement, first: HtmlElement) -> bool:
    """`lead` comes before `first` in the page and does not hold it."""
    if lead is first or any(ancestor is lead for ancestor in first.iterancestors()):
        return False
    for element in root.iter():
        if element is lead:
            return True
        if element is first:
            return False
    return False


def _normalise(text: str) -> str:
    return " ".join(WORDS.findall(text.casefold()))
