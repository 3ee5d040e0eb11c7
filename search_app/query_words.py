"""A query's words as the query-side vocabularies (themes, related wording) compare them."""

from __future__ import annotations

import re

_TOKEN = re.compile(r"[a-z0-9]+")


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
