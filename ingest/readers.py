"""One reader per format publishers use (PDF, HTML, DOCX, plain text): page texts and the file's
own metadata. Which reader a file needs is decided by its bytes in ``ingest.formats``."""

from __future__ import annotations

import re
from pathlib import Path

from nlp.document import RUNNING_LINES

from . import pdf_text
from .text import clean_document

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


class UnreadableDocument(Exception):
    """The file cannot be read in the format it claims; the message says why."""


# Elements (and class/id words) that are a website's furniture, not the publication.
_BOILERPLATE_TAGS = (
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg",
    "button", "template",
)  # fmt: skip
_BOILERPLATE_ATTR = re.compile(
    r"(?:^|[\s_-])(?:cookie\w*|nav\w*|menu\w*|breadcrumbs?|footer|header|sidebar|banner|skip"
    r"|share|social|search|masthead|related)(?:$|[\s_-])",
    re.IGNORECASE,
)
_BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5",
    "h6", "tr", "table", "br", "dt", "dd", "blockquote", "pre", "td", "th",
}  # fmt: skip


def read_pdf(path: Path) -> tuple[list[str], dict]:
    """Page texts as ingest reads them (cleaned of running headers, footers and page numbers),
    without OCR, and the PDF's own metadata."""
    try:
        extracted = pdf_text.extract_pdf(path)
    except pdf_text.NotReadable as error:
        raise UnreadableDocument(f"not a readable PDF ({error})") from error
    pages, running = clean_document(extracted.pages)
    return pages, pdf_text.file_meta_for(extracted.file_meta, Path(path).name, running)


def html_to_text(markup: str | bytes) -> tuple[str, str | None]:
    """(text, page title) of an HTML page without its navigation, header, footer and scripts:
    the <main> or <article> element when there is one, else the body."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(markup)
    except (ValueError, lxml.etree.ParserError) as error:
        raise UnreadableDocument(f"not readable HTML: {error}") from error
    title_el = tree.find(".//title")
    title = title_el.text_content().strip() if title_el is not None else None
    for element in list(tree.iter()):
        if not isinstance(element.tag, str):
            element.drop_tree() if element.getparent() is not None else None
            continue
        attrs = " ".join(
            filter(None, (element.get("class"), element.get("id"), element.get("role")))
        )
        if element.tag in _BOILERPLATE_TAGS or (
            attrs
            and _BOILERPLATE_ATTR.search(attrs)
            and element.tag not in ("body", "html", "main")
        ):
            if element.getparent() is not None:
                element.drop_tree()
    roots = tree.xpath("//main") or tree.xpath("//article") or tree.xpath("//body") or [tree]
    parts: list[str] = []

    def walk(element):
        if not isinstance(element.tag, str):
            return
        if element.tag in _BLOCK_TAGS:
            parts.append("\n")
        if element.text:
            parts.append(element.text)
        for child in element:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if element.tag in _BLOCK_TAGS:
            parts.append("\n")

    for root in roots:
        walk(root)
    text = "".join(parts)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r"\s*\n\s*", "\n", text).strip()
    return text, title


def read_html(path: Path) -> tuple[list[str], dict]:
    text, title = html_to_text(Path(path).read_bytes())
    meta = {"filename": Path(path).name}
    if title:
        meta["title"] = title
    return [text], meta


def read_docx(path: Path) -> tuple[list[str], dict]:
    """Paragraphs and table rows in order; explicit page breaks start a new page."""
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError as error:  # pragma: no cover - a declared dependency
        raise UnreadableDocument("python-docx is not installed") from error
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as error:
        raise UnreadableDocument(f"not a readable DOCX: {error}") from error
    except Exception as error:  # zipfile and lxml raise their own types on damaged files
        raise UnreadableDocument(f"not a readable DOCX: {type(error).__name__}: {error}") from error
    pages, current = [], []
    body = document.element.body
    for block in body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            nodes = list(block.iter())
            if current and any(n.tag.endswith("}lastRenderedPageBreak") for n in nodes):
                pages.append("\n".join(current))
                current = []
            current.append("".join(n.text or "" for n in nodes if n.tag.endswith("}t")))
            if any(n.tag.endswith("}br") and n.get(f"{{{_W}}}type") == "page" for n in nodes):
                pages.append("\n".join(current))
                current = []
        elif tag == "tbl":
            for row in block.iter(f"{{{_W}}}tr"):
                cells = [
                    "".join(n.text or "" for n in cell.iter() if n.tag.endswith("}t"))
                    for cell in row.iter(f"{{{_W}}}tc")
                ]
                current.append(" | ".join(c.strip() for c in cells))
    if current:
        pages.append("\n".join(current))
    props = document.core_properties
    meta = {"filename": Path(path).name}
    running = _running_lines(document)
    if running:
        meta[RUNNING_LINES] = "\n".join(running)
    if props.title:
        meta["title"] = props.title
    if props.created:
        meta["creation_date"] = props.created.isoformat()
    return pages or [""], meta


def _running_lines(document) -> list[str]:
    """The lines of a Word file's running headers and footers, each once (a report's date or
    board is sometimes printed only there; a first page's own header is its cover's)."""
    lines: list[str] = []
    try:
        for section in document.sections:
            parts = (section.header, section.footer, section.even_page_header)
            for part in (*parts, section.even_page_footer):
                for paragraph in part.paragraphs:
                    text = " ".join(paragraph.text.split())
                    if text and text not in lines:
                        lines.append(text)
    except Exception:  # a damaged header part costs its lines, never the document
        return lines
    return lines


def read_text(path: Path) -> tuple[list[str], dict]:
    """Plain text; form feeds separate pages."""
    raw = Path(path).read_bytes()
    for encoding in ("utf-8", "cp1252", "latin-1"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    return text.split("\f"), {"filename": Path(path).name}
