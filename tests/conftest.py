"""Shared fixtures: real loopback servers (news site, SMTP, webhook receiver) and a CLI runner."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from monitor.demo.receivers import SmtpSink, WebhookSink
from monitor.demo.site import NewsSite, Page, SiteServer, load_demo_articles

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"
HOOK_SECRET = "whsec_" + base64.b64encode(b"test-secret-for-webhooks-0123456").decode()


@pytest.fixture(autouse=True, scope="session")
def _compiled_rules_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Compiled rule sets are cached in a directory of the test session, not the user's."""
    previous = os.environ.get("MONITOR_CACHE_DIR")
    os.environ["MONITOR_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if previous is None:
        os.environ.pop("MONITOR_CACHE_DIR", None)
    else:
        os.environ["MONITOR_CACHE_DIR"] = previous


def shared_data(*parts: str) -> Path:
    """A path in ../shared/data; skip (or fail under CI) when the folder is absent."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(
                f"{path} is missing but CI=true: ../shared/data must be beside the checkout"
            )
        pytest.skip(f"{path} not found: ../shared/data is not beside this checkout")
    return path


@pytest.fixture
def site() -> Iterator[SiteServer]:
    with SiteServer(NewsSite(load_demo_articles())) as server:
        yield server


@pytest.fixture
def smtp() -> Iterator[SmtpSink]:
    with SmtpSink() as sink:
        yield sink


@pytest.fixture
def hook() -> Iterator[WebhookSink]:
    with WebhookSink() as sink:
        yield sink


def site_config(
    tmp_path: Path, site: SiteServer, smtp: SmtpSink, hook: WebhookSink, **extra: Any
) -> Path:
    """A config shaped like the README's, pointing at the loopback servers."""
    rules = extra.get(
        "rules",
        """
[[rule]]
name = "euronest"
query = 'Euronest OR "Eastern Partnership"'
channels = ["desk", "hook"]

[[rule]]
name = "ismayilova"
person = "Khadija Ismayilova"
""",
    )
    text = f"""
database = "data/archive.db"

[crawl]
download_delay = 0
timeout = 5

[[source]]
name = "ledger"
feeds = ["{site.url}/rss.xml"]
sitemaps = ["{site.url}/sitemap-news.xml"]
start_urls = ["{site.url}/"]
allow = ['/news/\\d{{4}}/']
every = "30m"
{extra.get("source_extra", "")}
{rules}
[[channel]]
name = "desk"
type = "email"
smtp_url = "{smtp.url}"
from = "monitor@test.invalid"
to = ["desk@test.invalid"]

[[channel]]
name = "hook"
type = "webhook"
url = "{hook.url}"
secret_env = "TEST_HOOK_SECRET"
"""
    path = tmp_path / "monitor.toml"
    path.write_text(text, encoding="utf-8")
    return path


def run_monitor(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None, check: bool = True
) -> subprocess.CompletedProcess[str]:
    """Run the CLI in a child process, as users and the scheduler do (a fresh Twisted reactor)."""
    full_env = {**os.environ, "TEST_HOOK_SECRET": HOOK_SECRET, **(env or {})}
    done = subprocess.run(
        [sys.executable, "-m", "monitor", *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd or ROOT,
        timeout=120,
    )
    if check and done.returncode != 0:
        raise AssertionError(
            f"monitor {' '.join(args)} exited {done.returncode}\n{done.stdout}\n{done.stderr}"
        )
    return done


# commands that start no reactor, server or mailer (backtest's --record writes matches alone)
READ_ONLY_COMMANDS = frozenset(
    {"search", "sql", "show", "alerts", "status", "check", "rules", "backtest"}
)


def read_monitor(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """A command that only reads the archive (search, sql, show, backtest ...) in this process, through the same click
    parsing as `monitor`: a test that asks the archive twenty questions pays one import, not
    twenty interpreter starts. Commands that crawl or send run in a child (run_monitor)."""
    from click.testing import CliRunner

    from monitor.cli import cli

    assert args and args[0] in READ_ONLY_COMMANDS, args
    runner = CliRunner(env={"TEST_HOOK_SECRET": HOOK_SECRET})
    result = runner.invoke(cli, list(args), catch_exceptions=False)
    done = subprocess.CompletedProcess(
        ["monitor", *args], result.exit_code, result.stdout, result.stderr
    )
    if check and done.returncode != 0:
        raise AssertionError(
            f"monitor {' '.join(args)} exited {done.returncode}\n{done.stdout}\n{done.stderr}"
        )
    return done


def council_story(title: str, head: str = "") -> Page:
    """A plain article page (eight paragraphs about `title`), `head` inside its <head>."""
    text = "".join(
        f"<p>{title} was discussed by the council for the {n}th time on Monday evening,"
        f" and {n} members asked for a vote before the end of the session.</p>"
        for n in range(4, 12)
    )
    html = f"<html><head>{head}</head><body><article><h1>{title}</h1>{text}</article></body></html>"
    return Page(200, "text/html; charset=utf-8", html.encode())
