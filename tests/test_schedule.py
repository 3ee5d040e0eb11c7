"""Scheduled crawls: the units ``casereview schedule`` writes, and ``casereview run-scheduled``
(crawl, ingest, index sync) against the stand-in sites, with its summary on the librarians'
queue; an overlapping run exits cleanly."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from casereview.catalogue import Catalogue, ScheduledRun, locks
from cli.main import main
from standins.sites.crawl import OVERRIDES, stand_in_server
from tests.conftest import command_env
from tests.librarian_support import add_account, sign_in
from tests.test_sites import shared_documents


def schedule(config, *args, **env):
    environment = {**command_env(config), **env}
    return CliRunner().invoke(main, ["schedule", *args], env=environment)


def test_schedule_prints_a_service_and_a_daily_timer_without_secrets(config):
    printed = schedule(config, "--at", "4:30", CASEREVIEW_SECRET_KEY="do-not-write-me")
    assert printed.exit_code == 0, printed.output
    text = printed.output
    assert "# casereview-crawl.service" in text and "# casereview-crawl.timer" in text
    assert "run-scheduled" in text.split("ExecStart=", 1)[1].splitlines()[0]
    assert "OnCalendar=*-*-* 04:30:00" in text and "WantedBy=timers.target" in text
    assert f'Environment="CASEREVIEW_DATA_DIR={config.data_dir}"' in text
    assert "do-not-write-me" not in text
    assert "set CASEREVIEW_SECRET_KEY in" in text  # told where it goes instead


def test_schedule_install_writes_units_that_systemd_accepts(config, tmp_path):
    installed = schedule(config, "--install", "--dir", str(tmp_path / "units"))
    assert installed.exit_code == 0, installed.output
    written = sorted(p.name for p in (tmp_path / "units").iterdir())
    assert written == ["casereview-crawl.service", "casereview-crawl.timer"]
    if shutil.which("systemd-analyze"):
        verified = subprocess.run(
            ["systemd-analyze", "verify", *sorted(map(str, (tmp_path / "units").iterdir()))],
            capture_output=True,
            text=True,
        )
        assert verified.returncode == 0, verified.stdout + verified.stderr


def test_schedule_cron_line_and_a_bad_time(config, tmp_path):
    line = schedule(config, "--cron", "--at", "03:15", "--source", "derby").output.strip()
    assert line.startswith("# casereview-crawl.cron\n15 3 * * * cd ")
    assert "run-scheduled --source derby >> " in line and "scheduled.log 2>&1" in line
    installed = schedule(config, "--cron", "--install", "--dir", str(tmp_path))
    assert (tmp_path / "casereview-crawl.cron").read_text().count("run-scheduled") == 1
    assert "crontab -" in installed.output
    bad = schedule(config, "--at", "25:00")
    assert bad.exit_code == 2 and "HH:MM" in bad.output


@pytest.fixture
def app(config, catalogue):
    """The app without its own index thread: the run's index sync is what is tested."""
    from search_app import create_app

    return create_app({"TESTING": True, "CASEREVIEW": config, "INDEX_SYNC": False})


def queue_page(app) -> str:
    client = app.test_client()
    sign_in(client)
    return client.get("/librarian/").get_data(as_text=True)


@pytest.mark.parametrize("catalogue_backend", ["postgresql"], indirect=True)
def test_run_scheduled_crawls_ingests_and_indexes_and_shows_on_the_queue(
    config, catalogue, app, search_engine, tmp_path_factory
):
    add_account(catalogue)
    assert "No scheduled run yet" in queue_page(app)
    with stand_in_server(config, port=0, docs_dir=shared_documents(tmp_path_factory)) as server:
        env = {
            **command_env(config),
            **OVERRIDES,
            "CASEREVIEW_CRAWL_SITES_URL": server.base_url,
            "CASEREVIEW_INGEST_WORKERS": "2",
        }
        runner = CliRunner()
        done = runner.invoke(main, ["run-scheduled", "--source", "north-wales,derby"], env=env)
        assert done.exit_code == 0, done.output
        assert "== crawl" in done.output and "== ingest" in done.output

        with catalogue.session() as session:
            run = session.scalars(select(ScheduledRun)).one()
            assert run.status == "succeeded" and run.failures == [] and run.finished_at
            steps = {step["step"]: step["counts"] for step in run.steps}
        assert list(steps) == ["crawl", "ingest", "index sync"]
        assert steps["crawl"]["new"] > 0 and steps["crawl"]["sources"] >= 2
        assert steps["ingest"]["files"] == steps["crawl"]["new"]
        assert steps["index sync"]["pending"] == 0 and steps["index sync"]["indexed"] > 0
        found = search_engine.client.count(index=config.alias)["count"]
        assert found == steps["index sync"]["indexed"]

        page = queue_page(app)
        assert "Last scheduled run" in page and "<strong>succeeded</strong>" in page
        assert (
            f"new {steps['crawl']['new']}" in page and f"files {steps['ingest']['files']}" in page
        )

        # A crawl still running (here: its lock held by this process): the next run exits
        # cleanly, does nothing, and says so.
        holding = locks.acquire(Catalogue(config.database_url), locks.CRAWL_LOCK)
        overlapping = runner.invoke(main, ["run-scheduled", "--source", "derby"], env=env)
        holding.release()
        holding.catalogue.close()
    assert overlapping.exit_code == 0, overlapping.output
    assert "skipped" in overlapping.output and "another crawl is running" in overlapping.output
    with catalogue.session() as session:
        latest = session.scalars(select(ScheduledRun).order_by(ScheduledRun.id.desc())).first()
        assert latest.status == "skipped" and latest.steps == []
    page = queue_page(app)
    assert "<strong>skipped</strong>" in page and "another crawl is running" in page


def test_the_queue_shows_a_failed_run_with_its_failures_escaped(catalogue, app):
    add_account(catalogue)
    with catalogue.session() as session:
        session.add(
            ScheduledRun(
                status="failed",
                steps=[{"step": "index sync", "summary": "", "counts": {"pending": 3}}],
                failures=["index sync: <b>engine</b> cannot be reached"],
            )
        )
    page = queue_page(app)
    assert "<strong>failed</strong>" in page and "pending 3" in page
    assert "index sync: &lt;b&gt;engine&lt;/b&gt; cannot be reached" in page
