"""An evidence file on an action's status update: uploaded by a signed-in librarian with a CSRF
token, its kind sniffed from its bytes, its name sanitised, its size bounded, archived by its
SHA-256; downloadable by librarians (audited); the public routes say only that there is one."""

from __future__ import annotations

import dataclasses
import io
import zipfile

import pytest
from sqlalchemy import select

from casereview.catalogue import ActionUpdate, AuditEntry
from tests import test_librarian_actions
from tests.librarian_support import csrf_token

# A signed-in librarian and an ingested review with its action plan.
plan = test_librarian_actions.plan
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def app(config, catalogue):
    """The app with a 1 MB limit on evidence files."""
    from search_app import create_app

    small = dataclasses.replace(config, evidence_max_mb=1)
    return create_app({"TESTING": True, "CASEREVIEW": small, "INDEX_SYNC": False})


def _send(client, plan, filename, data: bytes, token=True, **fields):
    form = {
        "date": "2024-05-01",
        "status": "complete",
        "note": "Minutes of the May meeting",
        "evidence_file": (io.BytesIO(data), filename),
        **fields,
    }
    if token:
        form["csrf_token"] = csrf_token(client, "/librarian/")
    return client.post(
        f"/librarian/reports/{plan['plan']}/actions/0/status",
        data=form,
        content_type="multipart/form-data",
    )


def _updates(catalogue) -> list[ActionUpdate]:
    with catalogue.session() as session:
        return list(session.scalars(select(ActionUpdate).order_by(ActionUpdate.id)))


def _archived(config) -> set:
    return {p.name for p in config.archive_dir.rglob("*") if p.is_file()}


def test_an_evidence_file_is_archived_audited_and_only_librarians_download_it(
    app, client, plan, catalogue, config
):
    answer = _send(client, plan, "../../etc/May minutes.PDF", PDF)
    assert answer.status_code == 302
    [update] = _updates(catalogue)
    assert update.evidence_type == "application/pdf" and update.evidence_size == len(PDF)
    assert update.evidence_name == "May_minutes.pdf"
    assert update.evidence_sha256 in _archived(config)
    with catalogue.session() as session:
        audit = session.scalars(select(AuditEntry).where(AuditEntry.action == "action-update"))
        assert "May_minutes.pdf" in audit.one().new_value
    page = client.get(f"/librarian/reports/{plan['plan']}").get_data(as_text=True)
    link = f"/librarian/reports/{plan['plan']}/actions/0/evidence/{update.id}"
    assert link in page and "May_minutes.pdf" in page
    download = client.get(link)
    assert download.status_code == 200 and download.data == PDF
    assert download.headers["Content-Type"] == "application/pdf"
    assert "attachment; filename=May_minutes.pdf" in download.headers["Content-Disposition"]
    with catalogue.session() as session:
        [seen] = session.scalars(select(AuditEntry).where(AuditEntry.action == "evidence-download"))
        assert seen.actor == "lib" and seen.entity_id == str(plan["plan"])
    # The public routes say that there is a file, and nothing about it.
    public = app.test_client()
    body = public.get("/api/actions?size=100").get_data(as_text=True)
    first = public.get("/api/actions?size=100").get_json()["actions"][0]
    assert first["updates"][-1]["evidence_file"] is True
    assert "May_minutes" not in body and update.evidence_sha256 not in body
    assert public.get(link).status_code in (302, 401)
    assert "May_minutes" not in public.get(f"/reviews/{plan['report']}").get_data(as_text=True)


@pytest.mark.parametrize(
    ("filename", "data", "message"),
    [
        ("notes.pdf", b"just some text, not a PDF", "must be a PDF"),
        ("fake.docx", b"PK\x03\x04" + b"\x00" * 40, "must be a PDF"),
        ("big.pdf", PDF + b"0" * (1024 * 1024), "larger than 1 MB"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_a_wrong_evidence_file_is_refused_and_nothing_is_kept(
    client, plan, catalogue, config, filename, data, message
):
    before = _archived(config)
    answer = _send(client, plan, filename, data)
    assert answer.status_code == 302
    assert message in client.get(answer.headers["Location"]).get_data(as_text=True)
    assert _updates(catalogue) == [] and _archived(config) == before


def test_word_documents_and_images_are_accepted_under_their_own_suffix(client, plan, catalogue):
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert _send(client, plan, "report.exe", docx.getvalue()).status_code == 302
    assert _send(client, plan, "photo", PNG).status_code == 302
    names = [(u.evidence_name, u.evidence_type) for u in _updates(catalogue)]
    assert names == [
        ("report.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("photo.png", "image/png"),
    ]


def test_an_upload_needs_a_csrf_token_and_an_account(app, client, plan, catalogue):
    assert _send(client, plan, "a.pdf", PDF, token=False).status_code == 400
    anonymous = app.test_client()
    assert _send(anonymous, plan, "a.pdf", PDF, token=False).status_code in (302, 400, 401)
    assert _updates(catalogue) == []
