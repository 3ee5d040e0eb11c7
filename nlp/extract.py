"""The metadata extractor: every catalogue field with its value, source, evidence, page and
confidence, decided from the publisher's listing, the document's text and the file's metadata.

Order of trust: the listing context the crawler kept, then the text (the title page first), then
the file's own metadata. Each rule is a small pure function; ``extract_metadata`` puts them
together and never raises on odd input.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass

from casereview.catalogue.models import METADATA_FIELDS

from . import gazetteer
from .codes import find_review_code, normalise_code
from .dates import find_dates, latest_plausible_year, parse_date, publication_dates
from .recommendations import extract_items
from .textutil import clean, content_lines, sentences, snippet, squash, to_number
from .themes import tag_themes, theme_slug, themes_named

LISTING, TEXT, FILE = "listing", "text", "file-metadata"
KEY_FIELDS = ("title", "nation", "review_type", "year")
NATIONS = ("England", "Wales", "Scotland", "Northern Ireland")


@dataclass
class Decision:
    value: object = None
    source: str | None = None
    evidence: str = ""
    page: int | None = None
    confidence: float = 0.0


# -- the document ------------------------------------------------------------------------------

# Lines that document hosts and cover sheets add around a report.
_HOST_NOISE = re.compile(
    r"^(?:upload:|post\s+on|transcript$|page\s+\d+\s*:|download\s+(?:pdf|report)|report\s+this"
    r"|share\s+(?:this|on)|\[email\s+protected\]|email\s+protected|embed\s+size|views?:?\s*\d"
    r"|cookies?\b|accept\s+all|skip\s+to|log\s*in|sign\s+up|menu$|search$|home\s*[>›|/])",
    re.IGNORECASE,
)
_COVER_SHEET = re.compile(
    r"date\s+of\s+publication|deposited\s+with|nspcc|^(?:title|lscb|author)\s*:",
    re.IGNORECASE | re.MULTILINE,
)


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", line.lower()).strip()


def _dedupe(lines: list[str]) -> list[str]:
    """Lines without immediate repeats (a running header above an identical title)."""
    return [line for i, line in enumerate(lines) if i == 0 or _shape(line) != _shape(lines[i - 1])]


def _running_lines(pages: list[list[str]]) -> set[str]:
    """Shapes of lines that open or close at least half the pages (two at least): running
    headers and footers."""
    if len(pages) < 2:
        return set()
    seen: dict[str, int] = {}
    for lines in pages:
        for shape in {_shape(line) for line in lines[:2] + lines[-2:]}:
            seen[shape] = seen.get(shape, 0) + 1
    return {shape for shape, n in seen.items() if n >= 2 and n >= 0.5 * len(pages)}


def _drop_running(lines: list[str], running: set[str]) -> list[str]:
    """The page without its running lines: one copy of each at the page's edges (a title page
    that repeats its header as the title keeps the title)."""
    if not running:
        return lines
    edge = set(range(min(2, len(lines)))) | set(range(max(0, len(lines) - 2), len(lines)))
    kept, dropped = [], set()
    for i, line in enumerate(lines):
        shape = _shape(line)
        if i in edge and shape in running and shape not in dropped:
            dropped.add(shape)
            continue
        kept.append(line)
    return kept


class Document:
    """The pages of one document, cleaned, with the zones the rules look at."""

    def __init__(self, pages: list[str]):
        self.pages = [clean(p) if isinstance(p, str) else clean(str(p or "")) for p in pages or []]
        lines = [
            [line for line in content_lines(p) if not _HOST_NOISE.match(line)] for p in self.pages
        ]
        self.running_headers = _running_lines(lines)
        self.lines = [_dedupe(_drop_running(page, self.running_headers)) for page in lines]
        self.text = "\n\n".join(self.pages)
        self.words = len(self.text.split())
        # An NSPCC cover sheet ("Title / LSCB / Author / Date of publication") sits above the
        # board's own title page.
        first = "\n".join(self.lines[0]) if self.lines else ""
        self.cover_sheet = bool(
            len(self.pages) > 1
            and len(_COVER_SHEET.findall(first)) >= 2
            and len(first.split()) < 250
        )
        self.title_index = 1 if self.cover_sheet else 0
        self.title_page_number = self.title_index + 1

    @property
    def title_lines(self) -> list[str]:
        return self.lines[self.title_index][:40] if len(self.lines) > self.title_index else []

    @property
    def title_zone(self) -> str:
        return "\n".join(self.title_lines)

    def page_of(self, offset: int) -> int:
        """The page number holding a character offset of ``self.text``."""
        total = 0
        for number, page in enumerate(self.pages, start=1):
            total += len(page) + 2
            if offset < total:
                return number
        return len(self.pages) or 1


# -- listing context ---------------------------------------------------------------------------


def listing_text(context: dict) -> str:
    """The listing's words, for rules that read text."""
    parts = [context.get(k) for k in ("title", "code", "child_pseudonym", "role", "summary")]
    return "\n".join(str(p) for p in parts if p)


def publisher_board(context: dict) -> gazetteer.Board | None:
    """The board behind the listing: its publisher key, its board name, or its URL's host."""
    for key in ("board", "publisher"):
        board = gazetteer.for_publisher(context.get(key))
        if board:
            return board
    for key in ("url", "listing_url", "host"):
        board = gazetteer.for_host(context.get(key))
        if board:
            return board
    return None


# The NSPCC's listing headings: "December 2014 – Blackpool – Child BR", "2019 – Anonymous – Katie".
_NSPCC_HEADING = re.compile(r"^\s*(?:\w+\s+)?((?:19|20)\d\d)\s*[–-]\s*([^–-]+?)\s*[–-]\s*\S")


def place_board(context: dict) -> tuple[gazetteer.Board, str] | None:
    """The board of the place a listing heading names, by the body that published there that
    year (an English LSCB before 2019, a partnership after)."""
    match = _NSPCC_HEADING.match(str(context.get("title") or ""))
    if not match or match.group(2).lower() in ("anonymous", "unknown", "national"):
        return None
    board = gazetteer.for_place(match.group(2), int(match.group(1)))
    return (board, match.group(0)) if board else None


# -- review type and nation --------------------------------------------------------------------

# A method named after the Welsh framework is not a Welsh review (DOCUMENTS.md 7.1).
_MODEL_MENTION = re.compile(
    r"(?:welsh\s+)?(?:child\s+practice\s+review|cpr)\s+(?:model|methodology|approach|framework)"
    r"|child\s+safeguarding\s+practice\s+review\s+panel",
    re.IGNORECASE,
)
REVIEW_TYPE_CUES = [
    (
        "CPR-extended",
        0.9,
        r"(?i:extended\s+child\s+practice\s+review|child\s+practice\s+review\s*\(\s*extended\s*\)"
        r"|extended\s+CPR\b|ymarfer\s+plant\s+estynedig)|\bECPR\b",
    ),
    (
        "CPR-concise",
        0.9,
        r"(?i:concise\s+child\s+practice\s+review|child\s+practice\s+review\s*\(\s*concise\s*\)"
        r"|concise\s+CPR\b|ymarfer\s+plant\s+cryno)",
    ),
    ("SUSR", 0.9, r"(?i:single\s+unified\s+safeguarding\s+review)|\bSUSR\b"),
    ("national-review", 0.8, r"(?i:national\s+(?:child\s+safeguarding\s+practice\s+)?review)"),
    (
        "LCSPR",
        0.9,
        r"(?i:(?:local\s+)?child\s+safeguarding\s+practice\s+review)|\bL?CSPR\b",
    ),
    ("SigCR", 0.9, r"(?i:significant\s+case\s+review)"),
    ("CMR", 0.9, r"(?i:case\s+management\s+review)|\bCMR\b"),
    ("SCR", 0.9, r"(?i:serious\s+case\s+review|\bpart\s+8\s+review)"),
    ("learning-review", 0.75, r"(?i:\blearning\s+review\b)"),
    (
        "CPR-concise",
        0.55,
        r"(?i:child\s+practice\s+review|adolygiad\s+ymarfer\s+plant)|\bCPR\s+[A-Z]{2,}",
    ),
    ("SCR?", 0.5, r"\bSCR\b"),
]
_TYPE_RES = [(code, conf, re.compile(pattern)) for code, conf, pattern in REVIEW_TYPE_CUES]
TYPE_NATION = {
    "CPR-concise": "Wales",
    "CPR-extended": "Wales",
    "SUSR": "Wales",
    "LCSPR": "England",
    "national-review": "England",
    "SigCR": "Scotland",
    "learning-review": "Scotland",
    "CMR": "Northern Ireland",
    "SCR": "England",
}


def _type_hits(text: str) -> list[tuple[int, str, float, re.Match]]:
    """Every review-type cue in ``text``: (position, code, confidence, match); one per span."""
    text = _MODEL_MENTION.sub(lambda m: " " * len(m.group(0)), text)
    hits, taken = [], []
    for code, conf, pattern in _TYPE_RES:
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            hits.append((match.start(), code, conf, match))
            taken.append((match.start(), match.end()))
    return sorted(hits, key=lambda h: h[0])


def review_type_in(text: str, title_zone: bool) -> tuple[str, float, str] | None:
    """(code, confidence, evidence) from one zone: on a title page the first cue wins, in a body
    the most frequent one (with a lower confidence)."""
    hits = _type_hits(text)
    if not hits:
        return None
    if title_zone:
        position, code, conf, match = hits[0]
        return code, conf, snippet(text, match.start(), match.end(), 50)
    # Specific cues ("extended CPR") outrank generic ones ("CPR CTMSB 3/2022"), then count.
    best_confidence = max(conf for _p, _code, conf, _m in hits)
    counts = Counter(code for _p, code, conf, _m in hits if conf == best_confidence)
    code, _n = counts.most_common(1)[0]
    first = next(h for h in hits if h[1] == code)
    return code, min(first[2], 0.7), snippet(text, first[3].start(), first[3].end(), 50)


_NATION_WORDS = {
    "Wales": r"\bwales\b|\bwelsh\s+government\b|\bcymru\b|regional\s+safeguarding\s+board",
    "Scotland": r"\bscotland\b|\bscottish\b|child\s+protection\s+committee|initial\s+case\s+review",
    "Northern Ireland": r"northern\s+ireland|\bsbni\b|health\s+and\s+social\s+care\s+trust",
    "England": r"\bengland\b|\bofsted\b|safeguarding\s+children\s+(?:partnership|board)"
    r"|working\s+together\s+to\s+safeguard\s+children",
}


_CROWN_DEPENDENCY = re.compile(r"\b(?:isle\s+of\s+man|manx|jersey|guernsey|bailiwick)\b", re.I)


def nation_from_words(text: str) -> tuple[str, str] | None:
    """The nation whose cue words the text uses most, with one cue as evidence."""
    scores = {}
    for nation, pattern in _NATION_WORDS.items():
        matches = list(re.finditer(pattern, text, re.IGNORECASE))
        if matches:
            scores[nation] = (len(matches), matches[0])
    if not scores:
        return None
    nation, (_n, match) = max(scores.items(), key=lambda item: item[1][0])
    return nation, snippet(text, match.start(), match.end(), 40)


# -- board -------------------------------------------------------------------------------------


def board_in(doc: Document) -> Decision:
    """The board named on the title page, else the one the text names most."""
    zone = doc.title_zone
    found = gazetteer.find_boards(zone)
    if found:
        known = [f for f in found if f[1]] or found
        written, board, start, end = known[0]
        name = board.name if board else written
        return Decision(
            name, TEXT, snippet(zone, start, end, 40), doc.title_page_number, 0.85 if board else 0.6
        )
    found = gazetteer.find_boards(doc.text)
    counts: Counter = Counter()
    first = {}
    for written, board, start, end in found:
        if board and board.kind in ("national panel", "national board"):
            continue  # named in most local reviews; only the title page makes it the publisher
        name = board.name if board else written
        counts[name] += 2 if board else 1
        first.setdefault(name, (start, end, board))
    if not counts:
        return Decision()
    name, _n = counts.most_common(1)[0]
    start, end, board = first[name]
    return Decision(
        name, TEXT, snippet(doc.text, start, end, 40), doc.page_of(start), 0.7 if board else 0.45
    )


# -- child -------------------------------------------------------------------------------------

_PSEUDONYM = re.compile(
    r"\b(Child|Baby|Infant|Young\s+Person|Family|Sibling|Adolescent|Plentyn|Babi)\s+"
    r"([A-Z]{1,3}\d{0,2}|[A-Z]\d{1,2})(?![\w'])"
)
_NOT_PSEUDONYM = {
    "CP",
    "CIN",
    "LAC",
    "CPR",
    "SCR",
    "NHS",
    "GP",
    "ICPC",
    "CSE",
    "CCE",
    "UK",
    "IN",
    "A&E",
}
_NAME_PATTERNS = [
    re.compile(
        r"(?i:in\s+respect\s+of|relating\s+to|into\s+the\s+death\s+of|the\s+death\s+of"
        r"|concerning|review\s+concerns|circumstances\s+of|review\s*[:\-–])\s+(?:the\s+)?"
        r"([A-Z][a-z]{2,14})\b(?![ \t]+[A-Z])"
    ),
    re.compile(r"\b([A-Z][a-z]{2,14}),\s+(?:a|an|aged)\s+(?:[\w]+[\s-]){0,3}?(?:old\b|\d)"),
    re.compile(
        r"\b(?:SCR|CSPR|LCSPR|SigCR|CPR|CMR|Review)[ \t]*:?[ \t]+([A-Z][a-z]{2,14})\b"
        r"(?![ \t]+(?:Safeguarding|Child|Children|Local|Council|City|County))"
    ),
]
_MONTH_NAMES = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
}  # fmt: skip
_NOT_NAME = {
    "Child",
    "Children",
    "Baby",
    "Family",
    "Families",
    "The",
    "This",
    "Executive",
    "Overview",
    "Final",
    "Report",
    "Summary",
    "Learning",
    "Concise",
    "Extended",
    "Serious",
    "Significant",
    "Local",
    "National",
    "Practice",
    "Case",
    "Review",
    "Young",
    "Infant",
    "Publication",
    "Two",
    "Three",
    "Four",
    "Sudden",
    "Safeguarding",
    "Multi",
    "Agency",
    "Action",
    "Terms",
    "Wales",
    "England",
    "Scotland",
    "Northern",
    "Brief",
    "Seven",
    "Press",
    "Briefing",
    "Key",
    "Themes",
    "Thematic",
    "Appendix",
    "Introduction",
    "Background",
    "Panel",
    "Board",
    "Partnership",
    "Committee",
    "Government",
    "Guidance",
    "Process",
    "Model",
    "Framework",
    "Police",
    "Health",
    "Social",
    "Education",
    "Mother",
    "Father",
    "Parents",
    "He",
    "She",
    "They",
    "Together",
    "Rapid",
    "Initial",
}


def pseudonym_in(text: str, title_zone: bool) -> tuple[str, str, float] | None:
    """(pseudonym, evidence, confidence): "Child A", "Baby M", "Family S4", "Young Person F"."""
    matches = [m for m in _PSEUDONYM.finditer(text) if m.group(2) not in _NOT_PSEUDONYM]
    if matches:
        if title_zone:
            match = matches[0]
        else:
            counts = Counter(squash(m.group(0)) for m in matches)
            best = counts.most_common(1)[0][0]
            match = next(m for m in matches if squash(m.group(0)) == best)
        return squash(match.group(0)), snippet(text, match.start(), match.end(), 40), 0.85
    for pattern in _NAME_PATTERNS if title_zone else _NAME_PATTERNS[:2]:
        for match in pattern.finditer(text):
            name = match.group(1)
            if name in _NOT_NAME or name.lower() in _MONTH_NAMES:
                continue
            # A first name used as a pseudonym recurs; a stray capitalised word does not.
            if title_zone or len(re.findall(rf"\b{name}\b", text)) >= 2:
                return name, snippet(text, match.start(), match.end(), 40), 0.55
    return None


_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    "|sixteen|seventeen|eighteen|nineteen|twenty(?:[\\s-](?:one|two|three|four|five|six|seven"
    "|eight|nine))?"
)


def _num(name: str) -> str:
    return rf"(?P<{name}>\d{{1,2}}(?:\.\d)?|{_NUMBER_WORDS})"


def _unit(name: str) -> str:
    return rf"(?P<{name}>day|week|month|year|yr|wythnos|mis|diwrnod|mlwydd|blwydd|blynedd)s?"


_AFTER = r"(?:\s+(?:baby\s+|infant\s+)?(?P<noun>[a-z]+(?:\s+[a-z]+)?))?"
_MORE = rf"(?:,?\s+(?:and\s+)?{_num('num2')}\s+{_unit('unit2')})?"
AGE_PATTERNS = [
    re.compile(rf"\b{_num('num')}[\s-]+{_unit('unit')}[\s-]+old\b{_AFTER}", re.IGNORECASE),
    re.compile(rf"\baged\s+{_num('num')}(?:\s+{_unit('unit')})?{_MORE}{_AFTER}", re.IGNORECASE),
    re.compile(rf"\bat\s+the\s+age\s+of\s+{_num('num')}(?:\s+{_unit('unit')})?{_AFTER}", re.I),
    re.compile(rf"\b{_num('num')}(?:\s+{_unit('unit')})?\s+oed\b{_AFTER}", re.IGNORECASE),
    # "when he was 8 months", "she was only 14 years": the pronoun tells the sex too
    re.compile(
        rf"\b(?P<pronoun>he|she)\s+(?:was|is)\s+(?:only\s+|just\s+|nearly\s+|almost\s+|about\s+)?"
        rf"{_num('num')}\s+{_unit('unit')}{_MORE}(?!\s+(?:later|after|before|ago|earlier|into|of)\b)",
        re.IGNORECASE,
    ),
]
_UNIT_YEARS = {
    "day": 1 / 365.25, "week": 7 / 365.25, "month": 1 / 12, "year": 1.0, "yr": 1.0,
    "diwrnod": 1 / 365.25, "wythnos": 7 / 365.25, "mis": 1 / 12, "mlwydd": 1.0, "blwydd": 1.0,
    "blynedd": 1.0,
}  # fmt: skip
_ADULT = re.compile(
    r"\b(?:mother|mum|father|dad|parents?|partner|step-?(?:father|mother)|boyfriend|girlfriend"
    r"|brother|sister|siblings?|half-\w+|cousin|uncle|aunt|grand\w+|man|woman|adult|carer"
    r"|perpetrator|husband|wife|neighbour|friend|sibling)s?\b",
    re.IGNORECASE,
)
_CHILD_WORD = re.compile(
    r"\b(?:child|baby|infant|boy|girl|son|daughter|young\s+person|toddler|teenager|newborn"
    r"|subject|he|she|plentyn|babi|bachgen|merch)\b",
    re.IGNORECASE,
)
MALE_NOUNS = {"boy", "son", "male", "man", "bachgen"}
FEMALE_NOUNS = {"girl", "daughter", "female", "woman", "merch"}


def _age_value(match: re.Match) -> float | None:
    groups = match.groupdict()
    number = to_number(groups["num"]) if groups.get("num") else None
    if number is None:
        return None
    value = number * _UNIT_YEARS[(groups.get("unit") or "year").lower()]
    if groups.get("num2") and groups.get("unit2"):
        extra = to_number(groups["num2"])
        if extra is not None:
            value += extra * _UNIT_YEARS[groups["unit2"].lower()]
    return round(value, 2)


def ages_in(text: str) -> list[tuple[int, float, str | None, str, float]]:
    """The child's ages stated in ``text``: (position, years, sex or None, evidence,
    confidence), skipping ages of parents, siblings and other adults."""
    found = []
    for pattern in AGE_PATTERNS:
        for match in pattern.finditer(text):
            value = _age_value(match)
            if value is None or value > 18:
                continue
            noun = (match.groupdict().get("noun") or "").lower()
            nouns = noun.split()
            first_noun = nouns[0] if nouns else ""
            young_adult = noun in ("young man", "young woman")  # how reports speak of teenagers
            if first_noun in ("young", "little", "teenage", "baby", "infant") and len(nouns) > 1:
                first_noun = nouns[1]
            if not young_adult and (_ADULT.fullmatch(first_noun) or _ADULT.match(noun)):
                continue
            before = text[max(0, match.start() - 40) : match.start()]
            clause = re.split(r"[.;\n]|,\s+(?:and|but|while)\b", before)[-1]
            if _ADULT.search(clause) and not _PSEUDONYM.search(clause):
                continue
            sentence_start = max(
                text.rfind(".", 0, match.start()), text.rfind("\n\n", 0, match.start())
            )
            context = text[sentence_start + 1 : match.end() + 60]
            about_child = bool(_PSEUDONYM.search(context) or _CHILD_WORD.search(context))
            pronoun = (match.groupdict().get("pronoun") or "").lower()
            if first_noun in MALE_NOUNS or pronoun == "he":
                sex = "male"
            elif first_noun in FEMALE_NOUNS or pronoun == "she":
                sex = "female"
            else:
                sex = None
            found.append(
                (
                    match.start(),
                    value,
                    sex,
                    snippet(text, match.start(), match.end(), 40),
                    0.8 if about_child else 0.5,
                )
            )
    return sorted(found, key=lambda f: f[0])


_MALE = re.compile(
    r"\b(?:(?:baby|infant|little|young|teenage|[\w-]+-old)\s+)?(?:boy|son)\b|\bbachgen\b"
    r"|\b(?:his)\s+(?:mother|father|mum|dad|parents|carers?|cot|school|siblings?|birth|death)\b",
    re.IGNORECASE,
)
_FEMALE = re.compile(
    r"\b(?:(?:baby|infant|little|young|teenage|[\w-]+-old)\s+)?(?:girl|daughter)\b|\bmerch\b"
    r"|\b(?:her)\s+(?:father|dad|parents|carers?|cot|school|siblings?|birth|death)\b",
    re.IGNORECASE,
)


_BORN = re.compile(r"(?:\bborn|date\s+of\s+birth|\bd\.?o\.?b)\W{0,3}(?:on\s+|in\s+)?$", re.I)
_DIED = re.compile(
    r"(?:\bdied|date\s+of\s+death|\bd\.?o\.?d|\binjured|\binjuries|\badmitted)\W{0,3}"
    r"(?:\w+\s+){0,4}?(?:on\s+|in\s+)?$",
    re.I,
)


def age_from_dates(text: str) -> tuple[float, str, int] | None:
    """The child's age from a stated birth date and a death or injury date (both to the day):
    (years, evidence, position)."""
    born = died = None
    for date in find_dates(text):
        if not (date.month and date.day):
            continue
        before = text[max(0, date.start - 40) : date.start]
        if born is None and _BORN.search(before):
            born = date
        elif born is not None and died is None and _DIED.search(before):
            died = date
    if not (born and died):
        return None
    from datetime import date as day

    days = (day(died.year, died.month, died.day) - day(born.year, born.month, born.day)).days
    if not 0 <= days <= 18 * 366:
        return None
    evidence = snippet(text, born.start, died.end, 30)
    return round(days / 365.25, 2), evidence, born.start


_MALE_PRONOUN = re.compile(r"\b(?:he|him|his|himself)\b", re.IGNORECASE)
_FEMALE_PRONOUN = re.compile(r"\b(?:she|her|hers|herself)\b", re.IGNORECASE)


def _pronouns_about_child(text: str, pseudonym: str | None) -> tuple[list, list]:
    """He/she pronouns in sentences that name the child and no adult (mother, father, …)."""
    male, female = [], []
    subject = re.compile(
        (re.escape(pseudonym) + "|" if pseudonym else "") + r"\bthe\s+(?:child|baby|infant)\b",
        re.IGNORECASE,
    )
    for sentence in sentences(text):
        if subject.search(sentence) and not _ADULT.search(sentence):
            male += list(_MALE_PRONOUN.finditer(sentence))
            female += list(_FEMALE_PRONOUN.finditer(sentence))
    return male, female


def sex_in(text: str, pseudonym: str | None = None) -> tuple[str, str, float] | None:
    """(sex, evidence, confidence) from boy/girl words, "his father"/"her father" phrases (in a
    child's review the child is usually the one whose parents are named) and the pronouns of
    sentences about the child."""
    male = list(_MALE.finditer(text))
    female = list(_FEMALE.finditer(text))
    he, she = _pronouns_about_child(text, pseudonym)
    male_score, female_score = len(male) + len(he), len(female) + len(she)
    if male_score >= 2 * female_score and male_score:
        sex, n, m, matches = "male", male_score, female_score, male or he
    elif female_score >= 2 * male_score and female_score:
        sex, n, m, matches = "female", female_score, male_score, female or she
    else:
        return None
    match = matches[0]
    confidence = 0.75 if n >= 3 and m == 0 else 0.6 if n >= 2 else 0.45
    source_text = text if matches is male or matches is female else match.string
    return sex, snippet(source_text, match.start(), match.end(), 40), confidence


# -- outcome -----------------------------------------------------------------------------------

_DEATH = re.compile(
    r"\b(?:died|death\s+of|deaths?\b(?!\s+of\s+(?:his|her|their|a)\s+(?:mother|father|parent))"
    r"|was\s+found\s+dead|found\s+(?:lifeless|unresponsive)|pronounced\s+dead|fatal(?:ly)?"
    r"|killed|murder(?:ed)?|manslaughter|culpable\s+homicide|homicide"
    r"|took\s+(?:his|her|their)\s+own\s+life|passed\s+away|bu\s+farw|marwolaeth)\b",
    re.IGNORECASE,
)
_HARM = re.compile(
    r"\b(?:serious(?:ly)?\s+(?:harm(?:ed)?|injur\w+|ill)|significant\s+harm|non[\s-]accidental\s+injur\w+"
    r"|life[\s-]threatening|life[\s-]changing|serious\s+and\s+permanent|permanent\s+impairment"
    r"|brain\s+injur\w+|head\s+injur\w+|fractur\w+|sustained\s+(?:\w+\s+)?injur\w+"
    r"|sexual(?:ly)?\s+(?:abuse|abused|exploit\w*)|niwed\s+difrifol)\b",
    re.IGNORECASE,
)
_HYPOTHETICAL = re.compile(
    r"(?-i:\bmay\b)|\b(?:could|might|would|risk\s+of|whether|if|criteria|where\s+a\s+child|when\s+a\s+child"
    r"|known\s+or\s+suspected|prevent(?:ed|able)?|predict(?:ed|able)?|survived|did\s+not\s+die)\b",
    re.IGNORECASE,
)


def outcome_in(text: str, title_zone: bool) -> tuple[str, str, float] | None:
    """("death" | "serious harm", evidence, confidence); criteria and hypotheticals ignored."""
    deaths, harms = [], []
    for sentence in sentences(text):
        death = _DEATH.search(sentence)
        harm = _HARM.search(sentence)
        if (death and harm and re.search(r"\bor\b", sentence)) or _HYPOTHETICAL.search(sentence):
            if not (title_zone and death and not harm):
                continue
        if death:
            deaths.append((sentence, death))
        elif harm:
            harms.append((sentence, harm))
    if deaths and (
        title_zone or len(deaths) >= 2 or len(text.split()) < 600 or len(deaths) >= len(harms) / 4
    ):
        sentence, match = deaths[0]
        return (
            "death",
            snippet(sentence, match.start(), match.end(), 60),
            0.85 if title_zone else 0.7,
        )
    if harms:
        sentence, match = harms[0]
        return (
            "serious harm",
            snippet(sentence, match.start(), match.end(), 60),
            0.8 if title_zone else 0.6,
        )
    return None


# -- model, role, language ---------------------------------------------------------------------

REVIEW_MODELS = [
    ("SILP", r"\bSILP\b|(?i:significant\s+incident\s+learning\s+process)"),
    (
        "SCIE Learning Together",
        r"(?i:learning\s+together|social\s+care\s+institute\s+for\s+excellence)|\bSCIE\b",
    ),
    (
        "systems approach",
        r"(?i:systems?\s+(?:approach|methodology|model|framework|based\s+approach|thinking"
        r"|review))",
    ),
    (
        "Welsh CPR model",
        r"(?i:(?:welsh\s+)?child\s+practice\s+review\s+(?:model|methodology|framework|process"
        r"|approach))|\bCPR\s+(?i:model|methodology|framework|process)",
    ),
    ("IMR", r"(?i:individual\s+management\s+reviews?)|\bIMRs?\b"),
]


def review_model_in(text: str) -> tuple[str, str, float] | None:
    """The review method the text says it used; the most mentioned when several are named."""
    counts = {}
    for name, pattern in REVIEW_MODELS:
        matches = list(re.finditer(pattern, text))
        if matches:
            counts[name] = matches
    if not counts:
        return None
    # A named method beats the generic "systems approach", which beats IMRs (which other
    # methods also mention, often to say they were not used).
    for tier in (
        ("SILP", "SCIE Learning Together", "Welsh CPR model"),
        ("systems approach",),
        ("IMR",),
    ):
        named = {n: m for n, m in counts.items() if n in tier}
        if named:
            name, matches = max(named.items(), key=lambda item: len(item[1]))
            return name, snippet(text, matches[0].start(), matches[0].end(), 50), 0.8
    return None


DOCUMENT_ROLES = [
    (
        "7-minute briefing",
        r"(?:7|seven)[\s-]*min(?:ute)?s?[\s-]*(?:briefing|brief|learning|guide)|\b7MB\b|briff\s+7\s+munud",
    ),
    ("action plan", r"\baction\s+plan\b|cynllun\s+gweithredu"),
    ("terms of reference", r"\bterms\s+of\s+reference\b|cylch\s+gorchwyl"),
    (
        "press statement",
        r"press\s+(?:statement|release)|media\s+(?:statement|release)|datganiad\s+i'r\s+wasg",
    ),
    (
        "learning summary",
        r"learning\s+(?:summary|brief|briefing|memo|note|leaflet|bulletin|lessons)|briefing\s+(?:note|paper)",
    ),
    ("executive summary", r"executive\s+summary|crynodeb\s+gweithredol"),
    (
        "final report",
        r"overview\s+report|final\s+report|full\s+report|(?:cpr|review)\s+report|adroddiad\s+terfynol"
        r"|report\s+for\s+publication",
    ),
]
_ROLE_RES = [(role, re.compile(p, re.IGNORECASE)) for role, p in DOCUMENT_ROLES]
_ROLE_FILENAME = [
    ("7-minute briefing", r"7[\s_-]?(?:min|mb)|seven[\s_-]?minute"),
    ("action plan", r"action[\s_-]?plan"),
    ("terms of reference", r"terms[\s_-]?of[\s_-]?reference|\btor\b|[\s_-]tor[\s_.-]"),
    ("press statement", r"press|media[\s_-]statement"),
    ("executive summary", r"exec(?:utive)?[\s_-]?summ"),
    ("learning summary", r"learning[\s_-]?(?:brief|summary|memo)"),
    ("final report", r"overview|final[\s_-]?report|full[\s_-]?report"),
]
_ACTION_TABLE = re.compile(
    r"\b(?:timescale|lead\s+(?:agency|officer|person|organisation)|RAG|target\s+date|progress|completed?)\b",
    re.IGNORECASE,
)


def role_in(text: str) -> tuple[str, str] | None:
    """The document role the earliest role phrase in ``text`` names, with evidence."""
    best = None
    for role, pattern in _ROLE_RES:
        match = pattern.search(text)
        if match and (best is None or match.start() < best[1].start()):
            best = (role, match)
    if best is None:
        return None
    return best[0], snippet(text, best[1].start(), best[1].end(), 40)


_WELSH = set(
    "y yr ac o ar gan ei eu mae roedd bod hefyd gyda ond neu wedi ddim fel hyn hwn hon sydd ydy "
    "oedd plant plentyn cymru adolygiad ymarfer diogelu bwrdd gael iddo iddi rhaid hynny ymhlith "
    "gwasanaethau teulu gyfer dros rhwng bydd byddai nad nid yw yng ym ein eich chi nhw".split()
)
_ENGLISH = set(
    "the and of to was that for with were had been this which from by his her their they "
    "there would have has not are be on at as it an or".split()
)


def language_of(pages: list[str]) -> tuple[str, str, float] | None:
    """English, Welsh or bilingual by stop words, per page then for the whole document."""
    welsh_pages = english_pages = welsh_total = english_total = 0
    for page in pages:
        words = re.findall(r"[a-zâêîôûŵŷ']+", page.lower())
        w = sum(word in _WELSH for word in words)
        e = sum(word in _ENGLISH for word in words)
        welsh_total += w
        english_total += e
        if w + e >= 10:
            welsh_pages += w > 1.5 * e
            english_pages += e > 1.5 * w
    total = welsh_total + english_total
    if total < 3:
        return None
    share = welsh_total / total
    evidence = f"{welsh_total} Welsh and {english_total} English function words"
    if (
        welsh_pages
        and english_pages
        and min(welsh_pages, english_pages) >= 0.2 * (welsh_pages + english_pages)
    ):
        return (
            "bilingual",
            evidence + f"; {welsh_pages} Welsh and {english_pages} English pages",
            0.8,
        )
    if share >= 0.75:
        return "Welsh", evidence, 0.85
    if share >= 0.25:
        return "bilingual", evidence, 0.7
    return "English", evidence, 0.85 if total >= 20 else 0.6


# -- title and summary -------------------------------------------------------------------------

_TITLE_CUE = re.compile(
    r"review|report|summary|briefing|brief\b|action\s+plan|terms\s+of\s+reference|statement"
    r"|adolygiad|adroddiad|out\s+of\s+routine|child\s+protection\s+in",
    re.IGNORECASE,
)
_NOT_TITLE_LINE = re.compile(
    r"^(?:contents|author|written\s+by|independent\s+(?:lead\s+)?(?:reviewer|author)|reviewer"
    r"|chair|date|version|status|published|publication\s+date|date\s+of|lscb|title\s*:|www\.|https?:"
    r"|report\s+dat(?:e|ed)|dated\b"
    r"|tel\b|email"
    r"|©|copyright|crown\s+copyright|page\b|protective\s+marking|official)",
    re.IGNORECASE,
)


_CONNECTOR_END = re.compile(
    r"(?:\b(?:in|of|the|and|for|to|a|an|into|on|with|by|from|respect|relating|concerning)|[:–-])$",
    re.IGNORECASE,
)
_STOP_FOLLOWER = re.compile(
    r"\b(?:author|reviewer|chair|written\s+by|prepared\s+by|lead\s+reviewer)\b"
    r"|^(?:re|ref|reference|our\s+ref)\s*[:.]",
    re.I,
)
_FUNCTION_WORDS = {
    "in", "of", "the", "and", "for", "to", "a", "an", "into", "on", "with", "by", "from", "at",
    "respect", "relating", "concerning", "following", "after",
}  # fmt: skip


def _is_sentence(line: str) -> bool:
    """A line of running prose rather than a heading."""
    return line.endswith(".") and len(line.split()) > 8


def _is_title_start(line: str) -> bool:
    if _NOT_TITLE_LINE.match(line) or re.search(r"\.{4,}", line) or len(line) > 200:
        return False
    if _is_sentence(line) or _is_date_line(line):
        return False
    if not (_TITLE_CUE.search(line) or role_in(line) or _type_hits(line) or find_review_code(line)):
        return False
    boards = gazetteer.find_boards(line)
    named = sum(end - start for _w, _b, start, end in boards)
    return named < 0.6 * len(line)


def _continues(block: list[str], follower: str) -> bool:
    """Whether a title page line carries on the title above it."""
    if _NOT_TITLE_LINE.match(follower) or _STOP_FOLLOWER.search(follower):
        return False
    joined = f"{block[-1]} {follower}"
    code = find_review_code(joined)
    if code and code[2] > len(block[-1]) and code[1] < len(block[-1]):
        return True  # a review code wrapped across the two lines
    if _is_date_line(follower) or gazetteer.find_boards(follower):
        return False
    if len(" ".join(block + [follower])) > 200 or follower.endswith("."):
        return False
    if _shape(follower) in {_shape(b) for b in block}:
        return False
    if follower[:1].islower() or follower[:1] in "–-:(" or _CONNECTOR_END.search(block[-1]):
        return True
    words = [w for w in follower.split() if w.lower() not in _FUNCTION_WORDS]
    capitals = sum(w[:1].isupper() or not w[:1].isalpha() for w in words)
    return 0 < len(words) <= 8 and capitals >= 0.6 * len(words)


def _is_date_line(line: str) -> bool:
    """A line that is a date, perhaps with a label ("Published: May 2019", "Final report July
    2020")."""
    date = parse_date(line)
    if not date:
        return False
    rest = line[: line.find(date.text)] + " " + line[line.find(date.text) + len(date.text) :]
    if find_review_code(line) or _type_hits(rest) or (role_in(rest) and len(rest.split()) > 2):
        return False  # "CSPR Family N June 2024" is a title that carries its date
    return len(rest.split()) <= 3


def _same_document_line(line: str, other: str) -> bool:
    """Two lines naming the same role and the same review code ("CYSUR 4 2023 – 7-Minute
    Briefing" above "Seven Minute Briefing: CYSUR 4 2023")."""
    if not other or _shape(line) == _shape(other):
        return False
    role, other_role = role_in(line), role_in(other)
    if not (role and other_role and role[0] == other_role[0]):
        return False
    code, other_code = find_review_code(line), find_review_code(other)
    if code and other_code:
        return normalise_code(code[0]) == normalise_code(other_code[0])
    child, other_child = pseudonym_in(line, True), pseudonym_in(other, True)
    return bool(child and other_child and child[0] == other_child[0])


def title_in(doc: Document) -> tuple[str, str, int, float] | None:
    """(title, evidence, page, confidence) from the title page: the block of lines that starts at
    the first line naming a review, report, briefing or code, with its wrapped continuation."""
    lines = doc.title_lines[:25]
    for i, line in enumerate(lines):
        if not _is_title_start(line):
            continue
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if _same_document_line(line, following):
            continue  # a header above the title proper, saying the same in other words
        block = [line]
        for follower in lines[i + 1 : i + 5]:
            if not _continues(block, follower):
                break
            block.append(follower)
        title = re.sub(r"\s+([:–-])", r" \1", squash(" ".join(block))).strip(" :-–")
        return title, " / ".join(block), doc.title_page_number, 0.75
    if doc.cover_sheet:
        for line in doc.lines[0]:
            field = re.match(r"^title\s*:\s*(.+)$", line, re.IGNORECASE)
            if field:
                return squash(field.group(1)), line, 1, 0.6
    headers = (
        [h for h in doc.pages[0].splitlines()[:2] if _shape(h) in doc.running_headers]
        if doc.pages
        else []
    )
    if headers:
        return squash(headers[0]), f"running header: {headers[0]}", 1, 0.5
    candidates = [
        line
        for line in lines
        if not _NOT_TITLE_LINE.match(line) and len(line) < 120 and not line.endswith(".")
    ]
    if candidates:
        return candidates[0], candidates[0], doc.title_page_number, 0.4
    return None


_SUMMARY_HEADING = re.compile(
    r"^(?:\d+(?:\.\d+)*\.?\s+)?(?:executive\s+summary|summary|brief\s+outline\s+of\s+circumstances"
    r"|introduction|background|crynodeb(?:\s+gweithredol)?|overview|what\s+happened)\s*:?$",
    re.IGNORECASE,
)
SUMMARY_CHARS = 600


def summary_in(doc: Document) -> tuple[str, int, float] | None:
    """(summary, page, confidence): the first paragraph under "Executive summary" (or another
    opening heading), else the first substantial paragraph."""
    for number, lines in enumerate(doc.lines, start=1):
        for i, line in enumerate(lines):
            if not _SUMMARY_HEADING.match(line):
                continue
            following = lines[i + 1 : i + 15]
            if not following or re.search(r"\s\d{1,3}$|\.{4,}", following[0]):
                continue  # a contents page
            text = _paragraph(following)
            if len(text) >= 80:
                confidence = 0.75 if "summary" in line.lower() or "outline" in line.lower() else 0.6
                return text, number, confidence
    for number, lines in enumerate(doc.lines[:4], start=1):
        text = _paragraph([line for line in lines if len(line.split()) > 5])
        if len(text.split()) >= 25:
            return text, number, 0.4
    return None


def _paragraph(lines: list[str]) -> str:
    out = ""
    for line in lines:
        if out and _SUMMARY_HEADING.match(line):
            break
        out = f"{out} {line}".strip()
        if len(out) >= SUMMARY_CHARS * 0.6 and out.endswith("."):
            break
    out = squash(out)
    if len(out) > SUMMARY_CHARS:
        cut = out[:SUMMARY_CHARS]
        out = cut[: cut.rfind(". ") + 1] if ". " in cut else cut.rsplit(" ", 1)[0] + "…"
    return out


# -- putting it together -----------------------------------------------------------------------


def _first(*rules):
    """The first rule that decides something."""
    for rule in rules:
        decision = rule()
        if decision is not None and decision.value not in (None, "", []):
            return decision
    return Decision()


_NOTICE = re.compile(r"\b(?:updated|added|posted|modified|uploaded|last\s+reviewed)\b", re.I)


def _date_decisions(date, source, evidence, page, confidence) -> tuple[Decision, Decision]:
    return (
        Decision(date.year, source, evidence, page, confidence),
        Decision(date.iso() if date.month else None, source, evidence, page, confidence),
    )


def _decide_dates(doc: Document, context: dict, file_meta: dict) -> tuple[Decision, Decision]:
    """Year and publication date: a listing's publication date, else the text's best statement,
    else a listing's notice date ("Updated on …"), else the file's creation date, else the latest
    year the text mentions."""
    written = str(context.get("date") or "")
    listed = parse_date(written)
    candidates = publication_dates(doc.pages)
    statements = [c for c in candidates if c.kind != "notice date"]
    if listed and not _NOTICE.search(written):
        year, date = _date_decisions(listed, LISTING, f"listing date: {written}", None, 0.9)
        for c in statements:  # the text may give the day the listing leaves out
            same = c.date.year == listed.year and (listed.month in (None, c.date.month))
            if same and (c.date.day and not listed.day or c.date.month and not listed.month):
                date = Decision(
                    c.date.iso() if c.date.month else None,
                    TEXT,
                    f"{c.kind}: {c.evidence}",
                    c.page,
                    c.confidence,
                )
                break
        return year, date
    if statements:
        best = statements[0]
        return _date_decisions(
            best.date, TEXT, f"{best.kind}: {best.evidence}", best.page, best.confidence
        )
    if listed:
        return _date_decisions(listed, LISTING, f"listing notice date: {written}", None, 0.5)
    if candidates:
        best = candidates[0]
        return _date_decisions(
            best.date, TEXT, f"{best.kind}: {best.evidence}", best.page, best.confidence
        )
    latest = latest_plausible_year(doc.pages)
    for key in ("creation_date", "CreationDate", "created", "modified", "ModDate", "date"):
        stamp = parse_date(
            re.sub(r"^D:(\d{4})(\d\d)(\d\d).*", r"\1-\2-\3", str(file_meta.get(key) or ""))
        )
        if stamp and not (latest and latest[0] > stamp.year):  # not before the events it tells
            return Decision(
                stamp.year, FILE, f"file {key}: {file_meta.get(key)}", None, 0.35
            ), Decision()
    if latest:
        year, page, evidence = latest
        return Decision(
            year, TEXT, f"latest year the text mentions: {evidence}", page, 0.3
        ), Decision()
    return Decision(), Decision()


_ABOUT_REVIEWS = re.compile(
    r"\b(?:annual\s+report|business\s+plan|strategic\s+plan|newsletter|minutes\s+of|agenda"
    r"|procedures?\s+manual|policy\s+and\s+procedure|protocol\s+for|inspection\s+report"
    r"|fatal\s+accident\s+inquiry|determination\s+by|research\s+report|literature\s+review"
    r"|triennial\s+(?:analysis|review)|annual\s+review|committee\s+report|cabinet\s+report"
    r"|news\s+release)\b",
    re.IGNORECASE,
)


def _about_reviews(title_text: str) -> str | None:
    """The phrase that marks a document about case reviews (an annual report, minutes, a
    policy, research) rather than a review, when the title names no review type."""
    match = _ABOUT_REVIEWS.search(title_text)
    if not match:
        return None
    before = title_text[: match.start()]
    if any(conf >= 0.75 for _p, _c, conf, _m in _type_hits(before)) or role_in(before):
        return None  # "Serious Case Review … Annual Report" names the review first
    return match.group(0)


_KEYWORDS = re.compile(r"\bkeywords?\s*:\s*([^\n]+)", re.IGNORECASE)


def review_code_hint(doc: Document, context: dict) -> bool:
    """Whether a review code appears in the listing or on the title page."""
    return bool(context.get("code") or find_review_code(doc.title_zone))


def _extract(pages: list[str], context: dict, file_meta: dict) -> dict:
    doc = Document(pages)

    def where(evidence: str, page, source):
        """The page of a piece of evidence quoted from the text, when the rule gave none."""
        if page is not None or source != TEXT:
            return page
        words = max(evidence.strip("…").split("…"), key=len).split()[1:9]
        if not words:
            return None
        found = re.search(r"\s+".join(map(re.escape, words)), doc.text)
        return doc.page_of(found.start()) if found else None

    listing = listing_text(context)
    fields: dict[str, Decision] = {}
    title_zone = doc.title_zone

    # title
    def title_from_text():
        found = title_in(doc)
        return Decision(found[0], TEXT, found[1], found[2], found[3]) if found else None

    # The title page names the report; a listing's link text is often a heading such as
    # "2021 – Lancashire – Child N", so it only stands in when the text has no title.
    fields["title"] = _first(
        lambda: (lambda d: d if d and d.confidence >= 0.6 else None)(title_from_text()),
        lambda: (
            Decision(
                squash(context["title"]), LISTING, f"listing title: {context['title']}", None, 0.7
            )
            if context.get("title")
            else None
        ),
        title_from_text,
        lambda: (
            Decision(squash(str(file_meta.get("title"))), FILE, "file title", None, 0.3)
            if file_meta.get("title")
            else None
        ),
    )

    # board
    listed_board = publisher_board(context)
    text_board = board_in(doc)
    if listed_board:
        board = Decision(
            listed_board.name,
            LISTING,
            f"publisher: {context.get('publisher') or context.get('board') or context.get('url')}",
            None,
            0.9,
        )
        if (
            text_board.value
            and gazetteer.lookup(text_board.value)
            and listed_board.name in gazetteer.lookup(text_board.value).lineage()
        ):
            board = text_board
            board.evidence += f" (the publisher, {listed_board.name}, succeeded it)"
            board.confidence = 0.9
    else:
        board = text_board
        placed = place_board(context) if not board.value else None
        if placed:
            board = Decision(placed[0].name, LISTING, f"listing heading: {placed[1]}", None, 0.5)
    fields["board"] = board
    board_entry = gazetteer.lookup(board.value) if board.value else None

    # review type
    def type_from(zone_text, source, page, title):
        found = review_type_in(zone_text, title)
        return Decision(found[0], source, found[2], page, found[1]) if found else None

    # A title page that names its review type says it best (listings reuse one heading
    # for every review); a vague title page ("Child Practice Review") yields to the listing.
    review_type = _first(
        lambda: (lambda d: d if d and d.confidence >= 0.75 else None)(
            type_from(title_zone, TEXT, doc.title_page_number, True)
        ),
        lambda: type_from(listing, LISTING, None, True),
        lambda: (lambda d: d if d and d.confidence >= 0.7 else None)(
            type_from(doc.text, TEXT, None, False)
        ),
        lambda: type_from(title_zone, TEXT, doc.title_page_number, True),
        lambda: type_from(doc.text, TEXT, None, False),
        lambda: type_from(" ".join(str(v) for v in file_meta.values()), FILE, None, True),
    )
    if review_type.value == "national-review" or (
        board_entry and board_entry.kind == "national panel"
    ):
        if review_type.value in (None, "LCSPR", "SCR", "learning-review", "other"):
            review_type = Decision(
                "national-review",
                review_type.source or TEXT,
                review_type.evidence or f"published by {board.value}",
                review_type.page,
                0.7,
            )

    # nation
    nation = Decision()
    if context.get("nation") in NATIONS:
        nation = Decision(
            context["nation"], LISTING, f"listing nation: {context['nation']}", None, 0.95
        )
    elif _CROWN_DEPENDENCY.search(f"{board.value or ''}\n{title_zone}\n{listing}"):
        match = _CROWN_DEPENDENCY.search(f"{board.value or ''}\n{title_zone}\n{listing}")
        nation = Decision(
            "unknown", TEXT, f"{match.group(0)} is not one of the four nations", None, 0.6
        )
    elif board_entry:
        nation = Decision(
            board_entry.nation,
            board.source,
            f"board {board_entry.name} is in {board_entry.nation}",
            board.page,
            min(0.9, board.confidence + 0.05),
        )
    elif review_type.value in TYPE_NATION:
        nation = Decision(
            TYPE_NATION[review_type.value],
            review_type.source,
            f"{review_type.value}: {review_type.evidence}",
            review_type.page,
            0.7 if review_type.value != "SCR" else 0.5,
        )
    else:
        words = nation_from_words(listing) or nation_from_words(doc.text)
        if words:
            nation = Decision(words[0], TEXT, words[1], None, 0.4)
    if nation.value is None:
        nation = Decision(
            "unknown", None, "no board, review type or place names the nation", None, 0.0
        )
    # The bare acronym "SCR" is a Significant Case Review in Scotland.
    if review_type.value == "SCR?":
        review_type.value = "SigCR" if nation.value == "Scotland" else "SCR"
    if (
        review_type.value == "SCR"
        and nation.value == "Scotland"
        and "significant" in review_type.evidence.lower()
    ):
        review_type.value = "SigCR"
    fields["year"], fields["publication_date"] = _decide_dates(doc, context, file_meta)
    year = fields["year"].value
    if review_type.value is None and (board.value or review_code_hint(doc, context)):
        # Documents that name no type (action plans, briefings): since 2013 a Welsh board's
        # reviews are Child Practice Reviews, mostly concise; Northern Ireland's are CMRs.
        if nation.value == "Wales" and (year is None or year >= 2013):
            review_type = Decision(
                "CPR-concise",
                nation.source,
                f"a Welsh board's review ({board.value or 'code'}) naming no type",
                None,
                0.4,
            )
        elif nation.value == "Northern Ireland":
            review_type = Decision(
                "CMR",
                nation.source,
                f"a Northern Ireland review ({board.value}) naming no type",
                None,
                0.4,
            )
    about = _about_reviews(f"{context.get('title') or ''}\n" + "\n".join(doc.title_lines[:6]))
    if about:
        # An annual report, a policy or minutes speak about reviews; they are not one.
        review_type = Decision(
            "other", TEXT, f"not a case review: {about}", doc.title_page_number, 0.6
        )
    if review_type.value is None and doc.words > 200:
        review_type = Decision("other", TEXT, "no review type named", None, 0.3)
    fields["nation"] = nation
    fields["review_type"] = review_type

    # child
    def pseudonym_from(zone_text, source, page, title):
        found = pseudonym_in(zone_text, title)
        return Decision(found[0], source, found[1], page, found[2]) if found else None

    fields["child_pseudonym"] = _first(
        lambda: (
            Decision(
                squash(context["child_pseudonym"]),
                LISTING,
                f"listing: {context['child_pseudonym']}",
                None,
                0.9,
            )
            if context.get("child_pseudonym")
            else None
        ),
        lambda: pseudonym_from(listing, LISTING, None, True),
        lambda: pseudonym_from(title_zone, TEXT, doc.title_page_number, True),
        lambda: pseudonym_from(doc.text, TEXT, None, False),
    )

    def age_from(zone_text, source, page_of):
        ages = ages_in(zone_text)
        if not ages:
            return None
        best = max(ages, key=lambda a: a[4]) if ages[0][4] < 0.8 else ages[0]
        return Decision(best[1], source, best[3], page_of(best[0]), best[4]), best[2]

    age_listing = age_from(listing, LISTING, lambda _o: None)
    age_text = age_from(doc.text, TEXT, doc.page_of)
    if age_text is None:
        dated = age_from_dates(doc.text)
        if dated:
            age_text = Decision(dated[0], TEXT, dated[1], doc.page_of(dated[2]), 0.7), None
    age, age_sex = age_listing or age_text or (Decision(), None)
    fields["child_age_years"] = age

    def sex_from(zone_text, source):
        found = sex_in(zone_text, fields["child_pseudonym"].value)
        if not found:
            return None
        return Decision(found[0], source, found[1], where(found[1], None, source), found[2])

    fields["child_sex"] = _first(
        lambda: Decision(age_sex, age.source, age.evidence, age.page, 0.8) if age_sex else None,
        lambda: sex_from(listing, LISTING),
        lambda: sex_from(doc.text, TEXT),
    )

    def outcome_from(zone_text, source, page, title):
        found = outcome_in(zone_text, title)
        if not found:
            return None
        return Decision(found[0], source, found[1], where(found[1], page, source), found[2])

    fields["outcome"] = _first(
        lambda: outcome_from(listing, LISTING, None, True),
        lambda: outcome_from(title_zone, TEXT, doc.title_page_number, True),
        lambda: outcome_from(doc.text, TEXT, None, False),
    )

    def model_from(zone_text, source):
        found = review_model_in(zone_text)
        if not found:
            return None
        return Decision(found[0], source, found[1], where(found[1], None, source), found[2])

    fields["review_model"] = _first(
        lambda: model_from(listing, LISTING), lambda: model_from(doc.text, TEXT)
    )

    # document role
    def role_from_text():
        found = role_in(title_zone)
        if found:
            return Decision(found[0], TEXT, found[1], doc.title_page_number, 0.8)
        if len(_ACTION_TABLE.findall(doc.text[:4000])) >= 3 and re.search(
            r"\brecommendation", doc.text[:4000], re.IGNORECASE
        ):
            return Decision(
                "action plan",
                TEXT,
                "a table of recommendations, actions, leads and timescales",
                1,
                0.55,
            )
        return None

    def role_from_file():
        name = str(file_meta.get("filename") or file_meta.get("title") or "")
        for role, pattern in _ROLE_FILENAME:
            if re.search(pattern, name, re.IGNORECASE):
                return Decision(role, FILE, f"file name: {name}", None, 0.5)
        return None

    def role_default():
        if review_type.value not in (None, "other") and (len(doc.pages) >= 6 or doc.words >= 2500):
            return Decision(
                "final report",
                TEXT,
                f"a {len(doc.pages)}-page review report with no other role named",
                None,
                0.45,
            )
        return None

    fields["document_role"] = _first(
        lambda: (
            Decision("other", TEXT, f"not a case review: {about}", doc.title_page_number, 0.6)
            if about
            else None
        ),
        lambda: (
            Decision(
                _role_value(context["role"]), LISTING, f"listing role: {context['role']}", None, 0.9
            )
            if context.get("role") and _role_value(context["role"])
            else None
        ),
        lambda: (lambda r: Decision(r[0], LISTING, r[1], None, 0.8) if r else None)(
            role_in(context.get("title") or "")
        ),
        role_from_text,
        role_from_file,
        role_default,
    )

    language = language_of(doc.pages) or language_of([listing])
    fields["language"] = (
        Decision(language[0], TEXT if doc.words else LISTING, language[1], None, language[2])
        if language
        else Decision()
    )

    themes, theme_evidence = tag_themes(
        doc.pages + ([listing] if listing and not doc.words else [])
    )
    fields["themes"] = Decision(
        themes,
        TEXT if themes else None,
        "; ".join(f"{e['theme']} (p{e['page']}): {e['phrase']}" for e in theme_evidence[:12]),
        None,
        0.7 if themes else 0.0,
    )
    keywords = _KEYWORDS.search(listing)
    listed_themes = themes_named(keywords.group(1)) if keywords else []
    if listed_themes:
        merged = [t for t in listed_themes if t not in themes]
        fields["themes"] = Decision(
            themes + merged,
            LISTING if not themes else TEXT,
            f"listing keywords: {keywords.group(1)[:200]}"
            + (f"; {fields['themes'].evidence}" if themes else ""),
            None,
            0.8,
        )

    summary = summary_in(doc)
    fields["summary"] = _first(
        lambda: (
            Decision(squash(context["summary"]), LISTING, "listing summary", None, 0.9)
            if context.get("summary")
            else None
        ),
        lambda: (
            Decision(summary[0], TEXT, summary[0][:120], summary[1], summary[2])
            if summary
            else None
        ),
    )

    # review code: the listing's, else the title page's, else the text's, else the file name's
    code = None
    for source_text, source in (
        (str(context.get("code") or ""), LISTING),
        (listing, LISTING),
        (title_zone, TEXT),
        (doc.text, TEXT),
        (str(file_meta.get("filename") or ""), FILE),
    ):
        if source == LISTING and source_text == str(context.get("code") or "") and source_text:
            code = (source_text, source)
            break
        found = find_review_code(source_text)
        if found:
            code = (found[0], source)
            break
    review_code = normalise_code(code[0]) if code else None
    if review_code is None and board.value and fields["child_pseudonym"].value:
        review_code = (
            f"{normalise_code(board.value)}:{normalise_code(fields['child_pseudonym'].value)}"
        )

    decided = {name: fields.get(name, Decision()) for name in METADATA_FIELDS}
    for name, width in MAX_CHARS.items():
        if isinstance(decided[name].value, str):
            decided[name].value = decided[name].value[:width]
    review_code = review_code[:200] if review_code else None
    return {
        "fields": {name: asdict(d) for name, d in decided.items()},
        "themes": [
            {"theme": e["theme"], "page": e["page"], "sentence": e["sentence"]}
            for e in theme_evidence
        ],
        "recommendations": extract_items(doc.pages),
        "review_code": review_code,
        "review_code_as_written": code[0] if code else None,
        "confidence": round(min(decided[k].confidence for k in KEY_FIELDS), 2),
    }


_ROLES = [role for role, _p in DOCUMENT_ROLES] + ["other"]


def _role_value(text: str) -> str | None:
    """A listing's role, mapped onto the role vocabulary."""
    lowered = str(text).strip().lower()
    for role in _ROLES:
        if lowered == role:
            return role
    found = role_in(str(text))
    return found[0] if found else None


def _empty_result(error: str) -> dict:
    return {
        "fields": {
            name: asdict(
                Decision("unknown" if name == "nation" else [] if name == "themes" else None)
            )
            for name in METADATA_FIELDS
        },
        "themes": [],
        "recommendations": [],
        "review_code": None,
        "review_code_as_written": None,
        "confidence": 0.0,
        "error": error,
    }


def _as_text_values(values) -> dict:
    """A context or file-metadata mapping with every value as text (dates, numbers from a
    database or a PDF's info dictionary) and empty values dropped."""
    if not isinstance(values, dict):
        return {}
    return {
        str(key): value if isinstance(value, str) else str(value)
        for key, value in values.items()
        if value is not None and value != ""
    }


# Column widths of the catalogue (casereview/catalogue/models.py).
MAX_CHARS = {"board": 200, "child_pseudonym": 100, "review_model": 50, "document_role": 40}


def extract_metadata(
    pages: list[str], context: dict | None = None, file_meta: dict | None = None
) -> dict:
    """Every metadata field with value, source, evidence, page and confidence, plus themes
    evidence, recommendations and the review's grouping code. Pure; never raises."""
    try:
        return _extract(
            [p if isinstance(p, str) else "" for p in (pages or [])],
            _as_text_values(context),
            _as_text_values(file_meta),
        )
    except Exception as error:  # a broken rule must not sink a batch; the reason is kept
        return _empty_result(f"{type(error).__name__}: {error}")


def flat_values(result: dict) -> dict:
    """{field: value} for every metadata field of an ``extract_metadata`` result."""
    fields = result.get("fields", {})
    values = {name: (fields.get(name) or {}).get("value") for name in METADATA_FIELDS}
    values["themes"] = list(values.get("themes") or [])
    return values


__all__ = ["extract_metadata", "flat_values", "theme_slug"]
