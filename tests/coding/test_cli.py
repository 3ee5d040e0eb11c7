"""``casereview coding``: export a project (.qdpx, .qdc, CSV, JSON) and import a codebook as a
researcher, and re-anchor; a stranger or a missing account gets a one-line error."""

import csv
import io
import json
import zipfile

import pytest
from click.testing import CliRunner

from casereview.catalogue import Catalogue
from casereview.config import Config
from coding.codebook import add_code, codebook
from coding.corpus import add_reviews
from coding.passages import apply_codes
from coding.projects import create_project

from .conftest import add_report, researcher
from .test_qdpx import QDC


@pytest.fixture
def setup(tmp_path, monkeypatch):
    monkeypatch.setenv("CASEREVIEW_DATA_DIR", str(tmp_path / "var"))
    config = Config.from_env()
    config.ensure_dirs()
    catalogue = Catalogue.from_config(config)
    catalogue.upgrade()
    owner = researcher(catalogue, "olwen")
    researcher(catalogue, "sian")
    project_id = create_project(catalogue, owner, "Triple coding")
    report = add_report(catalogue, ["Nobody spoke to the father."], "cpr-a")
    add_reviews(catalogue, owner, project_id, [report])
    code = add_code(catalogue, owner, project_id, "Fathers")
    apply_codes(catalogue, owner, project_id, report, 1, 0, 6, [code], "=cmd|memo")
    yield catalogue, owner, project_id
    catalogue.close()


def run(*args):
    from cli.main import main

    return CliRunner().invoke(main, ["coding", *map(str, args)])


def test_exports_and_import_from_the_command_line(setup, tmp_path):
    catalogue, owner, project_id = setup
    out = tmp_path / "out"
    for kind in ("qdpx", "csv", "json", "qdc"):
        result = run("export", project_id, "--as", "olwen", "--format", kind, "-o", f"{out}.{kind}")
        assert result.exit_code == 0 and "wrote" in result.output, result.output
    with zipfile.ZipFile(f"{out}.qdpx") as bundle:
        assert "project.qde" in bundle.namelist()
    rows = list(csv.DictReader(io.StringIO(open(f"{out}.csv", encoding="utf-8-sig").read())))
    assert [(r["quote"], r["codes"], r["memo"]) for r in rows] == [
        ("Nobody", "Fathers", "'=cmd|memo")
    ]
    assert json.loads(open(f"{out}.json").read())["excerpts"][0]["memo"] == "=cmd|memo"
    qdc = tmp_path / "atlas.qdc"
    qdc.write_bytes(QDC)
    result = run("import-qdc", project_id, qdc, "--as", "olwen")
    assert result.exit_code == 0 and "4 code(s) imported" in result.output
    assert len(codebook(catalogue, owner, project_id)) == 3
    result = run("reanchor")
    assert result.exit_code == 0 and "in place: 1" in result.output


def test_strangers_and_bad_files_get_one_line_errors(setup, tmp_path):
    _catalogue, _owner, project_id = setup
    answer = run("export", project_id, "--as", "sian", "-o", tmp_path / "x.qdpx")
    assert answer.exit_code == 1 and "no such project" in answer.output
    assert not (tmp_path / "x.qdpx").exists()
    answer = run("export", project_id, "--as", "nobody", "-o", tmp_path / "x.qdpx")
    assert answer.exit_code == 1 and "no active researcher account" in answer.output
    bad = tmp_path / "bad.qdc"
    bad.write_text("not xml")
    answer = run("import-qdc", project_id, bad, "--as", "olwen")
    assert answer.exit_code == 1 and "not a REFI-QDA codebook" in answer.output
