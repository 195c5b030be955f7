"""`monitor show`: one archived article whole, with what matched it, its alerts and its edits."""

from __future__ import annotations

import difflib
import itertools
import json
from typing import Any

import click

from monitor.cli_common import config_option, handle_errors, load
from monitor.not_found import site_answer


@click.command()
@config_option
@click.argument("article")
@click.option("--versions", is_flag=True, help="Also what each edit of the story changed.")
@click.option("--json", "as_json", is_flag=True, help="Print it as JSON.")
@handle_errors
def show(config_path: str | None, article: str, versions: bool, as_json: bool) -> None:
    """One archived article whole: its text as read, the rules it matched, its alerts, and
    (--versions) what its site changed in each edit since it was first read.

    \b
    Examples:
        monitor show https://example.org/news/2026/11/story.html
        monitor show 42 --versions
    """
    from monitor.stored_article import stored_article

    config = load(config_path, need_secrets=False)
    found = stored_article(config.database, article)
    if as_json:
        record = {
            **found.article,
            "aliases": found.aliases,
            "matches": found.matches,
            "alerts": found.alerts,
            "versions": found.versions,
            "takedowns": found.takedowns,
        }
        record.pop("fingerprint", None)
        record.pop("story_id", None)
        click.echo(json.dumps(record, ensure_ascii=False, indent=2))
        return
    row = found.article
    click.echo(row["title"] or row["url"])
    about = [row["source"], row["published"] or "date unknown"]
    about += [f"by {row['author']}"] if row["author"] else []
    about += [row["language"]] if row["language"] else []
    click.echo("  " + " · ".join(about))
    click.echo(f"  {row['url']}")
    for alias in found.aliases:
        click.echo(f"  also at {alias}")
    click.echo("  " + _reads(row, found.versions))
    for taken in found.takedowns:
        if taken["back_at"]:  # the one in force is said by _reads
            answer = site_answer(int(taken["status"] or 0))
            click.echo(
                f"  was taken down: its site {answer} from {taken['gone_since']} (confirmed"
                f" {taken['taken_down_at']}); it gave the story again {taken['back_at']}"
            )
    for match in found.matches:
        click.echo(f'  matched {match["rule"]}: "{match["matched"]}" ({match["field"]})')
        if match["sentence"]:
            click.echo(f"      {' '.join(match['sentence'].split())}")
    for alert in found.alerts:
        status = alert["status"] + (f" {alert['sent_at']}" if alert["sent_at"] else "")
        error = f" ({alert['last_error']})" if alert["last_error"] else ""
        what = {
            "removed": " (taken out by an edit)",
            "taken_down": " (taken down)",
            "back": " (back online)",
        }.get(alert["kind"] or "", "")
        click.echo(
            f"  alert #{alert['id']} {alert['rule']}{what} -> {alert['channel']}: {status}{error}"
        )
    if versions:
        present = sorted({m["rule"] for m in found.matches})
        for number, change in enumerate(_edits(row, found.versions, present), start=1):
            click.echo(f"\nedit {number}, found {change['found']}:")
            for line in change["lines"]:
                click.echo(f"  {line}")
    click.echo("")
    if row.get("lead"):
        click.echo(row["lead"] + "\n")
    click.echo(row["text"])


def _reads(row: dict[str, Any], versions: list[dict[str, Any]]) -> str:
    """When it was first read, last read, and how often it changed in between."""
    said = f"first read {row['fetched_at']}"
    last = row.get("checked_at") or row.get("updated_at")
    if last and last != row["fetched_at"]:
        said += f", last read {last}"
    answer = site_answer(int(row.get("gone_status") or 0))
    if row.get("taken_down_at"):
        said += (
            f"; taken down: its site {answer} since {row['gone_since']}"
            f" (confirmed {row['taken_down_at']}); the text is as we read it"
        )
    elif row.get("gone_since"):
        said += f"; its site {answer} since {row['gone_since']} (to be read again)"
    if versions:
        times = "once" if len(versions) == 1 else f"{len(versions)} times"
        said += f"; edited {times} since (this is the text stored {row['updated_at']}; --versions)"
    return said


def _edits(
    row: dict[str, Any], versions: list[dict[str, Any]], present: list[str]
) -> list[dict[str, Any]]:
    """Each edit: when it was found, the rules it took the story out of or into, and its
    changes line by line (a paragraph is a line)."""
    texts = [*versions, {**row, "rules": present}]
    out = []
    for before, after in itertools.pairwise(texts):
        lines = []
        if lost := [r for r in before["rules"] if r not in after["rules"]]:
            lines.append(f"no longer matches: {', '.join(lost)}")
        if gained := [r for r in after["rules"] if r not in before["rules"]]:
            lines.append(f"now matches: {', '.join(gained)}")
        for key in ("title", "author", "published", "lead"):
            if (before.get(key) or "") != (after.get(key) or ""):
                lines += [
                    f"{key}: {before.get(key) or '(none)'}",
                    f"   -> {after.get(key) or '(none)'}",
                ]
        diff = difflib.unified_diff(
            before["text"].splitlines(), after["text"].splitlines(), lineterm="", n=0
        )
        lines += [line for line in diff if not line.startswith(("---", "+++", "@@"))]
        out.append({"found": before["replaced_at"], "lines": lines or ["(no change in the text)"]})
    return out
