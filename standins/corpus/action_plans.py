"""Action plans as boards publish them: ruled tables in which each recommendation has one or more
actions, a lead, a timescale and a status, with the answer key for every action row.

The forms vary between plans as they do between boards: the recommendation in a merged cell down
the left (with or without a number column), as a full-width row above its actions, or only as a
reference ("2b") to the numbered list above the table; column headings and orders; timescales as
months, dates, quarters, ranges or "Ongoing"; statuses as words, RAG ratings, single letters or
coloured cells; rows that break across pages, with or without the header repeated. Written for
the project; no real plan's text.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import asdict, dataclass

from .cases import Case
from .document import ABOVE, SPAN, Document
from .phrasing import MONTHS
from .render_pdf import Layout

# Who leads, as plans write it, by the agency the answer key expects (the first one named).
LEADS = {
    "children-services": [
        "Head of Children's Services", "Service Manager, Safeguarding and Review",
        "Principal Social Worker", "Assistant Director, Children and Families",
        "Local Authority – Children's Services", "Group Manager, Children's Social Care",
        "Team Manager, Intake and Assessment", "Children's Services / Early Help",
    ],
    "health": [
        "Designated Nurse, Safeguarding Children", "Head of Safeguarding, {health}",
        "Named Midwife", "Health Visiting Service Lead", "Named Doctor for Safeguarding",
        "CAMHS Clinical Lead", "{health} Safeguarding Team", "Consultant Nurse, Safeguarding",
    ],
    "police": [
        "Detective Inspector, Public Protection Unit", "{police} – Public Protection",
        "Detective Chief Inspector, Safeguarding", "Police Sergeant, MASH", "{police}",
    ],
    "education": [
        "Head of Education Safeguarding", "Education Welfare Service Manager",
        "Schools Safeguarding Officer", "Elective Home Education Coordinator",
        "Head of Inclusion (Education)", "Designated Safeguarding Leads in schools",
    ],
    "board": [
        "Board Business Manager", "Learning and Development Sub-group",
        "Chair, Case Review Sub-group", "Safeguarding Partnership Manager",
        "Quality Assurance and Performance Sub-group", "Partnership Business Unit",
        "Safeguarding Board Business Unit",
    ],
    "probation": ["Head of Probation Delivery Unit", "Senior Probation Officer", "Probation Service"],
    "housing": ["Housing Options Manager", "Head of Housing Services", "Tenancy Support Team Leader"],
    "primary-care": [
        "Named GP for Safeguarding", "GP Safeguarding Lead", "Primary Care Safeguarding Lead",
    ],
    "other": [
        "CAFCASS Service Manager", "Third Sector Safeguarding Forum",
        "Substance Misuse Area Planning Board", "Domestic Abuse Services Coordinator",
    ],
}  # fmt: skip
AGENCY_WEIGHTS = {
    "children-services": 5, "health": 5, "police": 3, "education": 3, "board": 4,
    "probation": 1, "housing": 1, "primary-care": 2, "other": 1,
}  # fmt: skip
HEALTH = {
    "Wales": ["Aneurin Bevan University Health Board", "Betsi Cadwaladr UHB", "Hywel Dda UHB"],
    "England": ["the NHS Foundation Trust", "the Integrated Care Board", "NHS Trust"],
    "Scotland": ["NHS Grampian", "NHS Tayside", "NHS Lothian"],
    "Northern Ireland": ["Belfast HSC Trust", "Southern HSC Trust", "Western HSC Trust"],
}
POLICE = {
    "Wales": ["Gwent Police", "North Wales Police", "Dyfed-Powys Police", "South Wales Police"],
    "England": ["Constabulary", "the Police Force", "Metropolitan Police"],
    "Scotland": ["Police Scotland"],
    "Northern Ireland": ["PSNI"],
}
ACTIONS = [
    "Issue a practice briefing to all frontline teams on the learning from this review",
    "Revise the multi-agency procedure and publish it on the procedures website",
    "Audit a sample of twenty cases and report the findings to the Board",
    "Deliver multi-agency training sessions, including two for evening staff",
    "Add a prompt to the electronic record so that fathers and new partners are recorded",
    "Include the learning in the induction of every new member of staff",
    "Agree an information-sharing protocol with primary care and schools",
    "Review supervision arrangements so that complex cases are discussed monthly",
    "Develop a pathway for escalating concerns when a plan is not working",
    "Commission a thematic audit of neglect cases within the region",
    "Produce a leaflet for parents on safe sleep, in English and Welsh",
    "Hold a learning event for practitioners and managers of all agencies",
    "Test the new arrangements through a multi-agency case file audit by March",
    "Update the referral form so that the child's own words are recorded",
    "Ensure that missed health appointments are followed up and shared with the social worker",
    "Report progress to the Board every quarter until the action is complete",
]
# Evidence and progress notes; {date} and {month} are filled in near the plan's date.
# A second sentence some plans give an action.
DETAILS = [
    "Managers will check completion in supervision.",
    "This includes agency staff, students and newly qualified workers.",
    "The sub-group will receive a report on the findings and agree any further action.",
    "Lessons will also be shared with the neighbouring boards through the regional network.",
    "Where the audit finds gaps, a further round of training will be commissioned.",
]
EVIDENCE = [
    "Briefing circulated to 400 staff on {date}", "Audit report to the Board, {month}",
    "Training attendance figures", "Revised procedure published {month}",
    "Minutes of the sub-group", "Police and health staff attended the learning event",
    "Dip sample of records; findings reported to the Quality Assurance group in {month}",
    "Awaiting the outcome of the audit", "", "Re-audit planned for Q3",
    "Two sessions held in {month}, 85 practitioners attended; a third is planned",
]  # fmt: skip
# Column roles and the headings boards give them.
HEADINGS = {
    "number": ["No.", "Ref", "Rec no.", "#"],
    "recommendation": ["Recommendation", "Recommendations", "Review recommendation",
                       "Learning / recommendation"],
    "action": ["Action", "Actions", "Action required", "Agreed actions", "What will be done?",
               "SMART action"],
    "lead": ["Lead", "Lead agency", "Lead officer", "Responsible agency / officer", "By whom",
             "Owner", "Lead agency / person"],
    "timescale": ["Timescale", "Target date", "By when", "Completion date", "Due date",
                  "Timescale for completion"],
    "status": ["RAG", "RAG status", "Status", "Progress", "Progress (RAG)", "Current status"],
    "evidence": ["Evidence", "Evidence of impact", "Outcome / evidence", "How will we know?",
                 "Progress update", "Success measure"],
}  # fmt: skip
WEIGHTS = {"number": 0.6, "recommendation": 3.4, "action": 3.2, "lead": 2.0, "timescale": 1.4,
           "status": 1.2, "evidence": 2.0}  # fmt: skip
# Orders of the columns after the recommendation and action.
TAILS = [
    ["lead", "timescale", "status"],
    ["lead", "timescale", "evidence", "status"],
    ["lead", "timescale", "status", "evidence"],
    ["timescale", "lead", "status"],
    ["lead", "evidence", "timescale", "status"],
    ["lead", "timescale"],
]
# (as written, status, RAG)
STATUSES = [
    ("Complete", "complete", None), ("Completed", "complete", None),
    ("Green", None, "green"), ("Amber", None, "amber"), ("Red", None, "red"),
    ("Green – complete", "complete", "green"), ("Amber – in progress", "in progress", "amber"),
    ("Ongoing", "in progress", None), ("In progress", "in progress", None),
    ("Not started", "not started", None), ("Red – not started", "not started", "red"),
    ("G", None, "green"), ("A", None, "amber"), ("R", None, "red"), ("", None, None),
]  # fmt: skip
RAG_FILLS = {"red": (0.93, 0.42, 0.42), "amber": (1.0, 0.78, 0.36), "green": (0.55, 0.82, 0.5)}
FORMS = ("merged", "numbered", "banner", "reference")


@dataclass
class KeyAction:
    """One action row of a generated plan, as the answer key gives it."""

    recommendation_number: str
    recommendation: str
    action: str
    lead: str
    agency: str
    timescale: str
    due: str | None  # "2025-03" for a month, "2025-03-31" for a date, None for "Ongoing"
    status: str | None
    rag: str | None
    status_as_written: str = ""
    page: int = 1


def timescale(due: dt.date, rng: random.Random) -> tuple[str, str | None]:
    """A target as plans write it, and what it means (a month, a date, or nothing)."""
    month, year = MONTHS[due.month - 1], due.year
    end = (due.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    quarter = (due.month - 1) // 3 + 1
    forms = [
        (f"{month} {year}", f"{year}-{due.month:02d}"),
        (f"{month[:3]} {year}", f"{year}-{due.month:02d}"),
        (f"{end:%d/%m/%Y}", end.isoformat()),
        (f"{end.day} {month} {year}", end.isoformat()),
        (f"Q{quarter} {year}", f"{year}-{quarter * 3:02d}"),
        (f"{month[:3]}-{str(year)[2:]}", f"{year}-{due.month:02d}"),
        (f"End of {month} {year}", f"{year}-{due.month:02d}"),
        (f"{MONTHS[(due.month + 8) % 12][:3]} – {month[:3]} {year}", f"{year}-{due.month:02d}"),
        ("Ongoing", None),
        ("Immediate", None),
    ]
    weights = [5, 3, 4, 2, 2, 2, 1, 1, 1, 1]
    return rng.choices(forms, weights)[0]


def _lead(case: Case, rng: random.Random) -> tuple[str, str]:
    agency = rng.choices(list(AGENCY_WEIGHTS), list(AGENCY_WEIGHTS.values()))[0]
    nation = case.nation if case.nation in HEALTH else "England"
    written = rng.choice(LEADS[agency]).format(
        health=rng.choice(HEALTH[nation]), police=rng.choice(POLICE[nation])
    )
    if rng.random() < 0.12:  # a second agency after the first: the first leads
        other = rng.choice([a for a in ("health", "police", "education") if a != agency])
        written += " / " + rng.choice(LEADS[other]).format(
            health=rng.choice(HEALTH[nation]), police=rng.choice(POLICE[nation])
        )
    return written, agency


def key_actions(case: Case, rng: random.Random) -> list[KeyAction]:
    """One to three actions for each of the review's recommendations."""
    rows = []
    for number, (text, _slug) in enumerate(case.recommendations, start=1):
        for _ in range(rng.choices([1, 2, 3], [5, 3, 2])[0]):
            due = case.published + dt.timedelta(days=rng.randint(60, 540))
            written, meaning = timescale(due, rng)
            status_written, status, rag = rng.choice(STATUSES)
            lead, agency = _lead(case, rng)
            action = rng.choice(ACTIONS)
            if rng.random() < 0.5:
                action += ". " + rng.choice(DETAILS)
            rows.append(
                KeyAction(
                    str(number),
                    text,
                    action,
                    lead,
                    agency,
                    written,
                    meaning,
                    status,
                    rag,
                    status_written,
                )
            )
    return rows


LABELS = ("{n}. {text}", "R{n} {text}", "Recommendation {n}: {text}", "{n}) {text}")
INTRODUCTIONS = [
    "This plan sets out how the partner agencies will respond to the recommendations of the "
    "review. It was approved by the Board and will be monitored by the Case Review Sub-group "
    "until every action is complete.",
    "Partners have agreed the actions below. Progress is reported to each meeting of the Board; "
    "actions rated red are escalated to the Chair.",
    "The Board accepted all of the recommendations. The lead for each action will provide an "
    "update, with evidence, for every quarterly meeting.",
]


def _evidence(case: Case, rng: random.Random) -> str:
    day = case.published + dt.timedelta(days=rng.randint(30, 300))
    return rng.choice(EVIDENCE).format(
        date=f"{day:%d/%m/%Y}", month=f"{MONTHS[day.month - 1]} {day.year}"
    )


def action_table(doc: Document, case: Case, rng: random.Random) -> list[KeyAction]:
    """Add the plan's table (and, for plans that refer to them, the numbered recommendations
    above it) to ``doc``; return the key, one entry per action row in table order."""
    rows = key_actions(case, rng)
    form = rng.choice(FORMS)
    tail = rng.choice(TAILS)
    lead_columns = {"merged": ["recommendation"], "numbered": ["number", "recommendation"],
                    "banner": [], "reference": ["number"]}[form]  # fmt: skip
    roles = [*lead_columns, "action", *tail]
    header = [rng.choice(HEADINGS[role]) for role in roles]
    if "status" not in roles:  # the plan states no status
        for row in rows:
            row.status = row.rag = None
            row.status_as_written = ""
    coloured = "status" in roles and rng.random() < 0.6
    label = rng.choice(LABELS)
    numbered_actions = form == "banner" and rng.random() < 0.5
    if rng.random() < 0.7:
        doc.para(rng.choice(INTRODUCTIONS))
    if form == "reference":
        doc.heading(rng.choice(["Recommendations", "The review's recommendations"]))
        doc.numbered([text for text, _ in case.recommendations], style="1.")
        doc.add("break")
    table_rows: list[list] = []
    fills: dict[tuple[int, int], tuple[float, float, float]] = {}
    previous_number = None
    per_number: dict[str, int] = {}
    for row in rows:
        first = row.recommendation_number != previous_number
        previous_number = row.recommendation_number
        per_number[row.recommendation_number] = per_number.get(row.recommendation_number, 0) + 1
        if form == "banner" and first:
            banner = label.format(n=row.recommendation_number, text=row.recommendation)
            table_rows.append([banner] + [SPAN] * (len(roles) - 1))
        values = {
            "action": row.action,
            "lead": row.lead,
            "timescale": row.timescale,
            "status": row.status_as_written,
            "evidence": _evidence(case, rng),
        }
        if form == "merged":
            values["recommendation"] = (
                label.format(n=row.recommendation_number, text=row.recommendation)
                if first
                else ABOVE
            )
        elif form == "numbered":
            values["number"] = row.recommendation_number if first else ABOVE
            values["recommendation"] = row.recommendation if first else ABOVE
        elif form == "reference":
            letter = "abc"[per_number[row.recommendation_number] - 1]
            values["number"] = f"{row.recommendation_number}{letter}"
        elif numbered_actions:
            values["action"] = (
                f"{row.recommendation_number}.{per_number[row.recommendation_number]} {row.action}"
            )
        table_rows.append([values[role] for role in roles])
        if coloured and (row.rag or row.status == "complete"):
            fills[(len(table_rows) - 1, roles.index("status"))] = RAG_FILLS[row.rag or "green"]
    weights = [WEIGHTS[role] for role in roles]
    options = {
        "fills": fills,
        "repeat_header": rng.random() < 0.7,
        "split_rows": rng.random() < 0.8,
        "size": rng.choice([8.5, 9.5, 10, 10.5]),
    }
    doc.add("table", header, table_rows, weights, options)
    return rows


def action_rows(table_rows: list[list]) -> list[int]:
    """Indexes of the rows that are actions (a banner row spans the table)."""
    return [i for i, row in enumerate(table_rows) if row[1:] != [SPAN] * (len(row) - 1)]


def as_key(rows: list[KeyAction]) -> list[dict]:
    return [asdict(row) for row in rows]


def answer_key(doc: Document, rows: list[KeyAction], ext: str) -> list[dict]:
    """The key of a plan written as ``ext``, each action with the page its row starts on (a
    Word file has only the pages its explicit breaks make)."""
    breaks = 0
    for block in doc.blocks:
        if block[0] == "table":
            break
        breaks += block[0] == "break"
    pages = [1 + breaks] * len(rows)
    if ext == "pdf":
        layout = Layout(doc)
        layout.run()
        table = [block for block in doc.blocks if block[0] == "table"][-1]
        starts = layout.table_rows[-1]
        pages = [starts[index] for index in action_rows(table[2])]
    for row, page in zip(rows, pages, strict=True):
        row.page = page
    return as_key(rows)


# Fixed seed sets for measuring the plans' reading: rules are tuned on the first only.
TUNING_SEEDS = (1, 2, 3, 4, 5)
VALIDATION_SEEDS = (101, 102, 103, 104, 105)


@dataclass
class WrittenPlan:
    path: str
    review_code: str
    recommendations: list[str]
    actions: list[dict]


def generate_plans(out_dir, seed: int, count: int = 12) -> list[WrittenPlan]:
    """``count`` action plans of reviews drawn with ``seed``, written as PDF (some as Word
    files) with the layout noise of the corpus, and their answer keys."""
    from pathlib import Path

    from .briefs import action_plan
    from .cases import draw_cases
    from .corpus import style
    from .formats import write_docx
    from .render_pdf import write_document_pdf

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    written = []
    for index, case in enumerate(draw_cases(count, rng)):
        doc, st = action_plan(case, rng, dated=rng.random() < 0.6)
        style(doc, case, "action plan", rng)
        ext = "docx" if rng.random() < 0.15 else "pdf"
        path = out_dir / f"plan-{seed}-{index:02d}.{ext}"
        if ext == "pdf":
            write_document_pdf(path, doc)
        else:
            write_docx(path, doc, case.submitted)
        written.append(
            WrittenPlan(
                str(path),
                case.review_key,
                [text for text, _ in case.recommendations],
                answer_key(doc, st.actions, ext),
            )
        )
    return written
