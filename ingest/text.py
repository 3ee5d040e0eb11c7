"""Cleaning of extracted page text: pure functions, no I/O.

Running headers and footers are found across pages (a line repeated at the top or bottom of many
pages), page numbers and protective markings by pattern; hyphenated line ends are joined and odd
Unicode (ligatures, curly quotes, mojibake) is normalised.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from nlp.textutil import repair

# How many lines at the top and at the bottom of a page may be running headers or footers.
EDGE_LINES = 3

_PAGE_NUMBER = re.compile(
    r"""^\s*(?:
        (?:page|tudalen)\s*\d+(?:\s*(?:of|o)\s*\d+)?      # Page 3, Page 3 of 45, Tudalen 3 o 45
      | \d+\s*\|\s*p\s?a\s?g\s?e                          # 1 | P a g e
      | p\s?a\s?g\s?e\s*\|\s*\d+                          # Page | 1
      | [-–—]?\s*\d{1,3}\s*[-–—]?                         # 3, - 3 -
      | \d+\s*/\s*\d+                                     # 3/45
      | [ivxlc]{1,6}                                      # roman numerals of front matter
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_DIGITS = re.compile(r"\d+")
_ODD_SPACES = str.maketrans(dict.fromkeys("\t\x0b\x0c\x1c\x1d\x1e\x1f\x85", " "))
_HYPHENS = ("-", "\u2010")
_MARKING_WORDS = ("official", "protect", "restricted", "confidential", "swyddogol")
_QUOTES = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"'}
)


def _collapse(text: str, pair: str, single: str) -> str:
    while pair in text:
        text = text.replace(pair, single)
    return text


def normalise(text: str) -> str:
    """Unicode repaired and folded: mojibake and characters that are not text repaired
    (``nlp.textutil.repair``), ligatures and compatibility forms folded (NFKC), curly quotes
    made straight, odd spaces made plain."""
    # str methods rather than regular expressions where they do: this runs on every page.
    text = repair(text.replace("\r\n", "\n").replace("\r", "\n"))
    text = unicodedata.normalize("NFKC", text)
    text = _collapse(text.translate(_QUOTES).translate(_ODD_SPACES), "  ", " ")
    return text.replace(" \n", "\n").replace("\n ", "\n").strip(" ")


def join_hyphenated(text: str) -> str:
    """Join words broken across lines with a hyphen ("safe-\\nguarding" -> "safeguarding")
    when the next line goes on in lower case; soft hyphens go."""
    if "\u00ad" in text:
        text = text.replace("\u00ad\n", "").replace("\u00ad", "")
    for hyphen in _HYPHENS:
        if hyphen + "\n" not in text:
            continue
        parts = text.split(hyphen + "\n")
        out = [parts[0]]
        for part in parts[1:]:
            joined = out[-1][-1:].isalnum() and part[:1].islower()
            out.append(part if joined else hyphen + "\n" + part)
        text = "".join(out)
    return text


def _key(line: str) -> str:
    """What two running headers have in common: the words, without their page numbers."""
    return _DIGITS.sub("#", line.strip().lower())


def _is_page_number(line: str) -> bool:
    return bool(_PAGE_NUMBER.match(line))


def _edges(lines: list[str]) -> list[tuple[int, int]]:
    """(index, rank) of the first and last EDGE_LINES lines of a page that hold text other than
    a page number: rank 0, 1, 2 from the top, -1, -2, -3 from the bottom."""
    filled = [i for i, line in enumerate(lines) if line.strip() and not _is_page_number(line)]
    top = [(i, rank) for rank, i in enumerate(filled[:EDGE_LINES])]
    bottom = [(i, -1 - rank) for rank, i in enumerate(filled[::-1][:EDGE_LINES])]
    return top + bottom


def running_lines(pages: list[list[str]], min_share: float = 0.5) -> set[tuple[int, str]]:
    """(rank, key) of lines that repeat at the same place at the top or bottom of at least
    ``min_share`` of the pages (and of at least three): running headers and footers."""
    if len(pages) < 3:
        return set()
    counts = Counter()
    for lines in pages:
        counts.update({(rank, _key(lines[i])) for i, rank in _edges(lines)})
    needed = max(3, int(len(pages) * min_share + 0.999))
    return {key for key, count in counts.items() if count >= needed and key[1]}


_MARKING_LINES = re.compile(
    r"^[ \t]*(?:official(?:[ \t-]*sensitive)?|not[ \t]+protectively[ \t]+marked|protect|"
    r"restricted|confidential|swyddogol(?:[ \t-]*sensitif)?)[ \t]*$\n?",
    re.IGNORECASE | re.MULTILINE,
)


def strip_furniture(pages: list[list[str]]) -> tuple[list[list[str]], list[str]]:
    """Pages without running headers, footers and page numbers at their edges, and the running
    lines taken off them, each once, as first printed (a report's date is sometimes only there)."""
    repeated = running_lines(pages)
    cleaned, running, seen = [], [], set()
    for lines in pages:
        furniture = {
            i: key for i, rank in _edges(lines) if (key := (rank, _key(lines[i]))) in repeated
        }
        for i, key in sorted(furniture.items()):
            if key not in seen:
                seen.add(key)
                running.append(lines[i].strip())
        drop = set(furniture) | _edge_page_numbers(lines)
        cleaned.append([line for i, line in enumerate(lines) if i not in drop] if drop else lines)
    return cleaned, running


def _edge_page_numbers(lines: list[str]) -> set[int]:
    """Indexes of page-number lines among the first and last lines of a page."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    edge = filled[:EDGE_LINES] + filled[-EDGE_LINES:]
    return {i for i in edge if _is_page_number(lines[i])}


def clean_pages(raw_pages: list[str]) -> list[str]:
    """The text of each page, cleaned: normalised, protective markings, running headers,
    footers and page numbers removed, hyphenation joined."""
    return clean_document(raw_pages)[0]


def clean_document(raw_pages: list[str]) -> tuple[list[str], list[str]]:
    """The cleaned text of each page (as ``clean_pages``) and the running headers and footers
    taken off them, each once."""
    pages = [_strip_markings(normalise(text)).split("\n") for text in raw_pages]
    stripped, running = strip_furniture(pages)
    cleaned = [
        _collapse(join_hyphenated("\n".join(lines)), "\n\n\n", "\n\n").strip() for lines in stripped
    ]
    return cleaned, running


def _strip_markings(text: str) -> str:
    lowered = text.lower()
    if any(word in lowered for word in _MARKING_WORDS):
        return _MARKING_LINES.sub("", text)
    return text
