"""Action plans: each row of a plan's table becomes an action linked to its recommendation, with
its lead agency (normalised), timescale (a date or a month), status or RAG rating and page.

``extract_actions(pages)`` is the loop: ``table`` reads the rows, then ``agencies``,
``timescales`` and ``status`` read the lead, timescale and status cells for meaning (each a
list of small rules). ``matching`` links a review's recommendations to its plan's actions.
"""

from __future__ import annotations

from .agencies import normalise_agency
from .columns import ACTION, EVIDENCE, LEAD, STATUS, TIMESCALE
from .status import rag_of, status_of
from .table import read_rows
from .timescales import due_of

MAX_CELL_CHARS = 2000


def extract_actions(pages: list[str]) -> list[dict]:
    """Every action in the pages' action-plan tables, in order: recommendation number and
    text, action, lead as written and its agency, timescale as written and its due date or
    month, status, RAG rating, evidence and page. Empty when there is no plan table."""
    actions = []
    for row in read_rows(pages):
        cells = {role: text[:MAX_CELL_CHARS] for role, text in row.cells.items()}
        actions.append(
            {
                "recommendation_number": row.number,
                "recommendation": row.recommendation[:MAX_CELL_CHARS],
                "action": cells.get(ACTION, ""),
                "lead": cells.get(LEAD, ""),
                "agency": normalise_agency(cells.get(LEAD)),
                "timescale": cells.get(TIMESCALE, ""),
                "due": due_of(cells.get(TIMESCALE)),
                "status": status_of(cells.get(STATUS)),
                "rag": rag_of(cells.get(STATUS)),
                "evidence": cells.get(EVIDENCE, ""),
                "page": row.page,
            }
        )
    return actions


__all__ = ["extract_actions"]
