"""trafilatura 2.x's byline XPaths (trafilatura.xpaths.AUTHOR_XPATHS and AUTHOR_DISCARD_XPATHS)
without the EXSLT `re:test` calls, and the discarded parts tested around each candidate.

Looking for a byline took 7 to 11 ms per page, more than half of trafilatura's own extraction
time: each `re:test` calls back into Python for every element of the page, and the discarded
parts were found by one more pass over the whole page (on a copy of it). The regular expressions
are alternations of literals (`author-?name` is "authorname" or "author-name", `^comments` a
prefix): the author tests are substring tests in Python, asked only of the elements whose
attribute values hold one of their words (one search per element tells; an XPath filter
finding the elements that carry those attributes took longer than that walk), the discarded
parts XPath 1.0's
`contains` and `starts-with`, run in C, asked of a candidate's ancestors only. Tests in
tests/test_extract.py check that the candidates and bylines are trafilatura's on real pages.
"""

from __future__ import annotations

import re

from lxml.etree import Element, XPath
from lxml.html import HtmlElement


def _any(attribute: str, *literals: str) -> str:
    return " or ".join(f"contains({attribute}, '{literal}')" for literal in literals)


# trafilatura's three tests, in its order of preference (the third is the loosest), asked in
# Python of each element: one walk and a few string tests find the three lists of candidates
# in 1.5 to 1.8 ms a page here, with the same elements in the same order (see
# author_candidates); the three as XPath took 11 ms, the first alone 2.8, an XPath `contains`
# prefilter on every attribute 7
FIRST_TAGS = frozenset(("a", "address", "div", "link", "p", "span", "strong"))
SECOND_TAGS = frozenset(("a", "div", "h3", "h4", "p", "span"))
# trafilatura's re:test patterns, searched in C
AUTHOR_NAME = re.compile("author-?name|AuthorName|authorName")
SECOND_ID = re.compile("author|zuozhe|bianji|xiaobian")
SECOND_CLASS = re.compile(
    "author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name"
)
AUTHOR_ID = re.compile("[Aa]uthor")
THIRD_CLASS = re.compile("[Aa]uthor|screenname|writer|[Bb]yline")
# after trafilatura's three: the word for an author in the languages whose sites name their
# classes in them ("autor": Spanish, Portuguese, German, Polish; "auteur"; "yazar", Turkish;
# "müəllif" as "muellif"; "avtor"), a byline trafilatura does not look for
NATIVE_CLASS = re.compile(r"\b[Aa]ut(?:or(?:es|in|en)?|eurs?)\b|\byazar\b|\bmuellif\b|\bavtor\b")
# what every attribute value those tests take holds (all but an <author> element's and a <rel>
# child's), loosened to one letter of a set and the rest of a word (so "uline" passes too) as
# such a pattern is searched at twice the speed: an element whose attribute values hold none of
# it is none of the three, and most elements of a page are told so by one search
MAY_NAME_AUTHOR = re.compile(
    "[BbcjpsuwxyZz](?:thor|sername|line|yl|BL|uozhe|ianji|iaobian|hannel-name|ubmitted-by"
    "|osted-by|ournalist-name|creenname|riter)|[Aa]ut(?:or|eur)|yazar|muellif|avtor"
)


def author_candidates(tree: HtmlElement) -> tuple[list[HtmlElement], ...]:
    """The elements each of trafilatura's AUTHOR_XPATHS finds, in document order."""
    return byline_candidates(tree)[:3]


def byline_candidates(tree: HtmlElement) -> tuple[list[HtmlElement], ...]:
    """trafilatura's three lists (author_candidates), then the elements whose class names an
    author in another language (NATIVE_CLASS), found in the same walk."""
    first: list[HtmlElement] = []
    second: list[HtmlElement] = []
    third: list[HtmlElement] = []
    native: list[HtmlElement] = []
    # XPath's `rel='me'`: a child element <rel>, which next to no page has
    rel_children = tree.find(".//rel") is not None
    for element in tree.iter(Element):
        tag = element.tag
        values = element.values()
        if tag != "author" and not (values and MAY_NAME_AUTHOR.search(" ".join(values))):
            if rel_children and tag in FIRST_TAGS and _rel_me(element):
                first.append(element)
            continue
        get = element.get
        klass, ident, itemprop = get("class") or "", get("id") or "", get("itemprop") or ""
        if tag == "author" or (
            tag in FIRST_TAGS
            and (
                get("rel") == "author"
                or ident == "author"
                or klass == "author"
                or itemprop == "author name"
                or get("data-testid") in ("AuthorCard", "AuthorURL")
                or AUTHOR_NAME.search(klass)
                or (rel_children and _rel_me(element))
            )
        ):
            first.append(element)
        if tag in SECOND_TAGS and (
            klass in ("byline", "username", "byl", "BBL")
            or "author" in itemprop
            or SECOND_ID.search(ident)
            or SECOND_CLASS.search(klass)
        ):
            second.append(element)
        if (
            "Byline" in (get("data-component") or "")
            or "author" in itemprop
            or AUTHOR_ID.search(ident)
            or THIRD_CLASS.search(klass)
        ):
            third.append(element)
        elif tag in SECOND_TAGS and NATIVE_CLASS.search(klass):
            native.append(element)
    return first, second, third, native


def _rel_me(element: HtmlElement) -> bool:
    """XPath's `rel='me'` (trafilatura's, without the @): a child element <rel> reading "me"."""
    return any(child.tag == "rel" and child.xpath("string()") == "me" for child in element)


# what trafilatura prunes before it looks for a byline (comments, sidebars, dates, figures), as
# one test: an element is looked at only when neither it nor an ancestor is one of these
_DISCARDED = (
    """(self::a or self::div or self::section or self::span) and (
    @id='comments' or @class='comments' or @class='title' or @class='date'
    or starts-with(@id, 'comments') or """
    + _any("@id", "commentlist", "comment-list", "ProductReviews")
    + " or starts-with(@class, 'comments') or starts-with(@class, 'Comments') or "
    + _any(
        "@class",
        "commentlist",
        "comments-list",
        "sidebar",
        "is-hidden",
        "quote",
        "embedly-instagram",
        "article-share",
        "article-support",
        "print",
        "category",
        "meta-date",
        "meta-reviewer",
    )
    + " or contains(@data-component, 'Figure')) or self::time or self::figure"
)
DISCARDED_AROUND = XPath(f"ancestor-or-self::*[{_DISCARDED}]")  # it or an ancestor
DISCARDED_INSIDE = XPath(f".//*[{_DISCARDED}]")  # its descendants
