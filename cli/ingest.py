"""``casereview ingest``: archive, extract, catalogue and index files, with a summary by state."""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import click

from ingest import pipeline
from ingest.pipeline import IngestResult, find_files

from .context import Context


def duplicates_of(catalogue, report_ids: list[int]) -> list[int]:
    """Reports found to repeat one of ``report_ids`` (they must leave the index too)."""
    from sqlalchemy import select

    from casereview.catalogue import Report

    with catalogue.session() as session:
        return list(
            session.scalars(
                select(Report.id).where(
                    Report.duplicate_of.in_(report_ids), Report.id.not_in(report_ids)
                )
            )
        )


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
    if not no_index:
        from index_mappings.indexer import index_reports

        ids = sorted({r.report_id for r in results if r.report_id is not None and r.new})
        ids += duplicates_of(ctx.catalogue, ids)
        if ids:
            index_reports(ctx.catalogue, ctx.engine(), ctx.config, ids)
    for line in summary_lines(results):
        click.echo(line, err=as_json)
