"""Recurring recommendations on the public routes: clusters with their counts, years, nations,
boards and reviews; bad input; a taken-down review leaves every cluster and count."""

from __future__ import annotations

import csv
import io

import pytest

from casereview import curation
from tests.librarian_support import make_report

WORDINGS = [
    ("Share information with GPs when a child moves area.", 2016, "Wales", "CYSUR"),
    ("GPs should be told when a child moves to another area, and information shared.", 2019,
     "England", "Devon Safeguarding Children Partnership"),
    ("Information about children moving area must be shared with their GP.", 2023, "Wales",
     "North Wales Safeguarding Board"),
]  # fmt: skip


OTHERS = [
    "Safe sleep advice should be repeated at every contact.",
    "The Board should relaunch its escalation policy.",
    "Schools must record every absence of a child on a plan.",
]


@pytest.fixture
def reviews(tmp_path, catalogue, archive):
    ids = []
    for n, (text, year, nation, board) in enumerate(WORDINGS):
        recommendations = [
            {"kind": "recommendation", "number": "1", "page": 2, "text": text},
            {
                "kind": "recommendation",
                "number": "2",
                "page": 2,
                "text": OTHERS[n],
            },
        ]
        ids.append(
            make_report(
                catalogue, archive, tmp_path, f"Review {n}", year=year, nation=nation,
                board=board, review_key=f"REVIEW-{n}", document_role="final report",
                extraction={"recommendations": recommendations},
            )
        )  # fmt: skip
    return ids


def test_a_recommendation_made_by_several_reviews_is_one_cluster(client, reviews):
    answer = client.get("/api/clusters").get_json()
    assert answer["total"] == 1, [(c["label"], c["review_count"]) for c in answer["clusters"]]
    [found] = answer["clusters"]
    assert found["review_count"] == 3
    assert found["years"] == [2016, 2019, 2023] and found["nations"] == ["England", "Wales"]
    assert len(found["boards"]) == 3
    assert {r["report_id"] for r in found["recommendations"]} == set(reviews)
    assert all(
        r["permalink"].endswith(f"/reviews/{r['report_id']}") for r in found["recommendations"]
    )
    page = client.get("/clusters").get_data(as_text=True)
    assert "3 reviews" in page and "Recurring recommendations" in page
    rows = list(
        csv.DictReader(
            io.StringIO(client.get("/export/clusters.csv").get_data(as_text=True).lstrip("\ufeff"))
        )
    )
    assert len(rows) == 1 and rows[0]["review_count"] == "3"


@pytest.mark.parametrize("value", ["0", "x", "1000", "-1"])
def test_bad_min_reviews_is_a_clear_400(client, reviews, value):
    answer = client.get(f"/api/clusters?min_reviews={value}")
    assert answer.status_code == 400 and "min_reviews" in answer.get_json()["message"]


def test_a_taken_down_review_leaves_every_cluster_and_count(
    client, reviews, catalogue, archive, search_engine, config
):
    services = curation.Services(catalogue, archive, search_engine, config)
    curation.suppress(services, [reviews[0]], "family request", "", "lib")
    [found] = client.get("/api/clusters").get_json()["clusters"]
    assert found["review_count"] == 2 and 2016 not in found["years"]
    assert reviews[0] not in {r["report_id"] for r in found["recommendations"]}
    assert client.get("/api/clusters?min_reviews=3").get_json()["total"] == 0
    assert "Review 0" not in client.get("/clusters").get_data(as_text=True)
