"""What a start page offers as articles: read from the page alone (spiders.listings)."""

from __future__ import annotations

from scrapy.http import HtmlResponse

from spiders.listings import article_links

PAGE = b"""<html><body><nav><a href="/about">About</a><a href="/news/">All news</a></nav>
<a href="/news/2026/1.html">relative</a>
<a href="https://example.org/news/2026/2.html">the site without www</a>
<a href="https://m.example.org/news/2026/3.html">its mobile edition</a>
<a href="https://www.example.org/news/2026/1.html#comments">the first again</a>
<a href="https://other.org/news/2026/4.html">another site</a>
<a href="https://notexample.org/news/2026/5.html">a name that ends like it</a>
<a href="https://www.example.org.evil.com/news/2026/6.html">a name that starts like it</a>
</body></html>"""


def links_from(url: str) -> list[str]:
    return article_links(HtmlResponse(url, body=PAGE, encoding="utf-8"), [r"/news/\d{4}/"])


def test_start_page_links_are_the_sites_own_with_or_without_www_and_only_articles() -> None:
    expected = [
        "https://example.org/news/2026/2.html",
        "https://m.example.org/news/2026/3.html",
    ]
    assert links_from("https://www.example.org/") == [
        "https://www.example.org/news/2026/1.html",
        *expected,
    ]
    assert links_from("https://example.org/") == [
        "https://example.org/news/2026/1.html",
        *expected,
        "https://www.example.org/news/2026/1.html",  # www. is the same site
    ]


def test_a_site_on_a_port_of_its_own_gives_its_links() -> None:
    """Scrapy's allow_domains compares host and port: a site served on its own port (a
    loopback test site, an intranet's :8443) gave no link at all."""
    page = (
        b'<a href="/news/2026/1.html">relative</a><a href="http://127.0.0.1:8080/news/2026/2.html">'
        b'absolute</a><a href="http://127.0.0.1:9090/news/2026/3.html">its other port</a>'
        b'<a href="http://10.0.0.1:8080/news/2026/4.html">another host</a>'
        b'<a href="http://[::1/news/2026/5.html">a broken address</a>'
    )
    response = HtmlResponse("http://127.0.0.1:8080/", body=page, encoding="utf-8")
    assert article_links(response, [r"/news/\d{4}/"]) == [
        "http://127.0.0.1:8080/news/2026/1.html",
        "http://127.0.0.1:8080/news/2026/2.html",
        "http://127.0.0.1:9090/news/2026/3.html",
    ]


def test_a_feedburner_feed_gives_the_articles_own_address() -> None:
    from spiders.listings import feed_entries

    feed = b"""<?xml version="1.0"?>
<rss version="2.0" xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0"><channel>
<title>News</title>
<item><title>A</title><link>http://feedproxy.google.com/~r/news/~3/abc/</link>
<feedburner:origLink>https://news.example.org/2026/11/a.html</feedburner:origLink></item>
<item><title>B</title><link>https://news.example.org/2026/11/b.html</link></item>
</channel></rss>"""
    _, listed = feed_entries(feed)
    assert [link for link, _, _ in listed] == [
        "https://news.example.org/2026/11/a.html",
        "https://news.example.org/2026/11/b.html",
    ]


def test_a_feeds_relative_links_resolve_against_its_address_and_xml_base() -> None:
    """Relative links, a feed's xml:base and an entry's own: resolved as a feed reader does,
    against the address the feed was read from (not a Content-Location the server names)."""
    from spiders.listings import feed_entries

    atom = (
        b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xml:base="/news/">'
        b"<title>t</title>"
        b'<entry><title>a</title><link href="a.html"/></entry>'
        b'<entry><title>b</title><link href="/news/b.html"/></entry>'
        b'<entry xml:base="/news/sub/"><title>c</title><link href="../c.html"/></entry>'
        b'<entry xml:base="https://other.org/x/"><title>d</title><link href="d.html"/></entry>'
        b"</feed>"
    )
    headers = {"content-type": "application/atom+xml", "content-location": "http://10.0.0.7/f"}
    _, listed = feed_entries(atom, headers, "https://e.org/feeds/atom.xml")
    assert [link for link, _, _ in listed] == [
        "https://e.org/news/a.html",
        "https://e.org/news/b.html",
        "https://e.org/news/c.html",
        "https://other.org/x/d.html",
    ]
    rss = (
        b"<rss version='2.0'><channel><title>t</title>"
        b"<item><title>e</title><link>news/e.html</link></item>"
        b"<item><title>f</title><guid isPermaLink='true'>/news/f.html</guid></item>"
        b"</channel></rss>"
    )
    _, listed = feed_entries(rss, {}, "https://e.org/rss.xml")
    assert [link for link, _, _ in listed] == [
        "https://e.org/news/e.html",
        "https://e.org/news/f.html",
    ]


def test_a_link_element_with_an_attribute_lxml_cannot_list_is_passed_over() -> None:
    """An attribute named like a namespace ("{};") made lxml raise when the element's
    attributes were read, and the home page lost every feed it announces (found by fuzzing)."""
    from scrapy.http import HtmlResponse

    from spiders.listings import feed_links

    body = (
        b'<html><head><link {};="x" rel="alternate" type="application/rss+xml" href="/bad">'
        b'<link rel="alternate" type="application/rss+xml" href="/rss"></head></html>'
    )
    assert feed_links(HtmlResponse("https://e.org/", body=body, encoding="utf-8")) == ["/rss"]


def test_a_corrupt_gzipped_sitemap_is_no_sitemap_not_an_exception() -> None:
    """zlib's own error (not an OSError) escaped from a .xml.gz damaged inside its stream."""
    import gzip

    from scrapy.http import Response

    from spiders.listings import sitemap_body

    good = gzip.compress(
        b"<urlset>" + b"<url><loc>https://e.org/a</loc></url>" * 100 + b"</urlset>"
    )
    damaged = good[:40] + bytes(b ^ 0x5A for b in good[40:60]) + good[60:]
    assert sitemap_body(Response("https://e.org/s.xml.gz", body=good)) is not None
    assert sitemap_body(Response("https://e.org/s.xml.gz", body=damaged)) is None
