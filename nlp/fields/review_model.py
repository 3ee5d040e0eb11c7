"""Review model: the method the review says it used (SILP, SCIE Learning Together, a systems
approach, the Welsh Child Practice Review model, IMRs)."""

from __future__ import annotations

import re

from ..decision import LISTING, TEXT, Decision, first
from ..listing import listing_text
from ..textutil import snippet
from .base import FieldRule

REVIEW_MODELS = [
    ("SILP", r"\bSILP\b|(?i:significant\s+incident\s+learning\s+process)"),
    (
        "SCIE Learning Together",
        r"(?i:learning\s+together|social\s+care\s+institute\s+for\s+excellence)|\bSCIE\b",
    ),
    (
        "systems approach",
        r"(?i:systems?\s+(?:approach|methodology|model|framework|based\s+approach|thinking"
        r"|review))",
    ),
    (
        "Welsh CPR model",
        r"(?i:(?:welsh\s+)?child\s+practice\s+review\s+(?:model|methodology|framework|process"
        r"|approach))|\bCPR\s+(?i:model|methodology|framework|process)",
    ),
    ("IMR", r"(?i:individual\s+management\s+reviews?)|\bIMRs?\b"),
]


def review_model_in(text: str) -> tuple[str, str, float] | None:
    """The review method the text says it used; the most mentioned when several are named."""
    counts = {}
    for name, pattern in REVIEW_MODELS:
        matches = list(re.finditer(pattern, text))
        if matches:
            counts[name] = matches
    if not counts:
        return None
    # A named method beats the generic "systems approach", which beats IMRs (which other
    # methods also mention, often to say they were not used).
    for tier in (
        ("SILP", "SCIE Learning Together", "Welsh CPR model"),
        ("systems approach",),
        ("IMR",),
    ):
        named = {n: m for n, m in counts.items() if n in tier}
        if named:
            name, matches = max(named.items(), key=lambda item: len(item[1]))
            return name, snippet(text, matches[0].start(), matches[0].end(), 50), 0.8
    return None


class ReviewModelRule(FieldRule):
    field = "review_model"

    def decide(self, doc, context, decided):
        def found_in(text, source):
            found = review_model_in(text)
            if not found:
                return None
            page = doc.page_of_evidence(found[1]) if source == TEXT else None
            return Decision(found[0], source, found[1], page, found[2])

        return first(
            lambda: found_in(listing_text(context), LISTING), lambda: found_in(doc.text, TEXT)
        )
