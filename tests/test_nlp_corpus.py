"""Accuracy per field on the synthetic corpus, graded by its answer key (bench/metadata.py), held
at floors a little below what is measured so that a regression fails."""

import importlib.util
from pathlib import Path

import pytest

from standins.corpus.corpus import generate_corpus

BENCH = Path(__file__).resolve().parent.parent / "bench" / "metadata.py"
_spec = importlib.util.spec_from_file_location("bench_metadata", BENCH)
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)

# Measured on seed 7 (see the README); floors leave room for small changes in the generator.
WITH_LISTING = {
    "title": 0.78, "nation": 0.95, "review_type": 0.87, "year": 0.84, "publication_date": 0.8,
    "board": 0.87, "child_pseudonym": 0.9, "child_age_years": 0.9, "child_sex": 0.9,
    "outcome": 0.87, "review_model": 0.87, "document_role": 0.9, "language": 0.88,
    "themes (F1)": 0.7, "recommendations (recall)": 0.82, "items (precision)": 0.8,
}  # fmt: skip
# From the text alone, briefings and action plans that state no date leave the year open.
TEXT_ONLY = {**WITH_LISTING, "year": 0.62, "board": 0.84, "child_pseudonym": 0.83,
             "child_age_years": 0.84, "child_sex": 0.83, "outcome": 0.8, "language": 0.86,
             "themes (F1)": 0.68}  # fmt: skip


@pytest.fixture(scope="session")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("nlp-corpus")
    documents = generate_corpus(root, count=90, seed=7)
    texts = bench.read_corpus(documents, root)
    return {
        "with listing": bench.measure(documents, texts, use_listing=True),
        "text only": bench.measure(documents, texts, use_listing=False),
    }


@pytest.mark.parametrize("run, floors", [("with listing", WITH_LISTING), ("text only", TEXT_ONLY)])
def test_accuracy_per_field_is_above_its_floor(graded, run, floors):
    measured = graded[run]
    assert measured["documents"] >= 80
    below = {
        name: round(measured["accuracy"][name], 3)
        for name, floor in floors.items()
        if measured["accuracy"][name] < floor
    }
    assert not below, f"{run}: below the floor: {below}"


def test_grading_counts_a_wrong_value_as_wrong():
    assert bench.field_correct("year", 2019, 2019)
    assert not bench.field_correct("year", 2019, 2018)
    assert not bench.field_correct("outcome", None, "death")
    assert bench.field_correct("child_age_years", 0.25, 0.26)
    assert not bench.field_correct("child_age_years", 0.25, 0.5)
    assert bench.field_correct("board", "CYSUR", "Mid and West Wales Safeguarding Board")
    assert bench.themes_score(["Neglect"], ["neglect", "exploitation"]) == (1, 1, 0)
