"""`casereview sources` shows the registry's coverage per nation: publishers listed, with a
known reviews page, and crawled successfully at least once (from the catalogue's crawl runs)."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from click.testing import CliRunner

from casereview.catalogue import Catalogue, CrawlRun, ListingPage
from casereview.config import Config
from cli.main import main
from crawler.registry import load_registry

REGISTRY = load_registry()


@pytest.fixture
def catalogue(tmp_path, monkeypatch):
    config = Config.from_env(environ={}, data_dir=tmp_path / "var")
    config.ensure_dirs()
    monkeypatch.setenv("CASEREVIEW_DATA_DIR", str(config.data_dir))
    monkeypatch.delenv("CASEREVIEW_DATABASE_URL", raising=False)
    catalogue = Catalogue.from_config(config)
    yield catalogue
    catalogue.close()


def crawled(catalogue, key: str, status: str, listing_read: bool) -> None:
    with catalogue.session() as session:
        session.add(CrawlRun(source=key, status=status))
        if listing_read:
            session.add(ListingPage(source=key, url=f"https://{key}.example/reviews/{status}"))


def run_sources(*args: str) -> str:
    result = CliRunner().invoke(main, ["sources", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_coverage_per_nation_counts_the_registry_and_successful_crawls(catalogue):
    crawled(catalogue, "dundee", "interrupted", listing_read=False)
    crawled(catalogue, "dundee", "finished", listing_read=True)  # a success
    crawled(catalogue, "sbni", "finished", listing_read=False)  # every listing page failed
    crawled(catalogue, "cysur", "interrupted", listing_read=True)  # never finished
    crawled(catalogue, "derby", "finished", listing_read=True)
    crawled(catalogue, "national-panel", "finished", listing_read=True)
    data = json.loads(run_sources("--json"))
    coverage = {row["nation"]: row for row in data["coverage"]}

    listed = Counter(e.nation for e in REGISTRY.values())
    with_page = Counter(e.nation for e in REGISTRY.values() if e.start_urls)
    for nation in ("England", "Wales", "Scotland", "Northern Ireland"):
        assert coverage[nation]["listed"] == listed[nation]
        assert coverage[nation]["reviews_page_known"] == with_page[nation]
        row = coverage[nation]
        assert row["reviews_page_known"] + row["website_only"] + row["no_website"] == row["listed"]
    assert coverage["England"]["crawled_ok"] == 2
    assert coverage["Scotland"]["crawled_ok"] == 1
    assert coverage["Wales"]["crawled_ok"] == 0
    assert coverage["Northern Ireland"]["crawled_ok"] == 0
    assert coverage["total"]["listed"] == len(REGISTRY)
    assert coverage["total"]["crawled_ok"] == 3

    rows = {row["key"]: row for row in data["sources"]}
    assert rows["dundee"]["crawled_ok"] and not rows["sbni"]["crawled_ok"]
    assert not rows["cysur"]["crawled_ok"]
    assert rows["dundee"]["reviews_page_known"] and not rows["barnet"]["reviews_page_known"]


def test_the_coverage_table_is_printed_before_the_sources(catalogue):
    crawled(catalogue, "dundee", "finished", listing_read=True)
    text = run_sources()
    head, _blank, rest = text.partition("\n\n")
    lines = {line.split()[0]: line.split() for line in head.splitlines()[1:]}
    scotland = lines["Scotland"]
    assert scotland[1] == str(sum(e.nation == "Scotland" for e in REGISTRY.values()))
    assert scotland[-1] == "1" and lines["Wales"][-1] == "0"
    assert "UK-wide" in head and "total" in head
    assert "barnet" in rest and "discovery" in rest and "no website" in rest
