"""What SQLite hides by letting one writer in at a time, tested where writers really run side by
side (PostgreSQL; the lock tests on both): two ingests at once, a librarian's edit during a
re-ingest, two crawls."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from casereview import curation
from casereview.catalogue import Catalogue, CatalogueLock, Page, Report, Source, locks, utcnow
from cli.main import main
from crawler.commands import CRAWL_ALREADY_RUNNING
from index_mappings.reconcile import reconcile
from ingest.pipeline import register
from standins.corpus.pdf import write_text_pdf
from standins.sites.crawl import OVERRIDES, crawl_stand_ins, stand_in_server
from tests.conftest import command_env
from tests.librarian_support import make_report
from tests.test_sites import shared_documents

on_postgresql = pytest.mark.parametrize("catalogue_backend", ["postgresql"], indirect=True)


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


# the crawl lock --------------------------------------------------------------------------------


@pytest.mark.both_catalogues
def test_of_many_processes_taking_the_crawl_lock_at_once_exactly_one_gets_it(config, catalogue):
    start = threading.Barrier(8)

    def take(_n):
        own = Catalogue(config.database_url)
        start.wait()
        try:
            return locks.acquire(own, locks.CRAWL_LOCK)
        except locks.LockHeld as held:
            return held
        finally:
            own.close()

    with ThreadPoolExecutor(8) as pool:
        outcomes = list(pool.map(take, range(8)))
    won = [o for o in outcomes if isinstance(o, locks.Lock)]
    refused = [o for o in outcomes if isinstance(o, locks.LockHeld)]
    assert len(won) == 1 and len(refused) == 7
    assert f"process {os.getpid()} on {socket.gethostname()}" in str(refused[0])
    won[0].catalogue = catalogue
    won[0].release()
    assert locks.holder_of(catalogue, locks.CRAWL_LOCK) is None
    locks.acquire(catalogue, locks.CRAWL_LOCK).release()


@pytest.mark.both_catalogues
def test_a_stale_crawl_lock_is_taken_over_and_a_live_one_is_not(catalogue):
    def plant(pid: int, host: str, silent_for: timedelta) -> None:
        with catalogue.session() as session:
            session.query(CatalogueLock).delete()
            beat = utcnow() - silent_for
            session.add(
                CatalogueLock(
                    name=locks.CRAWL_LOCK,
                    holder="old",
                    pid=pid,
                    host=host,
                    started_at=beat,
                    heartbeat_at=beat,
                )
            )

    # A holder on this host whose process is gone: taken over at once.
    plant(dead_pid(), socket.gethostname(), timedelta(0))
    lock = locks.acquire(catalogue, locks.CRAWL_LOCK)
    assert lock.took_over is not None
    lock.release()
    # A holder on another host, silent past the limit: taken over.
    plant(1, "elsewhere", timedelta(seconds=locks.STALE_AFTER_SECONDS + 5))
    lock = locks.acquire(catalogue, locks.CRAWL_LOCK)
    assert lock.took_over.host == "elsewhere"
    # The old holder, if it wakes up, finds it has lost the lock.
    ghost = locks.Lock(catalogue, locks.CRAWL_LOCK, "old", None)
    with pytest.raises(locks.LockLost):
        ghost.heartbeat()
    lock.release()
    # A holder on another host that beat recently is alive: refused.
    plant(1, "elsewhere", timedelta(seconds=5))
    with pytest.raises(locks.LockHeld, match="process 1 on elsewhere holds the crawl lock"):
        locks.acquire(catalogue, locks.CRAWL_LOCK)


@on_postgresql
def test_a_second_crawl_is_refused_while_one_runs(tmp_path_factory, config, monkeypatch):
    config.ensure_dirs()
    with stand_in_server(config, port=0, docs_dir=shared_documents(tmp_path_factory)) as server:
        slow = {**OVERRIDES, "CASEREVIEW_CRAWL_DELAY": "0.3"}
        for name, value in {**command_env(config), **slow}.items():
            monkeypatch.setenv(name, value)
        monkeypatch.setenv("CASEREVIEW_CRAWL_SITES_URL", server.base_url)
        first = {}
        crawling = threading.Thread(
            target=lambda: first.update(
                summary=crawl_stand_ins(config, server, "north-wales,derby", timeout=180)
            )
        )
        crawling.start()
        catalogue = Catalogue(config.database_url)
        deadline = time.monotonic() + 30
        while locks.holder_of(catalogue, locks.CRAWL_LOCK) is None:
            assert time.monotonic() < deadline and crawling.is_alive()
            time.sleep(0.05)
        second = CliRunner().invoke(main, ["crawl", "--source", "derby"])
        crawling.join()
        assert second.exit_code == CRAWL_ALREADY_RUNNING
        assert "another crawl is running" in second.output
        assert f"process {os.getpid()} on {socket.gethostname()}" in second.output
        assert first["summary"].returncode == 0 and first["summary"].counts["new"] > 0
        # The first crawl's lock is gone with it: the next crawl runs.
        assert locks.holder_of(catalogue, locks.CRAWL_LOCK) is None
        catalogue.close()


# two ingests at once ---------------------------------------------------------------------------


@on_postgresql
def test_two_registrations_of_the_same_files_at_once_make_one_report_each(
    config, catalogue, archive, tmp_path
):
    hashes = [archive.put_bytes(f"%PDF-1.4 file {n}".encode()) for n in range(20)]
    start = threading.Barrier(6)

    def register_all(_n):
        own = Catalogue(config.database_url)
        start.wait()
        try:
            for sha256 in hashes:
                with own.session() as session:
                    register(session, sha256, f"{sha256[:8]}.pdf", archive, f"file:///{sha256}")
        finally:
            own.close()

    with ThreadPoolExecutor(6) as pool:
        list(pool.map(register_all, range(6)))
    with catalogue.session() as session:
        assert session.scalar(select(func.count(Report.id))) == 20
        assert session.scalar(select(func.count(Source.id))) == 20


def review_pdfs(folder, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        write_text_pdf(
            folder / f"review-{n}.pdf",
            [
                f"Child Practice Review CPR CONC {n}\n\nThe Concurrent Board reviewed Child {n}.",
                f"Page two of review {n}: agencies shared information late.",
            ],
            title=f"Child Practice Review CPR CONC {n}",
        )


@on_postgresql
def test_two_ingest_commands_at_once_catalogue_each_file_once(
    tmp_path, config, catalogue, search_engine
):
    review_pdfs(tmp_path / "in", 6)
    env = {**os.environ, **command_env(config), "CASEREVIEW_INGEST_WORKERS": "1"}
    command = [sys.executable, "-m", "cli", "ingest", str(tmp_path / "in")]
    both = [
        subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outputs = [child.communicate(timeout=300) for child in both]
    assert [child.returncode for child in both] == [0, 0], outputs
    with catalogue.session() as session:
        reports = session.scalars(select(Report)).all()
        assert len(reports) == 6
        assert {r.state for r in reports} == {"indexed"}
        for report in reports:
            assert [p.number for p in report.pages] == list(range(1, report.page_count + 1))
        assert session.scalar(select(func.count(Source.id))) == 6
        assert session.scalar(select(func.count(Page.id))) == sum(r.page_count for r in reports)
    reconcile(catalogue, search_engine, config)
    found = search_engine.client.search(index=config.alias, body={"query": {"match_all": {}}})
    assert found["hits"]["total"]["value"] == 6


# a librarian's edit during a re-ingest ---------------------------------------------------------


@on_postgresql
def test_a_librarian_edit_during_a_re_ingest_loses_neither_in_the_index(
    tmp_path, config, catalogue, archive, search_engine
):
    report_id = make_report(catalogue, archive, tmp_path, "Review of Child E", board="Old Board")
    reconcile(catalogue, search_engine, config)
    services = curation.Services(catalogue, archive, search_engine, config)

    # The re-ingest's transaction has written the report's new extraction but not committed.
    with catalogue.session() as reingest:
        report = reingest.get(Report, report_id)
        report.title = "Review of Child E (extracted again)"
        reingest.flush()
        editing = threading.Thread(
            target=curation.edit_field,
            args=(services, report_id, "board", "Edited Board", "lib", "the title page"),
        )
        editing.start()
        editing.join(timeout=2)
        # The librarian's change waits for the re-ingest's: their index versions are given out
        # in commit order. (Were it let through, an index sync now would write the report
        # without the new title, under a newer version than the re-ingest's.)
        assert editing.is_alive()
        reconcile(catalogue, search_engine, config)
    editing.join(timeout=30)
    assert not editing.is_alive()

    assert reconcile(catalogue, search_engine, config).caught_up
    document = search_engine.client.get(index=config.alias, id=str(report_id))["_source"]
    assert document["title"] == "Review of Child E (extracted again)"
    assert document["board"] == "Edited Board"
