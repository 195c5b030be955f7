"""`monitor test-channels`: one message to each channel now, so that an address, a password or
a receiver is known to work before the first real alert depends on it. Nothing is queued or
recorded: a failure is reported, not retried."""

from __future__ import annotations

import secrets as random_ids
from collections.abc import Sequence
from dataclasses import dataclass

from alerts.channels import build_senders
from alerts.delivery import mask_secrets
from monitor.config import Channel, Config
from monitor.errors import DeliveryError
from monitor.models import iso, utcnow


@dataclass(frozen=True, slots=True)
class ChannelAnswer:
    channel: str
    error: str | None  # None: the channel's server or receiver accepted the message


def sample_text(channel: Channel, config_path: str) -> str:
    return (
        f"A test message from media monitor to its channel {channel.name!r} ({channel.type}), "
        f"sent at {iso(utcnow())} by `monitor test-channels` with the config {config_path}.\n\n"
        "Real alerts on this channel name the rule, the article and the sentence that matched. "
        "Nothing needs doing with this one.\n"
    )


def send_tests(
    config: Config, channels: Sequence[Channel], *, secrets: tuple[str, ...] = ()
) -> list[ChannelAnswer]:
    """Each channel's answer, in order; secrets masked in the errors."""
    senders = build_senders(tuple(channels))
    results = []
    for channel in channels:
        message_id = f"test_{random_ids.token_hex(8)}"
        try:
            note = senders[channel.name].send_test(
                message_id, sample_text(channel, str(config.path))
            )
        except DeliveryError as exc:
            results.append(ChannelAnswer(channel.name, mask_secrets(str(exc), secrets)))
        except Exception as exc:  # a bug in one sender must not hide the other channels' answers
            results.append(ChannelAnswer(channel.name, f"internal error: {type(exc).__name__}"))
        else:  # some recipients refused: a problem to fix, though the others got it
            results.append(
                ChannelAnswer(channel.name, mask_secrets(note, secrets) if note else None)
            )
    return results
