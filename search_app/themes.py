"""Which of the taxonomy's themes a query names, so reports tagged with that theme rank higher.

A practitioner typing "unsafe sleep" wants the reviews *about* unsafe sleep before those that
mention it once; extraction has already tagged each report with its themes
(``nlp/data/themes.json``), so the query is matched against the themes' labels and strong phrases,
and so is the wording reviews use for what the query describes (``related_terms.txt``: a
practitioner's "filthy house" is the reviews' neglect). Pure functions; the taxonomy is read once.
"""

from __future__ import annotations

import re
from functools import lru_cache

from nlp import themes as nlp_themes
from nlp.themes import taxonomy

from .named import age_bands_in_query
from .query_words import contains_phrase, tokens
from .related import related_phrases

# Words too general to say which theme is meant.
GENERAL = frozenset(
    "a an and of the in on to for with by or not no child children young person people "
    "baby babies infant review reviews case cases".split()
)
# A theme about the parents ("Parental substance misuse") is not what a query about a teenager's
# own life names ("16 year old heroin overdose") unless it names a parent too.
PARENTAL = "parental-"
ADOLESCENT_BANDS = frozenset({"11-15", "16-17"})
PARENT_WORDS = nlp_themes.PARENT_WORDS  # (named.PARENT_NOUNS among them)


@lru_cache(maxsize=1)
def _themes() -> tuple[tuple[str, tuple[str, ...], tuple[tuple[str, ...], ...]], ...]:
    return tuple(
        (theme.slug, tokens(theme.label), tuple(tokens(p) for p in (theme.label, *theme.strong)))
        for theme in taxonomy()
    )


@lru_cache(maxsize=1)
def _theme_words() -> frozenset[str]:
    return frozenset(word for _slug, _label, phrases in _themes() for p in phrases for word in p)


def _as_theme_word(token: str) -> str:
    """``token`` as the taxonomy writes it when only a verb's ending differs: a query's
    "neglected" is the theme's "neglect", "exploited" its "exploit"."""
    if token in _theme_words():
        return token
    for ending in ("ed", "ing", "d"):
        stem = token[: -len(ending)]
        if token.endswith(ending) and len(stem) > 3 and stem in _theme_words():
            return stem
    return token


@lru_cache(maxsize=2048)
def themes_in_query(q: str) -> tuple[str, ...]:
    """Slugs of the themes ``q`` names, in its own words or in the wording reviews use for what
    it describes (related_terms.txt: "filthy house" is about neglect, "dad drinking" about
    parental substance misuse)."""
    words = tuple(_as_theme_word(w) for w in tokens(re.sub(r'(^|\s)-("[^"]*"|\S+)', " ", q)))
    found = _themes_said(words)
    for phrase in related_phrases(q):
        # the phrase itself must be the theme's: "death" (for "killed") is no unsafe sleep
        said = _themes_said(tokens(phrase), by_label_words=False)
        found += [slug for slug in said if slug not in found]
    if _about_a_teenager_alone(q, words):
        found = [slug for slug in found if not slug.startswith(PARENTAL)]
    if _about_a_parent_alone(words):
        found = [slug for slug in found if slug not in nlp_themes.ABOUT_THE_CHILD]
    return tuple(found)


def _a_childs_supervision(words: tuple[str, ...]) -> bool:
    """``q`` speaks of a child's supervision ("neglectful supervision accident fire"), not a
    practitioner's (the tagger's rule: nlp.themes.supervision_of_a_child)."""
    return any(
        nlp_themes.supervision_of_a_child(list(words), i, i + 1)
        for i, word in enumerate(words)
        if word == "supervision"
    )


def _themes_said(words: tuple[str, ...], by_label_words: bool = True) -> list[str]:
    """The themes whose label or one of whose strong phrases ``words`` contain, or (with
    ``by_label_words``) whose label has all of their specific words (\"unsafe sleep\")."""
    specific = {w for w in words if w not in GENERAL} if by_label_words else set()
    return [
        slug
        for slug, label, phrases in _themes()
        if (
            any(contains_phrase(words, phrase) for phrase in phrases)
            or (specific and specific <= set(label))
        )
        # a child's supervision ("neglectful supervision", "adult supervision" for "home
        # alone") is no practitioner's
        and not (slug == nlp_themes.STAFF_SUPERVISION and _a_childs_supervision(words))
    ]


def _about_a_parent_alone(words: tuple[str, ...]) -> bool:
    """``q`` names a parent and no child: "parent with learning disability" asks about the
    parent's disability."""
    return bool(PARENT_WORDS & set(words)) and not nlp_themes.CHILD_WORDS & set(words)


def _about_a_teenager_alone(q: str, words: tuple[str, ...]) -> bool:
    """``q`` names the child as a teenager and names no parent."""
    bands = set(age_bands_in_query(q))
    return bool(bands) and bands <= ADOLESCENT_BANDS and not PARENT_WORDS & set(words)
