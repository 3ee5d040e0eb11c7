"""What kind of file a publication is (by its bytes, not its name), and its text read by the
reader of that kind (``ingest.readers``)."""

from __future__ import annotations

import zipfile
from pathlib import Path
from textwrap import shorten

from .pdf_text import EXTRACTOR_META_NAMES, Extracted, NotReadable, first_pages_text
from .readers import UnreadableDocument, html_to_text, read_docx, read_html, read_pdf, read_text

PDF = "application/pdf"
HTML = "text/html"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SUFFIXES = {".pdf": PDF, ".html": HTML, ".htm": HTML, ".docx": DOCX}
MEDIA_LABELS = {PDF: "a PDF", HTML: "a web page", DOCX: "a Word document"}
# A ZIP-packed office file's kind, by the folder of its parts: a Word file, slides, a
# spreadsheet. Ingest reads Word files; slides and spreadsheets (a review's briefing, its
# action plan) are kept with the reason their text is not read.
OFFICE_PARTS = {"word/": DOCX, "ppt/": PPTX, "xl/": XLSX}
UNREAD_LABELS = {PPTX: "slides (PPTX)", XLSX: "a spreadsheet (XLSX)"}


def office_type(names: list[str]) -> str | None:
    """The media type of an office file from the names of its ZIP parts, or None."""
    return next(
        (kind for part, kind in OFFICE_PARTS.items() if any(n.startswith(part) for n in names)),
        None,
    )


def sniff(path: Path) -> str:
    """The media type of a file from its first bytes; NotReadable if empty or unsupported."""
    with open(path, "rb") as handle:
        head = handle.read(2048)
    if not head:
        raise NotReadable("empty", "the file has no bytes")
    if head.startswith(b"PK\x03\x04"):  # (before the PDF marker: a bundle's PDF is stored whole)
        try:
            with zipfile.ZipFile(path) as archive:
                names = archive.namelist()
        except zipfile.BadZipFile as error:
            raise NotReadable("corrupt", "a damaged ZIP (DOCX?) file") from error
        if "word/document.xml" in names:
            return DOCX
        if (kind := office_type(names)) in UNREAD_LABELS:
            raise NotReadable(
                "not a PDF", f"{UNREAD_LABELS[kind]}: kept as it came, its text not read"
            )
        if kind is None and names:
            files = ", ".join(name for name in names if not name.endswith("/"))
            raise NotReadable(
                "not a PDF", f"a ZIP archive ({shorten(files, 120)}): kept as it came, not unpacked"
            )
    if b"%PDF-" in head[:1024]:
        return PDF
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<body" in lowered:
        return HTML
    raise NotReadable("not a PDF", "not a PDF, HTML or DOCX file")


def html_text(data: bytes) -> str:
    """The text of a web page's main content, boilerplate removed, one line per block."""
    try:
        return html_to_text(data)[0]
    except UnreadableDocument as error:
        raise NotReadable("corrupt", str(error)) from error


def extract_other(path: Path, media_type: str) -> Extracted:
    """The text of an HTML or DOCX publication (DOCX page breaks start new pages), read the way
    `casereview metadata` reads it, with the file's own title and date."""
    reader = read_html if media_type == HTML else read_docx
    try:
        pages, meta = reader(Path(path))
    except UnreadableDocument as error:
        raise NotReadable("corrupt", str(error)) from error
    meta = {
        _FILE_NAMES.get(name, name): value for name, value in meta.items() if name != "filename"
    }
    return Extracted(pages=pages, ocr=[False] * len(pages), file_meta=meta)


# The readers' metadata names, as a PDF's information dictionary spells them (Extracted.file_meta
# holds every format's metadata under those names).
_FILE_NAMES = {alias: name for name, alias in EXTRACTOR_META_NAMES.items()}


def reader_kind(path: Path) -> str:
    """ "pdf", "docx", "html" or "text": the file's kind by its bytes, and plain text for
    anything ingest does not take as a publication."""
    try:
        media_type = sniff(path)
    except NotReadable as error:
        # A damaged ZIP is a DOCX that python-docx will refuse with its reason.
        return "docx" if error.kind == "corrupt" else "text"
    return {PDF: "pdf", DOCX: "docx", HTML: "html"}[media_type]


READERS = {"pdf": read_pdf, "html": read_html, "docx": read_docx, "text": read_text}


def read_document(path: Path) -> tuple[list[str], dict, str]:
    """(page texts, file metadata, kind) of any file, read without OCR and without touching
    the archive or the catalogue (``casereview metadata``)."""
    path = Path(path)
    if not path.is_file():
        raise UnreadableDocument(f"no such file: {path}")
    if path.stat().st_size == 0:
        raise UnreadableDocument("the file is empty")
    kind = reader_kind(path)
    pages, meta = READERS[kind](path)
    return pages, meta, kind


def read_first_pages(path: Path, count: int = 3) -> str:
    """The text of a file's first ``count`` pages (a PDF's pages, a Word file's page breaks, a
    web page as one page), read quickly without OCR; "" when it cannot be read."""
    try:
        kind = reader_kind(Path(path))
        if kind == "pdf":
            return first_pages_text(Path(path), count)
        pages, _meta = READERS[kind](Path(path))
    except (NotReadable, UnreadableDocument, OSError):
        return ""
    return "\n".join(pages[:count])
