"""The rules about the child a review is about run only on a text that is one review."""

from __future__ import annotations

from ..decision import Decision
from .base import FieldRule
from .role import not_a_review


class OfOneChild(FieldRule):
    """A rule about the child a review is about (pseudonym, age, sex, outcome), run only when the
    text is one review: a list of reviews or an annual report names many children, and the first
    one it names is not the text's."""

    def __init__(self, rule: FieldRule):
        self.rule = rule
        self.field = rule.field

    def decide(self, doc, context, decided):
        if not_a_review(decided.get("review_type", Decision())):
            return None
        return self.rule.decide(doc, context, decided)
