"""The shape of the small rules that read a plan's cells: a value and the pattern that gives it."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class PatternRule:
    """Gives ``value`` to a text its ``pattern`` finds (case is ignored)."""

    value: str
    pattern: re.Pattern

    def search(self, text: str) -> re.Match | None:
        return self.pattern.search(text)


def rule(value: str, pattern: str) -> PatternRule:
    return PatternRule(value, re.compile(pattern, re.IGNORECASE))


def first_value(rules: list[PatternRule], text: str) -> str | None:
    """The value of the first rule, in order, that finds something in ``text``."""
    return next((r.value for r in rules if r.search(text)), None)
