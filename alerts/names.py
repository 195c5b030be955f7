"""Person-name matching: the full name with its common spelling variants, never a namesake.

A name matches when the first name (exactly, or one edit away when long) is directly followed by
the surname (one edit away when long, written with a space, a hyphen or nothing between its
parts). "Surname, First" is accepted too. Requiring the first name is what keeps "Leyla Yunus"
from matching "Arif Yunus".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from alerts.text import Document, fold_words, within_one_edit

JOINER = re.compile(r"^[\s\u00a0]*[-‐‑–]?[\s\u00a0]*$")
NAME_GAP = re.compile(r"^[\s\u00a0]+$")
REVERSED_GAP = re.compile(r"^[\s\u00a0]*,?[\s\u00a0]+$")
FUZZY_MIN = 6  # shorter words must be spelled exactly: one edit turns "Ali" into "Ari"


def _close(word: str, wanted: str) -> bool:
    return word == wanted or (len(wanted) >= FUZZY_MIN and within_one_edit(word, wanted))


@dataclass(frozen=True, slots=True)
class NamePattern:
    """One written form of a name: its space-separated parts, each folded with hyphens removed.

    "Jean-Pierre Dupont" is ("jeanpierre", "dupont"); in a text each part may be written as one
    word or as words joined by a hyphen or a space ("Abdul-Rahman", "Abdul Rahman", "Abdulrahman").
    """

    given: tuple[str, ...]
    surname: str

    @classmethod
    def parse(cls, name: str) -> NamePattern:
        parts = ["".join(fold_words(part)) for part in name.split()]
        parts = [p for p in parts if p]
        return cls(tuple(parts[:-1]), parts[-1])

    @staticmethod
    def _part_at(doc: Document, i: int, wanted: str) -> int | None:
        """Index of the last token of `wanted` when it starts at token i (1 to 3 tokens)."""
        if i >= len(doc.tokens):
            return None
        joined = doc.tokens[i].word
        for j in range(i, min(i + 3, len(doc.tokens))):
            if j > i:
                if not JOINER.match(doc.gap(j - 1, j)):
                    return None
                joined += doc.tokens[j].word
            if _close(joined, wanted):
                return j
            if len(joined) > len(wanted) + 1:
                return None
        return None

    def _given_at(self, doc: Document, i: int) -> int | None:
        """Index of the last given-name token when they start at i, else None."""
        end = i - 1
        for wanted in self.given:
            if end >= i and (
                end + 1 >= len(doc.tokens) or not NAME_GAP.match(doc.gap(end, end + 1))
            ):
                return None
            found = self._part_at(doc, end + 1, wanted)
            if found is None:
                return None
            end = found
        return end

    def _surname_at(self, doc: Document, i: int) -> int | None:
        return self._part_at(doc, i, self.surname)

    def find(self, doc: Document) -> list[tuple[int, int]]:
        hits = []
        for i in range(len(doc.tokens)):
            hit = self._forward_at(doc, i) or self._reversed_at(doc, i)
            if hit:
                hits.append(hit)
        return hits

    def _forward_at(self, doc: Document, i: int) -> tuple[int, int] | None:
        """'Khadija Ismayilova' starting at token i."""
        last_given = self._given_at(doc, i)
        if last_given is None or last_given + 1 >= len(doc.tokens):
            return None
        if not NAME_GAP.match(doc.gap(last_given, last_given + 1)):
            return None
        end = self._surname_at(doc, last_given + 1)
        if end is None or self._continues(doc, end):
            return None
        return (i, end)

    def _reversed_at(self, doc: Document, i: int) -> tuple[int, int] | None:
        """'Ismayilova, Khadija' (lists, bylines, registers) starting at token i."""
        end = self._surname_at(doc, i)
        if end is None or end + 1 >= len(doc.tokens):
            return None
        gap = doc.gap(end, end + 1)
        if "," not in gap or not REVERSED_GAP.match(gap):
            return None
        last = self._given_at(doc, end + 1)
        return (i, last) if last is not None else None

    def _continues(self, doc: Document, end: int) -> bool:
        """A hyphenated continuation ('Ismayilova-Aliyeva') is another, longer surname."""
        return end + 1 < len(doc.tokens) and doc.gap(end, end + 1) in ("-", "‐", "‑")


class PersonMatcher:
    def __init__(self, person: str, variants: tuple[str, ...] = (), exclude: tuple[str, ...] = ()):
        self.patterns = [NamePattern.parse(n) for n in (person, *variants) if len(n.split()) >= 2]
        self.exclude = [tuple(fold_words(e)) for e in exclude if fold_words(e)]

    def find(self, doc: Document) -> list[tuple[int, int]]:
        blocked = self._excluded_spans(doc)
        hits: set[tuple[int, int]] = set()
        for pattern in self.patterns:
            for first, last in pattern.find(doc):
                if not any(b0 <= first and last <= b1 for b0, b1 in blocked):
                    hits.add((first, last))
        return sorted(hits)

    def _excluded_spans(self, doc: Document) -> list[tuple[int, int]]:
        spans = []
        for words in self.exclude:
            for p in doc.positions.get(words[0], []):
                if all(
                    p + k < len(doc.tokens) and doc.tokens[p + k].word == w
                    for k, w in enumerate(words)
                ):
                    spans.append((p, p + len(words) - 1))
        return spans
