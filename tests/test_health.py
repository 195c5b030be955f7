"""Source health: one admin alert when a source breaks, one when it recovers."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from monitor.archive import Store
from monitor.config import Source
from monitor.demo.receivers import WebhookSink
from monitor.demo.site import NewsSite, Page, SiteServer, load_demo_articles
from monitor.health import diagnose, record
from monitor.models import Article, CrawlStats
from tests.conftest import read_monitor, run_monitor


def test_a_broken_source_alerts_the_admin_once_and_once_more_when_it_recovers(
    tmp_path: Path, hook: WebhookSink
) -> None:
    site = NewsSite(load_demo_articles()[:3])
    site.extra["/rss.xml"] = Page(503, "text/plain", b"down for maintenance")
    with SiteServer(site) as server:
        config = tmp_path / "monitor.toml"
        config.write_text(
            f'database = "h.db"\nadmin = "ops"\n[crawl]\ndownload_delay = 0\ntimeout = 5\n'
            f'[[source]]\nname = "flaky"\nfeeds = ["{server.url}/rss.xml"]\n'
            f'[[channel]]\nname = "ops"\ntype = "webhook"\nurl = "{hook.url}"\n'
        )
        for _ in range(4):  # the 3rd failed crawl in a row breaks it; the 4th says nothing new
            run_monitor("crawl", "--config", str(config))
        assert [h.payload["data"]["article"]["title"] for h in hook.received] == [
            "source flaky broken"
        ]
        assert "3 failed crawls in a row" in hook.received[0].payload["data"]["snippet"]
        del site.extra["/rss.xml"]
        done = run_monitor("crawl", "--config", str(config))
        assert "3 new" in done.stdout
    titles = [h.payload["data"]["article"]["title"] for h in hook.received]
    assert titles == ["source flaky broken", "source flaky recovered"]
    status = read_monitor("status", "--config", str(config)).stdout
    assert "flaky" in status and " ok" in status


def test_status_before_the_first_crawl_lists_every_source_as_never_crawled(
    tmp_path: Path,
) -> None:
    """A new config, no archive yet: status answers (not an error) and creates nothing."""
    config = tmp_path / "monitor.toml"
    config.write_text(
        'database = "new.db"\n[[source]]\nname = "a"\nfeeds = ["https://e.org/rss.xml"]\n'
        'every = "30m"\n[[source]]\nname = "b"\nsite = "https://e.org/"\n'
    )
    out = read_monitor("status", "--config", str(config)).stdout
    assert "not yet" in out
    lines = [line for line in out.splitlines() if line.startswith(("a ", "b "))]
    assert len(lines) == 2 and all("never crawled" in line for line in lines), out
    assert not (tmp_path / "new.db").exists()


def test_blocked_extraction_failing_and_silent_sources_are_diagnosed(tmp_path: Path) -> None:
    source = Source("s", feeds=("https://e.org/rss.xml",))
    now = datetime(2026, 11, 26, 12, tzinfo=UTC)
    with Store(tmp_path / "a.db") as store:
        blocked = CrawlStats(pages=0)
        blocked.errors["article: HTTP 403"] += 2
        assert diagnose(store, source, blocked, now) == "blocked by the site (article: HTTP 403)"
        layout = CrawlStats(pages=10, new_articles=2)
        layout.dropped["no article text"] = 8
        assert (
            diagnose(store, source, layout, now)
            == "extraction failing: 8 of 10 pages without article text"
        )
        for i in range(6):  # one new article an hour, then nothing for a day
            fetched = (now - timedelta(hours=30 - i)).isoformat(timespec="seconds")
            store.save_article(
                Article(
                    f"https://e.org/{i}", "t", f"text {i} " * 50, source="s", fetched_at=fetched
                ),
                [],
                {},
                now=fetched,
            )
        silent = diagnose(store, source, CrawlStats(pages=0), now)
        assert silent is not None and silent.startswith("silent: no new article for 25 h")
        assert record(store, source, silent, None, now) == "broken"
        assert record(store, source, silent, None, now) is None
        assert record(store, source, None, None, now) == "recovered"


def test_status_check_exits_as_monitoring_plugins_expect(tmp_path: Path) -> None:
    """0 all well, 1 errors in a last crawl, 2 a failing source or one nothing crawls any more
    (its next crawl and the one after are past: the daemon is down or stuck)."""
    config = tmp_path / "monitor.toml"
    config.write_text(
        'database = "s.db"\n'
        '[[source]]\nname = "hourly"\nfeeds = ["https://e.org/a.xml"]\nevery = "1h"\n'
        '[[source]]\nname = "manual"\nfeeds = ["https://e.org/b.xml"]\n'
        '[[source]]\nname = "daily"\nfeeds = ["https://e.org/c.xml"]\ncron = "0 6 * * *"\n'
    )
    now = datetime.now(UTC)

    def crawled(source: str, ago: timedelta, errors: dict[str, int] | None = None) -> None:
        with Store(tmp_path / "s.db") as store:
            store.record_crawl(
                {
                    "source": source,
                    "started_at": (now - ago).isoformat(),
                    "finished_at": (now - ago).isoformat(),
                    "pages": 3,
                    "new_articles": 1,
                    "errors": json.dumps(errors or {}),
                    "outcome": "partial" if errors else "ok",
                }
            )

    crawled("hourly", timedelta(hours=3))  # due 2 h ago, and again 1 h ago: nothing crawls it
    crawled("manual", timedelta(days=30))  # on demand: never overdue
    crawled("daily", timedelta(hours=20))  # due within the next day
    done = read_monitor("status", "--check", "--config", str(config), check=False)
    assert done.returncode == 2, done.stderr
    assert "CRITICAL: hourly: overdue since" in done.stderr
    assert "(is `monitor run` running?)" in done.stderr
    assert "overdue since" in done.stdout and " UTC" in done.stdout
    crawled("hourly", timedelta(minutes=10), errors={"feed: HTTP 503": 1})
    done = read_monitor("status", "--check", "--json", "--config", str(config), check=False)
    assert done.returncode == 1 and "WARNING: hourly: errors in last run" in done.stderr
    assert {s["name"]: s["health"] for s in json.loads(done.stdout)["sources"]} == {
        "hourly": "errors in last run: feed: HTTP 503",
        "manual": "ok",
        "daily": "ok",
    }
    crawled("hourly", timedelta(minutes=5))
    done = read_monitor("status", "--check", "--config", str(config), check=False)
    assert done.returncode == 0 and done.stderr == ""
    crawled("daily", timedelta(hours=60))  # older than the newest: the newest counts
    assert read_monitor("status", "--check", "-c", str(config), check=False).returncode == 0
