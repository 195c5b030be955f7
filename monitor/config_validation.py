"""Checking a parsed config: every problem at once, each with its file, key path, what is wrong
and what would be right; the result is the frozen classes of monitor.config.

Secrets are resolved here from the environment mapping `load_config` passes in, so the rest of
the code receives plain values.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

from alerts.quiet_hours import parse_quiet_hours
from monitor.config import (
    DEFAULT_EDIT_WINDOW,
    DEFAULT_USER_AGENT,
    MAX_REREADS,
    AppriseChannel,
    Channel,
    Config,
    CrawlSettings,
    EmailChannel,
    FeedChannel,
    Rule,
    Schedule,
    Source,
    WebhookChannel,
    parse_duration,
)
from monitor.errors import ConfigError, QueryError

_T = TypeVar("_T")

TOP_KEYS = {
    "database",
    "user_agent",
    "crawl",
    "source",
    "rule",
    "channel",
    "admin",
    "alert_max_age",
    "rule_files",
}
CRAWL_KEYS = {
    "download_delay",
    "autothrottle",
    "timeout",
    "max_articles",
    "crawl_timeout",
    "extract_workers",
    "extract_timeout",
    "parallel_crawls",
    "follow_edits",
    "reread",
}
SOURCE_KEYS = {
    "name",
    "site",
    "feeds",
    "sitemaps",
    "start_urls",
    "allow",
    "deny",
    "every",
    "cron",
    "timezone",
    "download_delay",
    "max_articles",
    "follow_edits",
    "reread",
    "language",
    "site_timezone",
    "username_env",
    "password_env",
    "cookie_env",
    "proxy",
    "proxy_env",
    "enabled",
}
RULE_KEYS = {
    "name", "query", "person", "variants", "exclude", "channels", "sources", "languages",
    "inflect", "min_mentions", "enabled", "exclude_sources", "exclude_urls", "alert_removals",
}  # fmt: skip
EMAIL_KEYS = {
    "name",
    "type",
    "smtp_url",
    "username_env",
    "password_env",
    "from",
    "to",
    "timeout",
    "enabled",
}
WEBHOOK_KEYS = {"name", "type", "url", "secret_env", "timeout", "enabled"}
APPRISE_KEYS = {"name", "type", "url_env", "enabled"}
FEED_KEYS = {"name", "type", "path", "max_entries", "title", "url", "enabled"}
SCHEDULE_KEYS = {"digest", "at", "timezone", "max_per_hour", "quiet_hours"}


# what may follow a name after a comma without being its given name: "Martin Luther King, Jr."
NAME_SUFFIXES = frozenset(("jr", "sr", "ii", "iii", "iv", "v", "jnr", "snr"))


def given_name_first(name: str) -> str:
    """A name written surname first with a comma, as lists, catalogues and spreadsheets write
    them ("Ismayilova, Khadija"), in the order a person rule reads: "Khadija Ismayilova".
    Written so, the rule found nothing, not even the name as written."""
    if name.count(",") != 1:
        return name
    surname, given = (part.strip() for part in name.split(","))
    if not surname or not given or given.rstrip(".").casefold() in NAME_SUFFIXES:
        return name
    return f"{given} {surname}"


class Validator:
    """Walks the raw TOML once, collecting problems instead of stopping at the first."""

    def __init__(
        self, path: Path, raw: dict[str, Any], env: Mapping[str, str], *, need_secrets: bool
    ):
        self.path = path
        self.raw = raw
        self.env = env
        self.need_secrets = need_secrets
        self.problems: list[str] = []
        self.schedules: dict[str, Schedule] = {}
        # names of the sources, rules and channels written `enabled = false`: checked as the
        # others are (enabling one later brings no surprise), then set aside (see build)
        self.paused: dict[str, set[str]] = {"source": set(), "rule": set(), "channel": set()}
        self.secrets_optional = False  # while reading a paused channel: its secrets may be unset
        # the rule tables of the files `rule_files` names, with where each is (file and line)
        self.rule_rows: list[tuple[str, dict[str, Any]]] = []
        self.rule_files: list[Path] = []
        self.rule_file_of: dict[str, str] = {}  # rule name -> the file it is in

    def problem(self, key: str, message: str) -> None:
        self.problems.append(f"{self.path}: {key}: {message}")

    def unknown_keys(self, table: Mapping[str, Any], allowed: set[str], where: str) -> None:
        for key in table:
            if key not in allowed:
                close = difflib.get_close_matches(key, sorted(allowed), n=1)
                hint = (
                    f"did you mean {close[0]!r}?"
                    if close
                    else f"known: {', '.join(sorted(allowed))}"
                )
                self.problem(f"{where}{key}", f"unknown key ({hint})")

    # typed getters: they record a problem and return a default, so validation continues
    def get_str(
        self, table: Mapping[str, Any], key: str, where: str, *, required: bool = False
    ) -> str | None:
        value = table.get(key)
        if value is None:
            if required:
                self.problem(f"{where}{key}", "missing (required)")
            return None
        if not isinstance(value, str) or not value.strip():
            self.problem(f"{where}{key}", f"must be a non-empty string, got {value!r}")
            return None
        return value

    def get_str_list(self, table: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            self.problem(f"{where}{key}", f"must be a list of strings, got {value!r}")
            return ()
        return tuple(value)

    def get_bool(self, table: Mapping[str, Any], key: str, where: str, default: bool) -> bool:
        value = table.get(key, default)
        if not isinstance(value, bool):
            self.problem(f"{where}{key}", f"must be true or false, got {value!r}")
            return default
        return value

    def get_number(self, table: Mapping[str, Any], key: str, where: str, default: float) -> float:
        value = table.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            self.problem(f"{where}{key}", f"must be a number >= 0, got {value!r}")
            return default
        return float(value)

    def get_env(self, table: Mapping[str, Any], key: str, where: str) -> str | None:
        name = self.get_str(table, key, where)
        if name is None:
            return None
        value = self.env.get(name)
        if value is None and self.need_secrets and not self.secrets_optional:
            self.problem(
                f"{where}{key}", f"environment variable {name} is not set (export {name}=...)"
            )
        return value

    def get_count(
        self, table: Mapping[str, Any], key: str, where: str, *, what: str = ""
    ) -> int | None:
        """A whole number >= 1, or None when absent or wrong (a problem; `what` says of what)."""
        value = table.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            self.problem(f"{where}{key}", f"must be a whole number >= 1{what}, got {value!r}")
            return None
        return value

    def language_code(self, code: str, key: str) -> bool:
        if re.fullmatch(r"[a-z]{2,3}", code.lower()):
            return True
        self.problem(key, f"{code!r} is not a language code (like 'en', 'ru', 'az')")
        return False

    def zone_name(self, zone: str, key: str) -> bool:
        """An IANA zone name the zone database knows ("Asia/Baku", "UTC")?"""
        from zoneinfo import ZoneInfo

        try:
            ZoneInfo(zone)
        except (ValueError, LookupError, OSError):  # not found: a KeyError; "Asia": a folder
            self.problem(key, f"unknown timezone {zone!r} (like 'Europe/Berlin' or 'Asia/Baku')")
            return False
        return True

    def url(self, value: str, key: str, schemes: tuple[str, ...]) -> bool:
        """A problem unless `value` is an address of one of `schemes` with a host (and, if it
        names a port, one that exists); whether it is."""
        try:
            parts = urlsplit(value)
            _ = parts.port  # "host:99999" and "host:abc" raise here, "http://[bad" above
        except ValueError as exc:
            self.problem(key, f"{value!r} is not a valid URL ({exc})")
            return False
        if parts.scheme not in schemes or not parts.hostname:
            self.problem(
                key, f"{value!r} is not a valid URL (expected {' or '.join(schemes)}://host/...)"
            )
            return False
        return True

    def tables(self, key: str) -> list[tuple[str, dict[str, Any]]]:
        value = self.raw.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.problem(key, f"must be an array of tables, written [[{key}]]")
            return []
        tables = [(f"{key}[{i}].", item) for i, item in enumerate(value)]
        return tables + self.rule_rows if key == "rule" else tables

    def read_rule_files(self) -> None:
        """The rules of the files `rule_files` names (relative to the config), as tables."""
        from monitor.rule_files import RuleFileError, name_unnamed, resolved, rule_file_tables

        names = self.get_str_list(self.raw, "rule_files", "")
        file_of: list[str] = []  # each row's file, as the config names it
        for shown in names:
            path = resolved(self.path, shown)
            try:
                rows, problems = rule_file_tables(path, shown)
            except RuleFileError as exc:
                self.problem("rule_files", str(exc))
                continue
            for problem in problems:
                self.problems.append(f"{self.path}: {problem}")
            self.rule_rows += rows
            file_of += [shown] * len(rows)
            self.rule_files.append(path)
        own = self.raw.get("rule", [])
        name_unnamed(own if isinstance(own, list) else [], [t for _, t in self.rule_rows])
        for (_, table), shown in zip(self.rule_rows, file_of, strict=True):
            if isinstance(table.get("name"), str):
                self.rule_file_of[table["name"]] = shown

    def enabled(self, kind: str, name: str, table: Mapping[str, Any], where: str) -> bool:
        """`enabled = false` pauses a source, rule or channel without deleting it."""
        on = self.get_bool(table, "enabled", where, True)
        if not on:
            self.paused[kind].add(name)
        return on

    def follow_edits(self, table: dict[str, Any], where: str, default: int | None) -> int | None:
        """How long after a story is first read its edits are followed (monitor.edits), in
        seconds: a duration, `false` (0: never) or `true` (the default's)."""
        raw = table.get("follow_edits")
        if raw is None:
            return default
        if raw is False:
            return 0
        if raw is True:
            return DEFAULT_EDIT_WINDOW
        seconds = self.duration(table, "follow_edits", where, "duration or false", "3d")
        return default if seconds is None else seconds

    def reread(self, table: dict[str, Any], where: str) -> tuple[int, ...] | None:
        """The ages at which a stored story is read again (monitor.edits.due_rereads), in
        seconds, ascending: a duration or a list of them; `false` or `[]`: none. None when
        absent."""
        raw = table.get("reread")
        if raw is None:
            return None
        if raw is False or raw == []:
            return ()
        given = [raw] if isinstance(raw, str) else raw
        if not isinstance(given, list) or not all(isinstance(v, str) for v in given):
            self.problem(
                f"{where}reread",
                f"must be a duration or a list of them (ages after a story's first read, "
                f"e.g. ['2h', '12h', '2d']) or false, got {raw!r}",
            )
            return None
        ages = []
        for value in given:
            seconds = self.duration({"reread": value}, "reread", where, "duration", "12h")
            if seconds is None:
                return None
            ages.append(seconds)
        if len(ages) > MAX_REREADS:
            self.problem(
                f"{where}reread",
                f"{len(ages)} ages: at most {MAX_REREADS} (each costs the site a request a story)",
            )
            return None
        return tuple(sorted(set(ages)))

    def duration(
        self, table: dict[str, Any], key: str, where: str, what: str, example: str
    ) -> int | None:
        """A duration key ('30m', '7d') in seconds; None when absent or wrong (a problem)."""
        raw = table.get(key)
        if raw is None:
            return None
        seconds = parse_duration(raw) if isinstance(raw, str) else None
        if not seconds:
            self.problem(
                f"{where}{key}",
                f"bad {what} {raw!r} (expected a number and a unit, s, m, h, d or w, "
                f"e.g. '{example}', '1h30m' or '2 hours')",
            )
        return seconds

    def build(self) -> Config:
        if not isinstance(self.raw, dict):
            raise ConfigError([f"{self.path}: not a TOML table"])
        self.unknown_keys(self.raw, TOP_KEYS, "")
        database = self.get_str(self.raw, "database", "") or "archive.db"
        db_path = Path(database).expanduser()
        if not db_path.is_absolute():
            db_path = (self.path.parent / db_path).resolve()
        user_agent = self.get_str(self.raw, "user_agent", "") or DEFAULT_USER_AGENT
        crawl = self.crawl_settings()
        channels = self.channels()
        sources = self.sources()
        self.read_rule_files()
        rules = self.rules([c.name for c in channels], [s.name for s in sources])
        admin = self.get_str(self.raw, "admin", "")
        names = [c.name for c in channels]
        if admin and admin not in names:
            self.problem(
                "admin", f"unknown channel {admin!r} (known: {', '.join(names) or 'none defined'})"
            )
        max_age = self.duration(self.raw, "alert_max_age", "", "duration", "7d")
        if self.problems:
            raise ConfigError(self.problems)
        off = self.paused
        # a rule sends to no paused channel: nothing is queued for one while it is paused
        rules = tuple(
            replace(rule, channels=tuple(c for c in rule.channels if c not in off["channel"]))
            for rule in rules
        )
        return Config(
            self.path,
            db_path,
            user_agent,
            crawl,
            tuple(s for s in sources if s.name not in off["source"]),
            tuple(r for r in rules if r.name not in off["rule"]),
            tuple(c for c in channels if c.name not in off["channel"]),
            self.schedules,
            None if admin in off["channel"] else admin,
            max_age,
            paused_sources=tuple(s for s in sources if s.name in off["source"]),
            paused_rules=tuple(r for r in rules if r.name in off["rule"]),
            paused_channels=tuple(c.name for c in channels if c.name in off["channel"]),
            rule_files=tuple(self.rule_files),
            rule_file_of=self.rule_file_of,
        )

    def crawl_settings(self) -> CrawlSettings:
        table = self.raw.get("crawl", {})
        if not isinstance(table, dict):
            self.problem("crawl", "must be a table, written [crawl]")
            return CrawlSettings()
        self.unknown_keys(table, CRAWL_KEYS, "crawl.")
        defaults = CrawlSettings()
        autothrottle = self.get_bool(table, "autothrottle", "crawl.", True)
        return CrawlSettings(
            download_delay=self.get_number(
                table, "download_delay", "crawl.", defaults.download_delay
            ),
            autothrottle=autothrottle,
            timeout=self.get_number(table, "timeout", "crawl.", defaults.timeout)
            or defaults.timeout,
            max_articles=int(
                self.get_number(table, "max_articles", "crawl.", defaults.max_articles)
            ),
            crawl_timeout=self.get_number(table, "crawl_timeout", "crawl.", defaults.crawl_timeout),
            extract_workers=self.extract_workers(table),
            parallel_crawls=self.parallel_crawls(table, defaults.parallel_crawls),
            extract_timeout=self.get_number(
                table, "extract_timeout", "crawl.", defaults.extract_timeout
            )
            or defaults.extract_timeout,
            follow_edits=_or(
                self.follow_edits(table, "crawl.", defaults.follow_edits), defaults.follow_edits
            ),
            reread=_or(self.reread(table, "crawl."), defaults.reread),
        )

    def parallel_crawls(self, table: Mapping[str, Any], default: int) -> int:
        value = table.get("parallel_crawls", default)
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 64:
            self.problem(
                "crawl.parallel_crawls",
                f"must be a whole number from 1 to 64 (crawls `monitor run` runs at once), "
                f"got {value!r}",
            )
            return default
        return value

    def extract_workers(self, table: Mapping[str, Any]) -> int | None:
        value = table.get("extract_workers")
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 64:
            self.problem(
                "crawl.extract_workers",
                f"must be a whole number from 0 (extract in the crawler) to 64, got {value!r}",
            )
            return None
        return value

    def sources(self) -> tuple[Source, ...]:
        from monitor.scheduling import cron_problem  # APScheduler stays in scheduling.py

        out: list[Source] = []
        seen: set[str] = set()
        for where, table in self.tables("source"):
            self.unknown_keys(table, SOURCE_KEYS, where)
            name = self.get_str(table, "name", where, required=True) or where.rstrip(".")
            if name in seen:
                self.problem(
                    f"{where}name", f"duplicate source name {name!r} (names must be unique)"
                )
            seen.add(name)
            self.enabled("source", name, table, where)
            site = self.get_str(table, "site", where)
            if site and not self.url(site, f"{where}site", ("http", "https")):
                site = None  # reported; left out, so the checks below read only addresses
            lists = {
                key: tuple(
                    url
                    for i, url in enumerate(self.get_str_list(table, key, where))
                    if self.url(url, f"{where}{key}[{i}]", ("http", "https"))
                )
                for key in ("feeds", "sitemaps", "start_urls")
            }
            allow = self.get_str_list(table, "allow", where)
            deny = self.get_str_list(table, "deny", where)
            for key, patterns in (("allow", allow), ("deny", deny)):
                for i, pattern in enumerate(patterns):
                    try:
                        re.compile(pattern)
                    except re.error as exc:
                        self.problem(
                            f"{where}{key}[{i}]", f"bad regular expression {pattern!r}: {exc}"
                        )
            if not any(table.get(key) for key in ("site", "feeds", "sitemaps", "start_urls")):
                self.problem(
                    where.rstrip("."),
                    "gives no way to find articles (add site, feeds, sitemaps or start_urls)",
                )
            if lists["start_urls"] and not allow:
                self.problem(
                    f"{where}allow",
                    "missing: start_urls needs allow = ['regex', ...] to tell article links from the rest",
                )
            every_raw, cron = table.get("every"), self.get_str(table, "cron", where)
            every = self.duration(table, "every", where, "schedule", "30m")
            if every_raw is not None and cron:
                self.problem(where.rstrip("."), "give either every or cron, not both")
            timezone = self.get_str(table, "timezone", where) or "UTC"
            if not self.zone_name(timezone, f"{where}timezone"):
                timezone = "UTC"
            elif cron and (why := cron_problem(cron, timezone)):
                self.problem(f"{where}cron", f"bad schedule {cron!r}: {why} (e.g. '*/30 * * * *')")
            delay = (
                self.get_number(table, "download_delay", where, 0.0)
                if "download_delay" in table
                else None
            )
            max_articles = self.get_count(table, "max_articles", where)
            follow_edits = self.follow_edits(table, where, None)
            reread = self.reread(table, where)
            language = self.get_str(table, "language", where)
            if language is not None and not self.language_code(language, f"{where}language"):
                language = None
            site_zone = self.get_str(table, "site_timezone", where)
            if site_zone is not None and not self.zone_name(site_zone, f"{where}site_timezone"):
                site_zone = None
            username, password, cookie = self.source_credentials(table, where, site, lists)
            proxy = self.source_proxy(table, where)
            out.append(
                Source(
                    name,
                    site,
                    lists["feeds"],
                    lists["sitemaps"],
                    lists["start_urls"],
                    allow,
                    every,
                    cron,
                    timezone,
                    deny,
                    download_delay=delay,
                    max_articles=max_articles,
                    follow_edits=follow_edits,
                    reread=reread,
                    language=language.lower() if language else None,
                    site_timezone=site_zone,
                    username=username,
                    password=password,
                    cookie=cookie,
                    proxy=proxy,
                )
            )
        return tuple(out)

    def source_proxy(self, table: dict[str, Any], where: str) -> str | None:
        """A source's proxy: `proxy`, or the address in the environment variable `proxy_env`."""
        from monitor.source_proxy import proxy_problem

        if "proxy" in table and "proxy_env" in table:
            self.problem(where.rstrip("."), "give either proxy or proxy_env, not both")
            return None
        key = "proxy_env" if "proxy_env" in table else "proxy"
        url = (
            self.get_env(table, key, where)
            if key == "proxy_env"
            else self.get_str(table, key, where)
        )
        if url is None:
            return None
        if why := proxy_problem(url.strip()):
            if key == "proxy_env":  # the address may hold a password: not repeated
                why = why.replace(repr(url.strip()), f"the address in {table[key]}")
            self.problem(f"{where}{key}", why)
            return None
        return url.strip()

    def source_credentials(
        self, table: dict[str, Any], where: str, site: str | None, lists: dict[str, Any]
    ) -> tuple[str | None, str | None, str | None]:
        """A source's HTTP Basic username and password (both or neither) and Cookie header:
        never over plain http, and a cookie that could smuggle in another header refused."""
        from monitor.source_auth import plain_http_hosts

        given = [key for key in ("username_env", "password_env", "cookie_env") if key in table]
        if not given:
            return None, None, None
        basic = [key for key in given if key != "cookie_env"]
        if len(basic) == 1:
            other = "password_env" if basic == ["username_env"] else "username_env"
            self.problem(f"{where}{other}", f"missing: {basic[0]} needs {other} beside it")
        urls = [
            *([site] if site else []),
            *lists["feeds"],
            *lists["sitemaps"],
            *lists["start_urls"],
        ]
        if clear := plain_http_hosts(urls):
            self.problem(
                f"{where}{given[0]}",
                f"credentials would cross the network unencrypted to {clear[0]!r}: "
                "give its https:// address",
            )
        cookie = self.get_env(table, "cookie_env", where)
        if cookie is not None and (bad := re.search(r"[\x00-\x08\x0a-\x1f\x7f]", cookie)):
            self.problem(
                f"{where}cookie_env",
                f"the cookie holds a control character ({bad.group()!r}) at {bad.start()}: give "
                "the Cookie header's value alone, on one line (name=value; name2=value2)",
            )
            cookie = None
        return (
            self.get_env(table, "username_env", where),
            self.get_env(table, "password_env", where),
            cookie,
        )

    def rules(self, channel_names: list[str], source_names: list[str]) -> tuple[Rule, ...]:
        from alerts.rules import parse_query

        out: list[Rule] = []
        seen: set[str] = set()
        for where, table in self.tables("rule"):
            self.unknown_keys(table, RULE_KEYS, where)
            name = self.get_str(table, "name", where, required=True) or where.rstrip(".")
            if name in seen:
                self.problem(f"{where}name", f"duplicate rule name {name!r} (names must be unique)")
            seen.add(name)
            self.enabled("rule", name, table, where)
            query = self.get_str(table, "query", where)
            person = self.get_str(table, "person", where)
            person = given_name_first(person) if person else person
            if "query" in table and "person" in table:
                self.problem(where.rstrip("."), "give exactly one of query or person, not both")
            elif "query" not in table and "person" not in table:
                self.problem(where.rstrip("."), "missing query or person (one is required)")
            if query:
                try:
                    parse_query(query)
                except QueryError as exc:
                    caret = " " * ((exc.column or 1) - 1) + "^"
                    self.problem(
                        f"{where}query",
                        f"rule {name!r}: cannot parse: {exc}\n      {query}\n      {caret}",
                    )
            if person and len(person.split()) < 2:
                self.problem(
                    f"{where}person",
                    f"{person!r} needs a first and a last name, e.g. 'Khadija Ismayilova'",
                )
            variants = tuple(
                given_name_first(v) for v in self.get_str_list(table, "variants", where)
            )
            for i, variant in enumerate(variants):
                if len(variant.split()) < 2:
                    self.problem(
                        f"{where}variants[{i}]",
                        f"{variant!r} needs a first and a last name, like person",
                    )
            exclude = self.get_str_list(table, "exclude", where)
            if (variants or exclude) and not person:
                self.problem(where.rstrip("."), "variants and exclude apply to person rules only")
            channels = (
                self.get_str_list(table, "channels", where)
                if "channels" in table
                else tuple(channel_names)
            )
            for i, channel in enumerate(channels):
                if channel not in channel_names:
                    known = ", ".join(channel_names) or "none defined"
                    close = difflib.get_close_matches(channel, channel_names, n=1)
                    hint = f"did you mean {close[0]!r}? " if close else ""
                    self.problem(
                        f"{where}channels[{i}]",
                        f"unknown channel {channel!r} ({hint}known: {known})",
                    )
            sources = self.get_str_list(table, "sources", where)
            excluded = self.get_str_list(table, "exclude_sources", where)
            for key, names in (("sources", sources), ("exclude_sources", excluded)):
                for i, source in enumerate(names):
                    if source not in source_names:
                        known = ", ".join(source_names) or "none"
                        self.problem(
                            f"{where}{key}[{i}]", f"unknown source {source!r} (known: {known})"
                        )
            exclude_urls = self.get_str_list(table, "exclude_urls", where)
            for i, pattern in enumerate(exclude_urls):
                try:
                    re.compile(pattern)
                except re.error as exc:
                    self.problem(
                        f"{where}exclude_urls[{i}]", f"bad regular expression {pattern!r}: {exc}"
                    )
            languages = tuple(code.lower() for code in self.get_str_list(table, "languages", where))
            for i, code in enumerate(languages):
                self.language_code(code, f"{where}languages[{i}]")
            inflect = self.get_bool(table, "inflect", where, True)
            if "inflect" in table and not query:
                self.problem(f"{where}inflect", "applies to query rules only")
            mentions = self.get_count(table, "min_mentions", where, what=" (places in an article)")
            removals = self.get_bool(table, "alert_removals", where, False)
            out.append(
                Rule(
                    name,
                    query,
                    person,
                    variants,
                    exclude,
                    channels,
                    sources,
                    languages,
                    inflect,
                    min_mentions=mentions or 1,
                    exclude_sources=excluded,
                    exclude_urls=exclude_urls,
                    alert_removals=removals,
                )
            )
        return tuple(out)

    def channels(self) -> tuple[Channel, ...]:
        out: list[Channel] = []
        seen: set[str] = set()
        for where, table in self.tables("channel"):
            name = self.get_str(table, "name", where, required=True) or where.rstrip(".")
            if name in seen:
                self.problem(
                    f"{where}name", f"duplicate channel name {name!r} (names must be unique)"
                )
            seen.add(name)
            self.secrets_optional = not self.enabled("channel", name, table, where)
            self.schedules[name] = self.schedule(table, where)
            kind = table.get("type")
            if kind == "email":
                self.unknown_keys(table, EMAIL_KEYS | SCHEDULE_KEYS, where)
                out.append(self.email(name, table, where))
            elif kind == "webhook":
                self.unknown_keys(table, WEBHOOK_KEYS | SCHEDULE_KEYS, where)
                out.append(self.webhook(name, table, where))
            elif kind == "apprise":
                self.unknown_keys(table, APPRISE_KEYS | SCHEDULE_KEYS, where)
                if "url_env" not in table:
                    self.problem(
                        f"{where}url_env",
                        "missing (the name of an environment variable holding the Apprise URL)",
                    )
                url = self.get_env(table, "url_env", where)
                out.append(AppriseChannel(name, url or ""))
            elif kind == "feed":
                self.unknown_keys(table, FEED_KEYS | SCHEDULE_KEYS, where)
                out.append(self.feed(name, table, where))
            else:
                self.problem(
                    f"{where}type",
                    f"unknown channel type {kind!r} (expected 'email', 'webhook', 'apprise' or "
                    "'feed')",
                )
        self.secrets_optional = False
        return tuple(out)

    def schedule(self, table: dict[str, Any], where: str) -> Schedule:

        digest = table.get("digest", "instant")
        if digest not in ("instant", "hourly", "daily"):
            self.problem(f"{where}digest", f"{digest!r} is not one of 'instant', 'hourly', 'daily'")
            digest = "instant"
        at = self.get_str(table, "at", where) or "08:00"
        found = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)", at)
        if not found:
            self.problem(f"{where}at", f"{at!r} is not a time of day like '08:00'")
            at = "08:00"
        timezone = self.get_str(table, "timezone", where) or "UTC"
        if not self.zone_name(timezone, f"{where}timezone"):
            timezone = "UTC"
        cap = self.get_count(table, "max_per_hour", where)
        quiet = self.get_str(table, "quiet_hours", where)
        if quiet is not None and parse_quiet_hours(quiet) is None:
            self.problem(
                f"{where}quiet_hours",
                f"{quiet!r} is not a period of the day like '22:00-07:00' (local time, in the "
                "channel's timezone; start and end differ)",
            )
            quiet = None
        return Schedule(digest, at, timezone, cap, quiet)

    def feed(self, name: str, table: dict[str, Any], where: str) -> FeedChannel:
        written = self.get_str(table, "path", where, required=True) or f"{name}.xml"
        path = (self.path.parent / written).resolve()
        if path.is_dir():
            self.problem(f"{where}path", f"{written!r} is a folder (give a file, like alerts.xml)")
        max_entries = self.get_count(table, "max_entries", where) or 100
        url = self.get_str(table, "url", where)
        if url:
            self.url(url, f"{where}url", ("http", "https"))
        return FeedChannel(name, path, max_entries, self.get_str(table, "title", where), url)

    def email(self, name: str, table: dict[str, Any], where: str) -> EmailChannel:
        smtp_url = self.get_str(table, "smtp_url", where, required=True) or ""
        if smtp_url:
            self.url(smtp_url, f"{where}smtp_url", ("smtp", "smtps"))
        sender = self.get_str(table, "from", where, required=True) or ""
        to = self.get_str_list(table, "to", where)
        if not to:
            self.problem(f"{where}to", "needs at least one address, e.g. to = ['desk@example.org']")
        for i, address in enumerate((sender, *to)):
            if address and ("@" not in address or any(c in address for c in "\r\n<>,; ")):
                key = "from" if i == 0 else f"to[{i - 1}]"
                self.problem(
                    f"{where}{key}", f"{address!r} is not an email address (like desk@example.org)"
                )
        username = self.get_env(table, "username_env", where)
        password = self.get_env(table, "password_env", where)
        timeout = self.get_number(table, "timeout", where, 30.0) or 30.0
        return EmailChannel(name, smtp_url, sender, to, username, password, timeout)

    def webhook(self, name: str, table: dict[str, Any], where: str) -> WebhookChannel:
        url = self.get_str(table, "url", where, required=True) or ""
        if url:
            self.url(url, f"{where}url", ("http", "https"))
        secret = self.get_env(table, "secret_env", where)
        if secret is not None and not secret.startswith("whsec_"):
            self.problem(
                f"{where}secret_env",
                f"the secret in ${table.get('secret_env')} must start with 'whsec_' (a Standard Webhooks secret: whsec_ + base64)",
            )
        timeout = self.get_number(table, "timeout", where, 10.0) or 10.0
        return WebhookChannel(name, url, secret, timeout)


def _or(value: _T | None, default: _T) -> _T:
    return default if value is None else value
