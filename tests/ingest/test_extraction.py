"""One file's extraction in a bounded worker: OCR, formats, and every failure kind."""

import shutil
import time

import pytest

from ingest.formats import DOCX, HTML, SUFFIXES, html_text
from ingest.ocr import OcrEngine
from ingest.worker import Limits, Outcome, extract_file, run_bounded
from nlp.extract import extract_metadata

from .documents import (
    bomb_pdf,
    corrupt_pdf,
    docx_file,
    encrypted_pdf,
    html_page,
    scanned_pdf,
    speckled_image,
    text_image,
)

needs_tesseract = pytest.mark.skipif(not shutil.which("tesseract"), reason="tesseract missing")


def run_all(paths, limits=None, ocr_cache=None, workers=2) -> dict[str, Outcome]:
    outcomes = {}
    limits = limits or Limits()
    run_bounded(
        [(p.name, p, {"claimed_type": SUFFIXES.get(p.suffix)}) for p in paths],
        outcomes.__setitem__,
        workers=workers,
        limits=limits,
        ocr_cache=ocr_cache,
    )
    return outcomes


@needs_tesseract
def test_scanned_pages_are_ocrd_in_english_and_welsh_and_cached(tmp_path):
    english = text_image(["Child Practice Review", "The health visitor saw the baby at home."])
    welsh = text_image(["Adolygiad Ymarfer Plant", "Bwrdd Diogelu Plant Gogledd Cymru"])
    pdf = scanned_pdf(tmp_path / "scan.pdf", [english, welsh])
    outcome = extract_file(pdf, 200, tmp_path / "ocr")
    assert outcome.ok and outcome.ocr == [True, True]
    assert "health visitor saw the baby" in outcome.pages[0]
    assert "Adolygiad Ymarfer Plant" in outcome.pages[1]
    assert "Gogledd Cymru" in outcome.pages[1]
    cached = list((tmp_path / "ocr").rglob("*.txt"))
    assert len(cached) == 2

    engine = OcrEngine(tmp_path / "ocr", tesseract="/nonexistent/tesseract")
    # A cache hit never starts Tesseract (here it could not: the path does not exist).
    import pypdfium2 as pdfium

    with pdfium.PdfDocument(str(pdf)) as document:
        page = document[1]
        assert "Adolygiad" in engine.read_page(page)
        page.close()
    assert (engine.hits, engine.misses) == (1, 0)


@needs_tesseract
def test_a_scan_with_no_readable_text_is_ocr_failed(tmp_path):
    pdf = scanned_pdf(tmp_path / "noise.pdf", [None])
    outcome = extract_file(pdf, 200, tmp_path / "ocr")
    assert not outcome.ok and outcome.kind == "OCR failed"


def test_a_blank_dirty_scan_is_not_handed_to_tesseract(tmp_path):
    pdf = scanned_pdf(tmp_path / "specks.pdf", [speckled_image()])
    # Tesseract cannot be started here: the page must be judged blank before it would be.
    engine = OcrEngine(tmp_path / "ocr", tesseract="/nonexistent/tesseract")
    from ingest.pdf_text import extract_pdf

    extracted = extract_pdf(pdf, engine)
    assert extracted.pages == [""] and extracted.ocr == [True]
    assert outcome_kind(extract_file(pdf, 200, tmp_path / "ocr")) == "OCR failed"


def outcome_kind(outcome: Outcome) -> str | None:
    return outcome.kind


def test_missing_tesseract_is_ocr_failed_with_the_reason(tmp_path):
    pdf = scanned_pdf(tmp_path / "scan.pdf", [text_image(["Some text"])])
    engine = OcrEngine(tmp_path / "ocr", tesseract="/nonexistent/tesseract")
    from ingest.pdf_text import NotReadable, extract_pdf

    with pytest.raises(NotReadable) as caught:
        extract_pdf(pdf, engine)
    assert caught.value.kind == "OCR failed"
    assert "tesseract is not installed" in str(caught.value)


def test_each_broken_kind_has_its_state_and_reason(tmp_path):
    from tests.factories import multi_page_pdf

    good = multi_page_pdf(tmp_path / "good.pdf", marker="Escalation was not used.")
    files = {
        "encrypted": encrypted_pdf(tmp_path / "encrypted.pdf"),
        "corrupt": corrupt_pdf(tmp_path / "corrupt.pdf"),
        "truncated": tmp_path / "truncated.pdf",
        "not a PDF": tmp_path / "notes.pdf",
        "not a PDF ": html_page(tmp_path / "error-page.pdf", "<h1>Page not found</h1>"),
        "empty": tmp_path / "empty.pdf",
        "too large": tmp_path / "large.pdf",
    }
    files["truncated"].write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    files["not a PDF"].write_bytes(b"GIF89a this is a picture, not a report")
    files["empty"].write_bytes(b"")
    files["too large"].write_bytes(b"%PDF-1.7\n" + b" " * (2 * 2**20))
    outcomes = run_all([good, *files.values()], limits=Limits(max_file_mb=1))
    assert outcomes["good.pdf"].ok
    for kind, path in files.items():
        outcome = outcomes[path.name]
        assert (outcome.ok, outcome.kind) == (False, kind.strip()), path.name
        assert outcome.reason.startswith(kind.strip())


def test_slides_and_spreadsheets_are_kept_with_the_reason_their_text_is_not_read(tmp_path):
    import zipfile

    for name, part in (("briefing.pptx", "ppt/presentation.xml"), ("plan.xlsx", "xl/workbook.xml")):
        with zipfile.ZipFile(tmp_path / name, "w") as archive:
            archive.writestr(part, "<x/>")
    outcomes = run_all([tmp_path / "briefing.pptx", tmp_path / "plan.xlsx"])
    assert "slides (PPTX)" in outcomes["briefing.pptx"].reason
    assert "a spreadsheet (XLSX)" in outcomes["plan.xlsx"].reason
    assert not any(outcome.ok for outcome in outcomes.values())


def test_a_zipped_bundle_is_read_as_one_document_in_the_archives_order(tmp_path):
    import zipfile

    from ingest.formats import ZIP, read_document
    from standins.corpus.pdf import write_text_pdf

    summary = write_text_pdf(tmp_path / "s.pdf", ["Case Management Review Orla summary report"])
    appendix = write_text_pdf(tmp_path / "a.pdf", ["Appendix: the agencies involved"])
    with zipfile.ZipFile(tmp_path / "bundle.zip", "w") as archive:
        archive.write(summary, "../../Summary Report.pdf")  # its name is never a path here
        archive.writestr("broken.pdf", "%PDF-1.7 cut short")
        archive.write(appendix, "Appendix.pdf")
        archive.writestr("notes.txt", "not read")
    with zipfile.ZipFile(tmp_path / "notes.zip", "w") as archive:
        archive.writestr("notes.txt", "a bundle of no document")
    outcomes = run_all([tmp_path / "bundle.zip", tmp_path / "notes.zip"])
    bundle = outcomes["bundle.zip"]
    assert (bundle.ok, bundle.media_type) == (True, ZIP)
    assert "Orla summary" in bundle.pages[0] and "agencies involved" in bundle.pages[1]
    assert len(bundle.pages) == 2
    assert not (tmp_path.parent / "Summary Report.pdf").exists()
    notes = outcomes["notes.zip"]
    assert (notes.ok, notes.kind) == (False, "not a PDF")
    assert "a ZIP archive (notes.txt) holding no PDF or Word file" in notes.reason
    pages, _meta, kind = read_document(tmp_path / "bundle.zip")  # `casereview metadata`
    assert kind == "zip" and "agencies involved" in pages[1]


def test_a_decompression_bomb_costs_one_file_not_the_batch(tmp_path):
    from tests.factories import multi_page_pdf

    bomb = bomb_pdf(tmp_path / "bomb.pdf", megabytes=600)
    good = multi_page_pdf(tmp_path / "good.pdf", marker="Supervision was infrequent.")
    started = time.monotonic()
    outcomes = run_all([bomb, good], limits=Limits(memory_mb=450, timeout=60))
    assert time.monotonic() - started < 30
    assert outcomes["good.pdf"].ok
    assert outcomes["bomb.pdf"].kind == "too large"
    assert "450 MB" in outcomes["bomb.pdf"].reason


@needs_tesseract
def test_a_file_that_takes_too_long_is_stopped_as_a_timeout(tmp_path):
    from standins.corpus.pdf import write_text_pdf

    # Tesseract takes about a second on each of these pages: far beyond the limit.
    slow = scanned_pdf(tmp_path / "slow.pdf", [None, None, None, None])
    small = write_text_pdf(tmp_path / "small.pdf", ["Short report on neglect."])
    started = time.monotonic()
    outcomes = run_all([slow, small], limits=Limits(timeout=0.5), ocr_cache=tmp_path / "ocr")
    assert time.monotonic() - started < 10
    assert outcomes["slow.pdf"].reason == "timeout: took longer than 0.5 s"
    assert outcomes["small.pdf"].ok


def test_html_publication_without_its_boilerplate(tmp_path):
    page = html_page(
        tmp_path / "review.html",
        "<h1>Child Practice Review: CPR FLINT 2</h1><p>The review found that agencies "
        "did not share information.</p><ul><li>Recommendation one</li></ul>",
    )
    outcome = extract_file(page, 200, None)
    assert outcome.ok and outcome.media_type == HTML
    [text] = outcome.pages
    assert text.split("\n") == [
        "Child Practice Review: CPR FLINT 2",
        "The review found that agencies did not share information.",
        "Recommendation one",
    ]


def test_web_page_boilerplate_marked_by_class_or_role_is_dropped():
    html = (
        b"<html><body><div id='site-menu'>Menu</div><div role='navigation'>Skip</div>"
        b"<article><h2>Learning from the review</h2><p>Supervision was infrequent.</p>"
        b"<div class='share-links'>Share on social media</div></article></body></html>"
    )
    assert html_text(html).split("\n") == [
        "Learning from the review",
        "Supervision was infrequent.",
    ]


def test_docx_publication_with_paragraphs_tables_and_properties(tmp_path):
    document = docx_file(
        tmp_path / "plan.docx",
        ["Action plan", "CPR FLINT 2"],
        [["Recommendation", "Owner"], ["Share information at every contact", "Health board"]],
    )
    outcome = extract_file(document, 200, None)
    assert outcome.ok and outcome.media_type == DOCX
    [text] = outcome.pages
    assert text.split("\n") == [
        "Action plan",
        "CPR FLINT 2",
        "Recommendation | Owner",
        "Share information at every contact | Health board",
    ]
    assert outcome.file_meta["Title"] == "Child Practice Review CPR FLINT 2"


def test_a_report_dated_only_in_its_running_footer_takes_that_date(tmp_path):
    """Ingest takes running headers and footers off the pages, and hands them to the
    extractor: a report's date is sometimes printed nowhere else."""
    footer = "Child K LCSPR - Final - 14.06.2021"
    bodies = [
        "Introduction\nIn March 2019 the family moved to the area.",
        "Background\nIn January 2020 the school made a referral.",
        "Analysis\nThe health visitor saw the baby twice.",
    ]
    pages = ["Local Child Safeguarding Practice Review\nChild K\nAuthor: A. Reviewer"] + [
        f"{body}\n{footer}" for body in bodies
    ]
    from standins.corpus.pdf import write_text_pdf

    pdf = write_text_pdf(tmp_path / "child-k.pdf", pages)
    outcome = extract_file(pdf, 200, None)
    assert not any(footer in text for text in outcome.pages)
    year = outcome.extraction["fields"]["year"]
    assert (year["value"], year["evidence"]) == (2021, f"running line: {footer}")
    assert outcome.extraction["fields"]["publication_date"]["value"] == "2021-06-14"


def test_a_word_reports_header_and_footer_reach_the_extractor(tmp_path):
    import docx

    from ingest.formats import read_document

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "Somerset Safeguarding Children Partnership"
    section.footer.paragraphs[0].text = "Child M LCSPR - Final - 3 March 2020"
    for line in [
        "Local Child Safeguarding Practice Review",
        "Child M",
        "In 2018 the family moved.",
    ]:
        document.add_paragraph(line)
    path = tmp_path / "child-m.docx"
    document.save(str(path))
    pages, file_meta, _kind = read_document(path)  # as `casereview metadata` reads it
    for fields in (
        extract_file(path, 200, None).extraction["fields"],
        extract_metadata(pages, file_meta=file_meta)["fields"],
    ):
        assert (fields["year"]["value"], fields["publication_date"]["value"]) == (
            2020,
            "2020-03-03",
        )
        assert fields["board"]["value"] == "Somerset Safeguarding Children Partnership"
