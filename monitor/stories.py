"""One story, one alert: copies of an article (syndication, AMP pages, URL variants, reprints
on other sources) are recognised by the similarity of their text.

Each text gets a bottom-k sketch: the K smallest hashes of its 4-word shingles. The share of
common values among the K smallest of two sketches' union estimates the Jaccard similarity of the
two texts (Broder 1997); stories are found through an index on the sketch values, so a new
article is compared only with the stories it shares values with.
"""

from __future__ import annotations

import sqlite3
import zlib

from alerts.text import WORD, fold
from monitor.models import Article

K = 32
SHINGLE = 4
SAME_STORY = 0.6  # estimated Jaccard similarity above which two texts are one story
MIN_SHARED = 6  # sketch values a candidate must share before it is compared at all
# a wire story that an outlet cut short (its first half, its first paragraphs) is the story too,
# though its similarity to the whole is its share of it: the shorter text's shingles (nearly)
# all in the longer, and its lead at the head of the longer. A follow-up that reuses the
# story's background has a lead of its own, and more than a tenth of it is new
CONTAINED = 0.9  # of the shorter text's shingles in the longer's
LEAD = 20  # the shorter's first shingles ...
LEAD_FOUND = 0.6  # ... this share of which stand in the longer's first 2 * LEAD
MIN_COPY = 40  # shingles (about 45 words): a shorter text is too short to tell
MAX_COMPARED = 100_000  # characters of each text compared


def sketch(text: str) -> list[int]:
    """The K smallest shingle hashes of a text (fewer for very short texts)."""
    words = WORD.findall(fold(text))
    if len(words) < SHINGLE:
        return [zlib.crc32(" ".join(words).encode())] if words else []
    return sorted(set(_hashes(words)))[:K]


def _hashes(words: list[str]) -> list[int]:
    """The hashes of the words' 4-word shingles, in order."""
    return [
        zlib.crc32(" ".join(words[i : i + SHINGLE]).encode())
        for i in range(len(words) - SHINGLE + 1)
    ]


def story_sketch(article: Article) -> list[int]:
    """The sketch of what makes an article's story: its headline and text."""
    return sketch(f"{article.title or ''}\n{article.text}")


def similarity(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity of two texts from their sketches."""
    if not a or not b:
        return 0.0
    union = sorted(set(a) | set(b))[:K]
    both = set(a) & set(b)
    return sum(1 for value in union if value in both) / len(union)


def _shingles(text: str) -> list[int]:
    """The text's 4-word shingles' hashes, in the text's order (of its first MAX_COMPARED
    characters: a story is told by far fewer, and the single writer compares them)."""
    return _hashes(WORD.findall(fold(text[:MAX_COMPARED])))


def cut_copy(text: str, other: str) -> bool:
    """Is one of two texts the other cut short: nearly all its words the other's, and its
    lead the other's lead?"""
    shorter, longer = sorted((_shingles(text), _shingles(other)), key=len)
    if len(shorter) < MIN_COPY:
        return False
    inside = set(longer)
    own = set(shorter)
    if sum(1 for value in own if value in inside) < CONTAINED * len(own):
        return False
    head = set(longer[: 2 * LEAD])
    return sum(1 for value in shorter[:LEAD] if value in head) >= LEAD_FOUND * LEAD


def find_story(conn: sqlite3.Connection, values: list[int], text: str | None = None) -> int | None:
    """The story whose sketch is most like these values, if it is the same story; else, with
    the article's `text`, a story of which it is a cut copy or the whole (see cut_copy)."""
    if not values:
        return None
    marks = ",".join("?" * len(values))
    candidates = conn.execute(
        f"SELECT story_id FROM story_hashes WHERE value IN ({marks}) GROUP BY story_id"
        " HAVING count(*) >= ? ORDER BY count(*) DESC LIMIT 5",
        [*values, min(MIN_SHARED, len(values))],
    ).fetchall()
    best, best_score = None, SAME_STORY
    for (story_id,) in candidates:
        theirs = [
            v
            for (v,) in conn.execute(
                "SELECT value FROM story_hashes WHERE story_id = ?", (story_id,)
            )
        ]
        score = similarity(values, theirs)
        if score >= best_score:
            best, best_score = story_id, score
    if best is not None or text is None:
        return best
    for (story_id,) in candidates:  # sharing values, not enough for the whole: cut short?
        first = conn.execute(
            "SELECT text FROM articles WHERE story_id = ? ORDER BY id LIMIT 1", (story_id,)
        ).fetchone()
        if first is not None and cut_copy(text, first[0]):
            return int(story_id)
    return None


def new_story(conn: sqlite3.Connection, values: list[int], *, url: str, now: str) -> int:
    cursor = conn.execute("INSERT INTO stories (first_url, created_at) VALUES (?, ?)", (url, now))
    story_id = int(cursor.lastrowid or 0)
    conn.executemany(
        "INSERT OR IGNORE INTO story_hashes (story_id, value) VALUES (?, ?)",
        [(story_id, v) for v in values],
    )
    return story_id
