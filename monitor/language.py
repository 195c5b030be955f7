"""Which language a page is in: the one it declares, unless its text is in another script,
else the detector's (py3langid, a well-kept port of langid.py with its model inside)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml.html import HtmlElement

LANG_ATTR = re.compile(r"^[a-zA-Z]{2,3}(?:[-_][a-zA-Z0-9]+)*$")


def declared_language(root: HtmlElement) -> str | None:
    """<html lang>, then content-language / og:locale metas; the primary subtag, lower case."""
    for value in _declared_values(root):
        if value and LANG_ATTR.match(value.strip()):
            return re.split(r"[-_]", value.strip())[0].lower()
    return None


def _declared_values(root: HtmlElement) -> Iterator[str | None]:
    """What the page declares, in that order. A generator: the metas are looked for only when
    <html> declares nothing usable (most pages do), in one walk over the <meta> elements
    instead of two XPath passes over the page on every page."""
    yield root.get("lang")
    yield root.get("xml:lang")
    locale: list[str | None] = []
    for meta in root.iter("meta"):
        if meta.get("http-equiv") in ("content-language", "Content-Language"):
            yield meta.get("content")
        elif meta.get("property") == "og:locale":
            locale.append(meta.get("content"))
    yield from locale


def page_language(declared: str | None, title: str | None, text: str) -> str | None:
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
