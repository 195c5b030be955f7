"""The config `monitor init` writes: a commented starting point that `monitor check` accepts as
it is, so a new user edits a working file instead of writing one from the README."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

from monitor.errors import ConfigError

EXAMPLE_SITES = ("https://oc-media.org/",)
HEADER = """\
# media-monitor config, written by `monitor {command}`. Check it with `monitor check`, crawl once
# with `monitor crawl`, run on schedule with `monitor run`. Every key: README, "Configuration".
database = "archive.db"                # relative paths are relative to this file
alert_max_age = "7d"                   # older stories (a site's back catalogue, found on the
                                       # first crawls) are archived and matched, alerted to no one
# rule_files = ["watchlist.csv"]       # more rules, from a spreadsheet's CSV export (columns
                                       # name, person, query, variants, channels ...; README)

"""
RULES = """\
# What to watch: queries (words, "phrases", AND / OR / NOT, NEAR/n, prefix*, title:; a word's
# case forms too, in Russian, Ukrainian, Georgian, Armenian, Azerbaijani and Turkish: Bakıda)
# and people (full name; spelling variants, other alphabets and case endings are found by
# themselves).
[[rule]]
name = "eastern-partnership"
query = 'Euronest OR "Eastern Partnership"'
# min_mentions = 2           # skip articles that name it once in passing
# languages = ["en", "ru"]   # only articles in these languages

[[rule]]
name = "ismayilova"
person = "Khadija Ismayilova"
# alert_removals = true      # also when an edit takes her name out of a story, or a story
                             # that named her is taken down, and when it comes back
                             # (see reread below)

# [crawl]
# reread = ["6h", "2d", "30d"]   # read each story again at these ages: edits its feed does not
                                 # date, and takedowns (each read costs its site a request)

"""
CHANNELS = """\
# Where alerts go. Without a channel nothing is sent: a crawl's log names each article's
# matches, and `monitor backtest RULE` lists them from the archive. Secrets are read from the
# environment variables named here.
#
# [[channel]]
# name = "desk"
# type = "email"
# smtp_url = "smtp://smtp.example.org:587"   # STARTTLS when offered; smtps:// for TLS
# username_env = "MONITOR_SMTP_USER"
# password_env = "MONITOR_SMTP_PASSWORD"
# from = "monitor@example.org"
# to = ["desk@example.org"]
# quiet_hours = "22:00-07:00"                # what comes due at night: one digest at 07:00
# timezone = "Asia/Baku"                     # ... in this zone
#
# [[channel]]
# name = "hook"
# type = "webhook"
# url = "https://hooks.example.org/monitor"
# secret_env = "MONITOR_HOOK_SECRET"         # a Standard Webhooks secret, whsec_...
"""


def starter_config(sites: list[str]) -> str:
    """The file's text: one source per site (the example outlet when none is given)."""
    for site in sites:
        parts = urlsplit(site)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ConfigError([f"--site {site!r}: not an http(s) address (https://example.org/)"])
    names: list[str] = []
    sources = ["# Where to look: a site's feeds and sitemaps are found from its home page.\n"]
    for site in sites or EXAMPLE_SITES:
        name = source_name(site, names)
        names.append(name)
        sources.append(
            f"[[source]]\nname = {json.dumps(name)}\nsite = {json.dumps(site)}\n"
            'every = "30m"                          # for `monitor run`; or cron = "..."\n\n'
        )
    return with_sources("".join(sources))


def with_sources(sources: str, command: str = "init") -> str:
    """A starter config around the given [[source]] tables, written by `monitor <command>`."""
    return HEADER.format(command=command) + sources + RULES + CHANNELS


def source_name(site: str, taken: list[str]) -> str:
    """A source name from the site's host ("https://www.oc-media.org/" -> "oc-media"), made
    unique among `taken`."""
    parts = urlsplit(site)
    host = (parts.hostname or "site").removeprefix("www.")
    if re.fullmatch(r"[\d.]+|[\da-f:]+", host):  # an address, not a name: all of it
        base = f"{host}-{parts.port}" if parts.port else host
        if ":" in host:  # [::1]: "1" alone would say nothing of what it is
            base = f"ipv6-{base}"
    else:
        base = host.rsplit(".", 1)[0] if "." in host else host
    name = re.sub(r"[^a-z0-9]+", "-", base.lower()).strip("-") or "site"
    candidate, n = name, 2
    while candidate in taken:
        candidate, n = f"{name}-{n}", n + 1
    return candidate
