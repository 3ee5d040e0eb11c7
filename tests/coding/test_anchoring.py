"""Re-anchoring coded passages when their document's text is extracted again: in place, then by
the quote exactly, with whitespace counted alike, fuzzily, on the page or the pages either side;
what cannot be found is listed. The last test extracts a real PDF again through ingest."""

import pytest
from sqlalchemy import select

from casereview.archive import Archive
from casereview.catalogue import Coding, Page
from casereview.config import Config
from coding.anchoring import find_anchor, reanchor_all, unanchored
from coding.codebook import add_code
from coding.corpus import add_reviews
from coding.passages import apply_codes, passages
from ingest.pipeline import PAGE_TEXT_LISTENERS, ingest_paths, retry_reports
from standins.corpus.pdf import write_text_pdf

QUOTE = "Nobody spoke to the father about his drinking."


def test_a_quote_still_in_place_stays():
    pages = {1: "Intro. " + QUOTE}
    anchor = find_anchor(QUOTE, 1, 7, pages)
    assert (anchor.page, anchor.start, anchor.end, anchor.method) == (
        1,
        7,
        7 + len(QUOTE),
        "in place",
    )


def test_an_exact_quote_is_found_where_it_moved_nearest_its_old_place():
    text = f"{QUOTE} A new paragraph was read before it. {QUOTE}"
    anchor = find_anchor(QUOTE, 1, 60, {1: text})
    assert anchor.method == "exact" and anchor.start == text.rindex(QUOTE)


def test_whitespace_is_counted_alike():
    text = "Header\n\nNobody spoke to\nthe father   about his\tdrinking.\n"
    anchor = find_anchor(QUOTE, 1, 0, {1: text})
    assert anchor.method == "whitespace"
    assert text[anchor.start : anchor.end] == "Nobody spoke to\nthe father   about his\tdrinking."


def test_a_quote_read_a_little_differently_is_found_fuzzily():
    text = "The review found that Nobody spoke to the fathor about bis drinking. Then more."
    anchor = find_anchor(QUOTE, 1, 0, {1: text})
    assert anchor.method == "fuzzy" and anchor.score >= 85
    assert text[anchor.start : anchor.end] == "Nobody spoke to the fathor about bis drinking."


def test_a_quote_on_a_neighbouring_page_is_found_and_far_pages_are_not_searched():
    pages = {1: "Cover page.", 2: "Nothing here.", 3: f"Moved: {QUOTE}", 5: QUOTE}
    anchor = find_anchor(QUOTE, 2, 0, pages)
    assert (anchor.page, anchor.start, anchor.method) == (3, 7, "exact")
    assert find_anchor(QUOTE, 1, 0, {1: "x", 3: QUOTE}) is None


def test_text_that_is_gone_is_not_anchored():
    assert find_anchor(QUOTE, 1, 0, {1: "The police were told about the injury in May."}) is None
    # Short quotes are not looked for fuzzily: too much matches by chance.
    assert find_anchor("Fathers.", 1, 0, {1: "Father."}) is None


def _set_pages(catalogue, report_id, texts):
    with catalogue.session() as session:
        for page in session.scalars(select(Page).where(Page.report_id == report_id)):
            page.text = texts[page.number]


@pytest.fixture
def ingested(tmp_path, catalogue):
    """A real PDF ingested into the coding tests' catalogue; (report id, config, archive)."""
    config = Config.from_env(environ={}, data_dir=tmp_path / "var")
    config.ensure_dirs()
    archive = Archive(config.archive_dir)
    pdf = write_text_pdf(
        tmp_path / "cpr.pdf",
        [
            "Child Practice Review Child R\n\nThe health visitor saw the baby twice.\n\n"
            f"{QUOTE}\n\nThe school nurse raised a concern in March.",
            "Supervision was rare and the social worker had forty cases.",
        ],
        title="Child Practice Review Child R",
    )
    [result] = ingest_paths([pdf], catalogue, archive, config)
    assert result.state == "indexed"
    return result.report_id, config, archive


def test_extracting_again_re_anchors_every_passage_or_lists_it(
    catalogue, owner, coder, project_id, ingested
):
    """An older extraction (stored before) read the same file differently; coders coded that
    text; extracting the file again writes the real text, and the passages follow it."""
    report_id, config, archive = ingested
    assert any(listener.__module__ == "coding.anchoring" for listener in PAGE_TEXT_LISTENERS)
    with catalogue.session() as session:
        new = dict(
            session.execute(select(Page.number, Page.text).where(Page.report_id == report_id)).all()
        )
    assert QUOTE in new[1] and "forty cases" in new[2]
    old = {
        1: "DRAFT READING OF THE FILE\n"
        + "Nobody spoke to\nthe father about his drinking.\n"
        + "The schoo1 nurse raised a c0ncern in March.\n"
        + "Supervision was rare and the social worker had forty cases.\n"
        + "The police were not told about the earlier injury.",
        2: new[2],
    }
    _set_pages(catalogue, report_id, old)
    add_reviews(catalogue, owner, project_id, [report_id])
    code = add_code(catalogue, owner, project_id, "Fathers")

    def code_text(account, page, text):
        start = old[page].index(text)
        apply_codes(
            catalogue, account, project_id, report_id, page, start, start + len(text), [code]
        )

    code_text(owner, 1, "Nobody spoke to\nthe father about his drinking.")  # whitespace
    code_text(owner, 1, "The schoo1 nurse raised a c0ncern in March.")  # fuzzy
    code_text(coder, 1, "Supervision was rare and the social worker had forty cases.")  # page 2
    code_text(coder, 1, "The police were not told about the earlier injury.")  # gone
    code_text(coder, 2, "the social worker had forty cases")  # in place

    retry_reports(catalogue, archive, config, [report_id])

    with catalogue.session() as session:
        pages = dict(
            session.execute(select(Page.number, Page.text).where(Page.report_id == report_id)).all()
        )
        codings = session.scalars(select(Coding).order_by(Coding.id)).all()
        found = [
            (c.page, c.quote, pages[c.page][c.char_start : c.char_end] == c.quote) for c in codings
        ]
    assert pages == new
    assert found[0] == (1, QUOTE, True)
    assert found[1] == (1, "The school nurse raised a concern in March.", True)
    assert found[2] == (2, "Supervision was rare and the social worker had forty cases.", True)
    assert found[3] == (1, "The police were not told about the earlier injury.", False)
    assert found[4] == (2, "the social worker had forty cases", True)
    # The lost passage is listed to the members who may see it: its coder, and the owner.
    [lost] = unanchored(catalogue, coder, project_id)
    assert lost.quote == "The police were not told about the earlier injury."
    assert [e.passage_id for e in unanchored(catalogue, owner, project_id)] == [lost.passage_id]
    assert all(p.quote in pages[p.page] for p in passages(catalogue, owner, project_id)[:2])
    # Running it again changes nothing.
    again = reanchor_all(catalogue)
    assert (again.in_place, again.moved, again.lost) == (4, {}, [lost.passage_id])


def test_agreement_leaves_out_passages_that_lost_their_text(catalogue, owner, coder, project_id):
    from coding.agreement import project_agreement
    from coding.projects import set_open_coding

    from .conftest import add_report

    text = "The baby was seen. The father was not. Nobody asked why."
    report = add_report(catalogue, [text], "cpr-x")
    add_reviews(catalogue, owner, project_id, [report])
    code = add_code(catalogue, owner, project_id, "Fathers")
    apply_codes(catalogue, owner, project_id, report, 1, 19, 38, [code])
    apply_codes(catalogue, coder, project_id, report, 1, 19, 38, [code])
    apply_codes(catalogue, coder, project_id, report, 1, 39, 56, [code])
    set_open_coding(catalogue, owner, project_id, True)
    assert len(project_agreement(catalogue, owner, project_id).disagreements) == 1
    # Read again: the last sentence is gone, another stands where it was.
    _set_pages(catalogue, report, {1: "The baby was seen. The father was not. It rained all day."})
    result = project_agreement(catalogue, owner, project_id)
    assert result.disagreements == () and result.per_code[0].kappa == 1.0
