"""Latency of the search app's /api/search against the same raw Elasticsearch queries.

Ingests part of the synthetic corpus through the project's pipeline, then scales the index up to
1,000, 10,000 and 100,000 reports by bulk-indexing clones of those documents with variations
(other years, boards, children, themes and a shuffled extra paragraph), and measures with 8
concurrent clients:

- the app: GET /api/search?q=…&facets… (query, facets, highlights, JSON; ``--route /search``
  times the HTML page instead),
- raw: the body ``search_app.queries.build_search`` makes for that request, sent to ``_search``
  through ``casereview.search_engine`` (the same client the app uses), without the app.

Prints p50 and p95 for each and their ratio (goal at most 1.3), and how p95 grows from one size
to the next (10,000 to 100,000 by default).

    python bench/search.py [--sizes 1000,10000,100000] [--requests 400] [--clients 8]
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import random
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from _search_setup import ingest_corpus, scratch_setup

from casereview.search_engine import EngineUnavailable, SearchEngine
from index_mappings import index_body
from nlp.glossary import without_glossaries
from search_app import params as search_params
from search_app import queries
from standins.corpus import phrasing

BASE_DOCUMENTS = 60
QUERIES = [
    "unsafe sleep",
    "non-accidental head injury",
    "voice of the child",
    '"information sharing"',
    "neglect -sofa",
    "domestic abuse OR domestic violence",
    "parental mental health",
    "supervision caseload",
    "escalation policy",
    "fathers not included in assessment",
    "child criminal exploitation",
    "paediatric",
    "SUDI",
    "hierarchy of knowledge",
    "",
]
FACET_CHOICES = [
    [],
    [("nation", "Wales")],
    [("nation", "England"), ("nation", "Scotland")],
    [("year_from", "2015"), ("year_to", "2020")],
    [("review_type", "SCR")],
    [("theme", "voice-of-the-child")],
    [("sort", "newest")],
]


# Clones' report ids start here, clear of the ingested reports' ids.
CLONE_IDS_FROM = 1_000_000


def clone_documents(engine, base_index: str, count: int, seed: int = 11):
    """``count`` index documents made from the ingested ones, each a little different."""
    base = [hit["_source"] for hit in engine.scan(base_index, {"query": {"match_all": {}}})]
    rng = random.Random(seed)
    boards = sorted({d["board"] for d in base if d.get("board")}) or ["A Safeguarding Board"]
    themes = sorted({t for d in base for t in d.get("themes", [])})
    sentences = [s for group in phrasing.THEME_SENTENCES.values() for s in group]
    for number in range(1, count + 1):
        doc = json.loads(json.dumps(rng.choice(base)))
        doc["report_id"] = str(CLONE_IDS_FROM + number)
        doc["year"] = rng.randint(2008, 2025)
        doc["publication_date"] = f"{doc['year']}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        doc["board"] = rng.choice(boards)
        doc["child_pseudonym"] = f"Child {chr(65 + rng.randrange(26))}{number % 97}"
        doc["themes"] = rng.sample(themes, min(len(themes), rng.randint(1, 4)))
        doc["sha256"] = f"{number:064x}"
        # Each copy a review of its own: results collapse on review_group.
        doc["review_key"] = doc["review_group"] = f"BENCH {number}"
        if doc.get("pages"):
            extra = " ".join(rng.sample(sentences, 3))
            page = rng.randrange(len(doc["pages"]))
            doc["pages"][page]["text"] += "\n\n" + extra
            # pages.body is indexed but not kept in _source: made again as the indexer does.
            bodies = without_glossaries([p["text"] for p in doc["pages"]])
            for page_doc, body in zip(doc["pages"], bodies, strict=True):
                page_doc["body"] = body
        yield doc["report_id"], doc


def catalogued(documents, rows: list[dict]):
    """``documents`` passed on, each one's catalogue row added to ``rows`` on the way."""
    for report_id, doc in documents:
        rows.append(
            {
                "id": int(report_id),
                "sha256": doc["sha256"],
                "filename": doc.get("filename") or "clone.pdf",
                "state": "indexed",
                "title": doc.get("title"),
                "nation": doc.get("nation"),
                "review_type": doc.get("review_type"),
                "year": doc.get("year"),
                "board": doc.get("board"),
                "document_role": doc.get("document_role"),
                "themes": doc.get("themes") or [],
                "review_key": doc["review_key"],
                "page_count": len(doc.get("pages") or []),
            }
        )
        yield report_id, doc


def catalogue_clones(catalogue, rows: list[dict]) -> None:
    """The clones in the catalogue too: the app shows a hit only if the catalogue has its report
    public, so without them it would hide every clone and skip building their results."""
    from sqlalchemy import delete, insert

    from casereview.catalogue import Report

    with catalogue.session() as session:
        session.execute(delete(Report).where(Report.id >= CLONE_IDS_FROM))
        for start in range(0, len(rows), 5000):
            session.execute(insert(Report), rows[start : start + 5000])


def load_scaled_index(engine, config, catalogue, base_index: str, count: int) -> str:
    name = f"{config.index_prefix}-scaled-{count}"
    body = index_body()
    body["settings"]["refresh_interval"] = "-1"
    engine.create_index(name, body)
    rows: list[dict] = []
    engine.bulk_index(name, catalogued(clone_documents(engine, base_index, count), rows))
    catalogue_clones(catalogue, rows)
    engine.set_refresh_interval(name, "1s")
    engine.refresh(name)
    engine.force_merge(name)
    return name


def requests_for(total: int, seed: int = 5) -> list[list[tuple[str, str]]]:
    rng = random.Random(seed)
    found = []
    for _ in range(total):
        args = [("q", rng.choice(QUERIES))] + rng.choice(FACET_CHOICES)
        if rng.random() < 0.2:
            args.append(("page", str(rng.randint(2, 5))))
        found.append(args)
    return found


class Client:
    """One keep-alive HTTP connection per thread (as a browser or a proxy would hold)."""

    def __init__(self, base_url: str):
        self.netloc = urlsplit(base_url).netloc
        self.local = threading.local()

    def request(self, method: str, path: str, body: bytes | None = None) -> float:
        connection = getattr(self.local, "connection", None)
        if connection is None:
            connection = self.local.connection = http.client.HTTPConnection(self.netloc, timeout=60)
        headers = {"Content-Type": "application/json"} if body else {}
        started = time.perf_counter()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
        except (OSError, http.client.HTTPException) as error:
            connection.close()
            self.local.connection = None
            raise RuntimeError(f"{method} {path}: {error}") from error
        elapsed = time.perf_counter() - started
        if response.status != 200:
            raise RuntimeError(f"{method} {path} answered {response.status}")
        return elapsed


def measure(call, jobs, clients: int) -> tuple[list[float], int]:
    """The seconds each job took, and how many failed (an error answer, or the engine's 10 s
    timeout on the raw side: the app gives up on the engine after as long)."""

    def timed(job):
        try:
            return call(job)
        except (RuntimeError, EngineUnavailable):
            return None

    with ThreadPoolExecutor(clients) as pool:
        results = list(pool.map(timed, jobs))
    return [r for r in results if r is not None], sum(r is None for r in results)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def _quiet_handler():
    from werkzeug.serving import WSGIRequestHandler

    class Quiet(WSGIRequestHandler):
        """No access log line per request (a production server logs elsewhere)."""

        def log_request(self, *args, **kwargs):
            pass

    return Quiet


QuietHandler = _quiet_handler()


def run_size(
    config, engine, catalogue, base_index: str, count: int, total: int, clients: int, route: str
) -> dict:
    """Scale the index to ``count`` reports behind the app's alias and time both sides."""
    from werkzeug.datastructures import MultiDict
    from werkzeug.serving import make_server

    from search_app import create_app

    index = load_scaled_index(engine, config, catalogue, base_index, count)
    engine.point_alias(config.alias, index)
    app = create_app({"CASEREVIEW": config})
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    app_client = Client(f"http://127.0.0.1:{server.server_port}")
    # The client the app builds for itself (resources.py), with its timeout.
    raw_engine = SearchEngine.from_config(config, timeout=10)
    jobs = requests_for(total)

    def app_call(args):
        return app_client.request("GET", f"{route}?" + urlencode(args))

    def raw_call(args):
        body = queries.build_search(search_params.parse(MultiDict(args)))
        started = time.perf_counter()
        raw_engine.search(config.alias, body)
        return time.perf_counter() - started

    try:
        measure(raw_call, jobs[: clients * 4], clients)  # warm-up: engine caches, connections
        measure(app_call, jobs[: clients * 4], clients)
        # alternate halves, so neither side gets the quieter moment of a shared machine
        half = len(jobs) // 2
        raw, raw_errors = measure(raw_call, jobs[:half], clients)
        served, app_errors = measure(app_call, jobs[:half], clients)
        more, more_errors = measure(app_call, jobs[half:], clients)
        served, app_errors = served + more, app_errors + more_errors
        more, more_errors = measure(raw_call, jobs[half:], clients)
        raw, raw_errors = raw + more, raw_errors + more_errors
        deep = deep_paging_check(app, count)
    finally:
        server.shutdown()
        raw_engine.close()
        engine.point_alias(config.alias, base_index)
        engine.delete_index(index)
    return {
        "reports": count,
        "app_p50": percentile(served, 0.5),
        "app_p95": percentile(served, 0.95),
        "raw_p50": percentile(raw, 0.5),
        "raw_p95": percentile(raw, 0.95),
        "app_mean": statistics.fmean(served),
        "raw_mean": statistics.fmean(raw),
        "errors": (app_errors, raw_errors),
        "deep": deep,
    }


def deep_paging_check(app, count: int) -> str:
    """Walk past result 10,000 with the API's cursor links (only when there are that many)."""
    if count <= queries.MAX_WINDOW:
        return "n/a (needs more than 10,000 reports)"
    client = app.test_client()
    data = client.get(f"/api/search?size=50&page={queries.MAX_WINDOW // 50}").get_json()
    seen = {hit["id"] for hit in data["hits"]}
    for _ in range(3):
        if not data.get("next"):
            return f"failed (no next link on page {data.get('page')}: {data.get('message', '')})"
        response = client.get("/api/search?" + data["next"])
        if response.status_code != 200:
            return f"failed ({response.status_code})"
        data = response.get_json()
        if seen & {hit["id"] for hit in data["hits"]}:
            return "failed (repeated hits)"
        seen |= {hit["id"] for hit in data["hits"]}
    back = client.get("/api/search?" + data["previous"])
    return f"ok to page {data['page']}" if back.status_code == 200 else "failed (previous)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        type=lambda text: [int(size) for size in text.split(",")],
        default=[1000, 10000, 100000],
        help="index sizes in reports, comma-separated (default 1000,10000,100000)",
    )
    parser.add_argument("--route", default="/api/search", choices=["/api/search", "/search"])
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument(
        "--keep",
        type=Path,
        help="reuse (or keep) the ingested corpus in this directory, e.g. bench/relevance.py's",
    )
    args = parser.parse_args()
    print(
        f"{args.route} against raw _search: {args.requests} requests per side, "
        f"{args.clients} concurrent clients; milliseconds"
    )
    print(
        f"{'reports':>8} {'app p50':>8} {'raw p50':>8} {'ratio':>6} {'app p95':>8} "
        f"{'raw p95':>8} {'ratio':>6} {'errors app/raw':>15}",
        flush=True,
    )
    rows = []
    with scratch_setup(heap="2g", keep=args.keep) as (config, catalogue, archive, engine):
        if not engine.alias_targets(config.alias):
            ingest_corpus(config, catalogue, archive, engine, BASE_DOCUMENTS)
        [base_index] = engine.alias_targets(config.alias)
        for count in args.sizes:
            print(f"loading {count} reports and measuring…", file=sys.stderr)
            started = time.perf_counter()
            row = run_size(
                config,
                engine,
                catalogue,
                base_index,
                count,
                args.requests,
                args.clients,
                args.route,
            )
            rows.append(row)
            print(f"  done in {time.perf_counter() - started:.0f} s", file=sys.stderr)
            print(
                f"{row['reports']:>8} {row['app_p50'] * 1000:8.1f} {row['raw_p50'] * 1000:8.1f} "
                f"{row['app_p50'] / row['raw_p50']:6.2f} {row['app_p95'] * 1000:8.1f} "
                f"{row['raw_p95'] * 1000:8.1f} {row['app_p95'] / row['raw_p95']:6.2f} "
                f"{'/'.join(map(str, row['errors'])):>15}",
                flush=True,
            )
    print("goal: app / raw at most 1.3")
    for smaller, larger in itertools.pairwise(rows):
        print(
            f"growth {smaller['reports']} -> {larger['reports']} reports: p95 app "
            f"x{larger['app_p95'] / smaller['app_p95']:.2f}, raw "
            f"x{larger['raw_p95'] / smaller['raw_p95']:.2f}"
        )
    for row in rows:
        print(f"{row['reports']} reports: paging past 10,000 results with cursors: {row['deep']}")


if __name__ == "__main__":
    main()
