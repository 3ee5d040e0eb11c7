"""The ``casereview`` command and its subcommands."""

from __future__ import annotations

import json
import sys

import click

from . import engine_node
from .archive import Archive
from .catalogue import Catalogue
from .config import Config
from .search_engine import EngineUnavailable, IndexMissing, SearchEngine


class Context:
    """What every subcommand needs, built lazily from the one configuration object."""

    def __init__(self):
        self.config = Config.from_env()
        self._catalogue = None

    @property
    def catalogue(self) -> Catalogue:
        if self._catalogue is None:
            self.config.ensure_dirs()
            self._catalogue = Catalogue.from_config(self.config)
        return self._catalogue

    @property
    def archive(self) -> Archive:
        return Archive(self.config.archive_dir)

    def engine(self) -> SearchEngine:
        return SearchEngine(engine_node.engine_url(self.config))


pass_context = click.make_pass_decorator(Context, ensure=True)


def fail(message: str) -> None:
    """Print a one-line error and exit non-zero, without a traceback."""
    click.secho(f"error: {message}", fg="red", err=True)
    sys.exit(1)


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


# ingest and index -----------------------------------------------------------------------------


@main.group()
def index():
    """Manage the search index."""


@index.command("rebuild")
@pass_context
def index_rebuild(ctx: Context):
    """Build a fresh index from the catalogue and switch the alias to it."""
    from index_mappings.indexer import rebuild

    with click.progressbar(length=0, label="indexing", file=sys.stderr, show_pos=True) as bar:
        name, count = rebuild(
            ctx.catalogue, ctx.engine(), ctx.config, progress=lambda _n: bar.update(1)
        )
    click.echo(f"{count} reports indexed into {name}; {ctx.config.alias} now points to it")


# web ------------------------------------------------------------------------------------------


@main.command()
@click.option("--host", default=None, help="Address to listen on (default WEB_HOST).")
@click.option("--port", default=None, type=int, help="Port to listen on (default WEB_PORT).")
@pass_context
def serve(ctx: Context, host: str | None, port: int | None):
    """Serve the search app."""
    from search_app import create_app

    app = create_app()
    host = host or ctx.config.web_host
    port = port or ctx.config.web_port
    click.echo(f"search app on http://{host}:{port}/")
    app.run(host=host, port=port, threaded=True)


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

from casereview.users.commands import users  # noqa: E402
from crawler.commands import crawl, sources  # noqa: E402
from ingest.commands import ingest as ingest_command  # noqa: E402
from nlp.commands import metadata as metadata_command  # noqa: E402
from standins.commands import corpus, sites  # noqa: E402

for command in (corpus, crawl, sources, sites, ingest_command, metadata_command, users):
    main.add_command(command)

if __name__ == "__main__":
    main()
