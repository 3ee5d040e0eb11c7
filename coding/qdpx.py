"""REFI-QDA exchange (https://www.qdasoftware.org): a whole project as a ``.qdpx`` file, read by
NVivo, ATLAS.ti, MAXQDA and others, and the codebook alone as a ``.qdc`` file, both ways.

A ``.qdpx`` is a zip holding ``project.qde`` (QDA-XML, namespace ``urn:QDA-XML:project:1.0``)
and ``sources/<guid>.txt``: each document of the corpus as one plain-text source, its pages in
order separated by a form feed, so that a passage's REFI position is the start of its page in
that text plus its offset in the page. Coders are Users, the codebook nested Codes (the
definition, then the example, as the Description), each coded passage a PlainTextSelection with
one Coding per code (CodeRef and the creating user), and each memo a Note that the selection
points at (NoteRef). GUIDs are derived from the project's own ids, so exporting twice gives the
same GUIDs.

Export shows what the account may see (``export.project_excerpts``); passages no longer anchored
in the stored text (re-extracted, not found again) are left out and counted.
"""

from __future__ import annotations

import io
import uuid
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime

from lxml import etree
from sqlalchemy import select

from casereview.catalogue import Catalogue, Page, ProjectDocument, ProjectMember, Report, User
from casereview.curation import is_taken_down
from casereview.users import Account

from . import CodingError
from .codebook import CodeNode, _new_code, _siblings, codebook
from .export import ProjectExcerpts, project_excerpts
from .projects import membership

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
PAGE_SEPARATOR = "\f"
EXAMPLE_MARK = "\n\nExample: "
ORIGIN = "casereview coding workspace"
GUIDS = uuid.uuid5(uuid.NAMESPACE_URL, "urn:casereview:coding")
MAX_QDC_BYTES = 2 * 1024 * 1024
MAX_QDC_CODES = 2000


def guid(kind: str, project_id: int, key) -> str:
    """A stable GUID for one thing of one project."""
    return str(uuid.uuid5(GUIDS, f"{kind}:{project_id}:{key}"))


def _when(moment: datetime) -> str:
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _element(parent, ns: str, tag: str, text: str | None = None, **attributes):
    element = etree.SubElement(
        parent, f"{{{ns}}}{tag}", {k: str(v) for k, v in attributes.items() if v is not None}
    )
    if text is not None:
        element.text = text
    return element


def describe_code(definition: str, example: str) -> str:
    """A code's REFI Description: its definition, then its example."""
    return (definition + (EXAMPLE_MARK + example if example else "")).strip()


def read_description(description: str) -> tuple[str, str]:
    """(definition, example) from a Description written by ``describe_code`` (any other text
    is all definition)."""
    text = (description or "").strip()
    mark = EXAMPLE_MARK.strip("\n")
    if text.startswith(mark):
        return "", text[len(mark) :].strip()
    definition, found, example = text.rpartition(EXAMPLE_MARK)
    return (definition.strip(), example.strip()) if found else (text, "")


def _codes(parent, ns: str, project_id: int, nodes: list[CodeNode]) -> None:
    for node in nodes:
        element = _element(
            parent, ns, "Code", guid=guid("code", project_id, node.id), name=node.name
        )
        element.set("isCodable", "true")
        description = describe_code(node.definition, node.example)
        if description:
            _element(element, ns, "Description", description)
        _codes(element, ns, project_id, node.children)


def _xml(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


# the codebook (.qdc) --------------------------------------------------------------------------


def codebook_qdc(catalogue: Catalogue, account: Account, project_id: int) -> bytes:
    """The project's codebook as a REFI-QDA codebook (``.qdc``)."""
    nodes = codebook(catalogue, account, project_id)
    root = etree.Element(f"{{{CODEBOOK_NS}}}CodeBook", nsmap={None: CODEBOOK_NS})
    root.set("origin", ORIGIN)
    codes = _element(root, CODEBOOK_NS, "Codes")
    _codes(codes, CODEBOOK_NS, project_id, nodes)
    if not nodes:
        raise CodingError("the codebook has no codes to export yet")
    return _xml(root)


@dataclass
class QdcImport:
    added: int = 0
    # Codes of the file already in the codebook at the same place (same name): kept as they are.
    present: int = 0


def _safe_tree(data: bytes):
    """The XML of an uploaded file, refused if it is too big, not XML, or declares a DTD (no
    entity of any kind is expanded, nothing is fetched)."""
    if len(data) > MAX_QDC_BYTES:
        raise CodingError(f"a codebook file has at most {MAX_QDC_BYTES // (1024 * 1024)} MB")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        tree = etree.parse(io.BytesIO(data), parser)
    except etree.XMLSyntaxError as error:
        raise CodingError(f"that is not a REFI-QDA codebook (.qdc): {error.msg}") from None
    if tree.docinfo.doctype:
        raise CodingError("a codebook file must not declare a DTD")
    return tree.getroot()


def _file_codes(root) -> list:
    """The top-level Code elements of a .qdc (or of a .qdpx's project.qde codebook)."""
    namespace = etree.QName(root).namespace
    if etree.QName(root).localname == "CodeBook" and namespace == CODEBOOK_NS:
        codes = root.find(f"{{{CODEBOOK_NS}}}Codes")
    elif etree.QName(root).localname == "Project" and namespace == PROJECT_NS:
        codes = root.find(f"{{{PROJECT_NS}}}CodeBook/{{{PROJECT_NS}}}Codes")
    else:
        raise CodingError("that is not a REFI-QDA codebook (.qdc): no CodeBook element")
    found = [] if codes is None else codes.findall(f"{{{namespace}}}Code")
    if not found:
        raise CodingError("the codebook file has no codes")
    if sum(1 for _ in codes.iter(f"{{{namespace}}}Code")) > MAX_QDC_CODES:
        raise CodingError(f"a codebook file has at most {MAX_QDC_CODES} codes")
    return found


def import_qdc(
    catalogue: Catalogue,
    account: Account,
    project_id: int,
    data: bytes,
    parent_id: int | None = None,
) -> QdcImport:
    """Add a REFI-QDA codebook's codes to the project's codebook, nested as in the file, under
    ``parent_id`` (None: the top level). A code already there (same name, same place) is kept
    and its children go under it; every code added is in the codebook's history. All or none."""
    top = _file_codes(_safe_tree(data))
    outcome = QdcImport()
    with catalogue.session() as session:
        membership(session, project_id, account)
        pending = [(element, parent_id) for element in top]
        while pending:
            element, parent = pending.pop(0)
            ns = etree.QName(element).namespace
            name = (element.get("name") or "").strip()
            definition, example = read_description(element.findtext(f"{{{ns}}}Description") or "")
            same = [
                c
                for c in _siblings(session, project_id, parent)
                if c.name.casefold() == name.casefold()
            ]
            if same:
                code = same[0]
                outcome.present += 1
            else:
                code = _new_code(session, account, project_id, name, definition, example, parent)
                outcome.added += 1
            pending.extend((child, code.id) for child in element.findall(f"{{{ns}}}Code"))
    return outcome


# the project (.qdpx) --------------------------------------------------------------------------


@dataclass
class SourceText:
    report_id: int
    name: str
    description: str
    text: str
    # Where each page starts in ``text`` ({page number: offset}).
    page_starts: dict[int, int] = field(default_factory=dict)


@dataclass
class QdpxExport:
    data: bytes
    sources: int
    codes: int
    codings: int
    notes: int
    # Passages left out: no longer anchored in the stored text, or of a taken-down document.
    left_out: int


def source_texts(session, project_id: int) -> list[SourceText]:
    """The corpus documents (not taken down) as plain texts, pages joined in order."""
    rows = session.execute(
        select(ProjectDocument, Report)
        .join(Report, Report.id == ProjectDocument.report_id)
        .where(ProjectDocument.project_id == project_id)
        .order_by(ProjectDocument.review_key, ProjectDocument.report_id)
    ).all()
    sources = []
    for document, report in rows:
        if is_taken_down(session, report):
            continue
        pages = session.execute(
            select(Page.number, Page.text).where(Page.report_id == report.id).order_by(Page.number)
        ).all()
        starts, parts, at = {}, [], 0
        for number, text in pages:
            starts[number] = at
            parts.append(text)
            at += len(text) + len(PAGE_SEPARATOR)
        meta = report.effective()
        title = meta["title"] or report.filename
        sources.append(
            SourceText(
                report.id,
                f"{title} [{document.review_key}, document {report.id}]",
                f"Review {document.review_key}; document {report.id}"
                + (f" ({meta['document_role']})" if meta["document_role"] else "")
                + f"; file SHA-256 {document.sha256}; pages separated by form feeds, starting "
                + "at "
                + ", ".join(f"page {n}: {s}" for n, s in starts.items()),
                PAGE_SEPARATOR.join(parts),
                starts,
            )
        )
    return sources


def _users(session, project_id: int, coders: set[str]) -> dict[str, str]:
    """{name: GUID} of the project's members and of the coders of the passages exported."""
    members = set(
        session.scalars(
            select(User.name)
            .join(ProjectMember, ProjectMember.user_id == User.id)
            .where(ProjectMember.project_id == project_id)
        )
    )
    return {name: guid("user", project_id, name) for name in sorted(members | coders)}


def project_qdpx(
    catalogue: Catalogue, account: Account, project_id: int, found: ProjectExcerpts | None = None
) -> QdpxExport:
    """The project as a REFI-QDA project file (the bytes of a ``.qdpx``)."""
    found = found or project_excerpts(catalogue, account, project_id)
    nodes = codebook(catalogue, account, project_id)
    with catalogue.session() as session:
        membership(session, project_id, account)
        sources = source_texts(session, project_id)
        users = _users(session, project_id, {e.coder for e in found.excerpts})
    by_document = {s.report_id: s for s in sources}
    me = users.get(account.name)
    root = etree.Element(f"{{{PROJECT_NS}}}Project", nsmap={None: PROJECT_NS})
    root.set("name", found.project_name)
    root.set("origin", ORIGIN)
    if me:
        root.set("creatingUserGUID", me)
    root.set("creationDateTime", _when(datetime.now(UTC)))
    user_list = _element(root, PROJECT_NS, "Users")
    for name, user_guid in users.items():
        _element(user_list, PROJECT_NS, "User", guid=user_guid, name=name)
    if nodes:
        _codes(
            _element(_element(root, PROJECT_NS, "CodeBook"), PROJECT_NS, "Codes"),
            PROJECT_NS,
            project_id,
            nodes,
        )
    archive = io.BytesIO()
    notes, codings, left_out = [], 0, found.withheld
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        source_list = _element(root, PROJECT_NS, "Sources") if sources else None
        excerpts = {}
        for excerpt in found.excerpts:
            excerpts.setdefault(excerpt.document_id, []).append(excerpt)
        for source in sources:
            source_guid = guid("source", project_id, source.report_id)
            bundle.writestr(f"sources/{source_guid}.txt", source.text.encode("utf-8"))
            element = _element(
                source_list,
                PROJECT_NS,
                "TextSource",
                guid=source_guid,
                name=source.name,
                plainTextPath=f"internal://{source_guid}.txt",
            )
            _element(element, PROJECT_NS, "Description", source.description)
            for excerpt in excerpts.get(source.report_id, []):
                start = source.page_starts.get(excerpt.page)
                if not excerpt.anchored or start is None:
                    left_out += 1
                    continue
                codings += _selection(element, project_id, excerpt, start, users, notes)
        left_out += sum(len(v) for k, v in excerpts.items() if k not in by_document)
        if notes:
            _notes(_element(root, PROJECT_NS, "Notes"), notes, users)
        if found.research_question:
            _element(root, PROJECT_NS, "Description", found.research_question)
        bundle.writestr("project.qde", _xml(root))
    return QdpxExport(
        archive.getvalue(), len(sources), _count(nodes), codings, len(notes), left_out
    )


def _notes(parent, notes: list, users: dict[str, str]) -> None:
    """Each memo as a Note (a plain text), by its coder."""
    for note_guid, excerpt in notes:
        note = _element(
            parent,
            PROJECT_NS,
            "Note",
            guid=note_guid,
            name=f"Memo on passage {excerpt.passage_id}",
            creatingUser=users[excerpt.coder],
            creationDateTime=_when(excerpt.updated_at),
        )
        _element(note, PROJECT_NS, "PlainTextContent", excerpt.memo)


def _selection(source, project_id: int, excerpt, page_start: int, users, notes) -> int:
    """One coded passage as a PlainTextSelection of its source; returns the codings written."""
    user = users[excerpt.coder]
    selection = _element(
        source,
        PROJECT_NS,
        "PlainTextSelection",
        guid=guid("passage", project_id, excerpt.passage_id),
        name=excerpt.quote[:80],
        startPosition=page_start + excerpt.start,
        endPosition=page_start + excerpt.end,
        creatingUser=user,
        creationDateTime=_when(excerpt.created_at),
        modifiedDateTime=_when(excerpt.updated_at),
    )
    for code_id in excerpt.code_ids:
        coding = _element(
            selection,
            PROJECT_NS,
            "Coding",
            guid=guid("coding", project_id, f"{excerpt.passage_id}:{code_id}"),
            creatingUser=user,
            creationDateTime=_when(excerpt.created_at),
        )
        _element(coding, PROJECT_NS, "CodeRef", targetGUID=guid("code", project_id, code_id))
    if excerpt.memo:
        note_guid = guid("memo", project_id, excerpt.passage_id)
        _element(selection, PROJECT_NS, "NoteRef", targetGUID=note_guid)
        notes.append((note_guid, excerpt))
    return len(excerpt.code_ids)


def _count(nodes: list[CodeNode]) -> int:
    return sum(1 + _count(n.children) for n in nodes)
