"""Text per page from a PDF, with pdfplumber."""

from __future__ import annotations

from pathlib import Path

import pdfplumber


class NotReadable(Exception):
    """The file cannot be read as a PDF; the message says why."""


def extract_pages(path: Path) -> list[str]:
    """The text of each page in order. Each page is closed after use, so memory stays flat."""
    texts = []
    try:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                texts.append(page.extract_text() or "")
                page.close()
    except Exception as error:  # pdfminer raises many unrelated types on bad input
        raise NotReadable(f"not a readable PDF: {type(error).__name__}: {error}") from error
    return texts
