"""Soak: the daemon for many scheduled cycles against a site that publishes at random and fails
at random; memory must stay flat, every story must alert once.

    python bench/soak.py [--cycles 200]

The loopback site publishes a story at random (about one cycle in three), and answers at random
with a 500, a timeout, a dropped connection or a robots.txt outage (5xx). `monitor run` crawls
it every second (each crawl a child process) and delivers to a loopback webhook receiver. The
daemon's memory (RSS) is sampled every cycle. At the end publishing stops, the daemon gets time
to catch up, and is stopped with SIGTERM.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from monitor.demo.receivers import WebhookSink  # noqa: E402
from monitor.demo.site import NewsSite, Page, SiteServer  # noqa: E402

WORDS = "parliament minister court border election protest reform budget energy treaty".split()


def story(i: int, rng: random.Random) -> dict[str, object]:
    body = [f"The Euronest delegation discussed item {i}."] + [
        " ".join(rng.choice(WORDS) for _ in range(30)).capitalize() + f" ({i}.{k})"
        for k in range(4)
    ]
    return {
        "slug": f"story-{i}",
        "round": i,
        "date": f"2026-11-{1 + i % 28:02d}T10:00:00Z",
        "section": "EU",
        "author": "Desk",
        "title": f"Story {i}",
        "body": body,
        "comments": [],
    }


def rss_kb(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def crawl_server_pid(daemon: int) -> int | None:
    """The daemon's crawl server (monitor.crawl_server): the child `ps` calls so."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == daemon and cmdline.startswith(
            b"monitor: crawl server"
        ):
            return int(entry.name)
    return None


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cycles", type=int, default=200)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    stories = [story(i, rng) for i in range(1, args.cycles + 1)]
    site = NewsSite(stories, round=0)
    faults: Counter[str] = Counter()
    lock = threading.Lock()

    def misbehave(path: str) -> Page | None:
        with lock:
            roll = rng.random()
        if path == "/robots.txt" and roll < 0.05:
            faults["robots.txt 503"] += 1
            return Page(503, "text/plain", b"robots outage")
        if roll < 0.04:
            faults["500"] += 1
            return Page(500, "text/plain", b"oops")
        if roll < 0.06:
            faults["dropped connection"] += 1
            return Page(0, "", b"")
        if roll < 0.07:
            faults["timeout"] += 1
            threading.Event().wait(3.5)  # longer than the crawl's 2 s timeout
        return None

    site.on_request = misbehave
    with SiteServer(site) as server, WebhookSink() as hook, tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "monitor.toml"
        config.write_text(
            'database = "soak.db"\n[crawl]\ndownload_delay = 0\ntimeout = 2\ncrawl_timeout = 60\n'
            f'[[source]]\nname = "site"\nfeeds = ["{server.url}/rss.xml"]\nsitemaps = ["{server.url}/sitemap-news.xml"]\nevery = "1s"\n'
            f'[[rule]]\nname = "euronest"\nquery = "Euronest"\n'
            f'[[channel]]\nname = "hook"\ntype = "webhook"\nurl = "{hook.url}"\n'
        )
        daemon = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "monitor",
                "run",
                "--config",
                str(config),
                "--log-level",
                "WARNING",
            ],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        samples: list[tuple[float, int]] = []  # (seconds since start, RSS kB)
        server_samples: list[int] = []  # the crawl server's RSS kB
        crawl_server: int | None = None
        published = 0
        started = time.monotonic()
        cycles_seen = 0
        last_feed_hits = 0
        while cycles_seen < args.cycles:
            time.sleep(0.5)
            samples.append((time.monotonic() - started, rss_kb(daemon.pid)))
            crawl_server = crawl_server or crawl_server_pid(daemon.pid)
            if crawl_server is not None:
                with contextlib.suppress(OSError):
                    server_samples.append(rss_kb(crawl_server))
            feed_hits = site.hits["/rss.xml"]
            if feed_hits != last_feed_hits:  # a new crawl cycle reached the site
                cycles_seen += feed_hits - last_feed_hits
                last_feed_hits = feed_hits
                if rng.random() < 0.35 and published < len(stories):
                    published += 1
                    site.round = published
        site.on_request = None  # the site heals; give the daemon time to catch up
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            alerted = {h.payload["data"]["article"]["url"] for h in hook.received}
            if len(alerted) >= published:
                break
            time.sleep(1)
        daemon.send_signal(signal.SIGTERM)
        daemon.wait(timeout=60)
        ids = Counter(h.headers["webhook-id"] for h in hook.received)
        alerted = {h.payload["data"]["article"]["url"] for h in hook.received}
        minutes = (time.monotonic() - started) / 60
        print(
            f"{cycles_seen} scheduled crawls in {minutes:.1f} min; faults injected: {dict(faults)}"
        )
        warm = [kb for at, kb in samples if at >= 90] or [
            kb for _, kb in samples
        ]  # after imports settle
        print(
            f"daemon memory (RSS): at start {samples[0][1] / 1024:.1f} MB, after warm-up (90 s) "
            f"{warm[0] / 1024:.1f} MB, peak since {max(warm) / 1024:.1f} MB, final {warm[-1] / 1024:.1f} MB"
        )
        if server_samples:
            print(
                f"crawl server memory (RSS): first {server_samples[0] / 1024:.1f} MB, "
                f"peak {max(server_samples) / 1024:.1f} MB, final {server_samples[-1] / 1024:.1f} MB"
            )
        print(
            f"stories published {published}, alerted {len(alerted)}, duplicates {sum(n - 1 for n in ids.values())}"
        )
        print(f"daemon exit status after SIGTERM: {daemon.returncode}")
        os.sync()


if __name__ == "__main__":
    main()
