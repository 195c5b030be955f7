"""Re-crawl efficiency: requests and bytes per new article once a site is known, beside a naive
full re-crawl, in the same run.

    python bench/recrawl.py [--articles 2000] [--rounds 3] [--per-round 20]

A loopback news site of N articles (RSS of the latest 15, a news sitemap of all) is crawled
once; then it publishes new articles in rounds, and each round is crawled twice: by
`monitor crawl` on the archive (what the daemon does), and naively with an empty archive.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from monitor.demo.site import NewsSite, SiteServer  # noqa: E402

WORDS = (
    "parliament minister court border election protest reform budget energy pipeline treaty "
    "delegation assembly journalist opposition ceasefire refugees sanctions summit mandate"
).split()


def articles(n: int, first_round: int, start: int, rng: random.Random) -> list[dict[str, object]]:
    out = []
    for i in range(start, start + n):
        body = [" ".join(rng.choice(WORDS) for _ in range(40)).capitalize() + "." for _ in range(5)]
        out.append(
            {
                "slug": f"story-{i}",
                "round": first_round,
                "date": f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}T10:{i % 60:02d}:00Z",
                "section": "EU",
                "author": "Desk",
                "title": f"Story {i}: {rng.choice(WORDS)} {rng.choice(WORDS)}",
                "body": body,
                "comments": [],
            }
        )
    return out


def crawl(config: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "monitor", "crawl", "--config", str(config)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=3600,
    )
    return time.perf_counter() - started


def config_for(directory: Path, url: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "monitor.toml"
    path.write_text(
        'database = "archive.db"\n[crawl]\ndownload_delay = 0\nmax_articles = 100000\n'
        f'[[source]]\nname = "site"\nfeeds = ["{url}/rss.xml"]\nsitemaps = ["{url}/sitemap-news.xml"]\n'
    )
    return path


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--per-round", type=int, default=20)
    args = parser.parse_args()
    rng = random.Random(1)
    pool = articles(args.articles, 1, 0, rng)
    for r in range(args.rounds):
        pool += articles(args.per_round, r + 2, args.articles + r * args.per_round, rng)
    site = NewsSite(pool, round=1)
    with SiteServer(site) as server, tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        config = config_for(work / "daemon", server.url)
        seconds = crawl(config)
        print(
            f"initial crawl: {args.articles} articles, {sum(site.hits.values())} requests, "
            f"{site.bytes_served / 1e6:.1f} MB, {seconds:.1f}s\n"
        )
        print(
            f"{'round':>5} {'new':>4} {'requests':>9} {'req/new':>8} {'KB/new':>8}   {'naive req/new':>13} {'naive KB/new':>12}  {'ratio (bytes)':>13}"
        )
        for r in range(args.rounds):
            site.round = r + 2
            before_hits, before_bytes = sum(site.hits.values()), site.bytes_served
            crawl(config)
            hits, sent = sum(site.hits.values()) - before_hits, site.bytes_served - before_bytes
            before_hits, before_bytes = sum(site.hits.values()), site.bytes_served
            crawl(config_for(work / f"naive-{r}", server.url))  # an empty archive: fetch everything
            naive_hits, naive_sent = (
                sum(site.hits.values()) - before_hits,
                site.bytes_served - before_bytes,
            )
            n = args.per_round
            print(
                f"{r + 1:>5} {n:>4} {hits:>9} {hits / n:>8.2f} {sent / n / 1e3:>8.1f}   "
                f"{naive_hits / n:>13.1f} {naive_sent / n / 1e3:>12.1f}  {naive_sent / max(sent, 1):>12.0f}x"
            )
        print(
            "\nsteady state: one request per new article plus robots.txt, the feed and the sitemap"
        )


if __name__ == "__main__":
    main()
