"""The librarians' pages through the Flask test client: forms, work queue, audit log, uploads."""

from __future__ import annotations

import csv
import dataclasses
import io
from datetime import timedelta

import pytest
from sqlalchemy import select

from casereview import curation
from casereview.catalogue import AuditEntry, Report, Source, utcnow
from tests.factories import multi_page_pdf
from tests.librarian_support import add_account, index, make_report, post, sign_in

pytestmark = pytest.mark.both_catalogues


@pytest.fixture
def librarian(client, catalogue):
    add_account(catalogue, "alice")
    assert sign_in(client, "alice").headers["Location"] == "/librarian/"
    return client


def test_sign_in_and_out(client, catalogue, search_engine, config):
    from index_mappings.indexer import ensure_index

    ensure_index(search_engine, config)  # the home page reads the index
    add_account(catalogue)
    assert client.get("/librarian/").status_code == 302
    assert sign_in(client, password="not it at all").status_code == 401
    assert sign_in(client).status_code == 302
    assert "Work queue" in client.get("/librarian/").get_data(as_text=True)
    assert "Librarians&#39; pages" in client.get("/").get_data(as_text=True)
    assert post(client, "/librarian/logout", {}).status_code == 302
    assert client.get("/librarian/").status_code == 302
    assert "Librarian sign in" in client.get("/").get_data(as_text=True)


def test_a_disabled_account_is_signed_out_at_its_next_request(librarian, catalogue):
    from casereview.users import set_active

    assert librarian.get("/librarian/").status_code == 200
    set_active(catalogue, "alice", False, actor="admin")
    assert librarian.get("/librarian/").status_code == 302


def test_private_pages_cannot_be_framed_or_cached(librarian):
    response = librarian.get("/librarian/")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["Cache-Control"] == "no-store"


def test_edit_through_the_form_shows_in_public_search(
    tmp_path, librarian, catalogue, archive, search_engine, config
):
    rid = make_report(catalogue, archive, tmp_path, "Untitled scan", "Bruising was seen.")
    index(catalogue, search_engine, config, rid)
    response = post(
        librarian,
        f"/librarian/reports/{rid}/edit",
        {"field": "title", "value": "Child Practice Review Gwynedd 7", "reason": "cover page"},
        follow_redirects=True,
    )
    html = response.get_data(as_text=True)
    assert "title changed." in html and "cover page" in html
    hits = librarian.get("/api/search?q=gwynedd").get_json()["hits"]
    assert [h["title"] for h in hits] == ["Child Practice Review Gwynedd 7"]
    # A value the field cannot hold is a message beside the field, keeping what was typed.
    form = refused_edit(librarian, rid, "edit-form", field="year", value="soon", reason="typo")
    assert 'id="edit-value-error"' in form and "the year must be four digits" in form
    assert 'value="soon"' in form and 'value="typo"' in form and 'aria-invalid="true"' in form
    assert '<option value="year" selected>' in form
    response = post(
        librarian,
        f"/librarian/reports/{rid}/revert",
        {"field": "title", "reason": "wrong report"},
        follow_redirects=True,
    )
    assert "title shows the extracted value again." in response.get_data(as_text=True)
    assert librarian.get("/api/search?q=gwynedd").get_json()["total"] == 0
    assert post(librarian, "/librarian/reports/999999/edit", {"field": "x"}).status_code == 400


def test_suppress_and_restore_through_the_forms(
    tmp_path, librarian, catalogue, archive, search_engine, config
):
    rid = make_report(catalogue, archive, tmp_path, "Review of Child F", review_key="CPR F 1")
    brief = make_report(catalogue, archive, tmp_path, "Child F briefing", review_key="CPR F 1")
    index(catalogue, search_engine, config, rid, brief)
    page = librarian.get(f"/librarian/reports/{rid}").get_data(as_text=True)
    assert (
        f'name="documents" value="{brief}">' in page
        and " checked>" not in page.split('id="suppress-form"')[1].split("</form>")[0]
    )
    form = {"kind": "family request", "detail": "letter of 3 May", "documents": [rid, brief]}
    nothing = post(librarian, f"/librarian/reports/{rid}/suppress", {"kind": "family request"})
    assert nothing.status_code == 302
    # first a page of its own that names what will go, and nothing is taken down yet
    confirm = post(librarian, f"/librarian/reports/{rid}/suppress", form)
    html = confirm.get_data(as_text=True)
    assert confirm.status_code == 200 and "Take 2 documents down from every public page?" in html
    assert "Child F briefing" in html and 'name="confirm" value="yes"' in html
    assert librarian.get(f"/reports/{brief}").status_code == 200
    response = post(
        librarian,
        f"/librarian/reports/{rid}/suppress",
        {**form, "confirm": "yes"},
        follow_redirects=True,
    )
    assert "2 document(s) taken down." in response.get_data(as_text=True)
    assert librarian.get(f"/reports/{brief}").status_code == 404
    assert librarian.get("/api/search?q=child").get_json()["total"] == 0
    # Librarians still see it, and can open the archived file.
    found = librarian.get("/librarian/find").get_data(as_text=True)
    assert "Review of Child F" in found and "taken down" in found
    assert librarian.get(f"/librarian/reports/{rid}/file").status_code == 200
    response = post(
        librarian,
        f"/librarian/reports/{rid}/restore",
        {"reason": "family withdrew the request", "documents": [rid]},
        follow_redirects=True,
    )
    assert "1 document(s) restored." in response.get_data(as_text=True)
    assert librarian.get(f"/reports/{rid}").status_code == 200
    assert librarian.get(f"/reports/{brief}").status_code == 404


def test_merge_and_split_through_the_forms(tmp_path, librarian, catalogue, archive):
    one = make_report(catalogue, archive, tmp_path, "CPR G 1 report", review_key="CPR G 1")
    two = make_report(catalogue, archive, tmp_path, "CPR G 1 plan", review_key="G 1")
    post(librarian, f"/librarian/reports/{one}/merge", {"other": two, "reason": "same review"})
    page = librarian.get(f"/librarian/reports/{one}").get_data(as_text=True)
    assert "Review CPR G 1" in page and "CPR G 1 plan" in page
    public = librarian.get(f"/api/reviews/{one}").get_json()
    assert public["review_key"] == "CPR G 1"
    assert [d["id"] for d in public["documents"]] == [one, two]
    post(
        librarian,
        f"/librarian/reports/{one}/split",
        {"documents": [two], "new_key": "CPR G 2", "reason": "different child"},
    )
    page = librarian.get(f"/librarian/reports/{two}").get_data(as_text=True)
    assert "Review CPR G 2" in page and "CPR G 1 report" not in page
    assert [d["id"] for d in librarian.get(f"/api/reviews/{one}").get_json()["documents"]] == [one]


def test_work_queue_lists_what_needs_a_person(
    tmp_path, librarian, catalogue, archive, search_engine, config
):
    unsure = make_report(
        catalogue,
        archive,
        tmp_path,
        "Unsure review",
        extraction={
            "confidence": 0.3,
            "fields": {
                "year": {"value": 2019, "source": "text", "evidence": "in 2019", "confidence": 0.3},
                "nation": {"value": "Wales", "source": "listing", "confidence": 0.9},
            },
        },
    )
    make_report(catalogue, archive, tmp_path, "Sure review", extraction={"confidence": 0.95})
    broken = make_report(
        catalogue, archive, tmp_path, "Broken", state="quarantined", state_reason="encrypted PDF"
    )
    final = make_report(
        catalogue,
        archive,
        tmp_path,
        "CPR H 1",
        review_key="CPR H 1",
        document_role="final report",
        review_type="CPR-concise",
        board="North Wales",
    )
    make_report(
        catalogue,
        archive,
        tmp_path,
        "CPR H 1 ",
        review_key="CPR H 1",
        document_role="final report",
        board="north wales",
    )
    copy = make_report(catalogue, archive, tmp_path, "Re-saved copy", duplicate_of=unsure)
    planned = make_report(
        catalogue, archive, tmp_path, "CPR J plan", review_key="CPR J", document_role="action plan"
    )
    # an English review without an action plan is not expected to have one
    make_report(catalogue, archive, tmp_path, "LCSPR K", review_key="LCSPR K", review_type="LCSPR")
    with catalogue.session() as session:
        session.add(
            Source(
                url="https://board.example/h1.pdf",
                sha256=session.get(Report, final).sha256,
                report_id=final,
                publisher="north-wales",
                gone_since=utcnow() - timedelta(days=3),
            )
        )
    services = curation.Services(catalogue, archive, search_engine, config)
    curation.add_url(services, "https://board.example/new.pdf", "alice", "seen", "derby", {})
    failed = curation.add_url(services, "https://board.example/x.pdf", "alice", "seen", "derby", {})
    with catalogue.session() as session:
        source = session.get(Source, failed.extra["source"])
        source.context = {**source.context, "error": "http 500"}  # as the crawler records it

    html = librarian.get("/librarian/").get_data(as_text=True)
    section = {
        name: html.split(f'id="{name}"')[1].split("<h2")[0]
        for name in (
            "low-confidence",
            "failed",
            "gone",
            "duplicates",
            "missing-action-plan",
            "pending-urls",
        )
    }
    assert f"/librarian/reports/{unsure}" in section["low-confidence"]
    assert "Sure review" not in section["low-confidence"]
    assert "<td>year</td>" in section["low-confidence"]
    evidence = librarian.get(f"/librarian/reports/{unsure}").get_data(as_text=True)
    assert "0.30 text: “in 2019”" in evidence
    assert "encrypted PDF" in section["failed"]
    assert f"/librarian/reports/{broken}/retry" in section["failed"]
    assert "https://board.example/h1.pdf" in section["gone"]
    assert "same role in review" in section["duplicates"]
    assert "same title and board" in section["duplicates"]
    near = section["duplicates"].split("nearly the same text")[1].split("</tr>")[0]
    assert f"/librarian/reports/{unsure}" in near and f"/librarian/reports/{copy}" in near
    assert "CPR H 1" in section["missing-action-plan"]
    assert "LCSPR K" not in section["missing-action-plan"]
    assert "CPR J" not in section["missing-action-plan"].replace("CPR J plan", "")
    assert f"/librarian/reports/{planned}" not in section["missing-action-plan"]
    assert "https://board.example/new.pdf" in section["pending-urls"]
    assert "pending fetch" in section["pending-urls"]
    assert "fetch failed: http 500" in section["pending-urls"]


def test_audit_log_filters_and_exports_csv(
    tmp_path, librarian, catalogue, archive, search_engine, config
):
    one = make_report(catalogue, archive, tmp_path, "Audit one")
    two = make_report(catalogue, archive, tmp_path, "Audit two")
    services = curation.Services(catalogue, archive, search_engine, config)
    curation.edit_field(services, one, "year", "2015", "alice", "cover")
    curation.edit_field(services, two, "board", "=HYPERLINK(1)", "bob", "board's name")
    curation.suppress(services, [two], "court order", "ref 9", "bob")

    def rows(**args):
        text = librarian.get("/librarian/audit.csv", query_string=args).get_data(as_text=True)
        return list(csv.DictReader(io.StringIO(text)))

    assert len([r for r in rows() if r["entity"] == "report"]) == 3
    assert [r["action"] for r in rows(actor="command line")] == ["add-user"]
    assert [r["field"] for r in rows(actor="bob")] == ["suppressed", "board"]
    assert [r["entity_id"] for r in rows(action="edit", field="year")] == [str(one)]
    assert [r["action"] for r in rows(report=str(two))] == ["suppress", "edit"]
    today = utcnow().date()
    assert len(rows(since=today.isoformat(), until=today.isoformat())) == 4
    assert rows(until=(today - timedelta(days=1)).isoformat()) == []
    assert rows(actor="bob")[1]["new_value"] == "'=HYPERLINK(1)"  # no formula in a spreadsheet
    page = librarian.get("/librarian/audit", query_string={"actor": "alice"})
    html = page.get_data(as_text=True)
    assert "cover" in html and "board&#39;s name" not in html
    assert librarian.get("/librarian/audit?since=yesterday").status_code == 400
    # Nothing on the app changes the log.
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        assert librarian.open("/librarian/audit", method=method).status_code in (400, 405)
    with catalogue.session() as session:
        assert len(session.scalars(select(AuditEntry)).all()) == 4


def test_upload_and_url_forms(tmp_path, librarian, catalogue, config):
    pdf = multi_page_pdf(tmp_path / "u.pdf", marker="Escalation did not happen.")
    response = post(
        librarian,
        "/librarian/add/upload",
        {
            "file": (io.BytesIO(pdf.read_bytes()), "../secret/CPR K 1.pdf"),
            "publisher": "dundee",
            "title": "Learning Review K",
            "reason": "sent by the committee",
        },
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    html = response.get_data(as_text=True)
    assert "CPR_K_1.pdf added (indexed)." in html
    assert librarian.get("/api/search?q=escalation").get_json()["total"] == 1

    response = post(
        librarian,
        "/librarian/add/upload",
        {"file": (io.BytesIO(b"MZ\x90\x00"), "tool.exe"), "reason": "oops"},
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    assert "upload a PDF file" in response.get_data(as_text=True)

    response = post(
        librarian,
        "/librarian/add/url",
        {"url": "https://cpc.example/lr-k.pdf", "publisher": "dundee", "reason": "listed"},
        follow_redirects=True,
    )
    assert "the crawler fetches it on its next run" in response.get_data(as_text=True)


def test_oversized_upload_is_refused_before_it_is_read(app, client, catalogue, config):
    app.config["CASEREVIEW"] = dataclasses.replace(config, max_file_mb=1)
    add_account(catalogue)
    sign_in(client)
    big = io.BytesIO(b"%PDF-1.4\n" + b"0" * (2 * 1024 * 1024))
    response = post(
        client,
        "/librarian/add/upload",
        {"file": (big, "big.pdf"), "reason": "too big"},
        content_type="multipart/form-data",
    )
    assert response.status_code == 413
    assert not any(p.is_file() for p in config.archive_dir.rglob("*"))


def test_editing_the_year_drops_a_publication_date_of_another_year(
    tmp_path, librarian, catalogue, archive, search_engine, config
):
    rid = make_report(
        catalogue, archive, tmp_path, "Review of Child W", "Text.", year=2018,
        publication_date="2018-05-01",
    )  # fmt: skip
    index(catalogue, search_engine, config, rid)
    assert "2018-05-01" in librarian.get(f"/reviews/{rid}").get_data(as_text=True)
    post(
        librarian,
        f"/librarian/reports/{rid}/edit",
        {"field": "year", "value": "2019", "reason": "published 2019, see notice"},
    )
    page = librarian.get(f"/reviews/{rid}").get_data(as_text=True)
    assert "2019" in page and "2018-05-01" not in page
    [hit] = librarian.get("/api/search?q=child").get_json()["hits"]
    assert hit["year"] == 2019 and hit["publication_date"] is None
    post(
        librarian,
        f"/librarian/reports/{rid}/edit",
        {"field": "publication_date", "value": "2019-02-03", "reason": "notice date"},
    )
    assert "2019-02-03" in librarian.get(f"/reviews/{rid}").get_data(as_text=True)


def test_fixed_vocabularies_are_chosen_from_a_list(
    tmp_path, librarian, catalogue, archive, search_engine, config
):
    rid = make_report(catalogue, archive, tmp_path, "Review of Child V", "Text.", nation="Wales")
    index(catalogue, search_engine, config, rid)
    page = librarian.get(f"/librarian/reports/{rid}").get_data(as_text=True)
    nation_form = page.split('id="edit-nation-form"')[1].split("</form>")[0]
    assert '<select id="edit-nation-value" name="value"' in nation_form
    assert '<option value="Wales" selected>' in nation_form
    assert '<option value="Scotland" >' in nation_form or '<option value="Scotland">' in nation_form
    free = page.split('id="edit-form"')[1].split("</form>")[0]
    assert '<option value="nation"' not in free and '<option value="title"' in free
    response = post(
        librarian,
        f"/librarian/reports/{rid}/edit",
        {"field": "nation", "value": "Scotland", "reason": "board is in Scotland"},
        follow_redirects=True,
    )
    assert "nation changed." in response.get_data(as_text=True)
    form = refused_edit(
        librarian, rid, "edit-nation-form", field="nation", value="Atlantis", reason="typed by hand"
    )
    assert 'id="edit-nation-error"' in form and 'value="typed by hand"' in form


def refused_edit(librarian, rid: int, form_id: str, **fields) -> str:
    """Post an edit the catalogue refuses: a 400 page; returns the markup of form ``form_id``."""
    response = post(librarian, f"/librarian/reports/{rid}/edit", fields)
    assert response.status_code == 400
    return response.get_data(as_text=True).split(f'id="{form_id}"')[1].split("</form>")[0]
