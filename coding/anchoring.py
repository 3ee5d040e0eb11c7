"""Coded passages follow their document's page text when it is extracted again.

A passage is anchored when the stored page text holds its quote at its offsets. When ingest
writes a document's pages anew (a librarian's "extract again", ``casereview ingest
--retry-failed``), each passage of that document that is no longer anchored is looked for by its
quote: exactly, then with whitespace runs counted as one space, then fuzzily (RapidFuzz's best
partial alignment, at least ``FUZZY_MIN_SCORE`` of 100), first on its own page, then on the
pages either side. Found, it takes the new page, offsets and the text found there as its quote;
not found, it keeps what it had and is listed as unanchored to the project's members
(``unanchored``), since its offsets point at text that is no longer its quote.

Importing this module registers the re-anchoring with ingest (``ingest.pipeline.on_page_text``):
ingest may not import the coding stage, so the stage hooks itself in. The command line and the
web app import it; ``reanchor_all`` catches up after extractions run without it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from sqlalchemy import select

from casereview.catalogue import Catalogue, Coding, Page, Report
from casereview.users import Account
from ingest.pipeline import on_page_text

from .export import Excerpt, project_excerpts

FUZZY_MIN_SCORE = 85.0
# Shorter quotes match too much by chance to be looked for fuzzily.
FUZZY_MIN_CHARS = 20
NEIGHBOUR_PAGES = (0, -1, 1)
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Anchor:
    page: int
    start: int
    end: int
    # in place, exact, whitespace or fuzzy
    method: str
    score: float = 100.0


@dataclass
class Reanchoring:
    """What re-anchoring did: passages in place, moved (with how), and lost."""

    in_place: int = 0
    moved: dict[str, int] = field(default_factory=dict)
    lost: list[int] = field(default_factory=list)


def normalised(text: str) -> tuple[str, list[int]]:
    """``text`` with every whitespace run as one space, and for each of its characters the
    offset of the character it came from."""
    out, offsets = [], []
    for match in re.finditer(r"\s+|\S+", text):
        if match.group().isspace():
            out.append(" ")
            offsets.append(match.start())
        else:
            out.append(match.group())
            offsets.extend(range(match.start(), match.end()))
    return "".join(out), offsets


def _nearest(starts: list[int], near: int | None) -> int:
    return min(starts, key=lambda s: abs(s - near)) if near is not None else starts[0]


def find_exact(quote: str, text: str, near: int | None) -> tuple[int, int, float] | None:
    starts = [m.start() for m in re.finditer(re.escape(quote), text)]
    if not starts:
        return None
    start = _nearest(starts, near)
    return start, start + len(quote), 100.0


def _back(offsets: list[int], text: str, first: int, last: int) -> tuple[int, int]:
    """The span of ``text`` that normalised characters ``first``..``last`` (included) came from,
    without whitespace at either end."""
    start, end = offsets[first], offsets[last] + 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def find_whitespace(quote: str, text: str, near: int | None) -> tuple[int, int, float] | None:
    wanted = _SPACE.sub(" ", quote).strip()
    flat, offsets = normalised(text)
    starts = [m.start() for m in re.finditer(re.escape(wanted), flat)] if wanted else []
    if not starts:
        return None
    at = min(starts, key=lambda s: abs(offsets[s] - near)) if near is not None else starts[0]
    return (*_back(offsets, text, at, at + len(wanted) - 1), 100.0)


def find_fuzzy(quote: str, text: str, near: int | None) -> tuple[int, int, float] | None:
    wanted = _SPACE.sub(" ", quote).strip()
    flat, offsets = normalised(text)
    if len(wanted) < FUZZY_MIN_CHARS or len(flat) < len(wanted):
        return None
    found = fuzz.partial_ratio_alignment(wanted, flat, score_cutoff=FUZZY_MIN_SCORE)
    if found is None or found.dest_end <= found.dest_start:
        return None
    start, end = _back(offsets, text, found.dest_start, found.dest_end - 1)
    return (start, end, found.score) if end > start else None


# The ways of finding a quote, most trusted first.
FINDERS: tuple[tuple[str, Callable], ...] = (
    ("exact", find_exact),
    ("whitespace", find_whitespace),
    ("fuzzy", find_fuzzy),
)


def find_anchor(quote: str, page: int, start: int, pages: dict[int, str]) -> Anchor | None:
    """Where ``quote`` (last seen at ``start`` of ``page``) is in ``pages`` ({number: text})."""
    text = pages.get(page)
    if text is not None and text[start : start + len(quote)] == quote:
        return Anchor(page, start, start + len(quote), "in place")
    candidates = [page + step for step in NEIGHBOUR_PAGES if page + step in pages]
    for method, finder in FINDERS:
        for number in candidates:
            found = finder(quote, pages[number], start if number == page else None)
            if found is not None:
                return Anchor(number, found[0], found[1], method, found[2])
    return None


def reanchor_codings(session, codings: list[Coding], pages: dict[int, str]) -> Reanchoring:
    """Re-anchor ``codings`` (of one document) in its ``pages``."""
    outcome = Reanchoring()
    for coding in codings:
        anchor = find_anchor(coding.quote, coding.page, coding.char_start, pages)
        if anchor is None:
            outcome.lost.append(coding.id)
            continue
        if anchor.method == "in place":
            outcome.in_place += 1
            continue
        coding.page, coding.char_start, coding.char_end = anchor.page, anchor.start, anchor.end
        coding.quote = pages[anchor.page][anchor.start : anchor.end]
        outcome.moved[anchor.method] = outcome.moved.get(anchor.method, 0) + 1
    return outcome


def reanchor_report(session, report_id: int) -> Reanchoring:
    """Re-anchor every coded passage of one document, in every project, in ``session``."""
    codings = list(
        session.scalars(select(Coding).where(Coding.report_id == report_id).order_by(Coding.id))
    )
    if not codings:
        return Reanchoring()
    pages = dict(
        session.execute(select(Page.number, Page.text).where(Page.report_id == report_id)).all()
    )
    return reanchor_codings(session, codings, pages)


@on_page_text
def reanchor_after_extraction(session, report: Report) -> None:
    """Ingest's listener: the report's pages were just written."""
    reanchor_report(session, report.id)


def reanchor_all(catalogue: Catalogue) -> Reanchoring:
    """Re-anchor the passages of every coded document (after extractions run without this
    module loaded); safe to run any time."""
    total = Reanchoring()
    with catalogue.session() as session:
        for report_id in session.scalars(select(Coding.report_id).distinct()):
            done = reanchor_report(session, report_id)
            total.in_place += done.in_place
            total.lost += done.lost
            for method, n in done.moved.items():
                total.moved[method] = total.moved.get(method, 0) + n
    return total


def unanchored(catalogue: Catalogue, account: Account, project_id: int) -> list[Excerpt]:
    """The passages ``account`` may see that the stored text no longer holds at their offsets:
    the ones re-anchoring could not find again."""
    return [e for e in project_excerpts(catalogue, account, project_id).excerpts if not e.anchored]
