"""Listeners of ingest's page writes (``ingest.pipeline.on_page_text``): called in the
transaction that writes a report's pages, extracted well or not, and unable to lose them by
failing."""

import pytest
from sqlalchemy import select, update

from casereview.catalogue import Page, Report, ReportState
from ingest import pipeline
from ingest.pipeline import ingest_paths, on_page_text, retry_reports
from tests.factories import multi_page_pdf

pytestmark = pytest.mark.both_catalogues


@pytest.fixture
def listeners(monkeypatch):
    monkeypatch.setattr(pipeline, "PAGE_TEXT_LISTENERS", [])
    return pipeline.PAGE_TEXT_LISTENERS


def test_listeners_see_the_pages_just_written(tmp_path, catalogue, archive, config, listeners):
    seen = []

    @on_page_text
    def record(session, report):
        texts = session.scalars(select(Page.text).where(Page.report_id == report.id)).all()
        seen.append((report.id, report.state, len(texts), any("Neglect" in t for t in texts)))

    on_page_text(record)  # once only
    good = multi_page_pdf(tmp_path / "good.pdf", marker="Neglect was not recognised.")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n not really a PDF")
    results = {r.path.rsplit("/", 1)[-1]: r.report_id for r in ingest_paths(
        [good, broken], catalogue, archive, config
    )}  # fmt: skip
    assert sorted(seen) == sorted(
        [
            (results["good.pdf"], ReportState.INDEXED, 5, True),
            (results["broken.pdf"], ReportState.QUARANTINED, 0, False),
        ]
    )
    seen.clear()
    retry_reports(catalogue, archive, config, [results["good.pdf"]])
    assert seen == [(results["good.pdf"], ReportState.INDEXED, 5, True)]


def test_a_failing_listener_loses_only_its_own_writes(
    tmp_path, catalogue, archive, config, listeners
):
    @on_page_text
    def fail(session, report):
        session.execute(update(Report).where(Report.id == report.id).values(filename="changed"))
        raise RuntimeError("a bug in a stage above")

    good = multi_page_pdf(tmp_path / "good.pdf", marker="Neglect was not recognised.")
    [result] = ingest_paths([good], catalogue, archive, config)
    assert result.state == ReportState.INDEXED
    with catalogue.session() as session:
        report = session.get(Report, result.report_id)
        assert report.filename == "good.pdf" and len(report.pages) == 5
