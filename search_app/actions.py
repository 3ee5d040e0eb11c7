"""A review's recommendations and actions on the public routes: ``/actions`` (the actions
page: words searched through the index, facets by lead agency, status, overdue and recurring
recommendation), ``/api/actions`` (filtered and paginated, with counts and the same facets),
their export as CSV or JSON, and the follow-up shown on a review's page.

Actions are read from the catalogue (``follow_up``); words are matched by the index
(``action_search``), and only rows the catalogue shows are kept: only the actions of action
plans the public may see (extracted, not taken down, not a near-duplicate) appear on any route
or in any count, from the moment a plan is taken down.
"""

from __future__ import annotations

from collections import Counter
from urllib.parse import urlencode

from flask import jsonify, render_template, request
from werkzeug.datastructures import MultiDict

from casereview.catalogue import Report
from casereview.review_groups import ACTION_PLAN
from index_mappings.documents import shown_values
from nlp.action_plans.matching import follow_up

from . import row_filters
from .action_params import ACTION_FILTERS, PAGE_SIZES, page_args
from .action_search import find_rows, matching_actions
from .downloads import export_response
from .follow_up import plan_rows, public_follow_up
from .security import public_url
from .views import bp

# The export's columns (a status update's history stays in the JSON).
ACTION_FIELDS = (
    "id", "report_id", "position", "review_key", "permalink", "plan_title", "board", "nation",
    "year", "recommendation_number", "recommendation", "action", "lead", "agency",
    "agency_label", "timescale", "due", "status", "plan_status", "rag", "overdue", "evidence",
    "page", "cluster", "cluster_label",
)  # fmt: skip


def find_actions(args) -> tuple[list[dict], list[dict], dict]:
    """(the actions the query string asks for, the rows before the filters, the filters)."""
    corpus = public_follow_up()
    return find_rows(args, ACTION_FILTERS, corpus.action_places, matching_actions)


def counts(rows: list[dict]) -> dict:
    """How many of the actions found fall in each agency and status, and how many are
    overdue (counts of actions, and of the reviews they belong to)."""
    return {
        "agency": dict(Counter(row["agency"] or "none" for row in rows)),
        "status": dict(Counter(row["status"] or "none" for row in rows)),
        "overdue": sum(row["overdue"] for row in rows),
        "reviews": len({row["review_key"] for row in rows}),
    }


def _listing(args) -> dict:
    found, matched, chosen = find_actions(args)
    page, size = page_args(args)
    start = (page - 1) * size
    return {
        "total": len(found),
        "page": page,
        "size": size,
        "pages": max(1, -(-len(found) // size)),
        "counts": counts(found),
        "facets": row_filters.facet_counts(ACTION_FILTERS, matched, chosen),
        "actions": found[start : start + size],
        "chosen": chosen,
    }


@bp.get("/api/actions")
def api_actions():
    """The actions of the public action plans, filtered, one page at a time, with facets."""
    listing = _listing(request.args)
    listing.pop("chosen")
    return jsonify(listing)


def _without(args, name: str, value: str | None = None) -> str:
    """The query string ``args`` without ``name`` (or without only its ``value``), page 1."""
    kept = MultiDict(
        (k, v) for k, v in args.items(multi=True)
        if k != "page" and not (k == name and (value is None or v == value))
    )  # fmt: skip
    return urlencode(list(kept.items(multi=True)))


@bp.get("/actions")
def actions_page():
    """Search the actions of every public action plan, with facets."""
    listing = _listing(request.args)
    return render_template(
        "actions.html",
        listing=listing,
        args=request.args,
        page_sizes=PAGE_SIZES,
        without=lambda name, value=None: _without(request.args, name, value),
    )


@bp.get("/export/actions.<any(csv, json):kind>")
def export_actions(kind: str):
    """Every action the filters find, as CSV or JSON."""
    found, _matched, chosen = find_actions(request.args)
    return export_response(kind, found, ACTION_FIELDS, chosen, "actions")


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
