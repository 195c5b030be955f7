"""Alerts carrying hostile article text: nothing reaches a header or markup unescaped."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from alerts.channels import EmailSender, WebhookSender
from alerts.delivery import deliver_pending
from monitor.archive import Store
from monitor.config import EmailChannel, WebhookChannel
from monitor.demo.receivers import SmtpSink, WebhookSink
from monitor.models import Article, Match
from tests.conftest import HOOK_SECRET

HOSTILE_TITLE = 'Breaking\r\nBcc: victim@evil.invalid\u2028X-Evil: 1 <script>alert("x")</script>'
HOSTILE_URL = "javascript:alert(document.cookie)"


def queue_hostile(tmp_path: Path, channels: list[str]) -> Store:
    store = Store(tmp_path / "a.db")
    article = Article(
        HOSTILE_URL,
        HOSTILE_TITLE,
        'Euronest <img src=x onerror="alert(1)"> met.\r\nTo: more@evil.invalid',
        source="s<b>",
    )
    sentence = 'Euronest <img src=x onerror="alert(1)"> met.'
    store.save_article(
        article,
        [Match("euronest", "text", 0, 8, "Euronest", sentence)],
        {"euronest": channels},
        now="2026-01-01T00:00:00+00:00",
    )
    return store


def test_hostile_title_cannot_inject_headers_or_markup(tmp_path: Path, smtp: SmtpSink) -> None:
    """Through a real SMTP server: one Subject, no injected header, recipients unchanged, HTML escaped."""
    store = queue_hostile(tmp_path, ["desk"])
    channel = EmailChannel("desk", smtp.url, "monitor@test.invalid", ("desk@test.invalid",))
    report = deliver_pending(store, {"desk": EmailSender(channel)})
    assert report.sent == 1
    [mail] = smtp.messages
    assert mail.rcpt_tos == ["desk@test.invalid"]
    message = mail.message
    assert len(message.get_all("Subject")) == 1
    assert message.get_all("Bcc") is None and message.get_all("X-Evil") is None
    assert "\n" not in str(message["Subject"]) and "\u2028" not in str(message["Subject"])
    headers = mail.raw.split(b"\r\n\r\n", 1)[0].decode()
    names = [
        line.split(":", 1)[0].lower()
        for line in headers.split("\r\n")
        if line and not line[0].isspace()
    ]
    assert "bcc" not in names and "x-evil" not in names and names.count("subject") == 1
    assert message["Message-ID"].startswith("<alert-")
    html = message.get_body(("html",)).get_content()
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x" in html
    assert 'href="javascript' not in html
    assert "<mark>Euronest</mark>" in html


def test_webhook_is_verifiable_and_keeps_its_id_across_retries(
    tmp_path: Path, hook: WebhookSink
) -> None:
    """A 500 keeps the alert pending; the retry carries the same webhook-id and verifies."""
    store = queue_hostile(tmp_path, ["hook"])
    sender = WebhookSender(
        WebhookChannel("hook", hook.url, HOOK_SECRET), client=httpx.Client(timeout=5)
    )
    hook.status = 500
    first = deliver_pending(store, {"hook": sender}, secrets=(HOOK_SECRET,))
    assert (first.sent, first.retry_later) == (0, 1)
    [row] = store.conn.execute("SELECT status, attempts, last_error FROM alerts").fetchall()
    assert row[:2] == ("pending", 1) and "HTTP 500" in row[2] and HOOK_SECRET not in row[2]
    hook.status = 200
    assert deliver_pending(store, {"hook": sender}).sent == 0  # still backing off
    later = datetime.now(UTC) + timedelta(hours=1)
    assert deliver_pending(store, {"hook": sender}, clock=lambda: later).sent == 1
    assert deliver_pending(store, {"hook": sender}, clock=lambda: later).sent == 0
    ids = [a.headers["webhook-id"] for a in hook.attempts]
    assert len(ids) == 2 and ids[0] == ids[1] == hook.received[0].headers["webhook-id"]
    payload = Webhook(HOOK_SECRET).verify(hook.received[0].body, hook.received[0].headers)
    assert payload["data"]["article"]["title"] == HOSTILE_TITLE  # JSON carries it verbatim, safely
    assert json.loads(hook.received[0].body)["data"]["matches"][0]["text"] == "Euronest"


def test_tampered_webhook_fails_verification(tmp_path: Path, hook: WebhookSink) -> None:
    store = queue_hostile(tmp_path, ["hook"])
    deliver_pending(store, {"hook": WebhookSender(WebhookChannel("hook", hook.url, HOOK_SECRET))})
    received = hook.received[0]
    with pytest.raises(WebhookVerificationError):
        Webhook(HOOK_SECRET).verify(
            received.body.replace(b"Euronest", b"Eur0nest"), received.headers
        )


def test_a_crashing_sender_keeps_its_alert_pending_and_the_rest_go_out(
    tmp_path: Path, hook: WebhookSink
) -> None:
    """An unexpected exception for one channel is recorded as that alert's error; others still send."""

    class Broken:
        def send(self, alert: object, matches: object) -> None:
            raise KeyError("template bug")

    store = queue_hostile(tmp_path, ["broken", "hook"])
    report = deliver_pending(
        store,
        {"broken": Broken(), "hook": WebhookSender(WebhookChannel("hook", hook.url, HOOK_SECRET))},
    )
    assert (report.sent, report.retry_later) == (1, 1)
    rows = dict(
        store.conn.execute(
            "SELECT channel, status || ' ' || coalesce(last_error, '') FROM alerts"
        ).fetchall()
    )
    assert rows["hook"] == "sent "
    assert rows["broken"] == "pending internal error: KeyError: 'template bug'"
