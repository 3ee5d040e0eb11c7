"""Documents of one review, grouped by their normalised review code, and what a group lacks."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

CPR_TYPES = {"CPR-concise", "CPR-extended"}


def group_reviews(documents: Iterable[dict]) -> dict[str, list[dict]]:
    """{review code: documents} for documents given as flat values with a ``review_code``;
    documents without a code are left out."""
    groups: dict[str, list[dict]] = defaultdict(list)
    for document in documents:
        if document.get("review_code"):
            groups[document["review_code"]].append(document)
    return dict(groups)


def reviews_without_action_plan(documents: Iterable[dict]) -> list[str]:
    """Codes of Child Practice Reviews none of whose documents is an action plan (the research
    in shared/seeds recommends one for every review)."""
    missing = []
    for code, group in sorted(group_reviews(documents).items()):
        is_cpr = any(d.get("review_type") in CPR_TYPES for d in group)
        if is_cpr and not any(d.get("document_role") == "action plan" for d in group):
            missing.append(code)
    return missing
