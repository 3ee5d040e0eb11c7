"""An action plan's table, read row by row from the page texts ingest gives (one line per table
row, cells separated by " | ", a merged or empty cell kept as an empty one).

A recommendation stands in its own column (often one cell merged down several action rows, so
the rows below it have that cell empty), in a column of its number beside it, in a row of its own
spanning the table above its actions, or only as a reference ("2b") to the numbered list above
the table. A row that did not fit at the foot of a page goes on at the top of the next, under
the repeated header or none: there it lacks its lead or timescale, and is joined to the row it
continues.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..recommendations import extract_items
from .columns import ACTION, EVIDENCE, LEAD, NUMBER, RECOMMENDATION, STATUS, TIMESCALE, header_roles

CELL_SPLIT = re.compile(r"\s*\|\s*")
# "1.", "R1", "Rec 2", "Recommendation 3:", "3)", "2b", "1.2" at the start of a cell.
LABEL = re.compile(
    r"^(?:[A-Z]\s+(?=\d))?(?:(?:recommendation|rec\.?|argymhelliad)\s*(?:no\.?\s*)?|R)?"
    r"(?P<number>\d{1,2})(?:[a-h]|\.\d{1,2})?(?:[.):\-–]|\s+[-–:])?(?:\s+|$)",
    re.IGNORECASE,
)
# An action numbered under its recommendation: "1.2 Revise the procedure".
ACTION_NUMBER = re.compile(r"^(?:[A-Z]\s+)?(?P<number>\d{1,2})\.\d{1,2}\s+")
# A recommendation on a line of its own inside a table has a sentence, not a word or two.
MIN_BANNER_WORDS = 4
TEXT_ROLES = (RECOMMENDATION, ACTION, LEAD, TIMESCALE, STATUS, EVIDENCE)


@dataclass
class Row:
    """One action as its row states it (before its cells are read for meaning)."""

    number: str | None
    recommendation: str
    page: int
    cells: dict[str, str] = field(default_factory=dict)

    def join(self, cells: dict[str, str]) -> None:
        """The rest of this row, from the top of the next page."""
        for role, text in cells.items():
            if role == RECOMMENDATION:
                self.recommendation = f"{self.recommendation} {text}".strip()
            elif text:
                self.cells[role] = f"{self.cells.get(role, '')} {text}".strip()


def split_cells(line: str) -> list[str]:
    return [" ".join(cell.split()) for cell in CELL_SPLIT.split(line.strip())]


def label_of(text: str) -> tuple[str | None, str]:
    """(number, text) of a cell that may start with a recommendation's label."""
    match = LABEL.match(text)
    if not match:
        return None, text
    return match.group("number"), text[match.end() :].strip()


def listed_recommendations(pages: list[str]) -> dict[str, str]:
    """The numbered recommendations the document lists outside its tables (a plan that refers
    to them by number only); read page by page, so that a page's running title is not taken
    for the end of the last item on the page before."""
    listed: dict[str, str] = {}
    for page in pages:
        prose = "\n".join(line for line in page.splitlines() if "|" not in line)
        for item in extract_items([prose]):
            if item["kind"] == "recommendation":
                listed.setdefault(item["number"], item["text"])
    return listed


class PlanTable:
    """Reads the rows of the plan's tables in order, page by page."""

    def __init__(self, listed: dict[str, str]):
        self.listed = listed
        self.roles: list[str | None] | None = None
        self.rows: list[Row] = []
        self.number: str | None = None
        self.recommendation = ""
        self.page = 0
        self.first_on_page = True

    def start_page(self, page: int) -> None:
        self.page, self.first_on_page = page, True

    def text_line(self, line: str) -> None:
        """A line outside any table: a recommendation's row spanning the table, as a Word
        file's merged row reads; else, after this page's rows, the end of the table."""
        number, text = label_of(" ".join(line.split()))
        if self.roles is not None and number and len(text.split()) >= MIN_BANNER_WORDS:
            self._recommendation(number, text)
        elif not self.first_on_page:
            self.roles = None

    def table_line(self, line: str) -> None:
        cells = split_cells(line)
        roles = header_roles(cells)
        if roles:
            self.roles = roles
            return
        if self.roles is None:
            return
        filled = [cell for cell in cells if cell]
        if len(filled) == 1 and cells[0] and label_of(cells[0])[0]:
            self._recommendation(*label_of(cells[0]))  # a row spanning the table
            return
        values: dict[str, str] = {}
        for role, cell in zip(self.roles, cells, strict=False):
            if role and cell:
                values[role] = f"{values.get(role, '')} {cell}".strip()
        first, self.first_on_page = self.first_on_page, False
        if first and self.rows and self._continues(values):
            self.rows[-1].join(values)
            self.recommendation = self.rows[-1].recommendation
            return
        self._row(values)

    def _continues(self, values: dict[str, str]) -> bool:
        """At the top of a page, the rest of the row the last page ended with: no lead or no
        timescale of its own, and no new recommendation."""
        if values.get(NUMBER) or label_of(values.get(RECOMMENDATION, ""))[0]:
            return False
        return bool(values) and not (values.get(LEAD) and values.get(TIMESCALE))

    def _recommendation(self, number: str | None, text: str) -> None:
        self.number = number
        self.recommendation = text or self.listed.get(number or "", "")

    def _row(self, values: dict[str, str]) -> None:
        number_cell, text = values.get(NUMBER), values.get(RECOMMENDATION)
        if number_cell or text:
            number = label_of(number_cell)[0] if number_cell else None
            text_number, text = label_of(text or "")
            self._recommendation(number or text_number, text)
        action = values.get(ACTION, "")
        if numbered := ACTION_NUMBER.match(action):
            action = action[numbered.end() :]
            if self.number is None:
                self._recommendation(numbered.group("number"), "")
        if not (action or values.get(LEAD) or values.get(TIMESCALE)):
            return  # a recommendation with no action in this plan
        cells = {role: values[role] for role in TEXT_ROLES if values.get(role)}
        cells[ACTION] = action
        self.rows.append(Row(self.number, self.recommendation, self.page, cells))


def read_rows(pages: list[str]) -> list[Row]:
    """The action rows of every action-plan table in the pages, in order."""
    table = PlanTable(listed_recommendations(pages) if any("|" in p for p in pages) else {})
    for page_number, page in enumerate(pages, start=1):
        table.start_page(page_number)
        for line in page.splitlines():
            if not line.strip():
                continue
            if "|" in line:
                table.table_line(line)
            else:
                table.text_line(line)
    return table.rows
