"""Agreement over a project's corpus: sentences are the units; values worked out by hand."""

import math

import krippendorff
import numpy as np
import pytest

from coding import CodingError, NotFound
from coding.agreement import project_agreement
from coding.codebook import add_code
from coding.corpus import add_reviews
from coding.passages import apply_codes
from coding.projects import add_member, set_open_coding

from .conftest import add_report, researcher

PAGE_ONE = "Baby was hungry. The flat was cold. Nobody asked dad. Dad was absent."
PAGE_TWO = "School saw bruises. Nobody acted."


@pytest.fixture
def coded(catalogue, owner, coder, project_id):
    """olwen and carys code one two-page document; units are its six sentences:
    p1: s1 "Baby was hungry." s2 "The flat was cold." s3 "Nobody asked dad." s4 "Dad was absent."
    p2: s5 "School saw bruises." s6 "Nobody acted."
    Neglect: olwen s1-s2 (one passage), carys s2 and s5. Fathers: olwen s4."""
    report = add_report(catalogue, [PAGE_ONE, PAGE_TWO], "cpr-h")
    add_reviews(catalogue, owner, project_id, [report])
    neglect = add_code(catalogue, owner, project_id, "Neglect")
    fathers = add_code(catalogue, owner, project_id, "Fathers")
    flat = PAGE_ONE.index("flat")
    apply_codes(catalogue, owner, project_id, report, 1, 0, flat + 4, [neglect])
    cold = PAGE_ONE.index("cold")
    apply_codes(catalogue, coder, project_id, report, 1, cold, cold + 4, [neglect])
    apply_codes(catalogue, coder, project_id, report, 2, 0, 19, [neglect])
    dad = PAGE_ONE.index("Dad was")
    apply_codes(catalogue, owner, project_id, report, 1, dad, len(PAGE_ONE), [fathers])
    set_open_coding(catalogue, owner, project_id, True)
    return report


def test_kappa_and_alpha_per_code_and_overall(catalogue, coder, project_id, coded):
    result = project_agreement(catalogue, coder, project_id)
    assert result.coders == ("carys", "olwen") and result.sentences == 6
    fathers, neglect = result.per_code
    # Neglect, (carys, olwen) per sentence: s1 (0,1), s2 (1,1), s3 (0,0), s4 (0,0),
    # s5 (1,0), s6 (0,0). po = 4/6; each coder 1 twice, 0 four times; pe = (2*2 + 4*4)/36
    # kappa = (24/36 - 20/36) / (16/36) = 1/4
    # coincidences: o11 = 2, o00 = 6, o01 = o10 = 2; n1 = 4, n0 = 8, n = 12
    # alpha = 1 - 11 * 4 / (2*4*8) = 20/64
    assert (neglect.code, neglect.coded_sentences) == ("Neglect", 3)
    assert neglect.kappa == pytest.approx(1 / 4)
    assert neglect.alpha == pytest.approx(20 / 64)
    # Fathers: s4 (0,1), five (0,0). po = 5/6; pe = (6*5 + 0*1)/36 = 5/6; kappa = 0
    # o00 = 10, o01 = o10 = 1; n0 = 11, n1 = 1, n = 12; alpha = 1 - 11*2/(2*11*1) = 0
    assert fathers.kappa == pytest.approx(0) and fathers.alpha == pytest.approx(0)
    # Overall, twelve (sentence, code) units: (1,1) 1, (0,1) 2, (1,0) 1, (0,0) 8.
    # po = 9/12; carys 1 twice, olwen 1 three times; pe = (2*3 + 10*9)/144
    # kappa = (108 - 96) / (144 - 96) = 1/4
    # o11 = 2, o00 = 16, o01 = o10 = 3; n1 = 5, n0 = 19, n = 24; alpha = 1 - 23*6/(2*5*19)
    assert result.kappa == pytest.approx(1 / 4)
    assert result.alpha == pytest.approx(1 - 138 / 190)


def test_the_disagreements_say_who_coded_and_who_did_not(catalogue, owner, project_id, coded):
    rows = [
        (d.sentence.page, d.sentence.text, d.code, d.coded_by, d.not_coded_by)
        for d in project_agreement(catalogue, owner, project_id).disagreements
    ]
    assert rows == [
        (1, "Baby was hungry.", "Neglect", ("olwen",), ("carys",)),
        (1, "Dad was absent.", "Fathers", ("olwen",), ("carys",)),
        (2, "School saw bruises.", "Neglect", ("carys",), ("olwen",)),
    ]


def test_a_passage_ending_where_a_sentence_starts_does_not_code_it(
    catalogue, owner, coder, project_id, coded
):
    fathers = project_agreement(catalogue, coder, project_id).per_code[0]
    # carys codes s3 "Nobody asked dad." up to the space before s4: s4 stays uncoded by her.
    s3, s4 = PAGE_ONE.index("Nobody"), PAGE_ONE.index("Dad was")
    apply_codes(catalogue, coder, project_id, coded, 1, s3, s4, [fathers.code_id])
    result = project_agreement(catalogue, coder, project_id)
    assert result.per_code[0].coded_sentences == 2
    assert [d.sentence.text for d in result.disagreements if d.code == "Fathers"] == [
        "Nobody asked dad.",
        "Dad was absent.",
    ]


def test_three_coders_get_alpha_as_the_krippendorff_package_does(
    catalogue, owner, project_id, coded
):
    siona = researcher(catalogue, "siona")
    add_member(catalogue, owner, project_id, "siona")
    neglect = project_agreement(catalogue, owner, project_id).per_code[1]
    assert neglect.code == "Neglect"
    apply_codes(catalogue, siona, project_id, coded, 1, 0, len(PAGE_ONE), [neglect.code_id])
    result = project_agreement(catalogue, owner, project_id)
    assert result.coders == ("carys", "olwen", "siona")
    assert result.kappa is None
    # Neglect per sentence s1..s6, rows carys, olwen, siona:
    data = np.array([[0, 1, 0, 0, 1, 0], [1, 1, 0, 0, 0, 0], [1, 1, 1, 1, 0, 0]], dtype=float)
    expected = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    assert not math.isnan(expected)
    assert result.per_code[1].alpha == pytest.approx(expected)


def test_agreement_waits_for_the_coding_to_be_opened(catalogue, owner, coder, project_id, coded):
    set_open_coding(catalogue, owner, project_id, False)
    with pytest.raises(CodingError, match="open the coding"):
        project_agreement(catalogue, owner, project_id)
    with pytest.raises(NotFound):
        project_agreement(catalogue, researcher(catalogue, "sian"), project_id)


def test_one_coder_is_not_enough(catalogue, owner, project_id):
    report = add_report(catalogue, [PAGE_ONE])
    add_reviews(catalogue, owner, project_id, [report])
    code = add_code(catalogue, owner, project_id, "Neglect")
    apply_codes(catalogue, owner, project_id, report, 1, 0, 5, [code])
    set_open_coding(catalogue, owner, project_id, True)
    with pytest.raises(CodingError, match="at least two coders"):
        project_agreement(catalogue, owner, project_id)
