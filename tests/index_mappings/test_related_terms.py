"""Every line of search_app/related_terms.txt works through the real engine and the app's
query: each of its triggers, typed alone, finds a document in each of its phrases."""

import uuid

import pytest

from casereview.search_engine import SearchEngine
from index_mappings import index_body
from search_app import queries
from search_app.related import related_rules

RULES = related_rules()


@pytest.fixture(scope="module")
def one_document_per_phrase(engine_url):
    engine = SearchEngine(engine_url)
    index = f"test-related-{uuid.uuid4().hex[:10]}"
    engine.create_index(index, index_body())
    phrases = sorted({phrase for rule in RULES for phrase in rule.phrases})
    engine.bulk_index(
        index,
        (
            (str(n), {"report_id": str(n), "pages": [{"page_number": 1, "text": phrase}]})
            for n, phrase in enumerate(phrases)
        ),
    )
    engine.refresh(index)
    yield engine, index, {phrase: str(n) for n, phrase in enumerate(phrases)}
    engine.delete_index(index)
    engine.close()


def found(engine, index, q: str) -> set[str]:
    query = queries.main_query(queries.SearchParams(q=q))
    body = {"size": 1000, "_source": False, "query": query}
    return {hit["_id"] for hit in engine.search(index, body)["hits"]["hits"]}


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.triggers[0])
def test_each_trigger_finds_each_phrase(one_document_per_phrase, rule):
    engine, index, ids = one_document_per_phrase
    missed = [
        (trigger, phrase)
        for trigger in rule.triggers
        for phrase in rule.phrases
        if ids[phrase] not in found(engine, index, trigger)
    ]
    assert not missed
