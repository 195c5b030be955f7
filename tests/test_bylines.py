"""Headlines lose the site's name; bylines keep the people only."""

import pytest

from monitor.bylines import clean_authors, headline


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("By Jane Roe, Senior Correspondent and John Doe | Reuters", "Jane Roe; John Doe"),
        ("von Anna Petrosyan", "Anna Petrosyan"),
        ("Автор: Хадиджа Исмаилова", "Хадиджа Исмаилова"),
        ("Roe, Jane", "Roe, Jane"),
        ("Jane Roe; Jane Roe", "Jane Roe"),
        ("Username", None),
        ("Guardian staff reporter", None),
        ("", None),
    ],
)
def test_bylines_are_cleaned(raw: str, expected: str | None) -> None:
    assert clean_authors(raw) == expected


def test_the_site_name_after_a_headline_goes() -> None:
    shown = "Court extends detention of reporters"
    assert headline(f"{shown} – Example News – 30.01.2024", [shown], None) == shown
    assert headline(f"{shown} | Example News", [], "Example News") == shown
    assert headline(shown, [shown], "Example News") == shown
    assert headline("Example News", [], "Example News") == "Example News"
