"""Request parameters to ``SearchParams``: every bad value becomes a ``ParamError`` with a message
a person can act on (shown on a 400 page, or as JSON by the API)."""

from __future__ import annotations

from urllib.parse import urlencode

from . import facets, queries

PAGE_SIZES = (10, 20, 50)
DEFAULT_PAGE_SIZE = 10


class ParamError(ValueError):
    """A parameter that cannot be used; ``str(error)`` says what to do instead."""


def parse(args) -> queries.SearchParams:
    """Validate ``args`` (a werkzeug MultiDict, or anything with ``get``/``getlist``)."""
    q = (args.get("q") or "").strip()
    if len(q) > queries.MAX_QUERY_CHARS:
        raise ParamError(
            f"The query is too long ({len(q)} characters): use at most "
            f"{queries.MAX_QUERY_CHARS}. Pick the few words that matter most."
        )
    within = args.get("within") or "all"
    if within not in queries.SEARCH_SCOPES:
        raise ParamError("‘within’ must be ‘all’ or ‘recommendations’.")
    sort = args.get("sort") or "relevance"
    if sort not in queries.SORT_LABELS:
        raise ParamError(f"Sort by one of: {', '.join(queries.SORT_LABELS)}.")
    size = _whole_number(args.get("size"), DEFAULT_PAGE_SIZE, "The page size")
    if size not in PAGE_SIZES:
        raise ParamError(f"The page size must be one of {', '.join(map(str, PAGE_SIZES))}.")
    page = _whole_number(args.get("page"), 1, "The page number")
    if page < 1:
        raise ParamError("The page number must be 1 or more.")
    try:
        selected = facets.selections(args)
    except facets.FacetError as error:
        raise ParamError(str(error)) from None
    params = queries.SearchParams(
        q=q, within=within, selected=selected, sort=sort, page=page, size=size
    )
    after, before = args.get("after"), args.get("before")
    if after and before:
        raise ParamError("A page link cannot go both forwards and backwards.")
    try:
        if after:
            params.after = queries.decode_cursor(after, params.effective_sort)
        if before:
            params.before = queries.decode_cursor(before, params.effective_sort)
    except ValueError as error:
        raise ParamError(str(error)) from None
    if params.after is None and params.before is None and not queries.within_window(page, size):
        raise ParamError(
            f"Pages beyond result {queries.MAX_WINDOW:,} are reached with the Next and Previous "
            "links, one page at a time; or narrow the search with the filters."
        )
    return params


def _whole_number(raw, default: int, what: str) -> int:
    if raw is None or raw == "":
        return default
    raw = str(raw).strip()
    if not raw.isdigit() or len(raw) > 9:
        raise ParamError(f"{what} must be a whole number.")
    return int(raw)


def query_args(params: queries.SearchParams, **changes) -> list[tuple[str, str]]:
    """The URL parameters that reproduce ``params`` (with ``changes``), in a stable order;
    defaults are left out so links stay short. Position (page, cursors) is left to the caller."""
    values = {
        "q": params.q,
        "within": params.within,
        "sort": params.sort,
        "size": params.size,
        "selected": params.selected,
    }
    values.update(changes)
    pairs = []
    if values["q"]:
        pairs.append(("q", values["q"]))
    if values["within"] != "all":
        pairs.append(("within", values["within"]))
    for facet in facets.FACETS:
        selection = values["selected"].get(facet.name)
        if isinstance(facet, facets.YearFacet):
            low, high = selection or (None, None)
            if low is not None:
                pairs.append(("year_from", str(low)))
            if high is not None:
                pairs.append(("year_to", str(high)))
        else:
            pairs.extend((facet.name, value) for value in selection or [])
    if values["sort"] != "relevance":
        pairs.append(("sort", values["sort"]))
    if values["size"] != DEFAULT_PAGE_SIZE:
        pairs.append(("size", str(values["size"])))
    return pairs


def query_string(params: queries.SearchParams, **changes) -> str:
    return urlencode(query_args(params, **changes))


def toggled(params: queries.SearchParams, facet_name: str, value) -> str:
    """The query string with ``value`` ticked or unticked in a facet (back to page 1)."""
    selected = {name: list(v) if isinstance(v, list) else v for name, v in params.selected.items()}
    current = selected.get(facet_name) or []
    selected[facet_name] = (
        [v for v in current if v != value]
        if value in current
        else [
            *current,
            value,
        ]
    )
    return query_string(params, selected=selected)


def with_years(params: queries.SearchParams, low, high) -> str:
    selected = dict(params.selected, year=(low, high))
    return query_string(params, selected=selected)
