"""``casereview corpus`` and ``casereview sites``: the synthetic corpus and the stand-in sites
for tests, the demo and benchmarks."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click

from casereview.config import Config


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
    from .corpus.corpus import ANSWER_KEY, generate_corpus

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


@click.group()
def sites():
    """The local stand-in publisher sites used by the tests and the demo."""


@sites.command("serve")
@click.option(
    "--state",
    type=click.Choice(["initial", "later"]),
    default="initial",
    help="Which state of the sites to serve.",
)
@click.option("--port", type=int, default=None, help="Port on 127.0.0.1 (default SITES_PORT).")
@click.option(
    "--seed",
    type=int,
    default=0,
    help="Which variant of the sites: 0 (default) keeps the registry's page shapes; any other "
    "seed varies every site's CMS, layout, links and decoys.",
)
def sites_serve(state: str, port: int | None, seed: int):
    """Serve the stand-in sites on 127.0.0.1 until interrupted."""
    from .sites.server import StandInServer, build_sites

    config = Config.from_env()
    server = StandInServer(
        build_sites(config.data_dir / "stand-in-documents", seed), state, port or config.sites_port
    )
    click.echo(f"stand-in sites ({state}) on {server.base_url}/ ; crawl them with")
    click.echo(
        f"  CASEREVIEW_CRAWL_SITES_URL={server.base_url} CASEREVIEW_CRAWL_ALLOW_HOSTS=127.0.0.1 casereview crawl"
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
