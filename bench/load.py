"""Load on the search app's servers, side by side in one run: the production server (gunicorn,
``casereview serve``), the development server (``casereview serve --dev``), and the production
server again while ``casereview index rebuild`` runs over and over.

Each phase holds ``--connections`` kept-alive connections (default 32) busy for ``--duration``
seconds (default 60) with varied searches: the results page and the JSON API, words, phrases,
exclusions and OR, facets (nation, type, years, theme), sorts and pages (bench/search.py's
request mix). The corpus is the synthetic one, ingested through the real pipeline into a scratch
catalogue and an embedded Elasticsearch node (bench/_search_setup.py). Prints requests, errors,
throughput and p50/p95/p99 per phase, and the development server's latencies over the production
server's. Goal: 0 errors in every phase.

    python bench/load.py [--duration 60] [--connections 32] [--documents 90] [--workers N]
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urlencode

from _search_setup import REPO, ingest_corpus, scratch_setup
from search import percentile, requests_for

PATHS = ["/search", "/api/search"]  # the page and its JSON twin, half each


@dataclass
class Phase:
    name: str
    latencies: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    seconds: float = 0.0
    note: str = ""

    def row(self) -> str:
        count = len(self.latencies)
        if not count:
            return f"{self.name:<36} {0:>8} {len(self.errors):>7}"
        ms = [percentile(self.latencies, q) * 1000 for q in (0.5, 0.95, 0.99)]
        return (
            f"{self.name:<36} {count:>8} {len(self.errors):>7} {count / self.seconds:>7.1f}"
            f" {ms[0]:>8.1f} {ms[1]:>8.1f} {ms[2]:>8.1f}"
        )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_environment(config, port: int, workers: int) -> dict:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("CASEREVIEW_")}
    environ.update(config.to_env())
    environ.update(CASEREVIEW_WEB_PORT=str(port), CASEREVIEW_WEB_WORKERS=str(workers))
    return environ


class Server:
    """``casereview serve [args]`` in its own process group, stopped with SIGTERM."""

    def __init__(self, config, args: list[str], workers: int):
        self.port = free_port()
        self.environ = server_environment(config, self.port, workers)
        self.log = open(config.data_dir / f"serve-{self.port}.log", "wb")  # noqa: SIM115
        self.process = subprocess.Popen(
            [sys.executable, "-m", "cli", "serve", *args],
            cwd=REPO,
            env=self.environ,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 90
        while not self._ready():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                sys.exit(f"the server did not start; see {self.log.name}")
            time.sleep(0.3)

    def _ready(self) -> bool:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
            connection.request("GET", "/readyz")
            return connection.getresponse().status == 200
        except OSError:
            return False

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()


def request_paths(total: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [f"{rng.choice(PATHS)}?{urlencode(args)}" for args in requests_for(total, seed)]


def load(port: int, phase: Phase, duration: float, connections: int, seed: int = 3) -> None:
    """``connections`` threads, each with one kept-alive connection, asking until time is up."""
    paths = request_paths(2000, seed)
    lock = threading.Lock()
    deadline = time.monotonic() + duration

    def client(number: int) -> None:
        connection = None
        position = number * 61
        while time.monotonic() < deadline:
            path = paths[position % len(paths)]
            position += 1
            started = time.perf_counter()
            try:
                if connection is None:
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                elapsed = time.perf_counter() - started
                failure = None if response.status == 200 else f"{response.status} {path}"
            except (OSError, http.client.HTTPException) as error:
                connection.close()
                connection = None
                failure = f"{type(error).__name__}: {error} ({path})"
            with lock:
                if failure:
                    phase.errors.append(failure)
                else:
                    phase.latencies.append(elapsed)
        if connection is not None:
            connection.close()

    started = time.monotonic()
    with ThreadPoolExecutor(connections) as pool:
        list(pool.map(client, range(connections)))
    phase.seconds += time.monotonic() - started


def rebuild_repeatedly(environ: dict, stop: threading.Event, outcomes: list) -> None:
    """``casereview index rebuild`` back to back until ``stop``; each one's (seconds, exit code)."""
    while not stop.is_set():
        started = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-m", "cli", "index", "rebuild"],
            cwd=REPO,
            env=environ,
            capture_output=True,
            text=True,
        )
        outcomes.append((time.monotonic() - started, done.returncode, done.stderr[-300:]))


def rebuilding_load(server: Server, phase: Phase, duration: float, connections: int) -> None:
    """The load, with ``casereview index rebuild`` running back to back all along."""
    stop, outcomes = threading.Event(), []
    rebuilder = threading.Thread(target=rebuild_repeatedly, args=(server.environ, stop, outcomes))
    rebuilder.start()
    try:
        load(server.port, phase, duration, connections)
    finally:
        stop.set()
        rebuilder.join()
    failed = [o for o in outcomes if o[1]]
    seconds = sorted(o[0] for o in outcomes)
    phase.note = (
        f"{len(outcomes)} index rebuilds ran during the load ({len(failed)} failed),"
        f" {seconds[0]:.1f}-{seconds[-1]:.1f} s each"
    )
    if failed:
        phase.note += f"; first failure: {failed[0][2]}"


def compare_servers(config, workers: int, duration: float, connections: int) -> list[Phase]:
    """Both servers up at once, each warmed up, then loaded in turn in four slices (production,
    development, development, production), so that neither gets the quieter moments of a shared
    machine; then the production server under load while the index is rebuilt."""
    production = Phase("production (gunicorn)")
    development = Phase("development (Werkzeug, --dev)")
    rebuilding = Phase("production during index rebuild")
    servers = {production.name: Server(config, [], workers)}
    try:
        servers[development.name] = Server(config, ["--dev"], workers)
        for phase, server in zip((production, development), servers.values(), strict=True):
            print(f"warming up {phase.name}…", file=sys.stderr)
            load(server.port, Phase("warm-up"), min(15.0, duration), connections)
        for phase in (production, development, development, production):
            print(
                f"{phase.name}: {duration / 2:.0f} s at {connections} connections…", file=sys.stderr
            )
            load(servers[phase.name].port, phase, duration / 2, connections)
        servers.pop(development.name).stop()
        print(f"{rebuilding.name}: {duration:.0f} s…", file=sys.stderr)
        rebuilding_load(servers[production.name], rebuilding, duration, connections)
    finally:
        for server in servers.values():
            server.stop()
    return [production, development, rebuilding]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=60, help="seconds per phase")
    parser.add_argument("--connections", type=int, default=32, help="concurrent connections")
    parser.add_argument("--documents", type=int, default=90, help="synthetic corpus size")
    parser.add_argument(
        "--workers", type=int, default=0, help="gunicorn workers (0: two per core, plus one)"
    )
    args = parser.parse_args()
    with scratch_setup(heap="1g") as (config, catalogue, archive, engine):
        ingest_corpus(config, catalogue, archive, engine, args.documents)
        reports = engine.count(config.alias)
        phases = compare_servers(config, args.workers, args.duration, args.connections)
    production, development = phases[0], phases[1]
    print(
        f"{reports} indexed reports; {args.connections} connections for {args.duration:.0f} s"
        f" per phase; {os.cpu_count()} cores; milliseconds"
    )
    print(
        f"{'phase':<36} {'requests':>8} {'errors':>7} {'req/s':>7} {'p50':>8} {'p95':>8} {'p99':>8}"
    )
    for phase in phases:
        print(phase.row())
    if production.latencies and development.latencies:
        ratios = [
            percentile(development.latencies, q) / percentile(production.latencies, q)
            for q in (0.5, 0.95, 0.99)
        ]
        print(
            "development / production: p50 {:.2f}, p95 {:.2f}, p99 {:.2f}; throughput {:.2f}".format(
                *ratios,
                (len(development.latencies) / development.seconds)
                / (len(production.latencies) / production.seconds),
            )
        )
    for phase in phases:
        if phase.note:
            print(f"{phase.name}: {phase.note}")
        for error in phase.errors[:5]:
            print(f"{phase.name}: error: {error}")
    print("goal: 0 errors in every phase")


if __name__ == "__main__":
    main()
