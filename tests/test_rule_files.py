"""`rule_files`: a watch list kept as a spreadsheet's CSV or a TOML file of [[rule]] tables,
checked as the config's own rules are (problems named by file and line), matched in crawls, and
followed by `monitor run` when it is edited."""

from __future__ import annotations

import re
import sqlite3
import time
from pathlib import Path

import pytest

from monitor.config import load_config
from monitor.config_reload import ConfigReloader
from monitor.demo.site import SiteServer
from monitor.errors import ConfigError
from monitor.rule_files import flattened
from monitor.scheduling import CrawlRunner, build_scheduler
from tests.conftest import read_monitor, run_monitor

CONFIG = """database = "archive.db"
rule_files = ["lists/people.csv", "lists/topics.toml"]
[crawl]
download_delay = 0
[[source]]
name = "ledger"
feeds = ["{feed}"]
every = "1h"
[[rule]]
name = "baku"
query = "Baku"
[[channel]]
name = "hook"
type = "webhook"
url = "https://hooks.example.org/x"
[[channel]]
name = "desk"
type = "webhook"
url = "https://hooks.example.org/y"
"""
PEOPLE = (
    "Name,Person,Variants,Channels,Notes,# owner\n"
    "ismayilova,Khadija Ismayilova,Xədicə İsmayılova;Хадиджа Исмаилова,hook,jailed 2014,ana\n"
    ",Leyla Yunus,,,,\n"
    "# paused for now,Arif Yunus,,,,\n"
    "\n"
)
TOPICS = """[[rule]]
name = "euronest"
query = 'Euronest OR "Eastern Partnership"'
min_mentions = 1
"""


def write_config(tmp_path: Path, feed: str = "https://e.org/rss.xml") -> Path:
    (tmp_path / "lists").mkdir(exist_ok=True)
    (tmp_path / "lists" / "people.csv").write_text(PEOPLE, encoding="utf-8")
    (tmp_path / "lists" / "topics.toml").write_text(TOPICS, encoding="utf-8")
    path = tmp_path / "monitor.toml"
    path.write_text(CONFIG.format(feed=feed), encoding="utf-8")
    return path


def test_rules_from_a_csv_and_a_toml_file(tmp_path: Path) -> None:
    config = load_config(write_config(tmp_path))
    by_name = {rule.name: rule for rule in config.rules}
    assert list(by_name) == ["baku", "ismayilova", "leyla-yunus", "euronest"]
    assert by_name["ismayilova"].variants == ("Xədicə İsmayılova", "Хадиджа Исмаилова")
    assert by_name["ismayilova"].channels == ("hook",)
    assert by_name["leyla-yunus"].channels == ("hook", "desk")  # every channel, as in TOML
    assert config.rule_file_of == {
        "ismayilova": "lists/people.csv",
        "leyla-yunus": "lists/people.csv",
        "euronest": "lists/topics.toml",
    }
    checked = read_monitor("check", "-c", str(tmp_path / "monitor.toml")).stdout
    assert "leyla-yunus: person Leyla Yunus -> hook, desk [lists/people.csv]" in checked


@pytest.mark.parametrize(
    ("people", "problem"),
    [
        (
            "name,person,channel\nx,Leyla Yunus,hook\n",
            "rule_files: lists/people.csv: unknown column(s) 'channel' in its header",
        ),
        ("name,notes\nx,y\n", "rule_files: lists/people.csv: its header names no query or person"),
        (
            "person,variants,Variants\nLeyla Yunus,a b,c d\n",
            "rule_files: lists/people.csv: column(s) 'variants' twice in its header",
        ),
        (
            "person,enabled,min_mentions\nLeyla Yunus,maybe,2\nArif Yunus,yes,two\n",
            "lists/people.csv:2.enabled: 'maybe' is not true or false",
        ),
        (
            "person,enabled,min_mentions\nLeyla Yunus,yes,2\nArif Yunus,yes,two\n",
            "lists/people.csv:3.min_mentions: 'two' is not a whole number",
        ),
        ("person\nMadonna\n", "lists/people.csv:2.person: 'Madonna' needs a first and a last name"),
        ("person,channels\nLeyla Yunus,pager\n", "lists/people.csv:2.channels[0]: unknown channel"),
        ("name,query\nbaku,Baku\n", "lists/people.csv:2.name: duplicate rule name 'baku'"),
        ("query\n(Baku\n", "lists/people.csv:2.query: rule 'baku-2': cannot parse"),
    ],
)
def test_a_bad_row_is_named_by_file_and_line(tmp_path: Path, people: str, problem: str) -> None:
    path = write_config(tmp_path)
    (tmp_path / "lists" / "people.csv").write_text(people, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert any(p.startswith(f"{path}: {problem}") for p in caught.value.problems), (
        caught.value.problems
    )


def test_rows_without_names_watching_one_thing_are_two_rules(tmp_path: Path) -> None:
    """Two unnamed rows for one person (one for some sources, one for some languages), and
    one for the query a [[rule]] of the config is named after: each gets a name of its own,
    the same in the daemon's flattened copy. A name written twice is still refused."""
    path = write_config(tmp_path)
    people = tmp_path / "lists" / "people.csv"
    people.write_text(
        "person,query,languages\nLeyla Yunus,,en\nLeyla Yunus,,ru\n,Baku,az\n", encoding="utf-8"
    )
    names = [rule.name for rule in load_config(path).rules]
    assert names == ["baku", "leyla-yunus", "leyla-yunus-2", "baku-2", "euronest"]
    copy = tmp_path / ".monitor.toml.running"
    copy.write_bytes(flattened(path, path.read_bytes()))
    assert [rule.name for rule in load_config(copy).rules] == names
    people.write_text("name,person\nyunus,Leyla Yunus\nyunus,Arif Yunus\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape("duplicate rule name 'yunus'")):
        load_config(path)


def test_spreadsheet_exports_as_they_come(tmp_path: Path) -> None:
    """Semicolons where a locale's decimal comma takes the comma, a byte-order mark, quotes
    doubled around a phrase (what a spreadsheet writes for a cell holding "a phrase"); a file
    that is not UTF-8 or is missing is named."""
    path = write_config(tmp_path)
    people = tmp_path / "lists" / "people.csv"
    people.write_text(
        '\ufeffquery;languages\n"""Nagorno Karabakh"" OR Artsakh";"en;ru"\n', encoding="utf-8"
    )
    [rule] = [r for r in load_config(path).rules if r.name.startswith("nagorno")]
    assert rule.query == '"Nagorno Karabakh" OR Artsakh'
    assert rule.languages == ("en", "ru")
    people.write_text("query;languages\nArtsakh;en;ru\n", encoding="utf-8")  # not quoted
    with pytest.raises(ConfigError, match=re.escape("lists/people.csv:2: 3 cells, 2 columns")):
        load_config(path)
    people.write_bytes("person\nXədicə İsmayılova\n".encode("cp1254", "replace"))
    with pytest.raises(ConfigError, match=re.escape("lists/people.csv: not UTF-8")):
        load_config(path)
    people.unlink()
    with pytest.raises(ConfigError, match=re.escape("lists/people.csv: cannot read it")):
        load_config(path)


def test_the_flattened_copy_holds_the_same_config(tmp_path: Path) -> None:
    path = write_config(tmp_path)
    copy = tmp_path / ".monitor.toml.running"
    copy.write_bytes(flattened(path, path.read_bytes()))
    assert "rule_files" not in copy.read_text(encoding="utf-8")
    original, flat = load_config(path), load_config(copy)
    assert flat.rules == original.rules
    assert (flat.sources, flat.channels, flat.database) == (
        original.sources,
        original.channels,
        original.database,
    )


def test_a_crawl_matches_the_rules_of_the_files(tmp_path: Path, site: SiteServer) -> None:
    path = write_config(tmp_path, f"{site.url}/rss.xml")
    run_monitor("crawl", "-c", str(path))
    with sqlite3.connect(tmp_path / "archive.db") as db:
        rules = {rule for (rule,) in db.execute("SELECT DISTINCT rule FROM matches")}
    assert {"ismayilova", "euronest"} <= rules


def test_the_daemon_follows_an_edited_rule_file(tmp_path: Path) -> None:
    path = write_config(tmp_path)
    config = load_config(path)
    runner = CrawlRunner(str(path), timeout=60)
    reloader = ConfigReloader(config, build_scheduler(config, runner=runner), runner)
    running = tmp_path / ".monitor.toml.running"
    assert runner.config_path == str(running)
    assert [r.name for r in load_config(running).rules] == [r.name for r in config.rules]

    people = tmp_path / "lists" / "people.csv"
    time.sleep(0.01)  # a new modification time
    people.write_text(PEOPLE + ",Arif Yunus,,,,\n", encoding="utf-8")
    reloader.check()
    assert "arif-yunus" in [r.name for r in load_config(running).rules]
    assert "arif-yunus" in [r.name for r in reloader.config.rules]

    people.write_text("person\nMadonna\n", encoding="utf-8")  # broken: the last good one stays
    reloader.check()
    assert "arif-yunus" in [r.name for r in load_config(running).rules]
    reloader.close()


def test_exported_rules_read_back_as_the_same_rules(tmp_path: Path) -> None:
    """`monitor rules --export` writes the config's rules as a CSV that `rule_files` reads back
    as the same rules: lists, channels only where not every channel, paused ones paused, and a
    query that starts as a spreadsheet formula would ("-Armenia") kept as text both ways."""
    own = """database = "a.db"
[[rule]]
name = "ismayilova"
person = "Khadija Ismayilova"
variants = ["Xədicə İsmayılova", "Хадиджа Исмаилова"]
exclude = ["Khadija Ismayilova Street"]
channels = ["hook"]
[[rule]]
name = "baku-not-armenia"
query = '-Armenia Baku'
languages = ["en", "ru"]
min_mentions = 2
inflect = false
exclude_urls = ['/sport/', '^/live/']
[[rule]]
name = "kakheti"
query = '"Kakheti, wine"'
enabled = false
[[channel]]
name = "hook"
type = "webhook"
url = "https://h.example/x"
[[channel]]
name = "desk"
type = "webhook"
url = "https://h.example/y"
"""
    first = tmp_path / "first.toml"
    first.write_text(own, encoding="utf-8")
    exported = read_monitor("rules", "--export", "-c", str(first)).stdout
    assert "'-Armenia Baku" in exported  # a spreadsheet shows it as text
    (tmp_path / "watch.csv").write_text(exported, encoding="utf-8")
    second = tmp_path / "second.toml"
    tables = own.split("[[channel]]", 1)[1]
    second.write_text(
        f'database = "a.db"\nrule_files = ["watch.csv"]\n[[channel]]{tables}', encoding="utf-8"
    )
    a, b = load_config(first), load_config(second)
    assert b.rules == a.rules and b.paused_rules == a.paused_rules
    assert [r.query for r in b.rules if r.query] == ["-Armenia Baku"]
