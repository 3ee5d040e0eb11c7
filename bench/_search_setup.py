"""Shared set-up of the search benchmarks (bench/relevance.py, bench/search.py): an engine, a
catalogue in a scratch directory, and documents put into it through the real pipeline (the
synthetic corpus, or the relevance bench's texts).

Not a benchmark itself; ``make bench`` runs it and it only says so.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from casereview import engine_node  # noqa: E402
from casereview.archive import Archive, sha256_file  # noqa: E402
from casereview.catalogue import Catalogue  # noqa: E402
from casereview.config import Config  # noqa: E402
from casereview.search_engine import SearchEngine  # noqa: E402

ENGINE_HOME = Path(os.environ.get("CASEREVIEW_ENGINE_HOME") or REPO / "var" / "engine-artifacts")


@contextlib.contextmanager
def scratch_setup(heap: str = "1g", keep: Path | None = None):
    """``(config, catalogue, archive, engine)`` in a temporary directory, on the cluster named by
    CASEREVIEW_ELASTICSEARCH_URL or on an embedded node started (and stopped) here.

    With ``keep`` (a directory, and an external cluster), the catalogue and index are kept there
    and reused by the next run, which then skips the ingest."""
    external = os.environ.get("CASEREVIEW_ELASTICSEARCH_URL", "").rstrip("/")
    if keep and not external:
        sys.exit("--keep needs CASEREVIEW_ELASTICSEARCH_URL (an engine that outlives the run)")
    with (
        contextlib.nullcontext(str(keep))
        if keep
        else tempfile.TemporaryDirectory(prefix="casereview-bench-")
    ) as tmp:
        root = Path(tmp)
        config = Config.from_env(
            environ={},
            data_dir=root / "var",
            elasticsearch_url=external,
            index_prefix="bench-kept" if keep else f"bench-{uuid.uuid4().hex[:8]}",
            engine_home=ENGINE_HOME,
            engine_port=engine_node.free_port(9200, engine_node.MAX_HTTP_PORT),
            engine_heap=heap,
        )
        config.ensure_dirs()
        started = False
        if not external:
            print(f"starting an embedded Elasticsearch node (heap {heap})…", file=sys.stderr)
            state = engine_node.start(config)
            config = Config.from_env(
                environ={},
                data_dir=config.data_dir,
                elasticsearch_url=state.url,
                index_prefix=config.index_prefix,
                engine_home=ENGINE_HOME,
            )
            started = True
        catalogue = Catalogue.from_config(config)
        engine = SearchEngine(config.elasticsearch_url, timeout=120)
        try:
            yield config, catalogue, Archive(config.archive_dir), engine
        finally:
            for index in [] if keep else engine.indices(f"{config.index_prefix}-*"):
                engine.delete_index(index)
            engine.close()
            catalogue.close()
            if started:
                engine_node.stop(config)


def ingest_corpus(config, catalogue, archive, engine, count: int, seed: int = 7) -> dict:
    """Generate the synthetic corpus, ingest it with the project's pipeline, rebuild the index.
    Returns {report id: answer-key truth} for the documents that were indexed."""
    from sqlalchemy import select

    from casereview.catalogue import Report
    from index_mappings.indexer import rebuild
    from ingest.pipeline import ingest_paths
    from standins.corpus.corpus import generate_corpus

    folder = config.data_dir / "corpus"
    kept = folder.exists() and engine.alias_targets(config.alias)
    documents = generate_corpus(folder, count=count, seed=seed)
    by_hash = {sha256_file(folder / d.path): d for d in documents if not d.broken}
    if kept:
        print("reusing the kept catalogue and index", file=sys.stderr)
    else:
        print(f"ingesting {len(documents)} generated documents…", file=sys.stderr)
        ingest_paths([folder], catalogue, archive, config)
        rebuild(catalogue, engine, config)
    with catalogue.session() as session:
        rows = session.execute(select(Report.id, Report.sha256, Report.state)).all()
    return {
        report_id: {**by_hash[sha].truth, "review_code": by_hash[sha].review_code}
        for report_id, sha, state in rows
        if state == "indexed" and sha in by_hash
    }


def catalogue_texts(config, catalogue, archive, engine, documents) -> dict:
    """Put texts (objects with ``name``, ``pages`` and a listing ``context``) into the catalogue
    the way ingest completes a file (cleaned pages, ``extract_metadata`` with the publisher's
    context, grouping, near-duplicate links), then rebuild the index.
    Returns {document name: report id} for the documents that reached the index."""
    from casereview.catalogue import Report
    from index_mappings.indexer import rebuild
    from ingest.pipeline import complete, register
    from ingest.text import clean_pages
    from ingest.worker import Outcome
    from nlp.extract import extract_metadata
    from nlp.similarity import fingerprint

    ids = {}
    with catalogue.session() as session:
        for document in documents:
            sha = archive.put_bytes("\f".join(document.pages).encode())
            url = f"https://bench.invalid/{document.name}"
            publisher = document.context.get("publisher", "bench")
            report, _created = register(
                session, sha, f"{document.name}.html", archive, url, publisher
            )
            session.flush()
            [source] = [s for s in report.sources if s.url == url]
            source.context = dict(document.context)
            pages = clean_pages(document.pages)
            extraction = extract_metadata(pages, {"publisher": publisher, **document.context}, {})
            outcome = Outcome(
                True,
                "text/html",
                pages,
                [False] * len(pages),
                {},
                extraction=extraction,
                fingerprint=fingerprint("\n".join(pages)),
            )
            complete(session, report, outcome)
            ids[document.name] = report.id
        session.flush()
        indexed = {
            r.id
            for r in session.query(Report).filter(Report.id.in_(list(ids.values())))
            if r.state == "indexed" and r.duplicate_of is None
        }
    rebuild(catalogue, engine, config)
    return {name: report_id for name, report_id in ids.items() if report_id in indexed}


if __name__ == "__main__":
    print("helper module of bench/relevance.py and bench/search.py; nothing to measure here")
