"""Every value of a long facet (30+ boards) on a page of its own, with its count of reviews
and a search box over the values: plain links and a form, no script."""

from __future__ import annotations

from flask import abort, render_template, request

from . import facets, params, queries, service
from .views import bp, page_context

# The most values a facet page lists (more boards than the UK has).
MAX_FACET_VALUES = 1000
MAX_FIND_CHARS = 100


def facet_values(search: queries.SearchParams, facet) -> list[dict]:
    """Every value of ``facet`` for the search (filtered by the other facets), with counts."""
    body = queries.build_facet_values(search, facet, MAX_FACET_VALUES)
    response = service.search_body(body)
    aggregation = response["aggregations"]["facet"]["values"]
    selection = search.selected.get(facet.name) or []
    buckets = facet.buckets(aggregation, selection)
    return sorted(buckets, key=lambda b: b["label"].casefold())


@bp.get("/facets/<name>")
def facet_page(name: str):
    facet = facets.FACETS_BY_NAME.get(name)
    if not isinstance(facet, facets.TermsFacet):
        abort(404, description="There is no such filter.")
    search = params.parse(request.args)
    find = (request.args.get("find") or "").strip()[:MAX_FIND_CHARS]
    values = facet_values(search, facet)
    shown = [b for b in values if find.casefold() in b["label"].casefold()] if find else values
    return render_template(
        "facet.html",
        facet=facet,
        values=shown,
        total_values=len(values),
        find=find,
        query_pairs=params.query_args(search),
        **page_context(search),
    )
