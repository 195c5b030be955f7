"""Bytes of a page -> text, right even when the page lies about its encoding.

Browsers' rules (BOM, then the HTTP header, then <meta charset>) decide first, through w3lib as
Scrapy does. But Russian and Azerbaijani sites still serve windows-1251 or KOI8-R pages declared
as UTF-8, or declared not at all; decoded the declared way, every Cyrillic letter becomes U+FFFD
and a watched name can never match. So a page whose bytes are not valid UTF-8, where UTF-8 is
declared or nothing is, is decoded as the encoding its bytes show (charset-normalizer).
"""

from __future__ import annotations

import codecs
import logging

from charset_normalizer import from_bytes
from w3lib.encoding import html_body_declared_encoding, html_to_unicode, http_content_type_encoding

log = logging.getLogger(__name__)
UTF8 = {"utf-8", "utf8"}
SNIFF_BYTES = 200_000  # enough text to tell Cyrillic code pages apart, bounded for huge pages


def decode_html(body: bytes, content_type: str | None = None) -> str:
    """The page's text; never raises, undecodable bytes become U+FFFD."""
    if body.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return html_to_unicode(content_type, body)[1]
    declared = http_content_type_encoding(content_type) if content_type else None
    declared = declared or html_body_declared_encoding(body)
    if declared is None or _codec(declared) in UTF8:
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            guessed = _guess(body)
            if guessed:
                log.info("page declared %s but its bytes are %s", declared or "nothing", guessed)
                return body.decode(guessed, "replace")
    elif not body.isascii() and _codec(declared) not in {"utf-16", "utf-32"}:
        try:  # non-ASCII bytes that are valid UTF-8 are UTF-8, whatever the page says:
            return body.decode("utf-8")  # in a single-byte text they are vanishingly rare
        except UnicodeDecodeError:
            pass
    return html_to_unicode(content_type, body)[1]


def _codec(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return name.lower()


def _guess(body: bytes) -> str | None:
    best = from_bytes(body[:SNIFF_BYTES]).best()
    if best is None or _codec(best.encoding) in UTF8:
        return None
    return best.encoding
