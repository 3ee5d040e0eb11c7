"""The reconciler: applies the catalogue's index outbox (``casereview.catalogue.outbox``) to
the engine, so the index follows the catalogue.

It reads pending rows in id order, a batch at a time, collapses them per report, builds each
report's document from the catalogue as it is now (``documents.report_document``; a report that
is gone, suppressed, a near-duplicate or not extracted is deleted), writes them with the newest
row id as the document's external version, and removes exactly the rows it read. The other
documents of a changed report's review are written again with it (whether the review's report is
searchable, and what the review is about, are part of their documents). Everything is
idempotent: a row applied twice, or by two processes at once, leaves the same index, and a
slower writer carrying an older version is refused by the engine. When the engine cannot be
reached the rows stay, with ``attempts`` and ``last_error``, for the next run.

It runs after every ingest run and crawl, after each librarian's change, in the app (at start and
every ``INDEX_SYNC_SECONDS`` while work is pending) and by ``casereview index sync``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from elasticsearch import exceptions as es_exceptions
from sqlalchemy import delete, func, select, update

from casereview.catalogue import Catalogue, IndexChange
from casereview.config import Config
from casereview.search_engine import EngineUnavailable, SearchEngine

from .documents import is_searchable, report_document
from .indexer import ensure_index, rebuild, with_their_reviews

BATCH = 200
# One reconcile at a time per process (the app's thread and a librarian's request); other
# processes may run theirs at the same time, which external versions make safe.
_running = threading.Lock()


@dataclass
class Reconciled:
    """What one reconcile did: reports written and deleted, rows left, and why."""

    indexed: int = 0
    deleted: int = 0
    pending: int = 0
    error: str | None = None

    @property
    def caught_up(self) -> bool:
        return self.error is None and self.pending == 0

    def text(self) -> str:
        done = f"index: {self.indexed} report(s) written, {self.deleted} removed"
        if self.caught_up:
            return done + "; up to date with the catalogue"
        reason = f" ({self.error})" if self.error else ""
        return done + f"; {self.pending} change(s) still pending{reason}"


def _claim(catalogue: Catalogue, after_id: int) -> dict[int, tuple[int, list[int]]]:
    """The next batch of rows after ``after_id``: {report id: (newest row id, row ids)}."""
    with catalogue.session() as session:
        rows = session.execute(
            select(IndexChange.id, IndexChange.report_id)
            .where(IndexChange.id > after_id)
            .order_by(IndexChange.id)
            .limit(BATCH)
        ).all()
    batch: dict[int, tuple[int, list[int]]] = {}
    for row_id, report_id in rows:
        _newest, ids = batch.get(report_id, (0, []))
        batch[report_id] = (row_id, [*ids, row_id])
    return batch


def _documents(catalogue: Catalogue, batch: dict) -> tuple[list, list]:
    """Upserts ``(id, document, version)`` and deletes ``(id, version)`` for the batch, from
    the catalogue as it is now, and upserts of the other documents of their reviews (with the
    version of the change that touched them)."""
    with catalogue.session() as session:
        reports, reviews, added_for = with_their_reviews(session, set(batch))
        by_id = {report.id: report for report in reports}
        upserts, deletes = [], []
        for report_id in [*batch, *added_for]:
            version = batch[added_for.get(report_id, report_id)][0]
            report = by_id.get(report_id)
            if report is not None and is_searchable(report):
                upserts.append((str(report_id), report_document(report, reviews), version))
            elif report_id in batch:
                deletes.append((str(report_id), version))
    return upserts, deletes


def _remove(catalogue: Catalogue, row_ids: list[int]) -> None:
    with catalogue.session() as session:
        session.execute(delete(IndexChange).where(IndexChange.id.in_(row_ids)))


def _record_failure(catalogue: Catalogue, row_ids: list[int], error: str) -> None:
    with catalogue.session() as session:
        session.execute(
            update(IndexChange)
            .where(IndexChange.id.in_(row_ids))
            .values(attempts=IndexChange.attempts + 1, last_error=error[:2000])
        )


def _pending(catalogue: Catalogue) -> int:
    with catalogue.session() as session:
        return session.scalar(select(func.count(IndexChange.id)))


def reconcile(catalogue: Catalogue, engine: SearchEngine, config: Config) -> Reconciled:
    """Apply every pending index operation the engine accepts; stop at the first engine outage
    (the rows stay for the next run). Never raises for an unreachable engine."""
    with _running:
        return _reconcile(catalogue, engine, config)


def _reconcile(catalogue: Catalogue, engine: SearchEngine, config: Config) -> Reconciled:
    result, after_id = Reconciled(), 0
    while batch := _claim(catalogue, after_id):
        after_id = max(version for version, _rows in batch.values())
        upserts, deletes = _documents(catalogue, batch)
        try:
            ensure_index(engine, config)
            refused = engine.write_versioned(config.alias, upserts, deletes)
            engine.refresh(config.alias)
        except (EngineUnavailable, es_exceptions.TransportError) as error:
            rows = [row for _version, ids in batch.values() for row in ids]
            _record_failure(catalogue, rows, str(error))
            result.error = str(error)
            break
        applied = [rid for rid in batch if str(rid) not in refused]
        for report_id, reason in refused.items():
            if int(report_id) not in batch:
                continue  # another review's document, written again by its own change
            _record_failure(catalogue, batch[int(report_id)][1], reason)
            result.error = f"the engine refused report {report_id}: {reason}"
        _remove(catalogue, [row for rid in applied for row in batch[rid][1]])
        written = {doc_id for doc_id, _doc, _version in upserts}
        result.indexed += sum(str(rid) in written for rid in applied)
        result.deleted += sum(str(rid) not in written for rid in applied)
    result.pending = _pending(catalogue)
    return result


def reconcile_from_config(config: Config) -> Reconciled:
    """``reconcile`` on the catalogue and engine ``config`` names (for commands)."""
    catalogue = Catalogue.from_config(config)
    engine = SearchEngine.from_config(config)
    try:
        return reconcile(catalogue, engine, config)
    finally:
        engine.close()
        catalogue.close()


def sync_services(services) -> bool:
    """``casereview.curation.Services.sync``: reconcile the services' catalogue into their
    engine; True when the index caught up."""
    return reconcile(services.catalogue, services.engine, services.config).caught_up


def rebuild_and_settle(
    catalogue: Catalogue,
    engine: SearchEngine,
    config: Config,
    progress: Callable[[int], None] | None = None,
) -> tuple[str, int, Reconciled]:
    """``indexer.rebuild``, then the outbox rows it covered are done: rows written before the
    rebuild read the catalogue are dropped, later ones are applied to the new index."""
    with catalogue.session() as session:
        covered = session.scalar(select(func.max(IndexChange.id))) or 0
    name, count = rebuild(catalogue, engine, config, progress=progress)
    with catalogue.session() as session:
        session.execute(delete(IndexChange).where(IndexChange.id <= covered))
    return name, count, reconcile(catalogue, engine, config)
