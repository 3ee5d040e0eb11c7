"""Action plans read into actions: rows, merged cells, banner rows, references, rows broken
across pages, and the lead, timescale and status cells read for meaning."""

from __future__ import annotations

import pytest

from nlp.action_plans import extract_actions
from nlp.action_plans.agencies import normalise_agency
from nlp.action_plans.columns import column_role, header_roles
from nlp.action_plans.status import rag_of, status_of
from nlp.action_plans.timescales import due_of
from nlp.extract import extract_metadata

MERGED = """Action Plan – CPR GWENT 3/2022
Recommendation | Action | Lead agency | Target date | RAG
1. Health visitors should ask about every adult in the home. | Revise the contact template | Aneurin Bevan University Health Board | 31/03/2025 | Green – complete
| Audit twenty records | Designated Nurse / Police | Q2 2025 | Amber
2. The Board should relaunch its escalation policy. | Publish the revised policy | Board Business Manager | March 2025 | Not started
Updated 3 June 2024"""


def test_each_row_is_an_action_linked_to_its_recommendation():
    actions = extract_actions([MERGED])
    assert [(a["recommendation_number"], a["action"]) for a in actions] == [
        ("1", "Revise the contact template"),
        ("1", "Audit twenty records"),
        ("2", "Publish the revised policy"),
    ]
    first, second, third = actions
    assert first["recommendation"] == "Health visitors should ask about every adult in the home."
    assert second["recommendation"] == first["recommendation"]  # the merged cell above
    assert (first["agency"], first["due"], first["status"], first["rag"]) == (
        "health", "2025-03-31", "complete", "green",
    )  # fmt: skip
    assert (second["agency"], second["due"], second["rag"]) == ("health", "2025-06", "amber")
    assert (third["agency"], third["due"], third["status"]) == ("board", "2025-03", "not started")
    assert {a["page"] for a in actions} == {1}


def test_a_row_broken_across_pages_is_one_action_on_the_page_it_starts():
    page_one = """No. | Recommendation | Action | Owner | By when | Status
1 | Agencies should see the child alone. | Deliver training to every | Head of Children's | Sept 2025 | Ongoing"""
    page_two = """No. | Recommendation | Action | Owner | By when | Status
| | frontline team | Services | |
2 | Schools should record every absence. | Issue a briefing | Head of Education Safeguarding | Q4 2025 | Complete"""
    actions = extract_actions([page_one, page_two])
    assert len(actions) == 2
    assert actions[0]["action"] == "Deliver training to every frontline team"
    assert actions[0]["lead"] == "Head of Children's Services"
    assert (actions[0]["agency"], actions[0]["page"]) == ("children-services", 1)
    assert (actions[1]["recommendation_number"], actions[1]["page"]) == ("2", 2)


def test_banner_rows_and_references_to_the_numbered_list():
    banner = """Actions required | Lead | Timescale | Progress (RAG)
Recommendation 1: Partners should share chronologies. | | |
1.1 Agree a single chronology | Local Authority – Children's Services | Mar-26 | R
1.2 Test it in an audit | Police Scotland | End of June 2026 | G"""
    actions = extract_actions([banner])
    assert [(a["recommendation_number"], a["action"], a["agency"], a["due"], a["rag"]) for a in actions] == [
        ("1", "Agree a single chronology", "children-services", "2026-03", "red"),
        ("1", "Test it in an audit", "police", "2026-06", "green"),
    ]  # fmt: skip
    listed = """Recommendations
1. The Board should audit supervision.
2. GPs should be told when a child moves area."""
    table = """Ref | Action | Responsible agency / officer | Completion date
2a | Write to every practice | Named GP for Safeguarding | Ongoing"""
    [action] = extract_actions([listed, table])
    assert action["recommendation_number"] == "2"
    assert action["recommendation"] == "GPs should be told when a child moves area."
    assert (action["agency"], action["due"], action["timescale"]) == (
        "primary-care",
        None,
        "Ongoing",
    )


def test_a_word_files_merged_banner_row_reads_as_a_line_of_its_own():
    text = """Action | Lead | Due date
R1 Children's services should review caseload levels.
Hold a learning event | Housing Options Manager | Oct 2020"""
    [action] = extract_actions([text])
    assert (action["recommendation_number"], action["agency"]) == ("1", "housing")


def test_no_table_no_actions_and_other_tables_are_not_plans():
    assert (
        extract_actions(["The review makes the following recommendations.\n1. See the child."])
        == []
    )
    timeline = "Date | Event\n3 May 2019 | Referral to children's services"
    assert extract_actions([timeline]) == []


@pytest.mark.parametrize(
    ("lead", "agency"),
    [
        ("Head of Safeguarding, the Integrated Care Board", "health"),
        ("Betsi Cadwaladr UHB", "health"),
        ("Substance Misuse Area Planning Board", "other"),
        ("Learning and Development Sub-group", "board"),
        ("CAFCASS Service Manager / PSNI", "other"),
        ("Detective Inspector, Public Protection Unit", "police"),
        ("Named GP for Safeguarding", "primary-care"),
        ("Assistant Director, Children and Families", "children-services"),
        ("Head of Probation Delivery Unit", "probation"),
        ("Tenancy Support Team Leader", "housing"),
        ("Designated Safeguarding Leads in schools", "education"),
        ("", None),
    ],
)
def test_lead_agencies_are_normalised(lead, agency):
    assert normalise_agency(lead) == agency


@pytest.mark.parametrize(
    ("written", "due"),
    [
        ("March 2025", "2025-03"), ("31/03/2025", "2025-03-31"), ("31 March 2025", "2025-03-31"),
        ("Q2 2025", "2025-06"), ("Mar-25", "2025-03"), ("Apr – Jul 2025", "2025-07"),
        ("Ongoing", None), ("Within 3 months", None),
    ],
)  # fmt: skip
def test_timescales_are_a_date_or_a_month(written, due):
    assert due_of(written) == due


def test_statuses_and_rag_ratings():
    assert (status_of("Partially complete"), rag_of("Partially complete")) == ("in progress", None)
    assert (status_of("Red – not started"), rag_of("Red – not started")) == ("not started", "red")
    assert (status_of("G"), rag_of("G")) == (None, "green")
    assert rag_of("Agreed") is None


def test_column_headings():
    assert column_role("Progress (RAG)") == "status"
    assert column_role("Progress update") == "evidence"
    assert column_role("Lead agency / person") == "lead"
    assert column_role("Timescale for completion") == "timescale"
    assert header_roles(["Date", "Event"]) is None


def test_the_extractor_returns_the_actions():
    assert len(extract_metadata([MERGED])["actions"]) == 3


def test_recommendations_and_actions_are_followed_up_together():
    from nlp.action_plans.matching import follow_up

    recommendations = [
        {"number": "1", "text": "Health visitors should ask about every adult living in the home."},
        {"number": "2", "text": "The Board should relaunch its escalation policy."},
    ]
    actions = [
        {
            "recommendation_number": "1",
            "recommendation": "Health visitors to ask about every adult in the home",
            "action": "A",
        },
        {
            "recommendation_number": "1",
            "recommendation": "Health visitors to ask about every adult in the home",
            "action": "B",
        },
        {
            "recommendation_number": "3",
            "recommendation": "Schools should record absences.",
            "action": "C",
        },
    ]
    first, second, extra = follow_up(recommendations, actions)
    assert [a["action"] for a in first["actions"]] == ["A", "B"]
    assert first["plan_recommendation"]["number"] == "1"
    assert second["actions"] == [] and second["plan_recommendation"] is None  # no action
    assert extra["recommendation"] is None and [a["action"] for a in extra["actions"]] == ["C"]
    # A plan that gives numbers only is matched by number.
    [one, two] = follow_up(
        recommendations, [{"recommendation_number": "2", "recommendation": "", "action": "D"}]
    )
    assert one["actions"] == [] and [a["action"] for a in two["actions"]] == ["D"]
