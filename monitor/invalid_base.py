"""A page whose `<base href>` is no address ("http://[x", a port over 65535), read as browsers
read it: as if it had none.

Scrapy resolves the base for every selector it makes (`response.xpath`, `response.css`,
`response.urljoin`), and an invalid one raised there: a home page or a start page with such a
tag lost every link on it (found by fuzzing listing pages). Such a page is passed on without
its base tags; relative links then resolve against the page's own address.
"""

from __future__ import annotations

import re

from scrapy.http import HtmlResponse, Request, Response
from scrapy.utils.response import get_base_url

BASE_TAG = re.compile(rb"<base\b[^>]*>", re.IGNORECASE)
HEAD_BYTES = 65536  # where a <base> may be looked for: the head of any real page


class InvalidBaseMiddleware:
    def process_response(self, request: Request, response: Response) -> Response:
        # article pages go to the extractor as bytes, never through a selector: the bulk of a
        # crawl's pages cost nothing here (the search took about 50 µs a page)
        if request.meta.get("kind") == "article" or not isinstance(response, HtmlResponse):
            return response
        if not BASE_TAG.search(response.body, 0, HEAD_BYTES):
            return response
        try:
            get_base_url(response)
        except ValueError:
            return response.replace(body=BASE_TAG.sub(b"", response.body))
        return response
