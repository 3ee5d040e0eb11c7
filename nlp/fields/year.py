"""Year and publication date. The order of trust is in ``nlp.dates`` (an explicit publication
statement, the NSPCC cover sheet, a dated final title page, the Crown copyright year, a board's
notice date); this module weighs the text's statements against the listing's date and the file's
own dates."""

from __future__ import annotations

import re

from ..dates import latest_plausible_year, parse_date, publication_dates
from ..decision import FILE, LISTING, TEXT, Decision
from ..document import Document
from ..listing import nspcc_heading
from .base import FieldRule

_NOTICE = re.compile(r"\b(?:updated|added|posted|modified|uploaded|last\s+reviewed)\b", re.I)


def _date_decisions(date, source, evidence, page, confidence) -> tuple[Decision, Decision]:
    return (
        Decision(date.year, source, evidence, page, confidence),
        Decision(date.iso() if date.month else None, source, evidence, page, confidence),
    )


def _from_text(candidate, confidence=None) -> tuple[Decision, Decision]:
    return _date_decisions(
        candidate.date,
        TEXT,
        f"{candidate.kind}: {candidate.evidence}",
        candidate.page,
        confidence or candidate.confidence,
    )


def decide_dates(doc: Document, context: dict) -> tuple[Decision, Decision]:
    """Year and publication date, in this order: the document's own statement (a publication
    statement, an NSPCC cover sheet, a dated final title page); the listing's publication date,
    never later than a date the document states; the year of an NSPCC listing heading; the
    Crown copyright year; a notice date ("Date added", "Updated on", "posted"); then, marked as
    not stated (confidence below 0.4), the file's creation date or the latest year the text
    mentions."""
    written = str(context.get("date") or "")
    listed = parse_date(written)
    notice = bool(_NOTICE.search(written))
    candidates = _without_a_sites_footer(publication_dates(doc.pages, doc.running_lines))
    statements = [c for c in candidates if c.kind != "notice date"]
    strong = [c for c in statements if c.kind in _OWN_WORD]
    if strong and not (listed and not notice and strong[0].date.year == listed.year):
        return _from_text(strong[0])
    if listed and not notice:
        if statements and statements[0].date.year < listed.year:
            return _from_text(statements[0])  # an archive page posted after the report
        return _from_listing(listed, written, statements)
    heading = nspcc_heading(str(context.get("title") or ""))
    if heading:
        evidence = f"listing heading: {heading['heading']}"
        return Decision(heading["year"], LISTING, evidence, None, 0.8), Decision()
    if statements:
        return _from_text(statements[0])
    if listed:
        if candidates and candidates[0].date.year < listed.year:
            return _from_text(candidates[0])
        latest = latest_plausible_year(doc.pages)
        if latest and listed.year - latest[0] > _ARCHIVE_GAP:
            return _not_stated(doc)
        return _date_decisions(listed, LISTING, f"listing notice date: {written}", None, 0.5)
    if candidates:
        return _from_text(candidates[0])
    return _not_stated(doc)


def _from_listing(listed, written: str, statements) -> tuple[Decision, Decision]:
    """The listing's publication date, with the day the text may give and the listing lacks."""
    year, date = _date_decisions(listed, LISTING, f"listing date: {written}", None, 0.9)
    finer = next((c for c in statements if _refines(listed, c)), None)
    if finer:
        date = Decision(
            finer.date.iso() if finer.date.month else None,
            TEXT,
            f"{finer.kind}: {finer.evidence}",
            finer.page,
            finer.confidence,
        )
    return year, date


# Kinds of statement that date a page itself (a dateline, "Posted on", a paper's meeting).
_PAGE_DATED = ("dateline", "notice date", "meeting paper")


def _without_a_sites_footer(candidates):
    """The candidates without a copyright year later than a day the page itself is dated by
    ("Posted on 3 May 2019 … © Riverside Council 2024"): that is the website's footer, not the
    text's."""
    days = [c.date.year for c in candidates if c.kind in _PAGE_DATED and c.date.day]
    if not days:
        return candidates
    return [c for c in candidates if c.kind != "copyright" or c.date.year <= min(days)]


# The document's own word on its publication (a bare date on a title page is less sure), or a
# debate record's own day.
_OWN_WORD = ("debate record", "publication statement", "date of publication", "dated final report")
# A notice dated this many years after the latest year a document mentions is an archive page
# posted long after the report, not its publication.
_ARCHIVE_GAP = 3


def _refines(listed, candidate) -> bool:
    """Whether a statement in the text is the listing's date told more precisely."""
    same = candidate.date.year == listed.year and listed.month in (None, candidate.date.month)
    return bool(
        same
        and ((candidate.date.day and not listed.day) or (candidate.date.month and not listed.month))
    )


# How the evidence of a year the document does not state begins (the UI says "not stated").
NOT_STATED = "not stated"


def _not_stated(doc: Document) -> tuple[Decision, Decision]:
    """A year the text does not state as its publication: the file's creation date or the
    latest year the text mentions, with a confidence the UI shows as "not stated"."""
    latest = latest_plausible_year(doc.pages)
    for key in ("creation_date", "CreationDate", "created", "modified", "ModDate", "date"):
        stamp = parse_date(
            re.sub(r"^D:(\d{4})(\d\d)(\d\d).*", r"\1-\2-\3", str(doc.file_meta.get(key) or ""))
        )
        if stamp and not (latest and latest[0] > stamp.year):  # not before the events it tells
            evidence = f"{NOT_STATED}; file {key}: {doc.file_meta.get(key)}"
            return Decision(stamp.year, FILE, evidence, None, 0.35), Decision()
    if latest:
        year, page, evidence = latest
        evidence = f"{NOT_STATED}; latest year the text mentions: {evidence}"
        return Decision(year, TEXT, evidence, page, 0.3), Decision()
    return Decision(), Decision()


def _dates(doc: Document, context: dict) -> tuple[Decision, Decision]:
    """The (year, publication date) pair, worked out once per document."""
    if "dates" not in doc.memo:
        doc.memo["dates"] = decide_dates(doc, context)
    return doc.memo["dates"]


class YearRule(FieldRule):
    field = "year"

    def decide(self, doc, context, decided):
        return _dates(doc, context)[0]


class PublicationDateRule(FieldRule):
    field = "publication_date"

    def decide(self, doc, context, decided):
        return _dates(doc, context)[1]
