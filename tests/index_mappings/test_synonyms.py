"""Every rule of index_mappings/synonyms.txt fires through the real engine's analyzers.

One document per form of every rule is indexed; a query for each form must find the documents of
every other form of its rule (for a one-way rule ``a => b, c``, a query for ``a`` must find
``b`` and ``c``). Multi-word forms are the point: they only work when the synonym_graph filter
sees the whole query, as the app's match queries give it."""

import uuid

import pytest

from casereview.search_engine import SearchEngine
from index_mappings import index_body, synonym_rules

RULES = synonym_rules()


def forms_of(rule: str) -> tuple[list[str], list[str]]:
    """(the forms a query may take, the forms it must find)."""
    if "=>" in rule:
        left, right = rule.split("=>")
        return [f.strip() for f in left.split(",")], [f.strip() for f in right.split(",")]
    forms = [f.strip() for f in rule.split(",")]
    return forms, forms


@pytest.fixture(scope="module")
def one_document_per_form(engine_url):
    engine = SearchEngine(engine_url)
    index = f"test-synonyms-{uuid.uuid4().hex[:10]}"
    engine.create_index(index, index_body())
    forms = sorted({form for rule in RULES for side in forms_of(rule) for form in side})
    engine.bulk_index(
        index,
        (
            (str(n), {"report_id": str(n), "pages": [{"page_number": 1, "text": form}]})
            for n, form in enumerate(forms)
        ),
    )
    engine.refresh(index)
    ids = {form: str(n) for n, form in enumerate(forms)}
    yield engine, index, ids
    engine.delete_index(index)
    engine.close()


def found(engine, index, text: str) -> set[str]:
    body = {"size": 1000, "_source": False, "query": {"match": {"pages.text": text}}}
    return {hit["_id"] for hit in engine.search(index, body)["hits"]["hits"]}


def test_the_thesaurus_is_data_with_the_entries_the_field_needs():
    text = " | ".join(RULES)
    for entry in (
        "county lines, criminal exploitation",
        "domestic abuse, domestic violence",
        "voice of the child",
        "non mobile baby",
        "hv, health visitor",
        "looked after child, looked after children, lac",
        "sudi, sudden unexpected death in infancy",
        "nahi, aht, non accidental head injury, abusive head trauma",
        "cse, child sexual exploitation",
        "smacking, smacked, physical chastisement",
        "position of trust =>",
        "organisation, organization",
        "dad's girlfriend, dad's partner",
        "new boyfriend, new girlfriend, new partner",
    ):
        assert entry in text


@pytest.mark.parametrize("rule", RULES)
def test_rule_fires(one_document_per_form, rule):
    engine, index, ids = one_document_per_form
    queried, targets = forms_of(rule)
    missed = [
        (query, target)
        for query in queried
        for target in targets
        if ids[target] not in found(engine, index, query)
    ]
    assert not missed


def test_a_multi_word_synonym_is_not_a_whole_query_phrase(one_document_per_form):
    """ "health visitor" inside a longer query still brings "hv" (and the rest stays words)."""
    engine, index, ids = one_document_per_form
    assert ids["hv"] in found(engine, index, "missed health visitor contacts")


def test_a_word_finds_its_equals_not_the_kinds_of_it(one_document_per_form):
    """An "infant" is a baby, not only a non-mobile one: a query for the general word reaching a
    rare phrase for one kind of it scored that phrase above the word itself."""
    engine, index, ids = one_document_per_form
    infant = found(engine, index, "infant")
    assert ids["baby"] in infant and ids["babies"] in infant
    assert "mobil" not in engine.analyze(index, "english_text_search", "infant")


def test_synonyms_also_apply_to_exact_phrases(engine_url):
    engine = SearchEngine(engine_url)
    index = f"test-synonyms-{uuid.uuid4().hex[:10]}"
    engine.create_index(index, index_body())
    try:
        tokens = set(engine.analyze(index, "exact_text_search", "organization"))
        assert {"organization", "organisation"} <= tokens
        assert "paediatric" in engine.analyze(index, "exact_text_search", "pediatric")
    finally:
        engine.delete_index(index)
        engine.close()


def test_a_year_glued_to_a_place_is_two_words(engine_url):
    """NSPCC listing headings lose the space between year and place: "2012Ceredigion – Child J"."""
    engine = SearchEngine(engine_url)
    index = f"test-analysis-{uuid.uuid4().hex[:10]}"
    engine.create_index(index, index_body())
    try:
        for analyzer in ("english_text", "english_text_search", "exact_text", "exact_text_search"):
            tokens = engine.analyze(index, analyzer, "2012Ceredigion – Child J, code GN13")
            assert tokens[:2] == ["2012", "ceredigion"], analyzer
            assert "gn13" in tokens, analyzer
    finally:
        engine.delete_index(index)
        engine.close()
