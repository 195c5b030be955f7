"""One story, one alert: copies under other addresses or on other sources alert once."""

from __future__ import annotations

from pathlib import Path

from monitor.archive import Store
from monitor.models import Article, Match
from monitor.stories import similarity, sketch

TEXT = (
    "Delegates of the Euronest Parliamentary Assembly met in Yerevan on Thursday for their first "
    "full session in two years, with members of the European Parliament and of the parliaments of "
    "Armenia, Georgia, Moldova and Ukraine. The assembly adopted a resolution urging Brussels to tie "
    "financial support more closely to judicial reform and media freedom, and called for the release "
    "of journalists held in pre-trial detention across the region."
)
OTHER = (
    "Grape growers in the Kakheti region say this year's harvest is the best in a decade after a warm "
    "and dry autumn. Prices paid by wineries rose slightly, helped by exports to China and Poland, "
    "while small producers still struggle to reach European shelves because of certification costs."
)
M = [Match("euronest", "text", 0, 8, "Euronest", "Delegates of the Euronest ...")]
CHANNELS = {"euronest": ["desk", "hook"], "yerevan": ["desk"]}


def save(
    store: Store,
    url: str,
    text: str,
    *,
    source: str = "a",
    title: str = "Euronest meets",
    matches: list[Match] = M,
) -> tuple[str, int]:
    result = store.save_article(
        Article(url, title, text, source=source), matches, CHANNELS, now="2026-11-26T00:00:00+00:00"
    )
    return result.status, result.alerts_queued


def test_copies_under_other_addresses_and_sources_alert_once_per_channel(tmp_path: Path) -> None:
    with Store(tmp_path / "a.db") as store:
        assert save(store, "https://news.example/2026/euronest", TEXT) == ("new", 2)
        reprints = [
            ("http://news.example/2026/euronest/", TEXT, "a"),  # http and a trailing slash
            (
                "https://news.example/amp/2026/euronest",
                TEXT + " Read more on our site.",
                "a",
            ),  # AMP page
            (
                "https://wire.example/euronest-yerevan",
                "By Wire Staff. " + TEXT,
                "wire",
            ),  # syndication
        ]
        for url, text, source in reprints:
            assert save(store, url, text, source=source) == ("new", 0)
        assert save(store, "https://news.example/2026/kakheti", OTHER) == ("new", 2)
        stories = store.conn.execute("SELECT count(DISTINCT story_id) FROM articles").fetchone()[0]
        assert stories == 2
        assert store.conn.execute("SELECT count(*) FROM alerts").fetchone()[0] == 4


def test_copies_are_listed_in_the_pending_alert(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from monitor.outbox import Outbox

    with Store(tmp_path / "a.db") as store:
        save(store, "https://news.example/2026/euronest", TEXT)
        save(store, "https://wire.example/euronest-yerevan", TEXT, source="wire")
        alert = Outbox(store).claim_next(datetime.now(UTC))
        assert alert is not None and alert.copies == ("https://wire.example/euronest-yerevan",)


def test_an_edit_alerts_again_only_for_a_rule_that_newly_matches(tmp_path: Path) -> None:
    with Store(tmp_path / "a.db") as store:
        save(store, "https://news.example/2026/euronest", TEXT)
        edited = TEXT + " Correction: the session took place in Yerevan's parliament building."
        assert save(
            store, "https://news.example/2026/euronest", edited, title="Euronest meets (updated)"
        ) == ("updated", 0)
        newly = [*M, Match("yerevan", "text", 0, 7, "Yerevan", "... in Yerevan ...")]
        assert save(
            store, "https://news.example/2026/euronest", edited + " More.", matches=newly
        ) == ("updated", 1)


def test_similarity_estimates_jaccard() -> None:
    assert similarity(sketch(TEXT), sketch(TEXT)) == 1.0
    assert similarity(sketch(TEXT), sketch("By Wire Staff. " + TEXT)) > 0.8
    assert similarity(sketch(TEXT), sketch(OTHER)) < 0.1


def test_a_page_whose_rel_canonical_is_stored_is_a_copy_not_a_new_article(tmp_path: Path) -> None:
    """An AMP page names its canonical address; when that is archived, the AMP page only joins it."""
    from monitor.extract import extract_article

    body = "".join(f"<p>{TEXT}</p>" for _ in range(2))
    amp = (
        '<html><head><link rel="canonical" href="https://news.example/2026/euronest?utm_source=x">'
        f"<title>Euronest meets</title></head><body><article>{body}</article></body></html>"
    )
    extracted = extract_article(amp, "https://news.example/amp/2026/euronest").article
    assert extracted is not None and extracted.canonical == "https://news.example/2026/euronest"
    with Store(tmp_path / "a.db") as store:
        save(store, "https://news.example/2026/euronest", TEXT)
        result = store.save_article(extracted, M, CHANNELS, now="2026-11-26T01:00:00+00:00")
        assert (result.status, result.alerts_queued) == ("copy", 0)
        assert store.known_url("https://news.example/amp/2026/euronest")
        assert store.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 1


WIRE = [
    "A court in Baku on Monday extended the pre-trial detention of six reporters of an"
    " independent outlet by three more months, their lawyers told reporters outside the court.",
    "The journalists, arrested last winter, are charged with smuggling foreign currency into"
    " the country, a charge they and the outlet's editors have denied from the first hearing.",
    "Rights groups have called the case an attempt to silence one of the last newsrooms that"
    " still investigates corruption, and the European Parliament has asked for their release.",
    "The prosecutor told the court that the investigation needed more time to examine bank"
    " records from abroad, and the judge accepted the request without hearing the defence.",
    "Relatives of the detained reporters gathered outside the building and held up portraits of"
    " them, while police officers watched from across the street and asked them to disperse.",
    "The next hearing is set for the middle of December, when the defence hopes to present the"
    " testimony of two bank employees who handled the transfers named in the indictment.",
    "The outlet has continued to publish from abroad, its editor said, and its audience has grown"
    " since the arrests despite the blocking of its website inside the country.",
    "Diplomats from several European embassies attended the hearing as observers and said they"
    " would report to their capitals on what they described as a troubling pattern.",
]


def test_a_wire_story_cut_short_by_another_outlet_is_the_same_story(tmp_path: Path) -> None:
    """Outlets run a wire story whole or only its first paragraphs, some behind a dateline of
    their own: its share of the whole is far below the similarity of copies, yet it is the
    story. A follow-up that reuses its background under a lead of its own is another story."""
    with Store(tmp_path / "a.db") as store:
        assert save(store, "https://wire.example/baku-court", " ".join(WIRE)) == ("new", 2)
        cut = "BAKU (Wire) - " + " ".join(WIRE[:3])
        assert save(store, "https://paper.example/court", cut, source="paper") == ("new", 0)
        half = "\n".join(WIRE[:4])
        assert save(store, "https://daily.example/court", half, source="daily") == ("new", 0)
        follow_up = " ".join(
            [
                "The six reporters held in Baku began a hunger strike on Friday, their lawyers"
                " said, a week after a court extended their detention until the middle of"
                " December and refused to hear the defence's witnesses.",
                "Their families said the men would take only water until they were released.",
                *WIRE[4:],
            ]
        )
        assert save(store, "https://wire.example/hunger-strike", follow_up) == ("new", 2)
        stories = store.conn.execute("SELECT url, story_id FROM articles ORDER BY id").fetchall()
        assert len({story for _, story in stories[:3]}) == 1, stories
        assert stories[3][1] != stories[0][1], stories


def test_a_short_text_that_opens_like_a_story_is_not_taken_for_it() -> None:
    from monitor.stories import cut_copy

    whole = " ".join(WIRE)
    assert cut_copy(" ".join(WIRE[:2]), whole)
    assert not cut_copy(WIRE[0], whole)  # one paragraph: too short to tell
    assert not cut_copy(" ".join(WIRE[4:7]), whole)  # its middle: a follow-up's background
    assert not cut_copy(TEXT, OTHER)
