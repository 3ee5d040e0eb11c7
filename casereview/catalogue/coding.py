"""The coding workspace's tables: researchers' projects, their corpus, codebook and codings.

Everything here is private to a project's members: no public route, export or index reads these
tables (the ``coding`` stage decides who sees what). The corpus keeps the exact document versions
a project coded (report id, file SHA-256 and a hash of the page texts when added), and each coded
passage is anchored to the stored page text by page, character offsets and the quoted text.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .models import Base, utcnow


class ProjectRole:
    """A member's role in one project: the owner manages it; coders code."""

    OWNER = "owner"
    CODER = "coder"

    ALL = (OWNER, CODER)


class CodingProject(Base):
    __tablename__ = "coding_projects"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    research_question: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # Set by an owner: every member then sees every coder's codings (otherwise each their own).
    open_coding: Mapped[bool] = mapped_column(Boolean, default=False)

    members: Mapped[list[ProjectMember]] = relationship(
        back_populates="project", cascade="all, delete-orphan"
    )


class ProjectMember(Base):
    __tablename__ = "coding_members"
    __table_args__ = (UniqueConstraint("project_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("coding_projects.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    added_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    project: Mapped[CodingProject] = relationship(back_populates="members")


class ProjectDocument(Base):
    """One document of a project's corpus, as it was when added."""

    __tablename__ = "coding_documents"
    __table_args__ = (UniqueConstraint("project_id", "report_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("coding_projects.id", ondelete="CASCADE"), index=True
    )
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"), index=True)
    review_key: Mapped[str] = mapped_column(String(200))
    sha256: Mapped[str] = mapped_column(String(64))
    # SHA-256 of the page texts when added: a later re-extraction shows as a different value.
    text_sha256: Mapped[str] = mapped_column(String(64))
    page_count: Mapped[int] = mapped_column(Integer, default=0)
    added_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    added_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Code(Base):
    """A code of a project's codebook; ``parent_id`` makes the hierarchy. A code merged into
    another keeps its row (``merged_into_id``) so the history still names it."""

    __tablename__ = "coding_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("coding_projects.id", ondelete="CASCADE"), index=True
    )
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("coding_codes.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    definition: Mapped[str] = mapped_column(Text, default="")
    example: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    # The theme of the taxonomy the code was made from, if any.
    theme_slug: Mapped[str | None] = mapped_column(String(100))
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("coding_codes.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class CodebookChange(Base):
    """One change to a codebook: who, when, which code, and the code before and after."""

    __tablename__ = "coding_codebook_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("coding_projects.id", ondelete="CASCADE"), index=True
    )
    code_id: Mapped[int] = mapped_column(ForeignKey("coding_codes.id"))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    actor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    # add, edit, move, merge
    action: Mapped[str] = mapped_column(String(20))
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)


class AppliedCode(Base):
    """A code applied to a coded passage."""

    __tablename__ = "coding_applied_codes"

    coding_id: Mapped[int] = mapped_column(
        ForeignKey("coding_codings.id", ondelete="CASCADE"), primary_key=True
    )
    code_id: Mapped[int] = mapped_column(ForeignKey("coding_codes.id"), primary_key=True)


class Coding(Base):
    """One coder's passage of one document page, with the codes applied to it and a memo."""

    __tablename__ = "coding_codings"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("coding_projects.id", ondelete="CASCADE"), index=True
    )
    coder_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"), index=True)
    sha256: Mapped[str] = mapped_column(String(64))
    page: Mapped[int] = mapped_column(Integer)
    char_start: Mapped[int] = mapped_column(Integer)
    char_end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)
    memo: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    applied: Mapped[list[AppliedCode]] = relationship(cascade="all, delete-orphan")

    @property
    def code_ids(self) -> list[int]:
        return sorted(a.code_id for a in self.applied)
