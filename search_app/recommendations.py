"""``/api/recommendations`` and its export: the recommendations of every public review, each
with its review (id and page), number, wording and page, the review's themes, its recurring
cluster (if several reviews made it) and how far the actions that answer it have got; filtered
by words (searched through the index), nation, years, review type, board, theme, cluster and
whether it has an action. Read from the catalogue (``follow_up``), so a taken-down review's
recommendations leave every answer and count at once."""

from __future__ import annotations

from flask import jsonify, request

from . import row_filters
from .action_params import RECOMMENDATION_FILTERS, page_args
from .action_search import find_rows, matching_recommendations
from .downloads import export_response
from .follow_up import action_summary, public_follow_up
from .views import bp

RECOMMENDATION_FIELDS = (
    "key", "review_id", "review_url", "review_key", "report_id", "title", "number", "text",
    "page", "file_url", "year", "nation", "review_type", "board", "themes", "cluster",
    "cluster_label", "has_action", "action_count", "action_statuses", "overdue_actions",
)  # fmt: skip


def shown(row: dict) -> dict:
    """A recommendation as the API gives it: its actions in short (``actions``: count, by
    status, overdue, and their ids) and the same in flat columns for the CSV."""
    summary = action_summary(row)
    out = {name: row.get(name) for name in RECOMMENDATION_FIELDS if name in row}
    if row.get("html") is not None:
        out["html"] = row["html"]
    out.update(
        has_action=bool(row["actions"]),
        actions={**summary, "ids": [action["id"] for action in row["actions"]]},
        action_count=summary["count"],
        action_statuses="; ".join(f"{k}: {n}" for k, n in sorted(summary["status"].items())),
        overdue_actions=summary["overdue"],
    )
    return out


def find_recommendations(args) -> tuple[list[dict], list[dict], dict]:
    """(the recommendations asked for, those the words match before the filters, the filters)."""
    corpus = public_follow_up()
    # one row per recommendation, whichever of its places the index matches
    rows: dict[str, dict] = {}
    places = {}
    for place, row in corpus.recommendation_places.items():
        if row["key"] not in rows:
            rows[row["key"]] = shown(row)
        places[place] = rows[row["key"]]
    return find_rows(args, RECOMMENDATION_FILTERS, places, matching_recommendations)


@bp.get("/api/recommendations")
def api_recommendations():
    """The public reviews' recommendations, filtered, one page at a time, with facets."""
    found, matched, chosen = find_recommendations(request.args)
    page, size = page_args(request.args)
    start = (page - 1) * size
    return jsonify(
        {
            "total": len(found),
            "reviews": len({row["review_key"] for row in found}),
            "page": page,
            "size": size,
            "pages": max(1, -(-len(found) // size)),
            "facets": row_filters.facet_counts(RECOMMENDATION_FILTERS, matched, chosen),
            "recommendations": found[start : start + size],
        }
    )


@bp.get("/export/recommendations.<any(csv, json):kind>")
def export_recommendations(kind: str):
    """Every recommendation the filters find, as CSV or JSON."""
    found, _matched, chosen = find_recommendations(request.args)
    return export_response(kind, found, RECOMMENDATION_FIELDS, chosen, "recommendations")
