"""Coded excerpts: one row per passage with its review, document version, page, offsets,
quote, codes (names and paths), coder and memo; an owner sees every coder's, a coder their own
until the coding is open; a taken-down document's passages are withheld."""

import pytest

from casereview.catalogue import Report
from coding import NotFound
from coding.codebook import add_code
from coding.corpus import add_reviews
from coding.export import EXCERPT_FIELDS, excerpts_json, project_excerpts
from coding.passages import apply_codes
from coding.projects import set_open_coding

from .conftest import add_report, researcher

PAGE = "The health visitor saw the baby twice. Nobody spoke to the father."
OTHER = "Supervision was rare. The social worker had forty cases."


@pytest.fixture
def coded(catalogue, owner, coder, project_id):
    first = add_report(
        catalogue, [PAGE, OTHER], "cpr-a", nation="Wales", year=2019, review_type="CPR-concise"
    )
    second = add_report(catalogue, [OTHER], "scr-b", nation="England", review_type="SCR")
    add_reviews(catalogue, owner, project_id, [first, second])
    group = add_code(catalogue, owner, project_id, "Learning")
    fathers = add_code(catalogue, owner, project_id, "Fathers", parent_id=group)
    workload = add_code(catalogue, owner, project_id, "Workload", "Too many cases")
    start = PAGE.index("Nobody")
    apply_codes(
        catalogue, owner, project_id, first, 1, start, len(PAGE), [fathers, workload], "Men unseen"
    )
    apply_codes(catalogue, coder, project_id, second, 1, 22, len(OTHER), [workload])
    return {"first": first, "second": second, "fathers": fathers, "workload": workload}


def test_an_owner_exports_every_coders_excerpts(catalogue, owner, project_id, coded):
    found = project_excerpts(catalogue, owner, project_id)
    assert found.all_coders and found.project_name == "Triple coding"
    first, second = found.excerpts
    assert (first.review, first.document_id, first.page) == ("cpr-a", coded["first"], 1)
    assert first.quote == "Nobody spoke to the father." == PAGE[first.start : first.end]
    assert first.codes == ("Fathers", "Workload")
    assert first.code_paths == ("Learning / Fathers", "Workload")
    assert (first.coder, first.memo, first.anchored) == ("olwen", "Men unseen", True)
    assert (first.nation, first.year, first.review_type) == ("Wales", 2019, "CPR-concise")
    with catalogue.session() as session:
        assert first.document_sha256 == session.get(Report, coded["first"]).sha256
    assert len(first.document_text_sha256) == 64
    assert first.review_url == f"/reviews/{coded['first']}"
    assert (second.coder, second.review, second.quote) == ("carys", "scr-b", OTHER[22:])
    row = first.as_row()
    assert list(row) == list(EXCERPT_FIELDS)
    assert row["codes"] == ["Fathers", "Workload"] and isinstance(row["created_at"], str)
    document = excerpts_json(found)
    assert document["project"]["name"] == "Triple coding"
    assert [e["passage_id"] for e in document["excerpts"]] == [first.passage_id, second.passage_id]


def test_a_coder_exports_their_own_until_the_coding_is_open(
    catalogue, owner, coder, project_id, coded
):
    mine = project_excerpts(catalogue, coder, project_id)
    assert not mine.all_coders and [e.coder for e in mine.excerpts] == ["carys"]
    set_open_coding(catalogue, owner, project_id, True)
    everyone = project_excerpts(catalogue, coder, project_id)
    assert everyone.all_coders and [e.coder for e in everyone.excerpts] == ["olwen", "carys"]


def test_strangers_get_nothing_and_taken_down_passages_are_withheld(
    catalogue, owner, project_id, coded
):
    with pytest.raises(NotFound):
        project_excerpts(catalogue, researcher(catalogue, "sian"), project_id)
    with catalogue.session() as session:
        session.get(Report, coded["first"]).suppressed = True
    found = project_excerpts(catalogue, owner, project_id)
    assert found.withheld == 1 and [e.review for e in found.excerpts] == ["scr-b"]
    assert "Nobody spoke" not in str(excerpts_json(found))
