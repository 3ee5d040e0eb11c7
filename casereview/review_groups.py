"""What the documents of one review lack. The one home of "reviews missing an action plan", used
by the librarians' work queue (``casereview.workqueue``) and by nlp's grouping of extracted
documents; a review's documents are given as their metadata values."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

ACTION_PLAN = "action plan"
# Child Practice Reviews: Welsh guidance expects an action plan with every one.
CPR_TYPES = ("CPR-concise", "CPR-extended")


def has_action_plan(documents: Iterable[Mapping]) -> bool:
    """True when one of the documents is an action plan."""
    return any(document.get("document_role") == ACTION_PLAN for document in documents)


def reviews_missing_action_plan(
    reviews: Mapping[str, Sequence[Mapping]], review_types: Iterable[str] | None = None
) -> list[str]:
    """Keys of the reviews none of whose documents is an action plan, in key order; with
    ``review_types``, only reviews with a document of one of those types."""
    wanted = set(review_types) if review_types is not None else None
    return [
        key
        for key, documents in sorted(reviews.items())
        if not has_action_plan(documents)
        and (wanted is None or any(d.get("review_type") in wanted for d in documents))
    ]
