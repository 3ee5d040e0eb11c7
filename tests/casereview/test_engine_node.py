"""The embedded node, started and stopped for real through the CLI."""

import json
import os
import socket
import subprocess
import sys

import pytest

from casereview import engine_node
from tests.conftest import ENGINE_HOME


def casereview(env: dict, *args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("CASEREVIEW_")}
    full_env.pop("ELASTICSEARCH_URL", None)
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "-m", "cli", *args],
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture
def node_env(tmp_path):
    return {
        "CASEREVIEW_DATA_DIR": str(tmp_path / "var"),
        "CASEREVIEW_ENGINE_HOME": str(ENGINE_HOME),
        "CASEREVIEW_ENGINE_PORT": str(engine_node.free_port(9200, engine_node.MAX_HTTP_PORT)),
    }


def test_start_status_stop_leaves_no_orphan(node_env, engine_url):
    # engine_url: the session node exists, so the jars are already fetched.
    started = casereview(node_env, "engine", "start")
    assert started.returncode == 0, started.stderr
    status = casereview(node_env, "engine", "status", "--json")
    assert status.returncode == 0
    report = json.loads(status.stdout)
    assert report["up"] and report["version"] == "7.10.2"
    assert report["health"] in ("green", "yellow")
    # The requested port, or the next free one if another node took it meanwhile.
    host, port = report["url"].removeprefix("http://").split(":")
    assert host == "127.0.0.1"
    assert int(node_env["CASEREVIEW_ENGINE_PORT"]) <= int(port) <= engine_node.MAX_HTTP_PORT
    pid = report["pid"]
    os.kill(pid, 0)  # alive

    again = casereview(node_env, "engine", "start")
    assert again.returncode == 0 and f"pid {pid}" in again.stdout

    stopped = casereview(node_env, "engine", "stop")
    assert stopped.returncode == 0 and "stopped" in stopped.stdout
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    down = casereview(node_env, "engine", "status")
    assert down.returncode == 3 and down.stdout.startswith("down")


def test_external_cluster_is_used_and_nothing_started(node_env, engine_url):
    env = {**node_env, "CASEREVIEW_ELASTICSEARCH_URL": engine_url}
    started = casereview(env, "engine", "start")
    assert started.returncode == 0 and "nothing to start" in started.stdout
    status = json.loads(casereview(env, "engine", "status", "--json").stdout)
    assert status["up"] and not status["embedded"] and status["pid"] is None


def assert_one_line_error(result, *words):
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    first = result.stderr.splitlines()[0]
    assert first.startswith("error: ")
    for word in words:
        assert word in result.stderr


def test_missing_java_is_a_clear_error(node_env):
    result = casereview({**node_env, "CASEREVIEW_JAVA": "no-such-java"}, "engine", "start")
    assert_one_line_error(result, "Java (no-such-java) was not found")


def test_missing_maven_is_a_clear_error(node_env, tmp_path):
    env = {
        **node_env,
        "CASEREVIEW_ENGINE_HOME": str(tmp_path / "empty"),
        "CASEREVIEW_MAVEN": "no-mvn",
    }
    assert_one_line_error(casereview(env, "engine", "start"), "Maven (no-mvn) was not found")


def test_port_taken_is_a_clear_error(node_env):
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", int(node_env["CASEREVIEW_ENGINE_PORT"])))
        holder.listen()
        result = casereview(node_env, "engine", "start")
    assert_one_line_error(result, "is taken")


def test_port_outside_the_runners_range_is_a_clear_error(node_env):
    result = casereview({**node_env, "CASEREVIEW_ENGINE_PORT": "9400"}, "engine", "start")
    assert_one_line_error(result, "between 1025 and 9299")


def test_node_that_fails_to_start_shows_its_log(node_env, engine_url):
    result = casereview({**node_env, "CASEREVIEW_ENGINE_HEAP": "lots"}, "engine", "start")
    assert_one_line_error(result, "exited with code", "last lines of")
    assert "Invalid" in result.stderr  # the JVM's own complaint, from the log
