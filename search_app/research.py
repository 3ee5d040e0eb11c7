"""For researchers: the whole result set of a search as CSV or JSON (streamed), statistics with
charts, an Atom feed of newly added reviews, and the OpenAPI description of the JSON API."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

from feedgen.feed import FeedGenerator
from flask import Response, jsonify, render_template, request, stream_with_context

from . import charts, exports, follow_up_stats, openapi, params, service
from .downloads import csv_stream, json_stream
from .facets import REVIEW_TYPE_LABELS, THEME_LABELS
from .params import xml_text
from .security import public_base, public_url
from .views import bp, page_context


@bp.get("/export.<any(csv, json):kind>")
def export(kind: str):
    """Every review the search finds (with its filters), not only the page shown; one row per
    review with its documents listed, or per document with ``?per=document``."""
    search = params.parse(request.args)
    per = request.args.get("per") or "review"
    if per not in exports.EXPORT_UNITS:
        raise params.ParamError("‘per’ must be ‘review’ or ‘document’.")
    fields = list(exports.REVIEW_FIELDS if per == "review" else exports.DOCUMENT_FIELDS)
    rows = service.export_rows(search, per)
    # The first batch is read now, so an engine that is down answers 503 before any byte of a
    # 200 is sent (a stream cut in the middle looks like a complete, shorter file).
    first = next(rows, None)
    rows = itertools.chain([first] if first is not None else [], rows)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    if kind == "csv":
        body, mimetype = csv_stream(rows, fields), "text/csv"
    else:
        meta = {
            "query": search.q,
            "within": search.within,
            "parameters": params.query_args(search),
            "per": per,
        }
        key = "reviews" if per == "review" else "documents"
        body, mimetype = json_stream(rows, meta, key), "application/json"
    return Response(
        stream_with_context(body),
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="case-reviews-{stamp}.{kind}"'},
    )


def stats_charts(stats: dict) -> dict:
    """The charts of the statistics page, with the tables' rows."""
    label = THEME_LABELS.get
    # every year from the first to the last, an empty one as zeros: the time axis does not lie
    found = {row["year"]: row for row in stats["by_year"]}
    years = charts.continuous_years(list(found))
    year_rows = [found.get(y) or {"year": y, "total": 0, "nations": {}} for y in years]
    nations = sorted({n for row in year_rows for n in row["nations"]})
    types = sorted({t for row in year_rows for n in row["nations"].values() for t in n["types"]})
    by_nation = {
        nation: [row["nations"].get(nation, {}).get("total", 0) for row in year_rows]
        for nation in nations
    }

    def by_type_in(nation: str) -> dict:
        return {
            REVIEW_TYPE_LABELS.get(t, t): [
                row["nations"].get(nation, {}).get("types", {}).get(t, 0) for row in year_rows
            ]
            for t in types
        }

    long_rows = [
        (row["year"], nation, REVIEW_TYPE_LABELS.get(t, t), count)
        for row in stats["by_year"]
        for nation, data in sorted(row["nations"].items())
        for t, count in sorted(data["types"].items())
    ]
    order = {theme: n for n, theme in enumerate(stats["themes"])}
    pairs = sorted(
        (
            (label(theme, theme), label(other, other), count)
            for theme, counts in stats["themes_together"].items()
            for other, count in counts.items()
            if order.get(other, len(order)) > order[theme]
        ),
        key=lambda pair: -pair[2],
    )
    theme_years = charts.continuous_years(
        [y for counts in stats["themes_by_year"].values() for y in counts]
    )
    themes = stats["themes"]
    slugs = {label(t, t): t for t in themes}
    return {
        "years": years,
        "year_rows": year_rows,
        "nations": nations,
        "by_nation": by_nation,
        "long_rows": long_rows,
        "theme_years": theme_years,
        "pairs": pairs,
        "nation_chart": charts.stacked_bars(
            "by-nation", "Reviews per year by nation", years, by_nation
        ),
        # year × nation × type: one chart of types per nation, on the same years
        "type_charts": [
            (
                nation,
                charts.stacked_bars(
                    f"by-type-{n}",
                    f"Reviews per year by review type, {nation}",
                    years,
                    by_type_in(nation),
                ),
            )
            for n, nation in enumerate(nations)
        ],
        "themes_chart": charts.heat_map(
            "themes-years",
            "Reviews per theme and year",
            [label(t, t) for t in themes],
            theme_years,
            lambda name, year: stats["themes_by_year"][slugs[name]].get(year, 0),
        ),
        "together_chart": charts.heat_map(
            "themes-together",
            "Reviews in which two themes occur together",
            [label(t, t) for t in themes],
            [label(t, t) for t in themes],
            lambda a, b: stats["themes_together"][slugs[a]].get(slugs[b], 0),
        ),
    }


@bp.get("/stats")
def stats_page():
    search = params.parse(request.args)
    stats = service.statistics(search)
    follow_up = follow_up_stats.statistics(search.selected)
    return render_template(
        "stats.html",
        stats=stats,
        charts=stats_charts(stats),
        follow_up=follow_up,
        follow_up_charts=follow_up_stats.follow_up_charts(follow_up),
        **page_context(search),
    )


@bp.get("/api/stats")
def api_stats():
    """The statistics of a search, with ``follow_up``: recommendations per review by year,
    actions complete by board and the top recurring recommendations."""
    search = params.parse(request.args)
    return jsonify(
        {**service.statistics(search), "follow_up": follow_up_stats.statistics(search.selected)}
    )


@bp.get("/feed.atom")
def feed():
    """An Atom feed of the reviews added most recently among those the search finds, built by
    feedgen (an XML library), so every text and attribute is escaped."""
    search = params.parse(request.args)
    entries = service.newest(search)
    query = params.query_string(search)
    suffix = f"?{query}" if query else ""
    self_url = public_url("search.feed") + suffix
    generator = FeedGenerator()
    generator.id(self_url)
    generator.title("New case reviews" + (f": {search.q}" if search.q else ""))
    generator.link(href=self_url, rel="self")
    generator.link(
        href=public_url("search.search_page") + suffix, rel="alternate", type="text/html"
    )
    generator.author({"name": "Case Review Repository"})
    generator.updated(
        max((_atom_time(e["added_at"]) for e in entries if e["added_at"]), default=_atom_time(None))
    )
    for entry in entries:
        link = public_url("search.review", report_id=int(entry["review_id"]))
        item = generator.add_entry(order="append")
        item.id(link)
        item.title(xml_text(entry["title"]))
        item.link(href=link, rel="alternate", type="text/html")
        item.updated(_atom_time(entry["added_at"]))
        summary = _feed_summary(entry)
        if summary:
            item.summary(xml_text(summary))
        for theme in entry["themes"]:
            item.category(term=xml_text(theme), label=xml_text(THEME_LABELS.get(theme, theme)))
    return Response(generator.atom_str(pretty=True), mimetype="application/atom+xml")


def _feed_summary(entry: dict) -> str:
    parts = (
        entry["board"],
        entry["nation"],
        REVIEW_TYPE_LABELS.get(entry["review_type"], entry["review_type"]),
        entry["year"],
        entry["child_pseudonym"],
    )
    return ", ".join(str(v) for v in parts if v)


def _atom_time(value: str | None) -> datetime:
    if not value:
        return datetime(1970, 1, 1, tzinfo=UTC)
    moment = datetime.fromisoformat(value.removesuffix("Z"))
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


@bp.get("/api/openapi.json")
def openapi_document():
    return jsonify(openapi.document(public_base()))


@bp.get("/api")
def api_page():
    """The API for people: every operation of the OpenAPI document with its parameters and
    answers, rendered here (no script, no CDN); the raw document stays at /api/openapi.json."""
    return render_template("api.html", api=openapi.operations(openapi.document(public_base())))
