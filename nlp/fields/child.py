"""The child: pseudonym ("Child A", "Baby M", "Family S4", a first name used as a pseudonym) and
sex (boy/girl words, "his father", pronouns of sentences about the child)."""

from __future__ import annotations

import re
from collections import Counter

from ..decision import LISTING, TEXT, Decision, first
from ..listing import listing_text
from ..textutil import sentences, snippet, squash
from .base import FieldRule

PSEUDONYM = re.compile(
    r"\b(Child|Baby|Infant|Young\s+Person|Family|Sibling|Adolescent|Plentyn|Babi)\s+"
    r"([A-Z]{1,3}\d{0,2}|[A-Z]\d{1,2})(?![\w'])"
)
_NOT_PSEUDONYM = {
    "CP",
    "CIN",
    "LAC",
    "CPR",
    "SCR",
    "NHS",
    "GP",
    "ICPC",
    "CSE",
    "CCE",
    "UK",
    "IN",
    "A&E",
}
_NAME_PATTERNS = [
    re.compile(
        r"(?i:in\s+respect\s+of|relating\s+to|into\s+the\s+death\s+of|the\s+death\s+of"
        r"|concerning|review\s+concerns|circumstances\s+of|review\s*[:\-–])\s+(?:the\s+)?"
        r"([A-Z][a-z]{2,14})\b(?![ \t]+[A-Z])"
    ),
    re.compile(r"\b([A-Z][a-z]{2,14}),\s+(?:a|an|aged)\s+(?:[\w]+[\s-]){0,3}?(?:old\b|\d)"),
    re.compile(
        r"\b(?:SCR|CSPR|LCSPR|SigCR|CPR|CMR|Review)[ \t]*:?[ \t]+([A-Z][a-z]{2,14})\b"
        r"(?![ \t]+(?:Safeguarding|Child|Children|Local|Council|City|County))"
    ),
]
_MONTH_NAMES = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
}  # fmt: skip
# Capitalised words that are no child's name (crawler.classify adds the topics that follow
# "Child" or "Family" in a link: "Child Protection", "Family Hubs").
NOT_NAME = {
    "Child",
    "Children",
    "Baby",
    "Family",
    "Families",
    "The",
    "This",
    "Executive",
    "Overview",
    "Final",
    "Report",
    "Summary",
    "Learning",
    "Concise",
    "Extended",
    "Serious",
    "Significant",
    "Local",
    "National",
    "Practice",
    "Case",
    "Review",
    "Young",
    "Infant",
    "Publication",
    "Two",
    "Three",
    "Four",
    "Sudden",
    "Safeguarding",
    "Multi",
    "Agency",
    "Action",
    "Terms",
    "Wales",
    "England",
    "Scotland",
    "Northern",
    "Brief",
    "Seven",
    "Press",
    "Briefing",
    "Key",
    "Themes",
    "Thematic",
    "Appendix",
    "Introduction",
    "Background",
    "Panel",
    "Group",  # "the Practice Review Group (PRG)"
    "Team",
    "Meeting",
    "Board",
    "Partnership",
    "Committee",
    "Government",
    "Guidance",
    "Process",
    "Model",
    "Framework",
    "Police",
    "Health",
    "Social",
    "Education",
    "Mother",
    "Father",
    "Parents",
    "He",
    "She",
    "They",
    "Together",
    "Rapid",
    "Initial",
}


def _pseudonym_matches(text: str) -> list[re.Match]:
    return [m for m in PSEUDONYM.finditer(text) if m.group(2) not in _NOT_PSEUDONYM]


def pseudonyms_in(text: str) -> set[str]:
    """Every child's pseudonym ``text`` names ("Child A", "Baby T")."""
    return {squash(m.group(0)) for m in _pseudonym_matches(text)}


def pseudonym_in(text: str, title_zone: bool) -> tuple[str, str, float] | None:
    """(pseudonym, evidence, confidence): "Child A", "Baby M", "Family S4", "Young Person F"."""
    matches = _pseudonym_matches(text)
    if matches:
        if title_zone:
            match = matches[0]
        else:
            counts = Counter(squash(m.group(0)) for m in matches)
            best = counts.most_common(1)[0][0]
            match = next(m for m in matches if squash(m.group(0)) == best)
        return squash(match.group(0)), snippet(text, match.start(), match.end(), 40), 0.85
    for pattern in _NAME_PATTERNS if title_zone else _NAME_PATTERNS[:2]:
        for match in pattern.finditer(text):
            name = match.group(1)
            if name in NOT_NAME or name.lower() in _MONTH_NAMES:
                continue
            # A first name used as a pseudonym recurs; a stray capitalised word does not.
            if title_zone or len(re.findall(rf"\b{name}\b", text)) >= 2:
                return name, snippet(text, match.start(), match.end(), 40), 0.55
    return None


# Adults and relatives: an age or a pronoun next to these is not the child's.
ADULT = re.compile(
    r"\b(?:mother|mum|father|dad|parents?|partner|step-?(?:father|mother)|boyfriend|girlfriend"
    r"|brother|sister|siblings?|half-\w+|cousin|uncle|aunt|grand\w+|man|woman|adult|carer"
    r"|perpetrator|husband|wife|neighbour|friend|sibling)s?\b",
    re.IGNORECASE,
)
_MALE = re.compile(
    r"\b(?:(?:baby|infant|little|young|teenage|[\w-]+-old)\s+)?(?:boy|son)\b|\bbachgen\b"
    r"|\b(?:his)\s+(?:mother|father|mum|dad|parents|carers?|cot|school|siblings?|birth|death)\b",
    re.IGNORECASE,
)
_FEMALE = re.compile(
    r"\b(?:(?:baby|infant|little|young|teenage|[\w-]+-old)\s+)?(?:girl|daughter)\b|\bmerch\b"
    r"|\b(?:her)\s+(?:father|dad|parents|carers?|cot|school|siblings?|birth|death)\b",
    re.IGNORECASE,
)

_MALE_PRONOUN = re.compile(r"\b(?:he|him|his|himself)\b", re.IGNORECASE)
_FEMALE_PRONOUN = re.compile(r"\b(?:she|her|hers|herself)\b", re.IGNORECASE)


def _pronouns_about_child(text: str, pseudonym: str | None) -> tuple[list, list]:
    """He/she pronouns in sentences that name the child and no adult (mother, father, …)."""
    male, female = [], []
    subject = re.compile(
        (re.escape(pseudonym) + "|" if pseudonym else "") + r"\bthe\s+(?:child|baby|infant)\b",
        re.IGNORECASE,
    )
    for sentence in sentences(text):
        if subject.search(sentence) and not ADULT.search(sentence):
            male += list(_MALE_PRONOUN.finditer(sentence))
            female += list(_FEMALE_PRONOUN.finditer(sentence))
    return male, female


def sex_in(text: str, pseudonym: str | None = None) -> tuple[str, str, float] | None:
    """(sex, evidence, confidence) from boy/girl words, "his father"/"her father" phrases (in a
    child's review the child is usually the one whose parents are named) and the pronouns of
    sentences about the child."""
    male = list(_MALE.finditer(text))
    female = list(_FEMALE.finditer(text))
    he, she = _pronouns_about_child(text, pseudonym)
    male_score, female_score = len(male) + len(he), len(female) + len(she)
    if male_score >= 2 * female_score and male_score:
        sex, n, m, matches = "male", male_score, female_score, male or he
    elif female_score >= 2 * male_score and female_score:
        sex, n, m, matches = "female", female_score, male_score, female or she
    else:
        return None
    match = matches[0]
    confidence = 0.75 if n >= 3 and m == 0 else 0.6 if n >= 2 else 0.45
    source_text = text if matches is male or matches is female else match.string
    return sex, snippet(source_text, match.start(), match.end(), 40), confidence


class PseudonymRule(FieldRule):
    field = "child_pseudonym"

    def decide(self, doc, context, decided):
        def found_in(text, source, page, title):
            found = pseudonym_in(text, title)
            return Decision(found[0], source, found[1], page, found[2]) if found else None

        listed = context.get("child_pseudonym")
        return first(
            lambda: (
                Decision(squash(listed), LISTING, f"listing: {listed}", None, 0.9)
                if listed
                else None
            ),
            lambda: found_in(listing_text(context), LISTING, None, True),
            lambda: found_in(doc.title_zone, TEXT, doc.title_page_number, True),
            lambda: found_in(doc.text, TEXT, None, False),
        )


class SexRule(FieldRule):
    """The sex the age phrase gave ("a 3-month-old boy"), else the listing's words, else the
    text's."""

    field = "child_sex"

    def decide(self, doc, context, decided):
        age = decided.get("child_age_years", Decision())
        pseudonym = decided.get("child_pseudonym", Decision()).value

        def found_in(text, source):
            found = sex_in(text, pseudonym)
            if not found:
                return None
            page = doc.page_of_evidence(found[1]) if source == TEXT else None
            return Decision(found[0], source, found[1], page, found[2])

        age_sex = (age.details or {}).get("sex") if isinstance(age.details, dict) else None
        return first(
            lambda: Decision(age_sex, age.source, age.evidence, age.page, 0.8) if age_sex else None,
            lambda: found_in(listing_text(context), LISTING),
            lambda: found_in(doc.text, TEXT),
        )
