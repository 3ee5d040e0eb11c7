"""Recommendations and actions followed across reviews on the public routes: the actions searched
through the index, their facets (lead agency, status, overdue, recurring recommendation) counted
in actions and reviews, ``/api/recommendations`` and its export, the follow-up statistics, and a
take-down that leaves every one of them at once (before the index has caught up)."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter

import pytest

from casereview import curation
from casereview.catalogue import Report
from tests.factories import OTHER_KEY, two_reviews_followed_up


@pytest.fixture
def quiet_app(config, catalogue):
    """The app without its index thread: the index changes only when a test reconciles."""
    from search_app import create_app

    return create_app({"TESTING": True, "CASEREVIEW": config, "INDEX_SYNC": False})


@pytest.fixture
def client(quiet_app):
    return quiet_app.test_client()


@pytest.fixture
def reviews(tmp_path, catalogue, archive, config, search_engine):
    return two_reviews_followed_up(tmp_path, catalogue, archive, config, search_engine)


def _word_of(text: str) -> str:
    """A long word of ``text`` (one a search will find it by)."""
    return max(re.findall(r"[A-Za-z]{6,}", text), key=len)


def test_actions_are_searched_through_the_index(client, reviews, catalogue):
    key = reviews["key"]
    word = _word_of(key[0]["action"])
    answer = client.get(f"/api/actions?q={word}&size=100").get_json()
    wanted = [k for k in key if word.lower() in f"{k['action']} {k['recommendation']}".lower()]
    assert answer["total"] >= 1
    assert all(
        word.lower() in f"{a['action']} {a['recommendation']} {a['lead']}".lower()
        for a in answer["actions"]
    )
    assert answer["total"] >= len([k for k in wanted if word.lower() in k["action"].lower()])
    assert any("<mark>" in (a["html"] or "") for a in answer["actions"])
    assert client.get("/api/actions?q=zzzqqxj").get_json()["total"] == 0
    # The words are the index's: an action reworded in the catalogue but not yet re-indexed is
    # still found by its old words (and shown as the catalogue has it), not by its new ones.
    with catalogue.session() as session:
        plan = session.get(Report, reviews["plan"])
        plan.actions[0].action = "Quokkas will be counted monthly."
    assert client.get("/api/actions?q=quokkas").get_json()["total"] == 0
    found = client.get(f"/api/actions?q={word}&size=100").get_json()["actions"]
    assert "Quokkas will be counted monthly." in {a["action"] for a in found}


def test_the_actions_page_searches_and_filters(client, reviews):
    key = reviews["key"]
    page = client.get("/actions").get_data(as_text=True)
    assert f"{len(key)} actions in 1 review" in page
    assert "Lead agency" in page and "Overdue" in page
    agency = key[0]["agency"]
    only = client.get(f"/actions?agency={agency}").get_data(as_text=True)
    count = sum(k["agency"] == agency for k in key)
    assert f"{count} action{'s' if count != 1 else ''} in 1 review" in only
    assert client.get("/actions?status=finished").status_code == 400


def test_action_facets_count_actions_and_reviews_and_stay_multi_select(client, reviews):
    key = reviews["key"]
    answer = client.get("/api/actions").get_json()
    facets = {f["name"]: f for f in answer["facets"]}
    assert set(facets) == {"agency", "status", "overdue", "cluster"}
    agencies = {b["value"]: b for b in facets["agency"]["buckets"]}
    assert {v: b["count"] for v, b in agencies.items()} == dict(
        Counter(k["agency"] or "none" for k in key)
    )
    assert all(b["reviews"] == 1 for b in agencies.values())
    overdue = {b["value"]: b["count"] for b in facets["overdue"]["buckets"]}
    assert overdue.get("true", 0) == answer["counts"]["overdue"]
    assert sum(overdue.values()) == len(key)
    # Ticking an agency narrows the other facets, not the agency facet itself.
    agency = key[0]["agency"]
    ticked = client.get(f"/api/actions?agency={agency}").get_json()
    ticked_facets = {f["name"]: f for f in ticked["facets"]}
    assert {b["value"] for b in ticked_facets["agency"]["buckets"]} == set(agencies)
    assert sum(b["count"] for b in ticked_facets["status"]["buckets"]) == ticked["total"]
    assert [b["selected"] for b in ticked_facets["agency"]["buckets"] if b["value"] == agency] == [
        True
    ]


def test_the_cluster_facet_follows_a_recurring_recommendation(client, reviews):
    recurring = client.get("/api/clusters").get_json()["clusters"]
    assert recurring and recurring[0]["review_count"] == 2
    cluster = recurring[0]["key"]
    answer = client.get(f"/api/actions?cluster={cluster}&size=100").get_json()
    first = reviews["case"].recommendations[0][0]
    assert answer["total"] >= 1
    assert all(a["cluster"] == cluster for a in answer["actions"])
    bucket = next(
        b
        for f in client.get("/api/actions").get_json()["facets"]
        if f["name"] == "cluster"
        for b in f["buckets"]
        if b["value"] == cluster
    )
    assert bucket["count"] == answer["total"] and bucket["label"] == recurring[0]["label"]
    recs = client.get(f"/api/recommendations?cluster={cluster}").get_json()
    assert recs["total"] == 2 and recs["reviews"] == 2
    assert {r["text"] for r in recs["recommendations"]} == {first}


def test_api_recommendations_lists_filters_and_pages(client, reviews):
    case = reviews["case"]
    answer = client.get("/api/recommendations?size=100").get_json()
    assert answer["total"] == len(case.recommendations) + 2
    assert answer["reviews"] == 2
    row = next(r for r in answer["recommendations"] if r["review_key"] == OTHER_KEY)
    assert row["review_id"] == reviews["other"] and row["review_url"].endswith(
        f"/reviews/{reviews['other']}"
    )
    assert row["nation"] == "England" and row["year"] == 2003 and row["review_type"] == "SCR"
    assert row["has_action"] is False and row["actions"]["count"] == 0
    planned = [r for r in answer["recommendations"] if r["review_key"] != OTHER_KEY]
    assert sum(r["actions"]["count"] for r in planned) <= len(reviews["key"])
    assert any(r["has_action"] for r in planned)
    with_action = client.get("/api/recommendations?has_action=yes&size=100").get_json()
    assert with_action["total"] == sum(r["has_action"] for r in answer["recommendations"])
    assert client.get("/api/recommendations?nation=England").get_json()["total"] == 2
    ranged = client.get("/api/recommendations?year_from=2002&year_to=2004").get_json()
    assert {r["review_key"] for r in ranged["recommendations"]} == {OTHER_KEY}
    assert client.get("/api/recommendations?review_type=SCR").get_json()["total"] == 2
    board = "devon safeguarding children partnership"
    assert client.get(f"/api/recommendations?board={board}").get_json()["total"] == 2
    paged = client.get("/api/recommendations?size=20&page=2").get_json()
    assert paged["page"] == 2 and paged["recommendations"] == answer["recommendations"][20:40]
    # words go through the index (stems: "lighthouses" finds "lighthouse")
    lighthouses = client.get("/api/recommendations?q=lighthouses").get_json()
    assert [r["review_key"] for r in lighthouses["recommendations"]] == [OTHER_KEY]
    assert "<mark>" in lighthouses["recommendations"][0]["html"]


@pytest.mark.parametrize(
    "query",
    ["nation=Atlantis", "year_from=20x1", "year_from=2020&year_to=2010", "has_action=maybe",
     "review_type=novel", "theme=unknown-theme", "size=7", "page=0", "q=" + "x" * 300],
)  # fmt: skip
def test_api_recommendations_refuses_bad_parameters_with_a_clear_400(client, reviews, query):
    answer = client.get("/api/recommendations?" + query)
    assert answer.status_code == 400 and answer.get_json()["message"]


def test_recommendations_export_as_csv_and_json(client, reviews):
    text = client.get("/export/recommendations.csv?nation=England").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(rows) == 2 and {r["review_key"] for r in rows} == {OTHER_KEY}
    assert rows[0]["review_url"] and rows[0]["action_count"] == "0"
    data = client.get("/export/recommendations.json?has_action=yes").get_json()
    assert data["search"]["has_action"] == ["yes"]
    assert data["recommendations"] and all(r["has_action"] for r in data["recommendations"])


def test_follow_up_statistics_count_reviews(client, reviews):
    stats = client.get("/api/stats").get_json()["follow_up"]
    assert stats["reviews"] == 2
    years = {row["year"]: row for row in stats["recommendations_by_year"]}
    other = years[2003]
    assert other["reviews_with_recommendations"] == 1 and other["recommendations"] == 2
    assert other["per_review"] == 2.0
    [board] = stats["actions_by_board"]
    statuses = client.get("/api/actions?size=100").get_json()["counts"]["status"]
    assert board["actions"] == len(reviews["key"]) and board["reviews"] == 1
    assert board["share_complete"] == round(
        100 * statuses.get("complete", 0) / len(reviews["key"]), 1
    )
    [top] = stats["top_clusters"]
    assert top["reviews"] == 2
    # the search's filters choose the reviews counted
    england = client.get("/api/stats?nation=England").get_json()["follow_up"]
    assert england["reviews"] == 1 and england["actions_by_board"] == []
    page = client.get("/stats").get_data(as_text=True)
    for caption in (
        "Recommendations per review, by year",
        "Actions of the reviews' action plans, by board",
        "Top recurring recommendations",
    ):
        assert f"<caption>{caption}</caption>" in page


def test_a_taken_down_review_leaves_every_new_route_and_count_at_once(
    client, reviews, catalogue, archive, search_engine, config
):
    word = _word_of(reviews["key"][0]["action"])
    other_word = "lighthouses"
    assert client.get(f"/api/actions?q={word}").get_json()["total"] >= 1
    services = curation.Services(catalogue, archive, search_engine, config)
    curation.suppress(services, [reviews["plan"]], "court order", "order 12", "lib")
    curation.suppress(services, [reviews["other"]], "family request", "", "lib")
    # The index still holds both (nothing has reconciled): the routes ask the catalogue.
    held = search_engine.search(config.alias, {"query": {"ids": {"values": [
        str(reviews["plan"]), str(reviews["other"])]}}})  # fmt: skip
    assert held["hits"]["total"]["value"] == 2
    for path in (f"/api/actions?q={word}", "/api/actions", f"/api/actions?cluster=x&q={word}"):
        answer = client.get(path).get_json()
        assert answer["total"] == 0 and answer["counts"]["reviews"] == 0, path
        assert all(not b["count"] for f in answer["facets"] for b in f["buckets"]), path
    for kind in ("csv", "json"):
        body = client.get(f"/export/actions.{kind}?q={word}").get_data(as_text=True)
        assert reviews["key"][0]["action"] not in body
    page = client.get(f"/actions?q={word}").get_data(as_text=True)
    assert "0 actions in 0 reviews" in page
    recs = client.get("/api/recommendations?size=100").get_json()
    assert OTHER_KEY not in {r["review_key"] for r in recs["recommendations"]}
    assert all(not r["has_action"] for r in recs["recommendations"])
    assert client.get(f"/api/recommendations?q={other_word}").get_json()["total"] == 0
    for kind in ("csv", "json"):
        body = client.get(f"/export/recommendations.{kind}").get_data(as_text=True)
        assert OTHER_KEY not in body and "his own history of care" not in body
    facets = {f["name"]: f for f in recs["facets"]}
    assert "England" not in {b["value"] for b in facets["nation"]["buckets"]}
    stats = client.get("/api/stats").get_json()["follow_up"]
    assert stats["reviews"] == 1 and stats["actions_by_board"] == []
    assert stats["top_clusters"] == [] and 2003 not in {
        r["year"] for r in stats["recommendations_by_year"]
    }
    assert "Devon Safeguarding" not in client.get("/stats").get_data(as_text=True)
