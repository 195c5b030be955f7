"""`monitor` commands that look into the archive and the rules without changing the crawl:
search, sql, alerts (and retry), match, backtest, extract."""

from __future__ import annotations

import difflib
import json
import re
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from monitor.cli_common import (
    config_option,
    echo_delivery,
    handle_errors,
    load,
    moment_option,
    print_table,
    until_option,
)
from monitor.errors import MonitorError
from monitor.settings import DOWNLOAD_MAXSIZE

# within a line of a text file: as one space, as in stored articles (a run of spaces between
# given name and surname would hide a name from the matcher's skeleton scan)
SPACE_RUN = re.compile(r"[^\S\n]{2,}")


class QueryCommand(click.Command):
    """A command whose query may open with "-" (`monitor search "-Baku Euronest"`, Baku
    excluded): click read "-Baku" as the flags -B, -a ..., and "-nato" as `--limit ato`. Here
    an argument of a dash and a letter that is none of the command's options (nor a short one
    with its number, `-n5`) is the query, and goes after a "--", where click takes it as it is."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if "--" not in args:
            options = [p for p in self.params if isinstance(p, click.Option)]
            known = {o for p in options for o in p.opts + p.secondary_opts} | {"-h", "--help"}
            valued = {o for p in options if not p.is_flag for o in p.opts + p.secondary_opts}
            queries = [
                index
                for index, arg in enumerate(args)
                if _dash_word(arg, known) and (index == 0 or args[index - 1] not in valued)
            ]
            if queries:
                taken = set(queries)
                rest = [arg for index, arg in enumerate(args) if index not in taken]
                args = [*rest, "--", *(args[index] for index in queries)]
        return super().parse_args(ctx, args)


def _dash_word(arg: str, known: set[str]) -> bool:
    """A dash and a letter, then more, that is not an option (`-Baku`, `-nato`; not `-n5`,
    `--json`, `--limit=5`), or a dash before a phrase or a group (`-'Eastern Partnership'`,
    `-"a b"`, `-(Baku OR Ganja)`), which no option is."""
    if len(arg) >= 2 and arg[0] == "-" and arg[1] in "'\"(\u201c\u201e\u00ab":
        return True
    if len(arg) < 3 or arg[0] != "-" or not arg[1].isalpha() or arg in known:
        return False
    return not (arg[:2] in known and arg[2:].isdigit())


SINCE_HELP = (
    "Only articles published (or fetched) on or after this date (2026-10-01, "
    "2026-10-01T12:00) or within this long before now (12h, 7d)."
)
UNTIL_HELP = (
    "Only articles published (or fetched) on or before this date (2026-10-31: all of that "
    "day; 2026-10-31T12:00) or at least this long before now (12h, 7d)."
)


@click.command(cls=QueryCommand)
@config_option
@click.argument("query")
@click.option("--limit", "-n", default=20, show_default=True, type=click.IntRange(min=1))
@click.option("--source", "-s", default=None, help="Only articles from this source.")
@click.option("--since", default=None, help=SINCE_HELP)
@click.option("--until", default=None, help=UNTIL_HELP)
@click.option("--newest", is_flag=True, help="Newest first instead of best match first.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list (matched words in [ ]).")
@handle_errors
def search(
    config_path: str | None,
    query: str,
    limit: int,
    source: str | None,
    since: str | None,
    until: str | None,
    newest: bool,
    as_json: bool,
) -> None:
    """Full-text search of the archive, best matches first, with highlighted snippets.

    \b
    Examples:
        monitor search '"Eastern Partnership" OR Euronest'
        monitor search Ismayilova --since 7d --newest
        monitor search Euronest --since 2026-10-01 --until 2026-10-31
    """
    from monitor.readonly import HIT_END, HIT_START, SearchFilter
    from monitor.readonly import search as fts_search

    config = load(config_path, need_secrets=False)
    where = SearchFilter(
        source=source, since=moment_option(since), until=until_option(until), newest=newest
    )
    hits = fts_search(config.database, query, limit=limit, where=where)
    if as_json:
        records = [
            {
                "url": hit.url,
                "title": hit.title,
                "source": hit.source,
                "published": hit.published,
                "snippet": " ".join(hit.snippet.split())
                .replace(HIT_START, "[")
                .replace(HIT_END, "]"),
                # the words are only in what the story said before an edit replaced it then
                "edited_out_at": hit.replaced_at,
                # its site took the story down then: the archive's text is all that is left
                "taken_down_at": hit.taken_down_at,
            }
            for hit in hits
        ]
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    if not hits:
        click.echo("no matches")
    color = sys.stdout.isatty()
    for hit in hits:
        click.echo(
            click.style(hit.title or hit.url, bold=True) if color else (hit.title or hit.url)
        )
        click.echo(f"  {hit.source} · {hit.published or 'date unknown'} · {hit.url}")
        if hit.taken_down_at:
            click.echo(f"  taken down by its site (confirmed {hit.taken_down_at}): as archived")
        if hit.replaced_at:
            click.echo(
                f"  only in its text before an edit (replaced {hit.replaced_at}: "
                f"monitor show {hit.url} --versions)"
            )
        snippet = " ".join(hit.snippet.split())
        start, end = ("\x1b[1;33m", "\x1b[0m") if color else ("[", "]")
        click.echo("  " + snippet.replace(HIT_START, start).replace(HIT_END, end))


@click.command()
@config_option
@click.argument("sql")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of row objects.")
@click.option(
    "--csv",
    "as_csv",
    is_flag=True,
    help="Print CSV, a header row first (text that a spreadsheet would run as a formula "
    "gets a leading ').",
)
@handle_errors
def sql(config_path: str | None, sql: str, as_json: bool, as_csv: bool) -> None:
    """Run one read-only SQL statement on the archive (writes are refused).

    \b
    Examples:
        monitor sql "SELECT source, count(*) FROM articles GROUP BY source" --json
        monitor sql "SELECT published, title, url FROM articles" --csv > articles.csv
    """
    import csv

    from monitor.readonly import run_sql

    if as_json and as_csv:
        raise click.UsageError("--json or --csv, not both")
    config = load(config_path, need_secrets=False)
    columns, rows = run_sql(config.database, sql)
    if as_csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[spreadsheet_safe(value) for value in row] for row in rows])
        return
    if as_json:
        click.echo(
            json.dumps(
                [dict(zip(columns, row, strict=True)) for row in rows], ensure_ascii=False, indent=2
            )
        )
        return
    print_table(columns, rows)


def spreadsheet_safe(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula ("=HYPERLINK(...)" in a crawled
    headline: the site's words, not ours) with a leading apostrophe, which the spreadsheet
    shows as text (OWASP's advice for CSV files); numbers and other text as they are."""
    if isinstance(value, str) and value[:1] in FORMULA_STARTS:
        return "'" + value
    return value


FORMULA_STARTS = frozenset("=+-@\t\r")


@click.group(invoke_without_command=True)
@config_option
@click.option("--status", type=click.Choice(["pending", "sent", "failed"]), default=None)
@click.option("--rule", "-r", default=None, help="Only this rule's alerts.")
@click.option(
    "--since", default=None, help="Only alerts queued since: 2026-10-01, today, yesterday, 12h, 7d."
)
@click.option(
    "--until", default=None, help="Only alerts queued until: 2026-10-31 (all of it), 12h, 7d."
)
@click.option("--limit", "-n", default=30, show_default=True, type=click.IntRange(min=1))
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
@handle_errors
def alerts(
    ctx: click.Context,
    config_path: str | None,
    status: str | None,
    rule: str | None,
    since: str | None,
    until: str | None,
    limit: int,
    as_json: bool,
) -> None:
    """Recent alerts with their delivery status, newest first; `retry` sends failed ones again.

    \b
    Examples:
        monitor alerts --status failed
        monitor alerts --rule ismayilova
        monitor alerts --since yesterday
        monitor alerts retry --all
    """
    if ctx.invoked_subcommand is not None:
        ctx.obj = config_path
        return
    from monitor.archive import Store
    from monitor.outbox import Outbox

    config = load(config_path, need_secrets=False)
    with Store(config.database) as store:
        rows = store.alerts(
            status=status,
            rule=rule,
            since=moment_option(since),
            until=until_option(until),
            limit=limit,
        )
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
                [
                    {
                        **{k: getattr(a, k) for k in keys},
                        "edited": bool(a.edited),
                        "removed": bool(a.removed),
                        "taken_down": a.taken_down,
                        "back": a.back,
                    }
                    for a in rows
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    for channel, reason in disabled.items():
        click.echo(f"channel {channel} is disabled: {reason}")
    if not rows:
        known = sorted(r.name for r in (*config.rules, *config.paused_rules))
        unknown = rule is not None and rule not in known
        hint = f" (no rule named {rule!r} in the config; its rules: {', '.join(known)})"
        click.echo("no alerts" + (hint if unknown else ""))
    for a in rows:
        click.echo(f"#{a.id} {a.status:<7} {a.rule} -> {a.channel}  {a.title or a.url}")
        click.echo(
            f"    {a.url}  (queued {a.created_at}{_queued_for(a)}, attempts {a.attempts}"
            + (f", sent {a.sent_at}" if a.sent_at else "")
            + ")"
        )
        click.echo(f"    matched {a.matched!r}: {a.snippet}")
        if a.last_error:  # on a sent alert: recipients an email server refused
            click.echo(f"    {'note' if a.status == 'sent' else 'last error'}: {a.last_error}")


def _queued_for(alert: Any) -> str:
    from monitor.not_found import site_answer

    if alert.back is not None:
        return f" as its site gives it again (it had {site_answer(alert.back, past=True)})"
    if alert.taken_down is not None:
        return f" as its site took it down (it {site_answer(alert.taken_down)})"
    if alert.removed:
        return " for an edit that took it out"
    return " for an edit" if alert.edited else ""


@alerts.command("retry")
@click.argument("ids", nargs=-1, type=int)
@click.option("--all", "retry_all", is_flag=True, help="Every failed alert.")
@config_option
@click.pass_obj
@handle_errors
def alerts_retry(
    alerts_config: str | None, ids: tuple[int, ...], retry_all: bool, config_path: str | None
) -> None:
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
    config = load(config_path or alerts_config)  # `alerts -c X retry` or `alerts retry -c X`
    with Store(config.database) as store:
        changed = Outbox(store).retry(None if retry_all else ids)
    click.echo(f"{changed} failed alert{'s' if changed != 1 else ''} queued again")
    echo_delivery(deliver_now(config, ignore_backoff=True))


@click.command()
@config_option
@click.argument("file")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of matches.")
@click.option("--title", default=None, help="Title to match along with the text.")
@handle_errors
def match(config_path: str | None, file: str, as_json: bool, title: str | None) -> None:
    """Show which rules match a text file (an .html file is extracted first; - reads stdin;
    an http(s):// address is fetched and extracted, as the crawler would read that page).

    Offsets are into the text with runs of spaces in a line made one, as articles are stored.

    \b
    Examples:
        echo "The Euronest assembly met in Baku." | monitor match -
        monitor match https://oc-media.org/some-story/
    """
    from alerts.matcher_cache import compiled_matcher
    from alerts.text import drop_invisible
    from monitor.decoding import decode_html
    from monitor.extract import extract_article
    from monitor.fetch_page import fetch_page, is_web_address, source_of
    from monitor.language import detect_language
    from monitor.models import Article

    config = load(config_path, need_secrets=False)
    page_url, source = None, None
    if is_web_address(file):
        # a configured source's page is fetched as its crawls fetch it: with its credentials
        # (a paywalled story) and through its proxy
        source = source_of(file, config.sources)
        page = fetch_page(file, user_agent=config.user_agent, source=source)
        raw, name, page_url = page.body, file, page.url
    elif file == "-":
        raw, name = sys.stdin.buffer.read(), "-"
    elif Path(file).is_file():
        raw, name = Path(file).read_bytes(), file
    else:
        raise click.BadParameter(
            f"{file!r} is not a file (give a text or .html file, - for stdin, or an http(s):// address)"
        )
    # as the crawler decodes pages: UTF-8, else what the page declares or its bytes show (a
    # text saved in Windows-1251 or KOI8-R is read as Russian, not as replacement characters)
    content = decode_html(raw, page.content_type if page_url else None)
    if (
        page_url
        or name.endswith((".html", ".htm"))
        or content.lstrip()[:15].lower().startswith(("<!doctype", "<html"))
    ):
        extracted = extract_article(content, page_url or f"file://{name}")
        if extracted.article is None:
            raise MonitorError(f"{name}: {extracted.reason}")
        article = extracted.article
    else:
        text = SPACE_RUN.sub(" ", drop_invisible(content))  # as the extractor does
        # detected, as the crawl does for a page that declares none: rules limited to some
        # `languages`, and names, read a text by its language
        language = detect_language(f"{title or ''}\n{text}")
        article = Article(url=f"file://{name}", title=title, text=text, language=language)
    if page_url and source is not None:  # its rules' `sources`, and its language, apply
        article = replace(article, source=source.name, language=source.language or article.language)
    found = compiled_matcher(config.rules).match(article)
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


@click.command(cls=QueryCommand)
@config_option
@click.argument("rule_or_query")
@click.option("--person", is_flag=True, help="Treat the argument as a person's name, not a query.")
@click.option(
    "--since",
    default=None,
    help=SINCE_HELP,
)
@click.option("--until", default=None, help=UNTIL_HELP)
@click.option("--source", "-s", default=None, help="Only articles from this source.")
@click.option(
    "--limit",
    "-n",
    default=50,
    show_default=True,
    type=click.IntRange(min=1),
    help="Articles to list.",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per matching article.")
@click.option(
    "--record",
    is_flag=True,
    help="Write a config rule's matches for the scanned articles to the `matches` table "
    "(replacing those recorded; no alerts).",
)
@handle_errors
def backtest(
    config_path: str | None,
    rule_or_query: str,
    person: bool,
    since: str | None,
    until: str | None,
    source: str | None,
    limit: int,
    as_json: bool,
    record: bool,
) -> None:
    """Run a rule (by name) or a query over the archive and list what it would have alerted.

    \b
    Examples:
        monitor backtest euronest --since 2026-01-01
        monitor backtest Euronest --since 7d
        monitor backtest euronest --since 2026-10-01 --until 2026-10-31
        monitor backtest '"Khadija Ismayilova" NEAR/10 (court OR trial)'
        monitor backtest --person 'Leyla Yunus'
        monitor backtest euronest --record   # a new or edited rule's matches, for SQL
    """
    from monitor.archive import Store
    from monitor.backtest import BacktestReport
    from monitor.backtest import backtest as run_backtest
    from monitor.config import Rule
    from monitor.models import Match, iso, utcnow

    config = load(config_path, need_secrets=False)
    since, until = moment_option(since), until_option(until)
    # a paused rule (enabled = false) too: trying it on the archive is how one decides to
    # enable it again
    known = {r.name: r for r in (*config.rules, *config.paused_rules)}
    if person:
        from monitor.config_validation import given_name_first

        rule = Rule("backtest", person=given_name_first(rule_or_query))
    elif rule_or_query in known:
        rule = known[rule_or_query]
    else:
        rule = Rule("backtest", query=rule_or_query)
        _check_query(rule_or_query)
    if record and (person or rule_or_query not in known):
        raise click.UsageError(
            "--record takes the name of a rule of the config: the matches table keeps "
            "matches by rule name"
        )
    report = BacktestReport(scanned_urls=[] if record else None)
    found: dict[str, list[Match]] = {}
    color = sys.stdout.isatty()
    shown = 0
    for hit in run_backtest(
        config.database, rule, since=since, until=until, source=source, report=report
    ):
        if record:
            found[hit.article.url] = hit.matches
        shown += 1
        if shown > limit:
            continue
        a, first = hit.article, hit.matches[0]
        if as_json:
            entry = {
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
            click.echo(json.dumps(entry, ensure_ascii=False))
            continue
        click.echo(f"{a.published or a.fetched_at or '?'}  {a.source}  {a.title or a.url}")
        click.echo(f"    {a.url}")
        click.echo(f"    {_highlight(first.sentence, first.matched, color)}")
    if not as_json:
        click.echo(
            f"{report.hits} of {report.scanned} archived articles match"
            + (f" (first {limit} shown)" if report.hits > limit else "")
        )
        if record:
            with Store(config.database) as store:
                written = store.replace_rule_matches(
                    rule.name, report.scanned_urls or [], found, now=iso(utcnow())
                )
            click.echo(
                f"recorded {written} matches of {rule.name!r} in {len(found)} articles "
                f"(table matches; {report.scanned} articles scanned)"
            )
        if not report.hits and not person and rule.name == "backtest":
            # a rule's name mistyped is read as a query for that word, and finds nothing
            close = difflib.get_close_matches(rule_or_query, list(known), n=1, cutoff=0.8)
            if close:
                click.echo(f"read as a query; the config has a rule named {close[0]!r}")


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


@click.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.option("--url", default=None, help="A saved page's URL, if known (helps metadata).")
@handle_errors
def extract(files: tuple[str, ...], as_json: bool, url: str | None) -> None:
    """Extract article text and metadata from saved HTML pages, or pages on the web (an
    http(s):// address is fetched once, with the crawler's User-Agent and size limit), as the
    crawler does.

    \b
    Examples:
        monitor extract --json saved/article.html
        monitor extract https://oc-media.org/some-story/
    """
    from monitor.extract import extract_article
    from monitor.fetch_page import is_web_address

    for path in files:
        if not is_web_address(path) and not Path(path).is_file():
            why = "is a directory" if Path(path).is_dir() else "does not exist"
            raise click.BadParameter(f"{path!r} {why} (give a saved page or an http(s):// address)")
    unreadable = 0
    for path in files:
        try:
            html, page_url = _read_page(path)
        except MonitorError as exc:  # one bad file is reported; the others are still read
            unreadable += 1
            if as_json:
                click.echo(json.dumps({"file": path, "error": str(exc)}, ensure_ascii=False))
            else:
                click.echo(f"== {path}\nnot read: {exc}")
            continue
        result = extract_article(html, page_url or url or Path(path).resolve().as_uri())
        a = result.article
        record = {
            "file": path,
            **({"url": page_url} if page_url else {}),
            "title": a.title if a else None,
            "author": a.author if a else None,
            "published": a.published if a else None,
            "language": a.language if a else None,
            "lead": a.lead if a else None,
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
        for key in ("title", "author", "published", "language", "lead"):
            click.echo(f"{key}: {record[key] or '-'}")
        click.echo("")
        click.echo(a.text)
    if unreadable:
        raise MonitorError(f"{unreadable} of {len(files)} pages could not be read (see above)")


def _read_page(path: str) -> tuple[str, str | None]:
    """A saved page's HTML, or a web page's and the address it was read at (after redirects)."""
    from monitor.decoding import decode_html
    from monitor.fetch_page import fetch_page, is_web_address

    if not is_web_address(path):
        return _read_html(Path(path)), None
    page = fetch_page(path)
    return decode_html(page.body, page.content_type), page.url


def _read_html(path: Path) -> str:
    """Saved pages come in any encoding, declared or not (see monitor.decoding), and maybe
    gzipped: decompressed only up to the size the crawler accepts (a bomb is refused, not
    unpacked), and a truncated or corrupt file is an error that says so."""
    from monitor.decoding import decode_html

    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = _gunzip(raw, limit=DOWNLOAD_MAXSIZE)
    return decode_html(raw)


def _gunzip(data: bytes, *, limit: int) -> bytes:
    """Every gzip member of `data`, up to `limit` bytes in all."""
    import zlib

    from monitor.errors import TooBig

    out: list[bytes] = []
    size = 0
    while data:
        inflater = zlib.decompressobj(wbits=31)
        try:
            chunk = inflater.decompress(data, limit - size + 1)
        except zlib.error as exc:
            raise MonitorError(f"corrupt gzip data ({exc})") from None
        size += len(chunk)
        if size > limit:
            raise TooBig(limit)
        out.append(chunk)
        if not inflater.eof:
            raise MonitorError("truncated gzip data (the file ends inside the compressed stream)")
        data = inflater.unused_data.lstrip(b"\0")
    return b"".join(out)


INSPECT_COMMANDS = [search, sql, alerts, match, backtest, extract]
