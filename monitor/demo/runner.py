"""`monitor demo`: a local news site, two crawl rounds in child processes, real alerts, then SQL."""

from __future__ import annotations

import base64
import os
import secrets
import subprocess
import sys
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from monitor.archive import Store
from monitor.demo.receivers import SmtpSink, WebhookSink
from monitor.demo.site import NewsSite, SiteServer, load_demo_articles
from monitor.readonly import run_sql

Echo = Callable[[str], None]
EXAMPLE_QUERIES = [
    (
        "Articles per source, with the date range they cover",
        "SELECT source, count(*) AS articles, min(published) AS first, max(published) AS last "
        "FROM articles GROUP BY source",
    ),
    (
        "Which rules fired, and how often",
        "SELECT rule, channel, count(*) AS alerts, sum(status = 'sent') AS sent "
        "FROM alerts GROUP BY rule, channel ORDER BY alerts DESC",
    ),
    (
        "Full-text search with FTS5: articles mentioning journalists and prison",
        "SELECT a.published, a.title FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
        "WHERE articles_fts MATCH 'journalist* AND (prison OR jailed OR detention)' ORDER BY rank LIMIT 5",
    ),
]


def run_demo(directory: Path, *, echo: Echo) -> None:
    started = time.monotonic()
    directory.mkdir(parents=True, exist_ok=True)
    for stale in directory.glob("archive.db*"):
        stale.unlink()
    site = NewsSite(load_demo_articles())
    with SiteServer(site) as server, SmtpSink() as smtp, WebhookSink() as hook:
        config_path = directory / "monitor.toml"
        template = resources.files("monitor.demo").joinpath("demo.toml").read_text("utf-8")
        config_path.write_text(
            template.format(site=server.url, smtp=smtp.url, hook=hook.url), "utf-8"
        )
        secret = "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()
        env = {**os.environ, "MONITOR_DEMO_HOOK_SECRET": secret}
        echo(
            f"Demo news site:   {server.url}/  ({len(site.published())} articles, RSS, news sitemap, robots.txt)"
        )
        echo(f"SMTP server:      {smtp.url}  (aiosmtpd)")
        echo(f"Webhook receiver: {hook.url}  (Standard Webhooks signatures)")
        echo(f"Config:           {config_path}")
        echo("")
        echo("== Round 1: first crawl of the site")
        _crawl(config_path, env, echo)
        _show_received(smtp, hook, 0, 0, echo)
        mails_before, hooks_before = len(smtp.messages), len(hook.received)
        echo("")
        site.round = 2
        new = len(site.published()) - 20
        echo(f"== Round 2: the site publishes {new} new stories; crawling again")
        _crawl(config_path, env, echo)
        _show_received(smtp, hook, mails_before, hooks_before, echo)
    database = directory / "archive.db"
    _show_archive(database, echo)
    echo("")
    echo(
        f"Done in {time.monotonic() - started:.1f}s. The archive stays at {database.resolve()}; explore it:"
    )
    echo(f"  monitor search --config {config_path} 'Euronest'")
    echo(
        f'  monitor sql --config {config_path} "SELECT title, published FROM articles ORDER BY published DESC"'
    )
    echo(f"  monitor alerts --config {config_path}")
    echo(f"  monitor show --config {config_path} 1   (an article whole, by its id or address)")
    echo(f"  sqlite3 {database}   (or: datasette {database})")


def _crawl(config_path: Path, env: dict[str, str], echo: Echo) -> None:
    """Run `monitor crawl` as a child process (as the scheduler does) and relay its progress."""
    command = [
        sys.executable,
        "-m",
        "monitor",
        "crawl",
        "--config",
        str(config_path),
        "--log-level",
        "INFO",
    ]
    child = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    assert child.stdout is not None
    for line in child.stdout:
        line = line.rstrip()
        if " monitor.pipeline: " in line:
            echo("  " + line.split(" monitor.pipeline: ", 1)[1])
        elif line and " INFO " not in line:
            echo("  " + line)
    if child.wait() != 0:
        raise SystemExit(f"demo crawl failed with exit status {child.returncode}")


def _show_received(
    smtp: SmtpSink, hook: WebhookSink, mails_before: int, hooks_before: int, echo: Echo
) -> None:
    mails, hooks = smtp.messages[mails_before:], hook.received[hooks_before:]
    echo(f"  received: {len(mails)} emails, {len(hooks)} webhooks")
    for mail in mails[:3]:
        echo(f"    email   {' '.join(str(mail.message['Subject']).split())}")
    for received in hooks[:3]:
        data = received.payload["data"]
        echo(f"    webhook {data['rule']}: {data['article']['title']}")
        echo(f"            “{data['snippet']}”")


def _show_archive(database: Path, echo: Echo) -> None:
    with Store(database) as store:
        counts = store.counts()
        echo("")
        echo(
            f"== Archive: {counts['articles']} articles, {counts.get('alerts_sent', 0)} alerts sent, "
            f"{counts.get('alerts_pending', 0)} pending, {counts.get('alerts_failed', 0)} failed"
        )
        echo("Some alerts with the sentence that matched:")
        shown: set[str] = set()
        for alert in store.alerts(limit=50):
            if alert.rule in shown:
                continue
            shown.add(alert.rule)
            echo(f"  [{alert.rule}] {alert.title}")
            echo(f"      “{alert.snippet}”")
    for label, sql in EXAMPLE_QUERIES:
        echo("")
        echo(f"-- {label}")
        echo(f'monitor sql "{sql}"')
        columns, rows = run_sql(database, sql)
        echo("  " + " | ".join(columns))
        for row in rows[:8]:
            echo("  " + " | ".join("" if v is None else str(v)[:70] for v in row))
