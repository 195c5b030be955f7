"""Crash safety: SIGKILL at random points of crawls and deliveries loses nothing and repeats an
alert only when the kill fell between the receiver's answer and the commit (with the same id)."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

from monitor.demo.receivers import ReceivedHook, SmtpSink, WebhookSink
from monitor.demo.site import NewsSite, SiteServer
from tests.conftest import HOOK_SECRET, ROOT

KILLS_WANTED = 30
BODY = [
    "Delegates of the Euronest Parliamentary Assembly met on {day} to discuss judicial reform.",
    "The session, part of the Eastern Partnership, ended with a resolution on media freedom.",
    "Observers said the vote showed a wide consensus among the delegations present in the hall.",
]


WORDS = [
    "budget",
    "court",
    "vote",
    "energy",
    "border",
    "trade",
    "water",
    "school",
    "harbour",
    "bridge",
    "census",
    "tariff",
    "grain",
]


def articles(rounds: int) -> list[dict[str, object]]:
    """Distinct stories (each has its own words), so none is taken for a copy of another."""
    rng = random.Random(7)
    out: list[dict[str, object]] = []
    for r in range(1, rounds + 1):
        for k in range(2):
            own = " ".join(rng.choice(WORDS) + str(rng.randint(10, 99)) for _ in range(40))
            out.append(
                {
                    "slug": f"story-{r}-{k}",
                    "round": r,
                    "date": f"2026-10-{1 + r % 28:02d}T{k:02d}:00:00Z",
                    "section": "EU",
                    "author": "Desk",
                    "title": f"Assembly session {r}.{k}",
                    "body": [*(p.format(day=f"day {r}.{k}") for p in BODY), own],
                    "comments": [],
                }
            )
    return out


class Killer:
    """Kills the current child at a chosen point: a site request, or a webhook before/after its answer."""

    def __init__(self) -> None:
        self.pid: int | None = None
        self.mode = ""
        self.countdown = 0
        self.killed = threading.Event()
        self.after_answer_ids: list[str] = []
        # the child that sent each webhook, in order (the last one armed: a request in flight
        # when its sender died may be read after it), and the children killed
        self.current: int | None = None
        self.sent_by: dict[int, list[str]] = {}
        self.killed_pids: set[int] = set()

    def arm(self, pid: int, mode: str, countdown: int) -> None:
        self.pid, self.mode, self.countdown = pid, mode, countdown
        self.current = pid
        self.killed.clear()

    def _fire(self, mode: str) -> bool:
        if self.pid is None or self.mode != mode or self.killed.is_set():
            return False
        self.countdown -= 1
        if self.countdown > 0:
            return False
        os.kill(self.pid, signal.SIGKILL)
        self.killed_pids.add(self.pid)
        self.killed.set()
        return True

    def on_request(self, path: str) -> None:
        self._fire("crawl")

    def before_answer(self, hook: ReceivedHook) -> bool:
        if self.current is not None:
            self.sent_by.setdefault(self.current, []).append(hook.headers["webhook-id"])
        return self._fire("before-answer")  # the request is dropped: the receiver never saw it

    def after_answer(self, hook: ReceivedHook) -> None:
        if self._fire("after-answer"):
            self.after_answer_ids.append(hook.headers["webhook-id"])


def test_sigkill_at_random_points_loses_nothing_and_repeats_only_answered_alerts(
    tmp_path: Path,
) -> None:
    rng = random.Random(20261126)
    rounds = 24
    site = NewsSite(articles(rounds), round=0)
    killer = Killer()
    site.on_request = killer.on_request
    with SiteServer(site) as server, SmtpSink() as smtp, WebhookSink() as hook:
        hook.before_answer, hook.after_answer = killer.before_answer, killer.after_answer
        config = tmp_path / "monitor.toml"
        config.write_text(
            f'database = "a.db"\n[crawl]\ndownload_delay = 0\ntimeout = 5\n'
            f'[[source]]\nname = "s"\nfeeds = ["{server.url}/rss.xml"]\nsitemaps = ["{server.url}/sitemap-news.xml"]\n'
            f'[[rule]]\nname = "euronest"\nquery = "Euronest"\n'
            f'[[rule]]\nname = "eap"\nquery = \'"Eastern Partnership"\'\n'
            f'[[channel]]\nname = "desk"\ntype = "email"\nsmtp_url = "{smtp.url}"\nfrom = "m@t.invalid"\nto = ["d@t.invalid"]\n'
            f'[[channel]]\nname = "hook"\ntype = "webhook"\nurl = "{hook.url}"\nsecret_env = "TEST_HOOK_SECRET"\n'
        )
        env = {**os.environ, "TEST_HOOK_SECRET": HOOK_SECRET}
        runs = kills = 0
        while kills < KILLS_WANTED and runs < 90:
            site.round = min(rounds, runs // 2 + 1)
            command = "crawl" if rng.random() < 0.7 else "deliver"
            args = [sys.executable, "-m", "monitor", command, "--config", str(config)]
            if command == "deliver":
                args.append("--now")
            child = subprocess.Popen(
                args, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            mode = rng.choice(
                ["crawl", "before-answer", "after-answer"]
                if command == "crawl"
                else ["before-answer", "after-answer"]
            )
            killer.arm(child.pid, mode, rng.randint(1, 4))
            child.wait(timeout=120)
            killer.pid = None
            runs += 1
            kills += killer.killed.is_set()
            with sqlite3.connect(tmp_path / "a.db") as db:
                assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        site.round = rounds
        killer.current = None  # the last runs are killed by no one
        for command in ("crawl", "deliver"):
            args = [sys.executable, "-m", "monitor", command, "--config", str(config)]
            if command == "deliver":
                args.append("--now")
            subprocess.run(args, cwd=ROOT, env=env, check=True, capture_output=True, timeout=120)

    with sqlite3.connect(tmp_path / "a.db") as db:
        expected = {
            row[0] for row in db.execute("SELECT 'msg_' || uid FROM alerts WHERE channel = 'hook'")
        }
        statuses = dict(
            db.execute("SELECT status, count(*) FROM alerts GROUP BY status").fetchall()
        )
        mail_ids = {row[0] for row in db.execute("SELECT uid FROM alerts WHERE channel = 'desk'")}
        articles_stored = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    received = Counter(h.headers["webhook-id"] for h in hook.received)
    # an email carries the alerts of one article (each rule it matched): their ids
    mails = Counter(
        uid.strip() for m in smtp.messages for uid in str(m.message["X-Monitor-Alerts"]).split(",")
    )
    lost = (expected - set(received)) | (mail_ids - set(mails))
    duplicated = {i: n for i, n in received.items() if n > 1}
    print(
        f"\ncrash test: {runs} runs, {kills} SIGKILLs, {articles_stored} articles, "
        f"{len(expected) + len(mail_ids)} alerts, lost {len(lost)}, duplicated {len(duplicated)} "
        f"(kills after a receiver's answer: {len(killer.after_answer_ids)})"
    )
    assert kills >= KILLS_WANTED
    assert articles_stored == 2 * rounds
    assert len(expected) == 4 * rounds and statuses == {"sent": 8 * rounds}
    assert not lost
    # a repeat only of what a killed child had in flight, once per kill: the webhook whose
    # answer it had not yet recorded, or (killed just after one answer, while it sent the next:
    # the receiver's thread may read that request first) the one it sent after it
    in_flight: Counter[str] = Counter()
    for pid in killer.killed_pids:
        in_flight.update(killer.sent_by.get(pid, [])[-2:])
    assert all(n - 1 <= in_flight[i] for i, n in duplicated.items()), (duplicated, in_flight)
    assert set(killer.after_answer_ids) <= set(in_flight)
    assert max(mails.values()) == 1  # no kill point sits inside an SMTP exchange here
