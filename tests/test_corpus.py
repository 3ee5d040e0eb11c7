"""The synthetic corpus: deterministic, varied, realistic, with an answer key that matches the files."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from collections import Counter
from pathlib import Path

import pdfplumber
import pypdfium2
import pytest
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.exceptions import PdfminerException

from casereview.vocabulary import REVIEW_TYPES
from standins.corpus.action_plans import HEADINGS
from standins.corpus.broken import BROKEN_KINDS
from standins.corpus.corpus import ANSWER_KEY, generate_corpus, load_corpus

TRUTH_KEYS = {
    "title", "nation", "review_type", "year", "publication_date", "board", "child_pseudonym", "child_age_years",
    "child_sex", "outcome", "review_model", "document_role", "language", "themes", "recommendations", "incident_year",
}  # fmt: skip


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus")
    return out, generate_corpus(out)


@pytest.fixture(scope="session")
def texts(corpus) -> dict[str, list[str]]:
    """Text per page of every readable PDF of the default corpus, read once (pdfium is fast)."""
    out, documents = corpus
    result = {}
    for doc in good(documents):
        if doc.path.endswith(".pdf"):
            pdf = pypdfium2.PdfDocument(out / doc.path)
            pages = [
                pdf[i].get_textpage().get_text_range().replace("\r\n", "\n")
                for i in range(len(pdf))
            ]
            pdf.close()
            result[doc.path] = pages
    return result


def pdf_text(path: Path) -> list[str]:
    """Text per page as written (ligatures kept, so tests can see them)."""
    with pdfplumber.open(path) as pdf:
        return [page.extract_text(expand_ligatures=False) or "" for page in pdf.pages]


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
    # Generating again into the same folder replaces the earlier corpus instead of adding to it.
    (tmp_path / "a" / "mine.txt").write_text("not the generator's")
    again = generate_corpus(tmp_path / "a", count=14, seed=5)
    files = {str(p.relative_to(tmp_path / "a")) for p in (tmp_path / "a").rglob("*") if p.is_file()}
    assert files == {d.path for d in again} | {ANSWER_KEY, "mine.txt"}


def test_default_corpus_covers_nations_types_and_years(corpus):
    _, documents = corpus
    assert len(documents) == 90
    reports = good(documents)
    assert len(reports) >= 80
    nations = Counter(d.truth["nation"] for d in reports)
    assert set(nations) >= {"England", "Wales", "Scotland", "Northern Ireland"}
    assert all(nations[n] >= 4 for n in ("England", "Wales", "Scotland", "Northern Ireland"))
    types = Counter(d.truth["review_type"] for d in reports)
    assert set(types) >= set(REVIEW_TYPES) - {"SUSR", "other"}
    years = [d.truth["year"] for d in reports]
    assert min(years) <= 2009 and max(years) >= 2024
    for doc in reports:
        assert (doc.truth["incident_year"] or 0) < doc.truth["year"]
    assert Counter(d.truth["document_role"] for d in reports)["other"] == 1  # an annual report
    assert nations["unknown"] == 1  # Jersey, using the Welsh model


def test_answer_key_matches_files(corpus):
    out, documents = corpus
    key = json.loads((out / ANSWER_KEY).read_text())
    assert key == [d.as_dict() for d in documents]
    assert load_corpus(out) == documents
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


def test_scanned_pages_have_no_text_layer(corpus, texts):
    out, documents = corpus
    scanned = [d for d in good(documents) if d.truth.get("ocr_pages")]
    assert scanned
    for doc in scanned:
        for number in doc.truth["ocr_pages"]:
            assert texts[doc.path][number - 1].strip() == ""
        with pdfplumber.open(out / doc.path) as pdf:
            assert pdf.pages[doc.truth["ocr_pages"][0] - 1].images


def test_documents_state_their_truth(corpus, texts):
    out, documents = corpus
    checked = 0
    for doc in good(documents):
        if doc.media_type != "application/pdf" or doc.truth.get("ocr_pages"):
            continue
        text = " ".join(texts[doc.path]).replace("\n", " ")
        if doc.truth["child_pseudonym"] and not doc.listing["child_pseudonym"]:
            assert doc.truth["child_pseudonym"] in text, doc.path
        for recommendation in doc.truth["recommendations"][:1]:
            assert recommendation.split()[1] in text
        checked += 1
    assert checked >= 50


def by_media(documents, suffix):
    return [d for d in good(documents) if d.path.endswith(suffix)]


def test_welsh_and_bilingual_documents(corpus, texts):
    out, documents = corpus
    languages = Counter(d.truth["language"] for d in good(documents))
    assert languages["Welsh"] >= 2 and languages["bilingual"] >= 2
    for doc in good(documents):
        if doc.truth["language"] == "bilingual":
            text = " ".join(texts[doc.path])
            assert "Adolygiad Ymarfer Plant" in text and "Child Practice Review" in text
    welsh_scans = [
        d for d in good(documents) if d.truth["language"] == "Welsh" and d.truth["ocr_pages"]
    ]
    assert welsh_scans, "one Welsh page must be a scanned image"


def test_web_pages_wrap_the_report_in_site_boilerplate(corpus):
    out, documents = corpus
    pages = by_media(documents, ".html")
    assert len(pages) >= 3
    for doc in pages:
        assert doc.media_type == "text/html"
        page = (out / doc.path).read_text()
        assert "cookies" in page and "<nav>" in page and "<footer>" in page
        assert doc.truth["title"].replace("'", "&#x27;") in page
        if doc.truth["child_pseudonym"]:
            assert doc.truth["child_pseudonym"] in page


def test_word_documents_open_and_carry_the_text(corpus):
    import docx

    out, documents = corpus
    files = by_media(documents, ".docx")
    assert len(files) >= 2
    for doc in files:
        word = docx.Document(str(out / doc.path))
        text = "\n".join(p.text for p in word.paragraphs)
        cells = " ".join(c.text for t in word.tables for row in t.rows for c in row.cells)
        assert doc.truth["title"] in text
        for recommendation in doc.truth["recommendations"]:
            assert recommendation in text + cells


def _two_columns(page) -> bool:
    middle = page.width / 2
    lines = Counter()
    for word in page.extract_words():
        if word["x0"] > middle + 5:
            lines[round(word["top"])] += 1
    left = {round(w["top"]) for w in page.extract_words() if w["x1"] < middle - 5}
    return sum(1 for top in lines if top in left) >= 10


def test_layout_features_are_present(corpus, texts):
    out, documents = corpus
    joined = "\n".join("\n".join(pages) for pages in texts.values())
    pdfs = [d for d in by_media(documents, ".pdf") if not d.truth["ocr_pages"]]
    features = Counter(f for d in pdfs for f in d.truth["layout"])
    assert "â€™" in joined  # mojibake
    for feature in ("running-header", "footer:page-of", "footer:pipe", "protective-marking", "ligatures", "mojibake",
                    "hyphenation", "two-column", "table", "contents", "nspcc-cover"):  # fmt: skip
        assert features[feature] >= 1, feature
    ligated = next(d for d in pdfs if "ligatures" in d.truth["layout"])
    assert re.search("[\ufb01\ufb02]", "".join(pdf_text(out / ligated.path)))
    hyphenated = [d for d in pdfs if "hyphenation" in d.truth["layout"]][:3]
    assert any(re.search(r"[a-z]-\n[a-z]", "\n".join(pdf_text(out / d.path))) for d in hyphenated)
    assert re.search(r"Page \d+ of \d+", joined)
    assert re.search(r"\d+ \| P a g e", joined)
    assert "OFFICIAL-SENSITIVE" in joined
    assert "NSPCC Library" in joined and "Date of publication:" in joined
    assert re.search(r"(Contents|Table of contents)\n1\. ", joined)
    assert "Executive summary" in joined or "Executive Summary" in joined
    plans = [d for d in by_media(documents, ".pdf") if d.truth["document_role"] == "action plan"]
    with pdfplumber.open(out / plans[0].path) as pdf:
        table = next(t for page in pdf.pages for t in page.extract_tables())
    table[0] = [" ".join(cell.split()) for cell in table[0]]
    headings = {heading for names in HEADINGS.values() for heading in names}
    assert set(table[0]) <= headings and set(table[0]) & set(HEADINGS["action"])
    briefings = [
        d for d in by_media(documents, ".pdf") if d.truth["document_role"] == "7-minute briefing"
    ]
    found = False
    for doc in briefings:
        with pdfplumber.open(out / doc.path) as pdf:
            found = found or any(_two_columns(page) for page in pdf.pages)
    assert found, "some 7-minute briefing is laid out in two columns"


def test_nspcc_republication_is_a_near_duplicate(corpus, texts):
    out, documents = corpus
    copies = [d for d in good(documents) if d.truth.get("duplicate_of")]
    assert copies
    for doc in copies:
        original = next(d for d in documents if d.path == doc.truth["duplicate_of"])
        assert doc.publisher == "nspcc" and doc.review_code == original.review_code
        if original.path.endswith(".pdf") and not original.truth["ocr_pages"]:
            copy_lines = set("\n".join(texts[doc.path]).splitlines())
            lines = [
                line for line in "\n".join(texts[original.path]).splitlines() if len(line) > 40
            ]
            assert sum(line in copy_lines for line in lines) >= 0.9 * len(lines)


def test_listings_look_like_the_publishers_pages(corpus):
    _, documents = corpus
    shapes = {
        "nspcc": r"^(\w+ )?\d{4} – .+ – .+$",
        "north-wales": r"^Publication of (Concise|Extended) Child Practice Review Report: ",
        "cwm-taf-morgannwg": r"^(CPR CTMSB|CTSB) ",
        "national-panel": r".",
    }
    for doc in documents:
        pattern = shapes.get(doc.publisher)
        if pattern and doc.truth["document_role"] != "other":
            assert re.match(pattern, doc.listing["title"]), doc.listing
    north_wales = [d for d in documents if d.publisher == "north-wales"]
    assert all(re.fullmatch(r"\d\d/\d\d/\d\d", d.listing["date"]) for d in north_wales)
    nspcc = [d for d in documents if d.publisher == "nspcc" and d.listing["child_pseudonym"]]
    assert any("Keywords:" in d.listing["summary"] for d in nspcc)


def test_too_large_file_only_on_request(tmp_path):
    documents = generate_corpus(tmp_path, count=12, seed=1, too_large_mb=2)
    large = [d for d in documents if d.broken == "too large"]
    assert len(large) == 1 and (tmp_path / large[0].path).stat().st_size > 2_000_000
    assert len(documents) == 13


def test_scanned_welsh_pages_are_legible_to_tesseract(corpus, tmp_path):
    out, documents = corpus
    scan = next(
        d for d in good(documents) if d.truth["language"] == "Welsh" and d.truth["ocr_pages"]
    )
    with pdfplumber.open(out / scan.path) as plumber:
        assert plumber.pages[0].images[0]["srcsize"][0] <= 1300  # small page images keep OCR fast
    pdf = pypdfium2.PdfDocument(out / scan.path)
    read = ""
    for number in scan.truth["ocr_pages"]:
        image = tmp_path / f"page-{number}.png"
        pdf[number - 1].render(scale=2).to_pil().save(image)
        command = ["tesseract", str(image), "stdout", "-l", "cym+eng"]
        read += subprocess.run(command, capture_output=True, text=True, check=True).stdout
    pdf.close()
    assert scan.truth["child_pseudonym"] in read
    assert "Bwrdd Diogelu" in read and "Cyhoeddwyd" in read


def test_truth_values_are_written_in_the_documents(corpus, texts):
    _, documents = corpus
    for doc in good(documents):
        if doc.path not in texts or doc.truth["ocr_pages"]:
            continue
        text = re.sub(r"\s+", " ", " ".join(texts[doc.path]))
        listing = " ".join(doc.listing.values())
        year = doc.truth["year"]
        short = rf"\d[./]{year % 100:02d}\b"  # "Date added: 11/08/15", "Published 03.12.20"
        assert str(year) in text + listing or re.search(short, text + listing), doc.path
        age = doc.truth["child_age_years"]
        if age is not None and doc.truth["language"] == "English" and not doc.listing["summary"]:
            assert re.search(
                r"\b(\d+|[a-z]+)[- ](day|week|month|year)s?[- ]old\b|\baged \d+|\bof \d+ (day|week|month|year)s|when (he|she|they) (was|were) ",
                text,
            ), doc.path
        if doc.truth["review_model"] == "SILP":
            assert "SILP" in text or "Significant Incident Learning Process" in text


def test_cli_writes_a_corpus(tmp_path):
    from click.testing import CliRunner

    from cli.main import main

    result = CliRunner().invoke(
        main, ["corpus", "generate", str(tmp_path / "c"), "--count", "14", "--seed", "2"]
    )
    assert result.exit_code == 0, result.output
    assert "14 files" in result.output and "6 broken" in result.output
    key = json.loads((tmp_path / "c" / ANSWER_KEY).read_text())
    assert len(key) == 14
    bad = CliRunner().invoke(main, ["corpus", "generate", str(tmp_path / "d"), "--count", "0"])
    assert bad.exit_code != 0 and "at least 1" in bad.output


def test_real_form_texts_cover_the_forms_real_material_takes():
    from nlp import gazetteer
    from standins.corpus.real_forms import KINDS, real_form_texts

    texts = real_form_texts(60, seed=11)
    assert [t.pages for t in texts] == [t.pages for t in real_form_texts(60, seed=11)]
    assert {t.kind for t in texts} == set(KINDS)
    headings = [t.pages[0].splitlines()[0] for t in texts if t.kind == "nspcc block"]
    assert any(h[:4].isdigit() and h[4:5].isalpha() for h in headings)  # "2012Ceredigion – …"
    assert any(h.split()[0].isalpha() for h in headings)  # "December 2014 – …"
    for text in texts:
        if text.kind == "reposted":  # the listing's date is later than the document's year
            posted = int(text.context["date"][-4:])
            assert posted > text.truth["year"]
        if text.kind == "northern ireland":
            assert "Northern Ireland" not in "\n".join(text.pages)
    title_pages = [t.pages[0] for t in texts if t.kind in ("title page", "reposted")]
    assert any("Rapid Review the" in page for page in title_pages)
    assert any("Date of issue:" in page for page in title_pages)
    assert any("© " in page for page in title_pages)
    news = [t.pages[0] for t in texts if t.kind == "news page"]
    assert any("EMBARGOED UNTIL" in page for page in news)
    assert any(page.splitlines()[-1].startswith("© ") for page in news)  # a site's footer
    assert any("safeguarding board" in page for page in news)  # a place and a kind of no era
    board_only_running = []  # reports whose board, too, is named only in the running line
    for text in texts:
        if text.kind == "question":  # dated by its lodging, naming another report's publication
            assert "Date lodged:" in text.pages[0] and "published in" in text.pages[0]
            assert "board" not in text.truth
        if text.kind == "running lines":  # dated only in the line every page but the cover runs
            cover, *rest = text.pages
            [running] = set.intersection(*(set(page.splitlines()) for page in rest))
            assert str(text.truth["year"]) in running and len(rest) >= 3
            board_only_running.append(not gazetteer.find_boards(cover))
            assert str(text.truth["year"]) not in cover
        if text.kind == "news page":  # its own stamp on the second line, another year in the body
            assert str(text.truth["year"] % 100).zfill(2) in text.pages[0].splitlines()[1]
    assert any(board_only_running) and not all(board_only_running)
