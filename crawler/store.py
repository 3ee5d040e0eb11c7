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
from casereview.catalogue import Catalogue, CrawlRun, ListingPage, Source, utcnow

from .items import DocumentItem, FetchFailure
from .parsers import DocumentLink, Listing

ERROR_LOG_LIMIT = 200


def _alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


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
                and not _alive(last.pid)
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


def validators(
    catalogue: Catalogue, url: str, listing: bool = False
) -> tuple[str | None, str | None]:
    """(ETag, Last-Modified) of what ``url`` answered last time, for a conditional request."""
    with catalogue.session() as session:
        if listing:
            found = session.scalar(select(ListingPage).where(ListingPage.url == url))
        else:
            found = _live_version(session, url)
        return (found.etag, found.last_modified) if found else (None, None)


def save_listing(
    catalogue: Catalogue,
    key: str,
    url: str,
    listing: Listing,
    etag: str | None,
    modified: str | None,
) -> None:
    """Keep what a listing page gave, with its validators."""
    data = {
        "documents": [{"url": d.url, "context": d.context} for d in listing.documents],
        "pages": listing.pages,
    }
    with catalogue.session() as session:
        page = session.scalar(select(ListingPage).where(ListingPage.url == url))
        if page is None:
            page = ListingPage(source=key, url=url)
            session.add(page)
        page.etag, page.last_modified, page.listing, page.last_seen = etag, modified, data, utcnow()


def stored_listing(catalogue: Catalogue, url: str) -> Listing | None:
    """What an unchanged listing page gave last time."""
    with catalogue.session() as session:
        page = session.scalar(select(ListingPage).where(ListingPage.url == url))
        if page is None:
            return None
        page.last_seen = utcnow()
        data = page.listing
    return Listing(
        [DocumentLink(d["url"], d["context"]) for d in data.get("documents", [])],
        list(data.get("pages", [])),
    )


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


def record_failure(catalogue: Catalogue, run_id: int, failure: FetchFailure) -> None:
    """Count the failure in the run, and keep it on the document's source record."""
    with catalogue.session() as session:
        run = session.get(CrawlRun, run_id)
        errors = Counter(run.errors)
        errors[failure.kind] += 1
        run.errors = dict(errors)
        entry = {"url": failure.url, "kind": failure.kind, "detail": failure.detail[:300]}
        run.error_log = (run.error_log + [entry])[-ERROR_LOG_LIMIT:]
        if failure.listing:
            return
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
    catalogue: Catalogue, run_id: int, key: str, listed: set[str] | None, status: str
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
        run.counts, run.status, run.finished_at = counts, status, now
        return counts
