"""Index snapshots for backups, through an Elasticsearch ``fs`` snapshot repository.

Elasticsearch writes snapshots only below a directory of its ``path.repo`` setting (the embedded
node has ``DATA_DIR/engine/snapshots``; an external cluster needs one configured on every node,
on a filesystem this machine sees at the same path). A backup registers a fresh repository
there, snapshots the index behind the alias into it, carries the files into the backup folder
and drops the repository; a restore does the same in reverse, restoring the index under a new
name that the alias is then pointed at.
"""

from __future__ import annotations

import re
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from elasticsearch import exceptions as es_exceptions

from casereview.backup import BackupError
from casereview.backup.files import copy_tree
from casereview.search_engine import EngineUnavailable, SearchEngine

SNAPSHOT = "casereview"
# Snapshots and restores of a large index take longer than a search.
REQUEST_TIMEOUT = 3600
_MAPPING_VERSION = re.compile(r"-v(\d+)-")


def mapping_version(index: str) -> int | None:
    """The mapping version in a versioned index name (``…-reports-v3-2024…`` is 3)."""
    found = _MAPPING_VERSION.search(index)
    return int(found.group(1)) if found else None


def _call(engine: SearchEngine, method, **params):
    # SearchEngine turns transport failures into the project's errors.
    return engine._call(method, request_timeout=REQUEST_TIMEOUT, **params)


def repository_root(engine: SearchEngine) -> Path:
    """A ``path.repo`` directory that every node of the engine has and this machine can write."""
    nodes = _call(engine, engine.client.nodes.info, metric="settings")["nodes"].values()
    shared = None
    for node in nodes:
        paths = node.get("settings", {}).get("path", {}).get("repo") or []
        paths = {paths} if isinstance(paths, str) else set(paths)
        shared = paths if shared is None else shared & paths
    for path in sorted(shared or ()):
        root = Path(path)
        try:
            root.mkdir(parents=True, exist_ok=True)
        except OSError:
            continue
        if root.is_dir():
            return root
    raise BackupError(
        f"the engine at {engine.url} has no path.repo this machine can write to, so it cannot "
        "snapshot the index: restart the embedded node (`casereview engine stop`, then "
        "`casereview engine start`), or set path.repo on every node of the cluster to a shared "
        "directory mounted here at the same path; or back up with --no-index and rebuild the "
        "index after the restore (`casereview index rebuild`)"
    )


@contextmanager
def _repository(engine: SearchEngine, root: Path, source: Path | None = None) -> Iterator:
    """A fresh repository below ``root`` (filled from ``source`` and read-only, for a restore),
    unregistered and removed afterwards; yields its name and location."""
    name = f"casereview-{uuid.uuid4().hex[:12]}"
    location = root / name
    if source is not None:
        copy_tree(source, location)
    settings = {"location": str(location), "readonly": source is not None}
    try:
        _call(
            engine,
            engine.client.snapshot.create_repository,
            repository=name,
            body={"type": "fs", "settings": settings},
        )
        yield name, location
    finally:
        # The repository may never have been registered, or the engine be gone by now.
        with suppress(EngineUnavailable, es_exceptions.TransportError):
            _call(engine, engine.client.snapshot.delete_repository, repository=name)
        shutil.rmtree(location, ignore_errors=True)


def snapshot_index(engine: SearchEngine, index: str, into: Path, copy: bool = False) -> dict:
    """Snapshot ``index`` and put the repository's files in ``into``; returns what the snapshot
    holds (index, documents, shards, Elasticsearch version)."""
    root = repository_root(engine)
    documents = engine.count(index)
    with _repository(engine, root) as (name, location):
        made = _call(
            engine,
            engine.client.snapshot.create,
            repository=name,
            snapshot=SNAPSHOT,
            body={"indices": index, "include_global_state": False},
            wait_for_completion=True,
        )["snapshot"]
        if made["state"] != "SUCCESS":
            raise BackupError(f"the index snapshot ended {made['state']}: {made.get('failures')}")
        copy_tree(location, into, copy)
    return {
        "snapshot": SNAPSHOT,
        "index": index,
        "documents": documents,
        "shards": made["shards"]["total"],
        "elasticsearch": made.get("version"),
        "mapping_version": mapping_version(index),
    }


def restore_index(
    engine: SearchEngine, source: Path, index: str, new_name: str, replicas: int
) -> int:
    """Restore the snapshot in ``source`` of ``index`` as ``new_name`` (no aliases); returns
    how many documents it holds."""
    root = repository_root(engine)
    with _repository(engine, root, source=source) as (name, _location):
        _call(
            engine,
            engine.client.snapshot.restore,
            repository=name,
            snapshot=SNAPSHOT,
            body={
                "indices": index,
                "rename_pattern": "(.+)",
                "rename_replacement": new_name,
                "include_aliases": False,
                "include_global_state": False,
                "index_settings": {"index.number_of_replicas": replicas},
            },
            # Returns once every primary shard of the restored index is recovered.
            wait_for_completion=True,
        )
    engine.refresh(new_name)
    return engine.count(new_name)
