"""Themes: the taxonomy's themes the text evidences (``nlp.themes.tag_themes``), plus those a
listing or an NSPCC block names under "Keywords:" or "Learning themes include:"."""

from __future__ import annotations

import re

from ..decision import LISTING, TEXT, Decision
from ..listing import listing_text
from ..themes import tag_themes, themes_in_keywords
from .base import FieldRule

_KEYWORDS = re.compile(
    r"\b(?:keywords?|learning\s+themes(?:\s+include)?)\s*:\s*([^\n]+)", re.IGNORECASE
)
# Up to this many words a text is a listing block, whose labelled keywords count too.
_BLOCK_WORDS = 600


class ThemesRule(FieldRule):
    field = "themes"

    def decide(self, doc, context, decided):
        listing = listing_text(context)
        themes, evidence = tag_themes(doc.pages + ([listing] if listing and not doc.words else []))
        decision = Decision(
            themes,
            TEXT if themes else None,
            "; ".join(f"{e['theme']} (p{e['page']}): {e['phrase']}" for e in evidence[:12]),
            None,
            0.7 if themes else 0.0,
            details=evidence,
        )
        labelled = listing + ("\n" + doc.text if doc.words <= _BLOCK_WORDS else "")
        keywords = _KEYWORDS.search(labelled)
        named = themes_in_keywords(keywords.group(1)) if keywords else []
        if not named:
            return decision
        return Decision(
            themes + [t for t in named if t not in themes],
            LISTING if not themes else TEXT,
            f"listing keywords: {keywords.group(1)[:200]}"
            + (f"; {decision.evidence}" if themes else ""),
            None,
            0.8,
            details=evidence,
        )
