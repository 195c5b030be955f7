"""Folding and tokenising text so that rules match case- and diacritic-insensitively on whole words."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

WORD = re.compile(r"\w+")
# letters that are not "letter + combining mark" in Unicode, so NFKD alone does not fold them
EXTRA_FOLD = str.maketrans(
    {"ı": "i", "ß": "ss", "ø": "o", "ł": "l", "đ": "d", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d"}
)
SENTENCE_END = re.compile(r"[.!?…]+[\"'»”)]*\s+|\n+")


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lower-case, drop diacritics: 'İsmayılova' and 'ISMAYILOVA' both become 'ismayilova'."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.translate(EXTRA_FOLD)


def fold_words(text: str) -> list[str]:
    """The folded words of a query term or name, in order."""
    return [
        folded
        for m in WORD.finditer(unicodedata.normalize("NFC", text))
        if (folded := fold(m.group()))
    ]


@dataclass(frozen=True, slots=True)
class Token:
    word: str  # folded
    start: int
    end: int
    field: str


class Document:
    """An article's title and text as one token stream; phrases never span the two fields."""

    def __init__(self, fields: dict[str, str]):
        self.fields = fields
        self.tokens: list[Token] = []
        self.positions: dict[str, list[int]] = {}
        for name, text in fields.items():
            if self.tokens:
                self.tokens.append(Token("", 0, 0, ""))  # barrier: no phrase or name crosses fields
            for m in WORD.finditer(text or ""):
                folded = fold(m.group())
                if folded:
                    self.positions.setdefault(folded, []).append(len(self.tokens))
                    self.tokens.append(Token(folded, m.start(), m.end(), name))

    def gap(self, left: int, right: int) -> str:
        """The raw characters between two neighbouring tokens (same field), or None-like '\\0'."""
        a, b = self.tokens[left], self.tokens[right]
        if a.field != b.field or not a.field:
            return "\0"
        return self.fields[a.field][a.end : b.start]

    def span_text(self, first: int, last: int) -> str:
        a, b = self.tokens[first], self.tokens[last]
        return self.fields[a.field][a.start : b.end]

    def sentence(self, first: int, last: int, *, limit: int = 320) -> str:
        """The sentence around tokens first..last, trimmed to about `limit` characters."""
        a, b = self.tokens[first], self.tokens[last]
        text = self.fields[a.field]
        start = 0
        for m in SENTENCE_END.finditer(text, 0, a.start):
            start = m.end()
        end_match = SENTENCE_END.search(text, b.end)
        end = end_match.start() + 1 if end_match else len(text)
        prefix = suffix = ""
        if a.start - start > limit // 2:
            start = text.find(" ", a.start - limit // 2, a.start) + 1 or a.start - limit // 2
            prefix = "…"
        if end - b.end > limit // 2:
            cut = text.rfind(" ", b.end, b.end + limit // 2)
            end = cut if cut > b.end else b.end + limit // 2
            suffix = "…"
        return prefix + " ".join(text[start:end].split()) + suffix


def within_one_edit(a: str, b: str) -> bool:
    """Levenshtein distance <= 1, without building the matrix."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la > lb:
        a, b, la, lb = b, a, lb, la
    i = 0
    while i < la and a[i] == b[i]:
        i += 1
    if la == lb:
        return a[i + 1 :] == b[i + 1 :]
    return a[i:] == b[i + 1 :]
