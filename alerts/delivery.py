"""Drain the outbox: send each due alert, mark it sent, retry later with backoff, or give up.

An alert is marked sent in its own transaction right after the receiver accepted it, so a crash
can at worst repeat the one alert in flight, and it keeps its id for receivers to drop.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from alerts.channels import Sender
from alerts.quiet_hours import quiet_until
from alerts.render import digest_id
from monitor.archive import Store
from monitor.config import Schedule
from monitor.errors import DeliveryError
from monitor.models import Alert
from monitor.outbox import Outbox, next_hour

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Exponential backoff with jitter: ~30s, 1m, 2m ... capped at 6h; give up after 12 tries."""

    base: float = 30.0
    cap: float = 6 * 3600.0
    max_attempts: int = 12
    max_retry_after: float = 24 * 3600.0

    def next_attempt(
        self, attempts: int, now: datetime, rng: random.Random, retry_after: float | None
    ) -> datetime | None:
        """When to try again after `attempts` failed tries, or None to give up."""
        if attempts >= self.max_attempts:
            return None
        if retry_after is not None:
            return now + timedelta(seconds=min(max(retry_after, 0.0), self.max_retry_after))
        delay = min(self.cap, self.base * 2 ** (attempts - 1))
        return now + timedelta(seconds=delay * rng.uniform(0.5, 1.0))


@dataclass(slots=True)
class DeliveryReport:
    sent: int = 0
    held: int = 0  # over a channel's max_per_hour: they go out in the next digest
    quiet: int = 0  # due in their channel's quiet hours: one digest when they end
    digests: int = 0
    retry_later: int = 0
    failed: int = 0
    no_channel: int = 0
    paused: list[str] = field(
        default_factory=list
    )  # channels with alerts waiting (enabled = false)
    errors: list[str] = field(default_factory=list)


def _utcnow() -> datetime:
    return datetime.now(UTC)


def deliver_pending(
    store: Store,
    senders: Mapping[str, Sender],
    *,
    secrets: tuple[str, ...] = (),
    policy: RetryPolicy = RetryPolicy(),
    clock: Callable[[], datetime] = _utcnow,
    rng: random.Random | None = None,
    ignore_backoff: bool = False,
    limit: int = 1000,
    schedules: Mapping[str, Schedule] | None = None,
    paused: frozenset[str] = frozenset(),
) -> DeliveryReport:
    """Send due digests, then due alerts in creation order; a channel that fails transiently is
    skipped for the rest of the pass; a capped channel's surplus waits for the next hour's digest."""
    report = DeliveryReport()
    outbox = Outbox(store)
    rng = rng or random.Random()
    schedules = schedules or {}
    skip: set[str] = set(outbox.disabled_channels())
    for name, digest_sender in senders.items():
        schedule = schedules.get(name, Schedule())
        if (
            name not in skip
            and quiet_until(clock(), schedule.quiet_hours, schedule.timezone) is None
        ):
            _deliver_digest(
                outbox, name, digest_sender, schedule, report, policy, clock, rng, secrets
            )
    skip |= {name for name, s in schedules.items() if s.digest != "instant"}
    for _ in range(limit):
        alert = outbox.claim_next(clock(), skip_channels=skip, ignore_backoff=ignore_backoff)
        if alert is None:
            break
        sender = senders.get(alert.channel)
        if sender is None:  # its alerts stay pending, for when it is back
            if alert.channel in paused:
                report.paused.append(alert.channel)
            else:
                report.no_channel += 1
            skip.add(alert.channel)
            outbox.release(alert.id)
            continue
        schedule = schedules.get(alert.channel, Schedule())
        cap = schedule.max_per_hour
        now = clock()
        if (until := quiet_until(now, schedule.quiet_hours, schedule.timezone)) is not None:
            outbox.hold_for_digest(alert.id, until)  # the night's alerts: one digest at its end
            report.quiet += 1
            continue
        if (
            cap is not None
            and outbox.sent_alone_since(alert.channel, now - timedelta(hours=1)) >= cap
        ):
            outbox.hold_for_digest(
                alert.id, next_hour(now)
            )  # a flood becomes a digest; nothing dropped
            report.held += 1
            continue
        # a person reads one message per article: the other rules it matched for this channel
        # go with it (a webhook's receiver, a program, gets one event per rule)
        together = getattr(sender, "send_together", None)
        group = [alert]
        if together is not None:
            group += outbox.claim_same_article(alert, now, ignore_backoff=ignore_backoff)
        try:
            if len(group) == 1:
                note = _send(sender, alert, outbox.matches(alert.id))
            else:
                assert together is not None
                note = _send_together(together, group, {a.id: outbox.matches(a.id) for a in group})
        except DeliveryError as exc:
            message = mask_secrets(str(exc), secrets)
            now = clock()
            retry_at = None
            for each in group:
                attempts = outbox.attempts(each.id) + 1
                retry_at = (
                    None
                    if exc.permanent
                    else policy.next_attempt(attempts, now, rng, exc.retry_after)
                )
                outbox.failed_attempt(each.id, message, retry_at=retry_at)
            report.errors.append(f"{alert.channel}: {message}")
            if retry_at is None:
                report.failed += len(group)
            else:
                report.retry_later += len(group)
                skip.add(alert.channel)  # don't hammer a receiver that is down; later alerts wait
            if exc.gone:
                outbox.disable_channel(alert.channel, message, now)
                skip.add(alert.channel)
            log.warning("alert %d to %s not delivered: %s", alert.id, alert.channel, message)
            continue
        if note:
            note = mask_secrets(note, secrets)
            report.errors.append(f"{alert.channel}: {note}")
            log.warning("alert %d to %s: %s", alert.id, alert.channel, note)
        sent_at = clock()
        for each in group:
            outbox.sent(each.id, sent_at, note=note)
        report.sent += len(group)
    return report


def _deliver_digest(
    outbox: Outbox,
    channel: str,
    sender: Sender,
    schedule: Schedule,
    report: DeliveryReport,
    policy: RetryPolicy,
    clock: Callable[[], datetime],
    rng: random.Random,
    secrets: tuple[str, ...],
) -> None:
    alerts = outbox.claim_digest(channel, clock(), schedule)
    if not alerts:
        return
    try:
        try:
            note = sender.send_digest(alerts, {a.id: outbox.matches(a.id) for a in alerts})
        except DeliveryError:
            raise
        except Exception as exc:  # job boundary
            log.exception("digest for %s: unexpected error while sending", channel)
            raise DeliveryError(f"internal error: {type(exc).__name__}: {exc}") from exc
    except DeliveryError as exc:
        message = mask_secrets(str(exc), secrets)
        now = clock()
        for alert in alerts:
            attempts = outbox.attempts(alert.id) + 1
            retry_at = (
                None if exc.permanent else policy.next_attempt(attempts, now, rng, exc.retry_after)
            )
            outbox.failed_attempt(alert.id, message, retry_at=retry_at)
        report.errors.append(f"{channel} digest: {message}")
        report.retry_later += len(alerts)
        log.warning("digest of %d alerts to %s not delivered: %s", len(alerts), channel, message)
        return
    if note:
        note = mask_secrets(note, secrets)
        report.errors.append(f"{channel} digest: {note}")
        log.warning("digest of %d alerts to %s: %s", len(alerts), channel, note)
    outbox.sent_digest([a.id for a in alerts], digest_id(alerts), clock(), note=note)
    report.sent += len(alerts)
    report.digests += 1


def _send_together(
    together: Callable[..., str | None],
    alerts: list[Alert],
    matches: dict[int, list[dict[str, Any]]],
) -> str | None:
    """`_send` for the alerts of one article sent as one message."""
    try:
        return together(alerts, matches)
    except DeliveryError:
        raise
    except Exception as exc:  # job boundary
        log.exception("alerts %s: unexpected error while sending", [a.id for a in alerts])
        raise DeliveryError(f"internal error: {type(exc).__name__}: {exc}") from exc


def _send(sender: Sender, alert: Alert, matches: list[dict[str, Any]]) -> str | None:
    """Any failure becomes a DeliveryError: a bug while sending one alert must not stop the rest."""
    try:
        return sender.send(alert, matches)
    except DeliveryError:
        raise
    except Exception as exc:  # job boundary, logged with the alert it concerns
        log.exception("alert %d: unexpected error while sending", alert.id)
        raise DeliveryError(f"internal error: {type(exc).__name__}: {exc}") from exc


def mask_secrets(text: str, secrets: tuple[str, ...]) -> str:
    for secret in secrets:
        if secret:
            text = text.replace(secret, "****")
    return text
