"""``casereview ingest``: archive, extract and catalogue files, with a summary by state; then the
index catches up with the catalogue (``index_mappings.reconcile``), whatever earlier runs left."""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import click

from ingest import pipeline
from ingest.pipeline import IngestResult, find_files

from .context import Context


def _context() -> Context:
    return click.get_current_context().ensure_object(Context)


def reason_kind(reason: str | None) -> str | None:
    """The kind of a failure reason ("corrupt: …" -> "corrupt")."""
    return reason.split(":", 1)[0] if reason else None


def summary_lines(results: list[IngestResult]) -> list[str]:
    """How many files ended in each state, with the kinds of reasons, new ones counted."""
    new = sum(r.new for r in results)
    lines = [f"{len(results)} files: {new} new" if results else "nothing to do"]
    by_state = defaultdict(Counter)
    for result in results:
        by_state[result.state][reason_kind(result.reason)] += 1
    for state, reasons in sorted(by_state.items()):
        kinds = ", ".join(f"{kind}: {n}" for kind, n in sorted(reasons.items()) if kind)
        lines.append(f"  {state}: {sum(reasons.values())}" + (f" ({kinds})" if kinds else ""))
    return lines


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--pending",
    is_flag=True,
    help="Also catalogue archived files that the crawler fetched, and resume pending ones.",
)
@click.option(
    "--retry-failed", is_flag=True, help="Extract quarantined and OCR-failed reports again."
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON line per file.")
@click.option("--no-index", is_flag=True, help="Catalogue only; do not update the index.")
def ingest(paths, pending: bool, retry_failed: bool, as_json: bool, no_index: bool):
    """Archive, extract and catalogue PDF, HTML and DOCX files (or folders of them), then
    index them."""
    ctx = _context()
    if not paths and not pending and not retry_failed:
        raise click.UsageError("name files or folders to ingest, or use --pending / --retry-failed")
    files = list(find_files(paths))
    results = []
    with click.progressbar(
        length=len(files), label="ingesting", file=sys.stderr, show_pos=True
    ) as bar:
        results += pipeline.ingest_paths(
            files, ctx.catalogue, ctx.archive, ctx.config, on_result=lambda _r: bar.update(1)
        )
    runs = [
        (pending, pipeline.ingest_pending, "pending"),
        (retry_failed, pipeline.retry_failed, "retrying"),
    ]
    for wanted, run, label in runs:
        if wanted:
            with click.progressbar(length=0, label=label, file=sys.stderr, show_pos=True) as bar:
                results += run(
                    ctx.catalogue, ctx.archive, ctx.config, on_result=lambda _r: bar.update(1)
                )
    if as_json:
        for result in results:
            click.echo(json.dumps(result.as_dict()))
    synced = None
    if not no_index:
        from index_mappings.reconcile import reconcile

        synced = reconcile(ctx.catalogue, ctx.engine(), ctx.config)
    lines = summary_lines(results)
    if synced is not None and not results and (synced.indexed or synced.deleted):
        lines = ["no files to do"]
    for line in lines:
        click.echo(line, err=as_json)
    if synced is not None:
        click.echo(synced.text(), err=as_json)
        if synced.error:
            click.echo(
                "the catalogue has every change; the index catches up when the engine answers"
                " (the app does it by itself, or run `casereview index sync`)",
                err=True,
            )
