"""When an action is due, as a date ("2025-03-31") or a month ("2025-03").

Plans write timescales as months ("March 2025", "Mar-25"), dates ("31/03/2025"), quarters ("Q2
2025": the quarter's last month, calendar quarters), ranges ("Apr – Jul 2025": the end) or not at
all ("Ongoing", "Immediate", "Within 3 months": no date). Each rule finds its spans; the last
one written wins, and of two ending together the longer (the date, not the month inside it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..dates import MONTHS, find_dates

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"


@dataclass(frozen=True)
class Due:
    start: int
    end: int
    value: str


class TimescaleRule:
    """Finds the due dates one way of writing them gives."""

    def find(self, text: str) -> list[Due]:
        raise NotImplementedError


class WrittenDates(TimescaleRule):
    """Dates and months as reports write them anywhere (``nlp.dates``)."""

    def find(self, text: str) -> list[Due]:
        return [Due(d.start, d.end, d.iso()) for d in find_dates(text) if d.month]


class Quarters(TimescaleRule):
    """ "Q2 2025", "Quarter 2 2025/26": the last month of the calendar quarter."""

    pattern = re.compile(r"\b(?:Q|quarter\s*)([1-4])\s*[-/,]?\s*((?:19|20)\d\d)\b", re.IGNORECASE)

    def find(self, text: str) -> list[Due]:
        return [
            Due(m.start(), m.end(), f"{m.group(2)}-{int(m.group(1)) * 3:02d}")
            for m in self.pattern.finditer(text)
        ]


class ShortMonths(TimescaleRule):
    """ "Mar-25", "Mar 25", "March '25": a month with a two-digit year."""

    pattern = re.compile(rf"\b{_MONTH}\s*[-'’ ]\s*'?(?P<year>\d\d)\b(?![/:.]\d)", re.IGNORECASE)

    def find(self, text: str) -> list[Due]:
        return [
            Due(m.start(), m.end(), f"20{m['year']}-{MONTHS[m['month'].lower()]:02d}")
            for m in self.pattern.finditer(text)
        ]


TIMESCALE_RULES: list[TimescaleRule] = [WrittenDates(), Quarters(), ShortMonths()]


def due_of(timescale: str | None) -> str | None:
    """The date or month a timescale cell means; None when it names none."""
    text = " ".join((timescale or "").split())
    found = [due for rule in TIMESCALE_RULES for due in rule.find(text)]
    if not found:
        return None
    return max(found, key=lambda due: (due.end, due.end - due.start)).value
