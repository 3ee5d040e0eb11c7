"""Which review types, nations, years, ages of child and outcomes a query names, so the
metadata answers it too.

"neglect LCSPR 2021" or "Wales child practice review domestic abuse" ask for a kind of review, a
nation or a year as much as for words; the extractor has already decided each report's type,
nation and year, so reports that have them rank higher (a boost, never a filter: a report whose
metadata is wrong or missing is still found by its words). "toddler" asks for a child of one to
four whatever the report calls the child ("a 2-year-old", "aged 26 months"), and "beat the
toddler to death" for a review of a death whether the report says "died" or "fatal". Pure
functions.
"""

from __future__ import annotations

import re

from casereview.vocabulary import NATIONS, REVIEW_TYPES
from index_mappings.documents import age_band
from nlp.fields.age import ages_in

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


def _named(text: str, table) -> list[tuple]:
    """The (name, value) pairs of ``table`` whose names ``text`` contains, in the singular or
    the plural ("serious case reviews", "SCRs"), each span of the text read once, the longest
    name first."""
    found = []
    for name, value in table:
        spaced = [f" {name} ", f" {name}s "]
        if any(form in text for form in spaced):
            found.append((name, value))
            for form in spaced:
                text = text.replace(form, " | ")
    return found


def _names_in(text: str, table) -> list:
    """Values of ``table`` ((name, value) pairs) that ``text`` names (``_named``)."""
    return [value for _name, value in _named(text, table)]


def review_type_names_in_query(q: str) -> tuple[str, ...]:
    """The names of review types ``q`` uses ("child practice review", "scr"), longest first."""
    return tuple(name for name, _codes in _named(_words(q), REVIEW_TYPE_NAMES))


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


# Words for a child's age, as index bands (index_mappings.documents.age_band); an age stated in
# numbers ("15 year old", "aged 7 weeks", "fifteen-year-old") is read as the extractor reads it
# (nlp.fields.age.ages_in) and put in its band.
AGE_WORDS = (
    (("baby", "babies", "newborn", "newborns", "new born", "infant", "infants", "neonate",
      "neonatal", "non mobile", "months old", "month old", "weeks old", "week old"), ("under 1",)),
    (("toddler", "toddlers", "pre school", "preschool", "preschooler"), ("1-4",)),
    (("primary school child", "primary school age"), ("5-10",)),
    (("teen", "teens", "teenager", "teenagers", "teenage", "adolescent", "adolescents",
      "adolescence", "young person", "young people"), ("11-15", "16-17")),
)  # fmt: skip
# Words that say the child died, and words that say the child was harmed (casereview
# vocabulary OUTCOMES); not "suicide", which a query about a suicidal teenager names too.
OUTCOME_WORDS = (
    (("died", "dies", "death", "deaths", "dead", "killed", "killing", "murder", "murdered",
      "manslaughter", "homicide", "fatal", "fatally", "drowned", "suffocated", "filicide",
      "infanticide", "took her own life", "took his own life", "took their own life"), "death"),
    (("injured", "injury", "injuries", "fracture", "fractures", "fractured", "bruise",
      "bruises", "bruising", "burns", "scalded", "harmed", "brain injury"), "serious harm"),
)  # fmt: skip


def _phrase_in(text: str, phrases) -> bool:
    return any(f" {phrase} " in text for phrase in phrases)


# "Baby P", "baby t", "Baby KH": a child's pseudonym, which names no age (Baby P was 17 months).
_BABY_NAMED = re.compile(r"\b(?i:baby)\s+(?:[A-Za-z]|[A-Z]{2,3})\d*\b")


# Words for a parent, in the singular (a query's "mums" and "parents" too).
PARENT_NOUNS = ("mum", "mother", "mom", "dad", "father", "parent")
# "teenage mum", "teen parents", "teenage pregnancy": the age of a parent, not of the child.
_PARENTS_AGE = re.compile(
    rf"\b(?:teen|teens|teenage|teenaged|adolescent)\s+(?:(?:{'|'.join(PARENT_NOUNS)})s?"
    r"|couples?|pregnanc(?:y|ies)|girlfriend|boyfriend)\b",
    re.IGNORECASE,
)


def age_bands_in_query(q: str) -> tuple[str, ...]:
    """Age bands of the child that ``q`` names ("toddler", "15 year old", "teenage"); not a
    parent's ("teenage mum")."""
    text = _words(_PARENTS_AGE.sub(" ", _BABY_NAMED.sub(" ", q)))
    bands = {band for words, named in AGE_WORDS if _phrase_in(text, words) for band in named}
    bands.update(age_band(age[1]) for age in ages_in(text))
    return tuple(sorted(bands))


def outcomes_in_query(q: str) -> tuple[str, ...]:
    """Outcomes (a death, serious harm) that ``q`` names."""
    text = _words(q)
    return tuple(outcome for words, outcome in OUTCOME_WORDS if _phrase_in(text, words))
