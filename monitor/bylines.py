"""Headlines without the site's name and bylines without "By", job titles or placeholders.

A page's <title> is usually "Headline | Site" or "Headline – Site – date"; its <h1> or og:title
is the headline alone. A byline comes as "By Jane Roe, Senior Correspondent", "Jane Roe and John
Doe | Reuters" or a CMS placeholder ("admin", "Username"). The archive keeps the headline and the
people.
"""

from __future__ import annotations

import re

SEPARATOR = re.compile(r"^\s*[|–—:-]\s+")
BY = re.compile(r"^\s*(?:by|von|par|por|di|door|від|от|автор:?)\s+", re.IGNORECASE)
SPLIT_AUTHORS = re.compile(r"\s*(?:;|,|\band\b|\bund\b|\bet\b|\by\b|\bи\b|&)\s*", re.IGNORECASE)
JOB_TITLE = re.compile(
    r"\b(?:reporter|correspondent|editor|writer|staff|contributor|columnist|producer|analyst|"
    r"journalist|bureau|chief|senior|deputy|news\s+desk|корреспондент|редактор|журналист)\b",
    re.IGNORECASE,
)
PLACEHOLDERS = frozenset(
    {"admin", "administrator", "username", "user", "editor", "unknown", "guest"}
)
ORGANISATION_SUFFIX = re.compile(r"\s*[|/(]\s*[^|/()]*\)?\s*$")


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
            if name not in people:
                people.append(name)
    return "; ".join(people) or None
