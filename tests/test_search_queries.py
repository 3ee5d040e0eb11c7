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
    assert "filter" not in str(body["query"])


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
    assert nested["query"]["simple_query_string"]["fields"] == ["recommendations.text"]
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
