"""Crawls of the stand-in sites, for real: a Scrapy child process against 127.0.0.1.

One module-scoped sequence: a first crawl, the same crawl again (conditional requests), then a
crawl of the sites' later state (removed, added and changed documents). The catalogue and the
archive are checked after each, and what was gone is ingested, indexed and searched.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import pytest
from sqlalchemy import select

from casereview.archive import Archive
from casereview.catalogue import Catalogue, CrawlRun, Source
from casereview.config import Config
from crawler.sites.crawl import crawl_stand_ins, stand_in_server
from tests.conftest import ENGINE_HOME

CRAWL_TIMEOUT = 120
HOSTILE_KINDS = {
    "robots.txt",
    "redirect loop",
    "redirect off-site",
    "http 500",
    "timeout",
    "too large",
    "HTML served as a PDF",
    "denied pattern",
}


@dataclass
class Crawl:
    summary: object
    sources: list[dict]
    log: list[dict]


def snapshot(config: Config) -> list[dict]:
    catalogue = Catalogue.from_config(config)
    try:
        with catalogue.session() as session:
            return [
                {
                    c: getattr(s, c)
                    for c in (
                        "url",
                        "sha256",
                        "publisher",
                        "first_seen",
                        "last_seen",
                        "last_status",
                        "etag",
                        "last_modified",
                        "gone_since",
                        "context",
                    )
                }
                for s in session.scalars(select(Source).order_by(Source.id))
            ]
    finally:
        catalogue.close()


def crawl(config, server) -> Crawl:
    server.log.clear()
    summary = crawl_stand_ins(config, server, timeout=CRAWL_TIMEOUT)
    assert summary.returncode == 0, (config.data_dir / "logs" / "crawl.log").read_text()[-3000:]
    return Crawl(summary, snapshot(config), list(server.log))


@pytest.fixture(scope="module")
def crawl_config(tmp_path_factory, engine_url) -> Config:
    return Config.from_env(
        environ={},
        data_dir=tmp_path_factory.mktemp("crawl") / "var",
        elasticsearch_url=engine_url,
        index_prefix=f"test-{uuid.uuid4().hex[:10]}",
        engine_home=ENGINE_HOME,
    )


@pytest.fixture(scope="module")
def server(crawl_config):
    crawl_config.ensure_dirs()
    with stand_in_server(crawl_config, port=0) as server:
        yield server


@pytest.fixture(scope="module")
def first(crawl_config, server) -> Crawl:
    server.set_state("initial")
    return crawl(crawl_config, server)


@pytest.fixture(scope="module")
def second(first, crawl_config, server) -> Crawl:
    return crawl(crawl_config, server)


@pytest.fixture(scope="module")
def later(second, crawl_config, server) -> Crawl:
    server.set_state("later")
    return crawl(crawl_config, server)


def live(sources: list[dict]) -> dict[str, dict]:
    return {s["url"]: s for s in sources if s["sha256"] and not s["gone_since"]}


def test_every_listed_document_is_found_with_its_context(first, server):
    found = live(first.sources)
    for key, entries in server.sites["initial"].listed.items():
        for entry in entries:
            source = found[server.base_url + entry.path]
            assert source["publisher"] == key
            assert source["last_status"] == 200 and source["etag"] and source["last_modified"]
            context = source["context"]
            assert context["source"] == key and context["publisher"] and context["nation"]
            assert context["role"] == entry.listing["role"], (key, entry.path)
            if entry.listing.get("code"):
                assert context["code"] == entry.listing["code"], (key, entry.path)
            assert str(entry.listing["date"]).startswith(context["date"]), (key, entry.path)
    expected = sum(len(e) for e in server.sites["initial"].listed.values())
    assert first.summary.counts["new"] == expected == len(found)


def test_files_are_archived_by_content_hash(first, crawl_config):
    archive = Archive(crawl_config.archive_dir)
    for source in live(first.sources).values():
        assert source["sha256"] in archive
        assert archive.read_bytes(source["sha256"]).startswith(b"%PDF")


def test_same_report_at_two_publishers_is_one_file_with_two_sources(first, server):
    found = live(first.sources)
    (copy_path,) = server.sites["initial"].duplicated
    copy = found[server.base_url + copy_path]
    same = [s for s in found.values() if s["sha256"] == copy["sha256"]]
    assert len(same) == 2 and same[0]["url"] != same[1]["url"]
    publishers = {s["publisher"] for s in same}
    assert "nspcc" in publishers and len(publishers) == 2


def test_hostile_cases_are_bounded_and_recorded(first):
    assert HOSTILE_KINDS <= set(first.summary.errors)
    paths = [entry["path"] for entry in first.log]
    assert not any("/dundee/private/" in p for p in paths), "robots.txt is obeyed"
    assert not any("calendar" in p or "jsessionid" in p or "search?" in p for p in paths)
    assert sum("redirect-loop" in p for p in paths) <= 2
    assert sum("unavailable.pdf" in p for p in paths) == 2, "one retry, then given up"
    failed = {s["url"].rsplit("/", 1)[-1]: s for s in first.sources if not s["sha256"]}
    assert failed["unavailable.pdf"]["last_status"] == 500
    assert failed["soft-404.pdf"]["context"]["error"] == "HTML served as a PDF"
    assert failed["oversize-report.pdf"]["context"]["error"] == "too large"
    assert failed["slow-report.pdf"]["context"]["error"] == "timeout"


def test_polite_user_agent_and_robots(first):
    agents = {entry["user_agent"] for entry in first.log}
    assert len(agents) == 1 and agents.pop().startswith("casereview-crawler/0.1 (")
    assert first.log[0]["path"] == "/robots.txt"


def test_recrawl_asks_conditionally_and_downloads_nothing_unchanged(first, second):
    documents = [e for e in second.log if "/files/" in e["path"] or "/library/" in e["path"]]
    assert documents and all(e["if_none_match"] for e in documents)
    assert all(e["status"] == 304 for e in documents)
    counts = second.summary.counts
    assert counts["new"] == counts["changed"] == counts["gone"] == 0
    assert counts["unchanged"] == first.summary.counts["new"]
    assert second.summary.bytes < 0.2 * first.summary.bytes
    assert len(second.sources) == len(first.sources), "no duplicate records"


def test_later_state_marks_gone_adds_new_and_keeps_old_versions(later, server):
    initial = {server.base_url + e.path for v in server.sites["initial"].listed.values() for e in v}
    now = {server.base_url + e.path for v in server.sites["later"].listed.values() for e in v}
    by_url: dict[str, list[dict]] = {}
    for source in later.sources:
        by_url.setdefault(source["url"], []).append(source)
    for url in initial - now:
        (source,) = by_url[url]
        assert source["gone_since"] is not None and source["sha256"]
    for url in now - initial:
        assert any(s["sha256"] and not s["gone_since"] for s in by_url[url])
    (changed,) = server.sites["later"].changed
    old, new = by_url[server.base_url + changed]
    assert old["sha256"] != new["sha256"]
    assert old["gone_since"] and old["context"]["replaced_by"] == new["sha256"]
    assert new["gone_since"] is None
    counts = later.summary.counts
    assert counts["gone"] == len(initial - now) and counts["new"] == len(now - initial)
    assert counts["changed"] == 1


def test_gone_reports_stay_searchable(later, crawl_config, server):
    from casereview.search_engine import SearchEngine
    from index_mappings.indexer import rebuild
    from ingest.pipeline import ingest_pending

    catalogue = Catalogue.from_config(crawl_config)
    engine = SearchEngine(crawl_config.elasticsearch_url)
    try:
        results = ingest_pending(catalogue, Archive(crawl_config.archive_dir), crawl_config)
        assert results and all(r.state == "indexed" for r in results)
        rebuild(catalogue, engine, crawl_config)
        gone = sorted(
            {server.base_url + e.path for v in server.sites["initial"].listed.values() for e in v}
            - {server.base_url + e.path for v in server.sites["later"].listed.values() for e in v}
        )[0]
        with catalogue.session() as session:
            source = session.scalar(select(Source).where(Source.url == gone))
            title = source.report.pages[0].text.splitlines()[0]
        hits = engine.search(crawl_config.alias, {"query": {"match_phrase": {"pages.text": title}}})
        documents = [h["_source"] for h in hits["hits"]["hits"]]
        assert any(d["gone_since"] and not d["available_at_publisher"] for d in documents)
    finally:
        for index in engine.indices(f"{crawl_config.index_prefix}-*"):
            engine.delete_index(index)
        engine.close()
        catalogue.close()


def test_crawl_runs_are_recorded_per_source(later, crawl_config):
    catalogue = Catalogue.from_config(crawl_config)
    try:
        with catalogue.session() as session:
            runs = session.scalars(select(CrawlRun)).all()
    finally:
        catalogue.close()
    assert {r.status for r in runs} == {"finished"}
    assert len({r.source for r in runs}) == len(runs) // 3
