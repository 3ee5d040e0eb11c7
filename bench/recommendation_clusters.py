"""How well recurring recommendations are grouped by meaning, on recommendations worded the way
different reviews word the same request (bench/recommendation_paraphrases/groups.json: groups of
paraphrases and near misses, written before any run and split by group into tuning and
validation). The clustering is the product's own (``nlp.clusters.cluster``); each split is
scored by B-cubed precision, recall and F1 (per recommendation: how much of its cluster is its
group, and how much of its group its cluster holds) and by pairwise precision and recall.

    python bench/recommendation_clusters.py [--threshold 0.5 [0.4 ...]]
"""

from __future__ import annotations

import argparse
import json
import sys
from itertools import combinations
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from nlp import clusters  # noqa: E402

DATA = Path(__file__).resolve().parent / "recommendation_paraphrases" / "groups.json"
SPLITS = ("tuning", "validation")
GOAL_F1 = 0.8


def split_items(groups: list[dict], split: str) -> tuple[list[dict], list[int]]:
    """(items to cluster, each item's group number) of one split."""
    items, truth = [], []
    for number, group in enumerate(groups):
        if group["split"] != split:
            continue
        for text in group["texts"]:
            items.append({"key": str(len(items)), "text": text})
            truth.append(number)
    return items, truth


def b_cubed(found: list[list[int]], truth: list[int]) -> tuple[float, float]:
    cluster_of = {i: n for n, members in enumerate(found) for i in members}
    precision = recall = 0.0
    for i, group in enumerate(truth):
        mine = found[cluster_of[i]]
        same = sum(truth[j] == group for j in mine)
        precision += same / len(mine)
        recall += same / truth.count(group)
    return precision / len(truth), recall / len(truth)


def pairwise(found: list[list[int]], truth: list[int]) -> tuple[float, float]:
    joined = {pair for members in found for pair in combinations(sorted(members), 2)}
    true = {(i, j) for i, j in combinations(range(len(truth)), 2) if truth[i] == truth[j]}
    precision = len(joined & true) / len(joined) if joined else 1.0
    return precision, len(joined & true) / len(true)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--threshold", type=float, nargs="+", default=[clusters.SAME_MEANING],
        help="cosine at which two recommendations ask the same thing (default: the product's)",
    )  # fmt: skip
    args = parser.parse_args()
    groups = json.loads(DATA.read_text())["groups"]
    print(
        f"{'split':<11} {'threshold':>9} {'items':>5} {'groups':>6} {'clusters':>8}"
        f"  {'B3 prec':>7} {'B3 rec':>6} {'B3 F1':>6}  {'pair prec':>9} {'pair rec':>8}"
    )
    for split in SPLITS:
        items, truth = split_items(groups, split)
        for threshold in args.threshold:
            found = clusters.cluster(items, threshold=threshold)
            precision, recall = b_cubed(found, truth)
            f1 = 2 * precision * recall / (precision + recall)
            pair_precision, pair_recall = pairwise(found, truth)
            print(
                f"{split:<11} {threshold:>9.2f} {len(items):>5} {len(set(truth)):>6}"
                f" {len(found):>8}  {precision:>7.3f} {recall:>6.3f} {f1:>6.3f}"
                f"  {pair_precision:>9.3f} {pair_recall:>8.3f}"
            )
    print(f"goal: B-cubed F1 >= {GOAL_F1} on validation at the product's threshold")


if __name__ == "__main__":
    main()
