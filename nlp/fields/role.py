"""Document role: what part of a review a document is (final report, executive summary, 7-minute
briefing, action plan, terms of reference, press statement, learning summary, other)."""

from __future__ import annotations

import re

from casereview.vocabulary import DOCUMENT_ROLES

from ..decision import FILE, LISTING, TEXT, Decision, first
from ..document import is_sentence
from ..textutil import snippet
from .base import FieldRule

# The evidence ReviewTypeInContext gives a document about reviews (annual report, policy).
NOT_A_REVIEW = "not a case review: "


def not_a_review(review_type: Decision) -> bool:
    """The review type says the text is about reviews (an annual report, a list of reviews, a
    study of many cases, an adult's review), not one child's review."""
    return review_type.value == "other" and review_type.evidence.startswith(NOT_A_REVIEW)


ROLE_CUES = [
    (
        "7-minute briefing",
        r"(?:7|seven)[\s-]*min(?:ute)?s?[\s-]*(?:briefing|brief|learning|guide)|\b7MB\b|briff\s+7\s+munud",
    ),
    (
        "action plan",
        # Welsh nouns mutate after a word ("a chynllun gweithredu", "ei gynllun gweithredu"),
        # and "Ymateb y Bwrdd" is the Board's response
        r"\baction\s+plan\b|\b(?:c|ch|g|ngh)ynllun\s+gweithredu|\bymateb\s+(?:y|yr)\s+\w+"
        # the partnership's answer to the recommendations is its plan
        r"|\b(?:partnership|board|committee|management|multi-agency)(?:'s)?\s+response\b"
        r"|\bresponse\s+to\s+(?:the\s+)?(?:recommendations|review|findings)\b",
    ),
    ("terms of reference", r"\bterms\s+of\s+reference\b|cylch\s+gorchwyl"),
    (
        "press statement",
        r"press\s+(?:statement|release)|media\s+(?:statement|release)|datganiad\s+i'r\s+wasg"
        # whoever published the review speaks for it: "Statement from the safeguarding
        # partners", "joint statement by the Board"
        r"|statement\s+(?:from|by|on\s+behalf\s+of)\s+the\s+(?:[\w']+\s+){0,3}?"
        r"(?:chair|reviewer|scrutineer|partners|partnership|board|committee)\b"
        r"|\bjoint\s+statement\b",
    ),
    (
        "learning summary",
        r"learning\s+(?:summary|brief|briefing|memo|note|leaflet|bulletin|lessons)|briefing\s+(?:note|paper)"
        r"|lessons\s+learn(?:t|ed)\s+(?:leaflet|summary|briefing)"
        r"|briefing\s+for\s+(?:practitioners|professionals|staff)|(?:practitioner|professional)s?['’]?\s+briefing",
    ),
    ("executive summary", r"executive\s+summary|crynodeb\s+gweithredol"),
    (
        "final report",
        r"overview\s+report|final\s+report|full\s+report|(?:cpr|review)\s+report|adroddiad\s+terfynol"
        r"|report\s+for\s+publication",
    ),
]
_ROLE_RES = [(role, re.compile(p, re.IGNORECASE)) for role, p in ROLE_CUES]
_ROLE_FILENAME = [
    ("7-minute briefing", r"7[\s_-]?(?:min|mb)|seven[\s_-]?minute"),
    ("action plan", r"action[\s_-]?plan|(?:partnership|board|management)[\s_-]?response"),
    ("terms of reference", r"terms[\s_-]?of[\s_-]?reference|\btor\b|[\s_-]tor[\s_.-]"),
    ("press statement", r"press|media[\s_-]statement"),
    ("executive summary", r"exec(?:utive)?[\s_-]?summ"),
    ("learning summary", r"learning[\s_-]?(?:brief|summary|memo)"),
    ("final report", r"overview|final[\s_-]?report|full[\s_-]?report"),
]
# A line that links to another document ("Read the overview report", "Download the executive
# summary") names that document's role, not this one's.
_LINK_LINE = re.compile(r"^\W*(?:read|download|view|click|see|access|open)\b", re.IGNORECASE)
# A heading is short; a longer line is prose, however it ends.
ROLE_HEADING_WORDS = 15
# A council's committee paper: an agenda item or minutes, which discusses a review.
_COMMITTEE_PAPER = re.compile(r"^(?:agenda(?:\s+item)?|minutes)\b", re.IGNORECASE)
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


_ROLES = DOCUMENT_ROLES


def _role_value(text: str) -> str | None:
    """A listing's role, mapped onto the role vocabulary."""
    lowered = str(text).strip().lower()
    for role in _ROLES:
        if lowered == role:
            return role
    found = role_in(str(text))
    return found[0] if found else None


class DocumentRoleRule(FieldRule):
    """Not a review at all; else the listing's role; else the role the listing title names;
    else a committee paper is "other"; else the title page's headings (or a table of actions,
    leads and timescales); else the file name; else a long review report is its final report."""

    field = "document_role"

    def decide(self, doc, context, decided):
        review_type = decided.get("review_type", Decision())
        return first(
            lambda: self._not_a_review(review_type),
            lambda: self._listed(context),
            lambda: (lambda r: Decision(r[0], LISTING, r[1], None, 0.8) if r else None)(
                role_in(context.get("title") or "")
            ),
            lambda: self._committee_paper(doc),
            lambda: self._from_text(doc),
            lambda: self._from_file_name(doc),
            lambda: self._default(doc, review_type),
        )

    @staticmethod
    def _not_a_review(review_type: Decision) -> Decision | None:
        if not_a_review(review_type):
            return Decision(
                "other", TEXT, review_type.evidence, review_type.page, review_type.confidence
            )
        return None

    @staticmethod
    def _listed(context: dict) -> Decision | None:
        role = context.get("role")
        value = _role_value(role) if role else None
        return Decision(value, LISTING, f"listing role: {role}", None, 0.9) if value else None

    @staticmethod
    def _committee_paper(doc) -> Decision | None:
        first_lines = doc.title_lines[:2]
        if any(_COMMITTEE_PAPER.match(line) for line in first_lines):
            return Decision("other", TEXT, "a committee paper: " + first_lines[0], None, 0.6)
        return None

    @staticmethod
    def _from_text(doc) -> Decision | None:
        headings = "\n".join(
            line
            for line in doc.title_lines
            if len(line.split()) <= ROLE_HEADING_WORDS
            and not is_sentence(line)
            and not _LINK_LINE.match(line)
        )
        found = role_in(headings)
        if found:
            return Decision(found[0], TEXT, found[1], doc.title_page_number, 0.8)
        opening = doc.text[:4000]
        if len(_ACTION_TABLE.findall(opening)) >= 3 and re.search(
            r"\brecommendation", opening, re.IGNORECASE
        ):
            return Decision(
                "action plan",
                TEXT,
                "a table of recommendations, actions, leads and timescales",
                1,
                0.55,
            )
        return None

    @staticmethod
    def _from_file_name(doc) -> Decision | None:
        name = str(doc.file_meta.get("filename") or doc.file_meta.get("title") or "")
        for role, pattern in _ROLE_FILENAME:
            if re.search(pattern, name, re.IGNORECASE):
                return Decision(role, FILE, f"file name: {name}", None, 0.5)
        return None

    @staticmethod
    def _default(doc, review_type: Decision) -> Decision | None:
        if review_type.value not in (None, "other") and (len(doc.pages) >= 6 or doc.words >= 2500):
            return Decision(
                "final report",
                TEXT,
                f"a {len(doc.pages)}-page review report with no other role named",
                None,
                0.45,
            )
        return None
