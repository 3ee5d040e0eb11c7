"""Render text pages to a PDF with reportlab: one list item per page, wrapped to the page width."""

from __future__ import annotations

import textwrap
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

MARGIN = 56
LINE_HEIGHT = 14
WRAP_CHARS = 90


def write_text_pdf(path: Path, pages: list[str], title: str = "", font: str = "Helvetica") -> Path:
    """Write ``pages`` (plain text, paragraphs separated by blank lines) as a PDF."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    pdf.setTitle(title)
    width, height = A4
    for text in pages:
        y = height - MARGIN
        pdf.setFont(font, 10.5)
        for paragraph in text.split("\n"):
            for line in textwrap.wrap(paragraph, WRAP_CHARS) or [""]:
                if y < MARGIN:
                    break
                pdf.drawString(MARGIN, y, line)
                y -= LINE_HEIGHT
        pdf.showPage()
    pdf.save()
    return path
