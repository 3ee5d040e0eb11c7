"""The engine client built from configuration: several node URLs with failover, an API key or
basic authentication, and TLS verified against a CA file.

The engine is the session's real node. The embedded node has no security module, so a secured
cluster is a loopback HTTP(S) front that checks the Authorization header the way a secured node
does (401 without the right one) and passes every other request through to the real node.
"""

from __future__ import annotations

import base64
import dataclasses
import http.client
import json
import socket
import ssl
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

from casereview import engine_node
from casereview.search_engine import EngineRefused, EngineUnavailable, SearchEngine
from index_mappings.indexer import ensure_index


class SecuredFront:
    """An HTTP(S) server on 127.0.0.1 in front of the real engine that lets through only
    requests carrying ``authorization``, and records the Authorization headers it saw. With
    ``stall``, every request but the client's first ``GET /`` waits that long before it is
    passed on (a node hung in a long garbage collection)."""

    def __init__(self, engine_url: str, authorization: str, certificate=None, stall: float = 0):
        self.target = urlsplit(engine_url).netloc
        self.authorization = authorization
        self.stall = stall
        self.seen: list[str | None] = []
        front = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _forward(self):
                given = self.headers.get("Authorization")
                front.seen.append(given)
                if front.stall and self.path != "/":
                    time.sleep(front.stall)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                if given != front.authorization:
                    refusal = {
                        "error": {"type": "security_exception", "reason": "missing credentials"},
                        "status": 401,
                    }
                    self._answer(401, json.dumps(refusal).encode(), "application/json")
                    return
                upstream = http.client.HTTPConnection(front.target, timeout=30)
                headers = {"Content-Type": self.headers.get("Content-Type", "application/json")}
                upstream.request(self.command, self.path, body=body, headers=headers)
                answer = upstream.getresponse()
                self._answer(answer.status, answer.read(), answer.getheader("Content-Type"))
                upstream.close()

            def _answer(self, status: int, data: bytes, content_type: str | None):
                self.send_response(status)
                self.send_header("Content-Type", content_type or "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _forward

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        scheme = "http"
        if certificate:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*certificate)
            self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
            scheme = "https"
        self.url = f"{scheme}://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> SecuredFront:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


@pytest.fixture(scope="module")
def certificate(tmp_path_factory) -> tuple[str, str]:
    """A self-signed certificate for 127.0.0.1 (its own CA) and its key, made by openssl."""
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "ca.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1"]
        + ["-addext", "subjectAltName=IP:127.0.0.1"],
        check=True,
        capture_output=True,
    )
    return str(cert), str(key)


def engine_for(config, **settings) -> SearchEngine:
    return SearchEngine.from_config(dataclasses.replace(config, **settings), timeout=10)


def dead_url() -> str:
    return f"http://127.0.0.1:{engine_node.free_port(9250, engine_node.MAX_HTTP_PORT)}"


def test_api_key_is_sent_and_a_missing_one_is_a_clear_refusal(config, engine_url):
    with SecuredFront(engine_url, "ApiKey aWQ6c2VjcmV0") as front:
        engine = engine_for(
            config, elasticsearch_url=front.url, elasticsearch_api_key="aWQ6c2VjcmV0"
        )
        assert engine.info()["version"]["number"] == "7.10.2"
        engine.close()
        assert front.seen and set(front.seen) == {"ApiKey aWQ6c2VjcmV0"}

        anonymous = engine_for(config, elasticsearch_url=front.url)
        with pytest.raises(EngineRefused, match="401.*CASEREVIEW_ELASTICSEARCH_API_KEY"):
            anonymous.info()
        anonymous.close()


def test_basic_authentication_is_sent(config, engine_url):
    expected = "Basic " + base64.b64encode(b"librarian:s3cret").decode()
    with SecuredFront(engine_url, expected) as front:
        engine = engine_for(
            config,
            elasticsearch_url=front.url,
            elasticsearch_user="librarian",
            elasticsearch_password="s3cret",
        )
        assert engine.health()["status"] in ("green", "yellow")
        engine.close()
        wrong = engine_for(
            config,
            elasticsearch_url=front.url,
            elasticsearch_user="librarian",
            elasticsearch_password="guess",
        )
        with pytest.raises(EngineRefused):
            wrong.health()
        wrong.close()


def test_tls_is_verified_with_the_configured_ca_file(config, engine_url, certificate):
    ca_file, _key = certificate
    with SecuredFront(engine_url, "ApiKey k", certificate=certificate) as front:
        assert front.url.startswith("https://")
        engine = engine_for(
            config,
            elasticsearch_url=front.url,
            elasticsearch_api_key="k",
            elasticsearch_ca_file=ca_file,
        )
        assert engine.info()["version"]["number"] == "7.10.2"
        engine.close()
        # Without the CA, the self-signed certificate is not trusted: a clear error, no request.
        unverified = engine_for(config, elasticsearch_url=front.url, elasticsearch_api_key="k")
        with pytest.raises(EngineUnavailable, match="TLS.*CASEREVIEW_ELASTICSEARCH_CA_FILE"):
            unverified.info()
        unverified.close()
        assert len(front.seen) == 2  # the product check and the info call of the verified one


def test_a_dead_node_among_several_is_skipped(config, search_engine):
    ensure_index(search_engine, config)
    engine = engine_for(config, elasticsearch_url=f"{dead_url()},{config.elasticsearch_url}")
    assert len(engine.urls) == 2
    for _ in range(6):  # round robin meets the dead node, which is retried on the live one
        assert engine.count(config.alias) == 0
    engine.close()


@pytest.fixture
def silent_node():
    """A loopback port that takes connections and never answers (a node hung in a long GC)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    listener.close()


def test_a_read_that_times_out_on_one_node_is_asked_of_another(config, search_engine, silent_node):
    ensure_index(search_engine, config)
    engine = SearchEngine([silent_node, config.elasticsearch_url], timeout=1)
    for _ in range(4):  # round robin sends some to the silent node first
        assert engine.count(config.alias) == 0
    engine.close()


def test_a_lone_node_that_times_out_is_asked_once(config, engine_url):
    with SecuredFront(engine_url, "ApiKey k", stall=4) as front:
        engine = SearchEngine(front.url, timeout=1, api_key="k")
        assert engine.info()["version"]["number"] == "7.10.2"
        started = time.monotonic()
        with pytest.raises(EngineUnavailable, match="cannot be reached"):
            engine.search(config.alias, {"query": {"match_all": {}}})
        # One try of 1 s: asking the same lone node again would double the wait (and the load).
        assert time.monotonic() - started < 1.9
        assert len(front.seen) == 3  # the client's check and info (both GET /), one search
        engine.close()


def test_every_node_down_is_engine_unavailable_naming_them(config):
    first, second = dead_url(), dead_url()
    engine = engine_for(config, elasticsearch_url=f"{first},{second}")
    with pytest.raises(EngineUnavailable, match="cannot be reached") as raised:
        engine.health()
    assert first in str(raised.value) and second in str(raised.value)
    engine.close()


def test_the_app_searches_through_the_live_node_when_the_first_is_dead(config, search_engine):
    from search_app import create_app

    ensure_index(search_engine, config)
    several = dataclasses.replace(
        config, elasticsearch_url=f"{dead_url()},{config.elasticsearch_url}"
    )
    client = create_app({"TESTING": True, "CASEREVIEW": several}).test_client()
    for _ in range(4):
        answer = client.get("/api/search?q=neglect")
        assert answer.status_code == 200, answer.get_data(as_text=True)
