"""Search requests built as plain dicts from constants, so they can be unit-tested."""

from __future__ import annotations

# Fields a query is matched against, with their boosts. ``pages.text`` is the nested page
# text copied into the report (include_in_parent), so terms may match across pages.
QUERY_FIELDS = ("title^4", "summary^2", "recommendations.text^2", "board^1.5", "pages.text")
PAGE_FIELD = "pages.text"
SNIPPETS_PER_HIT = 3
SNIPPET_CHARS = 220
MAX_QUERY_CHARS = 500
# Only metadata comes back in hits; page text arrives through highlights.
SOURCE_EXCLUDES = ("pages", "recommendations", "source_urls")


def text_query(q: str, fields=QUERY_FIELDS) -> dict:
    """A simple_query_string: quotes, -exclusion and OR work, and no input is a syntax error."""
    return {
        "simple_query_string": {
            "query": q,
            "fields": list(fields),
            "default_operator": "and",
            "quote_field_suffix": ".exact",
            "flags": "AND|OR|NOT|PHRASE|PRECEDENCE|WHITESPACE|ESCAPE|PREFIX",
        }
    }


def page_hits_clause(q: str) -> dict:
    """Scores nothing by itself; fetches the best matching pages with highlighted snippets."""
    page_query = text_query(q, fields=(PAGE_FIELD,))
    page_query["simple_query_string"]["default_operator"] = "or"
    return {
        "nested": {
            "path": "pages",
            "score_mode": "max",
            "query": page_query,
            "inner_hits": {
                "size": SNIPPETS_PER_HIT,
                "_source": ["pages.page_number"],
                "highlight": {
                    "fields": {
                        PAGE_FIELD: {
                            "type": "unified",
                            "fragment_size": SNIPPET_CHARS,
                            "number_of_fragments": 1,
                            "no_match_size": 0,
                        },
                        f"{PAGE_FIELD}.exact": {
                            "type": "unified",
                            "fragment_size": SNIPPET_CHARS,
                            "number_of_fragments": 1,
                            "no_match_size": 0,
                        },
                    },
                    "pre_tags": ["<mark>"],
                    "post_tags": ["</mark>"],
                    "encoder": "html",
                },
            },
        }
    }


def build_search(q: str, page: int = 1, size: int = 10) -> dict:
    """The search body for query ``q``, results page ``page`` (1-based)."""
    q = (q or "").strip()
    body: dict = {
        "from": (page - 1) * size,
        "size": size,
        "track_total_hits": True,
        "_source": {"excludes": list(SOURCE_EXCLUDES)},
    }
    if not q:
        body["query"] = {"match_all": {}}
        body["sort"] = [{"year": {"order": "desc", "missing": "_last"}}, {"report_id": "asc"}]
        return body
    body["query"] = {
        "bool": {
            "must": [text_query(q)],
            "should": [page_hits_clause(q)],
        }
    }
    body["highlight"] = {
        "fields": {"title": {"number_of_fragments": 0}},
        "pre_tags": ["<mark>"],
        "post_tags": ["</mark>"],
        "encoder": "html",
    }
    return body


def page_snippets(hit: dict) -> list[dict]:
    """``[{page, html}]`` from a hit's page inner hits; html is escaped text with <mark> tags."""
    snippets = []
    for inner in hit.get("inner_hits", {}).get("pages", {}).get("hits", {}).get("hits", []):
        highlight = inner.get("highlight", {})
        fragments = highlight.get(PAGE_FIELD) or highlight.get(f"{PAGE_FIELD}.exact") or []
        if fragments:
            snippets.append({"page": inner["_source"]["page_number"], "html": fragments[0]})
    return snippets
