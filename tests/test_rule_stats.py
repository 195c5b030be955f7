"""`monitor rules`: each rule's record in a real archive: matched articles, last match, alerts;
the silent rules, the paused ones, and the matches of rules no longer in the config."""

from __future__ import annotations

import json
from pathlib import Path

from alerts.rules import Matcher
from monitor.archive import Store
from monitor.config import Rule, load_config
from monitor.models import Article
from tests.conftest import read_monitor
from tests.test_cli import ARTICLES, CONFIG

EXTRA = """
[[rule]]
name = "nakhchivan"
query = "Nakhchivan"
[[rule]]
name = "kakheti"
query = "Kakheti"
enabled = false
"""


def test_each_rule_s_record(tmp_path: Path) -> None:
    path = tmp_path / "monitor.toml"
    path.write_text(CONFIG + EXTRA)
    config = load_config(path)
    matcher = Matcher([*config.rules, *config.paused_rules, Rule("retired", query="Yerevan")])
    channels = {r.name: r.channels for r in config.rules}
    with Store(config.database) as store:
        for day, article in enumerate(ARTICLES, start=5):
            store.save_article(
                article, matcher.match(article), channels, now=f"2026-10-0{day}T00:00:00+00:00"
            )
        # a later article: only euronest matches it, after the cut-off below
        late = Article(
            "https://e.org/4", "Euronest again", "Euronest met in Baku.", source="ledger"
        )
        store.save_article(late, matcher.match(late), channels, now="2026-10-20T00:00:00+00:00")

    found = json.loads(
        read_monitor("rules", "-c", str(path), "--since", "2026-10-06", "--json").stdout
    )
    by_name = {row["name"]: row for row in found}
    assert [row["name"] for row in found] == [
        "euronest",  # most matched since the 6th first, then by name
        "ismayilova",
        "kakheti",
        "nakhchivan",
        "retired",
    ]
    assert by_name["euronest"]["articles"] == 1  # stored on the 20th; the first on the 5th
    assert by_name["euronest"]["last_match"] == "2026-10-20T00:00:00+00:00"
    assert by_name["euronest"]["pending"] == 1 and by_name["euronest"]["sent"] == 0
    assert by_name["ismayilova"]["articles"] == 1 and by_name["ismayilova"]["pending"] == 1
    assert by_name["kakheti"] == {  # paused: matched, but queues nothing
        "name": "kakheti",
        "kind": "query",
        "state": "paused",
        "articles": 1,
        "last_match": "2026-10-07T00:00:00+00:00",
        "sent": 0,
        "failed": 0,
        "pending": 0,
    }
    assert by_name["nakhchivan"]["last_match"] is None
    assert by_name["retired"]["state"] == "gone"

    silent = read_monitor("rules", "-c", str(path), "--since", "2026-10-06", "--silent").stdout
    assert "nakhchivan" in silent and "euronest" not in silent and "retired" not in silent
    assert "1 rule(s) never matched a stored article: nakhchivan" in silent
    table = read_monitor("rules", "-c", str(path), "--since", "2026-10-01", "--sort", "name")
    assert table.stdout.index("euronest") < table.stdout.index("ismayilova")
    assert "gone: matches and alerts of rules no longer in the config" in table.stdout
