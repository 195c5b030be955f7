"""Pages found not to be articles (listings, stubs, 404s) are not read again every pass."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path

from monitor.archive import Store
from monitor.demo.site import NewsSite, Page, SiteServer, load_demo_articles
from monitor.models import LISTING, iso
from monitor.recheck import LONGEST_DELAY, due, listed_since, recheck_delay
from tests.conftest import read_monitor, run_monitor
from tests.test_crawl import SITEMAP_NS, db_rows, one_source

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
STUB = b"<html><body><h1>Developing story</h1><p>More soon.</p></body></html>"


def test_the_same_verdict_waits_longer_each_time_up_to_a_month() -> None:
    delays = [recheck_delay("no article text", n) for n in range(1, 9)]
    assert delays[0] == timedelta(hours=1) and delays[1] == timedelta(hours=4)
    assert all(a < b for a, b in pairwise(delays[:6]))
    assert delays[-1] == LONGEST_DELAY
    # a listing does not turn into a story: it starts at a day
    assert recheck_delay(LISTING, 1) == timedelta(days=1)
    assert recheck_delay("HTTP 404", 1) == timedelta(hours=1)


def test_a_page_listed_after_it_was_read_is_due_again() -> None:
    seen = "2026-11-28T10:00:00+00:00"
    assert listed_since("2026-11-28T11:00:00Z", seen, before=NOW)
    assert listed_since("2026-11-28T12:30:00+02:00", seen, before=NOW)  # 10:30 UTC
    assert not listed_since("2026-11-28T11:30:00+02:00", seen, before=NOW)  # 09:30 UTC
    assert not listed_since("2026-11-28", seen, before=NOW)  # today, as a day: not after the read
    assert listed_since("2026-11-28", "2026-11-27T22:00:00Z", before=NOW)
    assert not listed_since(None, seen, before=NOW)
    assert not listed_since("not a date", seen, before=NOW)
    # a sitemap written on request, every lastmod "now": not the page's own time
    assert not listed_since(iso(NOW), seen, before=NOW)
    assert not listed_since("2026-11-28T12:00:05Z", seen, before=NOW)
    assert due("2026-11-28T12:00:00+00:00", NOW) and not due("2026-11-28T12:00:01+00:00", NOW)


def test_verdicts_grow_start_over_and_are_forgotten(tmp_path: Path) -> None:
    with Store(tmp_path / "a.db") as store:
        store.save_verdicts({"https://e.org/tag/x": LISTING}, now=NOW)
        store.save_verdicts({"https://e.org/tag/x": LISTING}, now=NOW + timedelta(days=2))
        verdict = store.verdict("https://e.org/tag/x")
        assert verdict is not None and verdict.attempts == 2
        assert verdict.recheck_after == iso(NOW + timedelta(days=2 + 4))
        # another verdict starts over: a listing that now answers 404
        store.save_verdicts({"https://e.org/tag/x": "HTTP 404"}, now=NOW + timedelta(days=7))
        verdict = store.verdict("https://e.org/tag/x")
        assert verdict is not None and (verdict.reason, verdict.attempts) == ("HTTP 404", 1)
        assert store.verdict("https://e.org/other") is None
        # long past its recheck and not read since: forgotten at the next save
        store.save_verdicts({"https://e.org/y": "no article text"}, now=NOW + timedelta(days=90))
        assert store.verdict("https://e.org/tag/x") is None
        assert store.verdict("https://e.org/y") is not None


def sitemap(entries: list[tuple[str, str | None]]) -> Page:
    items = "".join(
        f"<url><loc>{loc}</loc>{f'<lastmod>{lastmod}</lastmod>' if lastmod else ''}</url>"
        for loc, lastmod in entries
    )
    return Page(200, "text/xml", f'<urlset xmlns="{SITEMAP_NS}">{items}</urlset>'.encode())


def test_listings_stubs_and_dead_links_are_not_fetched_again_until_due(tmp_path: Path) -> None:
    """A sitemap listing a section page, a stub, a dead link and four stories: the first pass
    reads them all and stores the stories; the next reads none of the others again (and counts
    no failure for the dead link), unless a lastmod says one changed since, or --recheck."""
    site = NewsSite(load_demo_articles()[:4])
    site.extra["/section/europe.html"] = Page(200, "text/html; charset=utf-8", site.home().encode())
    site.extra["/news/developing.html"] = Page(200, "text/html; charset=utf-8", STUB)
    others = ["/section/europe.html", "/news/developing.html", "/news/gone.html"]
    with SiteServer(site) as server:
        stories = [(server.url + NewsSite.path_of(a), None) for a in site.articles]
        site.extra["/sitemap.xml"] = sitemap([*((server.url + p, None) for p in others), *stories])
        config = one_source(tmp_path, f'sitemaps = ["{server.url}/sitemap.xml"]')
        first = run_monitor("crawl", "--config", str(config))
        assert "4 new" in first.stdout and "HTTP 404" in first.stdout, first.stdout
        assert all(site.hits[p] == 1 for p in others), site.hits
        with sqlite3.connect(config.parent / "data" / "archive.db") as db:
            reasons = dict(db.execute("SELECT url, reason FROM page_verdicts").fetchall())
        assert reasons == {
            server.url + "/section/europe.html": LISTING,
            server.url + "/news/developing.html": "no article text",
            server.url + "/news/gone.html": "HTTP 404",
        }

        second = run_monitor("crawl", "--config", str(config))
        assert "(4 already stored, 3 lately found not to be articles)" in second.stdout, (
            second.stdout
        )
        assert "  failed" not in second.stdout and "0 fetched" in second.stdout
        assert all(site.hits[p] == 1 for p in others), site.hits
        status = read_monitor("status", "--config", str(config)).stdout
        assert (
            "pages lately found not to be articles, read again when due: 3 (HTTP 404 1, "
            f"{LISTING} 1, no article text 1)"
        ) in status, status
        as_json = json.loads(read_monitor("status", "--config", str(config), "--json").stdout)
        assert as_json["not_articles_waiting"] == {
            "HTTP 404": 1,
            LISTING: 1,
            "no article text": 1,
        }

        # the stub's lastmod now says it changed after it was read: read again at once
        # (a second after the read: this pass's own start, or later, would be the sitemap's
        # time of writing, not the page's)
        (seen,) = db_rows(
            config, "SELECT last_seen FROM page_verdicts WHERE url LIKE '%developing%'"
        )
        later = iso(datetime.fromisoformat(seen[0]) + timedelta(seconds=1))
        site.extra["/sitemap.xml"] = sitemap(
            [
                *((server.url + p, later if "developing" in p else None) for p in others),
                *stories,
            ]
        )
        third = run_monitor("crawl", "--config", str(config))
        assert site.hits["/news/developing.html"] == 2, (
            later,
            db_rows(config, "SELECT * FROM page_verdicts"),
            third.stdout,
        )
        assert site.hits["/news/gone.html"] == 1

        forced = run_monitor("crawl", "--config", str(config), "--recheck")
        assert all(site.hits[p] >= 2 for p in others), (site.hits, forced.stdout)
    attempts = dict(db_rows(config, "SELECT url, attempts FROM page_verdicts"))
    assert attempts[server.url + "/news/gone.html"] == 2
    assert attempts[server.url + "/news/developing.html"] == 3


def test_pages_that_are_not_articles_do_not_fill_max_articles_pass_after_pass(
    tmp_path: Path,
) -> None:
    """A sitemap whose newest entries are tag pages, max_articles 2: the first pass spends
    its two on tag pages; without a memory of them every pass would, and the stories behind
    them would never be read."""
    site = NewsSite(load_demo_articles()[:4])
    tags = [f"/tag/{name}.html" for name in ("armenia", "georgia")]
    for path in tags:
        site.extra[path] = Page(200, "text/html; charset=utf-8", site.home().encode())
    with SiteServer(site) as server:
        entries = [(server.url + p, "2026-11-28T10:00:00Z") for p in tags] + [
            (server.url + NewsSite.path_of(a), "2026-11-01T10:00:00Z") for a in site.articles[:2]
        ]
        site.extra["/sitemap.xml"] = sitemap(entries)
        config = one_source(tmp_path, f'sitemaps = ["{server.url}/sitemap.xml"]', max_articles=2)
        first = run_monitor("crawl", "--config", str(config))
        second = run_monitor("crawl", "--config", str(config))
    assert "0 new" in first.stdout and LISTING in first.stdout, first.stdout
    assert "2 new" in second.stdout, second.stdout
    assert all(site.hits[p] == 1 for p in tags)
