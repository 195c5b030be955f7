"""The whole crawl path against extraction alone, same pages, same run.

    python bench/pipeline.py                  # 2,000 pages, 1,000 rules
    python bench/pipeline.py --pages 500      # a quicker look

Loopback sites serve the article-extraction-benchmark's real pages, repeated under distinct
addresses and listed in sitemaps: eight sites on eight loopback hosts (127.0.0.11 to .18), as
a newsroom watches many sources, since one site alone is fetched one polite request at a time.
Measured, in this order:

1. extraction alone: `extract_article` on every page, one process, the HTML already decoded
   (measured before and after the crawls; ratios are against the faster of the two, and each
   crawl below is also the fastest of `--repeat` runs, 2 by default);
2. `monitor crawl` of the eight sources: fetch (one request at a time per host), decode,
   extract in worker processes, store, match the rules, queue alerts;
3. the same crawl limited to one core (the crawler and its workers pinned to CPU 0).

Pages/s counts pages stored or recognised as copies, over the wall time of the crawl command
(start-up included); peak memory is the crawler's and its workers' together (proportional set
size: what the workers share with their fork server counts once). The site server
runs in this process (it is the internet here): for the one-core crawl its threads are moved to
the other cores, so that its work is not charged to the monitor.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.extraction import BENCHMARK  # noqa: E402
from bench.match import make_rules  # noqa: E402
from monitor.demo.site import NewsSite, Page, SiteServer  # noqa: E402
from monitor.extract import extract_article, warm_up  # noqa: E402
from monitor.models import Article  # noqa: E402


def benchmark_pages() -> list[bytes]:
    truth = json.loads((BENCHMARK / "ground-truth.json").read_text(encoding="utf-8"))
    return [
        gzip.decompress((BENCHMARK / "html" / f"{doc_id}.html.gz").read_bytes())
        for doc_id in sorted(truth)
    ]


HOSTS = [f"127.0.0.{i}" for i in range(11, 19)]


def build_sites(pages: list[bytes], count: int) -> list[tuple[NewsSite, list[str]]]:
    """Page i goes to site i % len(HOSTS), at /p/i.html."""
    sites: list[tuple[NewsSite, list[str]]] = [(NewsSite([]), []) for _ in HOSTS]
    for i in range(count):
        site, paths = sites[i % len(HOSTS)]
        path = f"/p/{i:05d}.html"
        site.extra[path] = Page(200, "text/html; charset=utf-8", pages[i % len(pages)])
        paths.append(path)
    return sites


def sitemap(base: str, paths: list[str]) -> bytes:
    urls = "".join(f"<url><loc>{base}{p}</loc></url>" for p in paths)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    ).encode()


def rules_toml(count: int, pages: list[bytes]) -> str:
    texts = [
        Article(f"https://x/{i}", None, p.decode("utf-8", "replace")) for i, p in enumerate(pages)
    ]
    out = []
    for rule in make_rules(count, texts):
        key, value = ("person", rule.person) if rule.person else ("query", rule.query)
        out.append(f"[[rule]]\nname = {json.dumps(rule.name)}\n{key} = '{value}'\n")
    return "\n".join(out)


def extraction_alone(pages: list[bytes], count: int) -> float:
    warm_up()
    texts = [p.decode("utf-8", "replace") for p in pages]
    started = time.perf_counter()
    for i in range(count):
        extract_article(texts[i % len(texts)], f"https://bench.invalid/p/{i}.html")
    return count / (time.perf_counter() - started)


def tree_pss_mb(root: int) -> float:
    """Memory of a process and all its descendants, as proportional set size: pages the workers
    share with their fork server count once, not once per process as RSS would."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += _pss_kb(pid)
        todo.extend(children.get(pid, []))
    return total / 1e3


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def pin_threads(cpus: set[int]) -> None:
    """Every thread of this process (the site servers' too) onto these CPUs: on Linux an
    affinity is a thread's own, and new threads take their creator's."""
    for task in os.listdir("/proc/self/task"):
        with contextlib.suppress(OSError):  # a request's thread that has just ended
            os.sched_setaffinity(int(task), cpus)


def crawl(config: Path, *, one_core: bool) -> tuple[float, float]:
    """(seconds, peak MB) of `monitor crawl`.

    Limited to one core, the crawler and its workers run on CPU 0 and the site servers (the
    internet here) on the others: left free, a loopback server's thread is woken on the CPU of
    the process that wrote to its socket, and its work would be charged to the monitor."""
    everywhere = os.sched_getaffinity(0)
    preexec = (lambda: os.sched_setaffinity(0, {0})) if one_core else None
    if one_core and len(everywhere) > 1:
        pin_threads(everywhere - {0})
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "monitor", "crawl", "--config", str(config)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=preexec,
    )
    peak = 0.0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_pss_mb(process.pid))
            time.sleep(0.5)  # a sample reads every /proc/*/stat: 3 ms of the CPU measured

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate(timeout=3600)
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    pin_threads(everywhere)
    if process.returncode != 0:
        sys.exit(f"monitor crawl failed: {stderr.decode()[-2000:]}")
    return seconds, peak


def stored(database: Path) -> int:
    with sqlite3.connect(database) as conn:
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        aliases = conn.execute("SELECT count(*) FROM url_aliases").fetchone()[0]
    return int(articles) + int(aliases)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--rules", type=int, default=1000)
    parser.add_argument(
        "--repeat", type=int, default=2, help="runs of each crawl; the fastest is shown"
    )
    args = parser.parse_args()
    if not BENCHMARK.exists():
        sys.exit(f"{BENCHMARK} not found: this benchmark needs ../shared/data beside the checkout")
    pages = benchmark_pages()
    sites = build_sites(pages, args.pages)
    cores = len(os.sched_getaffinity(0))
    print(
        f"{args.pages} pages ({len(pages)} real pages repeated) on {len(HOSTS)} loopback hosts, "
        f"{args.rules} rules, {cores} cores\n"
    )
    # extraction alone before and after the crawls: this machine's speed drifts by several
    # per cent over a minute, and the ratios are against the faster of the two (conservative)
    first = extraction_alone(pages, args.pages)
    crawls: list[tuple[str, int, float, float]] = []
    with ExitStack() as stack:
        tmp = stack.enter_context(tempfile.TemporaryDirectory())
        sources = []
        for n, ((site, paths), host) in enumerate(zip(sites, HOSTS, strict=True)):
            server = stack.enter_context(SiteServer(site, host=host))
            site.extra["/sitemap.xml"] = Page(200, "application/xml", sitemap(server.url, paths))
            sources.append(f'[[source]]\nname = "s{n}"\nsitemaps = ["{server.url}/sitemap.xml"]\n')
        rules = rules_toml(args.rules, pages)
        for label, one_core in (
            (f"monitor crawl ({cores} cores)", False),
            ("monitor crawl (one core)", True),
        ):
            runs = []
            for run in range(args.repeat):  # each on an empty archive: every page is new
                database = Path(tmp) / f"{'one' if one_core else 'all'}-{run}.db"
                config = Path(tmp) / "bench.toml"
                config.write_text(
                    f'database = "{database}"\n'
                    "[crawl]\ndownload_delay = 0\nautothrottle = false\n"
                    f"max_articles = {args.pages + 10}\ntimeout = 60\n"
                    + "\n".join(sources)
                    + f"\n{rules}"
                )
                seconds, peak = crawl(config, one_core=one_core)
                runs.append((label, stored(database), seconds, peak))
            crawls.append(min(runs, key=lambda r: r[2]))
    second = extraction_alone(pages, args.pages)
    alone = max(first, second)
    print(f"{'path':<42} {'pages':>6} {'seconds':>8} {'pages/s':>8} {'ratio':>6} {'peak MB':>8}")
    for label, rate in (("extraction alone, before", first), ("extraction alone, after", second)):
        print(
            f"{label + ' (one process)':<42} {args.pages:>6} {args.pages / rate:>8.1f} "
            f"{rate:>8.1f} {rate / alone:>6.2f} {'':>8}"
        )
    for label, done, seconds, peak in crawls:
        rate = done / seconds
        print(
            f"{label:<42} {done:>6} {seconds:>8.1f} {rate:>8.1f} {rate / alone:>6.2f} {peak:>8.0f}"
        )
    print("\ngoal: >= 1.5x extraction alone on 2 cores, >= 0.9x on one core")


if __name__ == "__main__":
    main()
