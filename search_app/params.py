"""Request parameters to ``SearchParams``: every bad value becomes a ``ParamError`` with a message
a person can act on (shown on a 400 page, or as JSON by the API)."""

from __future__ import annotations

import math
import re
from urllib.parse import urlencode

from werkzeug.routing import IntegerConverter

from casereview.catalogue import MAX_ROW_ID

from . import facets, queries

PAGE_SIZES = (10, 20, 50)
DEFAULT_PAGE_SIZE = 10
# Whole numbers are ASCII digits only: str.isdigit() also accepts "²" and "٣", which int()
# then reads or refuses, so a check with isdigit() lets odd values through to the engine.
ASCII_DIGITS = re.compile(r"[0-9]{1,9}")
# The largest whole number a page link (cursor) may carry: dates in milliseconds, years, ids.
MAX_ID = 2**63 - 1
MAX_CURSOR_TEXT = 200
YEAR_PARAMS = ("year_from", "year_to")
# Characters no query needs and XML cannot carry (feeds repeat the query in their title).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def xml_text(text) -> str:
    """``text`` without the characters XML 1.0 cannot carry (a PDF's title may hold some)."""
    return CONTROL_CHARACTERS.sub("", str(text or ""))


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
    if CONTROL_CHARACTERS.search(q):
        raise ParamError("The query contains control characters; type it again as plain text.")
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
    for name in YEAR_PARAMS:
        raw = (args.get(name) or "").strip()
        if raw and not ASCII_DIGITS.fullmatch(raw):
            raise ParamError(f"The year “{raw[:20]}” is not a year written with the digits 0-9.")
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
    if after:
        params.after = cursor(after, params.effective_sort)
    if before:
        params.before = cursor(before, params.effective_sort)
    if params.after is None and params.before is None and not queries.within_window(page, size):
        raise ParamError(
            f"Pages beyond result {queries.MAX_WINDOW:,} are reached with the Next and Previous "
            "links, one page at a time; or narrow the search with the filters."
        )
    return params


def _whole_number(raw, default: int | None, what: str) -> int | None:
    if raw is None or raw == "":
        return default
    raw = str(raw).strip()
    if not ASCII_DIGITS.fullmatch(raw):
        raise ParamError(f"{what} must be a whole number, written with the digits 0-9.")
    return int(raw)


def cursor(token: str, sort: str) -> list:
    """The sort values of a page link, checked against what the engine can compare for
    ``sort``: a finite number for the score, whole numbers for dates and years, short text
    for the report id. A tampered link (NaN, Infinity, 1e309, null, true, a list…) is a ParamError."""
    try:
        values = queries.decode_cursor(token, sort)
    except ValueError as error:
        raise ParamError(str(error)) from None
    damaged = ParamError("The page link is damaged; go back to the first page.")
    for clause, value in zip(queries.SORTS[sort], values, strict=True):
        if "report_id" in clause:
            if not isinstance(value, str) or not 0 < len(value) <= MAX_CURSOR_TEXT:
                raise damaged
        elif isinstance(value, bool) or not isinstance(value, int | float):
            raise damaged
        elif isinstance(value, float) and "_score" not in clause:
            raise damaged  # dates and years are sorted as whole numbers
        elif isinstance(value, float) and not math.isfinite(value):
            raise damaged
        elif not -MAX_ID - 1 <= value <= MAX_ID:
            raise damaged
    return values


class ReportIdConverter(IntegerConverter):
    """``<int:…>`` in every route: ASCII digits, at most the largest id a catalogue holds
    (``MAX_ROW_ID``: 32 bits on PostgreSQL), so /reviews/2147483648 and /reviews/² are 404 like
    any unknown review."""

    regex = r"[0-9]{1,19}"

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ROW_ID)
        super().__init__(map, *args, **kwargs)


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
            if isinstance(selection, facets.AllOf):
                pairs.append((facet.match_param, "all"))
    if values["sort"] != "relevance":
        pairs.append(("sort", values["sort"]))
    if values["size"] != DEFAULT_PAGE_SIZE:
        pairs.append(("size", str(values["size"])))
    return pairs


def query_string(params: queries.SearchParams, **changes) -> str:
    return urlencode(query_args(params, **changes))


def toggled(params: queries.SearchParams, facet_name: str, value) -> str:
    """The query string with ``value`` ticked or unticked in a facet (back to page 1)."""
    current = params.selected.get(facet_name) or []
    kept = [v for v in current if v != value] if value in current else [*current, value]
    # the selection keeps its kind ("all of" stays "all of")
    selected = dict(params.selected, **{facet_name: type(current)(kept)})
    return query_string(params, selected=selected)


def with_years(params: queries.SearchParams, low, high) -> str:
    selected = dict(params.selected, year=(low, high))
    return query_string(params, selected=selected)
