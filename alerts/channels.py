"""Senders: one per channel type; each raises DeliveryError with a reason when it cannot send."""

from __future__ import annotations

import json
import re
import smtplib
import ssl
import time
from collections.abc import Callable, Mapping
from email.utils import parsedate_to_datetime
from typing import Any, Protocol
from urllib.parse import unquote, urlsplit

import httpx

from alerts.render import (
    article_email,
    article_subject,
    article_text,
    digest_email,
    digest_id,
    digest_payload,
    digest_subject,
    digest_text,
    email_message,
    sample_email,
    sign_webhook,
    subject,
    text_body,
    webhook_id,
    webhook_payload,
)
from monitor.config import AppriseChannel, Channel, EmailChannel, FeedChannel, WebhookChannel
from monitor.errors import DeliveryError
from monitor.models import Alert, iso, utcnow


class Sender(Protocol):
    """Each method raises DeliveryError when nothing was delivered. It returns a note when the
    message went out but not to everyone (an email some of whose recipients the server
    refused): sending it again would repeat it to the others, so the note is kept with the
    alert and reported instead."""

    def send(self, alert: Alert, matches: list[dict[str, Any]]) -> str | None: ...

    def send_digest(
        self, alerts: list[Alert], matches: dict[int, list[dict[str, Any]]]
    ) -> str | None: ...

    def send_test(self, message_id: str, text: str) -> str | None: ...


TEST_SUBJECT = "[monitor] test message"


SmtpFactory = Callable[[EmailChannel], smtplib.SMTP]


def connect_smtp(channel: EmailChannel) -> smtplib.SMTP:
    """smtps:// is TLS from the start; smtp:// upgrades with STARTTLS when the server offers it."""
    parts = urlsplit(channel.smtp_url)
    host = parts.hostname or "localhost"
    if parts.scheme == "smtps":
        return smtplib.SMTP_SSL(
            host, parts.port or 465, timeout=channel.timeout, context=ssl.create_default_context()
        )
    client = smtplib.SMTP(host, parts.port or 25, timeout=channel.timeout)
    client.ehlo()
    if client.has_extn("starttls"):
        client.starttls(context=ssl.create_default_context())
        client.ehlo()
    return client


class EmailSender:
    def __init__(self, channel: EmailChannel, *, connect: SmtpFactory = connect_smtp):
        self.channel = channel
        self.connect = connect

    def send(self, alert: Alert, matches: list[dict[str, Any]]) -> str | None:
        return self._deliver(email_message(alert, self.channel, matches))

    def send_digest(
        self, alerts: list[Alert], matches: dict[int, list[dict[str, Any]]]
    ) -> str | None:
        return self._deliver(digest_email(alerts, self.channel))

    def send_together(
        self, alerts: list[Alert], matches: dict[int, list[dict[str, Any]]]
    ) -> str | None:
        """The alerts of one article (the rules it matched) as one message."""
        return self._deliver(article_email(alerts, self.channel, matches))

    def send_test(self, message_id: str, text: str) -> str | None:
        message = sample_email(self.channel, TEST_SUBJECT, message_id)
        message.set_content(text)
        return self._deliver(message)

    def _deliver(self, message: Any) -> str | None:
        username = (
            self.channel.username or unquote(urlsplit(self.channel.smtp_url).username or "") or None
        )
        try:
            client = self.connect(self.channel)
            try:
                if username and self.channel.password is not None:
                    client.login(username, self.channel.password)
                refused = client.send_message(
                    message, from_addr=self.channel.sender, to_addrs=list(self.channel.to)
                )
            finally:
                try:
                    client.quit()
                except (smtplib.SMTPException, OSError):
                    client.close()
        except smtplib.SMTPAuthenticationError as exc:
            raise DeliveryError(
                f"SMTP authentication failed: {exc.smtp_code}", permanent=True
            ) from exc
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _ in exc.recipients.values()]
            detail = "; ".join(f"{addr}: {code}" for addr, (code, _) in exc.recipients.items())
            raise DeliveryError(
                f"SMTP recipients refused: {detail}", permanent=all(c >= 500 for c in codes)
            ) from exc
        except smtplib.SMTPResponseException as exc:
            detail = (
                exc.smtp_error.decode("utf-8", "replace")
                if isinstance(exc.smtp_error, bytes)
                else exc.smtp_error
            )
            raise DeliveryError(
                f"SMTP {exc.smtp_code}: {detail}", permanent=exc.smtp_code >= 500
            ) from exc
        except (smtplib.SMTPException, OSError) as exc:
            raise DeliveryError(f"SMTP {type(exc).__name__}: {exc}") from exc
        return _refused_note(refused, len(self.channel.to)) if refused else None


def _refused_note(refused: dict[str, tuple[int, bytes]], recipients: int) -> str:
    """What the server said of the recipients it refused, when it took the others."""
    detail = "; ".join(
        f"{address}: {code} {text.decode('utf-8', 'replace') if isinstance(text, bytes) else text}"
        for address, (code, text) in refused.items()
    )
    taken = recipients - len(refused)
    return f"sent to {taken} of {recipients} recipients; refused: {detail}"


class WebhookSender:
    def __init__(
        self,
        channel: WebhookChannel,
        *,
        client: httpx.Client | None = None,
        clock: Callable[[], float] = time.time,
    ):
        self.channel = channel
        self.client = client or httpx.Client(timeout=channel.timeout)
        self.clock = clock

    def send(self, alert: Alert, matches: list[dict[str, Any]]) -> None:
        body = webhook_payload(alert, matches, timestamp=iso(utcnow()))
        self._post(webhook_id(alert), body)

    def send_digest(self, alerts: list[Alert], matches: dict[int, list[dict[str, Any]]]) -> None:
        self._post(
            f"msg_digest_{digest_id(alerts)}",
            digest_payload(alerts, matches, timestamp=iso(utcnow())),
        )

    def send_test(self, message_id: str, text: str) -> None:
        """type "monitor.test": a receiver checks its signature and may then drop it."""
        self._post(
            f"msg_{message_id}",
            {
                "type": "monitor.test",
                "timestamp": iso(utcnow()),
                "data": {"channel": self.channel.name, "message": text},
            },
        )

    def _post(self, msg_id: str, payload: dict[str, Any]) -> None:
        now = int(self.clock())
        body = json.dumps(payload, ensure_ascii=False).encode()
        headers = {
            "content-type": "application/json",
            "webhook-id": msg_id,
            "webhook-timestamp": str(now),
        }
        if self.channel.secret:
            headers["webhook-signature"] = sign_webhook(
                self.channel.secret, headers["webhook-id"], now, body
            )
        try:
            response = self.client.post(self.channel.url, content=body, headers=headers)
        except httpx.HTTPError as exc:
            raise DeliveryError(f"webhook {type(exc).__name__}: {exc}") from exc
        status = response.status_code
        if 200 <= status < 300:
            return
        message = f"webhook HTTP {status}: {response.text[:200]}".rstrip(": ")
        retry_after = retry_after_seconds(response.headers.get("retry-after"), now=self.clock())
        if status == 410:
            raise DeliveryError(
                message + " (endpoint gone: channel disabled until `monitor alerts retry`)",
                gone=True,
            )
        if 300 <= status < 400:
            # not followed: a 301-303 would resend the alert as a GET without its body, and
            # asking again gets the same answer until the config says where the endpoint went
            moved = response.headers.get("location")
            where = f"; the endpoint moved to {moved}: set the channel's url to it" if moved else ""
            raise DeliveryError(f"webhook HTTP {status}{where}", permanent=True)
        if 400 <= status < 500 and status not in (408, 429):
            raise DeliveryError(message, permanent=True)
        raise DeliveryError(message, retry_after=retry_after)


def retry_after_seconds(value: str | None, *, now: float) -> float | None:
    """A Retry-After header (seconds or an HTTP date) as seconds from now."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - now)


class AppriseSender:
    """Chat services through Apprise; its URL holds tokens, so it never appears in an error."""

    def __init__(self, channel: AppriseChannel):
        self.channel = channel

    def send(self, alert: Alert, matches: list[dict[str, Any]]) -> None:
        self._notify(subject(alert), text_body(alert, matches))

    def send_digest(self, alerts: list[Alert], matches: dict[int, list[dict[str, Any]]]) -> None:
        self._notify(digest_subject(alerts), digest_text(alerts))

    def send_together(self, alerts: list[Alert], matches: dict[int, list[dict[str, Any]]]) -> None:
        """The alerts of one article (the rules it matched) as one message."""
        self._notify(article_subject(alerts), article_text(alerts, matches))

    def send_test(self, message_id: str, text: str) -> None:
        self._notify(TEST_SUBJECT, text)

    def _notify(self, title: str, body: str) -> None:
        import apprise

        title, body = no_mass_mentions(title), no_mass_mentions(body)
        notifier = apprise.Apprise()
        if not notifier.add(self.channel.url):
            raise DeliveryError(
                f"apprise: the URL in channel {self.channel.name!r} is not one Apprise knows",
                permanent=True,
            )
        if not notifier.notify(title=title, body=body):
            raise DeliveryError(
                f"apprise: the service behind channel {self.channel.name!r} did not accept the message"
            )


# what pings a whole chat room: Slack's <!channel>, <!here>, <!everyone> (and <!subteam^...>),
# Discord's and Mattermost's @everyone, @here, @channel, @all; an alert quotes a site's headline
# and sentences, and a page that writes one would page everyone in the newsroom's channel
MASS_MENTION = re.compile(r"<!|(?<![\w.])@(?=(?:everyone|here|channel|all|room)\b)", re.IGNORECASE)


def no_mass_mentions(text: str) -> str:
    """The text with a zero-width space after each "<!" and "@" of a room-wide mention: it
    reads the same, and no chat service takes it for a mention."""
    return MASS_MENTION.sub(lambda found: found.group() + "\u200b", text)


def build_senders(channels: tuple[Channel, ...]) -> Mapping[str, Sender]:
    senders: dict[str, Sender] = {}
    for channel in channels:
        if isinstance(channel, EmailChannel):
            senders[channel.name] = EmailSender(channel)
        elif isinstance(channel, WebhookChannel):
            senders[channel.name] = WebhookSender(channel)
        elif isinstance(channel, FeedChannel):
            from alerts.atom_feed import FeedSender  # lxml, only where a feed is configured

            senders[channel.name] = FeedSender(channel)
        else:
            senders[channel.name] = AppriseSender(channel)
    return senders
