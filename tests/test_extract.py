"""Extraction: article text without page furniture; metadata from real pages."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from monitor.demo.site import NewsSite, load_demo_articles
from monitor.extract import extract_article
from tests.conftest import run_monitor, shared_data


def test_demo_page_text_has_no_menu_comments_or_banner() -> None:
    """Comments, the cookie banner, menus, related stories and the footer are not article text."""
    site = NewsSite(load_demo_articles())
    article = load_demo_articles()[1]
    result = extract_article(
        site.article_page(article), "https://demo.invalid" + NewsSite.path_of(article)
    )
    assert result.article is not None
    text = result.article.text
    assert article["body"][0] in text and article["body"][-1] in text
    for furniture in (
        "Free them all!",
        "Accept all",
        "Most read",
        "Related stories",
        "Independent news from",
    ):
        assert furniture not in text
    assert result.article.title == article["title"]
    assert result.article.author == article["author"]
    assert result.article.published == "2026-10-03T11:15:00+00:00"
    assert result.article.language == "en"
    assert not text.startswith(article["title"])  # the headline is stored as the title only


def test_page_without_article_text_is_dropped_with_reason() -> None:
    site = NewsSite([])
    assert extract_article(site.home(), "https://demo.invalid/").reason == "no article text"
    assert extract_article("", "https://demo.invalid/x").reason == "empty page"


def test_language_is_detected_when_not_declared() -> None:
    body = "".join(
        f"<p>{s}</p>"
        for s in [
            "Журналист Хадиджа Исмаилова заявила, что давление на независимые СМИ в стране усилилось.",
            "По её словам, за последний год были задержаны десятки репортёров и правозащитников.",
            "Правозащитные организации призвали власти немедленно освободить всех задержанных.",
        ]
    )
    html = f"<html><head><title>Новости</title></head><body><article>{body}</article></body></html>"
    result = extract_article(html, "https://demo.invalid/ru")
    assert result.article is not None and result.article.language == "ru"


READABILITY_PAGES = [
    "aktualne",
    "bbc-1",
    "guardian-1",
    "lemonde-1",
    "nytimes-1",
    "telegraph",
    "wapo-1",
]


@pytest.mark.parametrize("name", READABILITY_PAGES)
def test_real_pages_metadata_against_their_expected_values(name: str) -> None:
    """`monitor extract --json` on real pages from mozilla/readability's fixtures (../shared/data)."""
    folder = shared_data("real-pages", "html", "readability")
    expected = json.loads((folder / f"{name}.expected-metadata.json").read_text())
    done = run_monitor("extract", "--json", str(folder / f"{name}.source.html"))
    got = json.loads(done.stdout)
    assert set(got) >= {"file", "title", "author", "published", "language", "text"}
    assert len(got["text"]) > 1000
    assert " ".join(got["title"].split())[:40] == " ".join(expected["title"].split())[:40]
    if expected.get("lang") not in (None, "None"):
        assert got["language"] == expected["lang"].split("-")[0]
    if expected.get("publishedTime") not in (None, "None"):
        want = datetime.fromisoformat(expected["publishedTime"].replace("Z", "+00:00")).astimezone(
            UTC
        )
        assert got["published"][:10] == want.date().isoformat()


def test_extract_human_output(tmp_path: Path) -> None:
    site = NewsSite(load_demo_articles())
    page = tmp_path / "page.html"
    page.write_text(site.article_page(load_demo_articles()[0]), encoding="utf-8")
    done = run_monitor("extract", str(page))
    assert "title: Euronest assembly convenes in Yerevan" in done.stdout
    assert "author: Anna Petrosyan" in done.stdout
