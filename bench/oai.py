"""OAI-PMH harvesting speed, beside the JSON export of the same reviews.

Writes ``--reviews`` reviews straight into a scratch catalogue (one in five with a 7-minute
briefing beside its report, every document with a publisher's address), indexes them in a real
engine, serves the app on a loopback port and measures, in one run:

- a full harvest with Sickle (ListRecords, ``oai_dc`` then ``casereview``, batches of ``--batch``);
- ``/export.json`` of every review (the engine's scroll, one row per review with its documents);
- a selective harvest (ListIdentifiers, ``set=nation:wales``);
- an incremental harvest (ListIdentifiers ``from`` a second before ten librarians' edits).

Prints the times, records per second and the ratio of each harvest to the export.

    python bench/oai.py [--reviews 2000] [--batch 100]
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import sys
import threading
import time
from datetime import UTC, datetime

import requests
from _search_setup import scratch_setup
from sickle import Sickle
from werkzeug.serving import make_server

from casereview.catalogue import Report, Source
from casereview.curation import Services, edit_field
from casereview.vocabulary import NATIONS, REVIEW_TYPES
from index_mappings.indexer import rebuild
from search_app import create_app

THEMES = ("neglect", "domestic abuse", "information sharing", "voice of the child")
WRITE_BATCH = 500


def _document(n: int, review: int, role: str) -> Report:
    nation = NATIONS[review % 4]
    return Report(
        sha256=f"{n:064x}",
        filename=f"{n}.pdf",
        state="indexed",
        page_count=10,
        title=f"{'7 minute briefing: ' if role != 'final report' else ''}Review {review}",
        nation=nation,
        review_type=REVIEW_TYPES[review % len(REVIEW_TYPES)],
        year=2012 + review % 13,
        board=f"{nation} Board {review % 17}",
        child_pseudonym=f"Child {review}",
        child_age_years=(review % 170) / 10,
        document_role=role,
        language="English",
        themes=list(THEMES[: 1 + review % len(THEMES)]),
        summary=f"A review of the help given to Child {review}.",
        review_key=f"BENCH-{review}",
        sources=[Source(url=f"https://publisher.example/{n}.pdf", publisher="bench")],
    )


def write_reviews(catalogue, count: int) -> list[int]:
    """``count`` reviews; returns the id of each review's report."""
    reports, n = [], 0
    for start in range(0, count, WRITE_BATCH):
        with catalogue.session() as session:
            batch = []
            for review in range(start, min(count, start + WRITE_BATCH)):
                batch.append(_document(n, review, "final report"))
                n += 1
                if review % 5 == 0:
                    session.add(_document(n, review, "7-minute briefing"))
                    n += 1
            session.add_all(batch)
            session.flush()
            reports += [report.id for report in batch]
    return reports


def timed(action):
    started = time.perf_counter()
    result = action()
    return result, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reviews", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=100)
    args = parser.parse_args()
    with scratch_setup() as (config, catalogue, archive, engine):
        report_ids, seconds = timed(lambda: write_reviews(catalogue, args.reviews))
        print(f"catalogued {args.reviews} reviews in {seconds:.1f} s", file=sys.stderr)
        rebuild(catalogue, engine, config)
        config = dataclasses.replace(
            config, public_url="https://bench.example.org", oai_batch_size=args.batch
        )
        app = create_app({"CASEREVIEW": config})
        logging.getLogger("werkzeug").setLevel(logging.WARNING)
        server = make_server("127.0.0.1", 0, app, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_port}"
        sickle = Sickle(url + "/oai", timeout=300)
        try:
            export, export_s = timed(
                lambda: requests.get(url + "/export.json", timeout=600).json()["reviews"]
            )
            print(f"/export.json: {len(export)} reviews in {export_s:.2f} s")
            for prefix in ("oai_dc", "casereview"):
                records, seconds = timed(
                    lambda p=prefix: list(sickle.ListRecords(metadataPrefix=p))
                )
                print(
                    f"ListRecords {prefix}: {len(records)} records in {seconds:.2f} s "
                    f"({len(records) / seconds:.0f}/s), {seconds / export_s:.2f} × the export"
                )
            wales, seconds = timed(
                lambda: list(sickle.ListIdentifiers(metadataPrefix="oai_dc", set="nation:wales"))
            )
            print(f"ListIdentifiers set=nation:wales: {len(wales)} headers in {seconds:.2f} s")
            time.sleep(1.1)
            since = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            time.sleep(1.1)
            services = Services(catalogue, archive, engine, config)
            for report_id in report_ids[:: max(1, len(report_ids) // 10)][:10]:
                edit_field(services, report_id, "board", "Renamed Board", "bench", "bench edit")
            changed, seconds = timed(
                lambda: list(sickle.ListIdentifiers(metadataPrefix="oai_dc", **{"from": since}))
            )
            print(f"incremental ListIdentifiers after 10 edits: {len(changed)} in {seconds:.2f} s")
        finally:
            server.shutdown()


if __name__ == "__main__":
    main()
