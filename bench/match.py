"""Matcher throughput at 10 to 100,000 rules, beside the naive one-regex-per-rule approach.

    python bench/match.py            # throughput table (one core), compile time and memory
    python bench/match.py --quality  # precision / recall on tests/labelled_cases.py

Article text: the ground truth of ../shared/data/article-extraction-benchmark when present,
else the demo site's articles. Rules are a deterministic mix of keywords, OR-queries, phrases
and person names (most of which never occur, as in a real watch list; some do).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from alerts.matcher_cache import compiled_matcher, remember  # noqa: E402
from alerts.rules import Matcher  # noqa: E402
from alerts.text import fold  # noqa: E402
from monitor.config import Rule  # noqa: E402
from monitor.models import Article  # noqa: E402

SHARED = ROOT.parent / "shared" / "data" / "article-extraction-benchmark" / "ground-truth.json"
FIRST = (
    "Khadija Leyla Arif Ilham Mehriban Tofig Sevinj Ulvi Bahruz Anar Rasul Emin Gunel Nigar Aytan "
    "Nino Giorgi Mzia Levan Tamar Anna Maria John David Michael Sarah Elena Olga Ivan Sergei Dmitri "
    "Natalia Irina Ahmed Fatima Omar Aisha Mehmet Ayse Mustafa Zeynep Ali Hasan Huseyn Rauf Samir "
    "Vusal Elchin Farid Kamran Orkhan Narmin Lala Sabina Togrul Ruslan Aram Armen Lusine Gohar Davit"
).split()
LAST = (
    "Ismayilova Yunus Aliyev Aliyeva Yagublu Vagifgizi Hasanli Samadov Mammadli Hajili Huseynov "
    "Guliyev Mammadov Rzayev Abbasov Karimova Ibrahimov Amaglobeli Gvaramia Kobakhidze Zurabishvili "
    "Pashinyan Sargsyan Petrosyan Hovhannisyan Smith Johnson Brown Ivanov Petrov Sidorova Kuznetsov "
    "Yilmaz Kaya Demir Sahin Celik Ozturk Aydin Arslan Dogan Kilic Aslan Cetin Kara Koc Kurt Ozdemir"
).split()


def corpus() -> tuple[list[Article], str]:
    if SHARED.exists():
        truth = json.loads(SHARED.read_text())
        texts = [v["articleBody"] for v in truth.values()]
        where = f"{len(texts)} articles of {SHARED.parent.name} (ground truth)"
    else:
        from monitor.demo.site import load_demo_articles

        texts = ["\n".join(a["body"]) for a in load_demo_articles()] * 5
        where = f"{len(texts)} demo articles (../shared/data not found)"
    return [
        Article(f"https://bench.invalid/{i}", None, t, language="en") for i, t in enumerate(texts)
    ], where


def make_rules(n: int, articles: list[Article], seed: int = 7) -> list[Rule]:
    """A watch list: names of things and people, most of which a given article never mentions.

    Real terms come from the corpus: capitalised words (not sentence-initial) and pairs of them,
    as watch terms usually are; the rest are made-up words and names, so the hit rate stays that
    of a real list (a few rules per article) whatever the number of rules.
    """
    rng = random.Random(seed)
    text = "\n".join(a.text for a in articles)
    words = sorted(set(re.findall(r"(?<=[a-z,] )([A-Z][a-z]{5,})\b", text)))
    pairs = sorted(set(re.findall(r"(?<=[a-z,] )([A-Z][a-z]{3,} [A-Z][a-z]{3,})\b", text)))

    def synthetic() -> str:
        return "".join(
            rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(rng.randint(3, 5))
        )

    real = min(
        0.15, 300 / n
    )  # at most ~300 real terms: the hit rate of a real list, not of a dictionary

    def keyword() -> str:
        return rng.choice(words) if rng.random() < real else synthetic()

    rules: list[Rule] = []
    for i in range(n):
        kind = i % 10
        if kind < 3:
            rules.append(Rule(f"k{i}", query=keyword()))
        elif kind < 5:
            rules.append(Rule(f"o{i}", query=" OR ".join(keyword() for _ in range(3))))
        elif kind < 7:
            phrase = rng.choice(pairs) if rng.random() < real else f"{synthetic()} {keyword()}"
            rules.append(Rule(f"p{i}", query=f'"{phrase}"'))
        else:
            first = rng.choice(FIRST) if rng.random() < 0.5 else synthetic().title()
            last = (
                rng.choice(LAST)
                if rng.random() < 0.3
                else synthetic().title() + rng.choice(["ov", "ova", "li", "yan"])
            )
            rules.append(Rule(f"n{i}", person=f"{first} {last}"))
    return rules


class NaiveMatcher:
    """The baseline: one compiled regular expression per rule, run over each folded article."""

    def __init__(self, rules: list[Rule]):
        self.patterns = []
        for rule in rules:
            if rule.person:
                first, last = (re.escape(fold(p)) for p in rule.person.split(maxsplit=1))
                self.patterns.append(re.compile(rf"\b{first}\s+{last}\b"))
            else:
                alternatives = [
                    re.escape(fold(t.strip('"'))).replace(r"\ ", r"\s+")
                    for t in (rule.query or "").split(" OR ")
                ]
                self.patterns.append(re.compile(r"\b(?:" + "|".join(alternatives) + r")\b"))

    def match(self, article: Article) -> list[int]:
        text = fold(article.text)
        return [i for i, p in enumerate(self.patterns) if p.search(text)]


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096 / 1e6


BATCH = 64  # articles per Matcher.match_many call, as the crawl's writer and the backtest do


def throughput(
    matcher: Matcher | NaiveMatcher, articles: list[Article], *, budget: float, batch: int = 1
) -> tuple[float, int]:
    """MB/s over whole passes of the corpus (at least one call, until `budget` seconds).

    batch > 1: the articles go to `match_many` that many at a time, else to `match` one by one.
    """
    done_bytes, hits, start = 0, 0, time.perf_counter()
    while True:
        for i in range(0, len(articles), batch):
            chunk = articles[i : i + batch]
            if batch > 1 and isinstance(matcher, Matcher):
                hits += sum(len(found) for found in matcher.match_many(chunk))
            else:
                hits += sum(len(matcher.match(article)) for article in chunk)
            done_bytes += sum(len(article.text.encode()) for article in chunk)
            if time.perf_counter() - start > budget:
                return done_bytes / 1e6 / (time.perf_counter() - start), hits


def clear_caches() -> None:
    """Empty the matcher's module-level caches (words' keys and forms), as a new crawl process
    starts: each size compiles and takes its first pass as a crawl does, not with what the
    sizes before it left there."""
    import alerts.inflection
    import alerts.names
    import alerts.query
    import alerts.text

    for module in (alerts.inflection, alerts.names, alerts.query, alerts.text):
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()


def first_pass(matcher: Matcher, articles: list[Article]) -> float:
    """MB/s of one pass over articles this matcher has not seen."""
    started = time.perf_counter()
    for i in range(0, len(articles), BATCH):
        matcher.match_many(articles[i : i + BATCH])
    return sum(len(a.text.encode()) for a in articles) / 1e6 / (time.perf_counter() - started)


def speed(sizes: list[int], budget: float) -> None:
    articles, where = corpus()
    total = sum(len(a.text.encode()) for a in articles) / 1e6
    print(f"corpus: {where}, {total:.2f} MB of text; one core; {budget:.0f}s per measurement")
    print(
        f"MB/s: articles matched in batches of {BATCH} (Matcher.match_many, as crawls and "
        "backtests match them); one by one: Matcher.match per article\n"
    )
    print(
        "first pass: MB/s of the matcher's first pass over the articles, its caches empty, as a\n"
        "crawl (a new process, new articles) reads them; MB/s: later passes, caches warm;\n"
        "compile s: the rules compiled, cached s: the compiled matcher loaded, as each later\n"
        "crawl of the same rules does (alerts/matcher_cache.py, from 500 rules)\n"
    )
    print(
        f"{'rules':>8} {'compile s':>10} {'cached s':>9} {'+RSS MB':>8} {'first pass':>11} "
        f"{'MB/s':>8} {'one by one':>11} {'hits/article':>12} {'naive MB/s':>11} {'speed-up':>9}"
    )
    base = base_single = None
    # compiled matchers are cached on disk (alerts/matcher_cache.py, from 500 rules): a fresh
    # cache, so the first compile is cold, and "cached s" is what each later crawl of the same
    # rules pays to load them
    cache = tempfile.TemporaryDirectory(prefix="bench-match-cache-")
    os.environ["MONITOR_CACHE_DIR"] = cache.name
    for n in sizes:
        rules = make_rules(n, articles)
        clear_caches()
        gc.collect()
        before = rss_mb()
        started = time.perf_counter()
        matcher = Matcher(rules)
        compile_s = time.perf_counter() - started
        grown = rss_mb() - before
        remember(rules, matcher)  # as the crawl that compiled them does (not timed)
        started = time.perf_counter()
        compiled_matcher(rules)
        cached_s = time.perf_counter() - started
        gc.collect()
        gc.freeze()  # as `monitor crawl` does once its rules are compiled
        cold = first_pass(matcher, articles)
        rate, _ = throughput(matcher, articles, budget=budget, batch=BATCH)
        single, _ = throughput(matcher, articles, budget=budget)
        hits = sum(len(found) for found in matcher.match_many(articles))
        naive_rate, _ = (
            throughput(NaiveMatcher(rules), articles, budget=budget)
            if n <= 10_000
            else (float("nan"), 0)
        )
        base, base_single = base or rate, base_single or single
        ratio = f"{rate / naive_rate:8.1f}x" if naive_rate == naive_rate else "      n/a"
        print(
            f"{n:>8} {compile_s:>10.2f} {cached_s:>9.2f} {grown:>8.0f} {cold:>11.1f} {rate:>8.1f} "
            f"{single:>11.1f} "
            f"{hits / len(articles):>12.1f} {naive_rate:>11.3f} {ratio}"
        )
        del matcher
        gc.unfreeze()
    cache.cleanup()
    print(
        f"\nthroughput at {sizes[-1]:,} rules / at {sizes[0]} rules: {rate / base:.2f} in batches, "
        f"{single / base_single:.2f} one by one (1.00 = no slow-down)"
    )
    print("naive at 100,000 rules is not run: at 10,000 it already takes minutes per MB")


def quality() -> None:
    sys.path.insert(0, str(ROOT))
    from tests.labelled_cases import CASES

    tp = fp = fn = tn = 0
    by_language: dict[str, list[int]] = {}
    for case in CASES:
        rule = Rule("r", **case.rule)  # type: ignore[arg-type]
        got = bool(
            Matcher([rule]).match(
                Article("https://e.org/x", case.title, case.text, language=case.language)
            )
        )
        cell = by_language.setdefault(case.language, [0, 0, 0, 0])
        if got and case.expected:
            tp += 1
            cell[0] += 1
        elif got:
            fp += 1
            cell[1] += 1
        elif case.expected:
            fn += 1
            cell[2] += 1
        else:
            tn += 1
            cell[3] += 1
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    print(f"labelled cases: {len(CASES)} ({tp + fn} positive, {fp + tn} negative)")
    print(
        f"precision {precision:.3f}  recall {recall:.3f}  F1 {2 * precision * recall / max(precision + recall, 1e-9):.3f}"
    )
    for language, (ltp, lfp, lfn, ltn) in sorted(by_language.items()):
        print(
            f"  {language}: {ltp + lfn:>3} positive, {lfp + ltn:>3} negative, {lfp} false alarms, {lfn} missed"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--quality", action="store_true", help="precision/recall on the labelled set"
    )
    parser.add_argument("--sizes", default="10,1000,10000,100000")
    parser.add_argument("--budget", type=float, default=3.0, help="seconds per measurement")
    args = parser.parse_args()
    if args.quality:
        quality()
    else:
        speed([int(s) for s in args.sizes.split(",")], args.budget)


if __name__ == "__main__":
    main()
