"""Scheduled crawls: ``casereview run-scheduled`` (crawl, then ingest what was fetched, then
bring the index up to date, with a summary kept in the catalogue for the librarians' queue) and
``casereview schedule`` (the systemd timer or cron line that runs it)."""

from __future__ import annotations

import os
import shlex
import sys
from collections import Counter
from pathlib import Path

import click
from sqlalchemy.engine import make_url

from casereview.catalogue import ScheduledRun, ScheduledRunStatus, locks, utcnow
from casereview.config import PREFIX, SECRET, SETTINGS
from crawler.commands import check_crawl
from crawler.runner import run_crawl
from index_mappings.reconcile import reconcile
from ingest import pipeline

from .context import Context
from .ingest import summary_lines

UNIT = "casereview-crawl"
# The whole run (crawl, ingest, sync) holds this lock; the crawl inside it the crawl lock too.
SCHEDULED_LOCK = "scheduled run"


def _context() -> Context:
    return click.get_current_context().ensure_object(Context)


# the steps of one run --------------------------------------------------------------------------


def crawl_step(ctx: Context, sources: str | None) -> tuple[dict, list[str]]:
    summary = run_crawl(ctx.config, sources)
    failures = []
    if summary.returncode:
        failures.append(f"crawl: ended with code {summary.returncode} (see logs/crawl.log)")
    counts = {k: summary.counts[k] for k in ("new", "changed", "unchanged", "gone")}
    return {
        "step": "crawl",
        "summary": summary.text(),
        "counts": {**counts, "sources": len(summary.runs), "errors": sum(summary.errors.values())},
    }, failures


def ingest_step(ctx: Context, _sources) -> tuple[dict, list[str]]:
    results = pipeline.ingest_pending(ctx.catalogue, ctx.archive, ctx.config)
    states = Counter(result.state for result in results)
    failed = sum(n for state, n in states.items() if state in pipeline.FAILED_STATES)
    failures = (
        [f"ingest: {failed} file(s) could not be read (see the work queue)"] if failed else []
    )
    return {
        "step": "ingest",
        "summary": "\n".join(summary_lines(results)),
        "counts": {"files": len(results), **states},
    }, failures


def index_step(ctx: Context, _sources) -> tuple[dict, list[str]]:
    synced = reconcile(ctx.catalogue, ctx.engine(), ctx.config)
    failures = [f"index sync: {synced.error}"] if synced.error else []
    return {
        "step": "index sync",
        "summary": synced.text(),
        "counts": {"indexed": synced.indexed, "removed": synced.deleted, "pending": synced.pending},
    }, failures


STEPS = (crawl_step, ingest_step, index_step)


def _record(ctx: Context, run_id: int | None, **values) -> int:
    with ctx.catalogue.session() as session:
        run = session.get(ScheduledRun, run_id) if run_id else None
        if run is None:
            run = ScheduledRun(steps=[], failures=[])
            session.add(run)
        for name, value in values.items():
            setattr(run, name, value)
        session.flush()
        return run.id


def run_steps(ctx: Context, sources: str | None) -> tuple[str, list[dict], list[str]]:
    """Every step, each after the one before even if it failed (what was fetched is still
    worth ingesting); the crawl lock held by another crawl skips the whole run."""
    steps, failures = [], []
    for step in STEPS:
        try:
            done, failed = step(ctx, sources)
        except locks.LockHeld as held:
            return (
                ScheduledRunStatus.SKIPPED,
                steps,
                [f"skipped: another crawl is running ({held})"],
            )
        except Exception as error:  # one step's failure is recorded; the next steps still run
            done, failed = (
                {"step": step.__name__.removesuffix("_step"), "summary": ""},
                [f"{step.__name__.removesuffix('_step')}: {type(error).__name__}: {error}"],
            )
        steps.append(done)
        failures += failed
    return (
        (ScheduledRunStatus.FAILED if failures else ScheduledRunStatus.SUCCEEDED),
        steps,
        failures,
    )


@click.command("run-scheduled")
@click.option(
    "--source", "sources", default=None, help="Crawl only these sources (comma-separated keys)."
)
def run_scheduled(sources: str | None):
    """Crawl, ingest what was fetched and sync the index, in one go (what the timer runs); the
    summary is kept for the librarians' queue. Exits 0 without doing anything while another
    crawl runs."""
    ctx = _context()
    check_crawl(ctx.config, sources)
    try:
        whole = locks.acquire(ctx.catalogue, SCHEDULED_LOCK)
    except locks.LockHeld as held:
        status, steps, failures = ScheduledRunStatus.SKIPPED, [], [f"skipped: {held}"]
        _record(ctx, None, status=status, finished_at=utcnow(), failures=failures)
        click.echo(f"another scheduled run is going on ({held}); this one is skipped")
        return
    with whole:
        run_id = _record(ctx, None, status=ScheduledRunStatus.RUNNING)
        status, steps, failures = run_steps(ctx, sources)
        _record(ctx, run_id, status=status, steps=steps, failures=failures, finished_at=utcnow())
    for step in steps:
        click.echo(f"== {step['step']}\n{step['summary']}")
    for failure in failures:
        click.echo(failure, err=True)
    if status == ScheduledRunStatus.SKIPPED:
        click.echo("this scheduled run is skipped; the running crawl will be followed up")
    elif status == ScheduledRunStatus.FAILED:
        sys.exit(1)


# the schedule ----------------------------------------------------------------------------------


def _secret(name: str, value: str) -> bool:
    """Whether a setting's value must stay out of a unit file (passwords, keys, a database
    URL with a password in it)."""
    kinds = {setting.name: setting.kind for setting in SETTINGS}
    if kinds.get(name.removeprefix(PREFIX)) is SECRET:
        return True
    if name == PREFIX + "DATABASE_URL" and value:
        try:
            return make_url(value).password is not None
        except Exception:
            return True
    return False


def unit_environment(environ=None) -> tuple[dict[str, str], list[str]]:
    """The ``CASEREVIEW_*`` settings of this environment to run with: {name: value} written
    into the unit, and the names of secrets left to an environment file."""
    environ = os.environ if environ is None else environ
    known = {PREFIX + setting.name for setting in SETTINGS}
    chosen, secrets = {}, []
    for name in sorted(set(environ) & known):
        if _secret(name, environ[name]):
            secrets.append(name)
        else:
            chosen[name] = environ[name]
    chosen[PREFIX + "DATA_DIR"] = str(_context().config.data_dir)  # absolute, whatever was given
    return chosen, secrets


def command_line(sources: str | None) -> list[str]:
    executable = Path(sys.executable).parent / "casereview"
    argv = [str(executable)] if executable.exists() else [sys.executable, "-m", "cli"]
    return [*argv, "run-scheduled", *(["--source", sources] if sources else [])]


def systemd_units(
    at: str, environment: dict[str, str], env_file: Path, argv: list[str]
) -> dict[str, str]:
    """{file name: text} of the service (one run) and the timer (daily at ``at``)."""
    hour, minute = at.split(":")
    variables = "".join(
        f'Environment="{name}={value}"\n' for name, value in sorted(environment.items())
    )
    service = (
        "[Unit]\n"
        "Description=Case reviews: crawl the publishers, ingest and sync the index\n"
        "Wants=network-online.target\nAfter=network-online.target\n\n"
        "[Service]\nType=oneshot\n"
        f"WorkingDirectory={os.getcwd()}\n"
        f"{variables}"
        f"EnvironmentFile=-{env_file}\n"
        f"ExecStart={shlex.join(argv)}\n"
    )
    timer = (
        "[Unit]\nDescription=Daily crawl, ingest and index sync of the case reviews\n\n"
        f"[Timer]\nOnCalendar=*-*-* {int(hour):02d}:{int(minute):02d}:00\n"
        "Persistent=true\nRandomizedDelaySec=600\n\n"
        "[Install]\nWantedBy=timers.target\n"
    )
    return {f"{UNIT}.service": service, f"{UNIT}.timer": timer}


def cron_line(at: str, environment: dict[str, str], argv: list[str], log: Path) -> str:
    hour, minute = at.split(":")
    variables = " ".join(f"{name}={shlex.quote(value)}" for name, value in environment.items())
    return (
        f"{int(minute)} {int(hour)} * * * cd {shlex.quote(os.getcwd())} && "
        f"{variables} {shlex.join(argv)} >> {shlex.quote(str(log))} 2>&1"
    )


def _time_of_day(_ctx, _param, value: str) -> str:
    try:
        hour, minute = (int(part) for part in value.split(":"))
    except ValueError:
        raise click.BadParameter("give the time as HH:MM, e.g. 03:30") from None
    if not (0 <= hour < 24 and 0 <= minute < 60):
        raise click.BadParameter("give the time as HH:MM, e.g. 03:30")
    return f"{hour:02d}:{minute:02d}"


@click.command()
@click.option("--cron", is_flag=True, help="A crontab line instead of systemd units.")
@click.option(
    "--at", default="03:00", show_default=True, callback=_time_of_day, help="Time of day, HH:MM."
)
@click.option("--source", "sources", default=None, help="Crawl only these sources.")
@click.option("--install", is_flag=True, help="Write the files to --dir instead of printing.")
@click.option(
    "--dir",
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path.home() / ".config" / "systemd" / "user",
    show_default=True,
    help="Where --install writes the files.",
)
def schedule(cron: bool, at: str, sources: str | None, install: bool, directory: Path):
    """Print (or --install) a systemd service and timer, or a cron line, that runs
    `casereview run-scheduled` daily: crawl, ingest, index sync."""
    config = _context().config
    environment, secrets = unit_environment()
    env_file = Path.home() / ".config" / "casereview" / "env"
    argv = command_line(sources)
    if cron:
        files = {
            f"{UNIT}.cron": cron_line(
                at, environment, argv, config.data_dir / "logs" / "scheduled.log"
            )
            + "\n"
        }
    else:
        files = systemd_units(at, environment, env_file, argv)
    if secrets:
        where = "the environment of the cron job" if cron else str(env_file)
        click.echo(
            f"# set {', '.join(secrets)} in {where} (secrets are not written here)", err=True
        )
    if not install:
        for name, text in files.items():
            click.echo(f"# {name}\n{text}")
        return
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (directory / name).write_text(text)
        click.echo(f"wrote {directory / name}")
    if cron:
        click.echo(f"add it with: (crontab -l; cat {directory / f'{UNIT}.cron'}) | crontab -")
    else:
        click.echo(
            f"then: systemctl --user daemon-reload && systemctl --user enable --now {UNIT}.timer"
        )
