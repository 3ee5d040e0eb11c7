"""Review type: the kind of review a document belongs to (the codes in
``casereview.vocabulary.REVIEW_TYPES``), decided in two steps in this one module.

1. ``ReviewTypeRule`` reads the cues: the title page first, then the listing, then the body (the
   most frequent cue), then the file's metadata.
2. ``ReviewTypeInContext`` revises it once the nation and year are known: a bare "SCR" in Scotland
   is a Significant Case Review; a Welsh board's document naming no type is a Child Practice
   Review; a local review that mentions the national Panel stays local; an annual report, a
   policy, a study of many reviews or an inspectorate's or government's report is "other".
"""

from __future__ import annotations

import itertools
import re
from collections import Counter

from .. import gazetteer
from ..codes import find_review_code, review_codes_in
from ..decision import FILE, LISTING, TEXT, Decision, first
from ..document import Document, is_sentence
from ..listing import listing_text
from ..textutil import BODY_PUBLISHED, NATIONAL_REVIEW_WORDS, snippet, to_number
from .base import FieldRule
from .board import national_publisher
from .child import pseudonyms_in
from .role import NOT_A_REVIEW, role_in

# A method named after the Welsh framework is not a Welsh review (DOCUMENTS.md 7.1). The national
# Panel publishing is a national review; named otherwise, the Panel is what every local review
# mentions.
_MODEL_MENTION = re.compile(
    r"(?:welsh\s+)?(?:child\s+practice\s+review|cpr)\s+(?:model|methodology|approach|framework)"
    rf"|child\s+safeguarding\s+practice\s+review\s+panel(?!{BODY_PUBLISHED})",
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
    (
        "SUSR",
        0.9,
        r"(?i:single\s+unified\s+safeguarding\s+review|adolygiad\s+diogelu\s+unedig\s+sengl)"
        r"|\bSUSR\b",
    ),
    # A review of several children's cases on one theme is none of the statutory types
    # ("Thematic Review", "Thematic Learning from Case Reviews", "thematic analysis of SCRs").
    (
        "other",
        0.8,
        r"(?i:\bthematic\s+(?:learning\s+)?review\b"
        r"|\bthematic\s+(?:learning|analysis)\s+(?:from|of)\s+(?:[\w-]+\s+){0,3}reviews\b)",
    ),
    (
        "national-review",
        0.8,
        rf"(?i:{NATIONAL_REVIEW_WORDS}"
        rf"|child\s+safeguarding\s+practice\s+review\s+panel{BODY_PUBLISHED}"
        # the Panel under a name a text garbles ("Child Protection Practice Review Panel")
        r"|chair(?:man|woman|person)?\s+of\s+the\s+(?:child\s+)?(?:safeguarding|protection)"
        r"\s+practice\s+review\s+panel"
        r"|(?:review|inquiry|investigation)\s+by\s+the\s+(?:national\s+)?child\s+safeguarding"
        r"\s+practice\s+review\s+panel)",
    ),
    (
        "LCSPR",
        0.9,
        r"(?i:(?:local\s+)?child(?:ren['’]?s)?\s+safeguarding\s+practice\s+review"
        r"|local\s+(?:child(?:ren)?\s+)?safeguarding\s+(?:children\s+)?practice\s+review)"
        r"|\bL?CSPR\b",
    ),
    # England's review under a child's name, "child" not right before it ("Child Ollie
    # Safeguarding Practice Review", "Safeguarding Practice Review: Family K")
    ("LCSPR", 0.8, r"(?i:(?<!adult\s)(?<!adults\s)\bsafeguarding\s+practice\s+review\b)"),
    ("SigCR", 0.9, r"(?i:significant\s+case\s+(?:learning\s+)?review)"),
    ("CMR", 0.9, r"(?i:case\s+management\s+review)|\bCMR\b"),
    (
        "SCR",
        0.9,
        # in Welsh "Adolygiad (Annibynnol) Achos Difrifol"
        r"(?i:serious\s+case\s+review|\bpart\s+8\s+review"
        r"|adolygiad(?:au)?\s+(?:annibynnol\s+)?achos(?:ion)?\s+difrifol)",
    ),
    ("learning-review", 0.75, r"(?i:\blearning\s+reviews?\b)"),
    (
        "CPR-concise",
        0.55,
        r"(?i:child\s+practice\s+review|adolygiad\s+ymarfer\s+plant)|\bCPR\s+[A-Z]{2,}",
    ),
    ("SCR?", 0.5, r"\bSCR\b"),
    # "Child Q Practice Review": a local review of the nation's current kind (ReviewTypeInContext).
    ("practice review?", 0.5, r"(?i:\bpractice\s+review\b)"),
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


# A kind that another has replaced ("Learning Reviews replace Significant Case Reviews",
# "serious case reviews were replaced by …", "which replaced the previous guidance on
# Significant Case Review") is not the kind a text is about.
_REPLACED_BEFORE = re.compile(
    r"\b(?:replac(?:e|es|ed|ing)|supersed(?:e|es|ed|ing)|instead\s+of|rather\s+than"
    r"|formerly(?:\s+known\s+as)?|previously(?:\s+known\s+as)?|no\s+longer)"
    r"\s+(?:the\s+|our\s+|former\s+|previous\s+|earlier\s+)*"
    # "replaced the previous guidance on Significant Case Review"
    r"(?:(?:guidance|framework|arrangements|process|system)\s+(?:on|for|of)\s+)?$",
    re.IGNORECASE,
)
_REPLACED_AFTER = re.compile(
    r"^s?\)?\s+(?:(?:(?:were|was|have\s+been|has\s+been|are|is|being)\s+)?"
    r"(?:replaced|superseded)\b"
    # "Serious case review will no longer be commissioned"
    r"|(?:will|are|is|were|was)\s+no\s+longer\b)",
    re.IGNORECASE,
)


def _replaced(text: str, match: re.Match) -> bool:
    return bool(
        _REPLACED_BEFORE.search(text[max(0, match.start() - 40) : match.start()])
        or _REPLACED_AFTER.match(text[match.end() : match.end() + 40])
    )


# A national review a local one draws on ("use learning from the next national child
# safeguarding practice review", "the findings of the national review into …"): what a
# recommendation cites, not what the text is.
_CITED_BEFORE = re.compile(
    r"\b(?:learning|lessons|findings|recommendations)\s+(?:from|of)\s+(?:the\s+)?"
    r"(?:(?:next|latest|recent|forthcoming|previous|last|first)\s+)?$",
    re.IGNORECASE,
)


def _cited(text: str, code: str, match: re.Match) -> bool:
    return code == "national-review" and bool(
        _CITED_BEFORE.search(text[max(0, match.start() - 50) : match.start()])
    )


# A member's post named after a kind of review, in a board's attendance list ("CMR Panel Chair",
# "Chair of the SCR Sub-group"): the board's standing work, not what the text is about.
_CHAIR_OF_THE = re.compile(r"\bchair(?:man|person)?\s+of\s+the\s+$", re.IGNORECASE)
_GROUP_AFTER = re.compile(r"^s?\s+(?:panel|sub-?group|sub-?committee)\b", re.IGNORECASE)
_CHAIR_AFTER = re.compile(r"^s?\s+(?:panel|sub-?group|sub-?committee)\s+chair\b", re.IGNORECASE)


def _a_members_post(text: str, match: re.Match) -> bool:
    after = text[match.end() : match.end() + 30]
    return bool(
        _CHAIR_AFTER.match(after)
        or (
            _GROUP_AFTER.match(after)
            and _CHAIR_OF_THE.search(text[max(0, match.start() - 30) : match.start()])
        )
    )


def type_hits(text: str, exclude=()) -> list[tuple[int, str, float, re.Match]]:
    """Every review-type cue in ``text``: (position, code, confidence, match); one per span."""
    text = _MODEL_MENTION.sub(lambda m: " " * len(m.group(0)), text)
    hits, taken = [], []
    for code, conf, pattern in _TYPE_RES:
        if code in exclude:
            continue
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            if _replaced(text, match) or _a_members_post(text, match) or _cited(text, code, match):
                taken.append((match.start(), match.end()))
                continue
            hits.append((match.start(), code, conf, match))
            taken.append((match.start(), match.end()))
    return sorted(hits, key=lambda h: h[0])


def review_type_in(text: str, title_zone: bool, exclude=()) -> tuple[str, float, str] | None:
    """(code, confidence, evidence) from one zone: on a title page the first cue wins, in a body
    the most frequent one (with a lower confidence)."""
    hits = type_hits(text, exclude)
    if not hits:
        return None
    if title_zone:
        position, code, conf, match = hits[0]
        return code, conf, snippet(text, match.start(), match.end(), 50)
    # The most frequent kind of review among the surest cues, then its most specific code
    # ("extended CPR" over "CPR CTMSB 3/2022").
    best = max(_strength(code, conf) for _p, code, conf, _m in hits)
    counts = Counter(
        _FAMILY.get(code, code) for _p, code, conf, _m in hits if _strength(code, conf) == best
    )
    family, _n = counts.most_common(1)[0]
    in_family = [h for h in hits if _FAMILY.get(h[1], h[1]) == family]
    first = max(in_family, key=lambda h: h[2])  # the earliest of the most specific
    return first[1], min(first[2], 0.7), snippet(text, first[3].start(), first[3].end(), 50)


# Codes of one kind of review: "child practice review" names the kind surely, though not whether
# it was concise or extended, so among other kinds it counts as surely as "serious case review".
_FAMILY = {"CPR-concise": "CPR", "CPR-extended": "CPR"}
_SURE = 0.9


def _strength(code: str, confidence: float) -> float:
    return _SURE if code in _FAMILY else confidence


_ABOUT_REVIEWS = re.compile(
    r"\b(?:annual\s+report|business\s+plan|strategic\s+plan|newsletter|minutes\s+of|agenda"
    r"|procedures?\s+manual|policy\s+and\s+procedure|protocol\s+for|inspection\s+report"
    r"|fatal\s+accident\s+inquiry|determination\s+by|research\s+report|literature\s+review"
    r"|triennial\s+(?:analysis|review)|annual\s+review|committee\s+report|cabinet\s+report"
    r"|report\s+to\s+(?:the\s+)?(?:\w+\s+){0,4}committee"
    r"|overview\s+of\s+(?:the\s+)?learning"
    # an explainer: "A Guide to Case Management Reviews", "What is a Child Practice Review?"
    r"|guide\s+to\s+(?:\w+\s+){0,3}reviews"
    r"|what\s+(?:is|are)\s+(?:an?\s+)?(?:[\w-]+\s+){0,4}reviews?(?=\s*\?)"
    r"|(?:audit|analysis|review|overview|study)\s+of\s+(?:\w+\s+){0,3}(?:case\s+)?reviews"
    r"|(?:scrutiny|cabinet|council)\s+(?:committee|meeting|panel))\b",
    re.IGNORECASE,
)
# Council and committee papers: about one review when their item names it.
_MEETING_PAPER = re.compile(
    r"agenda|minutes|committee|cabinet|council|scrutiny|meeting", re.IGNORECASE
)


# An agenda item's heading comes within the paper's first lines ("Agenda item" / "CHILD
# PRACTICE REVIEW"); a heading is a short line.
ITEM_HEADING_LINES = 4
ITEM_HEADING_WORDS = 12


def _names_a_type(line: str) -> bool:
    """A short heading line that names a (local) review type."""
    return len(line.split()) <= ITEM_HEADING_WORDS and any(
        code != "national-review" for _p, code, _c, _m in type_hits(line)
    )


# A study of many reviews or many children's cases ("analysed 24 case reviews", "reviews the
# cases of 23 children", "analysis of 50 ICRs"), in its opening: about reviews, whatever type it
# names. A review of one family may consider a few children, so children or cases count from
# MANY_CHILDREN.
_MANY_CASES = re.compile(
    r"\b(?:analys\w*|review(?:s|ed|ing)?|examin\w*|consider\w*|stud(?:y|ied|ies)"
    r"|look(?:s|ed|ing)?\s+at"
    r"|draws?\s+on|based\s+on|learning\s+from)\s+(?:of\s+)?(?:the\s+)?(?:cases\s+of\s+)?"
    r"(?P<number>\d{1,4}|[a-z]+)\s+(?:(?!(?:years?|months?|weeks?|days?|of)\b)[\w-]+\s+){0,3}?"
    r"(?P<what>(?:case\s+)?reviews|review\s+reports|children|cases|(?:L?CSP|SC|IC|CM|CP)Rs)\b"
    r"(?!['’])",
    re.IGNORECASE,
)
MANY_REVIEWS = 3
MANY_CHILDREN = 10
_OPENING_CHARS = 1500


def _many_cases(text: str) -> str | None:
    for match in _MANY_CASES.finditer(text):
        count = to_number(match.group("number")) or 0
        what = match.group("what").lower()
        least = MANY_CHILDREN if what in ("children", "cases") else MANY_REVIEWS
        if count >= least:
            return match.group(0)
    return None


# A consultation on how reviews will be done ("launching a consultation on proposed changes to
# introduce the Single Unified Safeguarding Review", "views sought on a new review process"),
# not a review: a review's opening consults on no draft, change or guidance.
_CONSULTATION = re.compile(
    r"\bconsultation\s+(?:on|seeking\s+views\s+on)\s+(?:the\s+|a\s+)?(?:proposed|draft|new"
    r"|changes|introduc\w*|statutory|revised)\b|\bviews\s+(?:are\s+being\s+)?sought\s+on\b"
    r"|\bsummary\s+of\s+(?:consultation\s+)?responses\b",
    re.IGNORECASE,
)


# A sample counted the way research counts it ("Domestic Homicide Reviews (n=10)", "documentary
# analysis (n=20)"): a study of many reviews.
_SAMPLE_SIZE = re.compile(r"\(\s*n\s*=\s*(?P<number>\d{1,4})\s*\)", re.IGNORECASE)
# The kinds that only one nation's boards carry out, each named by its full name.
_ONE_NATIONS_KIND = {
    "CPR-concise": "Wales", "CPR-extended": "Wales", "SUSR": "Wales", "LCSPR": "England",
    "SCR": "England", "SigCR": "Scotland", "CMR": "Northern Ireland",
}  # fmt: skip
SYSTEMS_COMPARED = 3


def _sample(text: str) -> str | None:
    counted = _SAMPLE_SIZE.search(text)
    return counted.group(0) if counted and int(counted["number"]) >= MANY_REVIEWS else None


def _systems_compared(text: str) -> str | None:
    """The kinds of review of three nations or more, named side by side: a text that explains
    the systems ("in England they are called serious case reviews; in Northern Ireland, case
    management reviews"), not one review."""
    nations = {
        _ONE_NATIONS_KIND[code]: match.group(0)
        for _position, code, _conf, match in type_hits(text)
        if code in _ONE_NATIONS_KIND
    }
    if len(nations) < SYSTEMS_COMPARED:
        return None
    return "the kinds of review of " + ", ".join(sorted(nations))


# A page headed by a kind of review in the plural ("Child Practice Reviews", "Published Serious
# Case Reviews", "Our Case Management Reviews (CMRs)"): the board's page on the process or its
# list of reviews, unless it names one review (one code or one child) below the heading.
_PLURAL_KIND_HEADING = re.compile(
    r"(?:(?:our|published|recent|local)\s+)*(?:(?:child(?:ren['’]?s)?\s+)?safeguarding\s+practice"
    r"|child\s+practice|serious\s+case|significant\s+case|case\s+management|learning"
    r"|(?:child\s+)?case)\s+reviews(?:\s*\([A-Z]{2,6}s\))?",
    re.IGNORECASE,
)
_PAGE_OPENING_CHARS = 3000


def _plural_kind_heading(doc: Document, context: dict) -> str | None:
    heading = doc.title_lines[0] if doc.title_lines else ""
    if context.get("title") or not _PLURAL_KIND_HEADING.fullmatch(heading.strip(" :")):
        return None
    opening = doc.text[:_PAGE_OPENING_CHARS]
    one_review = len(pseudonyms_in(opening)) == 1 or len(review_codes_in(opening)) == 1
    return None if one_review else heading


# The details of a review type decided by ``about_reviews``: a text about many reviews or cases
# (an inquiry into one child's death, an adult's review, is "other" too, but about one case).
ABOUT_REVIEWS = "about reviews"


def about_reviews(doc: Document, context: dict, national: bool = False) -> str | None:
    """The phrase that marks a document about case reviews (an annual report, a policy,
    research, a study of many cases, a consultation) rather than one review. A council's
    committee paper whose item is one review (its heading names the review's type) belongs to
    that review; a ``national`` review (the Panel's) may well study many cases."""
    opening = doc.text[:_OPENING_CHARS]
    consultation = _CONSULTATION.search(opening)
    return (
        _kind_of_paper(doc, context)
        or _plural_kind_heading(doc, context)
        or (consultation.group(0) if consultation else None)
        # (a listing block under its page's introduction of the kinds it lists is one review)
        or (None if doc.block_heading else _systems_compared(opening))
        or (None if national else _many_cases(opening) or _sample(opening))
    )


# A title is short, and below its first two lines no sentence: in a news report's opening
# sentences "an inspection report" is what the review is set beside, not what the text is.
TITLE_LINE_WORDS = 20


# Guidance on how reviews are done, even headed by the review type ("Case Management Review
# Process Practice Guidance", "Initial and Significant Case Reviews Protocol").
_GUIDANCE = re.compile(
    r"\b(?:(?:practice|process|procedural|statutory)\s+guidance|guidance\s+(?:on|for)\b"
    r"|protocol\b)",
    re.I,
)


# A text whose first line opens with the word, however long the line ("Annex 2: National
# Protocol for the Police Service of Scotland, … on Learning Reviews").
_GUIDANCE_FIRST = re.compile(
    r"(?:annex\s+\w+\s*[:.–-]\s*)?(?:(?:national|statutory|practice)\s+)?(?:protocol|guidance)\b",
    re.I,
)


def _kind_of_paper(doc: Document, context: dict) -> str | None:
    """The kind of paper about reviews the title names ("annual report", "minutes of")."""
    lines = [
        line
        for number, line in enumerate(doc.title_lines[:6])
        if len(line.split()) <= TITLE_LINE_WORDS and (number < 2 or not is_sentence(line))
    ]
    title_text = f"{context.get('title') or ''}\n" + "\n".join(lines)
    # Guidance is what the text is headed by, not a link to it below the page's prose.
    headings = [
        line
        for line in itertools.takewhile(lambda line: not is_sentence(line), doc.title_lines[:6])
        if len(line.split()) <= ITEM_HEADING_WORDS
    ]
    guidance = _GUIDANCE.search("\n".join(headings)) or _GUIDANCE_FIRST.match(
        doc.title_lines[0] if doc.title_lines else ""
    )
    if guidance:
        return guidance.group(0)
    match = _ABOUT_REVIEWS.search(title_text)
    if not match:
        return None
    before = title_text[: match.start()]
    if any(conf >= 0.75 for _p, _c, conf, _m in type_hits(before)) or role_in(before):
        return None  # "Serious Case Review … Annual Report" names the review first
    if _MEETING_PAPER.search(match.group(0)):
        item = "\n".join(doc.title_lines[:15])
        if any(
            conf >= 0.75 and code != "national-review" for _p, code, conf, _m in type_hits(item)
        ) or any(_names_a_type(heading) for heading in doc.title_lines[:ITEM_HEADING_LINES]):
            return None
    return match.group(0)


def review_code_hint(doc: Document, context: dict) -> bool:
    """Whether a review code appears in the listing or on the title page."""
    return bool(context.get("code") or find_review_code(doc.title_zone))


def _type_from(text: str, source: str, page: int | None, title: bool, floor: float = 0.0):
    found = review_type_in(text, title)
    if not found or found[1] < floor:
        return None
    return Decision(found[0], source, found[2], page, found[1])


def _kind_of(board: str | None) -> str | None:
    entry = gazetteer.lookup(board) if board else None
    return entry.kind if entry else None


def _is_panel(board: str | None) -> bool:
    return _kind_of(board) == "national panel"


# Reviews of adults that boards publish beside children's: on a title page, not a case review.
_ADULT_REVIEW = re.compile(
    r"(?i:domestic\s+homicide\s+review|safeguarding\s+adults?\s+review|adult\s+practice\s+review"
    r"|mental\s+health\s+homicide\s+review|offensive\s+weapon\s+homicide\s+review)"
    r"|\b(?:DHR|SAR|APR)\s*\d",
)


# Adults' committees and boards commission reviews of adults, whatever type they name.
_ADULTS_BODY = re.compile(
    r"(?i:adult\s+protection\s+committee|safeguarding\s+adults\s+(?:board|partnership))"
    # a logo's words alone on their line ("Northamptonshire / SAFEGUARDING ADULTS"), an SAB
    r"|(?im:^\W*safeguarding\s+adults\W*$)|\b[A-Z]{0,4}SAB\b"
)
_CHILDRENS_BODY = re.compile(
    r"(?i:child\s+protection\s+committee|safeguarding\s+children|children['’]?s?\s+"
    r"(?:safeguarding\s+)?(?:board|partnership))"
)


def _adult_review(zone: str) -> Decision | None:
    """ "other" when the title page names an adult review before any child review type, or an
    adults' committee and no children's body."""
    body = _ADULTS_BODY.search(zone)
    if body and not _CHILDRENS_BODY.search(zone):
        return Decision("other", TEXT, f"{NOT_A_REVIEW}{body.group(0)}", None, 0.7)
    adult = _ADULT_REVIEW.search(zone)
    if not adult:
        return None
    hits = [h for h in type_hits(zone) if h[2] >= 0.75]
    if hits and hits[0][0] < adult.start():
        return None
    return Decision("other", TEXT, f"{NOT_A_REVIEW}{adult.group(0)}", None, 0.7)


# The types a text the Panel published may be read as, which make it a national review (the
# Panel's name holds "child safeguarding practice review"; "practice review" is bare).
_WHAT_THE_PANEL_PUBLISHES_NATIONALLY = (
    None, "LCSPR", "practice review?", "SCR", "learning-review", "other",
)  # fmt: skip


def _block_or_title_zone(doc: Document) -> str:
    """A listing block's own text, from its heading on, when it sits under its page's
    introduction ("Summaries of serious case reviews, significant case reviews and child
    practice reviews published in 2017"), which names the kinds of the whole page; else the
    title zone."""
    if doc.block_heading:
        start = doc.title_zone.find(doc.block_heading["heading"])
        if start > 0:
            return doc.title_zone[start:]
    return doc.title_zone


class ReviewTypeRule(FieldRule):
    """The review type the cues name. A title page that names its type says it best (listings
    reuse one heading for every review); a vague title page ("Child Practice Review") yields to
    the listing."""

    field = "review_type"

    def decide(self, doc, context, decided):
        listing = listing_text(context)
        zone, page = _block_or_title_zone(doc), doc.title_page_number
        meta = " ".join(str(v) for v in doc.file_meta.values())
        found = first(
            lambda: _adult_review(zone),
            lambda: _type_from(zone, TEXT, page, True, floor=0.75),
            lambda: _type_from(listing, LISTING, None, True),
            lambda: _type_from(doc.text, TEXT, None, False, floor=0.7),
            lambda: _type_from(zone, TEXT, page, True),
            lambda: _type_from(doc.text, TEXT, None, False),
            lambda: _type_from(meta, FILE, None, True),
        )
        return self._national_or_local(found, doc, decided)

    @staticmethod
    def _national_or_local(found: Decision, doc: Document, decided) -> Decision:
        """A national review is one the Panel published, or one whose title page says so and
        names no local review; a local review that mentions the Panel stays local."""
        board = decided.get("board", Decision()).value
        if _is_panel(board):
            if found.value in _WHAT_THE_PANEL_PUBLISHES_NATIONALLY:
                return Decision(
                    "national-review",
                    found.source or TEXT,
                    found.evidence or f"published by {board}",
                    found.page,
                    0.7,
                )
            return found
        if found.value != "national-review" or found.source == LISTING:
            return found
        local = [hit for hit in type_hits(doc.title_zone) if hit[1] in ("LCSPR", "SCR", "SigCR")]
        if local:
            return Decision(
                local[0][1], TEXT, f"a local review naming the national Panel: {found.evidence}",
                doc.title_page_number, 0.75,
            )  # fmt: skip
        if found.page is not None:  # the title page calls it a national review
            return found
        # A body that speaks of national reviews: the most frequent other cue, if any.
        other = review_type_in(doc.text, False, exclude=("national-review",))
        return Decision(other[0], TEXT, other[2], None, other[1]) if other else Decision()
        return found


# An inspection (by the inspectorates, not a board) that names no review type is not a case
# review, even when it is about one board's area. An inspectorate named as an agency (in an
# action plan) is not an inspection.
_INSPECTION = re.compile(
    r"\b(?:inspectorates\b|joint\s+inspection|(?:the|this)\s+inspection\s+(?:found|report)"
    r"|(?:carried\s+out|conducted|led)\s+by\s+(?:the\s+)?(?:\w+\s+){0,4}inspectorates?\b"
    # an inquiry, which a text that names no kind of review speaks of ("two inquiries were
    # launched"), is not a case review
    r"|(?:public|independent|statutory|two|the|these|both)\s+inquir(?:y|ies)\b)",
    re.IGNORECASE,
)
# A text that speaks of a case review without naming its kind ("a safeguarding review has
# concluded", "the review found", "the review, commissioned by …, found").
_A_CASE_REVIEW = re.compile(
    r"\b(?:safeguarding|case|practice|local)\s+reviews?\b"
    r"|\bthe\s+review(?:,[^,.\n]{1,80},)?\s+(?:found|concluded|said|says|has\s+found|identified)\b",
    re.IGNORECASE,
)
# A parliamentary question or debate, at the head of its record: it is asked of a government
# department, which the text names, and is about the kind of review it names.
_PARLIAMENTARY = re.compile(
    r"\bto\s+ask\s+the\s+(?:secretary\s+of\s+state|(?:scottish|welsh)\s+(?:government|executive)"
    r"|(?:first\s+)?minister|cabinet\s+secretary)\b|\bhansard\b|\bdebated\s+on\b"
    r"|\burgent\s+questions?\b|\bwritten\s+(?:question|answer)\b|\bdate\s+lodged\b",
    re.IGNORECASE,
)
_PARLIAMENTARY_HEAD = 1500
# A text that never speaks of a review (a committee's session on the board itself) is none.
_ANY_REVIEW = re.compile(r"\breview|\badolygiad", re.IGNORECASE)
# The Welsh framework named as the method: in Wales, a Child Practice Review.
_WELSH_MODEL = re.compile(r"(?:welsh\s+)?child\s+practice\s+review\s+(?:model|framework)", re.I)
# The type a case review of each nation took, by the year it was published (DESIGN.md).
_ERAS = {
    "England": ((2019, "SCR"), (9999, "LCSPR")),
    "Wales": ((2013, "SCR"), (9999, "CPR-concise")),
    "Scotland": ((2021, "SigCR"), (9999, "learning-review")),
    "Northern Ireland": ((9999, "CMR"),),
}


# The nations whose current local reviews are practice reviews (LCSPR, CPR).
_PRACTICE_REVIEW_NATIONS = ("England", "Wales")


def _current_practice_review(nation: str | None, year: int | None) -> str | None:
    """A review called only a "practice review": its nation's current kind of local review,
    unless it was published before that kind began."""
    if nation not in _PRACTICE_REVIEW_NATIONS:
        return None
    eras = _ERAS[nation]
    began = eras[-2][0]
    return eras[-1][1] if year is None or year >= began else None


class ReviewTypeInContext(FieldRule):
    """The review type revised with the nation, the year and what the document is about."""

    field = "review_type"

    @staticmethod
    def _of_its_era(nation, year, doc) -> Decision:
        """A case review (an NSPCC listing says so) that names no type: the type its nation
        used that year, with a low confidence."""
        if nation not in _ERAS or year is None:
            return Decision()
        if nation == "Wales" and _WELSH_MODEL.search(doc.text):
            return Decision(
                "CPR-concise", TEXT, "the Welsh Child Practice Review model", None, 0.45
            )
        code = next(code for until, code in _ERAS[nation] if year < until)
        evidence = f"a case review listed by the NSPCC in {nation} in {year}, naming no type"
        return Decision(code, TEXT, evidence, None, 0.35)

    def decide(self, doc, context, decided):
        review_type = decided.get("review_type", Decision())
        nation = decided.get("nation", Decision()).value
        board = decided.get("board", Decision()).value
        year = decided.get("year", Decision()).value
        if review_type.value == "SCR?":  # the bare acronym: a Significant Case Review in Scotland
            review_type.value = "SigCR" if nation == "Scotland" else "SCR"
        if review_type.value == "practice review?":
            review_type.value = _current_practice_review(nation, year)
        if (
            review_type.value == "SCR"
            and nation == "Scotland"
            and "significant" in review_type.evidence.lower()
        ):
            review_type.value = "SigCR"
        if _kind_of(board) == gazetteer.NATIONAL_BODY and not (
            review_type.value and _PARLIAMENTARY.search(doc.text[:_PARLIAMENTARY_HEAD])
        ):
            # Inspectorates, commissioners and governments publish studies, inspections and
            # investigations; case reviews are the boards' and the Panel's. (A question put
            # to a government about a kind of review is about that kind.)
            return Decision("other", TEXT, f"{NOT_A_REVIEW}published by {board}", None, 0.6)
        if review_type.value is None:
            inspection = _INSPECTION.search(doc.text)
            if inspection:
                return Decision("other", TEXT, f"{NOT_A_REVIEW}{inspection.group(0)}", None, 0.5)
            publisher = None if board else national_publisher(doc)
            if publisher and _kind_of(publisher.value) == gazetteer.NATIONAL_BODY:
                # an inspectorate's or a government's own work, naming no kind of case review
                return Decision("other", TEXT, f"{NOT_A_REVIEW}by {publisher.value}", None, 0.5)
        if review_type.value is None and (
            (board and _ANY_REVIEW.search(doc.text)) or review_code_hint(doc, context)
        ):
            # Documents that name no type (action plans, briefings): since 2013 a Welsh board's
            # reviews are Child Practice Reviews, mostly concise; Northern Ireland's are CMRs.
            if nation == "Wales" and (
                year is None or year >= 2013 or _WELSH_MODEL.search(doc.text)
            ):
                review_type = Decision(
                    "CPR-concise", TEXT, f"a Welsh board's review ({board or 'code'}) naming no type",
                    None, 0.4,
                )  # fmt: skip
            elif nation == "Northern Ireland":
                review_type = Decision(
                    "CMR", TEXT, f"a Northern Ireland review ({board}) naming no type", None, 0.4
                )
            elif board and year and _A_CASE_REVIEW.search(doc.text):
                # "a safeguarding review has concluded" (a news report of an English
                # partnership's review): the kind its nation's boards did that year
                era = self._of_its_era(nation, year, doc)
                if era.value:
                    evidence = f"a review by {board} in {year}, naming no type"
                    review_type = Decision(era.value, TEXT, evidence, None, 0.35)
        if review_type.value is None and doc.block_heading:
            review_type = self._of_its_era(nation, year, doc)  # an NSPCC listing block
        about = about_reviews(doc, context, national=review_type.value == "national-review")
        if about:
            evidence = f"{NOT_A_REVIEW}{about}"
            return Decision("other", TEXT, evidence, doc.title_page_number, 0.6, ABOUT_REVIEWS)
        # (the NSPCC lists case reviews only: a block of an unknown nation is of an unknown kind)
        if review_type.value is None and doc.words > 200 and not doc.block_heading:
            return Decision("other", TEXT, "no review type named", None, 0.3)
        return review_type
