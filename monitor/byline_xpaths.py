"""trafilatura 2.x's byline XPaths (trafilatura.xpaths.AUTHOR_XPATHS and AUTHOR_DISCARD_XPATHS),
written without the EXSLT `re:test` calls, and the discarded parts tested around each candidate.

Looking for a byline took 7 to 11 ms per page, more than half of trafilatura's own extraction
time: each `re:test` calls back into Python for every element of the page, and the discarded
parts were found by one more pass over the whole page (on a copy of it). The regular expressions
are alternations of literals (`author-?name` is "authorname" or "author-name", `^comments` a
prefix), so the same tests are XPath 1.0's `contains` and `starts-with`, run in C; and whether a
candidate lies in a discarded part is asked of its ancestors only. A test in
tests/test_extract.py checks that the bylines found are trafilatura's on real pages.
"""

from __future__ import annotations

from lxml.etree import XPath


def _any(attribute: str, *literals: str) -> str:
    return " or ".join(f"contains({attribute}, '{literal}')" for literal in literals)


# the three tests, in trafilatura's order of preference (the third is the loosest)
_AUTHOR_TESTS = (
    """(self::a or self::address or self::div or self::link or self::p or self::span
    or self::strong) and (@rel='author' or @id='author' or @class='author'
    or @itemprop='author name' or rel='me' or @data-testid='AuthorCard'
    or @data-testid='AuthorURL' or """
    + _any("@class", "authorname", "author-name", "AuthorName", "authorName")
    + ") or self::author",
    """(self::a or self::div or self::h3 or self::h4 or self::p or self::span) and (
    @class='byline' or @class='username' or @class='byl' or @class='BBL'
    or contains(@itemprop, 'author') or """
    + _any("@id", "author", "zuozhe", "bianji", "xiaobian")
    + " or "
    + _any(
        "@class",
        "author",
        "channel-name",
        "zuozhe",
        "bianji",
        "xiaobian",
        "submitted-by",
        "posted-by",
        "journalist-name",
    )
    + ")",
    "contains(@data-component, 'Byline') or contains(@itemprop, 'author') or "
    + _any("@id", "author", "Author")
    + " or "
    + _any("@class", "author", "Author", "screenname", "writer", "byline", "Byline"),
)
# what an element needs for each test to hold at all: asked first, it spares the test's string
# comparisons at every element without these attributes (the same elements are found, a third
# faster for the loosest test)
_AUTHOR_NEEDS = (
    "@class or @id or @rel or @itemprop or @data-testid or self::author or rel",
    "@class or @id or @itemprop",
    "@class or @id or @itemprop or @data-component",
)
# each a pass over the page, the next only when the one before found no one (one pass asking all
# three at every element was slower: most pages are done after the first)
AUTHOR_XPATHS = [
    XPath(f"//*[{needs}][{test}]") for needs, test in zip(_AUTHOR_NEEDS, _AUTHOR_TESTS, strict=True)
]

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
