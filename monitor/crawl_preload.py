"""Imported by the scheduled crawls' fork server (monitor.crawl_server), and only there.

What `monitor crawl` imports, short of `twisted.internet.reactor`: importing that module
installs a reactor, which each crawl must install for itself (Scrapy's asyncio one), so the
server must never import it (tests/test_scheduling.py checks). Nor may it run a thread when
it forks (a lock a thread held is held forever in the child): NumPy's OpenBLAS starts one per
core as it loads, unless told to use one; the matcher's few array operations need no more.
"""

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

from importlib import import_module

from monitor.crawl_server import set_title

MODULES = (
    "scrapy.core.downloader.handlers.http11",  # TLS context factories: 0.6 s
    "scrapy.extensions.corestats",
    "scrapy.extensions.logstats",
    "alerts.rules",  # the matcher: Hyperscan, NumPy
    "monitor.cli",
    "monitor.config_validation",
    "monitor.crawl",  # Scrapy's crawler, the spider, the pipeline
    "monitor.dispatch",  # delivery: httpx, smtplib
    "monitor.downloader",
    "monitor.robots",
)

for name in MODULES:
    import_module(name)

set_title("monitor: crawl server")
