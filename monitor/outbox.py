"""The alert outbox: claim due alerts under a lease, record each outcome, retry failed ones.

A claim is taken in a write transaction, so two processes delivering at once never hold the same
alert; a process that dies holding one loses it when the lease runs out, and the alert is sent
again with the same id (receivers drop the repeat).
"""

from __future__ import annotations

import json
import os
import secrets
import socket
from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from monitor.archive import ALERT_COLUMNS, Store
from monitor.config import Schedule
from monitor.models import Alert, iso
from monitor.processes import running


def _parse(value: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


def _due(next_attempt_at: str | None, now: datetime) -> bool:
    at = _parse(next_attempt_at)
    return at is None or at <= now


def digest_due(oldest: datetime, schedule: Schedule) -> datetime:
    """When the digest holding an alert queued at `oldest` goes out."""
    if schedule.digest == "hourly":
        return oldest.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    hour, minute = (int(x) for x in schedule.at.split(":"))
    local = oldest.astimezone(ZoneInfo(schedule.timezone))
    due = local.replace(hour=hour, minute=minute, second=0, microsecond=0)
    if due <= local:
        due += timedelta(days=1)
    return due.astimezone(UTC)


def next_hour(now: datetime) -> datetime:
    return now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)


class Outbox:
    def __init__(self, store: Store, *, lease: timedelta = timedelta(minutes=5)):
        self.store = store
        self.conn = store.conn
        self.lease = lease
        # this process's claims: host and pid let a restarted monitor take over a dead one's claims
        self.token = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"

    def claim_next(
        self, now: datetime, *, skip_channels: Iterable[str] = (), ignore_backoff: bool = False
    ) -> Alert | None:
        """The oldest due alert, claimed for this process until the lease runs out."""
        skip = list(skip_channels)
        due = "" if ignore_backoff else " AND (next_attempt_at IS NULL OR next_attempt_at <= :now)"
        params: dict[str, Any] = {
            "now": iso(now),
            "until": iso(now + self.lease),
            "claim": self.token,
        }
        params.update({f"s{i}": name for i, name in enumerate(skip)})
        skipped = (
            " AND channel NOT IN (" + ",".join(f":s{i}" for i in range(len(skip))) + ")"
            if skip
            else ""
        )
        with self.store.transaction():
            self._release_dead_claims(iso(now))
            row = self.conn.execute(
                "UPDATE alerts SET claimed_until = :until, claim = :claim WHERE id = ("
                " SELECT id FROM alerts WHERE status = 'pending' AND via_digest = 0"
                " AND (claimed_until IS NULL OR claimed_until <= :now)"
                f"{due}{skipped}"
                " AND channel NOT IN (SELECT channel FROM channel_state WHERE disabled_at IS NOT NULL)"
                " ORDER BY id LIMIT 1) RETURNING id",
                params,
            ).fetchone()
        if row is None:
            return None
        found = self.conn.execute(
            f"SELECT {ALERT_COLUMNS}, alerts.story_id FROM alerts"
            " LEFT JOIN articles ON articles.id = alerts.article_id WHERE alerts.id = ?",
            (row[0],),
        ).fetchone()
        return replace(Alert(*found[:-1]), copies=self._copies(found[-1], found[4]))

    def claim_same_article(
        self, alert: Alert, now: datetime, *, ignore_backoff: bool = False
    ) -> list[Alert]:
        """The other due alerts of the same channel and article (other rules it matched),
        claimed with it: a person reads one message about the article, not one per rule."""
        due = "" if ignore_backoff else " AND (next_attempt_at IS NULL OR next_attempt_at <= :now)"
        params = {
            "now": iso(now),
            "until": iso(now + self.lease),
            "claim": self.token,
            "channel": alert.channel,
            "url": alert.url,
            "id": alert.id,
            "kind": "back"
            if alert.back is not None
            else "removed"
            if alert.removed
            else "taken_down"
            if alert.taken_down is not None
            else "",
        }
        with self.store.transaction():
            ids = [
                row[0]
                for row in self.conn.execute(
                    "UPDATE alerts SET claimed_until = :until, claim = :claim WHERE id IN ("
                    " SELECT id FROM alerts WHERE status = 'pending' AND via_digest = 0"
                    " AND channel = :channel AND url = :url AND id != :id"
                    # a match, a match an edit took out and a story taken down are told
                    # apart, not in one message
                    " AND coalesce(kind, '') = :kind"
                    f" AND (claimed_until IS NULL OR claimed_until <= :now){due}) RETURNING id",
                    params,
                ).fetchall()
            ]
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        found = self.conn.execute(
            f"SELECT {ALERT_COLUMNS}, alerts.story_id FROM alerts"
            " LEFT JOIN articles ON articles.id = alerts.article_id"
            f" WHERE alerts.id IN ({marks}) ORDER BY alerts.id",
            ids,
        ).fetchall()
        return [replace(Alert(*row[:-1]), copies=alert.copies) for row in found]

    def _release_dead_claims(self, now: str) -> None:
        """Claims held by a process of this host that no longer exists (killed, crashed)."""
        host = socket.gethostname()
        rows = self.conn.execute(
            "SELECT DISTINCT claim FROM alerts WHERE claim IS NOT NULL AND claimed_until > ?",
            (now,),
        ).fetchall()
        for (claim,) in rows:
            owner_host, _, rest = claim.partition(":")
            pid = rest.partition(":")[0]
            if owner_host == host and pid.isdigit() and not running(int(pid)):
                self.conn.execute(
                    "UPDATE alerts SET claimed_until = NULL, claim = NULL WHERE claim = ?", (claim,)
                )

    def claim_digest(self, channel: str, now: datetime, schedule: Schedule) -> list[Alert]:
        """All of a channel's alerts waiting for a digest, claimed, if that digest is due now."""
        held_only = schedule.digest == "instant"  # only what a cap held back
        with self.store.transaction():
            self._release_dead_claims(iso(now))
            rows = self.conn.execute(
                "SELECT id, created_at, next_attempt_at, via_digest FROM alerts WHERE channel = ?"
                " AND status = 'pending' AND (claimed_until IS NULL OR claimed_until <= ?)"
                + (" AND via_digest = 1" if held_only else "")
                + " ORDER BY id",
                (channel, iso(now)),
            ).fetchall()
            if not rows or not all(_due(r[2], now) for r in rows if r[3] == 0 or held_only):
                return []
            oldest = min(_parse(r[1]) or now for r in rows)
            if not held_only and now < digest_due(oldest, schedule):
                return []
            ids = [r[0] for r in rows]
            marks = ",".join("?" * len(ids))
            self.conn.execute(
                f"UPDATE alerts SET claimed_until = ?, claim = ? WHERE id IN ({marks})",
                [iso(now + self.lease), self.token, *ids],
            )
        found = self.conn.execute(
            f"SELECT {ALERT_COLUMNS}, alerts.story_id FROM alerts"
            " LEFT JOIN articles ON articles.id = alerts.article_id"
            f" WHERE alerts.id IN ({marks}) ORDER BY alerts.rule, alerts.id",
            ids,
        ).fetchall()
        return [replace(Alert(*row[:-1]), copies=self._copies(row[-1], row[4])) for row in found]

    def _copies(self, story_id: int | None, url: str) -> tuple[str, ...]:
        rows = self.conn.execute(
            "SELECT url FROM articles WHERE story_id = ? AND url != ? ORDER BY id", (story_id, url)
        ).fetchall()
        return tuple(found for (found,) in rows)

    def hold_for_digest(self, alert_id: int, until: datetime) -> None:
        """A capped channel's alert waits for the next digest instead of going out alone."""
        with self.store.transaction():
            self.conn.execute(
                "UPDATE alerts SET via_digest = 1, next_attempt_at = ?, claimed_until = NULL, claim = NULL"
                " WHERE id = ?",
                (iso(until), alert_id),
            )

    def sent_alone_since(self, channel: str, since: datetime) -> int:
        row = self.conn.execute(
            "SELECT count(*) FROM alerts WHERE channel = ? AND status = 'sent' AND digest_id IS NULL"
            " AND sent_at >= ?",
            (channel, iso(since)),
        ).fetchone()
        return int(row[0])

    def sent_digest(
        self, alert_ids: list[int], digest_id: str, now: datetime, *, note: str | None = None
    ) -> None:
        """`note`: sent, but not to every recipient (kept as last_error; see Sender)."""
        marks = ",".join("?" * len(alert_ids))
        with self.store.transaction():
            self.conn.execute(
                "UPDATE alerts SET status = 'sent', sent_at = ?, attempts = attempts + 1, last_error = ?,"
                " next_attempt_at = NULL, claimed_until = NULL, claim = NULL, digest_id = ?"
                f" WHERE id IN ({marks}) AND status = 'pending'",
                [iso(now), note, digest_id, *alert_ids],
            )

    def matches(self, alert_id: int) -> list[dict[str, Any]]:
        row = self.conn.execute("SELECT matches FROM alerts WHERE id = ?", (alert_id,)).fetchone()
        return json.loads(row[0]) if row and row[0] else []

    def sent(self, alert_id: int, now: datetime, *, note: str | None = None) -> None:
        """`note`: sent, but not to every recipient (kept as last_error; see Sender)."""
        with self.store.transaction():
            self.conn.execute(
                "UPDATE alerts SET status = 'sent', sent_at = ?, attempts = attempts + 1,"
                " last_error = ?, next_attempt_at = NULL, claimed_until = NULL, claim = NULL"
                " WHERE id = ? AND status = 'pending'",
                (iso(now), note, alert_id),
            )

    def failed_attempt(self, alert_id: int, error: str, *, retry_at: datetime | None) -> None:
        """Count the attempt; `retry_at` None means give up (status failed)."""
        with self.store.transaction():
            self.conn.execute(
                "UPDATE alerts SET attempts = attempts + 1, last_error = ?, status = ?,"
                " next_attempt_at = ?, claimed_until = NULL, claim = NULL"
                " WHERE id = ? AND status = 'pending'",
                (
                    error[:1000],
                    "pending" if retry_at else "failed",
                    iso(retry_at) if retry_at else None,
                    alert_id,
                ),
            )

    def release(self, alert_id: int) -> None:
        """Give a claim back untouched (the channel was skipped for this pass)."""
        with self.store.transaction():
            self.conn.execute(
                "UPDATE alerts SET claimed_until = NULL, claim = NULL WHERE id = ? AND claim = ?",
                (alert_id, self.token),
            )

    def attempts(self, alert_id: int) -> int:
        return int(
            self.conn.execute("SELECT attempts FROM alerts WHERE id = ?", (alert_id,)).fetchone()[0]
        )

    def disable_channel(self, channel: str, reason: str, now: datetime) -> None:
        with self.store.transaction():
            self.conn.execute(
                "INSERT INTO channel_state (channel, disabled_at, reason) VALUES (?, ?, ?)"
                " ON CONFLICT(channel) DO UPDATE SET disabled_at = excluded.disabled_at,"
                " reason = excluded.reason",
                (channel, iso(now), reason[:500]),
            )

    def disabled_channels(self) -> dict[str, str]:
        rows = self.conn.execute(
            "SELECT channel, reason FROM channel_state WHERE disabled_at IS NOT NULL"
        )
        return dict(rows.fetchall())

    def retry(self, ids: Iterable[int] | None = None) -> int:
        """Failed alerts (all, or these ids) become pending and due now; their channels re-enabled."""
        with self.store.transaction():
            if ids is None:
                where, params = "status = 'failed'", []
            else:
                id_list = list(ids)
                where = f"status = 'failed' AND id IN ({','.join('?' * len(id_list))})"
                params = id_list
            channels = [
                r[0]
                for r in self.conn.execute(
                    f"SELECT DISTINCT channel FROM alerts WHERE {where}", params
                )
            ]
            changed = self.conn.execute(
                f"UPDATE alerts SET status = 'pending', next_attempt_at = NULL, claimed_until = NULL,"
                f" claim = NULL WHERE {where}",
                params,
            ).rowcount
            for channel in channels:
                self.conn.execute("DELETE FROM channel_state WHERE channel = ?", (channel,))
        return int(changed)
