"""Subscriptions written into a config as [[source]] tables: one per site, its feeds listed with
their titles, appended to the user's file (which keeps every comment and key it had) or in a new
starter config. The new text must pass `load_config` before it replaces the file, and replaces
it in one step: an import never leaves a config that `monitor run` refuses."""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from monitor.config import Config, Source, load_config, parse_duration
from monitor.errors import ConfigError, MonitorError
from monitor.opml import (
    Subscription,
    Subscriptions,
    clean_text,
    feed_key,
    read_opml,
    site_host,
    site_of,
    toml_string,
)
from monitor.starter import source_name, with_sources


@dataclass(slots=True)
class Imported:
    path: Path
    created: bool  # a new config (none was there)
    sources: int = 0
    feeds: int = 0
    already: list[str] = field(default_factory=list)  # feeds a source of the config has
    overlaps: list[str] = field(default_factory=list)  # sites a `site` source also watches
    skipped: list[str] = field(default_factory=list)  # outlines that are no feed
    text: str = ""  # what was (or, dry run, would be) added


def import_opml(
    opml: Path, config_path: Path, *, every: str = "30m", dry_run: bool = False
) -> Imported:
    if not parse_duration(every):
        raise MonitorError(
            f"--every {every!r}: expected a number and a unit, s, m, h, d or w (e.g. 30m)"
        )
    subscriptions = read_opml(opml)
    created = not config_path.exists()
    config = None if created else load_config(config_path, need_secrets=False)
    done = Imported(config_path, created, skipped=subscriptions.skipped)
    fresh = _new_feeds(subscriptions, config, done)
    taken = [source.name for source in _all_sources(config)] if config else []
    blocks = []
    for group in _by_site(fresh):
        name = source_name(group[0].site or group[0].feed, taken)
        taken.append(name)
        blocks.append(_source_table(name, group, every))
        done.sources += 1
        done.feeds += len(group)
    if not blocks:
        return done
    heading = (
        f"# {done.feeds} feeds imported from {clean_text(opml.name)} by `monitor import-opml`"
        f" on {date.today()}\n\n"
    )
    done.text = heading + "".join(blocks)
    if dry_run:
        return done
    if created:
        text = with_sources(done.text, "import-opml")
    else:
        old = config_path.read_text(encoding="utf-8")
        text = old + ("" if old.endswith("\n") or not old else "\n") + "\n" + done.text
    _replace_checked(config_path, text)
    return done


def _new_feeds(
    subscriptions: Subscriptions, config: Config | None, done: Imported
) -> list[Subscription]:
    """The subscriptions no source of the config has; notes those it has, and the sites that a
    `site` source watches too (its feeds found on its home page may be some of these)."""
    if config is None:
        return list(subscriptions.found)
    every_source = _all_sources(config)
    have = {feed_key(url): source.name for source in every_source for url in source.feeds}
    sites = {
        site_host(source.site): source.name for source in every_source if source.site is not None
    }
    fresh = []
    for subscription in subscriptions.found:
        owner = have.get(feed_key(subscription.feed))
        if owner is not None:
            done.already.append(f"{subscription.feed} (source {owner})")
            continue
        fresh.append(subscription)
        host = site_of(subscription)
        if host in sites and (note := f"{host} (source {sites[host]})") not in done.overlaps:
            done.overlaps.append(note)
    return fresh


def _all_sources(config: Config) -> tuple[Source, ...]:
    """Paused sources too: their names are taken, their feeds watched (when enabled again)."""
    return (*config.sources, *config.paused_sources)


def _by_site(subscriptions: list[Subscription]) -> list[list[Subscription]]:
    """Subscriptions grouped by site, in the order each site first appears: one source per site
    keeps its politeness (delay, robots.txt, max_articles) in one place."""
    groups: dict[str, list[Subscription]] = {}
    for subscription in subscriptions:
        groups.setdefault(site_of(subscription), []).append(subscription)
    return list(groups.values())


def _source_table(name: str, group: list[Subscription], every: str) -> str:
    folders = sorted({s.category for s in group if s.category})
    lines = [f"# folder: {', '.join(folders)}"] if folders else []
    lines += ["[[source]]", f"name = {toml_string(name)}", "feeds = ["]
    for subscription in group:
        title = f"  # {subscription.title}" if subscription.title else ""
        lines.append(f"    {toml_string(subscription.feed)},{title}")
    lines.append("]")
    site = next((s.site for s in group if s.site), None)
    if site is not None:
        lines.append(
            f"# site = {toml_string(site)}  # uncomment: also the feeds its home page names and "
            "its sitemaps"
        )
    lines.append(f"every = {toml_string(every)}")
    # every part is one line: titles and folders went through clean_text, addresses with a
    # control character were skipped (opml.web_address)
    return "\n".join(lines) + "\n\n"


def _replace_checked(path: Path, text: str) -> None:
    """Write `text` over `path` only if it loads as a config: a temporary file beside it (so
    relative paths in it mean what they will), checked, then moved over it in one step."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".import", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        if path.exists():
            shutil.copymode(path, temporary)
        try:
            load_config(temporary, need_secrets=False)
        except ConfigError as exc:  # named as the file it would have been
            problems = [p.replace(temporary, str(path)) for p in exc.problems]
            raise ConfigError([*problems, f"{path}: left as it was"]) from None
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
