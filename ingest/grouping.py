"""Catalogue-level relations between reports: the review a document belongs to, near-duplicate
texts, and reviews whose documents include no action plan."""

from __future__ import annotations

import re
from collections import defaultdict

from sqlalchemy import select

from casereview.catalogue import Catalogue, Report, ReportState

from .metadata import similarity

# Two texts at least this alike are the same publication (re-saved, re-published elsewhere).
DUPLICATE_SIMILARITY = 0.9
ACTION_PLAN = "action plan"
CPR_TYPES = ("CPR-concise", "CPR-extended")

_NOT_CODE = re.compile(r"[^A-Z0-9/]+")


def normalise_code(code: str | None) -> str | None:
    """A review code in one spelling: "cpr  flint-2" and "CPR FLINT 2" are the same review."""
    if not code:
        return None
    key = _NOT_CODE.sub(" ", str(code).upper()).strip()
    return key[:200] or None


def review_key(extraction: dict, context: dict | None) -> str | None:
    """The review a document belongs to: the code the extractor found, else the code the
    publisher's listing gives."""
    return normalise_code(extraction.get("review_code")) or normalise_code(
        (context or {}).get("code")
    )


def link_duplicate(session, report: Report) -> int | None:
    """Link ``report`` to an earlier report with (nearly) the same text, so it is not indexed
    twice; returns the id linked to, if any."""
    if not report.text_fingerprint:
        return None
    candidates = session.execute(
        select(Report.id, Report.text_fingerprint).where(
            Report.id != report.id,
            Report.state == ReportState.INDEXED,
            Report.duplicate_of.is_(None),
            Report.text_fingerprint.is_not(None),
        )
    ).all()
    best_id, best = None, DUPLICATE_SIMILARITY
    for other_id, other_fingerprint in sorted(candidates):
        score = similarity(report.text_fingerprint, other_fingerprint)
        if score > best or (best_id is None and score == best):
            best_id, best = other_id, score
    report.duplicate_of = best_id
    return best_id


def reviews_missing_action_plan(
    catalogue: Catalogue, review_types: tuple[str, ...] | None = CPR_TYPES
) -> list[dict]:
    """Reviews (documents grouped by review key) none of whose documents is an action plan,
    for the librarians' work queue: ``[{"review_key", "review_type", "report_ids"}]``.
    Only reviews of ``review_types`` (CPRs by default; None for every type)."""
    with catalogue.session() as session:
        reports = session.scalars(
            select(Report).where(
                Report.review_key.is_not(None),
                Report.state == ReportState.INDEXED,
                Report.duplicate_of.is_(None),
                Report.suppressed.is_(False),
            )
        ).all()
        groups = defaultdict(list)
        for report in reports:
            groups[report.review_key].append((report.id, report.effective()))
    flagged = []
    for key, members in sorted(groups.items()):
        roles = {meta["document_role"] for _id, meta in members}
        types = sorted({meta["review_type"] for _id, meta in members if meta["review_type"]})
        if ACTION_PLAN in roles:
            continue
        if review_types is not None and not set(types) & set(review_types):
            continue
        flagged.append(
            {
                "review_key": key,
                "review_type": types[0] if types else None,
                "report_ids": sorted(i for i, _meta in members),
            }
        )
    return flagged
