"""The ``publishers`` spider: reads each source the ways its registry entry lists (GOV.UK and
WordPress APIs, feeds, sitemaps, then HTML discovery), falling through to the next way when one
fails or finds nothing; fetches the documents the classifier accepts, and keeps the links it
rejects, with their reasons, for librarians.

``scrapy crawl publishers`` crawls every source; ``-a source=dundee,sbni`` some of them.
"""

from __future__ import annotations

import time
from collections import defaultdict
from urllib.parse import urlsplit

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import TextResponse
from scrapy.spidermiddlewares.httperror import HttpError

from casereview.archive import Archive
from casereview.catalogue import Catalogue
from casereview.config import Config

from .. import store
from ..classify import ACCEPT, Decision, Evidence, classify
from ..items import DocumentItem, FetchFailure, Listing
from ..listing import file_words
from ..middlewares import Refused
from ..policy import sniff
from ..readers import READERS, Answer, NotThisMode
from ..registry import configured_registry, local_registry, local_url, select_sources

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
        self.requested: dict[str, set[str]] = defaultdict(set)  # document URLs asked for
        self.asked: dict[str, set[str]] = defaultdict(set)  # further reader answers asked for
        self.rejected: dict[str, dict[str, dict]] = defaultdict(dict)  # key -> url -> context
        # Fetched, then found from the document's text to be no child case review (an adult
        # SUSR): kept in the archive, rejected for the catalogue. key -> url -> context
        self.rejected_from_document: dict[str, dict[str, dict]] = defaultdict(dict)
        self.read_as: dict[str, str] = {}  # the mode each source was read by
        self.probing: dict[str, dict] = {}  # key -> {"mode": index, "waiting": n, "found": bool}

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        config = Config.from_env()
        config.ensure_dirs()
        spider.real_registry = configured_registry(config)
        spider.sites = crawler.settings.get("CASEREVIEW_SITES_URL")
        registry = spider.real_registry
        spider.registry = local_registry(registry, spider.sites) if spider.sites else registry
        spider.sources = select_sources(spider.registry, spider.source_names)
        spider.catalogue = Catalogue.from_config(config)
        spider.archive = Archive(config.archive_dir)
        keys = [s.key for s in spider.sources]
        spider.runs = store.open_runs(spider.catalogue, keys)
        spider.done = {
            key: store.done_since(spider.catalogue, key, started) if resumed else set()
            for key, (_id, started, resumed) in spider.runs.items()
        }
        spider.validators = store.validators(spider.catalogue, list(spider.runs))
        spider.overturned = store.overturned_links(spider.catalogue, keys)
        names = {s.key: s.key for s in spider.sources} | {s.name: s.key for s in spider.sources}
        spider.pending = store.pending_fetch(spider.catalogue, names)
        crawler.signals.connect(spider.finish, signal=scrapy.signals.spider_closed)
        return spider

    # reading modes ------------------------------------------------------------------------------

    async def start(self):
        for entry in self.sources:
            requests = self._start_mode(entry, 0)
            if not requests:
                # Listed, but nothing to read it from yet: said in the run, not silently empty.
                self.listing_failed.add(entry.key)
                yield FetchFailure(entry.key, "", "no website known", listing=True)
            for request in requests:
                yield request
            for url, context in self.pending.get(entry.key, []):
                request = self._document_request(entry.key, url, context)
                if request is not None:
                    yield request

    def _start_mode(self, entry, index: int):
        """The requests of the source's first reading mode, from ``index`` on, that has any."""
        for position in range(index, len(entry.modes)):
            mode = entry.modes[position]
            urls = READERS[mode].start_urls(entry)
            if not urls:
                continue
            self.probing[entry.key] = {"mode": position, "waiting": len(urls), "found": False}
            reviews_page = mode != "html" or bool(entry.start_urls)
            requests = []
            for url in urls:
                request = self._answer_request(url, entry.key, mode, reviews_page, True)
                # An earlier mode may have asked for the same address (a home page).
                requests.append(request.replace(dont_filter=True))
            return requests
        return []

    def _probe_answered(self, key: str, found: bool, spawned: int = 0):
        """Count an answer of the mode being tried (its first answers and the further answers
        they lead to: API pages, content items); when all are in and none found a document or
        a page, start the next mode."""
        probe = self.probing.get(key)
        if probe is None:
            return []
        probe["waiting"] += spawned - 1
        probe["found"] = probe["found"] or found
        if probe["waiting"] > 0:
            return []
        del self.probing[key]
        entry = self.registry[key]
        if probe["found"]:
            self.read_as.setdefault(key, entry.modes[probe["mode"]])
            return []
        following = self._start_mode(entry, probe["mode"] + 1)
        if not following:
            self.read_as.setdefault(key, entry.modes[probe["mode"]])
        for request in following:
            # The next mode starts afresh: as deep as a start request, not one link further.
            request.meta["depth"] = 0
            self.crawler.engine.crawl(request)
        return []

    def _answer_request(
        self, url: str, key: str, mode: str, reviews_page: bool, probe: bool = False
    ) -> scrapy.Request:
        meta = {
            "source": key,
            "listing": True,
            "mode": mode,
            "probe": probe,
            "reviews_page": reviews_page,
            "handle_httpstatus_list": [304],
        }
        return scrapy.Request(url, callback=self.parse_answer, errback=self.failed, meta=meta)

    def _hosts(self, key: str) -> set[str]:
        """The source's hosts; on the stand-ins, its real hosts too (their links are mapped)."""
        real = self.real_registry.get(key)
        return self.registry[key].hosts | (real.hosts if real is not None and self.sites else set())

    def _localised(self, key: str, url: str) -> str:
        """On the stand-ins, a URL of the real site or its document hosts maps to the stand-in,
        and so does a root-relative address that lost the site's key (written in a page's
        data, "/learning/case-reviews/child-ezra", which no server rewrites)."""
        if not self.sites:
            return url
        real = self.real_registry.get(key)
        parts = urlsplit(url)
        if real is not None and parts.hostname in real.hosts:
            return local_url(url, key, self.sites)
        base = urlsplit(self.sites)
        if (parts.scheme, parts.netloc) == (base.scheme, base.netloc):
            within = parts.path[len(base.path.rstrip("/")) :]
            first = within.lstrip("/").split("/", 1)[0]
            if first not in self.registry:
                return local_url(parts._replace(path=within).geturl(), key, self.sites)
        return url

    def _answer(self, response, key: str, mode: str, keep: bool = True) -> Listing | None:
        """What the answer gave: read by the mode's reader and kept (unless ``keep`` is false),
        or as kept when unchanged; None when it is not what the mode reads."""
        if response.status == 304:
            return store.stored_listing(self.catalogue, response.url)
        if not isinstance(response, TextResponse):
            return None
        entry = self.registry[key]
        answer = Answer(
            url=response.url,
            body=response.text,
            hints=entry.hints,
            headers={
                k.decode("latin-1").lower(): v[0].decode("latin-1")
                for k, v in response.headers.items()
                if v
            },
            reviews_page=bool(response.meta.get("reviews_page")),
            hosts=self._hosts(key),
            website=entry.website,
        )
        try:
            listing = READERS[mode].read(answer)
        except NotThisMode:
            return None
        if keep:
            etag, modified = _validators(response)
            store.save_listing(self.catalogue, key, response.url, listing, etag, modified)
        return listing

    def parse_answer(self, response):
        key, mode = response.meta["source"], response.meta["mode"]
        probe = response.meta.get("probe") and key in self.probing
        if mode == "html" and _is_document(response):
            if probe:
                yield from self._probe_answered(key, True)
            yield from self._followed_document(response, key)
            return
        listing = self._answer(response, key, mode)
        more = self._unasked(key, listing.more) if listing else []
        if probe:
            found = bool(listing and (listing.documents or listing.pages or listing.publications))
            yield from self._probe_answered(key, found, len(more))
        if listing is None:
            if not probe:
                self.listing_failed.add(key)
                yield FetchFailure(key, response.url, f"not a {mode} answer", listing=True)
            return
        yield from self._follow(listing, key, mode, response, more, probe)
        publication = response.meta.get("publication")
        if publication is not None and not listing.documents:
            yield from self._publication(response, key, publication)

    def _publication(self, response, key: str, context: dict):
        """A page named as a review's document that links no document is the document."""
        url = response.url
        self.listed[key].add(url)
        if url in self.requested[key]:
            return
        self.requested[key].add(url)
        response.meta["context"] = {
            **self._document_context(key, context, "html"),
            "listing_url": response.meta.get("publication_from", ""),
        }
        if response.status == 304:
            yield DocumentItem(key, url, 304, response.meta["context"])
        else:
            yield from self.parse_document(response)

    def _unasked(self, key: str, urls: list[str]) -> list[str]:
        """The further answers of a reader not asked for yet (a sitemap may list itself)."""
        fresh = []
        for url in (self._localised(key, u) for u in urls):
            if url not in self.asked[key]:
                self.asked[key].add(url)
                fresh.append(url)
        return fresh

    def _follow(self, listing: Listing, key: str, mode: str, response, more, probe):
        for link in listing.rejected:
            url = self._localised(key, link.url)
            self.listed[key].add(url)
            if url in self.overturned.get(key, ()):
                context = {**link.context, "classification": _overturned(link.context)}
                if request := self._document_request(key, url, context, response.url, mode):
                    yield request
            else:
                self.rejected[key].setdefault(url, {**link.context, "listing_url": response.url})
        for link in listing.documents:
            url = self._localised(key, link.url)
            if request := self._document_request(key, url, link.context, response.url, mode):
                yield request
        for page in listing.pages:
            yield self._answer_request(self._localised(key, page), key, "html", True)
        for page in listing.indexes:
            yield self._answer_request(self._localised(key, page), key, "html", False)
        for link in listing.publications:
            request = self._answer_request(self._localised(key, link.url), key, "html", True)
            request.meta["publication"] = link.context
            request.meta["publication_from"] = response.url
            yield request
        for url in more:
            request = self._answer_request(
                url, key, mode, response.meta.get("reviews_page", True), bool(probe)
            )
            # The next page of an API's answer is as deep as this one (not a link followed).
            request.meta["depth"] = response.meta.get("depth", 0)
            self.crawler.engine.crawl(request)

    def _document_request(
        self, key: str, url: str, context: dict, listing_url: str = "", mode: str = ""
    ) -> scrapy.Request | None:
        self.listed[key].add(url)
        if url in self.requested[key] or url in self.done.get(key, ()):
            return None  # asked for already, or fetched before the crawl was interrupted
        self.requested[key].add(url)
        context = self._document_context(key, context, mode)
        decided_by = (context.get("classification") or {}).get("rule")
        if url in self.overturned.get(key, ()) and decided_by != "librarian":
            # A librarian overturned the decision made from the document (an adult SUSR).
            context["classification"] = _overturned(context)
        if listing_url:
            context["listing_url"] = listing_url
        return scrapy.Request(
            url,
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

    def _document_context(self, key: str, context: dict, mode: str) -> dict:
        """A document's context: what the page said, the publisher, and how it was read."""
        entry = self.registry[key]
        context = {
            **context,
            "publisher": entry.name,
            "source": key,
            "nation": entry.nation,
            "read_as": self.read_as.get(key, mode) or None,
        }
        return {k: v for k, v in context.items() if v is not None}

    def _followed_document(self, response, key: str):
        """A link followed as a page answered with a document: decide from its file name and
        the fact that its words spoke of reviews. A page asked for as an index (the news, a
        newsletter's issue, a section on the way) was not asked for by words of reviews: its
        document is a review's only if its file name says so."""
        decision = classify(Evidence(reviews_page=True, url=response.url).add_file(response.url))
        if decision.rule == "no-review-cue" and response.meta.get("reviews_page", True):
            decision = Decision(
                ACCEPT, "review-link", "the link that led here spoke of reviews; it is a document"
            )
        context = {"title": file_words(response.url), "classification": decision.as_context()}
        url = response.url
        self.listed[key].add(url)
        if decision.verdict != ACCEPT and decision.verdict != "decide from document":
            self.rejected[key].setdefault(url, context)
            return
        self.requested[key].add(url)
        response.meta["context"] = self._document_context(key, context, "html")
        yield from self.parse_document(response)

    # documents ----------------------------------------------------------------------------------

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
        if media_type == "text/html" and "publication" not in response.meta:
            # A download address that answers with a page of files (Jadu's "/downloads/
            # download/613/…", a library's folder): its documents are the ones to fetch.
            # (read, not kept as a listing: the address is asked for as a document)
            listing = self._answer(response, key, "html", keep=False)
            if listing is not None and listing.documents:
                yield from self._follow(listing, key, "html", response, [], False)
                return
        yield DocumentItem(
            key, response.url, 200, context, response.body, media_type, etag, modified
        )

    def failed(self, failure):
        request = failure.request
        key = request.meta.get("source")
        kind, detail = failure_kind(failure.value)
        listing = bool(request.meta.get("listing"))
        probing = request.meta.get("probe") and key in self.probing
        last_mode = not probing or self.probing[key]["mode"] == len(self.registry[key].modes) - 1
        if probing:
            yield from self._probe_answered(key, False)
            if not last_mode and kind.startswith("http 4"):
                return  # a reading mode the site does not offer: the next one is tried
        if listing and last_mode and kind not in ("denied pattern", "page budget", "off-site"):
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
        """Close every source's run: rejected links are kept with their reasons, documents gone
        from complete listings are marked gone, and the way each source was read is recorded."""
        self._write_progress()
        status = "finished" if reason == "finished" else "interrupted"
        for key, (run_id, _started, _resumed) in self.runs.items():
            rejected = {u: c for u, c in self.rejected[key].items() if u not in self.requested[key]}
            rejected.update(self.rejected_from_document[key])
            store.record_rejected(self.catalogue, key, rejected)
            complete = status == "finished" and key not in self.listing_failed
            store.finish_run(
                self.catalogue,
                run_id,
                key,
                self.listed[key] if complete else None,
                status,
                self.read_as.get(key),
                len(rejected),
            )
        self.catalogue.close()


def _overturned(context: dict) -> dict:
    was = (context.get("classification") or {}).get("reason", "")
    return {
        "verdict": ACCEPT,
        "rule": "librarian",
        "reason": f"a librarian overturned the rejection ({was})"
        if was
        else "a librarian overturned the rejection",
    }


def _is_document(response) -> bool:
    """An answer that is a file, not a page: a download (Content-Disposition: attachment) or
    bytes that are a PDF or Word file."""
    disposition = (response.headers.get("Content-Disposition") or b"").decode("latin-1").lower()
    if "attachment" in disposition:
        return True
    head = response.body[:8].lstrip()
    return head.startswith(b"%PDF-") or head[:4] == b"PK\x03\x04"
