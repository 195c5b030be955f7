"""The rule query language.

    words and "phrases"            Euronest  "Eastern Partnership"  "U.S. Embassy"
                                   (“…”, «…», „…“ and '…' around words quote a phrase too)
    AND, OR, NOT, parentheses      Armenia AND (Azerbaijan OR Turkey) NOT football
    -word for NOT word             Georgia -wine   Georgia -"wine harvest"
    implicit AND                   Armenia Azerbaijan
    proximity                      "Khadija Ismayilova" NEAR/10 (court OR trial)
                                   "Aliyev Putin"~5 (the words within 5 of each other)
    prefix wildcard                journalist*
    exact case                     {EU}  {"Foreign Policy"}  (not "eu" in a French "il a eu")
    field scope                    title:Euronest   title:("peace deal" OR treaty)

Precedence, tightest first: NEAR, NOT, AND (written or implied), OR. Operators are upper-case,
so "and" in a sentence stays a word; a bare lower-case "or" or "not" is refused (as a word it
would be required, the opposite of what was meant): write OR / NOT, or quote the word.
Matching is on whole words, ignoring case and diacritics; words take their case endings
(alerts.inflection: Russian, Ukrainian, Georgian and Armenian ones, and Azerbaijani and Turkish
in those languages).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Protocol

from alerts.inflection import Inflection, inflection, spelled
from alerts.text import JOINERS, WORD, drop_invisible, fold, fold_words, spaced_initials
from monitor.errors import QueryError

LEXEME = re.compile(
    r'\s*(?:(?P<quote>"[^"]*"?(?:\*|~\d*)?)|(?P<exact>\{[^{}]*\}?\*?)|(?P<paren>[()])'
    r'|(?P<word>[^\s()"{}]+))'
)
# "Ilham Aliyev"~5, as Lucene and Elasticsearch write proximity: the phrase's words within 5
SLOP = re.compile(r"~(\d*)$")
# other search engines' operators: read as words ("site example org") they would match
# nothing, silently; each is refused with what does its work here
OPERATORS = {
    "site": "sources = [...] limits a rule to sources",
    "inurl": "sources = [...] limits a rule to sources",
    "url": "sources = [...] limits a rule to sources",
    "source": "sources = [...] limits a rule to sources",
    "domain": "sources = [...] limits a rule to sources",
    "lang": "languages = [...] limits a rule to languages",
    "language": "languages = [...] limits a rule to languages",
    "intitle": "title: scopes a term to the headline",
    "headline": "title: scopes a term to the headline",
    "intext": "text: scopes a term to the article's text",
    "body": "text: scopes a term to the article's text",
}
NEAR = re.compile(r"^NEAR(?:/(\d+))?$")
# double quotes of print: “…” „…“ «…» (single ones are apostrophes too: O’Brien)
TYPOGRAPHIC_QUOTES = str.maketrans(
    dict.fromkeys("\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\uff02", '"')
)
# where a single quote opens a phrase: after a space, "(", the start or a negation's "-"
# (`-'Eastern Partnership'`), as a TOML string in double quotes writes one
_PHRASE_OPENS = r"(?:(?<=[\s(])|^|(?<=^-)|(?<=[\s(]-))'"
# a phrase in single quotes: closed before a space, ")", "*" or a slop's "~"
SINGLE_QUOTED = re.compile(_PHRASE_OPENS + r"""([^'"]*)'(?=[\s)*~]|$)""")
# one opened before a letter with no single quote after it: a phrase left open
# (`-'Eastern Partnership`), which read as an apostrophe asked for two words
UNCLOSED_SINGLE = re.compile(_PHRASE_OPENS + r"(?=[^\W\d_])(?!.*')")
# "-" before a word, phrase or parenthesis, as search engines take it: NOT. Read as part of the
# word it was silently dropped ("Georgia -wine" asked for wine, the opposite of what was meant)
MINUS = re.compile(r"\s*(-)(?=[^\s-])")
FIELDS = ("title", "lead", "text")
DEFAULT_NEAR = 10
MIN_PREFIX = 3


@dataclass(frozen=True, slots=True)
class Term:
    words: tuple[str, ...]
    prefix: bool = False
    field: str | None = None  # None: any field (title, lead or text)
    # the term as written, folded, when punctuation between its words is part of it ("U.S.
    # Embassy", "St. Petersburg", "AT&T", "bbc.com"); else the words with single spaces
    written: str | None = dataclass_field(default=None, repr=False)
    # {EU}: the term as written, not folded, for its letters' case (see `same_case`)
    case: str | None = None
    # how the term is found in a field's folded text (word boundaries are checked at hits);
    # stored, not a property: every candidate rule looks it up for every article
    key: str = dataclass_field(init=False, repr=False, compare=False)
    # with case endings (alerts.inflection): found by its stem's key, then its endings
    inflection: Inflection | None = None
    # the words as written, lower-cased (alerts.inflection.spelled): Turkic suffixes are taken
    # only after the word spelled so, diacritics and all
    spelled: tuple[str, ...] | None = dataclass_field(default=None, repr=False, compare=False)
    # one word written as a name is (Рада, not рада or РАДА): a short one's case forms are then
    # taken where the text capitalises them (alerts.inflection)
    capitalised: bool = dataclass_field(default=False, repr=False, compare=False)
    # another spelling of the term the query writes (number_spellings: COP 29 of COP29)
    spelling_of: tuple[str, ...] | None = dataclass_field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        key = self.inflection.key if self.inflection else self.written or " ".join(self.words)
        object.__setattr__(self, "key", key)


@dataclass(frozen=True, slots=True)
class Not:
    child: Node


@dataclass(frozen=True, slots=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    children: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Near:
    left: Node
    right: Node
    distance: int


Node = Term | Not | And | Or | Near
Span = tuple[str, int, int]  # field, start offset, end offset in the original text


class Lookup(Protocol):
    """What a document offers the evaluator."""

    def spans(self, term: Term) -> list[Span]: ...

    def words_between(self, field: str, start: int, end: int) -> int: ...


def evaluate(node: Node, doc: Lookup, evidence: list[Span] | None) -> bool:
    """True when the document satisfies the node; spans of positive hits go to evidence."""
    if isinstance(node, Term):
        spans = doc.spans(node)
        if spans and evidence is not None:
            evidence.extend(spans)
        return bool(spans)
    if isinstance(node, Not):
        return not evaluate(node.child, doc, None)
    if isinstance(node, And):
        collected: list[Span] = []
        if not all(evaluate(child, doc, collected) for child in node.children):
            return False
        if evidence is not None:
            evidence.extend(collected)
        return True
    if isinstance(node, Or):
        found = False
        for child in node.children:
            found = evaluate(child, doc, evidence) or found
        return found
    left: list[Span] = []
    right: list[Span] = []
    if not (evaluate(node.left, doc, left) and evaluate(node.right, doc, right)):
        return False
    close = []
    for a in left:
        for b in right:
            if a[0] != b[0]:
                continue
            first, second = (a, b) if a[1] <= b[1] else (b, a)
            if doc.words_between(a[0], first[2], second[1]) <= node.distance:
                close.append((a, b))
                if len(close) == 3:
                    break
    if close and evidence is not None:
        for a, b in close:
            evidence.extend((a, b))
    return bool(close)


class _Empty:
    def spans(self, term: Term) -> list[Span]:
        return []

    def words_between(self, field: str, start: int, end: int) -> int:
        return 0


def terms(node: Node) -> list[Term]:
    if isinstance(node, Term):
        return [node]
    if isinstance(node, Not):
        return terms(node.child)
    if isinstance(node, Near):
        return terms(node.left) + terms(node.right)
    return [t for child in node.children for t in terms(child)]


Token = tuple[str, str, int]  # kind, text, column


class _Parser:
    def __init__(self, query: str):
        # a phrase pasted from a word processor or typed in Russian or Azerbaijani comes in
        # typographic quotes; read as punctuation they made two words joined by AND, which
        # alerts on both anywhere in a text. One character for one: the columns stay
        query = query.translate(TYPOGRAPHIC_QUOTES)
        # 'Eastern Partnership' in single quotes, as a shell or a TOML string invites: a phrase
        # too (an apostrophe inside a word, O'Brien or Erdoğan'ın, opens nothing)
        query = SINGLE_QUOTED.sub(as_phrase, query)
        if (opened := UNCLOSED_SINGLE.search(query)) is not None:
            column = opened.start() + 1
            raise QueryError(
                f"unclosed single quote at column {column} (a phrase in single quotes needs its "
                "closing '; a word that opens with an apostrophe goes in double quotes)",
                column,
            )
        self.query = query
        self.tokens: list[Token] = []
        pos = 0
        while pos < len(query):
            if (minus := MINUS.match(query, pos)) is not None:
                self.tokens.append(("NOT", "-", minus.start(1) + 1))
                pos = minus.end()
                continue
            m = LEXEME.match(query, pos)
            if not m or m.end() == pos:
                break
            kind = m.lastgroup or ""
            text = m.group(kind)
            column = m.start(kind) + 1
            closed = SLOP.sub("", text).rstrip("*")
            if kind == "quote" and (not closed.endswith('"') or closed == '"'):
                raise QueryError(f"unclosed quote at column {column}", column)
            if kind == "exact" and not text.rstrip("*").endswith("}"):
                raise QueryError(f"unclosed '{{' at column {column}", column)
            if kind == "word":
                field, sep, _ = text.partition(":")
                if sep and field in FIELDS:
                    self.tokens.append(("field", field, column))
                    pos = m.start(kind) + len(field) + 1
                    continue
                if sep and field.lower() in OPERATORS:
                    raise QueryError(
                        f"{field}: at column {column} is not an operator here: "
                        f"{OPERATORS[field.lower()]} (fields: title:, lead:, text:)",
                        column,
                    )
                if "~" in text:
                    raise QueryError(
                        f"'~' at column {column + text.index('~')}: only a phrase takes it, as "
                        'proximity ("Ilham Aliyev"~5); for the spellings of a name use a '
                        "person rule",
                        column + text.index("~"),
                    )
                if text in ("AND", "OR", "NOT") or NEAR.match(text):
                    kind = "NEAR" if text.startswith("NEAR") else text
                elif text.startswith("NEAR/"):
                    # read as a word, "a NEAR/ b" wanted the word "near" in every article
                    raise QueryError(
                        f"{text!r} at column {column}: NEAR takes a number of words, as "
                        "NEAR/5 (or NEAR alone: 10)",
                        column,
                    )
                elif text.lower() in ("or", "not"):
                    # as a word it would be required ("Armenia or Georgia" wanting the word
                    # "or" in the text): the opposite of what was meant, found out only by
                    # missed alerts
                    raise QueryError(
                        f"{text!r} at column {column}: operators are written in capitals "
                        f'({text.upper()}); to match the word itself, quote it: "{text}"',
                        column,
                    )
            self.tokens.append((kind, text, column))
            pos = m.end()
        self.i = 0

    def peek(self) -> Token | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def parse(self) -> Node:
        if not self.tokens:
            raise QueryError("empty query", 1)
        node = self.parse_or()
        if (token := self.peek()) is not None:
            raise QueryError(f"unexpected {token[1]!r} at column {token[2]}", token[2])
        return node

    def parse_or(self) -> Node:
        children = [self.parse_and()]
        while (token := self.peek()) and token[0] == "OR":
            self.i += 1
            children.append(self.parse_and(after=token))
        return children[0] if len(children) == 1 else Or(tuple(children))

    def parse_and(self, after: Token | None = None) -> Node:
        children = [self.parse_not(after)]
        while (token := self.peek()) and token[0] != "OR" and token[1] != ")":
            if token[0] == "AND":
                self.i += 1
                children.append(self.parse_not(token))
            else:
                children.append(self.parse_not(None))
        return children[0] if len(children) == 1 else And(tuple(children))

    def parse_not(self, after: Token | None) -> Node:
        token = self.peek()
        if token is not None and token[0] == "NOT":
            self.i += 1
            child = self.parse_not(token)
            # NOT NOT a is a: kept as two NOTs, a's key counted as one the query must not
            # contain, and the rule was never offered an article that has it
            return child.child if isinstance(child, Not) else Not(child)
        return self.parse_near(after)

    def parse_near(self, after: Token | None) -> Node:
        node = self.parse_primary(after, None)
        while (token := self.peek()) and token[0] == "NEAR":
            self.i += 1
            found = NEAR.match(token[1])
            distance = int(found.group(1)) if found and found.group(1) else DEFAULT_NEAR
            right = self.parse_primary(token, None)
            for side in (node, right):
                if any(isinstance(n, Not) for n in _walk(side)):
                    raise QueryError(
                        f"NEAR at column {token[2]} needs words or phrases on both sides, not NOT",
                        token[2],
                    )
            node = Near(node, right, distance)
        return node

    def parse_primary(self, after: Token | None, field: str | None) -> Node:
        token = self.peek()
        if token is None:
            where = after[2] if after else len(self.query) + 1
            what = f"after {after[1]} at column {where}" if after else "at the end"
            raise QueryError(f"expected a word or phrase {what}", where)
        kind, text, column = token
        if kind in ("AND", "OR", "NOT", "NEAR"):
            raise QueryError(
                f"unexpected {text} at column {column} (expected a word or phrase)", column
            )
        if text == ")":
            raise QueryError(f"unexpected ')' at column {column}", column)
        self.i += 1
        if kind == "field":
            if field is not None:
                raise QueryError(
                    f"field {text}: at column {column} inside another field scope", column
                )
            return self.parse_primary(token, text)
        if text == "(":
            node = self.parse_or() if field is None else _scoped(self.parse_or(), field)
            closing = self.peek()
            if closing is None or closing[1] != ")":
                raise QueryError(f"unclosed '(' at column {column}", column)
            self.i += 1
            return node
        return self.term(text, kind, column, field)

    @staticmethod
    def term(text: str, kind: str, column: int, field: str | None) -> Node:
        if kind == "quote" and (slop := SLOP.search(text)) is not None:
            return _proximity(text[: slop.start()], slop.group(1), column, field)
        prefix = text.endswith("*")
        raw = text.rstrip("*")
        if kind in ("quote", "exact"):
            raw = raw[1:-1]
            if kind == "exact" and raw.startswith('"') and raw.endswith('"') and len(raw) > 1:
                raw = raw[1:-1]  # {"Foreign Policy"}: the quotes add nothing to the braces
            if raw.endswith("*"):  # "Şərq Tərəfdaşlığı*" as well as "Şərq Tərəfdaşlığı"*
                prefix, raw = True, raw.rstrip("*")
        if "*" in raw:
            raise QueryError(
                f"'*' at column {column} must end a word (a prefix like journalist*)", column
            )
        words = tuple(fold_words(raw))
        if not words:
            raise QueryError(
                f"{text!r} at column {column} has no letters or digits to match", column
            )
        if prefix and len(words[-1]) < MIN_PREFIX:
            raise QueryError(
                f"prefix {text!r} at column {column} is too short (at least {MIN_PREFIX} letters)",
                column,
            )
        written = _written(raw, words)
        case = _flattened(raw) if kind == "exact" else None
        if case is not None and not any(c.isalpha() and c.lower() != c.upper() for c in case):
            raise QueryError(
                f"{text!r} at column {column}: braces match the case of letters, and it has none",
                column,
            )
        capitalised = len(words) == 1 and raw[:1].isupper() and raw[1:].islower()
        node: Node = Term(
            words, prefix, field, written, case, spelled=_spelled(raw), capitalised=capitalised
        )
        if prefix or written is not None or case is not None:  # each as the query writes it
            return node
        others = [Term(other, field=field, spelling_of=words) for other in number_spellings(words)]
        return Or((node, *others)) if others else node


# a name with its number, as COP29, Covid-19, MiG-29, F-16, Euro 2024 are written joined, with a
# hyphen (a space to the matcher) or a space: each spelling finds the others. A name of one letter
# is split from its number only when that letter is no word alone and no contraction's end
# ("a 4-year-old" is no A4; "Ukraine's 400" no S400): F16 finds F-16, not "a 16"
LETTERS_THEN_DIGITS = re.compile(r"(?:[^\W\d_]{2,}|(?<![^\W\d_])[bcfghjklnpqrvwxz])(?=\d)")


def number_spellings(words: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The term's other spellings where a name meets its number (folded words): split apart
    and joined, each when it differs from the term."""
    split = tuple(
        part
        for word in words
        for part in LETTERS_THEN_DIGITS.sub(lambda m: m.group() + " ", word).split()
    )
    joined: list[str] = []
    for word in split:
        if joined and word.isdigit() and joined[-1][-1:].isalpha():
            joined[-1] += word
        else:
            joined.append(word)
    return [other for other in dict.fromkeys((split, tuple(joined))) if other != words]


def _spelled(raw: str) -> tuple[str, ...]:
    """The words of a term as written, lower-cased, in the order of its folded words."""
    nfc = unicodedata.normalize("NFC", raw)
    folded = fold(nfc)
    if len(folded) != len(nfc):  # folding keeps a text's length; should it not, no spellings
        return ()
    return tuple(spelled(nfc[m.start() : m.end()]) for m in WORD.finditer(folded))


def _proximity(quoted: str, slop: str, column: int, field: str | None) -> Node:
    """A phrase with ~N: its words within N words of each other, in any order (NEAR/N between
    each and the ones before it); ~ alone is NEAR's default distance."""
    words = fold_words(quoted[1:-1])
    if len(words) < 2:
        raise QueryError(
            f"{quoted}~{slop} at column {column}: proximity needs two words or more", column
        )
    distance = int(slop) if slop else DEFAULT_NEAR
    written = _spelled(quoted[1:-1])
    each = written if len(written) == len(words) else ("",) * len(words)
    node: Node = Term((words[0],), field=field, spelled=each[:1])
    for word, as_written in zip(words[1:], each[1:], strict=True):
        node = Near(node, Term((word,), field=field, spelled=(as_written,)), distance)
    return node


def as_phrase(quoted: re.Match[str]) -> str:
    """'Eastern Partnership' as "Eastern Partnership" (a lone '...' without a letter stays)."""
    inner = quoted.group(1)
    return f'"{inner}"' if WORD.search(inner) else quoted.group()


def _written(raw: str, words: tuple[str, ...]) -> str | None:
    """The folded term with the punctuation between its words, when it has any beyond the
    spaces, line breaks, hyphens and apostrophes the matcher reads as spaces; punctuation
    before the first word and after the last is not part of it ("U.S." is "u.s"), but for
    a + or # (SIGNIFICANT_AFTER: "C++", "C#")."""
    written = fold(_flattened(raw))
    if not written:
        return None
    return written if written != " ".join(words) and tuple(WORD.findall(written)) == words else None


# symbols after a term's last word that are part of it: "C++" and "C#" are not "C"
SIGNIFICANT_AFTER = "+#"


def _flattened(raw: str) -> str:
    """A term's text from its first word to its last, with what the matcher reads as spaces
    as spaces and runs of spaces as one: the key's layout, before folding."""
    flat = spaced_initials(unicodedata.normalize("NFC", raw))
    for joiner in ("\n", "\t", "\r", "-", "'", *JOINERS):
        flat = flat.replace(joiner, " ")
    found = list(WORD.finditer(flat))
    if not found:
        return ""
    end = found[-1].end()
    while end < len(flat) and flat[end] in SIGNIFICANT_AFTER:  # C++, C#, Notepad++
        end += 1
    return " ".join(flat[found[0].start() : end].split())


def same_case(found: str, cased: str) -> bool:
    """Is every letter of `found` (the text at a hit of the term) upper or lower case as in
    the term written in braces? Letters only: the rest was matched already, diacritics are
    still ignored ({EU} finds "EU", not "eu" or "Eu"; {Baku} finds "Bakû", not "BAKU")."""
    return all(
        a.isupper() == b.isupper()
        for a, b in zip(found, cased, strict=False)
        if b.isalpha() and b.lower() != b.upper()
    )


def _walk(node: Node) -> list[Node]:
    if isinstance(node, Term):
        return [node]
    if isinstance(node, Not):
        return [node, *_walk(node.child)]
    if isinstance(node, Near):
        return [node, *_walk(node.left), *_walk(node.right)]
    return [node, *(n for child in node.children for n in _walk(child))]


def _scoped(node: Node, field: str) -> Node:
    if isinstance(node, Term):
        return Term(
            node.words,
            node.prefix,
            field,
            node.written,
            node.case,
            spelled=node.spelled,
            capitalised=node.capitalised,
            spelling_of=node.spelling_of,
        )
    if isinstance(node, Not):
        return Not(_scoped(node.child, field))
    if isinstance(node, Near):
        return Near(_scoped(node.left, field), _scoped(node.right, field), node.distance)
    children = tuple(_scoped(child, field) for child in node.children)
    return And(children) if isinstance(node, And) else Or(children)


def inflected(node: Node) -> Node:
    """The query with its words' case endings (alerts.inflection): not in braces (as written),
    prefixes, or terms with punctuation between their words."""
    if isinstance(node, Term):
        if node.prefix or node.case is not None or node.written is not None:
            return node
        found = inflection(node.words, node.spelled, capitalised=node.capitalised)
        if found is None:
            return node
        return Term(
            node.words,
            field=node.field,
            inflection=found,
            spelled=node.spelled,
            capitalised=node.capitalised,
            spelling_of=node.spelling_of,
        )
    if isinstance(node, Not):
        return Not(inflected(node.child))
    if isinstance(node, Near):
        return Near(inflected(node.left), inflected(node.right), node.distance)
    children = tuple(inflected(child) for child in node.children)
    return And(children) if isinstance(node, And) else Or(children)


def parse_query(query: str) -> Node:
    """Parse a rule query; QueryError names the column of the first problem."""
    node = _Parser(drop_invisible(query)).parse()
    if evaluate(node, _Empty(), None):
        raise QueryError(
            "the query matches articles that contain none of its words (add a positive term)", 1
        )
    return node
