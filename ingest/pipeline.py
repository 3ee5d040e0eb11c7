"""Ingest files: archive each one, extract its text per page and metadata, catalogue it.

The flow is crash-safe and idempotent: every file is archived and registered as a pending report
first, then extracted in bounded worker processes (``ingest.worker``) and its report completed.
A re-run skips what is done and resumes what is pending; every failure is a recorded state with a
reason (``casereview ingest --retry-failed`` tries those again), never a crashed batch.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, select

from casereview.archive import Archive
from casereview.catalogue import (
    Action,
    Catalogue,
    Page,
    Report,
    ReportState,
    Source,
    enqueue,
    insert_ignoring_conflicts,
    serialise_outbox_writers,
    utcnow,
)
from casereview.config import Config
from casereview.review_groups import ACTION_PLAN
from nlp.extract import flat_values

from .formats import SUFFIXES
from .grouping import link_duplicate, review_key
from .worker import Limits, Outcome, run_bounded

SUPPORTED_SUFFIXES = set(SUFFIXES)
FAILED_STATES = (ReportState.QUARANTINED, ReportState.OCR_FAILED)
LOG = logging.getLogger(__name__)
# Called as ``listener(session, report)`` in the transaction that writes a report's pages, so
# that what a stage above keeps tied to the page text follows it at once (``coding.anchoring``
# re-anchors coded passages): ingest may not import those stages, so they register here.
PAGE_TEXT_LISTENERS: list[Callable] = []


def on_page_text(listener: Callable) -> Callable:
    """Register ``listener`` (once) to run whenever ingest writes a report's pages."""
    if listener not in PAGE_TEXT_LISTENERS:
        PAGE_TEXT_LISTENERS.append(listener)
    return listener


def _page_text_written(session, report: Report) -> None:
    session.flush()
    for listener in PAGE_TEXT_LISTENERS:
        # In a savepoint: a listener that fails undoes only its own writes, never the pages.
        try:
            with session.begin_nested():
                listener(session, report)
        except Exception:
            LOG.exception("after writing the pages of report %s, %r failed", report.id, listener)


@dataclass
class IngestResult:
    path: str
    state: str
    reason: str | None
    report_id: int | None
    new: bool

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def find_files(paths: Iterable[Path]) -> Iterator[Path]:
    """The files named, and the supported files inside the folders named, in a stable order."""
    for path in paths:
        path = Path(path)
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
            )
        else:
            yield path


def given_roots(paths: Iterable[Path]) -> list[Path]:
    """The real folders files may come from: each folder named, and the folder of each file
    named (a link named on the command line may point within its own folder only)."""
    roots = []
    for path in map(Path, paths):
        absolute = path.absolute()
        roots.append(absolute.resolve() if absolute.is_dir() else absolute.parent.resolve())
    return roots


def link_outside(path: Path, roots: list[Path]) -> Path | None:
    """Where ``path`` really is, if a symbolic link takes it outside every root; else None."""
    real = Path(path).resolve()
    if any(real.is_relative_to(root) for root in roots):
        return None
    return real


def limits_from(config: Config) -> Limits:
    return Limits(
        timeout=config.ingest_timeout,
        memory_mb=config.ingest_memory_mb,
        max_file_mb=config.max_file_mb,
    )


def _record_source(session, report: Report, url: str, publisher: str) -> None:
    # Two ingests of the same file may both add its place; the second adds nothing.
    session.execute(
        insert_ignoring_conflicts(session, Source).values(
            report_id=report.id, sha256=report.sha256, url=url, publisher=publisher, context={}
        )
    )
    source = session.scalar(select(Source).where(Source.url == url, Source.sha256 == report.sha256))
    source.report = report
    source.last_seen = utcnow()


def register(
    session,
    sha256: str,
    filename: str,
    archive: Archive,
    source_url: str | None = None,
    publisher: str = "local file",
) -> tuple[Report, bool]:
    """The report for an archived file, created as pending if new, with the place it was
    seen; sources the crawler recorded for the same file are linked. (report, created)."""
    # Two ingests of the same file at once (two commands, a crawl's and a librarian's): the
    # first creates the report, the second finds it. The outbox's lock is taken first, as
    # every writer of reports takes it before anything else.
    serialise_outbox_writers(session)
    created = session.scalar(
        insert_ignoring_conflicts(session, Report)
        .values(
            sha256=sha256,
            filename=filename[:500],
            media_type=SUFFIXES.get(Path(filename).suffix.lower(), "application/octet-stream"),
            file_size=archive.path_for(sha256).stat().st_size,
            state=ReportState.PENDING,
            page_count=0,
            themes=[],
            extraction={},
        )
        .returning(Report.id)
    )
    if created is not None:
        enqueue(session, [created])
    report = session.scalar(select(Report).where(Report.sha256 == sha256))
    for source in session.scalars(
        select(Source).where(Source.sha256 == sha256, Source.report_id.is_(None))
    ):
        source.report = report
    if source_url:
        _record_source(session, report, source_url, publisher)
    return report, created is not None


def _context_of(report: Report) -> dict | None:
    """What the publisher's listing says about the file (the crawler's Source.context)."""
    for source in sorted(report.sources, key=lambda s: s.id or 0):
        if source.context:
            return {"publisher": source.publisher, **source.context}
    return None


def complete(session, report: Report, outcome: Outcome) -> None:
    """Write an extraction outcome into the report: pages, state, metadata, grouping."""
    session.execute(delete(Page).where(Page.report_id == report.id))
    session.expire(report, ["pages"])
    report.duplicate_of = None
    if not outcome.ok:
        report.state = (
            ReportState.OCR_FAILED if outcome.kind == "OCR failed" else ReportState.QUARANTINED
        )
        report.state_reason = outcome.reason
        report.page_count = 0
        _page_text_written(session, report)
        return
    report.state, report.state_reason = ReportState.INDEXED, None
    report.media_type = outcome.media_type
    report.page_count = len(outcome.pages)
    report.pages = [
        Page(number=number, text=text, ocr=ocr)
        for number, (text, ocr) in enumerate(zip(outcome.pages, outcome.ocr, strict=True), 1)
    ]
    report.extraction = outcome.extraction
    for name, value in flat_values(outcome.extraction).items():
        if hasattr(Report, name):
            setattr(report, name, [] if name == "themes" and value is None else value)
    report.review_key = review_key(outcome.extraction, _context_of(report))
    report.text_fingerprint = outcome.fingerprint
    report.actions = plan_actions(outcome.extraction, report.effective()["document_role"])
    session.flush()
    link_duplicate(session, report)
    _page_text_written(session, report)


# The catalogue's columns an extracted action fills.
ACTION_COLUMNS = (
    "recommendation_number", "recommendation", "action", "lead", "agency", "timescale", "due",
    "status", "rag", "evidence", "page",
)  # fmt: skip


def plan_actions(extraction: dict, role: str | None) -> list[Action]:
    """The action rows of an action plan, as the extractor read them (``nlp.action_plans``);
    none for a document of another role (a final report's appended plan is the plan's)."""
    if role != ACTION_PLAN:
        return []
    return [
        Action(position=position, **{k: v for k, v in row.items() if k in ACTION_COLUMNS})
        for position, row in enumerate(extraction.get("actions") or [])
    ]


def process(
    catalogue: Catalogue,
    archive: Archive,
    config: Config,
    report_ids: Iterable[int],
    on_result: Callable[[IngestResult], None] | None = None,
) -> list[IngestResult]:
    """Extract the given reports' archived files in bounded workers and complete them."""
    jobs = []
    with catalogue.session() as session:
        for report_id in report_ids:
            report = session.get(Report, report_id)
            hints = {
                "context": _context_of(report),
                "claimed_type": report.media_type,
                "filename": report.filename,
            }
            jobs.append((report_id, archive.path_for(report.sha256), hints))
    results = []

    def done(report_id: int, outcome: Outcome) -> None:
        with catalogue.session() as session:
            # Locked until committed: another ingest completing the same report waits, then
            # replaces these pages rather than adding its own beside them.
            report = session.get(Report, report_id, with_for_update={"key_share": True})
            complete(session, report, outcome)
            result = IngestResult(
                report.filename, report.state, report.state_reason, report.id, True
            )
        results.append(result)
        if on_result:
            on_result(result)

    run_bounded(
        jobs,
        done,
        workers=config.ingest_workers,
        limits=limits_from(config),
        ocr_cache=config.ocr_cache_dir,
    )
    return results


def _finish(
    catalogue, archive, config, todo: dict[int, str], results: list, on_result
) -> list[IngestResult]:
    """Process the pending reports in ``todo`` ({report id: path shown}) and gather results."""

    def shown(result: IngestResult) -> None:
        result.path = todo[result.report_id]
        if on_result:
            on_result(result)

    results += process(catalogue, archive, config, list(todo), shown)
    return results


def ingest_paths(
    paths: Iterable[Path],
    catalogue: Catalogue,
    archive: Archive,
    config: Config,
    on_result: Callable[[IngestResult], None] | None = None,
) -> list[IngestResult]:
    """Ingest every file under ``paths``: archive and register each, then extract the new and
    pending ones in parallel. Returns one result per file; files already done are not new."""
    results, todo, copies = [], {}, []
    paths = list(paths)
    roots = given_roots(paths)
    for path in find_files(paths):
        outside = link_outside(path, roots)
        if outside is not None:
            result = IngestResult(
                str(path),
                "refused",
                f"a link to {outside}, outside the folders given: not ingested",
                None,
                False,
            )
            results.append(result)
            if on_result:
                on_result(result)
            continue
        path = Path(path).resolve()
        try:
            sha256 = archive.put_file(path)
        except OSError as error:
            result = IngestResult(
                str(path), "unreadable", f"cannot read the file: {error}", None, False
            )
        else:
            with catalogue.session() as session:
                report, _created = register(
                    session, sha256, path.name, archive, source_url=path.as_uri()
                )
                if report.state == ReportState.PENDING:
                    if report.id in todo:
                        copies.append((str(path), report.id))
                    else:
                        todo[report.id] = str(path)
                    continue
                result = IngestResult(
                    str(path), report.state, report.state_reason, report.id, False
                )
        results.append(result)
        if on_result:
            on_result(result)
    _finish(catalogue, archive, config, todo, results, on_result)
    # Copies of a file met earlier in the same batch share its report and its outcome.
    done = {r.report_id: r for r in results}
    for path, report_id in copies:
        first = done[report_id]
        results.append(IngestResult(path, first.state, first.reason, report_id, False))
        if on_result:
            on_result(results[-1])
    return results


def rejected_by_crawler(context: dict | None) -> bool:
    """Whether the crawler decided, from a fetched file's own text, that it is no child case
    review (its source's classification verdict is "reject"): archived, but not a report."""
    return ((context or {}).get("classification") or {}).get("verdict") == "reject"


def fetched_reviews(session) -> list[tuple[str, str]]:
    """(SHA-256, URL) of the archived files that sources point at and no report holds yet,
    leaving out those the crawler decided, from their text, are no child case review."""
    rows = session.execute(
        select(Source.sha256, Source.url, Source.context)
        .where(Source.report_id.is_(None), Source.sha256.is_not(None))
        .order_by(Source.id)
    ).all()
    return [(sha256, url) for sha256, url, context in rows if not rejected_by_crawler(context)]


def ingest_pending(
    catalogue: Catalogue,
    archive: Archive,
    config: Config,
    on_result: Callable[[IngestResult], None] | None = None,
) -> list[IngestResult]:
    """Catalogue the archived files that sources point at but no report holds yet (what the
    crawler fetched), and finish reports left pending by an interrupted run."""
    todo = {}
    with catalogue.session() as session:
        for sha256, url in fetched_reviews(session):
            filename = url.rstrip("/").rsplit("/", 1)[-1] or sha256
            report, _created = register(session, sha256, filename, archive)
            if report.state == ReportState.PENDING:
                todo[report.id] = url
        for report in session.scalars(select(Report).where(Report.state == ReportState.PENDING)):
            todo.setdefault(report.id, report.filename)
    return _finish(catalogue, archive, config, todo, [], on_result)


def retry_reports(
    catalogue: Catalogue,
    archive: Archive,
    config: Config,
    report_ids: Iterable[int],
    on_result: Callable[[IngestResult], None] | None = None,
) -> list[IngestResult]:
    """Extract the given reports' archived files again, whatever their state, and complete
    them (pages, state, metadata; librarians' overrides are kept, they live apart)."""
    with catalogue.session() as session:
        todo = {}
        for report_id in report_ids:
            report = session.get(Report, report_id)
            report.state = ReportState.PENDING
            todo[report.id] = report.filename
    return _finish(catalogue, archive, config, todo, [], on_result)


def retry_failed(
    catalogue: Catalogue,
    archive: Archive,
    config: Config,
    on_result: Callable[[IngestResult], None] | None = None,
) -> list[IngestResult]:
    """Extract again the reports that were quarantined or whose OCR failed."""
    with catalogue.session() as session:
        failed = list(
            session.scalars(
                select(Report.id).where(Report.state.in_(FAILED_STATES)).order_by(Report.id)
            )
        )
    return retry_reports(catalogue, archive, config, failed, on_result)


def catalogue_archived(
    sha256: str,
    catalogue: Catalogue,
    archive: Archive,
    config: Config,
    filename: str,
    source_url: str | None = None,
    publisher: str = "local file",
) -> IngestResult:
    """Extract and catalogue an archived file; one already catalogued (same SHA-256) is not
    redone, only the place it was seen is recorded."""
    with catalogue.session() as session:
        report, _created = register(session, sha256, filename, archive, source_url, publisher)
        if report.state != ReportState.PENDING:
            return IngestResult(filename, report.state, report.state_reason, report.id, False)
        report_id = report.id
    return _finish(catalogue, archive, config, {report_id: filename}, [], None)[0]


# What ``casereview.curation.Services`` needs of ingest for librarians' uploads and retries.
CURATION_STEPS = {"catalogue_file": catalogue_archived, "extract_again": retry_reports}
