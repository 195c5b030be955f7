"""Rules compiled once, matched against an article's title and text (never page furniture)."""

from __future__ import annotations

from collections.abc import Sequence

from alerts.names import PersonMatcher
from alerts.query import Node, evaluate, parse_query
from alerts.text import Document
from monitor.config import Rule
from monitor.models import Article, Match

__all__ = ["Matcher", "parse_query"]
MAX_EVIDENCE = 5


class _Compiled:
    def __init__(self, rule: Rule):
        self.rule = rule
        self.query: Node | None = parse_query(rule.query) if rule.query else None
        self.person = (
            PersonMatcher(rule.person, rule.variants, rule.exclude) if rule.person else None
        )

    def spans(self, doc: Document) -> list[tuple[int, int]]:
        if self.person is not None:
            return self.person.find(doc)
        evidence: list[tuple[int, int]] = []
        assert self.query is not None
        return sorted(set(evidence)) if evaluate(self.query, doc, evidence) else []


class Matcher:
    """All rules of a config; `match` returns evidence for every rule the article satisfies."""

    def __init__(self, rules: Sequence[Rule]):
        self.compiled = [_Compiled(rule) for rule in rules]

    def match(self, article: Article) -> list[Match]:
        doc = Document({"title": article.title or "", "text": article.text})
        out: list[Match] = []
        for compiled in self.compiled:
            sources = compiled.rule.sources
            if sources and article.source and article.source not in sources:
                continue
            spans = sorted(compiled.spans(doc), key=lambda s: doc.tokens[s[0]].field != "text")
            for first, last in spans[:MAX_EVIDENCE]:
                token = doc.tokens[first]
                out.append(
                    Match(
                        rule=compiled.rule.name,
                        field=token.field,
                        start=token.start,
                        end=doc.tokens[last].end,
                        matched=doc.span_text(first, last),
                        sentence=doc.sentence(first, last),
                    )
                )
        return out
