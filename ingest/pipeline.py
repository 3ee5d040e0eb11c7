"""Ingest files: archive each one, extract its text per page and metadata, catalogue and index it.

Every outcome is recorded: a file that cannot be read becomes a quarantined report with its
reason, never a crashed batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from casereview.archive import Archive
from casereview.catalogue import Catalogue, Page, Report, ReportState, Source, utcnow
from casereview.config import Config
from nlp.metadata import basic_metadata

from .pdf_text import NotReadable, extract_pages

SUPPORTED_SUFFIXES = {".pdf"}


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


def _read_report(path: Path, config: Config) -> tuple[str, str | None, list[str]]:
    """(state, reason, page texts) for a file."""
    size = path.stat().st_size
    if size == 0:
        return ReportState.QUARANTINED, "empty file", []
    if size > config.max_file_mb * 1024 * 1024:
        return ReportState.QUARANTINED, f"too large ({size // 2**20} MB)", []
    try:
        pages = extract_pages(path)
    except NotReadable as error:
        return ReportState.QUARANTINED, str(error), []
    if not pages:
        return ReportState.QUARANTINED, "the PDF has no pages", []
    if not any(text.strip() for text in pages):
        return ReportState.OCR_FAILED, "no text layer on any page", pages
    return ReportState.INDEXED, None, pages


def _record_source(session, report: Report, url: str, publisher: str) -> None:
    source = session.scalar(select(Source).where(Source.url == url, Source.sha256 == report.sha256))
    if source is None:
        session.add(Source(report=report, sha256=report.sha256, url=url, publisher=publisher))
    else:
        source.report = report
        source.last_seen = utcnow()


def ingest_file(path: Path, catalogue: Catalogue, archive: Archive, config: Config) -> IngestResult:
    """Archive and catalogue one file found on disk."""
    path = Path(path).resolve()
    sha256 = archive.put_file(path)
    result = catalogue_archived(
        sha256, catalogue, archive, config, filename=path.name, source_url=path.as_uri()
    )
    result.path = str(path)
    return result


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
    redone, only the place it was seen is recorded. Sources the crawler recorded for the same
    file are linked to the report."""
    path = archive.path_for(sha256)
    with catalogue.session() as session:
        existing = session.scalar(select(Report).where(Report.sha256 == sha256))
        if existing is not None:
            if source_url:
                _record_source(session, existing, source_url, publisher)
            return IngestResult(
                str(path), existing.state, existing.state_reason, existing.id, False
            )

    state, reason, pages = _read_report(path, config)
    metadata = basic_metadata(pages) if state == ReportState.INDEXED else {}
    with catalogue.session() as session:
        report = Report(
            sha256=sha256,
            filename=filename,
            media_type="application/pdf",
            file_size=path.stat().st_size,
            state=state,
            state_reason=reason,
            page_count=len(pages),
            themes=[],
            extraction={"basic": metadata},
            **metadata,
        )
        report.pages = [
            Page(number=number, text=text) for number, text in enumerate(pages, start=1)
        ]
        session.add(report)
        session.flush()
        for source in session.scalars(
            select(Source).where(Source.sha256 == sha256, Source.report_id.is_(None))
        ):
            source.report = report
        if source_url:
            _record_source(session, report, source_url, publisher)
        return IngestResult(str(path), state, reason, report.id, True)


def ingest_pending(
    catalogue: Catalogue,
    archive: Archive,
    config: Config,
    on_result: Callable[[IngestResult], None] | None = None,
) -> list[IngestResult]:
    """Catalogue the archived files that sources point at but no report holds yet (what the
    crawler fetched)."""
    with catalogue.session() as session:
        pending = session.execute(
            select(Source.sha256, Source.url)
            .where(Source.report_id.is_(None), Source.sha256.is_not(None))
            .order_by(Source.id)
        ).all()
    results, done = [], set()
    for sha256, url in pending:
        if sha256 in done:
            continue
        done.add(sha256)
        filename = url.rstrip("/").rsplit("/", 1)[-1] or sha256
        result = catalogue_archived(sha256, catalogue, archive, config, filename=filename)
        results.append(result)
        if on_result:
            on_result(result)
    return results


def ingest_paths(
    paths: Iterable[Path],
    catalogue: Catalogue,
    archive: Archive,
    config: Config,
    on_result: Callable[[IngestResult], None] | None = None,
) -> list[IngestResult]:
    """Ingest every file under ``paths``; returns one result per file."""
    results = []
    for path in find_files(paths):
        try:
            result = ingest_file(path, catalogue, archive, config)
        except OSError as error:
            result = IngestResult(
                str(path), "unreadable", f"cannot read the file: {error}", None, False
            )
        results.append(result)
        if on_result:
            on_result(result)
    return results
