"""The follow-up statistics as pure functions: every year on the axis, shares by board counted
per review, the search's filters choosing the reviews, and charts that escape their labels."""

from __future__ import annotations

from search_app import charts
from search_app.facets import AllOf
from search_app.follow_up_stats import actions_by_board, recommendations_by_year, review_chosen

REVIEWS = {
    "A": {"year": 2016, "board": "North", "nation": "Wales", "review_type": "CPR-concise",
          "themes": ["neglect", "domestic abuse"]},
    "B": {"year": 2019, "board": "North", "nation": "Wales", "review_type": "CPR-extended",
          "themes": ["neglect"]},
    "C": {"year": 2019, "board": None, "nation": "England", "review_type": "LCSPR",
          "themes": []},
}  # fmt: skip


def test_recommendations_per_review_keep_every_year_and_count_reviews():
    rows = [{"review_key": "A"}] * 3 + [{"review_key": "B"}] * 2 + [{"review_key": "C"}] * 4
    by_year = {row["year"]: row for row in recommendations_by_year(rows, REVIEWS)}
    assert list(by_year) == [2016, 2017, 2018, 2019]
    assert by_year[2017] == {
        "year": 2017, "reviews": 0, "reviews_with_recommendations": 0, "recommendations": 0,
        "per_review": 0,
    }  # fmt: skip
    assert by_year[2019]["recommendations"] == 6 and by_year[2019]["per_review"] == 3.0
    assert by_year[2016]["reviews"] == 1 and by_year[2016]["per_review"] == 3.0


def test_share_complete_by_board_counts_actions_and_reviews():
    actions = [
        {"review_key": "A", "status": "complete"},
        {"review_key": "A", "status": "complete"},
        {"review_key": "B", "status": "in progress"},
        {"review_key": "B", "status": "complete"},
        {"review_key": "C", "status": None},
    ]
    north, unstated = actions_by_board(actions, REVIEWS)
    assert north == {
        "board": "North", "reviews": 2, "actions": 4, "complete": 3, "share_complete": 75.0,
        "reviews_all_complete": 1,
    }  # fmt: skip
    assert unstated["board"] == "Board not stated" and unstated["share_complete"] == 0


def test_the_search_filters_choose_the_reviews():
    def chosen(**selected):
        return {key for key, review in REVIEWS.items() if review_chosen(review, selected)}

    assert chosen() == {"A", "B", "C"}
    assert chosen(nation=["Wales"]) == {"A", "B"}
    assert chosen(year=(2017, None)) == {"B", "C"}
    assert chosen(board=["north"]) == {"A", "B"}
    assert chosen(theme=["domestic abuse", "neglect"]) == {"A", "B"}
    assert chosen(theme=AllOf(["domestic abuse", "neglect"])) == {"A"}
    assert chosen(review_type=["LCSPR"], nation=["Wales"]) == set()


def test_horizontal_bars_escape_their_labels():
    svg = str(charts.horizontal_bars("x", "A <title>", ["<script>", "B & C"], [2, 1], " %"))
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "B &amp; C" in svg
    assert 'role="img"' in svg and "2 %" in svg
