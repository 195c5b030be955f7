"""All rules compiled into one matcher whose cost per article barely depends on how many rules
there are: each field is folded and tokenised once, every query term of every rule is found with
one multi-literal scan (alerts.literals: Hyperscan, else Aho-Corasick), every person name with one
scan of the text's skeleton, and only the rules those scans touch are evaluated.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

from alerts.hashtags import as_article, hashtags, placed
from alerts.inflection import (
    TURKIC_LANGUAGES,
    Inflection,
    capitalised_mid_sentence,
    in_harmony,
    spelled,
)
from alerts.literals import LiteralScanner
from alerts.names import (
    INITIAL_MARKERS,
    PATRONYMIC,
    PATRONYMIC_MARKERS,
    PHONETIC_LATIN,
    SCRIPT_CHARS,
    SECOND_READING_CHARS,
    SON_OR_DAUGHTER,
    PersonMatcher,
    add_key,
    couplings,
    reading_skeleton_text,
    second_reading_text,
    skeleton_bytes,
)
from alerts.query import (
    Node,
    Or,
    Span,
    Term,
    evaluate,
    inflected,
    parse_query,
    same_case,
    terms,
)
from alerts.text import WORD, Field, is_word_char
from monitor.config import Rule
from monitor.errors import QueryError
from monitor.models import Article, Match
from monitor.urls import UrlPattern

__all__ = ["Matcher", "parse_query"]
MAX_EVIDENCE = 5
PLAUSIBLE_CACHE = 100_000  # (skeleton key, first word) pairs remembered
WORD_END = re.compile(r"\W")
SHORT_KEY = 9  # bytes: name keys this short are scanned with their tails (see Matcher)
SKELETONS = "aho-corasick-nfa"  # the scan engine for name skeletons (see alerts.literals)
PUNCTUATION = "\"'«»“”„‘’()[]{},.;:!?"


@dataclass(slots=True)
class _Compiled:
    rule: Rule
    query: Node | None
    person: PersonMatcher | None
    # a query that is words and phrases joined by OR (most watch terms): the key ids of its
    # terms, in order, read directly instead of walking the query tree
    plain: tuple[int, ...] | None = None
    # some of those terms take Azerbaijani and Turkish suffixes: plain except in those languages
    turkic: bool = False
    # the rule's exclude_urls, as a source's deny reads them (monitor.urls.UrlPattern)
    excluded_urls: tuple[UrlPattern, ...] = ()


class Matcher:
    """Compile once (seconds for 100,000 rules), then `match` each article."""

    def __init__(self, rules: Sequence[Rule]):
        self.compiled: list[_Compiled] = []
        self.key_ids: dict[str, int] = {}
        self.rules_by_key: list[list[int]] = []
        self.literal_persons: dict[int, list[int]] = defaultdict(list)  # key id -> person rules
        # skeleton key -> person rule -> the tails it takes after the key (None: any)
        persons: dict[str, dict[int, frozenset[str] | None]] = defaultdict(dict)
        key_tails: dict[str, frozenset[str] | None] = {}  # every tail a key's rules take
        written: set[str] = set()  # the keys of forms as written (not only as said: SOUNDED)
        for index, rule in enumerate(rules):
            try:
                query = parse_query(rule.query) if rule.query else None
                if query is not None and rule.inflect:
                    query = inflected(query)
            except QueryError as exc:
                raise QueryError(f"rule {rule.name!r}: {exc}", exc.column) from exc
            person = (
                PersonMatcher(rule.person, rule.variants, rule.exclude) if rule.person else None
            )
            compiled = _Compiled(rule, query, person)
            compiled.excluded_urls = tuple(UrlPattern(p) for p in rule.exclude_urls)
            self.compiled.append(compiled)
            for term in terms(query) if query else ():
                key_id = self.key_ids.setdefault(term.key, len(self.key_ids))
                if key_id == len(self.rules_by_key):
                    self.rules_by_key.append([])
                if not self.rules_by_key[key_id] or self.rules_by_key[key_id][-1] != index:
                    self.rules_by_key[key_id].append(index)
            if query is not None and _plain(query):
                compiled.plain = tuple(self.key_ids[term.key] for term in terms(query))
                compiled.turkic = any(term.inflection for term in terms(query))
            if person is not None:
                skeletons, literals, sounded = person.prefilter_keys()
                for key, tails in skeletons.items():
                    persons[key][index] = tails
                    add_key(key_tails, key, tails)
                written.update(skeletons.keys() - sounded)
                for key in literals:
                    key_id = self.key_ids.setdefault(key, len(self.key_ids))
                    if key_id == len(self.rules_by_key):
                        self.rules_by_key.append([])
                    self.literal_persons[key_id].append(index)
        # patronymic and initial markers join the term scan when names are watched (see
        # _patronymic_hits, _initial_hits)
        self.markers: dict[int, str] = {}  # key id -> marker
        if persons or self.literal_persons:
            for marker in PATRONYMIC_MARKERS + INITIAL_MARKERS:
                key_id = self.key_ids.setdefault(marker, len(self.key_ids))
                if key_id == len(self.rules_by_key):
                    self.rules_by_key.append([])
                self.markers[key_id] = marker
        self.marker_ids = frozenset(k for k, m in self.markers.items() if m in PATRONYMIC_MARKERS)
        self.initial_ids = frozenset(k for k, m in self.markers.items() if m in INITIAL_MARKERS)
        self.any_marker_ids = frozenset(self.markers)
        self.key_lengths = [len(key) for key in self.key_ids]  # key index = key id
        self.terms = (  # found in the fields' folded text, as UTF-8
            LiteralScanner([key.encode("utf-8", "surrogatepass") for key in self.key_ids])
            if self.key_ids
            else None
        )
        # the keys of names as written first, then those of names as other languages say them
        # (alerts.names.SOUNDED), scanned only in fields with letters of another script
        persons = {
            key: persons[key]
            for key in sorted(persons, key=lambda key: key not in written)  # stable
        }
        self.names_written = sum(key in written for key in persons)
        self.person_rules = [
            tuple(
                (rule_id, None if tails is None else frozenset(t.encode() for t in tails))
                for rule_id, tails in sorted(by_rule.items())
            )
            for by_rule in persons.values()
        ]
        # per key: does a rule take only some tails; every tail its rules take (None: any)
        self.person_tailed = [any(t is not None for _, t in rules) for rules in self.person_rules]
        self.person_tails: list[frozenset[bytes] | None] = [
            None if (tails := key_tails[key]) is None else frozenset(t.encode() for t in tails)
            for key in persons
        ]
        self._plausible: dict[tuple[int, str], tuple[tuple[int, frozenset[bytes] | None], ...]] = {}
        keys = [key.encode("ascii") for key in persons]
        self.has_names = bool(keys)
        # a short key that takes only some tails is scanned as each of its words whole (key,
        # tail, space): half of its hits had another tail, dropped one by one in Python
        # (at 100,000 rules 5,000 hits in the bench's articles became 2,800); scanned key i is
        # name key origin[i], key_sizes[i] bytes of it before the tail
        cut = self.names_written
        written_keys, written_origin = _with_tails(keys[:cut], self.person_tails[:cut], 0)
        sounded_keys, sounded_origin = _with_tails(keys[cut:], self.person_tails[cut:], cut)
        self.origin = written_origin + sounded_origin
        self.key_sizes = [len(keys[index]) for index in self.origin]
        self.sounded_from = len(written_keys)  # the scanned keys of names as said start here
        self.persons = LiteralScanner(written_keys, engine=SKELETONS) if written_keys else None
        self.sounded = LiteralScanner(sounded_keys, engine=SKELETONS) if sounded_keys else None
        # the first word of every key: a pair of words offered around a patronymic or an
        # initial whose first word is none of them is not scanned (see _offer)
        self._openers: dict[str, bool] = {}
        every_key = list(self.key_ids)  # key id = index
        self.literal_openers = frozenset(
            every_key[key_id].split(" ", 1)[0] for key_id in self.literal_persons
        )
        self.person_openers = frozenset(key.encode("ascii").split(b" ", 2)[1] for key in persons)

    def match(self, article: Article) -> list[Match]:
        """The rules an article matches, with their evidence (see `match_many`)."""
        return self.match_many([article])[0]

    def match_many(self, articles: Sequence[Article]) -> list[list[Match]]:
        """Each article's matches, in order: what `match` gives, faster for a batch; and what
        its CamelCase hashtags' words match (#KhadijaIsmayilova: alerts.hashtags), placed at
        the hashtag."""
        out = self._match_many(articles)
        tagged = [(i, tags) for i, a in enumerate(articles) if (tags := hashtags(a))]
        if not tagged:  # most batches
            return out
        words = [as_article(articles[i], tags) for i, tags in tagged]
        found = self._match_many([article for article, _ in words])
        for (i, tags), (_, starts), matches in zip(tagged, words, found, strict=True):
            have = out[i]
            places = {(m.rule, m.field, m.start) for m in have}
            count: dict[str, int] = defaultdict(int)
            for m in have:
                count[m.rule] += 1
            for m in placed(matches, articles[i], tags, starts):
                if (m.rule, m.field, m.start) in places or count[m.rule] >= MAX_EVIDENCE:
                    continue
                places.add((m.rule, m.field, m.start))
                count[m.rule] += 1
                have.append(m)
        return out

    def _match_many(self, articles: Sequence[Article]) -> list[list[Match]]:
        """Each article's matches, in order, without its hashtags'.

        Each scan (terms, names) runs over the whole batch before the other: at 100,000 rules
        their compiled keys exceed the CPU caches, and alternating them article by article (with
        Python work in between) leaves each one colder at every scan. In batches of 64 the
        matcher is a little faster at 100,000 rules here. The crawl's writer and the
        backtest call this with their batches.
        """
        docs = [
            _Doc(article, self.key_ids, terms=self.terms is not None, names=self.has_names)
            for article in articles
        ]
        if self.terms is not None:
            terms = self.terms.scan
            term_hits = [[terms(data) for data in d.utf8] for d in docs]
        if self.has_names:
            name_hits = [
                [
                    self._scan_names(
                        skeleton,
                        bool(field.chars & SCRIPT_CHARS) or article.language in PHONETIC_LATIN,
                    )
                    for field, skeleton in zip(d.skeleton_fields, d.skeletons, strict=True)
                ]
                for article, d in zip(articles, docs, strict=True)
            ]
        out = []
        for i, (article, doc) in enumerate(zip(articles, docs, strict=True)):
            person_starts: dict[int, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
            if self.terms is not None:
                for field, data, hits in zip(doc.present, doc.utf8, term_hits[i], strict=True):
                    self._term_hits(field, data, hits, doc)
            if self.has_names:
                for field, skeleton, hits in zip(
                    doc.skeleton_fields, doc.skeletons, name_hits[i], strict=True
                ):
                    self._name_hits(field, skeleton, hits, person_starts)
            if self.marker_ids:
                for field, data, hits in zip(doc.present, doc.utf8, term_hits[i], strict=True):
                    found = [(key, start) for key, start, _ in hits if key in self.any_marker_ids]
                    # an initial against the surname ("W.Bush"): a space in flat, no marker
                    against = [
                        at - 2 for at in field.initial_dots if field.flat[at - 2 : at - 1] == " "
                    ]
                    if not found and not against:  # most fields
                        continue
                    found = self._char_offsets(field, data, found)
                    markers = [start for key, start in found if key in self.marker_ids]
                    if markers:
                        self._patronymic_hits(field, markers, person_starts)
                    initials = [start for key, start in found if key in self.initial_ids]
                    if initials or against:
                        self._initial_hits(field, sorted(initials + against), person_starts)
                for field in doc.present:
                    self._couple_hits(field, article.language, person_starts)
            out.append(self._evaluate(article, doc, person_starts))
        return out

    def _evaluate(
        self, article: Article, doc: _Doc, person_starts: dict[int, dict[str, set[int]]]
    ) -> list[Match]:
        """The rules the scans touched, evaluated, with up to MAX_EVIDENCE places each."""
        for key_id in doc.offsets.keys() & self.literal_persons.keys():
            for name, start, _whole in doc.offsets[key_id]:
                for rule_id in self.literal_persons[key_id]:
                    person_starts[rule_id][name].add(start)
        candidates = set().union(*map(self.rules_by_key.__getitem__, doc.offsets), person_starts)
        out: list[Match] = []
        for index in sorted(candidates):
            compiled = self.compiled[index]
            if not _applies(compiled, article):
                continue
            spans = self._spans(compiled, doc, person_starts.get(index, {}), article.language)
            if len(spans) > 1:
                # the lead's places first, then the text's, then the title's, in order
                spans = sorted(set(spans))
            if len(spans) < compiled.rule.min_mentions:  # a passing mention, for this rule
                continue
            spans = spans[:MAX_EVIDENCE]
            rule = compiled.rule.name
            out += [doc.match(rule, span) for span in spans]
        return out

    def _term_hits(
        self, field: Field, data: bytes, hits: list[tuple[int, int, int]], doc: _Doc
    ) -> None:
        """Every whole-word (or word-prefix) occurrence of every term, from one scan of the
        field's UTF-8 (its byte offsets turned back into the field's character offsets)."""
        flat, size = field.flat, len(field.flat)
        ascii_only = len(data) == size
        counted_bytes = counted_chars = 0
        for key_id, start, end in hits:
            if not ascii_only:  # characters up to the hit's end; hits come in order of their end
                if end < counted_bytes:
                    counted_bytes = counted_chars = 0
                counted_chars += len(data[counted_bytes:end].decode("utf-8", "surrogatepass"))
                counted_bytes, end = end, counted_chars
                start = end - self.key_lengths[key_id]
            if start > 0 and is_word_char(flat[start - 1]):
                continue
            whole = end == size or not is_word_char(flat[end])
            doc.offsets[key_id].append((field.name, start, whole))

    def _name_hits(
        self,
        field: Field,
        skeleton: bytes,
        hits: list[tuple[int, int, int]],
        starts: dict[int, dict[str, set[int]]],
    ) -> None:
        """Candidate names, from one scan of the skeleton and a cached look at their first word."""
        counted_to = chunk = 0
        # in order of their start (the scan gives them in order of their end), so the spaces
        # before each are counted on from the last one, never again from the start
        tailed, person_tails, plausible = self.person_tailed, self.person_tails, self._plausible
        flat, name = field.flat, field.name
        spaces = None  # the field's space offsets, found at its first candidate (most have none)
        for key_index, start, end in sorted(hits, key=itemgetter(1)):
            # the rest of the word after the key (the skeleton ends with " "): it must be a
            # tail (a case ending) some rule takes, and most hits of short names are dropped
            # here, before any word is looked at
            tail = skeleton[end : skeleton.find(b" ", end)] if tailed[key_index] else b""
            if (all_tails := person_tails[key_index]) is not None and tail not in all_tails:
                continue
            # every key starts with the space before a name: chunk = spaces up to and with it;
            # chunk i of " " + flat is flat[spaces[i - 1] : spaces[i] - 1]
            chunk += skeleton.count(b" ", counted_to, start + 1)
            counted_to = start + 1
            if spaces is None:
                spaces = field.space_offsets
            if not 0 < chunk <= len(spaces):
                continue
            begin = int(spaces[chunk - 1])
            first = WORD.search(
                flat, begin, int(spaces[chunk]) - 1 if chunk < len(spaces) else len(flat)
            )
            if first is None:
                continue
            # most hits are a common word with a name's skeleton ("more than": Maria Dogan):
            # the rules a first word may open are cached, and are none for those
            word = first.group()
            rules = plausible.get((key_index, word))
            if rules is None:
                rules = self._plausible_rules(key_index, word)
            for rule_id, tails in rules:
                if tails is None or tail in tails:
                    starts[rule_id][name].add(begin)

    def _char_offsets(
        self, field: Field, data: bytes, found: list[tuple[int, int]]
    ) -> list[tuple[int, int]]:
        """Marker hits (key id, byte offset in `data`) with character offsets in the field's
        flat text instead: the flat text searched for each marker found (at C speed) rather
        than the UTF-8 decoded up to every hit."""
        if len(data) == len(field.flat):
            return found
        flat, out = field.flat, []
        for key in {key for key, _ in found}:
            marker, at = self.markers[key], -1
            while (at := flat.find(marker, at + 1)) >= 0:
                out.append((key, at))
        return sorted(out, key=itemgetter(1))

    def _patronymic_hits(
        self, field: Field, markers: list[int], starts: dict[int, dict[str, set[int]]]
    ) -> None:
        """Candidate names around patronymics ("Ильхам Гейдарович Алиев", "İlham Heydər oğlu
        Əliyev"): the skeleton scan looks for given name and surname side by side, so where the
        term scan found a patronymic marker (at `markers`, offsets in the flat text), the words
        before and after it are put side by side and scanned for the names they make."""
        flat = field.flat
        seen: set[int] = set()
        for at in markers:
            word_start = flat.rfind(" ", 0, at) + 1
            word_end = flat.find(" ", at)
            word_end = len(flat) if word_end < 0 else word_end
            if word_start in seen or word_start < 2:
                continue
            seen.add(word_start)
            word = WORD.search(flat, word_start, word_end)
            if word is None:
                continue
            joined = None  # the father's name and the word as one, a surname (Vaqif qızı)
            if SON_OR_DAUGHTER.fullmatch(word.group()):  # the father's name stands before it
                father_end = word_start - 1
                word_start = flat.rfind(" ", 0, father_end) + 1
                if word_start < 2:
                    continue
                joined = flat[word_start:father_end] + word.group()
            elif not PATRONYMIC.fullmatch(word.group()):
                continue
            given = _word_before(flat, word_start - 1)
            if given is None:
                continue
            after_end = flat.find(" ", word_end + 1)
            after = flat[word_end + 1 : after_end if after_end >= 0 else len(flat)]
            self._offer(field, given.group(), after, given.start(), given.group(), starts)
            if joined is not None:  # Sevinc Vaqif qızı: Sevinj Vagifgizi, surname in two words
                self._offer(field, given.group(), joined, given.start(), given.group(), starts)
            # surname first (Алиеву Ильхаму Гейдаровичу): the word before the given name
            before = _word_before(flat, flat.rfind(" ", 0, given.start()))
            if before is not None:
                surname = before.group()
                self._offer(field, given.group(), surname, before.start(), surname, starts)

    def _initial_hits(
        self, field: Field, markers: list[int], starts: dict[int, dict[str, set[int]]]
    ) -> None:
        """Candidate names around middle initials ("Donald J. Trump", "George H. W. Bush"): where
        the term scan found " j. " (at `markers`, offsets in the flat text), the word before the
        initials and the word after them are put side by side and scanned for the names they
        make; the word-by-word check then reads the initials (names._initial)."""
        flat, text = field.flat, field.text
        seen: set[int] = set()
        for at in markers:  # the space before the initial
            if not text[at + 1].isupper():
                continue  # "plan a. ": no initial
            if at >= 3 and flat[at - 1] == "." and flat[at - 3] == " " and flat[at - 2].isalpha():
                at -= 3  # the first of two initials (never more: a page of "A. B. C. ..." stays linear)
            given = _word_before(flat, at)
            if given is None or given.start() in seen or not text[given.start()].isupper():
                continue
            seen.add(given.start())
            after = at + 4 if flat[at + 2] == "." else at + 3  # " j. trump" or " w bush"
            if after + 2 < len(flat) and flat[after + 1] == "." and flat[after + 2] == " ":
                after += 3  # the second of two initials
            after_end = flat.find(" ", after)
            surname = flat[after : after_end if after_end >= 0 else len(flat)]
            self._offer(field, given.group(), surname, given.start(), given.group(), starts)
            # a given name of two words ("Abdul Rahman K. Yusuf", "Recep Tayyip T. Erdoğan")
            before = _word_before(flat, given.start() - 1)
            if before is not None:
                two = f"{before.group()} {given.group()}"
                self._offer(field, two, surname, before.start(), before.group(), starts)

    def _couple_hits(
        self, field: Field, language: str | None, starts: dict[int, dict[str, set[int]]]
    ) -> None:
        """Candidate names of two given names joined by "and" or "&" before the surname they
        share (Leyla and Arif Yunus: Leyla Yunus), and of a name with a nickname in quotes
        between its parts (Mikheil "Misha" Saakashvili): in the text as written, a capitalised
        word on each side of the conjunction or the nickname; the word before it with the
        surname is offered as a name (the word-by-word check then reads the pair or the
        nickname, names._and_another_given, names._ampersand_given, names._nickname)."""
        text = field.text
        for found in _coupling_pattern(language).finditer(text):
            self._couple_at(field, found.start(), found.end(), starts)
        if "&" in text:  # Leyla & Arif Yunus, in any language
            for found in AMPERSAND.finditer(text):
                self._couple_at(field, found.start(), found.end(), starts)
        # a nickname in quotes between the names: Mikheil "Misha" Saakashvili
        for opening, nickname in NICKNAMES:
            if opening not in text:
                continue
            for found in nickname.finditer(text):
                if text[found.start() - 1 : found.start()] == " ":
                    self._couple_at(field, found.start() - 1, found.end(), starts, nickname=True)

    def _couple_at(
        self,
        field: Field,
        space: int,
        after: int,
        starts: dict[int, dict[str, set[int]]],
        *,
        nickname: bool = False,
    ) -> None:
        """The candidates around what stands between a given name (ending before the space at
        `space`) and a capitalised word at `after`: a conjunction and another given name
        before the surname, or a nickname and the surname."""
        text, flat = field.text, field.flat
        if not text[after].isupper():
            return
        # most pairs are no names ("Britain and France"): a given name that opens no name
        # key (cached) is not offered, of one word or of two
        start = flat.rfind(" ", 0, space) + 1
        one = self._opens(flat[start:space])
        two = start > 1 and self._opens(flat[flat.rfind(" ", 0, start - 1) + 1 : start - 1])
        if not (one or two):
            return
        given = _word_before(flat, space)
        second_end = after - 1 if nickname else flat.find(" ", after)
        if given is not None and text[given.start()].isupper() and second_end > 0:
            self._offer_couple(field, given, second_end, starts, one=one, two=two)

    def _opens(self, chunk: str) -> bool:
        """Does a chunk of flat text open a name's skeleton key, or (as its word) a name too
        short for one, watched as written?"""
        if self.has_names and self._opens_a_key(chunk):
            return True
        return bool(self.literal_openers) and chunk.strip(PUNCTUATION) in self.literal_openers

    def _offer_couple(
        self,
        field: Field,
        given: re.Match[str],
        second_end: int,
        starts: dict[int, dict[str, set[int]]],
        *,
        one: bool,
        two: bool,
    ) -> None:
        """Offer a given name of one word, of two or both (as `one`, `two` say) with the words
        after the second given name (up to three: a surname may be several, al-Baghdadi, von
        der Leyen)."""
        flat = field.flat
        surname = " ".join(flat[second_end + 1 : second_end + 61].split(" ")[:3])
        if one:
            self._offer(field, given.group(), surname, given.start(), given.group(), starts)
        before = _word_before(flat, given.start() - 1) if two else None
        if before is not None:  # "Abdul Rahman and Fatima Yusuf"
            both = f"{before.group()} {given.group()}"
            self._offer(field, both, surname, before.start(), before.group(), starts)

    def _offer(
        self,
        field: Field,
        given: str,
        surname: str,
        at: int,
        first_word: str,
        starts: dict[int, dict[str, set[int]]],
    ) -> None:
        """The rules whose name a given name and a surname make, offered at offset `at`."""
        if not surname:
            return
        word = WORD.search(surname)
        written = self.key_ids.get(f"{given} {word.group()}") if word else None
        if written in self.literal_persons:  # a name too short for a skeleton, as written
            for rule_id in self.literal_persons[written]:
                starts[rule_id][field.name].add(at)
        if not self.has_names or not self._opens_a_key(given):
            return
        skeleton = skeleton_bytes(f" {given} {surname} ")
        scripted = not (given.isascii() and surname.isascii())
        for key_index, start, end in self._scan_names(skeleton, scripted):
            if start != 0:
                continue
            tail = skeleton[end : skeleton.find(b" ", end)]
            if (all_tails := self.person_tails[key_index]) is not None and tail not in all_tails:
                continue
            self._add_starts(key_index, tail, first_word, field.name, at, starts)

    def _scan_names(self, skeleton: bytes, scripted: bool) -> list[tuple[int, int, int]]:
        """The name keys in a skeleton; those of names as said (SOUNDED) only where the text
        has letters of another script or is in a language that spells names as said
        (`scripted`), as only there can they name anyone."""
        hits = self.persons.scan(skeleton) if self.persons is not None else []
        if scripted and self.sounded is not None:
            offset = self.sounded_from
            hits += [(key + offset, start, end) for key, start, end in self.sounded.scan(skeleton)]
        origin, sizes = self.origin, self.key_sizes
        return [(origin[key], start, start + sizes[key]) for key, start, _ in hits]

    def _opens_a_key(self, given: str) -> bool:
        """Does a name key start with this word's skeleton? Most words around a patronymic or
        an initial open none, and a scan of every key would find nothing (cached)."""
        known = self._openers.get(given)
        if known is None:
            skeleton = skeleton_bytes(f" {given} ")
            known = skeleton[1 : skeleton.find(b" ", 1)] in self.person_openers
            if len(self._openers) >= PLAUSIBLE_CACHE:
                self._openers.clear()
            self._openers[given] = known
        return known

    def _add_starts(
        self,
        key_index: int,
        tail: bytes,
        first_word: str,
        field: str,
        at: int,
        starts: dict[int, dict[str, set[int]]],
    ) -> None:
        """Offer a skeleton key's hit at `at` to its rules that take this tail and first word."""
        for rule_id, tails in self._plausible_rules(key_index, first_word):
            if tails is None or tail in tails:
                starts[rule_id][field].add(at)

    def _plausible_rules(
        self, key_index: int, first_word: str
    ) -> tuple[tuple[int, frozenset[bytes] | None], ...]:
        """The person rules of a skeleton key whose names can start with this word, cached: the
        same common words ("more than" has the skeleton of "Maria Dogan") recur in every text."""
        cache_key = (key_index, first_word)
        found = self._plausible.get(cache_key)
        if found is None:
            found = tuple(
                (rule_id, tails)
                for rule_id, tails in self.person_rules[key_index]
                if (person := self.compiled[rule_id].person) is not None
                and person.plausible(first_word)
            )
            if len(self._plausible) >= PLAUSIBLE_CACHE:
                self._plausible.clear()
            self._plausible[cache_key] = found
        return found

    def _spans(
        self, compiled: _Compiled, doc: _Doc, starts: dict[str, set[int]], language: str | None
    ) -> list[Span]:
        if compiled.person is not None:
            spans = []
            for name, offsets in starts.items():
                field = doc.fields[name]
                for offset in sorted(offsets):
                    # words before the name only for an exclude phrase that may start there
                    words = field.window(
                        offset,
                        before=60 if compiled.person.exclude else 0,
                        language=language,
                    )
                    found = compiled.person.find(words, words.index_at(offset))
                    if found:
                        spans.append((name, words.spans[found[0]][0], words.spans[found[1]][1]))
            return spans
        if compiled.plain is not None and not (
            compiled.turkic and doc.language in TURKIC_LANGUAGES
        ):  # what evaluate() gives for an OR of plain terms
            plain: list[Span] = []
            for key_id in compiled.plain:
                plain.extend(doc.whole_spans(key_id, self.key_lengths[key_id]))
            return plain
        evidence: list[Span] = []
        assert compiled.query is not None
        return evidence if evaluate(compiled.query, doc, evidence) else []


# a capital letter (a rough class, confirmed with str.isupper): Latin, Cyrillic, Greek, Armenian
_CAPITAL = "A-ZÀ-ÖØ-ÞĀ-ɏƏА-ЯЁІЇЄҐӘҜҸЈΑ-ΩԱ-Ֆ"


@lru_cache(maxsize=64)
def _coupling_pattern(language: str | None) -> re.Pattern[str]:
    """ " and " as the language writes it, before a capital: one word leads the pattern in
    most languages, so the regex engine looks for it as a literal, at C speed (a pattern tried
    at every capital cost a tenth of the matcher's time at 10 rules, one with two literals
    half as much again)."""
    words = couplings(language)
    if len(words) == 1:
        return re.compile(rf" {re.escape(words[0])} (?=[{_CAPITAL}])")
    either = "|".join(re.escape(word) for word in words)
    return re.compile(rf" (?:{either}) (?=[{_CAPITAL}])")


AMPERSAND = re.compile(rf" & (?=[{_CAPITAL}])")
# a capitalised word in double quotes, a space and a capital, for each kind of quotes: led by
# its opening quote, `re` finds candidates at C speed (one pattern led by a class of the three
# cost 7 times as much, a sixth of the matcher's time at 10 rules)
NICKNAMES = tuple(
    (opening, re.compile(rf"{opening}[{_CAPITAL}][^\W\d_]*{closing} (?=[{_CAPITAL}])"))
    for opening, closing in (('"', '"'), ("“", "”"), ("«", "»"), ("„", "“"))
)


def _word_before(flat: str, space: int) -> re.Match[str] | None:
    """The word that ends just before the space at `space` ("«ильхам" gives "ильхам")."""
    if space < 1 or flat[space - 1] == " ":
        return None
    chunk_start = flat.rfind(" ", 0, space) + 1
    words = list(WORD.finditer(flat, chunk_start, space))
    return words[-1] if words and words[-1].end() == space else None


def _with_tails(
    keys: list[bytes], tails: list[frozenset[bytes] | None], first: int
) -> tuple[list[bytes], list[int]]:
    """The keys to scan for name keys `first`, `first + 1` ...: a short key that takes only
    some tails as each of its words whole, the rest as they are; and the name key of each."""
    scanned: list[bytes] = []
    origin: list[int] = []
    for index, (key, taken) in enumerate(zip(keys, tails, strict=True), first):
        words = [key] if taken is None or len(key) > SHORT_KEY else [key + t + b" " for t in taken]
        scanned += words
        origin += [index] * len(words)
    return scanned, origin


def _plain(node: Node) -> bool:
    """Words and phrases, whole and in any field, joined by OR (or one alone); a term's Turkic
    suffixes are looked for only in articles in those languages, where the query is evaluated."""
    if isinstance(node, Term):
        plain_inflection = node.inflection is None or node.inflection.turkic  # see _spans
        return not node.prefix and node.field is None and node.case is None and plain_inflection
    return isinstance(node, Or) and all(_plain(child) for child in node.children)


def _applies(compiled: _Compiled, article: Article) -> bool:
    rule = compiled.rule
    if rule.sources and article.source and article.source not in rule.sources:
        return False
    if rule.exclude_sources and article.source in rule.exclude_sources:
        return False
    if any(pattern.search(article.url) for pattern in compiled.excluded_urls):
        return False
    return not (rule.languages and article.language and article.language not in rule.languages)


class _Doc:
    """Per-article state: where each term key was found, as spans of the original text."""

    def __init__(self, article: Article, key_ids: dict[str, int], *, terms: bool, names: bool):
        self.fields = {"title": Field("title", article.title or "")}
        if article.lead:  # most articles have none (or it starts their text)
            self.fields["lead"] = Field("lead", article.lead)
        self.fields["text"] = Field("text", article.text)
        self.present = [field for field in self.fields.values() if field.text]
        # what term keys are found in: the folded fields as UTF-8
        self.utf8 = (
            [field.flat.encode("utf-8", "surrogatepass") for field in self.present] if terms else []
        )
        # the skeletons person names are found in (" " + flat + " ": every name after a space)
        self.skeletons = (
            [skeleton_bytes(" " + field.flat + " ", field.chars) for field in self.present]
            if names
            else []
        )
        self.skeleton_fields = list(self.present) if names else []  # the field of each skeleton
        # a second skeleton of a field as English would spell its names where the text's
        # language spells them otherwise (Selenskyj, Chadidscha, Jodorkovski, Lavrovas are
        # Zelensky, Khadija, Khodorkovsky, Lavrov; names.reading_skeleton_text), and a third with
        # Georgian ფ as f and Greek ντ as d, as they write foreign names (names.GEORGIAN_PH)
        for field in self.present if names else ():
            reading = reading_skeleton_text(field.flat, article.language)
            if reading is not None:
                self.skeletons.append(skeleton_bytes(" " + reading + " ", field.chars))
                self.skeleton_fields.append(field)
            if not SECOND_READING_CHARS.isdisjoint(field.chars):
                second = second_reading_text(field.flat)
                if second is not None:
                    self.skeletons.append(skeleton_bytes(" " + second + " ", field.chars))
                    self.skeleton_fields.append(field)
        self.key_ids = key_ids
        self.language = article.language
        # key id -> (field, start offset, ends a word); prefix terms may end inside a word
        self.offsets: dict[int, list[tuple[str, int, bool]]] = defaultdict(list)
        self.sentences: dict[Span, str] = {}

    def spans(self, term: Term) -> list[Span]:
        if term.inflection is not None:
            return self.inflected_spans(term, term.inflection)
        if not term.prefix and term.field is None and term.case is None:  # most terms
            return self.whole_spans(self.key_ids[term.key], len(term.key))
        found = self.offsets.get(self.key_ids[term.key])
        if not found:
            return []
        out = []
        for name, start, whole in found:
            if (whole or term.prefix) and (term.field is None or term.field == name):
                field = self.fields[name]
                end = start + len(term.key)
                if term.case is not None and not same_case(field.text[start:end], term.case):
                    continue
                if term.prefix:
                    word_end = WORD_END.search(field.folded, end)
                    end = word_end.start() if word_end else len(field.folded)
                out.append((name, start, end))
        return out

    def inflected_spans(self, term: Term, inflection: Inflection) -> list[Span]:
        """Where the term's stem starts a word and its endings (and words) follow it."""
        key_id, size = self.key_ids[term.key], len(term.key)
        if inflection.turkic and self.language not in TURKIC_LANGUAGES:
            # English does not put them on "Baku": there the term is its words, whole
            spans = self.whole_spans(key_id, size)
            return [span for span in spans if term.field in (None, span[0])]
        out = []
        for name, start, _ in self.offsets.get(key_id, ()):
            if term.field is None or term.field == name:
                field = self.fields[name]
                rest = inflection.rest.match(field.flat, start + size)
                if rest is None:
                    continue
                if (
                    inflection.capitalised
                    and field.flat[start : rest.end()] != inflection.capitalised
                    and not capitalised_mid_sentence(field.text, start)
                ):
                    continue
                if inflection.spelled and rest.end() > start + size:  # a Turkic suffix
                    stem = field.text[start : start + size]
                    if tuple(WORD.findall(spelled(stem))) != inflection.spelled:
                        continue
                    if not in_harmony(stem, field.text[start + size : rest.end()]):
                        continue
                out.append((name, start, rest.end()))
        return out

    def whole_spans(self, key_id: int, size: int) -> list[Span]:
        """Where a key (`size` characters) was found as whole words, in either field."""
        found = self.offsets.get(key_id)
        return [(name, at, at + size) for name, at, whole in found if whole] if found else []

    def words_between(self, field: str, start: int, end: int) -> int:
        return self.fields[field].words_between(start, end)

    def match(self, rule: str, span: Span) -> Match:
        name, start, end = span
        field = self.fields[name]
        sentence = self.sentences.get(span)
        if sentence is None:  # many rules share a term: one sentence per place, not per rule
            sentence = self.sentences[span] = field.sentence(start, end)
        matched = field.text[start:end]
        if not matched.isprintable():  # a name across a line break or a no-break space: as
            matched = " ".join(matched.split())  # the sentence shows it, so it is found there
        return Match(rule, name, start, end, matched, sentence)
