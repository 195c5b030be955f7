"""The `monitor` command: running the monitor (demo, check, crawl, deliver, test-channels, run,
status, backup).

Looking into the archive and the rules (search, sql, alerts, match, backtest, extract) is in
monitor.cli_inspect; what all commands share is in monitor.cli_common.
"""

from __future__ import annotations

import json
import logging
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

import click

from monitor import fork_server
from monitor.cli_common import (
    GLOBAL_CONFIG,
    LOG_LEVELS,
    config_option,
    echo_delivery,
    handle_errors,
    load,
    print_table,
    setup_logging,
)
from monitor.cli_common import config_path as chosen_config_path
from monitor.cli_inspect import INSPECT_COMMANDS
from monitor.cli_rules import rules
from monitor.cli_show import show
from monitor.config import Config, format_duration
from monitor.errors import ConfigError, MonitorError
from monitor.scheduling import describe_schedule

LISTED_PER_FILE = 50  # `monitor check` lists a rule file's rules one by one up to this many

if TYPE_CHECKING:
    from monitor.status import SourceStatus


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="media-monitor")
@click.option(
    "--config",
    "-c",
    "config_path",
    type=click.Path(dir_okay=False),
    help="Config file for the command (also accepted after it).",
)
@click.pass_context
def cli(ctx: click.Context, config_path: str | None) -> None:
    """Self-hosted media monitor: crawl news sites, archive articles, alert on topics and people.

    \b
    Example:
        monitor demo
    """
    ctx.meta[GLOBAL_CONFIG] = config_path


@cli.command()
@click.option(
    "--dir",
    "directory",
    type=click.Path(file_okay=False),
    default="monitor-demo",
    show_default=True,
    help="Where the demo writes its config and archive.",
)
@handle_errors
def demo(directory: str) -> None:
    """Run the built-in demo: a local news site, two crawl rounds, real email and webhook alerts.

    \b
    Example:
        monitor demo --dir /tmp/monitor-demo
    """
    from monitor.demo.runner import run_demo

    run_demo(Path(directory), echo=click.echo)


@cli.command()
@config_option
@click.option(
    "--site", "sites", multiple=True, help="A news site to watch (repeatable): its home page."
)
@click.option("--force", is_flag=True, help="Replace an existing file.")
@handle_errors
def init(config_path: str | None, sites: tuple[str, ...], force: bool) -> None:
    """Write a starter config (./monitor.toml, or --config PATH) that `monitor check` accepts.

    \b
    Examples:
        monitor init
        monitor init --site https://oc-media.org/ --site https://jam-news.net/

    From a feed reader: `monitor import-opml subscriptions.opml`.
    """
    from monitor.config import load_config
    from monitor.starter import starter_config

    path = chosen_config_path(config_path)
    if path.exists() and not force:
        raise click.ClickException(f"{path} exists; nothing written (--force replaces it)")
    text = starter_config(list(sites))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    config = load_config(path)  # what we wrote must pass `monitor check`
    click.echo(f"wrote {path}: {len(config.sources)} source(s), {len(config.rules)} rules")
    click.echo(f"next: edit it, then `monitor check -c {path}` and `monitor crawl -c {path}`")


@cli.command("import-opml")
@config_option
@click.argument("opml", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--every",
    default="30m",
    show_default=True,
    help="How often `monitor run` crawls each imported source.",
)
@click.option("--dry-run", is_flag=True, help="Print the sources it would add; write nothing.")
@handle_errors
def import_opml(config_path: str | None, opml: Path, every: str, dry_run: bool) -> None:
    """Add a feed reader's subscriptions (its OPML export) to the config: a source per site,
    its feeds listed with their titles; feeds the config has already are left out. Without a
    config, writes a starter config with them (as `monitor init` does).

    \b
    Examples:
        monitor import-opml subscriptions.opml
        monitor import-opml feedly.opml --every 1h --dry-run
    """
    from monitor.opml_import import import_opml as run_import

    done = run_import(opml, chosen_config_path(config_path), every=every, dry_run=dry_run)
    if dry_run and done.text:
        click.echo(done.text.rstrip("\n"))
        click.echo()
    verb = "would add" if dry_run else "added"
    where = f"a new config {done.path}" if done.created else str(done.path)
    if done.sources:
        click.echo(f"{verb} {done.sources} source(s) ({done.feeds} feeds) from {opml} to {where}")
    else:
        click.echo(f"no new feeds in {opml}: {done.path} left as it was")
    _first_few(f"{len(done.already)} feed(s) the config has already, left out:", done.already)
    for note in done.overlaps:
        click.echo(f"note: {note} watches this site too; their feeds may overlap")
    _first_few(f"skipped {len(done.skipped)} outline(s) that are no web feed:", done.skipped)
    if done.sources and not dry_run:
        click.echo(f"next: `monitor check -c {done.path}`, then `monitor crawl -c {done.path}`")


def _first_few(heading: str, lines: list[str], shown: int = 10) -> None:
    """A heading and the first lines of a list (a reader's export may skip hundreds)."""
    if not lines:
        return
    click.echo(heading)
    for line in lines[:shown]:
        click.echo(f"  {line}")
    if len(lines) > shown:
        click.echo(f"  ... and {len(lines) - shown} more")


@cli.command("export-opml")
@config_option
@handle_errors
def export_opml(config_path: str | None) -> None:
    """Print the config's feeds as OPML, for a feed reader (or another monitor): a folder per
    source. A source given by its `site` alone is named on stderr: its feeds are found anew at
    each crawl, and are not in the config to export.

    \b
    Example:
        monitor export-opml > subscriptions.opml
    """
    from monitor.opml import opml_document

    config = load(config_path, need_secrets=False)
    sources = (*config.sources, *config.paused_sources)
    folders = [(s.name, [(feed, s.site) for feed in s.feeds]) for s in sources if s.feeds]
    sys.stdout.buffer.write(opml_document(f"media-monitor: {config.path.name}", folders))
    sys.stdout.flush()
    left = [s.name for s in sources if not s.feeds]
    if left:
        click.echo(
            f"not exported, no feeds = [...] in the config: {', '.join(left)} "
            "(sites, sitemaps or start pages)",
            err=True,
        )


@cli.command()
@config_option
@click.argument("destination", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Replace an existing file.")
@click.option(
    "--keep",
    type=int,
    default=None,
    help="With a directory: then keep only the newest N dated backups there.",
)
@handle_errors
def backup(config_path: str | None, destination: Path, force: bool, keep: int | None) -> None:
    """Copy the archive to a file, or to a new dated file in a directory; safe while
    `monitor run` writes to it (a plain `cp` of the file is not).

    \b
    Examples:
        monitor backup /var/backups/monitor/ --keep 14
        monitor backup archive-copy.db
    """
    from monitor.backup import backup_archive

    config = load(config_path, need_secrets=False)
    done = backup_archive(config.database, destination, force=force, keep=keep)
    click.echo(
        f"backed up {config.database} to {done.path}: {done.size / 1e6:.1f} MB, "
        f"{done.articles} articles, {done.alerts} alerts ({done.seconds:.1f} s)"
    )
    if done.removed:
        click.echo(
            f"removed {len(done.removed)} older backup(s): "
            + ", ".join(p.name for p in done.removed)
        )


def _inflection_notes(query: str, languages: tuple[str, ...] = ()) -> list[str]:
    """What `check` says of a query's words that take case endings, so that no one wonders why
    `Азербайджан` alerted on `Азербайджане` (or why `Bakı` did not on an English `Bakida`);
    Turkic suffixes not for a rule kept to other `languages`."""
    from alerts.inflection import TURKIC_LANGUAGES
    from alerts.query import inflected, parse_query, terms
    from alerts.text import fold

    folded = fold(query)  # as long as the query: a term found in it is the query's text there
    declined: list[str] = []
    turkic: list[str] = []
    spellings: list[str] = []  # a name and its number, as the query does not write them
    for term in terms(inflected(parse_query(query))):
        if term.spelling_of:
            spellings.append(" ".join(term.words))
        if term.inflection is not None:
            words = " ".join(term.words)
            at = folded.find(words) if len(folded) == len(query) else -1
            written = query[at : at + len(words)] if at >= 0 else words
            if term.inflection.capitalised:
                written += " (capitalised mid-sentence)"
            (turkic if term.inflection.turkic else declined).append(written)
    notes = []
    if spellings:
        notes.append(f"also as {', '.join(dict.fromkeys(spellings))} (a number joined or apart)")
    if declined:
        notes.append(f"also in their case forms: {', '.join(dict.fromkeys(declined))}")
    if turkic and (not languages or TURKIC_LANGUAGES & set(languages)):
        notes.append(
            "also with Azerbaijani and Turkish suffixes, in articles in those languages: "
            + ", ".join(dict.fromkeys(turkic))
        )
    return notes


def _person_notes(written: tuple[str, ...]) -> list[str]:
    """What `check` says of a person rule's name (and variants): the shorter forms it is also
    found by, the middle-name form it is not, and whether Belarusian and Russian spellings are
    read alike."""
    from alerts.east_slavic import might_be_both
    from alerts.names import by_middle_name, spanish_surnames, without_middle
    from alerts.text import fold

    notes = []
    for spanish, kind in (
        (False, "without the middle name or patronymic"),
        (True, "by the given name and first surname"),
    ):
        shorter = [
            f
            for n in written
            if (f := without_middle(n)) and f not in written and spanish_surnames(n) == spanish
        ]
        if shorter:
            notes.append(f"also {kind}: {', '.join(dict.fromkeys(shorter))}")
    middle = [f for n in written if (f := by_middle_name(n)) and f not in written]
    if middle:
        forms = ", ".join(dict.fromkeys(middle))
        notes.append(f"not by the middle name: {forms} (add it to variants if so known)")
    if any(might_be_both(fold(n)) for n in written):
        notes.append(
            "also as Belarusian or Russian writes it (о as а, ў as в, ц as т, дз as д,"
            " я as е: Tsikhanouskaya = Тихановская)"
        )
    return notes


@cli.command()
@config_option
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help='One JSON object: {"ok": true, "sources", "rules", "channels", ...} or {"ok": false,'
    ' "problems": [...]} (exit 1), for a script that checks a config before it is deployed.',
)
@handle_errors
def check(config_path: str | None, as_json: bool) -> None:
    """Validate the config and print what it would do.

    \b
    Examples:
        monitor check --config examples/south-caucasus.toml
        monitor check --json
    """
    if as_json:
        _check_json(config_path)
        return
    config = load(config_path)
    click.echo(f"{config.path}: OK")
    click.echo(f"archive: {config.database}")
    if config.alert_max_age:
        age = format_duration(config.alert_max_age)
        click.echo(f"alerts: only for stories published in the last {age}")
    edits = config.crawl.follow_edits
    click.echo(
        f"edits: a stored story its feed or sitemap says was edited is read again for "
        f"{format_duration(edits)} after it was first read"
        if edits
        else "edits: stored stories are not read again (follow_edits = false)"
    )
    if config.crawl.reread:
        click.echo(f"rereads: every stored story is read again {_ages(config.crawl.reread)}")
    elif any(r.alert_removals for r in config.rules) and not any(s.reread for s in config.sources):
        # a takedown is seen only by reading a story again; feeds rarely date an edit
        click.echo(
            "takedowns: seen only when a feed or sitemap dates an edit of a stored story;"
            ' `reread = ["6h", "2d", "30d"]` under [crawl] reads each again at those ages'
        )
    click.echo(f"sources ({len(config.sources)}):")
    from monitor.opml import feed_key

    listed_by: dict[str, list[str]] = {}  # a feed or sitemap -> the sources that read it
    for source in config.sources:
        for url in dict.fromkeys(feed_key(u) for u in source.feeds + source.sitemaps):
            listed_by.setdefault(url, []).append(source.name)
    for s in config.sources:
        when = describe_schedule(s)
        how = []
        if s.site:
            how.append(
                f"site {s.site} (feeds from its home page, sitemaps from robots.txt; without either, its home page's headlines)"
            )
        how += [f"feed {u}" for u in s.feeds] + [f"sitemap {u}" for u in s.sitemaps]
        how += [f"links on {u}" for u in s.start_urls]
        own = [f"download_delay {s.download_delay:g}s"] if s.download_delay is not None else []
        own += [f"max_articles {s.max_articles}"] if s.max_articles else []
        if s.follow_edits is not None:
            own += [
                f"edits followed {format_duration(s.follow_edits)}"
                if s.follow_edits
                else "edits not followed"
            ]
        if s.reread is not None:
            own += [f"read again {_ages(s.reread)}" if s.reread else "no rereads"]
        own += [f"language {s.language}"] if s.language else []
        own += [f"times without a zone in {s.site_timezone}"] if s.site_timezone else []
        click.echo(f"  {s.name}: {', '.join([when, *own])}")
        for line in how:
            click.echo(f"    - {line}")
        for url in s.feeds + s.sitemaps:
            others = [o for o in listed_by.get(feed_key(url), []) if o != s.name]
            if others:
                click.echo(
                    f"    note: {url} is read by {', '.join(others)} too: each pass of both "
                    "fetches it (its stories are stored once, under the first to find them)"
                )
        if any(urlsplit(u).hostname == "news.google.com" for u in s.feeds):
            click.echo(
                "    note: Google News' RSS links point to Google, not to the stories, and "
                "cannot be read: use the sites' own feeds, or a Google Alert's RSS"
            )
        if s.proxy:
            from monitor.source_proxy import shown

            click.echo(f"    through the proxy {shown(s.proxy)}")
        if s.username is not None or s.cookie:
            from monitor.source_auth import credential_hosts

            hosts = ", ".join(sorted(credential_hosts(s.own_urls())))
            kinds = [f"HTTP Basic, user {s.username!r}"] if s.username is not None else []
            kinds += ["a Cookie header"] if s.cookie else []
            click.echo(f"    credentials ({'; '.join(kinds)}): to {hosts} (and subdomains) only")
        if s.allow:
            click.echo(f"    articles: URLs matching {_patterns(s.allow)}")
        if s.deny:
            click.echo(f"    never: URLs matching {_patterns(s.deny)}")
    click.echo(f"rules ({len(config.rules)}):")
    in_file = Counter(config.rule_file_of.get(r.name) for r in config.rules)
    for name, count in in_file.items():
        if name is not None and count > LISTED_PER_FILE:
            click.echo(f"  {count:,} rules of {name} (not listed: `monitor rules` shows them)")
    for r in config.rules:
        origin = config.rule_file_of.get(r.name)
        if origin is not None and in_file[origin] > LISTED_PER_FILE:
            continue
        what = (
            f"query {r.query}"
            if r.query
            else f"person {r.person}" + (f" (+{len(r.variants)} variants)" if r.variants else "")
        )
        where = f" [{origin}]" if origin else ""
        click.echo(f"  {r.name}: {what} -> {', '.join(r.channels) or 'no channel'}{where}")
        if r.sources:
            click.echo(f"    only in articles of: {', '.join(r.sources)}")
        if r.languages:
            click.echo(f"    only in articles in: {', '.join(r.languages)}")
        if r.exclude_sources:
            click.echo(f"    never in articles of: {', '.join(r.exclude_sources)}")
        if r.exclude_urls:
            click.echo(f"    never in articles at: URLs matching {_patterns(r.exclude_urls)}")
        if r.min_mentions > 1:
            click.echo(f"    only in articles that mention it {r.min_mentions} times or more")
        if r.alert_removals:
            click.echo(
                "    alerts too when an edit takes out of a story what it matched, or its site takes the"
                " story down (and once more if it comes back)"
            )
        if r.person:
            for note in _person_notes((r.person, *r.variants)):
                click.echo(f"    {note}")
        elif r.query and r.inflect:
            for note in _inflection_notes(r.query, r.languages):
                click.echo(f"    {note}")
    click.echo(f"channels ({len(config.channels)}):")
    for c in config.channels:
        target = _channel_target(c)
        extra = ""
        if c.type == "webhook" and not getattr(c, "secret", None):
            extra = " (unsigned: set secret_env to sign with Standard Webhooks)"
        click.echo(f"  {c.name}: {c.type} {target}{extra}")
        if pace := _pace(config.schedules.get(c.name)):
            click.echo(f"    {pace}")
    paused = [
        ("sources", "not crawled", [s.name for s in config.paused_sources]),
        (
            "rules",
            "not matched; `monitor backtest` still runs them",
            [r.name for r in config.paused_rules],
        ),
        (
            "channels",
            "nothing queued for them; what was pending waits",
            list(config.paused_channels),
        ),
    ]
    if any(names for _, _, names in paused):
        click.echo("paused (enabled = false):")
        for kind, meaning, names in paused:
            if names:
                click.echo(f"  {kind}: {', '.join(names)} ({meaning})")


def _check_json(config_path: str | None) -> None:
    """`monitor check --json`: what the config holds, or every problem in it."""
    try:
        config = load(config_path)
    except ConfigError as exc:
        click.echo(json.dumps({"ok": False, "problems": exc.problems}, ensure_ascii=False))
        raise SystemExit(1) from None
    sources = [
        {
            "name": s.name,
            "schedule": describe_schedule(s),
            "site": s.site,
            "feeds": list(s.feeds),
            "sitemaps": list(s.sitemaps),
            "start_urls": list(s.start_urls),
        }
        for s in config.sources
    ]
    rules = [
        {
            "name": r.name,
            "kind": "person" if r.person else "query",
            "query": r.query,
            "person": r.person,
            "variants": list(r.variants),
            "channels": list(r.channels),
            "file": config.rule_file_of.get(r.name),
        }
        for r in config.rules
    ]
    channels = [{"name": c.name, "type": c.type} for c in config.channels]
    paused = {
        "sources": [s.name for s in config.paused_sources],
        "rules": [r.name for r in config.paused_rules],
        "channels": list(config.paused_channels),
    }
    summary = {
        "ok": True,
        "config": str(config.path),
        "archive": str(config.database),
        "sources": sources,
        "rules": rules,
        "channels": channels,
        "paused": paused,
    }
    click.echo(json.dumps(summary, ensure_ascii=False, indent=2))


def _pace(schedule: Any) -> str:
    """How a channel's alerts go out, where not one by one as they come."""
    if schedule is None:
        return ""
    said = []
    zone = f" {schedule.timezone}" if schedule.timezone != "UTC" else " UTC"
    if schedule.digest == "hourly":
        said.append("an hourly digest")
    elif schedule.digest == "daily":
        said.append(f"a daily digest at {schedule.at}{zone}")
    if schedule.max_per_hour:
        said.append(f"over {schedule.max_per_hour} an hour: the rest in a digest at the next hour")
    if schedule.quiet_hours:
        said.append(
            f"quiet {schedule.quiet_hours}{zone}: what comes due then goes in one digest at "
            "their end"
        )
    return "; ".join(said)


@cli.command()
@config_option
@click.option(
    "--source", "-s", "source_names", multiple=True, help="Only this source (repeatable)."
)
@click.option("--log-level", type=LOG_LEVELS, default="INFO", show_default=True)
@click.option(
    "--lazy-workers",
    is_flag=True,
    help="Load the extractor only when a new article is found: less CPU for a pass that finds "
    "nothing (as `monitor run` passes are), about a second more before the first article.",
)
@click.option(
    "--recheck",
    is_flag=True,
    help="Read again the pages lately found not to be articles (listings, stubs, 404s), which "
    "otherwise wait an hour to a month before their next read.",
)
@click.option(
    "--dry-run",
    is_flag=True,
    help="Discover only: read robots.txt, feeds, sitemaps and start pages and list the articles "
    "a pass would fetch; fetch none, write nothing to the archive, send nothing.",
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print what the pass did (per source, and the delivery) as JSON, for a script.",
)
@handle_errors
def crawl(
    config_path: str | None,
    source_names: tuple[str, ...],
    log_level: str,
    lazy_workers: bool,
    recheck: bool,
    dry_run: bool,
    as_json: bool,
) -> None:
    """Crawl now: discover, fetch, extract, store, match, queue and deliver alerts.

    \b
    Examples:
        monitor crawl --source example-news
        monitor crawl --source example-news --dry-run   # what a new source would give
    """
    config = load(config_path, need_secrets=not dry_run)
    sources = [config.source(n) for n in source_names] if source_names else list(config.sources)
    if not sources:
        raise MonitorError(f"{config.path}: no [[source]] to crawl")
    from monitor.crawl import run_crawl

    setup_logging(log_level)
    scrapy_level = "ERROR" if log_level.upper() != "DEBUG" else "DEBUG"
    if dry_run:
        import dataclasses
        import tempfile

        with tempfile.TemporaryDirectory(prefix="monitor-dry-run-") as scratch:
            if not config.database.exists():  # what is stored is read; none is made
                config = dataclasses.replace(config, database=Path(scratch) / "archive.db")
            result = run_crawl(config, sources, log_level=scrapy_level, dry_run=True)
        if as_json:
            record = {"dry_run": True, **_crawl_record(result), "delivery": None}
            click.echo(json.dumps(record, indent=2, ensure_ascii=False))
        else:
            _echo_dry_run(result.stats)
        return
    if config.crawl.extract_workers != 0 and not lazy_workers:
        fork_server.start()  # loads the extractor on another core while Scrapy loads here
    if sys.stderr.isatty():
        result = _crawl_with_progress(config, sources, scrapy_level, lazy_workers, recheck)
    else:  # quiet and line-oriented: one log line per article
        result = run_crawl(
            config, sources, log_level=scrapy_level, lazy_workers=lazy_workers, recheck=recheck
        )
    if as_json:
        click.echo(json.dumps(_crawl_record(result), indent=2, ensure_ascii=False))
        return
    for name, stats in result.stats.items():
        click.echo(
            f"{_links(name, stats)}, "
            f"{stats.pages} fetched, {stats.new_articles} new, {stats.updated_articles} updated, "
            + (f"{stats.not_modified} feeds/sitemaps unchanged, " if stats.not_modified else "")
            + f"{stats.alerts_queued} alert{'' if stats.alerts_queued == 1 else 's'} queued"
        )
        for reason, n in sorted(stats.from_feed.items()):
            click.echo(f"  from the feed's text {n}: {reason}")
        if stats.taken_down:
            click.echo(
                f"  taken down {stats.taken_down}: stored stories their site no longer gives, "
                "read twice a while apart (kept in the archive; monitor show says so)"
            )
        _echo_skips_and_failures(stats)
    echo_delivery(result.delivery)


DRY_RUN_LISTED = 20  # addresses shown per source; the count says how many more


def _crawl_record(result: Any) -> dict[str, Any]:
    """`crawl --json`: each source's figures, as the summary lines give them, and the
    delivery's (none in a dry run)."""
    sources = {}
    for name, stats in result.stats.items():
        sources[name] = {
            "article_links": stats.discovered,
            "already_stored": stats.skipped_known,
            "not_articles_lately": stats.skipped_not_articles,
            "read_again_for_edits": stats.revisited,
            "read_again_at_reread_ages": stats.reread,
            "read_again_as_gone": stats.recheck_gone,
            "taken_down": stats.taken_down,
            "fetched": stats.pages,
            "new": stats.new_articles,
            "updated": stats.updated_articles,
            "listings_unchanged": stats.not_modified,
            "alerts_queued": stats.alerts_queued,
            "from_feed": dict(stats.from_feed),
            "skipped": dict(stats.dropped),
            "failed": dict(stats.errors),
            "failed_urls": list(stats.failed_urls),
        }
        if stats.would_fetch:
            sources[name]["would_fetch"] = [
                {"url": url, "listed": listed} for url, listed in stats.would_fetch
            ]
    delivery = result.delivery
    return {
        "sources": sources,
        "delivery": {
            "sent": delivery.sent,
            "kept_for_retry": delivery.retry_later,
            "failed": delivery.failed,
            "digests": delivery.digests,
            "held_for_digest": delivery.held,
            "held_for_quiet_hours_end": delivery.quiet,
            "errors": list(delivery.errors),
        },
    }


def _echo_dry_run(stats_by_source: dict[str, Any]) -> None:
    """What each source's pass would fetch, as its listings give it."""
    for name, stats in stats_by_source.items():
        would = stats.would_fetch
        click.echo(f"{_links(name, stats)}, {len(would)} would be fetched")
        for url, listed in would[:DRY_RUN_LISTED]:
            click.echo(f"    {url}" + (f"  ({listed})" if listed else ""))
        if len(would) > DRY_RUN_LISTED:
            click.echo(f"    ... and {len(would) - DRY_RUN_LISTED} more")
        _echo_skips_and_failures(stats)
    click.echo("dry run: no article fetched, nothing written to the archive, nothing sent")


def _ages(ages: tuple[int, ...]) -> str:
    """`reread`'s ages as `monitor check` says them: 'at 2h, 12h and 2d old (...)'."""
    shown = [format_duration(a) for a in ages]
    listed = ", ".join(shown[:-1]) + " and " + shown[-1] if len(shown) > 1 else shown[0]
    return f"at {listed} old (from its publication, or our first read of it if that is earlier)"


def _links(name: str, stats: Any) -> str:
    """A pass's summary line's start: the article links its listings gave, and the known."""
    lately = (
        f", {stats.skipped_not_articles} lately found not to be articles"
        if stats.skipped_not_articles
        else ""
    )
    if stats.revisited:  # stored stories whose listings dated an edit (monitor.edits)
        lately += f", {stats.revisited} stored read again as edited since"
    links = (
        f"{name}: {stats.discovered} article links ({stats.skipped_known} already stored{lately})"
    )
    if stats.reread:  # stored stories at an age `reread` names (monitor.edits.reread_due)
        links += f", {stats.reread} stored read again at their reread age"
    if stats.recheck_gone:  # answered 404, 410 or 451 a while ago: taken down?
        links += f", {stats.recheck_gone} stored read again as gone a while ago"
    return links


def _echo_skips_and_failures(stats: Any) -> None:
    for reason, n in sorted(stats.dropped.items()):
        click.echo(f"  skipped {n}: {reason}")
    for reason, n in sorted(stats.errors.items()):
        click.echo(f"  failed {n}: {reason}")
    for url in stats.failed_urls[:10]:
        click.echo(f"    {url}")
    if len(stats.failed_urls) > 10:
        click.echo(f"    ... and {len(stats.failed_urls) - 10} more")


def _patterns(patterns: tuple[str, ...]) -> str:
    """As the crawl reads them (monitor.urls.UrlPattern): one anchored at a path's start, in
    the path."""
    from monitor.urls import UrlPattern

    return " or ".join(f"{p} (in the path)" if UrlPattern(p).on_path else p for p in patterns)


def _crawl_with_progress(
    config: Config, sources: list[Any], scrapy_level: str, lazy_workers: bool, recheck: bool
) -> Any:
    """Live progress per source on a terminal (rich); our per-article log lines are held back."""
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from monitor.crawl import run_crawl

    logging.getLogger("monitor.pipeline").setLevel(logging.WARNING)
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        tasks = {s.name: progress.add_task(f"{s.name}: starting", total=None) for s in sources}

        def update(source: str, stats: Any) -> None:
            progress.update(
                tasks[source],
                description=f"{source}: {stats.pages} fetched, {stats.new_articles} new, "
                f"{stats.alerts_queued} alerts, {sum(stats.errors.values())} errors",
            )

        return run_crawl(
            config,
            sources,
            log_level=scrapy_level,
            progress=update,
            lazy_workers=lazy_workers,
            recheck=recheck,
        )


def _channel_target(channel: Any) -> str:
    """Where a channel sends, for people: an Apprise URL holds tokens and is never shown."""
    if channel.type == "apprise":
        return "(URL from the environment, not shown)"
    if channel.type == "feed":
        served = f", served at {channel.url}" if channel.url else ""
        return f"the Atom feed file {channel.path} (the last {channel.max_entries} entries{served})"
    url = channel.smtp_url if channel.type == "email" else channel.url
    parts = urlsplit(url)
    if parts.password:  # smtp://user:password@host: the config's own, still not for the screen
        url = urlunsplit(
            parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":****@"))
        )
    return f"to {', '.join(channel.to)} via {url}" if channel.type == "email" else url


@cli.command()
@config_option
@click.option(
    "--now",
    "ignore_backoff",
    is_flag=True,
    help="Also send alerts still waiting out their backoff.",
)
@handle_errors
def deliver(config_path: str | None, ignore_backoff: bool) -> None:
    """Send the alerts that are due now (crawl and run do this too).

    \b
    Examples:
        monitor deliver
        monitor deliver --now      # don't wait for the backoff after a receiver came back
    """
    from monitor.dispatch import deliver as deliver_now

    echo_delivery(deliver_now(load(config_path), ignore_backoff=ignore_backoff))


@cli.command("test-channels")
@config_option
@click.argument("names", nargs=-1)
@handle_errors
def test_channels(config_path: str | None, names: tuple[str, ...]) -> None:
    """Send a test message to every channel (or those named) now, to know that an address, a
    password or a receiver works before the first alert depends on it. Nothing is queued or
    recorded; exits 1 if a channel failed.

    \b
    Examples:
        monitor test-channels
        monitor test-channels desk     # one channel
    """
    from alerts.channel_check import send_tests
    from monitor.dispatch import secrets

    config = load(config_path)
    known = {channel.name: channel for channel in config.channels}
    paused = [name for name in names if name in config.paused_channels]
    if paused:
        raise click.BadParameter(
            f"{', '.join(map(repr, paused))} paused (enabled = false): not tested",
            param_hint="NAMES",
        )
    if not known:
        raise click.UsageError(f"{config.path} has no [[channel]] to test")
    unknown = [name for name in names if name not in known]
    if unknown:
        raise click.BadParameter(
            f"no channel named {', '.join(map(repr, unknown))} (known: {', '.join(known)})",
            param_hint="NAMES",
        )
    chosen = [known[name] for name in dict.fromkeys(names)] or list(config.channels)
    answers = send_tests(config, chosen, secrets=secrets(config))
    for channel, answer in zip(chosen, answers, strict=True):
        where = _channel_target(channel)
        if answer.error is None:
            click.echo(f"{answer.channel}: sent ({channel.type} {where})")
        else:
            click.echo(f"{answer.channel}: FAILED ({channel.type} {where}): {answer.error}")
    failed = sum(answer.error is not None for answer in answers)
    if failed:
        click.echo(f"{failed} of {len(answers)} channels failed", err=True)
        sys.exit(1)


@cli.command()
@config_option
@click.option("--log-level", type=LOG_LEVELS, default="INFO", show_default=True)
@handle_errors
def run(config_path: str | None, log_level: str) -> None:
    """Run every source on its schedule (every / cron) until stopped with Ctrl-C or SIGTERM.

    \b
    Example:
        monitor run --config /etc/monitor/monitor.toml
    """
    from monitor.scheduling import run_forever

    config = load(config_path)
    setup_logging(log_level)
    run_forever(config, log_level=log_level)


@cli.command()
@config_option
@click.option("--json", "as_json", is_flag=True)
@click.option(
    "--check",
    is_flag=True,
    help="Exit 1 on errors in a last crawl, 2 on a failing or overdue source.",
)
@handle_errors
def status(config_path: str | None, as_json: bool, check: bool) -> None:
    """Per source: last and next crawl, new articles, error rate, health; and the daemon.

    With --check, the exit status says it too, as monitoring plugins do (Nagios, Icinga,
    a cron job's mail): 0 all well, 1 a source had errors in its last crawl, 2 a source is
    failing or overdue (nothing has crawled it for two of its periods).

    \b
    Examples:
        monitor status
        monitor status --check || echo "the monitor needs a look"
    """
    from dataclasses import asdict

    from monitor.status import (
        TAKEN_DOWN_DAYS,
        daemon_pid,
        source_status,
        taken_down_lately,
        waiting_not_articles,
    )

    config = load(config_path, need_secrets=False)
    rows = source_status(config)
    pid = daemon_pid(config.database)
    waiting = waiting_not_articles(config)
    taken_down = taken_down_lately(config)
    back = taken_down_lately(config, back=True) if taken_down else {}
    if as_json:
        click.echo(
            json.dumps(
                {
                    "daemon_pid": pid,
                    "sources": [asdict(r) for r in rows],
                    "not_articles_waiting": waiting,
                    f"taken_down_last_{TAKEN_DOWN_DAYS}_days": taken_down,
                    # of those, the ones their sites give again since
                    f"back_online_of_those_taken_down_last_{TAKEN_DOWN_DAYS}_days": back,
                    "paused_sources": [s.name for s in config.paused_sources],
                },
                indent=2,
            )
        )
    else:
        _print_status(config, rows, pid)
        if config.paused_sources:
            names = ", ".join(s.name for s in config.paused_sources)
            click.echo(f"paused (enabled = false), not crawled: {names}")
        if waiting:
            reasons = ", ".join(f"{reason} {count}" for reason, count in waiting.items())
            click.echo(
                f"pages lately found not to be articles, read again when due: "
                f"{sum(waiting.values())} ({reasons}); `monitor crawl --recheck` reads them now"
            )
        if taken_down:
            by_source = ", ".join(f"{name} {count}" for name, count in taken_down.items())
            again = f"; back online since: {sum(back.values())}" if back else ""
            click.echo(
                f"stories their sites took down in the last {TAKEN_DOWN_DAYS} days: "
                f"{sum(taken_down.values())} ({by_source}{again}); kept as read, see README's SQL"
            )
    if check:
        critical = [r.name for r in rows if r.health == "failing" or r.health.startswith("overdue")]
        warning = [r.name for r in rows if r.health.startswith(("errors", "allow took none"))]
        if critical or warning:
            level = "CRITICAL" if critical else "WARNING"
            problems = [f"{r.name}: {r.health}" for r in rows if r.name in critical + warning]
            hint = " (is `monitor run` running?)" if any("overdue" in p for p in problems) else ""
            click.echo(f"monitor status: {level}: " + "; ".join(problems) + hint, err=True)
            sys.exit(2 if critical else 1)


def _print_status(config: Config, rows: list[SourceStatus], pid: int | None) -> None:
    archive = str(config.database) if config.database.exists() else f"{config.database}, not yet"
    click.echo(
        f"daemon: {'running, pid ' + str(pid) if pid else 'not running'}  (archive {archive})"
    )
    print_table(
        [
            "source",
            "last crawl",
            "outcome",
            "new",
            "next crawl",
            f"errors (last {len(rows) and max(r.runs for r in rows)})",
            "health",
        ],
        [
            (
                r.name,
                r.last_start or "-",
                r.last_outcome or "-",
                r.last_new,
                r.next_run or "on demand",
                f"{r.error_rate:.0%}",
                r.health,
            )
            for r in rows
        ],
    )


for _command in (*INSPECT_COMMANDS, show, rules):
    cli.add_command(_command)
