"""Health for load balancers and orchestrators: ``/healthz`` says the process answers (nothing
else is asked, so a slow engine never gets a healthy app restarted), ``/readyz`` whether it can
serve searches now.

Readiness is a list of small checks, each naming what it looked at. A check that fails says why
in a few words (never an address or a stack trace) and the answer is 503; nothing a check meets
becomes a 500. The index backlog (the catalogue's pending index changes) is reported and never
fails readiness: every instance shares it, and taking them all out of service would not help
the reconciler catch up.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import Blueprint, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from casereview.catalogue import outbox_status
from casereview.search_engine import EngineUnavailable
from index_mappings import CURRENT_VERSION
from index_mappings.indexer import mapping_version

from . import resources

bp = Blueprint("health", __name__)


class NotReady(Exception):
    """A check's reason for failing, short and safe to show to anyone."""


@dataclass(frozen=True)
class Check:
    name: str
    run: Callable[[], dict]
    needs: str = ""  # a check whose failure makes this one pointless


def _catalogue() -> dict:
    try:
        with resources.catalogue().session() as session:
            session.execute(text("SELECT 1"))
    except SQLAlchemyError as error:
        raise NotReady(f"the catalogue cannot be read ({type(error).__name__})") from error
    return {}


def _engine() -> dict:
    try:
        status = resources.engine().health()["status"]
    except EngineUnavailable as error:
        raise NotReady("the search engine cannot be reached") from error
    if status == "red":
        raise NotReady("the search engine's cluster is red")
    return {"status": status}


def _alias() -> dict:
    alias = resources.alias()
    try:
        targets = resources.engine().alias_targets(alias)
    except EngineUnavailable as error:
        raise NotReady("the search engine cannot be reached") from error
    if not targets:
        raise NotReady(f"the index alias {alias} is missing: run `casereview index rebuild`")
    version = mapping_version(targets[0])
    if version is not None and version != CURRENT_VERSION:
        raise NotReady(
            f"the index has mapping v{version} and this version needs v{CURRENT_VERSION}: "
            "run `casereview index rebuild`"
        )
    return {"alias": alias, "index": targets[0]}


def _backlog() -> dict:
    """Pending index changes: how many, for how many reports, the oldest one's age."""
    try:
        with resources.catalogue().session() as session:
            status = outbox_status(session).as_dict()
    except SQLAlchemyError as error:
        raise NotReady(f"the index backlog cannot be read ({type(error).__name__})") from error
    status.pop("last_error")  # an engine's message may name internal hosts
    return status


CHECKS = [
    Check("catalogue", _catalogue),
    Check("engine", _engine),
    Check("alias", _alias, needs="engine"),
    Check("backlog", _backlog, needs="catalogue"),
]


def run_checks(checks: list[Check] = CHECKS) -> dict[str, dict]:
    """{check name: {"ok": bool, "reason"?: str, ...details}} for every check, in order."""
    results: dict[str, dict] = {}
    for check in checks:
        if check.needs and not results[check.needs]["ok"]:
            results[check.name] = {"ok": False, "reason": f"not checked: {check.needs} failed"}
            continue
        try:
            results[check.name] = {"ok": True, **check.run()}
        except NotReady as reason:
            results[check.name] = {"ok": False, "reason": str(reason)}
        except Exception as error:  # a check must answer, whatever it meets
            results[check.name] = {"ok": False, "reason": f"check failed ({type(error).__name__})"}
    return results


def _uncached(response):
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/healthz")
def healthz():
    """The process is up and answering; no dependency is asked."""
    return _uncached(jsonify(status="ok"))


@bp.get("/readyz")
def readyz():
    """Ready to serve searches: catalogue, engine and index alias answer; the backlog counted."""
    results = run_checks()
    failed = [name for name, result in results.items() if not result["ok"]]
    body = {"status": "not ready" if failed else "ready", "failed": failed, "checks": results}
    return _uncached(jsonify(body)), 503 if failed else 200
