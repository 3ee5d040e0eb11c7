"""The ``publishers`` spider: reads each source's listing pages with the parser of its shape,
follows its posts and pages, and fetches the documents they link to.

``scrapy crawl publishers`` crawls every source; ``-a source=dundee,sbni`` some of them.
"""

from __future__ import annotations

import time
from collections import defaultdict

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import TextResponse
from scrapy.spidermiddlewares.httperror import HttpError

from casereview.archive import Archive
from casereview.catalogue import Catalogue
from casereview.config import Config

from .. import store
from ..items import DocumentItem, FetchFailure
from ..middlewares import Refused
from ..parsers import parse_listing
from ..policy import sniff
from ..registry import load_registry, local_registry, select_sources

GONE_STATUSES = (404, 410)
PROGRESS_EVERY = 1.0  # seconds between writes of a run's page and byte counts


def failure_kind(exception: BaseException) -> tuple[str, str]:
    """The kind of a failed request, for the run's error counts."""
    name = type(exception).__name__
    if isinstance(exception, Refused):
        return exception.kind, exception.detail
    if isinstance(exception, HttpError):
        return f"http {exception.response.status}", exception.response.url
    if isinstance(exception, IgnoreRequest):
        text = str(exception)
        if "robots.txt" in text:
            return "robots.txt", text
        if "redirect" in text:
            return "redirect loop", text
        return "ignored", text
    if "Timeout" in name or "TimeoutError" in name:
        return "timeout", str(exception) or name
    if "Cancelled" in name:
        return "too large", str(exception) or name
    if "ConnectionRefused" in name:
        return "connection refused", str(exception)
    if "Resolve" in name or "DNS" in name:
        return "dns", str(exception)
    return name, str(exception)


def _validators(response) -> tuple[str | None, str | None]:
    """(ETag, Last-Modified) of a response."""
    etag = (response.headers.get("ETag") or b"").decode("latin-1") or None
    modified = (response.headers.get("Last-Modified") or b"").decode("latin-1") or None
    return etag, modified


class PublishersSpider(scrapy.Spider):
    name = "publishers"

    def __init__(self, source: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self.source_names = source
        self.listed: dict[str, set[str]] = defaultdict(set)
        self.listing_failed: set[str] = set()
        self.runs: dict = {}
        self.progress: dict[str, tuple[int, int]] = {}
        self.progress_written = time.monotonic()

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        config = Config.from_env()
        config.ensure_dirs()
        registry = load_registry()
        sites = crawler.settings.get("CASEREVIEW_SITES_URL")
        spider.registry = local_registry(registry, sites) if sites else registry
        spider.sources = select_sources(spider.registry, spider.source_names)
        spider.catalogue = Catalogue.from_config(config)
        spider.archive = Archive(config.archive_dir)
        spider.runs = store.open_runs(spider.catalogue, [s.key for s in spider.sources])
        spider.done = {
            key: store.done_since(spider.catalogue, key, started) if resumed else set()
            for key, (_id, started, resumed) in spider.runs.items()
        }
        spider.validators = store.validators(spider.catalogue, list(spider.runs))
        crawler.signals.connect(spider.finish, signal=scrapy.signals.spider_closed)
        return spider

    async def start(self):
        for entry in self.sources:
            for url in entry.entry_urls:
                yield self._listing_request(url, entry.key)

    def _listing_request(self, url: str, key: str) -> scrapy.Request:
        meta = {"source": key, "listing": True, "handle_httpstatus_list": [304]}
        return scrapy.Request(url, callback=self.parse_listing, errback=self.failed, meta=meta)

    def _listing(self, response, key: str):
        """The page's listing: parsed and kept, or as kept when the page is unchanged."""
        if response.status == 304:
            return store.stored_listing(self.catalogue, response.url)
        if not isinstance(response, TextResponse):
            return None
        listing = parse_listing(self.registry[key].shape, response.url, response.text)
        etag, modified = _validators(response)
        store.save_listing(self.catalogue, key, response.url, listing, etag, modified)
        return listing

    def parse_listing(self, response):
        key = response.meta["source"]
        entry = self.registry[key]
        listing = self._listing(response, key)
        if listing is None:
            self.listing_failed.add(key)
            yield FetchFailure(key, response.url, "not a listing page", listing=True)
            return
        for link in listing.documents:
            self.listed[key].add(link.url)
            if link.url in self.done.get(key, ()):
                continue  # fetched before the crawl was interrupted
            context = {
                **link.context,
                "publisher": entry.name,
                "source": key,
                "nation": entry.nation,
                "listing_url": response.url,
            }
            yield scrapy.Request(
                link.url,
                callback=self.parse_document,
                errback=self.failed,
                priority=1,
                meta={
                    "source": key,
                    "document": True,
                    "context": context,
                    "handle_httpstatus_list": [304, *GONE_STATUSES],
                },
            )
        for page in listing.pages:
            yield self._listing_request(page, key)

    def parse_document(self, response):
        key, context = response.meta["source"], response.meta["context"]
        etag, modified = _validators(response)
        if response.status != 200:
            yield DocumentItem(key, response.url, response.status, context)
            return
        content_type = (response.headers.get("Content-Type") or b"").decode("latin-1")
        media_type, problem = sniff(response.body, content_type, response.url)
        if problem:
            yield FetchFailure(key, response.url, problem, content_type, 200, context)
            return
        yield DocumentItem(
            key, response.url, 200, context, response.body, media_type, etag, modified
        )

    def failed(self, failure):
        request = failure.request
        key = request.meta.get("source")
        kind, detail = failure_kind(failure.value)
        listing = bool(request.meta.get("listing"))
        if listing and kind not in ("denied pattern", "page budget", "off-site"):
            self.listing_failed.add(key)
        status = failure.value.response.status if isinstance(failure.value, HttpError) else None
        yield FetchFailure(
            key, request.url, kind, detail, status, request.meta.get("context", {}), listing
        )

    def count_response(self, key: str, size: int) -> None:
        """Count a response for the source's run; written to the catalogue about every second."""
        pages, total = self.progress.get(key, (0, 0))
        self.progress[key] = (pages + 1, total + size)
        if time.monotonic() - self.progress_written >= PROGRESS_EVERY:
            self._write_progress()

    def _write_progress(self) -> None:
        for key, (pages, size) in self.progress.items():
            store.add_progress(self.catalogue, self.runs[key][0], pages, size)
        self.progress, self.progress_written = {}, time.monotonic()

    def finish(self, spider, reason):
        """Close every source's run; documents gone from complete listings are marked gone."""
        self._write_progress()
        status = "finished" if reason == "finished" else "interrupted"
        for key, (run_id, _started, _resumed) in self.runs.items():
            complete = status == "finished" and key not in self.listing_failed
            store.finish_run(
                self.catalogue, run_id, key, self.listed[key] if complete else None, status
            )
        self.catalogue.close()
