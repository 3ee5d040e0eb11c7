"""Reviews as records that others harvest (OAI-PMH): one row per review ever seen, with a number
that never changes and the time of its last change.

A review is the documents that share a review key (``review_group``: a document without a key is
a review of its own). Its change date must move whenever what a harvester sees of it moves: a
document ingested or re-extracted, a librarian's edit, a document moved between reviews, a
take-down or a restore, a publisher's address added or gone. As with the index outbox, no
writer stamps by hand: a session listener stamps the reviews that each flush touches, in the
flush's transaction. The review a document left (a merge, a move, a re-ingest under another
code) is stamped too, so that it shows as deleted once it has no public document.

Rows are never removed: a number, once harvested, keeps answering (deleted records persist).
Only reviews that had a public document (``published``) are offered to harvesters; the other
rows (a document's own review before it joined another one) stay out of sight.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Integer, String, event, inspect, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, Session, mapped_column

from .models import AuditEntry, Base, CurationOverride, Report, ReportState, Source, utcnow

REVIEW_KEY = "review_key"
# What a review's record shows of a place its document was seen (``last_seen`` moves at every
# crawl and is not part of the record, so it does not count as a change).
RECORD_SOURCE_FIELDS = ("report_id", "url", "publisher", "gone_since", "context")


def review_group(report_id: int, review_key: str | None) -> str:
    """The review a document is counted in: its (effective) review key, else its own."""
    return review_key or f"report-{report_id}"


class ReviewRecord(Base):
    """One review as harvesters know it: its number (``oai:…:review-<id>``), its group, the time
    of its last change, and whether it was ever public."""

    __tablename__ = "review_records"
    # AUTOINCREMENT: a number is never given to another review.
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    review_group: Mapped[str] = mapped_column(String(200), unique=True)
    changed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    published: Mapped[bool] = mapped_column(Boolean, default=False, index=True)


# what in a flush changes which review -------------------------------------------------------


def _history(obj, attribute: str) -> set:
    """Every value ``attribute`` had or has in this flush."""
    history = inspect(obj).attrs[attribute].history
    return {*history.added, *history.unchanged, *history.deleted} - {None}


def _changed(obj, attributes) -> bool:
    return any(inspect(obj).attrs[name].history.has_changes() for name in attributes)


def _report_touched(session: Session, report: Report) -> tuple[set[int], set[str]]:
    if report in session.dirty and not session.is_modified(report):
        return set(), set()
    dropped = inspect(report).attrs.overrides.history.deleted
    keys = {o.value for o in dropped if o.field == REVIEW_KEY} | _history(report, REVIEW_KEY)
    return {report.id}, keys


def _override_touched(_session: Session, override: CurationOverride) -> tuple[set[int], set[str]]:
    ids = _history(override, "report_id")
    if override.report is not None:
        ids.add(override.report.id)
    return ids, _history(override, "value") if override.field == REVIEW_KEY else set()


def _source_touched(session: Session, source: Source) -> tuple[set[int], set[str]]:
    if source in session.dirty and not _changed(source, RECORD_SOURCE_FIELDS):
        return set(), set()
    ids = _history(source, "report_id")
    if source.report is not None:
        ids.add(source.report.id)
    return ids, set()


def _audit_touched(_session: Session, entry: AuditEntry) -> tuple[set[int], set[str]]:
    """A librarian's regrouping names the review a document left and the one it joined."""
    if entry.field != REVIEW_KEY:
        return set(), set()
    return set(), {entry.old_value, entry.new_value}


# Each table whose rows a review's record shows, and how a changed row names its reviews:
# (report ids whose review changed, review keys they had before this flush).
TOUCHES = {
    Report: _report_touched,
    CurationOverride: _override_touched,
    Source: _source_touched,
    AuditEntry: _audit_touched,
}


def _touched(session: Session) -> tuple[set[int], set[str]]:
    report_ids: set[int] = set()
    keys: set[str] = set()
    for obj in (*session.new, *session.dirty, *session.deleted):
        touched = TOUCHES.get(type(obj))
        if touched is None:
            continue
        ids, old_keys = touched(session, obj)
        report_ids |= {rid for rid in ids if isinstance(rid, int)}
        keys |= {key for key in old_keys if isinstance(key, str) and key}
    return report_ids, keys


def _stamps(session: Session, report_ids: set[int], old_keys: set[str]) -> dict[str, bool]:
    """{review group: whether one of its documents is public-ready now} for every review this
    flush touched: the reviews its documents are in, were in, and would be in by their own key
    or alone."""
    connection = session.connection()
    regrouped = dict(
        connection.execute(
            select(CurationOverride.report_id, CurationOverride.value).where(
                CurationOverride.field == REVIEW_KEY, CurationOverride.report_id.in_(report_ids)
            )
        ).all()
    )
    rows = connection.execute(
        select(Report.id, Report.review_key, Report.state, Report.duplicate_of).where(
            Report.id.in_(report_ids)
        )
    ).all()
    stamps = {key: False for key in old_keys}
    stamps.update({review_group(rid, None): False for rid in report_ids})
    for rid, key, state, duplicate_of in rows:
        # The review its own key puts it in, which a librarian's regrouping may have just left.
        stamps.setdefault(review_group(rid, key), False)
        group = review_group(rid, regrouped[rid] if rid in regrouped else key)
        ready = state == ReportState.INDEXED and duplicate_of is None
        stamps[group] = stamps.get(group, False) or ready
    return stamps


def stamp(connection, stamps: dict[str, bool], now: datetime | None = None) -> None:
    """Set the change time of these review groups to ``now`` (adding the ones not seen yet),
    and mark as published those whose flag is true (a review once published stays so)."""
    published: dict[str, bool] = {}
    for key, public in stamps.items():
        published[key[:200]] = published.get(key[:200], False) or public
    if not published:
        return
    table, now = ReviewRecord.__table__, now or utcnow()
    # Rows are written in key order, so that concurrent flushes lock them in one order.
    keys = sorted(published)
    known = set(
        connection.scalars(select(table.c.review_group).where(table.c.review_group.in_(keys)))
    )
    if missing := [key for key in keys if key not in known]:
        # Only new groups are inserted (an upsert would use up a number at every change);
        # one that a concurrent flush has just added is left to it.
        dialect = {"sqlite": sqlite, "postgresql": postgresql}.get(connection.dialect.name)
        if dialect is None:
            raise RuntimeError(
                f"review records need SQLite or PostgreSQL, not {connection.dialect.name}"
            )
        connection.execute(
            dialect.insert(table).on_conflict_do_nothing(),
            [{"review_group": key, "changed_at": now, "published": False} for key in missing],
        )
    for key in keys:
        values = {"changed_at": now, **({"published": True} if published[key] else {})}
        connection.execute(update(table).where(table.c.review_group == key).values(**values))


@event.listens_for(Session, "after_flush")
def _stamp_reviews(session: Session, _context) -> None:
    """Stamp the reviews this flush touched, inside its transaction (ids are known after a
    flush; new, dirty, deleted and attribute histories still describe what was flushed)."""
    report_ids, old_keys = _touched(session)
    if report_ids or old_keys:
        stamp(session.connection(), _stamps(session, report_ids, old_keys))
