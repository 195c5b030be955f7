"""What every `monitor` subcommand shares: error handling, the --config option, logging, tables.

MonitorError becomes a clean message here and nowhere else.
"""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from monitor.config import Config, load_config, resolve_config_path
from monitor.errors import ConfigError, MonitorError

F = TypeVar("F", bound=Callable[..., Any])
GLOBAL_CONFIG = "monitor.config"  # click context meta key: --config given before the command
LOG_LEVELS = click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"], case_sensitive=False)


def handle_errors(func: F) -> F:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ConfigError as exc:
            problems = exc.problems
            head = "config problem" if len(problems) == 1 else f"{len(problems)} config problems"
            raise click.ClickException(f"{head}:\n  " + "\n  ".join(problems)) from exc
        except MonitorError as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper  # type: ignore[return-value]


def config_option(func: F) -> F:
    return click.option(
        "--config",
        "-c",
        "config_path",
        type=click.Path(dir_okay=False),
        help="Config file (default: $MONITOR_CONFIG, else ./monitor.toml).",
    )(func)


def load(path: str | None, *, need_secrets: bool = True) -> Config:
    """The config at `config_path(path)`, validated."""
    return load_config(config_path(path), need_secrets=need_secrets)


def config_path(path: str | None) -> Path:
    """The command's --config, else the one given before the command (`monitor -c x.toml
    crawl`, as people write it), else $MONITOR_CONFIG, else ./monitor.toml."""
    if path is None and (context := click.get_current_context(silent=True)) is not None:
        path = context.meta.get(GLOBAL_CONFIG)
    return resolve_config_path(path)


def setup_logging(level: str) -> None:
    """Our loggers get their own stderr handler; Scrapy's root handler is configured by the crawl."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)-7s %(name)s: %(message)s", "%H:%M:%S")
    )
    for name in ("monitor", "spiders", "alerts"):
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(level.upper())
        logger.propagate = False


def print_table(columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    def cell(value: Any) -> str:
        text = "" if value is None else str(value)
        text = " ".join(text.split())
        return text if len(text) <= 60 else text[:59] + "…"

    cells = [[cell(v) for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    click.echo("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)))
    click.echo("  ".join("-" * w for w in widths))
    for row in cells:
        click.echo("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)))
    click.echo(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")


def echo_delivery(report: Any) -> None:
    click.echo(
        f"delivery: {report.sent} sent, {report.retry_later} kept for retry, {report.failed} failed"
        + (
            f", {report.digests} digest{'s' if report.digests != 1 else ''}"
            if report.digests
            else ""
        )
        + (f", {report.held} held for the next digest (max_per_hour)" if report.held else "")
        + (
            f", {report.quiet} held for the digest at the end of quiet hours"
            if report.quiet
            else ""
        )
        + (f", {report.no_channel} for channels no longer configured" if report.no_channel else "")
        + (
            f"; alerts wait for paused channels (enabled = false): {', '.join(report.paused)}"
            if report.paused
            else ""
        )
    )
    for error in report.errors[:5]:
        click.echo(f"  {error}")


RELATIVE_DAYS = {"today": 0, "yesterday": 1}


def moment_option(value: str | None, option: str = "--since") -> str | None:
    """--since as an ISO 8601 moment the archive's dates compare with: a date or date and time
    as given (UTC where no zone is written), or now minus a duration. Anything else is refused:
    compared as text, "30 days" matched nothing and looked like an empty archive."""
    from datetime import UTC, datetime, timedelta

    from monitor.config import parse_duration
    from monitor.models import iso, utcnow

    if value is None:
        return None
    if (seconds := parse_duration(value.strip())) is not None:
        return iso(utcnow() - timedelta(seconds=seconds))
    if (days_back := RELATIVE_DAYS.get(value.strip().lower())) is not None:  # UTC days
        return (utcnow() - timedelta(days=days_back)).date().isoformat()
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is neither a date (2026-10-01, 2026-10-01T12:00, today, yesterday) "
            "nor a duration (45m, 12h, 7d, 2w, '3 days')",
            param_hint=option,
        ) from None
    if len(value.strip()) == len("2026-10-01"):
        return moment.date().isoformat()
    return iso(moment if moment.tzinfo else moment.replace(tzinfo=UTC))


def until_option(value: str | None) -> str | None:
    """--until as --since reads it (a day keeps all of it; `7d`: a week ago and before)."""
    return moment_option(value, "--until")
