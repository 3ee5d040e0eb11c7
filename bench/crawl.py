"""Crawl the stand-in sites twice and print the second crawl's bytes and time as a ratio of the
first (goal: at most 0.05 of the bytes); then crawl their later state for comparison.

Run: .venv/bin/python bench/crawl.py [--seed N]   (default: the default seed of the stand-ins;
any other seed crawls the varied sites of that seed)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from casereview.config import Config
from standins.sites.crawl import crawl_stand_ins, stand_in_server
from standins.sites.render import DEFAULT_SEED

BYTES_GOAL = 0.05


def line(name: str, summary, first=None) -> str:
    text = (
        f"{name:28} {summary.pages:4d} responses {summary.bytes:10,d} bytes {summary.seconds:6.1f} s"
        f"  new {summary.counts['new']:3d} unchanged {summary.counts['unchanged']:3d}"
        f" changed {summary.counts['changed']} gone {summary.counts['gone']}"
    )
    if first is not None:
        text += f"  bytes ratio {summary.bytes / first.bytes:.3f}, time ratio {summary.seconds / first.seconds:.2f}"
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="stand-in sites' seed")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        config = Config.from_env(environ={}, data_dir=Path(tmp) / "var")
        config.ensure_dirs()
        with stand_in_server(config, port=0, seed=args.seed) as server:
            documents = sum(len(v) for v in server.sites["initial"].listed.values())
            print(
                f"stand-in sites (seed {args.seed}): {len(server.site.listed)} publishers, "
                f"{documents} documents listed"
            )
            first = crawl_stand_ins(config, server)
            second = crawl_stand_ins(config, server)
            server.set_state("later")
            later = crawl_stand_ins(config, server)
    print(line("first crawl", first))
    print(line("second crawl (same sites)", second, first))
    print(line("crawl of the later state", later, first))
    ratio = second.bytes / first.bytes
    print(
        f"second crawl bytes / first: {ratio:.3f} (goal <= {BYTES_GOAL}): {'met' if ratio <= BYTES_GOAL else 'NOT met'}"
    )
    return 0 if all(s.returncode == 0 for s in (first, second, later)) else 1


if __name__ == "__main__":
    sys.exit(main())
