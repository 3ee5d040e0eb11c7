"""The crawl's bounds: requests per source, depth, and retries that back off."""

from __future__ import annotations

import asyncio
import time

import pytest
from scrapy import Request
from scrapy.settings import Settings

from casereview.config import Config
from crawler.middlewares import BackoffRetryMiddleware
from standins.sites.crawl import crawl_stand_ins, stand_in_server
from tests.test_sites import shared_documents


@pytest.fixture(scope="module")
def stand_ins(tmp_path_factory):
    config = Config.from_env(environ={}, data_dir=tmp_path_factory.mktemp("bounds") / "var")
    config.ensure_dirs()
    with stand_in_server(config, port=0, docs_dir=shared_documents(tmp_path_factory)) as server:
        yield config, server


def requests_under(server, prefix: str) -> list[str]:
    return [e["path"] for e in server.log if e["path"].startswith(prefix)]


def test_pages_per_source_are_bounded(stand_ins, monkeypatch):
    config, server = stand_ins
    server.log.clear()
    monkeypatch.setenv("CASEREVIEW_CRAWL_MAX_PAGES", "3")
    summary = crawl_stand_ins(config, server, "nspcc", timeout=120)
    assert summary.returncode == 0
    assert len(requests_under(server, "/nspcc/")) == 3
    assert summary.errors["page budget"] > 0
    assert summary.runs[0]["status"] == "finished"


def test_depth_is_bounded(stand_ins, monkeypatch):
    config, server = stand_ins
    server.log.clear()
    monkeypatch.setenv("CASEREVIEW_CRAWL_MAX_DEPTH", "1")  # the index and its posts, no files
    summary = crawl_stand_ins(config, server, "north-wales", timeout=120)
    assert summary.returncode == 0
    paths = requests_under(server, "/north-wales/")
    assert any("/publication-of-" in p for p in paths)
    assert not any("/files/" in p for p in paths)


def test_retries_back_off_exponentially():
    settings = Settings({"RETRY_ENABLED": True, "RETRY_TIMES": 3, "RETRY_BACKOFF_BASE": 0.05})
    middleware = BackoffRetryMiddleware(settings)

    def waited(retry_times: int) -> float:
        request = Request("http://127.0.0.1/x", meta={"retry_times": retry_times})
        started = time.monotonic()
        assert asyncio.run(middleware._wait(request)) is request
        return time.monotonic() - started

    assert 0.05 <= waited(1) < waited(3)
    assert waited(3) >= 0.2
