"""Who leads an action, normalised to the small vocabulary of ``casereview.vocabulary.AGENCIES``.

Each rule is a pattern for one agency; the agency named first in the cell leads ("Designated
Nurse / Police" is health's, "CAFCASS / Police" is other's), and a lead no rule knows is
"other". Specific names come before
general words: a GP is primary care though a health body employs them, an Integrated Care Board
or a University Health Board is health, not the safeguarding board.
"""

from __future__ import annotations

import re

from .rules import PatternRule, rule

OTHER = "other"
# Between two agencies that share an action: the first named leads.
FIRST_NAMED = re.compile(r"\s+/\s+|\s*;\s*")


# One rule per agency (``casereview.vocabulary.AGENCIES``), the most specific first.
AGENCY_RULES: list[PatternRule] = [
    rule("primary-care", r"\bGPs?\b|general practi|primary care"),
    rule(
        "health",
        r"health\s+board|\bU?HB\b|\bNHS\b|(?:health|HSC|foundation|hospital)\s+(?:and\s+social\s+"
        r"care\s+)?trust|integrated\s+care\s+board|\bICB\b|\bCCG\b|clinical\s+commissioning|"
        r"nurs(?:e|ing)|midwi|health\s+visit|\bCAMHS\b|doctor|paediatric|hospital|public\s+health|"
        r"ambulance|\bhealth\b",
    ),
    rule(
        "police",
        r"police|constabulary|\bPSNI\b|detective|\bD?CI\b|\bDS\b|sergeant|inspector,?\s+public\s+"
        r"protection|public\s+protection\s+unit",
    ),
    rule("probation", r"probation|\bNPS\b|\bCRC\b"),
    rule("housing", r"housing|tenan|homeless"),
    rule("education", r"educat|schools?\b|\bDSLs?\b|inclusion|teachers?\b|head\s?teacher|college"),
    rule(
        "children-services",
        r"children'?s\s+(?:services|social\s+(?:care|work))|social\s+(?:work|care|services)|"
        r"early\s+help|children\s+and\s+famil|local\s+authority|council|intake\s+and\s+assessment|"
        r"safeguarding\s+and\s+review|family\s+support|\bLA\b|\bIRO\b|child\s+protection\s+chair",
    ),
    rule(
        "board",
        r"safeguarding\s+(?:children\s+|adults\s+)?(?:board|partnership)|\bthe\s+board\b|"
        r"^board\b|board\s+(?:business|manager|chair)|sub-?\s?group|business\s+(?:manager|unit)|"
        r"partnership\s+(?:manager|business)|\bLSCB\b|\bRSB\b|\bL?SCP\b|case\s+review\s+group",
    ),
]


def normalise_agency(lead: str | None) -> str | None:
    """The agency that leads, from the lead cell as written; None when the cell is empty."""
    text = " ".join((lead or "").split())
    if not text:
        return None
    text = FIRST_NAMED.split(text)[0]  # "CAFCASS / Police": CAFCASS leads
    best: tuple[int, int] | None = None
    agency = OTHER
    for order, agency_rule in enumerate(AGENCY_RULES):
        match = agency_rule.search(text)
        if match and (best is None or (match.start(), order) < best):
            best, agency = (match.start(), order), agency_rule.value
    return agency
