"""What librarians should look at, and the audit log read back: queries over the catalogue."""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from casereview.actions import current_status, is_overdue, updates_of
from casereview.catalogue import (
    Action,
    AuditEntry,
    RejectedLink,
    RejectedLinkState,
    Report,
    ReportState,
    ScheduledRun,
    Source,
    is_row_id,
    utcnow,
)
from casereview.curation import PENDING_FETCH, review_key_of
from casereview.review_groups import CPR_TYPES, reviews_missing_action_plan

# Extraction confidence (0..1, the lowest of the key fields) below which a person should look.
LOW_CONFIDENCE = 0.6
GONE_RECENTLY = timedelta(days=30)
QUEUE_LIMIT = 200


def _title(report: Report) -> str:
    return report.effective()["title"] or report.filename


def _row(report: Report, **extra) -> dict:
    return {"id": report.id, "title": _title(report), "state": report.state, **extra}


def work_queue(session, now: datetime | None = None) -> dict[str, list[dict]]:
    """Every list on the work queue page, each capped at QUEUE_LIMIT rows."""
    now = now or utcnow()
    reports = session.scalars(
        select(Report).options(selectinload(Report.overrides)).order_by(Report.id)
    ).all()
    curated = [r for r in reports if not r.suppressed]
    return {
        "low_confidence": low_confidence(curated)[:QUEUE_LIMIT],
        "failed": [
            _row(r, reason=r.state_reason)
            for r in reports
            if r.state in (ReportState.QUARANTINED, ReportState.OCR_FAILED)
        ][:QUEUE_LIMIT],
        "gone": gone_from_publisher(session, now)[:QUEUE_LIMIT],
        "duplicates": suspected_duplicates(curated)[:QUEUE_LIMIT],
        "missing_action_plan": missing_action_plan(curated)[:QUEUE_LIMIT],
        "overdue_actions": overdue_actions(session, curated)[:QUEUE_LIMIT],
        "pending_urls": pending_urls(session)[:QUEUE_LIMIT],
        "rejected_links": rejected_links(session)[:QUEUE_LIMIT],
    }


def last_scheduled_run(session) -> ScheduledRun | None:
    """The latest scheduled run (crawl, ingest, index sync), for the queue's summary."""
    return session.scalar(select(ScheduledRun).order_by(ScheduledRun.id.desc()).limit(1))


def overdue_actions(session, reports: list[Report], today: date | None = None) -> list[dict]:
    """Actions of these reports' plans past their timescale and not complete (by the newest
    status a librarian recorded, else the plan's), the longest overdue first."""
    by_id = {report.id: report for report in reports}
    actions = session.scalars(
        select(Action).where(Action.report_id.in_(sorted(by_id))).order_by(Action.id)
    ).all()
    updates = updates_of(session, {action.report_id for action in actions})
    rows = []
    for action in actions:
        status = current_status(action, updates.get((action.report_id, action.position), []))
        if is_overdue(action.due, status, today):
            report = by_id[action.report_id]
            rows.append(
                _row(
                    report,
                    review_key=review_key_of(report),
                    position=action.position,
                    action=action.action,
                    lead=action.lead,
                    due=action.due,
                    status=status,
                )
            )
    return sorted(rows, key=lambda row: (row["due"], row["id"], row["position"]))


def low_confidence(reports: list[Report], threshold: float = LOW_CONFIDENCE) -> list[dict]:
    """Indexed reports whose extraction said it was unsure, least sure first."""
    rows = []
    for report in reports:
        extraction = report.extraction or {}
        confidence = extraction.get("confidence")
        if report.state == ReportState.INDEXED and isinstance(confidence, int | float):
            if confidence < threshold:
                unsure = [
                    name
                    for name, found in (extraction.get("fields") or {}).items()
                    if isinstance(found, dict)
                    and isinstance(found.get("confidence"), int | float)
                    and found["confidence"] < threshold
                    and not any(o.field == name for o in report.overrides)
                ]
                rows.append(_row(report, confidence=round(float(confidence), 2), fields=unsure))
    return sorted(rows, key=lambda row: (row["confidence"], row["id"]))


def gone_from_publisher(session, now: datetime, within: timedelta = GONE_RECENTLY) -> list[dict]:
    """Documents whose publisher stopped serving them within ``within``, newest first."""
    sources = session.scalars(
        select(Source)
        .where(Source.gone_since.is_not(None), Source.gone_since >= now - within)
        .options(selectinload(Source.report).selectinload(Report.overrides))
        .order_by(Source.gone_since.desc())
    ).all()
    return [
        {
            "id": s.report.id if s.report else None,
            "title": _title(s.report) if s.report else s.url,
            "url": s.url,
            "publisher": s.publisher,
            "gone_since": s.gone_since,
        }
        for s in sources
    ]


def _normal_title(title: str | None) -> str:
    return re.sub(r"[^a-z0-9]+", " ", (title or "").lower()).strip()


def suspected_duplicates(reports: list[Report]) -> list[dict]:
    """Groups of documents that look like one document catalogued twice: ingest found nearly
    the same text (``duplicate_of``: only the first is indexed), the same role within one review
    (two final reports of CPR X), or the same title and board in different reviews."""
    groups: dict[tuple, list[Report]] = defaultdict(list)
    by_id = {report.id: report for report in reports}
    for report in reports:
        original = report.duplicate_of
        if original is not None:
            group = groups[("nearly the same text", original)]
            if not group and original in by_id:
                group.append(by_id[original])
            group.append(report)
            continue
        if report.state != ReportState.INDEXED:
            continue
        meta = report.effective()
        if meta["review_key"] and meta["document_role"]:
            groups[("same role in review", meta["review_key"], meta["document_role"])].append(
                report
            )
        title = _normal_title(meta["title"])
        if title:
            groups[("same title and board", title, (meta["board"] or "").lower())].append(report)
    reasons: dict[tuple, list[str]] = {}
    members_of: dict[tuple, list[Report]] = {}
    for (why, *_), members in groups.items():
        if len(members) > 1:
            ids = tuple(r.id for r in members)
            reasons.setdefault(ids, []).append(why)
            members_of[ids] = members
    return [
        {
            "why": "; ".join(reasons[ids]),
            "reports": [{"id": r.id, "title": _title(r)} for r in members],
        }
        for ids, members in members_of.items()
    ]


def missing_action_plan(reports: list[Report]) -> list[dict]:
    """Welsh Child Practice Reviews (documents sharing a review key, as librarians curated it)
    with no document whose role is action plan: action plans are a Welsh convention."""
    reviews: dict[str, list[Report]] = defaultdict(list)
    for report in reports:
        if report.duplicate_of is not None:
            continue
        if report.state == ReportState.INDEXED and report.effective()["review_key"]:
            reviews[review_key_of(report)].append(report)
    values = {key: [r.effective() for r in members] for key, members in reviews.items()}
    return [
        {"review_key": key, "reports": [{"id": r.id, "title": _title(r)} for r in reviews[key]]}
        for key in reviews_missing_action_plan(values, CPR_TYPES)
    ]


def pending_urls(session) -> list[dict]:
    """Addresses librarians gave that the crawler has not fetched yet (once it has, the source
    holds a SHA-256 and the crawler's own context)."""
    sources = session.scalars(
        select(Source).where(Source.sha256.is_(None)).order_by(Source.first_seen)
    ).all()
    return [
        {"url": s.url, "publisher": s.publisher, "since": s.first_seen, "state": _fetch_state(s)}
        for s in sources
        if (s.context or {}).get("fetch_state") == PENDING_FETCH
    ]


def _fetch_state(source: Source) -> str:
    """Pending, or why the crawler's last try failed (it records the kind in the context)."""
    error = (source.context or {}).get("error")
    return f"fetch failed: {error}" if error else PENDING_FETCH


def rejected_links(session, limit: int = QUEUE_LIMIT) -> list[dict]:
    """Links the crawler decided are not child case reviews, with the kind and reason of each
    decision, most recently seen first: a librarian may overturn any of them."""
    rows = session.scalars(
        select(RejectedLink)
        .where(RejectedLink.state == RejectedLinkState.REJECTED)
        .order_by(RejectedLink.last_seen.desc(), RejectedLink.id.desc())
        .limit(limit)
    ).all()
    return [
        {
            "id": r.id,
            "url": r.url,
            "title": r.title or r.url,
            "publisher": r.source,
            "kind": r.kind,
            "reason": r.reason,
            "since": r.first_seen,
        }
        for r in rows
    ]


def find_reports(session, q: str, limit: int = 50) -> list[Report]:
    """Catalogue search for librarians (suppressed and failed reports included): a report id,
    a SHA-256 prefix, or words of the filename, title or review key."""
    q = (q or "").strip()
    query = select(Report).options(selectinload(Report.overrides)).order_by(Report.id.desc())
    if q.isascii() and q.isdigit():
        query = query.where(Report.id == int(q)) if is_row_id(int(q)) else query.where(False)
    elif re.fullmatch(r"[0-9a-f]{8,64}", q):
        query = query.where(Report.sha256.startswith(q))
    elif q:
        like = f"%{q}%"
        query = query.where(
            or_(
                Report.title.ilike(like), Report.filename.ilike(like), Report.review_key.ilike(like)
            )
        )
    return session.scalars(query.limit(limit)).all()


# audit log ------------------------------------------------------------------------------------


@dataclass
class AuditFilter:
    """The audit log's filters, from a request's arguments; bad dates raise ValueError."""

    actor: str = ""
    action: str = ""
    field: str = ""
    report: str = ""
    since: date | None = None
    until: date | None = None

    @classmethod
    def from_args(cls, args) -> AuditFilter:
        def day(name):
            value = (args.get(name) or "").strip()
            return date.fromisoformat(value) if value else None

        return cls(
            actor=(args.get("actor") or "").strip(),
            action=(args.get("action") or "").strip(),
            field=(args.get("field") or "").strip(),
            report=(args.get("report") or "").strip(),
            since=day("since"),
            until=day("until"),
        )

    def as_args(self) -> dict:
        return {
            k: v.isoformat() if isinstance(v, date) else v for k, v in self.__dict__.items() if v
        }


def audit_entries(session, filters: AuditFilter, limit: int | None = 500) -> list[AuditEntry]:
    """Audit entries matching the filters, newest first."""
    query = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    if filters.actor:
        query = query.where(AuditEntry.actor == filters.actor)
    if filters.action:
        query = query.where(AuditEntry.action == filters.action)
    if filters.field:
        query = query.where(AuditEntry.field == filters.field)
    if filters.report:
        query = query.where(AuditEntry.entity == "report", AuditEntry.entity_id == filters.report)
    if filters.since:
        query = query.where(AuditEntry.at >= datetime.combine(filters.since, datetime.min.time()))
    if filters.until:
        end = datetime.combine(filters.until, datetime.min.time()) + timedelta(days=1)
        query = query.where(AuditEntry.at < end)
    if limit:
        query = query.limit(limit)
    return session.scalars(query).all()


AUDIT_COLUMNS = (
    "at",
    "actor",
    "action",
    "entity",
    "entity_id",
    "field",
    "old_value",
    "new_value",
    "reason",
)


def _csv_cell(value) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    text = "" if value is None else value.isoformat() if isinstance(value, datetime) else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def audit_csv(entries: list[AuditEntry]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(AUDIT_COLUMNS)
    for entry in entries:
        writer.writerow([_csv_cell(getattr(entry, column)) for column in AUDIT_COLUMNS])
    return out.getvalue()
