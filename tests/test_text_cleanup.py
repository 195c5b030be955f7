"""The furniture trafilatura leaves around a body is removed; the article's own text never is."""

import pytest
from lxml import html

from monitor.continuation import collect_paragraphs, continue_text, link_texts
from monitor.extract import extract_article
from monitor.text_cleanup import PageParts, tidy

BODY = (
    "The parliament in Baku voted on Tuesday to extend the detention of three reporters, "
    "a decision their lawyers called unlawful and said they would appeal."
)
MORE = "A second paragraph follows with more detail about the hearing and what comes next."


def test_repeated_headline_standfirst_and_stamp_are_dropped_from_the_top() -> None:
    text = "\n".join(
        [
            "Politics",
            "Court extends detention of reporters",
            "Lawyers say they will appeal the decision.",
            "Published 18 November 2019",
            BODY,
        ]
    )
    parts = PageParts(
        titles=["Opinion | Court extends detention of reporters | Example News"],
        description="Lawyers say they will appeal the decision.",
        body=frozenset({BODY}),
    )
    assert tidy(text, parts) == BODY


def test_a_lede_that_is_also_the_description_stays() -> None:
    text = f"Court extends detention of reporters\n{BODY}\n{MORE}"
    parts = PageParts(
        titles=["Court extends detention of reporters"], description=BODY, body=frozenset({BODY})
    )
    assert tidy(text, parts) == f"{BODY}\n{MORE}"


def test_a_headline_deep_in_the_text_is_not_a_header() -> None:
    text = f"{BODY}\n{MORE}\n{MORE}\nCourt extends detention of reporters\n{MORE}"
    assert tidy(text, PageParts(titles=["Court extends detention of reporters"])) == text


def test_a_paragraph_above_a_line_that_repeats_an_h1_is_the_storys_first() -> None:
    """A blog that sets its pictures' captions in <h1>s: the caption under the first
    paragraph repeats "a headline", and what stands above a headline (a kicker, a date) went
    with it: the story's first paragraph. A paragraph is never a kicker."""
    caption = "Waterproof and breathable: the yellow jacket"
    first = f"{BODY} The hearing lasted four hours, and the reporters were not in the room."
    text = "\n".join([first, caption, *[MORE] * 8])
    assert tidy(text, PageParts(titles=["Outdoor lovers", caption])) == text
    # a kicker and a date above the repeated headline still go
    kicked = f"Politics\n27 November 2026\n{caption}\n{BODY}\n{MORE}"
    assert tidy(kicked, PageParts(titles=[caption])) == f"{BODY}\n{MORE}"


@pytest.mark.parametrize(
    "line",
    [
        "Реклама",
        "Подписывайтесь на наш канал в Telegram",
        "Telegram kanalımıza abunə olun",
        "Bizi Facebook-da izləyin",
        "ასევე წაიკითხეთ: მთავრობამ ბიუჯეტი დაამტკიცა",
        "Կարդացեք նաև՝ Կառավարությունը հաստատեց բյուջեն",
        "ფოტო: რეიტერი",
        "Լուսանկարը՝ Reuters",
        "Yayımlanıb: 27.11.2026 12:05",
        "გამოქვეყნდა: 27 ნოემბერი 2026",
        "Հրապարակվել է՝ 27.11.2026",
        "Aktualisiert am 27.11.2026, 14:05 Uhr",
        "Все права защищены",
        # "read also" and "on the topic" before a link to another story
        "Həmçinin oxuyun: Евронест отложил сессию в Ереване",
        "Oxu həmçinin: Bakıda yeni metro stansiyası açılıb",
        "Əlaqəli xəbərlər",
        "Еще по теме: Евронест отложил сессию",
        "По теме: Евронест отложил сессию",
        "Bunlar da ilginizi çekebilir",
        # the site's own channel, anywhere in the line
        "Следите за новостями Азербайджана в нашем Telegram",
        "Join our WhatsApp channel for the latest from the South Caucasus",
        "Azərbaycan xəbərləri üçün Telegram kanalımıza abunə olun",
    ],
)
def test_furniture_in_the_languages_of_the_region_is_dropped(line: str) -> None:
    assert tidy(f"{BODY}\n{line}\n{MORE}", PageParts()) == f"{BODY}\n{MORE}"


@pytest.mark.parametrize(
    "line",
    [
        "An error has occurred, please try again later.",
        "Sorry! There was an error processing your subscription.",
        "This article has been sent to",
        "This copy is for your personal, non-commercial use only. To order presentation-ready "
        "copies for distribution to your colleagues, clients or customers visit the reprints desk.",
    ],
)
def test_the_messages_of_the_pages_widgets_are_dropped(line: str) -> None:
    assert tidy(f"{BODY}\n{line}\n{MORE}", PageParts()) == f"{BODY}\n{MORE}"


@pytest.mark.parametrize(
    "line",
    [
        "Реклама в газетах растёт третий год подряд, сообщил министр.",
        "Подписывая договор, министр заявил о новом этапе.",
        "Published by Penguin.",
        "Veröffentlicht wurde die Studie in Nature.",
        "Authorities blocked Telegram in Azerbaijan on Monday.",
        "The ministry said its Telegram channel had been hacked.",
        "Our correspondent on Telegram said the army had moved.",
        "По теме переговоров министр высказался осторожно.",
        "Həmçinin oxucular arasında sorğu keçirilib.",
    ],
)
def test_sentences_that_start_like_furniture_are_kept(line: str) -> None:
    text = f"{BODY}\n{line}\n{MORE}"
    assert tidy(text, PageParts()) == text


def test_links_to_other_stories_and_promotions_are_dropped_anywhere() -> None:
    text = "\n".join(
        [
            BODY,
            "Read more: Parliament passes the budget",
            "Читайте также: Суд продлил арест",
            "Czytaj więcej",
            "Přečtěte si také: Vláda schválila rozpočet",
            "Follow us on Twitter @example",
            "- Minister resigns after the vote in parliament",
            "The hearing resumes next week.",
            "Write to Jane Roe at jane.roe@example.org",
        ]
    )
    parts = PageParts(links=frozenset({"Minister resigns after the vote in parliament"}))
    assert tidy(text, parts) == f"{BODY}\nThe hearing resumes next week."


def test_a_row_of_links_is_a_tag_list_or_a_menu_and_is_dropped() -> None:
    """Tags, related-story rows and linked bylines go; prose, a dateline and a row with words of
    its own between the links stay."""
    rows = [
        "Tags: Azerbaijan, Armenia, Euronest",
        "- Profiles of the accused: Jane Roe | John Doe | Ilham Kaya",
        "Ярослав Кузишин, Антон Зелинский, Карина Гасимова",
        "Court rulings • Press freedom",
    ]
    kept = [
        "Baku, Azerbaijan",  # two single words and a comma: may be a dateline
        "Azerbaijan, Armenia and Georgia signed the declaration.",  # words of its own
        "Tags are not links here: Yerevan, Tbilisi, Brussels",
    ]
    text = "\n".join([BODY, *rows, *kept, MORE])
    every_link = frozenset(
        {"Azerbaijan", "Armenia", "Euronest", "Jane Roe", "John Doe", "Ilham Kaya", "Baku",
         "Ярослав Кузишин", "Антон Зелинский", "Карина Гасимова", "Court rulings",
         "Press freedom", "Georgia", "Yerevan", "Tbilisi"}
    )  # fmt: skip
    assert tidy(text, PageParts(every_link=every_link)) == "\n".join([BODY, *kept, MORE])


def test_an_extracted_tag_list_is_not_part_of_the_article() -> None:
    """End to end: the tag line under an article body, linked to tag pages, is not its text."""
    paragraphs = "".join(f"<p>{BODY} {i}</p>" for i in range(4))
    page = (
        "<html><head><title>Court extends detention</title></head><body><article>"
        f"<h1>Court extends detention</h1>{paragraphs}"
        '<p>Tags: <a href="/tag/azerbaijan">Azerbaijan</a>, <a href="/tag/eu">European Union</a>,'
        ' <a href="/tag/press">Press freedom</a></p></article></body></html>'
    )
    article = extract_article(page, "https://example.org/news/1").article
    assert article is not None and BODY in article.text
    assert "Tags" not in article.text and "European Union" not in article.text


def test_the_credit_lines_that_end_a_wire_story_are_dropped_and_only_there() -> None:
    """ "X contributed to this report" and "Reporting by ...; Editing by ..." at the end go; the
    same words inside the story, or a sentence that merely starts alike, stay."""
    inside = "Jane Roe contributed to this report on detentions, the ministry said in a statement."
    text = "\n".join(
        [
            BODY,
            MORE,
            "Associated Press writers Jane Roe in Baku and John Doe contributed to this report.",
            "",
            "(Reporting by Jane Roe in Tbilisi; Editing by John Doe)",
            "Our standards: the principles we report by.",
        ]
    )
    assert tidy(text, PageParts()) == f"{BODY}\n{MORE}"
    ends_so = f"{BODY}\n{MORE}\n{inside}"
    assert tidy(ends_so, PageParts()) == ends_so
    kept = f"{BODY}\nThe doctors contributed money to pay for the vaccines."
    assert tidy(kept, PageParts()) == kept


@pytest.mark.parametrize(
    "credit",
    [
        "Auteur : Kossivi Tiassou",
        "Автор: Хадиджа Исмаилова",
        "Müəllif: Xədicə İsmayılova",
        "SOURCE: News agencies",
        "Mənbə: APA",
        "The views and opinions expressed in the article do not necessarily reflect those of"
        " the publisher.",
        "Our Standards: The Thomson Reuters Trust Principles.",
    ],
)
def test_labelled_credits_sources_and_disclaimers_at_the_end_are_dropped(credit: str) -> None:
    """A watched reporter in "Автор: ..." is at work; "Source: ..." and the disclaimer are the
    publisher's. Among the last lines only: a sentence inside the story stays."""
    assert tidy(f"{BODY}\n{MORE}\n{credit}", PageParts()) == f"{BODY}\n{MORE}"
    inside = f"{BODY}\n{credit}\n{MORE}\n{MORE}\n{MORE}\n{MORE}"
    assert tidy(inside, PageParts()) == inside


@pytest.mark.parametrize(
    ("note", "dropped"),
    [
        ("Jane Roe is a journalist based in Baku who covers Azerbaijan.", True),
        (
            "Senior Editor with a focus on the South Caucasus. You can keep up with me on"
            " Twitter: @Jane_Roe",
            True,
        ),
        ("Staff writer covering Azerbaijan and Georgia. Follow Jane Roe on Mastodon.", True),
        # the story's own last sentence, about an editor who is not its writer
        ("Senior editor John Doe said the paper would appeal the ruling.", False),
        ("Senior Editor with a focus on the South Caucasus, he said in his statement.", False),
    ],
)
def test_the_writers_note_at_the_end_is_dropped(note: str, dropped: bool) -> None:
    """The author's note describes the writer, not the news ("Jane Roe is a journalist…",
    "Senior Editor with a focus on… @Jane_Roe"): it opens with their name, or with their job
    and points to them."""
    parts = PageParts(authors=("Jane Roe",))
    assert tidy(f"{BODY}\n{MORE}\n{note}", parts) == (
        f"{BODY}\n{MORE}" if dropped else f"{BODY}\n{MORE}\n{note}"
    )


@pytest.mark.parametrize(
    ("first", "expected"),
    [
        (
            "WASHINGTON (Reuters) - The Senate passed the bill.",
            "WASHINGTON — The Senate passed the bill.",
        ),
        ("PHOENIX (AP) — A condemned inmate gasped.", "PHOENIX — A condemned inmate gasped."),
        ("(CNN) -- The official was talking.", "The official was talking."),
        (
            "BERLIN, 29. November (dpa) - Die Regierung hat beschlossen.",
            "BERLIN, 29. November — Die Regierung hat beschlossen.",
        ),
        (
            "МОСКВА, 29 ноября (ТАСС) - Правительство решило.",
            "МОСКВА, 29 ноября — Правительство решило.",
        ),
        # the agency named in the story, not as its dateline's credit
        ("The Associated Press (AP) said its reporter was held.", None),
        ("Officials said (AP) — nothing more.", None),
    ],
)
def test_the_wires_credit_in_the_dateline_goes_and_the_place_stays(
    first: str, expected: str | None
) -> None:
    """ "WASHINGTON (Reuters) -" is the wire at work, as a credit line is: a rule watching
    "Reuters" or "AFP" alerted on every story the wire wrote. Where the story names it, it
    stays."""
    assert tidy(f"{first}\n{MORE}", PageParts()) == f"{expected or first}\n{MORE}"


def test_a_caption_outside_a_figure_is_dropped_like_one_inside() -> None:
    """trafilatura drops <figure>s; a <figcaption> a template puts in a plain <div> is dropped
    too, with its photo credit; the body around it stays."""
    paragraphs = "".join(f"<p>{BODY} {i}</p>" for i in range(3))
    caption = "Leyla Yunus at a press conference in Baku in 2014"
    page = (
        "<html><body><article><h1>Court extends detention</h1>"
        f"{paragraphs}<div class='media'><img src='/a.jpg'><figcaption><p>{caption}</p>"
        f"<p>Photo: AP</p></figcaption></div><p>{MORE}</p></article></body></html>"
    )
    article = extract_article(page, "https://example.org/news/2").article
    assert article is not None and MORE in article.text and f"{BODY} 2" in article.text
    assert caption not in article.text and "Photo" not in article.text


def test_a_bare_date_on_top_of_the_body_is_a_stamp_and_one_inside_it_is_text() -> None:
    for stamp in ("30. Januar 2024", "January 30, 2024 10:15", "30.01.2024", "30 ноября 2024"):
        assert tidy(f"{stamp}\n{BODY}\n{MORE}", PageParts()) == f"{BODY}\n{MORE}", stamp
    for kicker in ("Azerbaijan 2024", "Summer 2024"):
        assert tidy(f"{kicker}\n{BODY}", PageParts()) == f"{kicker}\n{BODY}", kicker
    inside = f"{BODY}\nJanuary 30, 2024\n{MORE}"
    assert tidy(inside, PageParts()) == inside


def test_toolbar_buttons_rules_and_placeholders_are_dropped_and_sentences_alike_kept() -> None:
    buttons = ["- Order Reprints", "- Print Article", "Share on Facebook", "12 comments", "___"]
    buttons += ["Loading weather data ...", "* * *", "Фото: Дмитрий Азаров, Коммерсантъ"]
    kept = ["Print journalism is not dead, she said.", "Share prices fell by a tenth."]
    text = "\n".join([*buttons, BODY, "Listen to this story", *kept])
    assert tidy(text, PageParts()) == "\n".join([BODY, *kept])


def test_a_long_paragraph_that_happens_to_start_like_furniture_is_kept() -> None:
    paragraph = "Subscribe to our newsletter" + " and the article goes on" * 12
    text = f"{BODY}\n{paragraph}"
    assert tidy(text, PageParts()) == text


def test_nothing_left_means_the_text_is_kept_as_it_was() -> None:
    assert tidy("Read more: elsewhere", PageParts()) == "Read more: elsewhere"


PAGE = f"""<html><body>
<div class="chunk"><p>Claim box that comes before the article and is not part of it at all.</p></div>
<h1>Court extends detention</h1>
<div class="chunk"><p>{BODY}</p><p>{MORE}</p></div>
<div class="ad">Advertisement</div>
<div class="chunk"><p>Third paragraph, after the advertisement row, is still the same story and goes on.</p>
<p><a href="/x">A link list item that is only a link and nothing else at all</a></p>
<p><a href="#hearing">What the court decided at the hearing</a></p></div>
<aside><div class="chunk"><p>An aside that repeats the container class but is page furniture.</p></div></aside>
</body></html>"""


def test_an_article_split_by_an_ad_row_is_continued_in_page_order() -> None:
    tree = html.fromstring(PAGE)
    text, body = continue_text(f"{BODY}\n{MORE}", collect_paragraphs(tree))
    assert text == (
        f"{BODY}\n{MORE}\nThird paragraph, after the advertisement row, is still the same story and goes on."
    )
    assert BODY in body and MORE in body
    assert "A link list item that is only a link and nothing else at all" in link_texts(tree)[0]
    assert "What the court decided at the hearing" not in link_texts(tree)[0]  # a section heading


def test_a_chunk_whose_class_differs_by_a_modifier_is_the_same_container() -> None:
    """ "body articleBody -bottom-space", "articleBody body", "chunk chunk--wide", "is-open":
    modifiers and order do not make another template element; another class does."""
    third = "Third paragraph, after the advertisement row, is still the same story and goes on."
    fourth = (
        "Fourth paragraph, in a chunk with a BEM modifier, is the same story as well, and longer."
    )
    page = f"""<html><body>
    <div class="body articleBody -bottom-space"><p>{BODY}</p><p>{MORE}</p></div>
    <div class="ad">Advertisement</div>
    <div class="articleBody body"><p>{third}</p></div>
    <div class="body articleBody body--wide is-open"><p>{fourth}</p></div>
    <div class="body teaser"><p>A teaser of another story, in a box of another class entirely.</p></div>
    </body></html>"""
    text, _ = continue_text(f"{BODY}\n{MORE}", collect_paragraphs(html.fromstring(page)))
    assert text == f"{BODY}\n{MORE}\n{third}\n{fourth}"


def test_subheadings_the_extraction_dropped_are_put_back_before_their_section() -> None:
    """An <h3> between kept paragraphs goes back before the next kept one; one in an aside, a
    long "heading" and a heading with nothing kept after it are not added; a continuation
    block brings its subheadings with its paragraphs."""
    third = "Third paragraph, after the advertisement row, is still the same story and goes on."
    page = f"""<html><body>
    <div class="body"><p>{BODY}</p><h3>The hearing</h3><p>{MORE}</p>
    <h3>{"A very long heading " * 10}</h3><h3>Nothing kept after this</h3></div>
    <aside><div class="body"><h3>Most read</h3></div></aside>
    <div class="ad">Advertisement</div>
    <div class="body"><h2>What comes next</h2><p>{third}</p></div>
    </body></html>"""
    text, body = continue_text(f"{BODY}\n{MORE}", collect_paragraphs(html.fromstring(page)))
    assert text == f"{BODY}\nThe hearing\n{MORE}\nWhat comes next\n{third}"
    assert "The hearing" not in body  # the paragraphs only


def test_no_container_found_changes_nothing() -> None:
    tree = html.fromstring(PAGE)
    assert continue_text("Text the page does not hold.", collect_paragraphs(tree)) == (
        "Text the page does not hold.",
        frozenset(),
    )


def test_each_container_is_one_instance_however_python_reuses_object_ids() -> None:
    """lxml hands out a new proxy object per access; ids of freed proxies are reused. Two
    different containers must never share an instance number, one container never get two."""
    blocks = "".join(f'<div class="c"><p>{BODY} {i}</p><p>{MORE} {i}</p></div>' for i in range(300))
    paragraphs = collect_paragraphs(html.fromstring(f"<html><body>{blocks}</body></html>"))
    ids = [p.container_id for p in paragraphs]
    assert ids == [i // 2 for i in range(600)]


def test_a_link_rich_paragraph_after_an_ad_row_is_continued_a_link_list_is_not() -> None:
    """Prose with two of its clauses linked continues the body; a paragraph that is mostly a
    link (a teaser) does not."""
    linked = (
        "She compared <a href='/a'>the plans to boost defense spending with the militarization"
        " of the 1930s</a>. But she stood firm in her opposition to <a href='/b'>the ReArm"
        " Europe plans</a> to boost defense spending by 800 billion euros."
    )
    teaser = "<a href='/c'>Minister resigns after the vote in parliament on the budget</a> today."
    page = html.fromstring(
        f"<html><body><div class='content'><p>{BODY}</p><p>{MORE}</p></div>"
        "<div class='ad'>Advertisement</div>"
        f"<div class='content'><p>{linked}</p><p>{teaser}</p></div></body></html>"
    )
    text, _ = continue_text(f"{BODY}\n{MORE}", collect_paragraphs(page))
    assert "She compared the plans" in text and "Minister resigns" not in text


def test_a_page_laid_out_in_a_table_gives_its_article_not_the_layouts_row() -> None:
    """Older news sites put the article in one table cell and "Top stories" in the next; the
    extraction flattens the row into one "| ... | ... |" line. The paragraphs of the element
    that holds the article's stand in for it: the sidebar's teasers are not the article."""
    article = [
        "Verified video footage and eyewitness testimony gathered by rights groups show a pattern of "
        "unlawful killings by security forces during the protests, the organisation said.",
        "At least one hundred protesters in twenty cities have been killed, according to credible "
        "reports, and the real toll may be much higher, the organisation believes.",
        "The authorities must end the crackdown immediately and respect human life, said the "
        "organisation's research director for the region on Tuesday.",
    ]
    teasers = [
        "The parliament voted on Tuesday to recognise the events of 1915 as a genocide, a decision "
        "the neighbouring government condemned within hours of the vote.",
        "Archaeologists have found relics of an ancient kingdom on a hill near the border, the "
        "ministry of culture announced in a statement on Monday evening.",
    ]
    body = "".join(f"<p>{p}</p>" for p in article)
    side = "".join(
        f'<div class="teaser"><a href="/news/{i}/">{t}</a></div>' for i, t in enumerate(teasers)
    )
    html = (
        "<html><head><title>Protesters killed in unrest</title></head><body>"
        '<table><tr valign="top"><td class="single_content"><h1>Protesters killed in unrest</h1>'
        f'<div class="article_date">November 20, 2019 - 11:28</div><div id="article_block" class="article_body">{body}</div></td>'
        f'<td class="sidebar"><h3>Top stories</h3>{side}<h3>Partner news</h3>{side}</td></tr></table>'
        "</body></html>"
    )
    result = extract_article(html, "https://news.invalid/eng/news/275221/")
    assert result.article is not None
    assert result.article.text == "\n".join(article)


def test_a_table_layout_with_lines_broken_by_br_gives_the_article_cell_alone() -> None:
    """An older template with no <p> at all: the article's cell, its lines broken with <br>,
    beside a menu cell and a "Most read" cell of links. The article's cell stands in for the
    row; the menu's country names, the sidebar's headlines and the "Print | Send" links that
    close the article are not its text."""
    sentences = [
        "The appeal court on Tuesday extended the pre-trial detention of the journalist by three "
        "months, her lawyer said.",
        "The journalist, who worked for an independent outlet, was arrested in November on "
        "charges that rights groups call fabricated.",
        "Her lawyer said the defence would appeal to the Supreme Court and, if needed, to the "
        "European Court of Human Rights.",
    ]
    html = (
        "<html><head><title>Old CMS story</title></head><body><table><tr>"
        '<td valign="top"><a href="/az">Azerbaijan news</a><br><a href="/am">Armenia news</a>'
        '<br><a href="/op">Opinion</a></td><td valign="top"><i>04.03.2026 12:10</i><br><br>'
        + "<br><br>".join(sentences)
        + '<br><br><a href="/print">Print</a> | <a href="/mail">Send to a friend</a></td>'
        '<td valign="top">Most read:<br><a href="/m1">Euronest session postponed in Brussels'
        "</a></td></tr></table></body></html>"
    )
    result = extract_article(html, "https://old.invalid/news/1.html")
    assert result.article is not None
    text = result.article.text
    assert all(sentence in text for sentence in sentences)
    for furniture in ("Azerbaijan", "Armenia", "Euronest", "Most read", "Print", "Send to"):
        assert furniture not in text, furniture


def test_a_card_inside_a_paragraph_is_not_the_sentence_the_name_it_hangs_on_is() -> None:
    """Hover cards show a person's photo and latest stories beside their name, inside the
    paragraph: those headlines would read as the sentence (and match a rule). The card goes,
    the name and the rest of the sentence stay; a paragraph with a photo and links of its own
    (no card in it) stays whole."""
    card = (
        '<span class="person"><a href="/people/leyla-yunus">Leyla Yunus</a>'
        '<span class="person-card"><span><img src="/p/yunus.jpg" alt="">'
        '<a href="/people/leyla-yunus">Leyla Yunus</a>'
        '<a href="/news/1">Euronest assembly opens its autumn session in Yerevan</a> '
        '<a href="/news/2">Parliament debates the foreign agents bill again</a></span></span></span>'
    )
    first = f"<p>The rights defender {card} spoke from exile in the Netherlands on Tuesday about the trial.</p>"
    second = (
        '<p>She has lived abroad since her release, <img src="/i/flag.png" alt=""> writing for '
        '<a href="https://a.example">one outlet</a> and <a href="https://b.example">another</a> '
        "about the cases of those still detained.</p>"
    )
    filler = (
        "<p>"
        + "Her husband joined the call and described the years in prison in detail. " * 3
        + "</p>"
    )
    html = f"<html><head><title>Exile</title></head><body><article><h1>Exile</h1>{first}{second}{filler}</article></body></html>"
    result = extract_article(html, "https://news.invalid/news/2026/exile")
    assert result.article is not None
    text = result.article.text
    assert "The rights defender Leyla Yunus spoke from exile in the Netherlands on Tuesday" in text
    assert "Euronest" not in text and "foreign agents" not in text
    assert "writing for one outlet and another about the cases" in text


def test_a_newsletter_sign_up_box_inside_the_article_is_not_the_article() -> None:
    """Its pitch and the messages its script shows ("Sorry! There was an error processing your
    subscription.") are the template's; a page whose <body> class merely mentions a newsletter
    script keeps its article."""
    paragraphs = [
        "The court in Baku extended the detention of six reporters by three months on Tuesday, "
        "their lawyers said after the closed hearing.",
        "The reporters deny the smuggling charges, which press freedom groups call retaliation "
        "for their investigations into officials' business interests.",
    ]
    box = (
        '<section class="Newsletter"><h3>South Caucasus Briefing</h3>'
        "<h4>Get the week's big stories from Azerbaijan, Armenia and Georgia in your inbox.</h4>"
        '<form><input type="email" name="email"><button>Sign up</button></form>'
        '<div class="Newsletter-stateFail"><h3>Sorry!</h3>'
        "<h4>There was an error processing your subscription.</h4></div></section>"
    )
    html = (
        '<html><head><title>Detention extended</title></head><body class="f_lightbox_newsletter_script_on">'
        '<form class="search"><input name="q"></form>'
        f'<article><h1>Detention extended</h1><div class="body"><p>{paragraphs[0]}</p>{box}'
        f"<p>{paragraphs[1]}</p></div></article></body></html>"
    )
    result = extract_article(html, "https://news.invalid/news/2026/detention")
    assert result.article is not None
    assert result.article.text == "\n".join(paragraphs)
