"""Runs the requests ``queries`` builds through the engine and shapes the answers for pages and
the API. Hits come from the index and are shown only if the catalogue still lets the public see
their report (``visibility``): a take-down holds at once, before the index has caught up."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from flask import url_for

from . import params as params_module
from . import queries, resources, visibility


def hit_summary(hit: dict) -> dict:
    """The fields a results list shows for one hit (as in the JSON API)."""
    source = hit["_source"]
    report_id = int(source["report_id"])
    return {
        "id": source["report_id"],
        "title": source.get("title"),
        "title_html": hit.get("highlight", {}).get("title", [None])[0],
        "publishers": source.get("publishers", []),
        "nation": source.get("nation"),
        "review_type": source.get("review_type"),
        "year": source.get("year"),
        "publication_date": source.get("publication_date"),
        "board": source.get("board"),
        "child_pseudonym": source.get("child_pseudonym"),
        "document_role": source.get("document_role"),
        "language": source.get("language"),
        "themes": source.get("themes", []),
        "available_at_publisher": source.get("available_at_publisher", True),
        "gone_since": source.get("gone_since"),
        "added_at": source.get("added_at"),
        "snippets": queries.page_snippets(hit),
        "recommendations": queries.recommendation_hits(hit),
        "url": url_for("search.review", report_id=report_id),
        "file_url": url_for("search.report_file", report_id=report_id),
    }


def _search(body: dict) -> dict:
    """Run ``body`` against the alias, leaving out what the catalogue hides and the index may
    still hold."""
    return resources.engine().search(resources.alias(), visibility.without_hidden(body))


def run_search(params: queries.SearchParams) -> dict:
    """One results page with facets, cursors to its neighbours and links for every page."""
    response = _search(queries.build_search(params))
    found = response["hits"]["hits"]
    raw_hits = visibility.public_hits(found)
    if params.before is not None:
        raw_hits = list(reversed(raw_hits))
    total = max(0, response["hits"]["total"]["value"] - (len(found) - len(raw_hits)))
    pages = max(1, -(-total // params.size))
    results = {
        "query": params.q,
        "within": params.within,
        "sort": params.effective_sort,
        "page": params.page,
        "page_size": params.size,
        "total": total,
        "pages": pages,
        "hits": [hit_summary(hit) for hit in raw_hits],
        "facets": queries.read_facets(response, params.selected),
        "next": None,
        "previous": None,
    }
    if raw_hits and params.page < pages:
        results["next"] = _page_link(params, params.page + 1, after=raw_hits[-1]["sort"])
    if raw_hits and params.page > 1:
        results["previous"] = _page_link(params, params.page - 1, before=raw_hits[0]["sort"])
    return results


def _page_link(params, page: int, after=None, before=None) -> str:
    """Query string of page ``page``: plain within the window, with a cursor beyond it."""
    pairs = params_module.query_args(params)
    if page > 1:
        pairs.append(("page", str(page)))
    if not queries.within_window(page, params.size):
        if after is not None:
            pairs.append(("after", queries.encode_cursor(after)))
        else:
            pairs.append(("before", queries.encode_cursor(before)))
    from urllib.parse import urlencode

    return urlencode(pairs)


def export_rows(params: queries.SearchParams) -> Iterator[dict]:
    """Every matching report's metadata (the whole result set, not one page), streamed."""
    engine, alias = resources.engine(), resources.alias()
    body = visibility.without_hidden(queries.build_export(params))
    for hit in visibility.stream_public_hits(engine.scan(alias, body)):
        source = hit["_source"]
        row = {name: source.get(name) for name in queries.EXPORT_FIELDS}
        if "source_urls" in row:
            row["source_urls"] = public_urls(row["source_urls"] or [])
        yield row


def is_public_url(url: str | None) -> bool:
    """A publisher's web address; a local file:// path from the ingest machine is not."""
    parts = urlsplit(url or "")
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def public_urls(urls: list[str]) -> list[str]:
    return [url for url in urls if is_public_url(url)]


def statistics(params: queries.SearchParams) -> dict:
    """Counts for the statistics page: year × nation × type, themes by year, theme pairs."""
    response = _search(queries.build_stats(params))
    aggs = response["aggregations"]
    by_year = []
    for year in aggs["years"]["buckets"]:
        by_year.append(
            {
                "year": int(year["key"]),
                "total": year["doc_count"],
                "nations": {
                    nation["key"]: {
                        "total": nation["doc_count"],
                        "types": {t["key"]: t["doc_count"] for t in nation["types"]["buckets"]},
                    }
                    for nation in year["nations"]["buckets"]
                },
            }
        )
    themes = [bucket["key"] for bucket in aggs["themes"]["buckets"]]
    themes_by_year = {
        bucket["key"]: {int(y["key"]): y["doc_count"] for y in bucket["years"]["buckets"]}
        for bucket in aggs["themes"]["buckets"]
    }
    together = {
        bucket["key"]: {
            other["key"]: other["doc_count"]
            for other in bucket["with"]["buckets"]
            if other["key"] != bucket["key"]
        }
        for bucket in aggs["themes"]["buckets"]
    }
    return {
        "total": response["hits"]["total"]["value"],
        "by_year": by_year,
        "themes": themes,
        "theme_totals": {b["key"]: b["doc_count"] for b in aggs["themes"]["buckets"]},
        "themes_by_year": themes_by_year,
        "themes_together": together,
    }


def newest(params: queries.SearchParams, size: int = 50) -> list[dict]:
    response = _search(queries.build_feed(params, size))
    return [hit_summary(hit) for hit in visibility.public_hits(response["hits"]["hits"])]


def similar(like_text: str, exclude_ids: list[str], size: int = 5) -> list[dict]:
    if not like_text.strip():
        return []
    response = _search(queries.build_similar(like_text, exclude_ids, size))
    return [hit_summary(hit) for hit in visibility.public_hits(response["hits"]["hits"])]
