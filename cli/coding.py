"""``casereview coding``: a project's exports (coded excerpts as CSV or JSON, the REFI-QDA
project and codebook), a REFI-QDA codebook's import, and re-anchoring coded passages.

A command acts as one researcher (``--as NAME``) and sees what that account sees in the web app.
Loading this module (every ``casereview`` command does) also hooks the re-anchoring into
ingest, so ``casereview ingest --retry-failed`` moves coded passages with the new text."""

from __future__ import annotations

import json
from pathlib import Path

import click

from casereview.users import Account, list_users, normal_name
from coding import CodingError, anchoring, export, projects, qdpx
from search_app.research import csv_stream

from .context import Context, fail, pass_context

FORMATS = ("qdpx", "csv", "json", "qdc")


def _account(ctx: Context, name: str) -> Account:
    wanted = normal_name(name)
    for user in list_users(ctx.catalogue):
        if user.name == wanted and user.active and user.role == projects.RESEARCHER:
            return Account.of(user)
    fail(f"there is no active researcher account called {name!r}")


def _exported(ctx: Context, account: Account, project_id: int, kind: str) -> bytes:
    if kind == "qdc":
        return qdpx.codebook_qdc(ctx.catalogue, account, project_id)
    found = export.project_excerpts(ctx.catalogue, account, project_id)
    if kind == "qdpx":
        return qdpx.project_qdpx(ctx.catalogue, account, project_id, found).data
    if kind == "csv":
        rows = (e.as_row() for e in found.excerpts)
        return "".join(csv_stream(rows, export.EXCERPT_FIELDS)).encode("utf-8")
    return json.dumps(export.excerpts_json(found), ensure_ascii=False, indent=1).encode("utf-8")


@click.group()
def coding():
    """Export and import researchers' coding projects."""


@coding.command("export")
@click.argument("project_id", type=int)
@click.option("--as", "name", required=True, help="The researcher account to act as.")
@click.option("--format", "kind", type=click.Choice(FORMATS), default="qdpx", show_default=True)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
    help="The file to write.",
)  # fmt: skip
@pass_context
def coding_export(ctx: Context, project_id: int, name: str, kind: str, output: Path):
    """Write a project as a REFI-QDA project (.qdpx), its codebook (.qdc), or its coded
    excerpts (CSV or JSON)."""
    account = _account(ctx, name)
    try:
        data = _exported(ctx, account, project_id, kind)
    except CodingError as error:
        fail(str(error))
    output.write_bytes(data)
    click.echo(f"wrote {output} ({len(data)} bytes)")


@coding.command("import-qdc")
@click.argument("project_id", type=int)
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--as", "name", required=True, help="The researcher account to act as.")
@pass_context
def coding_import_qdc(ctx: Context, project_id: int, path: Path, name: str):
    """Add a REFI-QDA codebook's codes (.qdc) to a project's codebook, kept in its history."""
    account = _account(ctx, name)
    with path.open("rb") as handle:
        data = handle.read(qdpx.MAX_QDC_BYTES + 1)
    try:
        done = qdpx.import_qdc(ctx.catalogue, account, project_id, data)
    except CodingError as error:
        fail(str(error))
    click.echo(f"{done.added} code(s) imported; {done.present} already in the codebook")


@coding.command("reanchor")
@pass_context
def coding_reanchor(ctx: Context):
    """Find every coded passage again in its document's stored text (after extractions run
    without the coding stage loaded); list the ones that cannot be found."""
    done = anchoring.reanchor_all(ctx.catalogue)
    moved = ", ".join(f"{method}: {n}" for method, n in sorted(done.moved.items())) or "none"
    click.echo(f"in place: {done.in_place}; moved ({moved}); not found: {len(done.lost)}")
    if done.lost:
        click.echo("not found (passage ids): " + ", ".join(map(str, done.lost)))
