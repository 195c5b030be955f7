"""Scrapy's downloader, holding to one request at a time per host when no delay is set.

Scrapy 2.19 starts each download as a task and only counts the request as transferring once
that task runs. With a download delay of 0 its queue loop therefore sees a free slot for every
queued request and sends them all to the host at once: measured on a loopback site, 15
requests in flight to one host with CONCURRENT_REQUESTS_PER_DOMAIN = 1, each on a new
connection. A delay hides this (Scrapy sends one request, then waits), so only `download_delay
= 0` or AutoThrottle's first requests were impolite. Counting the request as transferring
before its task starts keeps the promise and lets each host's connection be reused.
"""

from __future__ import annotations

from time import monotonic

from scrapy.core.downloader import Downloader, Slot
from scrapy.utils.defer import _schedule_coro


class OneAtATimeDownloader(Downloader):
    def _process_queue(self, slot: Slot) -> None:
        if slot.latercall or slot.download_delay():
            super()._process_queue(slot)  # with a delay Scrapy sends one request and waits
            return
        while slot.queue and slot.free_transfer_slots() > 0:
            slot.lastseen = monotonic()
            request, queue_dfd = slot.queue.popleft()
            slot.transferring.add(request)  # now, not when the task runs: the slot is taken
            _schedule_coro(self._wait_for_download(slot, request, queue_dfd))
