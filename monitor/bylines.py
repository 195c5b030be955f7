"""Headlines without the site's name and bylines without "By", job titles or placeholders.

A page's <title> is usually "Headline | Site" or "Headline – Site – date"; its <h1> or og:title
is the headline alone. A byline comes as "By Jane Roe, Senior Correspondent", "Jane Roe and John
Doe | Reuters" or a CMS placeholder ("admin", "Username"). The archive keeps the headline and the
people.
"""

from __future__ import annotations

import re

SEPARATOR = re.compile(r"^\s*[|–—:-]\s+")
# what stands before the names: "By", and its word in the languages we watch, with or without
# a colon; short words that also open names ("Di Maio", "De Niro") only in lower case
BY = re.compile(
    r"^\s*(?:(?i:by|written\s+by|reporting\s+by|words\s+by|von|text|autor|autorin|autorka|par|"
    r"texte|auteur|por|texto|a\s+cura\s+di|autore|door|від|от|автор|авторка|текст|müəllif|"
    r"müəllifi|yazar|yazan|hazırladı|szerző|av|af|kirjoittaja|ავტორი|Հեղինակ|συντάκτης)|"
    r"di|de|του|της)(?:\s*:\s*|\s+)"
)
SPLIT_AUTHORS = re.compile(r"\s*(?:;|,|\band\b|\bund\b|\bet\b|\by\b|\bи\b|&)\s*", re.IGNORECASE)
JOB_TITLE = re.compile(
    r"\b(?:reporter|correspondent|editor|writer|staff|contributor|columnist|producer|analyst|"
    r"journalist|bureau|chief|senior|deputy|news\s+desk|корреспондент|кореспондент|редактор|"
    r"журналист|журналіст|redakteur|redakteurin|korrespondent|korrespondentin|rédacteur|"
    r"rédactrice|corresponsal|redattore|redactor|redaktor|muhabir|müxbir|editör|jurnalist|"
    r"gazeteci)\b",
    re.IGNORECASE,
)
PLACEHOLDERS = frozenset(
    {"admin", "administrator", "username", "user", "editor", "unknown", "guest"}
)
ORGANISATION_SUFFIX = re.compile(r"\s*[|/(]\s*[^|/()]*\)?\s*$")
# lower-case words a name may hold ("Ursula von der Leyen", "Ahmed bin Salman")
PARTICLES = frozenset(
    {"al", "bin", "bint", "da", "das", "de", "del", "della", "der", "des", "di", "do", "dos",
     "du", "el", "ibn", "la", "le", "ten", "ter", "van", "von", "y", "zu"}
)  # fmt: skip
MAX_NAME_WORDS = 5
MAX_BYLINE_WORDS = 8  # a name with a few words of template after it


def headline(title: str | None, headlines: list[str], site_name: str | None) -> str | None:
    """The <title> without what the site adds around its headline."""
    if not title:
        return title
    for candidate in sorted(headlines, key=len, reverse=True):
        rest = title[len(candidate) :]
        if candidate and title.startswith(candidate) and rest and SEPARATOR.match(rest):
            return candidate
    if site_name:
        for separator in (" | ", " – ", " — ", " - ", " :: "):
            suffix = f"{separator}{site_name}"
            if title.endswith(suffix) and len(title) > len(suffix) + 10:
                return title[: -len(suffix)].strip()
    return title


def clean_authors(value: str | None) -> str | None:
    """'By Jane Roe, Senior Correspondent and John Doe | Reuters' -> 'Jane Roe; John Doe'."""
    if not value:
        return None
    people: list[str] = []
    for raw in re.split(r"\s*;\s*", " ".join(value.split())):
        raw = BY.sub("", ORGANISATION_SUFFIX.sub("", raw) if "|" in raw else raw)
        parts = SPLIT_AUTHORS.split(raw)
        if "," in raw and all(" " not in p.strip() for p in raw.split(",")):
            parts = [raw]  # "Roe, Jane": one name, surname first
        for part in parts:
            name = BY.sub("", part).strip(" .,-–|")
            if not name or JOB_TITLE.search(name) or name.casefold() in PLACEHOLDERS:
                continue
            person = _person(name)
            if person is None:
                continue
            name = person
            if name.casefold() not in {p.casefold() for p in people}:  # "JANE ROE" = "Jane Roe"
                people.append(name)
    return "; ".join(people) or None


def _person(name: str) -> str | None:
    """A name as written, without what a template put after it ("Jana Nová před 2 hodinami" ->
    "Jana Nová"); None for what reads as a description, not a name (many words, or lower-case
    words that are not particles: "profesorius of the faculty of ...")."""
    words = name.split()
    if not any(word[:1].isupper() for word in words):
        return name  # a script without capitals, or a name written in lower case
    if len(words) > MAX_BYLINE_WORDS:
        return None
    while not words[-1][:1].isupper():  # stops at the last capitalised word
        words.pop()
    inner = [w for w in words if w[:1].islower() and w.casefold() not in PARTICLES]
    if len(words) > MAX_NAME_WORDS or len(inner) > 1:
        return None
    return " ".join(words)
