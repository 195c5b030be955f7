"""`monitor run` follows its config file without a restart (see ConfigReloader)."""

from __future__ import annotations

import logging
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from monitor.config import load_config
from monitor.errors import ConfigError
from monitor.rule_files import RuleFileError, flattened
from monitor.scheduling import CrawlRunner, add_crawl_job, source_trigger

log = logging.getLogger(__name__)


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size)


CONFIG_CHECK_SECONDS = 2  # a stat() of the config file
HEADER = b"# the copy of the config that `monitor run` is running: edit the file itself, not this\n"


class ConfigReloader:
    """The daemon follows its config file: when the file changes (or on SIGHUP) it is read
    again, sources added, removed or rescheduled and channels updated, without a restart. A
    file that no longer validates is logged with every problem and the daemon keeps running
    what it had; the archive it locks cannot change under it.

    Each crawl is a child process that reads a config file itself: the copy of the last version
    that validated (`.NAME.running`, beside the file, so relative paths mean the same), so a
    broken edit stops no crawl either. Where that copy cannot be written, crawls read the file.
    """

    def __init__(self, config: Any, scheduler: Any, runner: CrawlRunner):
        self.config = config
        self.path: Path = config.path  # the user's file
        self.running = self.path.with_name(f".{self.path.name}.running")
        self.scheduler = scheduler
        self.runner = runner
        self.stamp = self._stamp()
        self.forced = False  # set by SIGHUP; the next check reloads
        try:  # the version just loaded, unless it changed since (then the next check sees it)
            data = self.path.read_bytes()
            kept = self._validate(data)
            self._keep(self._whole(data, kept))
        except (OSError, ConfigError, RuleFileError):
            return

    def _stamp(self) -> tuple[tuple[int, int] | None, ...]:
        """The config file's and its rule files' times and sizes: an edit of either reloads."""
        return tuple(_stat(path) for path in (self.path, *self.config.rule_files))

    def _whole(self, data: bytes, config: Any) -> bytes:
        """What crawls read: the config as written, or, with rule files, the config with their
        rules in it (they read one file, which cannot change under them)."""
        return flattened(self.path, data) if config.rule_files else data

    def _keep(self, data: bytes) -> None:
        """Crawls from now on read this version (validated by the caller)."""
        try:
            temporary = self.running.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_bytes(HEADER + data)
            os.replace(temporary, self.running)
        except OSError as exc:
            log.warning("crawls read %s itself: cannot write %s (%s)", self.path, self.running, exc)
            self.runner.config_path = str(self.path)
            return
        self.runner.config_path = str(self.running)

    def close(self) -> None:
        self.running.unlink(missing_ok=True)

    def check(self) -> None:
        stamp = self._stamp()
        if stamp == self.stamp and not self.forced:
            return
        self.stamp, self.forced = stamp, False
        self.reload()

    def reload(self) -> None:
        try:
            data = self.path.read_bytes()
            new = self._validate(data)
        except OSError as exc:
            log.error("config not reloaded, the daemon goes on with the one it had: %s", exc)
            return
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
        if new.crawl.parallel_crawls != self.config.crawl.parallel_crawls:
            log.warning(
                "parallel_crawls is now %d: it takes effect when `monitor run` restarts (%d until then)",
                new.crawl.parallel_crawls,
                self.config.crawl.parallel_crawls,
            )
        try:
            whole = self._whole(data, new)
        except (OSError, RuleFileError) as exc:  # a rule file changed since it validated
            log.error("config not reloaded, the daemon goes on with the one it had: %s", exc)
            return
        self._keep(whole)
        added, removed, changed = self._reschedule(new)
        self.scheduler.modify_job("deliver", args=(new,))
        self.runner.timeout = new.crawl.crawl_timeout
        self.config = new
        self.stamp = self._stamp()  # with the rule files the new config names
        paused = {source.name for source in new.paused_sources}
        log.info(
            "config reloaded: %d sources scheduled (added: %s; removed: %s; paused: %s; "
            "rescheduled: %s)",
            sum(1 for job in self.scheduler.get_jobs() if job.id.startswith("crawl:")),
            ", ".join(added) or "-",
            ", ".join(name for name in removed if name not in paused) or "-",
            ", ".join(name for name in removed if name in paused) or "-",
            ", ".join(changed) or "-",
        )

    def _validate(self, data: bytes) -> Any:
        """The config these bytes make, read from a file beside the user's (so that what is
        kept is what validated, whatever the file becomes meanwhile; the file itself where
        nothing can be written there)."""
        candidate = self.running.with_suffix(".next")
        try:
            candidate.write_bytes(data)
        except OSError:
            return replace(load_config(self.path), path=self.path)
        try:
            return replace(load_config(candidate), path=self.path)
        except ConfigError as exc:  # its problems name the user's file
            named = [p.replace(str(candidate), str(self.path)) for p in exc.problems]
            raise ConfigError(named) from None
        finally:
            candidate.unlink(missing_ok=True)

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
