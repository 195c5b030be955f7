"""Headlines lose the site's name; bylines keep the people only."""

import pytest

from monitor.bylines import clean_authors, headline


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("By Jane Roe, Senior Correspondent and John Doe | Reuters", "Jane Roe; John Doe"),
        ("von Anna Petrosyan", "Anna Petrosyan"),
        ("Автор: Хадиджа Исмаилова", "Хадиджа Исмаилова"),
        ("Roe, Jane", "Roe, Jane"),
        ("Jane Roe; Jane Roe", "Jane Roe"),
        ("Username", None),
        ("Guardian staff reporter", None),
        ("Jeffrey Gettleman; JEFFREY GETTLEMAN", "Jeffrey Gettleman"),
        # capitals a template put on a name: as names are written
        ("JEFFREY GETTLEMAN", "Jeffrey Gettleman"),
        ("URSULA VON DER LEYEN", "Ursula von der Leyen"),
        ("JEAN-LUC O'BRIEN", "Jean-Luc O'Brien"),
        ("ХАДИДЖА ИСМАИЛОВА", "Хадиджа Исмаилова"),
        ("BBC News", "BBC News"),
        ("Jana Nová před", "Jana Nová"),
        ("Ursula von der Leyen", "Ursula von der Leyen"),
        ("Ahmed bin Salman and Jane Roe", "Ahmed bin Salman; Jane Roe"),
        (
            "Povilas Aleksandravičius; Mykolo Romerio universiteto Žmogaus ir visuomenės studijų "
            "fakulteto profesorius",
            "Povilas Aleksandravičius",
        ),
        ("bell hooks", "bell hooks"),
        ("Андрей Колесников", "Андрей Колесников"),
        ("", None),
        # the byline's label in the languages watched, with or without a colon
        ("Müəllif: Əli Həsənov", "Əli Həsənov"),
        ("Yazar: Ayşe Kaya", "Ayşe Kaya"),
        ("ავტორი: ნინო ბერიძე", "ნინო ბერიძე"),
        ("Autor: Jan Kowalski", "Jan Kowalski"),
        ("Текст: Иван Петров", "Иван Петров"),
        ("di Mario Rossi", "Mario Rossi"),
        ("Luigi Di Maio", "Luigi Di Maio"),
        ("Robert De Niro", "Robert De Niro"),
        ("Written by Jane Roe", "Jane Roe"),
        ("Author: Jane Roe", "Jane Roe"),
        ("Authors Jane Roe and John Doe", "Jane Roe; John Doe"),
        ("Authority Smith", "Authority Smith"),
        ("Ayşe Kaya, Muhabir", "Ayşe Kaya"),
        ("Anna Müller, Redakteurin", "Anna Müller"),
        ("Textor Smith", "Textor Smith"),
        # agencies, sites and fragments beside the people; an agency alone is the byline
        ("LISA MASCARO, ERIC TUCKER Associated Press", "Lisa Mascaro; Eric Tucker"),
        ("By Jane Doe and John Roe, Associated Press", "Jane Doe; John Roe"),
        ("Sandee LaMotte; CNN", "Sandee LaMotte"),
        ("Finian Cunningham Sputnik International", "Finian Cunningham"),
        ("Amy Kuperinsky; NJ Advance Media", "Amy Kuperinsky"),
        ("Troy Smith; Troy L. Smith; Cleveland", "Troy L. Smith"),
        ("David Jeans; Kevin Rebong; Kevin-R", "David Jeans; Kevin Rebong"),
        ("Reuters", "Reuters"),
        ("The Associated Press", "The Associated Press"),
        ("Mike Wuerthele; Malcolm Owen Monday; November", "Mike Wuerthele; Malcolm Owen"),
        ("Analysis by Chris Cillizza", "Chris Cillizza"),
        # co-authors after "with" (in the languages read), in parentheses or a sentence of
        # their own, where they reported from left out
        (
            "Martin Untersinger (avec Damien Leloup et Morgane Tual)",
            "Martin Untersinger; Damien Leloup; Morgane Tual",
        ),
        ("Jane Roe (with John Doe and Ann Lee)", "Jane Roe; John Doe; Ann Lee"),
        ("Hans Meier (mit Eva Roth)", "Hans Meier; Eva Roth"),
        ("Ayşe Kaya ile Mehmet Demir", "Ayşe Kaya; Mehmet Demir"),
        ("Jane Roe, with additional reporting by John Doe", "Jane Roe; John Doe"),
        ("Jane Roe. Additional reporting by John Doe in Baku", "Jane Roe; John Doe"),
        ("Jane Roe (Reuters)", "Jane Roe"),
        ("J. R. Smith", "J. R. Smith"),
        ("Euronews with Agencies", "Euronews"),
        ("The Russian side", None),
        ("Josh", "Josh"),
        ("Mehmet Ali Turan", "Mehmet Ali Turan"),
        ("Michael R. Bloomberg", "Michael R. Bloomberg"),
        # a picture's credit, marked up as its author: no one's byline
        ("Фото из Инстаграма Лукаша Подольски", None),
        ("Photo: Jane Roe/Reuters", None),
        ("Foto: dpa", None),
        ("Fotoğraf: Ayşe Kaya", None),
        ("Şəkil: Əli Həsənov", None),
        ("Photograph: Jane Roe; By John Doe", "John Doe"),
        ("Carl Bildt", "Carl Bildt"),
        # a description after the name, its article with it; a button after it
        ("Daniel Lemire A computer science professor", "Daniel Lemire"),
        # a full stop that is the name's own stays
        ("Martin Luther King Jr.", "Martin Luther King Jr."),
        ("By Jane Roe.", "Jane Roe"),
        ("Jane Roe Follow", "Jane Roe"),
        ("By Jane Roe Share @janeroe", "Jane Roe"),
        ("Jane Roe | Share this article", "Jane Roe"),
        # controls, menus, a theme's credit and bare initials name no one
        ("So Artikel Empfehlen", None),
        ("Blog Navigation WordPress Plugins Related; Most Popular Posts; More « Lorelle", None),
        ("Catch Themes", None),
        ("K A", None),
        # a CMS's default user, a user name, the newsroom
        ("Super User", None),
        ("Wunderweib1", None),
        ("Redaktion", None),
    ],
)
def test_bylines_are_cleaned(raw: str, expected: str | None) -> None:
    assert clean_authors(raw) == expected


def test_the_site_name_after_a_headline_goes() -> None:
    shown = "Court extends detention of reporters"
    assert headline(f"{shown} – Example News – 30.01.2024", [shown], None) == shown
    assert headline(f"{shown} | Example News", [], "Example News") == shown
    assert headline(shown, [shown], "Example News") == shown
    assert headline("Example News", [], "Example News") == "Example News"


DETENTION = "Court extends detention of reporters"


@pytest.mark.parametrize(
    ("title", "headlines", "site", "expected"),
    [
        (f"{DETENTION} -- Example News", [DETENTION], None, DETENTION),
        (f"{DETENTION} » Politics » Example News", [], None, None),
        (
            f"{DETENTION} » Local » Noticias » Example News",
            [f"{DETENTION}Example News"],
            None,
            DETENTION,
        ),
        (f"Example News | The region's paper: {DETENTION}", [], None, None),
        (f"Example News | The region's paper: {DETENTION}", [DETENTION], None, DETENTION),
        (f"Analysis: {DETENTION} | Example Politics", [], "Example", f"Analysis: {DETENTION}"),
        (f"Example – {DETENTION}", [], "Example", DETENTION),
        ("法院延长记者拘留期限-新华网", ["法院延长记者拘留期限"], None, "法院延长记者拘留期限"),
        # a headline's own colon or hyphen is not a separator
        ("Covid-19 cases rise in Baku", ["Covid"], None, None),
        (
            "Aliyev visits Brussels for talks: the day",
            ["Aliyev visits Brussels for talks: the day"],
            None,
            None,
        ),
        (
            "Aliyev visits Brussels for talks: the day",
            ["Aliyev visits Brussels for talks: the day, live"],
            None,
            None,
        ),
        (
            "Aliyev visits Brussels for talks: the day | Site",
            ["Aliyev visits Brussels for talks: the day, live"],
            None,
            "Aliyev visits Brussels for talks: the day",
        ),
        ("Politics - News", ["News"], None, None),
    ],
)
def test_the_headline_is_the_title_without_the_sites_words(
    title: str, headlines: list[str], site: str | None, expected: str | None
) -> None:
    """What a site adds around its headline goes (its name after "--", "»" or "|", or before
    it; the sections between), found from the <h1> or the site's name; what is the headline's
    own (a colon, a hyphen in "Covid-19") stays (expected None: the title as it is)."""
    assert headline(title, headlines, site) == (expected or title)


@pytest.mark.parametrize(
    ("title", "url", "expected"),
    [
        (f"{DETENTION} - The Washington Post", "https://www.washingtonpost.com/world/x", DETENTION),
        (f"{DETENTION} | Sott.net", "https://www.sott.net/article/1", DETENTION),
        (f"{DETENTION} — JAMnews", "https://jam-news.net/x/", DETENTION),
        (f"BBC News - {DETENTION}", "https://www.bbc.co.uk/news/world-1", DETENTION),
        (f"{DETENTION} - NYT", "https://www.nytimes.com/2026/11/29/x.html", DETENTION),
        # a headline's own words and colon, or another site's name, stay
        ("Times: the new council meets", "https://www.nytimes.com/x", None),
        (f"{DETENTION} - Reuters", "https://www.e.org/x", None),
        (f"{DETENTION} | Example", "http://127.0.0.1:8080/news/x", None),
    ],
)
def test_a_site_named_by_its_address_around_the_headline_goes(
    title: str, url: str, expected: str | None
) -> None:
    """A page that names no site (no og:site_name) and shows no <h1> like its title: the part
    after the last separator (or before the first) that spells the site's domain goes."""
    assert headline(title, [], None, url) == (expected or title)


@pytest.mark.parametrize(
    "meta",
    [
        '<meta name="author" content="speicherguide.de">',
        '<meta name="creator" content="Medianotions, www.medianotions.de">',
    ],
)
def test_a_web_address_as_the_author_is_no_one(meta: str) -> None:
    """A page whose meta author is a web address (its own, its web agency's): trafilatura
    makes it "Speicherguide De"; the byline under the headline is the author, else none."""
    from monitor.extract import extract_article

    paragraphs = "".join(
        f"<p>The storage market grew for the {n}th quarter in a row, and analysts expect the"
        " trend to continue into next year as data volumes rise.</p>"
        for n in range(1, 7)
    )
    for byline, expected in (("", None), ("<p>By Jane Roe</p>", "Jane Roe")):
        html = (
            f"<html lang='en'><head><title>Storage</title>{meta}</head><body><article>"
            f"<h1>Storage market grows</h1>{byline}{paragraphs}</article></body></html>"
        )
        article = extract_article(html, "https://www.example.de/2026/11/storage.html").article
        assert article is not None and article.author == expected, (meta, byline)


@pytest.mark.parametrize(
    "klass", ["autor", "autor pull-left", "auteur", "yazar", "muellif", "avtor"]
)
def test_a_byline_whose_class_names_an_author_in_another_language_is_read(klass: str) -> None:
    """A Spanish paper's `<p class="autor">`, a French one's "auteur", a Turkish one's "yazar":
    trafilatura looks for "author" only. A place and the date after the name go."""
    from monitor.extract import extract_article

    paragraphs = "".join(
        f"<p>El fiscal estudia el auto por {n}ª vez con el jefe de la Fiscalía, que decidirá"
        " en Madrid si recurre la imputación antes del plazo.</p>"
        for n in range(1, 7)
    )
    html = (
        "<html lang='es'><head><title>Fiscalía</title></head><body><article><h3>La Fiscalía"
        f" decide</h3><div class='box'><p class='{klass}'><strong>Patricio Candia</strong> |"
        f" Palma de Mallorca | 08/01/2014</p></div>{paragraphs}</article></body></html>"
    )
    article = extract_article(html, "https://e.es/noticias/2014/01/08/fiscalia.html").article
    assert article is not None and article.author == "Patricio Candia"


BYLINE = "Dana A. Ford, James S.A. Corey, and Tom Watkins, CNN"


@pytest.mark.parametrize(
    ("head", "body"),
    [
        (f'<meta name="author" content="{BYLINE}">', ""),
        (
            '<script type="application/ld+json">{"@context": "https://schema.org", "@type":'
            ' "NewsArticle", "author": [{"@type":'
            ' "Person", "name": "Dana A. Ford"}, {"@type": "Person", "name": "James S.A. Corey"},'
            ' {"@type": "Person", "name": "Tom Watkins"}]}</script>',
            "",
        ),
        ("", f'<span class="byline">By {BYLINE}</span>'),
    ],
)
def test_initials_keep_their_full_stops(head: str, body: str) -> None:
    """ "Dana A. Ford", as the page writes it, not "Dana A Ford" (trafilatura drops the dots
    of the names it reads from meta tags, JSON-LD and bylines)."""
    from monitor.extract import extract_article

    paragraphs = "".join(
        f"<p>The storm moved east on day {n}, and forecasters said travel would be smooth for"
        " most of the country by the holiday weekend.</p>"
        for n in range(1, 7)
    )
    html = (
        f"<html lang='en'><head><title>Storm</title>{head}</head><body><article>"
        f"<h1>After storm, smooth sailing</h1>{body}{paragraphs}</article></body></html>"
    )
    article = extract_article(html, "https://e.org/2013/11/27/storm.html").article
    assert article is not None
    assert article.author == "Dana A. Ford; James S.A. Corey; Tom Watkins"


def test_the_byline_is_the_first_author_element_that_names_someone() -> None:
    """Author-marked elements that hold a placeholder, a button or a job title are passed over
    for the one that names a person (trafilatura stops at the first with any text)."""
    from lxml import html

    from monitor.page_metadata import page_metadata

    page = """<html><head><title>Talks resume</title></head><body>
      <form class="comment-form"><span class="author">Username</span></form>
      <a class="author-follow author">Follow</a>
      <p>Talks resumed in Brussels on Monday.</p>
      <span class="pb-byline">By <a href="/people/jane-roe">Jane Roe</a></span>
      <article><p>Talks resumed in Brussels on Monday after a pause of three months.</p></article>
    </body></html>"""
    assert page_metadata(html.fromstring(page), "https://e.org/a").author == "Jane Roe"
    cjk = '<html><body><span class="author">王小明</span><p>文章</p></body></html>'
    assert page_metadata(html.fromstring(cjk), "https://e.org/b").author == "王小明"


def test_a_pictures_credit_marked_as_its_author_is_not_the_byline() -> None:
    """Templates mark a photo's credit up as an author ("Фото: ..." beside the picture): the
    byline is the next author-marked element that names someone, else none."""
    from lxml import html

    from monitor.page_metadata import page_metadata

    def page(byline: str) -> str:
        return f"""<html><head><title>Podolski retires</title></head><body><article>
          <h1>Podolski retires from the national team</h1>
          <div class="article-photo"><img src="/p.jpg" alt="">
            <div class="photo-text"><span class="author">Фото из Инстаграма Лукаша
            Подольски</span></div></div>
          {byline}
          <p>Lukas Podolski said on Monday that he would no longer play for Germany.</p>
        </article></body></html>"""

    with_byline = page('<p class="author-name">By Jane Roe</p>')
    assert page_metadata(html.fromstring(with_byline), "https://e.org/a").author == "Jane Roe"
    assert page_metadata(html.fromstring(page("")), "https://e.org/b").author is None
