"""The rules about the child a review is about are not run on a text about many reviews."""

from __future__ import annotations

from .base import FieldRule
from .review_type import ABOUT_REVIEWS


class OfOneChild(FieldRule):
    """A rule about the child a review is about (pseudonym, age, sex, outcome), not run on a text
    about many reviews or cases: a list of reviews, an annual report or a study names many
    children, and the first one it names is not the text's. (An inquiry into one child's death is
    no case review, but is about that child.)"""

    def __init__(self, rule: FieldRule):
        self.rule = rule
        self.field = rule.field

    def decide(self, doc, context, decided):
        review_type = decided.get("review_type")
        if review_type is not None and review_type.details == ABOUT_REVIEWS:
            return None
        return self.rule.decide(doc, context, decided)
