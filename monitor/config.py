"""TOML config -> frozen dataclasses, with every problem reported at once.

This module is the only reader of ``os.environ``: secrets are named in the config as environment
variables and resolved here, so the rest of the code receives plain values.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from monitor.errors import ConfigError

MAX_REREADS = 8  # ages in a reread list
DEFAULT_EDIT_WINDOW = 3 * 86400  # seconds: a story's edits are followed this long (monitor.edits)

DEFAULT_USER_AGENT = (
    "media-monitor/0.1 (+https://github.com/media-monitor; self-hosted news monitor)"
)
CONFIG_ENV = "MONITOR_CONFIG"
# a duration: parts of a number and a unit, largest first or not ("1h30m", "1h 30m", "90 minutes",
# "2 hours", "1.5h", "2w"); m is minutes, never months
DURATION = re.compile(r"\s*(?:\d+(?:\.\d+)?\s*[a-z]+\s*,?\s*)+", re.IGNORECASE)
DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([a-z]+)", re.IGNORECASE)
UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
UNIT_WORDS = {
    word: unit
    for unit, words in {
        "s": "s sec secs second seconds",
        "m": "m min mins minute minutes",
        "h": "h hr hrs hour hours",
        "d": "d day days",
        "w": "w week weeks",
    }.items()
    for word in words.split()
}


@dataclass(frozen=True, slots=True)
class CrawlSettings:
    """Politeness knobs; defaults are what a well-behaved crawler does on the public web."""

    download_delay: float = 1.0
    autothrottle: bool = True
    timeout: float = 30.0
    max_articles: int = 500
    crawl_timeout: float = 1800.0
    extract_workers: int | None = None  # worker processes for extraction; None: one per core
    extract_timeout: float = 30.0  # seconds per page; a page over it is skipped and counted
    # crawls `monitor run` runs at once: each is a process with its own extraction workers
    # (about 150 MB of memory while it extracts); more sources wait their turn
    parallel_crawls: int = 4
    # seconds after a story is first read that an edit its feed or sitemap dates has it read
    # again (monitor.edits); 0: never
    follow_edits: int = DEFAULT_EDIT_WINDOW
    # ages (seconds from its publication or first read, ascending) at which a stored story is read again
    # whether or not a listing dates an edit: for sites whose feeds give no edit times
    # (monitor.edits.due_rereads); none by default, as each costs the site a request
    reread: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Source:
    name: str
    site: str | None = None
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    start_urls: tuple[str, ...] = ()
    allow: tuple[str, ...] = ()
    every: int | None = None  # seconds
    cron: str | None = None
    timezone: str = "UTC"
    deny: tuple[str, ...] = ()  # regexes: article URLs never fetched (video, live blogs...)
    # the site's own, over [crawl]'s: a site that rate-limits, a site with a deep archive
    download_delay: float | None = None
    max_articles: int | None = None
    follow_edits: int | None = None  # seconds, over [crawl]'s
    reread: tuple[int, ...] | None = None  # ages in seconds, over [crawl]'s; () for none
    # its articles' language, over what their pages declare: many sites' templates say "en"
    # whatever they publish, and Azerbaijani and Turkish suffixes are read in az and tr only
    language: str | None = None
    # the IANA zone its pages' clocks are in, for times they write without one (else such a
    # time is stored as written, and compared as if it were UTC)
    site_timezone: str | None = None
    # HTTP Basic credentials (from username_env / password_env) for its own site's hosts only
    # (monitor.source_auth): a subscriber feed, a members' archive
    username: str | None = field(default=None, repr=False)
    password: str | None = field(default=None, repr=False)
    # a Cookie header (from cookie_env) for the same hosts: a subscriber's logged-in session
    cookie: str | None = field(default=None, repr=False)
    # the proxy every request of its crawls goes through (monitor.source_proxy): an outlet
    # blocked where the monitor runs
    proxy: str | None = field(default=None, repr=False)

    def own_urls(self) -> list[str]:
        """The addresses the config gives for this source (its site, feeds, sitemaps, pages)."""
        return [*([self.site] if self.site else []), *self.feeds, *self.sitemaps, *self.start_urls]


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    query: str | None = None
    person: str | None = None
    variants: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    # query words take their case endings (alerts.inflection); false: as written only
    inflect: bool = True
    # places in an article its words (or name) must be found at: 2 or more skips the article
    # that names the topic once in passing (a list of countries, a "see also" line)
    min_mentions: int = 1
    # where the rule never applies: these sources (a newsroom's own site among its sources), and
    # articles whose address one of these regexes finds (a sports section's "Georgia" and
    # "Azerbaijan" in match reports), as a source's `deny` reads them
    exclude_sources: tuple[str, ...] = ()
    exclude_urls: tuple[str, ...] = ()
    # alert too when an edit of a story takes out what the rule matched in it (monitor.edits):
    # a name a site quietly removed
    alert_removals: bool = False


@dataclass(frozen=True, slots=True)
class Schedule:
    """How a channel's alerts go out: one by one, or gathered into an hourly or daily digest;
    `max_per_hour` turns a flood of instant alerts into a digest at the next full hour."""

    digest: str = "instant"  # "instant", "hourly" or "daily"
    at: str = "08:00"  # daily digests: local time
    timezone: str = "UTC"
    max_per_hour: int | None = None
    # "22:00-07:00", local: alerts due then wait for one digest at its end (alerts.quiet_hours)
    quiet_hours: str | None = None


@dataclass(frozen=True, slots=True)
class EmailChannel:
    name: str
    smtp_url: str
    sender: str
    to: tuple[str, ...]
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    timeout: float = 30.0
    type: str = "email"


@dataclass(frozen=True, slots=True)
class WebhookChannel:
    name: str
    url: str
    secret: str | None = field(default=None, repr=False)
    timeout: float = 10.0
    type: str = "webhook"


@dataclass(frozen=True, slots=True)
class AppriseChannel:
    """Slack, Telegram, Teams, Discord, Matrix, ntfy ... through an Apprise URL kept in the environment."""

    name: str
    url: str = field(repr=False)
    type: str = "apprise"


@dataclass(frozen=True, slots=True)
class FeedChannel:
    """An Atom feed file of the alerts, for a feed reader (alerts.atom_feed)."""

    name: str
    path: Path
    max_entries: int = 100
    title: str | None = None
    # the address it is served at: the feed's rel="self" link, which feed readers and
    # validators expect (RFC 4287 recommends it)
    url: str | None = None
    type: str = "feed"


Channel = EmailChannel | WebhookChannel | AppriseChannel | FeedChannel


@dataclass(frozen=True, slots=True)
class Config:
    path: Path
    database: Path
    user_agent: str
    crawl: CrawlSettings
    sources: tuple[Source, ...]
    rules: tuple[Rule, ...]
    channels: tuple[Channel, ...]
    schedules: dict[str, Schedule] = field(default_factory=dict)
    admin: str | None = None  # the channel told when a source breaks and when it recovers
    # seconds: an article published longer ago than this when it is stored (an archive's back
    # catalogue, found when a source is added) is kept and matched but alerts no one
    alert_max_age: int | None = None
    # written `enabled = false`: paused, not deleted (not crawled, matched or sent to)
    paused_sources: tuple[Source, ...] = ()
    paused_rules: tuple[Rule, ...] = ()
    paused_channels: tuple[str, ...] = ()
    # the files `rule_files` names (their rules are in `rules`), and which file each rule of
    # theirs is in, by name
    rule_files: tuple[Path, ...] = ()
    rule_file_of: dict[str, str] = field(default_factory=dict)

    def source(self, name: str) -> Source:
        for source in self.sources:
            if source.name == name:
                return source
        if any(source.name == name for source in self.paused_sources):
            raise ConfigError(
                [f"{self.path}: source {name!r} is paused (enabled = false): not crawled"]
            )
        known = ", ".join(s.name for s in self.sources) or "none"
        raise ConfigError([f"{self.path}: no source named {name!r} (known: {known})"])

    def channel(self, name: str) -> Channel:
        return next(c for c in self.channels if c.name == name)


def resolve_config_path(given: str | os.PathLike[str] | None) -> Path:
    """--config, else $MONITOR_CONFIG, else ./monitor.toml."""
    if given:
        return Path(given)
    from_env = os.environ.get(CONFIG_ENV)
    return Path(from_env) if from_env else Path("monitor.toml")


def load_config(path: str | os.PathLike[str], *, need_secrets: bool = True) -> Config:
    """Read and validate a config file; raise ConfigError listing every problem.

    need_secrets=False is for commands that only read the archive: they should not fail because
    the SMTP password is not exported in this shell.
    """
    path = Path(path)
    try:
        # utf-8-sig: an editor's byte order mark (Notepad writes one) is no TOML error
        raw = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise ConfigError(
            [
                f"{path}: config file not found (pass --config PATH, set ${CONFIG_ENV}, "
                "or create ./monitor.toml; see examples/)"
            ]
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError([f"{path}: not valid TOML: {exc}"]) from None
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise ConfigError(
            [
                f"{path}: not UTF-8 text (byte {exc.object[exc.start]:#04x} on line {line}); "
                "TOML files are UTF-8: save it as UTF-8"
            ]
        ) from None
    except OSError as exc:  # a directory, no permission
        raise ConfigError([f"{path}: cannot read the config: {exc.strerror or exc}"]) from None
    from monitor.config_validation import Validator  # it builds the classes defined here

    return Validator(path, raw, os.environ, need_secrets=need_secrets).build()


def parse_duration(text: str) -> int | None:
    """'45s', '15m', '2h', '1d', '1h30m', '90 minutes', '2w' -> whole seconds; None when it is
    not a duration (a unit named twice, as in '1h 2h', is taken as a typing slip: None)."""
    if not DURATION.fullmatch(text):
        return None
    seconds, seen = 0.0, set()
    for number, word in DURATION_PART.findall(text):
        unit = UNIT_WORDS.get(word.lower())
        if unit is None or unit in seen:
            return None
        seen.add(unit)
        seconds += float(number) * UNIT_SECONDS[unit]
    return round(seconds)


def format_duration(seconds: int) -> str:
    """The inverse of parse_duration, largest unit first, weeks in days: 5400 -> '1h30m'."""
    parts = []
    for unit in ("d", "h", "m", "s"):
        count, seconds = divmod(seconds, UNIT_SECONDS[unit])
        if count:
            parts.append(f"{count}{unit}")
    return "".join(parts) or "0s"
