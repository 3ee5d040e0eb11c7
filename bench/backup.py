"""Backup and restore, timed side by side: the synthetic corpus ingested on an embedded node (or
CASEREVIEW_ELASTICSEARCH_URL), backed up with hard links and with copies, then restored into a
fresh data directory and index prefix from the snapshot and, for comparison, by rebuilding the
index from the catalogue. Prints the times, sizes and whether /api/search answers the same.

    python bench/backup.py [--count 90]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
import uuid

from _search_setup import ingest_corpus, scratch_setup

from casereview.config import Config  # noqa: E402
from index_mappings.backup import restore_backup, write_backup  # noqa: E402
from index_mappings.reconcile import reconcile  # noqa: E402

QUERIES = ["neglect", "information sharing", "mental health", "review", ""]


def searches(config) -> list:
    from search_app import create_app

    client = create_app({"TESTING": True, "CASEREVIEW": config}).test_client()
    return [client.get("/api/search", query_string={"q": q}).get_json() for q in QUERIES]


def timed(action):
    started = time.perf_counter()
    result = action()
    return result, time.perf_counter() - started


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=90, help="synthetic documents to ingest")
    args = parser.parse_args(argv)
    with scratch_setup() as (config, catalogue, archive, engine):
        ingest_corpus(config, catalogue, archive, engine, args.count)
        # The index catches up with the catalogue and is merged into one segment first: the
        # searches compared below then race neither the app's own reconcile nor a background
        # merge (scores count deleted documents until a merge drops them).
        reconcile(catalogue, engine, config)
        engine.force_merge(config.alias)
        root = config.data_dir.parent
        before = searches(config)
        rows = []
        for label, copy in (("hard links", False), ("copies", True)):
            target = root / f"backup-{'copy' if copy else 'link'}"
            manifest, seconds = timed(
                lambda t=target, c=copy: write_backup(config, t, engine, copy=c)
            )
            files = [f.stat() for f in target.rglob("*") if f.is_file()]
            # A hard-linked file takes no new space: count only the files with one link.
            used = (sum(f.st_size for f in files), sum(f.st_size for f in files if f.st_nlink == 1))
            rows.append((label, seconds, manifest, used))
        manifest = rows[0][2]
        print(
            f"corpus: {manifest['catalogue']['tables']['reports']} reports, "
            f"{manifest['archive']['files']} archived files "
            f"({manifest['archive']['bytes'] / 1e6:.1f} MB), "
            f"{manifest['index'].get('documents', 0)} index documents"
        )
        for label, seconds, made, used in rows:
            print(
                f"backup with {label:10}: {seconds:6.2f} s  ({made['archive']['linked']} linked, "
                f"{made['archive']['copied']} copied; {used[0] / 1e6:.1f} MB of files, "
                f"{used[1] / 1e6:.1f} MB new on disk)"
            )
        restored = {}
        for label, rebuild_index in (("snapshot", False), ("index rebuild", True)):
            # A configuration of its own: the catalogue's URL follows the data directory.
            target = Config.from_env(
                environ={},
                data_dir=root / f"restored-{uuid.uuid4().hex[:6]}",
                elasticsearch_url=config.elasticsearch_url,
                index_prefix=f"bench-{uuid.uuid4().hex[:8]}",
                engine_home=config.engine_home,
            )
            _lines, seconds = timed(
                lambda t=target, r=rebuild_index: restore_backup(
                    t, root / "backup-link", engine, rebuild_index=r
                )
            )
            after = searches(target)
            same_ids = [[h["id"] for h in a["hits"]] for a in after] == [
                [h["id"] for h in b["hits"]] for b in before
            ]
            same_totals = [a["total"] for a in after] == [b["total"] for b in before]
            restored[label] = seconds
            print(
                f"restore from {label:13}: {seconds:6.2f} s  "
                f"same totals: {same_totals}, same ids in the same order: {same_ids}"
            )
            for index in engine.indices(f"{target.index_prefix}-*"):
                engine.delete_index(index)
            shutil.rmtree(target.data_dir, ignore_errors=True)
        print(
            f"restore from the snapshot / with an index rebuild: "
            f"{restored['snapshot'] / restored['index rebuild']:.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
