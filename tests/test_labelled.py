"""Every labelled case: positives match, near-misses do not (see tests/labelled_cases.py)."""

from __future__ import annotations

import pytest

from alerts.rules import Matcher
from monitor.config import Rule
from monitor.models import Article
from tests.labelled_cases import CASES, Case


def matches(case: Case) -> bool:
    rule = Rule("r", **case.rule)  # type: ignore[arg-type]
    article = Article(
        url="https://e.org/x", title=case.title, text=case.text, language=case.language
    )
    return bool(Matcher([rule]).match(article))


@pytest.mark.parametrize(
    "case",
    CASES,
    ids=[f"{i}-{c.language}-{'pos' if c.expected else 'neg'}" for i, c in enumerate(CASES)],
)
def test_labelled_case(case: Case) -> None:
    assert matches(case) is case.expected, f"{case.rule} on {case.text!r}"


def test_the_set_is_large_and_balanced() -> None:
    assert len(CASES) >= 150
    for language in ("en", "ru", "az", "tr"):
        of_language = [c for c in CASES if c.language == language]
        assert any(c.expected for c in of_language) and any(not c.expected for c in of_language)
