"""The rule query language: words, "phrases", AND / OR / NOT, parentheses, implicit AND.

Precedence: NOT binds tightest, then AND (written or implied), then OR. Operators are upper-case
so that "and" inside a phrase or a sentence stays a word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from alerts.text import Document, fold_words
from monitor.errors import QueryError

LEXEME = re.compile(r'\s*(?:(?P<quote>"[^"]*"?)|(?P<paren>[()])|(?P<word>[^\s()"]+))')
OPERATORS = {"AND", "OR", "NOT"}


@dataclass(frozen=True, slots=True)
class Term:
    words: tuple[str, ...]
    text: str

    def hits(self, doc: Document) -> list[tuple[int, int]]:
        """(first, last) token index of each occurrence, never across the title/text barrier."""
        first_positions = doc.positions.get(self.words[0], [])
        if len(self.words) == 1:
            return [(p, p) for p in first_positions]
        out = []
        n = len(self.words)
        for p in first_positions:
            if p + n <= len(doc.tokens) and all(
                doc.tokens[p + k].word == self.words[k] for k in range(1, n)
            ):
                out.append((p, p + n - 1))
        return out


@dataclass(frozen=True, slots=True)
class Not:
    child: Node


@dataclass(frozen=True, slots=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    children: tuple[Node, ...]


Node = Term | Not | And | Or


def evaluate(node: Node, doc: Document, evidence: list[tuple[int, int]] | None) -> bool:
    """True when the document satisfies the node; positive hits are appended to evidence."""
    if isinstance(node, Term):
        hits = node.hits(doc)
        if hits and evidence is not None:
            evidence.extend(hits)
        return bool(hits)
    if isinstance(node, Not):
        return not evaluate(node.child, doc, None)
    if isinstance(node, And):
        collected: list[tuple[int, int]] = []
        for child in node.children:
            if not evaluate(child, doc, collected):
                return False
        if evidence is not None:
            evidence.extend(collected)
        return True
    found = False
    for child in node.children:
        found = evaluate(child, doc, evidence) or found
    return found


class _Parser:
    def __init__(self, query: str):
        self.query = query
        self.tokens: list[tuple[str, str, int]] = []  # (kind, text, column)
        pos = 0
        while pos < len(query):
            m = LEXEME.match(query, pos)
            if not m or m.end() == pos:
                break
            kind = m.lastgroup or ""
            text = m.group(kind)
            column = m.start(kind) + 1
            if kind == "quote" and (len(text) < 2 or not text.endswith('"')):
                raise QueryError(f"unclosed quote at column {column}", column)
            if kind == "word" and text in OPERATORS:
                kind = text
            self.tokens.append((kind, text, column))
            pos = m.end()
        self.i = 0

    def peek(self) -> tuple[str, str, int] | None:
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

    def parse_and(self, after: tuple[str, str, int] | None = None) -> Node:
        children = [self.parse_unary(after)]
        while (token := self.peek()) and token[0] != "OR" and token[1] != ")":
            if token[0] == "AND":
                self.i += 1
                children.append(self.parse_unary(token))
            else:
                children.append(self.parse_unary(None))
        return children[0] if len(children) == 1 else And(tuple(children))

    def parse_unary(self, after: tuple[str, str, int] | None) -> Node:
        token = self.peek()
        if token is None:
            where = after[2] if after else len(self.query) + 1
            what = f"after {after[1]} at column {where}" if after else "at the end"
            raise QueryError(f"expected a word or phrase {what}", where)
        kind, text, column = token
        if kind == "NOT":
            self.i += 1
            return Not(self.parse_unary(token))
        if kind in ("AND", "OR"):
            raise QueryError(
                f"unexpected {text} at column {column} (expected a word or phrase)", column
            )
        if text == ")":
            raise QueryError(f"unexpected ')' at column {column}", column)
        self.i += 1
        if text == "(":
            node = self.parse_or()
            closing = self.peek()
            if closing is None or closing[1] != ")":
                raise QueryError(f"unclosed '(' at column {column}", column)
            self.i += 1
            return node
        raw = text[1:-1] if kind == "quote" else text
        words = tuple(fold_words(raw))
        if not words:
            raise QueryError(
                f"{text!r} at column {column} has no letters or digits to match", column
            )
        return Term(words, raw)


def parse_query(query: str) -> Node:
    """Parse a rule query; QueryError names the column of the first problem."""
    node = _Parser(query).parse()
    if evaluate(node, Document({}), None):
        raise QueryError(
            "the query matches articles that contain none of its words (add a positive term)", 1
        )
    return node
