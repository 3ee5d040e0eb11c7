"""Query building is pure: these tests look at the request bodies as dicts."""

import pytest
from werkzeug.datastructures import MultiDict

from search_app import facets, params, queries


@pytest.mark.parametrize(
    ("typed", "sent"),
    [
        ("neglect OR abuse", "neglect | abuse"),
        ("neglect AND abuse", "neglect + abuse"),
        ("neglect NOT sleep", "neglect -sleep"),
        ('"voice of the child" NOT "lived experience"', '"voice of the child" -"lived experience"'),
        ('"NOT OR AND" inside quotes', '"NOT OR AND" inside quotes'),
        ("neglect or abuse and not", "neglect or abuse and not"),
        ("NOT", ""),
        ("  spaced   out  ", "spaced out"),
        ("a NOT OR b", "a | b"),
    ],
)
def test_user_operators_become_simple_query_string_symbols(typed, sent):
    assert queries.translate_operators(typed) == sent


def test_text_query_boosts_fields_and_sends_phrases_to_exact_subfields():
    query = queries.text_query('"voice of the child" -neglect')["simple_query_string"]
    assert query["quote_field_suffix"] == ".exact"
    assert query["default_operator"] == "and"
    boosts = dict(f.split("^") if "^" in f else (f, "1") for f in query["fields"])
    body = float(boosts["pages.text"])
    for important in ("title", "summary", "recommendations.text"):
        assert float(boosts[important]) > body
    assert query["query"] == '"voice of the child" -neglect'


def _params(**args):
    return params.parse(MultiDict(args))


ACCOMPANYING = {
    "filter": {"term": {"accompanies_full_report": True}},
    "weight": queries.ACCOMPANYING_WEIGHT,
}


def scoring(q: str) -> dict:
    """The main query of ``q`` without the metadata weighting around it."""
    function_score = queries.main_query(_params(q=q))["function_score"]
    assert ACCOMPANYING in function_score["functions"]
    return function_score["query"]


def functions(q: str) -> list[dict]:
    return queries.main_query(_params(q=q))["function_score"]["functions"]


def test_facet_filters_go_to_post_filter_and_each_aggregation_ignores_its_own():
    search = params.parse(
        MultiDict(
            [("q", "neglect"), ("nation", "Wales"), ("nation", "England"), ("theme", "neglect")]
        )
    )
    body = queries.build_search(search)
    assert body["post_filter"] == {
        "bool": {
            "filter": [
                {"terms": {"nation": ["Wales", "England"]}},
                {"terms": {"themes": ["neglect"]}},
            ]
        }
    }
    nation_agg = body["aggs"]["facet_nation"]
    assert nation_agg["filter"] == {"bool": {"filter": [{"terms": {"themes": ["neglect"]}}]}}
    theme_agg = body["aggs"]["facet_theme"]
    assert theme_agg["filter"] == {
        "bool": {"filter": [{"terms": {"nation": ["Wales", "England"]}}]}
    }
    assert body["aggs"]["facet_language"]["filter"]["bool"]["filter"] == [
        {"terms": {"nation": ["Wales", "England"]}},
        {"terms": {"themes": ["neglect"]}},
    ]
    # the scoring query itself carries no facet filter, so facet counts see every match
    assert "nation" not in str(body["query"]) and "Wales" not in str(body["query"])


def test_year_range_and_histogram():
    body = queries.build_search(_params(year_from="2015", year_to="2019"))
    assert {"range": {"year": {"gte": 2015, "lte": 2019}}} in body["post_filter"]["bool"]["filter"]
    assert body["aggs"]["facet_year"]["aggs"]["values"]["histogram"]["interval"] == 1
    assert body["aggs"]["facet_year"]["filter"] == {"match_all": {}}


def test_sorts_and_the_empty_query():
    assert queries.build_search(_params(q="x"))["sort"][0] == {"_score": "desc"}
    newest = queries.build_search(_params())
    assert newest["query"] == {"match_all": {}}
    assert newest["sort"][0]["publication_date"]["order"] == "desc"
    oldest = queries.build_search(_params(q="x", sort="oldest"))
    assert oldest["sort"][0]["publication_date"]["order"] == "asc"
    assert all(body["sort"][-1] == {"report_id": "asc"} for body in (newest, oldest))


def test_deep_pages_need_a_cursor_and_use_search_after():
    within = queries.build_search(_params(q="x", page="1000"))
    assert within["from"] == 9990 and "search_after" not in within
    with pytest.raises(params.ParamError, match="Next and Previous"):
        _params(q="x", page="1001")
    cursor = queries.encode_cursor([1.5, "17"])
    deep = queries.build_search(_params(q="x", page="1001", after=cursor))
    assert deep["search_after"] == [1.5, "17"] and "from" not in deep
    back = queries.build_search(_params(q="x", page="1001", before=cursor))
    assert back["sort"] == [{"_score": {"order": "asc"}}, {"report_id": {"order": "desc"}}]


def test_reverse_sort_flips_missing_values_too():
    flipped = queries.sort_clauses("newest", reverse=True)
    assert flipped[0] == {"publication_date": {"order": "asc", "missing": "_first"}}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"q": "x" * 501}, "too long"),
        ({"page": "abc"}, "whole number"),
        ({"page": "0"}, "1 or more"),
        ({"sort": "random"}, "Sort by"),
        ({"size": "7"}, "page size"),
        ({"within": "pages"}, "within"),
        ({"nation": "Atlantis"}, "not a known nation"),
        ({"review_type": "XYZ"}, "not a known review type"),
        ({"year_from": "20x"}, "not a year"),
        ({"year_from": "2020", "year_to": "2010"}, "must not be after"),
        ({"after": "!!!"}, "damaged"),
        ({"q": "x", "after": queries.encode_cursor([1])}, "does not fit"),
        ({"after": "a", "before": "b"}, "both"),
    ],
)
def test_bad_parameters_raise_a_message(args, message):
    with pytest.raises(params.ParamError, match=message):
        _params(**args)


def test_recommendations_scope_is_a_nested_query_with_inner_hits():
    body = queries.build_search(_params(q="supervision", within="recommendations"))
    nested = body["query"]["nested"]
    assert nested["path"] == "recommendations"
    [recall] = nested["query"]["bool"]["must"]
    assert recall["multi_match"]["fields"] == ["recommendations.text"]
    assert "title" not in str(nested["query"])
    assert "recommendations.page_number" in nested["inner_hits"]["_source"]


def test_query_args_round_trip():
    search = params.parse(
        MultiDict([("q", "a b"), ("theme", "neglect"), ("year_from", "2014"), ("sort", "newest")])
    )
    again = params.parse(MultiDict(params.query_args(search)))
    assert again == search
    assert "theme=neglect" not in params.toggled(search, "theme", "neglect")
    assert "theme=supervision" in params.toggled(search, "theme", "supervision")


def test_every_facet_is_registered_once():
    names = [facet.name for facet in facets.FACETS]
    assert names == ["nation", "year", "review_type", "board", "theme", "age", "language", "role"]


def test_stats_and_export_bodies_apply_the_filters():
    search = _params(q="neglect", nation="Wales")
    for body in (queries.build_stats(search), queries.build_export(search)):
        assert body["query"]["bool"]["filter"] == [{"terms": {"nation": ["Wales"]}}]


def _multi_match(clause: dict, kind: str) -> list[dict]:
    """The multi_match queries of ``kind`` inside a best-of-fields clause (title and body)."""
    found = []
    if isinstance(clause, dict):
        for key, value in clause.items():
            if key == "multi_match" and value["type"] == kind:
                found.append(value)
            else:
                found += _multi_match(value, kind)
    elif isinstance(clause, list):
        for value in clause:
            found += _multi_match(value, kind)
    return found


def test_any_word_may_match_and_more_words_phrases_and_proximity_rank_higher():
    typed = "chronic neglect home conditions -sofa"
    clause = scoring(typed)
    words = queries.match_clause(queries.parse_query(typed))["bool"]
    [recall] = words["must"]
    title, body, board = (q["multi_match"] for q in _multi_match_parents(recall))
    for query in (title, body, board):
        assert query["operator"] == "or" and "minimum_should_match" not in query
        assert query["query"] == "chronic neglect home conditions"
        assert query["auto_generate_synonyms_phrase_query"] is False
    assert "title" in title["fields"][0] and "pages.text" in body["fields"]
    assert [field.split("^")[0] for field in board["fields"]] == ["board"]
    phrase, proximity = words["should"][-2:]
    assert {q["slop"] for q in _multi_match(phrase, "phrase")} == {0}
    assert {q["slop"] for q in _multi_match(proximity, "phrase")} == {queries.PROXIMITY_SLOP}
    [must_not] = words["must_not"]
    assert must_not["simple_query_string"]["query"] == "sofa"
    page_clause = clause["bool"]["should"][0]["nested"]
    any_word, own_words, all_words = page_clause["query"]["bool"]["should"]
    assert any_word["match"]["pages.body"]["query"] == "chronic neglect home conditions"
    # the words as typed, without synonyms, at a lower weight
    assert own_words["match"]["pages.body"]["analyzer"] == queries.PLAIN_WORDS_ANALYZER
    assert own_words["match"]["pages.body"]["boost"] == queries.PLAIN_WORDS_BOOST < 1
    assert all_words["match"]["pages.body"]["operator"] == "and"


def _multi_match_parents(clause: dict) -> list[dict]:
    return [{"multi_match": q} for q in _multi_match(clause, "best_fields")]


def test_fields_count_as_the_best_of_them_and_the_title_by_its_confidence():
    recall = queries.match_clause(queries.parse_query("neglect"))["bool"]["must"][0]
    best = recall["dis_max"]
    assert 0 < best["tie_breaker"] < 1
    title, body, _board = best["queries"]
    factor = title["function_score"]["field_value_factor"]
    assert factor["field"] == "title_confidence"
    assert title["function_score"]["boost_mode"] == "multiply"
    assert body["multi_match"]["type"] == "best_fields"
    assert 0 < body["multi_match"]["tie_breaker"] < 1


@pytest.mark.parametrize(
    ("typed", "board_words"),
    [
        ("foster child abused Westmoor", "foster abused Westmoor"),
        ("child protection committee", None),
        ("Cwm Taf safeguarding board neglect", "Cwm Taf neglect"),
    ],
)
def test_a_boards_name_is_searched_by_the_querys_words_that_name_no_board(typed, board_words):
    recall = queries.match_clause(queries.parse_query(typed))["bool"]["must"][0]
    searched = {
        query["query"]
        for query in _multi_match(recall, "best_fields")
        if any(field.startswith("board") for field in query["fields"])
    }
    assert searched == ({board_words} if board_words else set())
    # and never by phrase: "child protection" is every committee's
    for clause in queries.match_clause(queries.parse_query(typed))["bool"]["should"]:
        for query in _multi_match(clause, "phrase"):
            assert not any(field.startswith("board") for field in query["fields"])


def test_quoted_phrases_must_occur_and_plain_words_then_only_rank():
    typed = '"voice of the child" neglect'
    words = queries.match_clause(queries.parse_query(typed))["bool"]
    [quoted] = words["must"]
    assert quoted["simple_query_string"]["query"] == '"voice of the child"'
    assert quoted["simple_query_string"]["quote_field_suffix"] == ".exact"
    assert _multi_match(words["should"][0], "best_fields")[0]["query"] == "neglect"
    # "neglect" names a theme, so the theme's reports are another way in: the phrase holds
    # for them too, as does an excluded word
    either = scoring(typed + " -sofa")["bool"]["must"][0]["bool"]
    assert either["filter"] == [quoted]
    assert either["must_not"][0]["simple_query_string"]["query"] == "sofa"


@pytest.mark.parametrize("typed", ["neglect OR sleep", "neglect AND sleep", "(a b) c", "a | b"])
def test_spelled_out_logic_is_passed_on_strictly(typed):
    parsed = queries.parse_query(typed)
    assert parsed.strict
    clause = scoring(typed)["bool"]["must"][0]
    assert clause["simple_query_string"]["default_operator"] == "and"


def test_quoted_operators_and_hyphens_do_not_make_a_query_strict():
    parsed = queries.parse_query('"a + b" 7-minute -briefing')
    assert not parsed.strict
    assert parsed.positive == ('"a + b"', "7-minute")
    assert parsed.negative == ("briefing",)


def test_only_exclusions_match_everything_else():
    clause = scoring("-neglect")
    assert clause["bool"]["must"] == [{"match_all": {}}]
    assert clause["bool"]["must_not"][0]["simple_query_string"]["query"] == "neglect"


def test_a_query_naming_a_theme_favours_reports_tagged_with_it():
    assert {
        "filter": {"terms": {"themes": ["sudi-unsafe-sleep"]}},
        "weight": queries.THEME_WEIGHT,
    } in functions("unsafe sleep")
    assert not any("themes" in str(f) for f in functions("grandparents"))


@pytest.mark.parametrize(
    ("q", "field", "values", "weight"),
    [
        ("neglect LCSPR 2021", "review_type", ["LCSPR"], "REVIEW_TYPE_WEIGHT"),
        ("Wales child practice review", "nation", ["Wales"], "NATION_WEIGHT"),
        (
            "Wales child practice review",
            "review_type",
            ["CPR-concise", "CPR-extended"],
            "REVIEW_TYPE_WEIGHT",
        ),
        ("serious case review Northern Ireland", "nation", ["Northern Ireland"], "NATION_WEIGHT"),
    ],
)
def test_review_types_nations_and_years_named_weigh_in_without_filtering(q, field, values, weight):
    has_value = {"terms": {field: values}}
    assert any(
        f["weight"] == getattr(queries, weight)
        and (f["filter"] == has_value or has_value in f["filter"].get("bool", {}).get("should", []))
        for f in functions(q)
    )
    assert "post_filter" not in queries.build_search(_params(q=q))


def lowered_unless(field_name: str, values: list, known: dict, weight: float) -> dict:
    return {
        "filter": {"bool": {"filter": [known], "must_not": [{"terms": {field_name: values}}]}},
        "weight": 1 / weight,
    }


def test_the_metadata_a_query_names_finds_reports_at_a_constant_score():
    clause = queries.named_metadata_clause(queries.parse_query("Scotland significant case review"))
    assert clause == {
        "constant_score": {
            "filter": {
                "bool": {
                    "should": [
                        {"terms": {"review_type": ["SigCR"]}},
                        {"terms": {"nation": ["Scotland"]}},
                    ],
                    "minimum_should_match": 1,
                }
            },
            "boost": queries.METADATA_RECALL_SCORE,
        }
    }
    assert queries.named_metadata_clause(queries.parse_query("grandparents")) is None
    assert queries.named_metadata_clause(queries.parse_query("Scotland OR Wales")) is None


def test_a_named_year_lowers_the_reports_that_state_another():
    """A year many texts do not state: a report that states another is lowered, one that
    states none is not."""
    known = {"term": {"year_stated": True}}
    assert lowered_unless("year", [2021], known, queries.YEAR_WEIGHT) in functions("neglect 2021")


def test_a_named_nation_lowers_the_reports_that_state_another_nation():
    """... unless its text names the nation asked for (see test_ranking)."""
    [lowered] = [f for f in functions("Scotland significant case review") if "must_not" in str(f)]
    assert lowered["weight"] == 1 / queries.OTHER_NATION_WEIGHT
    assert lowered["filter"]["bool"]["filter"] == [
        {"terms": {"nation": ["England", "Wales", "Northern Ireland"]}}
    ]
    assert lowered["filter"]["bool"]["must_not"] == [queries.naming_nations(("Scotland",))]
    assert not any("nation" in str(f["filter"]) for f in functions("significant case review"))


@pytest.mark.parametrize(
    ("q", "bands"),
    [
        ("toddler left alone in a flat", ("1-4",)),
        ("newborn attacked by dogs", ("under 1",)),
        ("non mobile baby bruising", ("under 1",)),
        ("15 year old self harming", ("11-15",)),
        ("fifteen-year-old girl", ("11-15",)),
        ("a four month old", ("under 1",)),
        ("aged 7 weeks", ("under 1",)),
        ("child aged 3", ("1-4",)),
        ("aged 25 months", ("1-4",)),
        ("teenage boy stabbed", ("11-15", "16-17")),
        ("21 year old care leaver", ()),
        ("neglect 2019", ()),
        ("neglect -toddler", ()),
        ("serious case review", ()),
        ("how did the Baby P case change practice", ()),
        ("baby t cardiff", ()),
        ("Baby KH review", ()),
        # a parent's age is not the child's
        ("teenage mum baby injured", ("under 1",)),
        ("teen parents neglect", ()),
    ],
)
def test_ages_of_child_in_a_query(q, bands):
    from search_app.named import age_bands_in_query

    assert age_bands_in_query(q) == bands
    if bands:
        known = {"exists": {"field": "child_age_band"}}
        assert lowered_unless("child_age_band", list(bands), known, queries.AGE_WEIGHT) in (
            functions(q)
        )


@pytest.mark.parametrize(
    ("q", "outcomes"),
    [
        ("mum's boyfriend beat the toddler to death", ("death",)),
        ("baby drowned in the bath", ("death",)),
        ("young person took her own life", ("death",)),
        ("baby with bruises and rib fractures", ("serious harm",)),
        ("neglect home conditions", ()),
        ("injuries -died", ("serious harm",)),
        ("15 year old talking about suicide", ()),
    ],
)
def test_outcomes_in_a_query(q, outcomes):
    from search_app.named import outcomes_in_query

    assert outcomes_in_query(q) == outcomes
    if outcomes:
        known = {"exists": {"field": "outcome"}}
        assert lowered_unless("outcome", list(outcomes), known, queries.OUTCOME_WEIGHT) in (
            functions(q)
        )


@pytest.mark.parametrize(
    ("q", "types"),
    [
        ("child safeguarding practice review neglect", ("LCSPR",)),
        ("child practice review", ("CPR-concise", "CPR-extended")),
        ("child safeguarding practice review panel", ("national-review",)),
        ("significant case review", ("SigCR",)),
        ("SCR", ("SCR",)),
        ("CMR", ("CMR",)),
        ("learning review", ("learning-review",)),
        ("neglect -LCSPR", ()),
        ("practice", ()),
        # in the plural, as researchers type them
        ("significant case reviews Scotland", ("SigCR",)),
        ("neglect themes across serious case reviews", ("SCR",)),
        ("SCRs 2014", ("SCR",)),
        ("child practice reviews", ("CPR-concise", "CPR-extended")),
    ],
)
def test_review_types_in_a_query(q, types):
    from search_app.named import review_types_in_query

    assert review_types_in_query(q) == types


@pytest.mark.parametrize(
    ("q", "named"),
    [
        ("SUDI", ("sudi-unsafe-sleep",)),
        ("self-harm", ("self-harm-and-suicide",)),
        ("looked after children placement", ("children-in-care",)),
        ("neglect -domestic abuse", ("neglect",)),
        ("serious case review", ()),
        ("child", ()),
        # a theme about the parents is not named by a query about a teenager's own life
        ("15 year old cannabis exclusion", ()),
        ("teenager using cocaine missing", ()),
        ("teenage mum cannabis", ("parental-substance-misuse",)),
        ("baby died parents cocaine", ("parental-substance-misuse",)),
        ("cocaine", ("parental-substance-misuse",)),
        # a disability of the parent's is not a disabled child's
        ("parent with learning disability", ()),
        ("mother of a disabled child", ("disabled-children",)),
        ("learning disability", ("disabled-children",)),
        # a verb's ending is the theme's word
        ("neglected toddler", ("neglect",)),
        ("teenager self harming", ("self-harm-and-suicide",)),
        # in the wording reviews use for what a query describes (related_terms.txt)
        ("filthy house", ("neglect",)),
        ("dad drinking", ("parental-substance-misuse",)),
        ("parents on drugs baby neglected", ("neglect", "parental-substance-misuse")),
        ("16 year old drinking", ()),
        ("foster dad abused girl", ("children-in-care",)),
        # practitioners' words for the field's themes (related_terms.txt, themes.json)
        ("kids left home alone", ("neglect",)),
        ("girl cutting herself", ("self-harm-and-suicide",)),
        ("FGM girl cut abroad", ("faith-and-culture",)),
        ("mum beaten by partner", ("physical-abuse", "domestic-abuse")),
        ("baby found dead on sofa", ("sudi-unsafe-sleep",)),
        ("teenage girl sexually exploited", ("exploitation",)),
        ("kinship carer grandmother", ("children-in-care",)),
        ("information not shared between agencies", ("information-sharing",)),
        ("didn't listen to the child", ("voice-of-the-child",)),
        # a child's supervision is the parents' care, not a practitioner's supervision
        ("neglectful supervision accident fire", ("neglect",)),
        ("social worker supervision caseload", ("supervision-and-workload",)),
        # "killed" is a death in reviews' words, but a death is no theme
        ("mum's new boyfriend killed toddler", ()),
    ],
)
def test_themes_in_a_query(q, named):
    from search_app.themes import themes_in_query

    assert themes_in_query(q) == named


def test_a_text_whose_title_names_the_kind_of_review_asked_for_counts_as_one():
    [by_type] = [
        f["filter"]
        for f in functions("Wales child practice reviews effectiveness")
        if "review_type" in str(f["filter"])
    ]
    ways = by_type["bool"]["should"]
    assert {"terms": {"review_type": ["CPR-concise", "CPR-extended"]}} in ways
    assert {"match_phrase": {"title": {"query": "child practice review"}}} in ways


@pytest.mark.parametrize(
    ("q", "role"),
    [
        ("7 minute briefing neglect", "7-minute briefing"),
        ("seven-minute briefing", "7-minute briefing"),
        ("action plan unsafe sleep", "action plan"),
        ("Executive Summary", "executive summary"),
        ("unsafe sleep", None),
        ("planning", None),
    ],
)
def test_a_query_naming_a_kind_of_document_prefers_it(q, role):
    assert queries.role_named(q) == role
    if role:
        assert {
            "filter": {"term": {"document_role": role}},
            "weight": queries.ROLE_WEIGHT,
        } in functions(q)
        assert ACCOMPANYING not in functions(q)
    else:
        assert ACCOMPANYING in functions(q)
