"""`monitor run`: crawls on schedule in child processes, one daemon per archive, clean stop."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from monitor.demo.receivers import SmtpSink, WebhookSink
from monitor.demo.site import SiteServer
from tests.conftest import HOOK_SECRET, ROOT, run_monitor, site_config


def start_daemon(config: Path) -> subprocess.Popen[str]:
    daemon = subprocess.Popen(
        [sys.executable, "-m", "monitor", "run", "--config", str(config)],
        cwd=ROOT,
        env={**os.environ, "TEST_HOOK_SECRET": HOOK_SECRET},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert daemon.stderr is not None
    for line in daemon.stderr:  # blocks until the scheduler says it started (no sleeping)
        if "scheduler started" in line:
            break
    return daemon


def test_run_crawls_on_schedule_refuses_a_second_instance_and_stops_on_sigterm(
    tmp_path: Path, site: SiteServer, smtp: SmtpSink, hook: WebhookSink
) -> None:
    config = site_config(tmp_path, site, smtp, hook)
    daemon = start_daemon(config)
    try:
        second = run_monitor("run", "--config", str(config), check=False)
        assert second.returncode == 1
        assert f"another `monitor run` (pid {daemon.pid}) is already running" in second.stderr
        assert hook.delivered.wait(timeout=60), "the first scheduled crawl delivered nothing"
        status = json.loads(run_monitor("status", "--config", str(config), "--json").stdout)
        assert status["daemon_pid"] == daemon.pid
    finally:
        daemon.send_signal(signal.SIGTERM)
        _, err = daemon.communicate(timeout=60)
    assert daemon.returncode == 0, err[-2000:]
    with sqlite3.connect(tmp_path / "data" / "archive.db") as db:
        assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 20
        assert db.execute("SELECT outcome FROM crawls").fetchall() == [("ok",)]
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    after = json.loads(run_monitor("status", "--config", str(config), "--json").stdout)
    assert after["daemon_pid"] is None
    [ledger] = after["sources"]
    assert ledger["name"] == "ledger" and ledger["health"] == "ok" and ledger["last_new"] == 20
    assert ledger["next_run"] > ledger["last_start"]  # every 30 minutes


def test_sigterm_during_a_crawl_stops_it_cleanly(
    tmp_path: Path, site: SiteServer, smtp: SmtpSink, hook: WebhookSink
) -> None:
    """A stop while a crawl runs ends that crawl through Scrapy's own shutdown; nothing is half written."""
    import threading

    config = site_config(tmp_path, site, smtp, hook)
    first_article = threading.Event()
    site.site.on_request = lambda path: first_article.set() if path.startswith("/news/") else None
    daemon = start_daemon(config)
    assert first_article.wait(timeout=60)
    daemon.send_signal(signal.SIGTERM)
    _, err = daemon.communicate(timeout=60)
    assert daemon.returncode == 0, err[-2000:]
    with sqlite3.connect(tmp_path / "data" / "archive.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = db.execute("SELECT count(*) FROM articles").fetchone()[0]
        queued = db.execute("SELECT count(DISTINCT url) FROM alerts").fetchone()[0]
        assert stored <= 20 and queued <= stored
