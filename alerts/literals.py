"""Many literal keys found in one pass over bytes, every occurrence, overlapping ones included.

Hyperscan (Intel's multi-literal matcher, through the `hyperscan` wheels) where it is installed:
at 100,000 keys it scans an article four times faster than the Aho-Corasick DFA and, being far
smaller, stays faster when the rest of the work has pushed it out of the CPU caches. Elsewhere
(no wheel for the platform, a CPU without SSSE3) the Rust `aho-corasick` DFA finds the same hits.

Name skeletons (alerts.names: ten letters and the space) are scanned with `aho-corasick`'s
contiguous NFA instead (engine "aho-corasick-nfa"): in text that poor in letters Hyperscan's
literal matcher confirms a candidate at almost every position and calls back into Python for
each hit, where the NFA returns all hits as one list; at 100,000 rules (178,000 name keys) it
scans the bench's skeletons a third faster (8.2 ms against 12.3) and builds in 0.7 s where
Hyperscan compiles for several seconds.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path
from typing import Any

import ahocorasick_rs

try:
    import hyperscan
except ImportError:  # pragma: no cover - platforms without a wheel
    hyperscan = None  # type: ignore[assignment]

log = logging.getLogger(__name__)
Hit = tuple[int, int, int]  # key index, start, end (byte offsets)
CACHE_MIN_KEYS = 1_000  # fewer keys compile in well under a second: not cached
ENGINES = ("hyperscan", "aho-corasick", "aho-corasick-nfa")
CACHE_KEEP = 8  # compiled key sets kept (a rule set's terms; its name skeletons build fast)


class LiteralScanner:
    """Compile once, then `scan` texts (bytes) for all keys at once."""

    def __init__(self, keys: list[bytes], *, engine: str | None = None):
        if any(not key for key in keys):
            raise ValueError("empty key")
        self.lengths = [len(key) for key in keys]
        self.engine = engine or ("hyperscan" if hyperscan is not None else "aho-corasick")
        self.keys = keys  # kept to pickle the scanner (alerts.matcher_cache): see __reduce__
        if self.engine not in ENGINES:
            raise ValueError(f"unknown engine {self.engine!r}")
        self._database: Any = None
        self._automaton: Any = None
        if self.engine == "hyperscan" and keys:
            try:
                self._database = _hyperscan_database(keys)
            except Exception as exc:  # e.g. a CPU it does not support: the DFA finds the same
                log.warning("Hyperscan unavailable (%s); matching with Aho-Corasick", exc)
                self.engine = "aho-corasick"
        if self.engine != "hyperscan" and keys:
            implementation = (
                ahocorasick_rs.Implementation.DFA
                if self.engine == "aho-corasick"
                else ahocorasick_rs.Implementation.ContiguousNFA
            )
            self._automaton = ahocorasick_rs.BytesAhoCorasick(keys, implementation=implementation)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as its keys and engine, rebuilt when loaded: neither compiled form pickles
        (Hyperscan's database then comes from its own cache, the automaton builds anew)."""
        return (_rebuilt, (self.keys, self.engine))

    def scan(self, data: bytes) -> list[Hit]:
        if not data:
            return []
        if self._database is not None:
            found: list[Hit] = []
            self._database.scan(data, match_event_handler=self._found, context=found)
            return found
        if self._automaton is not None:
            return list(self._automaton.find_matches_as_indexes(data, overlapping=True))
        return []

    def _found(self, key: int, _start: int, end: int, _flags: int, found: list[Hit]) -> None:
        found.append((key, end - self.lengths[key], end))


def _rebuilt(keys: list[bytes], engine: str) -> LiteralScanner:
    return LiteralScanner(keys, engine=engine)


def _hyperscan_database(keys: list[bytes]) -> Any:
    """Compiled, or loaded from the cache: every scheduled crawl is a new process that compiles
    the same rules, and Hyperscan takes seconds for 100,000 keys where loading takes a few ms."""
    assert hyperscan is not None
    path = _cache_path(keys) if len(keys) >= CACHE_MIN_KEYS else None
    if path is not None and (loaded := _load(path)) is not None:
        return loaded
    database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    database.compile(
        expressions=keys,
        ids=list(range(len(keys))),
        elements=len(keys),
        flags=[0] * len(keys),
        literal=True,
    )
    if path is not None:
        _store(path, database)
    return database


def cache_dir() -> Path:
    """$MONITOR_CACHE_DIR, else the user's cache directory."""
    if configured := os.environ.get("MONITOR_CACHE_DIR"):
        return Path(configured)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "media-monitor"


def _cache_path(keys: list[bytes]) -> Path:
    version = getattr(hyperscan, "__version__", "?")  # a database is loadable by its own version
    digest = hashlib.sha256(f"hyperscan {version}\n".encode())
    for key in keys:
        digest.update(len(key).to_bytes(4, "big") + key)
    return cache_dir() / f"literals-{digest.hexdigest()[:32]}.hsdb"


def _load(path: Path) -> Any:
    """The cached database, or None (absent, unreadable, or built for another CPU)."""
    assert hyperscan is not None
    try:
        database = hyperscan.loadb(path.read_bytes(), hyperscan.HS_MODE_BLOCK)
        database.scratch = hyperscan.Scratch(database)
        os.utime(path)  # recently used: kept when the cache is pruned
        return database
    except FileNotFoundError:
        return None
    except Exception as exc:
        log.info("compiling the rules again: cached %s unusable (%s)", path.name, exc)
        return None


def _store(path: Path, database: Any) -> None:
    """Written whole (temporary file, then renamed) or not at all; the oldest files beyond
    CACHE_KEEP go. A cache that cannot be written costs only the next compile."""
    assert hyperscan is not None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(hyperscan.dumpb(database))
        os.replace(temporary, path)
        cached = sorted(path.parent.glob("literals-*.hsdb"), key=lambda p: p.stat().st_mtime)
        for old in cached[:-CACHE_KEEP]:
            old.unlink(missing_ok=True)
    except OSError as exc:
        log.info("could not cache the compiled rules in %s: %s", path.parent, exc)
