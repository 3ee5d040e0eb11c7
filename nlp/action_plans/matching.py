"""A review's recommendations and its action plan's actions, followed up together.

The report's recommendations (``nlp.recommendations``) and the plan's rows (``extract_actions``)
are matched by their words, not their numbers (a plan may renumber, or restate a
recommendation more briefly); a plan that gives only numbers is matched by number. Nothing is
dropped: a recommendation with no action is shown with none, and an action whose recommendation
the report does not make is shown under the plan's own wording.
"""

from __future__ import annotations

import re

# Share of words two wordings of one recommendation have in common, at least.
SAME_RECOMMENDATION = 0.5
_WORD = re.compile(r"[^\W_]+")
_SMALL = frozenset(
    "a an and the of to in for on that with be is are all its their should must".split()
)


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall((text or "").lower()) if w not in _SMALL}


def likeness(a: str, b: str) -> float:
    """How alike two wordings are: shared words over the shorter one's words (0..1)."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))


def _plan_groups(actions: list[dict]) -> list[dict]:
    """The plan's recommendations in order, each with its actions."""
    groups: dict[tuple, dict] = {}
    for action in actions:
        key = (action.get("recommendation_number"), action.get("recommendation") or "")
        groups.setdefault(key, {"key": key, "actions": []})["actions"].append(action)
    return list(groups.values())


def _best(group: dict, recommendations: list[dict], taken: set[int]) -> int | None:
    number, text = group["key"]
    scored = [
        (likeness(text, rec.get("text", "")), index)
        for index, rec in enumerate(recommendations)
        if index not in taken
    ]
    score, index = max(scored, default=(0.0, None))
    if text and score >= SAME_RECOMMENDATION:
        return index
    if not text and number:
        return next(
            (
                i
                for i, rec in enumerate(recommendations)
                if i not in taken and rec.get("number") == number
            ),
            None,
        )
    return None


def follow_up(recommendations: list[dict], actions: list[dict]) -> list[dict]:
    """``[{recommendation, plan_recommendation, actions}]``: each of the report's
    recommendations (``{number, text, …}``) in order with the plan's recommendation it was
    matched to (``{number, text}`` or None) and its actions (maybe none), then each of the
    plan's recommendations the report does not make (``recommendation`` None) with its
    actions."""
    entries = [
        {"recommendation": rec, "plan_recommendation": None, "actions": []}
        for rec in recommendations
    ]
    unmatched = []
    taken: set[int] = set()
    for group in _plan_groups(actions):
        number, text = group["key"]
        plan = {"number": number, "text": text}
        index = _best(group, recommendations, taken)
        if index is None:
            unmatched.append(
                {"recommendation": None, "plan_recommendation": plan, "actions": group["actions"]}
            )
            continue
        taken.add(index)
        entries[index]["plan_recommendation"] = plan
        entries[index]["actions"] = group["actions"]
    return entries + unmatched
