"""The ``casereview`` command: its own subcommands (engine, db, index, serve, demo) and the
stages' command groups, registered from ``COMMANDS``."""

from __future__ import annotations

import importlib
import json
import sys

import click

from casereview import engine_node
from casereview.catalogue import locks
from casereview.search_engine import EngineUnavailable, IndexMissing

from .context import Context, fail, pass_context

# The command groups of the stages, as "module:attribute"; each is added to ``main`` when the
# command loads. A command module needs nothing from this one: it takes its Context from
# ``cli.context``.
COMMANDS = (
    "cli.users:users",
    "cli.backup:backup",
    "cli.backup:restore",
    "cli.ingest:ingest",
    "cli.metadata:metadata",
    "cli.coding:coding",
    "cli.schedule:schedule",
    "cli.schedule:run_scheduled",
    "crawler.commands:crawl",
    "crawler.commands:sources",
    "standins.commands:corpus",
    "standins.commands:sites",
)


class FriendlyGroup(click.Group):
    """Turns the errors a user can act on into one-line messages."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except engine_node.EngineError as error:
            fail(str(error))
        except IndexMissing as error:
            fail(str(error))
        except EngineUnavailable as error:
            fail(f"{error}: start it with `casereview engine start`")
        except (locks.LockHeld, locks.LockLost) as error:
            fail(f"another crawl is running: {error}")


@click.group(cls=FriendlyGroup)
def main():
    """Gather, keep and search published UK child case reviews."""


# engine ---------------------------------------------------------------------------------------


@main.group()
def engine():
    """Run the embedded Elasticsearch node."""


@engine.command("start")
@pass_context
def engine_start(ctx: Context):
    """Fetch (once) and start the embedded node, and wait until it is ready."""
    if ctx.config.elasticsearch_url:
        click.echo(f"using the cluster at {ctx.config.elasticsearch_url}; nothing to start")
        return
    if not engine_node.read_state(ctx.config):
        click.echo("starting Elasticsearch 7.10.2 (the first start fetches it from Maven Central)…")
    state = engine_node.start(ctx.config)
    click.echo(f"engine up at {state.url} (pid {state.pid}); log: {ctx.config.engine_dir}/node.log")


@engine.command("stop")
@pass_context
def engine_stop(ctx: Context):
    """Stop the embedded node."""
    if engine_node.stop(ctx.config):
        click.echo("engine stopped")
    else:
        click.echo("engine was not running")


@engine.command("status")
@click.option("--json", "as_json", is_flag=True, help="Print the status as JSON.")
@pass_context
def engine_status(ctx: Context, as_json: bool):
    """Say whether the engine is up, with its version, address and health."""
    report = engine_node.status(ctx.config)
    if as_json:
        click.echo(json.dumps(report))
    elif report["up"]:
        click.echo(
            f"up: Elasticsearch {report['version']} at {report['url']}, health {report['health']}"
            + (f", pid {report['pid']}" if report["pid"] else "")
        )
    else:
        click.echo(
            f"down ({report['url']})" + (f": {report['error']}" if "error" in report else "")
        )
    sys.exit(0 if report["up"] else 3)


# catalogue ------------------------------------------------------------------------------------


@main.group()
def db():
    """Manage the catalogue database."""


@db.command("upgrade")
@pass_context
def db_upgrade(ctx: Context):
    """Apply the catalogue's schema migrations."""
    ctx.catalogue.upgrade()
    click.echo(f"catalogue up to date: {ctx.config.database_url}")


@db.command("copy")
@click.option("--to", "target_url", required=True, help="SQLAlchemy URL of the target catalogue.")
@click.option("--force", is_flag=True, help="Replace what a non-empty target holds.")
@pass_context
def db_copy(ctx: Context, target_url: str, force: bool):
    """Copy the catalogue (every table, ids kept) into another database, e.g. from SQLite to
    PostgreSQL; the target is migrated first and must be empty unless --force."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, SQLAlchemyError

    from casereview.catalogue.copy import CopyError, copy_catalogue

    try:
        shown = make_url(target_url).render_as_string(hide_password=True)
    except ArgumentError:
        fail(f"not a database URL: {target_url!r} (for example postgresql+psycopg://user@host/db)")
    try:
        copied = copy_catalogue(
            ctx.catalogue,
            target_url,
            force=force,
            progress=lambda table, n: click.echo(f"  {table}: {n} rows"),
        )
    except CopyError as error:
        fail(str(error))
    except SQLAlchemyError as error:
        fail(f"cannot copy to {shown}: {str(error).splitlines()[0]}")
    click.echo(f"{sum(copied.values())} rows in {len(copied)} tables copied to {shown}")


# ingest and index -----------------------------------------------------------------------------


@main.group()
def index():
    """Manage the search index."""


@index.command("rebuild")
@pass_context
def index_rebuild(ctx: Context):
    """Build a fresh index from the catalogue and switch the alias to it (the pending index
    changes it covers are done with it)."""
    from index_mappings.reconcile import rebuild_and_settle

    with click.progressbar(length=0, label="indexing", file=sys.stderr, show_pos=True) as bar:
        name, count, settled = rebuild_and_settle(
            ctx.catalogue, ctx.engine(), ctx.config, progress=lambda _n: bar.update(1)
        )
    click.echo(f"{count} reports indexed into {name}; {ctx.config.alias} now points to it")
    if not settled.caught_up:
        click.echo(settled.text(), err=True)


@index.command("sync")
@pass_context
def index_sync(ctx: Context):
    """Apply the catalogue's pending index changes now (the app does it by itself too)."""
    from index_mappings.reconcile import reconcile

    synced = reconcile(ctx.catalogue, ctx.engine(), ctx.config)
    click.echo(synced.text())
    if synced.error:
        fail(f"the index is not up to date: {synced.error}")


@index.command("status")
@click.option("--json", "as_json", is_flag=True, help="Print the status as JSON.")
@pass_context
def index_status(ctx: Context, as_json: bool):
    """How far the index is behind the catalogue: pending changes and the oldest one's age."""
    from casereview.catalogue import outbox_status

    with ctx.catalogue.session() as session:
        status = outbox_status(session)
    if as_json:
        click.echo(json.dumps(status.as_dict()))
        return
    if not status.pending:
        click.echo("index up to date with the catalogue: nothing pending")
        return
    age = status.oldest_age_seconds()
    click.echo(
        f"{status.pending} pending change(s) for {status.reports} report(s)"
        f" ({status.deletes} take-down(s) or removal(s)); oldest pending for {age:.0f} s"
        f" (since {status.oldest.isoformat(timespec='seconds')} UTC), {status.attempts} attempt(s)"
    )
    if status.last_error:
        click.echo(f"last error: {status.last_error}")


# web ------------------------------------------------------------------------------------------


@main.command()
@click.option("--host", default=None, help="Address to listen on (default WEB_HOST).")
@click.option("--port", default=None, type=int, help="Port to listen on (default WEB_PORT).")
@click.option(
    "--dev",
    is_flag=True,
    help="Werkzeug's development server, reloading on code changes (never in production).",
)
@click.option("--access-log", is_flag=True, help="Log every request to standard output.")
@pass_context
def serve(ctx: Context, host: str | None, port: int | None, dev: bool, access_log: bool):
    """Serve the search app: gunicorn with WEB_WORKERS processes of WEB_THREADS threads (stops
    gracefully on SIGTERM), or with --dev the reloading development server."""
    host = host or ctx.config.web_host
    port = port or ctx.config.web_port
    from search_app.server import gunicorn_options, serve_development, serve_production

    if dev:
        click.echo(f"development server on http://{host}:{port}/ (reloads on code changes)")
        serve_development(host, port)
        return

    options = gunicorn_options(ctx.config, host, port, access_log)
    click.echo(
        f"search app on http://{host}:{port}/ (gunicorn: {options['workers']} workers"
        f" × {options['threads']} threads)"
    )
    serve_production(ctx.config, options)


@main.command()
@click.option("--no-serve", is_flag=True, help="Prepare everything but do not serve the app.")
@pass_context
def demo(ctx: Context, no_serve: bool):
    """Start the engine, serve the stand-in publisher sites on 127.0.0.1 and crawl them, ingest
    and index what was fetched, then serve the app."""
    from standins.sites.crawl import crawl_stand_ins, stand_in_server

    click_ctx = click.get_current_context()
    click_ctx.invoke(engine_start)
    ctx.config.ensure_dirs()
    with stand_in_server(ctx.config) as sites:
        click.echo(f"stand-in publisher sites on {sites.base_url}/; crawling them…")
        summary = crawl_stand_ins(ctx.config, sites)
    click.echo(summary.text())
    if summary.returncode:
        fail(f"the crawl failed; see {ctx.config.data_dir / 'logs' / 'crawl.log'}")
    click_ctx.invoke(main.commands["ingest"], paths=(), pending=True, no_index=True)
    click_ctx.invoke(index_rebuild)
    if not no_serve:
        click_ctx.invoke(serve)


# stage commands -------------------------------------------------------------------------------


def register(group: click.Group, names: tuple[str, ...] = COMMANDS) -> None:
    """Add each "module:attribute" command to ``group``."""
    for name in names:
        module, attribute = name.split(":")
        group.add_command(getattr(importlib.import_module(module), attribute))


register(main)

if __name__ == "__main__":
    main()
