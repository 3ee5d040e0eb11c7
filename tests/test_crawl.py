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
from casereview.catalogue import Catalogue, CrawlRun, RejectedLink, Source
from casereview.config import Config
from crawler.listing import find_role, parse_date
from crawler.registry import load_registry
from standins.sites.crawl import crawl_stand_ins, stand_in_server
from standins.sites.render import REFUSED_BROKEN
from tests.conftest import ENGINE_HOME
from tests.test_sites import shared_documents

CRAWL_TIMEOUT = 300  # generous: the machine is shared; a crawl takes about 30 s alone
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
def server(crawl_config, tmp_path_factory):
    crawl_config.ensure_dirs()
    with stand_in_server(
        crawl_config, port=0, docs_dir=shared_documents(tmp_path_factory)
    ) as server:
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


def decided_against(source: dict) -> bool:
    """A fetched file the crawler found, from its text, to be no child case review."""
    return source["context"]["classification"]["verdict"] == "reject"


def kept_reviews(sources: list[dict]) -> dict[str, dict]:
    return {url: s for url, s in live(sources).items() if not decided_against(s)}


def reachable(key: str) -> bool:
    """A publisher the registry gives an address for (a website or a reviews page): the
    stand-ins serve a site for every publisher, but one without an address cannot be found."""
    entry = load_registry()[key]
    return bool(entry.website or entry.start_urls)


def is_decoy(entry) -> bool:
    """A document the stand-ins list that is no case review (the corpus's annual reports)."""
    return "annual report" in f"{entry.listing.get('title')} {entry.listing.get('role')}".lower()


def reviews(site, keys=None) -> list:
    return [
        (key, entry) for key, entry in site.kept(keys) if not is_decoy(entry) and reachable(key)
    ]


def rejected_links(config: Config) -> dict[str, RejectedLink]:
    catalogue = Catalogue.from_config(config)
    try:
        with catalogue.session() as session:
            return {r.url: r for r in session.scalars(select(RejectedLink))}
    finally:
        catalogue.close()


def test_every_listed_document_is_found_with_its_context(first, server):
    found = kept_reviews(first.sources)
    registry = load_registry()
    heads = dated = coded = found_code = 0
    for key, entry in reviews(server.sites["initial"]):
        source = found[server.base_url + entry.path]
        assert source["publisher"] == key
        assert source["last_status"] == 200 and source["etag"] and source["last_modified"]
        context, listing = source["context"], entry.listing
        assert context["source"] == key and context["nation"] == registry[key].nation
        assert context["publisher"] == registry[key].name
        assert context["role"] == find_role(listing["role"]), (key, entry.path)
        if listing.get("code") and key != "nspcc":
            # Some varied pages name the review only in the file's address: then no code.
            coded += 1
            found_code += bool(context.get("code"))
            assert context.get("code", listing["code"]) == listing["code"], (key, entry.path)
        if entry.head and (shown := parse_date(str(listing.get("date") or ""))):
            # Some varied layouts (a download table) show no date: then none is made up.
            heads += 1
            dated += bool(context.get("date"))
            assert shown.startswith(context.get("date", "")), (key, entry.path)
        assert context["classification"]["verdict"] in ("accept", "decide from document")
        assert context["classification"]["reason"] and context["read_as"] in registry[key].modes
    assert dated >= 0.8 * heads and found_code >= 0.8 * coded, (dated, heads, found_code, coded)
    assert len(reviews(server.sites["initial"])) == len(found)
    decided = [s for s in live(first.sources).values() if decided_against(s)]
    assert first.summary.counts["new"] == len(found) + len(decided)


def test_a_review_that_leaves_it_to_the_document_is_decided_from_its_text(
    first, crawl_config, server
):
    """Welsh SUSRs cover children and adults alike: the crawler reads the file and decides."""
    truth = server.sites["initial"].truth()
    adult = {d["url"] for d in truth["decoys"] if d["kind"] == "susr-adult"}
    child = {r["url"] for r in truth["reviews"] if "susr" in r["url"].lower()}
    assert adult and child, "the stand-ins serve SUSRs about adults and about children"
    found = live(first.sources)
    rejected = rejected_links(crawl_config)
    for path in adult:
        source = found[server.base_url + path]  # fetched and archived, then decided against
        decision = source["context"]["classification"]
        assert decision["verdict"] == "reject"
        assert decision["reason"].startswith("decided from the document: ")
        link = rejected[server.base_url + path]
        assert link.rule == "adult-review" and link.kind == "adult review"
        assert link.reason == decision["reason"] and link.state == "rejected"
    for path in child:
        decision = found[server.base_url + path]["context"]["classification"]
        assert decision["verdict"] == "accept", decision
        assert decision["reason"].startswith("decided from the document: ")
        assert server.base_url + path not in rejected


def test_ingest_leaves_out_what_the_crawler_decided_against(first, crawl_config):
    """`ingest --pending` catalogues what the crawler fetched, but not an adult SUSR."""
    from ingest.pipeline import fetched_reviews

    decided = {s["url"] for s in live(first.sources).values() if decided_against(s)}
    reviews_fetched = set(kept_reviews(first.sources))
    catalogue = Catalogue.from_config(crawl_config)
    try:
        with catalogue.session() as session:
            pending = {url for _sha256, url in fetched_reviews(session)}
    finally:
        catalogue.close()
    assert decided and not decided & pending
    assert reviews_fetched <= pending


def test_decoys_are_kept_as_rejected_links_with_their_reason(first, crawl_config, server):
    decoys = [e for _k, e in server.sites["initial"].kept() if is_decoy(e)]
    assert decoys, "the corpus lists annual reports beside the reviews"
    rejected = rejected_links(crawl_config)
    for entry in decoys:
        link = rejected[server.base_url + entry.path]
        assert link.kind == "annual report" and link.rule == "annual-report"
        assert "annual report" in link.reason.lower() and link.state == "rejected"
    assert not {e.path for e in decoys} & {e["path"] for e in first.log}, "never fetched"


def test_files_are_archived_by_content_hash(first, crawl_config, server):
    archive = Archive(crawl_config.archive_dir)
    found = live(first.sources)
    for _key, entry in reviews(server.sites["initial"]):
        source = found[server.base_url + entry.path]
        assert archive.read_bytes(source["sha256"]) == entry.document_bytes()
    media = {s["context"]["media_type"] for s in found.values()}
    assert {"application/pdf", "text/html"} <= media and any("word" in m for m in media)


def test_same_report_at_two_publishers_is_one_file_with_two_sources(first, server):
    found = live(first.sources)
    (copy_path,) = server.sites["initial"].duplicated
    copy = found[server.base_url + copy_path]
    same = [s for s in found.values() if s["sha256"] == copy["sha256"]]
    assert len(same) == 2 and same[0]["url"] != same[1]["url"]
    publishers = {s["publisher"] for s in same}
    assert "nspcc" in publishers and len(publishers) == 2


def test_hostile_cases_are_bounded_and_recorded(first, server):
    assert HOSTILE_KINDS <= set(first.summary.errors)
    paths = [entry["path"] for entry in first.log]
    assert not any("/dundee/private/" in p for p in paths), "robots.txt is obeyed"
    assert not any("calendar" in p or "jsessionid" in p or "search?" in p for p in paths)
    assert sum("redirect-loop" in p for p in paths) <= 2
    assert sum("unavailable.pdf" in p for p in paths) == 2, "one retry, then given up"
    failed = {s["url"].rsplit("/", 1)[-1]: s for s in first.sources if not s["sha256"]}
    refused = [
        e
        for entries in server.sites["initial"].listed.values()
        for e in entries
        if getattr(e.document, "broken", None) in REFUSED_BROKEN
    ]
    for entry in refused:
        kind = REFUSED_BROKEN[entry.document.broken]
        assert failed[entry.path.rsplit("/", 1)[-1]]["context"]["error"] == kind
    assert failed["unavailable.pdf"]["last_status"] == 500
    assert failed["soft-404.pdf"]["context"]["error"] == "HTML served as a PDF"
    assert failed["oversize-report.pdf"]["context"]["error"] == "too large"
    assert failed["slow-report.pdf"]["context"]["error"] == "timeout"


def test_polite_user_agent_and_robots(first):
    agents = {entry["user_agent"] for entry in first.log}
    assert len(agents) == 1 and agents.pop().startswith("casereview-crawler/0.1 (")
    assert first.log[0]["path"] == "/robots.txt"


def test_recrawl_asks_conditionally_and_downloads_nothing_unchanged(first, second, server):
    kept = {entry.path for _, entry in reviews(server.sites["initial"])}
    documents = [e for e in second.log if e["path"] in kept]
    assert len(documents) == len(kept)
    assert documents and all(e["if_none_match"] for e in documents)
    assert all(e["status"] == 304 for e in documents)
    counts = second.summary.counts
    assert counts["new"] == counts["changed"] == counts["gone"] == 0
    assert counts["unchanged"] == first.summary.counts["new"]
    assert second.summary.bytes < 0.2 * first.summary.bytes
    assert len(second.sources) == len(first.sources), "no duplicate records"
    # A file decided against from its text (an adult SUSR) answered 304: the decision stands.
    before = {s["url"]: s for s in live(first.sources).values() if decided_against(s)}
    after = live(second.sources)
    assert before and all(
        after[url]["context"]["classification"] == s["context"]["classification"]
        and after[url]["last_status"] == 304
        for url, s in before.items()
    )


def test_later_state_marks_gone_adds_new_and_keeps_old_versions(later, server):
    initial = {
        server.base_url + e.path
        for k, v in server.sites["initial"].listed.items()
        for e in v
        if not is_decoy(e) and reachable(k)
    }
    now = {
        server.base_url + e.path
        for k, v in server.sites["later"].listed.items()
        for e in v
        if not is_decoy(e) and reachable(k)
    }
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
    """Ingest what the crawler fetched that is gone now, index it, and find it by its text."""
    from casereview.search_engine import SearchEngine
    from index_mappings.indexer import rebuild
    from ingest.pipeline import process, register
    from search_app.queries import SearchParams, build_search

    removed = {
        server.base_url + e.path
        for _, e in server.sites["initial"].kept()
        if e.document.media_type == "application/pdf" and not getattr(e.document, "broken", None)
    } - {server.base_url + e.path for v in server.sites["later"].listed.values() for e in v}
    gone = [s for s in later.sources if s["url"] in removed]
    assert gone and all(s["gone_since"] for s in gone)
    catalogue = Catalogue.from_config(crawl_config)
    archive = Archive(crawl_config.archive_dir)
    engine = SearchEngine(crawl_config.elasticsearch_url)
    try:
        with catalogue.session() as session:  # what `ingest --pending` does, for three files
            ids = [
                register(session, s["sha256"], s["url"].rsplit("/", 1)[-1], archive)[0].id
                for s in gone[:3]
            ]
        results = process(catalogue, archive, crawl_config, ids)
        assert [r.state for r in results] == ["indexed"] * len(ids), results
        rebuild(catalogue, engine, crawl_config)
        with catalogue.session() as session:
            report = session.scalar(select(Source).where(Source.url == gone[0]["url"])).report
            phrase = next(line for line in report.pages[1].text.splitlines() if len(line) > 30)
        # A user's quoted phrase, through the app's own query builder.
        hits = engine.search(
            crawl_config.alias, build_search(SearchParams(q=f'"{phrase}"', size=50))
        )
        found = [h["_source"] for h in hits["hits"]["hits"]]
        assert any(d["sha256"] == gone[0]["sha256"] for d in found), phrase
        hit = next(d for d in found if d["sha256"] == gone[0]["sha256"])
        assert hit["gone_since"] and hit["available_at_publisher"] is False
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
