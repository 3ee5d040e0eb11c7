"""The synthetic corpus: realistic review documents with an answer key, the same for a seed.

``generate_corpus(out_dir, count, seed)`` writes the files under ``out_dir`` plus
``answer_key.json`` and returns one CorpusDocument per file. Only tests and benchmarks may read
``truth``; extraction must work from the files and their ``listing`` alone.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from . import builders, cases
from .broken import BROKEN_KINDS, write_broken
from .document import Document
from .listing import listing_for
from .render_pdf import write_document_pdf

MEDIA_TYPES = {
    "pdf": "application/pdf",
    "html": "text/html",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
ANSWER_KEY = "answer_key.json"
MIN_COUNT_FOR_BROKEN = 12


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


def roles_for(case: cases.Case, rng: random.Random) -> list[str]:
    """Which documents of this review are published (some CPRs lack an action plan)."""
    kind = case.review_type
    if kind in ("CPR-concise", "CPR-extended", "SUSR"):
        roles = ["final report"]
        roles += ["7-minute briefing"] if rng.random() < 0.6 else []
        roles += ["action plan"] if rng.random() < 0.5 else []
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


def publisher_for(case: cases.Case, rng: random.Random) -> str:
    return case.board.publisher if case.board.publisher != "nspcc" or rng.random() < 1 else "nspcc"


def style(doc: Document, case: cases.Case, role: str, rng: random.Random) -> None:
    """Running headers, footers, markings, fonts and other layout noise."""
    if rng.random() < 0.5:
        doc.running_header = rng.choice(
            [doc.title, f"{case.review_key} – {role.title()}", case.board_written]
        )
    doc.footer = rng.choice(["page-of", "page-of", "pipe", "dash", "plain", None])
    if rng.random() < (0.5 if case.nation == "Northern Ireland" else 0.12):
        doc.marking = "OFFICIAL-SENSITIVE"
    doc.font = rng.choice(["Helvetica", "Helvetica", "Times", "Vera"])
    doc.ligatures = doc.font == "Vera" and rng.random() < 0.7
    doc.hyphenate = rng.random() < 0.35
    if rng.random() < 0.03:
        doc.watermark = "DRAF T"


def build(
    case: cases.Case, role: str, listed, rng: random.Random
) -> tuple[Document, builders.Stated]:
    dated = not listed.states_publication or rng.random() < 0.7
    if role == "final report":
        nspcc = listed.listing.get("summary", "").count("Keywords") > 0 and rng.random() < 0.5
        return builders.final_report(case, rng, nspcc=nspcc, dated=dated)
    if role == "executive summary":
        return builders.executive_summary(case, rng, dated=dated)
    if role == "7-minute briefing":
        return builders.briefing(case, rng)
    if role == "action plan":
        return builders.action_plan(case, rng)
    return builders.learning_summary(case, rng)


def truth_for(case: cases.Case, role: str, st: builders.Stated, listed, language: str) -> dict:
    """The answer key for one document: what it (or its listing) states, None where neither does."""
    from .phrasing import age_years

    child_told = listed.child
    full_date = (st.publication_full and st.publication) or listed.full_date
    return {
        "title": st.title,
        "nation": case.nation,
        "review_type": case.review_type,
        "year": case.published.year,
        "publication_date": case.published.isoformat() if full_date else None,
        "board": case.board.name,
        "child_pseudonym": case.pseudonym
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
        "incident_year": case.incident.year,
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
    rng = random.Random(seed)
    broken_kinds = list(BROKEN_KINDS) if count >= MIN_COUNT_FOR_BROKEN else []
    wanted = count - len(broken_kinds)
    documents: list[CorpusDocument] = []
    for case in cases.draw_cases(max(count, 10), rng):
        if len(documents) >= wanted:
            break
        publisher = publisher_for(case, rng)
        for role in roles_for(case, rng):
            if len(documents) >= wanted:
                break
            documents.append(write_one(out_dir, len(documents) + 1, case, role, publisher, rng))
    extra = cases.draw_cases(len(broken_kinds) + 1, random.Random(seed + 1))
    kinds = broken_kinds + (["too large"] if too_large_mb else [])
    for kind, case in zip(kinds, extra * 2, strict=False):
        documents.append(
            write_one(
                out_dir,
                len(documents) + 1,
                case,
                "final report",
                publisher_for(case, rng),
                rng,
                broken=kind,
                too_large_mb=too_large_mb or 0,
            )
        )
    key = [d.as_dict() for d in documents]
    (out_dir / ANSWER_KEY).write_text(
        json.dumps(key, indent=1, ensure_ascii=False), encoding="utf-8"
    )
    return documents


def write_one(
    out_dir, number, case, role, publisher, rng, broken=None, too_large_mb=0
) -> CorpusDocument:
    listed = listing_for(case, role, publisher, rng)
    doc, st = build(case, role, listed, rng)
    style(doc, case, role, rng)
    language = "English"
    ext = "html" if broken == "not a pdf" else "pdf"
    ext = "pdf"
    if (
        broken is None
        and role in ("7-minute briefing", "executive summary", "learning summary")
        and rng.random() < 0.12
    ):
        doc.scanned_pages = "all"
    relative = f"{publisher}/{number:03d}-{slug(case.review_key)}-{slug(role)}.{ext}"
    path = out_dir / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    ocr_pages: list[int] = []
    if broken:
        write_broken(path, broken, doc, rng, too_large_mb=too_large_mb)
    else:
        pages = write_document_pdf(path, doc)
        scanned = range(pages) if doc.scanned_pages == "all" else sorted(doc.scanned_pages)
        ocr_pages = [index + 1 for index in scanned]
    truth = truth_for(case, role, st, listed, language)
    truth["ocr_pages"] = ocr_pages
    return CorpusDocument(
        path=relative,
        media_type=MEDIA_TYPES[ext],
        review_code=case.review_key,
        publisher=publisher,
        listing=listed.listing,
        truth=truth,
        broken=broken,
    )
