"""The compiled matcher of a rule set, kept on disk between crawls.

Every scheduled crawl is a new process (a fresh Twisted reactor) and `monitor match` is one
too: each compiled its rules anew, about 30 s of CPU at 100,000 rules on a slow day, before
its first page. Most of that is Python work (names' keys and forms, query trees) whose result
pickles: loading it takes a tenth of the time. The literal scanners inside are not pickled but
rebuilt from their keys (Hyperscan's database from its own cache, alerts.literals).

A cached matcher is used only when everything it was built from is the same: the rules (all
their fields), the code that compiles them (alerts/ and the config's Rule), Python and the
scanning libraries. Anything else compiles anew. The file is the user's own cache
($MONITOR_CACHE_DIR, else ~/.cache/media-monitor), written whole or not at all.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import logging
import os
import pickle
import sys
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

from alerts.literals import cache_dir
from alerts.rules import Matcher
from monitor.config import Rule

log = logging.getLogger(__name__)
MIN_RULES = 500  # fewer compile in a fraction of a second: not cached
KEEP = 4  # matchers kept (tens of MB each at 100,000 rules)
CODE = [  # what compiles the rules: a change to any of it makes every cached matcher stale
    *sorted((Path(__file__).resolve().parent).glob("*.py")),
    Path(__file__).resolve().parent.parent / "monitor" / "config.py",
    Path(__file__).resolve().parent.parent / "monitor" / "models.py",
]
LIBRARIES = ("hyperscan", "ahocorasick-rs", "numpy")


def compiled_matcher(rules: Sequence[Rule]) -> Matcher:
    """The rules' matcher: loaded when this rule set was compiled before, else compiled (and
    kept for the next process when the set is large enough to be worth it)."""
    if len(rules) < MIN_RULES:
        return Matcher(rules)
    try:
        path = _path(rules)
    except OSError as exc:  # the code's own files unreadable (a frozen or zipped install)
        log.info("compiled rules not cached: %s", exc)
        return Matcher(rules)
    matcher = _load(path)
    if matcher is None:
        matcher = Matcher(rules)
        _store(path, matcher)
    return matcher


def remember(rules: Sequence[Rule], matcher: Matcher) -> None:
    """Keep a matcher compiled from these rules for the next process that needs it."""
    _store(_path(rules), matcher)


def _path(rules: Sequence[Rule]) -> Path:
    return cache_dir() / f"matcher-{_digest(rules)}.pickle"


def _digest(rules: Sequence[Rule]) -> str:
    digest = hashlib.sha256(f"{sys.version}\n".encode())
    for library in LIBRARIES:
        try:
            digest.update(f"{library} {metadata.version(library)}\n".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{library} absent\n".encode())
    for path in CODE:
        digest.update(path.read_bytes())
    for rule in rules:
        digest.update(repr(rule).encode("utf-8", "surrogatepass") + b"\n")
    return digest.hexdigest()[:32]


def _load(path: Path) -> Matcher | None:
    """The cached matcher, or None (absent or unreadable). The collector is off while the
    hundreds of thousands of objects are made: with it on, loading took five times as long."""
    try:
        with open(path, "rb") as cached:
            if not _own(os.fstat(cached.fileno())):
                log.warning("compiling the rules again: %s is not yours alone", path)
                return None
            data = cached.read()
    except FileNotFoundError:
        return None
    except OSError as exc:
        log.info("compiling the rules again: %s unreadable (%s)", path.name, exc)
        return None
    enabled = gc.isenabled()
    gc.disable()
    try:
        matcher = pickle.loads(data)
    except Exception as exc:  # a truncated or foreign file: compile, as if absent
        log.info("compiling the rules again: cached %s unusable (%s)", path.name, exc)
        return None
    finally:
        if enabled:
            gc.enable()
    if not isinstance(matcher, Matcher):
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used: kept when the cache is pruned
    return matcher


def _own(stat: os.stat_result) -> bool:
    """Loading a pickle runs what it says: only a file of this user's that no one else may
    write is loaded (a cache directory shared with others is not trusted)."""
    if not hasattr(os, "getuid"):  # Windows: the user's own profile directory
        return True
    return stat.st_uid == os.getuid() and not stat.st_mode & 0o022


def _store(path: Path, matcher: Matcher) -> None:
    """Written whole (temporary file, then renamed) or not at all; the oldest beyond KEEP go.
    A cache that cannot be written costs only the next compile."""
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # this user's alone, whatever the umask: only such a file is loaded (_own)
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with open(descriptor, "wb") as out:
            pickle.dump(matcher, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
        kept = sorted(path.parent.glob("matcher-*.pickle"), key=lambda p: p.stat().st_mtime)
        for old in kept[:-KEEP]:
            old.unlink(missing_ok=True)
    except Exception as exc:  # a full disk, a read-only directory, an unpicklable part
        log.info("could not cache the compiled rules in %s: %s", path.parent, exc)
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
