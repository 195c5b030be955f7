"""Folding and tokenising text so that rules match case- and diacritic-insensitively on whole words.

Folding is one character to one character, done with one `str.translate` over the whole text, so
offsets in the folded text are offsets in the original: matching runs at C speed and evidence can
still point at the exact characters of the article.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from functools import cached_property

WORD = re.compile(r"\w+")
SENTENCE_END = re.compile(r"[.!?…]+[\"'»”)]*\s+|\n+")
# letters that are not "letter + combining mark" in Unicode; one character each, to keep offsets.
# ə -> e as Azerbaijani is typed without its letters ("Serq Terefdasligi" for "Şərq Tərəfdaşlığı")
SPECIAL = {
    "ə": "e",
    "ı": "i",
    "ß": "s",
    "ø": "o",
    "ł": "l",
    "đ": "d",
    "æ": "a",
    "œ": "o",
    "þ": "t",
    "ð": "d",
    "ħ": "h",
}


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x30000):  # the BMP and the supplementary planes that hold letters
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        if char in SPECIAL:
            table[code] = SPECIAL[char]
            continue
        lowered = char.casefold()
        decomposed = unicodedata.normalize("NFKD", lowered)
        base = "".join(c for c in decomposed if not unicodedata.combining(c))
        if len(base) == 1 and base != char:
            table[code] = SPECIAL.get(base, base)
        elif len(base) > 1 and lowered != char and len(lowered) == 1:
            table[code] = lowered
        elif len(base) > 1 and base[0] != char and base[0].isalnum() and not char.isdigit():
            table[code] = base[0]  # ligatures and the like: first letter keeps one-to-one offsets
    return table


FOLD_TABLE = _build_fold_table()


def fold(text: str) -> str:
    """Lower-case, drop diacritics, same length: 'İsmayılova' and 'ISMAYILOVA' -> 'ismayilova'.

    `str.lower` runs at hundreds of MB/s; only the few distinct non-ASCII characters a text
    holds are then replaced, each in one C-speed pass (a 17,000-entry `str.translate` table
    would be four times slower). 'İ' is the one character whose lower case is two characters.
    """
    lowered = text.replace("İ", "I").lower()
    if lowered.isascii():
        return lowered
    return replace_chars(lowered, FOLD_TABLE)


def replace_chars(text: str, table: dict[int, str]) -> str:
    """`text.translate(table)` for tables of single characters, one pass per character present."""
    for char in set(text):
        mapped = table.get(ord(char))
        if mapped is not None:
            text = text.replace(char, mapped)
    return text


def fold_words(text: str) -> list[str]:
    """The folded words of a query term or name, in order."""
    return WORD.findall(fold(unicodedata.normalize("NFC", text)))


class Field:
    """One field (title or text) prepared once for all rules: folded, tokenised, as token text.

    `token_text` is " w1 w2 ... wn " (folded words joined by single spaces), which lets whole-word
    and phrase look-ups be plain substring searches; offsets into the original are computed only
    when a match needs evidence.
    """

    def __init__(self, name: str, text: str):
        self.name = name
        self.text = text
        self.folded = fold(text)
        self.words: list[str] = WORD.findall(self.folded)
        self.token_text = " " + " ".join(self.words) + " "

    @cached_property
    def spans(self) -> list[tuple[int, int]]:
        """(start, end) of each word in the original text."""
        return [m.span() for m in WORD.finditer(self.folded)]

    @cached_property
    def _space_offsets(self) -> list[int]:
        return [m.start() for m in re.finditer(" ", self.token_text)]

    def word_index(self, token_text_offset: int) -> int:
        """Index of the word that starts right after the space at this token_text offset."""
        return bisect.bisect_right(self._space_offsets, token_text_offset) - 1

    def gap(self, left: int, right: int) -> str:
        """The original characters between two words of this field."""
        return self.text[self.spans[left][1] : self.spans[right][0]]

    def span_text(self, first: int, last: int) -> str:
        return self.text[self.spans[first][0] : self.spans[last][1]]

    def sentence(self, first: int, last: int, *, limit: int = 320) -> str:
        """The sentence around words first..last, trimmed at word boundaries to about `limit`."""
        start_at, end_at = self.spans[first][0], self.spans[last][1]
        return sentence_around(self.text, start_at, end_at, limit=limit)


def sentence_around(text: str, start_at: int, end_at: int, *, limit: int = 320) -> str:
    start = 0
    for m in SENTENCE_END.finditer(text, 0, start_at):
        start = m.end()
    end_match = SENTENCE_END.search(text, end_at)
    end = end_match.start() + 1 if end_match else len(text)
    prefix = suffix = ""
    if start_at - start > limit // 2:
        start = text.find(" ", start_at - limit // 2, start_at) + 1 or start_at - limit // 2
        prefix = "…"
    if end - end_at > limit // 2:
        cut = text.rfind(" ", end_at, end_at + limit // 2)
        end = cut if cut > end_at else end_at + limit // 2
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
