"""The crawler's commands: ``casereview crawl``, ``casereview sources``, ``casereview sites serve``."""

from __future__ import annotations

import json
import sys
from collections import Counter

import click
from sqlalchemy import func, select

from casereview.catalogue import Catalogue, CrawlRun, Source
from casereview.config import Config

from .registry import RegistryError, load_registry, select_sources
from .runner import run_crawl


def _config() -> Config:
    config = Config.from_env()
    config.ensure_dirs()
    return config


def _progress(runs: list[dict]) -> None:
    pages = sum(r["pages"] for r in runs)
    errors = sum(sum(r["errors"].values()) for r in runs)
    click.echo(
        f"\rcrawling {len(runs)} sources: {pages} pages fetched, {errors} errors",
        nl=False,
        err=True,
    )


@click.command()
@click.option(
    "--source", "sources", default=None, help="Crawl only these sources (comma-separated keys)."
)
def crawl(sources: str | None):
    """Crawl the publishers in the registry (or --source ones) and summarise what changed."""
    config = _config()
    try:
        select_sources(load_registry(), sources)
    except RegistryError as error:
        raise click.UsageError(str(error)) from None
    if not config.crawl_sites_url and not config.crawl_contact:
        raise click.UsageError(
            "set CASEREVIEW_CRAWL_CONTACT to a URL or email where publishers can reach you "
            "(it goes into the User-Agent) before crawling real sites"
        )
    summary = run_crawl(config, sources, progress=_progress)
    click.echo("", err=True)
    click.echo(summary.text())
    if summary.returncode:
        click.secho(
            f"the crawl ended with code {summary.returncode}; log: {config.data_dir / 'logs' / 'crawl.log'}",
            fg="red",
            err=True,
        )
        sys.exit(1)


def source_table(catalogue: Catalogue) -> list[dict]:
    """Each registry entry with its last crawl and its documents (live and gone)."""
    registry = load_registry()
    rows = []
    with catalogue.session() as session:
        counts = Counter()
        for publisher, gone, n in session.execute(
            select(Source.publisher, Source.gone_since.is_not(None), func.count())
            .where(Source.sha256.is_not(None))
            .group_by(Source.publisher, Source.gone_since.is_not(None))
        ):
            counts[(publisher, bool(gone))] += n
        for key, entry in registry.items():
            last = session.scalar(
                select(CrawlRun).where(CrawlRun.source == key).order_by(CrawlRun.id.desc()).limit(1)
            )
            rows.append(
                {
                    "key": key,
                    "name": entry.name,
                    "nation": entry.nation,
                    "shape": entry.shape,
                    "start_url": entry.entry_urls[0] if entry.entry_urls else "",
                    "last_crawl": last.started_at.isoformat(timespec="seconds") if last else None,
                    "last_status": last.status if last else None,
                    "documents": counts[(key, False)],
                    "gone": counts[(key, True)],
                    "errors": sum(last.errors.values()) if last else 0,
                }
            )
    return rows


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the table as JSON.")
def sources(as_json: bool):
    """List the source registry with each source's last crawl and document counts."""
    catalogue = Catalogue.from_config(_config())
    try:
        rows = source_table(catalogue)
    finally:
        catalogue.close()
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    click.echo(
        f"{'source':24} {'nation':17} {'shape':19} {'last crawl':20} {'docs':>5} {'gone':>5}"
    )
    for row in rows:
        click.echo(
            f"{row['key']:24} {row['nation']:17} {row['shape']:19} "
            f"{(row['last_crawl'] or 'never'):20} {row['documents']:>5} {row['gone']:>5}"
        )
