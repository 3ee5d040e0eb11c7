"""A project's coded excerpts, one row per coded passage, as its members may see them: the
review and document (with the version coded), page, character offsets, quote, codes (names and
paths in the codebook), coder and memo. The CSV and JSON exports, the REFI-QDA project and the
analysis pages all read these rows.

Who sees whose passages: an owner sees every coder's; a coder sees their own, and every coder's
once an owner has opened the coding (as ``passages.passages``). Passages of a document taken down
since it was added are withheld (counted, never shown), like its title on the project page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime

from sqlalchemy import select, tuple_
from sqlalchemy.orm import selectinload

from casereview.catalogue import (
    Catalogue,
    Code,
    Coding,
    CodingProject,
    Page,
    ProjectDocument,
    ProjectRole,
    Report,
    User,
)
from casereview.curation import is_taken_down
from casereview.users import Account

from .passages import is_anchored
from .projects import membership

PATH_SEPARATOR = " / "
# The columns of the CSV export, in order (the JSON export has the same keys).
EXCERPT_FIELDS = (
    "passage_id",
    "review",
    "review_url",
    "document_id",
    "document_title",
    "document_role",
    "document_sha256",
    "document_text_sha256",
    "page",
    "start",
    "end",
    "quote",
    "codes",
    "code_paths",
    "coder",
    "memo",
    "anchored",
    "nation",
    "review_type",
    "year",
    "created_at",
    "updated_at",
)


@dataclass(frozen=True)
class Excerpt:
    passage_id: int
    review: str
    review_url: str
    document_id: int
    document_title: str
    document_role: str | None
    # The version coded: the file's SHA-256, and the SHA-256 of its page texts when added.
    document_sha256: str
    document_text_sha256: str
    page: int
    start: int
    end: int
    quote: str
    codes: tuple[str, ...]
    code_paths: tuple[str, ...]
    code_ids: tuple[int, ...]
    coder: str
    memo: str
    # False when the stored page text no longer holds the quote at these offsets (the document
    # was extracted again and the passage could not be found in the new text).
    anchored: bool
    nation: str | None
    review_type: str | None
    year: int | None
    created_at: datetime
    updated_at: datetime

    def as_row(self) -> dict:
        """The excerpt as the exports write it: lists for codes, ISO dates."""
        row = asdict(self)
        row["codes"], row["code_paths"] = list(self.codes), list(self.code_paths)
        row["created_at"] = self.created_at.isoformat(timespec="seconds")
        row["updated_at"] = self.updated_at.isoformat(timespec="seconds")
        return {name: row[name] for name in EXCERPT_FIELDS}


@dataclass
class ProjectExcerpts:
    project_id: int
    project_name: str
    research_question: str
    # The coders whose passages the account sees (all of them for an owner or open coding).
    all_coders: bool
    excerpts: list[Excerpt] = field(default_factory=list)
    # Passages left out because their document was taken down since it was added.
    withheld: int = 0


def default_review_url(report_id: int) -> str:
    return f"/reviews/{report_id}"


def sees_every_coder(session, project_id: int, account: Account) -> bool:
    """Whether ``account`` sees every coder's passages: it owns the project, or the coding is
    open. NotFound if it is not a member."""
    member = membership(session, project_id, account)
    return member.role == ProjectRole.OWNER or session.get(CodingProject, project_id).open_coding


def code_paths(session, project_id: int) -> dict[int, tuple[str, str]]:
    """{code id: (name, path from the top of the codebook)} for every code of the project."""
    codes = {c.id: c for c in session.scalars(select(Code).where(Code.project_id == project_id))}

    def path(code: Code) -> str:
        names, seen = [], set()
        while code is not None and code.id not in seen:
            seen.add(code.id)
            names.append(code.name)
            code = codes.get(code.parent_id)
        return PATH_SEPARATOR.join(reversed(names))

    return {code_id: (code.name, path(code)) for code_id, code in codes.items()}


def _page_texts(session, keys: set[tuple[int, int]]) -> dict[tuple[int, int], str]:
    if not keys:
        return {}
    rows = session.execute(
        select(Page.report_id, Page.number, Page.text).where(
            tuple_(Page.report_id, Page.number).in_(sorted(keys))
        )
    ).all()
    return {(r, n): text for r, n, text in rows}


def project_excerpts(
    catalogue: Catalogue,
    account: Account,
    project_id: int,
    review_url: Callable[[int], str] = default_review_url,
) -> ProjectExcerpts:
    """Every coded passage ``account`` may see in the project, in document, page and offset
    order; NotFound unless it is a member."""
    with catalogue.session() as session:
        every_coder = sees_every_coder(session, project_id, account)
        project = session.get(CodingProject, project_id)
        outcome = ProjectExcerpts(project_id, project.name, project.research_question, every_coder)
        query = (
            select(Coding, User.name)
            .join(User, User.id == Coding.coder_id)
            .where(Coding.project_id == project_id)
            .options(selectinload(Coding.applied))
            .order_by(Coding.report_id, Coding.page, Coding.char_start, Coding.id)
        )
        if not every_coder:
            query = query.where(Coding.coder_id == account.id)
        rows = session.execute(query).all()
        documents = {
            d.report_id: d
            for d in session.scalars(
                select(ProjectDocument).where(ProjectDocument.project_id == project_id)
            )
        }
        reports = {
            r.id: r
            for r in session.scalars(
                select(Report)
                .where(Report.id.in_(documents))
                .options(selectinload(Report.overrides))
            )
        }
        hidden = {i for i, report in reports.items() if is_taken_down(session, report)}
        texts = _page_texts(session, {(c.report_id, c.page) for c, _ in rows})
        names = code_paths(session, project_id)
        for coding, coder in rows:
            if coding.report_id in hidden:
                outcome.withheld += 1
                continue
            meta = reports[coding.report_id].effective()
            document = documents[coding.report_id]
            text = texts.get((coding.report_id, coding.page))
            ids = tuple(coding.code_ids)
            outcome.excerpts.append(
                Excerpt(
                    coding.id,
                    document.review_key,
                    review_url(coding.report_id),
                    coding.report_id,
                    meta["title"] or reports[coding.report_id].filename,
                    meta["document_role"],
                    coding.sha256,
                    document.text_sha256,
                    coding.page,
                    coding.char_start,
                    coding.char_end,
                    coding.quote,
                    tuple(names[i][0] for i in ids),
                    tuple(names[i][1] for i in ids),
                    ids,
                    coder,
                    coding.memo,
                    is_anchored(text, coding.char_start, coding.char_end, coding.quote),
                    meta["nation"],
                    meta["review_type"],
                    meta["year"],
                    coding.created_at,
                    coding.updated_at,
                )
            )
        return outcome


def excerpts_json(found: ProjectExcerpts) -> dict:
    """The JSON export: the project, then one object per excerpt."""
    return {
        "project": {
            "id": found.project_id,
            "name": found.project_name,
            "research_question": found.research_question,
            "all_coders": found.all_coders,
            "withheld_taken_down": found.withheld,
        },
        "fields": list(EXCERPT_FIELDS),
        "excerpts": [e.as_row() for e in found.excerpts],
    }
