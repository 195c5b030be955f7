"""Drain the outbox: send each pending alert once, mark it sent, or keep it with its error."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from alerts.channels import Sender
from monitor.archive import Store
from monitor.errors import DeliveryError
from monitor.models import Alert, iso, utcnow

log = logging.getLogger(__name__)


@dataclass(slots=True)
class DeliveryReport:
    sent: int = 0
    retry_later: int = 0
    failed: int = 0
    no_channel: int = 0
    errors: list[str] = field(default_factory=list)


def deliver_pending(
    store: Store,
    senders: Mapping[str, Sender],
    *,
    secrets: tuple[str, ...] = (),
    batch: int = 500,
    now: Callable[[], str] = lambda: iso(utcnow()),
) -> DeliveryReport:
    """Send pending alerts in creation order; a channel that fails once is skipped for this pass.

    An alert is marked sent in its own transaction right after the receiver accepted it, so a
    crash can at worst repeat the one alert in flight, which keeps its id for receivers to drop.
    """
    report = DeliveryReport()
    broken: set[str] = set()
    for alert in store.alerts(status="pending", limit=batch):
        sender = senders.get(alert.channel)
        if sender is None:
            report.no_channel += 1
            continue
        if alert.channel in broken:
            report.retry_later += 1
            continue
        try:
            _send(sender, alert, store.alert_matches(alert.id))
        except DeliveryError as exc:
            message = _mask(str(exc), secrets)
            store.mark_attempt_failed(alert.id, message, permanent=exc.permanent)
            report.errors.append(f"{alert.channel}: {message}")
            if exc.permanent:
                report.failed += 1
            else:
                report.retry_later += 1
                broken.add(alert.channel)
            log.warning("alert %d to %s not delivered: %s", alert.id, alert.channel, message)
            continue
        store.mark_sent(alert.id, now=now())
        report.sent += 1
    return report


def _send(sender: Sender, alert: Alert, matches: list[dict[str, Any]]) -> None:
    """Any failure becomes a DeliveryError: a bug while sending one alert must not stop the rest."""
    try:
        sender.send(alert, matches)
    except DeliveryError:
        raise
    except Exception as exc:  # job boundary, logged with the alert it concerns
        log.exception("alert %d: unexpected error while sending", alert.id)
        raise DeliveryError(f"internal error: {type(exc).__name__}: {exc}") from exc


def _mask(text: str, secrets: tuple[str, ...]) -> str:
    for secret in secrets:
        if secret:
            text = text.replace(secret, "****")
    return text
