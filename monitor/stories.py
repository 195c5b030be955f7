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


def sketch(text: str) -> list[int]:
    """The K smallest shingle hashes of a text (fewer for very short texts)."""
    words = WORD.findall(fold(text))
    if len(words) < SHINGLE:
        return [zlib.crc32(" ".join(words).encode())] if words else []
    hashes = {
        zlib.crc32(" ".join(words[i : i + SHINGLE]).encode())
        for i in range(len(words) - SHINGLE + 1)
    }
    return sorted(hashes)[:K]


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


def find_story(conn: sqlite3.Connection, values: list[int]) -> int | None:
    """The story whose sketch is most like these values, if it is the same story."""
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
    return best


def new_story(conn: sqlite3.Connection, values: list[int], *, url: str, now: str) -> int:
    cursor = conn.execute("INSERT INTO stories (first_url, created_at) VALUES (?, ?)", (url, now))
    story_id = int(cursor.lastrowid or 0)
    conn.executemany(
        "INSERT OR IGNORE INTO story_hashes (story_id, value) VALUES (?, ?)",
        [(story_id, v) for v in values],
    )
    return story_id
