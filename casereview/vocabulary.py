"""The controlled values of the catalogue's metadata fields.

These strings are part of the product's interface (the metadata JSON, the API, the facets), so
every stage takes them from here: curation validates edits against them, the search app offers
them as facet values, tests check the extractor and the corpus against them.
"""

from __future__ import annotations

NATIONS = ("England", "Wales", "Scotland", "Northern Ireland", "unknown")
REVIEW_TYPE_LABELS = {
    "CPR-concise": "Child Practice Review (concise)",
    "CPR-extended": "Child Practice Review (extended)",
    "SCR": "Serious Case Review",
    "LCSPR": "Local Child Safeguarding Practice Review",
    "national-review": "National review",
    "SigCR": "Significant Case Review",
    "learning-review": "Learning Review",
    "CMR": "Case Management Review",
    "SUSR": "Single Unified Safeguarding Review",
    "other": "Other",
}
REVIEW_TYPES = tuple(REVIEW_TYPE_LABELS)
CHILD_SEXES = ("male", "female")
OUTCOMES = ("death", "serious harm")
LANGUAGES = ("English", "Welsh", "bilingual")
DOCUMENT_ROLES = (
    "final report",
    "executive summary",
    "7-minute briefing",
    "action plan",
    "terms of reference",
    "press statement",
    "learning summary",
    "other",
)

# Field name -> its allowed values, for the fields that have a closed vocabulary.
VOCABULARIES = {
    "nation": NATIONS,
    "review_type": REVIEW_TYPES,
    "child_sex": CHILD_SEXES,
    "outcome": OUTCOMES,
    "language": LANGUAGES,
    "document_role": DOCUMENT_ROLES,
}

# Who leads an action in a review's action plan, normalised (nlp.action_plans.agencies).
AGENCY_LABELS = {
    "children-services": "Local authority children's services",
    "health": "Health board / trust",
    "police": "Police",
    "education": "Education",
    "board": "The safeguarding board or partnership",
    "probation": "Probation",
    "housing": "Housing",
    "primary-care": "GP / primary care",
    "other": "Other",
}
AGENCIES = tuple(AGENCY_LABELS)
# Where an action stands, as its plan (or a librarian's update) says.
ACTION_STATUSES = ("not started", "in progress", "complete")
RAG_RATINGS = ("red", "amber", "green", "blue")
# A librarian's correction of the recurring-recommendation clusters: two recommendations ask
# the same thing (their clusters merge) or different things (they are kept apart).
CLUSTER_LINK_KINDS = ("same", "different")
