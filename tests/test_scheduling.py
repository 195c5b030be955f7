"""`monitor run`'s schedule, asserted on the jobs and triggers (no sleeping)."""

from __future__ import annotations

from pathlib import Path

from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from monitor.config import load_config
from monitor.scheduling import build_scheduler, crawl_command

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


def test_a_crawl_that_crashes_is_recorded_and_does_not_raise(tmp_path: Path) -> None:
    """The child dies (here: its config vanished); the daemon notes it in the crawl history."""
    import sqlite3

    from monitor.scheduling import CrawlRunner

    path = tmp_path / "monitor.toml"
    path.write_text(CONFIG)
    database = load_config(path).database
    runner = CrawlRunner(str(tmp_path / "gone.toml"), timeout=60, database=database)
    assert runner.crawl("fast") != 0
    with sqlite3.connect(database) as db:
        [(source, outcome)] = db.execute("SELECT source, outcome FROM crawls").fetchall()
    assert source == "fast" and outcome.startswith("crashed (exit status")
