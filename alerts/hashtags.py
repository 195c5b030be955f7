"""Names and phrases written as one CamelCase hashtag: #KhadijaIsmayilova, #EasternPartnership.

Campaigns for jailed journalists run under their names as hashtags, and articles quote them.
To the matcher a hashtag is one word, so no rule found "Khadija Ismayilova" in it. Here each
such hashtag of an article is read as its words ("Khadija Ismayilova"), those words are matched
as an article of their own (same source and language, so every rule applies as it would), and
what they match is evidence at the hashtag's place in the article, in its sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from alerts.text import sentence_around
from monitor.models import Article, Match

# a hashtag: "#" not inside a word or an HTML entity (&#39;), then letters and digits
HASHTAG = re.compile(r"(?<![\w&])#([^\W_][^\W_]{3,79})")
BETWEEN = ".\n\n"  # between two tags' words: a sentence and a paragraph end


@dataclass(frozen=True, slots=True)
class Hashtag:
    field: str  # "title", "lead" or "text"
    start: int  # of the "#"
    end: int
    words: str  # "Khadija Ismayilova"


def camel_words(tag: str) -> list[str] | None:
    """The words of a CamelCase tag ("KhadijaIsmayilova": Khadija, Ismayilova), or None when it
    is not two capitalised words or more ("Baku", "iPhone", "NATO2026")."""
    words: list[str] = []
    current = ""
    for char in tag:
        if char.isupper() and current and not current[-1].isupper():
            words.append(current)
            current = char
        else:
            current += char
    words.append(current)
    if len(words) < 2:
        return None
    if not all(word[:1].isupper() and len(word) >= 2 and word.isalpha() for word in words):
        return None
    return words


def hashtags(article: Article) -> list[Hashtag]:
    """The article's CamelCase hashtags, each with its words."""
    found = []
    for field, text in (("title", article.title), ("lead", article.lead), ("text", article.text)):
        if not text or "#" not in text:
            continue
        for tag in HASHTAG.finditer(text):
            words = camel_words(tag.group(1))
            if words is not None:
                found.append(Hashtag(field, tag.start(), tag.end(), " ".join(words)))
    return found


def as_article(article: Article, tags: list[Hashtag]) -> tuple[Article, list[int]]:
    """The tags' words as an article of their own, a sentence each (no name or phrase joins one
    tag's last word to the next tag's first: #FreeKhadija #IsmayilovaCase names no one), and
    where each starts."""
    starts, offset = [], 0
    for tag in tags:
        starts.append(offset)
        offset += len(tag.words) + len(BETWEEN)
    text = BETWEEN.join(tag.words for tag in tags)
    words = Article(
        url=article.url,
        title=None,
        text=text,
        language=article.language,
        source=article.source,
    )
    return words, starts


def placed(
    found: list[Match], article: Article, tags: list[Hashtag], starts: list[int]
) -> list[Match]:
    """The matches in the tags' words as evidence at each tag's place in the article: the
    hashtag as the matched text, the sentence around it."""
    texts = {"title": article.title or "", "lead": article.lead or "", "text": article.text}
    out = []
    for match in found:
        tag = tags[bisect_right(starts, match.start) - 1]
        text = texts[tag.field]
        sentence = sentence_around(text, tag.start, tag.end)
        out.append(
            Match(match.rule, tag.field, tag.start, tag.end, text[tag.start : tag.end], sentence)
        )
    return out
