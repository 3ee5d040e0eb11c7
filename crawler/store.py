"""The crawler's writes to the catalogue and archive: crawl runs, sources, versions, gone marks.

Every function is idempotent, so a crawl killed at any moment and run again leaves no
duplicate: a file is archived once per content hash, a source once per (URL, SHA-256).
"""

from __future__ import annotations

import os
from collections import Counter
from datetime import datetime

from sqlalchemy import select

from casereview.archive import Archive
from casereview.catalogue import (
    Catalogue,
    CrawlRun,
    ListingPage,
    RejectedLink,
    RejectedLinkState,
    Source,
    utcnow,
)
from casereview.curation import PENDING_FETCH
from casereview.processes import process_alive

from .classify import DECIDED_FROM_DOCUMENT
from .items import DocumentItem, FetchFailure, Listing

ERROR_LOG_LIMIT = 200
# Links refused by the crawl's own rules, before any request: counted, but no source record.
POLICY_KINDS = {"off-site", "denied pattern", "page budget", "url too long", "refused scheme"}


def open_runs(catalogue: Catalogue, keys: list[str]) -> dict[str, tuple[int, datetime, bool]]:
    """A run per source: the interrupted one resumed (its process is gone) or a new one.
    Returns {key: (run id, started at, resumed)}."""
    runs = {}
    with catalogue.session() as session:
        for key in keys:
            last = session.scalar(
                select(CrawlRun).where(CrawlRun.source == key).order_by(CrawlRun.id.desc()).limit(1)
            )
            if (
                last is not None
                and last.status in ("running", "interrupted")
                and not process_alive(last.pid)
            ):
                last.pid = os.getpid()
                session.flush()
                runs[key] = (last.id, last.started_at, True)
                continue
            run = CrawlRun(source=key, pid=os.getpid(), counts={}, errors={}, error_log=[])
            session.add(run)
            session.flush()
            runs[key] = (run.id, run.started_at, False)
    return runs


def done_since(catalogue: Catalogue, key: str, since: datetime) -> set[str]:
    """Document URLs of ``key`` already fetched since ``since`` (work a resumed run skips)."""
    with catalogue.session() as session:
        return set(
            session.scalars(
                select(Source.url).where(
                    Source.publisher == key,
                    Source.last_seen >= since,
                    Source.last_status.in_((200, 304)),
                )
            )
        )


def _live_version(session, url: str) -> Source | None:
    return session.scalar(
        select(Source)
        .where(Source.url == url, Source.sha256.is_not(None), Source.gone_since.is_(None))
        .order_by(Source.id.desc())
        .limit(1)
    )


def validators(catalogue: Catalogue, keys: list[str]) -> dict[tuple[bool, str], tuple]:
    """{(is listing page, URL): (ETag, Last-Modified)} of what the sources' URLs answered last
    time, read once per crawl for its conditional requests."""
    found = {}
    with catalogue.session() as session:
        for url, etag, modified in session.execute(
            select(Source.url, Source.etag, Source.last_modified)
            .where(
                Source.publisher.in_(keys), Source.sha256.is_not(None), Source.gone_since.is_(None)
            )
            .order_by(Source.id)
        ):
            found[(False, url)] = (etag, modified)
        for url, etag, modified in session.execute(
            select(ListingPage.url, ListingPage.etag, ListingPage.last_modified).where(
                ListingPage.source.in_(keys)
            )
        ):
            found[(True, url)] = (etag, modified)
    return found


def save_listing(
    catalogue: Catalogue,
    key: str,
    url: str,
    listing: Listing,
    etag: str | None,
    modified: str | None,
) -> None:
    """Keep what a listing page (or API answer, feed, sitemap) gave, with its validators."""
    with catalogue.session() as session:
        page = session.scalar(select(ListingPage).where(ListingPage.url == url))
        if page is None:
            page = ListingPage(source=key, url=url)
            session.add(page)
        page.etag, page.last_modified, page.last_seen = etag, modified, utcnow()
        page.listing = listing.as_json()


def stored_listing(catalogue: Catalogue, url: str) -> Listing | None:
    """What an unchanged listing page gave last time."""
    with catalogue.session() as session:
        page = session.scalar(select(ListingPage).where(ListingPage.url == url))
        if page is None:
            return None
        page.last_seen = utcnow()
        data = page.listing
    return Listing.from_json(data)


def record_rejected(catalogue: Catalogue, key: str, rejected: dict[str, dict]) -> None:
    """Keep every link the classifier rejected, with its kind and reason (a link a librarian
    overturned keeps that state)."""
    if not rejected:
        return
    now = utcnow()
    with catalogue.session() as session:
        known = {
            row.url: row
            for row in session.scalars(
                select(RejectedLink).where(
                    RejectedLink.source == key, RejectedLink.url.in_(list(rejected))
                )
            )
        }
        for url, context in rejected.items():
            decision = context.get("classification") or {}
            row = known.get(url)
            if row is None:
                row = RejectedLink(source=key, url=url, first_seen=now)
                session.add(row)
            row.last_seen = now
            row.kind = decision.get("kind") or "other"
            row.rule = decision.get("rule") or ""
            row.reason = decision.get("reason") or ""
            row.title = (context.get("title") or context.get("link_text") or "")[:500]
            row.context = context


def overturned_links(catalogue: Catalogue, keys: list[str]) -> dict[str, set[str]]:
    """{source key: URLs} of rejected links a librarian said are reviews after all."""
    found: dict[str, set[str]] = {}
    with catalogue.session() as session:
        for key, url in session.execute(
            select(RejectedLink.source, RejectedLink.url).where(
                RejectedLink.source.in_(keys), RejectedLink.state == RejectedLinkState.OVERTURNED
            )
        ):
            found.setdefault(key, set()).add(url)
    return found


def pending_fetch(catalogue: Catalogue, names: dict[str, str]) -> dict[str, list[tuple[str, dict]]]:
    """{source key: [(URL, context)]} of addresses waiting for the crawler (a rejected link a
    librarian overturned, an address a librarian gave) whose publisher is one of the sources
    crawled, named by key or by name (``names``: {key or name: key})."""
    found: dict[str, list[tuple[str, dict]]] = {}
    with catalogue.session() as session:
        for source in session.scalars(
            select(Source).where(
                Source.sha256.is_(None),
                Source.publisher.in_(list(names)),
                Source.gone_since.is_(None),
            )
        ):
            context = dict(source.context or {})
            if context.pop("fetch_state", None) == PENDING_FETCH:
                found.setdefault(names[source.publisher], []).append((source.url, context))
    return found


def record_document(catalogue: Catalogue, archive: Archive, item: DocumentItem) -> str:
    """Record a document's answer; returns new, changed, unchanged, gone or unknown."""
    now = utcnow()
    sha256 = archive.put_bytes(item.body) if item.status == 200 and item.body is not None else None
    with catalogue.session() as session:
        if item.status == 304:
            source = _live_version(session, item.url)
            if source is None:
                return "unknown"
            source.last_seen, source.last_status = now, 304
            source.context = {**source.context, **item.context}
            return "unchanged"
        if item.status in (404, 410):
            rows = session.scalars(
                select(Source).where(Source.url == item.url, Source.gone_since.is_(None))
            ).all()
            for source in rows:
                source.gone_since, source.last_status = now, item.status
            return "gone" if rows else "unknown"
        source = session.scalar(
            select(Source).where(Source.url == item.url, Source.sha256 == sha256)
        )
        outcome = "unchanged"
        if source is None:
            older = session.scalars(
                select(Source).where(
                    Source.url == item.url,
                    Source.sha256.is_not(None),
                    Source.sha256 != sha256,
                    Source.gone_since.is_(None),
                )
            ).all()
            for old in older:  # the publisher replaced the file: keep the old version, marked
                old.gone_since = now
                old.context = {**old.context, "replaced_by": sha256}
            outcome = "changed" if older else "new"
            source = session.scalar(
                select(Source).where(Source.url == item.url, Source.sha256.is_(None))
            ) or Source(url=item.url, first_seen=now)
            source.sha256 = sha256
            session.add(source)
        source.publisher = item.source
        source.last_seen, source.last_status, source.gone_since = now, item.status, None
        source.etag, source.last_modified = item.etag, item.last_modified
        source.context = {**item.context, "media_type": item.media_type}
        return outcome


def decided_classification(catalogue: Catalogue, url: str) -> dict | None:
    """The decision recorded on a document's live source when it was decided from its text
    (``from_document``), or None."""
    with catalogue.session() as session:
        source = _live_version(session, url)
        if source is None:
            return None
        classification = (source.context or {}).get("classification") or {}
        decided = str(classification.get("reason", "")).startswith(DECIDED_FROM_DOCUMENT)
        return classification if decided else None


def record_failure(catalogue: Catalogue, run_id: int, failure: FetchFailure) -> None:
    """Count the failure in the run, and keep it on the document's source record (a record
    without a file when the document was never fetched)."""
    with catalogue.session() as session:
        run = session.get(CrawlRun, run_id)
        errors = Counter(run.errors)
        errors[failure.kind] += 1
        run.errors = dict(errors)
        entry = {"url": failure.url, "kind": failure.kind, "detail": failure.detail[:300]}
        run.error_log = (run.error_log + [entry])[-ERROR_LOG_LIMIT:]
        if failure.listing or failure.kind in POLICY_KINDS:
            return  # not a document that failed: a page, or a link the crawl may not follow
        rows = session.scalars(select(Source).where(Source.url == failure.url)).all()
        if not rows:
            rows = [Source(url=failure.url, publisher=failure.source, context=failure.context)]
            session.add(rows[0])
        for source in rows:
            if source.gone_since is None:
                source.last_status = failure.status
                source.context = {
                    **source.context,
                    "error": failure.kind,
                    "error_detail": entry["detail"],
                }


def add_progress(catalogue: Catalogue, run_id: int, pages: int, size: int) -> None:
    with catalogue.session() as session:
        run = session.get(CrawlRun, run_id)
        run.pages += pages
        run.bytes += size


def finish_run(
    catalogue: Catalogue,
    run_id: int,
    key: str,
    listed: set[str] | None,
    status: str,
    read_as: str | None = None,
    rejected: int = 0,
) -> dict:
    """Close a source's run: documents no longer listed are marked gone (only when every
    listing page was read), then the run's counts are taken from the catalogue."""
    now = utcnow()
    with catalogue.session() as session:
        run = session.get(CrawlRun, run_id)
        if listed is not None:
            for source in session.scalars(
                select(Source).where(
                    Source.publisher == key, Source.gone_since.is_(None), Source.sha256.is_not(None)
                )
            ):
                if source.url not in listed:
                    source.gone_since = now
        rows = session.scalars(select(Source).where(Source.publisher == key)).all()
        started = run.started_at
        urls_before = {s.url for s in rows if s.first_seen < started and s.sha256}
        fresh = [s for s in rows if s.first_seen >= started and s.sha256]
        counts = {
            "new": sum(s.url not in urls_before for s in fresh),
            "changed": sum(s.url in urls_before for s in fresh),
            "unchanged": sum(
                s.first_seen < started
                and s.last_seen >= started
                and s.last_status in (200, 304)
                and s.gone_since is None
                for s in rows
            ),
            "gone": sum(
                bool(s.gone_since and s.gone_since >= started) and "replaced_by" not in s.context
                for s in rows
                if s.sha256
            ),
        }
        counts["rejected"] = rejected
        run.counts, run.status, run.finished_at = counts, status, now
        run.read_as = read_as or run.read_as
        return counts
