"""What a publisher's listing says: its entry's words, and the NSPCC's listing headings."""

from __future__ import annotations

import re

# The listing fields that carry words the rules may read.
_LISTING_WORDS = ("title", "code", "child_pseudonym", "role", "summary")


def listing_text(context: dict) -> str:
    """The listing's words, for rules that read text."""
    return "\n".join(str(context[k]) for k in _LISTING_WORDS if context.get(k))


# The NSPCC's listing headings: "December 2014 – Blackpool – Child BR", "2019 – Anonymous – Katie",
# "2012Ceredigion – Child J" (the year glued to the place), "2018 - Anonymous- Children F, G and
# H" (a dash spaced on one side only).
NSPCC_HEADING = re.compile(
    r"^\s*(?:(?P<month>[A-Z][a-z]+)\s+)?(?P<year>(?:19|20)\d\d)\s*(?:[–—-]\s*)?"
    r"(?P<place>[A-Z][^–—\n]*?)(?:\s+[–—-]\s*|\s*[–—-]\s+)(?P<child>[^\n]{1,60}?)\s*$"
)
_NO_PLACE = re.compile(r"^(?:anonymous|unknown|national|nspcc\b.*|unnamed.*)$", re.IGNORECASE)


def nspcc_heading(line: str) -> dict | None:
    """{year, place, child} of an NSPCC listing heading, or None."""
    match = NSPCC_HEADING.match(line or "")
    if not match:
        return None
    place = match.group("place").strip()
    return {
        "year": int(match.group("year")),
        "place": None if _NO_PLACE.match(place) else place,
        "child": match.group("child").strip(),
        "heading": match.group(0).strip(),
    }
