"""What kind of file a publication is (by its bytes, not its name), and its text read by the
reader of that kind (``ingest.readers``)."""

from __future__ import annotations

import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from textwrap import shorten

from .ocr import OcrEngine
from .pdf_text import EXTRACTOR_META_NAMES, Extracted, NotReadable, extract_pdf, first_pages_text
from .readers import UnreadableDocument, html_to_text, read_docx, read_html, read_pdf, read_text

PDF = "application/pdf"
HTML = "text/html"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZIP = "application/zip"
MEDIA_LABELS = {PDF: "a PDF", HTML: "a web page", DOCX: "a Word document", ZIP: "a ZIP bundle"}
# A summary may be published as a zipped bundle of its report and appendices: its PDF and Word
# files are read as one document, in the archive's order.
BUNDLED = (".pdf", ".docx")
MAX_BUNDLED = 20
SUFFIXES = {".pdf": PDF, ".html": HTML, ".htm": HTML, ".docx": DOCX, ".zip": ZIP}
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
        if kind is None and any(name.lower().endswith(BUNDLED) for name in names):
            return ZIP
        if kind is None and names:
            files = ", ".join(name for name in names if not name.endswith("/"))
            raise NotReadable(
                "not a PDF",
                f"a ZIP archive ({shorten(files, 120)}) holding no PDF or Word file: kept as it "
                "came, not unpacked",
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


def extract_any(path: Path, media_type: str, ocr: OcrEngine | None, max_mb: int) -> Extracted:
    """The text of a publication of any kind ``sniff`` allows."""
    if media_type == PDF:
        return extract_pdf(path, ocr)
    if media_type == ZIP:
        return _read_bundle(path, max_mb, lambda member, kind: extract_any(member, kind, ocr, 0))
    return extract_other(path, media_type)


def _read_bundle(path: Path, max_mb: int, read: Callable[[Path, str], Extracted]) -> Extracted:
    """A zipped bundle's PDF and Word files read as one document, their pages in the archive's
    order and the first one's metadata; each is written to a numbered file of its own (never
    to its name in the archive) and sniffed like any file, and one that cannot be read is
    left out, as is a bundle within it. A bundle whose files would unpack beyond ``max_mb`` is
    "too large"."""
    pages, ocr, meta = [], [], {}
    with zipfile.ZipFile(path) as archive, tempfile.TemporaryDirectory() as folder:
        members = [m for m in archive.infolist() if m.filename.lower().endswith(BUNDLED)]
        members = members[:MAX_BUNDLED]
        unpacked = sum(member.file_size for member in members)
        if max_mb and unpacked > max_mb * 2**20:
            raise NotReadable("too large", f"a ZIP bundle of {unpacked / 2**20:.0f} MB unpacked")
        for number, member in enumerate(members):
            target = Path(folder) / f"{number}{Path(member.filename).suffix.lower()}"
            target.write_bytes(archive.read(member))
            try:
                kind = sniff(target)
                if kind == ZIP:
                    continue  # (a bundle within a bundle is not opened)
                raw = read(target, kind)
            except (NotReadable, UnreadableDocument):
                continue
            pages += raw.pages
            ocr += raw.ocr
            meta = meta or raw.file_meta
    return Extracted(pages=pages, ocr=ocr, file_meta=meta)


def read_bundle(path: Path) -> tuple[list[str], dict]:
    """A zipped bundle's pages and metadata, read the way `casereview metadata` reads files."""
    raw = _read_bundle(Path(path), 0, _read_member)
    return raw.pages, raw.file_meta


def _read_member(member: Path, media_type: str) -> Extracted:
    """A bundle's file read by the reader of the kind already sniffed (not sniffed again)."""
    pages, meta = READERS[READER_OF[media_type]](member)
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
    return READER_OF[media_type]


READER_OF = {PDF: "pdf", DOCX: "docx", HTML: "html", ZIP: "zip"}
READERS = {
    "pdf": read_pdf,
    "html": read_html,
    "docx": read_docx,
    "zip": read_bundle,
    "text": read_text,
}


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
