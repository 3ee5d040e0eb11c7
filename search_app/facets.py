"""Facets as small classes registered in ``FACETS`` (after datasette's ``facets.py``).

Each facet knows its URL parameter, the index field it filters, the filter clause for a selection,
its aggregation, and how to read that aggregation back into buckets. Multi-select within a facet
is OR; facets combine with AND. ``queries.build_search`` puts every facet's filter into the
``post_filter`` and gives each facet an aggregation filtered by the *other* facets only, so a
facet's counts do not collapse to the values already ticked.
"""

from __future__ import annotations

from dataclasses import dataclass

from casereview.vocabulary import (
    DOCUMENT_ROLES,
    LANGUAGES,
    NATIONS,
    REVIEW_TYPE_LABELS,
    REVIEW_TYPES,
)
from index_mappings.documents import AGE_BANDS
from nlp.themes import taxonomy

THEME_LABELS = {theme.slug: theme.label for theme in taxonomy()}
AGE_BAND_VALUES = tuple(band for _upper, band in AGE_BANDS) + ("18+",)
MAX_VALUES_PER_FACET = 20
MAX_VALUE_CHARS = 200
YEAR_MIN, YEAR_MAX = 1950, 2100


def reviews_in(bucket: dict) -> int:
    """A bucket's count of reviews (its ``reviews`` cardinality), else of documents."""
    return bucket["reviews"]["value"] if "reviews" in bucket else bucket["doc_count"]


class FacetError(ValueError):
    """A facet parameter that cannot be applied; the message is shown to the user."""


class AllOf(list):
    """A selection whose values must all hold (themes: neglect AND domestic abuse); a plain
    list is any of them."""


MATCH_MODES = ("any", "all")


@dataclass(frozen=True)
class TermsFacet:
    """A keyword facet: tick one or more values, counts per value."""

    name: str
    field: str
    label: str
    vocabulary: tuple[str, ...] | None = None
    labels: dict | None = None
    size: int = 30
    # Values listed in vocabulary order (ages youngest first), not by count.
    in_vocabulary_order: bool = False
    # The URL parameter that chooses "any of" (default) or "all of" the ticked values.
    match_param: str | None = None

    def selection(self, args) -> list[str]:
        """The validated values of this facet in ``args`` (a MultiDict-like ``getlist``)."""
        values = [v.strip() for v in args.getlist(self.name) if v.strip()]
        values = list(dict.fromkeys(values))
        if len(values) > MAX_VALUES_PER_FACET:
            raise FacetError(f"Choose at most {MAX_VALUES_PER_FACET} values for {self.label}.")
        for value in values:
            if len(value) > MAX_VALUE_CHARS:
                raise FacetError(f"A {self.label} value is too long.")
            if self.vocabulary is not None and value not in self.vocabulary:
                allowed = ", ".join(self.vocabulary)
                raise FacetError(f"“{value}” is not a known {self.label}. Known values: {allowed}.")
        return self._matched(values, args)

    def _matched(self, values: list[str], args) -> list[str]:
        if not self.match_param:
            return values
        mode = (args.get(self.match_param) or "any").strip()
        if mode not in MATCH_MODES:
            raise FacetError(f"Match “any” or “all” of the ticked {self.label} values.")
        return AllOf(values) if mode == "all" else values

    def filter(self, selection) -> dict | None:
        if isinstance(selection, AllOf) and len(selection) > 1:
            return {"bool": {"filter": [{"term": {self.field: value}} for value in selection]}}
        return {"terms": {self.field: list(selection)}} if selection else None

    def aggregation(self) -> dict:
        return {"terms": {"field": self.field, "size": self.size}}

    def buckets(self, aggregation: dict, selection) -> list[dict]:
        """``[{value, label, count, selected}]``; ticked values stay listed even at count 0."""
        counts = {b["key"]: reviews_in(b) for b in aggregation.get("buckets", [])}
        for value in selection:
            counts.setdefault(value, 0)
        if self.in_vocabulary_order and self.vocabulary:
            rank = {value: n for n, value in enumerate(self.vocabulary)}
            counts = dict(sorted(counts.items(), key=lambda item: rank.get(item[0], len(rank))))
        return [
            {
                "value": value,
                "label": (self.labels or {}).get(value, value),
                "count": count,
                "selected": value in selection,
            }
            for value, count in counts.items()
        ]

    def describe(self, selection) -> list[str]:
        return [(self.labels or {}).get(v, v) for v in selection]


@dataclass(frozen=True)
class YearFacet:
    """Publication year: a from/to range, with a per-year histogram for the chart and links."""

    name: str = "year"
    field: str = "year"
    label: str = "year"

    def selection(self, args) -> tuple[int | None, int | None]:
        bounds = []
        for param in ("year_from", "year_to"):
            raw = (args.get(param) or "").strip()
            if not raw:
                bounds.append(None)
                continue
            if not raw.isdigit() or not YEAR_MIN <= int(raw) <= YEAR_MAX:
                raise FacetError(
                    f"The year “{raw[:20]}” is not a year between {YEAR_MIN} and {YEAR_MAX}."
                )
            bounds.append(int(raw))
        low, high = bounds
        if low is not None and high is not None and low > high:
            raise FacetError("The ‘from’ year must not be after the ‘to’ year.")
        return low, high

    def filter(self, selection) -> dict | None:
        low, high = selection
        if low is None and high is None:
            return None
        bounds = {}
        if low is not None:
            bounds["gte"] = low
        if high is not None:
            bounds["lte"] = high
        return {"range": {self.field: bounds}}

    def aggregation(self) -> dict:
        return {"histogram": {"field": self.field, "interval": 1, "min_doc_count": 1}}

    def buckets(self, aggregation: dict, selection) -> list[dict]:
        low, high = selection
        ranged = low is not None or high is not None
        return [
            {
                "value": int(b["key"]),
                "label": str(int(b["key"])),
                "count": reviews_in(b),
                "selected": ranged
                and (low is None or b["key"] >= low)
                and (high is None or b["key"] <= high),
            }
            for b in aggregation.get("buckets", [])
        ]

    def describe(self, selection) -> list[str]:
        low, high = selection
        if low is None and high is None:
            return []
        if low == high:
            return [str(low)]
        return [f"{low or 'any'}–{high or 'now'}"]


FACETS = [
    TermsFacet("nation", "nation", "nation", vocabulary=NATIONS),
    YearFacet(),
    TermsFacet(
        "review_type",
        "review_type",
        "review type",
        vocabulary=REVIEW_TYPES,
        labels=REVIEW_TYPE_LABELS,
    ),
    TermsFacet("board", "board.keyword", "board", size=50),
    TermsFacet("theme", "themes", "theme", labels=THEME_LABELS, size=40, match_param="theme_match"),
    TermsFacet(
        "age", "child_age_band", "child's age", vocabulary=AGE_BAND_VALUES, in_vocabulary_order=True
    ),
    TermsFacet("language", "language", "language", vocabulary=LANGUAGES),
    TermsFacet("role", "document_role", "document", vocabulary=DOCUMENT_ROLES),
]
FACETS_BY_NAME = {facet.name: facet for facet in FACETS}
# URL parameters that belong to facets (the year facet reads two).
FACET_PARAMS = tuple(
    param
    for facet in FACETS
    for param in (
        ("year_from", "year_to")
        if facet.name == "year"
        else (facet.name,) + ((facet.match_param,) if facet.match_param else ())
    )
)


def selections(args) -> dict:
    """Every facet's validated selection from request ``args``; raises FacetError."""
    return {facet.name: facet.selection(args) for facet in FACETS}


def filters(selected: dict, leave_out: str | None = None) -> list[dict]:
    """The filter clauses of all facets with a selection, except ``leave_out`` (unless its
    values must all hold: then another value's count is of reviews with all of them too)."""
    clauses = []
    for facet in FACETS:
        selection = selected.get(facet.name) or empty_selection(facet)
        if facet.name == leave_out and not isinstance(selection, AllOf):
            continue
        clause = facet.filter(selection)
        if clause:
            clauses.append(clause)
    return clauses


def empty_selection(facet):
    return (None, None) if isinstance(facet, YearFacet) else []
