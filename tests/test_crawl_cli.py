"""The crawler's commands: crawl, sources, and `scrapy crawl` as any Scrapy user runs it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from casereview.config import Config
from cli.main import main
from crawler.runner import PROJECT_DIR, crawl_env
from standins.sites.crawl import OVERRIDES, stand_in_server
from tests.test_sites import shared_documents


@pytest.fixture
def stand_ins(tmp_path, tmp_path_factory, monkeypatch):
    config = Config.from_env(environ={}, data_dir=tmp_path / "var")
    config.ensure_dirs()
    with stand_in_server(config, port=0, docs_dir=shared_documents(tmp_path_factory)) as server:
        for name, value in {**OVERRIDES, "CASEREVIEW_CRAWL_SITES_URL": server.base_url}.items():
            monkeypatch.setenv(name, value)
        monkeypatch.setenv("CASEREVIEW_DATA_DIR", str(config.data_dir))
        monkeypatch.delenv("CASEREVIEW_DATABASE_URL", raising=False)
        yield config, server


def test_crawl_command_summarises_and_sources_lists_counts(stand_ins):
    _config, server = stand_ins
    kept = server.sites["initial"].kept(["dundee", "sbni"])
    runner = CliRunner()
    result = runner.invoke(main, ["crawl", "--source", "dundee,sbni"])
    assert result.exit_code == 0, result.output
    assert f"documents: {len(kept)} new, 0 changed, 0 unchanged, 0 gone" in result.output
    assert "robots.txt 1" in result.output and "pages fetched" in result.output
    result = runner.invoke(main, ["sources", "--json"])
    rows = {row["key"]: row for row in json.loads(result.output)["sources"]}
    assert rows["dundee"]["documents"] == sum(key == "dundee" for key, _ in kept) > 0
    assert rows["sbni"]["documents"] == sum(key == "sbni" for key, _ in kept) > 0
    assert rows["dundee"]["last_status"] == "finished" and rows["cysur"]["last_crawl"] is None
    table = runner.invoke(main, ["sources"]).output
    assert "national-panel" in table and "never" in table


def test_crawl_rejects_unknown_sources(stand_ins):
    result = CliRunner().invoke(main, ["crawl", "--source", "atlantis"])
    assert result.exit_code == 2 and "unknown source" in result.output


def test_real_crawl_needs_a_contact(monkeypatch, tmp_path):
    monkeypatch.setenv("CASEREVIEW_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("CASEREVIEW_CRAWL_SITES_URL", raising=False)
    monkeypatch.delenv("CASEREVIEW_CRAWL_CONTACT", raising=False)
    result = CliRunner().invoke(main, ["crawl", "--source", "dundee"])
    assert result.exit_code == 2 and "CASEREVIEW_CRAWL_CONTACT" in result.output


def test_scrapy_crawl_works_in_the_project_folder(stand_ins):
    config, server = stand_ins
    env = crawl_env(config)
    listing = subprocess.run(
        [sys.executable, "-m", "scrapy", "list"],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert listing.stdout.split() == ["publishers"]
    crawl = subprocess.run(
        [
            sys.executable,
            "-m",
            "scrapy",
            "crawl",
            "publishers",
            "-a",
            "source=west-glamorgan",
            "-s",
            "LOG_LEVEL=INFO",
        ],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert crawl.returncode == 0
    kept = len(server.sites["initial"].kept(["west-glamorgan"]))
    assert f"'casereview/documents/new': {kept}" in crawl.stderr
    assert any(e["path"].startswith("/west-glamorgan/files/") for e in server.log)
