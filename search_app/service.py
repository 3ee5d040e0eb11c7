"""Runs the requests ``queries`` builds through the engine and shapes the answers for pages and
the API. Hits come from the index and are shown only if the catalogue still lets the public see
their report (``visibility``): a take-down holds at once, before the index has caught up."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from urllib.parse import urlsplit

from flask import url_for

from casereview.curation import review_ids
from nlp.fields.age import age_display

from . import exports, queries, resources, visibility
from . import params as params_module
from .facets import reviews_in
from .security import public_url

# A review key is shown as a code only when it reads as one: short, with a digit or a review
# type's acronym ("CPR-FLINT-2", "SCR-CN18"); a key that is a board's name cut short is not.
CODE_MAX_CHARS = 24
CODE_ACRONYMS = frozenset({"SCR", "CPR", "LCSPR", "CSPR", "CMR", "SUSR", "SIGCR", "LR", "WG"})


def displayed_code(key: str | None) -> str | None:
    """``key`` if it looks like a review code, else None."""
    if not key or len(key) > CODE_MAX_CHARS:
        return None
    words = set(re.split(r"[^A-Z0-9]+", key.upper()))
    return key if any(c.isdigit() for c in key) or words & CODE_ACRONYMS else None


def other_publishers(publishers: list[str], board: str | None) -> list[str]:
    """The publishers that are not the board itself (shown once, labelled as the board)."""
    same = (board or "").casefold().strip()
    return [name for name in publishers if name.casefold().strip() != same]


def hit_summary(hit: dict) -> dict:
    """The fields a results list shows for one hit (as in the JSON API)."""
    source = hit["_source"]
    report_id = int(source["report_id"])
    return {
        "id": source["report_id"],
        "review_group": source.get(queries.REVIEW_FIELD),
        "title": source.get("title"),
        "title_html": hit.get("highlight", {}).get("title", [None])[0],
        "publishers": source.get("publishers", []),
        "nation": source.get("nation"),
        "review_type": source.get("review_type"),
        "year": source.get("year"),
        "publication_date": source.get("publication_date"),
        "board": source.get("board"),
        "child_pseudonym": source.get("child_pseudonym"),
        "child_age_years": source.get("child_age_years"),
        "child_age": age_display(source.get("child_age_years")),
        "review_code": displayed_code(source.get("review_key")),
        "other_publishers": other_publishers(source.get("publishers", []), source.get("board")),
        "document_role": source.get("document_role"),
        "language": source.get("language"),
        "themes": source.get("themes", []),
        "available_at_publisher": source.get("available_at_publisher", True),
        "gone_since": source.get("gone_since"),
        "added_at": source.get("added_at"),
        "snippets": queries.page_snippets(hit),
        "recommendations": queries.recommendation_hits(hit),
        "url": url_for("search.document_page", report_id=report_id),
        "file_url": url_for("search.report_file", report_id=report_id),
    }


DOCUMENT_KEYS = (
    "id", "title", "title_html", "document_role", "language", "snippets", "recommendations",
    "url", "file_url",
)  # fmt: skip


def search_body(body: dict) -> dict:
    """Run ``body`` against the alias (every search of this module goes through here), without
    the reports the catalogue no longer shows but the index may still hold."""
    return resources.engine().search(resources.alias(), visibility.without_hidden(body))


def review_summary(hit: dict) -> dict:
    """One result: the review (the metadata of its leading document) with its best-matching
    ``documents`` (role, title, page-linked snippets) and how many documents it has that
    match (``document_count``); ``with_review_ids`` adds the review's own id and page."""
    summary = hit_summary(hit)
    inner = hit.get("inner_hits", {}).get("documents", {}).get("hits", {})
    documents = [hit_summary(document) for document in inner.get("hits", [])] or [summary]
    summary.update(
        document_count=max(inner.get("total", {}).get("value", 1), len(documents)),
        documents=[{key: doc[key] for key in DOCUMENT_KEYS} for doc in documents],
    )
    return summary


def with_review_ids(summaries: list[dict]) -> list[dict]:
    """Each result with ``review_id`` (the id of its review's first public document, which
    stays when later documents join) and ``review_url``, the review's page."""
    with resources.catalogue().session() as session:
        ids = review_ids(session, [summary["review_group"] for summary in summaries])
    for summary in summaries:
        review_id = ids.get(summary["review_group"], int(summary["id"]))
        summary["review_id"] = str(review_id)
        summary["review_url"] = url_for("search.review", report_id=review_id)
    return summaries


def review_total(response: dict) -> int:
    """The number of matching reviews (documents counted once per review)."""
    return response["aggregations"]["reviews"]["count"]["value"]


def _review_hits(params: queries.SearchParams) -> tuple[list[dict], dict]:
    """(this page's collapsed hits in display order, the answer with the facets)."""
    response = search_body(queries.build_search(params))
    if params.after is None and params.before is None:
        return response["hits"]["hits"], response
    return _leads_past_the_window(params, response), response


# Documents fetched per round when walking past the window, as a multiple of the page size.
LEAD_BATCH = 3


def _leads_past_the_window(params: queries.SearchParams, response: dict) -> list[dict]:
    """Past ``MAX_WINDOW`` Elasticsearch 7.10 cannot collapse (no collapse with search_after):
    walk the documents after the cursor and keep those that lead their review, each replaced
    by its review's collapsed hit, until the page is full."""
    batch_params = replace(params, size=params.size * LEAD_BATCH)
    leads, hits = [], response["hits"]["hits"][: params.size]
    cursor = params.after if params.after is not None else params.before
    first = True
    while len(leads) < params.size:
        if not first:
            cursor_args = {"after": cursor} if params.before is None else {"before": cursor}
            body = queries.build_search(replace(batch_params, **cursor_args), with_facets=False)
            hits = search_body(body)["hits"]["hits"]
        first = False
        if not hits:
            break
        groups = sorted({hit["_source"][queries.REVIEW_FIELD] for hit in hits})
        answer = search_body(queries.build_review_leads(params, groups))
        lead_of = {h["_source"][queries.REVIEW_FIELD]: h for h in answer["hits"]["hits"]}
        for hit in hits:
            lead = lead_of.get(hit["_source"][queries.REVIEW_FIELD])
            if lead is not None and lead["_id"] == hit["_id"]:
                leads.append({**lead, "sort": hit["sort"]})
                if len(leads) == params.size:
                    break
        cursor = hits[-1]["sort"]
    return leads


def run_search(params: queries.SearchParams) -> dict:
    """One results page (one result per review) with facets, cursors to its neighbours and
    links for every page."""
    raw_hits, response = _review_hits(params)
    raw_hits = visibility.public_reviews(raw_hits)
    if params.before is not None:
        raw_hits = list(reversed(raw_hits))
    total = review_total(response)
    pages = max(1, -(-total // params.size))
    results = {
        "query": params.q,
        "within": params.within,
        "sort": params.effective_sort,
        "page": params.page,
        "page_size": params.size,
        "total": total,
        "pages": pages,
        "hits": with_review_ids([review_summary(hit) for hit in raw_hits]),
        "facets": queries.read_facets(response, params.selected),
        "next": None,
        "previous": None,
        "beyond_last_page": False,
        "last_page": None,
    }
    if not raw_hits and total and params.page > pages:
        results["beyond_last_page"] = True
        if queries.within_window(pages, params.size):
            results["last_page"] = _page_link(params, pages)
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


def export_rows(params: queries.SearchParams, per: str = "review") -> Iterator[dict]:
    """Every matching review (``per="document"``: document) with its metadata, labels beside
    codes and permalinks: the whole result set, not one page, streamed."""
    engine, alias = resources.engine(), resources.alias()
    body = visibility.without_hidden(queries.build_export(params, by_review=per == "review"))
    documents = (
        document_row(hit["_source"])
        for hit in visibility.stream_public_hits(engine.scan(alias, body))
    )
    if per == "document":
        return ({name: row.get(name) for name in exports.DOCUMENT_FIELDS} for row in documents)
    return exports.reviews(documents)


def document_row(source: dict) -> dict:
    """An index document as an export row: labels beside codes, public addresses only, and the
    permalink of its review page."""
    row = exports.labelled(source)
    row["source_urls"] = public_urls(row.get("source_urls") or [])
    row["permalink"] = public_url("search.document_page", report_id=int(source["report_id"]))
    row["review_permalink"] = public_url("search.review", report_id=int(source["report_id"]))
    return row


def is_public_url(url: str | None) -> bool:
    """A publisher's web address; a local file:// path from the ingest machine is not."""
    parts = urlsplit(url or "")
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def public_urls(urls: list[str]) -> list[str]:
    return [url for url in urls if is_public_url(url)]


def statistics(params: queries.SearchParams) -> dict:
    """Counts of reviews for the statistics page: year × nation × type, themes by year, theme
    pairs; and documents by role (``documents_by_role``, the one count of documents)."""
    response = search_body(queries.build_stats(params))
    aggs = response["aggregations"]
    by_year = []
    for year in aggs["years"]["buckets"]:
        by_year.append(
            {
                "year": int(year["key"]),
                "total": reviews_in(year),
                "nations": {
                    nation["key"]: {
                        "total": reviews_in(nation),
                        "types": {t["key"]: reviews_in(t) for t in nation["types"]["buckets"]},
                    }
                    for nation in year["nations"]["buckets"]
                },
            }
        )
    themes = [bucket["key"] for bucket in aggs["themes"]["buckets"]]
    themes_by_year = {
        bucket["key"]: {int(y["key"]): reviews_in(y) for y in bucket["years"]["buckets"]}
        for bucket in aggs["themes"]["buckets"]
    }
    together = {
        bucket["key"]: {
            other["key"]: reviews_in(other)
            for other in bucket["with"]["buckets"]
            if other["key"] != bucket["key"]
        }
        for bucket in aggs["themes"]["buckets"]
    }
    return {
        "total": aggs["reviews"]["value"],
        "documents": response["hits"]["total"]["value"],
        "by_year": by_year,
        "themes": themes,
        "theme_totals": {b["key"]: reviews_in(b) for b in aggs["themes"]["buckets"]},
        "themes_by_year": themes_by_year,
        "themes_together": together,
        "documents_by_role": [
            {"role": b["key"], "documents": b["doc_count"], "reviews": reviews_in(b)}
            for b in aggs["roles"]["buckets"]
        ],
    }


def newest(params: queries.SearchParams, size: int = 50) -> list[dict]:
    """The reviews whose documents were added most recently, one entry each, with the
    review's id (its feed entry's id, which a later document does not change)."""
    response = search_body(queries.build_feed(params, size))
    hits = visibility.public_hits(response["hits"]["hits"])
    return with_review_ids([hit_summary(hit) for hit in hits])


def similar(like_text: str, review_group: str, size: int = 5) -> list[dict]:
    """Other reviews like ``like_text``, one result each, linking to the review's page."""
    if not like_text.strip():
        return []
    response = search_body(queries.build_similar(like_text, review_group, size))
    hits = visibility.public_hits(response["hits"]["hits"])
    return with_review_ids([hit_summary(hit) for hit in hits])
