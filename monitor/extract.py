"""The one trafilatura adapter: page HTML -> our Article (article text only, no comments)."""

from __future__ import annotations

import logging
import re
import unicodedata
from datetime import UTC, datetime
from itertools import islice

import trafilatura
from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from monitor.bylines import clean_authors, headline
from monitor.continuation import (
    collect_paragraphs,
    continue_text,
    link_texts,
    unfold_layout_rows,
)
from monitor.lead import find_lead
from monitor.models import Article, Extraction
from monitor.page_metadata import PageMetadata, page_metadata
from monitor.text_cleanup import PageParts, tidy
from monitor.urls import canonical_url

log = logging.getLogger(__name__)

MAX_CAPTIONS = 100  # figure captions read per page (see _captions)
MIN_TEXT_CHARS = 200  # below this a "page" is a stub, a gallery or an index, not an article
LANG_ATTR = re.compile(r"^[a-zA-Z]{2,3}(?:[-_][a-zA-Z0-9]+)*$")


def extract_article(html: str, url: str, *, source: str = "", fetched_at: str = "") -> Extraction:
    """Extract title, author, date, language and text; reader comments are never included."""
    if not html or not html.strip():
        return Extraction(None, "empty page")
    try:
        tree = load_html(html)
        if tree is not None:
            _drop_inline_cards(tree)
            if "ewsletter" in html:  # "Newsletter", "newsletter": most pages name none
                _drop_signup_boxes(tree)
        language = _declared_language(tree) if tree is not None else None
        # read before trafilatura cleans the tree: paragraphs in place, the page's headlines
        paragraphs = collect_paragraphs(tree) if tree is not None else []
        headlines = _headlines(tree) if tree is not None else []
        links, every_link = link_texts(tree) if tree is not None else (frozenset(), frozenset())
        captions = _captions(tree) if tree is not None else frozenset()
        # trafilatura's own extractor first; its readability/jusText fallbacks cost twice the
        # time and changed nothing on the benchmark, so they run only when it finds too little
        meta = page_metadata(tree, url) if tree is not None else None
        doc = _bare(tree, url, fast=True) if tree is not None else None
        if doc is None or len(getattr(doc, "text", None) or "") < MIN_TEXT_CHARS:
            doc = _bare(html, url, fast=False)
    except (ValueError, TypeError, AttributeError, RecursionError) as exc:
        log.warning("extraction failed for %s: %s", url, exc)
        return Extraction(None, "extraction error")
    text = unicodedata.normalize("NFC", (getattr(doc, "text", None) or "").strip()) if doc else ""
    meta = meta or PageMetadata()
    title = _clean(headline(meta.title, headlines, meta.site_name))
    text, body = continue_text(unfold_layout_rows(text, paragraphs), paragraphs)
    description = _clean(meta.description)
    text = tidy(
        text, PageParts([*headlines, title or ""], description, body, links, every_link, captions)
    )
    if len(text) < MIN_TEXT_CHARS:
        return Extraction(None, "no article text")
    lead = find_lead(tree, meta.description, text) if tree is not None else None
    return Extraction(
        Article(
            url=url,
            title=title,
            text=text,
            author=clean_authors(_clean(meta.author)),
            published=_published(meta.date),
            language=_language(language, title, text),
            source=source,
            fetched_at=fetched_at,
            canonical=_canonical(meta.url, url),
            lead=_clean(lead),
        )
    )


def _bare(content: object, url: str, *, fast: bool) -> object:
    return trafilatura.bare_extraction(
        content,
        url=url,
        fast=fast,
        include_comments=False,
        include_tables=True,
        with_metadata=False,  # read by page_metadata, without what we do not store
        deduplicate=False,
    )


def warm_up() -> None:
    """Load what the first extraction would (the language model): before forking workers, and
    before timing."""
    detect_language("A sentence long enough to be classified by the language detector.")


PICTURED_PARAGRAPHS = XPath("//p[.//img]")


def _drop_inline_cards(tree: HtmlElement) -> None:
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


def _links_at_least(element: HtmlElement, count: int) -> bool:
    return sum(1 for _ in islice(element.iter("a"), count)) >= count


# an element whose class names a newsletter and that holds a form control: a sign-up box
SIGNUP_BOX = XPath("//*[contains(@class, 'ewsletter')][.//input or .//form or .//button]")
NEWSLETTER_TOKEN = re.compile(r"^(?:[a-z]+[-_]+)*newsletters?(?:[-_]+[a-z]+)*$", re.IGNORECASE)
PAGE_ELEMENTS = frozenset({"html", "body", "main", "article"})


def _drop_signup_boxes(tree: HtmlElement) -> None:
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


def _captions(tree: HtmlElement) -> frozenset[str]:
    """The texts of the page's <figcaption>s and of their paragraphs. trafilatura drops every
    <figure> with its caption; a caption a template puts outside one ("div.media >
    figcaption > p") came along with the text, and goes the same way."""
    found: set[str] = set()
    # a page has a few; a hostile one nesting thousands would make each read all the rest
    for caption in islice(tree.iter("figcaption"), MAX_CAPTIONS):
        found.add(" ".join(caption.text_content().split()))
        found.update(" ".join(p.text_content().split()) for p in caption.iter("p"))
    found.discard("")
    return frozenset(found)


def _headlines(tree: HtmlElement) -> list[str]:
    """The page's <h1>s and og:title: the headline as shown, which the <title> may not be."""
    found = [" ".join(h.text_content().split()) for h in tree.iter("h1")][:5]
    found += tree.xpath("//meta[@property='og:title']/@content")[:1]
    return [text for text in found if text]


def _canonical(declared: str | None, url: str) -> str | None:
    """The page's rel=canonical (trafilatura reads it into `url`) when it differs from ours."""
    if not declared or not declared.startswith(("http://", "https://")):
        return None
    canonical = canonical_url(declared)
    return canonical if canonical != canonical_url(url) else None


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    cleaned = " ".join(unicodedata.normalize("NFC", value).split())
    return cleaned or None


def _published(value: str | None) -> str | None:
    """htmldate's date -> ISO 8601; a date with a zone is converted to UTC."""
    if not value:
        return None
    for fmt in ("%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"):
        try:
            parsed = datetime.strptime(value, fmt)
        except ValueError:
            continue
        if parsed.tzinfo is not None:
            return parsed.astimezone(UTC).isoformat(timespec="seconds")
        if fmt == "%Y-%m-%d" or (parsed.hour, parsed.minute, parsed.second) == (0, 0, 0):
            return parsed.date().isoformat()
        return parsed.isoformat(timespec="seconds")
    return None


def _declared_language(root: HtmlElement) -> str | None:
    """<html lang>, then content-language / og:locale metas; the primary subtag, lower case."""
    candidates = [root.get("lang"), root.get("xml:lang")]
    candidates += root.xpath(
        "//meta[@http-equiv='content-language' or @http-equiv='Content-Language']/@content"
    )
    candidates += root.xpath("//meta[@property='og:locale']/@content")
    for value in candidates:
        if value and LANG_ATTR.match(value.strip()):
            return re.split(r"[-_]", value.strip())[0].lower()
    return None


def _language(declared: str | None, title: str | None, text: str) -> str | None:
    """The declared language, unless the text is written in another script than it: a CMS
    template keeps `lang="en-US"` on a site that writes in Russian, or one language's tag on
    all of a site's editions; then, as for a page that declares none, the detector's."""
    if declared is not None and script_fits(declared, text):
        return declared
    return detect_language(f"{title or ''}\n{text}")


# the script each language is written in, for the languages whose script tells them apart
SCRIPT_LANGUAGES = {
    "latin": "en de fr es it pt nl pl cs sk tr az ro hu sv da no nb nn fi et lv lt hr sl sq "
    "id ms ca eu gl ga cy is mt",
    "cyrillic": "ru uk be bg mk kk ky tg mn",
    "georgian": "ka",
    "armenian": "hy",
    "greek": "el",
    "arabic": "ar fa ur ps",
    "hebrew": "he yi",
}
LANGUAGE_SCRIPT = {
    lang: script for script, langs in SCRIPT_LANGUAGES.items() for lang in langs.split()
}
SCRIPT_LETTERS = {
    "latin": re.compile(r"[A-Za-z\u00C0-\u024F]"),
    "greek": re.compile(r"[\u0370-\u03FF]"),
    "cyrillic": re.compile(r"[\u0400-\u052F]"),
    "armenian": re.compile(r"[\u0530-\u058F]"),
    "hebrew": re.compile(r"[\u05D0-\u05EA]"),
    "arabic": re.compile(r"[\u0620-\u064A\u0671-\u06D3]"),
    "georgian": re.compile(r"[\u10A0-\u10FF\u1C90-\u1CBF]"),
}
LETTER = re.compile(r"[^\W\d_]")
SCRIPT_SAMPLE = 600  # characters looked at: a few sentences tell the script


def script_fits(language: str, text: str) -> bool:
    """Are most letters of the text in the script the language is written in? (True for a
    language not in SCRIPT_LANGUAGES, or a text of too few letters to tell.)"""
    expected = LANGUAGE_SCRIPT.get(language)
    if expected is None:
        return True
    sample = text[:SCRIPT_SAMPLE]
    if expected == "latin" and sample.isascii():  # most pages: at C speed
        return True
    letters = len(LETTER.findall(sample))
    return letters < 40 or len(SCRIPT_LETTERS[expected].findall(sample)) * 2 >= letters


def detect_language(text: str) -> str | None:
    import py3langid

    if len(text) < 40:
        return None
    language, _ = py3langid.classify(text[:5000])
    return str(language)
