"""Librarians' changes to the catalogue: edits, merges, suppression, additions, retries.

Every change names who made it and why, writes one AuditEntry per value changed, and leaves the
index operations it calls for in the catalogue's outbox, in the same transaction (see
``casereview.catalogue.outbox``); ``Services.sync`` applies them. Edits are CurationOverride rows, kept apart from what ingest extracted, so
re-ingesting or rebuilding the index never undoes them. The audit log is append-only: the session
refuses to update or delete its rows.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from sqlalchemy import event, select
from sqlalchemy.orm import Session, selectinload
from werkzeug.utils import secure_filename

from casereview.archive import Archive
from casereview.catalogue import (
    CURATED_FIELDS,
    AuditEntry,
    Catalogue,
    CurationOverride,
    RejectedLink,
    RejectedLinkState,
    Report,
    ReportState,
    Source,
    is_row_id,
    review_group,
    utcnow,
)
from casereview.config import Config
from casereview.search_engine import SearchEngine
from casereview.vocabulary import VOCABULARIES

SUPPRESSION_REASONS = ("court order", "family request", "publisher request", "other")
TEXT_LIMITS = {"summary": 20_000, "title": 500, "review_key": 200}
DEFAULT_TEXT_LIMIT = 200
UPLOAD_SUFFIXES = {".pdf"}
MAX_REASON_CHARS = 2000


class CurationError(ValueError):
    """A change that cannot be made as asked; the message tells the librarian why."""


@dataclass
class Services:
    """What curation works on: the catalogue (truth), the archive, the engine, and ``sync``,
    which applies the catalogue's pending index operations and says whether the index caught
    up (``index_mappings.reconcile.sync_services``; without it the changes wait for the reconciler)."""

    catalogue: Catalogue
    archive: Archive
    engine: SearchEngine
    config: Config
    sync: Callable[[Services], bool] | None = None
    # Ingest's steps for librarians' uploads and retries, given by the caller because the core
    # sits below ingest (``ingest.pipeline.CURATION_STEPS``): ``catalogue_file`` is
    # ``catalogue_archived``, ``extract_again`` is ``retry_reports``.
    catalogue_file: Callable | None = None
    extract_again: Callable | None = None

    def ingest_step(self, name: str) -> Callable:
        step = getattr(self, name)
        if step is None:
            raise CurationError(f"this action needs ingest, which was not given ({name})")
        return step


@dataclass
class Outcome:
    """What a change did: the reports touched, and whether the index caught up."""

    report_ids: list[int]
    indexed: bool = True
    message: str = ""
    extra: dict = field(default_factory=dict)


# the audit log is append-only ---------------------------------------------------------------


class AuditLogIsReadOnly(RuntimeError):
    pass


@event.listens_for(Session, "before_flush")
def _refuse_audit_changes(session, _context, _instances) -> None:
    if any(isinstance(obj, AuditEntry) for obj in (*session.dirty, *session.deleted)):
        raise AuditLogIsReadOnly("audit entries cannot be changed or deleted")


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_audit_changes(state) -> None:
    if (state.is_update or state.is_delete) and any(
        mapper.class_ is AuditEntry for mapper in state.all_mappers
    ):
        raise AuditLogIsReadOnly("audit entries cannot be changed or deleted")


# values ---------------------------------------------------------------------------------------


def as_text(value) -> str | None:
    """How a value is written in the audit log: strings as they are, others as JSON."""
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def parse_value(name: str, raw: str | list | None):
    """The typed value of field ``name`` from what a librarian typed; empty clears the field.
    Raises CurationError with a message on a value the field cannot hold."""
    if name not in CURATED_FIELDS:
        raise CurationError(f"unknown field {name!r}")
    if isinstance(raw, list):
        raw = "\n".join(raw)
    text = (raw or "").strip()
    if name == "themes":
        return sorted({t.strip() for t in re.split(r"[,\n;]", text) if t.strip()})
    if not text:
        return None
    if name == "year":
        if not re.fullmatch(r"\d{4}", text) or not 1900 <= int(text) <= 2100:
            raise CurationError("the year must be four digits between 1900 and 2100")
        return int(text)
    if name == "child_age_years":
        try:
            age = float(text)
        except ValueError:
            raise CurationError("the child's age is a number of years, e.g. 0.5 or 14") from None
        if not 0 <= age <= 25:
            raise CurationError("the child's age must be between 0 and 25 years")
        return age
    if name == "publication_date":
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            raise CurationError("the publication date is written YYYY-MM-DD") from None
    if name in VOCABULARIES:
        allowed = VOCABULARIES[name]
        match = next((v for v in allowed if v.lower() == text.lower()), None)
        if match is None:
            raise CurationError(f"{name} must be one of: {', '.join(allowed)}")
        return match
    limit = TEXT_LIMITS.get(name, DEFAULT_TEXT_LIMIT)
    if len(text) > limit:
        raise CurationError(f"{name} holds at most {limit} characters")
    return text


def require_reason(reason: str | None) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise CurationError("every change needs a reason")
    if len(reason) > MAX_REASON_CHARS:
        raise CurationError(f"a reason holds at most {MAX_REASON_CHARS} characters")
    return reason


def _audit(session, actor, action, report_id, reason, field=None, old=None, new=None) -> None:
    session.add(
        AuditEntry(
            actor=actor,
            action=action,
            entity="report",
            entity_id=str(report_id),
            field=field,
            old_value=as_text(old),
            new_value=as_text(new),
            reason=reason,
        )
    )


def load_report(session, report_id: int) -> Report:
    report = session.get(Report, report_id, options=[selectinload(Report.overrides)])
    if report is None:
        raise CurationError(f"there is no report {report_id}")
    return report


def _set_override(session, report: Report, name: str, value, actor: str, reason: str) -> bool:
    """Store a librarian's value for one field; False when it changes nothing."""
    old = report.effective()[name]
    if old == value:
        return False
    override = next((o for o in report.overrides if o.field == name), None)
    if override is None:
        report.overrides.append(
            CurationOverride(field=name, value=value, reason=reason, actor=actor)
        )
    else:
        override.value, override.reason, override.actor = value, reason, actor
    return True


def _finish(services: Services, report_ids, message: str, **extra) -> Outcome:
    """The change is committed with its index operations (the catalogue's outbox); apply them
    now if the services can, else the app's reconciler does as soon as the engine answers."""
    ids = sorted(set(report_ids))
    indexed = services.sync(services) if ids and services.sync else not ids
    if not indexed:
        message += (
            " The search index catches up by itself once the engine answers"
            " (`casereview index status` shows what is pending);"
            " taken-down reports are hidden from public pages already."
        )
    return Outcome(ids, indexed, message, extra)


# edits ----------------------------------------------------------------------------------------


def edit_field(
    services: Services, report_id: int, name: str, raw_value, actor: str, reason: str
) -> Outcome:
    """Override one metadata field of a report."""
    reason = require_reason(reason)
    if name == "review_key":
        raise CurationError("use merge, split or move to change which review a document is in")
    value = parse_value(name, raw_value)
    with services.catalogue.session() as session:
        report = load_report(session, report_id)
        old = report.effective()[name]
        if not _set_override(session, report, name, value, actor, reason):
            return Outcome([report_id], True, f"{name} already has that value; nothing changed")
        _audit(session, actor, "edit", report_id, reason, name, old, value)
    return _finish(services, [report_id], f"{name} changed.")


def revert_field(services: Services, report_id: int, name: str, actor: str, reason: str) -> Outcome:
    """Drop a librarian's value for one field, so the extracted value shows again."""
    reason = require_reason(reason)
    with services.catalogue.session() as session:
        report = load_report(session, report_id)
        override = next((o for o in report.overrides if o.field == name), None)
        if override is None:
            raise CurationError(f"{name} has no librarian's value to undo")
        old = report.effective()[name]
        report.overrides.remove(override)
        _audit(session, actor, "revert", report_id, reason, name, old, getattr(report, name))
    return _finish(services, [report_id], f"{name} shows the extracted value again.")


# reviews: merge, split, move ------------------------------------------------------------------


def review_key_of(report: Report) -> str:
    """The review a document belongs to; a document without one is a review of its own."""
    return review_group(report.id, report.effective()["review_key"])


def review_members(session, key: str) -> list[Report]:
    """Every document whose effective review key is ``key``."""
    return members_of_reviews(session, [key]).get(key, [])


def members_of_reviews(session, keys, *options) -> dict[str, list[Report]]:
    """{key: its documents in id order} for the review keys ``keys``, in one pass (``options``:
    loader options for the reports, beside their overrides)."""
    keys = set(keys)
    overridden = {
        o.report_id
        for o in session.scalars(
            select(CurationOverride).where(CurationOverride.field == "review_key")
        )
        if o.value in keys
    }
    own = {
        int(key[7:])
        for key in keys
        if key.startswith("report-") and key[7:].isascii() and key[7:].isdigit()
    }
    own = {report_id for report_id in own if is_row_id(report_id)}
    candidates = session.scalars(
        select(Report)
        .where(Report.review_key.in_(keys) | Report.id.in_(overridden | own))
        .options(selectinload(Report.overrides), *options)
        .order_by(Report.id)
    ).all()
    members: dict[str, list[Report]] = {}
    for report in candidates:
        if (key := review_key_of(report)) in keys:
            members.setdefault(key, []).append(report)
    return members


def is_public(report: Report) -> bool:
    """Whether the public sees ``report`` itself: extracted, not taken down, and not a
    near-duplicate (search finds that as its original). The index holds exactly these."""
    return (
        report.state == ReportState.INDEXED
        and not report.suppressed
        and report.duplicate_of is None
    )


def _public(members: list[Report]) -> list[Report]:
    return [member for member in members if is_public(member)]


def public_members(session, key: str) -> list[Report]:
    """The public documents of review ``key``, in id order: indexed, not taken down, and not a
    near-duplicate (search finds that as its original). The first one's id is the review's."""
    return _public(review_members(session, key))


def review_ids(session, keys) -> dict[str, int]:
    """{review key: the review's id} for ``keys`` that have a public document, in one pass."""
    found = {key: _public(m) for key, m in members_of_reviews(session, keys).items()}
    return {key: members[0].id for key, members in found.items() if members}


def _move_to(session, reports, key, action, actor, reason) -> list[int]:
    moved = []
    for report in reports:
        old = review_key_of(report)
        if _set_override(session, report, "review_key", key, actor, reason):
            _audit(session, actor, action, report.id, reason, "review_key", old, key)
            moved.append(report.id)
    return moved


def merge_reviews(
    services: Services, keep_report_id: int, other_report_id: int, actor: str, reason: str
) -> Outcome:
    """Make the review of ``other_report_id`` (all its documents) part of the review of
    ``keep_report_id``: they are the same review catalogued twice."""
    reason = require_reason(reason)
    with services.catalogue.session() as session:
        keep, other = load_report(session, keep_report_id), load_report(session, other_report_id)
        key, other_key = review_key_of(keep), review_key_of(other)
        if key == other_key:
            raise CurationError("these documents are already in the same review")
        members = review_members(session, other_key)
        moved = _move_to(session, [keep], key, "merge", actor, reason)
        moved += _move_to(session, members, key, "merge", actor, reason)
    return _finish(services, moved, f"{len(members)} document(s) merged into review {key}.")


def split_review(
    services: Services, report_ids: list[int], actor: str, reason: str, new_key: str = ""
) -> Outcome:
    """Take documents out of their review into a review of their own (undoing a wrong merge)."""
    reason = require_reason(reason)
    if not report_ids:
        raise CurationError("choose the documents to split off")
    with services.catalogue.session() as session:
        reports = [load_report(session, rid) for rid in report_ids]
        if len({review_key_of(r) for r in reports}) != 1:
            raise CurationError("the documents to split off must all be in one review")
        key = parse_value("review_key", new_key) or f"split-{min(report_ids)}"
        if key == review_key_of(reports[0]):
            raise CurationError("the new review key must differ from the current one")
        if review_members(session, key):
            raise CurationError(f"review {key} exists already: use move instead")
        moved = _move_to(session, reports, key, "split", actor, reason)
    return _finish(services, moved, f"{len(moved)} document(s) split off into review {key}.")


def move_document(
    services: Services, report_id: int, target_report_id: int, actor: str, reason: str
) -> Outcome:
    """Move one document into the review that ``target_report_id`` belongs to."""
    reason = require_reason(reason)
    with services.catalogue.session() as session:
        report, target = load_report(session, report_id), load_report(session, target_report_id)
        key = review_key_of(target)
        if review_key_of(report) == key:
            raise CurationError("the document is already in that review")
        moved = _move_to(session, [target], key, "move", actor, reason)
        moved += _move_to(session, [report], key, "move", actor, reason)
    return _finish(services, moved, f"document moved into review {key}.")


# suppression ----------------------------------------------------------------------------------


def _merged_into(session, report: Report) -> set[int]:
    """Reports a librarian merged into ``report``'s review (the same review catalogued twice)."""
    key = review_key_of(report)
    merged = session.scalars(
        select(AuditEntry.entity_id).where(
            AuditEntry.entity == "report",
            AuditEntry.action == "merge",
            AuditEntry.field == "review_key",
            AuditEntry.new_value == key,
        )
    )
    return {int(rid) for rid in merged if rid.isascii() and rid.isdigit()}


def takedown_family(session, report_ids) -> set[int]:
    """The reports a take-down of ``report_ids`` covers: the reports themselves, their
    near-duplicates (``duplicate_of``, either way, transitively) and anything merged into them.
    A copy of a taken-down report found at another publisher must not stay public."""
    family, todo = set(), list(report_ids)
    while todo:
        report_id = todo.pop()
        if report_id in family:
            continue
        family.add(report_id)
        report = session.get(Report, report_id)
        if report is None:
            continue
        linked = set(
            session.scalars(select(Report.id).where(Report.duplicate_of == report_id))
        ) | _merged_into(session, report)
        if report.duplicate_of is not None:
            linked.add(report.duplicate_of)
        todo.extend(linked - family)
    return family


def is_taken_down(session, report: Report) -> bool:
    """Whether the public may not see ``report``: it is suppressed, or it repeats (as a
    near-duplicate, at any depth) a report that is."""
    seen = set()
    while report is not None and report.id not in seen:
        if report.suppressed:
            return True
        seen.add(report.id)
        report = session.get(Report, report.duplicate_of) if report.duplicate_of else None
    return False


def _cascade_note(report_id: int) -> str:
    return f" (with report {report_id})"


def suppress(
    services: Services, report_ids: list[int], kind: str, detail: str, actor: str
) -> Outcome:
    """Take reports down from every public route, with their near-duplicates and anything
    merged into them; the archive keeps their files."""
    if kind not in SUPPRESSION_REASONS:
        raise CurationError(f"the reason must be one of: {', '.join(SUPPRESSION_REASONS)}")
    detail = (detail or "").strip()
    if kind == "other" and not detail:
        raise CurationError("say why the report is taken down")
    reason = require_reason(f"{kind}: {detail}" if detail else kind)
    if not report_ids:
        raise CurationError("choose the documents to take down")
    changed = []
    with services.catalogue.session() as session:
        for report_id in report_ids:
            load_report(session, report_id)
        for report_id in report_ids:
            for member in sorted(takedown_family(session, [report_id])):
                report = load_report(session, member)
                if report.suppressed:
                    continue
                why = reason if member == report_id else reason + _cascade_note(report_id)
                report.suppressed, report.suppressed_reason = True, why
                _audit(session, actor, "suppress", member, why, "suppressed", False, True)
                changed.append(member)
    return _finish(services, changed, f"{len(changed)} document(s) taken down.")


def restore(services: Services, report_ids: list[int], reason: str, actor: str) -> Outcome:
    """Bring suppressed reports back to the public routes, with the near-duplicates and merged
    reports their take-down covered."""
    reason = require_reason(reason)
    changed = []
    with services.catalogue.session() as session:
        for report_id in report_ids:
            for member in sorted(takedown_family(session, [report_id])):
                report = load_report(session, member)
                cascaded = (report.suppressed_reason or "").endswith(_cascade_note(report_id))
                if not report.suppressed or (member != report_id and not cascaded):
                    continue
                report.suppressed, report.suppressed_reason = False, None
                _audit(session, actor, "restore", member, reason, "suppressed", True, False)
                changed.append(member)
    return _finish(services, changed, f"{len(changed)} document(s) restored.")


# additions ------------------------------------------------------------------------------------

CONTEXT_KEYS = ("title", "date", "code", "child_pseudonym", "role", "summary", "nation")


def publisher_context(publisher: str, values: dict) -> dict:
    """The listing context a librarian typed in, shaped like the crawler's Source.context."""
    context = {k: str(values[k]).strip()[:2000] for k in CONTEXT_KEYS if values.get(k)}
    if publisher:
        context["publisher"] = publisher.strip()[:200]
    return context


def check_url(url: str) -> str:
    """An absolute http(s) URL, or CurationError."""
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or len(url) > 2000:
        raise CurationError("give the document's full web address, starting with https://")
    return url


def safe_upload_name(filename: str) -> str:
    """A plain file name without folders or odd characters; refuses unsupported types."""
    name = secure_filename(Path((filename or "").replace("\\", "/")).name)[:200]
    if not name or Path(name).suffix.lower() not in UPLOAD_SUFFIXES:
        raise CurationError("upload a PDF file (its name must end in .pdf)")
    return name


def add_upload(
    services: Services,
    filename: str,
    stream: BinaryIO,
    actor: str,
    reason: str,
    publisher: str = "",
    url: str = "",
    context: dict | None = None,
) -> Outcome:
    """Archive an uploaded file and catalogue it through ingest, with the publisher context the
    librarian typed in. A file larger than MAX_FILE_MB is refused and nothing is kept."""
    catalogue_archived = services.ingest_step("catalogue_file")
    reason = require_reason(reason)
    name = safe_upload_name(filename)
    source_url = check_url(url) if url else f"upload:{name}"
    limit = services.config.max_file_mb * 1024 * 1024
    services.config.ensure_dirs()
    with tempfile.TemporaryDirectory(dir=services.config.data_dir) as folder:
        path = Path(folder) / "upload"
        with open(path, "wb") as out:
            copied = _copy_limited(stream, out, limit)
        if copied == 0:
            raise CurationError("the uploaded file is empty")
        sha256 = services.archive.put_file(path)
    context = publisher_context(publisher, context or {})
    with services.catalogue.session() as session:
        existing = session.scalar(select(Report).where(Report.sha256 == sha256))
        source = session.scalar(
            select(Source).where(Source.url == source_url, Source.sha256 == sha256)
        )
        if source is None:
            source = Source(url=source_url, sha256=sha256, report=existing)
            session.add(source)
        source.publisher = publisher.strip()[:200] or source.publisher or "librarian upload"
        source.context = {**(source.context or {}), **context, "added_by": actor}
    # Sources without a report are linked by ingest, which reads their context.
    result = catalogue_archived(
        sha256,
        services.catalogue,
        services.archive,
        services.config,
        filename=name,
        publisher=publisher or "librarian upload",
    )
    with services.catalogue.session() as session:
        _audit(session, actor, "add", result.report_id, reason, "file", None, name)
    state = "already in the catalogue" if not result.new else result.state
    message = f"{name} added ({state})." + (f" {result.reason}" if result.reason else "")
    return _finish(services, [result.report_id], message, new=result.new, state=result.state)


def _copy_limited(source: BinaryIO, target: BinaryIO, limit: int) -> int:
    copied = 0
    while block := source.read(1 << 20):
        copied += len(block)
        if copied > limit:
            raise CurationError(f"the file is larger than {limit // 2**20} MB")
        target.write(block)
    return copied


PENDING_FETCH = "pending fetch"


def _pending_fetch(context: dict, actor: str, reason: str) -> dict:
    """A source's context while its address waits for the crawler, saying who asked and why."""
    return {**context, "fetch_state": PENDING_FETCH, "added_by": actor, "reason": reason}


def add_url(
    services: Services, url: str, actor: str, reason: str, publisher: str, context: dict
) -> Outcome:
    """Record a document's address for the crawler to fetch: a Source without a file yet,
    marked pending, with the publisher context the librarian typed in."""
    reason = require_reason(reason)
    url = check_url(url)
    publisher = (publisher or "").strip()[:200]
    if not publisher:
        raise CurationError("name the publisher")
    with services.catalogue.session() as session:
        source = session.scalar(select(Source).where(Source.url == url).order_by(Source.id))
        if source is not None:
            state = "fetched" if source.sha256 else PENDING_FETCH
            raise CurationError(f"that address is known already ({state})")
        source = Source(
            url=url,
            publisher=publisher,
            context=_pending_fetch(publisher_context(publisher, context), actor, reason),
        )
        session.add(source)
        session.flush()
        session.add(
            AuditEntry(
                actor=actor,
                action="add-url",
                entity="source",
                entity_id=str(source.id),
                field="url",
                new_value=url,
                reason=reason,
            )
        )
        source_id = source.id
    return Outcome(
        [], True, "Address recorded: the crawler fetches it on its next run.", {"source": source_id}
    )


def overturn_rejected_link(catalogue, link_id: int, actor: str, reason: str) -> int:
    """A librarian says a rejected link is a child case review after all: the link is marked
    overturned (later crawls take it), and its address waits for the crawler as a ``pending
    fetch`` source of its publisher, with the page's context. Returns the source's id."""
    reason = require_reason(reason)
    with catalogue.session() as session:
        link = session.get(RejectedLink, link_id)
        if link is None:
            raise CurationError(f"there is no rejected link {link_id}")
        if link.state == RejectedLinkState.OVERTURNED:
            raise CurationError("that link was overturned already; the crawler fetches it")
        link.state, link.overturned_by, link.overturned_at = (
            RejectedLinkState.OVERTURNED,
            actor,
            utcnow(),
        )
        source = session.scalar(select(Source).where(Source.url == link.url).order_by(Source.id))
        if source is None:
            source = Source(url=link.url, publisher=link.source)
            session.add(source)
        if source.sha256 is None:
            classification = {
                "verdict": "accept",
                "rule": "librarian",
                "reason": f"overturned by {actor}: {reason} (was: {link.reason})",
            }
            source.context = _pending_fetch(
                {**(link.context or {}), "classification": classification}, actor, reason
            )
        session.flush()
        session.add(
            AuditEntry(
                actor=actor,
                action="overturn-rejection",
                entity="rejected_link",
                entity_id=str(link.id),
                field="state",
                old_value=RejectedLinkState.REJECTED,
                new_value=RejectedLinkState.OVERTURNED,
                reason=f"{reason} ({link.url}; was {link.kind}: {link.reason})",
            )
        )
        return source.id


# retry ----------------------------------------------------------------------------------------


def retry_extraction(services: Services, report_id: int, actor: str, reason: str) -> Outcome:
    """Run ingest's extraction again on the archived file of a report (a quarantined or
    OCR-failed one, usually); the new state and reason replace the old, overrides stay."""
    extract_again = services.ingest_step("extract_again")
    reason = require_reason(reason)
    with services.catalogue.session() as session:
        report = load_report(session, report_id)
        sha256, old_state = report.sha256, report.state
    if not services.archive.path_for(sha256).exists():
        raise CurationError("the archived file is missing; it cannot be read again")
    [result] = extract_again(services.catalogue, services.archive, services.config, [report_id])
    state, state_reason = result.state, result.reason
    with services.catalogue.session() as session:
        _audit(session, actor, "retry", report_id, reason, "state", old_state, state)
    message = f"extraction run again: {state}" + (f" ({state_reason})" if state_reason else "")
    return _finish(services, [report_id], message + ".", state=state)
