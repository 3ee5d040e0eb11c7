"""``casereview corpus``: write the synthetic corpus for tests, the demo and benchmarks."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click


@click.group()
def corpus():
    """Generate synthetic review documents with an answer key."""


@corpus.command("generate")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--count", default=90, show_default=True, help="Number of files to write.")
@click.option("--seed", default=7, show_default=True, help="Random seed (same seed, same corpus).")
@click.option(
    "--too-large-mb", type=int, default=None, help="Also write one oversized PDF of this many MB."
)
def corpus_generate(directory: Path, count: int, seed: int, too_large_mb: int | None):
    """Write COUNT generated documents and answer_key.json into DIRECTORY."""
    from .corpus import ANSWER_KEY, generate_corpus

    if count < 1:
        raise click.BadParameter("must be at least 1", param_hint="--count")
    documents = generate_corpus(directory, count=count, seed=seed, too_large_mb=too_large_mb)
    nations = Counter(d.truth["nation"] for d in documents if not d.broken)
    broken = sum(1 for d in documents if d.broken)
    click.echo(
        f"{len(documents)} files in {directory} ({broken} broken); "
        + ", ".join(f"{n} {nation}" for nation, n in sorted(nations.items()))
        + f"; answer key: {directory / ANSWER_KEY}"
    )
