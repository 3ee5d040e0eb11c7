"""Faults the repository must survive, measured on real processes and a real engine node.

The index follows the catalogue (``casereview.catalogue.outbox`` and ``index_mappings.reconcile``):

1. kill -9 during ingest, at ``--kills`` random moments of one ingest of the synthetic corpus
   (each when a random number of its files is done; every run resumes the killed one), then
   one ordinary run: the catalogue's searchable count, the index's count and duplicates
   (one SHA-256 twice in the index), side by side with an uninterrupted run of the same files.
   No ``index rebuild``.
2. The engine stopped during an ingest and during a take-down, then started again, with the app
   (``casereview serve``) running all along: seconds from the engine's return until every
   report is searchable and the taken-down one is absent from every public route and from the
   index, without any command (goal <= 30 s).

Each part starts its own embedded Elasticsearch node on 127.0.0.1 (and stops it), in a scratch
directory; nothing is left behind.

    python bench/faults.py index [--count 40] [--seed 7] [--kills 5] [--part index|outage|all]
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import http.client
import io
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from sqlalchemy import func, select  # noqa: E402

from casereview import curation, engine_node  # noqa: E402
from casereview.archive import Archive  # noqa: E402
from casereview.catalogue import Catalogue, IndexChange, Report, ReportState  # noqa: E402
from casereview.config import Config  # noqa: E402
from casereview.search_engine import EngineUnavailable, SearchEngine  # noqa: E402
from index_mappings.documents import is_searchable  # noqa: E402
from index_mappings.reconcile import sync_services  # noqa: E402
from standins.corpus.corpus import generate_corpus  # noqa: E402

ENGINE_HOME = Path(os.environ.get("CASEREVIEW_ENGINE_HOME") or REPO / "var" / "engine-artifacts")
GOAL_SECONDS = 30


# a node of our own, and commands in real processes ---------------------------------------------


def node_config(root: Path) -> Config:
    return Config.from_env(
        environ={},
        data_dir=root / "engine",
        engine_home=ENGINE_HOME,
        engine_port=engine_node.free_port(9200, engine_node.MAX_HTTP_PORT),
    )


@contextlib.contextmanager
def own_node(root: Path):
    """An embedded node for this bench: (its config, its URL); stopped at the end."""
    config = node_config(root)
    print("starting an Elasticsearch node…", file=sys.stderr)
    state = engine_node.start(config)
    try:
        yield config, state.url
    finally:
        engine_node.stop(config)


def app_config(data_dir: Path, engine_url: str) -> Config:
    return Config.from_env(
        environ={},
        data_dir=data_dir,
        elasticsearch_url=engine_url,
        index_prefix=f"faults-{uuid.uuid4().hex[:8]}",
        engine_home=ENGINE_HOME,
    )


def environment(config: Config, **extra) -> dict:
    return {
        **os.environ,
        "CASEREVIEW_DATA_DIR": str(config.data_dir),
        "CASEREVIEW_ELASTICSEARCH_URL": config.elasticsearch_url,
        "CASEREVIEW_INDEX_PREFIX": config.index_prefix,
        **extra,
    }


def casereview(config: Config, *args: str, **extra) -> subprocess.Popen:
    """``casereview ARGS`` in its own process group (so kill -9 reaches its workers too)."""
    return subprocess.Popen(
        [sys.executable, "-m", "cli", *args],
        cwd=REPO,
        env=environment(config, **extra),
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def kill_9(process: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


# what the catalogue and the index hold ---------------------------------------------------------


def searchable_in_catalogue(catalogue: Catalogue) -> set[str]:
    """The reports the catalogue says belong in the index (``documents.is_searchable``)."""
    with catalogue.session() as session:
        return {str(r.id) for r in session.scalars(select(Report)) if is_searchable(r)}


def in_index(engine: SearchEngine, config: Config) -> tuple[set[str], int]:
    """(document ids, SHA-256s held by more than one document)."""
    if not engine.alias_targets(config.alias):
        return set(), 0
    engine.refresh(config.alias)
    hits = list(engine.scan(config.alias, {"query": {"match_all": {}}, "_source": ["sha256"]}))
    hashes = [hit["_source"]["sha256"] for hit in hits]
    return {hit["_id"] for hit in hits}, len(hashes) - len(set(hashes))


def pending(catalogue: Catalogue) -> int:
    with catalogue.session() as session:
        return session.scalar(select(func.count(IndexChange.id)))


def figures(config: Config, engine: SearchEngine) -> dict:
    catalogue = Catalogue.from_config(config)
    try:
        searchable = searchable_in_catalogue(catalogue)
        with catalogue.session() as session:
            reports = session.scalar(select(func.count(Report.id)))
            by_hash = session.scalar(select(func.count(func.distinct(Report.sha256))))
        ids, duplicates = in_index(engine, config)
        return {
            "reports": reports,
            "catalogue_duplicates": reports - by_hash,
            "searchable": len(searchable),
            "indexed": len(ids),
            "index_duplicates": duplicates,
            "missing_from_index": len(searchable - ids),
            "extra_in_index": len(ids - searchable),
            "pending": pending(catalogue),
        }
    finally:
        catalogue.close()


# 1. kill -9 during ingest ----------------------------------------------------------------------


def extracted(config: Config) -> int:
    """Reports done with (extracted, or failed with a reason): no longer pending."""
    catalogue = Catalogue.from_config(config)
    try:
        with catalogue.session() as session:
            return session.scalar(
                select(func.count(Report.id)).where(Report.state != ReportState.PENDING)
            )
    finally:
        catalogue.close()


def ingest_killed(config: Config, folder: Path, targets: list[int], engine) -> list:
    """One ingest of ``folder`` killed with SIGKILL at each target: the moment the catalogue
    has that many reports done (random moments of the run's progress; each run resumes what the
    killed one left). [(seconds into that run, done in the catalogue, searchable, in index)]."""
    kills = []
    for target in targets:
        target = max(target, extracted(config) + 1)  # always some work done in the killed run
        process = casereview(config, "ingest", str(folder))
        started = time.monotonic()
        while process.poll() is None and extracted(config) < target:
            time.sleep(0.02)
        moment = time.monotonic() - started
        kill_9(process)
        state = figures(config, engine)
        kills.append((round(moment, 1), extracted(config), state["searchable"], state["indexed"]))
    return kills


def index_after_kills(root: Path, folder: Path, kills: int, seed: int) -> dict:
    with own_node(root / "node") as (_node, url):
        engine = SearchEngine(url, timeout=120)
        plain = app_config(root / "plain", url)
        started = time.monotonic()
        casereview(plain, "ingest", str(folder)).wait()
        span = time.monotonic() - started
        uninterrupted = figures(plain, engine)

        killed = app_config(root / "killed", url)
        targets = sorted(random.Random(seed).sample(range(1, uninterrupted["reports"]), kills))
        moments = ingest_killed(killed, folder, targets, engine)
        casereview(killed, "ingest", str(folder)).wait()
        after = figures(killed, engine)
        engine.close()
    print(f"\n1. kill -9 during ingest ({len(list(folder.rglob('*.*')))} files)")
    print(f"   uninterrupted run: {span:.1f} s")
    for n, (moment, done, searchable, indexed) in enumerate(moments, 1):
        print(
            f"   run {n}: kill -9 at {moment} s, {done} of {uninterrupted['reports']} files done;"
            f" catalogue {searchable} searchable, index {indexed}"
        )
    print("   then one ordinary run (no index rebuild):")
    keys = ("reports", "searchable", "indexed", "index_duplicates", "missing_from_index")
    keys += ("extra_in_index", "catalogue_duplicates", "pending")
    print(f"   {'':22} {'uninterrupted':>14} {'killed x' + str(kills):>12}")
    for key in keys:
        print(f"   {key:22} {uninterrupted[key]:>14} {after[key]:>12}")
    same = all(uninterrupted[k] == after[k] for k in keys)
    held = (
        same
        and after["indexed"] == after["searchable"]
        and after["index_duplicates"] == 0
        and after["catalogue_duplicates"] == 0
    )
    print(f"   catalogue = index, 0 duplicates, as uninterrupted: {'yes' if held else 'NO'}")
    return {"uninterrupted": uninterrupted, "killed": after, "moments": moments, "held": held}


# 2. the engine stopped during an ingest and a take-down ----------------------------------------


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except (OSError, http.client.HTTPException):  # refused, or a stream cut short
        return 0, b""


def public_state(base: str, secret: int, secret_title: str) -> dict:
    """What the public routes answer now: the search total, the routes that show the secret
    report, and those that do not answer (503 while the engine is down)."""
    word = secret_title.split()[-1]
    answers = {
        "total": get(f"{base}/export.json?per=document"),
        "search": get(f"{base}/api/search?q={word}"),
        "export.csv": get(f"{base}/export.csv?per=document"),
        "feed.atom": get(f"{base}/feed.atom"),
        "review page": get(f"{base}/reviews/{secret}"),
    }
    shows = {
        "search": lambda body: any(
            str(secret) in {h["id"], *(d["id"] for d in h.get("documents", []))}
            for h in json.loads(body)["hits"]
        ),
        "export.csv": lambda body: any(
            row.get("title") == secret_title
            for row in csv.DictReader(io.StringIO(body.decode("utf-8-sig")))
        ),
        "feed.atom": lambda body: secret_title.encode() in body,
        "review page": lambda _body: True,
    }
    status, body = answers.pop("total")
    state = {"total": len(json.loads(body)["documents"]) if status == 200 else None}
    state["unavailable"] = [name for name, (code, _b) in answers.items() if code >= 500 or not code]
    state["shown"] = [
        name for name, (code, body) in answers.items() if code == 200 and shows[name](body)
    ]
    return state


def public_total(base: str) -> int | None:
    """How many documents the public app shows (search counts reviews; this counts reports)."""
    status, body = get(f"{base}/export.json?per=document")
    return len(json.loads(body)["documents"]) if status == 200 else None


def wait_for(check, timeout: float, every: float = 0.5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := check():
            return value
        time.sleep(every)
    return None


def outage(root: Path, folder: Path, sync_seconds: float) -> dict:
    node = node_config(root / "node")
    print("starting an Elasticsearch node…", file=sys.stderr)
    url = engine_node.start(node).url
    config = app_config(root / "app", url)
    engine = SearchEngine(url, timeout=30)
    files = sorted(folder.rglob("*.pdf"))
    first, second = files[: len(files) // 2], files[len(files) // 2 :]
    halves = root / "first", root / "second"
    for half, names in zip(halves, (first, second), strict=True):
        half.mkdir()
        for path in names:
            shutil.copy2(path, half / path.name)  # ingest refuses links leaving the folder
    casereview(config, "db", "upgrade").wait()  # before two processes open the catalogue
    web_port = engine_node.free_port(5100, 5999)
    app = casereview(
        config,
        "serve",
        "--port",
        str(web_port),
        CASEREVIEW_INDEX_SYNC_SECONDS=str(sync_seconds),
    )
    base = f"http://127.0.0.1:{web_port}"
    try:
        casereview(config, "ingest", str(halves[0])).wait()
        catalogue = Catalogue.from_config(config)
        first_half = len(searchable_in_catalogue(catalogue))
        if not wait_for(lambda: public_total(base) == first_half, 180):
            sys.exit(f"the app at {base} did not answer with the first half's {first_half} reports")
        with catalogue.session() as session:
            secret, secret_title = session.execute(
                select(Report.id, Report.title)
                .where(Report.state == ReportState.INDEXED, Report.duplicate_of.is_(None))
                .order_by(Report.id)
            ).first()
        before = public_state(base, secret, secret_title)

        # The engine stops while the second half is being ingested.
        ingest = casereview(config, "ingest", str(halves[1]))
        wait_for(lambda: len(searchable_in_catalogue(catalogue)) > before["total"], 120, 0.1)
        engine_node.stop(node)
        stopped_at = time.monotonic()
        at_stop = len(searchable_in_catalogue(catalogue)), ingest.poll() is None
        ingest.wait()
        # A take-down while the engine is down: the catalogue takes it, the index cannot.
        services = curation.Services(
            catalogue, Archive(config.archive_dir), engine, config, sync=sync_services
        )
        outcome = curation.suppress(services, [secret], "court order", "bench", "bench")
        during = public_state(base, secret, secret_title)
        waiting = pending(catalogue)

        if engine_node.start(node).url != url:
            print("the node came back on another port; the app cannot follow", file=sys.stderr)
        back = time.monotonic()
        expected = len(searchable_in_catalogue(catalogue))

        def caught_up():
            state = public_state(base, secret, secret_title)
            try:
                gone = engine.get_document(config.alias, str(secret)) is None
            except EngineUnavailable:
                return None
            if state["total"] == expected and not state["shown"] + state["unavailable"] and gone:
                return time.monotonic() - back
            return None

        seconds = wait_for(caught_up, 120, 0.25)
        after = figures(config, engine)
        catalogue.close()
    finally:
        kill_9(app)
        engine.close()
        engine_node.stop(node)
    print("\n2. the engine stopped during an ingest and during a take-down, the app running")
    print(f"   app reconciles every {sync_seconds:g} s while changes are pending")
    print(
        f"   before: {before['total']} searchable; the report to take down (#{secret}) shown on"
        f" {', '.join(before['shown'])}"
    )
    print(
        f"   engine stopped with {at_stop[0]} searchable in the catalogue, the second ingest"
        f" {'still running' if at_stop[1] else 'already finished'}"
    )
    print(
        f"   engine down {back - stopped_at:.1f} s: ingest finished, take-down made"
        f" (index updated: {outcome.indexed}); {waiting} index change(s) pending;"
        f" during the outage the secret is shown on {during['shown'] or 'no route'}"
        f" (unavailable: {', '.join(during['unavailable']) or 'none'})"
    )
    verdict = "yes" if seconds is not None and seconds <= GOAL_SECONDS else "NO"
    shown = "never (120 s)" if seconds is None else f"{seconds:.1f} s"
    print(
        f"   after the engine's return: all {expected} searchable, the secret gone from search,"
        f" export, feed, review page and index, in {shown} (goal <= {GOAL_SECONDS} s: {verdict});"
        " no command run"
    )
    print(
        f"   then: catalogue {after['searchable']} searchable, index {after['indexed']},"
        f" duplicates {after['index_duplicates']}, pending {after['pending']}"
    )
    return {"seconds": seconds, "during": during, "after": after}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=40, help="generated documents")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--sync-seconds", type=float, default=5.0)
    parser.add_argument("--part", choices=("index", "outage", "all"), default="all")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="casereview-faults-") as tmp:
        root = Path(tmp)
        folder = root / "corpus"
        generate_corpus(folder, count=args.count, seed=args.seed)
        (folder / "answer_key.json").unlink(missing_ok=True)
        if args.part in ("index", "all"):
            index_after_kills(root / "kills", folder, args.kills, args.seed)
        if args.part in ("outage", "all"):
            outage(root / "outage", folder, args.sync_seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
