"""Reading modes through a real crawl on 127.0.0.1: the national Panel read by the GOV.UK Search
and Content APIs, falling through to HTML discovery when the site has no API, and a rejected
link a librarian overturned fetched by the next crawl."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from casereview import curation
from casereview.catalogue import Catalogue, CrawlRun, RejectedLink, Source
from casereview.config import Config
from crawler.runner import run_crawl
from standins.sites.crawl import OVERRIDES

PANEL = "/national-panel"
ASSETS = "https://assets.publishing.service.gov.uk/media"
PDF = b"%PDF-1.4\n% a stand-in report\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def search_answer() -> dict:
    return {
        "results": [
            {
                "title": "Out of sight: a national review",
                "link": "/government/publications/out-of-sight",
            },
            {"title": "Panel annual report 2024", "link": "/government/publications/annual-2024"},
        ],
        "total": 2,
        "start": 0,
    }


CONTENT = {
    "/government/publications/out-of-sight": {
        "title": "Out of sight: a national review",
        "description": "The panel's national review of children educated out of school.",
        "first_published_at": "2023-10-04T09:30:00.000+01:00",
        "details": {
            "attachments": [
                {
                    "url": f"{ASSETS}/1/out-of-sight-report.pdf",
                    "title": "Out of sight: national review report",
                    "content_type": "application/pdf",
                    "file_size": 1024,
                    "number_of_pages": 40,
                },
                {
                    "url": f"{ASSETS}/1/survey-template.odt",
                    "title": "Survey template",
                    "content_type": "application/vnd.oasis.opendocument.text",
                },
            ]
        },
    },
    "/government/publications/annual-2024": {
        "title": "Panel annual report 2024",
        "description": "What the panel did this year.",
        "first_published_at": "2024-07-01T09:30:00.000+01:00",
        "details": {
            "attachments": [
                {
                    "url": f"{ASSETS}/2/panel-annual-report-2024.pdf",
                    "title": "Annual report 2024",
                    "content_type": "application/pdf",
                }
            ]
        },
    },
}

ORGANISATION_PAGE = """<!doctype html><html><body><main><h1>Child Safeguarding Practice Review
Panel</h1><ul><li><a href="https://www.gov.uk/government/publications/out-of-sight">Out of sight: a
national review</a></li></ul></main></body></html>"""
PUBLICATION_PAGE = """<!doctype html><html><body><main><h1>Out of sight: a national review</h1>
<p>Published 4 October 2023</p><section class="attachment"><h3><a
href="https://assets.publishing.service.gov.uk/media/1/out-of-sight-report.pdf">Out of sight:
national review report</a></h3>
<p>PDF, 1 KB, 40 pages</p></section><section class="attachment"><h3><a
href="/national-panel/government/publications/out-of-sight/out-of-sight-html">Out of sight: national
review report (HTML)</a></h3></section><section class="attachment"><h3><a
href="/national-panel/media/2/panel-annual-report-2024.pdf">Annual report 2024</a></h3></section>
</main></body></html>"""


NEXT_PAGE = """<!doctype html><html><body><main><h1>Child Safeguarding Practice Review Panel</h1>
<p>Page {number}</p><nav class="pagination"><a rel="next" href="?page={number}">Next</a></nav>
</main></body></html>"""
HTML_PUBLICATION = """<!doctype html><html><body><main><h1>Out of sight: national review
report</h1><p>1. Introduction. The panel reviewed the circumstances of three children who were
educated out of school and not seen by any agency for many months.</p></main></body></html>"""


SUSR_PATH = f"{PANEL}/media/3/susr-7-2025-final-report.pdf"
SUSR_PAGE = """<!doctype html><html><body><main><h1>Child Safeguarding Practice Review Panel</h1>
<ul><li><a href="/national-panel/media/3/susr-7-2025-final-report.pdf">SUSR 7/2025 final
report</a></li></ul></main></body></html>"""


def text_pdf(*lines: str) -> bytes:
    """A one-page PDF whose text is ``lines``."""
    import io

    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, invariant=1)  # the same bytes each time
    for number, line in enumerate(lines):
        page.drawString(72, 720 - 18 * number, line)
    page.save()
    return buffer.getvalue()


class Site:
    """A stand-in GOV.UK for the national Panel, with or without its APIs."""

    def __init__(self):
        self.api = True
        self.susr = False  # the organisation page links a SUSR about an adult instead
        self.paged = False
        self.missing = False
        self.log: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                site.log.append(self.path)
                parts = urlsplit(self.path)
                status, kind, body = site.answer(parts.path, parts.query)
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def answer(self, path: str, query: str = "") -> tuple[int, str, bytes]:
        if path == "/robots.txt":
            return 200, "text/plain", b"User-agent: *\nAllow: /\n"
        if path == SUSR_PATH:
            return (
                200,
                "application/pdf",
                text_pdf(
                    "Single Unified Safeguarding Review 7/2025.",
                    "The review met the criteria for an Adult Practice Review.",
                    "Mr D was aged 71 and lived in a care home; adult social care knew him.",
                ),
            )
        if path.startswith(f"{PANEL}/media/") and path.endswith(".pdf"):
            return 200, "application/pdf", PDF + path.encode()
        if path.startswith(f"{PANEL}/media/"):
            return 200, "application/vnd.oasis.opendocument.text", b"PK\x03\x04 template"
        if self.api and path == f"{PANEL}/api/search.json":
            return 200, "application/json", json.dumps(search_answer()).encode()
        if self.api and path.startswith(f"{PANEL}/api/content/"):
            item = CONTENT.get(path.removeprefix(f"{PANEL}/api/content"))
            if item:
                return 200, "application/json", json.dumps(item).encode()
        if path == f"{PANEL}/government/organisations/child-safeguarding-practice-review-panel":
            if self.missing:
                return 404, "text/html", b"<html><body>Not found</body></html>"
            if self.paged and query != "page=3":
                number = int(query.removeprefix("page=") or 1) + 1
                return 200, "text/html", NEXT_PAGE.format(number=number).encode()
            return 200, "text/html", (SUSR_PAGE if self.susr else ORGANISATION_PAGE).encode()
        if path == f"{PANEL}/government/publications/out-of-sight":
            return 200, "text/html", PUBLICATION_PAGE.encode()
        if path == f"{PANEL}/government/publications/out-of-sight/out-of-sight-html":
            return 200, "text/html", HTML_PUBLICATION.encode()
        return 404, "text/html", b"<html><body>Not found</body></html>"


@pytest.fixture(scope="module")
def site():
    site = Site()
    yield site
    site.server.shutdown()


def crawl(config: Config, site: Site):
    overrides = {**OVERRIDES, "CASEREVIEW_CRAWL_SITES_URL": site.base}
    summary = run_crawl(config, "national-panel", overrides=overrides, timeout=120)
    assert summary.returncode == 0, (config.data_dir / "logs" / "crawl.log").read_text()[-3000:]
    return summary


def rows(config: Config, model):
    catalogue = Catalogue.from_config(config)
    try:
        with catalogue.session() as session:
            return session.scalars(select(model).order_by(model.id)).all()
    finally:
        catalogue.close()


def fresh_config(tmp_path) -> Config:
    config = Config.from_env(environ={}, data_dir=tmp_path / "var")
    config.ensure_dirs()
    return config


def test_the_panel_is_read_by_the_govuk_apis(site, tmp_path):
    config = fresh_config(tmp_path)
    site.api, site.log[:] = True, []
    summary = crawl(config, site)
    assert summary.read_as == {"govuk-api": 1}
    assert any(
        p.startswith(f"{PANEL}/api/search.json?filter_organisations=child-safeguarding")
        for p in site.log
    )
    assert (
        f"{PANEL}/government/organisations/child-safeguarding-practice-review-panel" not in site.log
    )
    fetched = {s.url.rsplit("/", 1)[-1]: s for s in rows(config, Source) if s.sha256}
    assert list(fetched) == ["out-of-sight-report.pdf"]
    report = fetched["out-of-sight-report.pdf"]
    assert report.url == f"{site.base}{PANEL}/media/1/out-of-sight-report.pdf", (
        "the asset host is served under the key"
    )
    assert report.context["read_as"] == "govuk-api" and report.context["date"] == "2023-10-04"
    assert report.context["classification"]["verdict"] == "accept"
    rejected = {r.url.rsplit("/", 1)[-1]: r for r in rows(config, RejectedLink)}
    assert rejected["survey-template.odt"].kind == "form"
    assert rejected["panel-annual-report-2024.pdf"].kind == "annual report"
    assert summary.counts["rejected"] == 2
    (run,) = rows(config, CrawlRun)
    assert run.read_as == "govuk-api"


def test_without_an_api_the_panel_is_read_by_html_discovery(site, tmp_path):
    config = fresh_config(tmp_path)
    site.api, site.log[:] = False, []
    summary = crawl(config, site)
    assert summary.read_as == {"html": 1}
    assert "http 404" not in summary.errors, "a mode the site lacks is no error"
    assert any(p.startswith(f"{PANEL}/government/organisations/") for p in site.log)
    # The pages link the real GOV.UK and its asset host: both are served under the source's key.
    assert f"{PANEL}/government/publications/out-of-sight" in site.log
    assert f"{PANEL}/media/1/out-of-sight-report.pdf" in site.log
    fetched = {s.url.rsplit("/", 1)[-1]: s for s in rows(config, Source) if s.sha256}
    assert sorted(fetched) == ["out-of-sight-html", "out-of-sight-report.pdf"]
    web = fetched["out-of-sight-html"]  # an HTML publication: a page that links no document
    assert web.context["media_type"] == "text/html" and web.context["role"] == "final report"
    assert web.context["classification"]["verdict"] == "accept"


def test_an_overturned_link_is_fetched_by_the_next_crawl(site, tmp_path):
    config = fresh_config(tmp_path)
    site.api = False
    crawl(config, site)
    (annual,) = [r for r in rows(config, RejectedLink) if r.kind == "annual report"]
    catalogue = Catalogue.from_config(config)
    try:
        curation.overturn_rejected_link(catalogue, annual.id, "alice", "it reviews two cases")
    finally:
        catalogue.close()
    site.log[:] = []
    summary = crawl(config, site)
    assert f"{PANEL}/media/2/panel-annual-report-2024.pdf" in site.log
    (source,) = [s for s in rows(config, Source) if s.url == annual.url]
    assert source.sha256 and "fetch_state" not in source.context
    assert source.context["classification"]["rule"] == "librarian"
    (link,) = [r for r in rows(config, RejectedLink) if r.id == annual.id]
    assert link.state == "overturned"
    assert summary.counts["rejected"] == 0


def test_a_susr_decided_against_from_its_text_is_kept_and_can_be_overturned(site, tmp_path):
    config = fresh_config(tmp_path)
    site.api, site.susr = False, True
    try:
        crawl(config, site)
        (source,) = [s for s in rows(config, Source) if s.url.endswith(SUSR_PATH)]
        decision = source.context["classification"]
        assert source.sha256, "fetched and archived"
        assert decision["verdict"] == "reject" and "adult" in decision["reason"]
        assert decision["reason"].startswith("decided from the document: ")
        (link,) = [r for r in rows(config, RejectedLink) if r.url == source.url]
        assert (link.rule, link.kind, link.state) == ("adult-review", "adult review", "rejected")
        crawl(config, site)  # unchanged: the same file, the same decision
        (again,) = [s for s in rows(config, Source) if s.url.endswith(SUSR_PATH)]
        assert again.context["classification"] == decision
        catalogue = Catalogue.from_config(config)
        try:
            curation.overturn_rejected_link(catalogue, link.id, "alice", "about a child too")
        finally:
            catalogue.close()
        crawl(config, site)
    finally:
        site.susr = False
    overturned = [s for s in rows(config, Source) if s.url.endswith(SUSR_PATH) and s.sha256]
    assert overturned and all(
        s.context["classification"]["rule"] == "librarian" for s in overturned
    )


def test_the_pages_of_a_list_are_read_at_the_same_depth(site, tmp_path, monkeypatch):
    config = fresh_config(tmp_path)
    site.api, site.paged, site.log[:] = False, True, []
    monkeypatch.setitem(OVERRIDES, "CASEREVIEW_CRAWL_MAX_DEPTH", "2")
    try:
        crawl(config, site)
    finally:
        site.paged = False
    organisation = f"{PANEL}/government/organisations/child-safeguarding-practice-review-panel"
    assert f"{organisation}?page=3" in site.log
    # The list's third page, its publication and the publication's file: depth 0, 1 and 2.
    assert f"{PANEL}/media/1/out-of-sight-report.pdf" in site.log


def test_a_reviews_page_gone_missing_is_an_error_and_marks_nothing_gone(site, tmp_path):
    config = fresh_config(tmp_path)
    site.api = False
    crawl(config, site)
    site.missing = True
    try:
        summary = crawl(config, site)
    finally:
        site.missing = False
    assert summary.errors["http 404"] == 1, "the last reading mode's failure is recorded"
    assert summary.counts["gone"] == 0
    assert all(s.gone_since is None for s in rows(config, Source) if s.sha256)


def test_an_address_a_librarian_gave_for_a_named_publisher_is_fetched(site, tmp_path):
    from casereview.curation import PENDING_FETCH
    from crawler.registry import load_registry

    config = fresh_config(tmp_path)
    url = f"{site.base}{PANEL}/media/3/given-by-a-librarian.pdf"
    catalogue = Catalogue.from_config(config)
    try:
        with catalogue.session() as session:
            name = load_registry()["national-panel"].name
            session.add(
                Source(
                    url=url, publisher=name, context={"fetch_state": PENDING_FETCH, "title": "x"}
                )
            )
    finally:
        catalogue.close()
    site.api = False
    crawl(config, site)
    (source,) = [s for s in rows(config, Source) if s.url == url]
    assert source.sha256 and source.publisher == "national-panel"
    assert "fetch_state" not in source.context and source.context["title"] == "x"
