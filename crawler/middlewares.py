"""Downloader middlewares: the crawl's bounds, conditional requests, retries with backoff and
progress counting. Each reads its settings in ``from_crawler``."""

from __future__ import annotations

import asyncio
from collections import Counter
from urllib.parse import urljoin, urlsplit

from scrapy import Request
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest

from .policy import ADDRESSES, refusal


class Refused(IgnoreRequest):
    """A request the crawl's policy refuses; ``kind`` names the rule."""

    def __init__(self, kind: str, detail: str = ""):
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind, self.detail = kind, detail


def is_robots_txt(url: str) -> bool:
    """Whether ``url`` is a site's robots.txt itself: the path exactly ``/robots.txt``, no
    query and no fragment (``/secret.pdf?x=/robots.txt`` is not)."""
    parts = urlsplit(url)
    return parts.path == "/robots.txt" and not parts.query and not parts.fragment


class PolicyMiddleware:
    """Refuses what a polite, bounded crawl must not fetch: long URLs, calendars, searches and
    session URLs, hosts outside the source, private addresses (unless allowed), and more
    requests per source than CASEREVIEW_MAX_PAGES_PER_SOURCE. Checked again on every redirect,
    before it is followed, so a redirect loop or a redirect off-site is refused too.

    Every request passes these rules. The one exception is robots.txt, which Scrapy asks for
    without a source: it must be exactly ``/robots.txt`` on a host of some source, and it passes
    every rule but the page budget. Any other request without a source is refused."""

    def __init__(self, crawler):
        settings = crawler.settings
        self.crawler = crawler
        self.allowed_private = set(settings.getlist("CASEREVIEW_ALLOW_HOSTS"))
        self.max_length = settings.getint("URLLENGTH_LIMIT")
        self.max_pages = settings.getint("CASEREVIEW_MAX_PAGES_PER_SOURCE")
        self.requested: Counter = Counter()
        self.addresses = ADDRESSES

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def _hosts(self, request) -> set[str]:
        """The hosts the request may go to: its source's, or for robots.txt any source's."""
        registry = self.crawler.spider.registry
        if "source" not in request.meta:
            return set().union(*(e.hosts for e in registry.values())) if registry else set()
        entry = registry.get(request.meta["source"])
        return entry.hosts if entry else set()

    def _refusal(self, url: str, request) -> tuple[str, str] | None:
        hosts = self._hosts(request)
        return refusal(url, hosts, self.allowed_private, self.max_length, self.addresses)

    def process_request(self, request):
        source = request.meta.get("source")
        if source is None and not is_robots_txt(request.url):
            raise Refused("no source", request.url)
        problem = self._refusal(request.url, request)
        if problem:
            raise Refused(*problem)
        if source is None:
            return None  # robots.txt: not counted against a source's budget
        self.requested[source] += 1
        if self.requested[source] > self.max_pages:
            raise Refused("page budget", f"more than {self.max_pages} requests for {source}")
        return None


class RedirectGuardMiddleware(PolicyMiddleware):
    """Sits before Scrapy's RedirectMiddleware: refuses a redirect that loops or leaves the
    source's hosts before it is followed."""

    def process_request(self, request):
        return None

    def process_response(self, request, response):
        location = response.headers.get("Location")
        if response.status not in (301, 302, 303, 307, 308) or not location:
            return response
        target = urljoin(request.url, location.decode("latin-1"))
        if target in request.meta.get("redirect_urls", []) or target == request.url:
            raise Refused("redirect loop", target)
        problem = self._refusal(target, request)
        if problem:
            raise Refused(f"redirect {problem[0]}", target)
        return response


class ConditionalRequestMiddleware:
    """Asks for a document or listing page only if it changed: If-None-Match /
    If-Modified-Since from what the URL answered last time."""

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_request(self, request):
        if "source" not in request.meta or request.meta.get("conditional_done"):
            return None
        request.meta["conditional_done"] = True
        key = (bool(request.meta.get("listing")), request.url)
        etag, modified = self.crawler.spider.validators.get(key, (None, None))
        if etag:
            request.headers["If-None-Match"] = etag
        if modified:
            request.headers["If-Modified-Since"] = modified
        return None


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retries, waiting RETRY_BACKOFF_BASE * 2**n seconds before the n-th retry."""

    def __init__(self, settings):
        super().__init__(settings)
        self.base = settings.getfloat("RETRY_BACKOFF_BASE", 1.0)
        self.cap = settings.getfloat("RETRY_BACKOFF_MAX", 60.0)

    async def _wait(self, result):
        if isinstance(result, Request):
            tries = result.meta.get("retry_times", 1)
            await asyncio.sleep(min(self.cap, self.base * 2 ** (tries - 1)))
        return result

    async def process_response(self, request, response):
        return await self._wait(super().process_response(request, response))

    async def process_exception(self, request, exception):
        return await self._wait(super().process_exception(request, exception))


class ProgressMiddleware:
    """Counts responses and their bytes (headers and body) per source for the source's run."""

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_response(self, request, response):
        spider = self.crawler.spider
        key = request.meta.get("source")
        if key in spider.runs:
            size = len(response.body) + sum(
                len(name) + len(value) + 4
                for name, values in response.headers.items()
                for value in values
            )
            spider.count_response(key, size)
        return response
