"""Catalogue rows to index documents: one document per report, pages nested inside."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from casereview.catalogue import Report
from casereview.curation import is_public, review_key_of
from nlp.glossary import without_glossaries

AGE_BANDS = (
    (1, "under 1"),
    (5, "1-4"),
    (11, "5-10"),
    (16, "11-15"),
    (18, "16-17"),
)


def age_band(age_years: float | None) -> str | None:
    """The facet band of a child's age: under 1, 1-4, 5-10, 11-15, 16-17 or 18+."""
    if age_years is None:
        return None
    for upper, band in AGE_BANDS:
        if age_years < upper:
            return band
    return "18+"


def publisher_name(source) -> str | None:
    """The publisher as people know it: the name the crawler kept from the registry, else the
    source key or what a librarian typed."""
    return (source.context or {}).get("publisher") or source.publisher


# A review's own text: its report or a summary of it. The other documents of a review accompany
# it (an agenda item or other publisher's page is "other").
FULL_ROLES = ("final report", "executive summary", "learning summary")
ACCOMPANYING_ROLES = (
    "7-minute briefing",
    "action plan",
    "press statement",
    "terms of reference",
    "other",
)
# Which document speaks for its review (its metadata is the review's): the fullest first.
ROLE_ORDER = {role: n for n, role in enumerate(FULL_ROLES + ACCOMPANYING_ROLES)}


def principal_rank(role: str | None) -> int:
    """A document role's place in ``ROLE_ORDER``; an unknown or missing role comes last."""
    return ROLE_ORDER.get(role, len(ROLE_ORDER))


# The confidence of a title nobody extracted or chose (the file's name stands in for it).
FILENAME_TITLE_CONFIDENCE = 0.2
CURATED_CONFIDENCE = 1.0


def curated(report: Report, name: str) -> bool:
    """Whether a librarian has set the field ``name``."""
    return any(override.field == name for override in report.overrides)


def shown_values(report: Report) -> dict:
    """``report.effective()`` as it is shown: a publication date that contradicts the year a
    librarian set is left out (the year wins; the date was extracted for another year)."""
    meta = report.effective()
    date, year = meta.get("publication_date"), meta.get("year")
    year_curated = curated(report, "year")
    date_curated = curated(report, "publication_date")
    if date and year and year_curated and not date_curated and str(date)[:4] != str(year):
        meta["publication_date"] = None
    return meta


def title_confidence(report: Report, meta: dict) -> float:
    """How sure we are of the title: a librarian's is certain, an extracted one carries the
    extractor's confidence (a title page above a line picked from the body)."""
    if not meta["title"]:
        return FILENAME_TITLE_CONFIDENCE
    if curated(report, "title"):
        return CURATED_CONFIDENCE
    decided = ((report.extraction or {}).get("fields") or {}).get("title") or {}
    return float(decided.get("confidence") or FILENAME_TITLE_CONFIDENCE)


def year_stated(report: Report, meta: dict) -> bool:
    """Whether the year is the document's own statement (or a librarian's), not the latest
    year its text mentions or its file's date (shown as "not stated")."""
    if meta["year"] is None:
        return False
    if curated(report, "year"):
        return True
    return bool((report.extraction or {}).get("year_stated"))


def about_text(meta: dict) -> str:
    """What a document says it is about: its title, summary and themes."""
    return " ".join(filter(None, [meta["title"], meta["summary"], *(meta["themes"] or [])]))


@dataclass(frozen=True)
class Reviews:
    """What a document's index entry takes from the other searchable documents of its review:
    whether the review's report or summary is among them, and what they say they are about
    (a press statement or briefing rarely names the subject its report names)."""

    with_full_text: frozenset[str] = frozenset()
    about: dict[str, tuple[tuple[int, str], ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, reports: Iterable[Report]) -> Reviews:
        """From the documents of whole reviews (others are ignored: no review key or not
        searchable)."""
        full, about = set(), {}
        for report in reports:
            meta = report.effective()
            if not meta["review_key"] or not is_searchable(report):
                continue
            if meta["document_role"] in FULL_ROLES:
                full.add(meta["review_key"])
            about.setdefault(meta["review_key"], []).append((report.id, about_text(meta)))
        # A review of one document gives it no context: only reviews of several are kept.
        return cls(
            frozenset(full), {key: tuple(texts) for key, texts in about.items() if len(texts) > 1}
        )

    def context_of(self, report_id: int, review_key: str | None) -> str:
        """What the other documents of the review say they are about."""
        texts = self.about.get(review_key, ()) if review_key else ()
        return "\n".join(text for other, text in texts if other != report_id)


def accompanies_full_report(meta: dict, reviews: Reviews) -> bool:
    """A briefing, action plan, press statement… whose review's own report is in the index."""
    return (
        meta["document_role"] in ACCOMPANYING_ROLES and meta["review_key"] in reviews.with_full_text
    )


def report_document(report: Report, reviews: Reviews = Reviews()) -> dict:
    """The index document of a report, with librarians' overrides applied; ``reviews``: the
    other documents of its review (``Reviews.of`` them)."""
    meta = shown_values(report)
    live_sources = [s for s in report.sources if s.gone_since is None]
    gone_dates = [s.gone_since for s in report.sources if s.gone_since is not None]
    return {
        "report_id": str(report.id),
        "review_key": meta["review_key"],
        # What search results collapse on and reviews are counted by: a report without a
        # review key is a review of its own.
        "review_group": review_key_of(report),
        "sha256": report.sha256,
        "title": meta["title"] or report.filename,
        "title_confidence": title_confidence(report, meta),
        "summary": meta["summary"],
        "nation": meta["nation"],
        "review_type": meta["review_type"],
        "year": meta["year"],
        "year_stated": year_stated(report, meta),
        "publication_date": meta["publication_date"],
        "board": meta["board"],
        "child_pseudonym": meta["child_pseudonym"],
        "child_age_years": meta["child_age_years"],
        "child_age_band": age_band(meta["child_age_years"]),
        "child_sex": meta["child_sex"],
        "outcome": meta["outcome"],
        "review_model": meta["review_model"],
        "document_role": meta["document_role"],
        "accompanies_full_report": accompanies_full_report(meta, reviews),
        "review_context": reviews.context_of(report.id, meta["review_key"]),
        "language": meta["language"],
        "themes": meta["themes"] or [],
        "state": report.state,
        "filename": report.filename,
        "media_type": report.media_type,
        "page_count": report.page_count,
        "publishers": sorted({name for s in report.sources if (name := publisher_name(s))}),
        "source_urls": [s.url for s in report.sources],
        "available_at_publisher": bool(live_sources) or not report.sources,
        "gone_since": (max(gone_dates).isoformat() if gone_dates and not live_sources else None),
        "added_at": report.created_at.isoformat(),
        "pages": [
            {"page_number": page.number, "ocr": page.ocr, "text": page.text, "body": body}
            for page, body in zip(
                report.pages, without_glossaries([p.text for p in report.pages]), strict=True
            )
        ],
        "recommendations": [
            {
                "kind": item.get("kind", "recommendation"),
                "number": str(item.get("number") or ""),
                "page_number": item.get("page"),
                "text": item.get("text", ""),
            }
            for item in (report.extraction or {}).get("recommendations", [])
        ],
        "actions": [
            {
                "position": action.position,
                "recommendation_number": action.recommendation_number or "",
                "recommendation": action.recommendation,
                "action": action.action,
                "lead": action.lead,
                "agency": action.agency,
                "page": action.page,
            }
            for action in report.actions
        ],
    }


def is_searchable(report: Report) -> bool:
    """Only what the public sees reaches the index (``casereview.curation.is_public``)."""
    return is_public(report)
