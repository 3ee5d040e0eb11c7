"""The search pages and the search API; reviews and researchers' routes live beside this module
(``reviews.py``, ``research.py``) on the same blueprint."""

from __future__ import annotations

from flask import Blueprint, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from casereview.search_engine import EngineUnavailable, IndexMissing

from . import facets, params, queries, service

bp = Blueprint("search", __name__)


@bp.app_context_processor
def labels() -> dict:
    return {"type_labels": facets.REVIEW_TYPE_LABELS, "theme_labels": facets.THEME_LABELS}


def page_context(search: queries.SearchParams) -> dict:
    """What every page built from a search needs to link back to it."""
    return {
        "search": search,
        "query_string": params.query_string(search),
        "toggled": lambda name, value: params.toggled(search, name, value),
        "with_years": lambda low, high: params.with_years(search, low, high),
        "sort_labels": queries.SORT_LABELS,
        "page_sizes": params.PAGE_SIZES,
        "facet_registry": facets,
        "active_filters": active_filters(search),
    }


def active_filters(search: queries.SearchParams) -> list[dict]:
    """Chosen filters with a link that removes each (the GOV.UK "selected filters" pattern)."""
    chosen = []
    for facet in facets.FACETS:
        selection = search.selected.get(facet.name)
        if isinstance(facet, facets.YearFacet):
            if selection and selection != (None, None):
                chosen.append(
                    {
                        "label": facet.label,
                        "value": facet.describe(selection)[0],
                        "remove": params.with_years(search, None, None),
                    }
                )
            continue
        for value, label in zip(selection or [], facet.describe(selection or []), strict=True):
            chosen.append(
                {
                    "label": facet.label,
                    "value": label,
                    "remove": params.toggled(search, facet.name, value),
                }
            )
    return chosen


@bp.get("/")
def home():
    search = params.parse(request.args)
    return render_template(
        "search.html", results=service.run_search(search), **page_context(search)
    )


@bp.get("/search")
def search_page():
    search = params.parse(request.args)
    return render_template(
        "search.html", results=service.run_search(search), **page_context(search)
    )


@bp.get("/api/search")
def api_search():
    """The results page as JSON: ``query, page, page_size, total, pages, hits`` as ever, plus
    ``facets`` and the ``next``/``previous`` query strings."""
    results = service.run_search(params.parse(request.args))
    for hit in results["hits"]:
        hit.pop("title_html", None)
    return jsonify(results)


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def register_error_handlers(app) -> None:
    @app.errorhandler(params.ParamError)
    def bad_parameter(error):
        message = str(error)
        if _wants_json():
            return jsonify(error="bad_request", message=message), 400
        search = queries.SearchParams(q=(request.args.get("q") or "")[: queries.MAX_QUERY_CHARS])
        return (
            render_template(
                "search.html",
                results=None,
                error=message,
                **{**page_context(search), "active_filters": []},
            ),
            400,
        )

    @app.errorhandler(EngineUnavailable)
    def engine_unavailable(error):
        if isinstance(error, IndexMissing):
            message = (
                "The catalogue has not been indexed for search yet. "
                "An administrator can build the index with `casereview index rebuild`."
            )
        else:
            message = (
                "The search engine is not available at the moment. "
                "Please try again in a minute; nothing you did caused this."
            )
        if _wants_json():
            return jsonify(error="search_unavailable", message=message), 503
        return render_template("error.html", title="Search is unavailable", message=message), 503

    @app.errorhandler(HTTPException)
    def http_error(error):
        if _wants_json():
            return jsonify(error=error.name, message=error.description), error.code
        return (
            render_template("error.html", title=error.name, message=error.description),
            error.code,
        )
