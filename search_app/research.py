"""For researchers: the whole result set of a search as CSV or JSON (streamed), statistics with
charts, an Atom feed of newly added reviews, and the OpenAPI description of the JSON API."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from xml.sax.saxutils import escape as xml_escape

from flask import Response, jsonify, render_template, request, stream_with_context, url_for

from . import charts, openapi, params, queries, service
from .facets import REVIEW_TYPE_LABELS
from .views import bp, page_context

LIST_SEPARATOR = "; "


def _csv_line(values) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow(values)
    return buffer.getvalue()


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(map(str, value))
    return str(value)


def csv_stream(rows, fields):
    yield _csv_line(fields)
    for row in rows:
        yield _csv_line(_csv_value(row[name]) for name in fields)


def json_stream(rows, meta: dict):
    """A JSON document ``{"search": …, "reviews": [ … ]}`` written one review at a time."""
    yield '{"search": ' + json.dumps(meta) + ', "reviews": ['
    for n, row in enumerate(rows):
        yield ("," if n else "") + "\n" + json.dumps(row)
    yield "\n]}\n"


@bp.get("/export.<any(csv, json):kind>")
def export(kind: str):
    """Every review the search finds (with its filters), not only the page shown."""
    search = params.parse(request.args)
    fields = list(queries.EXPORT_FIELDS)
    rows = service.export_rows(search)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    if kind == "csv":
        body, mimetype = csv_stream(rows, fields), "text/csv"
    else:
        meta = {"query": search.q, "within": search.within, "parameters": params.query_args(search)}
        body, mimetype = json_stream(rows, meta), "application/json"
    return Response(
        stream_with_context(body),
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="case-reviews-{stamp}.{kind}"'},
    )


def stats_charts(stats: dict) -> dict:
    """The three charts of the statistics page, with the tables' rows."""
    years = [row["year"] for row in stats["by_year"]]
    nations = sorted({n for row in stats["by_year"] for n in row["nations"]})
    types = sorted(
        {t for row in stats["by_year"] for n in row["nations"].values() for t in n["types"]}
    )
    by_nation = {
        nation: [row["nations"].get(nation, {}).get("total", 0) for row in stats["by_year"]]
        for nation in nations
    }
    by_type = {
        REVIEW_TYPE_LABELS.get(t, t): [
            sum(n["types"].get(t, 0) for n in row["nations"].values()) for row in stats["by_year"]
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
            (theme, other, count)
            for theme, counts in stats["themes_together"].items()
            for other, count in counts.items()
            if order.get(other, len(order)) > order[theme]
        ),
        key=lambda pair: -pair[2],
    )
    theme_years = sorted({y for counts in stats["themes_by_year"].values() for y in counts})
    themes = stats["themes"]
    return {
        "years": years,
        "nations": nations,
        "by_nation": by_nation,
        "by_type": by_type,
        "long_rows": long_rows,
        "theme_years": theme_years,
        "pairs": pairs,
        "nation_chart": charts.stacked_bars(
            "by-nation", "Reviews per year by nation", years, by_nation
        ),
        "type_chart": charts.stacked_bars(
            "by-type", "Reviews per year by review type", years, by_type
        ),
        "themes_chart": charts.heat_map(
            "themes-years",
            "Reviews per theme and year",
            themes,
            theme_years,
            lambda theme, year: stats["themes_by_year"][theme].get(year, 0),
        ),
        "together_chart": charts.heat_map(
            "themes-together",
            "Reviews in which two themes occur together",
            themes,
            themes,
            lambda a, b: stats["themes_together"][a].get(b, 0),
        ),
    }


@bp.get("/stats")
def stats_page():
    search = params.parse(request.args)
    stats = service.statistics(search)
    return render_template(
        "stats.html", stats=stats, charts=stats_charts(stats), **page_context(search)
    )


@bp.get("/api/stats")
def api_stats():
    return jsonify(service.statistics(params.parse(request.args)))


@bp.get("/feed.atom")
def feed():
    """An Atom feed of the reviews added most recently among those the search finds."""
    search = params.parse(request.args)
    entries = service.newest(search)
    query = params.query_string(search)
    self_url = url_for("search.feed", _external=True) + (f"?{query}" if query else "")
    page_url = url_for("search.search_page", _external=True) + (f"?{query}" if query else "")
    updated = max((e["added_at"] for e in entries if e["added_at"]), default=None)
    title = "New case reviews" + (f": {search.q}" if search.q else "")
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">',
        f"<title>{xml_escape(title)}</title>",
        f"<id>{xml_escape(self_url)}</id>",
        f'<link rel="self" href="{xml_escape(self_url)}"/>',
        f'<link rel="alternate" type="text/html" href="{xml_escape(page_url)}"/>',
        f"<updated>{_atom_time(updated)}</updated>",
        "<author><name>Case Review Repository</name></author>",
    ]
    for entry in entries:
        link = url_for("search.review", report_id=int(entry["id"]), _external=True)
        summary = ", ".join(
            str(v)
            for v in (
                entry["board"],
                entry["nation"],
                REVIEW_TYPE_LABELS.get(entry["review_type"], entry["review_type"]),
                entry["year"],
                entry["child_pseudonym"],
            )
            if v
        )
        parts += [
            "<entry>",
            f"<title>{xml_escape(entry['title'] or '')}</title>",
            f"<id>{xml_escape(link)}</id>",
            f'<link rel="alternate" type="text/html" href="{xml_escape(link)}"/>',
            f"<updated>{_atom_time(entry['added_at'])}</updated>",
            f"<summary>{xml_escape(summary)}</summary>",
            *(f'<category term="{xml_escape(theme)}"/>' for theme in entry["themes"]),
            "</entry>",
        ]
    parts.append("</feed>\n")
    return Response("\n".join(parts), mimetype="application/atom+xml")


def _atom_time(value: str | None) -> str:
    if not value:
        return "1970-01-01T00:00:00Z"
    return value.split(".")[0].removesuffix("Z") + "Z"


@bp.get("/api/openapi.json")
def openapi_document():
    return jsonify(openapi.document(request.host_url.rstrip("/")))
