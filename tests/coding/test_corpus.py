import pytest
from sqlalchemy import select

from casereview.catalogue import Page, ProjectDocument, Report
from coding import CodingError, NotFound
from coding.codebook import add_code
from coding.corpus import add_reviews, corpus, page_text_sha256, remove_review
from coding.passages import apply_codes

from .conftest import add_report, researcher


@pytest.fixture
def review(catalogue):
    """A review of two documents: the final report and its seven-minute briefing."""
    final = add_report(catalogue, ["Final report of Child A.", "Page two."], "cpr-a")
    briefing = add_report(catalogue, ["Seven minute briefing."], "cpr-a")
    return final, briefing


def test_adding_a_review_adds_all_its_public_documents_as_they_are(
    catalogue, owner, project_id, review
):
    final, briefing = review
    outcome = add_reviews(catalogue, owner, project_id, [briefing])
    assert sorted(outcome.added) == [final, briefing]
    with catalogue.session() as session:
        kept = session.scalar(select(ProjectDocument).where(ProjectDocument.report_id == final))
        report = session.get(Report, final)
        assert (kept.sha256, kept.review_key, kept.page_count) == (report.sha256, "cpr-a", 2)
        assert kept.text_sha256 == page_text_sha256(["Final report of Child A.", "Page two."])
    documents = corpus(catalogue, owner, project_id)
    assert [(d.report_id, d.review_key, d.text_unchanged, d.taken_down) for d in documents] == [
        (final, "cpr-a", True, False),
        (briefing, "cpr-a", True, False),
    ]


def test_many_reviews_at_once_and_again_is_harmless(catalogue, owner, coder, project_id, review):
    other = add_report(catalogue, ["Learning review of Child B."], "lr-b")
    outcome = add_reviews(catalogue, coder, project_id, [review[0], other, review[0]])
    assert sorted(outcome.added) == sorted([*review, other])
    again = add_reviews(catalogue, owner, project_id, [other, review[1]])
    assert (again.added, again.already) == ([], [other, review[1]])


def test_taken_down_unknown_and_unfinished_documents_are_not_added(catalogue, owner, project_id):
    hidden = add_report(catalogue, ["Taken down."], "sigcr-c", suppressed=True)
    pending = add_report(catalogue, ["Not extracted yet."], "scr-d", state="pending")
    public = add_report(catalogue, ["Public part."], "scr-e")
    hidden_sibling = add_report(catalogue, ["Withdrawn annex."], "scr-e", suppressed=True)
    outcome = add_reviews(catalogue, owner, project_id, [hidden, pending, 999_999, public])
    assert outcome.added == [public]
    assert outcome.not_found == [hidden, pending, 999_999]
    assert hidden_sibling not in [d.report_id for d in corpus(catalogue, owner, project_id)]
    again = add_reviews(catalogue, owner, project_id, [hidden_sibling])
    assert (again.added, again.not_found) == ([], [hidden_sibling])


def test_only_members_add_and_bad_requests_are_refused(catalogue, project_id, review):
    with pytest.raises(NotFound):
        add_reviews(catalogue, researcher(catalogue, "sian"), project_id, review)
    owner_of_nothing = researcher(catalogue, "rhys")
    with pytest.raises(NotFound):
        corpus(catalogue, owner_of_nothing, project_id)


def test_an_empty_request_is_refused(catalogue, owner, project_id):
    with pytest.raises(CodingError, match="at least one"):
        add_reviews(catalogue, owner, project_id, [])


def test_a_re_extracted_document_shows_its_text_changed(catalogue, owner, project_id, review):
    add_reviews(catalogue, owner, project_id, [review[0]])
    with catalogue.session() as session:
        page = session.scalar(select(Page).where(Page.report_id == review[0], Page.number == 2))
        page.text = "Page two, extracted again."
    changed = {d.report_id: d.text_unchanged for d in corpus(catalogue, owner, project_id)}
    assert changed == {review[0]: False, review[1]: True}


def test_a_coded_review_stays_in_the_corpus(catalogue, owner, project_id, review):
    add_reviews(catalogue, owner, project_id, [review[0]])
    code = add_code(catalogue, owner, project_id, "Neglect")
    apply_codes(catalogue, owner, project_id, review[0], 1, 0, 12, [code])
    with pytest.raises(CodingError, match="coded passages"):
        remove_review(catalogue, owner, project_id, "cpr-a")
    other = add_report(catalogue, ["Another review."], "lr-z")
    add_reviews(catalogue, owner, project_id, [other])
    remove_review(catalogue, owner, project_id, "lr-z")
    assert {d.review_key for d in corpus(catalogue, owner, project_id)} == {"cpr-a"}
    with pytest.raises(NotFound):
        remove_review(catalogue, owner, project_id, "lr-z")


def test_a_document_taken_down_after_it_was_added_is_named_no_more_nor_coded(
    catalogue, owner, project_id, review
):
    final, briefing = review
    add_reviews(catalogue, owner, project_id, [final])
    code = add_code(catalogue, owner, project_id, "Neglect")
    with catalogue.session() as session:
        session.get(Report, briefing).suppressed = True
    listed = {d.report_id: (d.title, d.taken_down) for d in corpus(catalogue, owner, project_id)}
    assert listed == {final: ("Review cpr-a", False), briefing: ("", True)}
    with pytest.raises(NotFound):
        apply_codes(catalogue, owner, project_id, briefing, 1, 0, 5, [code])
    apply_codes(catalogue, owner, project_id, final, 1, 0, 5, [code])
