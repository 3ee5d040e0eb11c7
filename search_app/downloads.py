"""Downloads: rows as CSV (safe to open in a spreadsheet) or JSON, streamed, and the response
that sends them as a file."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

from flask import Response, stream_with_context

from . import exports

LIST_SEPARATOR = "; "
# A cell starting with one of these is a formula to a spreadsheet (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def _csv_line(values) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow(values)
    return buffer.getvalue()


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return neutralise_formula(exports.documents_cell(value))
    if isinstance(value, list):
        return neutralise_formula(LIST_SEPARATOR.join(map(str, value)))
    if isinstance(value, bool | int | float):
        return str(value)
    return neutralise_formula(str(value))


def neutralise_formula(text: str) -> str:
    """Text a spreadsheet shows as text: a leading ' before =, +, -, @, tab or CR (the OWASP
    advice), so a title like ``=HYPERLINK(…)`` cannot run when the export is opened."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_stream(rows, fields):
    """The rows as CSV, after a UTF-8 byte-order mark so that Excel reads the file as UTF-8."""
    yield BOM + _csv_line(fields)
    for row in rows:
        yield _csv_line(_csv_value(row[name]) for name in fields)


def json_stream(rows, meta: dict, key: str = "reviews"):
    """A JSON document ``{"search": …, "reviews": [ … ]}`` (or ``"documents"``) written one
    row at a time."""
    yield '{"search": ' + json.dumps(meta) + f', "{key}": ['
    for n, row in enumerate(rows):
        yield ("," if n else "") + "\n" + json.dumps(row)
    yield "\n]}\n"


def _plain(value):
    return sorted(value) if isinstance(value, set) else value


def export_response(
    kind: str, rows: list[dict], fields, meta: dict, key: str, stamped: bool = True
) -> Response:
    """A download of ``rows`` (already found) as CSV (``fields``) or JSON (``{"search": meta,
    key: rows}``), named after ``key`` (and the time, when ``stamped``)."""
    if kind == "csv":
        body, mimetype = csv_stream(iter(rows), fields), "text/csv"
    else:
        meta = {name: _plain(value) for name, value in meta.items()}
        body, mimetype = json_stream(iter(rows), meta, key), "application/json"
    stamp = datetime.now(UTC).strftime("-%Y%m%d-%H%M%S") if stamped else ""
    return Response(
        stream_with_context(body),
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{key}{stamp}.{kind}"'},
    )
