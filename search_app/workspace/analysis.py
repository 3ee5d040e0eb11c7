"""A project's exports and analysis pages, on the workspace blueprint: coded excerpts as CSV
and JSON, the REFI-QDA project (``.qdpx``) and codebook (``.qdc``, both ways), code frequencies
and co-occurrences with the passages behind each count, and the passages re-extraction left
unanchored. Members only (a stranger gets 404); what each member sees is the ``coding`` stage's
rule (``coding.export``). Importing this module also hooks the re-anchoring into ingest, for the
librarians' "extract again" (``coding.anchoring``)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from flask import Response, abort, flash, redirect, render_template, request, url_for

from coding import CodingError, NotFound, analysis, anchoring, export, qdpx

from .. import resources
from ..facets import REVIEW_TYPE_LABELS
from ..research import csv_stream
from ..security import public_url
from . import bp, changed, current_account, researcher_required


def _review_url(report_id: int) -> str:
    return public_url("search.review", report_id=report_id)


def _excerpts(project_id: int) -> export.ProjectExcerpts:
    try:
        return export.project_excerpts(
            resources.catalogue(), current_account(), project_id, _review_url
        )
    except NotFound:
        abort(404)


def _download(body, mimetype: str, project_id: int, suffix: str) -> Response:
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    name = f"project-{project_id}-{stamp}.{suffix}"
    return Response(
        body,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.get("/<int:project_id>/export.<any(csv, json):kind>")
@researcher_required
def export_excerpts(project_id: int, kind: str):
    found = _excerpts(project_id)
    if kind == "csv":
        rows = (e.as_row() for e in found.excerpts)
        body = "".join(csv_stream(rows, export.EXCERPT_FIELDS))
        return _download(body, "text/csv", project_id, "csv")
    body = json.dumps(export.excerpts_json(found), ensure_ascii=False, indent=1)
    return _download(body, "application/json", project_id, "json")


@bp.get("/<int:project_id>/export.qdpx")
@researcher_required
def export_qdpx(project_id: int):
    found = _excerpts(project_id)
    made = qdpx.project_qdpx(resources.catalogue(), current_account(), project_id, found)
    return _download(made.data, "application/zip", project_id, "qdpx")


@bp.get("/<int:project_id>/codebook.qdc")
@researcher_required
def export_qdc(project_id: int):
    try:
        data = qdpx.codebook_qdc(resources.catalogue(), current_account(), project_id)
    except NotFound:
        abort(404)
    except CodingError as error:
        flash(str(error), "error")
        return redirect(url_for("workspace.project", project_id=project_id))
    return _download(data, "application/xml", project_id, "qdc")


@bp.post("/<int:project_id>/codebook/import")
@researcher_required
def import_qdc(project_id: int):
    request.max_content_length = qdpx.MAX_QDC_BYTES + 64 * 1024

    def change():
        upload = request.files.get("qdc")
        if upload is None or not upload.filename:
            raise CodingError("choose a codebook file (.qdc) to import")
        data = upload.stream.read(qdpx.MAX_QDC_BYTES + 1)
        done = qdpx.import_qdc(resources.catalogue(), current_account(), project_id, data)
        return f"{done.added} code(s) imported; {done.present} already in the codebook."

    return changed(project_id, change)


def _type_label(value) -> str:
    return REVIEW_TYPE_LABELS.get(value, value) if value else "not known"


@bp.get("/<int:project_id>/analysis")
@researcher_required
def analysis_page(project_id: int):
    found = _excerpts(project_id)
    return render_template(
        "workspace/analysis.html",
        project_id=project_id,
        result=analysis.analyse(found),
        unanchored=sum(1 for e in found.excerpts if not e.anchored),
        type_label=_type_label,
    )


def _passages_page(project_id: int, title: str, wanted, keep):
    """The passages page: the excerpts ``keep`` chooses, under ``title`` and ``wanted``'s
    description (None: the unanchored passages)."""
    found = _excerpts(project_id)
    names = {i: p for e in found.excerpts for i, p in zip(e.code_ids, e.code_paths, strict=True)}
    return render_template(
        "workspace/analysis_passages.html",
        project_id=project_id,
        project_name=found.project_name,
        wanted=wanted,
        names=names,
        dimensions=analysis.DIMENSIONS,
        excerpts=keep(found.excerpts),
        title=title,
    )


@bp.get("/<int:project_id>/passages")
@researcher_required
def analysis_passages(project_id: int):
    try:
        wanted = analysis.PassageFilter.from_args(request.args)
    except CodingError as error:
        abort(400, description=str(error))
    return _passages_page(project_id, "Passages", wanted, wanted.select)


@bp.get("/<int:project_id>/unanchored")
@researcher_required
def analysis_unanchored(project_id: int):
    return _passages_page(
        project_id,
        "Unanchored passages",
        None,
        lambda excerpts: [e for e in excerpts if not e.anchored],
    )


# The re-anchoring runs wherever the app extracts again; referenced so the import stays.
REANCHORING = anchoring.reanchor_after_extraction
