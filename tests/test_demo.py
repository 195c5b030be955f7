"""The demo runs end to end from the installed package."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.conftest import run_monitor


def test_demo_runs_to_completion_and_second_round_alerts_only_new_stories(tmp_path: Path) -> None:
    """`monitor demo` crawls twice, sends real alerts, prints SQL examples and leaves the archive."""
    done = run_monitor("demo", "--dir", str(tmp_path / "demo"))
    out = done.stdout
    assert "== Round 1" in out and "== Round 2" in out
    assert "received: 6 emails, 8 webhooks" in out  # round 1
    assert "received: 3 emails, 3 webhooks" in out  # round 2: only the new stories
    assert "24 articles, 20 alerts sent, 0 pending, 0 failed" in out
    assert out.count("monitor sql ") >= 3
    db = sqlite3.connect(tmp_path / "demo" / "archive.db")
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 24
    assert db.execute("SELECT count(*) FROM alerts WHERE status = 'sent'").fetchone()[0] == 20
