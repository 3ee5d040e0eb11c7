"""What a publisher's listing says about a document, read with nlp's own rules.

Dates, review codes, document roles and children's pseudonyms have one home each in ``nlp``;
this module is the crawler's only door to them, adapted to short listing texts (a link text, a
heading, a table row), plus two small text helpers.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, unquote, urlsplit

from nlp.codes import find_review_code
from nlp.dates import MONTHS
from nlp.dates import parse_date as _parse_date
from nlp.fields.child import pseudonym_in
from nlp.fields.role import role_in

# A bare "Report" or "Read the report" names the review's report; nlp's roles need a qualifier
# ("final report", "overview report") because in a document's text "report" says little.
_PLAIN_REPORT = re.compile(r"\breport\b|\badroddiad\b", re.IGNORECASE)


def parse_date(text: str | None) -> str | None:
    """The first date written in ``text`` as ISO: ``2019-03-14``, ``2024-08`` or ``2019``."""
    found = _parse_date(text)
    return found.iso() if found else None


def review_code(text: str | None) -> str | None:
    """A publisher's review code in ``text`` ("CPR FLINT 2", "CYSUR 4 2019", "ZDS22"), with
    single spaces, as written."""
    found = find_review_code(text or "")
    return " ".join(found[0].split()) if found else None


# "Summary report" is how many listings name a review's executive summary.
_SUMMARY_REPORT = re.compile(r"\bsummary\s+report\b", re.IGNORECASE)


def specific_role(text: str) -> str | None:
    """A review document's role named in ``text`` ("executive summary"), not a bare "report"."""
    if _SUMMARY_REPORT.search(text):
        return "executive summary"
    found = role_in(text)
    return found[0] if found else None


def find_role(text: str | None) -> str | None:
    """The document's role as a listing names it ("7 Minute Briefing", "Read the overview
    report", "CPR Report"), or None."""
    return role_among(text)


def role_among(*texts: str | None) -> str | None:
    """The document's role from several texts, nearest first: a specific role named in any of
    them (an "executive summary" in the file name or the item) wins over a generic "Read the
    report" in the link, which only says that the document is a report."""
    for text in texts:
        if found := specific_role(text or ""):
            return found
    return next(("final report" for text in texts if _PLAIN_REPORT.search(text or "")), None)


def find_pseudonym(text: str | None) -> str | None:
    """An anonymised name such as "Child A", "Baby M" or "Family S4" in ``text``."""
    found = pseudonym_in(text or "", True)
    return found[0] if found else None


# Parameters that carry a download's file name when the path names a script or a folder:
# Phoca's "3-case-reviews?download=66:ellis-lcspr-overview-report", Wix's "?dn=Report.docx".
_NAME_PARAMETERS = ("download", "dn", "filename", "file", "name")
# A name of words, not a number or a hash ("9ABFAF0606AC72DD…").
_WORDY = re.compile(r"[g-z]|[a-z]{2,}[-_ ][a-z]{2,}", re.IGNORECASE)


def _name_in_query(query: str) -> str | None:
    for key, value in parse_qsl(query):
        if key.lower() in _NAME_PARAMETERS:
            value = re.sub(r"^\d+:", "", value).rsplit("/", 1)[-1]
            if _WORDY.search(value):
                return value
    return None


def file_words(url: str) -> str:
    """The words of a URL's file name ("CPR-FLINT-2_Final%20Report.pdf" → "CPR FLINT 2 Final
    Report"), or of the name its query gives a download."""
    parts = urlsplit(url)
    name = _name_in_query(parts.query) or unquote(parts.path.rstrip("/").rsplit("/", 1)[-1])
    name = re.sub(
        r"\.(?:pdf|docx?|odt|rtf|pptx?|odp|xlsx?|ods|zip|html?|aspx?|php)$",
        "",
        name,
        flags=re.IGNORECASE,
    )
    return clean(re.sub(r"[-_+.]+", " ", name))


# What a button or a bare link says that names no document: "Download", "click here", "Read the
# full report (PDF, 1.2MB)", "Word version", "Find out more". The name is in the text around it.
_BUTTON_WORDS = re.compile(
    r"\b(?:click|here|this|link|read|more|find|out|view|open|see|save|download|the|full|it"
    r"|report|document|file|pdf|docx?|odt|rtf|zip|word|version|accessible|kb|mb|bytes?|pages?"
    # ... and in Welsh: "Lawrlwytho", "Darllen mwy", "Cliciwch yma", "Gweld y fersiwn llawn"
    r"|lawrlwytho|llwytho\s+i\s+lawr|darllen|mwy|cliciwch|yma|gweld|agor|fersiwn|llawn|y|yr"
    # ... and when it was put up, or the version ("Published 05/09/2023", "easy read")
    r"|published|posted|updated|added|uploaded|on|easy|large|print"
    rf"|{'|'.join(sorted(MONTHS, key=len, reverse=True))}"
    r"|[\d.,]+\s*(?:kb|mb|gb)|[\d.,]+)\b",  # "1.2MB" too
    re.IGNORECASE,
)


def names_nothing(text: str | None) -> bool:
    """Whether ``text`` says only what a button says (or nothing)."""
    return not re.search(r"\w", _BUTTON_WORDS.sub(" ", text or ""))


def clean(text: str | None) -> str:
    """Whitespace collapsed, ends stripped."""
    return " ".join((text or "").split())


def compact(context: dict) -> dict:
    """The context without empty values."""
    return {key: value for key, value in context.items() if value not in (None, "", [], {})}
