"""All rules compiled into one matcher whose cost per article barely depends on how many rules
there are: each field is folded and tokenised once, every query term of every rule is found with
one Aho-Corasick scan, every person name with one scan of the text's skeleton, and only the rules
those scans touch are evaluated.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import ahocorasick

from alerts.names import PersonMatcher, skeleton_text
from alerts.query import Lookup, Node, Span, Term, evaluate, parse_query, terms
from alerts.text import Field
from monitor.config import Rule
from monitor.errors import QueryError
from monitor.models import Article, Match

__all__ = ["Matcher", "parse_query"]
MAX_EVIDENCE = 5


@dataclass(slots=True)
class _Compiled:
    rule: Rule
    query: Node | None
    person: PersonMatcher | None


class Matcher:
    """Compile once (seconds for 100,000 rules), then `match` each article."""

    def __init__(self, rules: Sequence[Rule]):
        self.compiled: list[_Compiled] = []
        self.key_ids: dict[str, int] = {}
        self.rules_by_key: list[list[int]] = []
        persons: dict[str, set[int]] = defaultdict(set)
        for index, rule in enumerate(rules):
            try:
                query = parse_query(rule.query) if rule.query else None
            except QueryError as exc:
                raise QueryError(f"rule {rule.name!r}: {exc}", exc.column) from exc
            person = (
                PersonMatcher(rule.person, rule.variants, rule.exclude) if rule.person else None
            )
            self.compiled.append(_Compiled(rule, query, person))
            for term in terms(query) if query else ():
                key_id = self.key_ids.setdefault(term.key, len(self.key_ids))
                if key_id == len(self.rules_by_key):
                    self.rules_by_key.append([])
                if not self.rules_by_key[key_id] or self.rules_by_key[key_id][-1] != index:
                    self.rules_by_key[key_id].append(index)
            for key, _prefix in person.skeletons() if person else ():
                persons[key].add(index)
        self.terms = _automaton({key: (key_id, len(key)) for key, key_id in self.key_ids.items()})
        self.persons = _automaton(
            {key: (tuple(sorted(ids)), len(key)) for key, ids in persons.items()}
        )

    def match(self, article: Article) -> list[Match]:
        fields = {"title": Field("title", article.title or ""), "text": Field("text", article.text)}
        doc = _Doc(fields)
        if self.terms is not None:
            for field in fields.values():
                for end, (key_id, length) in self.terms.iter(field.token_text):
                    doc.offsets[key_id].append((field.name, end - length + 1))
        person_starts: dict[int, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
        if self.persons is not None:
            for field in fields.values():
                skeleton = skeleton_text(field.token_text)
                for end, (rule_ids, length) in self.persons.iter(skeleton):
                    word = skeleton.count(" ", 0, end - length + 1)
                    for rule_id in rule_ids:
                        person_starts[rule_id][field.name].add(word)
        candidates = {r for key_id in doc.offsets for r in self.rules_by_key[key_id]}
        candidates.update(person_starts)
        out: list[Match] = []
        for index in sorted(candidates):
            compiled = self.compiled[index]
            if not _applies(compiled.rule, article):
                continue
            spans = self._spans(compiled, doc, person_starts.get(index, {}))
            spans.sort(key=lambda s: (s[0] != "text", s[1]))
            seen: set[Span] = set()
            for span in spans:
                if span in seen:
                    continue
                seen.add(span)
                out.append(doc.match(compiled.rule.name, span))
                if len(seen) == MAX_EVIDENCE:
                    break
        return out

    def _spans(self, compiled: _Compiled, doc: _Doc, starts: dict[str, set[int]]) -> list[Span]:
        if compiled.person is not None:
            return [
                (name, first, last)
                for name, words in starts.items()
                for first, last in compiled.person.find(doc.fields[name], words)
            ]
        evidence: list[Span] = []
        assert compiled.query is not None
        return evidence if evaluate(compiled.query, doc.lookup_for(self.key_ids), evidence) else []


def _applies(rule: Rule, article: Article) -> bool:
    if rule.sources and article.source and article.source not in rule.sources:
        return False
    return not (rule.languages and article.language and article.language not in rule.languages)


class _Doc:
    """Per-article state: where each term key was found, turned into word spans on demand."""

    def __init__(self, fields: dict[str, Field]):
        self.fields = fields
        self.offsets: dict[int, list[tuple[str, int]]] = defaultdict(list)
        self._spans: dict[int, list[Span]] = {}

    def lookup_for(self, key_ids: dict[str, int]) -> Lookup:
        def lookup(term: Term) -> list[Span]:
            key_id = key_ids[term.key]
            if key_id not in self.offsets:
                return []
            spans = self._spans.get(key_id)
            if spans is None:
                spans = []
                for name, offset in self.offsets[key_id]:
                    first = self.fields[name].word_index(offset)
                    spans.append((name, first, first + len(term.words) - 1))
                self._spans[key_id] = spans
            return [s for s in spans if term.field is None or s[0] == term.field]

        return lookup

    def match(self, rule: str, span: Span) -> Match:
        name, first, last = span
        field = self.fields[name]
        start, end = field.spans[first][0], field.spans[last][1]
        return Match(rule, name, start, end, field.text[start:end], field.sentence(first, last))


def _automaton(keys: dict[str, object]) -> ahocorasick.Automaton | None:
    if not keys:
        return None
    automaton = ahocorasick.Automaton(ahocorasick.STORE_ANY)
    for key, value in keys.items():
        automaton.add_word(key, value)
    automaton.make_automaton()
    return automaton
