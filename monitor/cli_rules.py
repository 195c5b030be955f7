"""`monitor rules`: each rule's record in the archive (see monitor.rule_stats)."""

from __future__ import annotations

import json
from dataclasses import asdict

import click

from monitor.cli_common import config_option, handle_errors, load, moment_option, print_table

SORTS = {
    "articles": lambda s: (-s.articles, s.name),
    "last": lambda s: (s.last_match or "", s.name),
    "name": lambda s: (s.name,),
}


@click.command()
@config_option
@click.option(
    "--since",
    default="30d",
    show_default=True,
    help="Count articles stored and alerts queued since then (7d, 2026-10-01, ...).",
)
@click.option(
    "--sort",
    type=click.Choice(sorted(SORTS)),
    default="articles",
    show_default=True,
    help="Most matched first, longest silent first, or by name.",
)
@click.option("--silent", is_flag=True, help="Only the rules that matched nothing since then.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@click.option(
    "--export",
    is_flag=True,
    help="Print the rules themselves as CSV, for a spreadsheet and `rule_files` (no archive "
    "needed).",
)
@handle_errors
def rules(
    config_path: str | None, since: str, sort: str, silent: bool, as_json: bool, export: bool
) -> None:
    """Each rule's record: the articles it matched, when last, the alerts it sent; the rules
    that match too much and those that never match.

    \b
    Examples:
        monitor rules                       # the last 30 days, most matched first
        monitor rules --since 7d --silent   # what found nothing this week
        monitor rules --sort last           # longest silent first
        monitor rules --export > watchlist.csv
    """
    from monitor.readonly import connect_read_only
    from monitor.rule_stats import rule_stats

    config = load(config_path, need_secrets=False)
    if export:
        from monitor.rule_files import rules_csv

        every = tuple(channel.name for channel in config.channels)
        listed = [(r, True) for r in config.rules] + [(r, False) for r in config.paused_rules]
        click.echo(rules_csv(listed, every), nl=False)
        return
    cut = moment_option(since)
    assert cut is not None
    conn = connect_read_only(config.database)
    try:
        found = rule_stats(conn, config, cut)
    finally:
        conn.close()
    if silent:
        found = [s for s in found if not s.articles and s.state != "gone"]
    found.sort(key=SORTS[sort])
    if as_json:
        click.echo(json.dumps([asdict(s) for s in found], ensure_ascii=False, indent=2))
        return
    print_table(
        [
            "rule",
            "kind",
            "state",
            f"articles since {since}",
            "last match",
            "sent",
            "failed",
            "pending",
        ],
        [
            (
                s.name,
                s.kind,
                s.state,
                s.articles,
                s.last_match or "never",
                s.sent,
                s.failed,
                s.pending,
            )
            for s in found
        ],
    )
    never = [s.name for s in found if s.last_match is None and s.state != "gone"]
    if never:
        click.echo(
            f"{len(never)} rule(s) never matched a stored article: {', '.join(never[:10])}"
            + (" ..." if len(never) > 10 else "")
            + " (a rule added later matched only what was stored since: `monitor backtest RULE"
            " --record` adds the older articles' matches)"
        )
    if any(s.state == "gone" for s in found):
        click.echo("gone: matches and alerts of rules no longer in the config")
