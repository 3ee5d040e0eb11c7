"""A review's recommendations and actions, read from the catalogue: ``/api/actions`` (filtered
and paginated, with counts by agency, status and overdue), their export as CSV or JSON, and the
follow-up shown on a review's page.

Actions are served from the catalogue, not the index: only the actions of action plans the
public may see (``index_mappings.documents.is_searchable``: extracted, not taken down, not a
near-duplicate) appear on any route or in any count, from the moment a plan is taken down.
"""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import UTC, datetime

from flask import Response, jsonify, request, stream_with_context
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from casereview.actions import current_status, is_overdue, updates_of
from casereview.catalogue import Action, Report, ReportState
from casereview.curation import is_taken_down, review_key_of
from casereview.review_groups import ACTION_PLAN
from casereview.vocabulary import AGENCY_LABELS
from index_mappings.documents import is_searchable, shown_values
from nlp.action_plans.matching import follow_up

from . import resources
from .action_params import CHOICES, page_args, parse_filters
from .research import csv_stream, json_stream
from .security import public_url
from .views import bp

# The export's columns (a status update's history stays in the JSON).
ACTION_FIELDS = (
    "id", "report_id", "position", "review_key", "permalink", "plan_title", "board", "nation",
    "year", "recommendation_number", "recommendation", "action", "lead", "agency",
    "agency_label", "timescale", "due", "status", "plan_status", "rag", "overdue", "evidence",
    "page",
)  # fmt: skip


def action_row(action: Action, report: Report, values: dict, updates: list) -> dict:
    """One action as the public routes give it; its status is the newest a librarian
    recorded (``updates``, oldest first), else the plan's (``plan_status``)."""
    status = current_status(action, updates)
    return {
        "id": action.id,
        "report_id": report.id,
        "position": action.position,
        "review_key": review_key_of(report),
        "permalink": public_url("search.review", report_id=report.id),
        "plan_title": values.get("title") or report.filename,
        "board": values.get("board"),
        "nation": values.get("nation"),
        "year": values.get("year"),
        "recommendation_number": action.recommendation_number,
        "recommendation": action.recommendation,
        "action": action.action,
        "lead": action.lead,
        "agency": action.agency,
        "agency_label": AGENCY_LABELS.get(action.agency or "", None),
        "timescale": action.timescale,
        "due": action.due,
        "status": status,
        "plan_status": action.status,
        "rag": action.rag,
        "overdue": is_overdue(action.due, status),
        "evidence": action.evidence,
        "page": action.page,
        "updates": [
            {
                "date": u.date,
                "status": u.status,
                "note": u.note,
                "evidence_url": u.evidence_url or None,
            }
            for u in updates
        ],
    }


def plan_rows(session, reports: list[Report]) -> list[dict]:
    """The actions of these plans, with their status updates (one query for all)."""
    updates = updates_of(session, [report.id for report in reports])
    rows = []
    for report in reports:
        values = shown_values(report)
        rows.extend(
            action_row(action, report, values, updates.get((report.id, action.position), []))
            for action in report.actions
        )
    return rows


def public_actions() -> list[dict]:
    """Every action of the action plans the public may see, plan by plan, row by row."""
    with resources.catalogue().session() as session:
        reports = session.scalars(
            select(Report)
            .where(Report.id.in_(select(Action.report_id)))
            .where(Report.state == ReportState.INDEXED)
            .options(selectinload(Report.actions), selectinload(Report.overrides))
            .order_by(Report.id)
        )
        public = [r for r in reports if is_searchable(r) and not is_taken_down(session, r)]
        return plan_rows(session, public)


def _kept(row: dict, filters: dict) -> bool:
    for name in CHOICES:
        wanted = filters[name]
        value = row[name] if not (name == "status" and row[name] is None) else "none"
        if wanted and value not in wanted:
            return False
    if filters["overdue"] is not None and row["overdue"] != filters["overdue"]:
        return False
    if filters["board"] and (row["board"] or "").lower() != filters["board"].lower():
        return False
    if filters["review"] and row["review_key"] != filters["review"]:
        return False
    text = f"{row['recommendation']} {row['action']} {row['lead']}".lower()
    return not filters["q"] or filters["q"] in text


def find_actions(filters: dict) -> list[dict]:
    return [row for row in public_actions() if _kept(row, filters)]


def counts(rows: list[dict]) -> dict:
    """How many of the actions found fall in each agency and status, and how many are
    overdue (counts of actions, and of the reviews they belong to)."""
    return {
        "agency": dict(Counter(row["agency"] or "none" for row in rows)),
        "status": dict(Counter(row["status"] or "none" for row in rows)),
        "overdue": sum(row["overdue"] for row in rows),
        "reviews": len({row["review_key"] for row in rows}),
    }


@bp.get("/api/actions")
def api_actions():
    """The actions of the public action plans, filtered, one page at a time."""
    filters = parse_filters(request.args)
    page, size = page_args(request.args)
    rows = find_actions(filters)
    start = (page - 1) * size
    return jsonify(
        {
            "total": len(rows),
            "page": page,
            "size": size,
            "counts": counts(rows),
            "actions": rows[start : start + size],
        }
    )


@bp.get("/export/actions.<any(csv, json):kind>")
def export_actions(kind: str):
    """Every action the filters find, as CSV or JSON."""
    filters = parse_filters(request.args)
    rows = find_actions(filters)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    if kind == "csv":
        body, mimetype = csv_stream(iter(rows), ACTION_FIELDS), "text/csv"
    else:
        meta = {k: sorted(v) if isinstance(v, set) else v for k, v in filters.items()}
        body, mimetype = json_stream(iter(rows), meta, "actions"), "application/json"
    return Response(
        stream_with_context(itertools.chain(body)),
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="actions-{stamp}.{kind}"'},
    )


def review_follow_up(session, members: list[Report]) -> list[dict]:
    """The review's recommendations (from its documents other than the plan) with the plan's
    actions that answer them, then the plan's recommendations the report does not make;
    [] when the review has neither. ``members``: the review's public documents
    (``casereview.curation.public_members``)."""
    plans = [m for m in members if shown_values(m).get("document_role") == ACTION_PLAN]
    actions = plan_rows(session, plans)
    recommendations: list[dict] = []
    seen: set[str] = set()
    for member in members:
        if member in plans:
            continue
        for item in (member.extraction or {}).get("recommendations", []):
            text = item.get("text", "")
            if item.get("kind", "recommendation") != "recommendation" or text in seen:
                continue
            seen.add(text)
            recommendations.append(
                {
                    "number": item.get("number"),
                    "text": text,
                    "page": item.get("page"),
                    "report_id": member.id,
                    "file_url": public_url("search.report_file", report_id=member.id),
                }
            )
    if not actions:
        return []
    return follow_up(recommendations, actions)
