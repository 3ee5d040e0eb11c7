"""Resumption tokens: the rest of a list request, signed with the app's secret so that nobody
can forge or alter one, and dated so that it expires (``CASEREVIEW_OAI_TOKEN_HOURS``). The
server keeps nothing: a token carries the request's arguments, the last review number sent,
how many were sent and the size of the whole list."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from .protocol import BAD_RESUMPTION_TOKEN, OAIError

SALT = "casereview-oai-resumption"


@dataclass(frozen=True)
class ListState:
    """Where a list request stands: its arguments, the last number sent (``after``), how many
    items were sent before (``cursor``) and the size of the whole list (``size``)."""

    verb: str
    prefix: str
    start: str | None = None
    until: str | None = None
    set_spec: str | None = None
    after: int = 0
    cursor: int = 0
    size: int = 0


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def lifetime() -> timedelta:
    return timedelta(hours=current_app.config["CASEREVIEW"].oai_token_hours)


def issue(state: ListState) -> str:
    return _serializer().dumps(asdict(state))


def expiry(issued: datetime) -> datetime:
    return issued + lifetime()


def read(token: str, verb: str) -> ListState:
    """The state a token carries; ``badResumptionToken`` if it is expired, forged, altered or
    was issued for another verb."""
    try:
        values = _serializer().loads(token, max_age=lifetime().total_seconds())
    except SignatureExpired:
        raise OAIError(
            BAD_RESUMPTION_TOKEN, "The resumption token has expired; start the list again."
        ) from None
    except BadSignature:
        raise OAIError(
            BAD_RESUMPTION_TOKEN, "The resumption token is not one this repository issued."
        ) from None
    try:
        state = ListState(**values)
    except TypeError:
        raise OAIError(BAD_RESUMPTION_TOKEN, "The resumption token is not readable.") from None
    if state.verb != verb:
        raise OAIError(
            BAD_RESUMPTION_TOKEN, f"The resumption token continues {state.verb}, not {verb}."
        )
    return state
