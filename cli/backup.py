"""``casereview backup`` and ``casereview restore``: the catalogue, the archive and the index
to a folder and back (``index_mappings.backup``)."""

from __future__ import annotations

from pathlib import Path

import click

from casereview.backup import BackupError
from casereview.search_engine import EngineUnavailable
from index_mappings.backup import restore_backup, write_backup

from .context import Context, fail, pass_context

FOLDER = click.Path(file_okay=False, path_type=Path)
COPY_HELP = (
    "Copy files instead of hard-linking them (links share the live files' disk blocks; "
    "copies survive damage to them)."
)


def backup_lines(manifest: dict, target: Path) -> list[str]:
    """What a backup holds, one line per part."""
    catalogue, archive, index = manifest["catalogue"], manifest["archive"], manifest["index"]
    tables = catalogue["tables"]
    lines = [
        f"catalogue: {tables.get('reports', 0)} reports, {tables.get('audit_log', 0)} audit "
        f"entries ({sum(tables.values())} rows) by {catalogue['tool']}",
        f"archive: {archive['files']} files, {archive['bytes'] / 1e6:.1f} MB "
        f"({archive['linked']} linked, {archive['copied']} copied)",
    ]
    if "skipped" in index:
        lines.append(f"index: not in this backup ({index['skipped']}); a restore rebuilds it")
    else:
        lines.append(f"index: snapshot of {index['index']}, {index['documents']} documents")
        if not index["consistent"]:
            lines.append(
                "the catalogue kept changing during the backup: a restore rebuilds the index "
                "from the catalogue instead of using the snapshot"
            )
    if archive["damaged"]:
        lines.append(
            f"warning: {len(archive['damaged'])} archive file(s) no longer match their SHA-256 "
            f"in the live archive, e.g. {archive['damaged'][0]}"
        )
    lines.append(f"backup written to {target}; its manifest is {target / 'manifest.json'}")
    return lines


@click.command()
@click.argument("directory", type=FOLDER)
@click.option("--no-index", is_flag=True, help="Leave the index out; a restore rebuilds it.")
@click.option("--copy", is_flag=True, help=COPY_HELP)
@pass_context
def backup(ctx: Context, directory: Path, no_index: bool, copy: bool):
    """Write a consistent backup of the catalogue, the archive and the index into DIRECTORY
    (new or empty), with a manifest of what it holds."""
    try:
        manifest = write_backup(
            ctx.config, directory, engine=None if no_index else ctx.engine(), copy=copy
        )
    except BackupError as error:
        fail(str(error))
    except EngineUnavailable as error:
        fail(
            f"{error}: start it (`casereview engine start`), or back up without the index (--no-index)"
        )
    for line in backup_lines(manifest, directory):
        click.echo(line)


@click.command()
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--force", is_flag=True, help="Replace the catalogue and index even if they hold data."
)
@click.option(
    "--rebuild-index",
    is_flag=True,
    help="Rebuild the index from the restored catalogue instead of restoring its snapshot.",
)
@click.option("--copy", is_flag=True, help=COPY_HELP)
@pass_context
def restore(ctx: Context, directory: Path, force: bool, rebuild_index: bool, copy: bool):
    """Restore a backup from DIRECTORY into an empty data directory and index prefix, then
    check it against its manifest."""
    try:
        lines = restore_backup(
            ctx.config, directory, ctx.engine(), force=force, rebuild_index=rebuild_index, copy=copy
        )
    except BackupError as error:
        fail(str(error))
    for line in lines:
        click.echo(line)
