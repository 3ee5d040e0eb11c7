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

DATA = Path(__file__).resolve().parent / "data" / "themes.json"
STRONG, WEAK = "strong", "weak"
# Sentences that restate the criteria for holding a review name abuse and neglect in general.
_CRITERIA = re.compile(
    r"known\s+or\s+suspected|abuse\s+(?:and|or|and/or)\s+neglect|neglect\s+(?:and|or)\s+abuse"
    r"|criteria\s+for",
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


@lru_cache(maxsize=1)
def taxonomy() -> tuple[Theme, ...]:
    """The themes, in the order of DESIGN.md."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    return tuple(
        Theme(t["slug"], t["label"], tuple(t["strong"]), tuple(t["phrases"]))
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


def tag_themes(pages: list[str]) -> tuple[list[str], list[dict]]:
    """(theme slugs, evidence) for a document given as page texts.

    A theme is tagged when it has at least one strong phrase and a score (strong phrases 2,
    others 1) of at least 2 in a short text or 4 in a long one. Evidence: up to three
    {"theme", "page", "sentence", "phrase"} per theme, in page order.
    """
    nlp, matcher = pipeline()
    vocab = nlp.vocab.strings
    scores: dict[str, int] = defaultdict(int)
    strong_hits: dict[str, int] = defaultdict(int)
    evidence: dict[str, list[dict]] = defaultdict(list)
    words = 0
    texts = [re.sub(r"-\n(?=[a-z])", "", p or "").replace("\n", " ") for p in pages]
    budget = MAX_CHARS_PER_DOC
    for number, doc in enumerate(nlp.pipe(t[: max(0, budget)] for t in texts), start=1):
        budget -= len(texts[number - 1])
        words += len(doc)
        for match_id, start, end in matcher(doc):
            slug, strength = vocab[match_id].split("|")
            sentence = doc[start].sent
            if _CRITERIA.search(sentence.text):
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
