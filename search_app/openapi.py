"""The OpenAPI 3.0 description of the JSON API, built from the same constants as the API."""

from __future__ import annotations

from casereview import vocabulary
from casereview.catalogue import MAX_ROW_ID

from . import action_params, facets, params, queries, row_filters
from .oai import verbs as oai_verbs
from .oai.formats import FORMATS as OAI_FORMATS

STRING = {"type": "string"}
NULLABLE_STRING = {"type": "string", "nullable": True}
NULLABLE_INTEGER = {"type": "integer", "nullable": True}
STRINGS = {"type": "array", "items": STRING}
YEAR = {"type": "integer", "minimum": facets.YEAR_MIN, "maximum": facets.YEAR_MAX}
REPORT_ID = {"type": "integer", "minimum": 0, "maximum": MAX_ROW_ID}
ID_PARAMETER = {"name": "id", "in": "path", "required": True, "schema": REPORT_ID}


def _search_parameters() -> list[dict]:
    found = [
        ("q", "Words; quotes for a phrase, -word to exclude, OR / AND / NOT.", STRING),
        (
            "within",
            "all, or recommendations to search recommendations alone.",
            _enum(queries.SEARCH_SCOPES),
        ),
        ("sort", "Order of the results.", _enum(tuple(queries.SORT_LABELS))),
        (
            "page",
            "Page number (1-based); past 10,000 results use the next/previous links.",
            {"type": "integer", "minimum": 1},
        ),
        ("size", "Results per page.", {"type": "integer", "enum": list(params.PAGE_SIZES)}),
        ("after", "Cursor from the previous page's `next` link.", STRING),
        ("before", "Cursor from the next page's `previous` link.", STRING),
        ("year_from", "Earliest publication year.", YEAR),
        ("year_to", "Latest publication year.", YEAR),
    ]
    for facet in facets.FACETS:
        if isinstance(facet, facets.TermsFacet):
            items = _enum(facet.vocabulary) if facet.vocabulary else STRING
            found.append(
                (
                    facet.name,
                    f"Filter by {facet.label}; repeat to allow several (OR).",
                    {"type": "array", "items": items},
                )
            )
            if facet.match_param:
                found.append(
                    (
                        facet.match_param,
                        f"any (the default): reviews with any ticked {facet.label}; all: with "
                        "every one.",
                        _enum(facets.MATCH_MODES),
                    )
                )
    return [
        {
            "name": name,
            "in": "query",
            "required": False,
            "description": description,
            "schema": schema,
            **({"style": "form", "explode": True} if schema.get("type") == "array" else {}),
        }
        for name, description, schema in found
    ]


def _row_filter_parameter(row_filter) -> list[tuple[str, str, dict, bool]]:
    """(name, description, schema, repeatable) of one ``row_filters`` filter's parameters."""
    name = row_filter.name
    if isinstance(row_filter, row_filters.YearRange):
        return [
            ("year_from", "Earliest year.", YEAR, False),
            ("year_to", "Latest year.", YEAR, False),
        ]
    if isinstance(row_filter, row_filters.Flag):
        yes, no = row_filter.words
        return [(name, f"{yes} or {no}.", _enum(row_filter.words), False)]
    if isinstance(row_filter, row_filters.SameText):
        return [(name, f"One {name} (any case).", STRING, False)]
    values = row_filter.vocabulary
    schema = _enum((*values, row_filters.NONE)) if values is not None else STRING
    return [(name, f"Any of these {name} values (repeat for several; `none`: not given).",
             schema, True)]  # fmt: skip


def _row_parameters(registry, words: str, paged: bool = False) -> list[dict]:
    """The filters of ``/api/actions`` or ``/api/recommendations`` (and their exports), the
    words and, for the API, the page."""
    found = [p for row_filter in registry for p in _row_filter_parameter(row_filter)]
    found.append(("q", words, STRING, False))
    if paged:
        found += [
            ("page", "Page number (1-based).", {"type": "integer", "minimum": 1,
                                               "maximum": 10000}, False),
            ("size", "Rows per page.", {"type": "integer",
                                        "enum": list(action_params.PAGE_SIZES)}, False),
        ]  # fmt: skip
    return [
        {
            "name": name,
            "in": "query",
            "required": False,
            "description": description,
            "schema": {"type": "array", "items": schema} if repeated else schema,
            **({"style": "form", "explode": True} if repeated else {}),
        }
        for name, description, schema, repeated in found
    ]


ACTION_WORDS = "Words in the action, its recommendation or its lead (searched in the index)."
RECOMMENDATION_WORDS = "Words in the recommendation (searched in the index)."


def _action_parameters(paged: bool = False) -> list[dict]:
    return _row_parameters(action_params.ACTION_FILTERS, ACTION_WORDS, paged)


def _recommendation_parameters(paged: bool = False) -> list[dict]:
    return _row_parameters(action_params.RECOMMENDATION_FILTERS, RECOMMENDATION_WORDS, paged)


def _download(summary: str, parameters: list[dict], media_type: str, description: str) -> dict:
    return {
        "get": {
            "summary": summary,
            "parameters": parameters,
            "responses": {
                "200": {
                    "description": description,
                    "content": {media_type: {"schema": STRING if "csv" in media_type
                                             else {"type": "object"}}},
                },
                "400": ERRORS["400"],
                "503": ERRORS["503"],
            },
        }
    }  # fmt: skip


def _min_reviews_parameter() -> dict:
    return {
        "name": "min_reviews",
        "in": "query",
        "required": False,
        "description": "Only clusters made by at least this many reviews (default 2).",
        "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 2},
    }


def _enum(values) -> dict:
    return {"type": "string", "enum": list(values)}


def _json(schema_name: str, description: str) -> dict:
    return {
        "description": description,
        "content": {
            "application/json": {"schema": {"$ref": f"#/components/schemas/{schema_name}"}}
        },
    }


ERRORS = {
    "400": _json("Error", "A parameter cannot be used; `message` says why."),
    "503": _json("Error", "The search engine is not available."),
}


OAI_ARGUMENTS = (
    (
        "identifier",
        "An item's identifier, oai:<repository id>:review-N (GetRecord, ListMetadataFormats).",
    ),
    ("metadataPrefix", "The format: " + ", ".join(OAI_FORMATS) + "."),
    ("from", "Items changed from this UTC date (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ)."),
    ("until", "Items changed until this UTC date, in the same granularity as from."),
    ("set", "nation:<nation> or type:<review type>, as ListSets lists them."),
    ("resumptionToken", "The token of the previous response, alone with the verb."),
)
OAI_VERB = {**_enum(oai_verbs.HANDLERS), "description": "The OAI-PMH verb."}
OAI_RESPONSES = {
    "200": {
        "description": "An OAI-PMH 2.0 response; a protocol error is an `<error code=…>` element "
        "in it (badVerb, badArgument, cannotDisseminateFormat, idDoesNotExist, noRecordsMatch, "
        "noMetadataFormats, badResumptionToken), still with HTTP 200.",
        "content": {"text/xml": {"schema": STRING}},
    }
}


def _oai_operations() -> dict:
    """``/oai`` by GET (arguments in the query) and by POST (in a form)."""
    summary = "OAI-PMH 2.0 for library catalogues: the reviews as records (oai_dc, casereview)"
    query = [{"name": "verb", "in": "query", "required": True, "schema": OAI_VERB}] + [
        {"name": name, "in": "query", "required": False, "description": text, "schema": STRING}
        for name, text in OAI_ARGUMENTS
    ]
    form = {
        "type": "object",
        "required": ["verb"],
        "properties": {"verb": OAI_VERB, **{name: STRING for name, _text in OAI_ARGUMENTS}},
    }
    return {
        "get": {"summary": summary, "parameters": query, "responses": OAI_RESPONSES},
        "post": {
            "summary": summary + ", by POST",
            "requestBody": {
                "required": True,
                "content": {"application/x-www-form-urlencoded": {"schema": form}},
            },
            "responses": OAI_RESPONSES,
        },
    }


def document(server_url: str) -> dict:
    """The OpenAPI document; ``server_url`` is the configured public URL, or "/" (never one
    taken from the request)."""
    search_parameters = _search_parameters()
    export_parameters = search_parameters + [
        {
            "name": "per",
            "in": "query",
            "description": "One row per review (the default) or per document.",
            "schema": {**_enum(("review", "document")), "default": "review"},
        }
    ]
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Case Review Repository API",
            "version": "1",
            "description": "Search published UK child case reviews. Every page of the site has a "
            "JSON twin here; suppressed reports never appear.",
        },
        "servers": [{"url": server_url}],
        "paths": {
            "/api/search": {
                "get": {
                    "summary": "Search reviews, with facet counts",
                    "parameters": search_parameters,
                    "responses": {"200": _json("SearchResults", "One page of results."), **ERRORS},
                }
            },
            "/api/reviews/{id}": {
                "get": {
                    "summary": (
                        "One review, by its id or any of its documents' ids: its metadata "
                        "(from its principal document), provenance, documents and sources"
                    ),
                    "parameters": [ID_PARAMETER],
                    "responses": {
                        "200": _json("Review", "The review."),
                        "404": _json("Error", "No such review, or it was withdrawn."),
                    },
                }
            },
            "/api/documents/{id}": {
                "get": {
                    "summary": "One document of a review, with the review it belongs to",
                    "parameters": [ID_PARAMETER],
                    "responses": {
                        "200": _json("Review", "The document, in the same shape as a review."),
                        "404": _json("Error", "No such document, or it was withdrawn."),
                    },
                }
            },
            "/api/stats": {
                "get": {
                    "summary": "Counts by year, nation, type and theme for a search",
                    "parameters": search_parameters,
                    "responses": {
                        "200": {
                            "description": "Counts.",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        },
                        **ERRORS,
                    },
                }
            },
            "/export.csv": {
                "get": {
                    "summary": "Every review a search finds, as CSV (streamed)",
                    "parameters": export_parameters,
                    "responses": {
                        "200": {
                            "description": "CSV (UTF-8 with a byte-order mark), one row per "
                            "review with a `documents` column (role | title | URL | permalink; "
                            "…), or one row per document with `per=document`.",
                            "content": {"text/csv": {"schema": STRING}},
                        },
                        **ERRORS,
                    },
                }
            },
            "/export.json": {
                "get": {
                    "summary": "Every review a search finds, as JSON (streamed)",
                    "parameters": export_parameters,
                    "responses": {
                        "200": {
                            "description": "`{search, reviews: [...]}`, each review with its "
                            "`documents`; with `per=document`: `{search, documents: [...]}`",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        },
                        **ERRORS,
                    },
                }
            },
            "/oai": _oai_operations(),
            "/oai/schema/casereview.xsd": {
                "get": {
                    "summary": "The XML schema of the casereview OAI-PMH metadata format",
                    "responses": {
                        "200": {
                            "description": "XML Schema",
                            "content": {"application/xml": {"schema": STRING}},
                        }
                    },
                }
            },
            "/api/actions": {
                "get": {
                    "summary": "Actions of the reviews' action plans, each linked to its "
                    "recommendation, with counts and facets (lead agency, status, overdue, "
                    "recurring recommendation) in actions and in reviews",
                    "parameters": _action_parameters(paged=True),
                    "responses": {
                        "200": _json("ActionList", "One page of actions."),
                        "400": ERRORS["400"],
                        "503": ERRORS["503"],
                    },
                }
            },
            "/export/actions.csv": _download(
                "Every action the filters find, as CSV",
                _action_parameters(),
                "text/csv",
                "CSV (UTF-8 with a byte-order mark), one row per action, the fields of `Action`.",
            ),
            "/export/actions.json": _download(
                "Every action the filters find, as JSON",
                _action_parameters(),
                "application/json",
                "`{search, actions: [...]}`, each an `Action`.",
            ),
            "/api/recommendations": {
                "get": {
                    "summary": "Recommendations of every public review, with their review, "
                    "themes, recurring cluster and the actions that answer them",
                    "parameters": _recommendation_parameters(paged=True),
                    "responses": {
                        "200": _json("RecommendationList", "One page of recommendations."),
                        "400": ERRORS["400"],
                        "503": ERRORS["503"],
                    },
                }
            },
            "/export/recommendations.csv": _download(
                "Every recommendation the filters find, as CSV",
                _recommendation_parameters(),
                "text/csv",
                "CSV (UTF-8 with a byte-order mark), one row per recommendation.",
            ),
            "/export/recommendations.json": _download(
                "Every recommendation the filters find, as JSON",
                _recommendation_parameters(),
                "application/json",
                "`{search, recommendations: [...]}`, each a `Recommendation`.",
            ),
            "/api/clusters": {
                "get": {
                    "summary": "Recurring recommendations: the public reviews' recommendations "
                    "clustered by meaning, with the reviews, years, nations and boards of each",
                    "parameters": [_min_reviews_parameter()],
                    "responses": {
                        "200": _json("ClusterList", "The clusters, most reviews first."),
                        "400": ERRORS["400"],
                    },
                }
            },
            "/export/clusters.csv": {
                "get": {
                    "summary": "The recurring recommendations as CSV",
                    "parameters": [_min_reviews_parameter()],
                    "responses": {
                        "200": {
                            "description": "CSV (UTF-8 with a byte-order mark), one row per "
                            "cluster: key, label, review_count, years, nations, boards, themes.",
                            "content": {"text/csv": {"schema": STRING}},
                        },
                        "400": ERRORS["400"],
                    },
                }
            },
            "/export/clusters.json": {
                "get": {
                    "summary": "The recurring recommendations as JSON",
                    "parameters": [_min_reviews_parameter()],
                    "responses": {
                        "200": {
                            "description": "`{search, clusters: [...]}`, each a `Cluster`.",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        },
                        "400": ERRORS["400"],
                    },
                }
            },
            "/feed.atom": {
                "get": {
                    "summary": "Atom feed of the reviews added most recently for a search",
                    "parameters": search_parameters,
                    "responses": {
                        "200": {
                            "description": "Atom 1.0",
                            "content": {"application/atom+xml": {"schema": STRING}},
                        },
                        **ERRORS,
                    },
                }
            },
        },
        "components": {"schemas": _schemas()},
    }


def _schemas() -> dict:
    snippets = {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {"page": {"type": "integer"}, "html": STRING},
        },
    }
    recommendations = {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {
                "kind": STRING,
                "number": NULLABLE_STRING,
                "page": NULLABLE_INTEGER,
                "html": STRING,
            },
        },
    }
    document = {
        "type": "object",
        "description": "One of a review's best-matching documents.",
        "required": ["id", "title", "url", "file_url", "snippets"],
        "properties": {
            "id": STRING,
            "title": NULLABLE_STRING,
            "title_html": NULLABLE_STRING,
            "document_role": NULLABLE_STRING,
            "language": NULLABLE_STRING,
            "snippets": snippets,
            "recommendations": recommendations,
            "url": STRING,
            "file_url": STRING,
        },
    }
    hit = {
        "type": "object",
        "description": (
            "One review: the metadata of its best-matching document (``id``), with its "
            "best-matching ``documents``."
        ),
        "required": ["id", "title", "url", "file_url", "snippets", "review_group", "documents"],
        "properties": {
            "id": STRING,
            "title": NULLABLE_STRING,
            "review_group": {
                **STRING,
                "description": "The review's key, or report-<id> for a report of its own.",
            },
            "review_code": NULLABLE_STRING,
            "publishers": STRINGS,
            "other_publishers": STRINGS,
            "nation": NULLABLE_STRING,
            "review_type": NULLABLE_STRING,
            "year": NULLABLE_INTEGER,
            "publication_date": NULLABLE_STRING,
            "board": NULLABLE_STRING,
            "child_pseudonym": NULLABLE_STRING,
            "child_age_years": {"type": "number", "nullable": True},
            "child_age": NULLABLE_STRING,
            "document_role": NULLABLE_STRING,
            "language": NULLABLE_STRING,
            "themes": STRINGS,
            "available_at_publisher": {"type": "boolean"},
            "gone_since": NULLABLE_STRING,
            "added_at": NULLABLE_STRING,
            "snippets": snippets,
            "recommendations": recommendations,
            "url": STRING,
            "file_url": STRING,
            "review_id": {**STRING, "description": "The review's id, for /api/reviews/{id}."},
            "review_url": STRING,
            "document_count": {
                "type": "integer",
                "description": "How many of the review's documents match.",
            },
            "documents": {"type": "array", "items": document},
        },
    }
    bucket = {
        "type": "object",
        "properties": {
            "value": {"oneOf": [STRING, {"type": "integer"}]},
            "label": STRING,
            "count": {"type": "integer"},
            "selected": {"type": "boolean"},
        },
    }
    return {
        "Error": {
            "type": "object",
            "required": ["error", "message"],
            "properties": {"error": STRING, "message": STRING},
        },
        "Hit": hit,
        "Facet": {
            "type": "object",
            "properties": {
                "name": STRING,
                "label": STRING,
                "buckets": {"type": "array", "items": bucket},
            },
        },
        "SearchResults": {
            "type": "object",
            "required": ["query", "page", "page_size", "total", "pages", "hits", "facets"],
            "properties": {
                "query": STRING,
                "within": STRING,
                "sort": STRING,
                "page": {"type": "integer"},
                "page_size": {"type": "integer"},
                "total": {"type": "integer", "description": "Matching reviews."},
                "pages": {"type": "integer"},
                "hits": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}},
                "facets": {"type": "array", "items": {"$ref": "#/components/schemas/Facet"}},
                "next": {**NULLABLE_STRING, "description": "Query string of the next page."},
                "previous": {
                    **NULLABLE_STRING,
                    "description": "Query string of the previous page.",
                },
            },
        },
        "Action": _action_schema(),
        "Cluster": {
            "type": "object",
            "required": ["key", "label", "review_count", "recommendations"],
            "properties": {
                "key": {**STRING, "description": "Its first recommendation (report:words)."},
                "label": {**STRING, "description": "The most typical wording."},
                "review_count": {"type": "integer", "description": "Reviews that made it."},
                "years": {"type": "array", "items": {"type": "integer"}},
                "nations": STRINGS,
                "boards": STRINGS,
                "themes": STRINGS,
                "recommendations": {
                    "type": "array",
                    "description": "Each review's wording, with its page and permalink.",
                    "items": {"type": "object"},
                },
            },
        },
        "ClusterList": {
            "type": "object",
            "required": ["total", "clusters"],
            "properties": {
                "total": {"type": "integer"},
                "clusters": {"type": "array", "items": {"$ref": "#/components/schemas/Cluster"}},
            },
        },
        "ActionList": {
            "type": "object",
            "required": ["total", "page", "size", "counts", "actions"],
            "properties": {
                "total": {"type": "integer", "description": "Matching actions."},
                "page": {"type": "integer"},
                "size": {"type": "integer"},
                "counts": {
                    "type": "object",
                    "description": "Actions found by agency and by status, how many are "
                    "overdue, and how many reviews they belong to.",
                    "properties": {
                        "agency": {"type": "object", "additionalProperties": {"type": "integer"}},
                        "status": {"type": "object", "additionalProperties": {"type": "integer"}},
                        "overdue": {"type": "integer"},
                        "reviews": {"type": "integer"},
                    },
                },
                "pages": {"type": "integer"},
                "facets": {"type": "array", "items": {"$ref": "#/components/schemas/RowFacet"}},
                "actions": {"type": "array", "items": {"$ref": "#/components/schemas/Action"}},
            },
        },
        "RowFacet": {
            "type": "object",
            "description": "A facet's values among the rows the other filters keep.",
            "properties": {
                "name": STRING,
                "label": STRING,
                "multiple": {"type": "boolean", "description": "Several values may be ticked."},
                "buckets": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "value": STRING,
                            "label": STRING,
                            "count": {"type": "integer", "description": "Rows with the value."},
                            "reviews": {
                                "type": "integer",
                                "description": "Reviews those rows belong to.",
                            },
                            "selected": {"type": "boolean"},
                        },
                    },
                },
            },
        },
        "Recommendation": _recommendation_schema(),
        "RecommendationList": {
            "type": "object",
            "required": ["total", "reviews", "page", "size", "facets", "recommendations"],
            "properties": {
                "total": {"type": "integer", "description": "Matching recommendations."},
                "reviews": {"type": "integer", "description": "Reviews that made them."},
                "page": {"type": "integer"},
                "size": {"type": "integer"},
                "pages": {"type": "integer"},
                "facets": {"type": "array", "items": {"$ref": "#/components/schemas/RowFacet"}},
                "recommendations": {
                    "type": "array",
                    "items": {"$ref": "#/components/schemas/Recommendation"},
                },
            },
        },
        "Review": {
            "type": "object",
            "required": [
                "id",
                "document_id",
                "review",
                "title",
                "metadata",
                "sources",
                "permalink",
            ],
            "properties": {
                "id": {
                    "type": "integer",
                    "description": (
                        "The review's id (its first public document's) in /api/reviews; the "
                        "document's in /api/documents."
                    ),
                },
                "document_id": {
                    "type": "integer",
                    "description": "The document the metadata, summary and provenance are from.",
                },
                "review": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "integer"},
                        "url": STRING,
                        "permalink": STRING,
                        "document_count": {"type": "integer"},
                    },
                },
                "review_group": STRING,
                "title": STRING,
                "review_key": NULLABLE_STRING,
                "review_code": NULLABLE_STRING,
                "indexed": {
                    "type": "boolean",
                    "description": "Found by search (false for a near-duplicate).",
                },
                "duplicate_of": {
                    "type": "integer",
                    "nullable": True,
                    "description": "The report whose text this one repeats.",
                },
                "duplicate_of_url": NULLABLE_STRING,
                "values": {"type": "object"},
                "metadata": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "name": STRING,
                            "label": STRING,
                            "value": {},
                            "source": NULLABLE_STRING,
                            "evidence": NULLABLE_STRING,
                            "page": NULLABLE_INTEGER,
                        },
                    },
                },
                "summary": NULLABLE_STRING,
                "themes": {"type": "array", "items": {"type": "object"}},
                "recommendations": {"type": "array", "items": {"type": "object"}},
                "documents": {
                    "type": "array",
                    "description": "Every public document of the review, first registered first.",
                    "items": {
                        "type": "object",
                        "properties": {
                            "id": {"type": "integer"},
                            "title": STRING,
                            "document_role": NULLABLE_STRING,
                            "language": NULLABLE_STRING,
                            "page_count": NULLABLE_INTEGER,
                            "media_type": NULLABLE_STRING,
                            "added_at": STRING,
                            "url": STRING,
                            "permalink": STRING,
                            "file_url": STRING,
                            "api_url": STRING,
                        },
                    },
                },
                "follow_up": {
                    "type": "array",
                    "description": "The review's recommendations, each with the actions of its "
                    "action plan (maybe none), then the plan's recommendations the report does "
                    "not make (`recommendation` null); empty when the review has no plan.",
                    "items": {
                        "type": "object",
                        "properties": {
                            "recommendation": {"type": "object", "nullable": True},
                            "plan_recommendation": {"type": "object", "nullable": True},
                            "actions": {
                                "type": "array",
                                "items": {"$ref": "#/components/schemas/Action"},
                            },
                        },
                    },
                },
                "sources": {"type": "array", "items": {"type": "object"}},
                "available_at_publisher": {"type": "boolean"},
                "gone_since": NULLABLE_STRING,
                "permalink": STRING,
                "file_url": STRING,
                "citation": {"type": "object"},
            },
        },
    }


def _recommendation_schema() -> dict:
    return {
        "type": "object",
        "required": ["key", "review_id", "review_url", "text", "has_action", "actions"],
        "properties": {
            "key": {**STRING, "description": "The recommendation (report:hash of its words)."},
            "review_id": {"type": "integer"},
            "review_url": {**STRING, "description": "The review's page."},
            "review_key": STRING,
            "report_id": {"type": "integer", "description": "The document it is made in."},
            "title": STRING,
            "number": NULLABLE_STRING,
            "text": STRING,
            "html": {**STRING, "description": "With `q`: the text, the words marked."},
            "page": NULLABLE_INTEGER,
            "file_url": {**STRING, "description": "The document's file (add #page=N)."},
            "year": NULLABLE_INTEGER,
            "nation": NULLABLE_STRING,
            "review_type": NULLABLE_STRING,
            "board": NULLABLE_STRING,
            "themes": STRINGS,
            "cluster": {**NULLABLE_STRING, "description": "Its recurring cluster's key."},
            "cluster_label": NULLABLE_STRING,
            "has_action": {"type": "boolean"},
            "actions": {
                "type": "object",
                "description": "The actions that answer it: how many, by status, overdue, ids.",
                "properties": {
                    "count": {"type": "integer"},
                    "status": {"type": "object", "additionalProperties": {"type": "integer"}},
                    "overdue": {"type": "integer"},
                    "ids": {"type": "array", "items": {"type": "integer"}},
                },
            },
            "action_count": {"type": "integer"},
            "action_statuses": STRING,
            "overdue_actions": {"type": "integer"},
        },
    }


def _action_schema() -> dict:
    return {
        "type": "object",
        "required": ["id", "report_id", "action", "agency", "due", "status", "overdue", "page"],
        "properties": {
            "id": {"type": "integer"},
            "report_id": {"type": "integer", "description": "The action plan's report."},
            "review_key": STRING,
            "permalink": {**STRING, "description": "The action plan's page."},
            "plan_title": STRING,
            "board": NULLABLE_STRING,
            "nation": NULLABLE_STRING,
            "year": NULLABLE_INTEGER,
            "recommendation_number": NULLABLE_STRING,
            "recommendation": {**STRING, "description": "As the plan words it."},
            "action": STRING,
            "lead": {**STRING, "description": "As the plan writes it."},
            "agency": {**_enum(vocabulary.AGENCIES), "nullable": True},
            "agency_label": NULLABLE_STRING,
            "timescale": {**STRING, "description": "As the plan writes it."},
            "due": {
                **NULLABLE_STRING,
                "description": "YYYY-MM-DD, or YYYY-MM for a month; null when none is given.",
            },
            "status": {**_enum(vocabulary.ACTION_STATUSES), "nullable": True},
            "rag": {**_enum(vocabulary.RAG_RATINGS), "nullable": True},
            "overdue": {"type": "boolean"},
            "evidence": STRING,
            "page": {**NULLABLE_INTEGER, "description": "The plan's page the row starts on."},
            "recommendation_key": {
                **NULLABLE_STRING,
                "description": "The review's recommendation it answers (`Recommendation.key`).",
            },
            "cluster": {**NULLABLE_STRING, "description": "That recommendation's cluster."},
            "cluster_label": NULLABLE_STRING,
            "html": {**STRING, "description": "With `q`: the action, the words marked."},
            "position": {
                "type": "integer",
                "description": "The row's place in the plan (0-based).",
            },
            "plan_status": {
                **_enum(vocabulary.ACTION_STATUSES),
                "nullable": True,
                "description": "The status the plan gives; `status` is a librarian's newer one.",
            },
            "updates": {
                "type": "array",
                "description": "Librarians' status updates, oldest first.",
                "items": {
                    "type": "object",
                    "properties": {
                        "date": STRING,
                        "status": _enum(vocabulary.ACTION_STATUSES),
                        "note": STRING,
                        "evidence_url": NULLABLE_STRING,
                        "evidence_file": {
                            "type": "boolean",
                            "description": "A file was attached (librarians hold it).",
                        },
                    },
                },
            },
        },
    }


def _type_of(schema: dict) -> str:
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if schema.get("type") == "array":
        return f"list of {_type_of(schema.get('items', {}))}"
    if "enum" in schema:
        return "one of: " + ", ".join(map(str, schema["enum"]))
    return schema.get("type", "any")


def operations(document: dict) -> dict:
    """The document as a person reads it: ``{title, description, server, operations: [{path,
    method, summary, parameters: [{name, where, type, description}], responses: [{status,
    description, schema}]}], schemas}``."""
    found = []
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            responses = []
            for status, answer in operation.get("responses", {}).items():
                content = answer.get("content", {})
                schema = next(iter(content.values()), {}).get("schema", {})
                responses.append(
                    {
                        "status": status,
                        "description": answer.get("description", ""),
                        "media_types": list(content),
                        "schema": _type_of(schema) if schema else "",
                    }
                )
            found.append(
                {
                    "path": path,
                    "method": method.upper(),
                    "summary": operation.get("summary", ""),
                    "parameters": [
                        {
                            "name": p["name"],
                            "where": p["in"],
                            "type": _type_of(p.get("schema", {})),
                            "description": p.get("description", ""),
                        }
                        for p in operation.get("parameters", [])
                    ],
                    "responses": responses,
                }
            )
    schemas = {
        name: [
            {"name": field, "type": _type_of(spec), "description": spec.get("description", "")}
            for field, spec in schema.get("properties", {}).items()
        ]
        for name, schema in document["components"]["schemas"].items()
    }
    return {
        "title": document["info"]["title"],
        "description": document["info"].get("description", ""),
        "server": document["servers"][0]["url"],
        "operations": found,
        "schemas": schemas,
    }
