"""Review codes ("CPR FLINT 2", "CYSUR 4 2019", "CPR CTMSB 8/2020", "WG S71 2023", "SCR CN18")
and the key that groups the documents of one review."""

from __future__ import annotations

import re

_TYPE = r"(?:E?CPR|CSPR|LCSPR|SCR|SigCR|CMR|SUSR|AYP)"
# Board tokens: capitals (CTMSB, FLINT, WG) or a capitalised place (Gwynedd); not common words,
# nor a file's size or type before a date ("PDF 290 KB 14/11/2024").
_NOT_BOARD = {"THE", "AND", "FOR", "WAS", "HAD", "REPORT", "PLAN", "ON", "OF", "IN", "NO", "REF"}
_NOT_BOARD |= {"KB", "MB", "GB", "PDF", "DOC", "DOCX", "ODT", "RTF", "XLSX", "PPTX"}
CODE_PATTERNS = [
    # CPR CTMSB 8/2020, CPR FLINT 2, CPR CTMSB 06-2021, ECPR Gwynedd 1
    re.compile(
        rf"\b(?P<type>{_TYPE})\s*[:\-]?\s+(?P<board>[A-Z][A-Za-z]{{1,11}})\s+"
        r"(?P<num>\d{1,3})(?:\s*[/\-]\s*(?:19|20)?\d\d|\s+(?:19|20)\d\d)?\b"
    ),
    # Gwynedd ECPR 1, Anglesey ECPR 1, GSB CPR 3/2022, CVRSB ECPR 3/17
    re.compile(
        rf"\b(?P<board>[A-Z][a-z]{{3,12}}|[A-Z]{{2,7}})\s+(?P<type>{_TYPE})\s+(?P<num>\d{{1,3}})"
        r"(?:\s*/\s*(?:19|20)?\d\d)?\b"
    ),
    # CYSUR 4 2019, CYSUR 2/2018, WG S71 2023
    re.compile(
        r"\b(?P<board>CYSUR|WG|WB|NWSB|CTMSB|CTSCB|SEWSCB|RSB|MWWSB)\s+(?P<num>[A-Z]?\d{1,3})"
        r"(?:\s*[/\-]\s*|\s+)(?P<year>(?:19|20)\d\d)\b"
    ),
    # SEWSCB 3/2013, CTSB 3/2012, WB 4/2016: a board's acronym, a number and a year
    # (not a date: "14/11/2024")
    re.compile(r"\b(?P<board>[A-Z]{2,7})\s+(?P<num>\d{1,3})\s*/\s*(?:19|20)?\d\d\b(?!/\d)"),
    # SCR CN18, CSPR ZDS22 (board letters + year digits)
    re.compile(rf"\b(?P<type>{_TYPE})\s*[:\-]?\s+(?P<num>[A-Z]{{2,4}}\d{{2}})\b"),
    # (ZDS22), GN13 in brackets after a name
    re.compile(r"\((?P<num>[A-Z]{2,4}\d{2})\)"),
]


def _code_matches(text: str):
    """Every review code's match in ``text``, pattern by pattern, each pattern's in order."""
    for pattern in CODE_PATTERNS:
        for match in pattern.finditer(text):
            board = match.groupdict().get("board")
            if not (board and board.upper() in _NOT_BOARD):
                yield match


def find_review_code(text: str) -> tuple[str, int, int] | None:
    """The first review code in ``text``: (code as written, start, end)."""
    match = min(_code_matches(text), key=lambda m: m.start(), default=None)
    return (match.group(0).strip("() "), match.start(), match.end()) if match else None


def review_codes_in(text: str) -> set[str]:
    """Every review code in ``text``, normalised (``normalise_code``)."""
    return {normalise_code(match.group(0).strip("() ")) for match in _code_matches(text)}


def normalise_code(code: str | None) -> str | None:
    """A grouping key: upper case, tokens joined by "-", leading zeros and "E"/"CPR" prefixes
    made uniform: "CPR CTMSB 08/2020" and "CPR CTMSB 8-2020" give "CPR-CTMSB-8-2020"."""
    if not code:
        return None
    tokens = re.findall(r"[A-Za-z]+\d*|\d+", str(code))
    out = []
    for token in tokens:
        if token.isdigit():
            token = str(int(token))
        out.append(token.upper())
    # "Gwynedd ECPR 1" and "ECPR Gwynedd 1" are the same review; the type comes first.
    types = [t for t in out if re.fullmatch(_TYPE, t, re.IGNORECASE)]
    rest = [t for t in out if t not in types]
    if types and len(rest) > 1 and rest[0].isalpha():
        out = types[:1] + rest
    # A two-digit year after the number ("8/20") is the same as the four-digit one.
    if len(out) >= 2 and out[-1].isdigit() and len(out[-1]) == 2 and out[-2].isdigit():
        out[-1] = "20" + out[-1]
    return "-".join(out) or None
