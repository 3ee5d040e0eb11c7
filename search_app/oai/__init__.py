"""OAI-PMH 2.0 at ``/oai``: the reviews of the repository for library catalogues to harvest
(Identify, ListMetadataFormats, ListSets, ListIdentifiers, ListRecords and GetRecord, by GET or
POST), with the schema of our own metadata format at ``/oai/schema/casereview.xsd``.

Harvesting reads the catalogue, never the engine; it changes nothing, so its POST form needs no
CSRF token (a harvester has no session)."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Flask, Response, abort, request, send_from_directory

from . import verbs

bp = Blueprint("oai", __name__)
SCHEMAS = Path(__file__).resolve().parent
SCHEMA_FILES = ("casereview.xsd",)
XML = "text/xml; charset=utf-8"


@bp.route("/oai", methods=["GET", "POST"])
def endpoint():
    form = request.form if request.method == "POST" else request.args
    return Response(verbs.respond(form), content_type=XML)


@bp.get("/oai/schema/<name>")
def schema(name: str):
    if name not in SCHEMA_FILES:
        abort(404, description="There is no such schema.")
    return send_from_directory(SCHEMAS, name, mimetype="application/xml")


def init_app(app: Flask) -> None:
    from ..librarian import csrf

    csrf.exempt(bp)
    app.register_blueprint(bp)
