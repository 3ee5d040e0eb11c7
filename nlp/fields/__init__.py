"""The field rules, in the order ``nlp.extract.extract_metadata`` runs them.

One module per field or close family. Each rule reads the document, the listing entry and what
the rules above it decided; to find where a field is decided, find its rule here.
"""

from __future__ import annotations

from .age import AgeRule
from .base import FieldRule
from .board import BoardOfItsYear, BoardRule, PublishingBodyRule
from .child import PseudonymRule, SexRule
from .code import ReviewCodeRule
from .language import LanguageRule
from .nation import NationRule
from .one_child import OfOneChild
from .outcome import OutcomeRule
from .review_model import ReviewModelRule
from .review_type import ReviewTypeInContext, ReviewTypeRule
from .role import DocumentRoleRule
from .summary import SummaryRule
from .themes import ThemesRule
from .title import TitleRule
from .year import PublicationDateRule, YearRule

RULES: list[FieldRule] = [
    TitleRule(),
    BoardRule(),
    ReviewTypeRule(),  # the cues the title page, listing and body give
    NationRule(),  # the listing's, the board's, the review type's, the place words'
    YearRule(),
    PublicationDateRule(),
    BoardOfItsYear(),  # a name a body kept from its predecessor, before the successor began
    ReviewTypeInContext(),  # revised with nation and year; "other" for annual reports
    PublishingBodyRule(),  # a text that is no review: the national body that published it
    OfOneChild(PseudonymRule()),
    OfOneChild(AgeRule()),
    OfOneChild(SexRule()),
    OfOneChild(OutcomeRule()),
    ReviewModelRule(),
    DocumentRoleRule(),
    LanguageRule(),
    ThemesRule(),
    SummaryRule(),
    ReviewCodeRule(),
]

__all__ = ["RULES", "FieldRule"]
