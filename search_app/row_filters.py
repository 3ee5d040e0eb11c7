"""Filters and facets over rows read from the catalogue (actions, recommendations), as small
classes registered in a list per route (the shape of ``facets.py``, for rows rather than index
documents). Each filter reads and checks its URL parameter (a wrong value is a clear 400,
``params.ParamError``) and keeps or drops a row; a filter with a ``label`` is also a facet,
whose values are counted in actions (rows) and in the reviews they belong to. As in the
search, ticking several values of one facet is OR, facets combine with AND, and a facet's counts
come from the rows the *other* filters keep, so they do not collapse to the ticked values.
"""

from __future__ import annotations

from dataclasses import dataclass

from .facets import FacetError, YearFacet
from .params import ParamError

MAX_VALUES = 20
MAX_TEXT = 200
NONE = "none"


def _values(args, name: str) -> list[str]:
    values = list(dict.fromkeys(v.strip() for v in args.getlist(name) if v.strip()))
    if len(values) > MAX_VALUES:
        raise ParamError(f"Give at most {MAX_VALUES} values of ‘{name}’.")
    if any(len(v) > MAX_TEXT for v in values):
        raise ParamError(f"‘{name}’ is too long.")
    return values


def one_text(args, name: str) -> str | None:
    """A single text parameter, trimmed; None when absent; at most ``MAX_TEXT`` characters."""
    value = (args.get(name) or "").strip()
    if len(value) > MAX_TEXT:
        raise ParamError(f"‘{name}’ is too long.")
    return value or None


@dataclass(frozen=True)
class AnyOf:
    """Rows whose ``field`` is one of the values given (repeatable); an empty value is
    ``none``; a list field holds when any of its items is given."""

    name: str
    field: str
    vocabulary: tuple[str, ...] | None = None
    label: str | None = None
    labels: dict | None = None
    # A row field that holds the label of the row's value (an agency's, a cluster's).
    label_field: str | None = None

    def parse(self, args) -> set[str]:
        values = _values(args, self.name)
        if self.vocabulary is not None:
            allowed = (*self.vocabulary, NONE)
            if wrong := [v for v in values if v not in allowed]:
                raise ParamError(
                    f"‘{self.name}’ must be one of: {', '.join(allowed)} (not ‘{wrong[0][:40]}’)."
                )
        return set(values)

    def values_of(self, row: dict) -> list[str]:
        value = row.get(self.field)
        if isinstance(value, list):
            return [str(v) for v in value] or [NONE]
        return [NONE if value is None else str(value)]

    def kept(self, row: dict, wanted: set[str]) -> bool:
        return not wanted or bool(wanted.intersection(self.values_of(row)))

    def label_of(self, row: dict, value: str) -> str:
        if self.labels and value in self.labels:
            return self.labels[value]
        if self.label_field and value != NONE and row.get(self.label_field):
            return str(row[self.label_field])
        return "None given" if value == NONE else value


@dataclass(frozen=True)
class Flag:
    """A yes/no filter (overdue, has an action): ``words`` are its true and false values."""

    name: str
    field: str
    words: tuple[str, str] = ("true", "false")
    label: str | None = None
    labels: tuple[str, str] = ("Yes", "No")

    def parse(self, args) -> set[str]:
        value = one_text(args, self.name)
        if value is None:
            return set()
        if value not in self.words:
            raise ParamError(f"‘{self.name}’ must be ‘{self.words[0]}’ or ‘{self.words[1]}’.")
        return {value}

    def values_of(self, row: dict) -> list[str]:
        return [self.words[0] if row.get(self.field) else self.words[1]]

    def kept(self, row: dict, wanted: set[str]) -> bool:
        return not wanted or self.values_of(row)[0] in wanted

    def label_of(self, row: dict, value: str) -> str:
        return self.labels[self.words.index(value)]


@dataclass(frozen=True)
class SameText:
    """Rows whose ``field`` is this text, whatever its case (a board, a review key)."""

    name: str
    field: str
    label: None = None

    def parse(self, args) -> str | None:
        return one_text(args, self.name)

    def kept(self, row: dict, wanted: str | None) -> bool:
        return not wanted or (row.get(self.field) or "").casefold() == wanted.casefold()


@dataclass(frozen=True)
class YearRange:
    """Rows whose year is within ``year_from`` and ``year_to`` (either may be left out)."""

    name: str = "year"
    field: str = "year"
    label: None = None

    def parse(self, args) -> tuple[int | None, int | None]:
        try:
            return YearFacet().selection(args)
        except FacetError as error:
            raise ParamError(str(error)) from error

    def kept(self, row: dict, wanted: tuple[int | None, int | None]) -> bool:
        low, high = wanted
        if low is None and high is None:
            return True
        year = row.get(self.field)
        return year is not None and (low is None or year >= low) and (high is None or year <= high)


def parse(registry, args) -> dict:
    """Every filter's checked value from the query string ``args``."""
    return {f.name: f.parse(args) for f in registry}


def kept(registry, row: dict, chosen: dict, leave_out: str | None = None) -> bool:
    """Whether every filter (but ``leave_out``) keeps ``row``."""
    return all(f.kept(row, chosen[f.name]) for f in registry if f.name != leave_out)


def facet_counts(registry, rows: list[dict], chosen: dict) -> list[dict]:
    """``[{name, label, multiple, buckets: [{value, label, count, reviews, selected}]}]``
    (``multiple``: several values may be ticked): for each facet,
    its values among the rows the other filters keep, with how many rows (``count``) and how
    many reviews (``reviews``) have each, most reviews first; ticked values stay at 0."""
    found = []
    for facet in registry:
        if not facet.label:
            continue
        rows_of: dict[str, int] = {}
        reviews_of: dict[str, set] = {}
        labels: dict[str, str] = {}
        for row in rows:
            if not kept(registry, row, chosen, leave_out=facet.name):
                continue
            for value in facet.values_of(row):
                rows_of[value] = rows_of.get(value, 0) + 1
                reviews_of.setdefault(value, set()).add(row["review_key"])
                labels.setdefault(value, facet.label_of(row, value))
        for value in chosen[facet.name]:
            rows_of.setdefault(value, 0)
            reviews_of.setdefault(value, set())
            labels.setdefault(value, facet.label_of({}, value))
        buckets = [
            {
                "value": value,
                "label": labels[value],
                "count": rows_of[value],
                "reviews": len(reviews_of[value]),
                "selected": value in chosen[facet.name],
            }
            for value in rows_of
        ]
        buckets.sort(key=lambda b: (-b["reviews"], -b["count"], b["label"]))
        found.append(
            {
                "name": facet.name,
                "label": facet.label,
                "multiple": isinstance(facet, AnyOf),
                "buckets": buckets,
            }
        )
    return found
