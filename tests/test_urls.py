"""One article, one archive row: the addresses feeds and pages give for it, made one."""

from __future__ import annotations

import pytest

from monitor.urls import UrlPattern, canonical_url


@pytest.mark.parametrize(
    ("given", "canonical"),
    [
        # tracking parameters of analytics, newsletters and share buttons go
        ("https://e.org/a?utm_source=rss&utm_medium=feed", "https://e.org/a"),
        (
            "https://www.heise.de/meldung/x-4205274.html?wt_mc=rss.ho.beitrag.rdf",
            "https://www.heise.de/meldung/x-4205274.html",
        ),
        ("https://www.lemonde.fr/a.html?xtor=RSS-3208", "https://www.lemonde.fr/a.html"),
        ("https://www.bbc.com/news/x?at_medium=RSS&at_campaign=rss", "https://www.bbc.com/news/x"),
        ("https://e.org/a?id=7&fbclid=IwAR0x&ns_mchannel=social", "https://e.org/a?id=7"),
        ("https://e.org/a?ITO=1490&CMP=share_btn_tw&page=2", "https://e.org/a?ITO=1490&page=2"),
        # what names the article stays, as written and in its order
        ("https://e.org/read.php?id=17703&lang=ru", "https://e.org/read.php?id=17703&lang=ru"),
        (
            "https://www.koreatimes.co.kr/www/nation/2022/07/501_333483.html?fl",
            "https://www.koreatimes.co.kr/www/nation/2022/07/501_333483.html?fl",
        ),
        ("https://e.org/s?q=a+b&p=a%2Fb", "https://e.org/s?q=a+b&p=a%2Fb"),
        ("https://e.org/a?b=2&a=1", "https://e.org/a?b=2&a=1"),
        # scheme and host in lower case, the path as written; no default port, no fragment
        ("HTTPS://News.Example.ORG:443/Path/Story#comments", "https://news.example.org/Path/Story"),
        ("http://e.org:80", "http://e.org/"),
        ("http://e.org:8080/a", "http://e.org:8080/a"),
        ("http://[::1]:8080/a?utm_term=x", "http://[::1]:8080/a"),
        ("  https://e.org/a?&&id=1&  ", "https://e.org/a?id=1"),
        # a redirect link of Google Alerts' RSS, Bing News' RSS, Facebook: the story's address
        (
            "https://www.google.com/url?rct=j&sa=t&url=https://oc-media.org/a-story/%3Fid%3D7"
            "%26utm_source%3Dx&ct=ga&cd=CAIyGjk&usg=AOvVaw1",
            "https://oc-media.org/a-story/?id=7",
        ),
        ("https://www.google.az/url?q=https://e.org/b&sa=U", "https://e.org/b"),
        (
            "http://www.bing.com/news/apiclick.aspx?ref=FexRss&aid=&tid=9&url=https%3a%2f%2fe.org"
            "%2fc&c=1&mkt=en-us",
            "https://e.org/c",
        ),
        ("https://l.facebook.com/l.php?u=https%3A%2F%2Fe.org%2Fd&h=AT0", "https://e.org/d"),
        # not a wrapper: as they are
        (
            "https://www.google.com/url?url=javascript:alert(1)",
            "https://www.google.com/url?url=javascript:alert(1)",
        ),
        ("https://e.org/url?url=https://f.org/x", "https://e.org/url?url=https://f.org/x"),
        (
            "https://www.google.com/search?q=https://e.org/",
            "https://www.google.com/search?q=https://e.org/",
        ),
    ],
)
def test_canonical_url(given: str, canonical: str) -> None:
    assert canonical_url(given) == canonical


def test_canonical_url_is_stable() -> None:
    for url in ("https://e.org/a?id=1&utm_source=x#f", "https://e.org/a?fl", "http://[::1]/"):
        once = canonical_url(url)
        assert canonical_url(once) == once


@pytest.mark.parametrize(
    ("pattern", "url", "matches"),
    [
        (r"/news/\d{4}/", "https://e.org/news/2026/10/a.html", True),
        (r"/news/\d{4}/", "https://e.org/blog/2026/a.html", False),
        # anchored at a path's start, as people write it: the path (and query), not the address
        (r"^/news/", "https://e.org/news/2026/a.html", True),
        (r"^/news/", "https://e.org/en/news/a.html", False),
        (r"^/story\?id=\d+$", "https://e.org/story?id=42", True),
        (r"^/story\?id=\d+$", "https://e.org/story?id=42&page=2", False),
        # anchored at the address's start: the address
        (r"^https://e\.org/news/", "https://e.org/news/a", True),
        (r"^https://e\.org/news/", "https://www.e.org/news/a", False),
    ],
)
def test_allow_and_deny_patterns_anchored_at_a_path_match_the_path(
    pattern: str, url: str, matches: bool
) -> None:
    assert UrlPattern(pattern).search(url) is matches
