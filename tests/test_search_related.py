"""Related wording (search_app/related_terms.txt): which phrases reviews use for a query's words."""

import pytest

from search_app import queries
from search_app.related import related_phrases, related_rules


@pytest.mark.parametrize(
    ("q", "phrases"),
    [
        ("house in a filthy state", ("home conditions", "neglect", "poor hygiene")),
        ("girl groomed by older men", ("sexual exploitation", "sexual abuse")),
        # a phrase's words may stand apart by two other words, and apostrophes are dropped
        (
            "mother making up her child's illness",
            ("fabricated or induced illness", "perplexing presentation"),
        ),
        ("didn't turn up to clinic", ("was not brought", "did not attend")),
        ("parents deceiving professionals", ("disguised compliance",)),
        (
            "teenager ran away from foster home",
            ("missing from home", "missing from care", "missing episodes"),
        ),
        ("family kept moving around", ("frequent moves", "transient", "house moves")),
        (
            "child taken off the plan then died",
            ("child protection plan ended", "step down", "de registration"),
        ),
        ("mum has learning difficulties", ("learning disability", "learning disabilities")),
        (
            "mum exaggerating the boy's illness",
            ("fabricated or induced illness", "perplexing presentation"),
        ),
        ("mother misled the health visitor", ("disguised compliance",)),
        # drugs said of a parent, in either order
        ("parents on drugs baby neglected", ("substance misuse", "drug misuse")),
        ("drug using mum", ("substance misuse", "drug misuse")),
        (
            "social worker closed the case",
            ("case closure", "no further action", "step down"),
        ),
        ("dad not known to services", ("unseen men", "invisible men", "hidden men")),
        # the counter-radicalisation programme, not the verb
        ("Prevent referral missed", ("radicalisation", "extremism")),
        # what the query already says is not added again
        ("child not seen alone", ("invisible child", "hidden child")),
        # too far apart, or in another order: not the phrase
        ("making a plan for up to date illness records", ()),
        ("neglect", ()),
        ("", ()),
    ],
)
def test_related_phrases(q, phrases):
    assert related_phrases(q) == phrases


def test_every_line_of_the_file_is_a_rule():
    rules = related_rules()
    assert len(rules) > 50
    for rule in rules:
        assert rule.triggers and rule.phrases


def test_the_related_phrases_are_an_extra_lower_weighted_way_to_match():
    query = queries.main_query(queries.SearchParams(q="filthy house"))
    either = query["function_score"]["query"] if "function_score" in query else query
    # (and the theme those words are about, neglect: named_metadata_clause)
    own_words, related, _named = either["bool"]["must"][0]["bool"]["should"]
    assert own_words == queries.match_clause(queries.parse_query("filthy house"))
    assert related["dis_max"]["boost"] == queries.RELATED_WEIGHT < 1
    assert len(related["dis_max"]["queries"]) == len(related_phrases("filthy house"))


@pytest.mark.parametrize("q", ['"filthy house"', "filthy OR squalid", "filthy AND house"])
def test_quoted_and_strict_queries_are_not_widened(q):
    parsed = queries.parse_query(q)
    assert queries.related_clause(parsed) is None


@pytest.mark.parametrize(
    "line", ["squalor, filth", "squalor => neglect => hoarding", " => neglect"]
)
def test_a_line_that_is_no_rule_is_an_error_naming_it(tmp_path, monkeypatch, line):
    from search_app import related

    data = tmp_path / "related_terms.txt"
    data.write_text(f"# comment\nfilthy => home conditions\n{line}\n", encoding="utf-8")
    monkeypatch.setattr(related, "RELATED_FILE", data)
    related.related_rules.cache_clear()
    try:
        with pytest.raises(ValueError, match="related_terms.txt:3"):
            related.related_rules()
    finally:
        related.related_rules.cache_clear()
