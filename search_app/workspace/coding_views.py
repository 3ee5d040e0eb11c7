"""The coding page of one corpus document: its stored page text in sentences, the codebook, a
memo, and the passages the researcher may see. Without JavaScript the sentence checkboxes say
what to code; with it (``static/coding.js``) a free selection of the text fills the same form's
page, offsets and quote. One route takes both."""

from __future__ import annotations

from flask import abort, request

from coding import CodingError, codebook, passages, projects, reading

from .. import resources
from . import bp, changed, current_account, form_number, researcher_required, shown


def _number(raw: str) -> int | None:
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 6 else None


def _page_number() -> int:
    page = _number(request.args.get("page", "1"))
    if page is None:
        abort(404)
    return page


@bp.get("/<int:project_id>/documents/<int:report_id>", endpoint="document")
@researcher_required
def document_page(project_id: int, report_id: int):
    catalogue, account, page = resources.catalogue(), current_account(), _page_number()

    def read():
        shown_page = reading.document_page(catalogue, account, project_id, report_id, page)
        visible = passages.passages(catalogue, account, project_id, report_id)
        return {
            "project": projects.project(catalogue, account, project_id),
            "document": shown_page,
            "codes": codebook.codebook(catalogue, account, project_id),
            "passages": visible,
            "coded": reading.sentence_codes(shown_page.sentences, visible, page),
            "me": account.name,
        }

    return shown("workspace/document.html", read)


def _codes() -> list[int]:
    return [form_number("code", value) for value in request.form.getlist("code")]


def _selection() -> tuple[int, int] | None:
    """The offsets of a free selection, if the form has them."""
    start, end = request.form.get("start", "").strip(), request.form.get("end", "").strip()
    if not (start or end):
        return None
    return form_number("start", start), form_number("end", end)


@bp.post("/<int:project_id>/documents/<int:report_id>/passages")
@researcher_required
def apply_codes(project_id: int, report_id: int):
    def change():
        page = form_number("page")
        catalogue, account = resources.catalogue(), current_account()
        memo = request.form.get("memo", "")
        sentences = request.form.getlist("sentence")
        selection = _selection()
        if selection and sentences:
            raise CodingError("tick sentences or select a passage, not both")
        if selection:
            quote = request.form.get("quote", "")
            reading.apply_selection(
                catalogue, account, project_id, report_id, page, selection, quote, _codes(), memo
            )
            return "The selected passage is coded."
        numbers = [form_number("sentence", s) for s in sentences]
        if not numbers:
            raise CodingError("tick at least one sentence, or select a passage of the text")
        made = passages.apply_codes_to_sentences(
            catalogue, account, project_id, report_id, page, numbers, _codes(), memo
        )
        return f"{len(made)} passage(s) coded."

    return _back_to_page(project_id, report_id, change)


def _back_to_page(project_id: int, report_id: int, change):
    """Run ``change`` and return to the document's page the form came from."""
    page = _number(request.form.get("page", "")) or 1
    return changed(project_id, change, "workspace.document", report_id=report_id, page=page)


@bp.post("/<int:project_id>/documents/<int:report_id>/passages/<int:coding_id>/delete")
@researcher_required
def remove_passage(project_id: int, report_id: int, coding_id: int):
    def change():
        passages.delete_passage(resources.catalogue(), current_account(), project_id, coding_id)
        return "The passage is removed."

    return _back_to_page(project_id, report_id, change)


@bp.post("/<int:project_id>/coding")
@researcher_required
def open_coding(project_id: int):
    def change():
        is_open = request.form.get("open") == "1"
        projects.set_open_coding(resources.catalogue(), current_account(), project_id, is_open)
        if is_open:
            return "Coding is open: every member now sees every coder's passages."
        return "Coding is independent again: each coder sees only their own passages."

    return changed(project_id, change)
