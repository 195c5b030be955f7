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


class CrawlRunner:
    """Runs crawls in child processes and keeps hold of them, so a stop can end them safely."""

    def __init__(
        self, config_path: str, *, timeout: float, log_level: str = "INFO", database: Any = None
    ):
        import threading

        self.config_path = config_path
        self.database = database
        self.timeout = timeout
        self.log_level = log_level
        self.children: set[Any] = set()
        self.lock = threading.Lock()
        self.stopping = False

    def crawl(self, source: str) -> int:
        """One crawl; a crash or a timeout is logged and does not propagate."""
        import logging
        import subprocess

        log = logging.getLogger(__name__)
        if self.stopping:
            return -1
        log.info("crawl of %s starting", source)
        started = _now()
        child = subprocess.Popen(crawl_command(self.config_path, source, log_level=self.log_level))
        with self.lock:
            self.children.add(child)
        try:
            code = child.wait(timeout=self.timeout)
        except subprocess.TimeoutExpired:
            log.error("crawl of %s stopped after its %.0fs time limit", source, self.timeout)
            self._end(child)
            self._record_failure(source, started, "timeout", f"stopped after {self.timeout:.0f}s")
            return -1
        finally:
            with self.lock:
                self.children.discard(child)
        if code != 0:
            log.error("crawl of %s exited with status %d", source, code)
            if not self.stopping:
                self._record_failure(source, started, "crashed", f"exit status {code}")
        else:
            log.info("crawl of %s finished", source)
        return int(code)

    def _record_failure(self, source: str, started: Any, outcome: str, detail: str) -> None:
        """A crawl that died wrote no history itself: the daemon writes it, so status shows it."""
        import json

        from monitor.archive import Store
        from monitor.models import iso

        if self.database is None:
            return
        with Store(self.database) as store:
            store.record_crawl(
                {
                    "source": source,
                    "started_at": iso(started),
                    "finished_at": iso(_now()),
                    "requests": 0,
                    "pages": 0,
                    "new_articles": 0,
                    "alerts_queued": 0,
                    "dropped": "{}",
                    "errors": json.dumps({f"crawl: {outcome}": 1}),
                    "outcome": f"{outcome} ({detail})",
                }
            )

    def stop(self, *, grace: float = 20.0) -> None:
        """SIGTERM to running crawls (Scrapy then closes cleanly: every article is its own
        transaction, so nothing is half written), SIGKILL after `grace` seconds."""
        self.stopping = True
        with self.lock:
            children = list(self.children)
        for child in children:
            self._end(child, grace=grace)

    @staticmethod
    def _end(child: Any, *, grace: float = 20.0) -> None:
        import subprocess

        child.terminate()
        try:
            child.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def build_scheduler(
    config: Any, *, log_level: str = "INFO", runner: CrawlRunner | None = None
) -> Any:
    """One job per scheduled source (coalesced, never two at once) plus a delivery job."""
    from apscheduler.schedulers.blocking import BlockingScheduler
    from apscheduler.triggers.interval import IntervalTrigger

    runner = runner or CrawlRunner(
        str(config.path),
        timeout=config.crawl.crawl_timeout,
        log_level=log_level,
        database=config.database,
    )
    scheduler = BlockingScheduler(timezone="UTC")
    for source in config.sources:
        add_crawl_job(scheduler, runner, source)
    scheduler.add_job(
        _deliver_job,
        IntervalTrigger(seconds=60),
        args=(config,),
        id="deliver",
        coalesce=True,
        max_instances=1,
    )
    return scheduler


def add_crawl_job(scheduler: Any, runner: CrawlRunner, source: Any) -> bool:
    """Schedule a source's crawls, the first now (False: it has no every or cron)."""
    trigger = source_trigger(source)
    if trigger is None:
        return False
    scheduler.add_job(
        runner.crawl,
        trigger,
        args=(source.name,),
        id=f"crawl:{source.name}",
        name=f"crawl {source.name}",
        coalesce=True,
        max_instances=1,
        misfire_grace_time=None,
        next_run_time=_now(),
    )
    return True


def source_trigger(source: Any) -> Any:
    """The APScheduler trigger of a source's `every` or `cron`, or None (crawled on demand)."""
    from apscheduler.triggers.cron import CronTrigger
    from apscheduler.triggers.interval import IntervalTrigger

    if source.cron:
        return CronTrigger.from_crontab(source.cron, timezone=source.timezone)
    if source.every:
        return IntervalTrigger(seconds=source.every, timezone=source.timezone)
    return None


def next_run(source: Any, last_start: Any, now: Any) -> Any:
    """When the daemon will next crawl a source (None when it is not scheduled)."""
    from datetime import timedelta

    if source.every:
        return max(now, last_start + timedelta(seconds=source.every)) if last_start else now
    trigger = source_trigger(source)
    return trigger.get_next_fire_time(None, now) if trigger is not None else None


def _deliver_job(config: Any) -> None:
    from monitor.dispatch import deliver

    deliver(config)


def _now() -> Any:
    from datetime import UTC, datetime

    return datetime.now(UTC)


class InstanceLock:
    """One `monitor run` per archive: an exclusive lock on a file next to it, which the OS
    releases when the process ends, however it ends."""

    def __init__(self, database: Any):
        from pathlib import Path

        self.path = Path(f"{database}.run.lock")
        self.handle: Any = None

    def acquire(self) -> None:
        import fcntl
        import os

        from monitor.errors import MonitorError

        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+")  # noqa: SIM115 - held for the life of the daemon
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "?"
            handle.close()
            raise MonitorError(
                f"another `monitor run` (pid {holder}) is already running on this archive "
                f"({self.path}); stop it first (kill -TERM {holder})"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self.handle = handle

    def release(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None


class ConfigReloader:
    """The daemon follows its config file: when the file changes (or on SIGHUP) it is read
    again, sources added, removed or rescheduled and channels updated, without a restart. A
    file that no longer validates is logged with every problem and the daemon keeps running
    what it had; the archive it locks cannot change under it.

    Each crawl is a child process that reads the file itself, so rules and [crawl] settings
    follow at the next crawl anyway; this is for what the daemon holds (schedules, channels).
    """

    def __init__(self, config: Any, scheduler: Any, runner: CrawlRunner):
        self.config = config
        self.scheduler = scheduler
        self.runner = runner
        self.stamp = self._stamp()
        self.forced = False  # set by SIGHUP; the next check reloads

    def _stamp(self) -> tuple[int, int] | None:
        try:
            info = self.config.path.stat()
        except OSError:
            return None
        return (info.st_mtime_ns, info.st_size)

    def check(self) -> None:
        stamp = self._stamp()
        if stamp == self.stamp and not self.forced:
            return
        self.stamp, self.forced = stamp, False
        self.reload()

    def reload(self) -> None:
        import logging

        from monitor.config import load_config
        from monitor.errors import ConfigError

        log = logging.getLogger(__name__)
        try:
            new = load_config(self.config.path)
        except ConfigError as exc:
            log.error(
                "config not reloaded, the daemon goes on with the one it had:\n  %s",
                "\n  ".join(exc.problems),
            )
            return
        if new.database != self.config.database:
            log.error(
                "config not reloaded: its database changed (%s -> %s); restart `monitor run`",
                self.config.database,
                new.database,
            )
            return
        added, removed, changed = self._reschedule(new)
        self.scheduler.modify_job("deliver", args=(new,))
        self.runner.timeout = new.crawl.crawl_timeout
        self.config = new
        log.info(
            "config reloaded: %d sources scheduled (added: %s; removed: %s; rescheduled: %s)",
            sum(1 for job in self.scheduler.get_jobs() if job.id.startswith("crawl:")),
            ", ".join(added) or "-",
            ", ".join(removed) or "-",
            ", ".join(changed) or "-",
        )

    def _reschedule(self, new: Any) -> tuple[list[str], list[str], list[str]]:
        old = {source.name: source for source in self.config.sources}
        added, removed, changed = [], [], []
        for source in new.sources:
            job = self.scheduler.get_job(f"crawl:{source.name}")
            before = old.get(source.name)
            when = (source.every, source.cron, source.timezone)
            if job is None:
                if add_crawl_job(self.scheduler, self.runner, source):
                    added.append(source.name)
            elif source_trigger(source) is None:
                job.remove()
                removed.append(source.name)
            elif before is None or (before.every, before.cron, before.timezone) != when:
                job.reschedule(source_trigger(source))
                changed.append(source.name)
        names = {source.name for source in new.sources}
        for job in self.scheduler.get_jobs():
            if job.id.startswith("crawl:") and job.id[len("crawl:") :] not in names:
                job.remove()
                removed.append(job.id[len("crawl:") :])
        return added, removed, changed


CONFIG_CHECK_SECONDS = 2  # a stat() of the config file


def run_forever(config: Any, *, log_level: str = "INFO") -> None:
    """Block until SIGINT/SIGTERM, then stop running crawls safely and return."""
    import logging
    import signal

    from monitor.errors import MonitorError

    log = logging.getLogger(__name__)
    lock = InstanceLock(config.database)
    lock.acquire()
    runner = CrawlRunner(
        str(config.path),
        timeout=config.crawl.crawl_timeout,
        log_level=log_level,
        database=config.database,
    )
    scheduler = build_scheduler(config, log_level=log_level, runner=runner)
    scheduled = [j for j in scheduler.get_jobs() if j.id.startswith("crawl:")]
    if not scheduled:
        lock.release()
        raise MonitorError(f"{config.path}: no source has every or cron; nothing to schedule")

    from apscheduler.triggers.interval import IntervalTrigger

    reloader = ConfigReloader(config, scheduler, runner)
    scheduler.add_job(
        reloader.check,
        IntervalTrigger(seconds=CONFIG_CHECK_SECONDS),
        id="config",
        coalesce=True,
        max_instances=1,
    )

    def stop(signum: int, frame: Any) -> None:
        log.info("signal %d: stopping (running crawls are asked to finish cleanly)", signum)
        scheduler.shutdown(wait=False)

    def force_reload(signum: int, frame: Any) -> None:
        reloader.forced = True  # the scheduler's own thread reloads, within seconds

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGHUP, force_reload)
    log.info("scheduler started with %d crawl jobs", len(scheduled))
    try:
        scheduler.start()
    finally:
        runner.stop()
        lock.release()
        log.info("stopped")
