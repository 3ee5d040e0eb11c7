"""Run a crawl: ``scrapy crawl publishers`` in a child process (a fresh Twisted reactor each
time), watched through the crawl_runs rows it writes, ending with a summary."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from casereview.catalogue import Catalogue, CrawlRun, locks
from casereview.config import Config

PROJECT_DIR = Path(__file__).resolve().parent  # holds scrapy.cfg


@dataclass
class CrawlSummary:
    returncode: int
    seconds: float
    runs: list[dict] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return sum(r["pages"] for r in self.runs)

    @property
    def bytes(self) -> int:
        return sum(r["bytes"] for r in self.runs)

    @property
    def counts(self) -> Counter:
        return sum((Counter(r["counts"]) for r in self.runs), Counter())

    @property
    def errors(self) -> Counter:
        return sum((Counter(r["errors"]) for r in self.runs), Counter())

    @property
    def read_as(self) -> Counter:
        """How many sources were read by each reading mode."""
        return Counter(r["read_as"] or "not read" for r in self.runs)

    def text(self) -> str:
        """The summary a person reads at the end of a crawl."""
        counts = self.counts
        documents = ", ".join(f"{counts[k]} {k}" for k in ("new", "changed", "unchanged", "gone"))
        errors = ", ".join(f"{k} {n}" for k, n in sorted(self.errors.items())) or "none"
        modes = ", ".join(f"{k} {n}" for k, n in sorted(self.read_as.items())) or "none"
        return (
            f"{len(self.runs)} sources, {self.pages} pages fetched ({self.bytes / 1024:.0f} KiB) "
            f"in {self.seconds:.1f} s\ndocuments: {documents}; "
            f"{counts['rejected']} links rejected as not child case reviews\n"
            f"read as: {modes}\nerrors: {errors}"
        )


def _runs(catalogue: Catalogue, pid: int) -> list[dict]:
    with catalogue.session() as session:
        rows = session.scalars(select(CrawlRun).where(CrawlRun.pid == pid).order_by(CrawlRun.id))
        return [
            {
                "source": r.source,
                "status": r.status,
                "pages": r.pages,
                "bytes": r.bytes,
                "counts": dict(r.counts),
                "errors": dict(r.errors),
                "read_as": r.read_as,
            }
            for r in rows
        ]


def crawl_env(config: Config, overrides: dict | None = None) -> dict:
    """The child's environment: this process's, the data directory, and any overrides."""
    env = dict(os.environ)
    env["CASEREVIEW_DATA_DIR"] = str(config.data_dir)
    env["CASEREVIEW_DATABASE_URL"] = config.database_url
    env.update({k: str(v) for k, v in (overrides or {}).items()})
    return env


def start_crawl(
    config: Config, sources: str | None = None, overrides: dict | None = None
) -> subprocess.Popen:
    """Start ``scrapy crawl publishers`` for ``sources`` (comma-separated keys, or all)."""
    log_dir = config.data_dir / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable,
        "-m",
        "scrapy",
        "crawl",
        "publishers",
        "-s",
        f"LOG_FILE={log_dir / 'crawl.log'}",
    ]
    if sources:
        command += ["-a", f"source={sources}"]
    return subprocess.Popen(
        command, cwd=PROJECT_DIR, env=crawl_env(config, overrides), stdout=subprocess.DEVNULL
    )


def run_crawl(
    config: Config,
    sources: str | None = None,
    overrides: dict | None = None,
    progress: Callable[[list[dict]], None] | None = None,
    timeout: float | None = None,
) -> CrawlSummary:
    """Crawl and wait; ``progress`` is called with the runs' rows about twice a second.

    Only one crawl runs at a time: this one holds the catalogue's crawl lock, beating its
    heartbeat while the child runs, and raises ``locks.LockHeld`` (naming the other crawl) if a
    live crawl holds it already."""
    catalogue = Catalogue.from_config(config)
    try:
        with locks.acquire(catalogue, locks.CRAWL_LOCK) as lock:
            return _watch(catalogue, lock, config, sources, overrides, progress, timeout)
    finally:
        catalogue.close()


def _watch(catalogue, lock, config, sources, overrides, progress, timeout) -> CrawlSummary:
    started = beaten = time.monotonic()
    child = start_crawl(config, sources, overrides)
    try:
        while child.poll() is None:
            if timeout and time.monotonic() - started > timeout:
                break
            if time.monotonic() - beaten > locks.HEARTBEAT_SECONDS:
                lock.heartbeat()
                beaten = time.monotonic()
            if progress:
                progress(_runs(catalogue, child.pid))
            time.sleep(0.5)
    finally:
        # No crawl outlives the lock it ran under.
        if child.poll() is None:
            child.kill()
            child.wait()
    return CrawlSummary(child.returncode, time.monotonic() - started, _runs(catalogue, child.pid))
