"""Language: English, Welsh or bilingual, by function words per page and overall."""

from __future__ import annotations

import re

from ..decision import LISTING, TEXT, Decision
from ..listing import listing_text
from .base import FieldRule

_WELSH = set(
    "y yr ac o ar gan ei eu mae roedd bod hefyd gyda ond neu wedi ddim fel hyn hwn hon sydd ydy "
    "oedd plant plentyn cymru adolygiad ymarfer diogelu bwrdd gael iddo iddi rhaid hynny ymhlith "
    "gwasanaethau teulu gyfer dros rhwng bydd byddai nad nid yw yng ym ein eich chi nhw".split()
)
_ENGLISH = set(
    "the and of to was that for with were had been this which from by his her their they "
    "there would have has not are be on at as it an or".split()
)


def language_of(pages: list[str]) -> tuple[str, str, float] | None:
    """English, Welsh or bilingual by stop words, per page then for the whole document."""
    welsh_pages = english_pages = welsh_total = english_total = 0
    for page in pages:
        words = re.findall(r"[a-zâêîôûŵŷ']+", page.lower())
        w = sum(word in _WELSH for word in words)
        e = sum(word in _ENGLISH for word in words)
        welsh_total += w
        english_total += e
        if w + e >= 10:
            welsh_pages += w > 1.5 * e
            english_pages += e > 1.5 * w
    total = welsh_total + english_total
    if total < 3:
        return None
    share = welsh_total / total
    evidence = f"{welsh_total} Welsh and {english_total} English function words"
    if (
        welsh_pages
        and english_pages
        and min(welsh_pages, english_pages) >= 0.2 * (welsh_pages + english_pages)
    ):
        return (
            "bilingual",
            evidence + f"; {welsh_pages} Welsh and {english_pages} English pages",
            0.8,
        )
    if share >= 0.75:
        return "Welsh", evidence, 0.85
    if share >= 0.25:
        return "bilingual", evidence, 0.7
    return "English", evidence, 0.85 if total >= 20 else 0.6


class LanguageRule(FieldRule):
    field = "language"

    def decide(self, doc, context, decided):
        listing = listing_text(context)
        found = language_of(doc.pages) or language_of([listing])
        if not found:
            return Decision()
        return Decision(found[0], TEXT if doc.words else LISTING, found[1], None, found[2])
