"""Faults the project must survive, with the figures printed.

- ``index`` (bench/faults_index.py): the index follows the catalogue: kill -9 during ingest at
  random moments, then one ordinary run, against an uninterrupted run; the engine stopped during
  an ingest and a take-down, then started, with the app running: seconds until it caught up.
- ``fuzz`` (bench/faults_fuzz.py): hypothesis against the crawler's page readers and the metadata
  extractor, schemathesis against the API: exceptions escaped and responses >= 500.

    python bench/faults.py                 # both, with their defaults
    python bench/faults.py index [--kills 5 --count 40 --part index|outage|all]
    python bench/faults.py fuzz [--examples 300 --api-requests 1200 --only parsers,extract,api]
"""

from __future__ import annotations

import sys

import faults_fuzz
import faults_index

PARTS = {"index": faults_index.main, "fuzz": faults_fuzz.main}


def main(argv: list[str]) -> int:
    if argv and argv[0] in PARTS:
        return PARTS[argv[0]](argv[1:])
    if argv:
        sys.exit(f"usage: python bench/faults.py [{'|'.join(PARTS)}] [options]")
    return max(run([]) for run in PARTS.values())


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
