"""Glossaries, lists of abbreviations and definition lines: text that explains a term, so it is
no evidence that a review is about what the term names ("MARAC – Multi-Agency Risk Assessment
Conference" says nothing about domestic abuse in the case)."""

from __future__ import annotations

import re

GLOSSARY_HEADING = re.compile(
    r"^(?:(?:appendix|annex|atodiad)\s+\w{1,3}\s*[:.\-–—]?\s*|\d{1,2}(?:\.\d{1,2})*\.?\s+)?"
    r"(?:glossary(?:\s+of\s+(?:terms|abbreviations|acronyms))?"
    r"|(?:list\s+of\s+|table\s+of\s+)?(?:abbreviations|acronyms)(?:\s+(?:and|&)\s+"
    r"(?:acronyms|abbreviations|terms|definitions))?(?:\s+used(?:\s+in\s+this\s+report)?)?"
    r"|(?:key\s+)?terms\s+used(?:\s+in\s+this\s+report)?|key\s+terms|terminology|definitions"
    r"|(?:list\s+of\s+)?terms(?:\s+and\s+definitions)?"
    r"|geirfa|byrfoddau|acronymau|rhestr\s+(?:o\s+)?(?:dermau|termau|fyrfoddau|byrfoddau)"
    r"|termau(?:\s+a\s+ddefnyddir)?)\s*:?$",
    re.IGNORECASE,
)
# Headings that end a glossary: the report goes on.
_SECTION_HEADING = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2})*\.?\s+[A-Z]\w+|(?:appendix|annex|atodiad)\b"
    r"|(?:executive\s+)?summary\b|introduction\b|background\b|foreword\b|contents\b"
    r"|methodology\b|terms\s+of\s+reference\b|findings\b|recommendations?\b|learning\b"
    r"|conclusions?\b|references\b|bibliography\b|acknowledg|chronology\b|analysis\b"
    r"|the\s+review\b|cyflwyniad\b|cefndir\b|crynodeb\b|argymhellion\b|dysgu\b)",
    re.IGNORECASE,
)
# "MARAC – Multi-Agency …", "DA/DV: Domestic Abuse/Domestic Violence", "CAMHS | Child and …",
# "IDVA Independent Domestic Violence Advocate".
_ACRONYM_LINE = re.compile(
    r"^(?P<term>[A-Z][A-Za-z0-9&/.'’]{0,11}[A-Za-z0-9])(?:\s*\((?P<plural>[a-z]{1,2})\))?"
    r"(?P<sep>\s*[–—:=|]\s*|\s+-\s+|\t+|\s{2,}|\s+)(?P<expansion>[A-Z(‘'\"].*)$"
)
# "Multi-Agency Risk Assessment Conference (MARAC)" alone on its line, maybe with a gloss.
_EXPANSION_FIRST = re.compile(
    r"^(?P<expansion>[A-Z][\w'’\-]*(?:\s+[\w'’\-&]+){1,9})\s*\((?P<term>[A-Z][A-Za-z&/]{1,11})\)"
    r"\s*(?:[–—:\-|]\s*.*)?$"
)
# "MARAC: The case was heard in June" is a sentence about MARAC, not a definition of it.
_SMALL_WORDS = {"and", "of", "the", "for", "in", "on", "to", "a", "an", "&"}
_PROSE_OPENERS = {"the", "a", "an", "this", "that", "it", "she", "he", "they", "on", "in", "at"}


def _initials(expansion: str) -> list[str]:
    words = re.split(r"[\s\-/]+", re.sub(r"[()‘'\"]", " ", expansion))
    return [w[0].upper() for w in words if w and w[0].isalpha()]


def _letters_follow(term: str, expansion: str) -> bool:
    """The capitals of ``term`` are the initials of ``expansion``'s first words, in order
    (small words such as "and" may be skipped, or counted: CAMHS, CLA)."""
    capitals = [c for c in term if c.isupper()]
    initials = _initials(expansion)[: len(capitals) + 4]
    if len(capitals) < 2 or not initials or initials[0] != capitals[0]:
        return False
    position = 0
    for capital in capitals:
        while position < len(initials) and initials[position] != capital:
            position += 1
        if position == len(initials):
            return False
        position += 1
    return True


def is_definition_line(line: str) -> bool:
    """True for a line that defines an abbreviation: the term, then what it stands for."""
    line = line.strip()
    if not line or len(line) > 400:
        return False
    match = _ACRONYM_LINE.match(line)
    if match:
        term, separator = match.group("term"), match.group("sep").strip()
        capitals = sum(c.isupper() for c in term)
        if capitals >= 2 and capitals >= len(re.sub(r"[^A-Za-z]", "", term)) - 1:
            if _letters_follow(term, match.group("expansion")) and line.count("|") <= 1:
                return True
            # An explicit separator after an acronym: "CE – Child Exploitation, a term for …".
            # (Not a table's cell: "CSC | Home visit | Neglect noted" is a chronology row.)
            expansion = match.group("expansion").split()
            named = [w for w in expansion[:3] if w.lower() not in _SMALL_WORDS][:2]
            if (
                separator in ("–", "—", ":", "=")
                and expansion[0].lower() not in _PROSE_OPENERS
                and len(named) == 2
                and all(w[:1].isupper() for w in named)
            ):
                return len(expansion) <= 40
    match = _EXPANSION_FIRST.match(line)
    return bool(match and _letters_follow(match.group("term"), match.group("expansion")))


def _looks_like_entry(line: str) -> bool:
    """A glossary entry or its continuation: a definition line, or any line that is not a
    heading of the report's next section."""
    return is_definition_line(line) or not _SECTION_HEADING.match(line.strip())


def glossary_lines(pages: list[str]) -> set[tuple[int, int]]:
    """(page index, line index) of every line that is part of a glossary or list of
    abbreviations, or defines an abbreviation anywhere."""
    found: set[tuple[int, int]] = set()
    in_glossary = False
    for page_index, page in enumerate(pages):
        lines = (page or "").split("\n")
        content = [i for i, line in enumerate(lines) if line.strip()]
        if in_glossary:
            # A glossary goes on over the page only if the page starts with definitions.
            head = [lines[i] for i in content[:3]]
            in_glossary = sum(map(is_definition_line, head)) >= min(2, len(head))
        for i in content:
            line = lines[i].strip()
            if GLOSSARY_HEADING.match(line):
                in_glossary = True
                found.add((page_index, i))
                continue
            if in_glossary and not _looks_like_entry(line):
                in_glossary = False
            if in_glossary or is_definition_line(line):
                found.add((page_index, i))
    return found


def without_glossaries(pages: list[str]) -> list[str]:
    """The pages with glossary and definition lines blanked (lines and pages keep their place)."""
    found = glossary_lines(pages)
    if not found:
        return list(pages)
    out = []
    for page_index, page in enumerate(pages):
        lines = (page or "").split("\n")
        out.append(
            "\n".join("" if (page_index, i) in found else line for i, line in enumerate(lines))
        )
    return out
