"""Small builders of test documents and records."""

from __future__ import annotations

from pathlib import Path

from standins.corpus.pdf import write_text_pdf


def multi_page_pdf(path: Path, marker_page: int = 3, pages: int = 5, marker: str = "") -> Path:
    """A PDF whose page ``marker_page`` alone holds ``marker``; other pages hold filler text."""
    texts = []
    for number in range(1, pages + 1):
        text = (
            f"Serious Case Review – Child T – page {number}\n\n"
            "The review panel met agencies involved with the family."
        )
        if number == marker_page and marker:
            text += "\n\n" + marker
        texts.append(text)
    return write_text_pdf(path, texts, title="Serious Case Review Child T")


def review_with_plan(folder: Path, catalogue, archive, config, seed: int = 21) -> dict:
    """A Child Practice Review's final report and its action plan (generated), ingested:
    ``{"report": id, "plan": id, "key": the plan's answer key, "case": the review}``."""
    import random

    from sqlalchemy import select

    from casereview.catalogue import Report
    from ingest.pipeline import ingest_paths
    from standins.corpus import builders, cases
    from standins.corpus.action_plans import answer_key
    from standins.corpus.briefs import action_plan
    from standins.corpus.render_pdf import write_document_pdf

    rng = random.Random(seed)
    case = next(c for c in cases.draw_cases(12, rng) if c.code and c.review_type.startswith("CPR"))
    folder.mkdir(parents=True, exist_ok=True)
    report_doc, _stated = builders.final_report(case, rng, nspcc=False, dated=True)
    write_document_pdf(folder / "report.pdf", report_doc)
    plan_doc, plan_stated = action_plan(case, rng, dated=True)
    write_document_pdf(folder / "plan.pdf", plan_doc)
    key = answer_key(plan_doc, plan_stated.actions, "pdf")
    ingest_paths([folder], catalogue, archive, config)
    with catalogue.session() as session:
        ids = {r.filename: r.id for r in session.scalars(select(Report))}
    return {"report": ids["report.pdf"], "plan": ids["plan.pdf"], "key": key, "case": case}


OTHER_KEY = "OTHER-REVIEW-1"


def two_reviews_followed_up(tmp_path: Path, catalogue, archive, config, search_engine) -> dict:
    """``review_with_plan``'s Child Practice Review with its action plan, and another review
    (``other``: England, 2003, key ``OTHER_KEY``) making the first one's first recommendation
    again; both in the index."""
    from index_mappings.reconcile import reconcile
    from tests.librarian_support import make_report

    made = review_with_plan(tmp_path / "in", catalogue, archive, config)
    first_text = made["case"].recommendations[0][0]
    made["other"] = make_report(
        catalogue, archive, tmp_path, "Another review", year=2003, nation="England",
        board="Devon Safeguarding Children Partnership", review_key=OTHER_KEY,
        review_type="SCR", document_role="final report",
        extraction={"recommendations": [
            {"kind": "recommendation", "number": "1", "page": 2, "text": first_text},
            {"kind": "recommendation", "number": "2", "page": 2,
             "text": "Midwives should ask every lighthouse keeper about his own history of care."},
        ]},
    )  # fmt: skip
    reconcile(catalogue, search_engine, config)
    search_engine.refresh(config.alias)
    return made
