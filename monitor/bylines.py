"""Headlines without the site's name and bylines without "By", job titles or placeholders.

A page's <title> is usually "Headline | Site" or "Headline – Site – date"; its <h1> or og:title
is the headline alone. A byline comes as "By Jane Roe, Senior Correspondent", "Jane Roe and John
Doe | Reuters" or a CMS placeholder ("admin", "Username"). The archive keeps the headline and the
people.
"""

from __future__ import annotations

import re

from monitor.urls import host_of, registered_domain

SEPARATOR = re.compile(r"^\s*(?:[|–—:»·•~/]|-{1,2}|::)\s+")
# a separator between spaces inside a title ("Headline » Local » News » Site")
SEPARATORS = re.compile(r"\s+(?:[|–—:»·•~/]|-{1,2}|::)\s+")
# Chinese and Japanese titles join the site's name without spaces ("…需求-新华网")
TIGHT_SEPARATOR = re.compile(r"^[|–—»·•_-](?=[\u2e80-\u9fff\uac00-\ud7af\uff00-\uffef])")
CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uff00-\uffef]$")
MIN_HEADLINE_WORDS = 3  # a part of a title this long may be the headline a page shows
MAX_SITE_TAIL = 25  # characters after a site's name in a title's tail ("| CNN Politics")
MIN_DOMAIN_LETTERS = 3  # a site's name from its domain this long at least ("cnn")
MAX_SITE_WORDS = 5  # words of a site's name in a title
MAX_DOMAIN_SLACK = 6  # letters a site's name in a title may have more or fewer than its domain
# what stands before the names: "By", and its word in the languages we watch, with or without
# a colon; short words that also open names ("Di Maio", "De Niro") only in lower case
BY = re.compile(
    r"^\s*(?:(?i:(?:[^\W\d_]+\s+)?by|authors?|von|text|autor|autorin|autorka|par|"
    r"texte|auteur|por|texto|a\s+cura\s+di|autore|door|від|от|автор|авторка|текст|müəllif|"
    r"müəllifi|yazar|yazan|hazırladı|szerző|av|af|kirjoittaja|ავტორი|Հեղինակ|συντάκτης|"
    r"(?:additional\s+)?reporting\s+by)|"
    r"di|de|του|της)(?:\s*:\s*|\s+)"
)
SPLIT_AUTHORS = re.compile(r"\s*(?:;|,|\band\b|\bund\b|\bet\b|\by\b|\bи\b|&)\s*", re.IGNORECASE)
# co-authors named after the first one: "Martin Untersinger (avec Damien Leloup et Morgane
# Tual)", "Jane Roe, with John Doe", "Jane Roe. Additional reporting by John Doe in Baku": the
# word before them (with, and its word in the languages we read) or a sentence's end
WITH = r"(?:with|avec|mit|con|com|met|в\s+соавторстве\s+с|при\s+участии|və|ile)"
CO_AUTHORS = re.compile(rf"\(\s*{WITH}\s+([^()]+)\)|(?:^|,|\s)\s*{WITH}\s+", re.IGNORECASE)
SENTENCE_END = re.compile(r"(?<=[^\W\d_]{2})\.\s+(?=[^\W\d_])")
# where a co-author reported from, after the name: "John Doe in Baku", "Jane Roe from Kyiv"
REPORTED_FROM = re.compile(
    r"\s+(?:in|from|aus|à|en|в|из)\s+[^\W\d_][\w.-]*(?:\s+[^\W\d_][\w.-]*)?$"
)
JOB_TITLE = re.compile(
    r"\b(?:reporter|correspondent|editor|writer|staff|contributor|columnist|producer|analyst|"
    r"journalist|bureau|chief|senior|deputy|news\s+desk|корреспондент|кореспондент|редактор|"
    r"журналист|журналіст|redakteur|redakteurin|korrespondent|korrespondentin|rédacteur|"
    r"rédactrice|corresponsal|redattore|redactor|redaktor|muhabir|müxbir|editör|jurnalist|"
    r"gazeteci)\b",
    re.IGNORECASE,
)
# a picture's credit, which templates mark up as its "author" beside the picture ("Фото из
# Инстаграма Лукаша Подольски", "Photo: Jane Roe/Reuters", "Foto: dpa"): its photographer or
# source, not the story's author; the word for a photo, picture, image or video that opens it
PICTURE_CREDIT = re.compile(
    r"^(?i:photo(?:graph)?s?|pictures?|pics?|images?|illustrations?|videos?|credits?|"
    r"fotos?|fotó|fotoğraf(?:lar)?|fotografi[ae]|fotografie|bild(?:er)?|immagin[ei]|imagen|"
    r"kuva|zdjęci[ea]|ilustrace|kép|фото(?:графи[яи])?|світлин[аи]|зображення|видео|відео|"
    r"şəkil|görsel|ფოტო|լուսանկար)(?:\s*:|\s+|$)"
)
PLACEHOLDERS = frozenset(
    {"admin", "administrator", "username", "user", "editor", "unknown", "guest", "super user",
     "webmaster", "redaktion", "rédaction", "redacción", "redazione", "редакция", "redaksiya",
     "newsroom",
     # "Euronews with Agencies", "Staff and wires": no one
     "agencies", "agency", "wires", "agences", "agenturen", "agencias", "agenzie", "агентства"}
)  # fmt: skip
# words of a page's controls and menus, never of a name: an author-marked element that holds
# them is a toolbar ("Artikel empfehlen"), a sidebar ("Most Popular Posts") or a theme's credit
CONTROL_WORDS = frozenset(
    {"share", "print", "email", "e-mail", "recommend", "follow", "subscribe", "navigation",
     "menu", "posts", "related", "recent", "popular", "plugins", "themes", "theme", "comments",
     "login", "archives", "categories", "teilen", "empfehlen", "drucken", "merken", "folgen",
     "abonnieren", "partager", "imprimer", "compartir", "imprimir", "condividi", "stampa",
     "поделиться", "печать", "paylaş", "yazdır", "çap", "paylaşın", "artikel", "article"}
)  # fmt: skip
# a name that ends with an abbreviation or an initial and its full stop
SUFFIX_DOT = re.compile(r"(?<![^\s.])(?:Jr|Sr|[A-Z])\.$")
MENU_WORDS = 2  # control words in one part of a byline: a menu or a sidebar, not a byline
ORGANISATION_SUFFIX = re.compile(r"\s*[|/(]\s*[^|/()]*\)?\s*$")
# lower-case words a name may hold ("Ursula von der Leyen", "Ahmed bin Salman")
PARTICLES = frozenset(
    {"al", "bin", "bint", "da", "das", "de", "del", "della", "der", "des", "di", "do", "dos",
     "du", "el", "ibn", "la", "le", "ten", "ter", "van", "von", "y", "zu"}
)  # fmt: skip
# news agencies and publishers a byline names beside its people ("Jane Roe, Associated Press",
# "ERIC TUCKER Associated Press"): dropped when a person is named, kept when alone
AGENCIES = re.compile(  # none that is also a surname or a given name (Turan, Efe, Bloomberg)
    r"(?i:\s*\b(?:the\s+)?(?:associated\s+press|ap|reuters|afp|agence\s+france-presse|"
    r"bloomberg\s+news|dpa|ansa|upi|xinhua|kyodo|yonhap|tass|ria\s+novosti|interfax|"
    r"sputnik(?:\s+international)?|anadolu\s+agency|report\.az|cnn|bbc(?:\s+news)?|"
    r"business\s+insider|cond[ée]\s+nast|[^\W\d_]+\s+(?:advance\s+)?media))\s*$"
)
# what follows a name in a byline before the date's digits: "Jane Roe Updated Nov 21"
DATE_WORDS = frozenset(
    {"updated", "published", "posted", "last", "on", "at", "january", "february", "march",
     "april", "may", "june", "july", "august", "september", "october", "november", "december",
     "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
     "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue",
     "wed", "thu", "fri", "sat", "sun"}
)  # fmt: skip
ARTICLES = frozenset({"the", "a", "an"})
MAX_NAME_WORDS = 5
MAX_BYLINE_WORDS = 8  # a name with a few words of template after it


def headline(
    title: str | None, headlines: list[str], site_name: str | None, url: str | None = None
) -> str | None:
    """The <title> without what the site adds around its headline: "Headline | Site",
    "Headline -- Site", "Site: Headline", "Headline » Section » Site", "标题-新华网" (the
    headlines are the page's <h1>s and og:title, the site's name its og:site_name, else the
    name its address spells: "Headline - The Washington Post" on washingtonpost.com)."""
    if not title:
        return title
    for candidate in sorted(headlines, key=len, reverse=True):
        if not candidate or candidate == title:
            continue
        if title.startswith(candidate):
            rest = title[len(candidate) :]
            if SEPARATOR.match(rest) or (CJK.search(candidate) and TIGHT_SEPARATOR.match(rest)):
                return candidate
        elif title.endswith(candidate) and _site_before(title[: -len(candidate)], candidate):
            return candidate
    if site_name and (without := _without_site(title, site_name)):
        return without
    if title not in headlines and (shown := _shown_part(title, headlines)):
        return shown
    if url and (without := _without_domain(title, url)):
        return without
    return title


def _without_domain(title: str, url: str) -> str | None:
    """The title without a last part, after a separator, that spells the site's domain
    ("| Sott.net" on sott.net, "- The Washington Post" on washingtonpost.com, "— JAMnews" on
    jam-news.net), or such a first part."""
    name = letters(_domain_name(url))
    if len(name) < MIN_DOMAIN_LETTERS:
        return None
    # not a colon: "Times: the council" on nytimes.com is a headline's own word and colon
    found = [m for m in SEPARATORS.finditer(title) if m.group().strip() != ":"]
    if not found:
        return None
    last, first = found[-1], found[0]
    if last.start() > 10 and _spells(title[last.end() :], name):
        return title[: last.start()].strip()
    if len(title) - first.end() > 10 and _spells(title[: first.start()], name):
        return title[first.end() :].strip()
    return None


def _spells(part: str, name: str) -> bool:
    """Does a title's part name the site whose domain is `name` (letters only)? It is the
    name, or the name with a few letters more ("The", ".com") or less ("Times" of
    "nytimes")."""
    spelled = letters(part)
    if len(spelled) < MIN_DOMAIN_LETTERS or len(part.split()) > MAX_SITE_WORDS:
        return False
    return spelled == name or (
        (name in spelled or spelled in name) and abs(len(spelled) - len(name)) <= MAX_DOMAIN_SLACK
    )


def _domain_name(url: str) -> str:
    """The name a site registered: "washingtonpost" of https://www.washingtonpost.com/..."""
    domain = registered_domain(host_of(url))
    name, dot, _ = domain.partition(".")
    return name if dot and not domain.replace(".", "").isdigit() else ""


def letters(text: str) -> str:
    """Letters and digits only, lower case: "Www.Example.de" and "www example de" alike."""
    return "".join(char for char in text.casefold() if char.isalnum())


def _site_before(prefix: str, candidate: str) -> bool:
    """Is `prefix` a site's name and a separator before the headline `candidate` ("LinkNaija |
    Nigeria's news: Headline")? A headline of a few words after a shorter prefix."""
    return (
        bool(re.search(r"[|–—:»·•-]\s*$", prefix))
        and len(candidate.split()) >= MIN_HEADLINE_WORDS
        and len(candidate) > len(prefix)
    )


def _without_site(title: str, site_name: str) -> str | None:
    """The title without the site's name after its last separator ("Headline | CNN Politics"
    for the site "CNN") or before its first ("Example News – Headline")."""
    site = site_name.casefold()
    found = list(SEPARATORS.finditer(title))
    if found:
        last = found[-1]
        tail = title[last.end() :].casefold()
        if tail.startswith(site) and len(tail) <= len(site) + MAX_SITE_TAIL and last.start() > 10:
            return title[: last.start()].strip()
        first = found[0]
        if title[: first.start()].casefold() == site and len(title) - first.end() > 10:
            return title[first.end() :].strip()
    return None


def _shown_part(title: str, headlines: list[str]) -> str | None:
    """The longest part of the title before a separator that a headline the page shows opens
    with, where the headline does not go on with that separator ("Headline » Local » Site"
    beside an <h1> "HeadlineSite"): the rest is the site's."""
    for found in reversed(list(SEPARATORS.finditer(title))):
        part = title[: found.start()]
        if len(part.split()) < MIN_HEADLINE_WORDS:
            break
        mark = found.group().strip()
        for candidate in headlines:
            if candidate.startswith(part) and not candidate[len(part) :].lstrip().startswith(mark):
                return part
    return None


def clean_authors(value: str | None) -> str | None:
    """'By Jane Roe, Senior Correspondent and John Doe | Reuters' -> 'Jane Roe; John Doe'."""
    if not value:
        return None
    people: list[str] = []
    for raw in re.split(r"\s*;\s*", co_authors_apart(" ".join(value.split()))):
        raw = BY.sub("", ORGANISATION_SUFFIX.sub("", raw) if "|" in raw else raw)
        if sum(map(_control, raw.split())) >= MENU_WORDS:
            return None  # "Blog Navigation WordPress Plugins Related; Most Popular Posts"
        parts = SPLIT_AUTHORS.split(raw)
        if "," in raw and all(" " not in p.strip() for p in raw.split(",")):
            parts = [raw]  # "Roe, Jane": one name, surname first
        for part in parts:
            name = BY.sub("", part).strip(" .,-–|")
            if SUFFIX_DOT.search(part.rstrip(" ,-–|")):
                name += "."  # "Martin Luther King Jr.", "Jane B.": the full stop is the name's
            if (
                not name
                or JOB_TITLE.search(name)
                or name.casefold() in PLACEHOLDERS
                or PICTURE_CREDIT.match(name)
            ):
                continue
            person = _person(name)
            if person is None:
                continue
            people.append(person)  # "JANE ROE" and "Jane Roe" made one in _people_first
    return "; ".join(_people_first(people)) or None


def co_authors_apart(byline: str) -> str:
    """The byline with its co-authors as names of their own, joined by "; ": "Jane Roe (with
    John Doe)" -> "Jane Roe; John Doe" (a parenthesis would otherwise be read as a nickname and
    dropped, or the names in it glued to its words)."""
    if "(" not in byline and "." not in byline and not CO_AUTHORS.search(byline):
        return byline
    byline = SENTENCE_END.sub("; ", byline)
    byline = CO_AUTHORS.sub(lambda found: f"; {found.group(1) or ''} ", byline)
    return " ".join(byline.split()).strip("; ")


def _people_first(names: list[str]) -> list[str]:
    """The people of a byline without the agencies, sites and fragments beside them: a name
    of one word ("Cleveland", "Kevin-R") or an agency goes when someone is named in full; "Troy
    Smith" goes beside "Troy L Smith". Alone, an agency is the byline ("Reuters")."""
    trimmed = []
    for name in names:
        without = AGENCIES.sub("", name).strip(" ,")
        trimmed.append(_cased(without) if len(without.split()) >= 2 else name)
    full = [n for n in trimmed if len(n.split()) >= 2 and not AGENCIES.fullmatch(n)]
    if not full:
        return _unique(trimmed)
    words = [n.casefold().replace(".", "").split() for n in full]
    kept = [
        name
        for name, these in zip(full, words, strict=True)
        # not the same person with a middle initial less
        if not any(
            other != these
            and len(other) > len(these)
            and other[0] == these[0]
            and other[-1] == these[-1]
            for other in words
        )
    ]
    return _unique(kept)


def _unique(names: list[str]) -> list[str]:
    first: dict[str, str] = {}
    for name in names:
        first.setdefault(name.casefold(), name)
    return list(first.values())


def _person(name: str) -> str | None:
    """A name as written, without what a template put after it ("Jana Nová před 2 hodinami" ->
    "Jana Nová"); None for what reads as a description, not a name (many words, or lower-case
    words that are not particles: "profesorius of the faculty of ...")."""
    if len(name.split()) > 2:
        name = REPORTED_FROM.sub("", name)
    words = name.split()
    if not any(word[:1].isupper() for word in words):
        return name  # a script without capitals, or a name written in lower case
    if len(words) > MAX_BYLINE_WORDS:
        return None
    described = controlled = False
    while words and (
        not words[-1][:1].isupper()
        or words[-1].casefold().strip(".,") in DATE_WORDS
        or _control(words[-1])
    ):  # stops at the last capitalised word that is no date's nor a button's ("Jane Roe
        # Updated Nov", "Jane Roe Follow")
        described = described or words[-1][:1].islower()
        controlled = controlled or _control(words[-1])
        words.pop()
    if controlled and len(words) < 2:
        return None  # "Catch Themes": a theme's credit, no one's name
    if described and words and words[-1] in ("A", "An", "The"):
        words.pop()  # "Daniel Lemire A computer science professor": an article, no initial
    if any(map(_control, words)):
        return None  # "So Artikel Empfehlen": a button, not a name
    if words and all(len(word.strip(".")) <= 1 for word in words):
        return None  # "K A": initials alone name no one
    if any(char.isdigit() for word in words for char in word):
        return None  # "Wunderweib1": a user name
    if not words or (words[0].casefold() in ARTICLES and not AGENCIES.fullmatch(name)):
        return None  # "The Russian and Syrian ...": a sentence, not a name
    inner = [w for w in words if w[:1].islower() and w.casefold() not in PARTICLES]
    if len(words) > MAX_NAME_WORDS or len(inner) > 1:
        return None
    return _cased(" ".join(words))


def _control(word: str) -> bool:
    return word.casefold().strip(".,:;«»|") in CONTROL_WORDS


def _cased(name: str) -> str:
    """A name a template wrote in capitals ("JEFFREY GETTLEMAN") as names are written; initials
    and agencies ("AP", "BBC", "J. R.") stay as they are, particles after the first word go
    lower case ("URSULA VON DER LEYEN")."""
    if not name.isupper() or AGENCIES.fullmatch(name):
        return name
    words = name.split()
    if all(len(word.strip(".")) <= 3 for word in words):
        return name
    cased = [
        word.lower() if index and word.lower() in PARTICLES else word.title()
        for index, word in enumerate(words)
    ]
    return " ".join(cased)
