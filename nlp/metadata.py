"""Basic metadata from a report's text: title, nation, review type and publication year."""

from __future__ import annotations

import re
from collections import Counter

NATION_CUES = {
    "Wales": ("child practice review", "wales", "welsh government", "regional safeguarding board"),
    "Scotland": ("significant case review", "child protection committee", "scotland"),
    "Northern Ireland": ("case management review", "northern ireland", "sbni"),
    "England": (
        "serious case review",
        "safeguarding children partnership",
        "local safeguarding children board",
        "england",
    ),
}

REVIEW_TYPE_CUES = (
    ("CPR-extended", r"extended child practice review"),
    ("CPR-concise", r"concise child practice review"),
    ("LCSPR", r"local child safeguarding practice review"),
    ("SigCR", r"significant case review"),
    ("learning-review", r"learning review"),
    ("CMR", r"case management review"),
    ("SCR", r"serious case review"),
)

_PUBLISHED = re.compile(r"(?:published|date of publication)\D{0,30}?((?:19|20)\d\d)", re.IGNORECASE)
_YEAR = re.compile(r"\b(20[0-2]\d|19[89]\d)\b")


def guess_title(first_page: str) -> str | None:
    lines = [line.strip() for line in first_page.splitlines() if line.strip()]
    return " ".join(lines[:2])[:300] if lines else None


def guess_nation(text: str) -> str:
    lowered = text.lower()
    scores = {
        nation: sum(lowered.count(cue) for cue in cues) for nation, cues in NATION_CUES.items()
    }
    nation, score = max(scores.items(), key=lambda item: item[1])
    return nation if score else "unknown"


def guess_review_type(text: str) -> str:
    lowered = text.lower()
    for code, pattern in REVIEW_TYPE_CUES:
        if re.search(pattern, lowered):
            return code
    return "other"


def guess_year(text: str) -> int | None:
    published = _PUBLISHED.search(text)
    if published:
        return int(published.group(1))
    years = Counter(_YEAR.findall(text))
    return int(max(years, key=lambda y: (years[y], y))) if years else None


def basic_metadata(pages: list[str]) -> dict:
    """Metadata that is easy to tell from the text alone."""
    text = "\n".join(pages)
    return {
        "title": guess_title(pages[0]) if pages else None,
        "nation": guess_nation(text),
        "review_type": guess_review_type(text),
        "year": guess_year(text),
    }
