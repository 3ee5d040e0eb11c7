"""``casereview db copy --to URL``: a SQLite catalogue moved to PostgreSQL loses nothing."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from casereview import curation, users
from casereview.catalogue import (
    Action,
    ActionUpdate,
    Catalogue,
    ClusterLink,
    CrawlRun,
    ListingPage,
    RejectedLink,
    Report,
    ScheduledRun,
    Source,
    locks,
)
from casereview.catalogue.copy import catalogue_tables
from cli.main import main
from coding import codebook, corpus, passages, projects
from tests.conftest import command_env
from tests.librarian_support import PASSWORD, make_report


def fill_every_table(catalogue: Catalogue, archive, tmp_path) -> None:
    """Something in each table, through the code that writes it where it is cheap to run."""
    first = make_report(catalogue, archive, tmp_path, "Review of Child F", "Neglect.")
    second = make_report(catalogue, archive, tmp_path, "Review of Child F (copy)", "Neglect.")
    with catalogue.session() as session:
        # A report repeating one with a larger id: the copy must not trip over the order.
        session.get(Report, first).duplicate_of = second
        session.add(Source(report_id=second, sha256="c" * 64, url="https://b.example/f.pdf"))
        session.add(CrawlRun(source="board", counts={"new": 1}, errors={}, error_log=[]))
        session.add(ListingPage(source="board", url="https://b.example/", listing={"pages": []}))
        session.add(RejectedLink(source="board", url="https://b.example/x", kind="form"))
        session.add(ScheduledRun(status="succeeded", steps=[{"step": "crawl"}], failures=[]))
        session.add(
            Action(report_id=second, position=0, action="Audit the referrals", due="2025-03")
        )
        session.add(
            ActionUpdate(
                report_id=second,
                position=0,
                date="2025-04-01",
                status="complete",
                note="Done.",
                actor="lib",
            )
        )
        session.add(ClusterLink(first="c1", second="c2", kind="merge", reason="same", actor="lib"))
    services = curation.Services(catalogue, archive, None, None)
    curation.edit_field(services, second, "year", "2021", "lib", "the title page says 2021")
    curation.suppress(services, [second], "court order", "order 7", "lib")
    users.add_user(catalogue, "lib", "librarian", PASSWORD)
    users.sign_in(catalogue, "lib", "wrong password here", "127.0.0.1")
    locks.acquire(catalogue, locks.CRAWL_LOCK)
    fill_a_coding_project(catalogue, archive, tmp_path)


def fill_a_coding_project(catalogue: Catalogue, archive, tmp_path) -> None:
    """A researcher's project with a member, a review, a code and a coded passage."""
    coded = make_report(catalogue, archive, tmp_path, "Review of Child H", "The child was unseen.")
    owner = users.add_user(catalogue, "olwen", "researcher", PASSWORD)
    users.add_user(catalogue, "carys", "researcher", PASSWORD)
    project = projects.create_project(catalogue, owner, "Triple coding", "What is learnt?")
    projects.add_member(catalogue, owner, project, "carys")
    corpus.add_reviews(catalogue, owner, project, [coded])
    code = codebook.add_code(catalogue, owner, project, "Voice of the child")
    passages.apply_codes(catalogue, owner, project, coded, 1, 0, 6, [code], "a memo")


def dump(url: str) -> dict[str, list[dict]]:
    catalogue = Catalogue(url)
    with catalogue.engine.connect() as connection:
        tables = {
            table.name: [
                dict(row)
                for row in connection.execute(
                    select(table).order_by(*table.primary_key.columns)
                ).mappings()
            ]
            for table in catalogue_tables()
        }
    catalogue.close()
    return tables


def test_a_sqlite_catalogue_copied_to_postgresql_loses_nothing(
    tmp_path, config, catalogue, archive, postgres_cluster
):
    fill_every_table(catalogue, archive, tmp_path)
    before = dump(config.database_url)
    assert all(before.values()), f"tables left empty: {[t for t, r in before.items() if not r]}"
    target = postgres_cluster.new_empty_url()
    runner = CliRunner()
    env = command_env(config)

    copied = runner.invoke(main, ["db", "copy", "--to", target], env=env)
    assert copied.exit_code == 0, copied.output
    total = sum(len(rows) for rows in before.values())
    assert f"{total} rows in {len(before)} tables copied" in copied.output
    after = dump(target)
    assert after == before  # every row of every table, audit log and curation included

    # Ids go on from the copied ones: new rows do not collide.
    moved = Catalogue(target)
    newest = make_report(moved, archive, tmp_path, "Review of Child G")
    assert newest > max(r["id"] for r in before["reports"])
    moved.close()

    refused = runner.invoke(main, ["db", "copy", "--to", target], env=env)
    assert refused.exit_code == 1
    assert "the target catalogue is not empty" in refused.output and "--force" in refused.output
    assert len(dump(target)["reports"]) == len(before["reports"]) + 1

    forced = runner.invoke(main, ["db", "copy", "--to", target, "--force"], env=env)
    assert forced.exit_code == 0, forced.output
    assert dump(target) == before
    postgres_cluster.drop(target)


@pytest.mark.parametrize(
    "url", ["not a url", "postgresql+psycopg://nobody@/none?host=/nonexistent"]
)
def test_a_bad_target_is_a_clear_error(config, catalogue, url):
    done = CliRunner().invoke(main, ["db", "copy", "--to", url], env=command_env(config))
    assert done.exit_code == 1
    assert done.output.startswith("error: ") and "Traceback" not in done.output
