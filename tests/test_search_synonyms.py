"""Every British/American spelling pair and acronym in the mapping really takes effect.

The synonym filter is ``lenient``: a rule the engine cannot parse would be dropped silently, so
each rule is checked through the engine's own analyzers."""

import pytest

from index_mappings import index_body

RULES = index_body()["settings"]["analysis"]["filter"]["uk_us_and_acronyms"]["synonyms"]


@pytest.fixture(scope="module")
def analyze(indexed_corpus):
    def tokens(analyzer, text):
        return set(indexed_corpus.engine.analyze(indexed_corpus.config.alias, analyzer, text))

    return tokens


def test_every_synonym_rule_expands_each_form_to_the_others(analyze):
    broken = []
    for rule in RULES:
        forms = [form.strip() for form in rule.split(",")]
        for form in forms:
            searched = analyze("english_text_search", form)
            for other in forms:
                if not analyze("english_text", other) <= searched:
                    broken.append((rule, form, other))
    assert not broken


def test_synonyms_also_apply_to_exact_phrases(analyze):
    assert {"organization", "organisation"} <= analyze("exact_text_search", "organization")
    assert "paediatric" in analyze("exact_text_search", "pediatric")
