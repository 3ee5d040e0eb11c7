"""Librarians record where an action stands (date, status, note, evidence URL): signed in,
with a CSRF token, audited, its history kept; overdue actions are on the work queue."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from casereview.actions import is_overdue
from casereview.catalogue import ActionUpdate, AuditEntry, Report
from tests.factories import review_with_plan
from tests.librarian_support import add_account, post, sign_in


@pytest.fixture
def plan(tmp_path, catalogue, archive, config, client):
    made = review_with_plan(tmp_path / "in", catalogue, archive, config)
    add_account(catalogue)
    assert sign_in(client).status_code == 302
    return made


def _update(client, plan, position=0, **fields):
    data = {
        "date": "2024-05-01",
        "status": "complete",
        "note": "Briefing given to all teams",
        "evidence_url": "https://board.example.org/minutes-may.pdf",
        **fields,
    }
    return post(client, f"/librarian/reports/{plan['plan']}/actions/{position}/status", data)


def _updates(catalogue) -> list[ActionUpdate]:
    with catalogue.session() as session:
        return list(session.scalars(select(ActionUpdate).order_by(ActionUpdate.id)))


def test_a_status_update_is_recorded_audited_and_shown(client, plan, catalogue):
    assert _update(client, plan, status="in progress", date="2024-03-01").status_code == 302
    assert _update(client, plan).status_code == 302
    history = _updates(catalogue)
    assert [(u.status, u.date, u.actor) for u in history] == [
        ("in progress", "2024-03-01", "lib"),
        ("complete", "2024-05-01", "lib"),
    ]
    with catalogue.session() as session:
        audit = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "action-update").order_by(AuditEntry.id)
        ).all()
    assert [(a.field, a.new_value.split(" on ")[0], a.reason) for a in audit] == [
        ("action 1 status", "in progress", "Briefing given to all teams"),
        ("action 1 status", "complete", "Briefing given to all teams"),
    ]
    assert audit[1].old_value == "in progress" and audit[0].entity_id == str(plan["plan"])
    first = client.get("/api/actions?size=100").get_json()["actions"][0]
    assert first["status"] == "complete" and first["plan_status"] == plan["key"][0]["status"]
    assert [u["status"] for u in first["updates"]] == ["in progress", "complete"]
    assert first["overdue"] is False
    page = client.get(f"/librarian/reports/{plan['plan']}").get_data(as_text=True)
    assert "minutes-may.pdf" in page and "Actions of this plan" in page


def test_a_re_read_plan_keeps_its_updates(client, plan, catalogue, archive, config):
    from ingest.pipeline import retry_reports

    _update(client, plan)
    retry_reports(catalogue, archive, config, [plan["plan"]])
    first = client.get("/api/actions?size=100").get_json()["actions"][0]
    assert first["status"] == "complete" and len(first["updates"]) == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"status": "finished"}, "the status must be one of"),
        ({"date": "yesterday"}, "give the date as YYYY-MM-DD"),
        ({"date": (dt.date.today() + dt.timedelta(days=3)).isoformat()}, "cannot be in the future"),
        ({"note": "  "}, "every change needs a reason"),
        ({"evidence_url": "javascript:alert(1)"}, "must be a web address"),
        ({"evidence_url": "file:///etc/passwd"}, "must be a web address"),
    ],
)
def test_a_wrong_update_is_refused_with_its_reason_and_nothing_is_recorded(
    client, plan, catalogue, fields, message
):
    answer = _update(client, plan, **fields)
    assert answer.status_code == 302
    assert message in client.get(answer.headers["Location"]).get_data(as_text=True)
    assert _updates(catalogue) == []


def test_an_action_that_does_not_exist_is_refused(client, plan, catalogue):
    answer = _update(client, plan, position=999)
    assert answer.status_code == 302 and _updates(catalogue) == []
    assert "has no action 1000" in client.get(answer.headers["Location"]).get_data(as_text=True)


def test_updates_need_an_account_and_a_csrf_token(app, plan, catalogue):
    anonymous = app.test_client()
    path = f"/librarian/reports/{plan['plan']}/actions/0/status"
    data = {"date": "2024-05-01", "status": "complete", "note": "n"}
    assert anonymous.post(path, data=data).status_code in (302, 400)
    signed_in = app.test_client()
    sign_in(signed_in)
    assert signed_in.post(path, data=data).status_code == 400  # no CSRF token
    assert _updates(catalogue) == []


def test_a_note_is_escaped(client, plan):
    _update(client, plan, note="<script>alert(1)</script>")
    page = client.get(f"/librarian/reports/{plan['plan']}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_overdue_actions_are_on_the_work_queue_until_complete(client, plan, catalogue):
    with catalogue.session() as session:
        action = session.get(Report, plan["plan"]).actions[0]
        action.due, action.status = "2020-01", "in progress"
        text = action.action
    queue = client.get("/librarian/").get_data(as_text=True)
    assert "Overdue actions" in queue and text in queue
    _update(client, plan, status="complete")
    queue = client.get("/librarian/").get_data(as_text=True)
    assert text not in queue.split('id="overdue-actions"')[1].split("<h2")[0]


def test_overdue_is_past_the_timescale_and_not_complete():
    today = dt.date(2025, 4, 1)
    assert is_overdue("2025-03", "in progress", today)
    assert not is_overdue("2025-04", None, today)  # due at the end of April
    assert is_overdue("2025-03-31", None, today)
    assert not is_overdue("2025-03-31", "complete", today)
    assert not is_overdue(None, None, today)
