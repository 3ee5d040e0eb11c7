"""Ruled tables (action plans, timelines) read with pdfplumber, one line per row.

pypdfium2's positioned runs put a table's columns side by side, so a wrapped cell's lines
interleave with its neighbours'. pdfplumber finds the table's ruling lines and gives whole cells,
so each row becomes one line, cells separated by " | " (an empty or merged cell keeps its place
as an empty one), in the page's reading order with the text
around the tables. Only pages that draw enough lines to hold a table pay for pdfplumber's parse.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pypdfium2.raw as pdfium_c

# A page with fewer drawn paths than this has no ruled table (a rule under a heading, a logo…).
MIN_TABLE_PATHS = 6


def may_hold_a_table(page) -> bool:
    """Cheap test on a pypdfium2 page: does it draw enough paths to rule a table?"""
    paths = 0
    for index in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        obj = pdfium_c.FPDFPage_GetObject(page.raw, index)
        if pdfium_c.FPDFPageObj_GetType(obj) == pdfium_c.FPDF_PAGEOBJ_PATH:
            paths += 1
            if paths >= MIN_TABLE_PATHS:
                return True
    return False


def _cell(text: str | None) -> str:
    return " ".join((text or "").split())


def table_page_text(page: pdfplumber.page.Page) -> str | None:
    """The page's text with each ruled table as one line per row; None when it has no table."""
    tables = page.find_tables()
    if not tables:
        return None
    blocks: list[tuple[float, str]] = []
    boxes = [table.bbox for table in tables]

    def outside_tables(obj: dict) -> bool:
        # By the character's centre: a heading whose descenders touch a table's top rule stays.
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    outside = page.filter(lambda obj: obj.get("object_type") != "char" or outside_tables(obj))
    for table in tables:
        # Every cell keeps its place, so that columns line up: a cell merged with the one above
        # or beside it (an action plan's recommendation down the left) is an empty cell.
        rows = [list(map(_cell, row)) for row in table.extract()]
        lines = [" | ".join(cells) for cells in rows if any(cells)]
        blocks.append((table.bbox[1], "\n".join(lines)))
    blocks += [(line["top"], line["text"]) for line in outside.extract_text_lines()]
    return "\n".join(text for _top, text in sorted(blocks, key=lambda block: block[0]))


class TableReader:
    """Opens the PDF with pdfplumber on the first page that needs it, and closes each page."""

    def __init__(self, path: Path):
        self.path = path
        self._pdf = None

    def page_text(self, index: int) -> str | None:
        if self._pdf is None:
            self._pdf = pdfplumber.open(self.path)
        page = self._pdf.pages[index]
        try:
            return table_page_text(page)
        finally:
            page.close()

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()
