"""What every public review recommended and what its action plan does about it, read from the
catalogue in one pass: the recommendations (each with its recurring cluster and the actions
that answer it), the actions (each with its recommendation's cluster) and the reviews they
belong to. ``/api/recommendations``, ``/api/actions``, the actions page and the follow-up
statistics are built from it, so a taken-down review leaves all of them at once.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy.orm import selectinload

from casereview.actions import current_status, is_overdue, updates_of
from casereview.catalogue import Action, Report
from casereview.cluster_links import cluster_links
from casereview.curation import review_key_of
from casereview.vocabulary import AGENCY_LABELS
from index_mappings.documents import principal_rank, shown_values
from nlp.action_plans.matching import follow_up

from . import resources
from .clusters import DEFAULT_MIN_REVIEWS, clusters_of, public_reports, recommendations_of
from .security import public_url

# A review's values, for filters and counts: its principal document's (themes: all of theirs).
REVIEW_VALUES = ("title", "nation", "year", "review_type", "board")


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
                # a file's name and content stay with the librarians: only that there is one
                "evidence_file": bool(u.evidence_sha256),
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


@dataclass
class FollowUp:
    reviews: dict[str, dict] = field(default_factory=dict)
    recommendations: list[dict] = field(default_factory=list)
    actions: list[dict] = field(default_factory=list)
    clusters: list[dict] = field(default_factory=list)
    # Where the index finds each row: (report id, place in the document) -> the row.
    recommendation_places: dict[tuple[int, int], dict] = field(default_factory=dict)
    action_places: dict[tuple[int, int], dict] = field(default_factory=dict)


def _reviews(reports: list[Report]) -> dict[str, dict]:
    """{review key: its id (first public document's), page, values and themes}."""
    grouped: dict[str, list[Report]] = defaultdict(list)
    for report in reports:
        grouped[review_key_of(report)].append(report)
    reviews = {}
    for key, members in grouped.items():
        values = [shown_values(m) for m in members]
        lead = min(values, key=lambda v: principal_rank(v.get("document_role")))
        review_id = min(m.id for m in members)
        reviews[key] = {
            "review_key": key,
            "review_id": review_id,
            "review_url": public_url("search.review", report_id=review_id),
            **{name: lead.get(name) for name in REVIEW_VALUES},
            "themes": sorted({t for v in values for t in v.get("themes") or []}),
        }
    return reviews


def _recommendation_row(item: dict, review: dict) -> dict:
    row = {k: v for k, v in item.items() if k != "places"}
    row.update(
        review_id=review["review_id"],
        review_url=review["review_url"],
        review_type=review["review_type"],
        themes=review["themes"],
        file_url=public_url("search.report_file", report_id=item["report_id"]),
        cluster=None,
        cluster_label=None,
        actions=[],
    )
    for name in ("nation", "year", "board"):
        row[name] = row[name] or review[name]
    return row


def _link(recommendations: list[dict], actions: list[dict]) -> None:
    """Each review's recommendations matched to its plan's actions (``follow_up``): a
    recommendation lists the ids of its actions, an action carries its recommendation's key
    and cluster."""
    by_review: dict[str, list[dict]] = defaultdict(list)
    for row in recommendations:
        by_review[row["review_key"]].append(row)
    plans: dict[str, list[dict]] = defaultdict(list)
    for row in actions:
        plans[row["review_key"]].append(row)
    for review, answering in plans.items():
        for entry in follow_up(by_review.get(review, []), answering):
            made = entry["recommendation"]
            for action in entry["actions"]:
                action["recommendation_key"] = made["key"] if made else None
                action["cluster"] = made["cluster"] if made else None
                action["cluster_label"] = made["cluster_label"] if made else None
                if made:
                    made["actions"].append(action)


def action_summary(row: dict) -> dict:
    """A recommendation's actions in short: how many, by status, how many overdue."""
    answering = row["actions"]
    return {
        "count": len(answering),
        "status": dict(Counter(a["status"] or "none" for a in answering)),
        "overdue": sum(a["overdue"] for a in answering),
    }


def public_follow_up(min_reviews: int = DEFAULT_MIN_REVIEWS) -> FollowUp:
    """The recommendations, actions, recurring clusters (made by ``min_reviews`` reviews or
    more) and reviews of every public document, linked."""
    with resources.catalogue().session() as session:
        reports = public_reports(session, selectinload(Report.actions))
        items = recommendations_of(reports)
        actions = plan_rows(session, [r for r in reports if r.actions])
        links = cluster_links(session)
    reviews = _reviews(reports)
    clusters = clusters_of(items, links, min_reviews)
    cluster_of = {row["key"]: c for c in clusters for row in c["recommendations"]}
    found = FollowUp(reviews=reviews, clusters=clusters)
    for item in items:
        row = _recommendation_row(item, reviews[item["review_key"]])
        if chosen := cluster_of.get(row["key"]):
            row["cluster"], row["cluster_label"] = chosen["key"], chosen["label"]
        found.recommendations.append(row)
        found.recommendation_places.update((place, row) for place in item["places"])
    for action in actions:
        action.update(recommendation_key=None, cluster=None, cluster_label=None)
    _link(found.recommendations, actions)
    offsets: Counter = Counter()
    for action in actions:
        found.action_places[(action["report_id"], offsets[action["report_id"]])] = action
        offsets[action["report_id"]] += 1
    found.actions = actions
    return found
