"""How well action plans are read: each generated plan's rows against its answer key.

Writes the action plans of the fixed tuning seeds and of the validation seeds (the rules were
tuned on the tuning seeds only), reads each file as ingest does (``ingest.formats``), extracts its
actions (``nlp.action_plans.extract_actions``) and prints, per split, the share of the key's
actions found and, of all of them, those with the right recommendation (number and text), lead
agency, timescale (the due date or month, or none), all three together (the goal: >= 90 % on
validation), status and RAG rating, and page.

    python bench/action_plans.py [--plans 12] [--mistakes tuning]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ingest.formats import read_document  # noqa: E402
from nlp.action_plans import extract_actions  # noqa: E402
from standins.corpus.action_plans import (  # noqa: E402
    TUNING_SEEDS,
    VALIDATION_SEEDS,
    generate_plans,
)

GOAL = 0.90
MEASURES = ("found", "recommendation", "agency", "timescale", "all three", "status", "page")


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", str(text or "").lower()).strip()


def align(expected: list[dict], found: list[dict]) -> list[dict | None]:
    """For each expected action, the extracted one that reads as it (in order), or None."""
    matched: list[dict | None] = []
    start = 0
    for action in expected:
        want = _key(action["action"])[:50]
        hit = next(
            (i for i in range(start, len(found)) if _key(found[i]["action"]).startswith(want)),
            None,
        )
        matched.append(None if hit is None else found[hit])
        start = start if hit is None else hit + 1
    return matched


def grade(expected: dict, got: dict | None) -> dict[str, bool]:
    if got is None:
        return dict.fromkeys(MEASURES, False)
    marks = {
        "found": True,
        "recommendation": got["recommendation_number"] == expected["recommendation_number"]
        and _key(got["recommendation"]) == _key(expected["recommendation"]),
        "agency": got["agency"] == expected["agency"],
        "timescale": got["due"] == expected["due"],
        "status": (got["status"], got["rag"]) == (expected["status"], expected["rag"]),
        "page": got["page"] == expected["page"],
    }
    marks["all three"] = marks["recommendation"] and marks["agency"] and marks["timescale"]
    return marks


def measure(seeds, plans: int, work: Path, show: int = 0) -> tuple[Counter, int, int]:
    totals: Counter = Counter()
    count = extra = 0
    shown = 0
    for seed in seeds:
        for plan in generate_plans(work / str(seed), seed, plans):
            pages, _meta, _kind = read_document(Path(plan.path))
            found = extract_actions(pages)
            matched = align(plan.actions, found)
            extra += len(found) - sum(m is not None for m in matched)
            for expected, got in zip(plan.actions, matched, strict=True):
                marks = grade(expected, got)
                totals.update(name for name, ok in marks.items() if ok)
                count += 1
                if shown < show and not marks["all three"]:
                    shown += 1
                    print(f"  {Path(plan.path).name} p{expected['page']}: expected", expected)
                    print("      got", got)
    return totals, count, extra


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=12, help="plans per seed")
    parser.add_argument("--mistakes", choices=("tuning",), help="print misses of the tuning split")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rows = []
        for split, seeds in (("tuning", TUNING_SEEDS), ("validation", VALIDATION_SEEDS)):
            show = 15 if args.mistakes == split else 0
            totals, count, extra = measure(seeds, args.plans, Path(tmp), show)
            rows.append((split, seeds, totals, count, extra))
    print(
        f"{'split':<11} {'seeds':<22} {'actions':>7}  "
        + "  ".join(f"{m:>14}" for m in MEASURES)
        + "  extra"
    )
    for split, seeds, totals, count, extra in rows:
        cells = "  ".join(f"{totals[m] / max(count, 1):>8.1%} ({totals[m]:>3})" for m in MEASURES)
        print(f"{split:<11} {','.join(map(str, seeds)):<22} {count:>7}  {cells}  {extra}")
    validation = rows[-1]
    ratio = validation[2]["all three"] / max(validation[3], 1)
    print(
        f"goal: all three >= {GOAL:.0%} on validation: {'met' if ratio >= GOAL else 'NOT met'} ({ratio:.1%})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
