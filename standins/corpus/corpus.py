"""The synthetic corpus: realistic review documents with an answer key, the same for a seed.

``generate_corpus(out_dir, count, seed)`` writes the files under ``out_dir`` plus
``answer_key.json`` and returns one CorpusDocument per file. Only tests and benchmarks may read
``truth``; extraction must work from the files and their ``listing`` alone.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import random
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import action_plans, briefs, builders, cases, welsh
from .boards import JERSEY
from .broken import BROKEN_KINDS, write_broken
from .document import Document
from .formats import write_docx, write_html
from .listing import ListingFacts, listing_for
from .phrasing import age_years
from .render_pdf import write_document_pdf

MEDIA_TYPES = {
    "pdf": "application/pdf",
    "html": "text/html",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
ANSWER_KEY = "answer_key.json"
MIN_COUNT_FOR_BROKEN = 12
# How many documents of the default corpus get each special treatment (scaled for other counts).
FEATURES = {
    "welsh": 3,
    "bilingual": 3,
    "html": 5,
    "docx": 4,
    "scanned": 4,
    "scanned-page": 2,
    "duplicate": 2,
    "mojibake": 2,
}


@dataclass
class CorpusDocument:
    path: str
    media_type: str
    review_code: str
    publisher: str
    listing: dict
    truth: dict
    broken: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Planned:
    """One document to write: its review, role, publisher and special treatments."""

    case: cases.Case
    role: str
    publisher: str
    features: set[str] = field(default_factory=set)

    @property
    def review_code(self) -> str:
        """The review's code; a board's annual report is a group of its own."""
        if self.role == "other":
            return f"{self.case.board.name} annual report {self.case.published.year}"
        return self.case.review_key


def roles_for(case: cases.Case, rng: random.Random) -> list[str]:
    """Which documents of this review are published (some CPRs lack an action plan)."""
    kind = case.review_type
    if kind in ("CPR-concise", "CPR-extended", "SUSR"):
        roles = ["final report"]
        roles += ["7-minute briefing"] if rng.random() < 0.6 else []
        roles += ["action plan"] if rng.random() < 0.5 else []
        roles += ["press statement"] if rng.random() < 0.12 else []
    elif kind == "SCR":
        roles = ["final report"] + (["executive summary"] if rng.random() < 0.3 else [])
        roles += ["learning summary"] if rng.random() < 0.15 else []
    elif kind == "LCSPR":
        roles = ["final report"] + (["7-minute briefing"] if rng.random() < 0.4 else [])
    elif kind == "SigCR":
        roles = ["executive summary"] if rng.random() < 0.6 else ["final report"]
    elif kind == "learning-review":
        roles = [rng.choice(["final report", "executive summary"])]
        roles += ["7-minute briefing"] if rng.random() < 0.3 else []
    elif kind == "CMR":
        roles = ["executive summary"] + (["learning summary"] if rng.random() < 0.3 else [])
    else:
        roles = ["final report"]
    return roles


def plan(count: int, rng: random.Random) -> list[Planned]:
    """Reviews and their documents until there are ``count``, then special treatments."""
    planned: list[Planned] = []
    for case in cases.draw_cases(max(count, 10), rng):
        for role in roles_for(case, rng):
            if len(planned) < count:
                planned.append(Planned(case, role, case.board.publisher))
    # A board's annual report: about reviews, not one (the "about, not of" hard case).
    welsh_cprs = [
        p
        for p in planned
        if p.case.nation == "Wales" and p.case.code and p.case.review_type != "SCR"
    ]
    if count >= 60 and welsh_cprs:
        host = rng.choice(welsh_cprs).case
        planned.pop()
        planned.insert(
            rng.randrange(len(planned) // 2), Planned(host, "other", host.board.publisher)
        )
    # A review from outside the four nations that used the Welsh model (nation "unknown").
    english_scrs = [
        p
        for p in planned
        if p.case.review_type == "SCR"
        and p.role == "final report"
        and not p.features
        and p.case.published.year >= 2014
    ]
    if count >= 60 and english_scrs:
        item = rng.choice(english_scrs)
        item.case = dataclasses.replace(
            item.case,
            board=JERSEY,
            nation="unknown",
            board_written=JERSEY.spelled(rng),
            code=None,
            model="Welsh CPR model",
        )
        item.publisher = "nspcc"
    scale = count / 83

    def assign(feature: str, eligible) -> None:
        pool = [p for p in planned if not p.features and eligible(p)]
        wanted = max(1, round(FEATURES[feature] * scale)) if count >= MIN_COUNT_FOR_BROKEN else 0
        for chosen in rng.sample(pool, min(wanted, len(pool))):
            chosen.features.add(feature)

    def welsh_ok(p: Planned) -> bool:
        return p.case.nation == "Wales" and p.case.code is not None and p.case.review_type != "SCR"

    assign("welsh", lambda p: welsh_ok(p) and p.role in ("final report", "7-minute briefing"))
    assign("bilingual", lambda p: welsh_ok(p) and p.role == "final report")
    assign(
        "scanned",
        lambda p: p.role in ("7-minute briefing", "executive summary", "learning summary"),
    )
    # Make sure one scanned page is in Welsh.
    welsh_docs = [p for p in planned if "welsh" in p.features]
    if welsh_docs and count >= MIN_COUNT_FOR_BROKEN:
        welsh_docs[0].features.add("scanned")
    assign("scanned-page", lambda p: p.role == "final report")
    assign(
        "html",
        lambda p: (
            p.role in ("executive summary", "learning summary", "press statement")
            or p.case.review_type == "national-review"
        ),
    )
    assign("docx", lambda p: p.role in ("executive summary", "action plan", "final report"))
    assign("duplicate", lambda p: p.role == "final report" and p.publisher != "nspcc")
    assign("mojibake", lambda p: p.role in ("final report", "executive summary"))
    return planned


def style(doc: Document, case: cases.Case, role: str, rng: random.Random) -> None:
    """Running headers, footers, markings, fonts and other layout noise."""
    if rng.random() < 0.5:
        doc.running_header = rng.choice(
            [doc.title, f"{case.code or case.board_written} – {role.title()}", case.board_written]
        )
    doc.footer = rng.choice(["page-of", "page-of", "pipe", "dash", "plain", None])
    if rng.random() < (0.5 if case.nation == "Northern Ireland" else 0.12):
        doc.marking = "OFFICIAL-SENSITIVE"
    doc.font = rng.choice(["Helvetica", "Helvetica", "Times", "Vera"])
    doc.ligatures = doc.font == "Vera" and rng.random() < 0.7
    doc.hyphenate = rng.random() < 0.35
    if rng.random() < 0.03:
        doc.watermark = "DRAF T"
    if not doc.running_header and rng.random() < 0.04:
        doc.running_header = "Protecting 's Children"  # a name field the template dropped


def build(
    item: Planned, listed: ListingFacts, rng: random.Random
) -> tuple[Document, builders.Stated, str]:
    """(document, what it states, language)."""
    case, role = item.case, item.role
    dated = not listed.states_publication or rng.random() < 0.7
    if "welsh" in item.features:
        maker = welsh.welsh_report if role == "final report" else welsh.welsh_briefing
        return (*maker(case, rng), "Welsh")
    if "bilingual" in item.features:
        return (*welsh.bilingual_report(case, rng, dated), "bilingual")
    if role == "final report":
        nspcc = item.publisher == "nspcc" and rng.random() < 0.5
        made = builders.final_report(case, rng, nspcc=nspcc, dated=dated)
    elif role == "executive summary":
        made = builders.executive_summary(case, rng, dated=dated)
    elif role == "7-minute briefing":
        made = briefs.briefing(case, rng, dated=dated)
    elif role == "action plan":
        made = briefs.action_plan(case, rng, dated=dated)
    elif role == "press statement":
        made = briefs.press_statement(case, rng)
    elif role == "other":
        made = briefs.annual_report(case, rng)
    else:
        made = briefs.learning_summary(case, rng, dated=dated)
    return (*made, "English")


def truth_for(
    case: cases.Case, role: str, st: builders.Stated, listed: ListingFacts, language: str
) -> dict:
    """The answer key for one document: what it (or its listing) states, None where neither does."""
    child_told = listed.child
    full_date = (st.publication_full and st.publication) or listed.full_date
    pseudonym = case.pseudonym
    if pseudonym and language == "Welsh":
        pseudonym = welsh.welsh_pseudonym(pseudonym)
    return {
        "title": st.title,
        "nation": case.nation,
        "review_type": "other" if role == "other" else case.review_type,
        "year": case.published.year,
        "publication_date": case.published.isoformat() if full_date else None,
        "board": case.board.name,
        "child_pseudonym": pseudonym
        if (st.pseudonym or listed.listing["child_pseudonym"])
        else None,
        "child_age_years": age_years(case.age_days)
        if case.age_days is not None and (st.age or child_told)
        else None,
        "child_sex": case.sex if st.sex or (child_told and case.sex) else None,
        "outcome": case.outcome if st.outcome or child_told else None,
        "review_model": case.model if st.model else None,
        "document_role": role,
        "language": language,
        "themes": sorted(st.themes),
        "recommendations": st.recommendations,
        "learning_points": st.learning,
        "incident_year": None if role == "other" else case.incident.year,
        "ocr_pages": [],
        "layout": [],
        "actions": [],
    }


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


def generate_corpus(
    out_dir: Path, count: int = 90, seed: int = 7, too_large_mb: int | None = None
) -> list[CorpusDocument]:
    """Write ``count`` documents (the last few broken, when count >= 12) and answer_key.json.

    ``too_large_mb`` adds one more valid but oversized PDF (kept out of the default corpus).
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    remove_previous(out_dir)
    rng = random.Random(seed)
    broken_kinds = list(BROKEN_KINDS) if count >= MIN_COUNT_FOR_BROKEN else []
    planned = plan(count - len(broken_kinds), rng)
    documents: list[CorpusDocument] = []
    for item in planned:
        room = count - len(broken_kinds) - len(documents)
        if room <= 0:
            break
        if room < 2:
            item.features.discard("duplicate")
        documents.extend(write_planned(out_dir, len(documents) + 1, item, rng))
    extra = cases.draw_cases(len(broken_kinds) + 1, random.Random(seed + 1))
    kinds = broken_kinds + (["too large"] if too_large_mb else [])
    for kind, case in zip(kinds, extra * 2, strict=False):
        item = Planned(case, "final report", case.board.publisher)
        documents.append(
            write_broken_one(out_dir, len(documents) + 1, item, kind, rng, too_large_mb or 0)
        )
    key = [d.as_dict() for d in documents]
    (out_dir / ANSWER_KEY).write_text(
        json.dumps(key, indent=1, ensure_ascii=False), encoding="utf-8"
    )
    return documents


def load_corpus(out_dir: Path) -> list[CorpusDocument]:
    """The documents of a corpus written earlier, read back from its answer_key.json."""
    entries = json.loads((Path(out_dir) / ANSWER_KEY).read_text(encoding="utf-8"))
    return [CorpusDocument(**entry) for entry in entries]


def remove_previous(out_dir: Path) -> None:
    """Delete the files an earlier run listed in its answer key (and nothing else)."""
    key = out_dir / ANSWER_KEY
    if not key.is_file():
        return
    try:
        previous = json.loads(key.read_text(encoding="utf-8"))
    except ValueError:
        return
    for entry in previous:
        path = (out_dir / str(entry.get("path", ""))).resolve()
        if path.is_file() and out_dir.resolve() in path.parents:
            path.unlink()
    key.unlink()


def _relative(number: int, item: Planned, publisher: str, ext: str) -> str:
    return f"{publisher}/{number:03d}-{slug(item.review_code)}-{slug(item.role)}.{ext}"


def write_planned(
    out_dir: Path, number: int, item: Planned, rng: random.Random
) -> list[CorpusDocument]:
    """Write one planned document (and its NSPCC re-publication when it has one)."""
    listed = listing_for(item.case, item.role, item.publisher, rng)
    doc, st, language = build(item, listed, rng)
    style(doc, item.case, item.role, rng)
    ext = "html" if "html" in item.features else "docx" if "docx" in item.features else "pdf"
    doc.mojibake = "mojibake" in item.features and ext == "pdf"
    if "scanned" in item.features:
        doc.scanned_pages = "all"
        doc.ligatures = False
    elif "scanned-page" in item.features:
        doc.scanned_pages = frozenset({0})  # the signed title page was scanned in
    relative = _relative(number, item, item.publisher, ext)
    truth = truth_for(item.case, item.role, st, listed, language)
    truth["ocr_pages"] = render(out_dir / relative, doc, ext, item, language)
    truth["layout"] = doc.layout_features() if ext == "pdf" else []
    if st.actions:
        truth["actions"] = action_plans.answer_key(doc, st.actions, ext)
    written = [
        CorpusDocument(
            relative, MEDIA_TYPES[ext], item.review_code, item.publisher, listed.listing, truth
        )
    ]
    if "duplicate" in item.features:
        # The NSPCC library re-publishes the same report, with its cover sheet on top.
        copy_item = Planned(item.case, item.role, "nspcc")
        copy_doc = copy.deepcopy(doc)
        cover = Document(title=doc.title)
        builders.nspcc_cover(cover, item.case, doc.title, builders.Stated())
        copy_doc.blocks = cover.blocks + copy_doc.blocks
        copy_doc.footer = "plain"
        copy_doc.scanned_pages = frozenset()
        copy_listed = listing_for(item.case, item.role, "nspcc", rng)
        copy_relative = _relative(number + 1, copy_item, "nspcc", "pdf")
        copy_truth = truth_for(item.case, item.role, st, copy_listed, language)
        copy_truth["duplicate_of"] = relative
        copy_truth["ocr_pages"] = render(
            out_dir / copy_relative, copy_doc, "pdf", copy_item, language
        )
        written.append(
            CorpusDocument(
                copy_relative,
                MEDIA_TYPES["pdf"],
                item.review_code,
                "nspcc",
                copy_listed.listing,
                copy_truth,
            )
        )
    return written


def render(path: Path, doc: Document, ext: str, item: Planned, language: str) -> list[int]:
    """Write the file; return the numbers of its pages that have no text layer."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if ext == "html":
        site = item.case.board.name if item.publisher != "national-panel" else "GOV.UK"
        write_html(path, doc, site, item.case.published, "cy" if language == "Welsh" else "en")
        return []
    if ext == "docx":
        write_docx(path, doc, item.case.submitted)
        return []
    pages = write_document_pdf(path, doc)
    scanned = range(pages) if doc.scanned_pages == "all" else sorted(doc.scanned_pages)
    return [index + 1 for index in scanned]


def write_broken_one(
    out_dir: Path, number: int, item: Planned, kind: str, rng: random.Random, too_large_mb: int
) -> CorpusDocument:
    listed = listing_for(item.case, item.role, item.publisher, rng)
    doc, st, language = build(item, listed, rng)
    relative = _relative(number, item, item.publisher, "pdf")
    write_broken(out_dir / relative, kind, doc, rng, too_large_mb=too_large_mb)
    truth = truth_for(item.case, item.role, st, listed, language)
    return CorpusDocument(
        relative,
        MEDIA_TYPES["pdf"],
        item.review_code,
        item.publisher,
        listed.listing,
        truth,
        kind,
    )
