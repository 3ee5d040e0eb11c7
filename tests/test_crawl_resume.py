"""A crawl killed with SIGKILL resumes: done work is not fetched again, nothing is duplicated."""

from __future__ import annotations

import os
import signal
import time

import pytest
from sqlalchemy import func, select

from casereview.catalogue import Catalogue, CrawlRun, Source
from casereview.config import Config
from crawler.runner import start_crawl
from standins.sites.crawl import OVERRIDES, crawl_stand_ins, stand_in_server
from tests.test_sites import shared_documents

pytestmark = pytest.mark.both_catalogues

SOURCES = "north-wales,cysur,derby,nspcc,sbni,birmingham,west-dunbartonshire"


@pytest.fixture
def setup(tmp_path, tmp_path_factory, database_url):
    config = Config.from_env(environ={}, data_dir=tmp_path / "var", database_url=database_url)
    config.ensure_dirs()
    with stand_in_server(config, port=0, docs_dir=shared_documents(tmp_path_factory)) as server:
        yield config, server


def fetched(catalogue) -> set[str]:
    with catalogue.session() as session:
        return set(session.scalars(select(Source.url).where(Source.sha256.is_not(None))))


def test_resume_after_kill_9(setup):
    config, server = setup
    catalogue = Catalogue.from_config(config)
    slow = {
        **OVERRIDES,
        "CASEREVIEW_CRAWL_SITES_URL": server.base_url,
        "CASEREVIEW_CRAWL_DELAY": "0.3",
    }
    child = start_crawl(config, SOURCES, slow)
    deadline = time.monotonic() + 60
    while len(fetched(catalogue)) < 3 and time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.05)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    done_before = fetched(catalogue)
    expected = {
        server.base_url + e.path for _, e in server.sites["initial"].kept(SOURCES.split(","))
    }
    assert 3 <= len(done_before) < len(expected), "killed in the middle of the crawl"
    with catalogue.session() as session:
        assert "running" in set(session.scalars(select(CrawlRun.status)))

    server.log.clear()
    summary = crawl_stand_ins(config, server, SOURCES, timeout=120)
    assert summary.returncode == 0

    fetched_again = {server.base_url + e["path"] for e in server.log if e["status"] == 200}
    assert not done_before & fetched_again, "work done before the kill is not fetched again"
    assert fetched(catalogue) == expected
    with catalogue.session() as session:
        duplicates = session.execute(
            select(Source.url).group_by(Source.url).having(func.count() > 1)
        ).all()
        runs = session.scalars(select(CrawlRun)).all()
    assert duplicates == []
    assert len(runs) == len(SOURCES.split(",")), "the interrupted runs were resumed, not doubled"
    assert {r.status for r in runs} == {"finished"}
    assert summary.counts["new"] == len(expected)
    catalogue.close()
