"""Recommendations and learning points: the numbered (or bulleted) items under headings such as
"Recommendations", "Learning points", "Key issues" or "Findings", each with its number and page."""

from __future__ import annotations

import re

from .textutil import clean, is_noise_line, squash

_SECTION_NUMBER = r"(?:(?:section|part|chapter)\s+)?(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,5}\.)\s*"
RECOMMENDATION_HEADING = re.compile(
    rf"^(?:{_SECTION_NUMBER})?(?:(?:summary|list)\s+of\s+(?:the\s+)?)?"
    r"(?:(?:key|the|single|multi-agency|board|agency|review|panel|our|national|local)\s+)*"
    r"(?:recommendations?|argymhellion)\b(?:\s+(?:for|to|from|of|made|and)\b[^.]{0,50})?\s*:?$",
    re.IGNORECASE,
)
LEARNING_HEADING = re.compile(
    rf"^(?:{_SECTION_NUMBER})?(?:(?:key|main|the|summary\s+of(?:\s+the)?|practice|multi-agency)\s+)*"
    r"(?:learning(?:\s+(?:points?|themes?|outcomes|for\s+[^.]{1,40}|from\s+[^.]{1,40}|identified))?"
    r"|lessons(?:\s+(?:learned|learnt|to\s+be\s+learned))?|(?:practice\s+)?issues(?:\s+identified)?"
    r"|findings(?:\s+and\s+learning)?|key\s+findings|what\s+we\s+(?:have\s+)?learn(?:ed|t)"
    r"|dysgu|pwyntiau\s+dysgu|themes\s+and\s+learning)\s*:?$",
    re.IGNORECASE,
)
# A contents-page line ("Recommendations ........ 12", "Recommendations 12") is not a heading.
_CONTENTS_LINE = re.compile(r"(?:\.{3,}|…|\s\d{1,3})\s*$")

_ITEM = re.compile(
    r"^(?:(?P<word>recommendation|learning\s+point|finding|key\s+issue|lesson|rec\.?|argymhelliad)"
    r"\s*(?:no\.?\s*)?)?"
    r"(?P<num>\(?\d{1,2}(?:\.\d{1,2}){0,2}\)?|\(?[a-h]\)|\(?[ivx]{1,4}\)|[RL]P?\d{1,2})"
    r"(?:[.):\-]|\s*[-–:])?\s+(?P<text>\S.*)?$",
    re.IGNORECASE,
)
_BARE_ITEM_WORD = re.compile(
    r"^(?P<word>recommendation|learning\s+point|finding)\s+(?P<num>\d{1,2}(?:\.\d{1,2})?)\s*[.:\-]?$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^[•\u2022\u25cf\u25aa\u25e6\u2023\u2043*▪·o\-]\s+(?P<text>\S.*)$")
MAX_ITEM_CHARS = 1500
MAX_ITEMS_PER_BLOCK = 60


_RECOMMENDS = re.compile(
    r"\b(?:should|must|needs?\s+to|is\s+asked\s+to|are\s+asked\s+to|to\s+ensure)\b", re.IGNORECASE
)
_LEAD_IN = re.compile(
    r"(?:\bfollowing\s+(?:recommendations?|learning(?:\s+points)?)|\b(?:recommendations?|learning"
    r"(?:\s+points)?)\s+(?:below|are|is|were)\b|\brecommends?\s+that\b|\brecommendations?\s+(?:are\s+)?made\b)"
    r"[^.]*[.:]?\s*$",
    re.IGNORECASE,
)
# A table's header row in an action plan: "Recommendation | Action | Lead | Timescale | RAG".
_TABLE_HEADER = re.compile(
    r"^(?:no\.?\s+)?recommendations?\b(?=.*\b(?:action|lead|timescale|rag|progress|owner|target|by\s+when)\b)",
    re.IGNORECASE,
)


# How ingest writes the cells of a table row on one line (ingest/tables.py).
TABLE_CELL_SEPARATOR = " | "


def _lead_in_kind(line: str) -> str | None:
    """The kind of list a lead-in sentence announces, if the line is one."""
    if len(line.split()) > 25 or not _LEAD_IN.search(line):
        return None
    return "recommendation" if "recommend" in line.lower() else "learning"


def _heading_kind(line: str) -> str | None:
    if len(line) > 90 or _CONTENTS_LINE.search(line) and not line.rstrip().endswith(":"):
        return None
    if RECOMMENDATION_HEADING.match(line) or _TABLE_HEADER.match(line):
        return "recommendation"
    if LEARNING_HEADING.match(line):
        return "learning"
    return None


def _looks_like_heading(line: str, previous: str | None) -> bool:
    """A short title-like line after a finished sentence: another section starts."""
    words = line.split()
    if not words or len(words) > 8 or line[-1] in ".,;:!?" or not line[0].isupper():
        return False
    if previous and previous[-1] not in ".;:!?)":
        return False
    if len(words) <= 6:
        return True  # a short unpunctuated line after a finished sentence
    capitals = sum(w[0].isupper() for w in words if w[0].isalpha())
    return capitals >= max(1, len(words) // 2) or line.isupper()


def extract_items(pages: list[str]) -> list[dict]:
    """Every recommendation and learning point, in document order:
    {"kind", "number", "page", "text"}."""
    items: list[dict] = []
    kind: str | None = None
    current: dict | None = None
    previous: str | None = None
    in_block = 0

    def finish():
        nonlocal current
        if current and current["text"]:
            current["text"] = squash(current["text"])[:MAX_ITEM_CHARS]
            items.append(current)
        current = None

    for page_number, page in enumerate(pages, start=1):
        for raw in clean(page).splitlines():
            if is_noise_line(raw):
                continue
            line = squash(raw)
            heading = _heading_kind(line)
            if heading:
                finish()
                kind, in_block, previous = heading, 0, line
                continue
            bare = _BARE_ITEM_WORD.match(line)
            item = None if bare else _ITEM.match(line)
            bullet = None if (bare or item) else _BULLET.match(line)
            lead_in = _lead_in_kind(line) if not (bare or item or bullet) else None
            if lead_in and (kind is None or current is None or current["text"].endswith(".")):
                # "The review makes the following recommendations:" opens a list.
                finish()
                kind, in_block, previous = lead_in, 0, line
                continue
            if kind is None:
                # "Recommendation 3: ..." starts a list wherever it stands, and so does a
                # numbered sentence that recommends ("1. The Board should ...").
                word = (bare or item).group("word") if (bare or item) else None
                recommends = bool(
                    item and _RECOMMENDS.search(" ".join((item.group("text") or "").split()[:12]))
                )
                if not (word and word.lower().startswith("rec")) and not recommends:
                    previous = line
                    continue
                kind, in_block = "recommendation", 0
            if bare or item:
                match = bare or item
                text = "" if bare else (match.group("text") or "")
                number = match.group("num").strip("()")
                short_title = (
                    text
                    and len(text.split()) <= 5
                    and text[-1] not in ".;:!?,"
                    and "." not in number
                    and not match.group("word")
                    and number.isdigit()
                    and text[0].isupper()
                    and sum(w[0].isupper() for w in text.split()) >= len(text.split()) / 2
                )
                if short_title and in_block and not text.lower().startswith(("the ", "all ")):
                    # "8. Conclusion": a numbered section heading ends the block.
                    finish()
                    kind = None
                    previous = line
                    continue
                finish()
                in_block += 1
                cells = text.split(TABLE_CELL_SEPARATOR)
                current = {"kind": kind, "number": number, "page": page_number, "text": cells[0]}
                if len(cells) > 1:
                    # A table row (an action plan): the first cell is the item, the rest is
                    # action, lead and timescale, and the row ends the item.
                    finish()
            elif bullet:
                finish()
                in_block += 1
                current = {
                    "kind": kind,
                    "number": str(in_block),
                    "page": page_number,
                    "text": bullet.group("text"),
                }
            elif current is not None and _looks_like_heading(line, previous):
                finish()
                kind = None
            elif current is not None and TABLE_CELL_SEPARATOR in line:
                finish()
            elif current is not None and len(current["text"]) < MAX_ITEM_CHARS:
                current["text"] += " " + line
            if in_block > MAX_ITEMS_PER_BLOCK:
                finish()
                kind = None
            previous = line
    finish()
    return items
