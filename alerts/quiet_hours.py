"""A channel's quiet hours: the night a desk's phones should not buzz.

An alert that comes due while its channel is quiet is not dropped and not sent: it waits, with
the others of that night, and they go out together as one digest when the quiet hours end (as
a flood over `max_per_hour` does). A digest that falls due in them waits for their end too.
Times are the channel's local time (its `timezone`); a period that crosses midnight
("22:00-07:00") is the usual case.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

# a hyphen, or the dash a word processor makes of one
PERIOD = re.compile(
    r"\s*([01]?\d|2[0-3]):([0-5]\d)\s*[-\u2013\u2014]\s*([01]?\d|2[0-3]):([0-5]\d)\s*"
)


def parse_quiet_hours(text: str) -> tuple[time, time] | None:
    """'22:00-07:00' as (start, end); None for anything else, or an empty period."""
    found = PERIOD.fullmatch(text)
    if found is None:
        return None
    start = time(int(found[1]), int(found[2]))
    end = time(int(found[3]), int(found[4]))
    return (start, end) if start != end else None


def quiet_until(now: datetime, quiet: str | None, timezone: str) -> datetime | None:
    """When the quiet hours `now` falls in end (UTC), or None when it falls in none."""
    period = parse_quiet_hours(quiet) if quiet else None
    if period is None:
        return None
    start, end = period
    local = now.astimezone(ZoneInfo(timezone))
    clock = local.time().replace(tzinfo=None)
    if start < end:
        inside = start <= clock < end
        ends_on = local.date()
    else:  # across midnight: from start to midnight, and from midnight to end
        inside = clock >= start or clock < end
        ends_on = local.date() + timedelta(days=1) if clock >= start else local.date()
    if not inside:
        return None
    until = datetime.combine(ends_on, end, tzinfo=ZoneInfo(timezone))
    return until.astimezone(UTC)
