"""Scrapy's meta-refresh redirects, without decoding every page in the crawler.

Scrapy's MetaRefreshMiddleware reads a page's first 4 KB as text through `response.text`,
which decodes the whole page: in the crawler process, for every article, a few percent of its
CPU (bench/pipeline.py), though pages are decoded again in the extraction workers anyway. A
refresh tag sits in the <head>, so a page whose first bytes do not mention "refresh" is passed
on as it is; the rest go through Scrapy's own logic.
"""

from __future__ import annotations

from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware
from scrapy.http import Request, Response

HEAD_BYTES = 8192  # Scrapy looks at 4,096 characters; in UTF-8 that is at most this many bytes


class HeadOnlyMetaRefreshMiddleware(MetaRefreshMiddleware):
    def process_response(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Request | Response:
        if b"refresh" not in response.body[:HEAD_BYTES].lower():
            return response
        return super().process_response(request, response)
