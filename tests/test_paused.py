"""`enabled = false` pauses a source, a rule or a channel without deleting it: checked like the
rest, then not crawled, matched or sent to; a paused channel's pending alerts wait for it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from monitor.config import load_config
from monitor.demo.receivers import SmtpSink, WebhookSink, free_port
from monitor.demo.site import SiteServer
from monitor.errors import ConfigError
from tests.conftest import read_monitor, run_monitor

BASE = """
database = "archive.db"
admin = "desk"
[crawl]
download_delay = 0
timeout = 5

[[source]]
name = "ledger"
feeds = ["{site}/rss.xml"]

[[source]]
name = "elsewhere"
feeds = ["http://127.0.0.1:{dead}/rss.xml"]
enabled = false

[[rule]]
name = "euronest"
query = 'Euronest OR "Eastern Partnership"'

[[rule]]
name = "ismayilova"
person = "Khadija Ismayilova"
enabled = {rule_on}

[[channel]]
name = "desk"
type = "email"
smtp_url = "{smtp}"
from = "monitor@test.invalid"
to = ["desk@test.invalid"]
password_env = "PAUSED_TEST_PASSWORD_NOT_SET"
enabled = {desk_on}

[[channel]]
name = "hook"
type = "webhook"
url = "{hook}"
"""


def write_config(
    path: Path, site: str, smtp: str, hook: str, *, desk_on: bool, rule_on: bool = False
) -> Path:
    text = BASE.format(
        site=site,
        dead=free_port(),
        smtp=smtp,
        hook=hook,
        desk_on=str(desk_on).lower(),
        rule_on=str(rule_on).lower(),
    )
    if desk_on:  # an enabled channel needs its secret
        text = text.replace('password_env = "PAUSED_TEST_PASSWORD_NOT_SET"\n', "")
    path.write_text(text, encoding="utf-8")
    return path


def rows(path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(path.parent / "archive.db") as db:
        return db.execute(sql).fetchall()


def test_paused_items_are_checked_then_set_aside(tmp_path: Path) -> None:
    path = write_config(
        tmp_path / "m.toml", "http://e.org", "smtp://127.0.0.1:1", "https://h.org/", desk_on=False
    )
    config = load_config(path)  # the paused channel's password is not set: no problem
    assert [s.name for s in config.sources] == ["ledger"]
    assert [s.name for s in config.paused_sources] == ["elsewhere"]
    assert [r.name for r in config.rules] == ["euronest"]
    assert [r.name for r in config.paused_rules] == ["ismayilova"]
    assert [c.name for c in config.channels] == ["hook"] and config.paused_channels == ("desk",)
    assert config.rules[0].channels == ("hook",)  # every channel, but the paused one
    assert config.admin is None  # no notices to a paused channel
    with pytest.raises(ConfigError, match="source 'elsewhere' is paused"):
        config.source("elsewhere")

    # a paused item is still checked: enabling it later brings no surprise
    text = path.read_text().replace('name = "desk"\n', 'name = "desk"\ntimeout = -1\n')
    path.write_text(text.replace("enabled = false\n\n[[rule]]", 'enabled = "no"\n\n[[rule]]'))
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert caught.value.problems == [
        f"{path}: channel[0].timeout: must be a number >= 0, got -1",
        f"{path}: source[1].enabled: must be true or false, got 'no'",
    ]

    checked = read_monitor(
        "check",
        "-c",
        str(
            write_config(
                path, "http://e.org", "smtp://127.0.0.1:1", "https://h.org/", desk_on=False
            )
        ),
    ).stdout
    assert "paused (enabled = false):\n  sources: elsewhere (not crawled)\n" in checked
    assert "  rules: ismayilova (not matched; `monitor backtest` still runs them)\n" in checked
    assert "  channels: desk (nothing queued for them" in checked


def test_a_paused_source_rule_and_channel_in_a_crawl(
    tmp_path: Path, site: SiteServer, smtp: SmtpSink, hook: WebhookSink
) -> None:
    # the desk's SMTP server is down: its alerts wait, pending
    dead_smtp = f"smtp://127.0.0.1:{free_port()}"
    path = write_config(tmp_path / "m.toml", site.url, dead_smtp, hook.url, desk_on=True)
    run_monitor("crawl", "-c", str(path))
    euronest = rows(path, "SELECT count(*) FROM alerts WHERE rule = 'euronest'")[0][0] // 2
    assert euronest > 0
    assert rows(path, "SELECT DISTINCT rule FROM alerts") == [("euronest",)]  # paused rule
    assert rows(path, "SELECT DISTINCT status FROM alerts WHERE channel = 'desk'") == [("pending",)]
    assert len(hook.received) == euronest
    assert rows(path, "SELECT DISTINCT source FROM crawls") == [("ledger",)]  # paused source

    # the desk paused: its pending alerts wait, nothing new is queued for it
    write_config(path, site.url, smtp.url, hook.url, desk_on=False)
    delivered = run_monitor("deliver", "--now", "-c", str(path)).stdout
    assert "alerts wait for paused channels (enabled = false): desk" in delivered
    assert smtp.messages == []
    assert rows(path, "SELECT count(*) FROM alerts WHERE status = 'pending'") == [(euronest,)]
    refused = run_monitor("crawl", "--source", "elsewhere", "-c", str(path), check=False)
    assert refused.returncode == 1 and "source 'elsewhere' is paused" in refused.stderr
    tested = run_monitor("test-channels", "desk", "-c", str(path), check=False)
    assert tested.returncode == 2 and "'desk' paused (enabled = false)" in tested.stderr

    # a paused rule still runs over the archive, as one tries it before enabling it again
    tried = read_monitor("backtest", "ismayilova", "-c", str(path)).stdout
    assert "Khadija" in tried or "Ismayilova" in tried

    # enabled again: what waited goes out, once
    write_config(path, site.url, smtp.url, hook.url, desk_on=True)
    run_monitor("deliver", "--now", "-c", str(path))
    assert len(smtp.messages) == euronest
    assert rows(path, "SELECT DISTINCT status FROM alerts") == [("sent",)]
    assert len(hook.received) == euronest
