"""``casereview backup`` and ``casereview restore`` against the real engine: a restore into a
fresh data directory and index prefix answers /api/search exactly as the original did, with the
same curation and audit log and taken-down reports still hidden; a damaged backup, a used
folder and a used data directory are refused with nothing changed."""

from __future__ import annotations

import json
import uuid

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from casereview import curation
from casereview.backup import BackupError
from casereview.backup.files import FileEntry
from casereview.catalogue import Base
from casereview.config import Config
from casereview.search_engine import SearchEngine
from cli.main import main
from index_mappings.indexer import rebuild
from index_mappings.reconcile import reconcile, sync_services
from tests.conftest import ENGINE_HOME
from tests.librarian_support import add_account
from tests.search_corpus import load, specs

QUERIES = [
    {"q": "neglect"},
    {"q": "review"},
    {"q": "health visitor", "nation": "England"},
    {"q": "", "sort": "newest"},
    {"q": "partners guidance", "within": "recommendations"},
    {"q": "child", "theme": "neglect", "year_from": "2014"},
]


def run(config: Config, *args: str):
    """``casereview ARGS`` with the environment naming ``config``'s data, engine and prefix."""
    env = {
        "CASEREVIEW_DATA_DIR": str(config.data_dir),
        "CASEREVIEW_ELASTICSEARCH_URL": config.elasticsearch_url,
        "CASEREVIEW_INDEX_PREFIX": config.index_prefix,
        "CASEREVIEW_ENGINE_HOME": str(config.engine_home),
        "CASEREVIEW_DATABASE_URL": config.database_url,
    }
    return CliRunner().invoke(main, list(args), env=env)


@pytest.fixture
def fresh_config(request, tmp_path, engine_url, catalogue_backend):
    """A second data directory and index prefix on the same engine (and, on PostgreSQL, an
    empty database of its own), cleaned up afterwards."""
    made, databases = [], []

    def make(name: str) -> Config:
        database_url = ""
        if catalogue_backend == "postgresql":
            database_url = request.getfixturevalue("postgres_cluster").new_empty_url()
            databases.append(database_url)
        made.append(
            Config.from_env(
                environ={},
                data_dir=tmp_path / name,
                database_url=database_url,
                elasticsearch_url=engine_url,
                index_prefix=f"test-{uuid.uuid4().hex[:10]}",
                engine_home=ENGINE_HOME,
            )
        )
        return made[-1]

    yield make
    for url in databases:
        request.getfixturevalue("postgres_cluster").drop(url)
    engine = SearchEngine(engine_url)
    for config in made:
        for index in engine.indices(f"{config.index_prefix}-*"):
            engine.delete_index(index)
    engine.close()


@pytest.fixture
def curated(tmp_path, config, catalogue, archive, search_engine):
    """A small corpus, indexed, with a librarian's corrected year and a take-down (applied to
    the index), and a corrected title still pending in the outbox when the backup is made."""
    reports = specs(10)
    load(catalogue, archive, tmp_path, reports)
    rebuild(catalogue, search_engine, config)
    add_account(catalogue)
    services = curation.Services(catalogue, archive, search_engine, config, sync=sync_services)
    curation.edit_field(services, reports[0].id, "year", "2021", "lib", "the title page says 2021")
    curation.suppress(services, [reports[4].id], "family request", "asked by the family", "lib")
    later = curation.Services(catalogue, archive, search_engine, config, sync=lambda _s: False)
    curation.edit_field(
        later, reports[6].id, "title", "Corrected heliotrope title", "lib", "typo in the title"
    )
    return reports


def searches(config: Config, size: int = 10) -> list[dict]:
    from search_app import create_app

    client = create_app({"TESTING": True, "CASEREVIEW": config}).test_client()
    answers = []
    for query in QUERIES:
        response = client.get("/api/search", query_string={**query, "size": size})
        assert response.status_code == 200, response.get_data(as_text=True)
        answers.append(response.get_json())
    return answers


def report_ids(hits: list[dict]) -> set:
    """The reports shown in ``hits``: each review's leading document and its other documents."""
    return {hit["id"] for hit in hits} | {d["id"] for hit in hits for d in hit["documents"]}


def catalogue_rows(config: Config) -> dict:
    """Every row of every table (the outbox aside, which a restore applies)."""
    from casereview.catalogue import Catalogue

    catalogue = Catalogue(config.database_url)
    try:
        with catalogue.engine.connect() as connection:
            return {
                table.name: [tuple(row) for row in connection.execute(select(table))]
                for table in Base.metadata.sorted_tables
                if table.name != "index_outbox"
            }
    finally:
        catalogue.close()


# On both databases: SQLite's backup API, and pg_dump / pg_restore.
@pytest.mark.both_catalogues
def test_restore_gives_the_same_search_results_curation_and_audit_log(
    tmp_path, config, catalogue, search_engine, curated, fresh_config, catalogue_backend
):
    # Scores count the documents the curation replaced until a merge drops them: merged now,
    # no background merge can change the original's order after the snapshot.
    search_engine.force_merge(config.alias)
    backup_dir = tmp_path / "backup"
    made = run(config, "backup", str(backup_dir))
    assert made.exit_code == 0, made.output
    manifest = json.loads((backup_dir / "manifest.json").read_text())
    dump = "catalogue.pgdump" if catalogue_backend == "postgresql" else "catalogue.sqlite3"
    assert (backup_dir / dump).is_file()
    assert manifest["index"]["consistent"] and manifest["catalogue"]["tables"]["audit_log"] >= 3
    assert manifest["catalogue"]["tables"]["index_outbox"] == 1  # the pending title
    assert manifest["archive"]["files"] == len(curated) and not manifest["archive"]["damaged"]
    assert manifest["catalogue"]["revisions"] and manifest["software"]["elasticsearch"]
    # The original catches up with its outbox after the backup.
    assert reconcile(catalogue, search_engine, config).caught_up

    restored = fresh_config("restored")
    done = run(restored, "restore", str(backup_dir))
    assert done.exit_code == 0, done.output
    assert "snapshot of" in done.output and "as it says" in done.output

    before, after = searches(config), searches(restored)
    assert [a["total"] for a in after] == [b["total"] for b in before]
    assert [[h["id"] for h in a["hits"]] for a in after] == [
        [h["id"] for h in b["hits"]] for b in before
    ]
    assert after == before
    assert sum(a["total"] for a in after) > 10

    assert catalogue_rows(restored) == catalogue_rows(config)
    audit = catalogue_rows(restored)["audit_log"]
    assert any("the title page says 2021" in row for row in audit)
    assert any("typo in the title" in row for row in audit)

    from search_app import create_app

    client = create_app({"TESTING": True, "CASEREVIEW": restored}).test_client()
    taken_down, corrected = curated[4], curated[6]
    assert client.get(f"/reports/{corrected.id}").status_code == 200
    assert client.get(f"/reports/{taken_down.id}").status_code == 404
    hits = client.get("/api/search", query_string={"q": taken_down.title}).get_json()["hits"]
    assert hits and str(taken_down.id) not in report_ids(hits)
    assert client.get("/api/search?q=zanzibarite").get_json()["total"] == 0
    # The change pending in the backup's outbox reached the restored index.
    heliotrope = client.get("/api/search?q=heliotrope").get_json()
    assert heliotrope["total"] == 1 and str(corrected.id) in report_ids(heliotrope["hits"])


def test_backup_without_index_restores_by_rebuilding_it(
    tmp_path, config, catalogue, search_engine, curated, fresh_config
):
    reconcile(catalogue, search_engine, config)
    made = run(config, "backup", "--no-index", str(tmp_path / "backup"))
    assert made.exit_code == 0, made.output
    assert not (tmp_path / "backup" / "index").exists()

    restored = fresh_config("restored")
    done = run(restored, "restore", str(tmp_path / "backup"))
    assert done.exit_code == 0, done.output
    assert "rebuilt from the catalogue" in done.output
    # Every hit on one page: a rebuilt index may order near ties differently.
    before, after = searches(config, size=50), searches(restored, size=50)
    assert all(b["total"] <= 50 for b in before)
    assert [a["total"] for a in after] == [b["total"] for b in before]
    assert [sorted(h["id"] for h in a["hits"]) for a in after] == [
        sorted(h["id"] for h in b["hits"]) for b in before
    ]


def test_a_damaged_backup_is_refused_and_nothing_is_restored(
    tmp_path, config, catalogue, archive, search_engine, fresh_config
):
    load(catalogue, archive, tmp_path, specs(2))
    rebuild(catalogue, search_engine, config)
    backup_dir = tmp_path / "backup"
    assert run(config, "backup", str(backup_dir)).exit_code == 0

    # A used folder is never written into; a used data directory is not restored over.
    again = run(config, "backup", str(backup_dir))
    assert again.exit_code == 1 and "not an empty folder" in again.output
    over = run(config, "restore", str(backup_dir))
    assert over.exit_code == 1 and "restore only into an empty data directory" in over.output

    # One archived file of the backup rots (its link to the live archive is broken first, so
    # the live file keeps its bytes).
    victim = next(p for p in (backup_dir / "archive").rglob("*") if p.is_file())
    live = config.archive_dir / victim.relative_to(backup_dir / "archive")
    original = live.read_bytes()
    victim.unlink()
    victim.write_bytes(original[:-10] + b"0123456789")

    target = fresh_config("target")
    refused = run(target, "restore", str(backup_dir))
    assert refused.exit_code == 1
    assert "damaged, so nothing was restored" in refused.output
    assert f"archive/{victim.relative_to(backup_dir / 'archive').as_posix()}" in refused.output
    assert "SHA-256" in refused.output
    assert not (target.data_dir / "catalogue.sqlite3").exists()
    assert not any(p.is_file() for p in target.archive_dir.rglob("*"))
    assert SearchEngine(target.elasticsearch_url).alias_targets(target.alias) == []
    assert live.read_bytes() == original


def test_a_manifest_cannot_name_files_outside_the_backup():
    with pytest.raises(BackupError):
        FileEntry.from_list(["../../etc/passwd", 1, "0" * 64])
    with pytest.raises(BackupError):
        FileEntry.from_list(["/etc/passwd", 1, "0" * 64])
    assert FileEntry.from_list(["archive/ab/cd/x", 1, "0" * 64]).path == "archive/ab/cd/x"


@pytest.mark.parametrize("writes", [1, 2])
def test_a_catalogue_changing_during_the_backup_is_caught(
    tmp_path, monkeypatch, config, catalogue, archive, search_engine, fresh_config, writes
):
    """A librarian's edit lands between the catalogue's copy and the index snapshot (``writes``
    times): once, the backup takes both again; every time, it says so and the restore rebuilds
    the index from the catalogue's copy."""
    import index_mappings.backup as backup_module

    reports = specs(2)
    load(catalogue, archive, tmp_path, reports)
    rebuild(catalogue, search_engine, config)
    services = curation.Services(catalogue, archive, search_engine, config, sync=sync_services)
    real_snapshot, edits = backup_module.snapshot_index, []

    def snapshot_after_an_edit(*args, **kwargs):
        if len(edits) < writes:
            edits.append(f"Amended title {len(edits)}")
            curation.edit_field(services, reports[0].id, "title", edits[-1], "lib", "typo")
        return real_snapshot(*args, **kwargs)

    monkeypatch.setattr(backup_module, "snapshot_index", snapshot_after_an_edit)
    manifest = backup_module.write_backup(config, tmp_path / "backup", search_engine)
    assert len(edits) == writes
    assert manifest["index"]["consistent"] is (writes == 1)

    restored = fresh_config("restored")
    done = run(restored, "restore", str(tmp_path / "backup"))
    assert done.exit_code == 0, done.output
    assert ("kept changing" in done.output) is (writes == 2)
    from search_app import create_app

    client = create_app({"TESTING": True, "CASEREVIEW": restored}).test_client()
    found = client.get("/api/search", query_string={"q": "amended"}).get_json()
    # Either way the restored catalogue is the second copy, made after the first edit; with two
    # edits the snapshot holds the second, which a restore from it would show.
    assert [hit["title"] for hit in found["hits"]] == ["Amended title 0"]
    overrides = catalogue_rows(restored)["curation_overrides"]
    assert [str(row).count("Amended title") for row in overrides] == [1]
    assert "Amended title 0" in str(overrides)
