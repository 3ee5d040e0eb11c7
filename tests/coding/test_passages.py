import pytest

from coding import CodingError, NotFound
from coding.codebook import add_code
from coding.corpus import add_reviews
from coding.passages import (
    apply_codes,
    apply_codes_to_sentences,
    delete_passage,
    passages,
    update_passage,
)
from coding.projects import create_project, set_open_coding

from .conftest import add_report, researcher

PAGE_ONE = "The health visitor saw the baby twice. Nobody spoke to the father."
PAGE_TWO = "Supervision was rare.\n\nThe social worker had forty cases."


@pytest.fixture
def document(catalogue, owner, project_id):
    report = add_report(catalogue, [PAGE_ONE, PAGE_TWO], "cpr-x")
    add_reviews(catalogue, owner, project_id, [report])
    return report


@pytest.fixture
def codes(catalogue, owner, project_id):
    return {
        name: add_code(catalogue, owner, project_id, name)
        for name in ("Voice of the child", "Fathers", "Workload")
    }


def test_a_passage_is_anchored_by_page_offsets_and_quote(
    catalogue, owner, project_id, document, codes
):
    start = PAGE_ONE.index("Nobody")
    passage_id = apply_codes(
        catalogue,
        owner,
        project_id,
        document,
        1,
        start,
        len(PAGE_ONE),
        [codes["Fathers"], codes["Voice of the child"], codes["Fathers"]],
        memo="  Invisible men.  ",
    )
    [passage] = passages(catalogue, owner, project_id)
    assert passage.id == passage_id
    assert (passage.report_id, passage.page, passage.start, passage.end) == (
        document,
        1,
        start,
        len(PAGE_ONE),
    )
    assert passage.quote == "Nobody spoke to the father."
    assert set(passage.codes) == {"Fathers", "Voice of the child"}
    assert (passage.coder, passage.memo) == ("olwen", "Invisible men.")


@pytest.mark.parametrize(
    "page, start, end, message",
    [
        (1, 5, 5, "some text"),
        (1, -1, 4, "some text"),
        (1, 0, len(PAGE_ONE) + 1, "some text"),
        (2, 21, 23, "some text"),  # only the blank line between paragraphs
        (3, 0, 4, "no such page"),
    ],
)
def test_a_passage_must_be_text_of_a_page(
    catalogue, owner, project_id, document, codes, page, start, end, message
):
    with pytest.raises(CodingError, match=message):
        apply_codes(catalogue, owner, project_id, document, page, start, end, [codes["Fathers"]])
    assert passages(catalogue, owner, project_id) == []


def test_codes_and_documents_must_be_the_projects(catalogue, owner, project_id, document, codes):
    outside = add_report(catalogue, ["Not in the project."])
    with pytest.raises(NotFound, match="not in this project"):
        apply_codes(catalogue, owner, project_id, outside, 1, 0, 3, [codes["Fathers"]])
    other = create_project(catalogue, owner, "Other")
    foreign = add_code(catalogue, owner, other, "Foreign")
    with pytest.raises(NotFound, match="no such code"):
        apply_codes(catalogue, owner, project_id, document, 1, 0, 3, [foreign])
    with pytest.raises(CodingError, match="at least one code"):
        apply_codes(catalogue, owner, project_id, document, 1, 0, 3, [])
    with pytest.raises(NotFound):
        apply_codes(
            catalogue, researcher(catalogue, "sian"), project_id, document, 1, 0, 3, [foreign]
        )


def test_coders_code_independently_until_the_coding_is_opened(
    catalogue, owner, coder, project_id, document, codes
):
    mine = apply_codes(catalogue, owner, project_id, document, 1, 0, 38, [codes["Workload"]])
    theirs = apply_codes(
        catalogue, coder, project_id, document, 2, 0, 21, [codes["Workload"]], "rare"
    )
    assert [p.id for p in passages(catalogue, owner, project_id)] == [mine]
    assert [p.id for p in passages(catalogue, coder, project_id)] == [theirs]
    set_open_coding(catalogue, owner, project_id, True)
    everyone = [(p.id, p.coder) for p in passages(catalogue, coder, project_id)]
    assert everyone == [(mine, "olwen"), (theirs, "carys")]
    assert [p.id for p in passages(catalogue, coder, project_id, report_id=document + 1)] == []
    # Open or not, a coder changes only their own passages.
    with pytest.raises(NotFound):
        update_passage(catalogue, coder, project_id, mine, memo="mine now")
    with pytest.raises(NotFound):
        delete_passage(catalogue, coder, project_id, mine)


def test_a_coder_changes_codes_and_memo_and_deletes_their_passage(
    catalogue, coder, project_id, document, codes
):
    passage_id = apply_codes(catalogue, coder, project_id, document, 1, 0, 38, [codes["Fathers"]])
    update_passage(
        catalogue,
        coder,
        project_id,
        passage_id,
        [codes["Workload"], codes["Voice of the child"]],
        "second thoughts",
    )
    [passage] = passages(catalogue, coder, project_id)
    assert set(passage.codes) == {"Workload", "Voice of the child"}
    assert passage.memo == "second thoughts"
    with pytest.raises(CodingError, match="at most"):
        update_passage(catalogue, coder, project_id, passage_id, memo="x" * 10_001)
    delete_passage(catalogue, coder, project_id, passage_id)
    assert passages(catalogue, coder, project_id) == []


def test_ticked_sentences_become_one_passage_per_run(catalogue, owner, project_id, document, codes):
    # PAGE_ONE's sentences: 0 "The health visitor saw the baby twice." 1 "Nobody spoke to the
    # father."; PAGE_TWO's: 0 "Supervision was rare." 1 "The social worker had forty cases."
    made = apply_codes_to_sentences(
        catalogue, owner, project_id, document, 1, [1, 0], [codes["Fathers"]], "both"
    )
    assert len(made) == 1
    apply_codes_to_sentences(catalogue, owner, project_id, document, 2, [1], [codes["Workload"]])
    got = [
        (p.page, p.start, p.end, p.quote, p.memo) for p in passages(catalogue, owner, project_id)
    ]
    assert got == [
        (1, 0, len(PAGE_ONE), PAGE_ONE, "both"),
        (2, 23, len(PAGE_TWO), "The social worker had forty cases.", ""),
    ]


def test_sentences_that_are_not_consecutive_make_separate_passages(
    catalogue, owner, project_id, codes
):
    text = "One. Two. Three. Four."
    report = add_report(catalogue, [text])
    add_reviews(catalogue, owner, project_id, [report])
    made = apply_codes_to_sentences(
        catalogue, owner, project_id, report, 1, [0, 2, 3], [codes["Fathers"]]
    )
    quotes = [p.quote for p in passages(catalogue, owner, project_id) if p.id in made]
    assert quotes == ["One.", "Three. Four."]
    for bad in ([], [4], [-1]):
        with pytest.raises(CodingError):
            apply_codes_to_sentences(catalogue, owner, project_id, report, 1, bad, [1])
    # All or none: a bad code leaves no passage behind.
    with pytest.raises(NotFound):
        apply_codes_to_sentences(
            catalogue, owner, project_id, report, 1, [1], [codes["Fathers"], 999]
        )
    assert len(passages(catalogue, owner, project_id)) == 2
