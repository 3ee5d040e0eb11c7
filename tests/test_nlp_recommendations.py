"""Recommendations and learning points: labelled for what they are, a briefing's headings are not
items, and each item is given once. Texts are invented."""

import pytest

from nlp.recommendations import extract_items, one_each


def kinds_and_numbers(pages):
    return [(i["kind"], i["number"]) for i in extract_items(pages)]


def test_learning_points_are_labelled_learning_even_when_they_say_should():
    text = (
        "Learning points\n"
        "1. Practitioners should ask who else lives in the home.\n"
        "2. Health visitors must record the names of new partners.\n"
    )
    assert kinds_and_numbers([text]) == [("learning", "1"), ("learning", "2")]


def test_an_item_that_names_itself_a_learning_point_is_one():
    text = (
        "Learning point 1: Staff should check who cares for the baby at night.\n"
        "Learning point 2: Schools must pass on concerns the same day.\n"
    )
    assert kinds_and_numbers([text]) == [("learning", "1"), ("learning", "2")]


def test_learning_points_inside_a_recommendations_section_keep_their_label():
    text = (
        "Recommendations\n"
        "Recommendation 1: The partnership should audit strategy meetings.\n"
        "Learning point 1: Practitioners should see the child on their own.\n"
    )
    assert kinds_and_numbers([text]) == [("recommendation", "1"), ("learning", "1")]


@pytest.mark.parametrize(
    "heading",
    ["What needs to happen", "6. What needs to happen?", "What should practitioners do?"],
)
def test_a_briefing_heading_is_not_a_recommendation(heading):
    text = (
        "7 Minute Briefing\n1. Background\nA baby was injured at home.\n"
        f"{heading}\n"
        "• Ask about the men in the household.\n"
        "• Share worries with the GP.\n"
    )
    items = extract_items([text])
    assert [i["text"] for i in items] == [
        "Ask about the men in the household.",
        "Share worries with the GP.",
    ]
    assert {i["kind"] for i in items} == {"learning"}


def test_questions_to_consider_are_neither_recommendations_nor_learning():
    text = (
        "Learning\n"
        "1. Fathers should be included in assessments.\n"
        "Questions to consider\n"
        "1. How does your team find out who lives in the household?\n"
        "2. What should you do when a parent will not engage?\n"
        "3. Should supervision cover cases like this one?\n"
    )
    assert [(i["kind"], i["text"]) for i in extract_items([text])] == [
        ("learning", "Fathers should be included in assessments.")
    ]


def test_a_numbered_question_alone_starts_no_list():
    text = "Background\n1. What should practitioners do when a parent refuses a visit?"
    assert extract_items([text]) == []


def test_the_same_recommendation_found_twice_is_one_item():
    summary = (
        "Executive summary\nRecommendations\n"
        "1. The Board should review the escalation policy within six months.\n"
        "2. Agencies should record the details of fathers.\n"
    )
    body = (
        "8. Recommendations\n"
        "Recommendation 1: The Board should review the escalation policy within six months.\n"
        "Recommendation 2: Agencies should record the details of fathers.\n"
    )
    items = extract_items([summary, body])
    assert [(i["number"], i["page"]) for i in items] == [("1", 1), ("2", 1)]


def test_lists_that_restart_at_one_are_numbered_once_each():
    text = (
        "Recommendations for health\n"
        "1. Midwives should ask about domestic abuse at every visit.\n"
        "2. GPs should flag children on a plan.\n"
        "Recommendations for the local authority\n"
        "1. Social workers should see each child alone.\n"
        "2. Managers should check chronologies monthly.\n"
    )
    items = extract_items([text])
    assert [i["number"] for i in items] == ["1", "2", "3", "4"]
    assert items[2]["text"] == "Social workers should see each child alone."


def test_one_each_keeps_the_fuller_wording_and_unique_numbers():
    items = [
        {"kind": "recommendation", "number": "1", "page": 2, "text": "The Board should review the policy on professional"},
        {"kind": "recommendation", "number": "1", "page": 9,
         "text": "The Board should review the policy on professional escalation."},
        {"kind": "recommendation", "number": "2", "page": 9, "text": "Schools should share concerns."},
    ]  # fmt: skip
    assert one_each(items) == [
        {"kind": "recommendation", "number": "1", "page": 2,
         "text": "The Board should review the policy on professional escalation."},
        {"kind": "recommendation", "number": "2", "page": 9, "text": "Schools should share concerns."},
    ]  # fmt: skip
