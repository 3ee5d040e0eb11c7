"""Code frequencies by review, year, nation and type, codes together in one passage or one
review, and the passages behind each count (``PassageFilter``), worked out by hand."""

import pytest

from coding import CodingError
from coding.analysis import IN_REVIEW, UNKNOWN, PassageFilter, project_analysis
from coding.codebook import add_code
from coding.corpus import add_reviews
from coding.export import project_excerpts
from coding.passages import apply_codes

from .conftest import add_report

TEXT = "One. Two. Three. Four. Five. Six."


@pytest.fixture
def coded(catalogue, owner, project_id):
    """Review a (Wales 2019, CPR): passage 1 [A, B], passage 2 [C]; review b (England, year not
    known, SCR): passage 3 [A], passage 4 [B]; review c (Wales 2019, CPR): passage 5 [A]."""
    a = add_report(catalogue, [TEXT], "a", nation="Wales", year=2019, review_type="CPR-concise")
    b = add_report(catalogue, [TEXT], "b", nation="England", review_type="SCR")
    c = add_report(catalogue, [TEXT], "c", nation="Wales", year=2019, review_type="CPR-concise")
    add_reviews(catalogue, owner, project_id, [a, b, c])
    codes = {n: add_code(catalogue, owner, project_id, n) for n in "ABC"}
    for report, start, names in ((a, 0, "AB"), (a, 5, "C"), (b, 0, "A"), (b, 5, "B"), (c, 0, "A")):
        apply_codes(
            catalogue, owner, project_id, report, 1, start, start + 4, [codes[n] for n in names]
        )
    return codes


def _table(result, key):
    table = next(t for t in result.tables if t.dimension.key == key)
    return {row.code: (row.counts, row.total) for row in table.rows}, [k for k, _ in table.values]


def test_frequencies_by_review_year_nation_and_type(catalogue, owner, project_id, coded):
    result = project_analysis(catalogue, owner, project_id)
    assert result.passages == 5
    by_review, reviews = _table(result, "review")
    assert reviews == ["a", "b", "c"]
    assert by_review == {
        "A": ({"a": 1, "b": 1, "c": 1}, 3),
        "B": ({"a": 1, "b": 1}, 2),
        "C": ({"a": 1}, 1),
    }
    by_year, years = _table(result, "year")
    assert years == ["2019", UNKNOWN]
    assert by_year["A"] == ({"2019": 2, UNKNOWN: 1}, 3)
    by_nation, _ = _table(result, "nation")
    assert by_nation["B"] == ({"Wales": 1, "England": 1}, 2)
    by_type, types = _table(result, "type")
    assert types == ["CPR-concise", "SCR"] and by_type["C"] == ({"CPR-concise": 1}, 1)


def test_codes_together_in_a_passage_and_in_a_review(catalogue, owner, project_id, coded):
    result = project_analysis(catalogue, owner, project_id)
    assert [(p.first, p.second, p.count) for p in result.in_passage] == [("A", "B", 1)]
    # Reviews with both: A+B in a and b; A+C and B+C in a only.
    assert [(p.first, p.second, p.count) for p in result.in_review] == [
        ("A", "B", 2),
        ("A", "C", 1),
        ("B", "C", 1),
    ]


def test_every_count_has_its_passages(catalogue, owner, project_id, coded):
    excerpts = project_excerpts(catalogue, owner, project_id).excerpts
    a, b, c = coded["A"], coded["B"], coded["C"]

    def quotes(**args):
        wanted = PassageFilter.from_args({k: str(v) for k, v in args.items()})
        return [(e.review, e.quote) for e in wanted.select(excerpts)]

    assert quotes(code=a) == [("a", "One."), ("b", "One."), ("c", "One.")]
    assert quotes(code=a, year=2019) == [("a", "One."), ("c", "One.")]
    assert quotes(code=a, year=UNKNOWN) == [("b", "One.")]
    assert quotes(code=b, nation="England", type="SCR") == [("b", "Two.")]
    assert quotes(code=a, review="c") == [("c", "One.")]
    assert quotes(code=a, **{"with": b}) == [("a", "One.")]
    assert quotes(code=a, together=IN_REVIEW, **{"with": b}) == [
        ("a", "One."),
        ("b", "One."),
        ("b", "Two."),
    ]
    assert quotes(code=b, together=IN_REVIEW, **{"with": c}) == [("a", "One."), ("a", "Two.")]
    assert len(quotes()) == 5
    again = PassageFilter.from_args({"code": str(a), "with": str(b), "year": "2019"})
    assert PassageFilter.from_args(again.as_args()) == again


@pytest.mark.parametrize(
    "args",
    [
        {"code": "x"},
        {"code": "-1"},
        {"with": "3"},
        {"code": "1", "with": "2", "together": "book"},
        {"review": "r" * 400},
        {"code": "9" * 30},
    ],
)
def test_a_malformed_filter_is_a_clear_error(args):
    with pytest.raises(CodingError):
        PassageFilter.from_args(args)
