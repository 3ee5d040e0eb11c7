"""Which review types, nations and years a query names, so the metadata answers it too.

"neglect LCSPR 2021" or "Wales child practice review domestic abuse" ask for a kind of review, a
nation or a year as much as for words; the extractor has already decided each report's type,
nation and year, so reports that have them rank higher (a boost, never a filter: a report whose
metadata is wrong or missing is still found by its words). Pure functions.
"""

from __future__ import annotations

import re

from casereview.vocabulary import NATIONS, REVIEW_TYPES

# Names people type for each review type, longest first within the table below so that "child
# safeguarding practice review panel" is the national Panel and not a local review.
REVIEW_TYPE_NAMES = (
    ("child safeguarding practice review panel", ("national-review",)),
    ("local child safeguarding practice review", ("LCSPR",)),
    ("child safeguarding practice review", ("LCSPR",)),
    ("safeguarding practice review", ("LCSPR",)),
    ("single unified safeguarding review", ("SUSR",)),
    ("concise child practice review", ("CPR-concise",)),
    ("extended child practice review", ("CPR-extended",)),
    ("child practice review", ("CPR-concise", "CPR-extended")),
    ("significant case review", ("SigCR",)),
    ("serious case review", ("SCR",)),
    ("case management review", ("CMR",)),
    ("learning review", ("learning-review",)),
    ("national review", ("national-review",)),
    ("lcspr", ("LCSPR",)),
    ("cspr", ("LCSPR",)),
    ("susr", ("SUSR",)),
    ("cpr", ("CPR-concise", "CPR-extended")),
    ("sigcr", ("SigCR",)),
    ("scr", ("SCR",)),
    ("cmr", ("CMR",)),
)
NATION_NAMES = (
    ("northern ireland", "Northern Ireland"),
    ("england", "England"),
    ("wales", "Wales"),
    ("welsh", "Wales"),
    ("cymru", "Wales"),
    ("scotland", "Scotland"),
    ("scottish", "Scotland"),
)
FIRST_YEAR, LAST_YEAR = 1970, 2099
_YEAR = re.compile(r"(?<![\d-])(19[7-9]\d|20\d\d)(?![\d-])")


def _words(q: str) -> str:
    """The query's positive words, lowercased, space-separated and padded; excluded words gone."""
    kept = re.sub(r'(^|\s)-("[^"]*"|\S+)', " ", q.lower())
    return " " + " ".join(re.findall(r"[a-z0-9]+", kept)) + " "


def _names_in(text: str, table) -> list:
    """Values of ``table`` ((name, value) pairs) whose names ``text`` contains, each span of the
    text read once, the longest name first."""
    found = []
    for name, value in table:
        spaced = f" {name} "
        if spaced in text:
            found.append(value)
            text = text.replace(spaced, " | ")
    return found


def review_types_in_query(q: str) -> tuple[str, ...]:
    """Review type codes (casereview.vocabulary.REVIEW_TYPES) named in ``q``."""
    named = {code for codes in _names_in(_words(q), REVIEW_TYPE_NAMES) for code in codes}
    return tuple(code for code in REVIEW_TYPES if code in named)


def nations_in_query(q: str) -> tuple[str, ...]:
    """Nations named in ``q``."""
    named = set(_names_in(_words(q), NATION_NAMES))
    return tuple(nation for nation in NATIONS if nation in named)


def years_in_query(q: str) -> tuple[int, ...]:
    """Publication years named in ``q`` (four digits, not part of a code such as 8/2020-1)."""
    kept = re.sub(r'(^|\s)-("[^"]*"|\S+)', " ", q)
    return tuple(sorted({int(y) for y in _YEAR.findall(kept) if FIRST_YEAR <= int(y) <= LAST_YEAR}))
