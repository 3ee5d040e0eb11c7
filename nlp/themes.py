"""Themes from the DESIGN.md taxonomy, tagged by a blank spaCy pipeline with phrase rules.

The pipeline is ``spacy.blank("en")`` plus a sentencizer; a PhraseMatcher (attr LOWER) holds the
phrases of ``nlp/data/themes.json``. Both are built once per process.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .glossary import without_glossaries

DATA = Path(__file__).resolve().parent / "data" / "themes.json"
STRONG, WEAK = "strong", "weak"
# Sentences that restate the criteria for holding a review name abuse and neglect in general
# (in Welsh too: "cam-drin neu esgeulustod", "meini prawf").
_CRITERIA = re.compile(
    r"known\s+or\s+suspected|abuse\s+(?:and|or|and/or)\s+neglect|neglect\s+(?:and|or)\s+abuse"
    r"|criteria\s+for|[cg]h?am-drin\s+(?:neu|ac?)\s+(?:h?esgeul\w*)|meini\s+prawf",
    re.IGNORECASE,
)
EVIDENCE_PER_THEME = 3
MAX_CHARS_PER_DOC = 600_000


@dataclass(frozen=True)
class Theme:
    slug: str
    label: str
    strong: tuple[str, ...]
    phrases: tuple[str, ...]


# Welsh initial mutations: the first letters of a word change after some words ("o gam-drin",
# "a cham-drin", "fy nghamdriniaeth"); a vowel takes an h after "ei" (her), "eu", "ein".
_MUTATIONS = (
    {"p": "b", "t": "d", "c": "g", "b": "f", "d": "dd", "g": "", "m": "f", "ll": "l", "rh": "r"},
    {"p": "mh", "t": "nh", "c": "ngh", "b": "m", "d": "n", "g": "ng"},
    {"p": "ph", "t": "th", "c": "ch"},
)


# Digraphs that do not mutate.
_FIXED = ("ch", "ph", "th", "ff", "ng")


def welsh_forms(phrase: str) -> list[str]:
    """The phrase and its mutated forms (the first word's first letters changed)."""
    forms = [phrase]
    lower = phrase.lower()
    if lower[:1] in tuple("aeiouwy"):
        forms.append("h" + phrase)
    if not lower.startswith(_FIXED):
        for mutation in _MUTATIONS:
            radicals = sorted(mutation, key=len, reverse=True)
            radical = next((r for r in radicals if lower.startswith(r)), None)
            if radical is not None:
                forms.append(mutation[radical] + phrase[len(radical) :])
    return list(dict.fromkeys(f for f in forms if f[:1].isalpha()))


def _with_welsh(english: list[str], welsh: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys([*english, *(f for w in welsh for f in welsh_forms(w))]))


@lru_cache(maxsize=1)
def taxonomy() -> tuple[Theme, ...]:
    """The themes, in the order of DESIGN.md, with their Welsh terms in every mutated form."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    return tuple(
        Theme(
            t["slug"],
            t["label"],
            _with_welsh(t["strong"], t.get("cy_strong", [])),
            _with_welsh(t["phrases"], t.get("cy_phrases", [])),
        )
        for t in data["themes"]
    )


def theme_slug(name: str | None) -> str | None:
    """The slug for a theme given as slug or label (any case); None if unknown."""
    if not name:
        return None
    wanted = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    for theme in taxonomy():
        if wanted in (theme.slug, re.sub(r"[^a-z0-9]+", "-", theme.label.lower()).strip("-")):
            return theme.slug
    return None


def theme_label(slug: str) -> str:
    """The readable label of a theme slug (the slug itself if unknown)."""
    return next((t.label for t in taxonomy() if t.slug == slug), slug)


@lru_cache(maxsize=1)
def pipeline():
    """(nlp, matcher): the spaCy objects, built on first use and kept."""
    import spacy
    from spacy.matcher import PhraseMatcher

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = MAX_CHARS_PER_DOC + 1000
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for theme in taxonomy():
        matcher.add(f"{theme.slug}|{STRONG}", list(nlp.tokenizer.pipe(theme.strong)))
        matcher.add(f"{theme.slug}|{WEAK}", list(nlp.tokenizer.pipe(theme.phrases)))
    return nlp, matcher


# Themes about the child that a review also says of a parent ("the mother, who has a learning
# disability", "parental learning disability", "a learning disabled parent with complex needs"):
# a phrase that names no child, with a parent the nearest person before it, is the parent's.
ABOUT_THE_CHILD = frozenset({"disabled-children"})
# The words for a parent or another adult of the household, and for the child (the themes a
# query names read them too: search_app.themes).
PARENT_WORDS = frozenset(
    "mother mothers mum mom father fathers dad parent parents parental carer carers stepfather "
    "stepmother stepdad stepmum maternal paternal partner adult adults".split()
)
CHILD_WORDS = frozenset(
    "child children boy boys girl girls son sons daughter daughters baby babies infant infants "
    "toddler toddlers teen teenager teenagers kid kids sibling siblings young".split()
)
PARENT_WINDOW = 6


def _of_a_parent(slug: str, doc, start: int, end: int) -> bool:
    if slug not in ABOUT_THE_CHILD:
        return False
    if CHILD_WORDS & {token.lower_ for token in doc[start:end]}:
        return False
    sentence_start = doc[start].sent.start
    for token in reversed(doc[max(sentence_start, start - PARENT_WINDOW) : start]):
        if token.lower_ in CHILD_WORDS:
            return False  # "the father said the boy had complex needs"
        if token.lower_ in PARENT_WORDS:
            return True
    return False


# A practitioner's supervision is a theme; a child's is the parents' care ("left without adult
# supervision", "neglectful supervision", "supervision of the children"), which is neglect's.
STAFF_SUPERVISION = "supervision-and-workload"
CHILD_SUPERVISION_BEFORE = frozenset(
    "adult parental parent parents neglectful inadequate unsafe constant supervisory".split()
)
DETERMINERS = frozenset("the a his her their its".split())


def supervision_of_a_child(words: list[str], start: int, end: int) -> bool:
    """``words[start:end]`` (a match of "supervision") is a child's: a word before it says so
    ("adult supervision") or a child follows it ("supervision of the baby"). Without either it
    stays a practitioner's ("Supervision did not challenge the plan for the baby")."""
    if start and words[start - 1] in CHILD_SUPERVISION_BEFORE:
        return True
    after = [w for w in words[end : end + 3] if w not in DETERMINERS]
    return len(after) >= 2 and after[0] == "of" and after[1] in CHILD_WORDS


def _said_of_someone_else(slug: str, doc, start: int, end: int) -> bool:
    """A theme's phrase said of a parent (a child's theme) or of a child (a practitioner's)."""
    if slug == STAFF_SUPERVISION:
        first = max(0, start - 1)  # the word before and the three after are all the rule reads
        words = [t.lower_ for t in doc[first : end + 3]]
        return supervision_of_a_child(words, start - first, end - first)
    return _of_a_parent(slug, doc, start, end)


def tag_themes(pages: list[str]) -> tuple[list[str], list[dict]]:
    """(theme slugs, evidence) for a document given as page texts.

    A theme is tagged when it has at least one strong phrase and a score (strong phrases 2,
    others 1) of at least 2 in a short text or 4 in a long one. Evidence: up to three
    {"theme", "page", "sentence", "phrase"} per theme, in page order. Glossaries and definition
    lines are no evidence.
    """
    nlp, matcher = pipeline()
    vocab = nlp.vocab.strings
    scores: dict[str, int] = defaultdict(int)
    strong_hits: dict[str, int] = defaultdict(int)
    evidence: dict[str, list[dict]] = defaultdict(list)
    words = 0
    texts = [
        re.sub(r"-\n(?=[a-z])", "", p or "").replace("\n", " ") for p in without_glossaries(pages)
    ]
    budget = MAX_CHARS_PER_DOC
    for number, doc in enumerate(nlp.pipe(t[: max(0, budget)] for t in texts), start=1):
        budget -= len(texts[number - 1])
        words += len(doc)
        for match_id, start, end in matcher(doc):
            slug, strength = vocab[match_id].split("|")
            sentence = doc[start].sent
            if _CRITERIA.search(sentence.text) or _said_of_someone_else(slug, doc, start, end):
                continue
            scores[slug] += 2 if strength == STRONG else 1
            strong_hits[slug] += strength == STRONG
            if len(evidence[slug]) < EVIDENCE_PER_THEME and not any(
                e["sentence"] == sentence.text.strip() for e in evidence[slug]
            ):
                evidence[slug].append(
                    {
                        "theme": slug,
                        "page": number,
                        "sentence": sentence.text.strip()[:500],
                        "phrase": doc[start:end].text,
                    }
                )
    threshold = 2 if words < 2500 else 4
    tagged = [t.slug for t in taxonomy() if strong_hits[t.slug] and scores[t.slug] >= threshold]
    return tagged, [e for slug in tagged for e in evidence[slug]]


def themes_in_keywords(text: str) -> list[str]:
    """Themes a short, chosen text names by any of their phrases: a publisher's keyword list
    ("Keywords: domestic abuse, voice of the child"), where words are chosen, not incidental, or
    one recommendation (``nlp.clusters``)."""
    if not text:
        return []
    nlp, matcher = pipeline()
    doc = nlp.make_doc(text)
    found = {nlp.vocab.strings[match_id].split("|")[0] for match_id, _s, _e in matcher(doc)}
    return [t.slug for t in taxonomy() if t.slug in found]
