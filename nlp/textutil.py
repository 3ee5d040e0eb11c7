"""Small text helpers shared by the extractor's rules and by ingest: repair of mojibake and of
characters that are not text, cleaning, noise lines, sentences, and whether a summary says
anything."""

from __future__ import annotations

import re
import unicodedata

import ftfy

# Typographic characters made plain for the rules.
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
    "\u2026": "...",
    "\ufb01": "fi",
    "\ufb02": "fl",
}
_REPLACE_RE = re.compile(
    "|".join(re.escape(k) for k in sorted(_REPLACEMENTS, key=len, reverse=True))
)

# UTF-8 read as Windows-1252 leaves a lead byte (Â…ô) before a continuation byte (shown as
# €‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ or U+00A0…U+00BF). Only text with such a pair goes through ftfy,
# which is slow and decides for itself whether a repair is safe.
MOJIBAKE_HINT = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
    "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
# What ftfy cannot undo: a sequence whose last character was mis-decoded once more ("â€â€œ"
# is "â€“", an en dash, whose "“" went through the same mistake), whose last byte was lost
# ("â€" for a closing quote), or whose lead byte was ("€¦" for an ellipsis). Longest first.
_LEFTOVERS = {
    "\u00e2\u20ac\u00e2\u20ac\u0153": "\u2013",  # â€â€œ: en dash
    "\u00e2\u20ac\u00e2\u20ac\u009d": "\u2014",  # â€â€ + 0x9D: em dash
    "\u00e2\u20ac\u00e2\u201e\u00a2": "\u2019",  # â€â„¢: right single quote
    "\u00e2\u20ac\u00c5\u201c": "\u201c",  # â€Å“: left double quote
    "\u00e2\u20ac\u00cb\u0153": "\u2018",  # â€Ëœ: left single quote
    "\u00e2\u20ac\u00c2\u00a6": "\u2026",  # â€Â¦: ellipsis
    "\u00e2\u20ac\u0153": "\u201c",  # â€œ
    "\u00e2\u20ac\u009d": "\u201d",  # â€ + 0x9D
    "\u00e2\u20ac\u2122": "\u2019",  # â€™
    "\u00e2\u20ac\u02dc": "\u2018",  # â€˜
    "\u00e2\u20ac\u201c": "\u2013",  # â€“
    "\u00e2\u20ac\u201d": "\u2014",  # â€”
    "\u00e2\u20ac\u00a6": "\u2026",  # â€¦
    "\u00e2\u20ac\u00a2": "\u2022",  # â€¢
    "\u00e2\u20ac": "\u201d",  # â€ alone: a closing quote whose last byte was lost
    "\u20ac\u00a6": "\u2026",  # €¦
    "\u20ac\u2122": "\u2019",  # €™
    "\u20ac\u0153": "\u201c",  # €œ
    "\u20ac\u201c": "\u2013",  # €“
}
_LEFTOVER_RE = re.compile("|".join(map(re.escape, sorted(_LEFTOVERS, key=len, reverse=True))))
# Characters that are not text: C0 and C1 controls (but tab, line and page breaks), zero-width
# marks, byte-order marks and noncharacters. A replacement character between a word and "s",
# "t", "ll"… stood for an apostrophe.
_NOT_TEXT = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u200b\u200e\u200f\u2028\u2029\ufeff\ufffe\uffff"
    "\ufffd\ufff9-\ufffb]"
)
_LOST_APOSTROPHE = re.compile(r"(?<=[A-Za-z])\ufffd(?=(?:s|t|ll|re|ve|d|m)\b)")
# "‘" whose first two bytes were lost ("â€˜" without "â€"): a small tilde opening a word, after a
# quote mark (which stays) or a space (where it was the quote).
_TILDE_AFTER_QUOTE = re.compile("(?<=['\"\u2018\u201c])\u02dc(?=\\w)")
_TILDE_OPENING = re.compile("(?<=\\s)\u02dc(?=\\w)")
# Symbol-font bullets extracted into the private use area.
_PRIVATE_BULLETS = re.compile("[\uf0a7\uf0b7\uf076\uf0d8\uf0fc\uf0a8\uf0e0\uf06c\uf06e]")
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
_SUSPECT = re.compile(
    "[\u00c2-\u00f4\u20ac\u02dc\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u200b\u200e\u200f\u2028\u2029"
    "\ufeff\ufff9-\uffff\ue000-\uf8ff]"
)


def repair(text: str) -> str:
    """Mojibake repaired (the leftovers ftfy cannot undo, then ftfy where it is sure), and
    characters that are not text removed; cheap when there is nothing to repair."""
    if not text or not _SUSPECT.search(text):
        return text or ""
    if "\u20ac" in text:
        text = _LEFTOVER_RE.sub(lambda m: _LEFTOVERS[m.group(0)], text)
    if MOJIBAKE_HINT.search(text):
        text = ftfy.fix_text(text, normalization="NFC")
    if "\ufffd" in text:
        text = _LOST_APOSTROPHE.sub("'", text)
    if "\u02dc" in text:
        text = _TILDE_OPENING.sub("\u2018", _TILDE_AFTER_QUOTE.sub("", text))
    text = _NOT_TEXT.sub("", text)
    if _PRIVATE_USE.search(text):
        text = _PRIVATE_USE.sub("", _PRIVATE_BULLETS.sub("\u2022", text))
    return text


# Lines that are page furniture rather than content.
_NOISE_LINE = re.compile(
    r"""^(?:
        \d{1,4}\s*\|\s*P\s*a\s*g\s*e            # "1 | P a g e"
      | (?:page|tudalen)\s+\d+(?:\s+(?:of|o)\s+\d+)?   # "Page 3 of 45"
      | \d{1,3}(?:\s*(?:/|of)\s*\d{1,3})?           # a bare page number, "3/45" (not "3/2022")
      | [-\u2013\s]*\d{1,4}[-\u2013\s]*             # "- 3 -"
      | (?:official|official[-\s]sensitive|restricted|confidential|protect|draft|draf\s?t)
      | (?:not\s+protectively\s+marked)
    )$""",
    re.IGNORECASE | re.VERBOSE,
)

_BLOCK_BREAK = re.compile(r"\n\s*\n")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(]?[A-Z0-9])")


def clean(text: str | None) -> str:
    """Repair mojibake, normalise Unicode and make typographic marks plain; never fails."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", repair(str(text)))
    text = _REPLACE_RE.sub(lambda m: _REPLACEMENTS[m.group(0)], text).replace("\x0c", "")
    # Words hyphenated across lines: "Safeguar-\nding" -> "Safeguarding"
    text = re.sub(r"([a-z])-\n([a-z])", r"\1\2", text)
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
    return [re.sub(r"\s*\n\s*", " ", text[start:end]) for start, end in sentence_spans(text)]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets in ``text`` of the sentences ``sentences`` gives (blank lines and
    sentence ends split; a line break alone does not), without the spaces around them."""
    spans = []
    block_start = 0
    for block_end, next_start in (
        *((m.start(), m.end()) for m in _BLOCK_BREAK.finditer(text)),
        (len(text), len(text)),
    ):
        start = block_start
        for end in (
            *(m.start() for m in _SENTENCE_END.finditer(text, block_start, block_end)),
            block_end,
        ):
            spans.extend(_trimmed(text, start, end))
            start = _skip_space(text, end, block_end)
        block_start = next_start
    return spans


def _skip_space(text: str, at: int, limit: int) -> int:
    while at < limit and text[at].isspace():
        at += 1
    return at


def _trimmed(text: str, start: int, end: int) -> list[tuple[int, int]]:
    start = _skip_space(text, start, end)
    while end > start and text[end - 1].isspace():
        end -= 1
    return [(start, end)] if end > start else []


# What follows a body's name when the text says the body published it ("the Panel has
# published", "the Board publishes", "the Panel's inquiry into …").
# "a national review", "the national (child) safeguarding practice review": the Panel's kind,
# read by the review type and, for the national Panel as its one body, by the board.
NATIONAL_REVIEW_WORDS = r"national\s+(?:(?:child\s+)?safeguarding\s+practice\s+)?review"
BODY_PUBLISHED = (
    r"(?:['’]?s?\s+(?:has\s+|have\s+)?publish(?:ed|es)\b"
    r"|['’]s\s+(?:national\s+)?(?:review|inquiry)\s+(?:into|of)\b)"
)


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
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "hundred": 100,
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


# Words of a listing's furniture: what a "summary" holds when it holds no summary ("Published:",
# "Date added: 11/08/15", "PDF, 420 KB", "Read more").
_FURNITURE_WORDS = re.compile(
    r"\b(?:published|publication|date[sd]?|added|updated|last|posted|uploaded|modified|created"
    r"|issued|on|of|at|by|file|type|size|format|pdf|docx?|html?|kb|mb|bytes|download|read|more"
    r"|click|here|view|open|opens|in|a|new|window|tab|pages?|link|cyhoeddwyd|dyddiad"
    r"|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|st|nd|rd|th)\b",
    re.IGNORECASE,
)
MIN_SUMMARY_WORDS = 4


def is_substantive_summary(text: str | None) -> bool:
    """True when a summary says something: at least four words once dates, numbers and a
    listing's labels ("Published:", "Date added: 11/08/15", "PDF 420 KB") are set aside."""
    if not text:
        return False
    words = re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?", clean(text))
    content = [w for w in words if not _FURNITURE_WORDS.fullmatch(w)]
    return len(content) >= MIN_SUMMARY_WORDS and sum(map(len, content)) >= 16
