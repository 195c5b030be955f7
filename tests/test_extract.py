"""Extraction: article text without page furniture; metadata from real pages."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from monitor.comment_threads import drop_comment_threads
from monitor.demo.site import NewsSite, Page, SiteServer, load_demo_articles
from monitor.extract import extract_article
from monitor.html_tree import load_tree
from tests.conftest import run_monitor, shared_data


def test_demo_page_text_has_no_menu_comments_or_banner() -> None:
    """Comments, the cookie banner, menus, related stories and the footer are not article text."""
    site = NewsSite(load_demo_articles())
    article = load_demo_articles()[1]
    result = extract_article(
        site.article_page(article), "https://demo.invalid" + NewsSite.path_of(article)
    )
    assert result.article is not None
    text = result.article.text
    assert article["body"][0] in text and article["body"][-1] in text
    for furniture in (
        "Free them all!",
        "Accept all",
        "Most read",
        "Related stories",
        "Independent news from",
    ):
        assert furniture not in text
    assert result.article.title == article["title"]
    assert result.article.author == article["author"]
    assert result.article.published == "2026-10-03T11:15:00+00:00"
    assert result.article.language == "en"
    assert not text.startswith(article["title"])  # the headline is stored as the title only


def test_page_without_article_text_is_dropped_with_reason() -> None:
    site = NewsSite([])
    assert extract_article(site.home(), "https://demo.invalid/").reason == "no article text"
    assert extract_article("", "https://demo.invalid/x").reason == "empty page"


def test_a_page_rendered_in_the_browser_is_read_from_its_json_ld_article_body() -> None:
    """An empty shell of HTML (a JavaScript app) whose JSON-LD states the article: its
    articleBody is the text (trafilatura's baseline reads it, tags removed); the headline and
    date come from the metadata as for any page. A shell that states none is dropped."""
    paragraphs = [
        "Georgian journalist Mzia Amaglobeli was sentenced to two years in prison on Wednesday.",
        "Rights groups called the verdict a blow to press freedom in the country.",
        "Her lawyers said they would appeal to the Tbilisi Court of Appeals within a month.",
    ]
    stated = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "name": "Example News"},
            {
                "@type": ["NewsArticle"],
                "headline": "Journalist sentenced in Batumi",
                "datePublished": "2026-08-06T09:30:00+04:00",
                "articleBody": "".join(f"<p>{p}</p>" for p in paragraphs),
            },
        ],
    }
    shell = (
        "<html><head><title>Journalist sentenced in Batumi | Example News</title>"
        f'<script type="application/ld+json">{json.dumps(stated)}</script></head>'
        '<body><div id="root"></div><script src="/app.js"></script></body></html>'
    )
    article = extract_article(shell, "https://news.example/a/1").article
    assert article is not None
    assert " ".join(article.text.split()) == " ".join(paragraphs)
    assert article.title == "Journalist sentenced in Batumi"
    assert article.published == "2026-08-06T05:30:00+00:00"
    bare = '<html><head><title>T</title></head><body><div id="root"></div></body></html>'
    assert extract_article(bare, "https://news.example/a/2").reason == "no article text"


def test_an_article_drawn_by_its_script_beside_a_caption_is_read_from_its_json_ld() -> None:
    """A paper's app draws the story; its HTML holds the photo's caption (twice: in the figure
    and in a paragraph), long enough that trafilatura's rescue does not look at the JSON-LD,
    and the caption is no story: the articleBody of the page's own Article is the text."""
    body = " ".join(
        f"Sentence {i} of the story about the harbour plan in Lankaran, which the council"
        " discussed on Monday."
        for i in range(30)
    )
    stated = {"@context": "https://schema.org", "@type": "NewsArticle", "articleBody": body}
    caption = (
        "The harbour of Lankaran seen from the council building on Monday, where the members"
        " of the council met for the ninth time on the plan for a new port, which the chair"
        " refused to put to a vote before the end of the session, as the port authority had"
        " not answered. Photo: AP"
    )
    html = (
        "<html lang='en'><head><title>Harbour plan stalls</title>"
        "<meta property='og:type' content='article'>"
        f'<script type="application/ld+json">{json.dumps(stated)}</script></head>'
        "<body><div id='app'><h1>Harbour plan stalls</h1><figure><img src='/a.jpg'>"
        f"<figcaption>{caption}</figcaption></figure><p>{caption}</p></div></body></html>"
    )
    article = extract_article(html, "https://e.org/news/2026/11/harbour.html").article
    assert article is not None and "Sentence 29 of the story" in article.text
    assert "Photo: AP" not in article.text


def test_a_rule_watching_a_wire_finds_it_in_the_news_not_in_its_dateline() -> None:
    """A wire story's dateline credit ("LOS ANGELES (Reuters) -") is no mention of Reuters;
    "an Israeli tank killed a Reuters reporter" is."""
    from alerts.rules import Matcher
    from monitor.config import Rule

    def story(sentence: str) -> str:
        paragraphs = "".join(
            f"<p>The awards were handed out for the {n}th time on Sunday night, and the"
            " thriller won the main prize of the evening.</p>"
            for n in range(4, 10)
        )
        return (
            "<html lang='en'><head><title>Awards</title></head><body><article><h1>Awards</h1>"
            f"<p>LOS ANGELES (Reuters) - {sentence}</p>{paragraphs}</article></body></html>"
        )

    matcher = Matcher([Rule("wire", query="Reuters")])
    plain = extract_article(story("A thriller won the awards."), "https://e.org/a").article
    named = extract_article(
        story("A Reuters reporter was among the guests."), "https://e.org/b"
    ).article
    assert plain is not None and plain.text.startswith("LOS ANGELES — A thriller")
    assert not matcher.match(plain)
    assert named is not None and [m.rule for m in matcher.match(named)] == ["wire"]


def test_language_is_detected_when_not_declared() -> None:
    body = "".join(
        f"<p>{s}</p>"
        for s in [
            "Журналист Хадиджа Исмаилова заявила, что давление на независимые СМИ в стране усилилось.",
            "По её словам, за последний год были задержаны десятки репортёров и правозащитников.",
            "Правозащитные организации призвали власти немедленно освободить всех задержанных.",
        ]
    )
    html = f"<html><head><title>Новости</title></head><body><article>{body}</article></body></html>"
    result = extract_article(html, "https://demo.invalid/ru")
    assert result.article is not None and result.article.language == "ru"


RUSSIAN = [
    "Журналист Хадиджа Исмаилова заявила, что давление на независимые СМИ в стране усилилось.",
    "По её словам, за последний год были задержаны десятки репортёров и правозащитников.",
    "Правозащитные организации призвали власти немедленно освободить всех задержанных.",
]
AZERBAIJANI = [
    "Jurnalist Xədicə İsmayılova bildirib ki, ölkədə müstəqil mediaya təzyiqlər artıb.",
    "Onun sözlərinə görə, son bir ildə onlarla jurnalist və hüquq müdafiəçisi saxlanılıb.",
    "Hüquq müdafiə təşkilatları hakimiyyəti bütün saxlanılanları azad etməyə çağırıb.",
]


@pytest.mark.parametrize(
    ("declared", "paragraphs", "language"),
    [
        ("ru", RUSSIAN, "ru"),
        ("az", AZERBAIJANI, "az"),  # declared and in its script: kept (a detector may say tr)
        ("en-US", RUSSIAN, "ru"),  # a CMS template's tag on a site that writes Russian
        ("ka", RUSSIAN, "ru"),  # one edition's tag on all of a site's editions
        ("ru", AZERBAIJANI, "az"),
    ],
)
def test_a_declared_language_is_believed_unless_the_text_is_in_another_script(
    declared: str, paragraphs: list[str], language: str
) -> None:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    html = f'<html lang="{declared}"><head><title>X</title></head><body><article>{body}</article></body></html>'
    result = extract_article(html, "https://demo.invalid/news/1")
    assert result.article is not None and result.article.language == language


@pytest.mark.parametrize(
    ("html_attributes", "head", "language"),
    [
        ('lang="pt-BR"', '<meta property="og:locale" content="ru_RU">', "pt"),
        ('xml:lang="de"', "", "de"),
        ('lang="??"', '<meta http-equiv="Content-Language" content="ka">', "ka"),
        (
            "",
            '<meta property="og:locale" content="hy_AM"><meta http-equiv="content-language"'
            ' content="en-GB">',
            "en",  # a content-language meta before og:locale, wherever they stand
        ),
        ("", '<meta property="og:locale" content="az_AZ">', "az"),
        ("", '<meta name="description" content="no language here">', None),
    ],
)
def test_the_declared_language_is_read_from_html_then_metas(
    html_attributes: str, head: str, language: str | None
) -> None:
    from monitor.html_tree import load_tree
    from monitor.language import declared_language

    tree = load_tree(f"<html {html_attributes}><head>{head}</head><body><p>x</p></body></html>")
    assert tree is not None and declared_language(tree) == language


READABILITY_PAGES = [
    "aktualne",
    "bbc-1",
    "guardian-1",
    "lemonde-1",
    "nytimes-1",
    "telegraph",
    "wapo-1",
]


@pytest.mark.parametrize("name", READABILITY_PAGES)
def test_real_pages_metadata_against_their_expected_values(name: str) -> None:
    """`monitor extract --json` on real pages from mozilla/readability's fixtures (../shared/data)."""
    folder = shared_data("real-pages", "html", "readability")
    expected = json.loads((folder / f"{name}.expected-metadata.json").read_text())
    done = run_monitor("extract", "--json", str(folder / f"{name}.source.html"))
    got = json.loads(done.stdout)
    assert set(got) >= {"file", "title", "author", "published", "language", "text"}
    assert len(got["text"]) > 1000
    assert " ".join(got["title"].split())[:40] == " ".join(expected["title"].split())[:40]
    if expected.get("lang") not in (None, "None"):
        assert got["language"] == expected["lang"].split("-")[0]
    if expected.get("publishedTime") not in (None, "None"):
        want = datetime.fromisoformat(expected["publishedTime"].replace("Z", "+00:00")).astimezone(
            UTC
        )
        assert got["published"][:10] == want.date().isoformat()


def test_extract_human_output(tmp_path: Path) -> None:
    site = NewsSite(load_demo_articles())
    page = tmp_path / "page.html"
    page.write_text(site.article_page(load_demo_articles()[0]), encoding="utf-8")
    done = run_monitor("extract", str(page))
    assert "title: Euronest assembly convenes in Yerevan" in done.stdout
    assert "author: Anna Petrosyan" in done.stdout


def test_extract_reads_a_page_on_the_web_as_the_crawler_would(tmp_path: Path) -> None:
    """An http(s) address is fetched (redirects followed, the crawler's User-Agent, its size
    limit on the decompressed body); a page that cannot be had is named with why, and the
    others are still extracted."""
    articles = load_demo_articles()
    site = NewsSite(articles)
    path = NewsSite.path_of(articles[0])
    site.extra["/old-address"] = Page(301, "text/html", b"", (("Location", path),))
    site.extra["/bomb.html"] = Page(
        200,
        "text/html",
        gzip.compress(b"<html><body>" + b" " * (64 * 2**20)),
        (("Content-Encoding", "gzip"),),
    )
    seen: list[str] = []
    site.on_request = seen.append  # returns None: the page is served as usual
    with SiteServer(site) as server:
        done = run_monitor(
            "extract",
            "--json",
            f"{server.url}/old-address",
            f"{server.url}/missing.html",
            f"{server.url}/bomb.html",
            check=False,
        )
    assert done.returncode == 1 and "2 of 3 pages could not be read" in done.stderr
    good, missing, bomb = (json.loads(line) for line in done.stdout.splitlines())
    assert good["url"] == f"{server.url}{path}" and good["error"] is None
    assert good["title"] == articles[0]["title"] and "Euronest" in good["text"]
    assert missing == {
        "file": f"{server.url}/missing.html",
        "error": f"{server.url}/missing.html: HTTP 404",
    }
    assert "over 5 MiB" in bomb["error"] and "refused" in bomb["error"]
    assert seen[:2] == ["/old-address", path]


def test_extract_names_what_is_neither_a_file_nor_an_address(tmp_path: Path) -> None:
    done = run_monitor("extract", str(tmp_path / "nothing.html"), check=False)
    assert done.returncode == 2 and "does not exist" in done.stderr and "http(s)://" in done.stderr


def test_extract_reads_gzipped_pages_and_refuses_bombs_and_truncated_files(tmp_path: Path) -> None:
    """A saved page may be gzipped; a bomb is refused unpacked, a truncated file named as such,
    and the other files are still extracted (exit status 1: not everything was read)."""
    site = NewsSite(load_demo_articles())
    html = site.article_page(load_demo_articles()[0]).encode()
    good = tmp_path / "good.html.gz"
    good.write_bytes(gzip.compress(html))
    truncated = tmp_path / "truncated.html.gz"
    truncated.write_bytes(gzip.compress(html)[:-200])
    bomb = tmp_path / "bomb.html.gz"
    bomb.write_bytes(gzip.compress(b"<html><body>" + b" " * (64 * 2**20)))
    assert bomb.stat().st_size < 2**20
    done = run_monitor("extract", "--json", str(bomb), str(truncated), str(good), check=False)
    assert done.returncode == 1
    assert "2 of 3 pages could not be read" in done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert [Path(r["file"]).name for r in records] == [
        "bomb.html.gz",
        "truncated.html.gz",
        "good.html.gz",
    ]
    assert "compression bomb" in records[0]["error"]
    assert "truncated gzip" in records[1]["error"]
    assert records[2]["title"].startswith("Euronest assembly convenes in Yerevan")
    assert records[2]["error"] is None


LEAD = "Delegates from Baku and Yerevan left the Euronest summit without the agreement Brussels had hoped for."
BODY = [
    "The talks broke down late on Wednesday over the wording of the final communique.",
    "Officials said a new round could be held in the spring, though no date was set.",
    "Observers described the atmosphere in the meeting room as tense but civil.",
]


def _page(header: str, body: str, footer: str = "", description: str = LEAD) -> str:
    paragraphs = "".join(
        f"<p>{sentence} The assembly met for a second day in the capital on Thursday.</p>"
        for sentence in BODY
    )
    return f"""<html lang="en"><head><title>Summit ends | The Ledger</title>
    <meta name="description" content="{description}"></head><body>
    <nav><a href="/">Home</a> <a href="/az">Azerbaijan</a></nav>
    <article><header><h1>Summit ends without a deal</h1>{header}</header>
    <div class="article-body">{body}{paragraphs}</div></article>
    <footer>{footer}</footer></body></html>"""


def test_a_standfirst_above_the_body_is_kept_as_the_lead() -> None:
    """The summary a page shows under its headline is the article's `lead`, matched like the
    text (a name in it is a mention); the text stays the body."""
    from alerts.rules import Matcher
    from monitor.config import Rule

    html = _page(f'<p class="standfirst">{LEAD}</p>', "")
    article = extract_article(html, "https://ledger.invalid/1").article
    assert article is not None and article.lead == LEAD
    assert "Euronest" not in article.text and article.text.startswith("The talks broke down")
    matches = Matcher([Rule("euronest", query="Euronest")]).match(article)
    assert [(m.field, m.matched) for m in matches] == [("lead", "Euronest")]
    assert matches[0].sentence == LEAD


def test_a_description_the_page_does_not_show_above_its_body_is_no_lead() -> None:
    """Only in the meta tag, in the footer or the site's header (a site's blurb), in a link to
    another story, below the body, or already the body's first paragraph: no lead, so nothing
    matches twice or on furniture."""
    cases = {
        "meta only": _page("", ""),
        "footer": _page("", "", footer=f"<p>{LEAD}</p>"),
        "link": _page(f'<a href="/other"><p>{LEAD}</p></a>', ""),
        "first paragraph": _page("", f"<p>{LEAD}</p>"),
        "below the body": _page("", "").replace(
            "</article>", f"<div><p>{LEAD}</p></div></article>"
        ),
        "short description": _page("<p>Summit news</p>", "", description="Summit news"),
        "site tagline": _page("", "").replace(
            "<nav>", f'<header class="site"><p>{LEAD}</p></header><nav>'
        ),
    }
    for case, html in cases.items():
        article = extract_article(html, "https://ledger.invalid/1").article
        assert article is not None and article.lead is None, case


def test_a_cut_short_description_finds_the_whole_standfirst() -> None:
    shown = (
        LEAD
        + " Both sides blamed each other for the failure, and Brussels said it would try again."
    )
    html = _page(f'<div class="lede"><span>{shown}</span></div>', "", description=LEAD[:60] + "…")
    article = extract_article(html, "https://ledger.invalid/1").article
    assert article is not None and article.lead == shown


def test_bylines_are_trafilaturas_without_its_slow_xpaths() -> None:
    """monitor.byline_xpaths rewrites trafilatura's byline XPaths without `re:test` and tests
    the pruned parts in place: on every real page of ../shared/data the byline found is the one
    trafilatura's own XPaths (on a pruned copy of the page) give."""
    from copy import deepcopy

    from trafilatura.htmlprocessing import prune_unwanted_nodes
    from trafilatura.json_metadata import normalize_authors
    from trafilatura.utils import load_html, trim
    from trafilatura.xpaths import AUTHOR_DISCARD_XPATHS, AUTHOR_XPATHS

    from monitor.byline_xpaths import author_candidates
    from monitor.bylines import clean_authors, co_authors_apart
    from monitor.page_metadata import _byline, _names_someone

    def reference(tree: object) -> str | None:
        subtree = prune_unwanted_nodes(deepcopy(tree), AUTHOR_DISCARD_XPATHS)
        for expression in AUTHOR_XPATHS:
            for element in expression(subtree):
                content = trim(" ".join(element.itertext()))
                if content and 2 < len(content) < 120:
                    # co-authors in parentheses kept (trafilatura drops them): ours
                    author = normalize_authors(None, co_authors_apart(content))
                    person = clean_authors(author)
                    if person and _names_someone(person):
                        return str(author)
        return None

    pages = sorted(shared_data("real-pages", "html").rglob("*.htm*"))
    found = 0
    for page in pages:
        tree = load_html(page.read_bytes().decode("utf-8", "replace"))
        if tree is None:
            continue
        candidates = [expression(tree) for expression in AUTHOR_XPATHS]
        assert list(author_candidates(tree)) == candidates, page.name
        expected = reference(tree)
        assert _byline(tree) == expected, page.name
        found += expected is not None
    assert found >= 10


@pytest.mark.parametrize(
    "markup",
    [
        "<author>Jane Roe</author>",
        '<span rel="author">Jane Roe</span>',
        '<div id="author">Jane Roe</div>',
        '<p itemprop="author name">Jane Roe</p>',
        '<a data-testid="AuthorURL" href="/j">Jane Roe</a>',
        '<strong class="post-authorName">Jane Roe</strong>',
        "<span>Jane Roe<rel>me</rel></span>",
        '<h4 class="BBL">Jane Roe</h4>',
        '<div id="xiaobian">Jane Roe</div>',
        '<p class="meta posted-by">Jane Roe</p>',
        '<section data-component="TextByline">Jane Roe</section>',
        '<li class="Author-box">Jane Roe</li>',
        '<td id="pageAuthor">Jane Roe</td>',
        '<em class="screenname">Jane Roe</em>',
        '<b class="staff writer">Jane Roe</b>',
        '<i class="bylines">Jane Roe</i>',
        '<span class="authority">Jane Roe</span>',
        '<span class="AUTHOR">Jane Roe</span>',
        '<span data-author="x">Jane Roe</span>',
        '<span rel="me">Jane Roe</span>',
    ],
)
def test_author_candidates_are_those_of_trafilaturas_xpaths(markup: str) -> None:
    """Each of trafilatura's byline tests, and what none of them takes (an attribute it does
    not read, a class in capitals the tests spell otherwise): the same elements, each test."""
    from trafilatura.utils import load_html
    from trafilatura.xpaths import AUTHOR_XPATHS

    from monitor.byline_xpaths import author_candidates

    tree = load_html(f"<html><body><article><p>Text.</p>{markup}</article></body></html>")
    expected = [expression(tree) for expression in AUTHOR_XPATHS]
    assert list(author_candidates(tree)) == expected


def _dated_page(stamp: str) -> str:
    body = "<p>" + "The council met on Monday to discuss the 2026 budget and the talks. " * 4
    return (
        f'<html><body><article><h1>Council meets</h1><div class="date">{stamp}</div>'
        f"{body * 3}</p></article></body></html>"
    )


@pytest.mark.parametrize(
    ("stamp", "published"),
    [
        ("", None),  # "the 2026 budget" is no date: not 2026-01-01
        ("Опубликовано: 27 ноября 2026 г.", "2026-11-27"),
        ("Yayımlanıb: 26 noyabr 2026, 12:05", "2026-11-26T12:05:00"),
        ("Yayın tarihi: 3 Kasım 2025", "2025-11-03"),
        ("გამოქვეყნდა: 15 მარტი 2025", "2025-03-15"),
        ("Հրապարակվել է՝ 27 նոյեմբերի, 2026 12:05", "2026-11-27T12:05:00"),
        # the year first, as Armenian, Georgian and Azerbaijani write it
        ("Հրապարակվել է՝ 2026 թ. նոյեմբերի 27", "2026-11-27"),
        ("გამოქვეყნდა: 2025 წლის 3 მარტი", "2025-03-03"),
        ("Dərc edilib: 2026-cı il 27 noyabr", "2026-11-27"),
        ("Posted: 2025 budget, 3 items", None),
        ("Updated: Nov 3, 2025", "2025-11-03"),  # an edit's date, where no other is given
        # an edit's date beside the publication's: the publication's
        (
            'Обновлено: 29 ноября 2026, 16:20</div><div class="date">Опубликовано: 28 ноября'
            " 2026, 14:35",
            "2026-11-28T14:35:00",
        ),
        ("Posted January 1, 2026", "2026-01-01"),  # a real 1 January stays
        ("01.01.2026", "2026-01-01"),
    ],
)
def test_a_date_is_the_pages_own_never_a_year_read_as_1_january(
    stamp: str, published: str | None
) -> None:
    """htmldate turns a bare year in the text into 1 January of it: a false date a "since"
    query and alert_max_age would believe; a date after a label in the languages we watch is
    read from the page's date-marked element."""
    article = extract_article(_dated_page(stamp), "https://ledger.invalid/news/123").article
    assert article is not None and article.published == published


def _stamped_page(head: str, body_extra: str = "") -> str:
    body = "<p>" + "The council met on Monday to discuss the budget and the talks. " * 12 + "</p>"
    return (
        f"<html><head><title>Council meets</title>{head}</head><body><article>"
        f"<h1>Council meets</h1>{body_extra}{body}</article></body></html>"
    )


@pytest.mark.parametrize(
    ("head", "body_extra", "published"),
    [
        # htmldate takes the URL's day and leaves the time out: the meta tag's time is the page's
        (
            '<meta property="article:published_time" content="2026-11-20T01:00:00+04:00">',
            "",
            "2026-11-19T21:00:00+00:00",  # the 19th in UTC, though the URL says the 20th
        ),
        (
            '<meta itemprop="datePublished dateCreated" content="2026-11-20T11:00:09.000Z">',
            "",
            "2026-11-20T11:00:09+00:00",
        ),
        (
            '<script type="application/ld+json">{"@type": "NewsArticle",'
            ' "datePublished": "2026-11-20T10:15+02:00"}</script>',
            "",
            "2026-11-20T08:15:00+00:00",
        ),
        (
            "",
            '<time pubdate datetime="2026-11-20T09:30:00Z">9:30</time>',
            "2026-11-20T09:30:00+00:00",
        ),
        (
            '<meta name="DC.Date.Issued" content="2026-11-20T07:05Z">',
            "",
            "2026-11-20T07:05:00+00:00",
        ),
        (
            '<meta name="parsely-pub-date" content="2026-11-20T06:00:00-05:00">',
            "",
            "2026-11-20T11:00:00+00:00",
        ),
        (
            "",
            '<span itemprop="datePublished" datetime="2026-11-20T12:40:00Z">20 Nov</span>',
            "2026-11-20T12:40:00+00:00",
        ),
        # a stamp without a zone is the page's local time, kept as written
        ('<meta name="pubdate" content="2026-11-20 18:45">', "", "2026-11-20T18:45:00"),
        # a stamp of another day is not this article's publication (an update, a related story)
        (
            '<meta property="article:published_time" content="2026-11-23T08:00:00Z">',
            "",
            "2026-11-20",
        ),
        # and a time that is no publication's is not read as one
        (
            '<meta property="article:modified_time" content="2026-11-20T08:00:00Z">',
            "",
            "2026-11-20",
        ),
    ],
)
def test_a_date_in_the_url_gets_the_time_the_page_states(
    head: str, body_extra: str, published: str
) -> None:
    """Most news sites put the day in the URL; htmldate reads it first, without a time, and
    "since 12h" or alert_max_age in hours would see a whole day (or the wrong one in UTC)."""
    url = "https://ledger.invalid/news/2026/11/20/council-meets"
    article = extract_article(_stamped_page(head, body_extra), url).article
    assert article is not None and article.published == published


@pytest.mark.parametrize(
    ("shown", "published"),
    [
        ("20.11.2026 14:35", "2026-11-20T14:35:00"),
        ("20 ноября 2026, 14:35", "2026-11-20T14:35:00"),
        ("20 Kasım 2026 saat 14:35", "2026-11-20T14:35:00"),
        ("Nov. 20, 2026 2:35 PM", "2026-11-20T14:35:00"),
        ("14:35, 20.11.2026", "2026-11-20T14:35:00"),
        ("11/20/2026 9:05 a.m.", "2026-11-20T09:05:00"),
        # with the zone written after it: in UTC
        ("20 Nov 2026 08:00 GMT", "2026-11-20T08:00:00+00:00"),
        ("November 20, 2026, 07:47 PM EST", "2026-11-21T00:47:00+00:00"),
        # an edit's time, a count, or a time of another day: the day alone
        ("Updated 20.11.2026 16:20", "2026-11-20"),
        ("20.11.2026 | 12.500 views", "2026-11-20"),
        ("19.11.2026 14:35", "2026-11-20"),
    ],
)
def test_a_day_in_the_url_gets_the_time_the_page_shows_beside_it(
    shown: str, published: str
) -> None:
    """A page that states its time nowhere in its markup shows it beside the date, as many
    write it: after the day, before it, with AM or PM, with a zone."""
    page = _stamped_page("", f'<div class="article-date">{shown}</div>')
    article = extract_article(page, "https://ledger.invalid/news/2026/11/20/council").article
    assert article is not None and article.published == published


EDITED = (
    '<div class="byline">on November 20, 2026 at 2:35 PM, updated <span class="updated">'
    "November 20, 2026 at 4:10 PM</span></div>"
)


@pytest.mark.parametrize(
    ("head", "shown", "published"),
    [
        # the edit's time, named so by its box or by the word before it, is not the story's
        ("", EDITED, "2026-11-20"),
        ("", EDITED.replace(' class="updated"', ' class="date"'), "2026-11-20"),
        # a meta tag that names the publication date, written in words
        (
            '<meta name="article_date_original" content="Friday, November 20, 2026, 02:35 PM">'
            '<meta name="article_date_updated" content="Friday, November 20, 2026, 04:10 PM">',
            EDITED,
            "2026-11-20T14:35:00",
        ),
    ],
)
def test_an_edits_time_beside_the_day_is_not_the_storys(
    head: str, shown: str, published: str
) -> None:
    """ "…at 2:35 PM, updated <span class="updated">…4:10 PM</span>": the edit's time is not the
    publication's; a meta tag's "article_date_original" in words gives the story's."""
    page = _stamped_page(head, shown)
    article = extract_article(page, "https://ledger.invalid/news/2026/11/20/council").article
    assert article is not None and article.published == published


def _byline_page(lang: str, under_headline: str, *, head: str = "") -> str:
    body = "<p>" + "The council met on Monday to discuss the budget and the long talks. " * 4
    return (
        f'<html lang="{lang}"><head>{head}</head><body><nav><a href="/">Home</a></nav><article>'
        f"<h1>Council meets</h1>{under_headline}{body}</p>"
        f"<p>{body[3:]}</p></article></body></html>"
    )


@pytest.mark.parametrize(
    ("under_headline", "author"),
    [
        ('<p class="meta">By Jane Roe · March 4, 2026</p>', "Jane Roe"),
        ("<div>By <a href='/j'>Jane Roe</a> and John Doe<span>Updated Nov 21</span></div>",
         "Jane Roe; John Doe"),
        ("<div><span>4 марта 2026</span> · Автор: Иван Петров</div>", "Иван Петров"),
        ("<div>4 მარტი, 2026 · ავტორი: ნინო ბერიძე</div>", "ნინო ბერიძე"),
        ("<div>Müəllif: Əli Həsənov | 04.03.2026</div>", "Əli Həsənov"),
        ("<div>Written by Jane Roe @janeroe 4 Mar</div>", "Jane Roe"),
        # what only looks like one: no label at the start, a phrase, a caption
        ("<p>By the numbers: the budget</p>", None),
        ("<figure><figcaption>Photo by Jane Roe</figcaption></figure>", None),
        ("<p>Jane Roe · March 4, 2026</p>", None),
        # no label, but the name, a bar and the date (a place between), as some agencies
        # write it; not a section's row, nor a teaser's "Title · date"
        ("<div><span>Jane Roe &nbsp;|</span><span>04.03.2026 - Updated: 04.03.2026</span></div>",
         "Jane Roe"),
        ("<p>Jane Roe | Baku | 04/03/2026</p>", "Jane Roe"),
        ("<p>Breaking News | 04/03/2026</p>", None),
        ("<p>Politics | Europe | 04/03/2026</p>", None),
    ],
)  # fmt: skip
def test_a_byline_in_plain_text_under_the_headline_is_read_by_its_label(
    under_headline: str, author: str | None
) -> None:
    """Small sites write the byline as text, no markup saying it is one: after the headline,
    a label ("By", "Автор:", "ავტორი:", "Müəllif:") before the names, a date after them."""
    found = extract_article(_byline_page("en", under_headline), "https://e.org/a").article
    assert found is not None and found.author == author


def test_a_labelled_byline_is_read_under_the_headline_after_a_logos_h1() -> None:
    """A template whose logo is its first <h1>, a long menu after it: the byline is looked for
    under the next <h1> too."""
    menu = "".join(f'<a href="/s{i}">Section {i}</a>' for i in range(40))
    page = (
        _byline_page("en", "<p>By Jane Roe | 4 March 2026</p>")
        .replace("<nav>", f'<header><h1 class="logo">Region Today</h1><nav>{menu}', 1)
        .replace("</nav>", "</nav></header>", 1)
    )
    found = extract_article(page, "https://e.org/a").article
    assert found is not None and found.author == "Jane Roe"


def test_a_publisher_named_as_the_author_gives_way_to_a_labelled_byline() -> None:
    """A template that writes its publisher as the meta author ("Deutsche Welle (www.dw.com)"
    as author and publisher): the person a byline under the headline names is the author;
    without one, the publisher stays."""
    head = (
        '<meta name="author" content="Region Today (www.e.org)">'
        '<meta name="publisher" content="Region Today (www.e.org)">'
    )
    page = _byline_page("fr", "<p>Auteur : Kossivi Tiassou</p>", head=head)
    found = extract_article(page, "https://e.org/a").article
    assert found is not None and found.author == "Kossivi Tiassou"
    alone = extract_article(_byline_page("fr", "", head=head), "https://e.org/a").article
    assert alone is not None and alone.author == "Region Today"


def test_a_marked_up_author_comes_before_a_labelled_one() -> None:
    head = '<meta name="author" content="Ann Example">'
    page = _byline_page("en", "<p>By Jane Roe</p>", head=head)
    found = extract_article(page, "https://e.org/a").article
    assert found is not None and found.author == "Ann Example"


def test_a_byline_reads_as_trafilatura_prunes_it_around_comments_and_dates() -> None:
    """The parts trafilatura prunes (a date, a figure) are skipped with their tails kept; a
    comment's text is not text, its tail is."""
    from lxml import html

    from monitor.page_metadata import _texts_outside

    element = html.fromstring(
        '<div class="author">By <!-- c -->Jane<time>today</time> Roe <b>x<figure>f</figure>y</b>z</div>'
    )
    skipped = {element.find(".//time"), element.find(".//figure")}
    assert "".join(_texts_outside(element, skipped)) == "By Jane Roe xyz"
    assert "".join(_texts_outside(element, set())) == "".join(element.itertext())


def _page_texts() -> list[tuple[str, str]]:
    """The real pages of ../shared/data (benchmark, real and hostile pages), decoded as the
    crawler would hand them over."""
    found = []
    benchmark = shared_data("article-extraction-benchmark", "html")
    for path in sorted(benchmark.glob("*.html.gz"))[:20]:
        found.append((path.name, gzip.decompress(path.read_bytes()).decode("utf-8", "replace")))
    for folder in ("html", "hostile"):
        for path in sorted(shared_data("real-pages", folder).rglob("*.htm*")):
            found.append((path.name, path.read_bytes().decode("utf-8", "replace")))
    return found


ODD_PAGES = [
    "",
    "   ",
    "a few words, not HTML",
    '{"a": "JSON body"}',
    "<p>a fragment</p>",
    '<?xml version="1.0" encoding="utf-8"?>\n<html><body><p>declared</p></body></html>',
    "<!DOCTYPE html/>\n<html><body><p>a faulty doctype</p></body></html>",
    "<html/>\n<body><p>a self-closed html tag</p></body>",
    "\x00\x01<html><body>" + "<div>" * 3000 + "deep text",
    "<html><body><form><input name=q><select><option>x</select><textarea>t</textarea>"
    "<label>l</label></form><p>after the form</p></body></html>",
]


def test_pages_parse_into_trafilaturas_trees_with_the_class_lookup_in_c() -> None:
    """monitor.html_tree builds the tree trafilatura's load_html would, node for node, with
    every element an HtmlElement chosen in C (no Python call per element), and the articles
    extracted from it are the same."""
    from lxml import etree
    from lxml.html import HtmlElement
    from trafilatura.utils import load_html

    import monitor.extract
    from monitor.html_tree import load_tree

    pages = _page_texts() + [(f"odd {i}", html) for i, html in enumerate(ODD_PAGES)]
    articles = 0
    for name, html in pages:
        ours, theirs = load_tree(html), load_html(html)
        assert (ours is None) == (theirs is None), name
        if ours is None or theirs is None:
            continue
        assert etree.tostring(ours) == etree.tostring(theirs), name
        assert {type(element) for element in ours.iter(etree.Element)} == {HtmlElement}, name
        url = f"https://example.org/{name}"
        ours_extracted = extract_article(html, url)
        try:
            monitor.extract.load_tree = load_html  # type: ignore[assignment]
            theirs_extracted = extract_article(html, url)
        finally:
            monitor.extract.load_tree = load_tree
        assert ours_extracted == theirs_extracted, name
        articles += ours_extracted.article is not None
    assert articles >= 20
    form = load_tree(ODD_PAGES[-1])
    assert form is not None and type(form.find(".//form")) is HtmlElement
    assert form.find(".//p").text_content() == "after the form"  # HtmlElement's methods


SUMMARY = (
    "officials in Baku said on Monday that talks with Brussels would resume next month after a"
    " pause of several weeks, and the opposition called for a vote."
)
LISTINGS = {
    "headings and summaries": "".join(
        f'<article class="teaser"><h2><a href="/news/2026/11/story-{i}.html">Story {i} about the'
        f' EU talks in Baku</a></h2><p class="summary">Story {i}: {SUMMARY}</p>'
        '<span class="date">27 November 2026</span></article>'
        for i in range(12)
    ),
    "a list of teasers": "<ul>"
    + "".join(
        f'<li><h3><a href="/news/2026/11/s{i}">Ministers meet again in Baku {i}</a></h3>'
        f"<div>Story {i}: {SUMMARY}</div></li>"
        for i in range(10)
    )
    + "</ul>",
    "cards with a picture and a section label": "".join(
        f'<div class="card"><a href="https://www.e.org/news/{i}/"><img src="/i{i}.jpg"></a>'
        f'<div class="body"><span class="kicker">POLITICS</span><a class="title" '
        f'href="https://www.e.org/news/{i}/">Ministers meet again in Baku today {i}</a>'
        f'<div class="lede">Story {i}: {SUMMARY}</div></div></div>'
        for i in range(8)
    ),
    "a section's introduction over its teasers": "<p class='intro'>All our reporting on"
    " politics in Armenia, Azerbaijan and Georgia: elections, parliaments, parties and the talks"
    " between the three capitals and Brussels, updated every day by our desk in Tbilisi.</p>"
    + "".join(
        f'<div class="item"><h3><a href="/news/2026/11/i{i}">Story {i} about the EU talks in'
        f" Baku</a></h3><p>Story {i}: {SUMMARY}</p></div>"
        for i in range(10)
    ),
    # an edition's front page whose stories are on the site's other hosts (uk.yahoo.com
    # teasing uk.news.yahoo.com and uk.celebrity.yahoo.com)
    "stories on the site's other hosts": "".join(
        f'<div class="item"><h3><a href="https://{host}.e.org/2026/11/s{i}.html">Story {i}'
        f" about the EU talks in Baku</a></h3><p>Story {i}: {SUMMARY}</p></div>"
        for i, host in enumerate(["news", "sport", "news.uk", "news", "culture", "news"])
    ),
    "relative addresses": "".join(
        f'<div><h2><a href="story-{i}.html">Story {i} about the EU talks in Baku</a></h2>'
        f"<p>Story {i}: {SUMMARY}</p></div>"
        for i in range(6)
    ),
}


def _section_page(body: str, head: str = "") -> str:
    return (
        f'<html lang="en"><head><title>Politics | Ledger</title>{head}</head><body>'
        '<nav><a href="/">Home</a> <a href="/georgia">Georgia</a> <a href="/armenia">Armenia</a>'
        f'</nav><main><h1>Politics</h1>{body}<div class="pager"><a href="?page=2">Next</a></div>'
        "</main><footer>© 2026 Ledger</footer></body></html>"
    )


@pytest.mark.parametrize("style", sorted(LISTINGS))
def test_a_section_page_of_teasers_is_no_article(style: str) -> None:
    """A listing's teasers are text enough for the extractor; stored, it would alert on every
    story it teases a second time, under another address. Its teasers are read by their shape:
    a headline linking to another page of the site, heading an element of its own text."""
    result = extract_article(_section_page(LISTINGS[style]), "https://e.org/news/politics/")
    assert result.article is None
    assert result.reason == "a listing of other stories"


def test_a_small_sections_three_teasers_and_nothing_else_are_no_article() -> None:
    """A tag or a small section may tease three stories only: a listing where its text is
    theirs alone; an article with three related stories under its own prose stays one."""
    three = "".join(
        f'<div class="card"><h2><a href="/news/2026/11/s{i}">Ministers meet again in Baku {i}'
        f"</a></h2><p>Story {i}: {SUMMARY}</p></div>"
        for i in range(3)
    )
    url = "https://e.org/news/politics/"
    assert extract_article(_section_page(three), url).reason == "a listing of other stories"
    own = "".join(
        f"<p>The council met on Monday to discuss the harbour plan, and {n} members asked for"
        " a vote before the end of the session, which the chair refused.</p>"
        for n in range(4, 7)
    )
    story = f'<article class="post"><h1>Harbour plan stalls</h1>{own}</article>{three}'
    article = extract_article(_section_page(story), url).article
    assert article is not None and "harbour plan" in article.text


def test_an_article_with_teasers_around_it_is_an_article() -> None:
    """Related stories beside or under the body, a briefing that introduces the stories it
    links, and a page that says it is an article (og:type) stay articles."""
    body = "".join(
        f"<p>The council met for the {n}th time on the harbour plan and {n} members asked for"
        " a vote before the end of the session, which the chair refused.</p>"
        for n in range(4, 12)
    )
    related = f'<aside class="related">{LISTINGS["headings and summaries"]}</aside>'
    article = f'<article class="post"><h1>Harbour plan stalls</h1>{body}</article>{related}'
    url = "https://e.org/news/2026/11/harbour.html"
    assert extract_article(_section_page(article), url).article is not None
    briefing = f"<div>{body}{LISTINGS['a list of teasers']}</div>"
    assert extract_article(_section_page(briefing), url).article is not None
    declared = _section_page(
        LISTINGS["headings and summaries"], '<meta property="og:type" content="article">'
    )
    assert extract_article(declared, url).article is not None
    # a live blog (as it says) whose posts' headings link to their permalinks, under its
    # address (a section's stories are under its address too: there they are other stories)
    posts = "".join(
        f'<div class="post"><h3><a href="/live/2026/11/summit/post-{i}">Update {i}: leaders'
        f" arrive in Baku</a></h3><p>Post {i}: {SUMMARY}</p></div>"
        for i in range(8)
    )
    said = '<script type="application/ld+json">{"@type": "LiveBlogPosting"}</script>'
    live = extract_article(_section_page(posts, said), "https://e.org/live/2026/11/summit").article
    assert live is not None and "Post 0:" in live.text and "Post 7:" in live.text


def test_the_demo_sites_front_page_is_a_listing() -> None:
    site = NewsSite(load_demo_articles())
    assert extract_article(site.home(), "https://demo.invalid/").reason == (
        "a listing of other stories"
    )


def _council_paragraphs() -> str:
    """Six paragraphs of a story about a harbour plan: text enough for an article."""
    return "".join(
        f"<p>The council met for the {n}th time on the harbour plan and {n} members asked for"
        " a vote before the end of the session, which the chair refused.</p>"
        for n in range(4, 10)
    )


def _comment(i: int, reply: str, replies: str = "") -> str:
    return (
        f'<article class="response r-{i}"><header><b>reader{i}</b> <time>2 hours ago</time>'
        f"</header><p>Azerbaijan should answer this at once, reader {i} thinks.</p>"
        f'<footer><a href="#reply-{i}">{reply}</a> <a href="#like-{i}">Like</a></footer>'
        f"{replies}</article>"
    )


THREADS = {
    "articles named responses": '<section id="responses"><h2>Responses</h2>'
    + "".join(_comment(i, "Reply") for i in range(4))
    + "</section>",
    "replies to replies": '<div class="talk">'
    + _comment(
        1, "Reply ↓", f'<div class="children">{_comment(2, "Reply")}{_comment(3, "Reply")}</div>'
    )
    + _comment(4, "Reply")
    + "</div>",
    "a thread in Russian with buttons": '<div class="kommentarii">'
    + "".join(
        f'<div class="item"><span class="name">user{i}</span><div class="txt">Азербайджан, '
        f"Azerbaijan: читатель {i} пишет длинный комментарий.</div>"
        "<button>Ответить</button></div>"
        for i in range(3)
    )
    + "</div>",
    "a comment form": '<div id="respond"><h3>Leave a Reply</h3><p>Your email address will'
    ' not be published. Azerbaijan?</p><form action="/post"><textarea></textarea>'
    "<button>Post Comment</button></form></div>",
    # moderated comments shown without a reply control: known by their section's heading
    "a box opened by its heading, in Azerbaijani": '<div class="post-feedback"><h4>Şərhlər'
    ' (2)</h4><div class="fb"><b>Elnur</b><p>Azerbaijan haqqında niyə yazmırsınız? Onun işi də'
    ' eyni idi.</p></div><div class="fb"><b>Aynur</b><p>Azerbaijan, azadlıq jurnalistlərə!'
    "</p></div></div>",
    "a heading and what follows it, in Russian": "<h3>Комментарии: 2</h3>"
    + "".join(
        f"<div><b>user{i}</b><p>Azerbaijan: читатель {i} пишет длинный комментарий.</p></div>"
        for i in range(2)
    ),
}


@pytest.mark.parametrize("thread", sorted(THREADS))
def test_readers_comments_named_otherwise_are_not_article_text(thread: str) -> None:
    """A thread whose names trafilatura does not know, inside the article's element: each
    comment found by its reply control and its siblings of one kind; a form with a text area
    and its own heading go too. The story stays whole."""
    body = _council_paragraphs()
    html = (
        "<html lang='en'><head><title>Harbour | Ledger</title></head><body><main><article>"
        f"<h1>Harbour plan stalls</h1>{body}{THREADS[thread]}</article></main></body></html>"
    )
    article = extract_article(html, "https://e.org/news/2026/11/harbour.html").article
    assert article is not None
    assert "Azerbaijan" not in article.text and "Reply" not in article.text
    assert "the 4th time" in article.text and "the 9th time" in article.text


def test_a_heading_that_is_not_a_comment_sections_drops_nothing() -> None:
    """ "Комментарий" (an official's comment in a Russian story), a heading that says more
    than "Comments", or a "Comments" heading with prose after it: the story's own."""
    for heading in (
        "<h3>Комментарий</h3>",
        "<h3>Comments from the ministry on Azerbaijan</h3>",
        "<h3>Comments</h3><p>Officials in Baku did not comment.</p>",
    ):
        body = _council_paragraphs()
        tail = "<p>The ministry said Azerbaijan would answer the council's letter next week.</p>"
        html = (
            "<html lang='en'><head><title>Harbour</title></head><body><main><article>"
            f"<h1>Harbour plan stalls</h1>{body}{heading}{tail}</article></main></body></html>"
        )
        article = extract_article(html, "https://e.org/news/2026/11/harbour.html").article
        assert article is not None and "would answer the council" in article.text, heading


def test_a_comment_counter_over_the_story_drops_none_of_it() -> None:
    """ "Comments (3)" at the top of a story, a link to its comments or a heading of its own,
    above a body whose paragraphs are in a box: the story is not taken for its comments."""
    from monitor.comment_threads import drop_comment_sections

    body = f'<div class="body">{_council_paragraphs()}</div>'
    for counter in ('<h4><a href="#comments">Comments (3)</a></h4>', "<h4>Comments (3)</h4>"):
        html = (
            "<html lang='en'><head><title>Harbour</title></head><body><main><article>"
            f"<h1>Harbour plan stalls</h1>{counter}{body}</article></main></body></html>"
        )
        tree = load_tree(html)
        drop_comment_sections(tree)
        assert "the 9th time" in tree.text_content(), counter


HIDDEN_WAYS = [
    'style="display: none;"',
    'style="DISPLAY:NONE"',
    "hidden",
    'style="visibility: hidden"',
]


@pytest.mark.parametrize("attributes", HIDDEN_WAYS)
def test_what_the_page_hides_is_not_article_text(attributes: str) -> None:
    """A tool's pop-up the page hides until a click ("Save: for subscribers only. Sign up")
    is no sentence of the story. trafilatura drops some of these, but keeps them all where
    dropping them takes most of the page: beside the one paragraph of a paywalled story."""
    popup = (
        f'<div class="save-pulldown"><div class="tool" {attributes}><p class="info">Save this'
        ' article</p><p class="info2">Subscribers only: Azerbaijan edition. Saved articles can be'
        ' read on phones.</p><p><a href="/r">Sign up</a></p></div></div>'
    )
    teaser = (
        "<p>The council met for the ninth time on the harbour plan on Monday, and nine members"
        " asked for a vote before the end of the session, which the chair refused, saying the"
        " port authority had not yet answered.</p>"
    )
    html = (
        "<html lang='en'><head><title>Harbour</title></head><body><main><article>"
        f"<h1>Harbour plan stalls</h1>{popup}{popup}{teaser}</article></main></body></html>"
    )
    article = extract_article(html, "https://e.org/news/2026/11/harbour.html").article
    assert article is not None and "the ninth time" in article.text
    assert "Azerbaijan" not in article.text and "Subscribers" not in article.text


@pytest.mark.parametrize("attributes", HIDDEN_WAYS)
def test_a_hidden_box_that_holds_prose_or_the_headline_stays(attributes: str) -> None:
    """The rest of a story behind "Read more", hidden until the click, or a whole story
    hidden for a script to show: our pass never drops prose or a headline."""
    from monitor.page_furniture import drop_hidden_boxes

    rest = (
        f'<div class="more" {attributes}><p>The chair said the harbour plan would come back to'
        " the council in the spring, once the port authority had answered the questions members"
        " asked about its cost and about the jobs it would bring to the town.</p></div>"
    )
    story = f'<div class="story" {attributes}><h1>Harbour plan stalls</h1><p>Short.</p></div>'
    tree = load_tree(f"<html><body><main>{story}{rest}</main></body></html>")
    drop_hidden_boxes(tree)
    assert "come back to the council" in tree.text_content()
    assert "Harbour plan stalls" in tree.text_content()


def test_a_short_story_read_again_by_the_fallback_is_still_read_without_its_comments() -> None:
    """A story too short for trafilatura's fast pass is read again by its fallbacks, on a
    tree of its own: the comments go from that tree too (the fallback kept all four here,
    and their "Azerbaijan" made a short story about a harbour match)."""
    comments = "".join(
        f'<div class="response"><b>Reader {i}</b><div>Azerbaijan will never agree, says reader'
        f' {i} of this paper today.</div><a href="#r{i}">Reply</a></div>'
        for i in range(4)
    )
    story = (
        "<p>The council met for the ninth time on the harbour plan on Monday, and nine members"
        " asked for a vote.</p><p>The chair refused, and the port authority has not answered"
        " the questions members asked.</p>"
    )
    html = (
        "<html lang='en'><head><title>Harbour</title></head><body><div><h1>Harbour</h1>"
        f"{story}<section>{comments}</section></div></body></html>"
    )
    article = extract_article(html, "https://e.org/news/2026/11/harbour.html").article
    assert article is None or "Azerbaijan" not in article.text


RECIRCULATION = (
    "<h2>More Must-Reads From The Ledger</h2><ul>"
    + "".join(
        f'<li><span>Azerbaijan and the </span><a href="https://e.org/{6330000 + i}/baku-story-{i}/">'
        f"future of the talks, part {i}</a></li>"
        for i in range(5)
    )
    + '<li><a href="/newsletters">Want weekly picks? Sign up for our newsletter</a></li></ul>'
)


def test_a_list_of_other_stories_headlines_is_not_article_text() -> None:
    """ "More Must-Reads": each item another story's headline, split between plain text and a
    link to it (trafilatura keeps such a list). Their "Azerbaijan" is not this story's."""
    html = (
        "<html lang='en'><head><title>Harbour</title></head><body><main><article>"
        f"<h1>Harbour plan stalls</h1>{_council_paragraphs()}{RECIRCULATION}</article></main>"
        "</body></html>"
    )
    article = extract_article(html, "https://e.org/news/2026/11/harbour.html").article
    assert article is not None and "the 9th time" in article.text
    assert "Azerbaijan" not in article.text and "Must-Reads" not in article.text


@pytest.mark.parametrize(
    "items",
    [
        # names: what a person rule watches for
        [f'<a href="/people/jane-roe-{i}">Jane Roe {i}</a>' for i in range(5)],
        # another site's pages: the products an author recommends, the sources of a story
        [
            f'<a href="https://www.shop.example/Robot-Toy-Cozmo-{i}/dp/B07{i}">Cute robot'
            f" companion for children, model {i}</a>"
            for i in range(5)
        ],
        # sentences of the story with a link inside
        [
            f'The council asked the port for its <a href="/news/2026/11/port-answer-{i}">'
            f"answer</a> on the cost of part {i} of the plan before the vote in December."
            for i in range(5)
        ],
    ],
)
def test_a_list_of_linked_names_or_sentences_is_the_storys(items: list[str]) -> None:
    from monitor.page_furniture import drop_story_lists

    listed = "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"
    tree = load_tree(f"<html><body><article><h2>Who voted</h2>{listed}</article></body></html>")
    drop_story_lists(tree, "https://e.org/news/2026/11/harbour.html")
    assert "Who voted" in tree.text_content() and len(tree.xpath("//li")) == 5


def test_a_sentence_wrapped_in_the_pages_source_is_one_line() -> None:
    """A browser shows a line break inside a text node as a space; trafilatura kept it where a
    blog writes its story in <div>s, and the text, and the sentence shown with a match, broke
    mid-sentence. Chinese joins without a space; <pre> keeps its lines."""
    wrapped = "".join(
        f"<div><span>Veteran actress Kate Henshaw, who in 2008 won the\nAfrica Movie Academy"
        f" Award for Best Actress in a Leading Role, has taken\n to her Instagram page to share"
        f" photo {n} of herself at the event in Lagos on Saturday evening.</span></div>"
        for n in range(4)
    )
    chinese = (
        "<div>记者从国家卫生健康委员会获悉，短缺药品保供稳价工作\n取得进展，各地正在落实。</div>"
    )
    html = (
        "<html lang='en'><head><title>Henshaw</title></head><body><div class='post'>"
        f"<h1>Henshaw shines</h1>{wrapped}{chinese}<pre>line one of a listing\nline two</pre>"
        "</div></body></html>"
    )
    article = extract_article(html, "https://e.org/2026/11/henshaw.html").article
    assert article is not None
    assert "who in 2008 won the Africa Movie Academy Award" in article.text
    assert "has taken to her Instagram page" in article.text
    assert "工作取得进展" in article.text


WRONG_PARTS = {
    # a magazine's story in <div>s of its own, 19,500 characters, and the fast pass took the
    # footer's 900
    "a few lines of a page with far more": (
        "".join(
            f'<div class="absatz">The harbour council met for the {n}th time on Monday to'
            f" discuss the plan for the new port, and {n} of its members asked the chair for a"
            " vote before the end of the session, which the chair refused.</div>"
            for n in range(4, 40)
        ),
        '<div class="promo"><p>The digital edition of the Ledger, with interactive graphics,'
        " videos and models, on every device you own.</p><p>Read the new issue before it is"
        " printed, from Friday at six in the evening.</p><p>Our archive: every issue since"
        " 1947, free but for the last twelve months, for you to explore.</p></div>",
        "the 39th time",
    ),
    # a news item of 600 characters, and the fast pass took the menu's 400 section names
    "a menu": (
        "<p>The harbour council met for the ninth time on Monday to discuss the plan for the"
        " new port, and nine of its members asked the chair for a vote before the end of the"
        " session, which the chair refused, saying the port authority had not yet answered"
        " the questions the members asked about its cost and the jobs it would bring.</p>",
        "<ul class='menu'>"
        + "".join(f'<li><a href="/section/{n}">Section {n}</a></li>' for n in range(300))
        + "</ul>",
        "the ninth time",
    ),
}


@pytest.mark.parametrize("wrong", sorted(WRONG_PARTS))
def test_a_fast_read_of_the_wrong_part_of_a_page_is_read_again(
    wrong: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """trafilatura's fast pass read the wrong part of a real page: a few lines of a page with
    far more to read, or a menu. The page is read again by its fallbacks, and theirs is taken
    where it finds the story. (The fast pass is made to fail here as it did there, by reading
    the other part alone; the fallbacks run as they are.)"""
    import monitor.extract as extract

    story, other, expected = WRONG_PARTS[wrong]
    html = (
        "<html lang='en'><head><title>Harbour plan stalls</title></head><body><div class='page'>"
        f"{other if wrong == 'a menu' else ''}<div class='story'><h2>Harbour plan stalls</h2>"
        f"{story}</div>{'' if wrong == 'a menu' else other}</div></body></html>"
    )
    real = extract._bare

    def wrong_part_only(content: object, url: str, *, fast: bool) -> object:
        if fast:  # the other part alone, as the fast pass read the real page
            for element in list(content.iter("div")):  # type: ignore[attr-defined]
                if element.get("class") == "story":
                    element.drop_tree()
        return real(content, url, fast=fast)

    monkeypatch.setattr(extract, "_bare", wrong_part_only)
    article = extract_article(html, "https://e.org/2026/11/harbour.html").article
    assert article is not None and expected in article.text
    assert "Section 12" not in article.text


MODERATED_COMMENTS = (
    '<div class="comment-form-box" id="sf_comment_form_container_9"><h2>Comment</h2><ul>'
    "<li>Comments are the opinion of their authors, not ours.</li></ul><form><textarea>"
    '</textarea></form></div><div id="sf_comment_list" class="box">'
    + "".join(
        f'<div class="sf_comment"><span class="sf_comment_author">Reader {n}</span>'
        f'<span class="date">{n} minutes ago</span></div><div class="sf_comment_text"><p>'
        f"Azerbaijan will never agree to this, says reader number {n} of the paper.</p></div>"
        for n in range(1, 6)
    )
    + "</div>"
)


@pytest.mark.parametrize(
    ("thread", "box"),
    [
        ("sf_comment_list", MODERATED_COMMENTS),
        (
            "post-comments",
            '<section class="story-comments"><div class="item"><b>Reader</b><p>Azerbaijan will'
            " never agree to this, says a reader of the paper.</p></div></section>",
        ),
        (
            "kommentare",
            '<div id="kommentare"><div class="eintrag"><p>Azerbaijan will never agree to this,'
            " says a reader of the paper.</p></div></div>",
        ),
    ],
)
def test_a_thread_named_as_comments_without_reply_or_heading_is_not_article_text(
    thread: str, box: str
) -> None:
    """Moderated comments listed without a reply control and under no heading of their own
    (the form's "Comment" heading is above the form, the list after it): their box's id or
    class names them. A reader's "Azerbaijan" is not the story mentioning it."""
    html = (
        "<html lang='en'><head><title>Harbour</title></head><body><main><article>"
        f"<h1>Harbour plan stalls</h1>{_council_paragraphs()}{box}</article></main></body></html>"
    )
    article = extract_article(html, "https://e.org/news/2026/11/harbour.html").article
    assert article is not None and "the 9th time" in article.text, thread
    assert "Azerbaijan" not in article.text and "Reader" not in (article.author or ""), thread


@pytest.mark.parametrize(
    "names",
    [
        'class="content content--comment"',
        'class="post has-comments"',
        'class="entry comments-enabled"',
    ],
)
def test_a_story_whose_own_names_speak_of_comments_is_kept(names: str) -> None:
    """An opinion piece's box ("content--comment", the Guardian's) or a story's box named for
    its comments ("has-comments") holds the story: never dropped as a thread."""
    html = (
        f"<html lang='en'><head><title>Harbour</title></head><body><main><div {names}>"
        f"<h2>Harbour plan stalls</h2>{_council_paragraphs()}</div></main></body></html>"
    )
    article = extract_article(html, "https://e.org/news/2026/11/harbour.html").article
    assert article is not None and "the 9th time" in article.text, names


def test_a_comment_section_ends_where_the_next_story_of_an_endless_page_begins() -> None:
    """ "Comments" under the first story, its comments, then the next story in a box whose
    headline is a bare <h1> (no child elements: lxml reads such an element as false, and the
    next story was dropped with the comments)."""
    from monitor.comment_threads import drop_comment_sections

    comments = "".join(
        f'<div class="c"><b>Reader {i}</b> <span>Well said.</span></div>' for i in range(3)
    )
    first = f"<article><h1>Harbour plan stalls</h1>{_council_paragraphs()}</article>"
    following = (
        "<div><h1>Water tariff rises</h1><p>The water company raised its tariff by a tenth on"
        " Monday, the third rise in two years.</p></div>"
    )
    html = f"<html><body><main>{first}<h3>Comments</h3>{comments}{following}</main></body></html>"
    tree = load_tree(html)
    drop_comment_sections(tree)
    text = tree.text_content()
    assert "Reader 1" not in text and "the third rise in two years" in text


def test_a_reply_button_alone_or_in_each_story_of_an_endless_page_drops_no_story() -> None:
    def story(title: str, reply: str = "Reply") -> str:
        paragraphs = "".join(
            f"<p>{title} was discussed by the council for the {n}th time on Monday evening, and"
            f" {n} members asked for a vote.</p>"
            for n in range(4, 10)
        )
        return (
            f'<article class="story"><h1>{title}</h1>{paragraphs}<div class="tools">'
            f'<a href="#r">{reply}</a></div></article>'
        )

    for page in (story("Harbour plan"), story("Harbour plan") + story("Water tariff")):
        html = f"<html lang='en'><head><title>Ledger</title></head><body><main>{page}</main></body></html>"
        tree = load_tree(html)
        drop_comment_threads(tree)
        assert tree.text_content() == load_tree(html).text_content()
        article = extract_article(html, "https://e.org/news/2026/11/harbour.html").article
        assert article is not None and "Harbour plan was discussed" in article.text


INLINE_TEASERS = {
    "a card whose link wraps it": '<div class="read-also"><a href="/news/2026/11/other.html">'
    "<h3>Baku talks resume after a pause</h3><p>Officials in Azerbaijan said talks with the"
    " EU would resume next month.</p></a></div>",
    "a labelled box, the link in its heading": '<div class="see-also"><span>See also</span><h4>'
    '<a href="/news/2026/11/other.html">Baku talks resume after a pause</a></h4><p>Officials'
    " in Azerbaijan said talks with the EU would resume next month.</p></div>",
    "an embed, the summary after a line break": '<blockquote class="embed"><a href="https://'
    'www.e.org/news/2026/11/other.html"><strong>Baku talks resume after a pause</strong></a>'
    "<br>Officials in Azerbaijan said talks with the EU would resume next month.</blockquote>",
}


@pytest.mark.parametrize("box", sorted(INLINE_TEASERS))
def test_another_storys_teaser_between_the_paragraphs_is_not_article_text(box: str) -> None:
    """ "Read also" with another story's headline and summary inside the body: the summary is
    that story's words, and a rule would match it here. A paragraph that opens with a long
    link is the story's own sentence and stays."""
    paragraphs = [
        f"<p>The council met for the {n}th time on the harbour plan and {n} members asked for"
        " a vote before the end of the session, which the chair refused.</p>"
        for n in range(4, 10)
    ]
    own = (
        '<p><a href="/news/2026/10/vote.html">The vote on the harbour plan last month</a> was'
        " called off when Azerbaijan's ferry company withdrew its bid for the terminal.</p>"
    )
    body = "".join(paragraphs[:3]) + INLINE_TEASERS[box] + own + "".join(paragraphs[3:])
    # the same story teased in the sidebar first: each of its teasers goes
    side = f"<aside class='most-read'>{INLINE_TEASERS['a labelled box, the link in its heading']}"
    html = (
        f"<html lang='en'><head><title>Harbour | Ledger</title></head><body><main>{side}</aside>"
        f"<article><h1>Harbour plan stalls</h1>{body}</article></main></body></html>"
    )
    article = extract_article(html, "https://e.org/news/2026/11/harbour.html").article
    assert article is not None
    assert "Officials in Azerbaijan" not in article.text
    assert "Azerbaijan's ferry company withdrew" in article.text
    assert "the 4th time" in article.text and "the 9th time" in article.text


@pytest.mark.parametrize(
    "note",
    [
        "<section class='about'><h3>About the author</h3><p>Khadija Ismayilova is an"
        " investigative journalist covering Azerbaijan.</p></section>",
        "<p><em>Khadija Ismayilova is an investigative journalist covering Azerbaijan.</em></p>",
        "<div class='bio'><p><a href='/author/khadija'>Khadija Ismayilova</a> is an"
        " investigative journalist covering Azerbaijan and the region.</p></div>",
    ],
)
def test_the_authors_note_at_the_end_is_not_article_text(note: str) -> None:
    """A watched journalist's own stories are her at work, not news of her: the note on the
    writer that ends them (opening with a name of the byline) is dropped, as credit lines are;
    a closing paragraph that opens with another name stays."""
    paragraphs = _council_paragraphs()
    closing = "<p>Leyla Yunus said the vote would be held in Azerbaijan's parliament.</p>"
    html = (
        "<html lang='en'><head><title>Harbour | Ledger</title>"
        '<meta name="author" content="Khadija Ismayilova"></head><body><main><article>'
        f"<h1>Harbour plan stalls</h1>{paragraphs}{closing}{note}</article></main></body></html>"
    )
    article = extract_article(html, "https://e.org/news/2026/11/harbour.html").article
    assert article is not None and article.author == "Khadija Ismayilova"
    assert "investigative journalist" not in article.text and "About the" not in article.text
    assert article.text.endswith("would be held in Azerbaijan's parliament.")
