"""The embedded Elasticsearch node: fetched from Maven Central, started, watched and stopped.

The node is Elasticsearch 7.10.2 run by ``org.codelibs:elasticsearch-cluster-runner`` in one JVM.
Its state (data, logs, the pid and address of the running node) lives in ``DATA_DIR/engine``;
the fetched jars live in ``ENGINE_HOME`` so that several data directories can share them.

``start_cluster`` starts several such JVMs that find each other on loopback and form one
cluster (to try failover on one machine; the cluster test uses it).
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import time
import uuid
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .config import Config
from .processes import process_alive
from .search_engine import EngineUnavailable, SearchEngine

RUNNER_CLASS = "org.codelibs.elasticsearch.runner.ElasticsearchClusterRunner"
# The official Python client refuses a node whose flavour is "unknown", which is what the
# runner reports unless told it is the default distribution.
JVM_FLAGS = ("-Des.distribution.flavor=default", "-Des.distribution.type=tar")
# The runner refuses HTTP ports above 9299 (its fixed maxHttpPort).
MAX_HTTP_PORT = 9299
_HTTP_ADDRESS = re.compile(r"AbstractHttpServerTransport\].*publish_address \{([^}]+)\}")


class EngineError(Exception):
    """A problem starting or reaching the engine, worded for the person at the terminal."""


@dataclass
class NodeState:
    pid: int
    url: str
    started_at: float

    def to_json(self) -> str:
        return json.dumps(self.__dict__)


def _state_file(config: Config) -> Path:
    return config.engine_dir / "node.json"


def _log_file(config: Config) -> Path:
    return config.engine_dir / "node.log"


def read_state(config: Config) -> NodeState | None:
    """The running node recorded in the data directory, or None (a stale record is removed)."""
    path = _state_file(config)
    if not path.exists():
        return None
    state = NodeState(**json.loads(path.read_text()))
    if not process_alive(state.pid):
        path.unlink(missing_ok=True)
        return None
    return state


def engine_urls(config: Config) -> list[str]:
    """The node URLs requests go to: the configured cluster's, else the embedded node's."""
    if config.elasticsearch_urls:
        return config.elasticsearch_urls
    state = read_state(config)
    if state:
        return [state.url]
    return [f"http://127.0.0.1:{config.engine_port}"]


def engine_url(config: Config) -> str:
    """``engine_urls`` as the setting writes them (comma-separated), for messages."""
    return ",".join(engine_urls(config))


def _tail(path: Path, lines: int = 15) -> str:
    if not path.exists():
        return "(no log written)"
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def ensure_artifacts(config: Config) -> Path:
    """Fetch the pinned engine jars once into ENGINE_HOME/lib and return that folder."""
    home = config.engine_home
    lib = home / "lib"
    if (lib / ".complete").exists():
        return lib
    maven = shutil.which(config.maven)
    if not maven:
        raise EngineError(
            f"Maven ({config.maven}) was not found: install it (apt-get install maven) "
            "or set CASEREVIEW_MAVEN, or point CASEREVIEW_ELASTICSEARCH_URL at a running cluster"
        )
    home.mkdir(parents=True, exist_ok=True)
    pom = home / "pom.xml"
    pom.write_bytes(resources.files("casereview").joinpath("engine_pom.xml").read_bytes())
    incoming = home / "lib.incoming"
    shutil.rmtree(incoming, ignore_errors=True)
    result = subprocess.run(
        [
            maven,
            "-q",
            "-B",
            "-f",
            str(pom),
            "dependency:copy-dependencies",
            f"-DoutputDirectory={incoming}",
        ],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        last = (result.stdout + result.stderr).strip().splitlines()[-5:]
        raise EngineError(
            "could not fetch Elasticsearch from Maven Central (is the registry reachable?): "
            + " | ".join(last)
        )
    (incoming / ".complete").write_text("org.codelibs:elasticsearch-cluster-runner:7.10.2.0\n")
    shutil.rmtree(lib, ignore_errors=True)
    incoming.rename(lib)
    return lib


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def free_port(low: int | None = None, high: int | None = None) -> int:
    """A free port on 127.0.0.1: any, or one in [low, high], tried in random order so that
    sessions starting at the same time rarely pick the same one."""
    if low is None:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.bind(("127.0.0.1", 0))
            return probe.getsockname()[1]
    candidates = list(range(low, high + 1))
    random.shuffle(candidates)
    for port in candidates:
        if port_is_free(port):
            return port
    raise EngineError(f"no free port between {low} and {high}")


def snapshot_root(config: Config) -> Path:
    """The embedded node's ``path.repo``: its snapshot repositories (backups) live below it."""
    return config.engine_dir / "snapshots"


SINGLE_NODE = "discovery.type: single-node\n"


def _free_ports(count: int, low: int | None = None, high: int | None = None) -> list[int]:
    """``count`` different free ports (see ``free_port``)."""
    ports: list[int] = []
    while len(ports) < count:
        port = free_port(low, high)
        if port not in ports:
            ports.append(port)
    return ports


def _write_node_settings(
    config: Config, base: Path | None = None, transport_port: int = 0, discovery: str = SINGLE_NODE
) -> None:
    """Settings the runner reads from the node's elasticsearch.yml (under ``base``, by default
    the engine folder): loopback, and one node unless ``discovery`` says how to find others."""
    node_config = (base or config.engine_dir) / "node_1" / "config"
    node_config.mkdir(parents=True, exist_ok=True)
    (node_config / "elasticsearch.yml").write_text(
        "network.host: 127.0.0.1\n"
        f"transport.port: {transport_port or free_port()}\n"
        + discovery
        + "action.auto_create_index: false\n"
        + f"path.repo: {json.dumps(str(snapshot_root(config)))}\n"
    )


def _java(config: Config) -> str:
    java = shutil.which(config.java)
    if not java:
        raise EngineError(
            f"Java ({config.java}) was not found: install a JDK 17 "
            "(apt-get install openjdk-17-jre-headless) or set CASEREVIEW_JAVA"
        )
    return java


def _spawn(
    config: Config, lib: Path, base: Path, http_port: int, cluster_name: str = ""
) -> subprocess.Popen:
    """Start one runner JVM holding one node whose folder is ``base``, logging to its
    node.log; its HTTP port is ``http_port`` or, if that is taken meanwhile, the next free one."""
    command = [
        _java(config),
        f"-Xms{config.engine_heap}",
        f"-Xmx{config.engine_heap}",
        *JVM_FLAGS,
        "-cp",
        f"{lib}/*",
        RUNNER_CLASS,
        "-basePath",
        str(base),
        "-numOfNode",
        "1",
        # The runner gives node 1 the first free port above the base port.
        "-baseHttpPort",
        str(http_port - 1),
    ]
    if cluster_name:
        command += ["-clusterName", cluster_name]
    with open(base / "node.log", "wb") as log:
        return subprocess.Popen(
            command,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )


def start(config: Config) -> NodeState:
    """Start the embedded node (or return the one already running) and wait until it is ready."""
    if config.elasticsearch_url:
        raise EngineError(
            f"CASEREVIEW_ELASTICSEARCH_URL is set ({config.elasticsearch_url}): "
            "that cluster is used and no embedded node is started"
        )
    running = read_state(config)
    if running:
        return running
    _java(config)
    if not 1024 < config.engine_port <= MAX_HTTP_PORT:
        raise EngineError(
            f"CASEREVIEW_ENGINE_PORT must be between 1025 and {MAX_HTTP_PORT} "
            f"for the embedded node, not {config.engine_port}"
        )
    if not port_is_free(config.engine_port):
        raise EngineError(
            f"port {config.engine_port} is taken: stop what uses it or set CASEREVIEW_ENGINE_PORT"
        )
    lib = ensure_artifacts(config)
    config.engine_dir.mkdir(parents=True, exist_ok=True)
    _write_node_settings(config)
    process = _spawn(config, lib, config.engine_dir, config.engine_port)
    try:
        url = _wait_until_ready(config, process, _log_file(config))
    except BaseException:
        _terminate(process.pid)
        raise
    state = NodeState(pid=process.pid, url=url, started_at=time.time())
    _state_file(config).write_text(state.to_json())
    return state


def _wait_until_ready(config: Config, process: subprocess.Popen, log_path: Path) -> str:
    deadline = time.monotonic() + config.engine_start_timeout
    url = None
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise EngineError(
                f"the Elasticsearch node exited with code {process.returncode} while starting; "
                f"last lines of {log_path}:\n{_tail(log_path)}"
            )
        if url is None:
            match = _HTTP_ADDRESS.search(log_path.read_text(errors="replace"))
            if match:
                url = "http://" + match.group(1)
        if url:
            probe = SearchEngine(url, timeout=5)
            try:
                health = probe.health()
            except EngineUnavailable:
                health = None
            finally:
                probe.close()
            if health and health.get("status") in ("yellow", "green"):
                return url
        time.sleep(0.5)
    raise EngineError(
        f"the Elasticsearch node was not ready after {config.engine_start_timeout:.0f} s; "
        f"last lines of {log_path}:\n{_tail(log_path)}"
    )


def _terminate(pid: int, grace: float = 30.0) -> None:
    try:
        os.killpg(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        if not process_alive(pid):
            return
        time.sleep(0.2)
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        return
    while process_alive(pid):
        time.sleep(0.1)


def stop(config: Config) -> bool:
    """Stop the embedded node; True if one was running."""
    state = read_state(config)
    if not state:
        return False
    _terminate(state.pid)
    _state_file(config).unlink(missing_ok=True)
    return True


def start_cluster(config: Config, nodes: int = 3) -> list[NodeState]:
    """Start ``nodes`` nodes, one JVM each with ENGINE_HEAP, that form one cluster on loopback,
    and wait until every one answers as part of it. Each has its own transport and HTTP ports
    and its own folder (DATA_DIR/engine/cluster/node-N); all are master-eligible, and the first
    master is elected among all of them. Stop them with ``stop_cluster``."""
    lib = ensure_artifacts(config)
    transport_ports = _free_ports(nodes)
    http_ports = _free_ports(nodes, 9200, MAX_HTTP_PORT)
    addresses = ", ".join(f"127.0.0.1:{port}" for port in transport_ports)
    # The runner names every node "Node 1" (one per JVM): nodes are told apart by address.
    discovery = (
        f"discovery.seed_hosts: [{addresses}]\ncluster.initial_master_nodes: [{addresses}]\n"
    )
    cluster_name = f"casereview-{uuid.uuid4().hex[:8]}"
    started: list[tuple[subprocess.Popen, Path]] = []
    try:
        for number, (transport_port, http_port) in enumerate(
            zip(transport_ports, http_ports, strict=True), start=1
        ):
            base = config.engine_dir / "cluster" / f"node-{number}"
            base.mkdir(parents=True, exist_ok=True)
            _write_node_settings(config, base, transport_port, discovery)
            started.append((_spawn(config, lib, base, http_port, cluster_name), base))
        states = [
            NodeState(
                pid=process.pid,
                url=_wait_until_ready(config, process, base / "node.log"),
                started_at=time.time(),
            )
            for process, base in started
        ]
    except BaseException:
        stop_cluster([NodeState(process.pid, "", 0) for process, _base in started])
        raise
    return states


def stop_cluster(states: list[NodeState]) -> None:
    """Stop the nodes ``start_cluster`` started (those still running)."""
    for state in states:
        _terminate(state.pid)


def status(config: Config) -> dict:
    """Whether the engine answers, with its version, address and cluster health."""
    url = engine_url(config)
    state = None if config.elasticsearch_url else read_state(config)
    report = {
        "embedded": not config.elasticsearch_url,
        "url": url,
        "pid": state.pid if state else None,
        "up": False,
    }
    if report["embedded"] and not state:
        return report
    engine = SearchEngine.from_config(config, timeout=5)
    try:
        info = engine.info()
        health = engine.health()
    except EngineUnavailable as error:
        report["error"] = str(error)
        return report
    finally:
        engine.close()
    report.update(up=True, version=info["version"]["number"], health=health["status"])
    return report
