"""Recurring recommendations: the public reviews' recommendations clustered by meaning
(``nlp.clusters``), each cluster with how many reviews made it, in which years and nations, by
which boards, and the reviews themselves linked to the page. ``/clusters``, ``/api/clusters``
and their export; read from the catalogue, so a taken-down review's recommendations leave every
cluster and count at once.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from flask import jsonify, render_template, request
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from casereview.catalogue import Report, ReportState
from casereview.cluster_links import cluster_links
from casereview.curation import review_key_of
from casereview.review_groups import ACTION_PLAN
from index_mappings.documents import is_searchable, shown_values
from nlp.clusters import central, cluster
from nlp.themes import tag_themes, theme_label

from . import resources
from .downloads import export_response
from .params import ParamError
from .security import public_url
from .views import bp

DEFAULT_MIN_REVIEWS = 2
MAX_MIN_REVIEWS = 100
CLUSTER_FIELDS = ("key", "label", "review_count", "years", "nations", "boards", "themes")


def text_key(text: str) -> str:
    """A recommendation's identity within its document: its words, hashed."""
    words = re.sub(r"[^a-z0-9]+", " ", (text or "").lower()).strip()
    return hashlib.sha1(words.encode()).hexdigest()[:12]


def public_reports(session, *options) -> list[Report]:
    """Every document the public may see (extracted, not taken down, not a near-duplicate),
    in id order, with its overrides (and ``options``) loaded."""
    reports = session.scalars(
        select(Report)
        .where(Report.state == ReportState.INDEXED)
        .options(selectinload(Report.overrides), *options)
        .order_by(Report.id)
    )
    return [r for r in reports if is_searchable(r)]


def recommendations_of(reports: list[Report]) -> list[dict]:
    """Each recommendation of these documents once per review (a summary repeating its
    report's is one), with its review's year, nation and board; action plans left out.
    ``places``: every (report id, place in its extraction) that holds the same wording."""
    items: list[dict] = []
    found: dict[tuple[str, str], dict] = {}
    for report in reports:
        values = shown_values(report)
        if values.get("document_role") == ACTION_PLAN:
            continue
        review = review_key_of(report)
        for offset, rec in enumerate((report.extraction or {}).get("recommendations", [])):
            if rec.get("kind", "recommendation") != "recommendation":
                continue
            identity = (review, text_key(rec.get("text", "")))
            if identity in found:
                found[identity]["places"].append((report.id, offset))
                continue
            found[identity] = item = {
                "key": f"{report.id}:{identity[1]}",
                "text": rec.get("text", ""),
                "number": rec.get("number"),
                "page": rec.get("page"),
                "report_id": report.id,
                "review_key": review,
                "title": values.get("title") or report.filename,
                "year": values.get("year"),
                "nation": values.get("nation"),
                "board": values.get("board"),
                "permalink": public_url("search.review", report_id=report.id),
                "places": [(report.id, offset)],
            }
            items.append(item)
    return items


@lru_cache(maxsize=4096)
def themes_of(text: str) -> tuple[str, ...]:
    """The labels of the taxonomy's themes read in ``text`` (a cluster's wordings), kept for
    the next request: the same wordings give the same themes (what is public is decided
    before, on every request)."""
    themes, _evidence = tag_themes([text])
    return tuple(theme_label(slug) for slug in themes)


@lru_cache(maxsize=8)
def _groups(wordings: tuple[tuple[str, str], ...], links: tuple) -> tuple[tuple[int, ...], ...]:
    """``nlp.clusters.cluster`` of (key, text) ``wordings``, kept for the next request: the
    clustering is most of a follow-up route's time and changes only when a public wording or a
    librarian's link does (what is public is decided before, on every request)."""
    items = [{"key": key, "text": text} for key, text in wordings]
    return tuple(tuple(members) for members in cluster(items, list(links)))


def clusters_of(items: list[dict], links, min_reviews: int = DEFAULT_MIN_REVIEWS) -> list[dict]:
    """The clusters of ``items`` (``recommendations_of``) made by at least ``min_reviews``
    reviews, most reviews first, with the librarians' corrections (``links``) applied."""
    found = []
    wordings = tuple((item["key"], item["text"]) for item in items)
    for members in _groups(wordings, tuple(links)):
        rows = [items[n] for n in members]
        reviews = {row["review_key"] for row in rows}
        if len(reviews) < min_reviews:
            continue
        texts = [row["text"] for row in rows]
        found.append(
            {
                "key": min(row["key"] for row in rows),
                "label": texts[central(texts)],
                "review_count": len(reviews),
                "years": sorted({row["year"] for row in rows if row["year"]}),
                "nations": sorted({row["nation"] for row in rows if row["nation"]}),
                "boards": sorted({row["board"] for row in rows if row["board"]}),
                "themes": list(themes_of(" ".join(texts))),
                "recommendations": sorted(
                    ({k: v for k, v in row.items() if k != "places"} for row in rows),
                    key=lambda row: (row["year"] or 0, row["report_id"]),
                    reverse=True,
                ),
            }
        )
    return sorted(found, key=lambda c: (-c["review_count"], c["label"]))


def recurring_clusters(min_reviews: int = DEFAULT_MIN_REVIEWS) -> list[dict]:
    """The clusters of every public recommendation made by at least ``min_reviews`` reviews."""
    with resources.catalogue().session() as session:
        items = recommendations_of(public_reports(session))
        links = cluster_links(session)
    return clusters_of(items, links, min_reviews)


def _min_reviews() -> int:
    raw = request.args.get("min_reviews") or str(DEFAULT_MIN_REVIEWS)
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_MIN_REVIEWS:
        raise ParamError(f"‘min_reviews’ must be a whole number from 1 to {MAX_MIN_REVIEWS}.")
    return int(raw)


@bp.get("/clusters")
def clusters_page():
    min_reviews = _min_reviews()
    return render_template(
        "clusters.html", clusters=recurring_clusters(min_reviews), min_reviews=min_reviews
    )


@bp.get("/api/clusters")
def api_clusters():
    found = recurring_clusters(_min_reviews())
    return jsonify({"total": len(found), "clusters": found})


@bp.get("/export/clusters.<any(csv, json):kind>")
def export_clusters(kind: str):
    min_reviews = _min_reviews()
    found = recurring_clusters(min_reviews)
    meta = {"min_reviews": min_reviews}
    return export_response(kind, found, CLUSTER_FIELDS, meta, "clusters", stamped=False)
