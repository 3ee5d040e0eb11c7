"""Search pages and the JSON API."""

from __future__ import annotations

from flask import Blueprint, abort, jsonify, render_template, request, send_file, url_for
from werkzeug.exceptions import BadRequest, HTTPException

from casereview.catalogue import Report
from casereview.search_engine import EngineUnavailable

from . import queries, resources

bp = Blueprint("search", __name__)

PAGE_SIZE = 10
# Elasticsearch's default max_result_window; deeper pages need search_after.
MAX_OFFSET = 10_000


class SearchRequest:
    """The validated parameters of a search; bad input raises BadRequest with a message."""

    def __init__(self, args):
        self.q = args.get("q", "").strip()
        if len(self.q) > queries.MAX_QUERY_CHARS:
            raise BadRequest(
                f"The query is too long: at most {queries.MAX_QUERY_CHARS} characters."
            )
        try:
            self.page = int(args.get("page", "1"))
        except ValueError:
            raise BadRequest("The page number must be a whole number.") from None
        if self.page < 1 or self.page * PAGE_SIZE > MAX_OFFSET:
            raise BadRequest(f"The page number must be between 1 and {MAX_OFFSET // PAGE_SIZE}.")


def run_search(search: SearchRequest) -> dict:
    body = queries.build_search(search.q, page=search.page, size=PAGE_SIZE)
    response = resources.engine().search(resources.alias(), body)
    hits = []
    for hit in response["hits"]["hits"]:
        source = hit["_source"]
        title_html = hit.get("highlight", {}).get("title", [None])[0]
        hits.append(
            {
                "id": source["report_id"],
                "title": source.get("title"),
                "title_html": title_html,
                "nation": source.get("nation"),
                "review_type": source.get("review_type"),
                "year": source.get("year"),
                "board": source.get("board"),
                "child_pseudonym": source.get("child_pseudonym"),
                "available_at_publisher": source.get("available_at_publisher", True),
                "snippets": queries.page_snippets(hit),
                "url": url_for("search.review", report_id=int(source["report_id"])),
                "file_url": url_for("search.report_file", report_id=int(source["report_id"])),
            }
        )
    total = response["hits"]["total"]["value"]
    return {
        "query": search.q,
        "page": search.page,
        "page_size": PAGE_SIZE,
        "total": total,
        "pages": max(1, -(-total // PAGE_SIZE)),
        "hits": hits,
    }


@bp.get("/")
def home():
    return render_template("search.html", results=None, q="")


@bp.get("/search")
def search_page():
    search = SearchRequest(request.args)
    results = run_search(search) if search.q else None
    return render_template("search.html", results=results, q=search.q)


@bp.get("/api/search")
def api_search():
    return jsonify(run_search(SearchRequest(request.args)))


def _visible_report(report_id: int) -> Report:
    with resources.catalogue().session() as session:
        report = session.get(Report, report_id)
        if report is None or report.suppressed:
            abort(404)
        report.effective_metadata = report.effective()
        report.source_list = list(report.sources)
        return report


@bp.get("/reports/<int:report_id>")
def review(report_id: int):
    return render_template("review.html", report=_visible_report(report_id))


@bp.get("/reports/<int:report_id>/file")
def report_file(report_id: int):
    """The archived original, shown inline; add #page=N to the link to open it at a page."""
    report = _visible_report(report_id)
    path = resources.archive().path_for(report.sha256)
    if not path.exists():
        abort(404)
    return send_file(
        path, mimetype=report.media_type, download_name=report.filename, as_attachment=False
    )


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def register_error_handlers(app) -> None:
    @app.errorhandler(EngineUnavailable)
    def engine_unavailable(error):
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
