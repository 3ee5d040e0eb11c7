"""The parameters of ``/api/actions``, ``/api/recommendations`` and their exports: the filters
of each (``row_filters``: registered, each checked, a wrong one a clear 400), the words and the
page."""

from __future__ import annotations

from casereview.vocabulary import (
    ACTION_STATUSES,
    AGENCIES,
    AGENCY_LABELS,
    NATIONS,
    RAG_RATINGS,
    REVIEW_TYPE_LABELS,
    REVIEW_TYPES,
)

from .facets import THEME_LABELS
from .params import ParamError
from .row_filters import AnyOf, Flag, SameText, YearRange, one_text

PAGE_SIZES = (20, 50, 100)
# Filters with a closed vocabulary, each repeatable (any of the values given).
CHOICES = {
    "agency": AGENCIES,
    "status": ACTION_STATUSES,
    "rag": RAG_RATINGS,
    "nation": NATIONS,
}
STATUS_LABELS = {status: status.capitalize() for status in ACTION_STATUSES}
# An action or recommendation that no other review repeats has no cluster.
NOT_RECURRING = {"none": "Not recurring"}

ACTION_FILTERS = [
    AnyOf("agency", "agency", AGENCIES, label="lead agency", labels=AGENCY_LABELS),
    AnyOf("status", "status", ACTION_STATUSES, label="status", labels=STATUS_LABELS),
    Flag("overdue", "overdue", label="overdue", labels=("Overdue", "Not overdue")),
    AnyOf(
        "cluster",
        "cluster",
        label="recurring recommendation",
        label_field="cluster_label",
        labels=NOT_RECURRING,
    ),
    AnyOf("rag", "rag", RAG_RATINGS),
    AnyOf("nation", "nation", NATIONS),
    SameText("board", "board"),
    SameText("review", "review_key"),
]

RECOMMENDATION_FILTERS = [
    AnyOf("nation", "nation", NATIONS, label="nation"),
    YearRange(),
    AnyOf("review_type", "review_type", REVIEW_TYPES, label="review type",
          labels=REVIEW_TYPE_LABELS),
    SameText("board", "board"),
    AnyOf("theme", "themes", tuple(THEME_LABELS), label="theme", labels=THEME_LABELS),
    AnyOf("cluster", "cluster", label="recurring recommendation", label_field="cluster_label",
          labels=NOT_RECURRING),
    Flag("has_action", "has_action", ("yes", "no"), label="has an action"),
]  # fmt: skip


def words(args) -> str | None:
    """The words to search for (``q``), or None."""
    return one_text(args, "q")


def page_args(args) -> tuple[int, int]:
    try:
        page = int(args.get("page") or 1)
        size = int(args.get("size") or PAGE_SIZES[0])
    except ValueError as error:
        raise ParamError("‘page’ and ‘size’ must be whole numbers.") from error
    if page < 1 or page > 10_000 or size not in PAGE_SIZES:
        raise ParamError(f"‘page’ must be 1 or more and ‘size’ one of {PAGE_SIZES}.")
    return page, size
