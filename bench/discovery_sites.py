"""The whole crawler on small websites of real forms, with their answer keys.

``tests/crawl_sites/<set>/<site>/`` holds one website written by a session that never read the
crawler: ``site.json`` (its name, nation, host, the address a registry would give — its home
page or its reviews page — and the full address of every review document and every other
document on the site) and ``pages/`` (every HTML page at the file path of its URL path). The
sites are served on 127.0.0.1 the way the stand-in sites are (``<base>/<site>/<path>``: links
to the site's own host and root-relative links are pointed there as they are served, and each
document address is answered with a small PDF naming its file), a registry of them is written
(``CASEREVIEW_CRAWL_REGISTRY``; a page ``x.redirect`` holding an address answers ``x`` with a
301 to it) and the real crawler (``casereview crawl``'s Scrapy run) crawls
them into a scratch catalogue from the given address, following what it judges to lead to
reviews. Per site and per set: recall (review documents fetched and kept / listed), decoy rate
(other documents fetched and kept / listed; one fetched to be decided from its text and then
rejected is not kept) and the pages read.

    python bench/discovery_sites.py [--show] [SET...]
"""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reportlab.pdfgen import canvas  # noqa: E402
from sqlalchemy import select  # noqa: E402

from casereview.catalogue import Catalogue  # noqa: E402
from casereview.catalogue.models import ListingPage, RejectedLink, Source  # noqa: E402
from casereview.config import Config  # noqa: E402
from crawler.discovery import is_document_url  # noqa: E402
from crawler.listing import file_words  # noqa: E402
from crawler.registry import PUBLISHER_NATIONS  # noqa: E402
from crawler.runner import run_crawl  # noqa: E402
from standins.sites.crawl import OVERRIDES  # noqa: E402

SITES = Path(__file__).resolve().parent.parent / "tests" / "crawl_sites"
_KINDS = {".txt": "text/plain; charset=utf-8", ".xml": "application/xml"}
CRAWL_SECONDS = 600
# Attributes whose root-relative address ("/media/…") is pointed at the site's folder.
_ROOTED = re.compile(
    r"""((?:href|src|action|formaction|data-[\w-]+|value|content)\s*=\s*["'])/(?!/)""", re.I
)


def load_sites(folder: Path) -> dict[str, dict]:
    """{site key: its site.json} for each site of a set."""
    return {
        site.name: json.loads((site / "site.json").read_text())
        for site in sorted(folder.iterdir())
        if (site / "site.json").is_file()
    }


def page_file(site: Path, path: str, query: str = "") -> Path | None:
    """The file of a page's URL path, as the answer key lays pages out: ``a/b/`` is
    ``a/b/index.html``, ``a/b`` is ``a/b.html``, and ``a/b?page=2`` is ``a/b@page=2.html``
    (``a/b/@page=2.html`` for ``a/b/?page=2``); the path and query decoded, or as written
    (``Shared%20Documents/Forms/AllItems.aspx@id=%2FShared%20Documents.html``)."""
    candidates = []
    for path_as, query_as in _spellings(path, query):
        stem = path_as.rstrip("/")
        if query_as:
            candidates.append(_with_query(path_as, query_as, ".html"))
        elif path_as:
            candidates += [path_as, f"{path_as}.html", f"{stem}/index.html"]
        else:
            candidates.append("index.html")
    return _in_pages(site, candidates)


def moved_file(site: Path, path: str, query: str = "") -> Path | None:
    """The ``.redirect`` file of a moved address: ``a/b.redirect``, and for an address with a
    query ``a/b@id=412.redirect`` (``a/b/@u=….redirect`` for ``a/b/?u=…``), the query decoded
    or as written."""
    if not query:
        return page_file(site, path.rstrip("/") + ".redirect", "")
    return _in_pages(site, [_with_query(p, q, ".redirect") for p, q in _spellings(path, query)])


def _spellings(path: str, query: str) -> list[tuple[str, str]]:
    """An address's path (without its leading slash) and query, decoded and as written."""
    return [(unquote(path).lstrip("/"), unquote(query)), (path.lstrip("/"), query)]


def _with_query(path: str, query: str, suffix: str) -> str:
    bare = path.endswith("/") or not path
    return f"{path}@{query}{suffix}" if bare else f"{path.rstrip('/')}@{query}{suffix}"


def _in_pages(site: Path, candidates: list[str]) -> Path | None:
    """The first candidate that is a file inside the site's pages (none outside them)."""
    pages = (site / "pages").resolve()
    for candidate in candidates:
        file = (pages / candidate).resolve()
        if file.is_file() and pages in file.parents:
            return file
    return None


def small_pdf(words: str) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.drawString(72, 720, words[:90] or "document")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


class SiteServer(ThreadingHTTPServer):
    """A set's sites on 127.0.0.1, each under ``/<site key>/``."""

    daemon_threads = True

    def __init__(self, folder: Path, sites: dict[str, dict]):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.folder = folder
        self.sites = sites
        self.documents = {key: _documents(site) for key, site in sites.items()}

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def localised(self, key: str, html: str) -> str:
        """The page with links to its own host and root-relative links pointed at its folder."""
        for host in _hosts(self.sites[key]):
            html = re.sub(rf"(?:https?:)?//{re.escape(host)}", f"{self.base}/{key}", html)
        return _ROOTED.sub(rf"\1/{key}/", html)

    def handle_error(self, request, client_address) -> None:
        """A crawler hanging up is expected: no traceback."""


class _Handler(BaseHTTPRequestHandler):
    server: SiteServer

    def do_GET(self) -> None:  # noqa: N802 (the http.server API)
        key, _, rest = urlsplit(self.path).path.lstrip("/").partition("/")
        if key not in self.server.sites:
            return self._send(404, "text/plain", b"no such site")
        query = urlsplit(self.path).query
        moved = moved_file(self.server.folder / key, rest, query)
        if moved is not None:
            target = moved.read_text().strip()
            if target.startswith("/") and not target.startswith("//"):
                target = f"{self.server.base}/{key}{target}"
            return self._redirect(self.server.localised(key, target))
        page = page_file(self.server.folder / key, rest, query)
        if page is not None:
            body = self.server.localised(key, page.read_text(encoding="utf-8", errors="replace"))
            kind = _KINDS.get(page.suffix, "text/html; charset=utf-8")
            return self._send(200, kind, body.encode())
        real = f"https://{self.server.sites[key]['host']}/{rest}"
        if urlsplit(self.path).query:
            real += "?" + urlsplit(self.path).query
        if is_document_url(real) or normal(real) in self.server.documents[key]:
            return self._send(200, "application/pdf", small_pdf(file_words(real)))
        return self._send(404, "text/plain", b"not found")

    def _redirect(self, target: str) -> None:
        self.send_response(301)
        self.send_header("Location", target)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


def _hosts(site: dict) -> list[str]:
    """The site's own host and the hosts it keeps documents on (a CDN, a document library)."""
    return [site["host"], *site.get("document_hosts", [])]


def _documents(site: dict) -> set[str]:
    return {normal(u) for u in [*site.get("reviews", []), *site.get("decoys", [])]}


def registry(sites: dict[str, dict]) -> dict:
    """A registry of the sites: a home page as ``start`` is a website to discover from."""
    entries = []
    for key, site in sites.items():
        home = f"https://{site['host']}/"
        start = site["start"]
        entries.append(
            {
                "key": key,
                "name": site["name"],
                # a publisher outside the four nations (the Isle of Man) is listed as "all"
                "nation": site["nation"] if site.get("nation") in PUBLISHER_NATIONS else "all",
                "website": home,
                "start_urls": [] if start.rstrip("/") == home.rstrip("/") else [start],
                "allowed_domains": [site["host"]],
                "document_hosts": site.get("document_hosts", []),
                "modes": ["html"],
            }
        )
    return {"sources": entries}


def real_address(url: str, base: str, sites: dict[str, dict]) -> tuple[str, str]:
    """(site key, the address on the site's own host) of a served address."""
    key, _, rest = url[len(base) :].lstrip("/").partition("/")
    return key, f"https://{sites[key]['host']}/{rest}" if key in sites else url


def normal(url: str) -> str:
    """An address compared by its path and query (a site's documents on its document hosts are
    served under the site's one folder)."""
    parts = urlsplit(unquote(url.split("#", 1)[0]))
    return (parts.path.rstrip("/") + (f"?{parts.query}" if parts.query else "")).lower()


def measure(folder: Path) -> dict[str, dict]:
    """{site key: its measures} after one crawl of the set's sites."""
    sites = load_sites(folder)
    server = SiteServer(folder, sites)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with tempfile.TemporaryDirectory(prefix="casereview-sites-") as tmp:
            config = Config.from_env(environ={}, data_dir=Path(tmp) / "var")
            config.ensure_dirs()
            registry_file = Path(tmp) / "sources.json"
            registry_file.write_text(json.dumps(registry(sites)))
            overrides = {
                **OVERRIDES,
                "CASEREVIEW_CRAWL_TIMEOUT": "5",
                "CASEREVIEW_CRAWL_SITES_URL": server.base,
                "CASEREVIEW_CRAWL_REGISTRY": str(registry_file),
            }
            summary = run_crawl(config, ",".join(sites), overrides, timeout=CRAWL_SECONDS)
            catalogue = Catalogue.from_config(config)
            try:
                with catalogue.session() as session:
                    # a document fetched to be decided from its text (a SUSR) may be rejected
                    rejected = set(session.scalars(select(RejectedLink.url)))
                    fetched = [u for u in session.scalars(select(Source.url)) if u not in rejected]
                    pages = list(session.scalars(select(ListingPage.url)))
            finally:
                catalogue.close()
    finally:
        server.shutdown()
        server.server_close()
    taken: dict[str, set[str]] = {key: set() for key in sites}
    read: dict[str, list[str]] = {key: [] for key in sites}
    for url in fetched:
        key, real = real_address(url, server.base, sites)
        if key in taken:
            taken[key].add(normal(real))
    for url in pages:
        key, real = real_address(url, server.base, sites)
        if key in read:
            read[key].append(real)
    results = {}
    for key, site in sites.items():
        reviews = {normal(u) for u in site["reviews"]}
        decoys = {normal(u) for u in site["decoys"]}
        results[key] = {
            "reviews": len(reviews),
            "found": len(taken[key] & reviews),
            "decoys": len(decoys),
            "decoys_taken": len(taken[key] & decoys),
            "pages_read": sorted(read[key]),
            "missed": sorted(reviews - taken[key]),
            "wrong": sorted(taken[key] & decoys),
            "returncode": summary.returncode,
        }
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", help="sets under tests/crawl_sites (default: all)")
    parser.add_argument("--show", action="store_true", help="list the misses and decoys taken")
    args = parser.parse_args()
    names = args.sets or sorted(p.name for p in SITES.iterdir() if p.is_dir())
    print(f"{'set/site':<24}{'reviews':>8}{'recall':>8}{'decoys':>8}{'decoy rate':>12}{'pages':>7}")
    for name in names:
        results = measure(SITES / name)
        for key, r in results.items():
            print(
                f"{name + '/' + key:<24}{r['reviews']:>8}{r['found'] / max(r['reviews'], 1):>8.2f}"
                f"{r['decoys']:>8}{r['decoys_taken'] / max(r['decoys'], 1):>12.2f}"
                f"{len(r['pages_read']):>7}"
            )
            if args.show:
                for url in r["pages_read"]:
                    print(f"  read: {url}")
                for url in r["missed"]:
                    print(f"  missed: {url}")
                for url in r["wrong"]:
                    print(f"  decoy taken: {url}")
        reviews = sum(r["reviews"] for r in results.values())
        decoys = sum(r["decoys"] for r in results.values())
        print(
            f"{name:<24}{reviews:>8}{sum(r['found'] for r in results.values()) / max(reviews, 1):>8.2f}"
            f"{decoys:>8}{sum(r['decoys_taken'] for r in results.values()) / max(decoys, 1):>12.2f}"
        )


if __name__ == "__main__":
    main()
