"""A review's page, its archived file, its citations and its JSON, read from the catalogue.

A review's permalink is ``/reviews/<id>`` with the catalogue's report id, which never changes when
the index is rebuilt; ``/reports/<id>`` (the older address) shows the same page. Only reports that
are indexed and public answer: taken-down reports (and their near-duplicates) and pending,
quarantined or failed ones are 404 on every route here, files included.
"""

from __future__ import annotations

from flask import Response, abort, jsonify, render_template, send_file, url_for
from sqlalchemy.orm import selectinload

from casereview.catalogue import METADATA_FIELDS, Report, ReportState
from casereview.curation import is_taken_down
from casereview.search_engine import EngineUnavailable
from index_mappings.documents import publisher_name, shown_values
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


def _documents(session, report: Report) -> list[dict]:
    """The other visible documents of the same review (briefing, action plan, …); the review
    is the librarians' curated one when they merged, split or moved documents."""
    from casereview.curation import review_members

    key = report.effective()["review_key"]
    if not key:
        return []
    others = [
        other
        for other in review_members(session, key)
        if other.id != report.id
        and other.state == ReportState.INDEXED
        and not is_taken_down(session, other)
    ]
    return [
        {
            "id": other.id,
            "title": other.effective()["title"] or other.filename,
            "document_role": other.effective()["document_role"],
            "url": url_for("search.review", report_id=other.id),
        }
        for other in others
    ]


def review_record(report_id: int) -> dict:
    """Everything the review page and ``/api/reviews/<id>`` show, as plain data."""
    with resources.catalogue().session() as session:
        report = _visible(session, report_id)
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
            "documents": _documents(session, report),
            "follow_up": actions.review_follow_up(session, report),
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
                public_url("search.review", report_id=report.duplicate_of)
                if report.duplicate_of
                else None
            ),
            "added_at": report.created_at.isoformat(),
            "permalink": public_url("search.review", report_id=report.id),
            "file_url": url_for("search.report_file", report_id=report.id),
        }
        like = " ".join(filter(None, [record["title"], values["summary"], body_text]))
    record["like_text"] = like[:SIMILAR_LIKE_CHARS]
    return record


@bp.get("/reviews/<int:report_id>")
def review(report_id: int):
    """The review from the catalogue; similar reviews come from the engine, so while it is down
    the page still shows, saying that they are unavailable."""
    record = review_record(report_id)
    exclude = [str(report_id)] + [str(d["id"]) for d in record["documents"]]
    try:
        similar, similar_unavailable = service.similar(record["like_text"], exclude), False
    except EngineUnavailable:
        similar, similar_unavailable = [], True
    return render_template(
        "review.html",
        review=record,
        similar=similar,
        similar_unavailable=similar_unavailable,
        citation_tags=citations.highwire(
            record, public_url("search.report_file", report_id=report_id)
        ),
        coins=citations.coins(record, record["permalink"]),
    )


@bp.get("/reports/<int:report_id>")
def report_page(report_id: int):
    """The address reports had before ``/reviews/<id>``; it keeps working."""
    return review(report_id)


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
    record = review_record(report_id)
    if kind == "ris":
        text, mimetype = (
            citations.ris(record, record["permalink"]),
            "application/x-research-info-systems",
        )
    else:
        text, mimetype = citations.bibtex(record, record["permalink"]), "application/x-bibtex"
    return Response(
        text,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="review-{report_id}.{kind}"'},
    )


@bp.get("/api/reviews/<int:report_id>")
def api_review(report_id: int):
    record = review_record(report_id)
    record.pop("like_text")
    record["citation"] = {
        "ris": public_url("search.citation", report_id=report_id, kind="ris"),
        "bibtex": public_url("search.citation", report_id=report_id, kind="bib"),
    }
    return jsonify(record)
