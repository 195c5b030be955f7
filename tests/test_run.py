"""`monitor run`: the scheduler starts a crawl in a child process and stops cleanly on SIGTERM."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from monitor.demo.receivers import SmtpSink, WebhookSink
from monitor.demo.site import SiteServer
from tests.conftest import HOOK_SECRET, ROOT, site_config


def test_run_crawls_on_schedule_and_stops_on_sigterm(
    tmp_path: Path, site: SiteServer, smtp: SmtpSink, hook: WebhookSink
) -> None:
    config = site_config(tmp_path, site, smtp, hook)
    daemon = subprocess.Popen(
        [sys.executable, "-m", "monitor", "run", "--config", str(config)],
        cwd=ROOT,
        env={**os.environ, "TEST_HOOK_SECRET": HOOK_SECRET},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert hook.delivered.wait(timeout=60), "the first scheduled crawl delivered nothing"
    finally:
        daemon.send_signal(signal.SIGTERM)
        _, err = daemon.communicate(timeout=60)
    assert daemon.returncode == 0, err[-2000:]
    assert "scheduler started with 1 crawl jobs" in err
    with sqlite3.connect(tmp_path / "data" / "archive.db") as db:
        assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 20
        assert db.execute("SELECT count(*) FROM crawls").fetchone()[0] == 1
