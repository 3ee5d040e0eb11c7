"""The parameters of ``/api/actions`` and the actions export: filters by agency, status, RAG
rating, nation, board, review, words and overdue, and the page; each checked, a wrong one a
clear 400 (``params.ParamError``)."""

from __future__ import annotations

from casereview.vocabulary import ACTION_STATUSES, AGENCIES, NATIONS, RAG_RATINGS

from .params import ParamError

PAGE_SIZES = (20, 50, 100)
# Filters with a closed vocabulary, each repeatable (any of the values given).
CHOICES = {
    "agency": AGENCIES,
    "status": (*ACTION_STATUSES, "none"),
    "rag": RAG_RATINGS,
    "nation": NATIONS,
}
MAX_TEXT = 200


def _one(args, name: str) -> str | None:
    value = (args.get(name) or "").strip()
    if len(value) > MAX_TEXT:
        raise ParamError(f"‘{name}’ is too long.")
    return value or None


def parse_filters(args) -> dict:
    """The filters of ``/api/actions`` from the query string; a ParamError (400) says what is
    wrong with one."""
    filters: dict = {}
    for name, allowed in CHOICES.items():
        values = [v for v in args.getlist(name) if v]
        wrong = [v for v in values if v not in allowed]
        if wrong:
            raise ParamError(f"‘{name}’ must be one of: {', '.join(allowed)}.")
        filters[name] = set(values)
    overdue = _one(args, "overdue")
    if overdue not in (None, "true", "false"):
        raise ParamError("‘overdue’ must be ‘true’ or ‘false’.")
    filters["overdue"] = None if overdue is None else overdue == "true"
    filters["board"] = _one(args, "board")
    filters["review"] = _one(args, "review")
    filters["q"] = (_one(args, "q") or "").lower() or None
    return filters


def page_args(args) -> tuple[int, int]:
    try:
        page = int(args.get("page") or 1)
        size = int(args.get("size") or PAGE_SIZES[0])
    except ValueError as error:
        raise ParamError("‘page’ and ‘size’ must be whole numbers.") from error
    if page < 1 or page > 10_000 or size not in PAGE_SIZES:
        raise ParamError(f"‘page’ must be 1 or more and ‘size’ one of {PAGE_SIZES}.")
    return page, size
