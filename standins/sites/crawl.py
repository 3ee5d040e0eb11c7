"""Crawl the stand-in sites: what the demo, the tests and the benchmark do."""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Iterator
from pathlib import Path

from casereview.config import Config
from crawler.runner import CrawlSummary, run_crawl

from .render import DEFAULT_SEED
from .server import StandInServer, build_sites

# Settings for a crawl of the stand-ins: loopback allowed, no politeness delay (the sites are
# ours), a short timeout so the slow page is a timeout, oversize files bigger than the limit.
TIMEOUT = 1.0
OVERRIDES = {
    "CASEREVIEW_CRAWL_ALLOW_HOSTS": "127.0.0.1",
    "CASEREVIEW_CRAWL_DELAY": "0",
    "CASEREVIEW_CRAWL_TIMEOUT": str(TIMEOUT),
    "CASEREVIEW_CRAWL_RETRIES": "1",
    "CASEREVIEW_CRAWL_MAX_MB": "2",
    "CASEREVIEW_CRAWL_CONTACT": "local stand-in crawl",
}


def _free(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


@contextlib.contextmanager
def stand_in_server(
    config: Config,
    state: str = "initial",
    port: int | None = None,
    docs_dir: Path | None = None,
    seed: int = DEFAULT_SEED,
) -> Iterator[StandInServer]:
    """The stand-in sites for ``seed`` served from a thread (on SITES_PORT when free, else any
    free port), their documents written under ``docs_dir`` (default
    DATA_DIR/stand-in-documents) once."""
    port = config.sites_port if port is None else port
    sites = build_sites(docs_dir or config.data_dir / "stand-in-documents", seed)
    server = StandInServer(
        sites, state, port if port and _free(port) else 0, slow_seconds=TIMEOUT + 1.5
    )
    server.start()
    try:
        yield server
    finally:
        server.stop()


def crawl_stand_ins(
    config: Config, server: StandInServer, sources: str | None = None, **kwargs
) -> CrawlSummary:
    """Crawl the stand-ins served by ``server`` into ``config``'s archive and catalogue."""
    overrides = {**OVERRIDES, "CASEREVIEW_CRAWL_SITES_URL": server.base_url}
    return run_crawl(config, sources, overrides=overrides, **kwargs)
