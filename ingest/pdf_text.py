"""Text per page from a PDF: pypdfium2 (pdfplumber's PDF engine) for positioned text runs, our
reading order on top; pdfplumber's table finder for pages with ruled tables (ingest/tables.py);
Tesseract for pages without a text layer.

Each page is closed as soon as its text is read, so memory does not grow with the page count.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from nlp.document import RUNNING_LINES
from nlp.textutil import repair

from .layout import Run, needs_layout, reading_order
from .ocr import OcrEngine, OcrFailed
from .tables import TableReader, may_hold_a_table

# A page with fewer printable characters than this has no text layer worth the name.
MIN_TEXT_CHARS = 3


class NotReadable(Exception):
    """The file cannot be turned into text. ``kind`` is one of the failure kinds (encrypted,
    corrupt, truncated, not a PDF, empty, too large, OCR failed, timeout, memory); ``detail``
    says more."""

    def __init__(self, kind: str, detail: str = ""):
        super().__init__(kind, detail)
        self.kind = kind
        self.detail = detail

    def __str__(self) -> str:
        return f"{self.kind}: {self.detail}" if self.detail else self.kind


@dataclass
class Extracted:
    """Raw page texts (before cleaning), which pages were OCR'd, and the file's own metadata."""

    pages: list[str]
    ocr: list[bool] = field(default_factory=list)
    file_meta: dict = field(default_factory=dict)


# The file's own metadata under the names the extractor reads, beside the names the file uses.
EXTRACTOR_META_NAMES = {"Title": "title", "Author": "author", "CreationDate": "creation_date"}


def file_meta_for(meta: dict, filename: str | None, running: list[str] = ()) -> dict:
    """The file's metadata for the extractor: as the file has it, with the extractor's names
    (title, author, creation_date), the file's name and its running headers and footers
    (``ingest.text.clean_document``) added."""
    result = dict(meta)
    for name, alias in EXTRACTOR_META_NAMES.items():
        if meta.get(name) and alias not in result:
            result[alias] = meta[name]
    if filename:
        result["filename"] = filename
    if running:
        result[RUNNING_LINES] = "\n".join(running)
    return result


def _looks_truncated(path: Path) -> bool:
    """A PDF ends with %%EOF (allowing a little trailing junk); a cut-off download does not."""
    with open(path, "rb") as handle:
        handle.seek(0, 2)
        size = handle.tell()
        handle.seek(max(0, size - 2048))
        return b"%%EOF" not in handle.read()


def _open(path: Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as error:
        if error.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise NotReadable("encrypted", "the PDF needs a password") from error
        if _looks_truncated(path):
            raise NotReadable("truncated", "the file ends before the PDF does") from error
        raise NotReadable("corrupt", str(error)) from error


def page_text(textpage, width: float, table_text: Callable[[], str | None] | None = None) -> str:
    """A pypdfium2 text page's text in reading order: the text as stored where that is already
    top to bottom in one column (the fast path), else the page's ruled tables row by row when
    ``table_text`` finds any, else laid out from positioned runs."""
    boxes = [textpage.get_rect(i) for i in range(textpage.count_rects())]
    if not needs_layout(boxes, width):
        return textpage.get_text_range()
    if table_text is not None and (text := table_text()) is not None:
        return text
    runs = [Run(*box, textpage.get_text_bounded(*box)) for box in boxes]
    return reading_order([r for r in runs if r.text.strip()], width)


def _is_blank(page) -> bool:
    """A page that draws nothing at all (a scan or outlined text draws something)."""
    return pdfium_c.FPDFPage_CountObjects(page.raw) == 0


def _page_text(page, ocr: OcrEngine | None, tables: TableReader, index: int) -> tuple[str, bool]:
    def table_text() -> str | None:
        return tables.page_text(index) if may_hold_a_table(page) else None

    textpage = page.get_textpage()
    try:
        text = page_text(textpage, page.get_width(), table_text)
    finally:
        textpage.close()
    if len(text.strip()) >= MIN_TEXT_CHARS or _is_blank(page):
        return text, False
    if ocr is None:
        return "", False
    return ocr.read_page(page), True


def file_metadata(pdf: pdfium.PdfDocument) -> dict:
    """The PDF's own metadata (Title, Author, CreationDate…), without empty values, mojibake
    and characters that are not text (a byte-order mark read as U+FFFE, say)."""
    try:
        found = pdf.get_metadata_dict(skip_empty=True).items()
    except pdfium.PdfiumError:
        return {}
    values = {k: repair(v).strip() if isinstance(v, str) else v for k, v in found}
    return {k: v for k, v in values.items() if v}


def extract_pdf(path: Path, ocr: OcrEngine | None = None) -> Extracted:
    """Raw text of every page in reading order; pages without a text layer are OCR'd when an
    OCR engine is given. Raises NotReadable with the failure kind."""
    path = Path(path)
    if _looks_truncated(path):
        raise NotReadable("truncated", "the file ends before the PDF does")
    pdf = _open(path)
    tables = TableReader(path)
    try:
        result = Extracted(pages=[], file_meta=file_metadata(pdf))
        for index in range(len(pdf)):
            try:
                page = pdf[index]
            except pdfium.PdfiumError as error:
                raise NotReadable("corrupt", f"page {index + 1} cannot be loaded") from error
            try:
                text, was_ocr = _page_text(page, ocr, tables, index)
            except OcrFailed as error:
                raise NotReadable("OCR failed", f"page {index + 1}: {error}") from error
            finally:
                page.close()
            result.pages.append(text)
            result.ocr.append(was_ocr)
        return result
    finally:
        tables.close()
        pdf.close()


def extract_pages(path: Path) -> list[str]:
    """The cleaned text of each page, without OCR: the simple call for tools that read one file
    outside a batch (``casereview metadata``). Raises NotReadable."""
    from .text import clean_pages

    try:
        return clean_pages(extract_pdf(path).pages)
    except NotReadable as error:
        raise NotReadable(error.kind, f"not a readable PDF ({error.detail})") from error


def first_pages_text(path: Path, count: int) -> str:
    """The plain text of a PDF's first ``count`` pages, without OCR or layout work: enough to
    tell what a document is about. Raises NotReadable."""
    pdf = _open(path)
    try:
        texts = []
        for index in range(min(count, len(pdf))):
            page = pdf[index]
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return "\n".join(texts)
    finally:
        pdf.close()
