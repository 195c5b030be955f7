"""The scheduled crawls' fork server: Scrapy, Twisted and the monitor imported once, not per
crawl.

Each of `monitor run`'s crawls is a process of its own (Twisted's reactor cannot be restarted).
Started as a new interpreter, a crawl spent about a second of CPU importing Scrapy, Twisted, the
matcher and the mailer before its first request: most of a pass that finds nothing new, as most
of a daemon's passes do (1.37 s of CPU, against 0.09 s forked from this server;
`bench/idle_pass.py`). The server only imports (`monitor.crawl_preload`): it installs no
reactor, opens no archive and runs no thread, so a crawl forked from it begins as clean as a
new interpreter, and installs its own reactor. It costs the daemon one process of about 90 MB
that the crawls share; it ends with the daemon. `ps` shows it as "monitor: crawl server" and
each crawl as "monitor: crawl SOURCE" (instead of the fork server's Python command line).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import subprocess
import time
from multiprocessing.context import ForkServerContext
from typing import Any

from monitor.processes import running

PRELOAD = ["monitor.crawl_preload"]
# what ForkedCrawl.wait says of a crawl that outlived its server (an exit status is never < 0
# here: a crawl killed by a signal is -N, and N is at most 64)
SERVER_LOST = -1000
ORPHAN_POLL = 0.5  # seconds between looks at a crawl that outlived its server


def context() -> ForkServerContext:
    server = multiprocessing.get_context("forkserver")
    server.set_forkserver_preload(PRELOAD)
    return server


def crawl_args(config_path: str, source: str, *, log_level: str = "INFO") -> list[str]:
    """`monitor crawl`'s arguments for one scheduled crawl of a source."""
    return [
        "crawl",
        "--config",
        config_path,
        "--source",
        source,
        "--log-level",
        log_level,
        # most scheduled passes find nothing new: the extractor loads only when one does
        "--lazy-workers",
    ]


def set_title(title: str) -> None:
    """What `ps` and `top` call this process (where setproctitle is installed)."""
    try:
        from setproctitle import setproctitle
    except ImportError:
        return
    setproctitle(title)


def run_cli(args: list[str], title: str) -> None:
    """The child's whole life: the command line's own code, which ends it with its exit status."""
    set_title(title)
    from monitor.cli import cli

    cli.main(args=args, prog_name="monitor")


class ForkedCrawl:
    """A crawl forked from the server, seen through subprocess.Popen's wait, terminate and kill,
    as the daemon handled the crawls it started as new interpreters."""

    def __init__(self, args: list[str], *, name: str):
        self.args = args
        self.process: Any = context().Process(
            target=run_cli, args=(args, f"monitor: {name}"), name=name
        )
        self.process.start()
        pid = self.process.pid
        assert pid is not None  # set by start()
        self.pid: int = pid
        self.orphaned = False  # its server died: waited for and signalled by its pid

    def wait(self, timeout: float | None = None) -> int:
        """The crawl's exit status; SERVER_LOST for a crawl whose server died under it (killed,
        out of memory), which multiprocessing reports as 255 at once: the crawl itself runs
        on, another process's child now, and records its own outcome. It is waited for here
        all the same (by its pid), so its source is never crawled twice at once."""
        started = time.monotonic()
        if self.orphaned:
            return self._wait_orphan(started, timeout)
        self.process.join(timeout)
        if self.process.exitcode is None:
            raise subprocess.TimeoutExpired(self.args, timeout or 0)
        if self.process.exitcode == 255 and running(self.pid):
            self.orphaned = True
            return self._wait_orphan(started, timeout)
        return int(self.process.exitcode)

    def _wait_orphan(self, started: float, timeout: float | None) -> int:
        while running(self.pid):
            if timeout is not None and time.monotonic() - started >= timeout:
                raise subprocess.TimeoutExpired(self.args, timeout)
            time.sleep(ORPHAN_POLL)
        return SERVER_LOST

    def terminate(self) -> None:
        if self.orphaned:  # multiprocessing, which thinks it ended, would not signal it
            self._signal(signal.SIGTERM)
        else:
            self.process.terminate()

    def kill(self) -> None:
        if self.orphaned:
            self._signal(signal.SIGKILL)
        else:
            self.process.kill()

    def _signal(self, number: int) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, number)
