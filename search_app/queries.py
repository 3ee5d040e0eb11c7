"""Search requests built as plain dicts from constants, so they can be unit-tested.

Nothing here talks to the engine: views validate the request into ``SearchParams``, call a
``build_*`` function, send the body through ``casereview.search_engine`` and read the answer back
with the ``read_*`` functions.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field

from . import facets as facet_registry

# Fields a query is matched against, with their boosts: what a report is about (title, summary,
# its recommendations) counts for more than a passing mention in the body. ``pages.text`` and
# ``recommendations.text`` are nested fields copied into the report (include_in_parent), so the
# words of a query may fall on different pages.
QUERY_FIELDS = (
    "title^4",
    "summary^2.5",
    "recommendations.text^2",
    "board^1.5",
    "pages.text",
)
PAGE_FIELD = "pages.text"
RECOMMENDATION_FIELD = "recommendations.text"
SNIPPETS_PER_HIT = 3
RECOMMENDATIONS_PER_HIT = 5
SNIPPET_CHARS = 220
MAX_QUERY_CHARS = 500
QUERY_FLAGS = "AND|OR|NOT|PHRASE|PRECEDENCE|WHITESPACE|ESCAPE|PREFIX"
# Only metadata comes back in hits; page text arrives through highlights.
SOURCE_EXCLUDES = ("pages", "recommendations", "source_urls")
MARK = {"pre_tags": ["<mark>"], "post_tags": ["</mark>"], "encoder": "html"}
# Elasticsearch's default max_result_window: from + size beyond it is refused, so deeper pages
# are fetched with search_after from a cursor (the sort values of the previous page's edge).
MAX_WINDOW = 10_000
SEARCH_SCOPES = ("all", "recommendations")

TIE_BREAK = {"report_id": "asc"}
SORTS = {
    "relevance": [{"_score": "desc"}, TIE_BREAK],
    "newest": [
        {"publication_date": {"order": "desc", "missing": "_last"}},
        {"year": {"order": "desc", "missing": "_last"}},
        TIE_BREAK,
    ],
    "oldest": [
        {"publication_date": {"order": "asc", "missing": "_last"}},
        {"year": {"order": "asc", "missing": "_last"}},
        TIE_BREAK,
    ],
    "added": [{"added_at": {"order": "desc"}}, TIE_BREAK],
}
SORT_LABELS = {"relevance": "Relevance", "newest": "Newest first", "oldest": "Oldest first"}
OPERATORS = {"OR": "|", "AND": "+", "NOT": "-"}


@dataclass
class SearchParams:
    """A validated search: query, scope, facet selections, sort and position."""

    q: str = ""
    within: str = "all"
    selected: dict = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    size: int = 10
    after: list | None = None
    before: list | None = None

    @property
    def effective_sort(self) -> str:
        """Relevance means nothing without words; show the newest first then."""
        return "newest" if self.sort == "relevance" and not self.q else self.sort


# query text ------------------------------------------------------------------------------------


def _words(q: str) -> list[str]:
    """Whitespace-separated words of ``q``; a quoted phrase stays one word."""
    words, quoted, current = [], False, []
    for char in q:
        if char == '"':
            quoted = not quoted
        if char.isspace() and not quoted:
            if current:
                words.append("".join(current))
                current = []
            continue
        current.append(char)
    if current:
        words.append("".join(current))
    return words


def _translated_words(q: str) -> list[str]:
    out, negate = [], False
    for word in _words(q):
        symbol = OPERATORS.get(word)
        if symbol == "-":
            negate = True
            continue
        if symbol:
            out.append(symbol)
            negate = False
            continue
        out.append(("-" + word) if negate else word)
        negate = False
    return out


def translate_operators(q: str) -> str:
    """Turn the words OR, AND and NOT (uppercase, outside quotes) into ``|``, ``+`` and ``-``.

    People type the operators they know from library catalogues; simple_query_string only
    understands the symbols. Lowercase ``or``/``and``/``not`` stay ordinary words.
    """
    return " ".join(_translated_words(q))


@dataclass(frozen=True)
class ParsedQuery:
    """A query as words to find and words to exclude, or (``strict``) as boolean logic that
    the user spelled out with OR / AND / | / + / parentheses and that is passed on as typed."""

    text: str
    positive: tuple[str, ...] = ()
    negative: tuple[str, ...] = ()
    strict: bool = False

    @property
    def positive_text(self) -> str:
        return " ".join(self.positive)


def parse_query(q: str) -> ParsedQuery:
    words = _translated_words(q)
    text = " ".join(words)
    unquoted = "".join(w for w in words if not w.lstrip("-").startswith('"'))
    if any(mark in unquoted for mark in "|+()"):
        return ParsedQuery(text=text, strict=True)
    positive = tuple(w for w in words if not w.startswith("-"))
    negative = tuple(w[1:] for w in words if w.startswith("-") and len(w) > 1)
    return ParsedQuery(text=text, positive=positive, negative=negative)


def text_query(q: str, fields=QUERY_FIELDS, operator: str = "and", **options) -> dict:
    """A simple_query_string: quotes (on unstemmed ``.exact`` fields), -exclusion and OR work,
    and no input is a syntax error."""
    return {
        "simple_query_string": {
            "query": translate_operators(q),
            "fields": list(fields),
            "default_operator": operator,
            "quote_field_suffix": ".exact",
            "flags": QUERY_FLAGS,
            **options,
        }
    }


# Plain words need not all occur: one or two words must, of three or more three quarters must
# (rounded down). Reports with every word, and with the words together as a phrase, rank higher.
MINIMUM_MATCH = "2<75%"
PHRASE_SLOP = 2
PHRASE_BOOST = 2


def match_clause(parsed: ParsedQuery, fields=QUERY_FIELDS) -> dict:
    """The scoring clause for a parsed query over ``fields``."""
    if parsed.strict:
        return text_query(parsed.text, fields)
    clause: dict = {"bool": {}}
    if parsed.positive:
        words = parsed.positive_text
        clause["bool"]["must"] = [
            text_query(words, fields, operator="or", minimum_should_match=MINIMUM_MATCH)
        ]
        should = [text_query(words, fields)]
        plain = [w for w in parsed.positive if not w.startswith('"')]
        if len(plain) > 1:
            should.append(
                {
                    "multi_match": {
                        "query": " ".join(plain),
                        "type": "phrase",
                        "fields": list(fields),
                        "slop": PHRASE_SLOP,
                        "boost": PHRASE_BOOST,
                    }
                }
            )
        clause["bool"]["should"] = should
    else:
        clause["bool"]["must"] = [{"match_all": {}}]
    if parsed.negative:
        clause["bool"]["must_not"] = [text_query(" ".join(parsed.negative), fields, operator="or")]
    return clause


def _nested_highlight(field_name: str, no_match_size: int = 0, whole: bool = False) -> dict:
    options = {"type": "unified", "no_match_size": no_match_size}
    if whole:
        options["number_of_fragments"] = 0
    else:
        options.update(fragment_size=SNIPPET_CHARS, number_of_fragments=1)
    return {"fields": {field_name: options, f"{field_name}.exact": dict(options)}, **MARK}


def page_hits_clause(parsed: ParsedQuery) -> dict:
    """Adds the best page's score; fetches the best matching pages with highlighted snippets."""
    words = parsed.text if parsed.strict else parsed.positive_text
    return {
        "nested": {
            "path": "pages",
            "score_mode": "max",
            "query": text_query(words, fields=(PAGE_FIELD,), operator="or"),
            "inner_hits": {
                "size": SNIPPETS_PER_HIT,
                "_source": ["pages.page_number"],
                "highlight": _nested_highlight(PAGE_FIELD),
            },
        }
    }


def recommendations_clause(q: str) -> dict:
    """Reports with a recommendation or learning point matching ``q``, the matches as inner hits."""
    inner = match_clause(parse_query(q), (RECOMMENDATION_FIELD,)) if q else {"match_all": {}}
    return {
        "nested": {
            "path": "recommendations",
            "score_mode": "max",
            "query": inner,
            "inner_hits": {
                "size": RECOMMENDATIONS_PER_HIT,
                "_source": [
                    "recommendations.kind",
                    "recommendations.number",
                    "recommendations.page_number",
                    "recommendations.text",
                ],
                "highlight": _nested_highlight(RECOMMENDATION_FIELD, whole=True),
            },
        }
    }


def main_query(params: SearchParams) -> dict:
    """The scoring query, without facet filters (those go to the post_filter)."""
    q = params.q.strip()
    if params.within == "recommendations":
        return recommendations_clause(q)
    parsed = parse_query(q)
    if not parsed.text or (not parsed.strict and not parsed.positive and not parsed.negative):
        return {"match_all": {}}
    clause = match_clause(parsed)
    if parsed.strict or parsed.positive:
        clause = {"bool": {"must": [clause], "should": [page_hits_clause(parsed)]}}
    return clause


def filtered_query(params: SearchParams) -> dict:
    """The query with every facet filter applied: for exports, statistics and feeds."""
    clauses = facet_registry.filters(params.selected)
    if not clauses:
        return main_query(params)
    return {"bool": {"must": [main_query(params)], "filter": clauses}}


# the results page ----------------------------------------------------------------------------


def sort_clauses(sort: str, reverse: bool = False) -> list[dict]:
    clauses = SORTS[sort]
    if not reverse:
        return [dict(c) for c in clauses]
    flipped = []
    for clause in clauses:
        [(name, spec)] = clause.items()
        spec = {"order": spec} if isinstance(spec, str) else dict(spec)
        spec["order"] = "asc" if spec["order"] == "desc" else "desc"
        if "missing" in spec:
            spec["missing"] = "_first" if spec["missing"] == "_last" else "_last"
        flipped.append({name: spec})
    return flipped


def facet_aggregations(selected: dict) -> dict:
    """One aggregation per facet, each filtered by the other facets' selections only."""
    aggs = {}
    for facet in facet_registry.FACETS:
        others = facet_registry.filters(selected, leave_out=facet.name)
        aggs[f"facet_{facet.name}"] = {
            "filter": {"bool": {"filter": others}} if others else {"match_all": {}},
            "aggs": {"values": facet.aggregation()},
        }
    return aggs


def build_search(params: SearchParams, with_facets: bool = True) -> dict:
    """The body of one results page: hits, highlights and (optionally) facet counts.

    Pages whose end lies within ``MAX_WINDOW`` use from/size; past it the request must carry a
    cursor (``after`` or ``before``: sort values of the neighbouring page's edge hit) and is
    answered with search_after, so any depth costs the same and never hits the window limit.
    """
    body: dict = {
        "size": params.size,
        "track_total_hits": True,
        "_source": {"excludes": list(SOURCE_EXCLUDES)},
        "query": main_query(params),
        "sort": sort_clauses(params.effective_sort, reverse=params.before is not None),
    }
    cursor = params.after if params.after is not None else params.before
    if cursor is not None:
        body["search_after"] = cursor
    else:
        body["from"] = (params.page - 1) * params.size
    post_filter = facet_registry.filters(params.selected)
    if post_filter:
        body["post_filter"] = {"bool": {"filter": post_filter}}
    if with_facets:
        body["aggs"] = facet_aggregations(params.selected)
    if params.q.strip() and params.within == "all":
        body["highlight"] = {"fields": {"title": {"number_of_fragments": 0}}, **MARK}
    return body


def within_window(page: int, size: int) -> bool:
    return page >= 1 and page * size <= MAX_WINDOW


def encode_cursor(sort_values: list) -> str:
    raw = json.dumps(sort_values, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(token: str, sort: str) -> list:
    """Sort values from a cursor; ValueError if it is not one this sort could have made."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        values = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise ValueError("The page link is damaged; go back to the first page.") from None
    if (
        not isinstance(values, list)
        or len(values) != len(SORTS[sort])
        or not all(v is None or isinstance(v, str | int | float) for v in values)
    ):
        raise ValueError("The page link does not fit this search; go back to the first page.")
    return values


# reading answers --------------------------------------------------------------------------------


def page_snippets(hit: dict) -> list[dict]:
    """``[{page, html}]`` from a hit's page inner hits; html is escaped text with <mark> tags."""
    snippets = []
    for inner in hit.get("inner_hits", {}).get("pages", {}).get("hits", {}).get("hits", []):
        highlight = inner.get("highlight", {})
        fragments = highlight.get(PAGE_FIELD) or highlight.get(f"{PAGE_FIELD}.exact") or []
        if fragments:
            snippets.append({"page": inner["_source"]["page_number"], "html": fragments[0]})
    return snippets


def recommendation_hits(hit: dict) -> list[dict]:
    """``[{kind, number, page, html}]``: the matching recommendations of a hit."""
    found = []
    inner_hits = hit.get("inner_hits", {}).get("recommendations", {}).get("hits", {})
    for inner in inner_hits.get("hits", []):
        source = inner["_source"]
        highlight = inner.get("highlight", {})
        fragments = (
            highlight.get(RECOMMENDATION_FIELD) or highlight.get(f"{RECOMMENDATION_FIELD}.exact")
        ) or [_escape(source.get("text", ""))]
        found.append(
            {
                "kind": source.get("kind"),
                "number": source.get("number"),
                "page": source.get("page_number"),
                "html": fragments[0],
            }
        )
    return found


def _escape(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))


def read_facets(response: dict, selected: dict) -> list[dict]:
    """``[{name, label, buckets}]`` in registry order, from a search answer's aggregations."""
    out = []
    aggs = response.get("aggregations", {})
    for facet in facet_registry.FACETS:
        agg = aggs.get(f"facet_{facet.name}", {}).get("values", {})
        selection = selected.get(facet.name) or facet_registry.empty_selection(facet)
        out.append(
            {
                "name": facet.name,
                "label": facet.label,
                "buckets": facet.buckets(agg, selection),
            }
        )
    return out


# other requests -------------------------------------------------------------------------------

EXPORT_FIELDS = (
    "report_id",
    "title",
    "review_key",
    "nation",
    "review_type",
    "year",
    "publication_date",
    "board",
    "child_pseudonym",
    "child_age_years",
    "child_age_band",
    "child_sex",
    "outcome",
    "review_model",
    "document_role",
    "language",
    "themes",
    "publishers",
    "source_urls",
    "available_at_publisher",
    "gone_since",
    "added_at",
    "page_count",
    "summary",
)


def build_export(params: SearchParams) -> dict:
    """Every matching report's metadata, in index order (the fastest to scroll through)."""
    return {
        "query": filtered_query(params),
        "_source": list(EXPORT_FIELDS),
        "sort": ["_doc"],
    }


STATS_YEARS = 200
STATS_THEMES = 30


def build_stats(params: SearchParams) -> dict:
    """Counts behind the statistics page, for the same search and filters as the results."""
    by_type = {"terms": {"field": "review_type", "size": len(facet_registry.REVIEW_TYPES)}}
    return {
        "size": 0,
        "track_total_hits": True,
        "query": filtered_query(params),
        "aggs": {
            "years": {
                "terms": {"field": "year", "size": STATS_YEARS, "order": {"_key": "asc"}},
                "aggs": {
                    "nations": {
                        "terms": {"field": "nation", "size": 10},
                        "aggs": {"types": by_type},
                    }
                },
            },
            "themes": {
                "terms": {"field": "themes", "size": STATS_THEMES},
                "aggs": {
                    "years": {
                        "terms": {"field": "year", "size": STATS_YEARS, "order": {"_key": "asc"}}
                    },
                    "with": {"terms": {"field": "themes", "size": STATS_THEMES}},
                },
            },
        },
    }


def build_feed(params: SearchParams, size: int = 50) -> dict:
    """The most recently added reports for a search, for the Atom feed."""
    return {
        "size": size,
        "query": filtered_query(params),
        "_source": {"excludes": list(SOURCE_EXCLUDES)},
        "sort": sort_clauses("added"),
    }


SIMILAR_FIELDS = ("title", "summary", "pages.text")


def build_similar(like_text: str, exclude_ids: list[str], size: int = 5) -> dict:
    """Reports like ``like_text`` (a report's title, summary and opening pages), except the
    documents of the same review."""
    return {
        "size": size,
        "_source": {"excludes": list(SOURCE_EXCLUDES)},
        "query": {
            "bool": {
                "must": [
                    {
                        "more_like_this": {
                            "fields": list(SIMILAR_FIELDS),
                            "like": like_text,
                            "min_term_freq": 1,
                            "min_doc_freq": 1,
                            "max_query_terms": 40,
                            "minimum_should_match": "20%",
                        }
                    }
                ],
                "must_not": [{"ids": {"values": list(exclude_ids)}}],
            }
        },
    }
