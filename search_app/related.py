"""The wording reviews use for what a query describes in other words (``related_terms.txt``).

A practitioner types "house in a filthy state"; the report says "poor home conditions". No
synonym joins them (they do not mean the same), so the report is matched by neither the
query's words nor the engine's thesaurus. Each line of the file names such ways of saying
something and the phrases reviews use instead; ``related_phrases`` gives the phrases a query
calls for, and the query builder searches them at a lower weight than the query's own words.
Pure functions; the file is read once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .query_words import contains_phrase, tokens

RELATED_FILE = Path(__file__).with_name("related_terms.txt")
# Other words a trigger may have between two of its words in a query.
GAP = 2


@dataclass(frozen=True)
class RelatedRule:
    """One line of the file: any of ``triggers`` in a query calls for ``phrases``."""

    triggers: tuple[str, ...]
    phrases: tuple[str, ...]

    def said_in(self, words: tuple[str, ...]) -> bool:
        return any(_says(words, _words(trigger)) for trigger in self.triggers)


def _words(text: str) -> tuple[str, ...]:
    """Word tokens with apostrophes dropped, so "didn't" and "mum's" stay one word."""
    return tokens(text.replace("'", "").replace("\u2019", ""))


def _says(words: tuple[str, ...], trigger: tuple[str, ...]) -> bool:
    """``trigger``'s words occur in ``words`` in order, at most GAP other words between two."""
    return any(
        _says_from(words, start, trigger) for start, w in enumerate(words) if w == trigger[0]
    )


def _says_from(words: tuple[str, ...], start: int, trigger: tuple[str, ...]) -> bool:
    position = start
    for word in trigger[1:]:
        window = words[position + 1 : position + 2 + GAP]
        if word not in window:
            return False
        position += 1 + window.index(word)
    return True


def _parts(side: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in side.split(",") if part.strip())


@lru_cache(maxsize=1)
def related_rules() -> tuple[RelatedRule, ...]:
    """The file's lines; a line that is no rule is an error naming it (the file is data that
    people edit, and a bad line must not reach a search)."""
    rules = []
    lines = RELATED_FILE.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        sides = line.split("=>")
        rule = RelatedRule(_parts(sides[0]), _parts(sides[-1])) if len(sides) == 2 else None
        if not (rule and rule.triggers and rule.phrases):
            raise ValueError(f"{RELATED_FILE.name}:{number}: not 'wording, … => phrase, …'")
        rules.append(rule)
    return tuple(rules)


@lru_cache(maxsize=2048)
def related_phrases(q: str) -> tuple[str, ...]:
    """The phrases reviews use for what ``q`` describes, leaving out those ``q`` already has."""
    words = _words(q)
    found: list[str] = []
    for rule in related_rules():
        if rule.said_in(words):
            found += [
                p for p in rule.phrases if p not in found and not contains_phrase(words, _words(p))
            ]
    return tuple(found)
