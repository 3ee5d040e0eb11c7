"""What each column of an action plan holds, read from its heading.

Boards head the same column many ways ("Lead", "By whom", "Responsible agency / officer";
"Timescale", "By when", "Target date"). Each rule names one column role; the first rule that
matches a heading decides it, so the order settles headings that could be two things ("Progress
(RAG)" is the status, "Progress update" the evidence; "Lead agency" the lead).
"""

from __future__ import annotations

from .rules import PatternRule, first_value, rule

NUMBER, RECOMMENDATION, ACTION, LEAD = "number", "recommendation", "action", "lead"
TIMESCALE, STATUS, EVIDENCE = "timescale", "status", "evidence"
# A heading is a label, not a sentence.
MAX_HEADING_WORDS = 6


COLUMN_RULES: list[PatternRule] = [
    rule(NUMBER, r"^(?:no\.?|nos?\.|ref(?:erence)?\.?(?:\s+no\.?)?|#|number|item|"
                  r"rec(?:ommendation)?\.?\s*(?:no\.?|number|ref\.?))$"),
    rule(STATUS, r"\b(?:rag|b?rag\s+rating|status|progress(?!\s*(?:update|notes?|comments?|to\s+date)))\b"),
    rule(EVIDENCE, r"\b(?:evidence|outcomes?|impact|measures?|how\s+will\s+we\s+know|updates?|"
                    r"comments?|notes?|progress)\b"),
    rule(LEAD, r"\b(?:lead|owner|responsib\w*|by\s+whom|who|agenc(?:y|ies)|officer)\b"),
    rule(TIMESCALE, r"\b(?:timescales?|target|by\s+when|dates?|due|deadline|completion|when)\b"),
    rule(RECOMMENDATION, r"\b(?:recommendations?|learning|findings?|issues?)\b"),
    rule(ACTION, r"\b(?:actions?|what\s+will|tasks?|activit(?:y|ies)|steps?|response)\b"),
]  # fmt: skip


def column_role(heading: str) -> str | None:
    """The role of a column under ``heading``, or None for a cell that is no heading."""
    text = " ".join(heading.split())
    if not text or len(text.split()) > MAX_HEADING_WORDS:
        return None
    return first_value(COLUMN_RULES, text)


def header_roles(cells: list[str]) -> list[str | None] | None:
    """The roles of a table's columns when ``cells`` is an action plan's header row: an action
    (or recommendation) column and a lead, timescale or status column, every heading known."""
    roles = [column_role(cell) for cell in cells]
    named = [role for role, cell in zip(roles, cells, strict=True) if cell.strip()]
    if not named or None in named or len(set(named)) < len(named):
        return None
    if ACTION not in named and RECOMMENDATION not in named:
        return None
    if not {LEAD, TIMESCALE, STATUS} & set(named):
        return None
    return roles
