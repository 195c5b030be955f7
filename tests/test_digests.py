"""Digests and caps: hourly and daily digests, and a flood turned into a digest, nothing dropped."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from standardwebhooks.webhooks import Webhook

from alerts.channels import EmailSender, WebhookSender
from alerts.delivery import deliver_pending
from alerts.quiet_hours import parse_quiet_hours, quiet_until
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


def test_alerts_due_in_quiet_hours_wait_for_one_digest_at_their_end(
    tmp_path: Path, smtp: SmtpSink
) -> None:
    """Asia/Baku is UTC+4: quiet 22:00-07:00 there is 18:00-03:00 UTC."""
    store = queue(tmp_path, "desk", 3, when="2026-11-26T19:10:00")
    quiet = {"desk": Schedule(quiet_hours="22:00-07:00", timezone="Asia/Baku")}
    sender = EmailSender(EmailChannel("desk", smtp.url, "m@t.invalid", ("d@t.invalid",)))

    def deliver(when: str) -> Any:
        return deliver_pending(store, {"desk": sender}, schedules=quiet, clock=lambda: at(when))

    night = deliver("2026-11-26T19:20:00")
    assert (night.sent, night.quiet) == (0, 3) and not smtp.messages
    assert deliver("2026-11-27T02:59:00").sent == 0 and not smtp.messages
    morning = deliver("2026-11-27T03:00:05")
    assert (morning.sent, morning.digests) == (3, 1)
    [mail] = smtp.messages
    assert mail.message["Subject"] == "[monitor] digest: 3 alerts (r)"
    # the day: an alert goes out alone as it comes, and nothing goes twice
    queue(tmp_path / "day", "desk", 1, when="2026-11-27T09:00:00").close()
    store.close()
    store = Store(tmp_path / "day" / "a.db")
    day = deliver("2026-11-27T09:01:00")
    assert (day.sent, day.quiet, day.digests, len(smtp.messages)) == (1, 0, 0, 2)
    assert smtp.messages[1].message["Subject"].startswith("[monitor] r: Story 0")


def test_a_digest_due_in_quiet_hours_waits_for_their_end(tmp_path: Path, hook: WebhookSink) -> None:
    store = queue(tmp_path, "hook", 2, when="2026-11-26T23:10:00")
    hourly = {"hook": Schedule(digest="hourly", quiet_hours="00:00-06:30")}  # UTC
    for when, sent in (("2026-11-27T00:00:05", 0), ("2026-11-27T06:29:00", 0)):
        report = deliver_pending(
            store, {"hook": hook_sender(hook)}, schedules=hourly, clock=lambda w=when: at(w)
        )
        assert report.sent == sent and not hook.received
    report = deliver_pending(
        store,
        {"hook": hook_sender(hook)},
        schedules=hourly,
        clock=lambda: at("2026-11-27T06:30:01"),
    )
    assert (report.sent, report.digests, len(hook.received)) == (2, 1, 1)


@pytest.mark.parametrize(
    ("local_now", "quiet", "ends"),
    [
        ("2026-11-26T23:30", "22:00-07:00", "2026-11-27T07:00"),
        ("2026-11-27T06:59", "22:00-07:00", "2026-11-27T07:00"),
        ("2026-11-27T07:00", "22:00-07:00", None),
        ("2026-11-27T21:59", "22:00-07:00", None),
        ("2026-11-27T22:00", "22:00-07:00", "2026-11-28T07:00"),
        ("2026-11-27T12:30", "12:00-13:30", "2026-11-27T13:30"),
        ("2026-11-27T13:30", "12:00-13:30", None),
        ("2026-11-27T11:00", "12:00-13:30", None),
        ("2026-11-27T03:00", " 1:00 - 6:00 ", "2026-11-27T06:00"),
    ],
)
def test_quiet_hours_are_the_channels_local_time(
    local_now: str, quiet: str, ends: str | None
) -> None:
    zone = ZoneInfo("Europe/Berlin")
    now = datetime.fromisoformat(local_now).replace(tzinfo=zone)
    until = quiet_until(now.astimezone(UTC), quiet, "Europe/Berlin")
    expected = datetime.fromisoformat(ends).replace(tzinfo=zone) if ends else None
    assert until == expected


def test_a_quiet_hours_value_is_a_period_of_the_day() -> None:
    assert parse_quiet_hours("22:00-07:00") == parse_quiet_hours("22:00–07:00") is not None
    for wrong in ("22-7", "22:00", "07:00-07:00", "25:00-07:00", "22:00/07:00", "night"):
        assert parse_quiet_hours(wrong) is None, wrong
