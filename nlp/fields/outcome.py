"""Outcome: "death" or "serious harm", from the listing, the title page or the body; criteria and
hypotheticals ("where a child has died or been seriously harmed") are not outcomes. A thematic
national review (no child) has none."""

from __future__ import annotations

import re

from ..decision import LISTING, TEXT, Decision, first
from ..listing import listing_text
from ..textutil import sentences, snippet
from .base import FieldRule

_DEATH = re.compile(
    r"\b(?:died|death\s+of|deaths?\b(?!\s+of\s+(?:his|her|their|a)\s+(?:mother|father|parent))"
    r"|was\s+found\s+dead|found\s+(?:lifeless|unresponsive)|pronounced\s+dead|fatal(?:ly)?"
    r"|killed|murder(?:ed)?|manslaughter|culpable\s+homicide|homicide"
    r"|took\s+(?:his|her|their)\s+own\s+life|passed\s+away|bu\s+farw|marwolaeth)\b",
    re.IGNORECASE,
)
_HARM = re.compile(
    r"\b(?:serious(?:ly)?\s+(?:harm(?:ed)?|injur\w+|ill)|significant\s+harm|non[\s-]accidental\s+injur\w+"
    r"|life[\s-]threatening|life[\s-]changing|serious\s+and\s+permanent|permanent\s+impairment"
    r"|brain\s+injur\w+|head\s+injur\w+|fractur\w+|sustained\s+(?:\w+\s+)?injur\w+"
    r"|sexual(?:ly)?\s+(?:abuse|abused|exploit\w*)|niwed\s+difrifol)\b",
    re.IGNORECASE,
)
_HYPOTHETICAL = re.compile(
    r"(?-i:\bmay\b)|\b(?:could|might|would|risk\s+of|whether|if|criteria|where\s+a\s+child|when\s+a\s+child"
    r"|known\s+or\s+suspected|prevent(?:ed|able)?|predict(?:ed|able)?|survived|did\s+not\s+die)\b",
    re.IGNORECASE,
)


def outcome_in(text: str, title_zone: bool) -> tuple[str, str, float] | None:
    """("death" | "serious harm", evidence, confidence); criteria and hypotheticals ignored."""
    deaths, harms = [], []
    for sentence in sentences(text):
        death = _DEATH.search(sentence)
        harm = _HARM.search(sentence)
        if (death and harm and re.search(r"\bor\b", sentence)) or _HYPOTHETICAL.search(sentence):
            if not (title_zone and death and not harm):
                continue
        if death:
            deaths.append((sentence, death))
        elif harm:
            harms.append((sentence, harm))
    if deaths and (
        title_zone or len(deaths) >= 2 or len(text.split()) < 600 or len(deaths) >= len(harms) / 4
    ):
        sentence, match = deaths[0]
        return (
            "death",
            snippet(sentence, match.start(), match.end(), 60),
            0.85 if title_zone else 0.7,
        )
    if harms:
        sentence, match = harms[0]
        return (
            "serious harm",
            snippet(sentence, match.start(), match.end(), 60),
            0.8 if title_zone else 0.6,
        )
    return None


class OutcomeRule(FieldRule):
    field = "outcome"

    def decide(self, doc, context, decided):
        thematic = (
            decided.get("review_type", Decision()).value == "national-review"
            and not decided.get("child_pseudonym", Decision()).value
        )
        if thematic:
            return Decision()

        def found_in(text, source, page, title):
            found = outcome_in(text, title)
            if not found:
                return None
            if page is None and source == TEXT:
                page = doc.page_of_evidence(found[1])
            return Decision(found[0], source, found[1], page, found[2])

        return first(
            lambda: found_in(listing_text(context), LISTING, None, True),
            lambda: found_in(doc.title_zone, TEXT, doc.title_page_number, True),
            lambda: found_in(doc.text, TEXT, None, False),
        )
