"""What trafilatura leaves around an article's body that is not the article.

A rule that matched on any of these would alert on the page furniture, not on the story: the
headline and standfirst repeated at the top (both are stored in their own fields), dateline
stamps, "Read more:" links to other stories, newsletter and app promotions, "follow us" and
"write to the author at" lines, and the like. Each pattern is a phrase sites use for that furniture
in general (in several languages), never anything particular to one site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from monitor.bylines import letters

WORDS = re.compile(r"\w+")
# a line that is nothing but a link to another story or a call to action
FURNITURE = re.compile(
    r"""^\W*(?:
        read\ (?:more|also|next)\b | related(?:\ (?:articles?|stories|coverage|content))?\s*: |
        see\ also\b | more\ on\ this\b | more\ from\b | recommended\ for\ you\b |
        you\ may\ also\ like\b | don't\ miss\b | also\ read\b | watch\s*: |
        follow\ (?:us|\S+\ on\ (?:twitter|facebook|instagram|x)\b|@) |
        sign\ up\ (?:for|to)\ (?:our|the)\ \S*\ ?newsletters?\b | subscribe\ to\ (?:our|the)\b | thanks\ for\ signing\ up\b | get\ the\ latest\b |
        click\ here\b | download\ (?:the|our)\ app\b | share\ this\b |
        (?:write|email|e-mail)\ (?:to\ )?\S+(?:\ \S+)?\ at\ \S+@ | have\ a\ tip\b |
        (?:advertisement|реклама|reklam|რეკლამა|գովազդ|anzeige|publicité)\W*$ |
        all\ rights\ reserved | copyright\ © | ©\ \d{4} | все\ права\ защищены |
        an\ error\ (?:has\ )?occurred\b | (?:sorry\W+)?there\ was\ an\ error\b | please\ try\ again\ later\b |
        this\ (?:article|story)\ has\ been\ sent\ to\b | this\ copy\ is\ for\ your\ personal\b |
        подпи(?:сывайтесь|шитесь)\ на\b | присоединяйтесь\ к\ нам\b |
        (?:\S+\ ){0,3}abunə\ olun\b | bizi\ \S+\ izləyin\b | bizi\ takip\ edin\b |
        ასევე\ წაიკითხეთ | წაიკითხეთ\ ასევე | მსგავსი\ სიახლეები |
        կարդացեք\ նաև | կարդացեք\ նաեւ | տես\ նաև |
        читайте\ также | смотрите\ также | lire\ aussi | lesen\ sie\ auch | mehr\ zum\ thema |
        leia\ também | lee\ también | ver\ también | leggi\ anche | bax\b.*\bhəmçinin |
        həmçinin\ (?:oxuyun|oxu|baxın|bax)\b | oxu(?:yun)?\ həmçinin\b |
        (?:əlaqəli|oxşar|digər)\ xəbərlər\b | (?:ещё|еще|читайте|новости)\ по\ теме\b |
        по\ теме\s*: | другие\ новости\s*: | (?:\S+\ da\ )?ilginizi\ çekebilir\b |
        czytaj\ (?:więcej|też|także|również) | zobacz\ (?:też|także|również) |
        (?:pře)?čtěte\ (?:si\ )?(?:také|více) | читайте\ також | дивіться\ також |
        ayrıca\ (?:okuyun|bakınız) | ilgili\ haberler? | lasiet\ arī | taip\ pat\ skaitykite
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# the site's promotion of its own channel, anywhere in a short line ("Следите за новостями
# Азербайджана в нашем Telegram", "Join our WhatsApp channel", "Telegram kanalımıza abunə
# olun"): a network's name beside "our" in the language; news of a network says "its"
NETWORKS = (
    r"telegram|whatsapp|viber|youtube|instagram|facebook|tiktok|twitter|threads|"
    r"вконтакте|vk|дзен|dzen|одноклассники"
)
OUR_CHANNEL = re.compile(
    rf"""\b(?:our|нашем|наш|нашего|нашей|наши|нашу|нашим|нашему|наших|bizim)\s+
            (?:\w+[\s-]+)?(?:{NETWORKS})(?:[\s-]*(?:channel|page|account|group|feed|канал|
            страниц|аккаунт|групп|сообществ|kanal|səhifə|hesab|sayfa)|\W*$) |
        \b(?:{NETWORKS})[\s-]*(?:канал\w*|kanal\w*|channel)?\W*(?:kanalımız|səhifəmiz|
            kanalımıza|səhifəmizə|hesabımız|sayfamız)""",
    re.IGNORECASE | re.VERBOSE,
)
MAX_PROMO_WORDS = 25
# a line that is nothing but a date (and a time): "30. Januar 2024", "January 30, 2024 10:15",
# "30.01.2024", "2024-01-30"; taken off the top of the body only, where pages print their date
DATE_LINE = re.compile(
    r"""^\W*(?:
        \d{1,4}[./-]\d{1,2}[./-]\d{1,4} |
        \d{1,2}\.?\s+[^\W\d_]{3,12}\.?,?\s+\d{4} |
        [^\W\d_]{3,12}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}
    )(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,5})?)?\W*$""",
    re.IGNORECASE | re.VERBOSE,
)
# a photo credit ("Фото: Дмитрий Азаров, Коммерсантъ", "Photo: AP / Jane Roe", "Foto © dpa")
CREDIT = re.compile(
    r"^\W*(?:photos?|foto|фото|image|picture|şəkil|fotoğraf|ფოტო|լուսանկար(?:ը|ներ)?)"
    r"(?:\ (?:by|credit))?\s*[:©՝]",
    re.IGNORECASE,
)
# the last lines of a wire story that credit its reporters and editors
CREDIT_LINE = re.compile(
    r"""\bcontributed\ (?:to\ (?:this|the)\ (?:report|story|article)\W*$ | reporting\b) |
        ^\W*(?:additional\ )?reporting\ by\b | ^\W*(?:writing|editing|edited|compiled)\ by\b |
        # labelled credits and sources ("Auteur : ...", "Автор: ...", "SOURCE: News agencies")
        ^\W*(?:authors?|auteurs?|autor(?:in|en)?|автор|автори|müəllif|yazar|editor|édition|
            edition|редактор|redaktor|source|sources|источник|джерело|mənbə|kaynak)\s?:\s*\S |
        # the publisher's disclaimer ("... do not necessarily reflect those of ...") and its
        # standards' badge ("Our Standards: The Thomson Reuters Trust Principles.")
        \bdo(?:es)?\ not\ necessarily\ (?:reflect|represent)\b |
        ^\W*our\ (?:standards|editorial\ (?:standards|guidelines|principles))\s?:""",
    re.IGNORECASE | re.VERBOSE,
)
MAX_CREDIT_WORDS = 60
# a wire's name in the dateline that opens a story, before the dash: "WASHINGTON (Reuters) -",
# "PHOENIX (AP) —", "(CNN) --", "BERLIN, 29. November (dpa) -". The agency at work, as in a
# credit line, not in the news: a rule watching "Reuters" or "AFP" alerted on every story the
# wire wrote. The place and date stay.
WIRE_CREDIT = re.compile(
    # the place: a word in capitals ("WASHINGTON", "МОСКВА") or a name and a comma
    # ("Berlin, 29. November"), then what a dateline holds
    r"^(\W{0,3}(?:(?:[^\W\d_a-zа-яё]{2,}\b|[^\W\d_][^\W\d_]+,)[^()\n]{0,60}?)?)"
    r"\s*\((?i:reuters|ap|afp|cnn|dpa|ansa|efe|upi|"
    r"xinhua|kyodo|yonhap|bloomberg|tass|ria\s+novosti|interfax|sputnik|anadolu|aa|trend|apa|"
    r"turan|azertac|report|ukrinform|irna|pap|bta|mti|agerpres|bbc|тасс|риа\s+новости|"
    r"интерфакс|укрінформ|униан|уніан)\)\s*(?:--?|–|—|:)\s*"
)
# a note that opens with the writer's job: "Senior Editor with…", "Staff writer covering…"
OPENS_WITH_JOB = re.compile(
    r"^\W*(?:(?:an?|the)\s+)?(?:[^\W\d_]+\s+){0,2}?"
    r"(?i:reporter|correspondent|editor|writer|contributor|columnist|journalist|producer|"
    r"корреспондент|редактор|журналист|müxbir|jurnalist|muhabir|gazeteci|editör)\b"
)
CREDIT_LINES = 3  # the last lines of the text where a credit line or author's note is looked for
MAX_BIO_HEADING = 4  # words of a heading over an author's note ("About the author")
# what a script was to replace ("Loading weather data ...", "Loading…")
LOADING = re.compile(r"^\W*loading\b[^.…]{0,40}(?:\.\.\.|…|\.)?\W*$", re.IGNORECASE)
# a line that is nothing but a button of the page's toolbar ("Print article", "Order reprints",
# "Share on Facebook", "Listen to this story", "12 comments")
BUTTON = re.compile(
    r"""^\W*(?:
        print(?:\ this)?(?:\ article|\ page|\ story)? | order\ reprints? |
        reprints?(?:\ (?:&|and)\ permissions)? | e-?mail(?:\ this)?(?:\ article|\ story|\ page)? |
        save(?:\ this)?(?:\ article|\ story|\ for\ later)? | share(?:\ this)?(?:\ article|\ story)? |
        share\ on\ \w+ | listen(?:\ to\ this)?(?:\ article|\ story)? | copy\ link |
        gift\ (?:this\ )?article | \d*\ ?comments? | continue\ reading(?:\ the\ main\ story)?
    )\W*$""",
    re.IGNORECASE | re.VERBOSE,
)
STAMP = re.compile(
    r"""^\W*(?:published|updated|posted|last\ updated|опубликовано|обновлено|опубліковано|
        оновлено|yayımlanıb|yayımlanma|dərc\ (?:olunub|edilib)|yenilənib|yayınlanma|güncelleme|
        güncellendi|გამოქვეყნდა|განახლდა|հրապարակվել\ է|թարմացվել\ է|veröffentlicht|
        aktualisiert|publié|mis\ à\ jour)(?!\w).{0,60}$""",
    re.IGNORECASE | re.VERBOSE,
)


# between the links of a row: a bar, a bullet, a middle dot, a slash, a comma
LINK_ROW_SEPARATOR = re.compile(r"\s+[|•·/]\s+|\s*,\s+")
MAX_LABEL_WORDS = 5  # "Tags:", "Related coverage:", "Profiles of the accused:"


def _words(text: str) -> list[str]:
    return WORDS.findall(text.casefold())


TITLE_SEPARATORS = re.compile(r"\s+[|–—-]\s+|:\s+")
MAX_KICKER_WORDS = 25  # a line above the headline this long is a paragraph, not a kicker
HEADER_LINES = 5  # the headline is among the first lines of the body, or it is not repeated
HEADER_SHARE = 0.25  # what stands before it (kicker, teasers, a URL) is a small part of the text


def _same(line: str, other: str | None) -> bool:
    """The same words; a site or section name around a headline ("Opinion | Title | Site")
    does not count."""
    if not other:
        return False
    a = _words(line)
    if not a:
        return False
    b = _words(other)
    if a == b or (len(a) >= 4 and b[: len(a)] == a and len(b) - len(a) <= 4):
        return True
    parts = TITLE_SEPARATORS.split(other)
    return len(parts) > 1 and len(a) >= 3 and any(_words(part) == a for part in parts)


@dataclass(frozen=True, slots=True)
class PageParts:
    """What the page itself says about its parts, read from its HTML before extraction.

    `titles`: its headlines (<title>/og:title as trafilatura read it, its <h1>s);
    `description`: its meta description; `body`: the paragraphs of the element that holds the
    article's paragraphs; `links`: the texts of its links that read like headlines (a line that
    is nothing but one points to another page: a related story, a teaser); `every_link`: the
    texts of all its links (a line that is a row of them is a tag list, a menu, a box of related
    stories); `captions`: the texts of its figure captions.
    """

    titles: list[str] = field(default_factory=list)
    description: str | None = None
    body: frozenset[str] = frozenset()
    links: frozenset[str] = frozenset()
    every_link: frozenset[str] = frozenset()
    captions: frozenset[str] = frozenset()
    authors: tuple[str, ...] = ()


def tidy(text: str, parts: PageParts) -> str:
    """The body without its repeated header and without furniture lines; the text as it is
    where every line is furniture."""
    return tidied(text, parts) or text


def tidied(text: str, parts: PageParts) -> str:
    """The body without its repeated header and without furniture lines ("" where every line
    is furniture: a menu read for a story)."""
    lines = text.split("\n")
    start = _after_headline(lines, parts.titles)
    while start and start < len(lines) - 1 and _standfirst(lines[start], parts):
        start += 1
    while start < len(lines) - 1 and (
        not lines[start].strip() or STAMP.match(lines[start]) or DATE_LINE.match(lines[start])
    ):
        start += 1
    body = [line for line in lines[start:] if not _furniture(line, parts)]
    ending = [i for i, line in enumerate(body) if line.strip()][-CREDIT_LINES:]
    # among the last lines: a line or two of furniture may follow the credit
    credits = {i for i in ending if _credit(body[i])}
    bios = {i for i in ending if _bio(body[i], parts.authors)}
    # the heading over an author's note ("About the author")
    credits |= bios | {i - 1 for i in bios if i and len(_words(body[i - 1])) <= MAX_BIO_HEADING}
    if credits:
        body = [line for i, line in enumerate(body) if i not in credits]
    first = next((i for i, line in enumerate(body) if line.strip()), None)
    if first is not None:  # the wire's credit in the dateline: "PHOENIX (AP) — A condemned..."
        body[first] = WIRE_CREDIT.sub(_without_credit, body[first], count=1)
    return "\n".join(body).strip()


def _without_credit(found: re.Match[str]) -> str:
    """The dateline without the agency's name: "PHOENIX — ", or nothing before the story's
    first word where the dateline was the agency alone ("(CNN) -- ")."""
    place = found.group(1).strip()
    return f"{place} — " if place else ""


def _credit(line: str) -> bool:
    """The wire's credit line at the end of a story ("Jane Roe contributed to this report",
    "Reporting by Jane Roe; Editing by John Doe"): the newsroom's staffing, not the story; a
    watched reporter named there is at work, not in the news."""
    return len(_words(line)) <= MAX_CREDIT_WORDS and bool(CREDIT_LINE.search(line))


def _bio(line: str, authors: tuple[str, ...]) -> bool:
    """The author's note at the end of a story ("Jane Roe is a journalist based in Baku who
    covers Azerbaijan", "Хадиджа Исмаилова — журналист"): a short line that opens with a name
    of the byline. It describes the writer, not the news: a watched journalist's own stories
    would alert as news of her, and her beat's places as mentions."""
    words = _words(line)
    if len(words) > MAX_CREDIT_WORDS:
        return False
    for author in authors:
        name = _words(author)
        if len(name) >= 2 and words[: len(name)] == name:
            return True
    # or opens with the writer's job and points to them ("Senior Editor with a focus on all
    # things tech. You can keep up with me on Twitter: @Jane_Roe")
    return bool(OPENS_WITH_JOB.match(line)) and any(
        letters(author) in letters(line) for author in authors if len(_words(author)) >= 2
    )


def _standfirst(line: str, parts: PageParts) -> bool:
    """Under the headline: a blank line, a date stamp, or the description standing outside the
    body's element. The first paragraph is often the description too; then it is in the body."""
    if not line.strip() or STAMP.match(line):
        return True
    squashed = " ".join(line.split())
    return bool(parts.body) and squashed not in parts.body and _same(line, parts.description)


def _after_headline(lines: list[str], titles: list[str]) -> int:
    """Index of the line after a repeated headline near the top, or 0. What stands above a
    headline is a kicker, a date, a breadcrumb: a paragraph there is the story's, and the
    "headline" under it one of the page's other <h1>s (a blog that sets its captions in
    them), not the top of the story."""
    total = sum(len(line) for line in lines) or 1
    before = 0
    for index, line in enumerate(lines[:HEADER_LINES]):
        if any(_same(line, title) for title in titles):
            return index + 1
        before += len(line)
        if before > HEADER_SHARE * total or len(_words(line)) > MAX_KICKER_WORDS:
            break
    return 0


def _furniture(line: str, parts: PageParts) -> bool:
    stripped = line.strip()
    if not stripped:
        return False
    if not any(char.isalnum() for char in stripped):
        return True  # a rule drawn with characters ("___", "* * *"): nothing to read or match
    if LOADING.match(stripped):
        return True
    if parts.links and " ".join(stripped.lstrip("-•*· ").split()) in parts.links:
        return True
    if parts.every_link and _link_row(stripped, parts.every_link):
        return True
    if parts.captions and " ".join(stripped.split()) in parts.captions:
        return True
    words = len(_words(stripped))
    if words <= 8 and BUTTON.match(stripped):
        return True
    if words <= 8 and STAMP.match(stripped) and any(char.isdigit() for char in stripped):
        return True  # a stamp has its date: "Published by Penguin." is a sentence
    if words <= 12 and CREDIT.match(stripped):
        return True
    if words <= MAX_PROMO_WORDS and OUR_CHANNEL.search(stripped):
        return True
    return words <= 40 and bool(FURNITURE.match(stripped))


def _link_row(line: str, every_link: frozenset[str]) -> bool:
    """A line made of links only, after a short label: "Tags: Azerbaijan, Armenia, EU",
    "Profiles: Jane Roe | John Doe", a byline of linked names. Nothing in it is the article
    speaking (a watched name there is a tag or a menu, not a mention). Two single words joined
    by a comma ("Baku, Azerbaijan") may be a dateline: three parts, a bar or a bullet between
    them, or words of their own make it a row."""
    body = line.lstrip("-•*· ")
    label, colon, rest = body.partition(": ")
    if colon and len(label.split()) <= MAX_LABEL_WORDS:
        body = rest
    texts = [" ".join(piece.split()) for piece in LINK_ROW_SEPARATOR.split(body)]
    if len(texts) < 2 or not all(text in every_link for text in texts):
        return False
    return len(texts) >= 3 or "," not in body or all(" " in text for text in texts)
