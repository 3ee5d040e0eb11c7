"""Backup and restore of the whole repository: the catalogue, the archive and the index, with a
manifest (``manifest.json``) that says what the backup holds and lets a restore check it.

A backup is consistent by the order of its parts:

1. the catalogue is copied by the database's own tool, at one point in time;
2. the index behind the alias is snapshotted. The index follows the catalogue through the outbox
   only, so when no outbox row was written between 1 and 2 (the outbox's high-water mark is
   unchanged) the snapshot holds nothing the copy lacks, and the rows still pending in the copy
   are applied again after the restore (applying a row twice is harmless). Otherwise 1 and 2
   are taken once more; if the catalogue keeps changing, the manifest says so and the restore
   rebuilds the index from the catalogue instead;
3. the archive is linked after the catalogue was copied, so every file the copy names is there
   (a file is archived before the row that names it, and never changed).
"""

from __future__ import annotations

import json
import platform
import shutil
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from casereview.backup import BackupError
from casereview.backup.catalogue import (
    CatalogueCopy,
    is_empty,
    kind_of,
    table_counts,
    unknown_revisions,
)
from casereview.backup.files import Copied, FileEntry, copy_tree, describe, has_files, problems
from casereview.catalogue import Catalogue
from casereview.config import Config
from casereview.search_engine import SearchEngine

from . import CURRENT_VERSION
from .indexer import _versioned_name
from .reconcile import rebuild_and_settle, reconcile
from .snapshots import repository_root, restore_index, snapshot_index

FORMAT = "casereview-backup/1"
MANIFEST = "manifest.json"
ARCHIVE = "archive"
INDEX = "index"
# Tables whose rows a restore changes on purpose: the outbox is applied to the index.
CHANGED_BY_RESTORE = {"index_outbox"}


# backup ---------------------------------------------------------------------------------------


def _claim_empty_folder(target: Path) -> None:
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise BackupError(
            f"{target} is not an empty folder: a backup never overwrites one; name a new folder"
        )
    target.mkdir(parents=True, exist_ok=True)


def _empty_folder(target: Path) -> None:
    """Remove what a failed backup wrote into the folder it claimed empty."""
    for child in target.iterdir():
        if child.is_dir():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)


def _live_high_water(config: Config, kind) -> int:
    catalogue = Catalogue(config.database_url)
    try:
        with catalogue.engine.connect() as connection:
            return kind.outbox_high_water(connection)
    finally:
        catalogue.close()


def _catalogue_and_index(
    config: Config, target: Path, kind, engine: SearchEngine | None, copy: bool
) -> tuple[CatalogueCopy, dict]:
    """The catalogue's copy and the index snapshot taken after it, taken again if the
    catalogue changed in between (module docstring)."""
    if engine is None:
        return kind.dump(config.database_url, target / kind.file), {"skipped": "--no-index"}
    targets = engine.alias_targets(config.alias)
    if not targets:
        skipped = {"skipped": f"there was no index behind {config.alias}"}
        return kind.dump(config.database_url, target / kind.file), skipped
    repository_root(engine)  # no path.repo: say so before copying anything

    def take() -> tuple[CatalogueCopy, dict]:
        copied = kind.dump(config.database_url, target / kind.file)
        index = snapshot_index(engine, targets[0], target / INDEX, copy)
        index["consistent"] = _live_high_water(config, kind) == copied.outbox_high_water
        return copied, index

    copied, index = take()
    if not index["consistent"]:
        (target / kind.file).unlink()
        shutil.rmtree(target / INDEX)
        copied, index = take()
    return copied, index


def _software(engine: SearchEngine | None) -> dict:
    software = {"casereview": metadata.version("casereview"), "python": platform.python_version()}
    if engine is not None:
        software["elasticsearch"] = engine.info()["version"]["number"]
    return software


def write_backup(
    config: Config, target: Path, engine: SearchEngine | None, copy: bool = False
) -> dict:
    """Back up the catalogue, the archive and (unless ``engine`` is None) the index into the
    empty or new folder ``target``; returns the manifest written there last."""
    target = Path(target)
    kind = kind_of(config.database_url)
    if not kind.exists(config.database_url):
        raise BackupError(f"there is no catalogue at {config.database_url}: nothing to back up")
    _claim_empty_folder(target)
    try:
        catalogue, index = _catalogue_and_index(config, target, kind, engine, copy)
        archive = Copied()
        if config.archive_dir.is_dir():
            archive = copy_tree(config.archive_dir, target / ARCHIVE, copy)
        files = describe(target)
        archived = [e for e in files if e.path.startswith(f"{ARCHIVE}/")]
        manifest = {
            "format": FORMAT,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "software": _software(engine),
            "catalogue": catalogue.as_dict(),
            "archive": {
                "folder": ARCHIVE,
                "files": len(archived),
                "bytes": sum(e.size for e in archived),
                "linked": archive.linked,
                "copied": archive.copied,
                # A content-addressed file whose bytes no longer match its name was damaged in
                # the live archive before this backup.
                "damaged": [e.path for e in archived if Path(e.path).name != e.sha256],
            },
            "index": index,
            "files": [entry.as_list() for entry in files],
        }
        (target / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n")
    except BaseException:
        _empty_folder(target)
        raise
    return manifest


# restore --------------------------------------------------------------------------------------


def read_manifest(source: Path) -> dict:
    """The manifest of the backup in ``source``, refused when it is not one this code reads."""
    path = Path(source) / MANIFEST
    if not path.is_file():
        raise BackupError(
            f"{source} holds no {MANIFEST}: not a casereview backup, or one that did not finish"
        )
    try:
        manifest = json.loads(path.read_text())
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BackupError(f"{path} cannot be read: {error}") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path} is not a {FORMAT} manifest")
    unknown = unknown_revisions(manifest["catalogue"]["revisions"])
    if unknown:
        raise BackupError(
            f"the backup's catalogue is at revision(s) {', '.join(unknown)}, which this version "
            "of casereview does not know: restore it with the version that made it "
            f"({manifest['software']['casereview']}) or a newer one"
        )
    return manifest


def _occupied(config: Config, engine: SearchEngine) -> list[str]:
    """What the data directory and the index prefix already hold."""
    found = []
    if not is_empty(config.database_url):
        found.append(f"the catalogue {config.database_url} has rows")
    if has_files(config.archive_dir):
        found.append(f"the archive {config.archive_dir} has files")
    if engine.alias_targets(config.alias):
        found.append(f"the index alias {config.alias} exists")
    return found


def _snapshot_to_restore(manifest: dict, rebuild_index: bool) -> tuple[dict | None, str]:
    """The index snapshot to restore, or None and why the index is rebuilt instead."""
    index = manifest["index"]
    if rebuild_index:
        return None, "--rebuild-index"
    if "skipped" in index:
        return None, f"the backup has no index snapshot: {index['skipped']}"
    if not index["consistent"]:
        return None, "the catalogue kept changing while the backup was made"
    if index["mapping_version"] != CURRENT_VERSION:
        return None, (
            f"the snapshot has mapping version {index['mapping_version']}, this code "
            f"{CURRENT_VERSION}"
        )
    return index, ""


def _restore_index(
    config: Config, source: Path, catalogue: Catalogue, engine: SearchEngine, snapshot, why: str
) -> tuple[list[str], list[str]]:
    """Restore the snapshot behind the alias (or rebuild from the catalogue), then apply the
    outbox; returns what was done and what disagrees with the manifest."""
    if snapshot is None:
        name, count, synced = rebuild_and_settle(catalogue, engine, config)
        return [f"index: rebuilt from the catalogue ({why}): {count} reports in {name}"], []
    name = _versioned_name(config)
    count = restore_index(engine, source / INDEX, snapshot["index"], name, config.index_replicas)
    for old in engine.point_alias(config.alias, name):
        engine.delete_index(old)
    mismatches = []
    if count != snapshot["documents"]:
        mismatches.append(
            f"the index has {count} documents, the manifest says {snapshot['documents']}"
        )
    synced = reconcile(catalogue, engine, config)
    return [
        f"index: snapshot of {count} documents restored as {name}; {config.alias} points to it",
        synced.text(),
    ], mismatches


def _catalogue_mismatches(manifest: dict, catalogue: Catalogue) -> list[str]:
    with catalogue.engine.connect() as connection:
        restored = table_counts(connection)
    expected = manifest["catalogue"]["tables"]
    return [
        f"table {table} has {restored.get(table)} rows, the manifest says {rows}"
        for table, rows in expected.items()
        if table not in CHANGED_BY_RESTORE and restored.get(table) != rows
    ]


def _archive_mismatches(config: Config, entries: list[FileEntry]) -> list[str]:
    prefix = f"{ARCHIVE}/"
    missing = [
        e.path
        for e in entries
        if e.path.startswith(prefix) and not (config.archive_dir / e.path[len(prefix) :]).is_file()
    ]
    return [f"{len(missing)} archive file(s) did not arrive, e.g. {missing[0]}"] if missing else []


def restore_backup(
    config: Config,
    source: Path,
    engine: SearchEngine,
    force: bool = False,
    rebuild_index: bool = False,
    copy: bool = False,
) -> list[str]:
    """Restore the backup in ``source`` into the configured (empty, unless ``force``) data
    directory and index prefix, then check the result against the manifest. Nothing is changed
    when the backup is damaged or the target is not empty. Returns what was done."""
    source = Path(source)
    manifest = read_manifest(source)
    entries = [FileEntry.from_list(row) for row in manifest["files"]]
    kind = kind_of(config.database_url)
    if manifest["catalogue"]["kind"] != kind.name:
        raise BackupError(
            f"the backup holds a {manifest['catalogue']['kind']} catalogue and "
            f"CASEREVIEW_DATABASE_URL names a {kind.name} one: restore it into a "
            f"{manifest['catalogue']['kind']} catalogue (`casereview db copy` moves it later)"
        )
    damaged = problems(source, entries)
    if damaged:
        more = f"\n  … and {len(damaged) - 10} more" if len(damaged) > 10 else ""
        raise BackupError(
            f"the backup in {source} is damaged, so nothing was restored:\n  "
            + "\n  ".join(damaged[:10])
            + more
        )
    occupied = _occupied(config, engine)
    if occupied and not force:
        raise BackupError(
            "restore only into an empty data directory and index prefix, or use --force to "
            "replace the catalogue and the index (archive files are added): " + "; ".join(occupied)
        )
    snapshot, why = _snapshot_to_restore(manifest, rebuild_index)
    if snapshot is not None:
        repository_root(engine)  # no path.repo: say so before changing anything
    config.ensure_dirs()
    kind.load(source / kind.file, config.database_url)
    catalogue = Catalogue.from_config(config)
    try:
        archived = copy_tree(source / ARCHIVE, config.archive_dir, copy)
        lines = [
            f"catalogue: restored into {config.database_url} "
            f"({sum(manifest['catalogue']['tables'].values())} rows)",
            f"archive: {archived.files} file(s) restored ({archived.linked} linked, "
            f"{archived.copied} copied) into {config.archive_dir}",
        ]
        index_lines, mismatches = _restore_index(config, source, catalogue, engine, snapshot, why)
        mismatches += _catalogue_mismatches(manifest, catalogue)
    finally:
        catalogue.close()
    mismatches += _archive_mismatches(config, entries)
    if mismatches:
        raise BackupError("restored, but not as the manifest says: " + "; ".join(mismatches))
    return [*lines, *index_lines, f"checked against {source / MANIFEST}: as it says"]
