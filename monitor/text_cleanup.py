"""What trafilatura leaves around an article's body that is not the article.

A rule that matched on any of these would alert on the page furniture, not on the story: the
headline and standfirst repeated at the top (both are stored in their own fields), dateline
stamps, "Read more:" links to other stories, newsletter and app promotions, "follow us" and
"write to the author at" lines, and the like. Each pattern is a phrase sites use for that furniture
in general (in several languages), never anything particular to one site.
"""

from __future__ import annotations

import re

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
        advertisement\W*$ | all\ rights\ reserved | copyright\ © | ©\ \d{4} |
        читайте\ также | смотрите\ также | lire\ aussi | lesen\ sie\ auch | mehr\ zum\ thema |
        leia\ também | lee\ también | ver\ también | leggi\ anche | bax\b.*\bhəmçinin
    )""",
    re.IGNORECASE | re.VERBOSE,
)
STAMP = re.compile(
    r"^\W*(?:published|updated|posted|last\ updated|опубликовано|обновлено)\b.{0,60}$",
    re.IGNORECASE | re.VERBOSE,
)


def _words(text: str) -> list[str]:
    return WORDS.findall(text.casefold())


def _same(line: str, other: str | None) -> bool:
    """The same words; a site name after the headline ("Title | Site") does not count."""
    if not other:
        return False
    a, b = _words(line), _words(other)
    if not a or not b:
        return False
    return a == b or (len(a) >= 4 and b[: len(a)] == a and len(b) - len(a) <= 4)


def tidy(text: str, *, title: str | None, description: str | None) -> str:
    """The body without its repeated header and without furniture lines."""
    lines = [line for line in text.split("\n")]
    # the header: headline, standfirst and date stamps, only at the top
    header = 0
    while header < min(len(lines) - 1, 4):
        line = lines[header]
        if not line.strip() or _same(line, title) or STAMP.match(line):
            header += 1
        elif header and _same(line, description):
            header += 1  # a standfirst, under the headline: the article's own first paragraph
        else:  #         is often the description too, so only directly after a headline
            break
    body = [line for line in lines[header:] if not _furniture(line)]
    return "\n".join(body).strip() or text


def _furniture(line: str) -> bool:
    stripped = line.strip()
    if not stripped:
        return False
    return len(_words(stripped)) <= 40 and bool(FURNITURE.match(stripped))
