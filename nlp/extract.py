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
from .dates import latest_plausible_year, parse_date, publication_dates
from .recommendations import extract_items
from .textutil import clean, content_lines, sentences, snippet, squash, to_number
from .themes import tag_themes, theme_slug

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
_COVER_SHEET = re.compile(r"date\s+of\s+publication|deposited\s+with|nspcc", re.IGNORECASE)


class Document:
    """The pages of one document, cleaned, with the zones the rules look at."""

    def __init__(self, pages: list[str]):
        self.pages = [clean(p) if isinstance(p, str) else clean(str(p or "")) for p in pages or []]
        self.lines = [
            [line for line in content_lines(p) if not _HOST_NOISE.match(line)] for p in self.pages
        ]
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
        r"(?i:extended\s+child\s+practice\s+review|ymarfer\s+plant\s+estynedig)|\bECPR\b",
    ),
    ("CPR-concise", 0.9, r"(?i:concise\s+child\s+practice\s+review|ymarfer\s+plant\s+cryno)"),
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
    counts = Counter(code for _p, code, _c, _m in hits)
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
_NAMED = re.compile(
    r"(?i:in\s+respect\s+of|relating\s+to|into\s+the\s+death\s+of|the\s+death\s+of|concerning"
    r"|review\s*[:\-–])\s+(?:the\s+)?([A-Z][a-z]{2,14})\b(?!\s+(?:Safeguarding|Council|County|Borough|City))"
)
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
    if title_zone:
        for match in _NAMED.finditer(text):
            if match.group(1) not in _NOT_NAME:
                return match.group(1), snippet(text, match.start(), match.end(), 40), 0.5
    return None


_NUM = (
    r"(\d{1,2}(?:\.\d)?|"
    + "|".join(
        [
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            r"twenty(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?",
        ]
    )
    + r")"
)
_UNIT = r"(day|week|month|year|yr)s?"
_AFTER = r"(?:\s+(?:baby\s+|infant\s+)?(?P<noun>[a-z]+(?:\s+[a-z]+)?))?"
AGE_PATTERNS = [
    re.compile(rf"\b{_NUM}[\s-]+{_UNIT}[\s-]+old\b{_AFTER}", re.IGNORECASE),
    re.compile(
        rf"\baged\s+{_NUM}(?:\s+{_UNIT})?(?:,?\s+(?:and\s+)?{_NUM}\s+{_UNIT})?{_AFTER}",
        re.IGNORECASE,
    ),
    re.compile(rf"\bat\s+the\s+age\s+of\s+{_NUM}(?:\s+{_UNIT})?{_AFTER}", re.IGNORECASE),
    re.compile(rf"\b{_NUM}\s+oed\b{_AFTER}", re.IGNORECASE),
]
_UNIT_YEARS = {"day": 1 / 365.25, "week": 7 / 365.25, "month": 1 / 12, "year": 1.0, "yr": 1.0}
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
    groups = [g for g in match.groups()]
    number = to_number(groups[0]) if groups[0] else None
    if number is None:
        return None
    unit = (groups[1] or "year").lower()
    value = number * _UNIT_YEARS[unit]
    if len(groups) > 4 and groups[2] and groups[3]:
        extra = to_number(groups[2])
        if extra is not None:
            value += extra * _UNIT_YEARS[groups[3].lower()]
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
            noun = (match.group("noun") or "").lower()
            first_noun = noun.split()[0] if noun else ""
            if _ADULT.fullmatch(first_noun) or _ADULT.match(noun):
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
            sex = (
                "male"
                if first_noun in MALE_NOUNS
                else "female"
                if first_noun in FEMALE_NOUNS
                else None
            )
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


def sex_in(text: str) -> tuple[str, str, float] | None:
    """(sex, evidence, confidence) from boy/girl words and "his father"/"her father" phrases:
    in a child's review the child is usually the one whose parents are named."""
    male = list(_MALE.finditer(text))
    female = list(_FEMALE.finditer(text))
    if not male and not female:
        return None
    if len(male) >= 2 * len(female) and male:
        match, sex, n, m = male[0], "male", len(male), len(female)
    elif len(female) >= 2 * len(male) and female:
        match, sex, n, m = female[0], "female", len(female), len(male)
    else:
        return None
    confidence = 0.75 if n >= 3 and m == 0 else 0.6 if n >= 2 else 0.45
    return sex, snippet(text, match.start(), match.end(), 40), confidence


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
    r"\b(?:could|might|may|would|risk\s+of|whether|if|criteria|where\s+a\s+child|when\s+a\s+child"
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
    r"|chair|date|version|status|published|date\s+of|lscb|title\s*:|www\.|https?:|tel|email"
    r"|©|copyright|crown\s+copyright|page\b|protective\s+marking|official)",
    re.IGNORECASE,
)


def title_in(doc: Document) -> tuple[str, str, int, float] | None:
    """(title, evidence, page, confidence) from the title page: the block of lines that starts at
    the first line naming a review, report or briefing."""
    lines = doc.title_lines
    if doc.cover_sheet:
        for line in doc.lines[0]:
            field = re.match(r"^title\s*:\s*(.+)$", line, re.IGNORECASE)
            if field and not lines:
                return squash(field.group(1)), line, 1, 0.6
    candidates = [
        line
        for line in lines[:25]
        if not _NOT_TITLE_LINE.match(line) and not re.search(r"\.{4,}", line) and len(line) < 200
    ]
    for i, line in enumerate(candidates):
        if (
            _TITLE_CUE.search(line)
            and not gazetteer.find_boards(line)
            or (_TITLE_CUE.search(line) and len(line.split()) > 6)
        ):
            block = [line]
            for follower in candidates[i + 1 : i + 4]:
                if parse_date(follower) and len(follower) < 30 or gazetteer.find_boards(follower):
                    break
                if (
                    len(" ".join(block + [follower])) > 180
                    or follower.endswith(".")
                    or re.search(
                        r"\b(?:author|reviewer|chair|written\s+by|prepared\s+by)\b", follower, re.I
                    )
                ):
                    break
                if follower[:1].isupper() or follower[:1] in "–-:(" or block[-1][-1:] in ":–-":
                    block.append(follower)
                else:
                    break
            title = squash(" ".join(block)).strip(" :-–")
            return title, line, doc.title_page_number, 0.75
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
    for key in ("creation_date", "CreationDate", "created", "modified", "ModDate", "date"):
        stamp = parse_date(
            re.sub(r"^D:(\d{4})(\d\d)(\d\d).*", r"\1-\2-\3", str(file_meta.get(key) or ""))
        )
        if stamp:
            return Decision(
                stamp.year, FILE, f"file {key}: {file_meta.get(key)}", None, 0.35
            ), Decision()
    latest = latest_plausible_year(doc.pages)
    if latest:
        year, page, evidence = latest
        return Decision(
            year, TEXT, f"latest year the text mentions: {evidence}", page, 0.3
        ), Decision()
    return Decision(), Decision()


def review_code_hint(doc: Document, context: dict) -> bool:
    """Whether a review code appears in the listing or on the title page."""
    return bool(context.get("code") or find_review_code(doc.title_zone))


def _extract(pages: list[str], context: dict, file_meta: dict) -> dict:
    doc = Document(pages)
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
        title_from_text,
        lambda: (
            Decision(
                squash(context["title"]), LISTING, f"listing title: {context['title']}", None, 0.7
            )
            if context.get("title")
            else None
        ),
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
    age, age_sex = age_listing or age_text or (Decision(), None)
    fields["child_age_years"] = age

    def sex_from(zone_text, source):
        found = sex_in(zone_text)
        return Decision(found[0], source, found[1], None, found[2]) if found else None

    fields["child_sex"] = _first(
        lambda: Decision(age_sex, age.source, age.evidence, age.page, 0.8) if age_sex else None,
        lambda: sex_from(listing, LISTING),
        lambda: sex_from(doc.text, TEXT),
    )

    def outcome_from(zone_text, source, page, title):
        found = outcome_in(zone_text, title)
        return Decision(found[0], source, found[1], page, found[2]) if found else None

    fields["outcome"] = _first(
        lambda: outcome_from(listing, LISTING, None, True),
        lambda: outcome_from(title_zone, TEXT, doc.title_page_number, True),
        lambda: outcome_from(doc.text, TEXT, None, False),
    )

    def model_from(zone_text, source):
        found = review_model_in(zone_text)
        return Decision(found[0], source, found[1], None, found[2]) if found else None

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
            f"{_board_slug(board.value)}:{normalise_code(fields['child_pseudonym'].value)}"
        )

    decided = {name: fields.get(name, Decision()) for name in METADATA_FIELDS}
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


def _board_slug(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z]+", name) if w[0].isupper()) or name.upper()


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


def extract_metadata(
    pages: list[str], context: dict | None = None, file_meta: dict | None = None
) -> dict:
    """Every metadata field with value, source, evidence, page and confidence, plus themes
    evidence, recommendations and the review's grouping code. Pure; never raises."""
    try:
        return _extract(
            [p if isinstance(p, str) else "" for p in (pages or [])],
            dict(context or {}),
            dict(file_meta or {}),
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
