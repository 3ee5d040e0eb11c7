"""Catalogue-level relations between reports: the review a document belongs to and near-duplicate
texts. (Reviews without an action plan: ``casereview.review_groups``.)"""

from __future__ import annotations

from sqlalchemy import select

from casereview.catalogue import Report, ReportState
from nlp.codes import normalise_code
from nlp.fields.role import NOT_A_REVIEW
from nlp.similarity import similarity

# Two texts at least this alike are the same publication (re-saved, re-published elsewhere).
DUPLICATE_SIMILARITY = 0.8

# The catalogue's review_key column holds at most this many characters.
MAX_KEY_CHARS = 200


def about_many_reviews(extraction: dict) -> bool:
    """An annual report, newsletter or thematic analysis: nlp calls its role "other", or its
    review type "other" because it is not a case review. It mentions reviews' codes without
    being a document of any of them."""
    fields = extraction.get("fields") or {}
    role = (fields.get("document_role") or {}).get("value")
    review_type = fields.get("review_type") or {}
    return role == "other" or (
        review_type.get("value") == "other"
        and str(review_type.get("evidence") or "").startswith(NOT_A_REVIEW)
    )


def review_key(extraction: dict, context: dict | None) -> str | None:
    """The review a document belongs to: the code the extractor found, else the code the
    publisher's listing gives, in nlp's one spelling ("CPR Flint 2" and "CPR FLINT-2" are
    "CPR-FLINT-2"). A document about many reviews belongs to none (``about_many_reviews``)."""
    if about_many_reviews(extraction):
        return None
    key = normalise_code(extraction.get("review_code")) or normalise_code(
        (context or {}).get("code")
    )
    return key[:MAX_KEY_CHARS] if key else None


def link_duplicate(session, report: Report) -> int | None:
    """Link near-duplicates so a text is indexed once: the report registered first (lowest id)
    stays the original whatever order extraction finished in. Returns the original's id when
    ``report`` is the duplicate."""
    if not report.text_fingerprint:
        return None
    candidates = session.execute(
        select(Report.id, Report.text_fingerprint)
        .where(
            Report.id != report.id,
            Report.state == ReportState.INDEXED,
            Report.duplicate_of.is_(None),
            Report.text_fingerprint.is_not(None),
        )
        .order_by(Report.id)
    ).all()
    best_id, best = None, DUPLICATE_SIMILARITY
    for other_id, other_fingerprint in candidates:
        score = similarity(report.text_fingerprint, other_fingerprint)
        if score > best or (best_id is None and score == best):
            best_id, best = other_id, score
    if best_id is None or best_id < report.id:
        report.duplicate_of = best_id
        return best_id
    # The match came first in the catalogue but finished later: it becomes the duplicate.
    for later in session.scalars(select(Report).where(Report.duplicate_of == best_id)):
        later.duplicate_of = report.id
    session.get(Report, best_id).duplicate_of = report.id
    return None
