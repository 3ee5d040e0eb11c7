"""Pure helpers that read what a publisher's listing says: dates, review codes, roles, children."""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})\b")
_DAY_MONTH_YEAR = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH})\s*,?\s+(\d{{4}})\b", re.IGNORECASE
)
_MONTH_YEAR = re.compile(rf"\b({_MONTH})\s+(\d{{4}})\b", re.IGNORECASE)
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_YEAR = re.compile(r"\b(19[89]\d|20\d\d)\b")


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_date(text: str) -> str | None:
    """The first date written in ``text`` as ISO: ``2019-03-14``, ``2024-08`` (month and year
    only) or ``2019`` (year only); None when there is none. Numeric dates are day first (UK)."""
    if not text:
        return None
    if match := _ISO_DATE.search(text):
        if found := _valid(*map(int, match.groups())):
            return found
    if match := _NUMERIC_DATE.search(text):
        day, month, year = (int(g) for g in match.groups())
        year += 2000 if year < 100 else 0
        if found := _valid(year, month, day):
            return found
    if match := _DAY_MONTH_YEAR.search(text):
        if found := _valid(int(match[3]), _month(match[2]), int(match[1])):
            return found
    if match := _MONTH_YEAR.search(text):
        return f"{int(match[2]):04d}-{_month(match[1]):02d}"
    if match := _YEAR.search(text):
        return match[1]
    return None


_CODES = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\bCPR\s+[A-Z]{2,}\s+\d{1,3}(?:/\d{4})?\b",  # CPR FLINT 2, CPR CTMSB 8/2020
        r"\b(?:Gwynedd|Anglesey|Conwy|Denbighshire|Wrexham|Flintshire)\s+E?CPR\s+\d+\b",
        r"\bCYSUR\s+\d{1,3}\s+\d{4}\b",  # CYSUR 4 2019
        r"\bWG\s+S\d+\s+\d{4}\b",  # WG S71 2023
        r"\b(?:CMR|SCR|LCSPR|CSPR|SUSR)\s+\d{1,3}(?:/\d{2,4})?\b",
        r"(?<=\()[A-Z]{2,5}\d{2}(?=\))",  # Derby: Zac (ZDS22)
    )
]


def find_code(text: str) -> str | None:
    """A publisher's review code in ``text`` ("CPR FLINT 2", "CYSUR 4 2019", "ZDS22"), spaced
    as written but with single spaces."""
    for pattern in _CODES:
        if match := pattern.search(text or ""):
            return " ".join(match.group(0).split())
    return None


ROLES = (
    ("7-minute briefing", r"\b(?:7|seven)[\s-]*minute\s+briefing"),
    ("executive summary", r"\bexecutive\s+summary"),
    ("action plan", r"\baction\s+plan"),
    ("terms of reference", r"\bterms\s+of\s+reference"),
    ("press statement", r"\bpress\s+(?:statement|release)|\bmedia\s+statement"),
    ("learning summary", r"\blearning\s+(?:summary|brief|memo|note|briefing)"),
    ("final report", r"\b(?:final|overview|full|cpr|review|scr|lcspr|cspr)?\s*report\b"),
)
_ROLES = [(role, re.compile(pattern, re.IGNORECASE)) for role, pattern in ROLES]


def find_role(text: str) -> str | None:
    """The document's role as a listing names it (link text or title), or None."""
    for role, pattern in _ROLES:
        if pattern.search(text or ""):
            return role
    return None


_PSEUDONYM = re.compile(
    r"\b(?:Child|Baby|Family|Infant|Young Person|Siblings?)\s+[A-Z][A-Za-z]?\d*\b(?![a-z])"
)


def find_pseudonym(text: str) -> str | None:
    """An anonymised name such as "Child A", "Baby M" or "Family S" in ``text``."""
    if match := _PSEUDONYM.search(text or ""):
        return match.group(0)
    return None


def clean(text: str | None) -> str:
    """Whitespace collapsed, ends stripped."""
    return " ".join((text or "").split())


def compact(context: dict) -> dict:
    """The context without empty values."""
    return {key: value for key, value in context.items() if value not in (None, "", [], {})}
