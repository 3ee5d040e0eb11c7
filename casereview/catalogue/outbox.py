"""The index outbox: what the search index must do, written in the same transaction as the
catalogue change that calls for it.

No writer enqueues by hand. A session listener looks at every flush: a report added, changed or
deleted, a librarian's override of it, its action plan's rows (``Action``), or a place it was
seen (``Source``: a crawl's ``gone_since``, a new publisher) puts the report's id in
``index_outbox``. The transaction that changes the catalogue commits the row with it, or
neither. ``index_mappings.reconcile`` applies
the rows whenever the engine is reachable and removes them; until then they wait.

Rows are a queue of report ids, not of documents: the reconciler builds each report's document
from the catalogue as it is when it applies the row, so applying a row twice, or late, is
harmless. The ``op`` says what the change looked like when it was made (``delete`` for a report
removed or taken down), for ``casereview index status``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text, event, func, insert, inspect, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from .models import Action, Base, CurationOverride, Report, Source, utcnow
from .portable import serialise_outbox_writers

UPSERT = "upsert"
DELETE = "delete"


class IndexChange(Base):
    """One pending index operation for one report."""

    __tablename__ = "index_outbox"
    # AUTOINCREMENT: ids are never reused, so an id orders changes for ever (the reconciler
    # writes documents with the id as their external version).
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(Integer, index=True)
    op: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)


# what in a flush touches which report ----------------------------------------------------------


def _history_ids(obj, attribute: str) -> set[int]:
    """The values ``attribute`` had and has in this flush (a source moved between reports
    touches both)."""
    history = inspect(obj).attrs[attribute].history
    values = (*history.added, *history.unchanged, *history.deleted)
    return {value for value in values if isinstance(value, int)}


def _report_of(obj) -> set[int]:
    """The reports a changed Source or CurationOverride belongs to (now and before)."""
    ids = _history_ids(obj, "report_id")
    if getattr(obj, "report", None) is not None and obj.report.id is not None:
        ids.add(obj.report.id)
    return ids


def _report_itself(report: Report) -> set[int]:
    return set() if report.id is None else {report.id}


# What a change to each table touches in the index: the reports whose documents show the row.
# A table whose rows a report's document shows is added here, and its writers need do nothing.
TOUCHES = {
    Report: _report_itself,
    Source: _report_of,
    CurationOverride: _report_of,
    Action: _report_of,
}


def _touched(session: Session) -> dict[int, str]:
    """{report id: op} for everything this flush changes that a report's document shows; a
    report deleted or taken down is a ``delete``."""
    changed = [
        (obj, False)
        for obj in (*session.new, *session.dirty)
        if obj in session.new or session.is_modified(obj)
    ]
    changed += [(obj, True) for obj in session.deleted]
    ops: dict[int, str] = {}
    for obj, deleted in changed:
        reports_of = TOUCHES.get(type(obj))
        if reports_of is None:
            continue
        removed = isinstance(obj, Report) and (deleted or bool(obj.suppressed))
        for report_id in reports_of(obj):
            if removed:
                ops[report_id] = DELETE
            else:
                ops.setdefault(report_id, UPSERT)
    return ops


@event.listens_for(Session, "before_flush")
def _one_outbox_writer_at_a_time(session: Session, _context, _instances) -> None:
    """Take the outbox's lock before this flush writes anything the index shows (before its
    row locks, so two writers cannot each hold what the other waits for)."""
    watched = (*TOUCHES, IndexChange)
    if any(isinstance(obj, watched) for obj in (*session.new, *session.dirty, *session.deleted)):
        serialise_outbox_writers(session)


@event.listens_for(Session, "after_flush")
def _enqueue_index_changes(session: Session, _context) -> None:
    """Write the outbox rows inside the flush's transaction (ids are known after a flush;
    new, dirty and deleted still describe what was flushed)."""
    ops = _touched(session)
    if not ops:
        return
    now = utcnow()
    session.connection().execute(
        insert(IndexChange.__table__),
        [
            {"report_id": rid, "op": op, "created_at": now, "attempts": 0}
            for rid, op in sorted(ops.items())
        ],
    )


def enqueue(session: Session, report_ids, op: str = UPSERT) -> None:
    """Ask the index to look at these reports again (for changes made without the ORM)."""
    session.add_all(IndexChange(report_id=rid, op=op) for rid in sorted(set(report_ids)))


# what is pending ------------------------------------------------------------------------------


@dataclass
class OutboxStatus:
    pending: int
    reports: int
    deletes: int
    oldest: datetime | None
    attempts: int
    last_error: str | None

    def oldest_age_seconds(self, now: datetime | None = None) -> float | None:
        if self.oldest is None:
            return None
        return max(0.0, ((now or utcnow()) - self.oldest).total_seconds())

    def as_dict(self) -> dict:
        age = self.oldest_age_seconds()
        return {
            "pending": self.pending,
            "reports": self.reports,
            "deletes": self.deletes,
            "oldest_pending_at": self.oldest.isoformat() if self.oldest else None,
            "oldest_pending_age_seconds": None if age is None else round(age, 1),
            "attempts": self.attempts,
            "last_error": self.last_error,
        }


def outbox_status(session: Session) -> OutboxStatus:
    """How much the index is behind the catalogue: rows, reports, take-downs, the oldest."""
    pending, reports, oldest, attempts = session.execute(
        select(
            func.count(IndexChange.id),
            func.count(func.distinct(IndexChange.report_id)),
            func.min(IndexChange.created_at),
            func.coalesce(func.max(IndexChange.attempts), 0),
        )
    ).one()
    deletes = session.scalar(
        select(func.count(func.distinct(IndexChange.report_id))).where(IndexChange.op == DELETE)
    )
    last_error = session.scalar(
        select(IndexChange.last_error)
        .where(IndexChange.last_error.is_not(None))
        .order_by(IndexChange.id.desc())
        .limit(1)
    )
    return OutboxStatus(pending, reports, deletes, oldest, attempts, last_error)
