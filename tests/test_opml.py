"""`monitor import-opml`: a feed reader's subscriptions become sources, in a new config or
appended to the user's, without losing what the file had, and a crawl then reads them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from monitor.config import load_config
from monitor.demo.site import SiteServer
from monitor.opml import OpmlError, read_opml, web_address
from tests.conftest import read_monitor, run_monitor

SUBSCRIPTIONS = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>Reader export</title></head>
  <body>
    <outline text="Caucasus" title="Caucasus">
      <outline type="rss" text="OC Media" xmlUrl="https://oc-media.org/feed/"
               htmlUrl="https://oc-media.org/"/>
      <outline type="rss" text="Civil.ge — English" xmlUrl="https://civil.ge/feed"
               htmlUrl="https://civil.ge/"/>
      <outline type="rss" text="Civil.ge Русский" xmlurl="https://civil.ge/ru/feed"
               htmlUrl="https://civil.ge/ru/"/>
      <outline type="rss" text="Bookmarklet" xmlUrl="javascript:void(0)"/>
    </outline>
    <outline text="World">
      <outline type="rss" text="BBC &amp; World&#10;news"
               xmlUrl="feed://feeds.bbci.co.uk/news/world/rss.xml"
               htmlUrl="https://www.bbc.co.uk/news"/>
      <outline type="rss" text="OC Media, filed twice" xmlUrl="http://oc-media.org/feed/"/>
    </outline>
  </body>
</opml>
"""


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


def test_a_new_config_gets_a_source_per_site_with_every_feed_once(tmp_path: Path) -> None:
    opml = write(tmp_path, "subs.opml", SUBSCRIPTIONS)
    config_path = tmp_path / "conf" / "monitor.toml"
    done = run_monitor("import-opml", str(opml), "-c", str(config_path), "--every", "1h")
    assert "added 3 source(s) (4 feeds)" in done.stdout
    assert "line 12 (Bookmarklet): 'javascript:void(0)' is not an http(s) address" in done.stdout
    config = load_config(config_path)
    assert [(s.name, s.feeds, s.every) for s in config.sources] == [
        ("oc-media", ("https://oc-media.org/feed/",), 3600),
        ("civil", ("https://civil.ge/feed", "https://civil.ge/ru/feed"), 3600),
        ("bbc-co", ("http://feeds.bbci.co.uk/news/world/rss.xml",), 3600),  # feed:// unwrapped
    ]
    assert all(s.site is None for s in config.sources)  # only what the user subscribed to
    text = config_path.read_text(encoding="utf-8")
    # titles and folders as comments, one line each, the site ready to uncomment
    assert '"https://civil.ge/ru/feed",  # Civil.ge Русский\n' in text
    assert "# BBC & World news\n" in text and "# folder: Caucasus\n" in text
    assert '# site = "https://www.bbc.co.uk/news"' in text
    assert len(config.rules) == 2  # the starter's example rules, as `monitor init` writes
    checked = read_monitor("check", "-c", str(config_path)).stdout
    assert "civil: every 1h" in checked and "- feed https://civil.ge/ru/feed" in checked


def test_an_existing_config_keeps_its_text_and_gains_only_feeds_it_lacks(tmp_path: Path) -> None:
    opml = write(tmp_path, "subs.opml", SUBSCRIPTIONS)
    own = """# my config: every comment stays
database = "mine.db"
[[source]]
name = "civil"
site = "https://www.civil.ge/"
[[source]]
name = "oc"
feeds = ["https://www.oc-media.org/feed"]   # the reader's http:// one, and its www.
[[rule]]
name = "euronest"
query = "Euronest"
"""
    config_path = write(tmp_path, "monitor.toml", own)
    dry = run_monitor("import-opml", str(opml), "-c", str(config_path), "--dry-run").stdout
    assert "would add 2 source(s) (3 feeds)" in dry and 'name = "civil-2"' in dry
    assert config_path.read_text(encoding="utf-8") == own  # a dry run writes nothing

    done = run_monitor("import-opml", str(opml), "-c", str(config_path)).stdout
    assert "added 2 source(s) (3 feeds)" in done
    assert "https://oc-media.org/feed/ (source oc)" in done  # already there: left out
    assert "note: civil.ge (source civil) watches this site too" in done
    text = config_path.read_text(encoding="utf-8")
    assert text.startswith(own)
    config = load_config(config_path)
    assert [s.name for s in config.sources] == ["civil", "oc", "civil-2", "bbc-co"]
    assert [r.name for r in config.rules] == ["euronest"]

    again = run_monitor("import-opml", str(opml), "-c", str(config_path)).stdout
    assert "no new feeds" in again and config_path.read_text(encoding="utf-8") == text


def test_an_import_that_would_break_the_config_writes_nothing(tmp_path: Path) -> None:
    """The user's file holds its sources as an inline array: [[source]] tables cannot be added
    to it, and the file is left as it was, with the reason."""
    opml = write(tmp_path, "subs.opml", SUBSCRIPTIONS)
    own = 'database = "a.db"\nsource = [{name = "x", feeds = ["https://x.org/rss"]}]\n'
    config_path = write(tmp_path, "monitor.toml", own)
    done = run_monitor("import-opml", str(opml), "-c", str(config_path), check=False)
    assert done.returncode == 1
    assert f"{config_path}: left as it was" in done.stderr and ".import" not in done.stderr
    assert config_path.read_text(encoding="utf-8") == own
    assert sorted(p.name for p in tmp_path.iterdir()) == ["monitor.toml", "subs.opml"]
    bad_every = run_monitor(
        "import-opml", str(opml), "-c", str(config_path), "--every", "often", check=False
    )
    assert bad_every.returncode == 1 and "--every 'often'" in bad_every.stderr
    assert config_path.read_text(encoding="utf-8") == own


def test_a_generated_list_of_too_many_feeds_is_refused_whole(tmp_path: Path) -> None:
    outlines = "".join(f'<outline xmlUrl="https://e{i}.org/rss"/>' for i in range(20_001))
    path = write(tmp_path, "big.opml", f"<opml><body>{outlines}</body></opml>")
    with pytest.raises(OpmlError, match="over 20,000 feeds; nothing imported"):
        read_opml(path)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "not XML"),
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", "not XML"),
        (b"<html><body><a href='/rss'>feed</a></body></html>", "root element is <html>"),
        (b"<opml><body><outline text='folder only'/></body></opml>", "no feeds in it"),
        # a root a recovering parser lets through that lxml's QName refuses (found by fuzzing)
        (b"<:99999?xml e:1>", "root element is <:99999>"),
        (
            b'<?xml version="1.0"?><!DOCTYPE o [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>'
            b'<opml><body><outline text="&b;" xmlUrl="https://e.org/rss"/></body></opml>',
            "declares XML entities",
        ),
    ],
)
def test_what_is_no_subscription_list_is_refused_by_name(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    path = write(tmp_path, "in.opml", content)
    with pytest.raises(OpmlError, match=reason) as raised:
        read_opml(path)
    assert str(raised.value).startswith(f"{path}: ")


def test_common_export_mistakes_are_read_as_meant(tmp_path: Path) -> None:
    """A bare "&" in an address (recovery would drop it and make another address), an HTML
    entity in a title, a file declared Latin-1 that is UTF-8, attribute names in any case."""
    body = (
        '<?xml version="1.0" encoding="ISO-8859-1"?>\n<opml version="1.1"><body>\n'
        '<outline title="Caf&eacute; news" XMLURL="https://cafe.example/rss?a=1&b=2"/>\n'
        '<outline text="Revista Ñ &copy;" xmlUrl=" https://revista.example/feed "/>\n'
        '<outline text="x" xmlUrl="https://e.org:99999/rss"/>\n'
        '<outline text="a feed" type="atom" url="https://atom.example/feed"/>\n'
        '<outline text="a page" type="link" url="https://page.example/"/>\n'
        '<outline text="more" type="include" url="https://e.org/more.opml"/>\n'
        "</body></opml>\n"
    )
    found = read_opml(write(tmp_path, "a.opml", body.encode("utf-8")))
    assert [(s.feed, s.title) for s in found.found] == [
        ("https://cafe.example/rss?a=1&b=2", "Café news"),
        ("https://revista.example/feed", "Revista Ñ ©"),
        ("https://atom.example/feed", "a feed"),  # url of a feed-typed outline; not of others
    ]
    assert found.skipped == ["line 5 (x): 'https://e.org:99999/rss' is not an http(s) address"]
    # declared Latin-1 and Latin-1 it is: read as declared
    latin = body.replace("Ñ", "Ñ").encode("latin-1")
    assert read_opml(write(tmp_path, "b.opml", latin)).found[1].title == "Revista Ñ ©"


@pytest.mark.parametrize(
    ("raw", "address"),
    [
        ("https://e.org/rss", "https://e.org/rss"),
        ("HTTPS://E.org", "https://E.org/"),
        ("feed://e.org/rss", "http://e.org/rss"),
        ("feed:https://e.org/rss", "https://e.org/rss"),
        ("https://e.org/rss#top", "https://e.org/rss"),
        ("/rss.xml", None),
        ("ftp://e.org/rss", None),
        ("https://e.org/r\nss", None),
        ("http://[::1", None),
    ],
)
def test_feed_addresses(raw: str, address: str | None) -> None:
    assert web_address(raw) == address


def test_imported_feeds_are_crawled(tmp_path: Path, site: SiteServer) -> None:
    opml = write(
        tmp_path,
        "subs.opml",
        '<opml version="2.0"><body><outline text="Ledger" type="rss" '
        f'xmlUrl="{site.url}/rss.xml" htmlUrl="{site.url}/"/></body></opml>',
    )
    config_path = tmp_path / "monitor.toml"
    run_monitor("import-opml", str(opml), "-c", str(config_path))
    text = config_path.read_text(encoding="utf-8")
    config_path.write_text(text + "\n[crawl]\ndownload_delay = 0\n", encoding="utf-8")
    run_monitor("crawl", "-c", str(config_path))
    news = site.site
    listed = {f"{news.base_url}{news.path_of(a)}" for a in news.published()[:15]}  # its RSS
    with sqlite3.connect(tmp_path / "archive.db") as db:
        stored = {url for (url,) in db.execute("SELECT url FROM articles")}
    assert len(listed) == 15 and stored == listed


def test_export_gives_back_what_import_reads(tmp_path: Path) -> None:
    own = """database = "a.db"
[[source]]
name = "civil"
feeds = ["https://civil.ge/feed", "https://civil.ge/ru/feed?a=1&b=2"]
site = "https://civil.ge/"
[[source]]
name = "oc"
site = "https://oc-media.org/"
[[source]]
name = "paused"
feeds = ["https://p.example/rss"]
enabled = false
"""
    config_path = write(tmp_path, "monitor.toml", own)
    done = run_monitor("export-opml", "-c", str(config_path))
    assert "not exported, no feeds = [...] in the config: oc" in done.stderr
    opml = write(tmp_path, "out.opml", done.stdout)
    found = read_opml(opml).found
    assert [(s.feed, s.site, s.category) for s in found] == [
        ("https://civil.ge/feed", "https://civil.ge/", "civil"),
        ("https://civil.ge/ru/feed?a=1&b=2", "https://civil.ge/", "civil"),
        ("https://p.example/rss", None, "paused"),  # paused, not deleted: exported
    ]
    again = run_monitor("import-opml", str(opml), "-c", str(config_path)).stdout
    assert "no new feeds" in again and config_path.read_text(encoding="utf-8") == own


def test_check_names_a_feed_two_sources_read(tmp_path: Path) -> None:
    """As happens after importing a reader's list beside a config that had some of it: the
    same feed (any scheme, www. or not, a trailing slash) in two sources is fetched twice."""
    path = write(
        tmp_path,
        "monitor.toml",
        'database = "a.db"\n[[source]]\nname = "a"\nfeeds = ["https://e.org/rss"]\n'
        '[[source]]\nname = "b"\nfeeds = ["http://www.e.org/rss/", "https://f.org/rss"]\n',
    )
    checked = read_monitor("check", "-c", str(path)).stdout
    assert "note: https://e.org/rss is read by b too" in checked
    assert "note: http://www.e.org/rss/ is read by a too" in checked
    assert "f.org/rss is read by" not in checked
