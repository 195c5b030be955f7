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
from tests.conftest import HOOK_SECRET, ROOT, read_monitor, run_monitor, site_config


def start_daemon(config: Path, said: list[str] | None = None) -> subprocess.Popen[str]:
    """`monitor run` on this config, once its scheduler runs (what it logged until then is
    appended to `said`)."""
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
        if said is not None:
            said.append(line)
        if "scheduler started" in line:
            break
    return daemon


def test_run_crawls_on_schedule_refuses_a_second_instance_and_stops_on_sigterm(
    tmp_path: Path, site: SiteServer, smtp: SmtpSink, hook: WebhookSink
) -> None:
    config = site_config(tmp_path, site, smtp, hook)
    said: list[str] = []
    daemon = start_daemon(config, said)
    assert any(line.rstrip().endswith("ledger: every 30m") for line in said), said
    try:
        second = run_monitor("run", "--config", str(config), check=False)
        assert second.returncode == 1
        assert f"another `monitor run` (pid {daemon.pid}) is already running" in second.stderr
        assert hook.delivered.wait(timeout=60), "the first scheduled crawl delivered nothing"
        status = json.loads(read_monitor("status", "--config", str(config), "--json").stdout)
        assert status["daemon_pid"] == daemon.pid
    finally:
        daemon.send_signal(signal.SIGTERM)
        _, err = daemon.communicate(timeout=60)
    assert daemon.returncode == 0, err[-2000:]
    with sqlite3.connect(tmp_path / "data" / "archive.db") as db:
        assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 20
        assert db.execute("SELECT outcome FROM crawls").fetchall() == [("ok",)]
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    after = json.loads(read_monitor("status", "--config", str(config), "--json").stdout)
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


def test_the_daemon_follows_its_config_file_and_survives_a_broken_edit(
    tmp_path: Path, site: SiteServer, smtp: SmtpSink, hook: WebhookSink
) -> None:
    """Editing monitor.toml while `monitor run` runs: a new source is crawled without a
    restart; a removed one is no longer scheduled; a broken edit is logged with its problem
    and the daemon keeps running what it had; SIGHUP reloads at once."""
    import threading
    import time

    config = site_config(tmp_path, site, smtp, hook)
    original = config.read_text()
    daemon = start_daemon(config)
    logged: list[str] = []  # read as it comes: a full pipe would block the daemon's logging
    reader = threading.Thread(target=lambda: logged.extend(daemon.stderr or ()), daemon=True)
    reader.start()

    def crawled_sources() -> set[str]:
        archive = tmp_path / "data" / "archive.db"
        try:  # read-only: never creates the file before the daemon's crawl does
            with sqlite3.connect(f"file:{archive}?mode=ro", uri=True) as db:
                return {row[0] for row in db.execute("SELECT source FROM crawls")}
        except sqlite3.OperationalError:  # not created or not migrated yet
            return set()

    def wait_for(condition: object, what: str) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if condition():  # type: ignore[operator]
                return
            time.sleep(0.2)
        raise AssertionError(f"timed out waiting for {what}")

    try:
        wait_for(lambda: "ledger" in crawled_sources(), "the first crawl")
        second = f'''
[[source]]
name = "ledger-home"
start_urls = ["{site.url}/"]
allow = ['/news/\\\\d{{4}}/']
every = "1h"
'''
        with_second = original.replace("\n[[rule]]", second + "\n[[rule]]", 1)
        config.write_text(with_second)
        wait_for(lambda: "ledger-home" in crawled_sources(), "the added source's crawl")
        # paused (enabled = false): its schedule goes, said as a pause; then back
        config.write_text(with_second.replace('every = "1h"', 'every = "1h"\nenabled = false'))
        wait_for(lambda: "removed: -; paused: ledger-home;" in "".join(logged), "the pause")
        config.write_text(with_second)
        wait_for(lambda: "".join(logged).count("added: ledger-home") == 2, "the source back")
        config.write_text(original.replace('every = "30m"', 'every = "2h"'))
        wait_for(
            lambda: "removed: ledger-home; paused: -; rescheduled: ledger" in "".join(logged),
            "removal",
        )
        config.write_text(original.replace('every = "30m"', 'every = "soon"'))
        daemon.send_signal(signal.SIGHUP)
        time.sleep(3)
        assert daemon.poll() is None, "a broken config stopped the daemon"
        # crawls go on with the last version that validated
        running = (tmp_path / ".monitor.toml.running").read_text()
        assert 'every = "2h"' in running and "soon" not in running
        assert run_monitor("crawl", "--config", str(tmp_path / ".monitor.toml.running")).stdout
    finally:
        daemon.send_signal(signal.SIGTERM)
        daemon.wait(timeout=60)
        reader.join(timeout=10)
    err = "".join(logged)
    assert daemon.returncode == 0, err[-2000:]
    assert "config reloaded: 2 sources scheduled (added: ledger-home" in err
    assert "config not reloaded, the daemon goes on with the one it had" in err
    assert f"{config}: source[0].every: bad schedule 'soon'" in err
    assert not (tmp_path / ".monitor.toml.running").exists()  # removed when the daemon stops


def test_sigterm_stops_cleanly_while_the_daemon_is_blocked_writing_its_log(
    tmp_path: Path, site: SiteServer, smtp: SmtpSink, hook: WebhookSink
) -> None:
    """A log reader that falls behind (a full pipe, a throttled journal) blocks the daemon in a
    write; a SIGTERM then must still stop it cleanly. A signal handler that itself wrote to the
    log would re-enter the same stream ("reentrant call") and end the daemon with a traceback."""
    import time

    config = site_config(tmp_path, site, smtp, hook, source_extra='every = "1s"')
    config.write_text(config.read_text().replace('every = "30m"\n', ""))
    daemon = subprocess.Popen(
        [sys.executable, "-m", "monitor", "run", "--config", str(config), "--log-level", "DEBUG"],
        cwd=ROOT,
        env={**os.environ, "TEST_HOOK_SECRET": HOOK_SECRET},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,  # read by no one until the end: it fills, and writes block
    )
    try:
        deadline = time.monotonic() + 60
        blocked = False
        while not blocked and time.monotonic() < deadline:
            time.sleep(0.2)
            # the main thread inside write(2) to stderr (x86-64 and arm64 number write 1 and 64)
            call = Path(f"/proc/{daemon.pid}/syscall").read_text().split()
            blocked = len(call) > 1 and call[0] in ("1", "64") and int(call[1], 16) == 2
        assert blocked, "the daemon's log never filled its pipe"
        daemon.send_signal(signal.SIGTERM)
    finally:
        _, err = daemon.communicate(timeout=120)
    assert daemon.returncode == 0, err[-3000:].decode(errors="replace")
    assert b"signal 15: stopping" in err and b"reentrant" not in err


def test_crawls_run_parallel_crawls_at_a_time(tmp_path: Path, site: SiteServer) -> None:
    """Five sources due at once, parallel_crawls = 2: never more than two crawls at a time
    (each a process with its own extraction workers); the others wait their turn."""
    import time

    site.site.crawl_delay = None
    sources = "".join(
        f'[[source]]\nname = "s{i}"\nfeeds = ["{site.url}/rss.xml?s={i}"]\nevery = "1h"\n'
        for i in range(5)
    )
    config = tmp_path / "monitor.toml"
    config.write_text(
        'database = "archive.db"\n[crawl]\ndownload_delay = 0.3\nparallel_crawls = 2\n'
        f'{sources}[[rule]]\nname = "euronest"\nquery = "Euronest"\n'
    )
    daemon = start_daemon(config)
    try:
        deadline = time.monotonic() + 120
        done: list[tuple[str, str]] = []
        while len(done) < 5 and time.monotonic() < deadline:
            time.sleep(0.3)
            try:
                with sqlite3.connect(f"file:{tmp_path / 'archive.db'}?mode=ro", uri=True) as db:
                    done = db.execute("SELECT started_at, finished_at FROM crawls").fetchall()
            except sqlite3.OperationalError:  # not created yet
                continue
        assert len(done) == 5, done
    finally:
        daemon.send_signal(signal.SIGTERM)
        _, err = daemon.communicate(timeout=60)
    assert daemon.returncode == 0, err[-2000:]
    # at no crawl's start were two others running
    for start, _ in done:
        running = [1 for s, f in done if s <= start < f]
        assert len(running) <= 2, done
