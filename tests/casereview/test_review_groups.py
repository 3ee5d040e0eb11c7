"""Reviews missing an action plan: one rule, over documents given as metadata values."""

from casereview.review_groups import CPR_TYPES, has_action_plan, reviews_missing_action_plan

REVIEWS = {
    "CPR-FLINT-2": [
        {"document_role": "final report", "review_type": "CPR-concise"},
        {"document_role": "7-minute briefing", "review_type": "CPR-concise"},
    ],
    "CYSUR-4-2019": [
        {"document_role": "final report", "review_type": "CPR-extended"},
        {"document_role": "action plan", "review_type": None},
    ],
    "SCR-CN18": [{"document_role": "overview report", "review_type": "SCR"}],
}


def test_a_review_with_an_action_plan_is_not_missing_one():
    assert has_action_plan(REVIEWS["CYSUR-4-2019"])
    assert not has_action_plan(REVIEWS["SCR-CN18"])
    assert not has_action_plan([])


def test_every_type_or_only_the_types_asked_for():
    assert reviews_missing_action_plan(REVIEWS) == ["CPR-FLINT-2", "SCR-CN18"]
    assert reviews_missing_action_plan(REVIEWS, CPR_TYPES) == ["CPR-FLINT-2"]
    assert reviews_missing_action_plan(REVIEWS, ("SCR",)) == ["SCR-CN18"]
    assert reviews_missing_action_plan(REVIEWS, ("LCSPR",)) == []
