"""Short names for why a download failed, as the crawl's summary and `monitor status` show them.

Scrapy wraps most transport failures in one DownloadFailedError whose message is the repr of a
list of Twisted failures: "download failed" said nothing of whether the server dropped the
connection or answered something that is not HTTP, which is what a user needs to know.
"""

from __future__ import annotations

import zlib
from gzip import BadGzipFile

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    ResponseDataLossError,
)
from twisted.internet.error import (
    ConnectionClosed,
    ConnectionRefusedError,
    DNSLookupError,
    TCPTimedOutError,
)
from twisted.internet.error import TimeoutError as TwistedTimeout
from twisted.python.failure import Failure
from twisted.web._newclient import ParseError, ResponseFailed

CONNECTION_DROPPED = "connection dropped"
TOO_LARGE = "larger than the size limit"
FAILURE_LABELS: tuple[tuple[tuple[type[BaseException], ...], str], ...] = (
    ((DownloadConnectionRefusedError, ConnectionRefusedError), "connection refused"),
    ((CannotResolveHostError, DNSLookupError), "DNS lookup failed"),
    ((DownloadTimeoutError, TwistedTimeout, TCPTimedOutError), "timeout"),
    ((ResponseDataLossError,), CONNECTION_DROPPED),
    ((BadGzipFile, zlib.error), "body not decodable as its Content-Encoding says"),
    ((DownloadFailedError,), "download failed"),
    # DOWNLOAD_MAXSIZE (or the request's download_maxsize) reached, announced or while read
    ((DownloadCancelledError,), TOO_LARGE),
)


def failure_label(failure: Failure) -> str:
    label = next((label for types, label in FAILURE_LABELS if failure.check(*types)), None)
    if label == "download failed":
        return _transport_reason(failure.value) or label
    if label is not None:
        return label
    return failure.type.__name__ if failure.type else "error"


def _transport_reason(exc: BaseException | None) -> str | None:
    """What Twisted's ResponseFailed behind a DownloadFailedError says went wrong."""
    cause = exc.__cause__ if exc is not None else None
    reasons = cause.reasons if isinstance(cause, ResponseFailed) else []
    for reason in reasons:
        if isinstance(reason, Failure) and reason.check(ParseError):
            return "not an HTTP response"
    for reason in reasons:
        if isinstance(reason, Failure) and reason.check(ConnectionClosed):
            return CONNECTION_DROPPED
    return None
