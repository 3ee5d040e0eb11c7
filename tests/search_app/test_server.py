"""The production server itself: ``casereview serve`` (gunicorn) started as a subprocess on a
free loopback port, over a real catalogue and engine. It answers health, readiness and search,
ignores X-Forwarded-* it was not told to trust, stops cleanly on SIGTERM, and hundreds of
half-open connections neither start threads nor keep others from being answered."""

from __future__ import annotations

import dataclasses
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from index_mappings.reconcile import reconcile
from search_app import _persistent_secret
from tests.librarian_support import index, make_report

REPO = Path(__file__).resolve().parents[2]
WORKERS, THREADS = 2, 2


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(port: int, path: str, headers: dict | None = None, timeout: float = 10):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def _processes(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [master, *map(int, children)]


def _threads(pids: list[int]) -> int:
    return sum(len(os.listdir(f"/proc/{pid}/task")) for pid in pids)


@pytest.fixture
def server(tmp_path, config, catalogue, archive, search_engine):
    """``casereview serve`` over a catalogue with one indexed report; yields (process, port)."""
    report = make_report(
        catalogue, archive, tmp_path, "Review of Child G", "Neglect and unsafe sleep."
    )
    index(catalogue, search_engine, config, report)
    reconcile(catalogue, search_engine, config)
    port = _free_port()
    served = dataclasses.replace(
        config,
        web_port=port,
        web_workers=WORKERS,
        web_threads=THREADS,
        web_max_connections=400,
    )
    environ = {k: v for k, v in os.environ.items() if not k.startswith("CASEREVIEW_")}
    environ.update(served.to_env())
    log = (tmp_path / "server.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "cli", "serve"], cwd=REPO, env=environ, stdout=log, stderr=log
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            if _get(port, "/healthz", timeout=2)[0] == 200:
                break
        except OSError:
            pass
        assert process.poll() is None, (tmp_path / "server.log").read_text()
        assert time.monotonic() < deadline, "the server did not start within 60 s"
        time.sleep(0.2)
    while len(_processes(process.pid)) < 1 + WORKERS:  # every worker booted
        time.sleep(0.2)
    yield process, port
    if process.poll() is None:
        process.kill()
        process.wait()
    log.close()


def test_the_production_server_answers_and_stops_cleanly_on_sigterm(server):
    process, port = server
    status, headers, body = _get(port, "/healthz")
    assert (status, json.loads(body)) == (200, {"status": "ok"})
    assert headers["Server"] == "gunicorn"

    status, _, body = _get(port, "/readyz")
    assert status == 200, body
    assert json.loads(body)["failed"] == []

    # several requests on one kept-alive connection
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    for query in ("neglect", "unsafe+sleep"):
        connection.request("GET", f"/api/search?q={query}")
        response = connection.getresponse()
        data = json.loads(response.read())
        assert response.status == 200
        assert [hit["title"] for hit in data["hits"]] == ["Review of Child G"]
    connection.close()

    # gunicorn trusts X-Forwarded-Proto from 127.0.0.1 by default; here only ProxyFix decides
    status, headers, _ = _get(port, "/healthz", {"X-Forwarded-Proto": "https"})
    assert status == 200 and "Strict-Transport-Security" not in headers

    workers = _processes(process.pid)[1:]
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=40) == 0
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()]
    with pytest.raises(OSError):
        _get(port, "/healthz", timeout=2)


def test_half_open_connections_start_no_threads_and_others_are_still_answered(server):
    process, port = server
    pids = _processes(process.pid)
    idle_threads = _threads(pids)
    half_open = []
    try:
        for number in range(300):
            sock = socket.create_connection(("127.0.0.1", port), timeout=5)
            if number % 2:  # half a request head, then silence
                sock.sendall(b"GET /api/search?q=neglect HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            half_open.append(sock)
        time.sleep(1)
        started = time.monotonic()
        status, _, _ = _get(port, "/healthz", timeout=10)
        answered_in = time.monotonic() - started
        status_search, _, _ = _get(port, "/api/search?q=neglect", timeout=10)
        busy_threads = _threads(pids)
    finally:
        for sock in half_open:
            sock.close()
    assert (status, status_search) == (200, 200)
    assert answered_in < 3
    # master + each worker's main thread, its request threads and the index-sync thread
    assert busy_threads <= 1 + WORKERS * (THREADS + 3), (idle_threads, busy_threads)
    assert _processes(process.pid) == pids


def test_workers_starting_at_once_share_one_generated_secret_key(config):
    """Without CASEREVIEW_SECRET_KEY each worker reads the key kept in the data directory; when
    they start together, one makes it and all of them use that one (ten rounds of a race that
    a check-then-write lost about one time in four)."""
    from concurrent.futures import ThreadPoolExecutor

    for round_ in range(10):
        fresh = dataclasses.replace(config, data_dir=config.data_dir / f"round-{round_}")
        with ThreadPoolExecutor(16) as pool:
            keys = set(pool.map(lambda _, c=fresh: _persistent_secret(c), range(64)))
        assert len(keys) == 1 and len(keys.pop()) == 64
        assert [p.name for p in fresh.data_dir.iterdir()] == ["secret_key"]
