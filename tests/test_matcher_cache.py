"""The compiled matcher kept on disk between processes (alerts.matcher_cache): loaded only for
the very same rules and code, never from a damaged or foreign file, with the same matches."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

import alerts.matcher_cache as matcher_cache
from alerts.literals import LiteralScanner, cache_dir, hyperscan
from alerts.rules import Matcher
from monitor.config import Rule
from monitor.models import Article

RULES = [
    Rule("euronest", query='Euronest OR "Eastern Partnership"'),
    Rule("near", query='"Khadija Ismayilova" NEAR/10 (court OR trial)'),
    Rule("acronym", query="{EU} AND title:Baku*"),
    Rule("azerbaijan", query="Азербайджан", languages=("ru",)),
    Rule("ismayilova", person="Khadija Ismayilova"),
    Rule("yunus", person="Leyla Yunus", exclude=("Leyla Yunus Street",)),
    Rule("zelensky", person="Volodymyr Zelensky", variants=("Zelenskyy",)),
]
ARTICLES = [
    Article(
        "u1", "Baku talks", "The EU and the Euronest assembly. Khadija Ismayilova's trial began."
    ),
    Article("u2", "Суд", "Хадиджа Исмаилова и Лейла Юнус. В Азербайджане.", language="ru"),
    Article("u3", "", "Xədicə İsmayılovanın məhkəməsi. Arif Yunus, not Leyla.", language="az"),
    Article("u4", "", "Володимир Зеленський і Leyla Yunus Street.", language="uk"),
]


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[int]:
    """Caching from one rule on, in a cache of the test's own; compiles counted."""
    monkeypatch.setenv("MONITOR_CACHE_DIR", str(tmp_path / "cache"))
    compiles: list[int] = []
    compile = Matcher.__init__

    def counting(self: Matcher, rules: list[Rule]) -> None:
        compiles.append(len(rules))
        compile(self, rules)

    monkeypatch.setattr(matcher_cache, "MIN_RULES", 1)
    monkeypatch.setattr(Matcher, "__init__", counting)
    return compiles


def _cached() -> set[Path]:
    return set(cache_dir().glob("matcher-*.pickle"))


def test_rules_compiled_once_are_loaded_after_with_the_same_matches(counted: list[int]) -> None:
    first = matcher_cache.compiled_matcher(RULES)
    assert counted == [len(RULES)]
    written = _cached()
    assert len(written) == 1
    assert os.stat(next(iter(written))).st_mode & 0o077 == 0  # this user's alone
    loaded = matcher_cache.compiled_matcher(RULES)
    assert counted == [len(RULES)]  # loaded, not compiled
    assert loaded is not first
    expected = [first.match(article) for article in ARTICLES]
    assert sum(map(len, expected)) >= 6  # the rules find things in these articles
    assert [loaded.match(article) for article in ARTICLES] == expected
    assert loaded.match_many(ARTICLES) == expected


def test_other_rules_or_a_damaged_or_foreign_file_compile_anew(counted: list[int]) -> None:
    matcher_cache.compiled_matcher(RULES)
    changed = [*RULES[:-1], Rule("zelensky", person="Volodymyr Zelensky")]  # one variant less
    matcher_cache.compiled_matcher(changed)
    assert len(counted) == 2
    path = matcher_cache._path(RULES)
    path.write_bytes(b"not a pickle")
    article = ARTICLES[0]
    assert matcher_cache.compiled_matcher(RULES).match(article)
    assert len(counted) == 3
    assert pickle.loads(path.read_bytes()).match(article)  # written again, whole
    # a file others may write is never loaded: a pickle runs what it says
    os.chmod(path, 0o666)
    matcher_cache.compiled_matcher(RULES)
    assert len(counted) == 4


def test_an_unwritable_cache_costs_only_the_next_compile(
    counted: list[int], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the cache directory should be")
    monkeypatch.setenv("MONITOR_CACHE_DIR", str(blocked / "cache"))
    for _ in range(2):
        assert matcher_cache.compiled_matcher(RULES).match(ARTICLES[0])
    assert len(counted) == 2


def test_small_rule_sets_are_not_cached(monkeypatch: pytest.MonkeyPatch) -> None:
    before = _cached()
    matcher_cache.compiled_matcher(RULES)  # fewer than MIN_RULES
    assert _cached() == before


@pytest.mark.parametrize("engine", ["aho-corasick", "aho-corasick-nfa", "hyperscan"])
def test_a_scanner_pickles_as_its_keys_and_engine(engine: str) -> None:
    if engine == "hyperscan" and hyperscan is None:
        pytest.skip("no hyperscan wheel on this platform")
    keys = [b"ab", b"b", "жé".encode(), b"ab ab"]
    scanner = LiteralScanner(keys, engine=engine)
    again = pickle.loads(pickle.dumps(scanner))
    assert again.engine == engine
    data = "xab ab жé b".encode()
    assert sorted(again.scan(data)) == sorted(scanner.scan(data)) != []
