"""The fork server the extraction workers come from, startable before anything heavy loads.

It imports the extractor (trafilatura, lxml, the language model: about 0.8 s) once, on another
core. `monitor crawl` starts it first thing, so that load overlaps the crawler's own start-up
(Scrapy, Twisted, the archive, the rules: about as long) instead of following it; a crawl then
finds its workers ready for the first page.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.forkserver
from multiprocessing.context import ForkServerContext

# the extractor is loaded by the fork server only: the crawler itself never needs it
PRELOAD = ["monitor.extract_pool", "monitor.extract_preload"]


def context() -> ForkServerContext:
    server = multiprocessing.get_context("forkserver")
    server.set_forkserver_preload(PRELOAD)
    return server


def start() -> None:
    """Start the fork server now (a no-op when it runs); returns at once, it loads meanwhile."""
    context()
    multiprocessing.forkserver.ensure_running()
