"""Small builders of test documents and records."""

from __future__ import annotations

from pathlib import Path

from standins.corpus.pdf import write_text_pdf


def multi_page_pdf(path: Path, marker_page: int = 3, pages: int = 5, marker: str = "") -> Path:
    """A PDF whose page ``marker_page`` alone holds ``marker``; other pages hold filler text."""
    texts = []
    for number in range(1, pages + 1):
        text = (
            f"Serious Case Review – Child T – page {number}\n\n"
            "The review panel met agencies involved with the family."
        )
        if number == marker_page and marker:
            text += "\n\n" + marker
        texts.append(text)
    return write_text_pdf(path, texts, title="Serious Case Review Child T")
