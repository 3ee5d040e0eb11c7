"""Year and publication date. The order of trust is in ``nlp.dates`` (an explicit publication
statement, the NSPCC cover sheet, a dated final title page, the Crown copyright year, a board's
notice date); this module weighs the text's statements against the listing's date and the file's
own dates."""

from __future__ import annotations

import re

from ..dates import latest_plausible_year, parse_date, publication_dates
from ..decision import FILE, LISTING, TEXT, Decision
from ..document import Document
from .base import FieldRule

_NOTICE = re.compile(r"\b(?:updated|added|posted|modified|uploaded|last\s+reviewed)\b", re.I)


def _date_decisions(date, source, evidence, page, confidence) -> tuple[Decision, Decision]:
    return (
        Decision(date.year, source, evidence, page, confidence),
        Decision(date.iso() if date.month else None, source, evidence, page, confidence),
    )


def decide_dates(doc: Document, context: dict) -> tuple[Decision, Decision]:
    """Year and publication date: a listing's publication date, else the text's best statement,
    else a listing's notice date ("Updated on …"), else the file's creation date, else the latest
    year the text mentions."""
    written = str(context.get("date") or "")
    listed = parse_date(written)
    candidates = publication_dates(doc.pages)
    statements = [c for c in candidates if c.kind != "notice date"]
    if listed and not _NOTICE.search(written):
        year, date = _date_decisions(listed, LISTING, f"listing date: {written}", None, 0.9)
        for c in statements:  # the text may give the day the listing leaves out
            same = c.date.year == listed.year and (listed.month in (None, c.date.month))
            if same and (c.date.day and not listed.day or c.date.month and not listed.month):
                date = Decision(
                    c.date.iso() if c.date.month else None,
                    TEXT,
                    f"{c.kind}: {c.evidence}",
                    c.page,
                    c.confidence,
                )
                break
        return year, date
    if statements:
        best = statements[0]
        return _date_decisions(
            best.date, TEXT, f"{best.kind}: {best.evidence}", best.page, best.confidence
        )
    if listed:
        return _date_decisions(listed, LISTING, f"listing notice date: {written}", None, 0.5)
    if candidates:
        best = candidates[0]
        return _date_decisions(
            best.date, TEXT, f"{best.kind}: {best.evidence}", best.page, best.confidence
        )
    latest = latest_plausible_year(doc.pages)
    for key in ("creation_date", "CreationDate", "created", "modified", "ModDate", "date"):
        stamp = parse_date(
            re.sub(r"^D:(\d{4})(\d\d)(\d\d).*", r"\1-\2-\3", str(doc.file_meta.get(key) or ""))
        )
        if stamp and not (latest and latest[0] > stamp.year):  # not before the events it tells
            return Decision(
                stamp.year, FILE, f"file {key}: {doc.file_meta.get(key)}", None, 0.35
            ), Decision()
    if latest:
        year, page, evidence = latest
        return Decision(
            year, TEXT, f"latest year the text mentions: {evidence}", page, 0.3
        ), Decision()
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
