"""The synthetic corpus: deterministic, varied, realistic, with an answer key that matches the files."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.exceptions import PdfminerException

from casereview.synthetic.broken import BROKEN_KINDS
from casereview.synthetic.corpus import ANSWER_KEY, generate_corpus

REVIEW_TYPES = {
    "CPR-concise",
    "CPR-extended",
    "SCR",
    "LCSPR",
    "national-review",
    "SigCR",
    "learning-review",
    "CMR",
    "SUSR",
    "other",
}
TRUTH_KEYS = {
    "title", "nation", "review_type", "year", "publication_date", "board", "child_pseudonym", "child_age_years",
    "child_sex", "outcome", "review_model", "document_role", "language", "themes", "recommendations", "incident_year",
}  # fmt: skip


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus")
    return out, generate_corpus(out)


def pdf_text(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def good(documents):
    return [d for d in documents if d.broken is None]


def test_same_seed_same_corpus(tmp_path):
    first = generate_corpus(tmp_path / "a", count=20, seed=3)
    second = generate_corpus(tmp_path / "b", count=20, seed=3)
    assert [d.as_dict() for d in first] == [d.as_dict() for d in second]
    for doc in first:
        a = hashlib.sha256((tmp_path / "a" / doc.path).read_bytes()).hexdigest()
        b = hashlib.sha256((tmp_path / "b" / doc.path).read_bytes()).hexdigest()
        assert a == b, doc.path
    other = generate_corpus(tmp_path / "c", count=20, seed=4)
    assert [d.truth for d in other] != [d.truth for d in first]


def test_default_corpus_covers_nations_types_and_years(corpus):
    _, documents = corpus
    assert len(documents) == 90
    reports = good(documents)
    assert len(reports) >= 80
    nations = Counter(d.truth["nation"] for d in reports)
    assert set(nations) >= {"England", "Wales", "Scotland", "Northern Ireland"}
    assert all(n >= 4 for n in nations.values())
    types = Counter(d.truth["review_type"] for d in reports)
    assert set(types) >= REVIEW_TYPES - {"SUSR", "other"}
    years = [d.truth["year"] for d in reports]
    assert min(years) <= 2009 and max(years) >= 2024
    for doc in reports:
        assert doc.truth["incident_year"] < doc.truth["year"]


def test_answer_key_matches_files(corpus):
    out, documents = corpus
    key = json.loads((out / ANSWER_KEY).read_text())
    assert key == [d.as_dict() for d in documents]
    assert len({d.path for d in documents}) == len(documents)
    for doc in documents:
        assert (out / doc.path).is_file()
        assert TRUTH_KEYS <= set(doc.truth)
        assert set(doc.listing) == {"title", "date", "code", "child_pseudonym", "role", "summary"}


def test_documents_of_one_review_share_a_code(corpus):
    _, documents = corpus
    by_review = Counter(d.review_code for d in good(documents))
    assert sum(1 for n in by_review.values() if n >= 2) >= 5
    cprs = {d.review_code for d in good(documents) if d.truth["review_type"].startswith("CPR")}
    with_plan = {
        d.review_code for d in good(documents) if d.truth["document_role"] == "action plan"
    }
    assert cprs - with_plan and cprs & with_plan  # some CPRs have an action plan, some do not


def test_every_broken_kind_is_really_broken(corpus):
    out, documents = corpus
    broken = {d.broken: out / d.path for d in documents if d.broken}
    assert set(broken) == set(BROKEN_KINDS)
    assert broken["empty"].stat().st_size == 0
    assert not broken["not a pdf"].read_bytes().startswith(b"%PDF")
    for kind, cause in (("corrupt", PDFSyntaxError), ("encrypted", PDFPasswordIncorrect)):
        with pytest.raises(PdfminerException) as error:
            pdf_text(broken[kind])
        assert isinstance(error.value.args[0], cause), kind
    truncated = broken["truncated"].read_bytes()
    assert truncated.startswith(b"%PDF") and b"%%EOF" not in truncated[-1024:]
    assert pdf_text(broken["ocr"]) == [""]


def test_scanned_pages_have_no_text_layer(corpus):
    out, documents = corpus
    scanned = [d for d in good(documents) if d.truth.get("ocr_pages")]
    assert scanned
    for doc in scanned:
        texts = pdf_text(out / doc.path)
        for number in doc.truth["ocr_pages"]:
            assert texts[number - 1].strip() == ""
        with pdfplumber.open(out / doc.path) as pdf:
            assert pdf.pages[doc.truth["ocr_pages"][0] - 1].images


def test_documents_state_their_truth(corpus):
    out, documents = corpus
    checked = 0
    for doc in good(documents):
        if doc.media_type != "application/pdf" or doc.truth.get("ocr_pages"):
            continue
        text = " ".join(pdf_text(out / doc.path)).replace("\n", " ")
        if doc.truth["child_pseudonym"] and not doc.listing["child_pseudonym"]:
            assert doc.truth["child_pseudonym"] in text, doc.path
        for recommendation in doc.truth["recommendations"][:1]:
            assert recommendation.split()[1] in text
        checked += 1
    assert checked >= 50
