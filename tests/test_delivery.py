"""Delivery guarantees against real receivers scripted to fail in the ways real ones do."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from alerts.channels import EmailSender, WebhookSender
from alerts.delivery import RetryPolicy, deliver_pending
from monitor.archive import Store
from monitor.config import EmailChannel, WebhookChannel
from monitor.demo.receivers import SmtpSink, WebhookSink, free_port
from monitor.models import Article, Match
from tests.conftest import HOOK_SECRET, ROOT, read_monitor, run_monitor

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def queue(tmp_path: Path, channel: str, n: int = 1) -> Store:
    store = Store(tmp_path / "a.db")
    for i in range(n):
        article = Article(f"https://e.org/{i}", f"Story {i}", "Euronest met.", source="s")
        store.save_article(
            article,
            [Match("r", "text", 0, 8, "Euronest", "Euronest met.")],
            {"r": [channel]},
            now="t",
        )
    return store


def row(store: Store, alert_id: int = 1) -> tuple[str, int, str | None, str | None]:
    return store.conn.execute(
        "SELECT status, attempts, last_error, next_attempt_at FROM alerts WHERE id = ?", (alert_id,)
    ).fetchone()


@pytest.mark.parametrize(
    ("reply", "status", "in_error"),
    [
        ("421 4.3.2 Service shutting down", "pending", "SMTP 421"),
        ("451 4.7.1 Greylisted, try again", "pending", "SMTP 451"),
        ("550 5.1.1 Mailbox unavailable", "failed", "SMTP 550"),
    ],
    ids=["421", "451", "550"],
)
def test_smtp_answers_decide_retry_or_give_up(
    tmp_path: Path, smtp: SmtpSink, reply: str, status: str, in_error: str
) -> None:
    store = queue(tmp_path, "desk")
    smtp.reply = reply
    sender = EmailSender(EmailChannel("desk", smtp.url, "m@t.invalid", ("d@t.invalid",)))
    report = deliver_pending(store, {"desk": sender}, clock=lambda: NOW)
    got = row(store)
    assert got[0] == status and got[1] == 1 and in_error in (got[2] or "")
    assert (got[3] is not None) == (status == "pending")  # a retry time only when it will retry
    assert (report.failed, report.retry_later) == ((1, 0) if status == "failed" else (0, 1))


def test_recipients_the_server_refuses_are_reported_and_the_others_not_mailed_twice(
    tmp_path: Path, smtp: SmtpSink
) -> None:
    """An email that goes to one recipient of two is sent (sending it again would repeat it to
    the one who has it), and what the server said of the other is kept with the alert and
    reported; all refused, it is not sent at all."""
    store = queue(tmp_path, "desk", n=2)
    smtp.refuse["gone@t.invalid"] = "550 5.1.1 <gone@t.invalid>: no such user"
    both = EmailChannel("desk", smtp.url, "m@t.invalid", ("d@t.invalid", "gone@t.invalid"))
    report = deliver_pending(store, {"desk": EmailSender(both)}, clock=lambda: NOW)
    assert report.sent == 2 and [m.rcpt_tos for m in smtp.messages] == [["d@t.invalid"]] * 2
    status, attempts, note, _ = row(store)
    assert (status, attempts) == ("sent", 1)
    assert note == (
        "sent to 1 of 2 recipients; refused: gone@t.invalid: 550 5.1.1 <gone@t.invalid>: no such user"
    )
    assert report.errors[0] == f"desk: {note}"
    assert deliver_pending(store, {"desk": EmailSender(both)}, clock=lambda: NOW).sent == 0
    assert len(smtp.messages) == 2

    (tmp_path / "all").mkdir()
    store = queue(tmp_path / "all", "desk")
    alone = EmailChannel("desk", smtp.url, "m@t.invalid", ("gone@t.invalid",))
    deliver_pending(store, {"desk": EmailSender(alone)}, clock=lambda: NOW)
    status, _, error, _ = row(store)
    assert status == "failed" and "recipients refused: gone@t.invalid: 550" in (error or "")
    assert len(smtp.messages) == 2


def test_an_article_that_matches_several_rules_is_one_email_and_one_event_per_rule(
    tmp_path: Path, smtp: SmtpSink, hook: WebhookSink
) -> None:
    """A person reads one message about an article, naming each rule it matched with that
    rule's sentences; a webhook's receiver (a program) gets one event per rule. Retried
    together, sent together, each alert recorded."""
    store = Store(tmp_path / "a.db")
    text = "Euronest met in Baku. Khadija Ismayilova spoke."
    article = Article("https://e.org/1", "Euronest and a reporter", text, source="s")
    matches = [
        Match("euronest", "text", 0, 8, "Euronest", "Euronest met in Baku."),
        Match("ismayilova", "text", 22, 40, "Khadija Ismayilova", "Khadija Ismayilova spoke."),
    ]
    rules = {"euronest": ["desk", "hook"], "ismayilova": ["desk", "hook"]}
    store.save_article(article, matches, rules, now="t")
    other = Article("https://e.org/2", "Euronest again", "Euronest met.", source="s")
    store.save_article(
        other, [Match("euronest", "text", 0, 8, "Euronest", "Euronest met.")], rules, now="t"
    )
    desk = EmailChannel("desk", smtp.url, "m@t.invalid", ("d@t.invalid",))
    senders = {
        "desk": EmailSender(desk),
        "hook": WebhookSender(WebhookChannel("hook", hook.url, HOOK_SECRET)),
    }
    smtp.reply = "451 4.7.1 Try again later"
    first = deliver_pending(store, senders, clock=lambda: NOW)
    assert (first.retry_later, first.sent) == (2, 3)  # the desk's first message: 2 alerts
    attempts = store.conn.execute(
        "SELECT rule, attempts, status FROM alerts WHERE channel = 'desk' ORDER BY id"
    ).fetchall()
    assert attempts[:2] == [("euronest", 1, "pending"), ("ismayilova", 1, "pending")]
    smtp.reply = "250 OK"
    later = deliver_pending(store, senders, clock=lambda: NOW + timedelta(hours=1))
    assert later.sent == 3
    assert store.conn.execute("SELECT DISTINCT status FROM alerts").fetchall() == [("sent",)]
    assert len(hook.received) == 3  # one event per rule and article
    together, alone = (m.message for m in smtp.messages)
    assert together["Subject"] == "[monitor] euronest, ismayilova: Euronest and a reporter"
    uids = [u for (u,) in store.conn.execute("SELECT uid FROM alerts WHERE channel = 'desk'")]
    assert together["X-Monitor-Alerts"] == f"{uids[0]}, {uids[1]}"
    body = together.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert "Rules: euronest, ismayilova" in body
    assert 'Matched (euronest):\n  "Euronest" in: Euronest met in Baku.' in body
    assert 'Matched (ismayilova):\n  "Khadija Ismayilova" in: Khadija Ismayilova' in body
    assert "<mark>Khadija Ismayilova</mark>" in together.get_body(("html",)).get_content()
    assert alone["Subject"] == "[monitor] euronest: Euronest again"
    assert "Rule: euronest\r\n" in alone.get_body(("plain",)).get_content()


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_smtp_authentication_failure_is_permanent(tmp_path: Path) -> None:
    with SmtpSink(password="right") as smtp:
        store = queue(tmp_path, "desk")
        wrong = EmailChannel(
            "desk", smtp.url, "m@t.invalid", ("d@t.invalid",), username="u", password="wrong"
        )
        deliver_pending(store, {"desk": EmailSender(wrong)}, clock=lambda: NOW, secrets=("wrong",))
        status, _, error, _ = row(store)
        assert (
            status == "failed"
            and "authentication failed: 535" in (error or "")
            and "wrong" not in (error or "")
        )
        store.conn.execute("UPDATE alerts SET status = 'pending'")
        right = EmailChannel(
            "desk", smtp.url, "m@t.invalid", ("d@t.invalid",), username="u", password="right"
        )
        assert deliver_pending(store, {"desk": EmailSender(right)}, clock=lambda: NOW).sent == 1
        assert len(smtp.messages) == 1


def test_connection_dropped_before_the_final_reply_is_retried_with_the_same_message_id(
    tmp_path: Path, smtp: SmtpSink
) -> None:
    store = queue(tmp_path, "desk")
    sender = EmailSender(EmailChannel("desk", smtp.url, "m@t.invalid", ("d@t.invalid",)))
    smtp.drop_connection = True
    deliver_pending(store, {"desk": sender}, clock=lambda: NOW)
    assert row(store)[0] == "pending" and "Disconnected" in (row(store)[2] or "")
    smtp.drop_connection = False
    deliver_pending(store, {"desk": sender}, clock=lambda: NOW + timedelta(hours=1))
    [mail] = smtp.messages
    uid = store.conn.execute("SELECT uid FROM alerts").fetchone()[0]
    assert mail.message["Message-ID"] == f"<alert-{uid}@t.invalid>"
    assert mail.message["Auto-Submitted"] == "auto-generated"  # no out-of-office replies


def hook_sender(hook: WebhookSink, timeout: float = 5.0) -> WebhookSender:
    return WebhookSender(
        WebhookChannel("hook", hook.url, HOOK_SECRET, timeout), client=httpx.Client(timeout=timeout)
    )


def test_webhook_500_backs_off_exponentially_with_jitter(tmp_path: Path, hook: WebhookSink) -> None:
    store = queue(tmp_path, "hook")
    hook.status = 500
    policy = RetryPolicy(base=30, cap=3600, max_attempts=4)
    waits = []
    at = NOW
    for _ in range(4):
        deliver_pending(store, {"hook": hook_sender(hook)}, clock=lambda at=at: at, policy=policy)
        status, _, _, next_at = row(store)
        if status == "failed":
            break
        waits.append((datetime.fromisoformat(next_at) - at).total_seconds())
        at = datetime.fromisoformat(next_at)
    assert [15 <= waits[0] <= 30, 30 <= waits[1] <= 60, 60 <= waits[2] <= 120] == [True, True, True]
    assert row(store)[:2] == ("failed", 4)  # too many attempts: given up, with its reason
    assert "HTTP 500" in (row(store)[2] or "")


def test_webhook_503_retry_after_is_honoured(tmp_path: Path, hook: WebhookSink) -> None:
    store = queue(tmp_path, "hook")
    hook.status, hook.retry_after = 503, "120"
    deliver_pending(store, {"hook": hook_sender(hook)}, clock=lambda: NOW)
    assert row(store)[3] == (NOW + timedelta(seconds=120)).isoformat(timespec="seconds")
    hook.status, hook.retry_after = 200, None
    assert (
        deliver_pending(
            store, {"hook": hook_sender(hook)}, clock=lambda: NOW + timedelta(seconds=60)
        ).sent
        == 0
    )
    assert (
        deliver_pending(
            store, {"hook": hook_sender(hook)}, clock=lambda: NOW + timedelta(seconds=121)
        ).sent
        == 1
    )


def test_webhook_410_disables_the_endpoint_until_retried(tmp_path: Path, hook: WebhookSink) -> None:
    store = queue(tmp_path, "hook", n=3)
    hook.status = 410
    report = deliver_pending(store, {"hook": hook_sender(hook)}, clock=lambda: NOW)
    assert (report.failed, len(hook.attempts)) == (1, 1)  # the rest are not even tried
    assert (
        deliver_pending(
            store, {"hook": hook_sender(hook)}, clock=lambda: NOW + timedelta(days=1)
        ).sent
        == 0
    )
    assert row(store, 2)[0] == "pending"


def test_other_4xx_is_permanent_but_408_and_429_are_not(tmp_path: Path, hook: WebhookSink) -> None:
    store = queue(tmp_path, "hook", n=1)
    for status, outcome in ((429, "pending"), (408, "pending"), (400, "failed")):
        hook.status = status
        deliver_pending(store, {"hook": hook_sender(hook)}, clock=lambda: NOW, ignore_backoff=True)
        assert row(store)[0] == outcome, status


@pytest.mark.parametrize("status", [301, 302, 307, 308])
def test_a_redirected_webhook_fails_at_once_naming_where_it_went(
    tmp_path: Path, hook: WebhookSink, status: int
) -> None:
    """Not followed (a 301 to 303 would come back as a GET without the alert) nor asked again
    and again: the error says where the endpoint went, for the config."""
    store = queue(tmp_path, "hook")
    hook.status, hook.location = status, "https://hooks.example.org/new"
    report = deliver_pending(store, {"hook": hook_sender(hook)}, clock=lambda: NOW)
    state, attempts, error, retry_at = row(store)
    assert (state, attempts, retry_at, report.failed) == ("failed", 1, None, 1)
    assert error == (
        f"webhook HTTP {status}; the endpoint moved to https://hooks.example.org/new: "
        "set the channel's url to it"
    )
    assert len(hook.attempts) == 1 and hook.received == []


def test_slower_than_the_client_timeout_is_retried(tmp_path: Path, hook: WebhookSink) -> None:
    store = queue(tmp_path, "hook")
    hook.delay = 3.0
    deliver_pending(store, {"hook": hook_sender(hook, timeout=0.3)}, clock=lambda: NOW)
    status, attempts, error, _ = row(store)
    assert (status, attempts) == ("pending", 1) and "Timeout" in (error or "")


CONFIG = """
database = "a.db"
[[source]]
name = "s"
feeds = ["https://e.org/rss.xml"]
[[rule]]
name = "r"
query = "Euronest"
[[channel]]
name = "hook"
type = "webhook"
url = "{url}"
secret_env = "TEST_HOOK_SECRET"
"""


def test_failed_alerts_are_listed_and_retried_from_the_cli(
    tmp_path: Path, hook: WebhookSink
) -> None:
    (tmp_path / "monitor.toml").write_text(CONFIG.format(url=hook.url))
    store = queue(tmp_path, "hook", n=2)
    hook.status = 410
    deliver_pending(store, {"hook": hook_sender(hook)})
    store.close()
    config = str(tmp_path / "monitor.toml")
    listing = read_monitor("alerts", "--config", config, "--status", "failed").stdout
    assert (
        "channel hook is disabled" in listing
        and "failed  r -> hook" in listing
        and "HTTP 410" in listing
    )
    hook.status = 200
    done = read_monitor("alerts", "--config", config, "retry", "--all").stdout
    assert "1 failed alert queued again" in done and "delivery: 2 sent" in done
    ids = [h.headers["webhook-id"] for h in hook.received]
    assert len(ids) == 2 == len(set(ids))
    # the config may follow the subcommand too, as it may follow any command
    again = read_monitor("alerts", "retry", "--all", "-c", config).stdout
    assert "0 failed alerts queued again" in again, again


def test_two_deliverers_at_once_never_send_the_same_alert(
    tmp_path: Path, hook: WebhookSink
) -> None:
    """Claims are taken under a lease in a write transaction: concurrent processes split the work."""
    (tmp_path / "monitor.toml").write_text(CONFIG.format(url=hook.url))
    queue(tmp_path, "hook", n=40).close()
    env = {"TEST_HOOK_SECRET": HOOK_SECRET}
    command = [
        sys.executable,
        "-m",
        "monitor",
        "deliver",
        "--config",
        str(tmp_path / "monitor.toml"),
    ]
    import os

    children = [
        subprocess.Popen(
            command, cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.PIPE, text=True
        )
        for _ in range(3)
    ]
    outputs = [child.communicate(timeout=60)[0] for child in children]
    ids = [h.headers["webhook-id"] for h in hook.received]
    assert len(ids) == 40 and len(set(ids)) == 40, outputs
    sent = sum(int(json.dumps(o).split("delivery: ")[1].split(" sent")[0]) for o in outputs)
    assert sent == 40
    with sqlite3.connect(tmp_path / "a.db") as db:
        assert db.execute("SELECT DISTINCT status FROM alerts").fetchall() == [("sent",)]


def test_apprise_channel_delivers_and_never_shows_its_url(
    tmp_path: Path, hook: WebhookSink
) -> None:
    """type = "apprise": here Apprise's json:// service posts to our receiver; the URL (a secret
    for Slack or Telegram) appears in no output and no error."""
    apprise_url = hook.url.replace("http://", "json://")
    (tmp_path / "monitor.toml").write_text(
        'database = "a.db"\n[[source]]\nname = "s"\nfeeds = ["https://e.org/rss.xml"]\n'
        '[[rule]]\nname = "r"\nquery = "Euronest"\n'
        '[[channel]]\nname = "chat"\ntype = "apprise"\nurl_env = "TEST_APPRISE_URL"\n'
    )
    config = str(tmp_path / "monitor.toml")
    queue(tmp_path, "chat", n=2).close()
    env = {"TEST_APPRISE_URL": apprise_url}
    check = run_monitor("check", "--config", config, env=env).stdout
    assert "chat: apprise" in check and apprise_url not in check
    hook.status = 500
    failed = run_monitor("deliver", "--config", config, env=env)
    assert "0 sent" in failed.stdout and apprise_url not in failed.stdout + failed.stderr
    hook.status = 200
    done = run_monitor("deliver", "--now", "--config", config, env=env)
    assert "delivery: 2 sent" in done.stdout
    bodies = [h.payload for h in hook.received]
    assert all(
        b["title"].startswith("[monitor] r: Story") and "Euronest" in b["message"] for b in bodies
    )
    import os

    unset = {k: v for k, v in os.environ.items() if k != "TEST_APPRISE_URL"}
    done = subprocess.run(
        [sys.executable, "-m", "monitor", "check", "--config", config],
        cwd=ROOT,
        env=unset,
        capture_output=True,
        text=True,
    )
    assert (
        done.returncode == 1
        and "channel[0].url_env: environment variable TEST_APPRISE_URL is not set" in done.stderr
    )


def test_a_chat_alert_pages_no_room_whatever_the_headline_says(
    tmp_path: Path, hook: WebhookSink
) -> None:
    """An alert quotes a site's headline and sentences: "@everyone" or Slack's "<!channel>" in
    them reach the chat service unable to ping the room (a zero-width space after "@" / "<!"),
    still readable; an address (desk@here.org) is left alone."""
    (tmp_path / "monitor.toml").write_text(
        'database = "a.db"\n[[source]]\nname = "s"\nfeeds = ["https://e.org/rss.xml"]\n'
        '[[rule]]\nname = "r"\nquery = "Euronest"\n'
        '[[channel]]\nname = "chat"\ntype = "apprise"\nurl_env = "TEST_APPRISE_URL"\n'
    )
    with Store(tmp_path / "a.db") as store:
        sentence = "@everyone: Euronest met <!channel>; write to desk@here.org."
        article = Article("https://e.org/1", "<!here> Euronest @channel", sentence, source="s")
        found = [
            Match("r", "text", 11, 19, "Euronest", sentence),
            Match("r2", "text", 11, 19, "Euronest", sentence),
        ]
        store.save_article(article, found, {"r": ["chat"], "r2": ["chat"]}, now="t")
    env = {"TEST_APPRISE_URL": hook.url.replace("http://", "json://")}
    done = run_monitor("deliver", "--config", str(tmp_path / "monitor.toml"), env=env)
    assert "delivery: 2 sent" in done.stdout
    [sent] = [h.payload for h in hook.received]  # both rules in one message
    assert sent["title"].startswith("[monitor] r, r2: ") and "Matched (r2):" in sent["message"]
    text = sent["title"] + sent["message"]
    assert "@everyone" not in text and "<!channel>" not in text and "<!here>" not in text
    assert "@channel" not in text and "@\u200beveryone" in text and "<!\u200bchannel>" in text
    assert "desk@here.org" in text


def test_test_channels_sends_one_message_to_each_and_names_the_one_that_failed(
    tmp_path: Path, smtp: SmtpSink, hook: WebhookSink
) -> None:
    """Before the first alert depends on it: a real mail to the SMTP server, a signed POST of
    type monitor.test to the receiver, nothing queued; a channel that fails is named with its
    error and the command exits 1; an unknown name is refused before anything is sent."""
    from standardwebhooks.webhooks import Webhook

    gone = f"http://127.0.0.1:{free_port()}/hook"  # no one listens there
    (tmp_path / "monitor.toml").write_text(
        'database = "a.db"\n[[source]]\nname = "s"\nfeeds = ["https://e.org/rss.xml"]\n'
        '[[rule]]\nname = "r"\nquery = "Euronest"\n'
        f'[[channel]]\nname = "desk"\ntype = "email"\nsmtp_url = "{smtp.url}"\n'
        'from = "monitor@test.invalid"\nto = ["desk@test.invalid"]\n'
        f'[[channel]]\nname = "hook"\ntype = "webhook"\nurl = "{hook.url}"\n'
        'secret_env = "TEST_HOOK_SECRET"\n'
        f'[[channel]]\nname = "down"\ntype = "webhook"\nurl = "{gone}"\n'
    )
    config = str(tmp_path / "monitor.toml")
    done = run_monitor("test-channels", "--config", config, "desk", "hook")
    assert f"desk: sent (email to desk@test.invalid via {smtp.url})" in done.stdout
    assert f"hook: sent (webhook {hook.url})" in done.stdout
    (mail,) = smtp.messages
    assert mail.rcpt_tos == ["desk@test.invalid"]
    assert mail.message["Subject"] == "[monitor] test message"
    assert "channel 'desk' (email)" in mail.message.get_content()
    (received,) = hook.received
    payload = Webhook(HOOK_SECRET).verify(received.body, received.headers)
    assert payload["type"] == "monitor.test" and payload["data"]["channel"] == "hook"

    everything = run_monitor("test-channels", "--config", config, check=False)
    assert everything.returncode == 1
    assert "desk: sent" in everything.stdout and "hook: sent" in everything.stdout
    assert f"down: FAILED (webhook {gone}): webhook ConnectError" in everything.stdout
    assert "1 of 3 channels failed" in everything.stderr
    assert len(smtp.messages) == 2 and len(hook.received) == 2
    assert not (tmp_path / "a.db").exists()  # nothing queued or recorded: no archive opened

    unknown = run_monitor("test-channels", "--config", config, "desk", "nope", check=False)
    assert unknown.returncode == 2 and "no channel named 'nope' (known: desk, hook, down)" in (
        unknown.stderr
    )
    assert len(smtp.messages) == 2

    # a recipient the server refuses is a problem to fix, though the others got the message
    config_text = (tmp_path / "monitor.toml").read_text()
    (tmp_path / "monitor.toml").write_text(
        config_text.replace(
            'to = ["desk@test.invalid"]', 'to = ["desk@test.invalid", "x@t.invalid"]'
        )
    )
    smtp.refuse["x@t.invalid"] = "550 5.1.1 no such user"
    partial = run_monitor("test-channels", "--config", config, "desk", check=False)
    assert partial.returncode == 1 and "desk: FAILED" in partial.stdout, partial.stdout
    assert "sent to 1 of 2 recipients; refused: x@t.invalid: 550 5.1.1 no such user" in (
        partial.stdout
    )
    assert smtp.messages[-1].rcpt_tos == ["desk@test.invalid"]
