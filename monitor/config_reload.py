"""`monitor run` follows its config file without a restart (see ConfigReloader)."""

from __future__ import annotations

import logging
from typing import Any

from monitor.config import load_config
from monitor.errors import ConfigError
from monitor.scheduling import CrawlRunner, add_crawl_job, source_trigger

log = logging.getLogger(__name__)
CONFIG_CHECK_SECONDS = 2  # a stat() of the config file


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
