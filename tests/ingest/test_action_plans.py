"""Ingest stores an action plan's rows as actions in the catalogue; other documents have none."""

from __future__ import annotations

from sqlalchemy import select

from casereview.catalogue import Action, Report, ReportState
from ingest.pipeline import ingest_paths, plan_actions
from standins.corpus.action_plans import generate_plans

from .test_batch import review_pdf


def test_an_action_plans_rows_become_actions_in_the_catalogue(tmp_path, catalogue, archive, config):
    plans = generate_plans(tmp_path / "in", seed=11, count=3)
    review_pdf(tmp_path / "in" / "report.pdf", code="CPR FLINT 2")
    results = ingest_paths([tmp_path / "in"], catalogue, archive, config)
    assert {r.state for r in results} == {ReportState.INDEXED}
    with catalogue.session() as session:
        by_name = {r.filename: r for r in session.scalars(select(Report))}
        assert by_name["report.pdf"].actions == []
        for plan in plans:
            report = by_name[plan.path.rsplit("/", 1)[-1]]
            assert report.document_role == "action plan"
            stored = [(a.recommendation_number, a.agency, a.due, a.page) for a in report.actions]
            expected = [
                (a["recommendation_number"], a["agency"], a["due"], a["page"]) for a in plan.actions
            ]
            assert stored == expected
            assert [a.position for a in report.actions] == list(range(len(stored)))
        count = session.scalar(select(Action.id).order_by(Action.id.desc()).limit(1))
    # Ingesting again writes nothing twice.
    ingest_paths([tmp_path / "in"], catalogue, archive, config)
    with catalogue.session() as session:
        assert session.scalar(select(Action.id).order_by(Action.id.desc()).limit(1)) == count


def test_only_an_action_plan_keeps_its_actions():
    extraction = {"actions": [{"action": "Audit", "agency": "board", "page": 2, "other": 1}]}
    [action] = plan_actions(extraction, "action plan")
    assert (action.action, action.agency, action.page, action.position) == ("Audit", "board", 2, 0)
    assert plan_actions(extraction, "final report") == []
