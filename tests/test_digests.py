"""Digests and caps: hourly and daily digests, and a flood turned into a digest, nothing dropped."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import httpx
from standardwebhooks.webhooks import Webhook

from alerts.channels import EmailSender, WebhookSender
from alerts.delivery import deliver_pending
from monitor.archive import Store
from monitor.config import EmailChannel, Schedule, WebhookChannel
from monitor.demo.receivers import SmtpSink, WebhookSink
from monitor.models import Article, Match
from tests.conftest import HOOK_SECRET


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def queue(tmp_path: Path, channel: str, n: int, *, when: str, rule: str = "r") -> Store:
    store = Store(tmp_path / "a.db")
    for i in range(n):
        text = f"Story number {i} about Euronest: " + " ".join(f"word{i}x{k}" for k in range(30))
        store.save_article(
            Article(f"https://e.org/{rule}/{i}", f"Story {i} <b>bold</b>", text, source="s"),
            [Match(rule, "text", 0, 5, "Story", f"Story number {i} about Euronest")],
            {rule: [channel]},
            now=at(when).isoformat(timespec="seconds"),
        )
    return store


def hook_sender(hook: WebhookSink) -> WebhookSender:
    return WebhookSender(
        WebhookChannel("hook", hook.url, HOOK_SECRET), client=httpx.Client(timeout=5)
    )


def test_hourly_digest_goes_out_at_the_next_full_hour_as_one_signed_message(
    tmp_path: Path, hook: WebhookSink
) -> None:
    store = queue(tmp_path, "hook", 3, when="2026-11-26T10:20:00")
    hourly = {"hook": Schedule(digest="hourly")}
    assert (
        deliver_pending(
            store,
            {"hook": hook_sender(hook)},
            schedules=hourly,
            clock=lambda: at("2026-11-26T10:59:00"),
        ).sent
        == 0
    )
    report = deliver_pending(
        store,
        {"hook": hook_sender(hook)},
        schedules=hourly,
        clock=lambda: at("2026-11-26T11:00:05"),
    )
    assert (report.sent, report.digests) == (3, 1)
    [received] = hook.received
    payload = Webhook(HOOK_SECRET).verify(received.body, received.headers)
    assert payload["type"] == "monitor.digest" and len(payload["data"]["alerts"]) == 3
    assert received.headers["webhook-id"].startswith("msg_digest_")
    assert (
        deliver_pending(
            store,
            {"hook": hook_sender(hook)},
            schedules=hourly,
            clock=lambda: at("2026-11-26T12:00:05"),
        ).sent
        == 0
    )


def test_daily_digest_at_a_local_time_by_rule_escaped(tmp_path: Path, smtp: SmtpSink) -> None:
    store = queue(tmp_path, "desk", 2, when="2026-11-26T10:00:00", rule="euronest")
    queue(tmp_path, "desk", 1, when="2026-11-26T11:00:00", rule="ismayilova").close()
    daily = {"desk": Schedule(digest="daily", at="08:00", timezone="Asia/Baku")}  # 04:00 UTC
    sender = EmailSender(EmailChannel("desk", smtp.url, "m@t.invalid", ("d@t.invalid",)))
    assert (
        deliver_pending(
            store, {"desk": sender}, schedules=daily, clock=lambda: at("2026-11-27T03:59:00")
        ).sent
        == 0
    )
    assert (
        deliver_pending(
            store, {"desk": sender}, schedules=daily, clock=lambda: at("2026-11-27T04:00:00")
        ).sent
        == 3
    )
    [mail] = smtp.messages
    message = mail.message
    assert message["Subject"] == "[monitor] digest: 3 alerts (euronest, ismayilova)"
    assert message["Message-ID"].startswith("<digest-")
    text = message.get_body(("plain",)).get_content()
    assert text.index("== euronest ==") < text.index("== ismayilova ==")
    html = message.get_body(("html",)).get_content()
    assert "<b>bold</b>" not in html and "&lt;b&gt;bold&lt;/b&gt;" in html


def test_a_flood_over_max_per_hour_becomes_a_digest_and_nothing_is_dropped(
    tmp_path: Path, hook: WebhookSink
) -> None:
    store = queue(tmp_path, "hook", 5, when="2026-11-26T10:20:00")
    capped = {"hook": Schedule(max_per_hour=2)}
    first = deliver_pending(
        store,
        {"hook": hook_sender(hook)},
        schedules=capped,
        clock=lambda: at("2026-11-26T10:21:00"),
    )
    assert (first.sent, first.held) == (2, 3)
    assert (
        deliver_pending(
            store,
            {"hook": hook_sender(hook)},
            schedules=capped,
            clock=lambda: at("2026-11-26T10:50:00"),
        ).sent
        == 0
    )
    later = deliver_pending(
        store,
        {"hook": hook_sender(hook)},
        schedules=capped,
        clock=lambda: at("2026-11-26T11:00:01"),
    )
    assert (later.sent, later.digests) == (3, 1)
    kinds = [h.payload["type"] for h in hook.received]
    assert kinds == ["monitor.alert", "monitor.alert", "monitor.digest"]
    assert store.conn.execute("SELECT DISTINCT status FROM alerts").fetchall() == [("sent",)]


def test_monitor_deliver_respects_a_channels_digest(tmp_path: Path, hook: WebhookSink) -> None:
    """`monitor deliver` (and the daemon) hold a digest channel's alerts for the digest."""
    from tests.conftest import run_monitor

    (tmp_path / "monitor.toml").write_text(
        'database = "a.db"\n[[source]]\nname = "s"\nfeeds = ["https://e.org/rss.xml"]\n'
        '[[rule]]\nname = "r"\nquery = "Euronest"\n'
        f'[[channel]]\nname = "hook"\ntype = "webhook"\nurl = "{hook.url}"\ndigest = "daily"\n'
    )
    queue(tmp_path, "hook", 2, when=datetime.now(UTC).isoformat()).close()
    done = run_monitor("deliver", "--now", "--config", str(tmp_path / "monitor.toml"))
    assert "delivery: 0 sent" in done.stdout and hook.received == []
