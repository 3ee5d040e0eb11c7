"""Crawl varied stand-in sites for several seeds with the project's crawler and print, per seed
and per split, the recall (review documents fetched and kept as reviews / review documents
served) and the decoy rate (decoys kept as reviews / decoys served).

Goal, on the validation seeds: recall >= 0.98 and decoy rate <= 0.02.
Fixed split: tune on seeds 1, 2, 3; report the validation seeds 101, 102, 103, never looked at
while tuning. The ground truth comes from ``standins.sites.server.site_truth`` (served at no URL).

A document counts as kept when the catalogue holds its file (a source row with a SHA-256, not
gone) and the row records no rejection (``context["classification"]["verdict"]`` or
``context["decision"]`` starting with "reject", or ``context["rejected"]``). Links the crawler
rejected without fetching them are not source rows with a file, so they are not kept. Files the crawler must refuse (HTML served as a PDF, empty) are
left out of the recall's denominator.

Run: .venv/bin/python bench/discovery.py [--seeds 1,101] [--sources dundee,sbni] [--split validation]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from casereview.catalogue import Catalogue, Source
from casereview.config import Config
from crawler.registry import load_registry
from standins.sites.crawl import crawl_stand_ins, stand_in_server

TUNING_SEEDS = (1, 2, 3)
VALIDATION_SEEDS = (101, 102, 103)
RECALL_GOAL = 0.98
DECOY_GOAL = 0.02
CRAWL_TIMEOUT = 900


def rejected(context: dict) -> bool:
    """Whether the crawler recorded this fetched document as not a child case review (its
    classification's verdict, or a decision made from the document's text)."""
    classification = context.get("classification") or {}
    verdicts = (classification.get("verdict"), context.get("decision"))
    return any(str(v or "").lower().startswith("reject") for v in verdicts) or bool(
        context.get("rejected")
    )


def kept_paths(config: Config, base_url: str) -> set[str]:
    """Paths of the documents the crawl kept as reviews."""
    catalogue = Catalogue.from_config(config)
    try:
        with catalogue.session() as session:
            rows = session.execute(
                select(Source.url, Source.context).where(
                    Source.sha256.is_not(None), Source.gone_since.is_(None)
                )
            ).all()
    finally:
        catalogue.close()
    return {url.removeprefix(base_url) for url, context in rows if not rejected(context or {})}


@dataclass
class Score:
    served: int = 0
    found: int = 0
    decoys: int = 0
    decoys_taken: int = 0
    unreachable: int = 0  # review documents of publishers the registry gives no address for
    missed: list[str] = field(default_factory=list)
    taken: list[str] = field(default_factory=list)
    # Where the misses and the decoys taken are: by site CMS and layout, and by decoy kind.
    missed_by_site: Counter = field(default_factory=Counter)
    taken_by_kind: Counter = field(default_factory=Counter)

    def add(self, other: Score) -> None:
        self.served += other.served
        self.found += other.found
        self.decoys += other.decoys
        self.decoys_taken += other.decoys_taken
        self.unreachable += other.unreachable
        self.missed_by_site.update(other.missed_by_site)
        self.taken_by_kind.update(other.taken_by_kind)

    @property
    def recall(self) -> float:
        return self.found / self.served if self.served else 0.0

    @property
    def decoy_rate(self) -> float:
        return self.decoys_taken / self.decoys if self.decoys else 0.0

    def text(self) -> str:
        return (
            f"recall {self.recall:.3f} ({self.found}/{self.served})  "
            f"decoys taken {self.decoy_rate:.3f} ({self.decoys_taken}/{self.decoys})  "
            f"[{self.unreachable} documents of publishers without an address left out]"
        )


def reachable_publishers() -> set[str]:
    """Registry keys with an address (a website or a reviews page). The stand-ins serve a site
    for every publisher, but a crawler cannot find one the registry gives no address for: those
    are left out of both rates (and counted apart)."""
    return {key for key, e in load_registry().items() if e.website or e.start_urls}


def grade(truth: dict, kept: set[str], publishers: set[str] | None) -> Score:
    """Compare what a crawl kept with the ground truth of the sites it crawled."""
    score = Score()
    reachable = reachable_publishers()
    for review in truth["reviews"]:
        if not review["fetchable"] or (publishers and review["publisher"] not in publishers):
            continue
        if review["publisher"] not in reachable:
            score.unreachable += 1
            continue
        score.served += 1
        if review["url"] in kept:
            score.found += 1
        else:
            score.missed.append(review["url"])
            site = truth["publishers"].get(review["publisher"], {"cms": "default shape"})
            score.missed_by_site[f"{site['cms']}/{site.get('layout', '-')}"] += 1
    for decoy in truth["decoys"]:
        if (publishers and decoy["publisher"] not in publishers) or (
            decoy["publisher"] not in reachable
        ):
            continue
        score.decoys += 1
        if decoy["url"] in kept:
            score.decoys_taken += 1
            score.taken.append(f"{decoy['kind']}: {decoy['url']}")
            score.taken_by_kind[decoy["kind"]] += 1
    return score


def crawl_seed(seed: int, docs_dir: Path, sources: str | None, work: Path) -> Score:
    config = Config.from_env(environ={}, data_dir=work / f"seed-{seed}" / "var")
    config.ensure_dirs()
    with stand_in_server(config, port=0, docs_dir=docs_dir, seed=seed) as server:
        truth = server.sites["initial"].truth()
        summary = crawl_stand_ins(config, server, sources, timeout=CRAWL_TIMEOUT)
        kept = kept_paths(config, server.base_url)
    if summary.returncode != 0:
        print(f"  seed {seed}: the crawl ended with code {summary.returncode}")
    publishers = {s.strip() for s in sources.split(",")} if sources else None
    return grade(truth, kept, publishers)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", help="comma-separated seeds (default: both splits)")
    parser.add_argument("--split", choices=("tuning", "validation", "both"), default="both")
    parser.add_argument("--sources", help="comma-separated registry keys (default: all)")
    parser.add_argument("--show", type=int, default=5, help="missed/taken examples per tuning seed")
    args = parser.parse_args(argv)
    splits = {"tuning": TUNING_SEEDS, "validation": VALIDATION_SEEDS}
    if args.seeds:
        wanted = [int(s) for s in args.seeds.split(",")]
    else:
        wanted = [
            s for name, seeds in splits.items() if args.split in (name, "both") for s in seeds
        ]
    totals = {name: Score() for name in (*splits, "other")}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for seed in wanted:
            split = next((n for n, seeds in splits.items() if seed in seeds), "other")
            score = crawl_seed(seed, work / "documents", args.sources, work)
            totals[split].add(score)
            print(f"seed {seed:4d} ({split:10}) {score.text()}", flush=True)
            if split == "validation":
                continue  # no examples from the seeds nobody may tune on
            for url in score.missed[: args.show]:
                print(f"    missed {url}")
            for line in score.taken[: args.show]:
                print(f"    decoy taken {line}")
    print(f"goal on validation seeds: recall >= {RECALL_GOAL}, decoys taken <= {DECOY_GOAL}")
    for name, score in totals.items():
        if score.served or score.decoys:
            met = score.recall >= RECALL_GOAL and score.decoy_rate <= DECOY_GOAL
            print(f"{name:10} {score.text()}  {'met' if met else 'NOT met'}")
    tuning = totals["tuning"]
    if tuning.served:  # where to look, on the tuning seeds only
        print(
            "tuning seeds, reviews missed by cms/layout:", dict(tuning.missed_by_site.most_common())
        )
        print("tuning seeds, decoys taken by kind:", dict(tuning.taken_by_kind.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
