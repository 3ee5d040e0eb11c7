"""A three-node Elasticsearch cluster that loses nodes while the app searches it.

Three runner JVMs of 384 MB each (``engine_node.start_cluster``) form one cluster on loopback.
Reviews are ingested through the real ``casereview ingest`` into an index with 2 shards and
1 replica, and the app (Flask test client) is given every node's URL, a non-master first. Then:

1. the elected master is killed with SIGKILL: once the others have elected a new one, searches
   do not fail and their totals do not change;
2. more reviews are ingested while that node is down: all are searchable, none is lost;
3. the node the app was given first is killed too: the client moves on to the last node, and
   searches still do not fail (the last node answers reads without a master).

A node that leaves has its shard copies rebuilt on the others at once (the index's
``node_left.delayed_timeout`` is set to 0 here instead of a minute), so that the last node holds
a copy of every shard when the second node is killed. The JVMs are stopped at the end, whatever
happens.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from casereview import engine_node
from casereview.catalogue import Catalogue, Report
from casereview.config import Config
from casereview.processes import process_alive
from casereview.search_engine import EngineUnavailable, SearchEngine
from cli.main import main
from index_mappings.documents import is_searchable
from tests.conftest import ENGINE_HOME
from tests.test_index_outbox import review_pdfs

pytestmark = pytest.mark.cluster

NODES = 3
HEAP = "384m"
SHARDS, REPLICAS = 2, 1
QUERIES = ("Quillfeather", "agencies did not share", "Larkspur")
ROUNDS = 10
WAIT = 90.0


@pytest.fixture(scope="module")
def cluster(tmp_path_factory) -> list[engine_node.NodeState]:
    """Three nodes, one JVM each, forming one cluster; stopped at the end even on failure."""
    config = Config.from_env(
        environ={},
        data_dir=tmp_path_factory.mktemp("cluster") / "var",
        engine_home=ENGINE_HOME,
        engine_heap=HEAP,
    )
    states = engine_node.start_cluster(config, NODES)
    try:
        yield states
    finally:
        engine_node.stop_cluster(states)


def wait_for(condition: Callable[[], object], what: str, timeout: float = WAIT):
    """``condition()``'s first true value, asked every half second; fails after ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = condition()
        except EngineUnavailable:
            value = None
        if value:
            return value
        time.sleep(0.5)
    pytest.fail(f"not within {timeout:.0f} s: {what}")


def kill(states: list[engine_node.NodeState], url: str) -> None:
    """SIGKILL the JVM serving ``url``: no shutdown, its sockets simply close."""
    [state] = [s for s in states if s.url == url]
    os.kill(state.pid, signal.SIGKILL)
    wait_for(lambda: not process_alive(state.pid), f"node {url} gone", timeout=10)


def ingest(config: Config, folder) -> None:
    env = {
        "CASEREVIEW_DATA_DIR": str(config.data_dir),
        "CASEREVIEW_ELASTICSEARCH_URL": config.elasticsearch_url,
        "CASEREVIEW_INDEX_PREFIX": config.index_prefix,
        "CASEREVIEW_INDEX_SHARDS": str(config.index_shards),
        "CASEREVIEW_INDEX_REPLICAS": str(config.index_replicas),
        "CASEREVIEW_INGEST_WORKERS": "1",
    }
    result = CliRunner().invoke(main, ["ingest", str(folder)], env=env)
    assert result.exit_code == 0, result.output
    assert "up to date with the catalogue" in result.output, result.output


def nothing_lost(config: Config, engine: SearchEngine) -> int:
    """Every searchable report of the catalogue is in the index, and nothing else; returns how
    many there are."""
    catalogue = Catalogue.from_config(config)
    with catalogue.session() as session:
        expected = sorted(str(r.id) for r in session.scalars(select(Report)) if is_searchable(r))
    catalogue.close()
    engine.refresh(config.alias)
    body = {"query": {"match_all": {}}, "_source": False}
    indexed = sorted(hit["_id"] for hit in engine.scan(config.alias, body))
    assert indexed == expected
    return len(expected)


def search_rounds(client) -> tuple[list[str], dict[str, set[int]]]:
    """``ROUNDS`` times each query through /api/search: the failures, and the totals seen."""
    failures, totals = [], {query: set() for query in QUERIES}
    for _ in range(ROUNDS):
        for query in QUERIES:
            answer = client.get("/api/search", query_string={"q": query})
            if answer.status_code != 200:
                failures.append(f"{query}: {answer.status_code} {answer.get_data(as_text=True)}")
            else:
                totals[query].add(answer.get_json()["total"])
    return failures, totals


def test_searches_survive_losing_the_master_then_the_first_node(cluster, tmp_path):
    from search_app import create_app

    urls = [state.url for state in cluster]
    observer = SearchEngine(urls, timeout=10)
    first_master = wait_for(observer.master_url, "a master elected")
    # The app is given a node that is not the master first, so that the two kills differ.
    order = sorted(urls, key=lambda url: url == first_master)
    config = Config.from_env(
        environ={},
        data_dir=tmp_path / "var",
        engine_home=ENGINE_HOME,
        elasticsearch_url=",".join(order),
        index_prefix="cluster",
        index_shards=SHARDS,
        index_replicas=REPLICAS,
        index_sync_seconds=0,
    )
    review_pdfs(tmp_path / "first", 6)
    ingest(config, tmp_path / "first")
    settings = observer.index_settings(config.alias)
    assert [(s["number_of_shards"], s["number_of_replicas"]) for s in settings.values()] == [
        (str(SHARDS), str(REPLICAS))
    ]
    observer.put_index_settings(config.alias, {"unassigned.node_left.delayed_timeout": "0"})
    assert observer.health(wait_for_status="green", timeout="60s")["status"] == "green"
    first_count = nothing_lost(config, observer)
    assert first_count == 6

    client = create_app({"TESTING": True, "CASEREVIEW": config}).test_client()
    failures, before = search_rounds(client)
    assert failures == []
    assert all(len(seen) == 1 for seen in before.values()), before
    assert before["Quillfeather"] == {6} and before["Larkspur"] == {0}

    # 1. The elected master dies; the others elect a new one.
    kill(cluster, first_master)
    survivors = SearchEngine([url for url in urls if url != first_master], timeout=10)
    new_master = wait_for(
        lambda: (found := survivors.master_url()) != first_master and found,
        "a new master elected",
    )
    assert new_master in urls and new_master != first_master
    failures, after_master = search_rounds(client)
    assert failures == []
    assert after_master == before

    # 2. Ingest while that node is down: everything is written and searchable.
    review_pdfs(tmp_path / "second", 4, word="Larkspur")
    ingest(config, tmp_path / "second")
    assert nothing_lost(config, survivors) == first_count + 4
    assert survivors.health(wait_for_status="green", timeout="60s")["status"] == "green"
    failures, with_second = search_rounds(client)
    assert failures == []
    assert with_second["Larkspur"] == {4} and with_second["Quillfeather"] == {6}

    # 3. The node the app was given first dies too: the client moves on to the last one.
    kill(cluster, order[0])
    failures, after_first = search_rounds(client)
    assert failures == []
    assert after_first == with_second
    survivors.close()
    observer.close()
