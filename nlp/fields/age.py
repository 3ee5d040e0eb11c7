"""The child's age as the text states it ("aged 7 weeks", "a twelve week old baby", "16-month-old",
"25 months", "2 years and 1 month"), or from a birth date and a death or injury date.

The catalogue keeps years (``child_age_years``); the decision's details keep the age in days or
months with its unit and a display form as a person writes it ("7 weeks", "2 years"), never
"0.13" or "16.0".
"""

from __future__ import annotations

import re
from datetime import date as calendar_date

from ..dates import find_dates
from ..decision import LISTING, TEXT, Decision
from ..listing import listing_text
from ..textutil import snippet, to_number
from .base import FieldRule
from .child import ADULT, PSEUDONYM

_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    "|sixteen|seventeen|eighteen|nineteen|twenty(?:[\\s-](?:one|two|three|four|five|six|seven"
    "|eight|nine))?"
)


def _num(name: str) -> str:
    return rf"(?P<{name}>\d{{1,2}}(?:\.\d)?|{_NUMBER_WORDS})"


def _unit(name: str) -> str:
    return rf"(?P<{name}>day|week|month|year|yr|wythnos|mis|diwrnod|[mbf]lwydd|blynedd)s?"


# Welsh numbers as ages are written, mutated after the words before them ("plentyn pump oed",
# "ei hanner-brawd dwyflwydd", "naw mis oed"); read only before "oed" (old) or a unit.
WELSH_NUMBERS = {
    "un": 1, "dau": 2, "ddau": 2, "dwy": 2, "ddwy": 2, "tri": 3, "dri": 3, "tair": 3, "dair": 3,
    "teir": 3, "deir": 3, "pedwar": 4, "bedwar": 4, "pedair": 4, "bedair": 4, "pump": 5, "bump": 5,
    "pum": 5, "bum": 5, "chwech": 6, "chwe": 6, "saith": 7, "wyth": 8, "naw": 9, "deg": 10,
    "ddeg": 10, "un ar ddeg": 11, "deuddeg": 12, "ddeuddeg": 12, "tri ar ddeg": 13,
    "pedwar ar ddeg": 14, "pymtheg": 15, "bymtheg": 15, "un ar bymtheg": 16,
    "dau ar bymtheg": 17, "deunaw": 18, "ddeunaw": 18,
}  # fmt: skip
_WELSH_NUMBER = "|".join(sorted(WELSH_NUMBERS, key=len, reverse=True))


_AFTER = r"(?:\s+(?:baby\s+|infant\s+)?(?P<noun>[a-z]+(?:\s+[a-z]+)?))?"
_MORE = rf"(?:,?\s+(?:and\s+)?{_num('num2')}\s+{_unit('unit2')})?"
AGE_PATTERNS = [
    re.compile(rf"\b{_num('num')}[\s-]+{_unit('unit')}[\s-]+old\b{_AFTER}", re.IGNORECASE),
    re.compile(rf"\baged\s+{_num('num')}(?:\s+{_unit('unit')})?{_MORE}{_AFTER}", re.IGNORECASE),
    re.compile(rf"\bat\s+the\s+age\s+of\s+{_num('num')}(?:\s+{_unit('unit')})?{_AFTER}", re.I),
    re.compile(rf"\b{_num('num')}(?:\s+{_unit('unit')})?\s+oed\b{_AFTER}", re.IGNORECASE),
    # Welsh: "pump oed", "naw mis oed", and the years joined to their number, "dwyflwydd"
    re.compile(rf"\b(?P<num>{_WELSH_NUMBER})(?:\s+{_unit('unit')})?\s+oed\b", re.IGNORECASE),
    re.compile(r"\b(?P<num>d?dwy|[td]eir|[bp]edair)(?P<unit>[bf]lwydd)\b", re.IGNORECASE),
    # "when he was 8 months", "she was only 14 years": the pronoun tells the sex too
    re.compile(
        rf"\b(?P<pronoun>he|she)\s+(?:was|is)\s+(?:only\s+|just\s+|nearly\s+|almost\s+|about\s+)?"
        rf"{_num('num')}\s+{_unit('unit')}{_MORE}(?!\s+(?:later|after|before|ago|earlier|into|of)\b)",
        re.IGNORECASE,
    ),
    # "a baby girl of 10 weeks", "a boy of 14 years"
    re.compile(
        rf"\b(?:baby|infant|child|boy|girl|toddler|son|daughter)\s+(?:girl\s+|boy\s+)?of\s+"
        rf"{_num('num')}\s+{_unit('unit')}\b",
        re.IGNORECASE,
    ),
    # "Child D was 25 months", "the baby was only 7 weeks"
    re.compile(
        rf"\b(?:{PSEUDONYM.pattern}|(?i:the\s+(?:child|baby|infant|young\s+person)))\s+(?i:was|is)\s+"
        rf"(?i:(?:only\s+|just\s+|nearly\s+|almost\s+|about\s+|aged\s+)?{_num('num')}\s+"
        rf"{_unit('unit')}{_MORE}(?!\s+(?:later|after|before|ago|earlier|into|of|old)\b))"
    ),
]
_UNIT_YEARS = {
    "day": 1 / 365.25, "week": 7 / 365.25, "month": 1 / 12, "year": 1.0, "yr": 1.0,
    "diwrnod": 1 / 365.25, "wythnos": 7 / 365.25, "mis": 1 / 12, "mlwydd": 1.0, "blwydd": 1.0,
    "flwydd": 1.0, "blynedd": 1.0,
}  # fmt: skip
_CHILD_WORD = re.compile(
    r"\b(?:child|baby|infant|boy|girl|son|daughter|young\s+person|toddler|teenager|newborn"
    r"|subject|he|she|plentyn|babi|bachgen|merch)\b",
    re.IGNORECASE,
)
MALE_NOUNS = {"boy", "son", "male", "man", "bachgen"}
FEMALE_NOUNS = {"girl", "daughter", "female", "woman", "merch"}


def _age_value(match: re.Match) -> tuple[float, str, float] | None:
    """(years, display, days) of an age phrase; a number without a unit is in years."""
    groups = match.groupdict()
    written = (groups.get("num") or "").lower()
    number = to_number(written) if written else None
    if number is None and written in WELSH_NUMBERS:
        number = float(WELSH_NUMBERS[written])
    if number is None:
        return None
    parts = [(number, (groups.get("unit") or "year").lower())]
    if groups.get("num2") and groups.get("unit2"):
        extra = to_number(groups["num2"])
        if extra is not None:
            parts.append((extra, groups["unit2"].lower()))
    years = sum(n * _UNIT_YEARS[u] for n, u in parts)
    return round(years, 2), display_of_parts(parts), years * _DAYS_PER_YEAR


def ages_in(text: str) -> list[tuple[int, float, str | None, str, float, str, float]]:
    """The child's ages stated in ``text``: (position, years, sex or None, evidence,
    confidence, display, days), skipping ages of parents, siblings and other adults."""
    found = []
    for pattern in AGE_PATTERNS:
        for match in pattern.finditer(text):
            stated = _age_value(match)
            if stated is None or stated[0] > 18:
                continue
            value, display, days = stated
            noun = (match.groupdict().get("noun") or "").lower()
            nouns = noun.split()
            first_noun = nouns[0] if nouns else ""
            young_adult = noun in ("young man", "young woman")  # how reports speak of teenagers
            if first_noun in ("young", "little", "teenage", "baby", "infant") and len(nouns) > 1:
                first_noun = nouns[1]
            if not young_adult and (ADULT.fullmatch(first_noun) or ADULT.match(noun)):
                continue
            before = text[max(0, match.start() - 40) : match.start()]
            clause = re.split(r"[.;\n]|,\s+(?:and|but|while)\b", before)[-1]
            if ADULT.search(clause) and not PSEUDONYM.search(clause):
                continue
            sentence_start = max(
                text.rfind(".", 0, match.start()), text.rfind("\n\n", 0, match.start())
            )
            context = text[sentence_start + 1 : match.end() + 60]
            about_child = bool(PSEUDONYM.search(context) or _CHILD_WORD.search(context))
            pronoun = (match.groupdict().get("pronoun") or "").lower()
            if first_noun in MALE_NOUNS or pronoun == "he":
                sex = "male"
            elif first_noun in FEMALE_NOUNS or pronoun == "she":
                sex = "female"
            else:
                sex = None
            found.append(
                (
                    match.start(),
                    value,
                    sex,
                    snippet(text, match.start(), match.end(), 40),
                    0.8 if about_child else 0.5,
                    display,
                    days,
                )
            )
    return sorted(found, key=lambda f: f[0])


_BORN = re.compile(r"(?:\bborn|date\s+of\s+birth|\bd\.?o\.?b)\W{0,3}(?:on\s+|in\s+)?$", re.I)
_DIED = re.compile(
    r"(?:\bdied|date\s+of\s+death|\bd\.?o\.?d|\binjured|\binjuries|\badmitted)\W{0,3}"
    r"(?:\w+\s+){0,4}?(?:on\s+|in\s+)?$",
    re.I,
)


def age_from_dates(text: str) -> tuple[float, str, int] | None:
    """The child's age from a stated birth date and a death or injury date (both to the day):
    (years, evidence, position)."""
    born = died = None
    for date in find_dates(text):
        if not (date.month and date.day):
            continue
        before = text[max(0, date.start - 40) : date.start]
        if born is None and _BORN.search(before):
            born = date
        elif born is not None and died is None and _DIED.search(before):
            died = date
    if not (born and died):
        return None
    days = (
        calendar_date(died.year, died.month, died.day)
        - calendar_date(born.year, born.month, born.day)
    ).days
    if not 0 <= days <= 18 * 366:
        return None
    evidence = snippet(text, born.start, died.end, 30)
    return round(days / 365.25, 2), evidence, born.start


_UNIT_NAMES = {
    "day": "day", "diwrnod": "day", "week": "week", "wythnos": "week", "month": "month",
    "mis": "month", "year": "year", "yr": "year", "mlwydd": "year", "blwydd": "year",
    "flwydd": "year", "blynedd": "year",
}  # fmt: skip


def _plural(number: float, unit: str) -> str:
    shown = int(number) if float(number).is_integer() else number
    return f"{shown} {unit}{'' if shown == 1 else 's'}"


def display_of_parts(parts: list[tuple[float, str]]) -> str:
    """ "7 weeks", "2 years and 1 month": the age as the text stated it, numbers as digits."""
    return " and ".join(_plural(n, _UNIT_NAMES.get(u, u)) for n, u in parts)


def age_display(years: float | None) -> str | None:
    """An age in years shown as a person writes it: "5 days", "7 weeks", "16 months",
    "2 years" (for ages that were stored in years only)."""
    if years is None:
        return None
    days = round(float(years) * 365.25)
    if days < 14:
        return _plural(max(days, 0), "day")
    if days < 92:
        return _plural(round(days / 7), "week")
    if days < 730:
        return _plural(round(days / 30.44), "month")
    return _plural(int(float(years) + 1e-9), "year")


_DAYS_PER_YEAR = 365.25


def age_details(days: float, display: str, sex: str | None = None) -> dict:
    """The age in days (under three months) or months, its unit and its display form."""
    if days < 92:
        value, unit = round(days), "days"
    else:
        value, unit = round(days / (_DAYS_PER_YEAR / 12), 1), "months"
        value = int(value) if float(value).is_integer() else value
    years = round(days / _DAYS_PER_YEAR, 2)
    return {"value": value, "unit": unit, "display": display, "years": years, "sex": sex}


class AgeRule(FieldRule):
    """The age the listing states, else the text's (the most certain mention), else the
    difference between a birth date and a death or injury date."""

    field = "child_age_years"

    def decide(self, doc, context, decided):
        for text, source, page_of in (
            (listing_text(context), LISTING, lambda _offset: None),
            (doc.text, TEXT, doc.page_of),
        ):
            ages = ages_in(text)
            if ages:
                best = max(ages, key=lambda a: a[4]) if ages[0][4] < 0.8 else ages[0]
                offset, years, sex, evidence, confidence, display, days = best
                return Decision(
                    years, source, evidence, page_of(offset), confidence,
                    details=age_details(days, display, sex),
                )  # fmt: skip
        dated = age_from_dates(doc.text)
        if dated:
            years, evidence, offset = dated
            return Decision(
                years, TEXT, evidence, doc.page_of(offset), 0.7,
                details=age_details(years * _DAYS_PER_YEAR, age_display(years)),
            )  # fmt: skip
        return Decision()
