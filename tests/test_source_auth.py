"""A source's HTTP Basic credentials: sent to its own site, and nowhere else."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from monitor.config import load_config
from monitor.demo.site import NewsSite, Page, SiteServer
from monitor.errors import ConfigError
from monitor.source_auth import credential_hosts, may_receive
from tests.conftest import council_story, run_monitor
from tests.test_crawl import db_rows


def feed(links: list[str]) -> Page:
    items = "".join(f"<item><title>{link}</title><link>{link}</link></item>" for link in links)
    body = f"<rss><channel><title>t</title>{items}</channel></rss>"
    return Page(200, "application/rss+xml", body.encode())


def subscriber_config(tmp_path: Path, feed_url: str) -> Path:
    path = tmp_path / "monitor.toml"
    path.write_text(
        'database = "data/archive.db"\n[crawl]\ndownload_delay = 0\n'
        f'[[source]]\nname = "s"\nfeeds = ["{feed_url}"]\n'
        'username_env = "SUB_USER"\npassword_env = "SUB_PASSWORD"\ncookie_env = "SUB_COOKIE"\n'
    )
    return path


def test_a_sources_credentials_open_its_site_and_go_nowhere_else(tmp_path: Path) -> None:
    """The subscriber site's feed, robots.txt and stories get the credentials; a story its
    feed links on another host, and the host one of its pages redirects to, never see them."""
    members = NewsSite([], basic_auth=("reader", "s3cret:ü"))
    elsewhere = NewsSite([])
    with SiteServer(members) as site, SiteServer(elsewhere, host="127.0.0.2") as other:
        members.extra["/news/a.html"] = council_story("Harbour plan")
        members.extra["/news/b.html"] = council_story("Water tariff")
        members.extra["/news/moved.html"] = Page(
            301, "text/html", b"", (("Location", f"{other.url}/news/d.html"),)
        )
        elsewhere.extra["/news/c.html"] = council_story("Grain deal")
        elsewhere.extra["/news/d.html"] = council_story("Bridge repairs")
        members.extra["/feed.xml"] = feed(
            [f"{site.url}/news/{slug}.html" for slug in ("a", "b", "moved")]
            + [f"{other.url}/news/c.html"]
        )
        path = subscriber_config(tmp_path, f"{site.url}/feed.xml")
        env = {
            "SUB_USER": "reader",
            "SUB_PASSWORD": "s3cret:ü",
            "SUB_COOKIE": "session=4f2a; consent=yes",
        }
        done = run_monitor("crawl", "--config", str(path), env=env)
    assert "4 new" in done.stdout, done.stdout + done.stderr
    titles = {title for (title,) in db_rows(path, "SELECT title FROM articles")}
    assert titles == {"Harbour plan", "Water tariff", "Grain deal", "Bridge repairs"}
    expected = "Basic " + base64.b64encode("reader:s3cret:ü".encode()).decode()
    assert len(members.authorizations) >= 5  # robots.txt, the feed, three pages
    assert set(members.authorizations) == {expected}
    assert set(members.cookies) == {"session=4f2a; consent=yes"}
    assert len(elsewhere.authorizations) >= 2 and set(elsewhere.authorizations) == {None}
    assert set(elsewhere.cookies) == {None}


def test_wrong_credentials_are_a_counted_failure_not_a_silent_empty_pass(tmp_path: Path) -> None:
    members = NewsSite([], basic_auth=("reader", "s3cret"))
    with SiteServer(members) as site:
        members.extra["/news/a.html"] = council_story("Harbour plan")
        members.extra["/feed.xml"] = feed([f"{site.url}/news/a.html"])
        path = subscriber_config(tmp_path, f"{site.url}/feed.xml")
        env = {"SUB_USER": "reader", "SUB_PASSWORD": "wrong", "SUB_COOKIE": "session=old"}
        done = run_monitor("crawl", "--config", str(path), env=env, check=False)
    output = done.stdout + done.stderr
    assert "401" in output, output
    assert "0 new" in done.stdout, output
    assert set(members.authorizations) != {None}  # it did send them


@pytest.mark.parametrize(
    ("url", "sent"),
    [
        ("https://members.example.org/feed.xml", True),
        ("https://www.members.example.org/2026/story.html", True),
        ("https://cdn.members.example.org/feed.xml", True),  # a subdomain of its own
        ("https://example.org/", False),  # a parent domain is another site
        ("https://evilmembers.example.org/", False),
        ("https://members.example.org.evil.net/", False),
        ("http://members.example.org/feed.xml", False),  # never in the clear
        ("http://127.0.0.1:8080/feed.xml", True),  # loopback
        ("ftp://members.example.org/", False),
    ],
)
def test_credentials_go_to_the_sources_own_hosts_over_https(url: str, sent: bool) -> None:
    hosts = credential_hosts(["https://www.members.example.org/", "http://127.0.0.1:8080/feed.xml"])
    assert may_receive(url, hosts) is sent


def write(tmp_path: Path, keys: str) -> Path:
    path = tmp_path / "monitor.toml"
    path.write_text(f"[[source]]\nname = 's'\n{keys}\n")
    return path


def test_credentials_load_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUB_USER", "reader")
    monkeypatch.setenv("SUB_PASSWORD", "s3cret")
    path = write(
        tmp_path,
        "site = 'https://members.example.org/'\nusername_env = 'SUB_USER'\n"
        "password_env = 'SUB_PASSWORD'",
    )
    source = load_config(path).sources[0]
    assert (source.username, source.password) == ("reader", "s3cret")
    assert "s3cret" not in repr(source)


@pytest.mark.parametrize(
    ("keys", "problem"),
    [
        (
            "site = 'https://m.example.org/'\nusername_env = 'SUB_USER'",
            "source[0].password_env: missing: username_env needs password_env beside it",
        ),
        (
            "feeds = ['http://m.example.org/rss']\nusername_env = 'SUB_USER'\n"
            "password_env = 'SUB_PASSWORD'",
            "source[0].username_env: credentials would cross the network unencrypted to "
            "'http://m.example.org/rss': give its https:// address",
        ),
        (
            "site = 'https://m.example.org/'\nusername_env = 'SUB_USER'\n"
            "password_env = 'NO_SUCH_VARIABLE'",
            "source[0].password_env: environment variable NO_SUCH_VARIABLE is not set "
            "(export NO_SUCH_VARIABLE=...)",
        ),
        (
            "feeds = ['http://m.example.org/rss']\ncookie_env = 'SUB_COOKIE'",
            "source[0].cookie_env: credentials would cross the network unencrypted to "
            "'http://m.example.org/rss': give its https:// address",
        ),
        (
            "site = 'https://m.example.org/'\ncookie_env = 'BAD_COOKIE'",
            "source[0].cookie_env: the cookie holds a control character ('\\r') at 6: give "
            "the Cookie header's value alone, on one line (name=value; name2=value2)",
        ),
    ],
    ids=["half", "plain-http", "unset", "cookie-on-http", "cookie-injection"],
)
def test_bad_credentials_settings_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, keys: str, problem: str
) -> None:
    monkeypatch.setenv("SUB_USER", "reader")
    monkeypatch.setenv("SUB_PASSWORD", "s3cret")
    monkeypatch.setenv("SUB_COOKIE", "session=4f2a")
    monkeypatch.setenv("BAD_COOKIE", "a=1; b\r\nX-Evil: 1")
    monkeypatch.delenv("NO_SUCH_VARIABLE", raising=False)
    path = write(tmp_path, keys)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert caught.value.problems == [f"{path}: {problem}"]


def test_check_says_where_a_sources_credentials_go(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "site = 'https://www.members.example.org/'\nfeeds = ['https://feeds.example.net/m.xml']\n"
        "username_env = 'SUB_USER'\npassword_env = 'SUB_PASSWORD'\nsite_timezone = 'Asia/Baku'\n"
        "cookie_env = 'SUB_COOKIE'",
    )
    env = {"SUB_USER": "reader", "SUB_PASSWORD": "s3cret", "SUB_COOKIE": "session=4f2a"}
    shown = run_monitor("check", "-c", str(path), env=env).stdout
    assert (
        "credentials (HTTP Basic, user 'reader'; a Cookie header): to feeds.example.net, "
        "members.example.org (and subdomains) only" in shown
    ), shown
    assert "times without a zone in Asia/Baku" in shown
    assert "s3cret" not in shown and "4f2a" not in shown


def test_match_fetches_a_sources_page_with_its_credentials_and_nowhere_else(
    tmp_path: Path,
) -> None:
    """`monitor match URL` on a subscriber source's story sends what its crawls send, and a
    redirect to another host does not carry them along."""
    from monitor.demo.site import load_demo_articles

    articles = load_demo_articles()
    story = next(a for a in articles if "Euronest" in " ".join(a["body"]))
    members = NewsSite(articles, basic_auth=("reader", "s3cret"))
    elsewhere = NewsSite(articles)
    with SiteServer(members) as site, SiteServer(elsewhere, host="127.0.0.2") as other:
        members.extra["/moved.html"] = Page(
            302, "text/html", b"", (("Location", other.url + NewsSite.path_of(story)),)
        )
        config = tmp_path / "monitor.toml"
        config.write_text(
            f'[[source]]\nname = "members"\nsite = "{site.url}/"\n'
            'username_env = "SUB_USER"\npassword_env = "SUB_PASSWORD"\ncookie_env = "SUB_COOKIE"\n'
            "[[rule]]\nname = 'euronest'\nquery = 'Euronest'\nsources = ['members']\n"
        )
        env = {"SUB_USER": "reader", "SUB_PASSWORD": "s3cret", "SUB_COOKIE": "session=4f2a"}
        url = site.url + NewsSite.path_of(story)
        found = json.loads(run_monitor("match", "-c", str(config), "--json", url, env=env).stdout)
        refused = run_monitor("match", "-c", str(config), url, check=False)
        moved = run_monitor("match", "-c", str(config), "--json", f"{site.url}/moved.html", env=env)
    assert {m["rule"] for m in found} == {"euronest"}  # its `sources` rule applies
    assert refused.returncode == 1 and "HTTP 401" in refused.stderr
    # read as that source's, as a crawl would store it, its credentials left behind
    assert {m["rule"] for m in json.loads(moved.stdout)} == {"euronest"}
    assert members.cookies[0] == "session=4f2a"
    assert set(elsewhere.authorizations) == {None} and set(elsewhere.cookies) == {None}
