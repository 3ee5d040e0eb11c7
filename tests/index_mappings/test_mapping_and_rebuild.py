"""Index settings and the rebuild behind the alias, against the real engine."""

import dataclasses
import threading

import pytest

from casereview.catalogue import Page, Report, ReportState
from casereview.search_engine import SearchEngine
from index_mappings import index_body
from index_mappings.documents import age_band
from index_mappings.indexer import ensure_index, index_reports, rebuild
from search_app.queries import build_search


def add_report(catalogue, sha_char: str, pages: list[str], **fields) -> int:
    with catalogue.session() as session:
        values = {
            "sha256": sha_char * 64,
            "filename": f"{sha_char}.pdf",
            "state": ReportState.INDEXED,
            "page_count": len(pages),
            "themes": [],
            "extraction": {},
        }
        report = Report(**{**values, **fields})
        report.pages = [Page(number=n, text=t) for n, t in enumerate(pages, start=1)]
        session.add(report)
        session.flush()
        return report.id


def search_ids(search_engine, config, q: str) -> set[str]:
    response = search_engine.search(config.alias, build_search(q))
    return {hit["_source"]["report_id"] for hit in response["hits"]["hits"]}


def test_body_sets_shards_and_replicas_from_configuration():
    assert index_body()["settings"]["number_of_shards"] == 1
    assert index_body(replicas=0)["settings"]["number_of_replicas"] == 0
    assert index_body(shards=3, replicas=2)["settings"]["number_of_shards"] == 3
    assert index_body(shards=3, replicas=2)["settings"]["number_of_replicas"] == 2


@pytest.mark.parametrize(
    "build", [rebuild, lambda catalogue, engine, config: ensure_index(engine, config)]
)
def test_created_index_has_the_configured_shards_and_replicas(
    catalogue, search_engine, config, build
):
    configured = dataclasses.replace(config, index_shards=3, index_replicas=1)
    add_report(catalogue, "a", ["Neglect was not recognised."])
    build(catalogue, search_engine, configured)
    [(name, settings)] = search_engine.index_settings(config.alias).items()
    assert name.startswith(f"{config.alias}-v")
    assert (settings["number_of_shards"], settings["number_of_replicas"]) == ("3", "1")


def test_british_and_american_spellings_and_acronyms_match(catalogue, search_engine, config):
    uk = add_report(catalogue, "a", ["The organisation failed to share the paediatric report."])
    us = add_report(catalogue, "b", ["The organization ran a pediatric clinic."])
    cpr = add_report(catalogue, "c", ["This Child Practice Review was concise."])
    scr = add_report(catalogue, "d", ["An SCR was commissioned by the board."])
    rebuild(catalogue, search_engine, config)
    assert search_ids(search_engine, config, "organization") == {str(uk), str(us)}
    assert search_ids(search_engine, config, "paediatric") == {str(uk), str(us)}
    assert search_ids(search_engine, config, "CPR") == {str(cpr)}
    assert search_ids(search_engine, config, '"serious case review"') == {str(scr)}


def test_quoted_phrases_match_exactly_but_plain_words_are_stemmed(catalogue, search_engine, config):
    stemmed = add_report(catalogue, "a", ["Workers were assessing risks at home."])
    add_report(catalogue, "b", ["Nothing relevant here."])
    rebuild(catalogue, search_engine, config)
    assert search_ids(search_engine, config, "assessed risk") == {str(stemmed)}
    assert search_ids(search_engine, config, '"assessed risk"') == set()
    assert search_ids(search_engine, config, '"assessing risks"') == {str(stemmed)}


def test_rebuild_swaps_alias_while_searches_keep_answering(catalogue, search_engine, config):
    for char in "abcdef":
        add_report(catalogue, char, [f"Neglect was not recognised in report {char}."])
    first, count = rebuild(catalogue, search_engine, config)
    assert count == 6
    assert search_engine.alias_targets(config.alias) == [first]

    failures, answers = [], []
    stop = threading.Event()

    def search_loop():
        while not stop.is_set():
            try:
                answers.append(len(search_ids(search_engine, config, "neglect")))
            except Exception as error:  # any failure during the swap is the bug under test
                failures.append(error)

    thread = threading.Thread(target=search_loop)
    thread.start()
    try:
        for _ in range(3):
            name, _count = rebuild(catalogue, search_engine, config)
    finally:
        stop.set()
        thread.join()
    assert not failures
    assert answers and set(answers) == {6}
    assert search_engine.alias_targets(config.alias) == [name]
    assert search_engine.indices(f"{config.alias}-v*") == [name]


def test_suppressed_and_failed_reports_stay_out_of_the_index(catalogue, search_engine, config):
    shown = add_report(catalogue, "a", ["Domestic abuse was known."])
    add_report(catalogue, "b", ["Domestic abuse was known."], suppressed=True)
    add_report(catalogue, "c", ["Domestic abuse was known."], state=ReportState.QUARANTINED)
    rebuild(catalogue, search_engine, config)
    assert search_ids(search_engine, config, "domestic abuse") == {str(shown)}


def test_index_reports_updates_and_removes_single_reports(catalogue, search_engine, config):
    report_id = add_report(catalogue, "a", ["Exploitation of a young person."])
    index_reports(catalogue, search_engine, config, [report_id])
    assert search_ids(search_engine, config, "exploitation") == {str(report_id)}
    with catalogue.session() as session:
        session.get(Report, report_id).suppressed = True
    index_reports(catalogue, search_engine, config, [report_id])
    assert search_ids(search_engine, config, "exploitation") == set()


def test_age_bands():
    assert [age_band(a) for a in (None, 0.02, 1, 4.9, 7, 15, 17, 18)] == [
        None,
        "under 1",
        "1-4",
        "1-4",
        "5-10",
        "11-15",
        "16-17",
        "18+",
    ]


def test_publisher_is_shown_by_its_name_when_the_crawler_kept_it():
    from types import SimpleNamespace

    from index_mappings.documents import publisher_name

    crawled = SimpleNamespace(publisher="nspcc", context={"publisher": "NSPCC Learning"})
    typed = SimpleNamespace(publisher="Dundee Protects", context={})
    assert publisher_name(crawled) == "NSPCC Learning"
    assert publisher_name(typed) == "Dundee Protects"


def test_reports_collapse_on_their_review_group_and_a_keyless_report_is_its_own(
    catalogue, search_engine, config
):
    text = ["Neglect of a young child was not recognised."]
    report = add_report(catalogue, "a", text, review_key="CPR-RIVER-4")
    briefing = add_report(catalogue, "b", text, review_key="CPR-RIVER-4")
    alone = add_report(catalogue, "c", text)
    rebuild(catalogue, search_engine, config)
    assert "review_group" in index_body()["mappings"]["properties"]
    response = search_engine.search(config.alias, build_search("neglect"))
    groups = [hit["_source"]["review_group"] for hit in response["hits"]["hits"]]
    assert sorted(groups) == ["CPR-RIVER-4", f"report-{alone}"]
    [review] = [
        h for h in response["hits"]["hits"] if h["_source"]["review_group"] == "CPR-RIVER-4"
    ]
    members = {d["_id"] for d in review["inner_hits"]["documents"]["hits"]["hits"]}
    assert members == {str(report), str(briefing)}
    assert response["aggregations"]["reviews"]["count"]["value"] == 2


def test_writers_ensuring_the_index_at_once_agree_on_one(search_engine, config):
    engines = [SearchEngine(config.elasticsearch_url) for _ in range(4)]
    ready = threading.Barrier(len(engines))
    failures = []

    def ensure(engine):
        ready.wait()
        try:
            ensure_index(engine, config)
        except Exception as error:  # any failure of a concurrent writer is the bug under test
            failures.append(error)

    threads = [threading.Thread(target=ensure, args=(engine,)) for engine in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for engine in engines:
        engine.close()
    assert failures == []
    assert len(search_engine.alias_targets(config.alias)) == 1
