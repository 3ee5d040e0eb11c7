"""Where an action stands, and its RAG rating, from the status cell as written.

Statuses: "complete", "in progress", "not started" (``casereview.vocabulary.ACTION_STATUSES``);
ratings: red, amber, green and blue (complete, in BRAG plans), also written as one letter.
"""

from __future__ import annotations

import re

from .rules import PatternRule, first_value, rule

# In order: "partially complete" is in progress, "not started" is no start.
STATUS_RULES: list[PatternRule] = [
    rule("not started", r"\bnot\s+(?:yet\s+)?(?:started|begun|commenced)\b"),
    rule(
        "in progress",
        r"\b(?:ongoing|on-going|in\s+progress|on\s+track|under\s*way|partially|progressing|"
        r"delayed|behind|overdue)\b",
    ),
    rule("complete", r"\b(?:complete[ds]?|achieved|closed|implemented|done)\b"),
    rule("in progress", r"\b(?:started|begun)\b"),
]
RAG_WORDS = re.compile(r"\b(red|amber|green|blue)\b", re.IGNORECASE)
RAG_LETTERS = {"r": "red", "a": "amber", "g": "green", "b": "blue"}


def status_of(cell: str | None) -> str | None:
    return first_value(STATUS_RULES, " ".join((cell or "").split()))


def rag_of(cell: str | None) -> str | None:
    text = " ".join((cell or "").split())
    if match := RAG_WORDS.search(text):
        return match.group(1).lower()
    letter = re.fullmatch(r"(?:RAG\s*[:\-]?\s*)?([RAGB])\.?", text, re.IGNORECASE)
    return RAG_LETTERS[letter.group(1).lower()] if letter else None
