"""``/healthz`` and ``/readyz`` against the real engine: ready with everything up, and a 503
naming the failed check (never a 500) with the engine down, the alias missing or the catalogue
unreadable."""

from __future__ import annotations

import dataclasses
import socket

from index_mappings import CURRENT_VERSION, index_body
from index_mappings.reconcile import reconcile
from search_app import create_app
from tests.librarian_support import index, make_report


def _dead_port() -> int:
    """A loopback port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _client(config):
    return create_app({"TESTING": True, "CASEREVIEW": config, "INDEX_SYNC": False}).test_client()


def test_healthz_answers_without_asking_any_dependency(config, catalogue):
    down = dataclasses.replace(config, elasticsearch_url=f"http://127.0.0.1:{_dead_port()}")
    response = _client(down).get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}
    assert response.headers["Cache-Control"] == "no-store"


def test_ready_when_catalogue_engine_and_alias_answer_with_the_backlog_counted(
    tmp_path, config, catalogue, archive, search_engine
):
    indexed = make_report(catalogue, archive, tmp_path, "Review of Child R", "Neglect.")
    index(catalogue, search_engine, config, indexed)
    reconcile(catalogue, search_engine, config)  # the report's pending change applied
    client = _client(config)
    response = client.get("/readyz")
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["status"] == "ready" and body["failed"] == []
    assert body["checks"]["engine"]["ok"] and body["checks"]["engine"]["status"] in (
        "green",
        "yellow",
    )
    assert body["checks"]["alias"]["alias"] == config.alias
    assert body["checks"]["alias"]["index"].startswith(config.index_prefix)
    assert body["checks"]["backlog"]["pending"] == 0

    make_report(catalogue, archive, tmp_path, "Review of Child P", "Pending.")
    backlog = client.get("/readyz").get_json()["checks"]["backlog"]
    assert backlog["ok"] and backlog["pending"] == 1 and backlog["reports"] == 1
    assert backlog["oldest_pending_age_seconds"] is not None
    assert "last_error" not in backlog


def test_not_ready_when_the_engine_is_down(config, catalogue):
    down = dataclasses.replace(config, elasticsearch_url=f"http://127.0.0.1:{_dead_port()}")
    response = _client(down).get("/readyz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["status"] == "not ready"
    assert body["failed"] == ["engine", "alias"]
    assert body["checks"]["engine"]["reason"] == "the search engine cannot be reached"
    assert body["checks"]["catalogue"]["ok"] and body["checks"]["backlog"]["ok"]
    assert "127.0.0.1" not in response.get_data(as_text=True)


def test_not_ready_when_the_index_has_an_older_mapping(config, catalogue, search_engine):
    old = f"{config.alias}-v{CURRENT_VERSION - 1}-first"
    search_engine.create_index(old, index_body(CURRENT_VERSION - 1))
    search_engine.point_alias(config.alias, old)
    body = _client(config).get("/readyz").get_json()
    assert body["failed"] == ["alias"]
    assert body["checks"]["alias"]["reason"] == (
        f"the index has mapping v{CURRENT_VERSION - 1} and this version needs "
        f"v{CURRENT_VERSION}: run `casereview index rebuild`"
    )


def test_not_ready_when_the_index_alias_is_missing(config, catalogue, search_engine):
    assert not search_engine.alias_targets(config.alias)
    response = _client(config).get("/readyz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["failed"] == ["alias"]
    assert config.alias in body["checks"]["alias"]["reason"]
    assert body["checks"]["engine"]["ok"]


def test_not_ready_when_the_catalogue_cannot_be_read(
    tmp_path, config, catalogue, archive, search_engine
):
    report = make_report(catalogue, archive, tmp_path, "Review of Child C", "Text.")
    index(catalogue, search_engine, config, report)
    client = _client(config)
    assert client.get("/readyz").status_code == 200
    catalogue.close()
    database = config.data_dir / "catalogue.sqlite3"
    for leftover in database.parent.glob("catalogue.sqlite3*"):
        leftover.unlink()
    database.write_bytes(b"this is not a database" * 200)
    client.application.extensions["casereview"]["catalogue"].close()  # no open connection
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["failed"] == ["catalogue", "backlog"]
    assert body["checks"]["catalogue"]["reason"].startswith("the catalogue cannot be read")
    assert body["checks"]["engine"]["ok"] and body["checks"]["alias"]["ok"]
