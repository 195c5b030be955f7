"""What `reread` costs a site and the monitor: a pass that reads stored stories again at their
age, beside a pass with nothing due, in the same run.

    python bench/reread.py [--stories 50]

A loopback news site of N young stories (N at most 50: a pass reads no more again) is crawled
once; the archive is then made an hour and a half older, and `monitor crawl` with `reread = ["1h"]`
reads every story again: once from a server that sends each page whole (its text unchanged),
once from one that answers `If-Modified-Since` with 304. Printed: requests, bytes and seconds
per pass and per story read again, and each pass's time against the pass with nothing due.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.recrawl import articles, crawl  # noqa: E402
from monitor.demo.site import NewsSite, Page, SiteServer  # noqa: E402


def make_older(database: Path, hours: float) -> None:
    """Every stored story published, first and last read `hours` ago."""
    then = (datetime.now(UTC) - timedelta(hours=hours)).isoformat(timespec="seconds")
    with sqlite3.connect(database) as conn:
        conn.execute(
            "UPDATE articles SET published = ?, fetched_at = ?, updated_at = ?, checked_at = ?",
            (then,) * 4,
        )


def measure(site: NewsSite, config: Path) -> tuple[int, int, float]:
    hits, sent = sum(site.hits.values()), site.bytes_served
    seconds = crawl(config)
    return sum(site.hits.values()) - hits, site.bytes_served - sent, seconds


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--stories", type=int, default=50)
    args = parser.parse_args()
    import random

    n = min(args.stories, 50)
    pool = articles(n, 1, 0, random.Random(1))
    young = datetime.now(UTC) - timedelta(hours=2)
    for i, story in enumerate(pool):
        story["date"] = (young - timedelta(minutes=i)).strftime("%Y-%m-%dT%H:%M:%SZ")
    site = NewsSite(pool)
    site.extra["/robots.txt"] = Page(404, "text/plain", b"none")
    with SiteServer(site) as server, tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "monitor.toml"
        config.write_text(
            'database = "archive.db"\n[crawl]\ndownload_delay = 0\nreread = ["1h"]\n'
            f'[[source]]\nname = "site"\nsitemaps = ["{server.url}/sitemap-news.xml"]\n'
        )
        database = Path(tmp) / "archive.db"
        crawl(config)
        nothing = measure(site, config)  # read just now: nothing due
        make_older(database, 1.5)
        whole = measure(site, config)
        make_older(database, 1.5)
        site.on_request = lambda path: Page(304, "text/html", b"") if "/news/" in path else None
        unchanged = measure(site, config)
        site.on_request = None
        nothing_again = measure(site, config)
    base = min(nothing[2], nothing_again[2])
    print(
        f"{n} stored stories, each due to be read again (reread = ['1h'], an hour and a half old)\n"
    )
    print(f"{'pass':<34} {'requests':>8} {'KB':>8} {'s':>6} {'ms/story':>9} {'vs nothing due':>15}")
    for label, (requests, sent, seconds) in (
        ("nothing due (best of two)", (nothing[0], nothing[1], base)),
        ("every story sent whole, unchanged", whole),
        ("every story answered 304", unchanged),
    ):
        per = "" if label.startswith("nothing") else f"{(seconds - base) * 1000 / n:>9.1f}"
        print(
            f"{label:<34} {requests:>8} {sent / 1e3:>8.1f} {seconds:>6.2f} {per:>9} "
            f"{seconds / base:>14.2f}x"
        )
    print(
        "\none request a story read again, plus robots.txt and the listing; a 304 saves the "
        "page's bytes and its extraction"
    )


if __name__ == "__main__":
    main()
