"""`monitor run`'s schedule, asserted on the jobs and triggers (no sleeping)."""

from __future__ import annotations

import contextlib
import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from monitor.config import load_config
from monitor.crawl_server import PRELOAD, crawl_args
from monitor.demo.site import SiteServer
from monitor.scheduling import build_scheduler, crawl_command
from tests.conftest import ROOT

CONFIG = """
[[source]]
name = "fast"
feeds = ["https://e.org/rss.xml"]
every = "45s"
[[source]]
name = "cron"
feeds = ["https://e.org/rss.xml"]
cron = "*/30 6-23 * * *"
timezone = "Asia/Baku"
[[source]]
name = "manual"
feeds = ["https://e.org/rss.xml"]
"""


def test_one_coalesced_single_instance_job_per_scheduled_source(tmp_path: Path) -> None:
    path = tmp_path / "monitor.toml"
    path.write_text(CONFIG)
    scheduler = build_scheduler(load_config(path))
    jobs = {job.id: job for job in scheduler.get_jobs()}
    assert set(jobs) == {"crawl:fast", "crawl:cron", "deliver"}
    fast, cron = jobs["crawl:fast"], jobs["crawl:cron"]
    assert isinstance(fast.trigger, IntervalTrigger) and fast.trigger.interval.total_seconds() == 45
    assert isinstance(cron.trigger, CronTrigger) and str(cron.trigger.timezone) == "Asia/Baku"
    for job in (fast, cron):
        assert job.coalesce is True and job.max_instances == 1
    assert fast.args == ("fast",) and fast.func.__self__.config_path == str(path)


def test_each_crawl_runs_in_a_child_python_process() -> None:
    command = crawl_command("/etc/monitor.toml", "oc-media")
    assert command[1:4] == ["-m", "monitor", "crawl"]
    assert command[command.index("--source") + 1] == "oc-media"
    assert "--lazy-workers" in command  # a pass that finds nothing loads no extractor
    assert command[3:] == crawl_args("/etc/monitor.toml", "oc-media")  # forked: the same crawl


def test_the_crawl_server_preloads_no_reactor_thread_or_event_loop() -> None:
    """What the server imports, each crawl forked from it has: a reactor installed there would
    be every crawl's, and the wrong one (Scrapy installs asyncio's); a thread would not survive
    the fork."""
    probe = (
        "import asyncio, sys, threading\n"
        "before = set(sys.modules)\n"
        f"for name in {PRELOAD!r}: __import__(name)\n"
        "loop = asyncio.get_event_loop_policy()._local._loop\n"
        "import os\n"
        "print(len(set(sys.modules) - before), 'twisted.internet.reactor' in sys.modules,"
        " threading.active_count(), len(os.listdir('/proc/self/task')), loop is None)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert done.returncode == 0, done.stderr
    loaded, reactor, threads, os_threads, no_loop = done.stdout.split()
    assert int(loaded) > 500  # Scrapy, Twisted, the matcher: what makes a new crawl slow
    # one thread, Python's or a library's (NumPy's OpenBLAS starts its own unless told not to)
    assert (reactor, threads, os_threads, no_loop) == ("False", "1", "1", "True")


def record_starts(runner: Any) -> list[object]:
    """The children a CrawlRunner starts, in order (forked crawls or new interpreters)."""
    started: list[object] = []
    start = runner._start

    def recording(source: str) -> object:
        started.append(start(source))
        return started[-1]

    runner._start = recording
    return started


def site_only_config(tmp_path: Path, feed: str, timeout: int = 5) -> Path:
    path = tmp_path / "monitor.toml"
    path.write_text(
        f'database = "archive.db"\n[crawl]\ndownload_delay = 0\ntimeout = {timeout}\n'
        f'[[source]]\nname = "ledger"\nfeeds = ["{feed}"]\nevery = "1h"\n'
        "[[rule]]\nname = \"euronest\"\nquery = 'Euronest'\n"
    )
    return path


def test_scheduled_crawls_are_forked_from_the_crawl_server_each_with_a_fresh_reactor(
    tmp_path: Path, site: SiteServer
) -> None:
    """Two passes in two forked children: the second finds what the first stored (a reactor
    left from the first, or one installed by the server, would fail it)."""
    from monitor.crawl_server import ForkedCrawl
    from monitor.scheduling import CrawlRunner

    path = site_only_config(tmp_path, f"{site.url}/rss.xml")
    runner = CrawlRunner(str(path), timeout=120, database=load_config(path).database)
    started = record_starts(runner)
    assert runner.crawl("ledger") == 0
    assert runner.crawl("ledger") == 0
    assert [type(child) for child in started] == [ForkedCrawl, ForkedCrawl]
    assert not runner.fork_failed
    with sqlite3.connect(tmp_path / "archive.db") as db:
        crawls = db.execute("SELECT new_articles, outcome FROM crawls ORDER BY id").fetchall()
        stored = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert crawls == [(stored, "ok"), (0, "ok")] and stored >= 10


def test_a_forked_crawl_over_its_time_limit_is_ended_and_recorded(tmp_path: Path) -> None:
    """A server that never answers holds the crawl past its limit: SIGTERM, then SIGKILL after
    the grace period; the daemon records the timeout, as the dead crawl could not."""
    from monitor.scheduling import CrawlRunner

    with socket.socket() as silent:  # listens, never accepts: every request hangs
        silent.bind(("127.0.0.1", 0))
        silent.listen(16)
        feed = f"http://127.0.0.1:{silent.getsockname()[1]}/rss.xml"
        path = site_only_config(tmp_path, feed, timeout=60)
        runner = CrawlRunner(str(path), timeout=1, database=load_config(path).database)
        runner.grace = 1.0
        started = record_starts(runner)
        codes: list[int] = []
        crawl = threading.Thread(target=lambda: codes.append(runner.crawl("ledger")))
        crawl.start()
        titles = []
        deadline = time.monotonic() + 30
        while crawl.is_alive() and time.monotonic() < deadline:  # `ps` names the stalled crawl
            for child in list(runner.children):
                with contextlib.suppress(OSError):
                    titles.append(Path(f"/proc/{child.pid}/cmdline").read_bytes())
            if any(t.startswith(b"monitor: crawl ledger") for t in titles):
                break
            time.sleep(0.05)
        crawl.join(timeout=60)
        assert codes == [-1]
    assert any(t.startswith(b"monitor: crawl ledger") for t in titles), titles[-3:]
    [child] = started
    with pytest.raises(ProcessLookupError):
        os.kill(child.pid, 0)  # type: ignore[attr-defined]
    with sqlite3.connect(tmp_path / "archive.db") as db:
        [(outcome,)] = db.execute("SELECT outcome FROM crawls").fetchall()
    assert outcome == "timeout (stopped after 1s)"


def test_a_crawl_that_crashes_is_recorded_and_does_not_raise(tmp_path: Path) -> None:
    """The child dies (here: its config vanished); the daemon notes it in the crawl history."""
    from monitor.scheduling import CrawlRunner

    path = tmp_path / "monitor.toml"
    path.write_text(CONFIG)
    database = load_config(path).database
    runner = CrawlRunner(str(tmp_path / "gone.toml"), timeout=60, database=database)
    assert runner.crawl("fast") != 0
    with sqlite3.connect(database) as db:
        [(source, outcome)] = db.execute("SELECT source, outcome FROM crawls").fetchall()
    assert source == "fast" and outcome.startswith("crashed (exit status")


def test_without_its_crawl_server_the_daemon_starts_crawls_as_new_interpreters(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The server cannot start (here: made to fail): the crawl runs all the same, as a new
    interpreter, and so do the next ones, with one warning."""
    import monitor.crawl_server
    from monitor.scheduling import CrawlRunner

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("no fork server here")

    monkeypatch.setattr(monitor.crawl_server, "ForkedCrawl", broken)
    runner = CrawlRunner(str(tmp_path / "gone.toml"), timeout=60, database=None)
    started = record_starts(runner)
    assert runner.crawl("fast") == 1 and runner.crawl("fast") == 1  # the config is gone: exit 1
    assert [type(child) for child in started] == [subprocess.Popen, subprocess.Popen]
    assert runner.fork_failed
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert warnings == [
        "crawls start as new processes from now on: the crawl server failed (no fork server here)"
    ]


def test_a_crawl_that_outlives_a_killed_crawl_server_is_waited_for_not_called_a_crash(
    tmp_path: Path,
) -> None:
    """The crawl server killed mid-crawl (the OOM killer's choice, say): multiprocessing says
    255 at once, though the crawl runs on and stores everything. The daemon waits for it by
    its pid, records no crash (the crawl records itself) and forks the next crawl from a new
    server."""
    import multiprocessing.forkserver
    import signal

    from monitor.demo.site import NewsSite, load_demo_articles
    from monitor.scheduling import CrawlRunner

    site = NewsSite(load_demo_articles()[:8])
    seen: list[str] = []

    def slow(path: str) -> None:
        seen.append(path)
        if path.startswith("/news/"):
            time.sleep(0.4)

    site.on_request = slow
    with SiteServer(site) as server:
        path = site_only_config(tmp_path, f"{server.url}/rss.xml", timeout=30)
        runner = CrawlRunner(str(path), timeout=120, database=load_config(path).database)
        done: list[int] = []
        crawling = threading.Thread(target=lambda: done.append(runner.crawl("ledger")))
        crawling.start()
        deadline = time.monotonic() + 60
        while not any(p.startswith("/news/") for p in seen) and time.monotonic() < deadline:
            time.sleep(0.05)
        server_pid = multiprocessing.forkserver._forkserver._forkserver_pid  # type: ignore[attr-defined]
        assert server_pid is not None
        os.kill(server_pid, signal.SIGKILL)
        crawling.join(timeout=90)
        assert done == [0]
        assert runner.crawl("ledger") == 0  # forked from a new server
    with sqlite3.connect(tmp_path / "archive.db") as db:
        crawls = db.execute("SELECT new_articles, outcome FROM crawls ORDER BY id").fetchall()
    assert crawls == [(8, "ok"), (0, "ok")], crawls
