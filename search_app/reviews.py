"""A review's page and JSON, each document's page, file and JSON, and citations, read from the
catalogue.

A review is the documents that share a review key (a report without one is a review of its own).
Its id is the catalogue id of its first document still public: it does not change when a later
document (a briefing, an action plan) joins the review, nor when the index is rebuilt. Its page,
``/reviews/<id>``, shows the review as its principal document describes it (the final report
before a summary, before a briefing…) with every document of it; ``/reviews/<any document's
id>`` shows the same review. ``/documents/<id>`` is one document's page, ``/reports/<id>`` (the
oldest address) still answers. Only reports that are indexed and public answer: taken-down
reports (and their near-duplicates) and pending, quarantined or failed ones are 404 on every
route here, files included.
"""

from __future__ import annotations

from flask import Response, abort, jsonify, render_template, send_file, url_for
from sqlalchemy.orm import selectinload

from casereview.catalogue import METADATA_FIELDS, Report, ReportState
from casereview.curation import is_taken_down, public_members, review_key_of
from casereview.search_engine import EngineUnavailable
from index_mappings.documents import principal_rank, publisher_name, shown_values
from nlp.fields.age import age_display
from nlp.fields.year import NOT_STATED

from . import actions, citations, resources, service
from .facets import REVIEW_TYPE_LABELS, THEME_LABELS
from .security import public_url
from .views import bp

FIELD_LABELS = {
    "title": "Title",
    "nation": "Nation",
    "review_type": "Review type",
    "year": "Year",
    "publication_date": "Published",
    "board": "Board",
    "child_pseudonym": "Child",
    "child_age_years": "Child's age",
    "child_sex": "Child's sex",
    "outcome": "Outcome",
    "review_model": "Review model",
    "document_role": "Document",
    "language": "Language",
    "themes": "Themes",
    "summary": "Summary",
}
SOURCE_LABELS = {
    "listing": "the publisher's listing page",
    "text": "the report's text",
    "file-metadata": "the file's metadata",
    "librarian": "a librarian's correction",
}
SIMILAR_LIKE_CHARS = 6000


def _visible(session, report_id: int) -> Report:
    """The report if the public may see it: extracted and indexed (not pending, quarantined or
    failed), not taken down, and not a near-duplicate of a report that was taken down."""
    report = session.get(
        Report,
        report_id,
        options=[
            selectinload(Report.pages),
            selectinload(Report.sources),
            selectinload(Report.overrides),
        ],
    )
    if report is None or report.state != ReportState.INDEXED or is_taken_down(session, report):
        abort(404, description="There is no review with this number, or it has been withdrawn.")
    return report


def _provenance(report: Report) -> list[dict]:
    """Each metadata value with where it came from and the evidence for it."""
    extracted = (report.extraction or {}).get("fields", {})
    overrides = {o.field: o for o in report.overrides}
    values = shown_values(report)
    rows = []
    for name in METADATA_FIELDS:
        if name in ("title", "summary"):
            continue
        value = values.get(name)
        if value in (None, "", []):
            continue
        info = extracted.get(name) or {}
        if name in overrides:
            row = {"source": "librarian", "evidence": overrides[name].reason, "page": None}
        else:
            row = {
                "source": info.get("source"),
                "evidence": info.get("evidence"),
                "page": info.get("page"),
                "confidence": info.get("confidence"),
            }
        display = _display(name, value, row)
        if isinstance(value, list):
            display = ", ".join(THEME_LABELS.get(v, str(v)) for v in value)
        rows.append(
            {
                "name": name,
                "label": FIELD_LABELS[name],
                "value": value,
                "display": display,
                "source_label": SOURCE_LABELS.get(row["source"], row["source"] or "not recorded"),
                **row,
            }
        )
    return rows


def _display(name: str, value, row: dict):
    """A value as a person reads it: review types by label, ages as "7 weeks" or "2 years",
    and a year the document does not state marked as such."""
    if name == "review_type":
        return REVIEW_TYPE_LABELS.get(value, value)
    if name == "child_age_years":
        return age_display(value)
    if name == "year" and str(row.get("evidence") or "").startswith(NOT_STATED):
        return f"{value} (publication year not stated in the document)"
    return value


def _themes(report: Report, names: list[str]) -> list[dict]:
    evidence: dict[str, list] = {name: [] for name in names}
    for item in (report.extraction or {}).get("themes", []):
        if item.get("theme") in evidence:
            evidence[item["theme"]].append(
                {"page": item.get("page"), "sentence": item.get("sentence")}
            )
    return [{"theme": name, "evidence": evidence[name]} for name in names]


def visible_members(session, report: Report) -> list[Report]:
    """``report``'s review's public documents, with ``report`` itself even when it is a
    near-duplicate (its own page still answers)."""
    members = public_members(session, review_key_of(report))
    return members if report in members else sorted([*members, report], key=lambda m: m.id)


def principal(documents: list[Report]) -> Report:
    """The document that speaks for the review: the fullest kind of document, the first
    registered among equals."""
    return min(
        documents,
        key=lambda document: (principal_rank(document.effective()["document_role"]), document.id),
    )


def _document_entry(document: Report) -> dict:
    values = document.effective()
    return {
        "id": document.id,
        "title": values["title"] or document.filename,
        "document_role": values["document_role"],
        "language": values["language"],
        "page_count": document.page_count,
        "media_type": document.media_type,
        "added_at": document.created_at.isoformat(),
        "url": url_for("search.document_page", report_id=document.id),
        "permalink": public_url("search.document_page", report_id=document.id),
        "file_url": url_for("search.report_file", report_id=document.id),
        "api_url": url_for("search.api_document", report_id=document.id),
    }


def document_record(report_id: int, as_review: bool = False) -> dict:
    """Everything a document's page and ``/api/documents/<id>`` show, as plain data, with the
    ``review`` it belongs to; ``as_review``: the record of the review ``report_id`` belongs to,
    told by its principal document, with ``documents`` listing all of them."""
    with resources.catalogue().session() as session:
        report = _visible(session, report_id)
        members = visible_members(session, report)
        public = [m for m in members if m.duplicate_of is None]
        if as_review:
            report = principal(public or members)
        values = shown_values(report)
        sources = [
            {
                "url": source.url,
                "publisher": publisher_name(source),
                "first_seen": source.first_seen.isoformat() if source.first_seen else None,
                "last_seen": source.last_seen.isoformat() if source.last_seen else None,
                "gone_since": source.gone_since.isoformat() if source.gone_since else None,
                "last_status": source.last_status,
            }
            # Only publishers' addresses: a local path says where the ingest machine kept it.
            for source in report.sources
            if service.is_public_url(source.url)
        ]
        live = [s for s in sources if not s["gone_since"]]
        body_text = " ".join(page.text for page in report.pages[:4])
        record = {
            "id": report.id,
            "title": values["title"] or report.filename,
            "review_key": report.effective()["review_key"],
            "review_group": review_key_of(report),
            "review_code": service.displayed_code(report.effective()["review_key"]),
            "values": values,
            "metadata": _provenance(report),
            "summary": values["summary"],
            "themes": _themes(report, values["themes"] or []),
            "recommendations": [
                {
                    "kind": item.get("kind", "recommendation"),
                    "number": item.get("number"),
                    "page": item.get("page"),
                    "text": item.get("text", ""),
                }
                for item in (report.extraction or {}).get("recommendations", [])
            ],
            "documents": [_document_entry(member) for member in members],
            "follow_up": actions.review_follow_up(session, public),
            "sources": sources,
            "available_at_publisher": bool(live) or not sources,
            "gone_since": max((s["gone_since"] for s in sources if s["gone_since"]), default=None)
            if not live
            else None,
            "filename": report.filename,
            "media_type": report.media_type,
            "page_count": report.page_count,
            # A near-duplicate is kept in the catalogue but searched as its original only.
            "indexed": report.state == ReportState.INDEXED and report.duplicate_of is None,
            "duplicate_of": report.duplicate_of,
            "duplicate_of_url": (
                public_url("search.document_page", report_id=report.duplicate_of)
                if report.duplicate_of
                else None
            ),
            "added_at": report.created_at.isoformat(),
            "review": {
                "id": members[0].id,
                "url": url_for("search.review", report_id=members[0].id),
                "permalink": public_url("search.review", report_id=members[0].id),
                "document_count": len(members),
            },
            "document_id": report.id,
            "permalink": public_url("search.document_page", report_id=report.id),
            "file_url": url_for("search.report_file", report_id=report.id),
        }
        if as_review:
            record.update(id=members[0].id, permalink=record["review"]["permalink"])
        like = " ".join(filter(None, [record["title"], values["summary"], body_text]))
    record["like_text"] = like[:SIMILAR_LIKE_CHARS]
    return record


def review_record(report_id: int) -> dict:
    """Everything the review page and ``/api/reviews/<id>`` show: the review of document
    ``report_id`` (any of its documents), told by its principal document."""
    return document_record(report_id, as_review=True)


def _page(record: dict, file_id: int, is_review: bool):
    """The page of a review or of one document: similar reviews come from the engine, so while
    it is down the page still shows, saying that they are unavailable."""
    try:
        similar = service.similar(record["like_text"], record["review_group"])
        similar_unavailable = False
    except EngineUnavailable:
        similar, similar_unavailable = [], True
    return render_template(
        "review.html",
        review=record,
        is_review=is_review,
        similar=similar,
        similar_unavailable=similar_unavailable,
        citation_tags=citations.highwire(
            record, public_url("search.report_file", report_id=file_id)
        ),
        coins=citations.coins(record, record["permalink"]),
    )


@bp.get("/reviews/<int:report_id>")
def review(report_id: int):
    """The review that document ``report_id`` belongs to (any of its documents' ids works)."""
    record = review_record(report_id)
    return _page(record, record["document_id"], is_review=True)


@bp.get("/reports/<int:report_id>")
@bp.get("/documents/<int:report_id>")
def document_page(report_id: int):
    """One document of a review; ``/reports/<id>`` is the address reports had first."""
    return _page(document_record(report_id), report_id, is_review=False)


@bp.get("/reviews/<int:report_id>/file")
@bp.get("/reports/<int:report_id>/file")
def report_file(report_id: int):
    """The archived original, shown inline; add #page=N to the link to open it at a page."""
    with resources.catalogue().session() as session:
        report = _visible(session, report_id)
        sha256, media_type, filename = report.sha256, report.media_type, report.filename
    path = resources.archive().path_for(sha256)
    if not path.exists():
        abort(404, description="The archived file of this review is missing.")
    return send_file(path, mimetype=media_type, download_name=filename, as_attachment=False)


@bp.get("/reviews/<int:report_id>/citation.<any(ris, bib):kind>")
def citation(report_id: int, kind: str):
    """The review's citation (any of its documents' ids gives the same one)."""
    record = review_record(report_id)
    if kind == "ris":
        text, mimetype = (
            citations.ris(record, record["permalink"]),
            "application/x-research-info-systems",
        )
    else:
        text, mimetype = citations.bibtex(record, record["permalink"]), "application/x-bibtex"
    filename = f"review-{record['id']}.{kind}"
    return Response(
        text,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _json(record: dict):
    record.pop("like_text")
    review_id = record["review"]["id"]
    record["citation"] = {
        "ris": public_url("search.citation", report_id=review_id, kind="ris"),
        "bibtex": public_url("search.citation", report_id=review_id, kind="bib"),
    }
    return jsonify(record)


@bp.get("/api/reviews/<int:report_id>")
def api_review(report_id: int):
    """The review (any of its documents' ids works): ``id`` is the review's, its metadata its
    principal document's (``document_id``), ``documents`` all of its public documents."""
    return _json(review_record(report_id))


@bp.get("/api/documents/<int:report_id>")
def api_document(report_id: int):
    """One document, with the ``review`` it belongs to."""
    return _json(document_record(report_id))
