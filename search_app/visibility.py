"""The catalogue has the last word on what the public sees: a hit from the index is shown only
if its report is still public in the catalogue (``index_mappings.documents.is_searchable``:
extracted, not taken down, not a near-duplicate).

The index follows the catalogue within one reconcile of the engine answering; this check closes
that gap for take-downs, so a report taken down while the engine was away, or in the seconds
before the reconciler runs, is never shown, nor counted:

- ``without_hidden`` adds to every request body a filter that leaves out the reports whose
  index change is still pending and which the catalogue no longer shows, so hits, totals, facet
  counts and statistics agree with the catalogue;
- ``public_hits`` checks the hits themselves against the catalogue, whatever the index holds.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sqlalchemy import select
from sqlalchemy.orm import load_only

from casereview.catalogue import IndexChange, Report
from index_mappings.documents import is_searchable

from . import resources

CHECK_BATCH = 500


def _report_id(hit: dict) -> int | None:
    value = hit.get("_source", {}).get("report_id", hit.get("_id"))
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def public_ids(report_ids: Iterable[int]) -> set[int]:
    """Those of ``report_ids`` the catalogue lets the public see."""
    ids = sorted({rid for rid in report_ids if rid is not None})
    if not ids:
        return set()
    with resources.catalogue().session() as session:
        reports = session.scalars(select(Report).where(Report.id.in_(ids)))
        return {report.id for report in reports if is_searchable(report)}


def public_hits(hits: list[dict]) -> list[dict]:
    """The engine's hits without those the catalogue no longer shows, in order."""
    shown = public_ids(_report_id(hit) for hit in hits)
    return [hit for hit in hits if _report_id(hit) in shown]


def _documents(hit: dict) -> list[dict]:
    return hit.get("inner_hits", {}).get("documents", {}).get("hits", {}).get("hits", [])


def public_reviews(hits: list[dict]) -> list[dict]:
    """``public_hits`` for collapsed results: each review's hit and its inner documents, checked
    in one catalogue query."""
    shown = public_ids(_report_id(h) for hit in hits for h in (hit, *_documents(hit)))
    kept = []
    for hit in hits:
        if _report_id(hit) not in shown:
            continue
        if documents := _documents(hit):
            hit["inner_hits"]["documents"]["hits"]["hits"] = [
                d for d in documents if _report_id(d) in shown
            ]
        kept.append(hit)
    return kept


def stream_public_hits(hits: Iterable[dict]) -> Iterator[dict]:
    """``public_hits`` over a long stream (exports), checked ``CHECK_BATCH`` hits at a time."""
    batch: list[dict] = []
    for hit in hits:
        batch.append(hit)
        if len(batch) >= CHECK_BATCH:
            yield from public_hits(batch)
            batch = []
    yield from public_hits(batch)


def hidden_pending_ids() -> list[int]:
    """Reports with an index change still pending that the catalogue does not show (taken
    down, removed, a near-duplicate, not extracted): the index may still hold them."""
    with resources.catalogue().session() as session:
        pending = set(session.scalars(select(IndexChange.report_id).distinct()))
        if not pending:
            return []
        reports = session.scalars(
            select(Report)
            .where(Report.id.in_(sorted(pending)))
            .options(load_only(Report.state, Report.suppressed, Report.duplicate_of))
        )
        shown = {report.id for report in reports if is_searchable(report)}
    return sorted(pending - shown)


def without_hidden(body: dict) -> dict:
    """``body`` with its query narrowed to leave out ``hidden_pending_ids`` (aggregations and
    totals follow the query); the body unchanged when nothing is pending."""
    hidden = hidden_pending_ids()
    if not hidden:
        return body
    query = body.get("query", {"match_all": {}})
    excluded = {"ids": {"values": [str(rid) for rid in hidden]}}
    return {**body, "query": {"bool": {"must": [query], "must_not": [excluded]}}}
