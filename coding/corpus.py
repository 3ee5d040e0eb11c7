"""A project's corpus: the public documents of the reviews it codes, each kept as the version
it was when added (report id, file SHA-256, a hash of its page texts)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from casereview.catalogue import Catalogue, Coding, Page, ProjectDocument, Report
from casereview.curation import is_taken_down, public_members, review_key_of
from casereview.users import Account

from . import CodingError, NotFound
from .projects import membership

MAX_REVIEWS_PER_REQUEST = 500


@dataclass
class CorpusAddition:
    """What adding reviews did: documents added, reviews already there, ids not found."""

    added: list[int] = field(default_factory=list)
    already: list[int] = field(default_factory=list)
    not_found: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class CorpusDocument:
    report_id: int
    review_key: str
    title: str
    document_role: str | None
    sha256: str
    page_count: int
    # False when the stored page text is no longer the text that was added (re-extracted).
    text_unchanged: bool
    # Taken down by a librarian since it was added: its title is not shown, nor can it be coded.
    taken_down: bool


def page_text_sha256(pages: Iterable[str]) -> str:
    """One hash of a document's page texts, in page order."""
    digest = hashlib.sha256()
    for number, text in enumerate(pages, start=1):
        digest.update(f"\f{number}\n".encode())
        digest.update(text.encode("utf-8"))
    return digest.hexdigest()


def _page_texts(session, report_id: int) -> list[str]:
    return list(
        session.scalars(select(Page.text).where(Page.report_id == report_id).order_by(Page.number))
    )


def add_reviews(
    catalogue: Catalogue, account: Account, project_id: int, report_ids: Iterable[int]
) -> CorpusAddition:
    """Add the reviews of ``report_ids`` (any document of each: a search's result ids do) with
    all their public documents. Taken-down or unknown ids are reported, not added."""
    ids = list(dict.fromkeys(int(i) for i in report_ids))
    if not ids:
        raise CodingError("choose at least one review to add")
    if len(ids) > MAX_REVIEWS_PER_REQUEST:
        raise CodingError(f"add at most {MAX_REVIEWS_PER_REQUEST} reviews at a time")
    outcome = CorpusAddition()
    with catalogue.session() as session:
        membership(session, project_id, account)
        present = set(
            session.scalars(
                select(ProjectDocument.report_id).where(ProjectDocument.project_id == project_id)
            )
        )
        for report_id in ids:
            report = session.get(Report, report_id)
            documents = public_members(session, review_key_of(report)) if report else []
            if report is not None and report not in documents and documents:
                documents = []  # the id asked for is itself not public
            if not documents:
                outcome.not_found.append(report_id)
                continue
            new = [d for d in documents if d.id not in present]
            if not new:
                outcome.already.append(report_id)
            for document in new:
                session.add(_version_of(session, project_id, document, account))
                present.add(document.id)
                outcome.added.append(document.id)
    return outcome


def _version_of(session, project_id: int, report: Report, account: Account) -> ProjectDocument:
    texts = _page_texts(session, report.id)
    return ProjectDocument(
        project_id=project_id,
        report_id=report.id,
        review_key=review_key_of(report),
        sha256=report.sha256,
        text_sha256=page_text_sha256(texts),
        page_count=len(texts),
        added_by=account.id,
    )


def remove_review(catalogue: Catalogue, account: Account, project_id: int, review_key: str):
    """Take a review's documents out of the corpus; refused while any of them has codings."""
    with catalogue.session() as session:
        membership(session, project_id, account, owner=True)
        documents = session.scalars(
            select(ProjectDocument).where(
                ProjectDocument.project_id == project_id,
                ProjectDocument.review_key == review_key,
            )
        ).all()
        if not documents:
            raise NotFound("that review is not in this project")
        coded = session.scalar(
            select(Coding.id).where(
                Coding.project_id == project_id,
                Coding.report_id.in_([d.report_id for d in documents]),
            )
        )
        if coded is not None:
            raise CodingError("that review has coded passages: it stays in the project")
        for document in documents:
            session.delete(document)


def corpus(catalogue: Catalogue, account: Account, project_id: int) -> list[CorpusDocument]:
    """The project's documents, by review then report id."""
    with catalogue.session() as session:
        membership(session, project_id, account)
        rows = session.execute(
            select(ProjectDocument, Report)
            .join(Report, Report.id == ProjectDocument.report_id)
            .where(ProjectDocument.project_id == project_id)
            .options(selectinload(Report.overrides))
            .order_by(ProjectDocument.review_key, ProjectDocument.report_id)
        ).all()
        return [_listed(session, document, report) for document, report in rows]


def _listed(session, document: ProjectDocument, report: Report) -> CorpusDocument:
    taken_down = is_taken_down(session, report)
    meta = report.effective()
    return CorpusDocument(
        document.report_id,
        document.review_key,
        "" if taken_down else meta["title"] or report.filename,
        None if taken_down else meta["document_role"],
        document.sha256,
        document.page_count,
        page_text_sha256(_page_texts(session, report.id)) == document.text_sha256,
        taken_down,
    )


def corpus_document(session, project_id: int, report_id: int) -> ProjectDocument:
    """The corpus entry of ``report_id``; NotFound if the project does not have it, or if it
    has been taken down since it was added."""
    document = session.scalar(
        select(ProjectDocument).where(
            ProjectDocument.project_id == project_id, ProjectDocument.report_id == report_id
        )
    )
    if document is None or is_taken_down(session, session.get(Report, report_id)):
        raise NotFound("that document is not in this project")
    return document
