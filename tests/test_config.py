"""Config loading: the README's shape works; every problem is reported at once, exactly."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from monitor.config import (
    EmailChannel,
    WebhookChannel,
    format_duration,
    load_config,
    parse_duration,
)
from monitor.errors import ConfigError
from tests.conftest import ROOT, read_monitor, run_monitor

VALID = """
database = "archive.db"
alert_max_age = "7d"

[[source]]
name = "example-news"
feeds = ["https://example.org/rss.xml"]
sitemaps = ["https://example.org/sitemap-news.xml"]
start_urls = ["https://example.org/"]
allow = ['/news/\\d{4}/']
every = "30m"

[[source]]
name = "oc-media"
site = "https://oc-media.org/"
cron = "*/30 * * * *"
timezone = "Asia/Baku"

[[rule]]
name = "euronest"
query = 'Euronest OR "Eastern Partnership"'
channels = ["desk", "hook"]

[[rule]]
name = "ismayilova"
person = "Khadija Ismayilova"

[[channel]]
name = "desk"
type = "email"
smtp_url = "smtp://127.0.0.1:1025"
username_env = "MONITOR_SMTP_USER"
password_env = "MONITOR_SMTP_PASSWORD"
from = "monitor@example.org"
to = ["desk@example.org"]

[[channel]]
name = "hook"
type = "webhook"
url = "https://hooks.example.org/monitor"
secret_env = "MONITOR_HOOK_SECRET"
"""
SECRETS = {
    "MONITOR_SMTP_USER": "user",
    "MONITOR_SMTP_PASSWORD": "pw",
    "MONITOR_HOOK_SECRET": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
}


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "monitor.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_readme_shaped_config_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's example loads; relative paths are relative to the config file; secrets resolve."""
    for key, value in SECRETS.items():
        monkeypatch.setenv(key, value)
    config = load_config(write(tmp_path, VALID))
    assert config.database == (tmp_path / "archive.db").resolve()
    assert config.alert_max_age == 7 * 86400
    assert [s.name for s in config.sources] == ["example-news", "oc-media"]
    assert config.sources[0].every == 1800 and config.sources[1].cron == "*/30 * * * *"
    assert config.rules[1].channels == ("desk", "hook")  # default: every channel
    desk, hook = config.channels
    assert isinstance(desk, EmailChannel) and desk.password == "pw" and desk.username == "user"
    assert isinstance(hook, WebhookChannel) and hook.secret == SECRETS["MONITOR_HOOK_SECRET"]
    assert "pw" not in repr(desk) and "whsec" not in repr(hook)


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('databse = "x.db"', "databse: unknown key (did you mean 'database'?)"),
        (
            '[[source]]\nname = "a"\nfeeds = ["https://e.org/f"]\nallow = [\'(\\d+\']',
            "source[0].allow[0]: bad regular expression '(\\\\d+': missing ), unterminated subpattern at position 0",
        ),
        (
            '[[source]]\nname = "a"\nfeeds = ["https://e.org/f"]\nlanguage = "Azerbaijani"',
            "source[0].language: 'Azerbaijani' is not a language code (like 'en', 'ru', 'az')",
        ),
        (
            '[[source]]\nname = "a"\nfeeds = ["https://e.org/f"]\nmax_articles = 0',
            "source[0].max_articles: must be a whole number >= 1, got 0",
        ),
        (
            '[[source]]\nname = "a"\nfeeds = ["https://e.org/f"]\ndownload_delay = -2',
            "source[0].download_delay: must be a number >= 0, got -2",
        ),
        (
            '[[source]]\nname = "a"\nfeeds = ["https://e.org/f"]\nevery = "often"',
            "source[0].every: bad schedule 'often' (expected a number and a unit, s, m, h, d or w, "
            "e.g. '30m', '1h30m' or '2 hours')",
        ),
        (
            '[[source]]\nname = "a"\nfeeds = ["https://e.org/f"]\ncron = "61 * * * *"',
            "source[0].cron: bad schedule '61 * * * *': Error validating expression '61': the last "
            "value (61) is higher than the maximum value (59) (e.g. '*/30 * * * *')",
        ),
        (
            '[[source]]\nname = "a"\nfeeds = ["ftp://e.org/f"]',
            "source[0].feeds[0]: 'ftp://e.org/f' is not a valid URL (expected http or https://host/...)",
        ),
        (
            '[[source]]\nname = "a"\nsitemaps = ["http://[bad/sitemap.xml"]',
            "source[0].sitemaps[0]: 'http://[bad/sitemap.xml' is not a valid URL (Invalid IPv6 URL)",
        ),
        (
            '[[source]]\nname = "a"\nsite = "https://e.org:99999/"',
            "source[0].site: 'https://e.org:99999/' is not a valid URL (Port out of range 0-65535)",
        ),
        (
            '[[source]]\nname = "a"\nstart_urls = ["https://e.org/"]',
            "source[0].allow: missing: start_urls needs allow = ['regex', ...] to tell article links from the rest",
        ),
        (
            '[[source]]\nname = "a"',
            "source[0]: gives no way to find articles (add site, feeds, sitemaps or start_urls)",
        ),
        (
            '[[rule]]\nname = "r"\nquery = "x"\nchannels = ["desk-emial"]\n'
            + "[[channel]]\nname = 'desk-email'\ntype = 'webhook'\nurl = 'https://h.org/'",
            "rule[0].channels[0]: unknown channel 'desk-emial' (did you mean 'desk-email'? known: desk-email)",
        ),
        (
            "[[channel]]\nname = 'd'\ntype = 'email'\nsmtp_url = 'smtp://h'\nfrom = 'a@b.org'\nto = ['c@d.org']\npassword_env = 'SURELY_NOT_SET_X'",
            "channel[0].password_env: environment variable SURELY_NOT_SET_X is not set (export SURELY_NOT_SET_X=...)",
        ),
        (
            "[[rule]]\nname = 'r'\nquery = 'Euronest AND (court OR'",
            "rule[0].query: rule 'r': cannot parse: expected a word or phrase after OR at column 21"
            "\n      Euronest AND (court OR\n                          ^",
        ),
        (
            "[[rule]]\nname = 'r'\nquery = '\"Eastern Partnership'",
            "rule[0].query: rule 'r': cannot parse: unclosed quote at column 1\n      \"Eastern Partnership\n      ^",
        ),
        (
            "[[rule]]\nname = 'r'\nperson = 'Madonna'",
            "rule[0].person: 'Madonna' needs a first and a last name, e.g. 'Khadija Ismayilova'",
        ),
        ("[[rule]]\nname = 'r'", "rule[0]: missing query or person (one is required)"),
        (
            "[[rule]]\nname = 'r'\nquery = 'Москва'\ninflect = 'no'",
            "rule[0].inflect: must be true or false, got 'no'",
        ),
        (
            "[[rule]]\nname = 'r'\nperson = 'Leyla Yunus'\ninflect = false",
            "rule[0].inflect: applies to query rules only",
        ),
        (
            "[[rule]]\nname = 'r'\nquery = 'Baku'\nmin_mentions = 0",
            "rule[0].min_mentions: must be a whole number >= 1 (places in an article), got 0",
        ),
        (
            "[crawl]\nparallel_crawls = 0",
            "crawl.parallel_crawls: must be a whole number from 1 to 64 (crawls `monitor run` "
            "runs at once), got 0",
        ),
        (
            "[[channel]]\nname = 'x'\ntype = 'pager'",
            "channel[0].type: unknown channel type 'pager' (expected 'email', 'webhook', 'apprise' or "
            "'feed')",
        ),
        (
            "alert_max_age = 7",
            "alert_max_age: bad duration 7 (expected a number and a unit, s, m, h, d or w, "
            "e.g. '7d', '1h30m' or '2 hours')",
        ),
    ],
    ids=[
        "unknown-key",
        "bad-regex",
        "bad-source-language",
        "bad-source-max-articles",
        "bad-source-delay",
        "bad-every",
        "bad-cron",
        "bad-url",
        "unparsable-url",
        "port-out-of-range",
        "start-urls-need-allow",
        "no-discovery",
        "unknown-channel",
        "missing-env",
        "unparsable-query",
        "unclosed-quote",
        "person-one-word",
        "rule-without-query",
        "inflect-not-a-bool",
        "inflect-on-a-person",
        "min-mentions-zero",
        "parallel-crawls-zero",
        "unknown-channel-type",
        "bad-alert-max-age",
    ],
)
def test_each_problem_is_named_exactly(tmp_path: Path, toml: str, message: str) -> None:
    """File, key path, what is wrong and what would be right."""
    path = write(tmp_path, toml)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert caught.value.problems == [f"{path}: {message}"]


def test_every_problem_is_listed_at_once(tmp_path: Path) -> None:
    """A config with several mistakes reports all of them, and `monitor check` exits non-zero."""
    broken = (
        VALID.replace('every = "30m"', 'every = "soon"')
        .replace('channels = ["desk", "hook"]', 'channels = ["desk", "hoook"]')
        .replace("allow = ['/news/\\d{4}/']", "allow = ['/news/(']")
    )
    path = write(tmp_path, broken)
    done = run_monitor(
        "check", "--config", str(path), check=False, env={k: "" for k in ("MONITOR_SMTP_USER",)}
    )
    assert done.returncode == 1
    for key in (
        "source[0].every",
        "source[0].allow[0]",
        "rule[0].channels[1]",
        "channel[0].password_env",
        "channel[1].secret_env",
    ):
        assert f"{path}: {key}: " in done.stderr, key


def test_a_bad_deny_regex_is_named_with_its_key(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'database = "a.db"\n[[source]]\nname = "s"\nfeeds = ["https://e.org/rss"]\n'
        'deny = ["/video/", "/live/(["]\n',
    )
    with pytest.raises(ConfigError, match=r"source\[0\]\.deny\[1\]: bad regular expression"):
        load_config(path)


def test_missing_and_invalid_files_are_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="config file not found"):
        load_config(tmp_path / "nope.toml")
    with pytest.raises(ConfigError, match=r"monitor.toml: not valid TOML"):
        load_config(write(tmp_path, "x = ["))
    legacy = tmp_path / "legacy.toml"  # saved by an editor in Windows-1251
    legacy.write_bytes('database = "a.db"\n# Азербайджан\n'.encode("cp1251"))
    with pytest.raises(ConfigError, match=r"legacy.toml: not UTF-8 text \(byte 0xc0 on line 2\)"):
        load_config(legacy)
    with pytest.raises(ConfigError, match=r": cannot read the config: Is a directory"):
        load_config(tmp_path)


def test_a_config_saved_with_a_byte_order_mark_reads_as_any_other(tmp_path: Path) -> None:
    """Windows editors (Notepad) open a UTF-8 file with a byte order mark, and line ends in
    CR LF: the same config."""
    path = tmp_path / "notepad.toml"
    text = 'database = "a.db"\n[[rule]]\nname = "baku"\nquery = "Bakı"\n'
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    config = load_config(path)
    assert [r.name for r in config.rules] == ["baku"] and config.database.name == "a.db"


def test_config_is_found_via_env_then_cwd(tmp_path: Path) -> None:
    """--config, else $MONITOR_CONFIG, else ./monitor.toml."""
    write(tmp_path, 'database = "a.db"\n[[source]]\nname = "only"\nfeeds = ["https://e.org/f"]\n')
    done = run_monitor("check", cwd=tmp_path, env={"MONITOR_CONFIG": ""})
    assert f"archive: {tmp_path / 'a.db'}" in done.stdout
    other = tmp_path / "elsewhere"
    other.mkdir()
    done = run_monitor("check", cwd=other, env={"MONITOR_CONFIG": str(tmp_path / "monitor.toml")})
    assert "only: on demand" in done.stdout


def test_example_config_is_accepted_without_secrets() -> None:
    """examples/south-caucasus.toml is what a newsroom starts from; `monitor check` accepts it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    done = run_monitor("check", "--config", str(ROOT / "examples" / "south-caucasus.toml"), env=env)
    assert "sources (7)" in done.stdout and "khadija-ismayilova" in done.stdout


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("45s", 45),
        ("15m", 900),
        ("2h", 7200),
        ("1d", 86400),
        ("5 m", 300),
        ("1h30m", 5400),
        ("1h 30m", 5400),
        ("90 minutes", 5400),
        ("2 Hours", 7200),
        ("1 day, 2 hours", 93600),
        ("1.5h", 5400),
        ("2w", 1209600),
        ("x", None),
        ("10y", None),  # no years: a typo more likely than a decade
        ("3 months", None),  # m is minutes; a month is no fixed length
        ("1h 2h", None),
        ("30", None),
        ("h", None),
        ("1h30", None),
    ],
)
def test_parse_duration(text: str, seconds: int | None) -> None:
    assert parse_duration(text) == seconds
    if seconds is not None:  # what check prints reads back the same
        assert parse_duration(format_duration(seconds)) == seconds
    assert format_duration(5400) == "1h30m" and format_duration(1209600) == "14d"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            "digest = 'weekly'",
            "channel[0].digest: 'weekly' is not one of 'instant', 'hourly', 'daily'",
        ),
        ("at = '25:00'", "channel[0].at: '25:00' is not a time of day like '08:00'"),
        (
            "timezone = 'Mars/Olympus'",
            "channel[0].timezone: unknown timezone 'Mars/Olympus' (like 'Europe/Berlin' or 'Asia/Baku')",
        ),
        ("max_per_hour = 0", "channel[0].max_per_hour: must be a whole number >= 1, got 0"),
        (
            "quiet_hours = '22:00'",
            "channel[0].quiet_hours: '22:00' is not a period of the day like '22:00-07:00' "
            "(local time, in the channel's timezone; start and end differ)",
        ),
    ],
    ids=["digest", "at", "timezone", "cap", "quiet"],
)
def test_digest_settings_are_checked(tmp_path: Path, extra: str, message: str) -> None:
    path = write(
        tmp_path, f"[[channel]]\nname = 'h'\ntype = 'webhook'\nurl = 'https://h.org/'\n{extra}\n"
    )
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert caught.value.problems == [f"{path}: {message}"]


@pytest.mark.parametrize("key", ["site_timezone", "timezone"])
@pytest.mark.parametrize("zone", ["Mars/Olympus", "Asia", "asia/baku", "../etc/passwd"])
def test_a_sources_zones_are_checked(tmp_path: Path, key: str, zone: str) -> None:
    """Either zone a source names is looked up when the config loads, cron or not: an interval
    schedule in an unknown zone failed when the daemon started, a site zone on each page."""
    path = write(
        tmp_path, f"[[source]]\nname = 's'\nfeeds = ['https://s.org/rss']\n{key} = '{zone}'\n"
    )
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert caught.value.problems == [
        f"{path}: source[0].{key}: unknown timezone {zone!r} (like 'Europe/Berlin' or 'Asia/Baku')"
    ]


def test_a_sources_site_timezone_loads(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "[[source]]\nname = 's'\nfeeds = ['https://s.org/rss']\nsite_timezone = 'Asia/Baku'\n"
        "[[source]]\nname = 't'\nfeeds = ['https://t.org/rss']\n",
    )
    assert [s.site_timezone for s in load_config(path).sources] == ["Asia/Baku", None]


def test_addresses_no_parser_reads_are_listed_not_raised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An address like "http://[bad" raised out of the loader (a traceback, not a list of problems), from
    the URL check and from the checks that read a source's addresses after it."""
    monkeypatch.setenv("U", "reader")
    monkeypatch.setenv("P", "s3cret")
    path = write(
        tmp_path,
        '[[source]]\nname = "a"\nfeeds = ["http://[bad/rss", "https://e.org:http/rss"]\n'
        'username_env = "U"\npassword_env = "P"\nproxy = "http://[::1"\n'
        "[[channel]]\nname = 'h'\ntype = 'webhook'\nurl = 'https://[h.org/'\n",
    )
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert sorted(p.removeprefix(f"{path}: ").split(":")[0] for p in caught.value.problems) == [
        "channel[0].url",
        "source[0].feeds[0]",
        "source[0].feeds[1]",
        "source[0].proxy",
    ]


def test_a_rules_exclusions_are_checked_and_loaded(tmp_path: Path) -> None:
    source = "[[source]]\nname = 'wire'\nfeeds = ['https://w.org/rss']\n"
    path = write(
        tmp_path,
        source + "[[rule]]\nname = 'r'\nquery = 'Baku'\nexclude_sources = ['wrie']\n"
        "exclude_urls = ['/sport/', '(live']\n",
    )
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert caught.value.problems == [
        f"{path}: rule[0].exclude_sources[0]: unknown source 'wrie' (known: wire)",
        f"{path}: rule[0].exclude_urls[1]: bad regular expression '(live': missing ), "
        "unterminated subpattern at position 0",
    ]
    path.write_text(
        source + "[[rule]]\nname = 'r'\nquery = 'Baku'\nexclude_sources = ['wire']\n"
        "exclude_urls = ['/sport/']\n"
    )
    (rule,) = load_config(path).rules
    assert (rule.exclude_sources, rule.exclude_urls) == (("wire",), ("/sport/",))
    shown = read_monitor("check", "-c", str(path)).stdout
    assert "never in articles of: wire" in shown and "never in articles at: URLs matching" in shown


def test_digest_settings_load(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "[[channel]]\nname = 'h'\ntype = 'webhook'\nurl = 'https://h.org/'\ndigest = 'daily'\nat = '07:30'\ntimezone = 'Asia/Tbilisi'\n",
    )
    schedule = load_config(path).schedules["h"]
    assert (schedule.digest, schedule.at, schedule.timezone, schedule.max_per_hour) == (
        "daily",
        "07:30",
        "Asia/Tbilisi",
        None,
    )
    assert schedule.quiet_hours is None
    path.write_text(path.read_text() + "quiet_hours = '23:00-06:00'\n")
    assert load_config(path).schedules["h"].quiet_hours == "23:00-06:00"
    shown = read_monitor("check", "-c", str(path)).stdout
    assert "a daily digest at 07:30 Asia/Tbilisi; quiet 23:00-06:00 Asia/Tbilisi" in shown, shown


def test_a_name_written_surname_first_with_a_comma_is_read_given_name_first(
    tmp_path: Path,
) -> None:
    """As lists and spreadsheets write names; a rule so written found no one, not even the
    name as written. A suffix after the comma ("King, Jr.") is no given name."""
    from alerts.rules import Matcher
    from monitor.models import Article

    path = write(
        tmp_path,
        "[[rule]]\nname = 'ly'\nperson = 'Yunus, Leyla'\nvariants = ['Юнус, Лейла']\n"
        "[[rule]]\nname = 'mlk'\nperson = 'Martin Luther King, Jr.'\n",
    )
    ly, mlk = load_config(path, need_secrets=False).rules
    assert (ly.person, ly.variants) == ("Leyla Yunus", ("Лейла Юнус",))
    assert mlk.person == "Martin Luther King, Jr."
    text = "Leyla Yunus spoke in Baku. Лейла Юнус выступила. Yunus, Leyla: listed."
    found = Matcher([ly]).match(Article("https://e.org/x", "t", text, language="en"))
    assert [m.matched for m in found] == ["Leyla Yunus", "Лейла Юнус", "Yunus, Leyla"]
