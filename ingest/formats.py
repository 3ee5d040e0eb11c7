"""What kind of file a publication is (by its bytes, not its name), and the text of HTML and
DOCX publications."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import lxml.html

from .pdf_text import Extracted, NotReadable

PDF = "application/pdf"
HTML = "text/html"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SUFFIXES = {".pdf": PDF, ".html": HTML, ".htm": HTML, ".docx": DOCX}

# Elements that are page furniture on a publisher's site, never the publication.
BOILERPLATE = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "iframe",
    "svg",
)
BOILERPLATE_HINTS = ("cookie", "breadcrumb", "menu", "navbar", "sidebar", "skip-link", "share")
BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "br", "section", "article"}


def sniff(path: Path) -> str:
    """The media type of a file from its first bytes; NotReadable if empty or unsupported."""
    with open(path, "rb") as handle:
        head = handle.read(2048)
    if not head:
        raise NotReadable("empty", "the file has no bytes")
    if b"%PDF-" in head[:1024]:
        return PDF
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as archive:
                if "word/document.xml" in archive.namelist():
                    return DOCX
        except zipfile.BadZipFile as error:
            raise NotReadable("corrupt", "a damaged ZIP (DOCX?) file") from error
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<body" in lowered:
        return HTML
    raise NotReadable("not a PDF", "not a PDF, HTML or DOCX file")


def _is_boilerplate(element) -> bool:
    marks = f"{element.get('class', '')} {element.get('id', '')} {element.get('role', '')}"
    marks = marks.lower()
    return any(hint in marks for hint in BOILERPLATE_HINTS) or marks.strip() == "navigation"


def html_text(data: bytes) -> str:
    """The text of a web page's main content: boilerplate (navigation, headers, footers, cookie
    banners, scripts) removed, one line per block."""
    try:
        root = lxml.html.document_fromstring(data)
    except (lxml.etree.ParserError, ValueError) as error:
        raise NotReadable("corrupt", f"unreadable HTML: {error}") from error
    for element in list(root.iter(*BOILERPLATE)):
        element.drop_tree()
    for element in [e for e in root.iter() if isinstance(e.tag, str) and _is_boilerplate(e)]:
        if element.getparent() is not None:
            element.drop_tree()
    main = next(
        (
            found
            for tag in ("main", "article", "body")
            if (found := root.find(f".//{tag}")) is not None
        ),
        root,
    )
    for element in main.iter(*BLOCKS):
        element.tail = "\n" + (element.tail or "")
    return "\n".join(line.strip() for line in main.text_content().splitlines() if line.strip())


def _docx_blocks(document) -> list[str]:
    """Paragraphs and table rows of a DOCX in document order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            for row in block.rows:
                cells = []
                for cell in row.cells:
                    if cell.text.strip() and (not cells or cells[-1] != cell.text.strip()):
                        cells.append(cell.text.strip())
                lines.append(" | ".join(cells))
    return lines


def docx_text(data: bytes) -> tuple[str, dict]:
    """The text of a Word document (paragraphs and tables in order) and its core properties."""
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises KeyError, ValueError, lxml errors…
        raise NotReadable("corrupt", f"unreadable DOCX: {type(error).__name__}") from error
    props = document.core_properties
    meta = {
        "Title": props.title,
        "Author": props.author,
        "Subject": props.subject,
        "CreationDate": props.created.isoformat() if props.created else None,
    }
    return "\n".join(_docx_blocks(document)), {k: v for k, v in meta.items() if v}


def extract_other(path: Path, media_type: str) -> Extracted:
    """One page of text for an HTML or DOCX publication."""
    data = Path(path).read_bytes()
    if media_type == HTML:
        return Extracted(pages=[html_text(data)], ocr=[False])
    text, meta = docx_text(data)
    return Extracted(pages=[text], ocr=[False], file_meta=meta)
