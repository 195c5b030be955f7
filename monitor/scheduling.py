"""APScheduler lives here: one job per source, each crawl in a child process."""

from __future__ import annotations

from typing import Any


def cron_problem(expression: str, timezone: str) -> str | None:
    """Why a crontab expression or timezone is unusable, or None when it is fine."""
    from apscheduler.triggers.cron import CronTrigger

    try:
        CronTrigger.from_crontab(expression, timezone=timezone)
    except (ValueError, LookupError) as exc:
        return str(exc) or type(exc).__name__
    return None


def crawl_command(config_path: str, source: str, *, log_level: str = "INFO") -> list[str]:
    """The child-process command for one crawl: a fresh interpreter, so a fresh Twisted reactor."""
    import sys

    return [
        sys.executable,
        "-m",
        "monitor",
        "crawl",
        "--config",
        config_path,
        "--source",
        source,
        "--log-level",
        log_level,
    ]


def run_crawl_child(
    config_path: str, source: str, *, timeout: float, log_level: str = "INFO"
) -> int:
    """Run one crawl in a child process; a crash or a timeout is logged and does not propagate."""
    import logging
    import subprocess

    log = logging.getLogger(__name__)
    log.info("crawl of %s starting", source)
    try:
        done = subprocess.run(
            crawl_command(config_path, source, log_level=log_level), timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        log.error("crawl of %s stopped after its %.0fs time limit", source, timeout)
        return -1
    if done.returncode != 0:
        log.error("crawl of %s exited with status %d", source, done.returncode)
    else:
        log.info("crawl of %s finished", source)
    return done.returncode


def build_scheduler(config: Any, *, log_level: str = "INFO") -> Any:
    """One job per scheduled source (coalesced, never two at once) plus a delivery job."""
    from apscheduler.schedulers.blocking import BlockingScheduler
    from apscheduler.triggers.cron import CronTrigger
    from apscheduler.triggers.interval import IntervalTrigger

    scheduler = BlockingScheduler(timezone="UTC")
    for source in config.sources:
        if source.cron:
            trigger: Any = CronTrigger.from_crontab(source.cron, timezone=source.timezone)
        elif source.every:
            trigger = IntervalTrigger(seconds=source.every, timezone=source.timezone)
        else:
            continue
        scheduler.add_job(
            run_crawl_child,
            trigger,
            args=(str(config.path), source.name),
            kwargs={"timeout": config.crawl.crawl_timeout, "log_level": log_level},
            id=f"crawl:{source.name}",
            name=f"crawl {source.name}",
            coalesce=True,
            max_instances=1,
            misfire_grace_time=None,
            next_run_time=_now(),
        )
    scheduler.add_job(
        _deliver_job,
        IntervalTrigger(seconds=60),
        args=(config,),
        id="deliver",
        coalesce=True,
        max_instances=1,
    )
    return scheduler


def _deliver_job(config: Any) -> None:
    from monitor.crawl import deliver

    deliver(config)


def _now() -> Any:
    from datetime import UTC, datetime

    return datetime.now(UTC)


def run_forever(config: Any, *, log_level: str = "INFO") -> None:
    """Block until SIGINT/SIGTERM; running crawl children finish or hit their time limit."""
    import logging
    import signal

    scheduler = build_scheduler(config, log_level=log_level)
    scheduled = [j for j in scheduler.get_jobs() if j.id.startswith("crawl:")]
    if not scheduled:
        from monitor.errors import MonitorError

        raise MonitorError(f"{config.path}: no source has every or cron; nothing to schedule")

    def stop(signum: int, frame: Any) -> None:
        logging.getLogger(__name__).info("signal %d: stopping the scheduler", signum)
        scheduler.shutdown(wait=False)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    logging.getLogger(__name__).info("scheduler started with %d crawl jobs", len(scheduled))
    scheduler.start()
