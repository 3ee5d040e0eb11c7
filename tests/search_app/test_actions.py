"""The actions of action plans on the public routes: /api/actions (filters, counts, bad input),
their export, a review's page with its recommendations and their actions, and take-downs."""

from __future__ import annotations

import csv
import io

import pytest

from casereview import curation
from casereview.catalogue import Report
from tests.factories import review_with_plan


@pytest.fixture
def review(tmp_path, catalogue, archive, config):
    """A Child Practice Review's final report and its action plan, ingested."""
    made = review_with_plan(tmp_path / "in", catalogue, archive, config)
    with catalogue.session() as session:
        plan, report = session.get(Report, made["plan"]), session.get(Report, made["report"])
        assert plan.review_key == report.review_key
    return made


def test_api_actions_lists_the_plans_actions_with_counts_and_filters(client, review):
    answer = client.get("/api/actions?size=100").get_json()
    key = review["key"]
    assert answer["total"] == len(key) == len(answer["actions"])
    assert [(a["recommendation_number"], a["agency"], a["due"]) for a in answer["actions"]] == [
        (k["recommendation_number"], k["agency"], k["due"]) for k in key
    ]
    assert answer["counts"]["reviews"] == 1
    assert sum(answer["counts"]["agency"].values()) == len(key)
    agency = key[0]["agency"]
    only = client.get(f"/api/actions?agency={agency}&size=100").get_json()
    assert only["total"] == sum(k["agency"] == agency for k in key) >= 1
    assert {a["agency"] for a in only["actions"]} == {agency}
    overdue = client.get("/api/actions?overdue=true&size=100").get_json()
    assert all(a["overdue"] and a["status"] != "complete" for a in overdue["actions"])
    assert overdue["total"] == answer["counts"]["overdue"]


@pytest.mark.parametrize(
    "query",
    ["agency=council", "status=finished", "overdue=maybe", "size=7", "page=0", "page=x",
     "q=" + "x" * 300],
)  # fmt: skip
def test_api_actions_refuses_bad_parameters_with_a_clear_400(client, review, query):
    answer = client.get("/api/actions?" + query)
    assert answer.status_code == 400
    assert answer.get_json()["message"]


def test_actions_export_as_csv_and_json(client, review):
    text = client.get("/export/actions.csv").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(rows) == len(review["key"])
    assert rows[0]["action"] and rows[0]["agency_label"] and rows[0]["permalink"]
    data = client.get("/export/actions.json?status=complete").get_json()
    assert data["search"]["status"] == ["complete"]
    assert len(data["actions"]) == sum(k["status"] == "complete" for k in review["key"])


def test_the_review_page_follows_each_recommendation_to_its_actions(client, review):
    record = client.get(f"/api/reviews/{review['report']}").get_json()
    entries = record["follow_up"]
    recommended = [e for e in entries if e["recommendation"]]
    assert [e["recommendation"]["text"] for e in recommended] == [
        text for text, _ in review["case"].recommendations
    ]
    numbers = {k["recommendation_number"] for k in review["key"]}
    with_actions = [e for e in recommended if e["actions"]]
    assert len(with_actions) == len(numbers)
    assert sum(len(e["actions"]) for e in entries) == len(review["key"])
    html = client.get(f"/reviews/{review['report']}").get_data(as_text=True)
    assert "Recommendations and their actions" in html
    assert review["key"][0]["action"].split(".")[0] in html


def test_a_taken_down_plan_leaves_every_public_route_and_count(
    client, review, catalogue, archive, search_engine, config
):
    services = curation.Services(catalogue, archive, search_engine, config)
    curation.suppress(services, [review["plan"]], "court order", "order 12", "lib")
    answer = client.get("/api/actions").get_json()
    assert answer["total"] == 0 and answer["actions"] == [] and answer["counts"]["reviews"] == 0
    assert client.get("/export/actions.csv").get_data(as_text=True).count("\n") == 1  # header
    assert client.get("/export/actions.json").get_json()["actions"] == []
    assert client.get(f"/api/reviews/{review['plan']}").status_code == 404
    record = client.get(f"/api/reviews/{review['report']}").get_json()
    assert record["follow_up"] == []
    html = client.get(f"/reviews/{review['report']}").get_data(as_text=True)
    assert review["key"][0]["action"].split(".")[0] not in html
    # Restored, they come back.
    curation.restore(services, [review["plan"]], "order lifted", "lib")
    assert client.get("/api/actions").get_json()["total"] == len(review["key"])


def test_a_recommendation_with_no_action_and_an_action_with_no_recommendation_both_show(
    client, review, catalogue
):
    with catalogue.session() as session:
        plan = session.get(Report, review["plan"])
        first = plan.actions[0].recommendation_number
        for action in plan.actions:
            if action.recommendation_number == first:
                action.recommendation = "Schools should record every absence of a child."
                action.recommendation_number = "99"
    entries = client.get(f"/api/reviews/{review['report']}").get_json()["follow_up"]
    alone = [e for e in entries if e["recommendation"] and not e["actions"]]
    assert any(e["recommendation"]["number"] == first for e in alone)
    [extra] = [e for e in entries if e["recommendation"] is None]
    assert extra["plan_recommendation"]["number"] == "99" and extra["actions"]
    html = client.get(f"/reviews/{review['report']}").get_data(as_text=True)
    assert "No action" in html and "In the action plan only" in html
