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

import numpy as np

WORD = re.compile(r"\w+")
# written between the parts of one word or name, beside ASCII "-" and "'": hyphens, the en dash
# ("Nagorno–Karabakh"), the typographic and the letter apostrophe ("O’Brien", "Вʼячеслав")
JOINERS = frozenset("\u2010\u2011\u2013\u2019\u02bc")
SENTENCE_END = re.compile(r"[.!?…]+[\"'»”)]*\s+|\n+")
# the same ends, written to start with a character class: `re` then skips to the next candidate
# at C speed instead of trying both branches at every character
NEXT_END = re.compile(r"[.!?…\n](?:(?<=\n)|[.!?…]*[\"'»”)]*\s+)")
ENDERS = ".!?…"
CLOSERS = "\"'»”)"
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
    "և": "և",  # the Armenian ligature "ev" is a letter of its own: transliterated, not decomposed
}


def _fold_one(char: str) -> str | None:
    code = ord(char)
    if code >= 0x30000 or 0xD800 <= code <= 0xDFFF:  # beyond the planes that hold letters
        return None
    if char in SPECIAL:
        return SPECIAL[char]
    lowered = char.casefold()
    decomposed = unicodedata.normalize("NFKD", lowered)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    if len(base) == 1 and base != char:
        return SPECIAL.get(base, base)
    if len(base) > 1 and lowered != char and len(lowered) == 1:
        return lowered
    if len(base) > 1 and base[0] != char and base[0].isalnum() and not char.isdigit():
        return base[0]  # ligatures and the like: first letter keeps one-to-one offsets
    return None


_FOLDED: dict[str, str | None] = {}


def fold_char(char: str) -> str | None:
    """What folding maps one character to (None: itself).

    Worked out the first time a character is seen: a text holds a few dozen distinct non-ASCII
    characters, and a table of all 196,000 code points cost 0.13 s at every start of `monitor`.
    """
    try:
        return _FOLDED[char]
    except KeyError:
        mapped = _FOLDED[char] = _fold_one(char)
        return mapped


def fold(text: str) -> str:
    """Lower-case, drop diacritics, same length: 'İsmayılova' and 'ISMAYILOVA' -> 'ismayilova'.

    `str.lower` runs at hundreds of MB/s; only the few distinct non-ASCII characters a text
    holds are then replaced, each in one C-speed pass (a 17,000-entry `str.translate` table
    would be four times slower). 'İ' is the one character whose lower case is two characters.
    """
    return fold_with_chars(text)[0]


def fold_with_chars(text: str) -> tuple[str, set[str]]:
    """The folded text and its distinct non-ASCII characters (after folding)."""
    if text.isascii():
        return text.lower(), set()
    chars = non_ascii(text)
    if all(char.lower() == char for char in chars):
        # nothing but ASCII changes case (typographic quotes and dashes, lower-case letters):
        # bytes.lower, in UTF-8, is twice as fast as str.lower on a text that is not ASCII
        data = text.encode("utf-8", "surrogatepass")
        lowered, lowered_chars = data.lower().decode("utf-8", "surrogatepass"), chars
    else:
        lowered = text.replace("İ", "I").lower() if "İ" in chars else text.lower()
        # the non-ASCII characters of `lowered`, from those of the text (no second scan); a
        # capital sigma may have become a final one
        lowered_chars = {low for char in chars if not (low := char.lower()).isascii()}
        if "Σ" in chars:
            lowered_chars.add("ς")
        lowered_chars.discard("i̇")  # "İ" was written "I" first
    for char in lowered_chars:
        mapped = fold_char(char)
        if mapped is not None:
            lowered = lowered.replace(char, mapped)
    return lowered, {fold_char(c) or c for c in lowered_chars}


def non_ascii(text: str) -> set[str]:
    """The distinct non-ASCII characters of a text (twice as fast as deleting the ASCII runs)."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return {chr(code) for code in np.unique(codes[codes > 127]).tolist()}


# soft hyphens, zero-width spaces and joiners, byte order marks: invisible in a page, in a
# query pasted from one they would split a word ("Euro\u00adnest") and it would find nothing;
# the extractor drops them from pages
INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def drop_invisible(text: str) -> str:
    return INVISIBLE.sub("", text) if not text.isascii() else text


def fold_words(text: str) -> list[str]:
    """The folded words of a query term or name, in order."""
    return WORD.findall(fold(unicodedata.normalize("NFC", text)))


# the full stop of an initial written against the name after it ("İ.Əliyev", "И.Алиев",
# "J.Smith"), as Azerbaijani and Russian headlines write it: read as a space, as in "İ. Əliyev"
INITIAL_DOT = re.compile(r"\.(?=[^\W\d_][^\W\d_])")


def spaced_initials(text: str) -> str:
    """The text with each initial's full stop before a capitalised word as a space (same length:
    offsets stay the text's). Only a single letter's ("U.S.Embassy" keeps "U.S", "E.ON" and
    "bbc.com" keep theirs: no capital and small letters after them)."""
    return _spaces_at(text, initial_dots(text))


def initial_dots(text: str) -> list[int]:
    """Where `spaced_initials` puts its spaces."""
    return [
        at
        for found in INITIAL_DOT.finditer(text)
        if (at := found.start()) >= 1
        and text[at - 1].isalpha()
        and (at == 1 or not is_word_char(text[at - 2]))
        and text[at + 1].isupper()
        and text[at + 2].islower()
    ]


def _spaces_at(text: str, places: list[int]) -> str:
    if not places:
        return text
    pieces, last = [], 0
    for at in places:
        pieces += [text[last:at], " "]
        last = at + 1
    pieces.append(text[last:])
    return "".join(pieces)


class Field:
    """One field (title or text) prepared once for all rules.

    `flat` is the folded text with line breaks and tabs as spaces: the same length as the
    original, so an offset found in it is an offset in the article. Word positions (for NEAR,
    names and evidence) are computed only when a rule needs them.
    """

    def __init__(self, name: str, text: str):
        self.name = name
        self.text = text
        # the distinct non-ASCII characters, found once: transliteration uses them too
        self.folded, self.chars = fold_with_chars(text)
        # line breaks, tabs, hyphens and apostrophes read as spaces, one for one, so offsets
        # stay the article's: "Nagorno-Karabakh" is the phrase "Nagorno Karabakh" and "O'Brien"
        # the phrase "O Brien", as a query's words split them; a paragraph break, two spaces
        # here, is not crossed by a phrase
        flat = self.folded.replace("\n", " ").replace("\t", " ").replace("\r", " ")
        flat = flat.replace("-", " ").replace("'", " ")
        for joiner in JOINERS & self.chars:
            flat = flat.replace(joiner, " ")
        # an initial against the name after it: "İ.Əliyev" is "İ. Əliyev" (where: for names)
        self.initial_dots = initial_dots(text) if "." in text else []
        self.flat = _spaces_at(flat, self.initial_dots)

    @cached_property
    def space_offsets(self) -> np.ndarray:
        """Offsets of the spaces in " " + flat, found at C speed (splitting the whole text into
        words was a tenth of the matcher's time at 100,000 rules), left in numpy: a name
        candidate reads two of them, and a list of them all cost more than those reads. Chunk
        i >= 1 of " " + flat, the skeleton's chunk i too, is flat[offsets[i - 1] :
        offsets[i] - 1] (the last one runs to the end)."""
        codes = np.frombuffer(
            (" " + self.flat).encode("utf-32-le", "surrogatepass"), dtype=np.uint32
        )
        return np.flatnonzero(codes == 32)

    def window(
        self, offset: int, *, before: int = 60, after: int = 160, language: str | None = None
    ) -> Words:
        """The words around an offset, for checks that need word positions (names).

        Wide enough for a name starting at `offset` with its patronymic, initials, generation
        and an `exclude` phrase around it; no wider, as every name candidate splits it into
        words (from 520 characters to 220 or 160: the matcher 4% faster at 100,000 rules).
        """
        start = max(0, offset - before)
        if start:
            start = self.folded.find(" ", start, offset) + 1 or offset
        end = min(len(self.folded), offset + after)
        space = self.folded.find(" ", end)
        end = len(self.folded) if space < 0 else space
        return Words(self.text, self.folded, start, end, language=language)

    def words_between(self, start: int, end: int) -> int:
        return len(WORD.findall(self.folded, start, end)) if start < end else 0

    def sentence(self, start_at: int, end_at: int, *, limit: int = 320) -> str:
        """The sentence around start_at..end_at, trimmed at word boundaries to about `limit`."""
        return sentence_around(self.text, start_at, end_at, limit=limit, enders=self._enders)

    @cached_property
    def _enders(self) -> str:
        """The sentence punctuation this text holds: no backward search for what is not there."""
        return "".join(char for char in ENDERS if char in self.text)


class Words:
    """The words of a stretch of a field: folded words, their original spans, the gaps."""

    def __init__(
        self, text: str, folded: str, start: int, end: int, *, language: str | None = None
    ):
        self.text = text
        # the article's language (None: not known): how it writes names (alerts.names: case
        # endings on given names, German spellings of Russian ones)
        self.language = language
        found = list(WORD.finditer(folded, start, end))
        self.words = [m.group() for m in found]
        self.spans = [m.span() for m in found]

    def index_at(self, offset: int) -> int:
        """Index of the first word that starts at or after this offset."""
        return bisect.bisect_left(self.spans, (offset, -1))

    def gap(self, left: int, right: int) -> str:
        return self.text[self.spans[left][1] : self.spans[right][0]]


def is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def sentence_around(
    text: str, start_at: int, end_at: int, *, limit: int = 320, enders: str = ENDERS
) -> str:
    """The sentence of `text` around start_at..end_at; looks only `limit` characters each way.

    `enders`: the characters of ENDERS that `text` holds, when the caller knows.
    """
    start = sentence_start(text, start_at, max(0, start_at - limit), enders)
    after = NEXT_END.search(text, end_at, end_at + limit)
    end = after.start() + 1 if after else min(len(text), end_at + limit)
    return trim_sentence(text, start, end, start_at, end_at, limit=limit)


def sentence_start(text: str, start_at: int, low: int, enders: str = ENDERS) -> int:
    """Just after the last sentence end before `start_at` (its whitespace included), else `low`.

    Read right to left with `str.rfind`, so the cost is the distance to that end, not a regex
    tried at every character of the window: a paragraph break ("\n") or sentence punctuation,
    closing quotes or brackets, then whitespace.
    """
    start = max(low, text.rfind("\n", low, start_at) + 1)
    high = start_at
    while (end := max([text.rfind(char, low, high) for char in enders], default=-1)) >= low:
        after = end + 1
        while after < start_at and text[after] in CLOSERS:
            after += 1
        if after < start_at and text[after].isspace():
            while after < start_at and text[after].isspace():
                after += 1
            return max(start, after)
        high = end
    return start


def trim_sentence(
    text: str, start: int, end: int, start_at: int, end_at: int, *, limit: int
) -> str:
    prefix = suffix = ""
    if start_at - start > limit // 2:
        start = text.find(" ", start_at - limit // 2, start_at) + 1 or start_at - limit // 2
        prefix = "…"
    if end - end_at > limit // 2:
        cut = text.rfind(" ", end_at, end_at + limit // 2)
        end = cut if cut > end_at else end_at + limit // 2
        suffix = "…"
    piece = text[start:end]
    # most sentences are single-spaced already: every whitespace character but the space is
    # unprintable, so this tells it at C speed, without splitting the sentence into words
    if piece.isprintable() and "  " not in piece and piece[:1] != " " and piece[-1:] != " ":
        return prefix + piece + suffix
    return prefix + " ".join(piece.split()) + suffix


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
