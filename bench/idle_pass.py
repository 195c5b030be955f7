"""What one scheduled pass that finds nothing new costs `monitor run`: forked from the crawl
server (monitor.crawl_server) beside a new interpreter, in the same run.

    python bench/idle_pass.py              # 10 passes of each
    python bench/idle_pass.py --passes 30

Most of a daemon's passes find nothing: the feed answers 304 and the sitemap's stories are
all stored. A loopback demo site is crawled once to fill the archive, then passes of both kinds
alternate; printed: CPU seconds and wall seconds per pass (the crawl process alone: with
nothing new no extractor starts), the server's one-time import cost and its memory.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from monitor.crawl_server import PRELOAD, context, crawl_args, run_cli  # noqa: E402
from monitor.demo.site import NewsSite, SiteServer, load_demo_articles  # noqa: E402
from monitor.scheduling import crawl_command  # noqa: E402


def timed_cli(args: list[str], report: str) -> None:
    """run_cli, then this process's CPU time (a forked child's count starts at the fork)."""
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - the pass's summary lines
    try:
        run_cli(args, "monitor: bench pass")
    finally:
        times = os.times()
        Path(report).write_text(f"{times.user + times.system}")


def forked_pass(args: list[str], report: Path) -> tuple[float, float]:
    started = time.perf_counter()
    process = context().Process(target=timed_cli, args=(args, str(report)))
    process.start()
    process.join()
    if process.exitcode != 0:
        sys.exit(f"forked crawl failed: exit status {process.exitcode}")
    return float(report.read_text()), time.perf_counter() - started


def new_interpreter_pass(command: list[str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return cpu, time.perf_counter() - started


def preload_cpu() -> float:
    probe = (
        "import time; t = time.process_time()\n"
        f"for name in {PRELOAD!r}: __import__(name)\n"
        "print(time.process_time() - t)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], check=True, cwd=ROOT, capture_output=True, text=True
    )
    return float(done.stdout)


def server_memory_mb() -> tuple[float, float]:
    """RSS and PSS of the crawl server (what the crawls share counts once in PSS)."""
    import multiprocessing.forkserver as forkserver

    pid = forkserver._forkserver._forkserver_pid  # type: ignore[attr-defined]
    values = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("Rss", "Pss"):
            values[key] = int(rest.split()[0]) / 1e3
    return values["Rss"], values["Pss"]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--passes", type=int, default=10)
    options = parser.parse_args()
    with SiteServer(NewsSite(load_demo_articles())) as site, tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "monitor.toml"
        config.write_text(
            'database = "archive.db"\n[crawl]\ndownload_delay = 0\n'
            f'[[source]]\nname = "site"\nfeeds = ["{site.url}/rss.xml"]\n'
            f'sitemaps = ["{site.url}/sitemap-news.xml"]\nevery = "5m"\n'
            '[[rule]]\nname = "euronest"\nquery = \'Euronest OR "Eastern Partnership"\'\n'
        )
        command = crawl_command(str(config), "site", log_level="WARNING")
        args = crawl_args(str(config), "site", log_level="WARNING")
        new_interpreter_pass(command)  # the first pass stores every story
        report = Path(tmp) / "cpu"
        forked_pass(args, report)  # starts the server: its imports are not a pass's
        forked, fresh = [], []
        for _ in range(options.passes):
            fresh.append(new_interpreter_pass(command))
            forked.append(forked_pass(args, report))
        rss, pss = server_memory_mb()
    print(f"{options.passes} passes each that find nothing new (a 304 feed, a stored sitemap)\n")
    print(f"{'pass':<34} {'CPU s':>7} {'wall s':>7}")
    for label, runs in (
        ("new interpreter (before)", fresh),
        ("forked from the crawl server", forked),
    ):
        cpu = statistics.median(r[0] for r in runs)
        wall = statistics.median(r[1] for r in runs)
        print(f"{label:<34} {cpu:>7.3f} {wall:>7.3f}")
    ratio = statistics.median(r[0] for r in fresh) / statistics.median(r[0] for r in forked)
    print(f"\nforked passes take {ratio:.1f}x less CPU (medians)")
    print(f"the server's imports, once per daemon: {preload_cpu():.2f} s CPU")
    print(f"the server's memory: RSS {rss:.0f} MB, PSS {pss:.0f} MB")


if __name__ == "__main__":
    main()
