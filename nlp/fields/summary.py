"""Summary: the listing's summary, else the first paragraph under "Executive summary" (or another
opening heading), else the first substantial paragraph. A line that is only a label ("Published:",
"Date added: 11/08/15") is no summary."""

from __future__ import annotations

import re

from ..decision import LISTING, TEXT, Decision, first
from ..document import Document
from ..listing import nspcc_heading
from ..textutil import is_substantive_summary, squash
from .base import FieldRule
from .title import is_page_furniture, printable

_SUMMARY_HEADING = re.compile(
    r"^(?:\d+(?:\.\d+)*\.?\s+)?(?:executive\s+summary|summary|brief\s+outline\s+of\s+circumstances"
    r"|introduction|background|crynodeb(?:\s+gweithredol)?|overview|what\s+happened)\s*:?$",
    re.IGNORECASE,
)
SUMMARY_CHARS = 600


def summary_in(doc: Document, title: str | None = None) -> tuple[str, int, float] | None:
    """(summary, page, confidence): the first paragraph under "Executive summary" (or another
    opening heading), else the first substantial paragraph below the ``title`` (a site's blurb
    above a news report's headline is not its summary, nor is the headline itself)."""
    for number, lines in enumerate(doc.lines, start=1):
        for i, line in enumerate(lines):
            if not _SUMMARY_HEADING.match(line):
                continue
            following = lines[i + 1 : i + 15]
            if not following or _contents(following[:3]):
                continue  # a contents page
            text = _paragraph(following)
            if len(text) >= 80:
                confidence = 0.75 if "summary" in line.lower() or "outline" in line.lower() else 0.6
                return text, number, confidence
    for number, lines in enumerate(doc.lines[:4], start=1):
        below = _below_the_title(lines, title)
        for candidates in (below, lines) if below is not lines else (lines,):
            text = _paragraph(
                [
                    line
                    for line in candidates
                    if len(line.split()) > 5
                    and not (is_page_furniture(line) or _UPDATE_NOTICE.match(line))
                ]
            )
            if len(text.split()) >= 25:
                return text, number, 0.4
    return None


TITLE_LINE_CHARS = 10
# A headline below a site's blurb still heads the page; a line further down is a pull quote.
TITLE_WITHIN_LINES = 8


def _below_the_title(lines: list[str], title: str | None) -> list[str]:
    """The lines after the title's lines, when the title is a line of this page."""
    wanted = squash(printable(title or "")).lower()
    for i, line in enumerate(lines[:TITLE_WITHIN_LINES]):
        first = squash(printable(line)).lower()
        if len(first) >= TITLE_LINE_CHARS and wanted.startswith(first):
            rest = lines[i + 1 :]
            while rest and _part_of(squash(printable(rest[0])).lower(), wanted):
                rest = rest[1:]  # the title's wrapped lines
            return rest
    return lines


def _part_of(line: str, title: str) -> bool:
    return len(line) >= 3 and line in title


# A page's update notice ("Page last updated at …"): no summary, though it dates the page (so
# nlp.document keeps it, beside the menus and appeals it drops).
_UPDATE_NOTICE = re.compile(r"(?:page\s+)?last\s+updated\b|updated\s*:", re.IGNORECASE)
_NUMBERED_HEADING = re.compile(r"^\d+(?:\.\d+)*\.?\s*[^\W\d]")


def _contents(lines: list[str]) -> bool:
    """Lines of a contents list: page numbers or dot leaders, or short numbered headings."""
    if re.search(r"\s\d{1,3}$|\.{4,}", lines[0]):
        return True
    headings = [line for line in lines if _NUMBERED_HEADING.match(line) and len(line.split()) <= 8]
    return len(headings) >= 2


def _paragraph(lines: list[str]) -> str:
    out = ""
    for line in lines:
        if out and _SUMMARY_HEADING.match(line):
            break
        out = f"{out} {line}".strip()
        if len(out) >= SUMMARY_CHARS * 0.6 and out.endswith("."):
            break
    out = squash(out)
    if len(out) > SUMMARY_CHARS:
        cut = out[:SUMMARY_CHARS]
        out = cut[: cut.rfind(". ") + 1] if ". " in cut else cut.rsplit(" ", 1)[0] + "…"
    return out


# The labelled fields of an NSPCC block, after its one-line incident summary.
_BLOCK_LABEL = re.compile(
    r"^(?:background|learning|key\s+issues|recommendations|model|keywords|read\s+the)\b", re.I
)


def block_summary(doc: Document) -> str | None:
    """The incident summary of an NSPCC listing block: the lines between its heading and its
    first labelled field."""
    if not doc.block_heading:
        return None
    lines = doc.lines[0]
    start = next(i for i, line in enumerate(lines) if nspcc_heading(line)) + 1
    summary = []
    for line in lines[start:]:
        if _BLOCK_LABEL.match(line):
            break
        summary.append(line)
    text = printable(" ".join(summary))
    return text if is_substantive_summary(text) else None


class SummaryRule(FieldRule):
    """The listing's summary, else an NSPCC block's incident line, else the text's opening
    paragraph."""

    field = "summary"

    def decide(self, doc, context, decided):
        listed = context.get("summary")
        block = block_summary(doc)
        found = summary_in(doc, decided.get("title", Decision()).value)
        return first(
            lambda: (
                Decision(printable(listed), LISTING, "listing summary", None, 0.9)
                if is_substantive_summary(listed)
                else None
            ),
            lambda: Decision(block, TEXT, "NSPCC block", 1, 0.8) if block else None,
            lambda: (
                Decision(printable(found[0]), TEXT, found[0][:120], found[1], found[2])
                if found and is_substantive_summary(found[0])
                else None
            ),
        )
