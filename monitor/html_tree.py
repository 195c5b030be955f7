"""A page's HTML -> the lxml tree trafilatura and our readers walk, built with a class lookup in C.

lxml.html's parser picks each element's Python class in Python (`HtmlElementClassLookup`: a
<form>, <input> or <select> gets its own class), and it does so every time an element reaches
Python: each step of a walk, each XPath result, each node of trafilatura's many passes (about
4,000 calls a page on the extraction benchmark). `ElementDefaultClassLookup` makes every element
an `HtmlElement` without calling into Python: the same trees, the same text, and 6 to 7% less
extraction time on the benchmark's pages (each page timed with either loader in turn). Neither
trafilatura nor we use the form classes; tests/test_extract.py checks the trees and the
extracted articles are the same as with trafilatura's `load_html`.

trafilatura's own parser is left as it is: plain trafilatura, which bench/extraction.py times
beside ours, runs as installed.
"""

from __future__ import annotations

import logging

from lxml import etree
from lxml.html import (
    HtmlComment,
    HtmlElement,
    HtmlEntity,
    HTMLParser,
    HtmlProcessingInstruction,
    fromstring,
)
from trafilatura.utils import is_dubious_html, repair_faulty_html

log = logging.getLogger(__name__)


def _parser() -> HTMLParser:
    # trafilatura.utils.HTML_PARSER's settings: no comments or processing instructions in the
    # tree (their text is never article text), no id index, no doctype invented
    parser = HTMLParser(
        collect_ids=False,
        default_doctype=False,
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
    )
    parser.set_element_class_lookup(
        etree.ElementDefaultClassLookup(
            element=HtmlElement,
            comment=HtmlComment,
            pi=HtmlProcessingInstruction,
            entity=HtmlEntity,
        )
    )
    return parser


PARSER = _parser()


def load_tree(html: str) -> HtmlElement | None:
    """trafilatura.utils.load_html for a decoded page, with PARSER: the same repairs, the same
    fallback to bytes, the same refusal of what is not HTML (None)."""
    beginning = html[:50].lower()
    dubious = is_dubious_html(beginning)
    html = repair_faulty_html(html, beginning)
    tree: HtmlElement | None = None
    from_bytes = False
    try:
        tree = fromstring(html, parser=PARSER)
    except ValueError:  # "Unicode strings with encoding declaration are not supported."
        tree, from_bytes = _from_bytes(html), True
    except Exception as exc:  # libxml2 refuses in ways of its own
        log.debug("lxml could not parse the page: %s", exc)
    if (tree is None or len(tree) < 1) and not from_bytes:
        tree = _from_bytes(html)
    if tree is not None and dubious and len(tree) < 2:
        return None  # not HTML: a few words, a JSON body, an image
    return tree


def _from_bytes(html: str) -> HtmlElement | None:
    try:
        return fromstring(html.encode("utf-8", "surrogatepass"), parser=PARSER)
    except Exception as exc:  # as trafilatura: whatever the parser raises, no tree
        log.debug("lxml could not parse the page as bytes: %s", exc)
        return None
