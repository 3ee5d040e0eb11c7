"""The crawler's commands: ``casereview crawl``, ``casereview sources``, ``casereview sites serve``."""

from __future__ import annotations

import json
import sys
from collections import Counter

import click
from sqlalchemy import func, select

from casereview.catalogue import Catalogue, CrawlRun, ListingPage, Source, locks
from casereview.config import Config
from index_mappings.reconcile import reconcile_from_config

from .registry import RegistryError, configured_registry, select_sources
from .runner import run_crawl

# The exit code of a crawl refused because another one runs (EX_TEMPFAIL: try again later).
CRAWL_ALREADY_RUNNING = 75


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


def check_crawl(config: Config, sources: str | None) -> None:
    """Refuse (a usage error) a crawl of unknown sources, or of real sites without a contact."""
    try:
        select_sources(configured_registry(config), sources)
    except RegistryError as error:
        raise click.UsageError(str(error)) from None
    if not config.crawl_sites_url and not config.crawl_contact:
        raise click.UsageError(
            "set CASEREVIEW_CRAWL_CONTACT to a URL or email where publishers can reach you "
            "(it goes into the User-Agent) before crawling real sites"
        )


@click.command()
@click.option(
    "--source", "sources", default=None, help="Crawl only these sources (comma-separated keys)."
)
def crawl(sources: str | None):
    """Crawl the publishers in the registry (or --source ones) and summarise what changed."""
    config = _config()
    check_crawl(config, sources)
    try:
        summary = run_crawl(config, sources, progress=_progress)
    except locks.LockHeld as held:
        click.echo(f"another crawl is running: {held}; this one does not start", err=True)
        sys.exit(CRAWL_ALREADY_RUNNING)
    click.echo("", err=True)
    click.echo(summary.text())
    click.echo(reconcile_from_config(config).text())
    if summary.returncode:
        click.secho(
            f"the crawl ended with code {summary.returncode}; log: {config.data_dir / 'logs' / 'crawl.log'}",
            fg="red",
            err=True,
        )
        sys.exit(1)


NATION_ORDER = ("England", "Wales", "Scotland", "Northern Ireland", "all")


def crawled_successfully(session) -> set[str]:
    """Sources crawled successfully at least once: a crawl of theirs finished and one of their
    listing pages was read."""
    finished = set(session.scalars(select(CrawlRun.source).where(CrawlRun.status == "finished")))
    read = set(session.scalars(select(ListingPage.source)))
    return finished & read


def source_table(catalogue: Catalogue, registry: dict) -> list[dict]:
    """Each registry entry with its last crawl and its documents (live and gone)."""
    rows = []
    with catalogue.session() as session:
        counts = Counter()
        for publisher, gone, n in session.execute(
            select(Source.publisher, Source.gone_since.is_not(None), func.count())
            .where(Source.sha256.is_not(None))
            .group_by(Source.publisher, Source.gone_since.is_not(None))
        ):
            counts[(publisher, bool(gone))] += n
        succeeded = crawled_successfully(session)
        for key, entry in registry.items():
            last = session.scalar(
                select(CrawlRun).where(CrawlRun.source == key).order_by(CrawlRun.id.desc()).limit(1)
            )
            rows.append(
                {
                    "key": key,
                    "name": entry.name,
                    "nation": entry.nation,
                    "modes": list(entry.modes),
                    "website": entry.website,
                    "start_url": entry.entry_urls[0] if entry.entry_urls else "",
                    "reviews_page_known": bool(entry.start_urls),
                    "crawled_ok": key in succeeded,
                    "last_crawl": last.started_at.isoformat(timespec="seconds") if last else None,
                    "last_status": last.status if last else None,
                    "documents": counts[(key, False)],
                    "gone": counts[(key, True)],
                    "errors": sum(last.errors.values()) if last else 0,
                }
            )
    return rows


def coverage(rows: list[dict]) -> list[dict]:
    """Per nation, then in total: publishers listed, with a known reviews page, with a website
    only (found by discovery), with no website known, and crawled successfully at least once."""

    def tally(nation: str, group: list[dict]) -> dict:
        return {
            "nation": nation,
            "listed": len(group),
            "reviews_page_known": sum(r["reviews_page_known"] for r in group),
            "website_only": sum(bool(r["website"]) and not r["reviews_page_known"] for r in group),
            "no_website": sum(not r["website"] and not r["reviews_page_known"] for r in group),
            "crawled_ok": sum(r["crawled_ok"] for r in group),
        }

    nations = [n for n in NATION_ORDER if any(r["nation"] == n for r in rows)]
    return [tally(n, [r for r in rows if r["nation"] == n]) for n in nations] + [
        tally("total", rows)
    ]


def _coverage_text(table: list[dict]) -> str:
    lines = [
        f"{'nation':17} {'listed':>6} {'reviews page':>12} {'website only':>12} "
        f"{'no website':>10} {'crawled ok':>10}"
    ]
    for row in table:
        nation = "UK-wide" if row["nation"] == "all" else row["nation"]
        lines.append(
            f"{nation:17} {row['listed']:>6} {row['reviews_page_known']:>12} "
            f"{row['website_only']:>12} {row['no_website']:>10} {row['crawled_ok']:>10}"
        )
    return "\n".join(lines)


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the coverage and the table as JSON.")
def sources(as_json: bool):
    """The source registry: coverage per nation (listed, with a known reviews page, crawled
    successfully at least once), then each source with its last crawl and document counts."""
    config = _config()
    catalogue = Catalogue.from_config(config)
    try:
        rows = source_table(catalogue, configured_registry(config))
    finally:
        catalogue.close()
    if as_json:
        click.echo(json.dumps({"coverage": coverage(rows), "sources": rows}, indent=2))
        return
    click.echo(_coverage_text(coverage(rows)))
    click.echo("")
    click.echo(
        f"{'source':28} {'nation':17} {'read as':14} {'last crawl':20} {'docs':>5} {'gone':>5}"
    )
    for row in rows:
        read_as = "discovery" if not row["reviews_page_known"] else "reviews page"
        if not row["start_url"]:
            read_as = "no website"
        click.echo(
            f"{row['key']:28} {row['nation']:17} {read_as:14} "
            f"{(row['last_crawl'] or 'never'):20} {row['documents']:>5} {row['gone']:>5}"
        )
