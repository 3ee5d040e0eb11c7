"""Recommendations and learning points: the numbered (or bulleted) items under headings such as
"Recommendations", "Learning points", "Key issues" or "Findings", each with its number and page.

A 7-minute briefing's headings ("What needs to happen", "What should practitioners do") open
learning for practice, not recommendations, and its "Questions to consider" are neither. Each
item is given once: the same text found twice is one item, and numbers restarting at "1." in a
second list are renumbered so that no number repeats."""

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
# The headings of a 7-minute briefing (numbered or not, as statements or questions): what
# practice should take from the review.
BRIEFING_HEADING = re.compile(
    rf"^(?:{_SECTION_NUMBER})?(?:what\s+(?:needs\s+to\s+(?:happen|change)|should\s+(?:happen|"
    r"(?:practitioners|professionals|managers|agencies|we|you|staff)\s+do)|(?:can|do|did)\s+we\s+"
    r"(?:learn|do)|do\s+(?:we|I|you)\s+need\s+to\s+(?:do|know)|(?:this|it)\s+means\s+for\s+"
    r"(?:practice|you|me)|does\s+this\s+mean\s+for\s+(?:practice|you|me)|to\s+do)"
    r"|key\s+messages(?:\s+for\s+practice)?|messages\s+for\s+practice|learning\s+for\s+practice"
    r"|what\s+you\s+(?:should|need\s+to)\s+do|practice\s+points|points\s+for\s+practice)"
    r"\s*[?:]?$",
    re.IGNORECASE,
)
# Questions put to the reader are neither recommendations nor learning points.
QUESTIONS_HEADING = re.compile(
    rf"^(?:{_SECTION_NUMBER})?(?:(?:reflective\s+|key\s+|some\s+)?questions(?:\s+(?:to|for)\s+"
    r"(?:consider|ask|reflect(?:\s+on)?|discuss|think\s+about|practitioners|professionals|managers|"
    r"teams?|reflection|discussion|you|supervision))?|points\s+(?:for|to)\s+(?:reflection|"
    r"consider|discuss)|things\s+to\s+(?:consider|think\s+about)|for\s+(?:reflection|discussion)"
    r"|cwestiynau(?:\s+i'w\s+hystyried)?)\s*[?:]?$",
    re.IGNORECASE,
)
QUESTIONS = "questions"
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
    if LEARNING_HEADING.match(line) or BRIEFING_HEADING.match(line):
        return "learning"
    if QUESTIONS_HEADING.match(line):
        return QUESTIONS
    return None


def _kind_of_word(word: str | None) -> str | None:
    """The kind an item names itself: "Recommendation 3", "Learning point 2"."""
    if not word:
        return None
    word = word.lower()
    return "recommendation" if word.startswith(("rec", "argymh")) else "learning"


def _text_key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def one_each(items: list[dict]) -> list[dict]:
    """Each item once: a text found again (a summary's list repeated in the body, an action plan
    restating it) is one item, with the longer wording; then, where a kind's numbers repeat (a
    second list restarting at "1."), that kind is numbered 1, 2, 3… in document order."""
    kept: list[dict] = []
    keys: list[str] = []
    for item in items:
        key = _text_key(item["text"])
        same = next(
            (
                i
                for i, other in enumerate(keys)
                if key == other
                or min(len(key), len(other)) >= 40
                and (key.startswith(other) or other.startswith(key))
            ),
            None,
        )
        if same is None:
            kept.append(dict(item))
            keys.append(key)
        elif len(item["text"]) > len(kept[same]["text"]):
            kept[same]["text"], keys[same] = item["text"], key
    for kind in {item["kind"] for item in kept}:
        of_kind = [item for item in kept if item["kind"] == kind]
        if len({item["number"] for item in of_kind}) < len(of_kind):
            for number, item in enumerate(of_kind, start=1):
                item["number"] = str(number)
    return kept


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
            if item and TABLE_CELL_SEPARATOR in line and "." in item.group("num").strip("."):
                # "1.2 Revise the procedure | Lead | …": an action plan's action under
                # recommendation 1, not an item of its own.
                finish()
                previous = line
                continue
            bullet = None if (bare or item) else _BULLET.match(line)
            lead_in = _lead_in_kind(line) if not (bare or item or bullet) else None
            if lead_in and (kind is None or current is None or current["text"].endswith(".")):
                # "The review makes the following recommendations:" opens a list.
                finish()
                kind, in_block, previous = lead_in, 0, line
                continue
            if kind == QUESTIONS:
                previous = line
                continue
            if kind is None:
                # "Recommendation 3: ..." or "Learning point 2: ..." starts a list wherever it
                # stands, and so does a numbered sentence that recommends ("1. The Board
                # should ..."); a question does not.
                word = (bare or item).group("word") if (bare or item) else None
                text = (item.group("text") or "") if item else ""
                recommends = bool(
                    item
                    and not text.rstrip().endswith("?")
                    and _RECOMMENDS.search(" ".join(text.split()[:12]))
                )
                if not word and not recommends:
                    previous = line
                    continue
                kind, in_block = _kind_of_word(word) or "recommendation", 0
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
                # "1 | Recommendation | Action …": the number in a column of its own.
                cells = text.removeprefix("|").strip().split(TABLE_CELL_SEPARATOR)
                current = {
                    "kind": _kind_of_word(match.group("word")) or kind,
                    "number": number,
                    "page": page_number,
                    "text": cells[0],
                }
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
    return one_each(items)
