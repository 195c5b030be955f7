"""Deliver what is due for a config. No Scrapy here: the daemon calls it between crawls, and
importing the crawler into the long-running process would only cost memory."""

from __future__ import annotations

from alerts.channels import build_senders
from alerts.delivery import DeliveryReport, deliver_pending
from monitor.archive import Store
from monitor.config import Config


def deliver(
    config: Config, *, store: Store | None = None, ignore_backoff: bool = False
) -> DeliveryReport:
    """Send due digests and alerts on every configured channel."""
    if store is None:
        with Store(config.database) as own:
            return deliver(config, store=own, ignore_backoff=ignore_backoff)
    return deliver_pending(
        store,
        build_senders(config.channels),
        secrets=secrets(config),
        ignore_backoff=ignore_backoff,
        schedules=config.schedules,
        paused=frozenset(config.paused_channels),
    )


def secrets(config: Config) -> tuple[str, ...]:
    """Every secret value of the config, to be masked wherever an error is shown."""
    return tuple(
        value
        for channel in config.channels
        for value in (
            getattr(channel, "password", None),
            getattr(channel, "secret", None),
            getattr(channel, "url", None) if channel.type == "apprise" else None,
        )
        if value
    )
