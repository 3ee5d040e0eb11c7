import pytest

from casereview.catalogue import Page, Report
from coding import CodingError, NotFound
from coding.codebook import add_code
from coding.corpus import add_reviews
from coding.passages import apply_codes, passages
from coding.reading import apply_selection, document_page, sentence_codes

from .conftest import add_report, researcher

PAGE_ONE = "The health visitor saw the baby twice.  Nobody spoke to the father.\n\nCase closed."
PAGE_TWO = "Supervision was rare."


@pytest.fixture
def document(catalogue, owner, project_id):
    report = add_report(catalogue, [PAGE_ONE, PAGE_TWO], "cpr-r", title="Review R")
    add_reviews(catalogue, owner, project_id, [report])
    return report


@pytest.fixture
def code(catalogue, owner, project_id):
    return add_code(catalogue, owner, project_id, "Fathers")


def test_a_page_in_sentences_with_their_offsets(catalogue, owner, project_id, document):
    page = document_page(catalogue, owner, project_id, document, 1)
    assert (page.title, page.page, page.page_count, page.text) == ("Review R", 1, 2, PAGE_ONE)
    assert [s.text for s in page.sentences] == [
        "The health visitor saw the baby twice.",
        "Nobody spoke to the father.",
        "Case closed.",
    ]
    assert all(PAGE_ONE[s.start : s.end] == s.text for s in page.sentences)
    assert page.text_unchanged
    with catalogue.session() as session:
        session.get(Report, document).pages[1].text = "Supervision was rare, it said."
    assert not document_page(catalogue, owner, project_id, document, 1).text_unchanged
    for missing in (0, 3):
        with pytest.raises(NotFound):
            document_page(catalogue, owner, project_id, document, missing)
    with pytest.raises(NotFound):
        document_page(catalogue, researcher(catalogue, "sian"), project_id, document, 1)


def test_a_selection_is_coded_only_where_its_quote_is(catalogue, owner, project_id, document, code):
    start, end = PAGE_ONE.index("twice"), PAGE_ONE.index(" to the")
    # The browser joins sentences with one space; the stored text has two.
    apply_selection(
        catalogue, owner, project_id, document, 1, (start, end), "twice. Nobody spoke", [code]
    )
    (passage,) = passages(catalogue, owner, project_id)
    assert (passage.start, passage.end, passage.quote) == (start, end, "twice.  Nobody spoke")
    for span, quote in (((start, end), "twice. Nobody spoke up"), ((5, 2), ""), ((0, 999), "x")):
        with pytest.raises(CodingError, match="select it again"):
            apply_selection(catalogue, owner, project_id, document, 1, span, quote, [code])
    # The text was extracted again: the old offsets no longer hold the quote.
    with catalogue.session() as session:
        session.query(Page).filter_by(report_id=document, number=1).one().text = "X " + PAGE_ONE
    with pytest.raises(CodingError, match="select it again"):
        apply_selection(
            catalogue, owner, project_id, document, 1, (start, end), "twice. Nobody spoke", [code]
        )
    assert len(passages(catalogue, owner, project_id)) == 1


def test_what_was_coded_in_each_sentence(catalogue, owner, coder, project_id, document, code):
    other = add_code(catalogue, owner, project_id, "Health")
    apply_codes(catalogue, owner, project_id, document, 1, 4, 10, [code, other])
    # Ends where sentence 2 begins: it touches no character of it.
    apply_codes(catalogue, coder, project_id, document, 1, 0, PAGE_ONE.index("Nobody"), [code])
    apply_codes(catalogue, coder, project_id, document, 2, 0, 5, [other])
    page = document_page(catalogue, owner, project_id, document, 1)
    every = passages(catalogue, owner, project_id) + passages(catalogue, coder, project_id)
    assert sentence_codes(page.sentences, every, 1) == {
        0: [("carys", "Fathers"), ("olwen", "Fathers"), ("olwen", "Health")]
    }
    # The page-2 passage counts on page 2 only.
    second = document_page(catalogue, owner, project_id, document, 2)
    assert sentence_codes(second.sentences, every, 2) == {0: [("carys", "Health")]}
