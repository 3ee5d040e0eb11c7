"""Titles, type names, legal frameworks and date statements, in the many ways reports write them."""

from __future__ import annotations

import random

from . import phrasing
from .phrasing import MONTHS, full_date, month_date

TYPE_NAMES = {
    "CPR-concise": [
        "Concise Child Practice Review",
        "Concise Child Practice Review",
        "Child Practice Review (Concise)",
        "concise CPR",
    ],
    "CPR-extended": [
        "Extended Child Practice Review",
        "Extended Child Practice Review",
        "Child Practice Review (Extended)",
        "extended CPR",
    ],
    "SUSR": ["Single Unified Safeguarding Review"],
    "SCR": ["Serious Case Review", "Serious Case Review", "SCR"],
    "LCSPR": [
        "Local Child Safeguarding Practice Review",
        "Child Safeguarding Practice Review",
        "LCSPR",
        "Local Child Safeguarding Practice Review (LCSPR)",
    ],
    "national-review": ["national review", "national child safeguarding practice review"],
    "other": ["Thematic Review", "Multi-Agency Thematic Review"],
    "SigCR": ["Significant Case Review", "Significant Case Review", "SCR"],
    "learning-review": ["Learning Review", "Learning Review"],
    "CMR": ["Case Management Review", "Case Management Review", "CMR"],
}

FRAMEWORKS = {
    "Wales": [
        "under Part 7 of the Social Services and Well-being (Wales) Act 2014",
        "in line with Welsh Government guidance, Protecting Children in Wales: Guidance for Arrangements for Multi-Agency Child Practice Reviews",
        "as required by Working Together to Safeguard People: Volume 2 – Child Practice Reviews",
    ],
    "unknown": [
        "under the Children (Jersey) Law 2002 and the Board's own procedures",
        "in line with the Board's serious case review procedure, adapted from the Welsh Child Practice Review model",
    ],
    "Wales-SUSR": [
        "under the Single Unified Safeguarding Review statutory guidance, which from 1 October 2024 replaced Child Practice Reviews",
        "as a Single Unified Safeguarding Review under Part 7 of the Social Services and Well-being (Wales) Act 2014",
    ],
    "Wales-SCR": [
        "under Chapter 10 of Safeguarding Children: Working Together under the Children Act 2004 (Welsh Assembly Government, 2006)",
        "in accordance with Welsh Assembly Government guidance on serious case reviews",
    ],
    "England-SCR": [
        "under Regulation 5 of the Local Safeguarding Children Boards Regulations 2006",
        "in line with Chapter 4 of Working Together to Safeguard Children 2015",
        "as set out in Working Together to Safeguard Children 2010",
        "in accordance with Working Together to Safeguard Children 2013",
    ],
    "England-LCSPR": [
        "under Working Together to Safeguard Children 2018, following a Rapid Review",
        "following a Rapid Review, as required by the Children Act 2004 (as amended by the Children and Social Work Act 2017)",
        "in line with Chapter 4 of Working Together to Safeguard Children 2018",
    ],
    "Scotland-SigCR": [
        "in line with the National Guidance for Child Protection Committees for Conducting a Significant Case Review (Scottish Government, 2015)",
        "after an Initial Case Review recommended that a Significant Case Review be held",
    ],
    "Scotland-learning-review": [
        "under the National Guidance for Child Protection Committees Undertaking Learning Reviews (Scottish Government, 2021)",
        "following a Scottish Government-guided learning review process, after an initial review",
    ],
    "Northern Ireland": [
        "under Co-operating to Safeguard Children and Young People in Northern Ireland",
        "as provided for by section 3 of the Safeguarding Board Act (Northern Ireland) 2011",
        "by the SBNI Case Management Review Panel",
    ],
    "Northern Ireland-ACPC": [
        "under the Regional Child Protection Policy and Procedures for Northern Ireland",
        "in accordance with Co-operating to Safeguard Children (DHSSPS, 2003)",
    ],
}


def framework(case, rng: random.Random) -> str:
    nation = case.nation
    key = {
        "Wales": {"SCR": "Wales-SCR", "SUSR": "Wales-SUSR"}.get(case.review_type, "Wales"),
        "England": "England-SCR"
        if case.review_type in ("SCR", "other") and case.published.year < 2020
        else "England-LCSPR",
        "Scotland": f"Scotland-{case.review_type}"
        if case.review_type in ("SigCR", "learning-review")
        else "Scotland-SigCR",
        "Northern Ireland": "Northern Ireland"
        if "Safeguarding Board" in case.board.name
        else "Northern Ireland-ACPC",
    }.get(nation, nation)
    return rng.choice(FRAMEWORKS[key])


def article(word: str) -> str:
    """'a' or 'an' before a word or acronym (an SCR, an Extended review, a CPR)."""
    first = word.split()[0] if word else ""
    if first.isupper() and len(first) > 1:
        return "an" if first[0] in "AEFHILMNORSX" else "a"
    return "an" if first[:1].lower() in "aeiou" else "a"


def type_name(case, rng: random.Random) -> str:
    return rng.choice(TYPE_NAMES[case.review_type])


def full_type(case) -> str:
    """The type written out in full (titles use it)."""
    return TYPE_NAMES[case.review_type][0]


ROLE_WORDS = {
    "final report": [
        "Overview Report",
        "Final Report",
        "Report",
        "Overview Report for Publication",
        "CPR Report",
    ],
    "executive summary": ["Executive Summary", "Executive Summary", "Summary Report"],
    "7-minute briefing": ["7 Minute Briefing", "Seven Minute Briefing", "7-Minute Briefing", "7MB"],
    "action plan": [
        "Action Plan",
        "Multi-Agency Action Plan",
        "Action Plan in response to the recommendations",
    ],
    "learning summary": ["Learning Summary", "Learning Brief", "Learning Memo"],
    "press statement": ["Press Statement", "Press Release"],
}


def role_word(role: str, case, rng: random.Random) -> str:
    words = ROLE_WORDS[role]
    if role == "final report" and not case.review_type.startswith("CPR"):
        words = [w for w in words if w != "CPR Report"]
    return rng.choice(words)


def document_title(case, role: str, rng: random.Random) -> str:
    """A title as the document's own title page states it (many shapes, not one template)."""
    child = case.pseudonym
    code = case.code
    kind = full_type(case)
    short = type_name(case, rng)
    word = role_word(role, case, rng)
    if case.review_type == "national-review":
        return (
            rng.choice([case.topic, f"{case.topic} – {word}"])
            if role != "final report"
            else case.topic
        )
    dead = case.outcome == "death"
    shapes = [
        f"{kind} – {child} – {word}",
        f"{kind}: {child}",
        f"{word} of the {kind} in respect of {child}",
        f"{short} {child} {word}",
    ]
    if code:
        shapes += [f"{code} – {word}", f"{kind} {code}", f"{code} {word}", f"{kind} Report: {code}"]
    if case.review_type in ("SigCR", "learning-review"):
        shapes += [
            f"{kind} into the {'death' if dead else 'circumstances'} of {child}",
            f"{kind} relating to {child}",
        ]
    if case.review_type == "SCR" and case.nation == "England":
        shapes += [
            f"The Overview Report of the Serious Case Review in respect of {child}",
            f"Serious Case Review in respect of the {'death' if dead else 'serious injury'} of {child}",
        ]
        if case.published.year < 2011:
            shapes.append(f"Part 8 Review: {child} – {word}")
        if 2010 <= case.published.year <= 2014:
            shapes.append(f"Serious Case Review under Working Together 2010: {child}")
    if case.review_type == "LCSPR":
        shapes += [
            f"Child Safeguarding Practice Review: {child}",
            f"CSPR {child} {MONTHS[case.published.month - 1]} {case.published.year}",
        ]
    if case.review_type == "CMR":
        shapes += [
            f"Case Management Review – {word}",
            f"{word} of the Case Management Review in respect of {child}",
        ]
    if case.review_type == "other":
        shapes = [
            f"{kind}: {child} and the learning for the partnership",
            f"{kind} – {child} – {word}",
        ]
    return rng.choice(shapes)


def publication_statement(case, rng: random.Random, nspcc: bool = False) -> tuple[str, bool]:
    """(line that states publication, whether it gives the full day)."""
    day = case.published
    board_short = (
        case.board_written if len(case.board_written) < 12 else case.board.name.split()[0] + " SCB"
    )
    options = [
        (f"Published {full_date(day, rng)}", True),
        (f"Published: {phrasing.ordinal(day.day)} {MONTHS[day.month - 1]} {day.year}", True),
        (f"This report was published on {full_date(day, rng)}.", True),
        (f"Published {day:%d.%m.%y}", True),
        (f"First published {MONTHS[day.month - 1]} {day.year}", False),
        (f"Date of publication: {day.year}", False),
        (f"Date of publication: {full_date(day, rng)}", True),
        (f"Publication date: {month_date(day, rng)}", False),
        (f"Published: {MONTHS[day.month - 1]} {day.year}", False),
        (f"Published by {board_short} – {full_date(day, rng)}", True),
    ]
    if case.review_type == "national-review":
        options = [
            (f"© Crown copyright {day.year}", False),
            (f"Published {full_date(day, rng)}", True),
        ]
    line, full = rng.choice(options)
    return line, full


def trap_statements(case, rng: random.Random) -> list[str]:
    """Dates that are not the publication date: incident, commissioning, submission, trial."""
    child = case.pseudonym or "the child"
    lines = [
        rng.choice(
            [
                f"The review was commissioned in {month_date(case.commissioned, rng)}.",
                f"The decision to undertake the review was made on {full_date(case.commissioned, rng)}.",
                f"Review initiated {MONTHS[case.commissioned.month - 1][:3]} {case.commissioned.year}.",
            ]
        ),
        rng.choice(
            [
                f"The final report was presented to the Board in {month_date(case.submitted, rng)}.",
                f"The report was completed in {month_date(case.submitted, rng)}.",
                f"The overview report was submitted to the Welsh Government on {full_date(case.submitted, rng)}."
                if case.nation == "Wales"
                else f"The report was endorsed by the Board on {full_date(case.submitted, rng)}.",
            ]
        ),
        rng.choice(
            [
                f"The period under review runs from {case.incident.year - 2} until the incident concerning {child} in {case.incident.year}.",
                f"The review considers agency involvement from {MONTHS[case.incident.month - 1]} {case.incident.year - 1} to {MONTHS[case.incident.month - 1]} {case.incident.year}.",
            ]
        ),
    ]
    if case.delayed_by_trial:
        end = case.published.year - (1 if case.published.month > 3 else 0)
        lines.append(
            rng.choice(
                [
                    f"Publication was delayed until criminal proceedings concluded in {end}.",
                    f"Criminal proceedings ran from {case.incident.year} to {end}; the Board deferred publication until they ended.",
                ]
            )
        )
    return lines
