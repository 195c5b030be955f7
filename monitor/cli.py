"""The `monitor` command. MonitorError becomes a clean message here and nowhere else."""

from __future__ import annotations

import functools
import json
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from monitor.config import Config, format_duration, load_config, resolve_config_path
from monitor.errors import ConfigError, MonitorError

F = TypeVar("F", bound=Callable[..., Any])
LOG_LEVELS = click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"], case_sensitive=False)


def _handle_errors(func: F) -> F:
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


def _config(path: str | None, *, need_secrets: bool = True) -> Config:
    return load_config(resolve_config_path(path), need_secrets=need_secrets)


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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="media-monitor")
def cli() -> None:
    """Self-hosted media monitor: crawl news sites, archive articles, alert on topics and people.

    \b
    Example:
        monitor demo
    """


@cli.command()
@click.option(
    "--dir",
    "directory",
    type=click.Path(file_okay=False),
    default="monitor-demo",
    show_default=True,
    help="Where the demo writes its config and archive.",
)
@_handle_errors
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
@_handle_errors
def check(config_path: str | None) -> None:
    """Validate the config and print what it would do.

    \b
    Example:
        monitor check --config examples/south-caucasus.toml
    """
    config = _config(config_path)
    click.echo(f"{config.path}: OK")
    click.echo(f"archive: {config.database}")
    click.echo(f"sources ({len(config.sources)}):")
    for s in config.sources:
        when = (
            f"every {format_duration(s.every)}"
            if s.every
            else f"cron '{s.cron}' ({s.timezone})"
            if s.cron
            else "on demand"
        )
        how = []
        if s.site:
            how.append(f"site {s.site} (feeds from its home page, sitemaps from robots.txt)")
        how += [f"feed {u}" for u in s.feeds] + [f"sitemap {u}" for u in s.sitemaps]
        how += [f"links on {u}" for u in s.start_urls]
        click.echo(f"  {s.name}: {when}")
        for line in how:
            click.echo(f"    - {line}")
        if s.allow:
            click.echo(f"    articles: URLs matching {' or '.join(s.allow)}")
    click.echo(f"rules ({len(config.rules)}):")
    for r in config.rules:
        what = (
            f"query {r.query}"
            if r.query
            else f"person {r.person}" + (f" (+{len(r.variants)} variants)" if r.variants else "")
        )
        click.echo(f"  {r.name}: {what} -> {', '.join(r.channels) or 'no channel'}")
    click.echo(f"channels ({len(config.channels)}):")
    for c in config.channels:
        target = getattr(c, "smtp_url", None) or (
            "(URL from the environment, not shown)"
            if c.type == "apprise"
            else getattr(c, "url", "")
        )
        extra = ""
        if c.type == "webhook" and not getattr(c, "secret", None):
            extra = " (unsigned: set secret_env to sign with Standard Webhooks)"
        click.echo(f"  {c.name}: {c.type} {target}{extra}")


@cli.command()
@config_option
@click.option(
    "--source", "-s", "source_names", multiple=True, help="Only this source (repeatable)."
)
@click.option("--log-level", type=LOG_LEVELS, default="INFO", show_default=True)
@_handle_errors
def crawl(config_path: str | None, source_names: tuple[str, ...], log_level: str) -> None:
    """Crawl now: discover, fetch, extract, store, match, queue and deliver alerts.

    \b
    Example:
        monitor crawl --source example-news
    """
    from monitor.crawl import run_crawl

    config = _config(config_path)
    sources = [config.source(n) for n in source_names] if source_names else list(config.sources)
    if not sources:
        raise MonitorError(f"{config.path}: no [[source]] to crawl")
    setup_logging(log_level)
    scrapy_level = "ERROR" if log_level.upper() != "DEBUG" else "DEBUG"
    if sys.stderr.isatty():
        result = _crawl_with_progress(config, sources, scrapy_level)
    else:  # quiet and line-oriented: one log line per article
        result = run_crawl(config, sources, log_level=scrapy_level)

    for name, stats in result.stats.items():
        line = (
            f"{name}: {stats.discovered} article links ({stats.skipped_known} already stored), "
            f"{stats.pages} fetched, {stats.new_articles} new, {stats.updated_articles} updated, "
            + (f"{stats.not_modified} feeds/sitemaps unchanged, " if stats.not_modified else "")
            + f"{stats.alerts_queued} alerts queued"
        )
        click.echo(line)
        for reason, n in sorted(stats.dropped.items()):
            click.echo(f"  skipped {n}: {reason}")
        for reason, n in sorted(stats.errors.items()):
            click.echo(f"  failed {n}: {reason}")
        for url in stats.failed_urls[:10]:
            click.echo(f"    {url}")
        if len(stats.failed_urls) > 10:
            click.echo(f"    ... and {len(stats.failed_urls) - 10} more")
    _echo_delivery(result.delivery)


def _crawl_with_progress(config: Config, sources: list[Any], scrapy_level: str) -> Any:
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

        return run_crawl(config, sources, log_level=scrapy_level, progress=update)


def _echo_delivery(report: Any) -> None:
    click.echo(
        f"delivery: {report.sent} sent, {report.retry_later} kept for retry, {report.failed} failed"
        + (
            f", {report.digests} digest{'s' if report.digests != 1 else ''}"
            if report.digests
            else ""
        )
        + (f", {report.held} held for the next digest (max_per_hour)" if report.held else "")
        + (f", {report.no_channel} for channels no longer configured" if report.no_channel else "")
    )
    for error in report.errors[:5]:
        click.echo(f"  {error}")


@cli.command()
@config_option
@click.option(
    "--now",
    "ignore_backoff",
    is_flag=True,
    help="Also send alerts still waiting out their backoff.",
)
@_handle_errors
def deliver(config_path: str | None, ignore_backoff: bool) -> None:
    """Send the alerts that are due now (crawl and run do this too).

    \b
    Examples:
        monitor deliver
        monitor deliver --now      # don't wait for the backoff after a receiver came back
    """
    from monitor.dispatch import deliver as deliver_now

    _echo_delivery(deliver_now(_config(config_path), ignore_backoff=ignore_backoff))


@cli.command()
@config_option
@click.option("--log-level", type=LOG_LEVELS, default="INFO", show_default=True)
@_handle_errors
def run(config_path: str | None, log_level: str) -> None:
    """Run every source on its schedule (every / cron) until stopped with Ctrl-C or SIGTERM.

    \b
    Example:
        monitor run --config /etc/monitor/monitor.toml
    """
    from monitor.scheduling import run_forever

    config = _config(config_path)
    setup_logging(log_level)
    run_forever(config, log_level=log_level)


@cli.command()
@config_option
@click.option("--json", "as_json", is_flag=True)
@_handle_errors
def status(config_path: str | None, as_json: bool) -> None:
    """Per source: last and next crawl, new articles, error rate, health; and the daemon.

    \b
    Example:
        monitor status
    """
    from dataclasses import asdict

    from monitor.status import daemon_pid, source_status

    config = _config(config_path, need_secrets=False)
    rows = source_status(config)
    pid = daemon_pid(config.database)
    if as_json:
        click.echo(json.dumps({"daemon_pid": pid, "sources": [asdict(r) for r in rows]}, indent=2))
        return
    click.echo(
        f"daemon: {'running, pid ' + str(pid) if pid else 'not running'}  (archive {config.database})"
    )
    _table(
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


@cli.command()
@config_option
@click.argument("query")
@click.option("--limit", "-n", default=20, show_default=True)
@click.option("--source", "-s", default=None, help="Only articles from this source.")
@_handle_errors
def search(config_path: str | None, query: str, limit: int, source: str | None) -> None:
    """Full-text search of the archive, best matches first, with highlighted snippets.

    \b
    Example:
        monitor search '"Eastern Partnership" OR Euronest'
    """
    from monitor.readonly import HIT_END, HIT_START
    from monitor.readonly import search as fts_search

    config = _config(config_path, need_secrets=False)
    hits = fts_search(config.database, query, limit=limit, source=source)
    if not hits:
        click.echo("no matches")
    color = sys.stdout.isatty()
    for hit in hits:
        click.echo(
            click.style(hit.title or hit.url, bold=True) if color else (hit.title or hit.url)
        )
        click.echo(f"  {hit.source} · {hit.published or 'date unknown'} · {hit.url}")
        snippet = " ".join(hit.snippet.split())
        start, end = ("\x1b[1;33m", "\x1b[0m") if color else ("[", "]")
        click.echo("  " + snippet.replace(HIT_START, start).replace(HIT_END, end))


@cli.command()
@config_option
@click.argument("sql")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of row objects.")
@_handle_errors
def sql(config_path: str | None, sql: str, as_json: bool) -> None:
    """Run one read-only SQL statement on the archive (writes are refused).

    \b
    Example:
        monitor sql "SELECT source, count(*) FROM articles GROUP BY source" --json
    """
    from monitor.readonly import run_sql

    config = _config(config_path, need_secrets=False)
    columns, rows = run_sql(config.database, sql)
    if as_json:
        click.echo(
            json.dumps(
                [dict(zip(columns, row, strict=True)) for row in rows], ensure_ascii=False, indent=2
            )
        )
        return
    _table(columns, rows)


def _table(columns: list[str], rows: list[tuple[Any, ...]]) -> None:
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


@cli.group(invoke_without_command=True)
@config_option
@click.option("--status", type=click.Choice(["pending", "sent", "failed"]), default=None)
@click.option("--limit", "-n", default=30, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
@_handle_errors
def alerts(
    ctx: click.Context, config_path: str | None, status: str | None, limit: int, as_json: bool
) -> None:
    """Recent alerts with their delivery status, newest first; `retry` sends failed ones again.

    \b
    Examples:
        monitor alerts --status failed
        monitor alerts retry --all
    """
    if ctx.invoked_subcommand is not None:
        ctx.obj = config_path
        return
    from monitor.archive import Store
    from monitor.outbox import Outbox

    config = _config(config_path, need_secrets=False)
    with Store(config.database) as store:
        rows = store.alerts(status=status, limit=limit)
        disabled = Outbox(store).disabled_channels()
    if as_json:
        keys = (
            "id",
            "rule",
            "channel",
            "url",
            "title",
            "status",
            "attempts",
            "created_at",
            "sent_at",
            "last_error",
            "matched",
            "snippet",
        )
        click.echo(
            json.dumps(
                [{k: getattr(a, k) for k in keys} for a in rows], ensure_ascii=False, indent=2
            )
        )
        return
    for channel, reason in disabled.items():
        click.echo(f"channel {channel} is disabled: {reason}")
    if not rows:
        click.echo("no alerts")
    for a in rows:
        click.echo(f"#{a.id} {a.status:<7} {a.rule} -> {a.channel}  {a.title or a.url}")
        click.echo(
            f"    {a.url}  (queued {a.created_at}, attempts {a.attempts}"
            + (f", sent {a.sent_at}" if a.sent_at else "")
            + ")"
        )
        click.echo(f"    matched {a.matched!r}: {a.snippet}")
        if a.last_error:
            click.echo(f"    last error: {a.last_error}")


@alerts.command("retry")
@click.argument("ids", nargs=-1, type=int)
@click.option("--all", "retry_all", is_flag=True, help="Every failed alert.")
@click.pass_obj
@_handle_errors
def alerts_retry(config_path: str | None, ids: tuple[int, ...], retry_all: bool) -> None:
    """Make failed alerts pending again (and re-enable their channels), then deliver them.

    \b
    Examples:
        monitor alerts retry 12 13
        monitor alerts retry --all
    """
    from monitor.archive import Store
    from monitor.dispatch import deliver as deliver_now
    from monitor.outbox import Outbox

    if not ids and not retry_all:
        raise MonitorError("name the alert ids to retry, or pass --all")
    config = _config(config_path)
    with Store(config.database) as store:
        changed = Outbox(store).retry(None if retry_all else ids)
    click.echo(f"{changed} failed alert{'s' if changed != 1 else ''} queued again")
    _echo_delivery(deliver_now(config, ignore_backoff=True))


@cli.command()
@config_option
@click.argument("file", type=click.File("r", encoding="utf-8", errors="replace"))
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of matches.")
@click.option("--title", default=None, help="Title to match along with the text.")
@_handle_errors
def match(config_path: str | None, file: Any, as_json: bool, title: str | None) -> None:
    """Show which rules match a text file (an .html file is extracted first; - reads stdin).

    \b
    Example:
        echo "The Euronest assembly met in Baku." | monitor match -
    """
    from alerts.rules import Matcher
    from monitor.extract import extract_article
    from monitor.models import Article

    config = _config(config_path, need_secrets=False)
    content = file.read()
    name = getattr(file, "name", "-")
    if name.endswith((".html", ".htm")) or content.lstrip()[:15].lower().startswith(
        ("<!doctype", "<html")
    ):
        extracted = extract_article(content, f"file://{name}")
        if extracted.article is None:
            raise MonitorError(f"{name}: {extracted.reason}")
        article = extracted.article
    else:
        article = Article(url=f"file://{name}", title=title, text=content)
    found = Matcher(config.rules).match(article)
    if as_json:
        click.echo(
            json.dumps(
                [
                    {
                        "rule": m.rule,
                        "matched": m.matched,
                        "field": m.field,
                        "start": m.start,
                        "end": m.end,
                        "sentence": m.sentence,
                    }
                    for m in found
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    if not found:
        click.echo("no rule matches")
    color = sys.stdout.isatty()
    for m in found:
        highlighted = click.style(m.matched, fg="yellow", bold=True) if color else f"[{m.matched}]"
        click.echo(
            f"{m.rule}: {m.field} {m.start}-{m.end}: {m.sentence.replace(m.matched, highlighted, 1)}"
        )


@cli.command()
@config_option
@click.argument("rule_or_query")
@click.option("--person", is_flag=True, help="Treat the argument as a person's name, not a query.")
@click.option(
    "--since", default=None, help="Only articles published (or fetched) on or after this date."
)
@click.option("--source", "-s", default=None, help="Only articles from this source.")
@click.option("--limit", "-n", default=50, show_default=True, help="Articles to list.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per matching article.")
@_handle_errors
def backtest(
    config_path: str | None,
    rule_or_query: str,
    person: bool,
    since: str | None,
    source: str | None,
    limit: int,
    as_json: bool,
) -> None:
    """Run a rule (by name) or a query over the archive and list what it would have alerted.

    \b
    Examples:
        monitor backtest euronest --since 2026-01-01
        monitor backtest '"Khadija Ismayilova" NEAR/10 (court OR trial)'
        monitor backtest --person 'Leyla Yunus'
    """
    from monitor.backtest import BacktestReport
    from monitor.backtest import backtest as run_backtest
    from monitor.config import Rule

    config = _config(config_path, need_secrets=False)
    known = {r.name: r for r in config.rules}
    if person:
        rule = Rule("backtest", person=rule_or_query)
    elif rule_or_query in known:
        rule = known[rule_or_query]
    else:
        rule = Rule("backtest", query=rule_or_query)
        _check_query(rule_or_query)
    report = BacktestReport()
    color = sys.stdout.isatty()
    shown = 0
    for hit in run_backtest(config.database, rule, since=since, source=source, report=report):
        shown += 1
        if shown > limit:
            continue
        a, first = hit.article, hit.matches[0]
        if as_json:
            record = {
                "url": a.url,
                "title": a.title,
                "source": a.source,
                "published": a.published,
                "matches": [
                    {
                        "matched": m.matched,
                        "field": m.field,
                        "start": m.start,
                        "end": m.end,
                        "sentence": m.sentence,
                    }
                    for m in hit.matches
                ],
            }
            click.echo(json.dumps(record, ensure_ascii=False))
            continue
        click.echo(f"{a.published or a.fetched_at or '?'}  {a.source}  {a.title or a.url}")
        click.echo(f"    {a.url}")
        click.echo(f"    {_highlight(first.sentence, first.matched, color)}")
    if not as_json:
        click.echo(
            f"{report.hits} of {report.scanned} archived articles match"
            + (f" (first {limit} shown)" if report.hits > limit else "")
        )


def _check_query(query: str) -> None:
    """A query that does not parse is shown with a caret under the column."""
    from alerts.query import parse_query
    from monitor.errors import QueryError

    try:
        parse_query(query)
    except QueryError as exc:
        caret = f"\n  {query}\n  {' ' * ((exc.column or 1) - 1)}^" if exc.column else ""
        raise MonitorError(f"cannot parse the query: {exc}{caret}") from exc


def _highlight(sentence: str, matched: str, color: bool) -> str:
    marked = click.style(matched, fg="yellow", bold=True) if color else f"[{matched}]"
    return sentence.replace(matched, marked, 1)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.option("--url", default=None, help="The page's URL, if known (helps metadata).")
@_handle_errors
def extract(files: tuple[str, ...], as_json: bool, url: str | None) -> None:
    """Extract article text and metadata from saved HTML pages, as the crawler does.

    \b
    Example:
        monitor extract --json saved/article.html
    """
    from monitor.extract import extract_article

    for path in files:
        html = _read_html(Path(path))
        result = extract_article(html, url or Path(path).resolve().as_uri())
        a = result.article
        record = {
            "file": path,
            "title": a.title if a else None,
            "author": a.author if a else None,
            "published": a.published if a else None,
            "language": a.language if a else None,
            "text": a.text if a else "",
            "error": result.reason,
        }
        if as_json:
            click.echo(json.dumps(record, ensure_ascii=False))
            continue
        click.echo(f"== {path}")
        if a is None:
            click.echo(f"no article: {result.reason}")
            continue
        for key in ("title", "author", "published", "language"):
            click.echo(f"{key}: {record[key] or '-'}")
        click.echo("")
        click.echo(a.text)


def _read_html(path: Path) -> str:
    """Saved pages come in any encoding, declared or not (see monitor.decoding)."""
    from monitor.decoding import decode_html

    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        import gzip

        raw = gzip.decompress(raw)
    return decode_html(raw)
