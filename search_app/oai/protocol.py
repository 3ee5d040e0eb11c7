"""The OAI-PMH 2.0 rules a request must keep: its verb and arguments, dates, identifiers and set
specs. Every breach is an ``OAIError`` with the protocol's code and a message a person can act
on; nothing here touches the catalogue."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ..params import CONTROL_CHARACTERS

# The protocol's error codes (OAI-PMH 2.0, section 3.6).
BAD_VERB = "badVerb"
BAD_ARGUMENT = "badArgument"
BAD_RESUMPTION_TOKEN = "badResumptionToken"
CANNOT_DISSEMINATE_FORMAT = "cannotDisseminateFormat"
ID_DOES_NOT_EXIST = "idDoesNotExist"
NO_RECORDS_MATCH = "noRecordsMatch"
NO_METADATA_FORMATS = "noMetadataFormats"
NO_SET_HIERARCHY = "noSetHierarchy"

DAY = "YYYY-MM-DD"
SECONDS = "YYYY-MM-DDThh:mm:ssZ"
DAY_PATTERN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
SECONDS_PATTERN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")
# setSpec syntax (the OAI-PMH schema's setSpecType), and a bound on what we read of one.
SET_SPEC = re.compile(r"[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*")
METADATA_PREFIX = re.compile(r"[A-Za-z0-9\-_.!~*'()]+")
MAX_ARGUMENT_CHARS = 2000
ITEM_PREFIX = "review-"
MAX_ITEM_DIGITS = 18


class OAIError(Exception):
    """One protocol error: ``code`` is the OAI-PMH error code, ``message`` says why."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Verb:
    """What a verb accepts: arguments it requires, may have, and one that excludes the rest."""

    name: str
    required: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    exclusive: str | None = None


def printable(text: str, limit: int = 80) -> str:
    """``text`` cut short and without the characters XML cannot carry, to quote it back."""
    return CONTROL_CHARACTERS.sub("", text)[:limit]


def read_arguments(form, verbs: dict[str, Verb]) -> tuple[Verb, dict[str, str]]:
    """The verb and its arguments from a request's query string or form (a werkzeug
    MultiDict); ``badVerb`` or ``badArgument`` when the request breaks the verb's rules."""
    verb_values = form.getlist("verb")
    if not verb_values:
        raise OAIError(BAD_VERB, "The request has no verb; give one of: " + ", ".join(verbs))
    if len(verb_values) > 1:
        raise OAIError(BAD_VERB, "The verb is repeated; give it once.")
    verb = verbs.get(verb_values[0])
    if verb is None:
        raise OAIError(
            BAD_VERB,
            f"“{printable(verb_values[0])}” is not an OAI-PMH verb; use one of: "
            + ", ".join(verbs),
        )
    arguments = {}
    allowed = {*verb.required, *verb.optional, *([verb.exclusive] if verb.exclusive else [])}
    for name in form:
        if name == "verb":
            continue
        values = form.getlist(name)
        if name not in allowed:
            raise OAIError(BAD_ARGUMENT, f"{verb.name} takes no argument “{printable(name)}”.")
        if len(values) > 1:
            raise OAIError(BAD_ARGUMENT, f"The argument {name} is repeated; give it once.")
        if len(values[0]) > MAX_ARGUMENT_CHARS or CONTROL_CHARACTERS.search(values[0]):
            raise OAIError(BAD_ARGUMENT, f"The argument {name} is not a value this verb reads.")
        arguments[name] = values[0]
    if verb.exclusive and verb.exclusive in arguments:
        if len(arguments) > 1:
            raise OAIError(
                BAD_ARGUMENT, f"{verb.exclusive} is an exclusive argument: give it alone."
            )
        return verb, arguments
    missing = [name for name in verb.required if name not in arguments]
    if missing:
        raise OAIError(BAD_ARGUMENT, f"{verb.name} needs the argument {', '.join(missing)}.")
    return verb, arguments


@dataclass(frozen=True)
class DateBound:
    """A from or until argument: the instant and the granularity it was written in."""

    instant: datetime
    granularity: str

    @property
    def end(self) -> datetime:
        """The first instant after what ``until`` covers: the next day, or the next second."""
        step = timedelta(days=1) if self.granularity == DAY else timedelta(seconds=1)
        return self.instant + step


def parse_date(name: str, text: str) -> DateBound:
    """A from/until value in day or seconds granularity (both are this repository's)."""
    try:
        if DAY_PATTERN.fullmatch(text):
            return DateBound(datetime.combine(date.fromisoformat(text), datetime.min.time()), DAY)
        if SECONDS_PATTERN.fullmatch(text):
            return DateBound(datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ"), SECONDS)
    except ValueError:
        pass
    raise OAIError(
        BAD_ARGUMENT,
        f"{name} must be a UTC date written {DAY} or {SECONDS}, not “{printable(text)}”.",
    )


def date_range(arguments: dict) -> tuple[DateBound | None, DateBound | None]:
    """(from, until) of a list request: same granularity, from not after until."""
    start = parse_date("from", arguments["from"]) if "from" in arguments else None
    until = parse_date("until", arguments["until"]) if "until" in arguments else None
    if start and until:
        if start.granularity != until.granularity:
            raise OAIError(BAD_ARGUMENT, "from and until must be written in the same granularity.")
        if start.instant > until.instant:
            raise OAIError(BAD_ARGUMENT, "from is later than until.")
    return start, until


def check_set_spec(spec: str) -> str:
    if not SET_SPEC.fullmatch(spec):
        raise OAIError(BAD_ARGUMENT, f"“{printable(spec)}” is not a setSpec (e.g. nation:wales).")
    return spec


def item_identifier(repository_id: str, number: int) -> str:
    return f"oai:{repository_id}:{ITEM_PREFIX}{number}"


def item_number(repository_id: str, identifier: str) -> int:
    """The review number an identifier names; ``idDoesNotExist`` for any other identifier."""
    prefix = f"oai:{repository_id}:{ITEM_PREFIX}"
    digits = identifier.removeprefix(prefix)
    if (
        not identifier.startswith(prefix)
        or not digits.isascii()
        or not digits.isdigit()
        or len(digits) > MAX_ITEM_DIGITS
    ):
        raise OAIError(
            ID_DOES_NOT_EXIST,
            f"“{printable(identifier)}” is not an identifier of this repository "
            f"(they read {prefix}N).",
        )
    return int(digits)


def datestamp(instant: datetime) -> str:
    """A datestamp in this repository's finest granularity (seconds, UTC)."""
    return instant.replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
