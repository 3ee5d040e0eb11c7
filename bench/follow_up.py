"""Recommendations and actions followed across reviews, timed on the synthetic corpus: what the
corpus holds (reviews, recommendations, actions, recurring clusters), and the median time of
each follow-up route beside ``/api/search`` and ``/api/clusters`` measured in the same run.

    CASEREVIEW_ENGINE_HOME=… .venv/bin/python bench/follow_up.py [--count 90] [--repeat 15]

The routes read the catalogue on every request (so that a take-down holds at once) and the
words go through the engine; the ratios say what that costs next to a plain search.
"""

from __future__ import annotations

import argparse
import statistics
import time

from _search_setup import ingest_corpus, scratch_setup

ROUTES = (
    "/api/search?q=information+sharing",
    "/api/clusters",
    "/api/recommendations",
    "/api/recommendations?q=information+sharing",
    "/api/actions",
    "/api/actions?q=training",
    "/api/actions?overdue=true&agency=health",
    "/actions?q=training",
    "/stats",
)


def timed(client, path: str, repeat: int) -> float:
    """The median milliseconds of ``repeat`` requests (after one to warm up)."""
    assert client.get(path).status_code == 200, path
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        answer = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        assert answer.status_code == 200, path
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=90, help="documents to generate")
    parser.add_argument("--repeat", type=int, default=15, help="requests per route")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with scratch_setup() as (config, catalogue, archive, engine):
        ingest_corpus(config, catalogue, archive, engine, args.count, args.seed)
        from search_app import create_app

        app = create_app({"TESTING": True, "CASEREVIEW": config, "INDEX_SYNC": False})
        client = app.test_client()
        recs = client.get("/api/recommendations").get_json()
        actions = client.get("/api/actions").get_json()
        clusters = client.get("/api/clusters").get_json()
        print(
            f"corpus (seed {args.seed}, {args.count} documents generated): "
            f"{recs['total']} recommendations in {recs['reviews']} reviews, "
            f"{actions['total']} actions in {actions['counts']['reviews']} reviews "
            f"({actions['counts']['overdue']} overdue), {clusters['total']} recurring clusters"
        )
        baseline = timed(client, ROUTES[0], args.repeat)
        print("| route | median ms | × /api/search |\n| --- | --- | --- |")
        for path in ROUTES:
            ms = baseline if path == ROUTES[0] else timed(client, path, args.repeat)
            print(f"| `{path}` | {ms:.0f} | {ms / baseline:.2f} |")


if __name__ == "__main__":
    main()
