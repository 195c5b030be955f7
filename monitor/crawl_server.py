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

import multiprocessing
import subprocess
from multiprocessing.context import ForkServerContext
from typing import Any

PRELOAD = ["monitor.crawl_preload"]


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

    def wait(self, timeout: float | None = None) -> int:
        self.process.join(timeout)
        if self.process.exitcode is None:
            raise subprocess.TimeoutExpired(self.args, timeout or 0)
        return int(self.process.exitcode)

    def terminate(self) -> None:
        self.process.terminate()

    def kill(self) -> None:
        self.process.kill()
