"""Serve the stand-in sites on 127.0.0.1 with conditional requests (ETag, Last-Modified).

``StandInServer`` runs in a thread; ``set_state`` switches between the initial and later sites at
the same address, and ``log`` records every request (path, status, bytes, conditional headers)
so tests can see what the crawler asked for.
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from crawler.registry import load_registry

from .documents import load_documents
from .library import decoy_pool, publisher_reviews
from .render import DEFAULT_SEED, STATES, StandIn, build_site, dynamic
from .resources import ORIGIN, Resource

LAST_MODIFIED = {
    "initial": datetime(2024, 6, 1, 9, 0, tzinfo=UTC),
    "later": datetime(2024, 9, 1, 9, 0, tzinfo=UTC),
}


class _Handler(BaseHTTPRequestHandler):
    server: StandInServer
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:  # quiet: the server keeps its own log
        pass

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def do_GET(self) -> None:
        self._answer(head=False)

    def _answer(self, head: bool) -> None:
        parts = urlsplit(self.path)
        site = self.server.site
        resource = site.answer(parts.path, parts.query) or dynamic(
            parts.path, parse_qs(parts.query)
        )
        if resource is None:
            return self._send(404, b"Not found", "text/plain", head)
        if resource.delay:
            time.sleep(self.server.slow_seconds if resource.delay < 0 else resource.delay)
        if resource.status in (301, 302, 303, 307, 308):
            return self._send(
                resource.status, b"", "text/plain", head, {"Location": resource.location}
            )
        if resource.status != 200:
            content_type = (
                resource.content_type
                if resource.headers or b"{" in resource.body[:1]
                else "text/plain"
            )
            return self._send(resource.status, resource.body, content_type, head)
        etag = resource.etag()
        modified = LAST_MODIFIED[site.state]
        headers = {"ETag": etag, "Last-Modified": format_datetime(modified, usegmt=True)}
        headers.update(self._absolute(value) for value in resource.headers.items())
        if self._not_modified(etag, modified):
            return self._send(304, b"", resource.content_type, head, headers)
        if resource.size:
            return self._stream(resource, head, headers)
        body = resource.body.replace(ORIGIN.encode(), self.server.base_url.encode())
        if resource.file is not None:
            body = Path(resource.file).read_bytes() + resource.append
        self._send(200, body, resource.content_type, head, headers)

    def _absolute(self, header: tuple[str, str]) -> tuple[str, str]:
        return header[0], header[1].replace(ORIGIN, self.server.base_url)

    def _not_modified(self, etag: str, modified: datetime) -> bool:
        if match := self.headers.get("If-None-Match"):
            return etag in [tag.strip() for tag in match.split(",")]
        if since := self.headers.get("If-Modified-Since"):
            try:
                return parsedate_to_datetime(since) >= modified
            except (TypeError, ValueError):
                return False
        return False

    def _stream(self, resource: Resource, head: bool, headers: dict) -> None:
        self._record(200, resource.size)
        self.send_response(200)
        self.send_header("Content-Type", resource.content_type)
        self.send_header("Content-Length", str(resource.size))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if head:
            return
        chunk = b"%PDF-1.4\n" + b"0" * (64 * 1024 - 9)
        try:
            for _ in range(resource.size // len(chunk)):
                self.wfile.write(chunk)
        except OSError:  # the crawler gave up on the oversize file: that is the point
            pass

    def _send(self, status: int, body: bytes, content_type: str, head: bool, headers=None) -> None:
        self._record(status, 0 if head or status == 304 else len(body))
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(0 if status == 304 else len(body)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            if not head and status != 304:
                self.wfile.write(body)
        except OSError:  # the client went away (a timeout on a slow answer)
            pass

    def _record(self, status: int, size: int) -> None:
        with self.server.lock:
            self.server.log.append(
                {
                    "path": self.path,
                    "status": status,
                    "bytes": size,
                    "if_none_match": self.headers.get("If-None-Match"),
                    "if_modified_since": self.headers.get("If-Modified-Since"),
                    "user_agent": self.headers.get("User-Agent"),
                }
            )


class StandInServer(ThreadingHTTPServer):
    """The stand-in sites on 127.0.0.1:port, served from a thread."""

    daemon_threads = True

    def __init__(
        self,
        sites: dict[str, StandIn],
        state: str = "initial",
        port: int = 0,
        slow_seconds: float = 5.0,
    ):
        super().__init__(("127.0.0.1", port), _Handler)
        self.sites = sites
        self.site = sites[state]
        self.slow_seconds = slow_seconds
        self.log: list[dict] = []
        self.lock = threading.Lock()
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def handle_error(self, request, client_address) -> None:
        """A crawler hanging up (a timeout, an oversize file) is expected: no traceback."""

    def set_state(self, state: str) -> None:
        self.site = self.sites[state]

    def start(self) -> StandInServer:
        self._thread = threading.Thread(
            target=self.serve_forever, name="stand-in-sites", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


def site_documents(docs_dir: Path, registry) -> tuple[list, list]:
    """The review documents of every registry publisher (the corpus, the built-in set, and
    generated reviews for the others) and the decoy pool, written under ``docs_dir`` once."""
    docs_dir = Path(docs_dir)
    documents = load_documents(docs_dir)
    covered = {d.publisher for d in documents}
    for key, entry in registry.items():
        if key not in covered:
            documents += publisher_reviews(docs_dir, key, entry.name, entry.nation)
    return documents, decoy_pool(docs_dir)


def build_sites(
    docs_dir: Path, seed: int = DEFAULT_SEED, registry: dict | None = None
) -> dict[str, StandIn]:
    """Both states of the stand-in sites of every registry publisher, rendered for ``seed``,
    over the documents written under ``docs_dir``. The default seed shows the entries with a
    page-shape hint in that shape and keeps the tests and the demo as they were; any other seed
    varies every site (CMS, layout, wrappers, clicks, link texts, decoys). ``registry``
    defaults to ``crawler/sources.json``."""
    registry = load_registry() if registry is None else registry
    documents, pool = site_documents(docs_dir, registry)
    return {state: build_site(documents, docs_dir, registry, state, seed, pool) for state in STATES}


def site_truth(seed: int, docs_dir: Path, state: str = "initial") -> dict:
    """The ground truth of the stand-ins for ``seed`` (see ``StandIn.truth``): every review
    document and decoy served, by path. Served at no URL: for benches and tests only."""
    return build_sites(docs_dir, seed)[state].truth()
