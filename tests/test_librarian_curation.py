"""Curation services against the real catalogue, archive and engine: every change is audited,
re-indexed, and survives re-ingest and index rebuilds."""

from __future__ import annotations

import dataclasses
import io

import pytest
from sqlalchemy import delete, select

from casereview import curation
from casereview.catalogue import AuditEntry, CurationOverride, Report, Source
from casereview.search_engine import SearchEngine
from index_mappings.indexer import rebuild
from index_mappings.reconcile import sync_services
from ingest.pipeline import CURATION_STEPS, ingest_paths
from tests.factories import multi_page_pdf
from tests.librarian_support import index, make_report

pytestmark = pytest.mark.both_catalogues


@pytest.fixture
def services(catalogue, archive, search_engine, config):
    return curation.Services(
        catalogue, archive, search_engine, config, sync=sync_services, **CURATION_STEPS
    )


def indexed(services, report_id):
    found = services.engine.get_document(services.config.alias, str(report_id))
    return found["_source"] if found else None


def audit_rows(catalogue, report_id=None):
    with catalogue.session() as session:
        query = select(AuditEntry).order_by(AuditEntry.id)
        if report_id is not None:
            query = query.where(AuditEntry.entity_id == str(report_id))
        return session.scalars(query).all()


def test_edit_is_audited_indexed_and_survives_reingest_and_rebuild(tmp_path, services):
    pdf = multi_page_pdf(tmp_path / "scr.pdf", marker="Neglect was not recognised.")
    [result] = ingest_paths([pdf], services.catalogue, services.archive, services.config)
    index(services.catalogue, services.engine, services.config, result.report_id)
    rid = result.report_id
    extracted_year = indexed(services, rid)["year"]

    outcome = curation.edit_field(
        services, rid, "year", "2017", "alice", "the title page says 2017"
    )
    assert outcome.indexed and outcome.report_ids == [rid]
    curation.edit_field(services, rid, "themes", "neglect, domestic abuse", "alice", "read it")
    assert indexed(services, rid)["year"] == 2017
    assert indexed(services, rid)["themes"] == ["domestic abuse", "neglect"]
    [year_entry, _themes] = audit_rows(services.catalogue, rid)
    assert (year_entry.actor, year_entry.action, year_entry.field) == ("alice", "edit", "year")
    assert year_entry.old_value == (str(extracted_year) if extracted_year else None)
    assert (year_entry.new_value, year_entry.reason) == ("2017", "the title page says 2017")

    # The same file again, then a rebuild from the catalogue: the librarian's values stay.
    [again] = ingest_paths([pdf], services.catalogue, services.archive, services.config)
    assert again.report_id == rid and not again.new
    rebuild(services.catalogue, services.engine, services.config)
    assert indexed(services, rid)["year"] == 2017
    with services.catalogue.session() as session:
        report = session.get(Report, rid)
        assert report.year == extracted_year  # extraction is kept apart
        assert report.effective()["year"] == 2017


def test_edits_need_a_reason_and_a_value_the_field_can_hold(tmp_path, services):
    rid = make_report(services.catalogue, services.archive, tmp_path, "Review of Child B")
    bad = [
        ("year", "2017", ""),
        ("year", "twenty", "typo"),
        ("year", "1066", "typo"),
        ("nation", "Atlantis", "typo"),
        ("child_age_years", "-1", "typo"),
        ("publication_date", "31/12/2020", "typo"),
        ("not_a_field", "x", "typo"),
        ("review_key", "CPR X", "typo"),
    ]
    for name, value, reason in bad:
        with pytest.raises(curation.CurationError):
            curation.edit_field(services, rid, name, value, "alice", reason)
    assert audit_rows(services.catalogue) == []
    # Vocabulary values are matched without regard to case; empty clears a field.
    curation.edit_field(services, rid, "nation", "northern ireland", "alice", "board is SBNI")
    curation.edit_field(services, rid, "year", "", "alice", "the year is not known")
    with services.catalogue.session() as session:
        meta = session.get(Report, rid).effective()
    assert meta["nation"] == "Northern Ireland" and meta["year"] is None
    unchanged = curation.edit_field(services, rid, "nation", "Northern Ireland", "bob", "again")
    assert "nothing changed" in unchanged.message
    assert len(audit_rows(services.catalogue, rid)) == 2


def test_revert_shows_the_extracted_value_again(tmp_path, services):
    rid = make_report(services.catalogue, services.archive, tmp_path, "Review of Child V")
    index(services.catalogue, services.engine, services.config, rid)
    curation.edit_field(services, rid, "title", "Wrong title", "alice", "misread")
    with pytest.raises(curation.CurationError):
        curation.revert_field(services, rid, "year", "bob", "nothing to undo")
    with pytest.raises(curation.CurationError):
        curation.revert_field(services, rid, "title", "bob", "")
    curation.revert_field(services, rid, "title", "bob", "alice misread the cover")
    assert indexed(services, rid)["title"] == "Review of Child V"
    last = audit_rows(services.catalogue, rid)[-1]
    assert (last.action, last.old_value, last.new_value) == (
        "revert",
        "Wrong title",
        "Review of Child V",
    )


def test_merge_split_and_move_change_review_keys_with_audit(tmp_path, services):
    c, a = services.catalogue, services.archive
    final = make_report(c, a, tmp_path, "CPR FLINT 2 final report", review_key="CPR FLINT 2")
    brief = make_report(c, a, tmp_path, "CPR FLINT 2 briefing", review_key="CPR FLINT 2")
    plan = make_report(c, a, tmp_path, "Flintshire action plan", review_key="FLINT 2 2019")
    stray = make_report(c, a, tmp_path, "Unrelated review", review_key="CYSUR 4 2019")
    index(c, services.engine, services.config, final, brief, plan, stray)

    curation.merge_reviews(services, final, plan, "alice", "the action plan is CPR FLINT 2's")
    assert indexed(services, plan)["review_key"] == "CPR FLINT 2"
    with pytest.raises(curation.CurationError):
        curation.merge_reviews(services, final, brief, "alice", "already together")

    curation.move_document(services, stray, final, "alice", "catalogued under the wrong code")
    assert indexed(services, stray)["review_key"] == "CPR FLINT 2"
    outcome = curation.split_review(services, [stray], "bob", "wrong merge", "CYSUR 4 2019")
    assert outcome.report_ids == [stray]
    assert indexed(services, stray)["review_key"] == "CYSUR 4 2019"
    with c.session() as session:
        members = curation.review_members(session, "CPR FLINT 2")
        assert sorted(r.id for r in members) == [final, brief, plan]
    actions = [(e.action, e.entity_id, e.old_value, e.new_value) for e in audit_rows(c)]
    assert ("merge", str(plan), "FLINT 2 2019", "CPR FLINT 2") in actions
    assert ("move", str(stray), "CYSUR 4 2019", "CPR FLINT 2") in actions
    assert ("split", str(stray), "CPR FLINT 2", "CYSUR 4 2019") in actions
    # Rebuilding the index keeps the curated review keys.
    rebuild(c, services.engine, services.config)
    assert indexed(services, plan)["review_key"] == "CPR FLINT 2"


def test_documents_without_a_code_can_be_merged(tmp_path, services):
    c, a = services.catalogue, services.archive
    one = make_report(c, a, tmp_path, "Review of Baby M")
    two = make_report(c, a, tmp_path, "Baby M: seven minute briefing")
    curation.merge_reviews(services, one, two, "alice", "same child, same board")
    with c.session() as session:
        key = curation.review_key_of(session.get(Report, one))
        assert key == f"report-{one}"
        assert [r.id for r in curation.review_members(session, key)] == [one, two]


def test_suppress_removes_from_index_keeps_archive_and_restore_brings_back(tmp_path, services):
    c, a = services.catalogue, services.archive
    rid = make_report(c, a, tmp_path, "Review of Child S", "a court order applies")
    index(c, services.engine, services.config, rid)
    with pytest.raises(curation.CurationError):
        curation.suppress(services, [rid], "whim", "", "alice")
    with pytest.raises(curation.CurationError):
        curation.suppress(services, [rid], "other", "", "alice")

    curation.suppress(services, [rid], "court order", "order 123 of 2026", "alice")
    assert indexed(services, rid) is None
    with c.session() as session:
        report = session.get(Report, rid)
        assert report.suppressed and report.suppressed_reason == "court order: order 123 of 2026"
        assert report.sha256 in a
    rebuild(c, services.engine, services.config)
    assert indexed(services, rid) is None

    with pytest.raises(curation.CurationError):
        curation.restore(services, [rid], "", "bob")
    curation.restore(services, [rid], "order lifted", "bob")
    assert indexed(services, rid)["title"] == "Review of Child S"
    actions = [(e.action, e.actor, e.reason) for e in audit_rows(c, rid)]
    assert actions == [
        ("suppress", "alice", "court order: order 123 of 2026"),
        ("restore", "bob", "order lifted"),
    ]


def test_upload_goes_through_ingest_with_typed_in_context(tmp_path, services):
    pdf = multi_page_pdf(tmp_path / "x.pdf", marker="Fathers were not consulted.")
    outcome = curation.add_upload(
        services,
        "../../etc/Child Practice Review.pdf",
        io.BytesIO(pdf.read_bytes()),
        "alice",
        "sent by the board by email",
        publisher="north-wales",
        url="https://board.example/cpr.pdf",
        context={"title": "CPR NW 3", "code": "CPR NW 3"},
    )
    [rid] = outcome.report_ids
    assert outcome.extra["new"] and outcome.extra["state"] == "indexed"
    assert indexed(services, rid)["filename"] == "Child_Practice_Review.pdf"
    with services.catalogue.session() as session:
        [source] = session.scalars(select(Source).where(Source.report_id == rid)).all()
        assert source.url == "https://board.example/cpr.pdf"
        assert source.publisher == "north-wales"
        assert source.context["code"] == "CPR NW 3" and source.context["added_by"] == "alice"
    [entry] = audit_rows(services.catalogue, rid)
    assert (entry.action, entry.new_value) == ("add", "Child_Practice_Review.pdf")


def test_upload_guards_refuse_and_keep_nothing(tmp_path, services):
    small = dataclasses.replace(services.config, max_file_mb=1)
    guarded = dataclasses.replace(services, config=small)
    cases = [
        ("report.exe", b"%PDF-1.4 x"),
        ("..", b"%PDF-1.4 x"),
        ("", b"%PDF-1.4 x"),
        ("empty.pdf", b""),
        ("big.pdf", b"%PDF" + b"0" * (1024 * 1024)),
    ]
    for name, data in cases:
        with pytest.raises(curation.CurationError):
            curation.add_upload(guarded, name, io.BytesIO(data), "alice", "testing")
    with pytest.raises(curation.CurationError):
        curation.add_upload(guarded, "ok.pdf", io.BytesIO(b"%PDF-1.4"), "alice", "")
    assert not [p for p in services.archive.root.rglob("*") if p.is_file()]
    assert not any(p.name.startswith("tmp") for p in services.config.data_dir.iterdir())


def test_url_is_recorded_pending_for_the_crawler(services):
    outcome = curation.add_url(
        services,
        "https://board.example/reviews/cpr-4.pdf",
        "alice",
        "listed in the board's annual report",
        "cwm-taf-morgannwg",
        {"title": "CPR CTMSB 4/2021", "date": "2021-03-01", "unknown": "dropped"},
    )
    assert outcome.report_ids == []
    with services.catalogue.session() as session:
        source = session.get(Source, outcome.extra["source"])
        assert source.sha256 is None and source.report_id is None
        assert source.context["fetch_state"] == curation.PENDING_FETCH
        assert source.context["title"] == "CPR CTMSB 4/2021" and "unknown" not in source.context
    for url in ("https://board.example/reviews/cpr-4.pdf", "javascript:alert(1)", "file:///etc"):
        with pytest.raises(curation.CurationError):
            curation.add_url(services, url, "alice", "again", "cwm-taf-morgannwg", {})
    [entry] = audit_rows(services.catalogue)
    assert (entry.action, entry.entity, entry.new_value) == (
        "add-url",
        "source",
        "https://board.example/reviews/cpr-4.pdf",
    )


def test_retry_reads_the_archived_file_again(tmp_path, services):
    c, a = services.catalogue, services.archive
    rid = make_report(
        c, a, tmp_path, "Review of Child R", "Missed appointments.", state="quarantined"
    )
    with c.session() as session:
        report = session.get(Report, rid)
        report.state_reason, report.pages = "timed out while reading", []
    outcome = curation.retry_extraction(services, rid, "alice", "the reader was fixed")
    assert outcome.extra["state"] == "indexed"
    doc = indexed(services, rid)
    assert doc["state"] == "indexed" and "Missed appointments." in doc["pages"][0]["text"]
    [entry] = audit_rows(c, rid)
    assert (entry.action, entry.old_value, entry.new_value) == ("retry", "quarantined", "indexed")


def test_audit_log_cannot_be_changed(tmp_path, services):
    rid = make_report(services.catalogue, services.archive, tmp_path, "Review of Child D")
    curation.edit_field(services, rid, "year", "2018", "alice", "title page")
    with pytest.raises(curation.AuditLogIsReadOnly):
        with services.catalogue.session() as session:
            session.scalars(select(AuditEntry)).one().reason = "rewritten"
    with pytest.raises(curation.AuditLogIsReadOnly):
        with services.catalogue.session() as session:
            session.delete(session.scalars(select(AuditEntry)).one())
    with pytest.raises(curation.AuditLogIsReadOnly):
        with services.catalogue.session() as session:
            session.execute(delete(AuditEntry))
    assert audit_rows(services.catalogue)[0].reason == "title page"


def test_a_change_is_kept_when_the_engine_is_down(tmp_path, services):
    from casereview import engine_node

    rid = make_report(services.catalogue, services.archive, tmp_path, "Review of Child E")
    dead = SearchEngine(f"http://127.0.0.1:{engine_node.free_port(9250, 9299)}", timeout=2)
    outcome = curation.edit_field(
        dataclasses.replace(services, engine=dead), rid, "year", "2016", "alice", "title page"
    )
    assert not outcome.indexed and "catches up by itself" in outcome.message
    with services.catalogue.session() as session:
        assert session.scalars(select(CurationOverride)).one().value == 2016
