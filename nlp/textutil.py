"""Small text helpers shared by the extractor's rules: cleaning, noise lines, sentences."""

from __future__ import annotations

import re
import unicodedata

# Mojibake and typographic characters seen in PDFs extracted from Word documents.
_REPLACEMENTS = {
    "\u201e": '"',
    "\u201f": '"',
    "\u201c": '"',
    "\u201d": '"',
    "\u2018": "'",
    "\u2019": "'",
    "\u2013": "-",
    "\u2014": "-",
    "\u2011": "-",
    "\u00a0": " ",
    "\u20ac\u00a6": "...",
    "\u2026": "...",
    "\ufb01": "fi",
    "\ufb02": "fl",
}
_REPLACE_RE = re.compile(
    "|".join(re.escape(k) for k in sorted(_REPLACEMENTS, key=len, reverse=True))
)

# Lines that are page furniture rather than content.
_NOISE_LINE = re.compile(
    r"""^(?:
        \d{1,4}\s*\|\s*P\s*a\s*g\s*e            # "1 | P a g e"
      | (?:page|tudalen)\s+\d+(?:\s+(?:of|o)\s+\d+)?   # "Page 3 of 45"
      | \d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?           # a bare page number, "3/45"
      | [-\u2013\s]*\d{1,4}[-\u2013\s]*             # "- 3 -"
      | (?:official|official[-\s]sensitive|restricted|confidential|protect|draft|draf\s?t)
      | (?:not\s+protectively\s+marked)
    )$""",
    re.IGNORECASE | re.VERBOSE,
)

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(]?[A-Z0-9])")


def clean(text: str | None) -> str:
    """Normalise Unicode, typographic marks and mojibake; never fails."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", str(text))
    text = _REPLACE_RE.sub(lambda m: _REPLACEMENTS[m.group(0)], text)
    text = re.sub(r"[\u200b\ufeff\x00-\x08\x0b\x0c\x0e-\x1f]", "", text)
    # Split ordinals: "3 rd June" -> "3rd June"
    text = re.sub(r"\b(\d{1,2})\s+(st|nd|rd|th)\b", r"\1\2", text)
    return text


def is_noise_line(line: str) -> bool:
    """True for page numbers, protective markings and similar furniture."""
    stripped = line.strip()
    return not stripped or bool(_NOISE_LINE.match(stripped))


def content_lines(page: str) -> list[str]:
    """The page's lines, stripped, without blank lines and furniture."""
    return [line.strip() for line in clean(page).splitlines() if not is_noise_line(line)]


def sentences(text: str) -> list[str]:
    """A cheap sentence split for rules that need a sentence of context."""
    out = []
    for block in re.split(r"\n\s*\n", text):
        flat = re.sub(r"\s*\n\s*", " ", block)
        out.extend(s.strip() for s in _SENTENCE_END.split(flat) if s.strip())
    return out


def squash(text: str) -> str:
    """Whitespace collapsed to single spaces."""
    return re.sub(r"\s+", " ", text).strip()


def snippet(text: str, start: int, end: int, width: int = 80) -> str:
    """The matched span with some context either side, on one line."""
    left = max(0, start - width)
    right = min(len(text), end + width)
    return squash(("…" if left else "") + text[left:right] + ("…" if right < len(text) else ""))


NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
}


def to_number(word: str) -> float | None:
    """ "7", "7.5", "twelve", "twenty-one" -> a number; None if it is not one."""
    word = word.lower().strip()
    try:
        return float(word)
    except ValueError:
        pass
    if word in NUMBER_WORDS:
        return float(NUMBER_WORDS[word])
    parts = re.split(r"[-\s]", word)
    if len(parts) == 2 and parts[0] in NUMBER_WORDS and parts[1] in NUMBER_WORDS:
        return float(NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]])
    return None
