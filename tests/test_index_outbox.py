"""The index follows the catalogue: every change leaves an index operation in the catalogue's
outbox in the same transaction, and the reconciler applies it whenever the engine answers.

The engine is real. An outage is an engine URL on a closed 127.0.0.1 port; the engine's return is
the same catalogue used with the session's node again.
"""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from casereview import curation, engine_node
from casereview.catalogue import IndexChange, Report, ReportState, outbox_status
from casereview.search_engine import SearchEngine
from cli.main import main
from index_mappings.documents import is_searchable
from index_mappings.indexer import rebuild
from index_mappings.reconcile import rebuild_and_settle, reconcile, sync_services
from standins.corpus.pdf import write_text_pdf
from tests.conftest import command_env
from tests.librarian_support import add_account, make_report, sign_in

pytestmark = pytest.mark.both_catalogues

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture
def dead_engine_url() -> str:
    """An engine address nothing listens on."""
    return f"http://127.0.0.1:{engine_node.free_port(9250, 9299)}"


@pytest.fixture
def dead_config(config, dead_engine_url):
    return dataclasses.replace(config, elasticsearch_url=dead_engine_url)


def env_for(config, engine_url: str) -> dict:
    return {
        **command_env(config),
        "CASEREVIEW_ELASTICSEARCH_URL": engine_url,
        "CASEREVIEW_INGEST_WORKERS": "2",
    }


def review_pdfs(folder, count: int, word: str = "Quillfeather") -> list:
    folder.mkdir(parents=True, exist_ok=True)
    return [
        write_text_pdf(
            folder / f"review-{n}.pdf",
            [
                f"Child Practice Review {word} {n}\n\nThe panel met in spring.",
                f"Finding {n}: the {word} agencies did not share what they knew.",
            ],
            title=f"Review {word} {n}",
        )
        for n in range(count)
    ]


def index_ids(search_engine, config) -> list[str]:
    search_engine.refresh(config.alias)
    hits = search_engine.scan(config.alias, {"query": {"match_all": {}}, "_source": False})
    return sorted(hit["_id"] for hit in hits)


def searchable_ids(catalogue) -> list[str]:
    """What the catalogue says belongs in the index, as sorted document ids."""
    with catalogue.session() as session:
        return sorted(str(r.id) for r in session.scalars(select(Report)) if is_searchable(r))


def pending(catalogue) -> int:
    with catalogue.session() as session:
        return session.scalar(select(func.count(IndexChange.id)))


# the outbox is written with the change ---------------------------------------------------------


def test_changes_enqueue_in_the_same_transaction_and_a_rollback_leaves_none(
    catalogue, archive, tmp_path
):
    rid = make_report(catalogue, archive, tmp_path, "Review of Child Q")
    with catalogue.session() as session:
        assert session.scalars(select(IndexChange.report_id)).all() == [rid]
        session.query(IndexChange).delete()
    with pytest.raises(RuntimeError), catalogue.session() as session:
        session.get(Report, rid).title = "Changed"
        session.flush()
        raise RuntimeError("the change fails after its flush")
    assert pending(catalogue) == 0
    with catalogue.session() as session:
        session.get(Report, rid).suppressed = True
    with catalogue.session() as session:
        assert [(c.report_id, c.op) for c in session.scalars(select(IndexChange))] == [
            (rid, "delete")
        ]


def test_the_reconciler_writes_deletes_and_empties_the_outbox(
    catalogue, archive, tmp_path, config, search_engine
):
    shown = make_report(catalogue, archive, tmp_path, "Review of Child A")
    hidden = make_report(catalogue, archive, tmp_path, "Review of Child B", suppressed=True)
    done = reconcile(catalogue, search_engine, config)
    assert done.caught_up and (done.indexed, done.deleted) == (1, 1)
    assert index_ids(search_engine, config) == [str(shown)] and pending(catalogue) == 0
    # Nothing pending: nothing to do, and applying again changes nothing.
    assert reconcile(catalogue, search_engine, config).indexed == 0
    with catalogue.session() as session:
        session.get(Report, shown).suppressed = True
        session.get(Report, hidden).suppressed = False
    reconcile(catalogue, search_engine, config)
    assert index_ids(search_engine, config) == [str(hidden)]


def test_a_source_gone_from_its_publisher_reaches_the_index_without_its_writer_asking(
    catalogue, archive, tmp_path, config, search_engine
):
    """The crawler only writes Source.gone_since; the outbox listener queues the report."""
    from casereview.catalogue import Source, utcnow

    rid = make_report(catalogue, archive, tmp_path, "Review of Child G")
    with catalogue.session() as session:
        sha256 = session.get(Report, rid).sha256
        session.add(Source(url="https://board.example/g.pdf", sha256=sha256, report_id=rid))
    reconcile(catalogue, search_engine, config)
    document = search_engine.get_document(config.alias, str(rid))["_source"]
    assert document["available_at_publisher"] is True
    with catalogue.session() as session:
        session.scalars(select(Source)).one().gone_since = utcnow()
    assert pending(catalogue) == 1
    reconcile(catalogue, search_engine, config)
    document = search_engine.get_document(config.alias, str(rid))["_source"]
    assert document["available_at_publisher"] is False and document["gone_since"]


def test_an_older_version_never_overwrites_a_newer_one(config, search_engine, catalogue):
    from index_mappings.indexer import ensure_index

    ensure_index(search_engine, config)
    search_engine.write_versioned(config.alias, [("7", {"title": "new"}, 20)], [])
    refused = search_engine.write_versioned(config.alias, [("7", {"title": "old"}, 19)], [])
    assert refused == {}  # a slower writer is not an error, and changes nothing
    assert search_engine.get_document(config.alias, "7")["_source"]["title"] == "new"
    search_engine.write_versioned(config.alias, [], [("7", 18)])
    assert search_engine.get_document(config.alias, "7") is not None
    search_engine.write_versioned(config.alias, [], [("7", 21)])
    assert search_engine.get_document(config.alias, "7") is None


def test_an_outage_leaves_the_operations_with_attempts_and_the_error(
    catalogue, archive, tmp_path, dead_config
):
    make_report(catalogue, archive, tmp_path, "Review of Child C")
    dead = SearchEngine(dead_config.elasticsearch_url, timeout=2)
    result = reconcile(catalogue, dead, dead_config)
    assert not result.caught_up and result.pending == 1 and "cannot be reached" in result.error
    with catalogue.session() as session:
        status = outbox_status(session)
    assert (status.pending, status.attempts) == (1, 1) and "cannot be reached" in status.last_error


# (a) a report ingested while the engine is down -------------------------------------------------


def test_a_report_ingested_while_the_engine_is_down_is_searchable_after_it_returns(
    tmp_path, config, catalogue, search_engine, dead_engine_url, engine_url
):
    [pdf] = review_pdfs(tmp_path / "in", 1)
    runner = CliRunner()
    down = runner.invoke(main, ["ingest", str(pdf)], env=env_for(config, dead_engine_url))
    assert down.exit_code == 0, down.output
    assert "1 files: 1 new" in down.output and "still pending" in down.output
    # The engine is back: an ingest with nothing new to read still brings the index up to date.
    again = runner.invoke(main, ["ingest", "--pending"], env=env_for(config, engine_url))
    assert again.exit_code == 0, again.output
    assert "nothing to do" not in again.output and "1 report(s) written" in again.output
    assert index_ids(search_engine, config) == searchable_ids(catalogue) != []
    status = runner.invoke(main, ["index", "status", "--json"], env=env_for(config, engine_url))
    assert json.loads(status.output)["pending"] == 0


def test_index_sync_and_status_commands(
    tmp_path, config, catalogue, search_engine, dead_engine_url, engine_url
):
    review_pdfs(tmp_path / "in", 2)
    runner = CliRunner()
    runner.invoke(main, ["ingest", str(tmp_path / "in")], env=env_for(config, dead_engine_url))
    status = runner.invoke(main, ["index", "status"], env=env_for(config, dead_engine_url))
    assert status.exit_code == 0 and "for 2 report(s)" in status.output
    assert "cannot be reached" in status.output
    as_json = json.loads(
        runner.invoke(main, ["index", "status", "--json"], env=env_for(config, engine_url)).output
    )
    assert as_json["reports"] == 2 and as_json["oldest_pending_age_seconds"] >= 0
    failed = runner.invoke(main, ["index", "sync"], env=env_for(config, dead_engine_url))
    assert failed.exit_code == 1 and "not up to date" in failed.output
    synced = runner.invoke(main, ["index", "sync"], env=env_for(config, engine_url))
    assert synced.exit_code == 0 and "up to date" in synced.output
    assert len(index_ids(search_engine, config)) == 2
    assert (
        "nothing pending"
        in runner.invoke(main, ["index", "status"], env=env_for(config, engine_url)).output
    )


def test_the_app_catches_the_index_up_by_itself(
    tmp_path, config, catalogue, search_engine, dead_engine_url
):
    from search_app import create_app

    review_pdfs(tmp_path / "in", 2)
    CliRunner().invoke(main, ["ingest", str(tmp_path / "in")], env=env_for(config, dead_engine_url))
    assert pending(catalogue) > 0
    app = create_app(
        {"TESTING": True, "CASEREVIEW": dataclasses.replace(config, index_sync_seconds=0.5)}
    )
    try:
        deadline = time.monotonic() + 30
        while pending(catalogue) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert pending(catalogue) == 0
        assert index_ids(search_engine, config) == searchable_ids(catalogue)
        found = app.test_client().get("/api/search", query_string={"q": "Quillfeather"}).json
        assert found["total"] == 2
    finally:
        app.extensions["casereview"]["index_sync"].stop()


def test_index_rebuild_clears_what_it_covers(tmp_path, config, catalogue, archive, search_engine):
    make_report(catalogue, archive, tmp_path, "Review of Child R")
    assert pending(catalogue) == 1
    _name, count, settled = rebuild_and_settle(catalogue, search_engine, config)
    assert count == 1 and settled.caught_up and pending(catalogue) == 0


# (b) kill -9 during ingest ---------------------------------------------------------------------


def test_kill_9_during_ingest_then_one_ordinary_run_leaves_index_equal_to_catalogue(
    tmp_path, config, catalogue, search_engine, engine_url
):
    folder = tmp_path / "in"
    review_pdfs(folder, 10)
    env = {**os.environ, **env_for(config, engine_url), "CASEREVIEW_INGEST_WORKERS": "1"}
    command = [sys.executable, "-m", "cli", "ingest", str(folder)]
    process = subprocess.Popen(
        command,
        cwd=REPO,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            with catalogue.session() as session:
                done = session.scalar(
                    select(func.count(Report.id)).where(Report.state == ReportState.INDEXED)
                )
            if done >= 3:
                break
            time.sleep(0.05)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    assert process.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    assert 3 <= len(searchable_ids(catalogue)) < 10
    again = CliRunner().invoke(main, ["ingest", str(folder)], env=env_for(config, engine_url))
    assert again.exit_code == 0, again.output
    in_index = index_ids(search_engine, config)
    assert len(searchable_ids(catalogue)) == 10
    assert in_index == searchable_ids(catalogue) and len(in_index) == len(set(in_index))


# (c) a take-down while the engine is down ------------------------------------------------------


def public_routes_show(client, word: str) -> dict[str, bool]:
    """Whether each public route that lists reports shows the one titled "Review of Child
    ``word``" (searched for by ``word``, which pages may echo)."""
    title = f"Child {word}".encode()
    query = {"q": word}
    return {
        "search": client.get("/api/search", query_string=query).json["total"] > 0,
        "page": title in client.get("/search", query_string=query).data,
        "export.csv": title in client.get("/export.csv", query_string=query).data,
        "export.json": title in client.get("/export.json", query_string=query).data,
        "feed": title in client.get("/feed.atom").data,
        "stats": client.get("/api/stats", query_string=query).json["total"] > 0,
    }


def test_a_take_down_while_the_engine_is_down_holds_at_once_and_reaches_the_index(
    tmp_path, config, catalogue, archive, search_engine, dead_config
):
    from search_app import create_app

    secret = make_report(catalogue, archive, tmp_path, "Review of Child Zanzibarre")
    make_report(catalogue, archive, tmp_path, "Review of Child Other")
    rebuild(catalogue, search_engine, config)
    with catalogue.session() as session:
        session.query(IndexChange).delete()
    app = create_app(
        {"TESTING": True, "CASEREVIEW": dataclasses.replace(config, index_sync_seconds=0)}
    )
    client = app.test_client()
    assert all(public_routes_show(client, "Zanzibarre").values())

    down = curation.Services(
        catalogue,
        archive,
        SearchEngine(dead_config.elasticsearch_url, timeout=2),
        dead_config,
        sync=sync_services,
    )
    outcome = curation.suppress(down, [secret], "court order", "order 7", "lib")
    assert not outcome.indexed and "catches up by itself" in outcome.message
    # The index still holds it; every public route asks the catalogue first.
    assert search_engine.get_document(config.alias, str(secret)) is not None
    assert not any(public_routes_show(client, "Zanzibarre").values())
    assert client.get(f"/reviews/{secret}").status_code == 404
    # The engine is back: the app's reconciler takes it out of the index without a command.
    with_sync = create_app(
        {"TESTING": True, "CASEREVIEW": dataclasses.replace(config, index_sync_seconds=0.5)}
    )
    try:
        # The reconciler deletes the document, then marks its outbox row done: wait for both.
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and (
            search_engine.get_document(config.alias, str(secret)) or pending(catalogue)
        ):
            time.sleep(0.2)
        assert search_engine.get_document(config.alias, str(secret)) is None
        assert pending(catalogue) == 0
    finally:
        with_sync.extensions["casereview"]["index_sync"].stop()


def test_librarians_see_the_pending_changes_on_the_queue_page(tmp_path, config, catalogue, archive):
    from search_app import create_app

    make_report(catalogue, archive, tmp_path, "Review of Child P")
    app = create_app(
        {"TESTING": True, "CASEREVIEW": dataclasses.replace(config, index_sync_seconds=0)}
    )
    client = app.test_client()
    add_account(catalogue)
    sign_in(client)
    page = client.get("/librarian/").get_data(as_text=True)
    assert "1 report(s) changed in the catalogue are not in the search index yet" in page
    reconcile(catalogue, SearchEngine(config.elasticsearch_url), config)
    assert "Up to date with the catalogue" in client.get("/librarian/").get_data(as_text=True)
