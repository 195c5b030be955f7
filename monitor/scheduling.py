"""APScheduler lives here: one job per source, each crawl in a child process."""

from __future__ import annotations

from typing import Any

CRAWLS = "crawls"  # the executor crawl jobs run in (see build_scheduler)


def cron_problem(expression: str, timezone: str) -> str | None:
    """Why a crontab expression or timezone is unusable, or None when it is fine."""
    from apscheduler.triggers.cron import CronTrigger

    try:
        CronTrigger.from_crontab(expression, timezone=timezone)
    except (ValueError, LookupError) as exc:
        return str(exc) or type(exc).__name__
    return None


def crawl_command(config_path: str, source: str, *, log_level: str = "INFO") -> list[str]:
    """One crawl as a new interpreter's command line: a fresh Twisted reactor (the way the
    daemon falls back to when its fork server cannot be used)."""
    import sys

    from monitor.crawl_server import crawl_args

    return [sys.executable, "-m", "monitor", *crawl_args(config_path, source, log_level=log_level)]


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
        self.fork_failed = False
        self.grace = 20.0  # seconds a crawl over its time limit has to stop before SIGKILL

    def crawl(self, source: str) -> int:
        """One crawl; a crash or a timeout is logged and does not propagate."""
        import logging
        import subprocess

        log = logging.getLogger(__name__)
        if self.stopping:
            return -1
        log.info("crawl of %s starting", source)
        started = _now()
        child = self._start(source)
        with self.lock:
            self.children.add(child)
        try:
            code = child.wait(timeout=self.timeout)
        except subprocess.TimeoutExpired:
            log.error("crawl of %s stopped after its %.0fs time limit", source, self.timeout)
            self._end(child, grace=self.grace)
            self._record_failure(source, started, "timeout", f"stopped after {self.timeout:.0f}s")
            return -1
        finally:
            with self.lock:
                self.children.discard(child)
        from monitor.crawl_server import SERVER_LOST

        if code == SERVER_LOST:  # the crawl recorded its own outcome; later ones fork anew
            log.warning("the crawl server died during the crawl of %s, which ran on", source)
            return 0
        if code != 0:
            log.error("crawl of %s exited with status %d", source, code)
            if not self.stopping:
                self._record_failure(source, started, "crashed", f"exit status {code}")
        else:
            log.info("crawl of %s finished", source)
        return int(code)

    def _start(self, source: str) -> Any:
        """The crawl forked from the crawl server (see monitor.crawl_server), or, if that
        server cannot be started, as a new interpreter: slower to start, the same crawl."""
        import logging
        import subprocess

        from monitor.crawl_server import ForkedCrawl, crawl_args

        args = crawl_args(self.config_path, source, log_level=self.log_level)
        if not self.fork_failed:
            try:
                return ForkedCrawl(args, name=f"crawl {source}")
            except (OSError, EOFError, ValueError) as exc:
                self.fork_failed = True
                logging.getLogger(__name__).warning(
                    "crawls start as new processes from now on: the crawl server failed (%s)", exc
                )
        return subprocess.Popen(crawl_command(self.config_path, source, log_level=self.log_level))

    def _record_failure(self, source: str, started: Any, outcome: str, detail: str) -> None:
        """A crawl that died wrote no history itself: the daemon writes it, so status shows it."""
        import json
        import logging

        from monitor.archive import Store
        from monitor.errors import MonitorError
        from monitor.models import iso

        if self.database is None:
            return
        try:
            store = Store(self.database)
        except MonitorError as exc:  # the crawl's own error said why; the daemon goes on
            logging.getLogger(__name__).error(
                "could not record the failed crawl of %s: %s", source, exc
            )
            return
        with store:
            store.record_crawl_failure(
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
    """One job per scheduled source (coalesced, never two at once) plus a delivery job.

    Crawls run in an executor of their own, `parallel_crawls` at a time: each is a process
    with its own extraction workers, and a config of 150 imported feeds started ten at once
    (APScheduler's default pool) took 1.7 GB here. Delivery and the config check keep the
    default pool, so alerts go out every minute however many crawls wait their turn.
    """
    from apscheduler.executors.pool import ThreadPoolExecutor
    from apscheduler.schedulers.blocking import BlockingScheduler
    from apscheduler.triggers.interval import IntervalTrigger

    runner = runner or CrawlRunner(
        str(config.path),
        timeout=config.crawl.crawl_timeout,
        log_level=log_level,
        database=config.database,
    )
    scheduler = BlockingScheduler(
        timezone="UTC",
        executors={
            "default": ThreadPoolExecutor(4),
            CRAWLS: ThreadPoolExecutor(config.crawl.parallel_crawls),
        },
    )
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
        executor=CRAWLS,
        coalesce=True,
        max_instances=1,
        misfire_grace_time=None,
        next_run_time=_now(),
    )
    return True


def describe_schedule(source: Any) -> str:
    """A source's schedule as its config says it: "every 30m", "cron '*/30 * * * *' (UTC)"."""
    from monitor.config import format_duration

    if source.every:
        return f"every {format_duration(source.every)}"
    if source.cron:
        return f"cron '{source.cron}' ({source.timezone})"
    return "on demand"


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


def _shut_down(scheduler: Any, *, patience: float = 10.0) -> None:
    """Stop the scheduler from outside its loop (see run_forever's signal handler); a signal
    that came before the scheduler started waits for it to start."""
    import time

    from apscheduler.schedulers import SchedulerNotRunningError

    deadline = time.monotonic() + patience
    while True:
        try:
            scheduler.shutdown(wait=False)
            return
        except SchedulerNotRunningError:
            if time.monotonic() > deadline:
                return
            time.sleep(0.05)


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


def run_forever(config: Any, *, log_level: str = "INFO") -> None:
    """Block until SIGINT/SIGTERM, then stop running crawls safely and return."""
    import logging
    import signal
    import threading

    from monitor.errors import MonitorError

    log = logging.getLogger(__name__)
    from monitor.archive import Store

    lock = InstanceLock(config.database)
    lock.acquire()
    try:  # an archive that cannot be used stops the daemon now, not every crawl it starts
        Store(config.database).close()
    except MonitorError:
        lock.release()
        raise
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

    from monitor.config_reload import CONFIG_CHECK_SECONDS, ConfigReloader

    reloader = ConfigReloader(config, scheduler, runner)
    scheduler.add_job(
        reloader.check,
        IntervalTrigger(seconds=CONFIG_CHECK_SECONDS),
        id="config",
        coalesce=True,
        max_instances=1,
    )

    stop_signals: list[int] = []

    def stop(signum: int, frame: Any) -> None:
        """Only notes the signal and hands the shutdown to a thread: a signal handler runs in
        the middle of whatever the main thread was doing, the scheduler's own loop or a log
        line's write (blocked when the log's reader falls behind); shutting the scheduler down
        there broke that loop (its job vanished under it), and logging there re-entered the
        stream being written ("reentrant call"): either ended the daemon with a traceback."""
        stop_signals.append(signum)
        if len(stop_signals) == 1:
            threading.Thread(target=_shut_down, args=(scheduler,), daemon=True).start()

    def force_reload(signum: int, frame: Any) -> None:
        reloader.forced = True  # the scheduler's own thread reloads, within seconds

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGHUP, force_reload)
    for source in config.sources:  # what the daemon will do, in the words of its config
        has_schedule = source.every or source.cron
        when = describe_schedule(source) if has_schedule else "not scheduled (no every or cron)"
        log.info("%s: %s", source.name, when)
    log.info("scheduler started with %d crawl jobs", len(scheduled))
    try:
        if not stop_signals:
            scheduler.start()
    finally:
        if stop_signals:
            log.info(
                "signal %d: stopping (running crawls are asked to finish cleanly)", stop_signals[0]
            )
        runner.stop()
        reloader.close()
        lock.release()
        log.info("stopped")
