"""Words in recommendations and actions, searched through the index: each report document
carries its recommendations and its action plan's rows as nested objects
(``index_mappings/reports-v5.json``), and a nested query finds the ones that hold every word
(quotes, -exclusion and OR as in the main search, synonyms and stems too).

The engine says *which* rows match and how well; what is shown of them, and whether they may
be shown at all, comes from the catalogue (``follow_up``), so a taken-down review's rows are
never returned even while the index still holds them.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import queries, resources, row_filters, visibility
from .action_params import words

ACTION_FIELDS = ("actions.action^2", "actions.recommendation", "actions.lead")
RECOMMENDATION_FIELDS = (queries.RECOMMENDATION_FIELD,)
# Rows of one document returned at most (the index's max_inner_result_window).
MAX_ROWS_PER_DOCUMENT = 1000


@dataclass(frozen=True)
class Match:
    """A matching row: how well it matches, and its text with the words marked (HTML-escaped)."""

    score: float
    html: str | None


def nested_query(path: str, fields: tuple[str, ...], q: str, highlighted: str) -> dict:
    """The request for every document with a ``path`` row holding all the words of ``q``,
    each matching row an inner hit (its place, its score and ``highlighted`` marked)."""
    whole = {"number_of_fragments": 0}
    return {
        "_source": ["report_id"],
        "query": {
            "nested": {
                "path": path,
                "score_mode": "max",
                "query": queries.text_query(q, fields=fields, operator="and"),
                "inner_hits": {
                    "size": MAX_ROWS_PER_DOCUMENT,
                    "_source": False,
                    "highlight": {
                        "fields": {highlighted: whole, f"{highlighted}.exact": whole},
                        **queries.MARK,
                    },
                },
            }
        },
    }


def _matches(path: str, fields: tuple[str, ...], q: str, highlighted: str) -> dict:
    """{(report id, place of the row in the document): Match} over every public document."""
    body = visibility.without_hidden(nested_query(path, fields, q, highlighted))
    hits = resources.engine().scan(resources.alias(), body)
    found = {}
    for hit in visibility.stream_public_hits(hits):
        report_id = int(hit["_source"]["report_id"])
        for inner in hit["inner_hits"][path]["hits"]["hits"]:
            marks = inner.get("highlight", {})
            fragments = marks.get(highlighted) or marks.get(f"{highlighted}.exact") or [None]
            found[(report_id, inner["_nested"]["offset"])] = Match(inner["_score"], fragments[0])
    return found


def matching_actions(q: str) -> dict:
    """The action-plan rows whose action, recommendation or lead hold the words of ``q``, by
    (plan's report id, the row's place in the plan)."""
    return _matches("actions", ACTION_FIELDS, q, "actions.action")


def matching_recommendations(q: str) -> dict:
    """The recommendations holding the words of ``q``, by (report id, place in its list)."""
    return _matches("recommendations", RECOMMENDATION_FIELDS, q, queries.RECOMMENDATION_FIELD)


def ranked(rows_by_place: dict, q: str | None, search) -> list[dict]:
    """The rows in order when there are no words; with words, only the rows the index
    matches (``search``: ``matching_actions`` or ``matching_recommendations``), best first,
    each with its text marked (``html``)."""
    if not q:
        return list({id(row): row for row in rows_by_place.values()}.values())
    best: dict[int, tuple[Match, dict]] = {}
    for place, match in search(q).items():
        row = rows_by_place.get(place)
        if row is not None and (id(row) not in best or match.score > best[id(row)][0].score):
            best[id(row)] = (match, row)
    ordered = sorted(best.values(), key=lambda pair: -pair[0].score)
    return [{**row, "html": match.html} for match, row in ordered]


def find_rows(args, registry, rows_by_place: dict, search) -> tuple[list[dict], list, dict]:
    """(the rows the query string ``args`` asks for, the rows its words match before the
    filters (what facets count), the filters chosen with the words as ``q``)."""
    chosen = row_filters.parse(registry, args)
    q = words(args)
    matched = ranked(rows_by_place, q, search)
    found = [row for row in matched if row_filters.kept(registry, row, chosen)]
    return found, matched, {**chosen, "q": q}
