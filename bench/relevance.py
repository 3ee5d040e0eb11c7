"""Relevance of our search against a plain BM25 ``match`` on the body text, on realistic texts.

The collection is bench/relevance_corpus: invented reviews written the way published ones are
worded, each as the documents a repository holds of it (listing blocks, 2-4 page summaries and
briefings, 30+ page overview reports, press statements and other part-documents). They go
through the project's own metadata extraction and indexer into a real engine. The 112 queries
in bench/relevance_queries.json were judged (grades 0-3) before any tuning and are split, in
the file, into tuning and validation. Each split is scored with Elasticsearch's ``_rank_eval``
(nDCG@10 and recall@10) twice: with the app's query (``search_app.queries.main_query``, the
query builder of /api/search) and with ``{"match": {"pages.text": q}}``; over the whole collection
and within each length class (the same queries, only that class's documents).

    python bench/relevance.py [--split tuning|validation|both] [--per-query]
    python bench/relevance.py --split tuning --set THEME_WEIGHT=2 --set PAGE_BOOST=3

``--set`` replaces a weight of ``search_app.queries`` (an upper-case constant) for this run only,
so a change can be tried on the tuning split before it is written into the query builder.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

from _search_setup import catalogue_texts, scratch_setup
from relevance_corpus import ACCOMPANYING, compose_documents, has_full_text, load

from search_app import queries

JUDGMENTS = Path(__file__).resolve().parent / "relevance_queries.json"
K = 10
CLASSES = ("all", "listing", "summary", "report")
GOAL = 1.15


def document_grades(query: dict, documents, cases: dict) -> dict[str, int]:
    """{document name: grade}: the review's grade, one less for a document that accompanies
    a review whose report or summary is in the collection (see JUDGMENTS' "about")."""
    grades = {}
    for document in documents:
        grade = query["grades"].get(document.case, 0)
        if document.form in ACCOMPANYING and has_full_text(cases[document.case]):
            grade -= 1
        if grade > 0:
            grades[document.name] = grade
    return grades


def within(query: dict, ids: list[str] | None) -> dict:
    if ids is None:
        return query
    return {"bool": {"must": [query], "filter": [{"ids": {"values": ids}}]}}


def score(engine, index, judged, make_query, ids_of, grades_of, metric) -> tuple[float, dict]:
    requests = []
    for query in judged:
        ratings = [
            {"_index": index, "_id": str(ids_of[name]), "rating": grade}
            for name, grade in grades_of[query["id"]].items()
        ]
        requests.append(
            {"id": query["id"], "request": {"query": make_query(query)}, "ratings": ratings}
        )
    result = engine.rank_eval(index, {"requests": requests, "metric": metric})
    if result.get("failures"):
        sys.exit(f"rank_eval failed: {json.dumps(result['failures'])[:800]}")
    return result["metric_score"], result["details"]


def gain(ratings) -> float:
    """Discounted cumulative gain of grades in rank order, as ``_rank_eval`` computes it."""
    return sum((2**grade - 1) / math.log2(rank + 2) for rank, grade in enumerate(ratings))


def ndcg_over_all_judged(details: dict, grades_of: dict) -> float:
    """Mean nDCG@K with the ideal ranking made of every judged document of the query.

    ``_rank_eval``'s normalised DCG builds its ideal list from as many judged documents as the
    search returned hits, so a query that returns one right document and misses two others
    scores 1.0. Here a missed document counts against the system, as nDCG is usually defined."""
    scores = []
    for query_id, detail in details.items():
        ratings = [hit["rating"] or 0 for hit in detail["hits"]][:K]
        ideal = gain(sorted(grades_of[query_id].values(), reverse=True)[:K])
        scores.append(gain(ratings) / ideal if ideal else 0.0)
    return sum(scores) / len(scores) if scores else 0.0


def show_top(engine, index, query, systems, ids_of, grades, ids=None) -> None:
    """A query's ten best documents by each system (among ``ids``), with their grades."""
    names = {str(report_id): name for name, report_id in ids_of.items()}
    print(f"{query['id']} {query['text']!r} relevant: {grades}")
    for make in systems:
        body = {"query": within(make(query), ids), "size": K, "_source": False}
        hits = engine.search(index, body)
        top = [f"{names[h['_id']]}({grades.get(names[h['_id']], 0)})" for h in hits["hits"]["hits"]]
        print(f"  {make.__name__:<5} " + " ".join(top))


def weight_override(text: str) -> tuple[str, float]:
    """``NAME=VALUE`` for ``--set``: NAME must be a numeric constant of search_app.queries."""
    name, _, value = text.partition("=")
    current = getattr(queries, name, None)
    if not name.isupper() or isinstance(current, bool) or not isinstance(current, int | float):
        raise argparse.ArgumentTypeError(f"{name!r} is not a numeric weight of search_app.queries")
    try:
        return name, float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None


METRICS = {
    "nDCG@10": {"dcg": {"k": K, "normalize": True}},
    "recall@10": {"recall": {"k": K, "relevant_rating_threshold": 1}},
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("tuning", "validation", "both"), default="both")
    parser.add_argument("--per-query", action="store_true", help="print every query's nDCG@10")
    parser.add_argument(
        "--length", choices=CLASSES, default="all", help="the length class --per-query prints"
    )
    parser.add_argument(
        "--show", action="append", default=[], metavar="ID", help="print a query's top ten"
    )
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        type=weight_override,
        metavar="NAME=VALUE",
        help="try a query-builder weight (e.g. THEME_WEIGHT=2) for this run",
    )
    args = parser.parse_args()
    for name, value in args.set:
        setattr(queries, name, value)
    all_judged = json.loads(JUDGMENTS.read_text())["queries"]
    cases = {case["key"]: case for case in load("cases.json")["cases"]}
    documents = compose_documents()
    splits = ("tuning", "validation") if args.split == "both" else (args.split,)
    with scratch_setup() as (config, catalogue, archive, engine):
        ids_of = catalogue_texts(config, catalogue, archive, engine, documents)
        [index] = engine.alias_targets(config.alias)
        indexed = [d for d in documents if d.name in ids_of]
        print(
            f"{len(indexed)} of {len(documents)} documents indexed "
            f"({', '.join(f'{c}: {sum(d.length_class == c for d in indexed)}' for c in CLASSES[1:])}), "
            f"{len(all_judged)} judged queries"
        )

        def ours(query):
            return queries.main_query(queries.SearchParams(q=query["text"]))

        def bm25(query):
            return {"match": {queries.PAGE_FIELD: query["text"]}}

        shown = [d for d in indexed if args.length in ("all", d.length_class)]
        shown_ids = None if args.length == "all" else [str(ids_of[d.name]) for d in shown]
        for query_id in args.show:
            [query] = [q for q in all_judged if q["id"] == query_id]
            grades = document_grades(query, shown, cases)
            show_top(engine, index, query, (ours, bm25), ids_of, grades, shown_ids)
        rows = []
        for split in splits:
            for length in CLASSES:
                docs = (
                    indexed if length == "all" else [d for d in indexed if d.length_class == length]
                )
                names = {d.name for d in docs}
                grades_of = {
                    q["id"]: {
                        n: g for n, g in document_grades(q, docs, cases).items() if n in names
                    }
                    for q in all_judged
                }
                judged = [q for q in all_judged if q["split"] == split and grades_of[q["id"]]]
                ids = None if length == "all" else [str(ids_of[n]) for n in names]
                row = {"split": split, "length": length, "queries": len(judged)}
                for metric, spec in METRICS.items():
                    for name, make in (("ours", ours), ("bm25", bm25)):
                        value, details = score(
                            engine,
                            index,
                            judged,
                            lambda q, m=make, i=ids: within(m(q), i),
                            ids_of,
                            grades_of,
                            spec,
                        )
                        row[f"{name} {metric}"] = value
                        if metric == "nDCG@10":
                            row[f"{name} nDCG@10 all"] = ndcg_over_all_judged(details, grades_of)
                        if args.per_query and metric == "nDCG@10" and length == args.length:
                            row.setdefault("details", {})[name] = details
                rows.append(row)
                if "details" in row:
                    for q in judged:
                        print(
                            f"  {split[:3]} {q['id']} {q['text'][:46]:<46} "
                            f"ours {row['details']['ours'][q['id']]['metric_score']:.3f} "
                            f"bm25 {row['details']['bm25'][q['id']]['metric_score']:.3f}"
                        )
    print(
        f"\n{'split':<11} {'length':<8} {'queries':>7}  {'nDCG@10 ours':>12} {'bm25':>6} {'ratio':>6}"
        f"  {'all-judged ours':>15} {'bm25':>6} {'ratio':>6}  {'recall@10 ours':>14} {'bm25':>6}"
    )
    for row in rows:
        print(
            f"{row['split']:<11} {row['length']:<8} {row['queries']:>7}  "
            f"{row['ours nDCG@10']:>12.3f} {row['bm25 nDCG@10']:>6.3f} "
            f"{ratio(row, 'nDCG@10'):>6.2f}  {row['ours nDCG@10 all']:>15.3f} "
            f"{row['bm25 nDCG@10 all']:>6.3f} {ratio(row, 'nDCG@10 all'):>6.2f}"
            f"  {row['ours recall@10']:>14.3f} {row['bm25 recall@10']:>6.3f}"
        )
    print(
        f"goal: ours / bm25 nDCG@10 >= {GOAL} on validation, at every length (nDCG@10: as "
        "_rank_eval normalises it; all-judged: the ideal ranking of every judged document)"
    )


def ratio(row: dict, metric: str) -> float:
    ours, bm25 = row[f"ours {metric}"], row[f"bm25 {metric}"]
    return ours / bm25 if bm25 else float("nan")


if __name__ == "__main__":
    main()
