"""Senders: one per channel type; each raises DeliveryError with a reason when it cannot send."""

from __future__ import annotations

import json
import smtplib
import ssl
import time
from collections.abc import Callable, Mapping
from typing import Any, Protocol
from urllib.parse import unquote, urlsplit

import httpx

from alerts.render import email_message, sign_webhook, webhook_id, webhook_payload
from monitor.config import Channel, EmailChannel, WebhookChannel
from monitor.errors import DeliveryError
from monitor.models import Alert, iso, utcnow


class Sender(Protocol):
    def send(self, alert: Alert, matches: list[dict[str, Any]]) -> None: ...


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

    def send(self, alert: Alert, matches: list[dict[str, Any]]) -> None:
        message = email_message(alert, self.channel, matches)
        username = (
            self.channel.username or unquote(urlsplit(self.channel.smtp_url).username or "") or None
        )
        try:
            client = self.connect(self.channel)
            try:
                if username and self.channel.password is not None:
                    client.login(username, self.channel.password)
                client.send_message(
                    message, from_addr=self.channel.sender, to_addrs=list(self.channel.to)
                )
            finally:
                try:
                    client.quit()
                except (smtplib.SMTPException, OSError):
                    client.close()
        except smtplib.SMTPAuthenticationError as exc:
            raise DeliveryError(f"SMTP authentication failed: {exc.smtp_code}") from exc
        except smtplib.SMTPResponseException as exc:
            detail = (
                exc.smtp_error.decode("utf-8", "replace")
                if isinstance(exc.smtp_error, bytes)
                else exc.smtp_error
            )
            raise DeliveryError(f"SMTP {exc.smtp_code}: {detail}") from exc
        except (TimeoutError, smtplib.SMTPException, OSError) as exc:
            raise DeliveryError(f"SMTP {type(exc).__name__}: {exc}") from exc


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
        now = int(self.clock())
        body = json.dumps(
            webhook_payload(alert, matches, timestamp=iso(utcnow())), ensure_ascii=False
        ).encode()
        headers = {
            "content-type": "application/json",
            "webhook-id": webhook_id(alert),
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
        if not 200 <= response.status_code < 300:
            raise DeliveryError(f"webhook HTTP {response.status_code}: {response.text[:200]}")


def build_senders(channels: tuple[Channel, ...]) -> Mapping[str, Sender]:
    senders: dict[str, Sender] = {}
    for channel in channels:
        if isinstance(channel, EmailChannel):
            senders[channel.name] = EmailSender(channel)
        else:
            senders[channel.name] = WebhookSender(channel)
    return senders
