"""How well query words' Russian case forms are found, judged by a dictionary.

    .venv/bin/pip install -e '.[bench]'     # pymorphy3 and its Russian dictionary (OpenCorpora)
    .venv/bin/python bench/inflection.py     # [--sample 4000]

alerts/inflection.py reads a word's class off its ending and looks for that class's endings
after its stem, with no dictionary. This bench takes a seeded sample of the nouns and adjectives
(nominative singular, masculine for adjectives) of pymorphy3's Russian dictionary as one-word
queries, and for each:

- precision: of the forms the matcher would find that are words of the language, the share
  that are the query word's own forms (not another word's: Сахара from сахар);
- recall: of the query word's paradigm (its cases and numbers; for an adjective, the masculine
  and the plural), the share the matcher finds.

Beside it, in the same run, a prefix (`stem*`, the word without its last vowel, as the README
advised before case forms were found) and the word as written.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from alerts.inflection import CYRILLIC_VOWELS, word_forms  # noqa: E402


def load_analyzer(lang: str) -> Any:
    try:
        import pymorphy3

        return pymorphy3.MorphAnalyzer(lang=lang)
    except (ImportError, ValueError) as exc:
        sys.exit(
            f"bench/inflection.py needs pymorphy3 and its {lang} dictionary: "
            f".venv/bin/pip install -e '.[bench]' ({exc})"
        )


def sample_lemmas(morph: Any, size: int, seed: int) -> list[str]:
    lemmas = set()
    for word, tag, normal, _, _ in morph.dictionary.iter_known_words():
        if word != normal or len(word) < 4 or "-" in word:
            continue
        text = str(tag)
        if ("NOUN" in text and "nomn" in text and "sing" in text) or (
            "ADJF" in text and "masc" in text and "nomn" in text
        ):
            lemmas.add(word)
    return random.Random(seed).sample(sorted(lemmas), size)


def paradigm(morph: Any, word: str) -> set[str]:
    """The word's own forms: cases and numbers; an adjective's masculine and plural ones."""
    for parse in morph.parse(word):
        if parse.normal_form != word or parse.word != word:
            continue
        adjective = "ADJF" in str(parse.tag)
        forms = set()
        for form in parse.lexeme:
            tag = str(form.tag)
            if adjective and ("ADJF" not in tag or "femn" in tag or "neut" in tag):
                continue
            forms.add(form.word.replace("ё", "е"))
        return forms
    return {word}


def score(morph: Any, word: str, found: set[str], own: set[str]) -> tuple[int, int, int]:
    """(found forms that are words, of them the word's own, own forms found)."""
    known = {form for form in found if morph.word_is_known(form)}
    mine = {form for form in known if any(p.normal_form == word for p in morph.parse(form))}
    return len(known), len(mine), len(own & found)


def prefix_forms(morph: Any, word: str) -> set[str]:
    stem = word[:-1] if word[-1] in CYRILLIC_VOWELS or word[-1] in "йї" else word
    return {key.replace("ё", "е") for key in morph.dictionary.words.keys(stem)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sample", type=int, default=4000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--lang", choices=("ru", "uk"), default="ru")
    args = parser.parse_args()
    morph = load_analyzer(args.lang)
    started = time.perf_counter()
    words = sample_lemmas(morph, args.sample, args.seed)
    print(
        f"{len(words)} {args.lang} nouns and adjectives of pymorphy3's dictionary as one-word queries "
        f"(sampled in {time.perf_counter() - started:.0f} s)"
    )
    totals = {name: [0, 0, 0, 0] for name in ("case forms", "prefix*", "as written")}
    wrong_examples: list[tuple[str, str]] = []
    for word in words:
        own = paradigm(morph, word)
        for name, found in (
            ("case forms", {form.replace("ё", "е") for form in word_forms(word)}),
            ("prefix*", prefix_forms(morph, word)),
            ("as written", {word.replace("ё", "е")}),
        ):
            known, mine, recalled = score(morph, word, found, own)
            total = totals[name]
            total[0] += known
            total[1] += mine
            total[2] += recalled
            total[3] += len(own)
            if name == "case forms" and known > mine and len(wrong_examples) < 12:
                other = next(
                    f
                    for f in found
                    if morph.word_is_known(f)
                    and not any(p.normal_form == word for p in morph.parse(f))
                )
                wrong_examples.append((word, other))
    print(f"\n{'':12} {'precision':>10} {'recall':>8} {'forms found':>12} {'of others':>10}")
    for name, (known, mine, recalled, own) in totals.items():
        print(
            f"{name:12} {mine / known:10.3f} {recalled / own:8.3f} {known:12d} {known - mine:10d}"
        )
    ours, prefix = totals["case forms"], totals["prefix*"]
    print(
        f"\ncase forms against prefix*: precision {ours[1] / ours[0]:.3f} vs "
        f"{prefix[1] / prefix[0]:.3f} (other words' forms found: {ours[0] - ours[1]:,} against "
        f"{prefix[0] - prefix[1]:,}), recall {ours[2] / ours[3]:.3f} vs {prefix[2] / prefix[3]:.3f}"
    )
    print("another word's forms found, e.g.:", ", ".join(f"{w} -> {o}" for w, o in wrong_examples))


if __name__ == "__main__":
    main()
