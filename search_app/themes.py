"""Which of the taxonomy's themes a query names, so reports tagged with that theme rank higher.

A practitioner typing "unsafe sleep" wants the reviews *about* unsafe sleep before those that
mention it once; extraction has already tagged each report with its themes
(``nlp/data/themes.json``), so the query is matched against the themes' labels and strong phrases.
Pure functions; the taxonomy is read once.
"""

from __future__ import annotations

import re
from functools import lru_cache

from nlp import themes as nlp_themes
from nlp.themes import taxonomy

from .named import age_bands_in_query

# Words too general to say which theme is meant.
GENERAL = frozenset(
    "a an and of the in on to for with by or not no child children young person people "
    "baby babies infant review reviews case cases".split()
)
_TOKEN = re.compile(r"[a-z0-9]+")
# A theme about the parents ("Parental substance misuse") is not what a query about a teenager's
# own life names ("16 year old heroin overdose") unless it names a parent too.
PARENTAL = "parental-"
ADOLESCENT_BANDS = frozenset({"11-15", "16-17"})
PARENT_WORDS = nlp_themes.PARENT_WORDS  # (named.PARENT_NOUNS among them)


def tokens(text: str) -> tuple[str, ...]:
    """Lowercased word tokens, a plural 's' dropped (so 'injuries' meets 'injury' loosely)."""
    return tuple(_singular(t) for t in _TOKEN.findall(text.lower()))


def _singular(token: str) -> str:
    if len(token) > 4 and token.endswith("ies"):
        return token[:-3] + "y"
    if len(token) > 3 and token.endswith("s") and not token.endswith("ss"):
        return token[:-1]
    return token


def contains_phrase(sequence: tuple[str, ...], part: tuple[str, ...]) -> bool:
    return bool(part) and any(
        sequence[i : i + len(part)] == part for i in range(len(sequence) - len(part) + 1)
    )


@lru_cache(maxsize=1)
def _themes() -> tuple[tuple[str, tuple[str, ...], tuple[tuple[str, ...], ...]], ...]:
    return tuple(
        (theme.slug, tokens(theme.label), tuple(tokens(p) for p in (theme.label, *theme.strong)))
        for theme in taxonomy()
    )


@lru_cache(maxsize=2048)
def themes_in_query(q: str) -> tuple[str, ...]:
    """Slugs of the themes ``q`` names: it contains the theme's label or one of its strong
    phrases, or its specific words all belong to the theme's label (\"unsafe sleep\")."""
    words = tokens(re.sub(r'(^|\s)-("[^"]*"|\S+)', " ", q))
    specific = {w for w in words if w not in GENERAL}
    found = []
    for slug, label, phrases in _themes():
        if any(contains_phrase(words, phrase) for phrase in phrases) or (
            specific and specific <= set(label)
        ):
            found.append(slug)
    if _about_a_teenager_alone(q, words):
        found = [slug for slug in found if not slug.startswith(PARENTAL)]
    if _about_a_parent_alone(words):
        found = [slug for slug in found if slug not in nlp_themes.ABOUT_THE_CHILD]
    return tuple(found)


def _about_a_parent_alone(words: tuple[str, ...]) -> bool:
    """``q`` names a parent and no child: "parent with learning disability" asks about the
    parent's disability."""
    return bool(PARENT_WORDS & set(words)) and not nlp_themes.CHILD_WORDS & set(words)


def _about_a_teenager_alone(q: str, words: tuple[str, ...]) -> bool:
    """``q`` names the child as a teenager and names no parent."""
    bands = set(age_bands_in_query(q))
    return bool(bands) and bands <= ADOLESCENT_BANDS and not PARENT_WORDS & set(words)
