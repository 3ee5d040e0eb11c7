"""Batches through the catalogue: idempotence, resuming, retrying, the command line, grouping
and near-duplicates, with the real engine where the index is involved."""

import json
import shutil

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from casereview.catalogue import Report, ReportState, Source
from casereview.workqueue import missing_action_plan
from cli.main import main
from index_mappings.indexer import index_reports
from ingest.pipeline import ingest_paths, ingest_pending, register, retry_failed
from nlp.codes import normalise_code
from search_app.queries import SearchParams, build_search
from tests.conftest import command_env
from tests.factories import multi_page_pdf

from .documents import corrupt_pdf, docx_file, encrypted_pdf, report_with_furniture

pytestmark = pytest.mark.both_catalogues

FINDINGS = [
    "The health visitor recorded bruising but did not make a referral.",
    "Children's services closed the case after one home visit.",
    "The school noticed the child was often hungry and tired.",
    "Police attended a domestic incident that was not shared with health.",
]


def review_pdf(path, code="CPR FLINT 2", role="Final report", extra=""):
    bodies = [
        [f"Concise Child Practice Review {code}", role, "North Wales Safeguarding Board"],
        *[
            [finding, extra or f"Paragraph {n} of the findings."]
            for n, finding in enumerate(FINDINGS)
        ],
    ]
    return report_with_furniture(path, bodies)


def count(catalogue, model=Report, *where) -> int:
    with catalogue.session() as session:
        return session.scalar(select(func.count()).select_from(model).where(*where))


def test_rerun_does_nothing_new_and_retry_fixes_what_was_broken(
    tmp_path, catalogue, archive, config
):
    review_pdf(tmp_path / "in" / "final.pdf")
    corrupt_pdf(tmp_path / "in" / "broken.pdf")
    first = ingest_paths([tmp_path / "in"], catalogue, archive, config)
    assert {r.path.rsplit("/", 1)[-1]: r.state for r in first} == {
        "final.pdf": ReportState.INDEXED,
        "broken.pdf": ReportState.QUARANTINED,
    }
    again = ingest_paths([tmp_path / "in"], catalogue, archive, config)
    assert not any(r.new for r in again)
    assert sorted((r.state, r.reason) for r in again) == sorted((r.state, r.reason) for r in first)
    assert count(catalogue) == 2

    # The file stays broken: a retry records the same state again, and loses nothing.
    [retried] = retry_failed(catalogue, archive, config)
    assert retried.state == ReportState.QUARANTINED and retried.reason.startswith("corrupt")
    assert count(catalogue) == 2


@pytest.mark.skipif(not shutil.which("tesseract"), reason="tesseract missing")
def test_retry_failed_recovers_when_the_cause_is_gone(tmp_path, catalogue, archive, config):
    """OCR failed because Tesseract was missing; once it is there, --retry-failed OCRs."""
    from dataclasses import replace

    from .documents import scanned_pdf, text_image

    scan = scanned_pdf(tmp_path / "scan.pdf", [text_image(["Serious Case Review", "Child D"])])
    sha256 = archive.put_file(scan)
    with catalogue.session() as session:
        report, _ = register(session, sha256, "scan.pdf", archive)
        report.state, report.state_reason = ReportState.OCR_FAILED, "OCR failed: no tesseract"
    [result] = retry_failed(catalogue, archive, replace(config, ingest_workers=1))
    assert result.state == ReportState.INDEXED
    with catalogue.session() as session:
        [page] = session.get(Report, result.report_id).pages
        assert page.ocr and "Serious Case Review" in page.text


def test_a_crash_leaves_pending_reports_that_the_next_run_finishes(
    tmp_path, catalogue, archive, config
):
    pdf = review_pdf(tmp_path / "final.pdf")
    sha256 = archive.put_file(pdf)
    with catalogue.session() as session:  # what a run interrupted after registering leaves
        report, created = register(session, sha256, "final.pdf", archive, pdf.as_uri())
    assert created and count(catalogue, Report, Report.state == ReportState.PENDING) == 1
    [result] = ingest_pending(catalogue, archive, config)
    assert result.new and result.state == ReportState.INDEXED
    assert ingest_pending(catalogue, archive, config) == []


def test_metadata_grouping_and_crawler_context_are_stored(tmp_path, catalogue, archive, config):
    final = review_pdf(tmp_path / "final.pdf")
    sha256 = archive.put_file(final)
    context = {"title": "CPR FLINT 2 final report", "code": "CPR Flint 2", "role": "final report"}
    with catalogue.session() as session:
        session.add(
            Source(
                sha256=sha256,
                url="http://127.0.0.1:9/f.pdf",
                publisher="north-wales",
                context=context,
            )
        )
    [result] = ingest_pending(catalogue, archive, config)
    with catalogue.session() as session:
        report = session.get(Report, result.report_id)
        # The text's "CPR FLINT 2" and the listing's "CPR Flint 2" are one review.
        assert report.review_key == normalise_code(context["code"]) == "CPR-FLINT-2"
        assert set(report.extraction) >= {"fields", "themes", "recommendations", "review_code"}
        assert report.nation == report.extraction["fields"]["nation"]["value"] == "Wales"
        assert report.page_count == 5 and report.text_fingerprint


def test_reviews_without_an_action_plan_are_flagged(tmp_path, catalogue, archive, config):
    review_pdf(tmp_path / "in" / "flint.pdf", code="CPR FLINT 2")
    review_pdf(tmp_path / "in" / "cysur.pdf", code="CYSUR 4 2019", extra="Other words here.")
    docx_file(
        tmp_path / "in" / "plan.docx",
        ["Child Practice Review CYSUR 4 2019", "Action plan", "Recommendation 1: audit."],
    )
    results = ingest_paths([tmp_path / "in"], catalogue, archive, config)
    assert {r.state for r in results} == {ReportState.INDEXED}
    with catalogue.session() as session:
        for report in session.scalars(select(Report)):
            if report.filename == "plan.docx":
                report.document_role = "action plan"
            report.review_type = "CPR-concise"
    with catalogue.session() as session:
        flagged = missing_action_plan(session.scalars(select(Report)).all())
    assert [f["review_key"] for f in flagged] == ["CPR-FLINT-2"]


def test_a_code_only_the_listing_gives_groups_with_the_same_code_in_a_text(
    tmp_path, catalogue, archive, config
):
    final = archive.put_file(review_pdf(tmp_path / "final.pdf", code="CPR CTMSB 08/2020"))
    briefing = tmp_path / "briefing.docx"
    docx_file(briefing, ["7 minute briefing", "Share concerns about the baby's father early."])
    brief = archive.put_file(briefing)
    with catalogue.session() as session:
        session.add(Source(sha256=final, url="http://127.0.0.1:9/a.pdf", publisher="cwm-taf"))
        session.add(
            Source(
                sha256=brief,
                url="http://127.0.0.1:9/b.docx",
                publisher="cwm-taf",
                context={"code": "CPR CTMSB 8-2020", "role": "7-minute briefing"},
            )
        )
    results = ingest_pending(catalogue, archive, config)
    with catalogue.session() as session:
        keys = {session.get(Report, r.report_id).review_key for r in results}
    assert keys == {"CPR-CTMSB-8-2020"}


def test_a_near_duplicate_is_linked_and_not_indexed_twice(
    tmp_path, catalogue, archive, config, search_engine
):
    original = review_pdf(tmp_path / "board.pdf")
    # The NSPCC re-publishes the same report: same text, different file (other furniture).
    bodies = [
        [
            "Concise Child Practice Review CPR FLINT 2",
            "Final report",
            "North Wales Safeguarding Board",
        ],
        *[[finding, f"Paragraph {n} of the findings."] for n, finding in enumerate(FINDINGS)],
    ]
    copy = report_with_furniture(tmp_path / "nspcc.pdf", bodies, marking=False)
    different = multi_page_pdf(tmp_path / "other.pdf", marker="A different review altogether.")
    assert original.read_bytes() != copy.read_bytes()
    results = ingest_paths([original, copy, different], catalogue, archive, config)
    ids = {r.path.rsplit("/", 1)[-1]: r.report_id for r in results}
    with catalogue.session() as session:
        duplicate_of = {name: session.get(Report, i).duplicate_of for name, i in ids.items()}
    assert duplicate_of == {"board.pdf": None, "nspcc.pdf": ids["board.pdf"], "other.pdf": None}
    index_reports(catalogue, search_engine, config, list(ids.values()))
    hits = search_engine.search(
        config.alias, build_search(SearchParams(q='"closed the case after one home visit"'))
    )
    assert [h["_id"] for h in hits["hits"]["hits"]] == [str(ids["board.pdf"])]


def test_command_line_json_summary_and_parallel_batch(tmp_path, config, engine_url):
    folder = tmp_path / "in"
    for n in range(4):
        review_pdf(folder / f"review-{n}.pdf", code=f"CPR FLINT {n}", extra=f"Unique {n} text.")
    encrypted_pdf(folder / "locked.pdf")
    (folder / "empty.pdf").write_bytes(b"")
    env = {**command_env(config), "CASEREVIEW_INGEST_WORKERS": "2"}
    runner = CliRunner()
    done = runner.invoke(main, ["ingest", "--json", str(folder)], env=env)
    assert done.exit_code == 0, done.output
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(lines) == 6
    assert set(lines[0]) == {"path", "state", "reason", "report_id", "new"}
    by_name = {line["path"].rsplit("/", 1)[-1]: line for line in lines}
    assert by_name["locked.pdf"]["state"] == "quarantined"
    assert by_name["locked.pdf"]["reason"].startswith("encrypted")
    assert by_name["empty.pdf"]["reason"].startswith("empty")
    assert all(by_name[f"review-{n}.pdf"]["state"] == "indexed" for n in range(4))
    assert "6 files: 6 new" in done.stderr
    assert "quarantined: 2 (empty: 1, encrypted: 1)" in done.stderr

    again = runner.invoke(main, ["ingest", str(folder)], env=env)
    assert again.exit_code == 0 and "6 files: 0 new" in again.stdout
    retried = runner.invoke(main, ["ingest", "--retry-failed", "--json"], env=env)
    assert retried.exit_code == 0
    assert sorted(json.loads(x)["path"] for x in retried.stdout.splitlines()) == [
        "empty.pdf",
        "locked.pdf",
    ]
    assert "2 files: 2 new" in retried.stderr


def test_reports_that_repeat_a_new_report_are_reindexed_with_it(catalogue):
    """Linking a near-duplicate changes that report, so it is queued for the index (to leave
    it) in the same transaction."""
    from casereview.catalogue import IndexChange

    with catalogue.session() as session:
        original = Report(sha256="a" * 64, filename="a.pdf", themes=[], extraction={})
        copy = Report(sha256="b" * 64, filename="b.pdf", themes=[], extraction={})
        session.add_all([original, copy])
    with catalogue.session() as session:
        session.query(IndexChange).delete()
    with catalogue.session() as session:
        session.get(Report, copy.id).duplicate_of = original.id
    with catalogue.session() as session:
        assert session.scalars(select(IndexChange.report_id)).all() == [copy.id]
