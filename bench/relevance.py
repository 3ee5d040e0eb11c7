"""Relevance of our search against a plain BM25 ``match`` on the body text.

Generates the synthetic corpus, ingests it through the project's pipeline, then scores the judged
queries in bench/relevance_queries.json with Elasticsearch's ``_rank_eval`` (nDCG@10) twice: with
the app's query (``search_app.queries.main_query``: field boosts, phrases, synonyms, AND) and with
``{"match": {"pages.text": q}}``. Prints both, per query and overall, and their ratio (goal >= 1.15).

    python bench/relevance.py [--count 200] [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from _search_setup import ingest_corpus, scratch_setup

from search_app import queries

JUDGMENTS = Path(__file__).resolve().parent / "relevance_queries.json"
FULL_ROLES = ("final report", "executive summary", "learning summary")
K = 10


def grade(query: dict, truth: dict) -> int:
    """The graded relevance (0, 1, 2) of a document for a judged query; see JUDGMENTS' "about"."""
    themes = query.get("themes")
    has_theme = not themes or bool(set(themes) & set(truth["themes"]))
    fits = all(
        truth[key] in query[name]
        for name, key in (
            ("review_types", "review_type"),
            ("nations", "nation"),
            ("roles", "document_role"),
        )
        if name in query
    )
    if not has_theme:
        return 0
    if not fits:
        return 1 if themes else 0
    if "roles" in query:
        return 2
    return 2 if truth["document_role"] in FULL_ROLES else 1


def rank_eval_body(judged: list[dict], truths: dict, index: str, make_query) -> dict:
    requests = []
    for query in judged:
        ratings = [
            {"_index": index, "_id": str(report_id), "rating": g}
            for report_id, truth in truths.items()
            if (g := grade(query, truth))
        ]
        requests.append(
            {"id": query["id"], "request": {"query": make_query(query["text"])}, "ratings": ratings}
        )
    return {
        "requests": requests,
        "metric": {"dcg": {"k": K, "normalize": True}},
    }


def ours(text: str) -> dict:
    return queries.main_query(queries.SearchParams(q=text))


def baseline(text: str) -> dict:
    return {"match": {queries.PAGE_FIELD: text}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200, help="documents to generate")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--keep", type=Path, help="keep the catalogue and index in this directory and reuse them"
    )
    args = parser.parse_args()
    judged = json.loads(JUDGMENTS.read_text())["queries"]
    with scratch_setup(keep=args.keep) as (config, catalogue, archive, engine):
        truths = ingest_corpus(config, catalogue, archive, engine, args.count, args.seed)
        [index] = engine.alias_targets(config.alias)
        judged = [q for q in judged if any(grade(q, t) for t in truths.values())]
        scores = {}
        for name, make_query in (("ours", ours), ("bm25 body", baseline)):
            result = engine.rank_eval(index, rank_eval_body(judged, truths, index, make_query))
            failures = result.get("failures") or {}
            if failures:
                sys.exit(f"rank_eval failed for {name}: {json.dumps(failures)[:500]}")
            scores[name] = (result["metric_score"], result["details"])
    ours_score, ours_details = scores["ours"]
    base_score, base_details = scores["bm25 body"]
    print(f"{len(truths)} indexed documents, {len(judged)} judged queries, nDCG@{K}")
    print(f"{'query':<45} {'user':<12} {'ours':>6} {'bm25':>6}")
    for query in judged:
        print(
            f"{query['text'][:44]:<45} {query['user']:<12} "
            f"{ours_details[query['id']]['metric_score']:6.3f} "
            f"{base_details[query['id']]['metric_score']:6.3f}"
        )
    print(f"nDCG@{K} ours {ours_score:.4f}, plain BM25 match on body text {base_score:.4f}")
    print(f"ratio ours / bm25: {ours_score / base_score:.3f} (goal >= 1.15)")


if __name__ == "__main__":
    main()
