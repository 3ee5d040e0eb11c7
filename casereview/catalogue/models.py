"""The catalogue's tables: the source of truth the index is rebuilt from.

Machine-extracted values live on ``Report``; a librarian's corrections live in ``CurationOverride``
and win over them (see ``Report.effective``), so re-ingesting never undoes an edit.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# The largest id a row can have: ids are INTEGER, 32 bits on PostgreSQL (SQLite's hold 64). A
# number from outside beyond it names no row, and must not reach the database, which would refuse
# the query rather than find nothing.
MAX_ROW_ID = 2**31 - 1


def is_row_id(value: int) -> bool:
    return 0 < value <= MAX_ROW_ID


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


class ReportState:
    """Processing states of a report; every state but INDEXED comes with a reason.

    INDEXED means "extracted, ready for the index": whether the index holds the report's latest
    version is the outbox's business (``outbox.IndexChange``: a report with a pending row is not
    there yet). The name stays for the tools and pages that show it."""

    PENDING = "pending"
    INDEXED = "indexed"
    QUARANTINED = "quarantined"
    OCR_FAILED = "ocr_failed"

    ALL = (PENDING, INDEXED, QUARANTINED, OCR_FAILED)


# The metadata fields a report carries, in display order. Curation may override any of them.
METADATA_FIELDS = (
    "title",
    "nation",
    "review_type",
    "year",
    "publication_date",
    "board",
    "child_pseudonym",
    "child_age_years",
    "child_sex",
    "outcome",
    "review_model",
    "document_role",
    "language",
    "themes",
    "summary",
)
# Overridable by librarians: the metadata, and the review a document belongs to.
CURATED_FIELDS = (*METADATA_FIELDS, "review_key")


class Report(Base):
    """One archived document (a final report, a briefing, an action plan…)."""

    __tablename__ = "reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    filename: Mapped[str] = mapped_column(String(500), default="")
    media_type: Mapped[str] = mapped_column(String(100), default="application/pdf")
    file_size: Mapped[int] = mapped_column(Integer, default=0)
    state: Mapped[str] = mapped_column(String(20), default=ReportState.PENDING, index=True)
    state_reason: Mapped[str | None] = mapped_column(Text)
    page_count: Mapped[int] = mapped_column(Integer, default=0)

    title: Mapped[str | None] = mapped_column(Text)
    nation: Mapped[str | None] = mapped_column(String(30))
    review_type: Mapped[str | None] = mapped_column(String(30))
    year: Mapped[int | None] = mapped_column(Integer)
    publication_date: Mapped[str | None] = mapped_column(String(10))
    board: Mapped[str | None] = mapped_column(String(200))
    child_pseudonym: Mapped[str | None] = mapped_column(String(100))
    child_age_years: Mapped[float | None] = mapped_column(Float)
    child_sex: Mapped[str | None] = mapped_column(String(10))
    outcome: Mapped[str | None] = mapped_column(String(20))
    review_model: Mapped[str | None] = mapped_column(String(50))
    document_role: Mapped[str | None] = mapped_column(String(40))
    language: Mapped[str | None] = mapped_column(String(20))
    themes: Mapped[list] = mapped_column(JSON, default=list)
    summary: Mapped[str | None] = mapped_column(Text)
    review_key: Mapped[str | None] = mapped_column(String(200), index=True)
    # Everything the extractor decided, with evidence and confidence per value.
    extraction: Mapped[dict] = mapped_column(JSON, default=dict)
    # Near-duplicates: a fingerprint of the text, and the report this one repeats (not indexed).
    text_fingerprint: Mapped[list | None] = mapped_column(JSON)
    duplicate_of: Mapped[int | None] = mapped_column(
        ForeignKey("reports.id", name="fk_reports_duplicate_of"), index=True
    )

    suppressed: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    suppressed_reason: Mapped[str | None] = mapped_column(Text)

    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    pages: Mapped[list[Page]] = relationship(
        back_populates="report", cascade="all, delete-orphan", order_by="Page.number"
    )
    sources: Mapped[list[Source]] = relationship(back_populates="report")
    overrides: Mapped[list[CurationOverride]] = relationship(
        back_populates="report", cascade="all, delete-orphan"
    )
    # An action plan's rows, as ingest read them (empty for other documents).
    actions: Mapped[list[Action]] = relationship(
        back_populates="report", cascade="all, delete-orphan", order_by="Action.position"
    )

    def effective(self) -> dict:
        """Metadata as shown to users: extracted values with librarians' overrides applied
        (``review_key`` too, which librarians set to merge, split and move documents)."""
        values = {name: getattr(self, name) for name in CURATED_FIELDS}
        for override in self.overrides:
            values[override.field] = override.value
        return values


class Page(Base):
    __tablename__ = "pages"
    __table_args__ = (UniqueConstraint("report_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text, default="")
    ocr: Mapped[bool] = mapped_column(Boolean, default=False)

    report: Mapped[Report] = relationship(back_populates="pages")


class Action(Base):
    """One row of a review's action plan: the action, the recommendation it answers (number and
    text as the plan gives them), who leads it (as written, and the agency normalised against
    ``casereview.vocabulary.AGENCIES``), when it is due (as written, and as a date or month),
    its status and RAG rating, and the plan's page. Written by ingest for action plans; the
    plan's report is the truth, so re-ingesting it writes its actions again."""

    __tablename__ = "actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    recommendation_number: Mapped[str | None] = mapped_column(String(20))
    recommendation: Mapped[str] = mapped_column(Text, default="")
    action: Mapped[str] = mapped_column(Text, default="")
    lead: Mapped[str] = mapped_column(Text, default="")
    agency: Mapped[str | None] = mapped_column(String(30), index=True)
    timescale: Mapped[str] = mapped_column(String(300), default="")
    due: Mapped[str | None] = mapped_column(String(10))  # "2025-03" or "2025-03-31"
    status: Mapped[str | None] = mapped_column(String(20), index=True)
    rag: Mapped[str | None] = mapped_column(String(10))
    evidence: Mapped[str] = mapped_column(Text, default="")
    page: Mapped[int | None] = mapped_column(Integer)

    report: Mapped[Report] = relationship(back_populates="actions")


class ActionUpdate(Base):
    """A librarian's record of where an action stands on a date: the status, a note and the
    evidence (a URL, a file or both). Kept by the plan's report and the action's position in the plan, apart
    from what ingest read, so reading the plan again never loses one; the newest update's
    status wins over the plan's. Every update is in the audit log too."""

    __tablename__ = "action_updates"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    date: Mapped[str] = mapped_column(String(10))  # the day the status was reached (ISO)
    status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text)
    evidence_url: Mapped[str] = mapped_column(Text, default="")
    # An uploaded evidence file (``casereview.evidence``): kept in the archive by its SHA-256;
    # only librarians can download it, the public routes say only that there is one.
    evidence_sha256: Mapped[str | None] = mapped_column(String(64))
    evidence_name: Mapped[str | None] = mapped_column(String(200))
    evidence_type: Mapped[str | None] = mapped_column(String(100))
    evidence_size: Mapped[int | None] = mapped_column(Integer)
    actor: Mapped[str] = mapped_column(String(100))
    recorded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ClusterLink(Base):
    """A librarian's correction of the recurring-recommendation clusters: two recommendations
    (``<report id>:<hash of its words>``) that ask the same thing (``same``: their clusters are
    merged) or not (``different``: kept apart). Applied on every clustering, so re-clustering
    never undoes it; audited like every curation change."""

    __tablename__ = "cluster_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    first: Mapped[str] = mapped_column(String(40), index=True)
    second: Mapped[str] = mapped_column(String(40), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    reason: Mapped[str] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Source(Base):
    """A place where a file was seen: a publisher's URL, or a local path it was ingested from."""

    __tablename__ = "sources"
    __table_args__ = (UniqueConstraint("url", "sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int | None] = mapped_column(ForeignKey("reports.id"), index=True)
    sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    url: Mapped[str] = mapped_column(Text)
    publisher: Mapped[str | None] = mapped_column(String(200))
    first_seen: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_seen: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_status: Mapped[int | None] = mapped_column(Integer)
    etag: Mapped[str | None] = mapped_column(String(300))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    gone_since: Mapped[datetime | None] = mapped_column(DateTime)
    # What the publisher's page says about the document (title, date, code, role, summary…).
    context: Mapped[dict] = mapped_column(JSON, default=dict)

    report: Mapped[Report | None] = relationship(back_populates="sources")


class CurationOverride(Base):
    """A librarian's value for one metadata field of one report; wins over extraction."""

    __tablename__ = "curation_overrides"
    __table_args__ = (UniqueConstraint("report_id", "field"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"))
    field: Mapped[str] = mapped_column(String(50))
    value: Mapped[object] = mapped_column(JSON, nullable=True)
    reason: Mapped[str] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    report: Mapped[Report] = relationship(back_populates="overrides")


class AuditEntry(Base):
    """One change to the catalogue: who, when, what, old and new value, and why."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(50))
    entity: Mapped[str] = mapped_column(String(50))
    entity_id: Mapped[str] = mapped_column(String(100))
    field: Mapped[str | None] = mapped_column(String(50))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)


class CrawlRun(Base):
    """One source's part in one crawl: when, how it ended, and what it counted."""

    __tablename__ = "crawl_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(100), index=True)
    status: Mapped[str] = mapped_column(String(20), default="running")
    pid: Mapped[int | None] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    pages: Mapped[int] = mapped_column(Integer, default=0)
    bytes: Mapped[int] = mapped_column(Integer, default=0)
    # {"new": n, "changed": n, "unchanged": n, "gone": n}
    counts: Mapped[dict] = mapped_column(JSON, default=dict)
    # {kind: n} and the latest failures as [{"url", "kind", "detail"}]
    errors: Mapped[dict] = mapped_column(JSON, default=dict)
    error_log: Mapped[list] = mapped_column(JSON, default=list)
    # The reading mode the source was read by (govuk-api, wordpress-api, feed, sitemap, html).
    read_as: Mapped[str | None] = mapped_column(String(30))


class ListingPage(Base):
    """A publisher's listing page as last read: its validators and the links it gave, so an
    unchanged page (304 Not Modified) is not downloaded or parsed again."""

    __tablename__ = "listing_pages"

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(100), index=True)
    url: Mapped[str] = mapped_column(Text, unique=True)
    etag: Mapped[str | None] = mapped_column(String(300))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    last_seen: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # {"documents": [{"url": ..., "context": {...}}], "pages": [...]}
    listing: Mapped[dict] = mapped_column(JSON, default=dict)


class RejectedLinkState:
    """A rejected link stays rejected until a librarian overturns the decision; the crawler
    then fetches it (its address waits as a ``pending fetch`` source)."""

    REJECTED = "rejected"
    OVERTURNED = "overturned"

    ALL = (REJECTED, OVERTURNED)


class RejectedLink(Base):
    """A link the crawler decided is not a child case review, kept with the rule, kind and
    reason of the decision so that a librarian can overturn it; never silently dropped."""

    __tablename__ = "rejected_links"
    __table_args__ = (UniqueConstraint("source", "url"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(100), index=True)
    url: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(String(500), default="")
    # adult review, national guidance, form, annual report, newsletter, policy, training, other
    kind: Mapped[str] = mapped_column(String(40), index=True)
    rule: Mapped[str] = mapped_column(String(50), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(20), default=RejectedLinkState.REJECTED, index=True)
    first_seen: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_seen: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    overturned_by: Mapped[str | None] = mapped_column(String(100))
    overturned_at: Mapped[datetime | None] = mapped_column(DateTime)
    # What the page said about the link (title, date, code, the texts the decision read).
    context: Mapped[dict] = mapped_column(JSON, default=dict)


class User(Base):
    """A librarian, admin or researcher account; the password is kept only as an argon2 hash."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(300))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Raised by sign-out, disabling and a new password: sessions made before no longer load.
    session_generation: Mapped[int] = mapped_column(Integer, default=0)


class LoginAttempt(Base):
    """One try at signing in, kept to rate-limit guessing per account and per address."""

    __tablename__ = "login_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    name: Mapped[str] = mapped_column(String(100), index=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    succeeded: Mapped[bool] = mapped_column(Boolean, default=False)


class SignInCounter(Base):
    """Sign-in attempts in the current window for one key (an account, an address, or the
    pair), counted with one UPDATE … RETURNING so simultaneous guesses cannot overtake it."""

    __tablename__ = "sign_in_counters"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    window_started: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_failure: Mapped[datetime | None] = mapped_column(DateTime)


class CatalogueLock(Base):
    """A named lock (``crawl``): who holds it, since when, and their last sign of life. A row
    exists only while held; a holder whose process is gone, or silent too long, is taken over."""

    __tablename__ = "catalogue_locks"

    name: Mapped[str] = mapped_column(String(50), primary_key=True)
    holder: Mapped[str] = mapped_column(String(64))
    pid: Mapped[int] = mapped_column(Integer)
    host: Mapped[str] = mapped_column(String(255))
    started_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    heartbeat_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ScheduledRunStatus:
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    SKIPPED = "skipped"


class ScheduledRun(Base):
    """One scheduled run (``casereview run-scheduled``): its steps (crawl, ingest, index sync)
    with what each did, and what failed."""

    __tablename__ = "scheduled_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(20), default=ScheduledRunStatus.RUNNING)
    # [{"step": "crawl", "summary": "…", "counts": {…}}, …]
    steps: Mapped[list] = mapped_column(JSON, default=list)
    # ["crawl: the crawl ended with code 1", …]
    failures: Mapped[list] = mapped_column(JSON, default=list)
