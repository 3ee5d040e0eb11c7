"""Writes the catalogue into Elasticsearch: a full rebuild behind the alias, or one report."""

from __future__ import annotations

import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterator

from sqlalchemy import select
from sqlalchemy.orm import defer, selectinload

from casereview.catalogue import Catalogue, CurationOverride, Report
from casereview.config import Config
from casereview.search_engine import SearchEngine

from . import CURRENT_VERSION, index_body
from .documents import Reviews, is_searchable, report_document

BATCH = 100
# Everything a report's index document is built from, loaded in one go.
WHOLE_REPORT = (
    selectinload(Report.pages),
    selectinload(Report.sources),
    selectinload(Report.overrides),
    selectinload(Report.actions),
)


# What grouping documents into reviews needs: no pages, no extraction.
REVIEW_MEMBERSHIP = (
    selectinload(Report.overrides),
    defer(Report.extraction),
    defer(Report.text_fingerprint),
)


def review_membership(
    session, report_ids: set[int] | None = None
) -> tuple[Reviews, dict[str, set[int]]]:
    """What each document takes from its review (``Reviews``), and the report ids of each review
    (librarians' regrouping applied): of every review, or of the reviews of ``report_ids``."""
    query = select(Report).options(*REVIEW_MEMBERSHIP)
    if report_ids is not None:
        regrouped = select(CurationOverride.report_id).where(CurationOverride.field == "review_key")
        given = session.scalars(
            select(Report).where(Report.id.in_(report_ids)).options(*REVIEW_MEMBERSHIP)
        ).all()
        keys = {key for report in given if (key := report.effective()["review_key"])}
        query = query.where(
            Report.id.in_(report_ids) | Report.review_key.in_(keys) | Report.id.in_(regrouped)
        )
    reports = session.scalars(query).all()
    members = defaultdict(set)
    for report in reports:
        key = report.effective()["review_key"]
        if key:
            members[key].add(report.id)
    return Reviews.of(reports), members


def configured_index_body(config: Config) -> dict:
    """The current index body with INDEX_SHARDS and INDEX_REPLICAS."""
    return index_body(shards=config.index_shards, replicas=config.index_replicas)


def mapping_version(index_name: str) -> int | None:
    """The mapping version an index was built with, read from its name (``_versioned_name``,
    ``ensure_index``), or None for a name of another form."""
    found = re.search(r"-v(\d+)-", index_name)
    return int(found[1]) if found else None


def _versioned_name(config: Config) -> str:
    return f"{config.alias}-v{CURRENT_VERSION}-{time.strftime('%Y%m%d%H%M%S')}-{time.time_ns() % 10**6:06d}"


def _searchable_documents(catalogue: Catalogue) -> Iterator[tuple[str, dict]]:
    """Stream (id, document) pairs from the catalogue in batches, so memory stays flat."""
    with catalogue.session() as session:
        reviews, _members = review_membership(session)
    last_id = 0
    while True:
        with catalogue.session() as session:
            batch = session.scalars(
                select(Report)
                .where(Report.id > last_id)
                .order_by(Report.id)
                .limit(BATCH)
                .options(*WHOLE_REPORT)
            ).all()
            if not batch:
                return
            documents = [
                (str(r.id), report_document(r, reviews)) for r in batch if is_searchable(r)
            ]
            last_id = batch[-1].id
        yield from documents


def rebuild(
    catalogue: Catalogue,
    engine: SearchEngine,
    config: Config,
    progress: Callable[[int], None] | None = None,
) -> tuple[str, int]:
    """Build a new versioned index from the catalogue, swap the alias to it atomically, then
    drop the indices the alias left. Searches keep answering from the old index meanwhile.
    Returns the new index name and how many documents it holds."""
    name = _versioned_name(config)
    body = configured_index_body(config)
    # Bulk loading is faster without refreshes; the normal interval is restored before the swap.
    body["settings"]["refresh_interval"] = "-1"
    engine.create_index(name, body)
    count = 0

    def counted():
        nonlocal count
        for pair in _searchable_documents(catalogue):
            count += 1
            if progress:
                progress(count)
            yield pair

    try:
        engine.bulk_index(name, counted())
        engine.set_refresh_interval(name, "1s")
        engine.refresh(name)
    except BaseException:
        engine.delete_index(name)
        raise
    for old in engine.point_alias(config.alias, name):
        engine.delete_index(old)
    return name, count


def ensure_index(engine: SearchEngine, config: Config) -> None:
    """Create an empty current index behind the alias if the alias does not exist yet. Its name
    is fixed, so that two writers doing this at once (a command and the app's sync thread) agree
    on one index instead of leaving the alias on two."""
    if engine.alias_targets(config.alias):
        return
    name = f"{config.alias}-v{CURRENT_VERSION}-first"
    engine.create_index(name, configured_index_body(config), exist_ok=True)
    engine.point_alias(config.alias, name)


def with_their_reviews(session, report_ids: set[int]) -> tuple[list[Report], Reviews, dict]:
    """The reports ``report_ids`` and the other documents of their reviews, whole, with what each
    takes from its review; {an added document's id: the given report it was added for}. A
    change to one document changes how its review's others are indexed (whether the review's
    report is searchable, what the review is about)."""
    reviews, members = review_membership(session, report_ids)
    added_for = {}
    for same_review in members.values():
        if given := same_review & report_ids:
            added_for |= dict.fromkeys(same_review - report_ids, max(given))
    reports = session.scalars(
        select(Report).where(Report.id.in_(report_ids | set(added_for))).options(*WHOLE_REPORT)
    ).all()
    return list(reports), reviews, added_for


def index_reports(
    catalogue: Catalogue, engine: SearchEngine, config: Config, report_ids: list[int]
) -> None:
    """Bring the given reports' index documents in line with the catalogue, and those of the
    other documents of their reviews (``with_their_reviews``)."""
    ensure_index(engine, config)
    with catalogue.session() as session:
        reports, reviews, _added_for = with_their_reviews(session, set(report_ids))
        keep = [(str(r.id), report_document(r, reviews)) for r in reports if is_searchable(r)]
        drop = [str(r.id) for r in reports if not is_searchable(r)]
    if keep:
        engine.bulk_index(config.alias, keep)
    for doc_id in drop:
        engine.delete_document(config.alias, doc_id)
    engine.refresh(config.alias)
