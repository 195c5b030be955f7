"""The demo runs end to end from the installed package."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.conftest import read_monitor, run_monitor


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
    # the commands it suggests work as printed
    shown = read_monitor("show", "--config", str(tmp_path / "demo" / "monitor.toml"), "1").stdout
    (title,) = db.execute("SELECT title FROM articles WHERE id = 1").fetchone()
    assert shown.startswith(title) and "first read" in shown, shown


def test_readme_quick_start_is_two_commands_and_ci_runs_the_second() -> None:
    """One fenced block of exactly two commands: set up and run the demo; set up and run the
    tests, the very line .ci/run ends with."""
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = section.split("```")[1::2]
    assert len(blocks) == 1, "the quick start holds one fenced block"
    commands = [line for line in blocks[0].splitlines()[1:] if line.strip()]
    assert len(commands) == 2 and commands[0].endswith("monitor demo")
    assert "pytest" in commands[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert ci[-1] == commands[1]
