"""The six OAI-PMH verbs, each a registered piece: the arguments it takes (``protocol.Verb``) and
a function that writes its answer into the response, or raises the protocol's error."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import islice
from urllib.parse import urlsplit

from flask import current_app
from lxml import etree

from casereview.catalogue import utcnow

from .. import resources
from ..security import public_url
from . import protocol, records, tokens
from .formats import FORMATS, XSI, element
from .protocol import OAIError, Verb

OAI = "http://www.openarchives.org/OAI/2.0/"
OAI_SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
OAI_IDENTIFIER = "http://www.openarchives.org/OAI/2.0/oai-identifier"
OAI_IDENTIFIER_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai-identifier.xsd"
REPOSITORY_NAME = "Case Review Repository"
# The oai-identifier scheme's rule for a repository identifier (a domain name).
DOMAIN_NAME = r"[a-zA-Z][a-zA-Z0-9\-]*(\.[a-zA-Z][a-zA-Z0-9\-]*)+"


def repository_id() -> str:
    """CASEREVIEW_OAI_REPOSITORY_ID, else the host of CASEREVIEW_PUBLIC_URL, else localhost
    (never the request's Host header: identifiers must not change with it)."""
    config = current_app.config["CASEREVIEW"]
    return config.oai_repository_id or urlsplit(config.public_url).hostname or "localhost"


def admin_email() -> str:
    config = current_app.config["CASEREVIEW"]
    host = repository_id()
    return config.oai_admin_email or f"webmaster@{host if '.' in host else 'localhost.localdomain'}"


def base_url() -> str:
    return public_url("oai.endpoint")


# the answers ----------------------------------------------------------------------------------


def header(parent, item: records.Item) -> None:
    head = element(parent, OAI, "header", status="deleted" if item.deleted else None)
    element(head, OAI, "identifier", protocol.item_identifier(repository_id(), item.number))
    element(head, OAI, "datestamp", protocol.datestamp(item.changed_at))
    for spec in item.set_specs:
        element(head, OAI, "setSpec", spec)


def record(parent, item: records.Item, metadata_format) -> None:
    """A record: its header, and its metadata unless the review is deleted."""
    entry = element(parent, OAI, "record")
    header(entry, item)
    if not item.deleted:
        metadata_format.metadata(element(entry, OAI, "metadata"), item)


def _format(prefix: str):
    found = FORMATS.get(prefix)
    if found is None:
        raise OAIError(
            protocol.CANNOT_DISSEMINATE_FORMAT,
            f"No metadata format “{protocol.printable(prefix)}”; ListMetadataFormats lists them: "
            + ", ".join(FORMATS),
        )
    return found


def _item(identifier: str) -> records.Item:
    number = protocol.item_number(repository_id(), identifier)
    with resources.catalogue().session() as session:
        found = records.item(session, number)
    if found is None:
        raise OAIError(protocol.ID_DOES_NOT_EXIST, f"There is no item {identifier}.")
    return found


def identify(parent, _arguments: dict) -> None:
    with resources.catalogue().session() as session:
        earliest = records.earliest_change(session) or utcnow()
    answer = element(parent, OAI, "Identify")
    element(answer, OAI, "repositoryName", REPOSITORY_NAME)
    element(answer, OAI, "baseURL", base_url())
    element(answer, OAI, "protocolVersion", "2.0")
    element(answer, OAI, "adminEmail", admin_email())
    element(answer, OAI, "earliestDatestamp", protocol.datestamp(earliest))
    element(answer, OAI, "deletedRecord", "persistent")
    element(answer, OAI, "granularity", protocol.SECONDS)
    if re.fullmatch(DOMAIN_NAME, repository_id()):
        description = element(answer, OAI, "description")
        scheme = etree.SubElement(
            description,
            f"{{{OAI_IDENTIFIER}}}oai-identifier",
            nsmap={None: OAI_IDENTIFIER, "xsi": XSI},
        )
        scheme.set(f"{{{XSI}}}schemaLocation", f"{OAI_IDENTIFIER} {OAI_IDENTIFIER_SCHEMA}")
        element(scheme, OAI_IDENTIFIER, "scheme", "oai")
        element(scheme, OAI_IDENTIFIER, "repositoryIdentifier", repository_id())
        element(scheme, OAI_IDENTIFIER, "delimiter", ":")
        element(
            scheme, OAI_IDENTIFIER, "sampleIdentifier", protocol.item_identifier(repository_id(), 1)
        )


def list_metadata_formats(parent, arguments: dict) -> None:
    if "identifier" in arguments and _item(arguments["identifier"]).deleted:
        raise OAIError(
            protocol.NO_METADATA_FORMATS,
            "This review has been withdrawn: its metadata is shown in no format.",
        )
    answer = element(parent, OAI, "ListMetadataFormats")
    for metadata_format in FORMATS.values():
        entry = element(answer, OAI, "metadataFormat")
        element(entry, OAI, "metadataPrefix", metadata_format.prefix)
        element(entry, OAI, "schema", metadata_format.schema())
        element(entry, OAI, "metadataNamespace", metadata_format.namespace)


def list_sets(parent, arguments: dict) -> None:
    if "resumptionToken" in arguments:
        raise OAIError(
            protocol.BAD_RESUMPTION_TOKEN, "ListSets answers in one response; it has no token."
        )
    answer = element(parent, OAI, "ListSets")
    for spec, name in records.all_sets():
        entry = element(answer, OAI, "set")
        element(entry, OAI, "setSpec", spec)
        element(entry, OAI, "setName", name)


def get_record(parent, arguments: dict) -> None:
    metadata_format = _format(arguments["metadataPrefix"])
    record(element(parent, OAI, "GetRecord"), _item(arguments["identifier"]), metadata_format)


def _list_state(arguments: dict, verb: str) -> tokens.ListState:
    if "resumptionToken" in arguments:
        return tokens.read(arguments["resumptionToken"], verb)
    return tokens.ListState(
        verb,
        arguments["metadataPrefix"],
        arguments.get("from"),
        arguments.get("until"),
        arguments.get("set"),
    )


def _selection(state: tokens.ListState) -> records.Selection:
    given = {
        name: value for name, value in (("from", state.start), ("until", state.until)) if value
    }
    start, until = protocol.date_range(given)
    set_spec = state.set_spec and protocol.check_set_spec(state.set_spec)
    if set_spec and set_spec not in dict(records.all_sets()):
        raise OAIError(
            protocol.NO_RECORDS_MATCH, f"There is no set {set_spec}; ListSets lists them."
        )
    return records.Selection(start, until, set_spec or None)


def _list(parent, arguments: dict, verb: str, write_item: Callable) -> None:
    """ListIdentifiers and ListRecords: one batch of the selected items, in number order, and
    a resumption token while more remain (an empty one with the last batch)."""
    state = _list_state(arguments, verb)
    metadata_format = _format(state.prefix)
    selection = _selection(state)
    batch = max(1, current_app.config["CASEREVIEW"].oai_batch_size)
    with resources.catalogue().session() as session:
        found = list(islice(records.matching(session, selection, state.after), batch + 1))
        page, more = found[:batch], len(found) > batch
        # The list's size is counted once, by the request that starts a list of several batches.
        size = state.size or (records.count(session, selection) if more else len(page))
    if not found:
        raise OAIError(protocol.NO_RECORDS_MATCH, "No review matches these arguments.")
    answer = element(parent, OAI, verb)
    for item in page:
        write_item(answer, item, metadata_format)
    if not more and state.cursor == 0:
        return
    sent = state.cursor + len(page)
    issued = utcnow()
    token = (
        tokens.issue(replace(state, after=page[-1].number, cursor=sent, size=size))
        if more
        else None
    )
    element(
        answer,
        OAI,
        "resumptionToken",
        token,
        cursor=str(state.cursor),
        completeListSize=str(max(size, sent)),
        expirationDate=protocol.datestamp(tokens.expiry(issued)) if more else None,
    )


def list_identifiers(parent, arguments: dict) -> None:
    _list(parent, arguments, "ListIdentifiers", lambda answer, item, _fmt: header(answer, item))


def list_records(parent, arguments: dict) -> None:
    _list(parent, arguments, "ListRecords", record)


@dataclass(frozen=True)
class Handler:
    verb: Verb
    answer: Callable[[etree._Element, dict], None]


LIST_ARGUMENTS = dict(
    required=("metadataPrefix",), optional=("from", "until", "set"), exclusive="resumptionToken"
)
HANDLERS = {
    handler.verb.name: handler
    for handler in (
        Handler(Verb("Identify"), identify),
        Handler(Verb("ListMetadataFormats", optional=("identifier",)), list_metadata_formats),
        Handler(Verb("ListSets", exclusive="resumptionToken"), list_sets),
        Handler(Verb("GetRecord", required=("identifier", "metadataPrefix")), get_record),
        Handler(Verb("ListIdentifiers", **LIST_ARGUMENTS), list_identifiers),
        Handler(Verb("ListRecords", **LIST_ARGUMENTS), list_records),
    )
}
VERBS = {name: handler.verb for name, handler in HANDLERS.items()}


def respond(form) -> bytes:
    """The OAI-PMH response to a request's arguments, errors included, as UTF-8 XML."""
    root = etree.Element(f"{{{OAI}}}OAI-PMH", nsmap={None: OAI, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{OAI} {OAI_SCHEMA}")
    element(root, OAI, "responseDate", protocol.datestamp(utcnow()))
    request_element = element(root, OAI, "request", base_url())
    try:
        verb, arguments = protocol.read_arguments(form, VERBS)
    except OAIError as error:
        # After badVerb or badArgument the request is echoed without attributes.
        element(root, OAI, "error", error.message, code=error.code)
    else:
        request_element.set("verb", verb.name)
        for name, value in arguments.items():
            request_element.set(name, protocol.printable(value, protocol.MAX_ARGUMENT_CHARS))
        try:
            HANDLERS[verb.name].answer(root, arguments)
        except OAIError as error:
            for child in root[2:]:
                root.remove(child)
            if error.code == protocol.BAD_ARGUMENT:
                request_element.attrib.clear()
            elif not protocol.METADATA_PREFIX.fullmatch(arguments.get("metadataPrefix", "x")):
                # Echoed arguments must be valid ones: a prefix no format could have is not.
                del request_element.attrib["metadataPrefix"]
            element(root, OAI, "error", error.message, code=error.code)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")
