"""Ingest from files on disk to a search that names the page, with the real engine."""

import pytest
from sqlalchemy import func, select

from casereview.catalogue import Report, ReportState, Source
from index_mappings.indexer import index_reports
from ingest.pipeline import ingest_paths
from search_app.queries import SearchParams, build_search, page_snippets
from tests.factories import multi_page_pdf

pytestmark = pytest.mark.both_catalogues


def ingest_and_index(paths, catalogue, archive, search_engine, config):
    results = ingest_paths(paths, catalogue, archive, config)
    index_reports(catalogue, search_engine, config, [r.report_id for r in results if r.report_id])
    return results


def test_phrase_is_found_on_the_page_it_is_printed_on(
    tmp_path, catalogue, archive, search_engine, config
):
    pdf = multi_page_pdf(
        tmp_path / "child-t.pdf",
        marker_page=4,
        pages=6,
        marker="The health visitor noted bruising to the left ear.",
    )
    [result] = ingest_and_index([pdf], catalogue, archive, search_engine, config)
    assert result.state == ReportState.INDEXED and result.new
    with catalogue.session() as session:
        report = session.get(Report, result.report_id)
        assert report.page_count == 6
        assert "bruising to the left ear" in report.pages[3].text
        # The running header ("Serious Case Review – Child T – page 4") is not page text; the
        # review type comes from the file's own metadata (its title) instead.
        assert "Child T" not in report.pages[3].text
        assert report.review_type == "SCR"
        assert report.extraction["fields"]["review_type"]["source"] == "file-metadata"

    response = search_engine.search(
        config.alias, build_search(SearchParams(q='"bruising to the left ear"'))
    )
    [hit] = response["hits"]["hits"]
    snippets = page_snippets(hit)
    assert snippets[0]["page"] == 4
    assert "<mark>bruising</mark>" in snippets[0]["html"]


def test_same_file_twice_is_one_archived_copy_and_one_report(
    tmp_path, catalogue, archive, search_engine, config
):
    pdf = multi_page_pdf(tmp_path / "a.pdf", marker="Tunnel vision.")
    copy = tmp_path / "copy-of-a.pdf"
    copy.write_bytes(pdf.read_bytes())
    first = ingest_and_index([pdf], catalogue, archive, search_engine, config)
    second = ingest_and_index([pdf, copy], catalogue, archive, search_engine, config)
    assert first[0].new and not any(r.new for r in second)
    assert {r.report_id for r in first + second} == {first[0].report_id}
    archived = [p for p in config.archive_dir.rglob("*") if p.is_file()]
    assert len(archived) == 1
    with catalogue.session() as session:
        assert session.scalar(select(func.count()).select_from(Report)) == 1
        # Both places it was found are kept as sources of the one report.
        assert session.scalar(select(func.count()).select_from(Source)) == 2
    response = search_engine.search(config.alias, build_search(SearchParams(q="tunnel vision")))
    assert response["hits"]["total"]["value"] == 1


def test_broken_files_are_quarantined_with_a_reason_not_a_crash(
    tmp_path, catalogue, archive, search_engine, config
):
    good = multi_page_pdf(tmp_path / "good.pdf", marker="Supervision was infrequent.")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n this is not really a PDF")
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(good.read_bytes()[:300])
    results = ingest_and_index(
        [good, broken, empty, truncated], catalogue, archive, search_engine, config
    )
    states = {r.path.rsplit("/", 1)[-1]: (r.state, r.reason) for r in results}
    assert states["good.pdf"] == (ReportState.INDEXED, None)
    assert states["broken.pdf"][0] == ReportState.QUARANTINED
    assert states["broken.pdf"][1].startswith("truncated")
    assert states["truncated.pdf"][0] == ReportState.QUARANTINED
    assert states["truncated.pdf"][1].startswith("truncated")
    assert states["empty.pdf"] == (ReportState.QUARANTINED, "empty: the file has no bytes")
    # Nothing is lost: quarantined files are archived and catalogued too.
    with catalogue.session() as session:
        assert session.scalar(select(func.count()).select_from(Report)) == 4
    assert len([p for p in config.archive_dir.rglob("*") if p.is_file()]) == 4


def test_pending_archived_files_from_the_crawler_are_catalogued(
    tmp_path, catalogue, archive, search_engine, config
):
    from casereview.catalogue import Source
    from ingest.pipeline import ingest_pending

    pdf = multi_page_pdf(tmp_path / "x.pdf", marker="Escalation was not used.")
    sha256 = archive.put_file(pdf)
    with catalogue.session() as session:
        for url in ("http://127.0.0.1:1/a/report.pdf", "http://127.0.0.1:2/b/copy.pdf"):
            session.add(Source(sha256=sha256, url=url, publisher="board", context={}))
    [result] = ingest_pending(catalogue, archive, config)
    assert result.new and result.state == ReportState.INDEXED
    assert ingest_pending(catalogue, archive, config) == []
    with catalogue.session() as session:
        report = session.get(Report, result.report_id)
        assert report.filename == "report.pdf"
        assert sorted(s.url for s in report.sources) == [
            "http://127.0.0.1:1/a/report.pdf",
            "http://127.0.0.1:2/b/copy.pdf",
        ]
