"""A review's actions over time: when one is overdue, where it stands (the plan's status, or
the newest status a librarian recorded), and the recording of a status update, audited like
every curation change."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import BinaryIO
from urllib.parse import urlsplit

from sqlalchemy import select

from casereview import evidence
from casereview.catalogue import Action, ActionUpdate, AuditEntry
from casereview.curation import CurationError, Outcome, Services, load_report, require_reason
from casereview.vocabulary import ACTION_STATUSES

COMPLETE = "complete"
MAX_URL_CHARS = 2000


def is_overdue(due: str | None, status: str | None, today: dt.date | None = None) -> bool:
    """Past its timescale and not complete. A month ("2025-03") is due at its end, so it is
    overdue from the first of the next month; an action with no date is never overdue."""
    if not due or status == COMPLETE:
        return False
    today = today or dt.date.today()
    if len(due) == 7:
        return due < f"{today:%Y-%m}"
    return due < today.isoformat()


def updates_of(session, report_ids) -> dict[tuple[int, int], list[ActionUpdate]]:
    """Every status update of the plans' actions, oldest first, by (report, position)."""
    found: dict[tuple[int, int], list[ActionUpdate]] = defaultdict(list)
    ids = sorted(set(report_ids))
    if not ids:
        return found
    for update in session.scalars(
        select(ActionUpdate)
        .where(ActionUpdate.report_id.in_(ids))
        .order_by(ActionUpdate.date, ActionUpdate.id)
    ):
        found[(update.report_id, update.position)].append(update)
    return found


def current_status(action: Action, updates: list[ActionUpdate]) -> str | None:
    """The newest status a librarian recorded, else the plan's."""
    return updates[-1].status if updates else action.status


def _checked_date(text: str, today: dt.date) -> str:
    try:
        day = dt.date.fromisoformat((text or "").strip())
    except ValueError:
        raise CurationError("give the date as YYYY-MM-DD") from None
    if day > today:
        raise CurationError("the date of an update cannot be in the future")
    return day.isoformat()


def _checked_url(text: str) -> str:
    url = (text or "").strip()
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or len(url) > MAX_URL_CHARS:
        raise CurationError("the evidence must be a web address (http:// or https://)")
    return url


def _stored_evidence(services: Services, upload) -> evidence.EvidenceFile | None:
    if upload is None:
        return None
    filename, stream = upload
    try:
        return evidence.store(
            services.archive,
            filename,
            stream,
            services.config.evidence_max_mb,
            services.config.data_dir,
        )
    except evidence.EvidenceError as error:
        raise CurationError(str(error)) from None


def record_update(
    services: Services,
    report_id: int,
    position: int,
    date: str,
    status: str,
    note: str,
    evidence_url: str,
    actor: str,
    today: dt.date | None = None,
    upload: tuple[str, BinaryIO] | None = None,
) -> Outcome:
    """Record where one action of a plan stands: the status on ``date``, a note (required, as
    every change's reason) and the evidence (a web address, and/or an ``upload``: its file
    name and bytes, checked and archived by ``casereview.evidence``); the history keeps every
    update."""
    if status not in ACTION_STATUSES:
        raise CurationError(f"the status must be one of: {', '.join(ACTION_STATUSES)}")
    note = require_reason(note)
    day = _checked_date(date, today or dt.date.today())
    url = _checked_url(evidence_url)
    with services.catalogue.session() as session:
        report = load_report(session, report_id)
        if not any(a.position == position for a in report.actions):
            raise CurationError(f"report {report_id} has no action {position + 1}")
    kept = _stored_evidence(services, upload)
    with services.catalogue.session() as session:
        report = load_report(session, report_id)
        action = next((a for a in report.actions if a.position == position), None)
        if action is None:
            raise CurationError(f"report {report_id} has no action {position + 1}")
        old = current_status(action, updates_of(session, [report_id])[(report_id, position)])
        session.add(
            ActionUpdate(
                report_id=report_id,
                position=position,
                date=day,
                status=status,
                note=note,
                evidence_url=url,
                evidence_sha256=kept.sha256 if kept else None,
                evidence_name=kept.name if kept else None,
                evidence_type=kept.media_type if kept else None,
                evidence_size=kept.size if kept else None,
                actor=actor,
            )
        )
        session.add(
            AuditEntry(
                actor=actor,
                action="action-update",
                entity="report",
                entity_id=str(report_id),
                field=f"action {position + 1} status",
                old_value=old,
                new_value=f"{status} on {day}"
                + (f" ({url})" if url else "")
                + (f" (file {kept.name}, sha256 {kept.sha256})" if kept else ""),
                reason=note,
            )
        )
    return Outcome([report_id], True, f"Action {position + 1}: {status} on {day} recorded.")
