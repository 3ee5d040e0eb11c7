"""Statistics of what reviews recommended and what was done, counted per review: the
recommendations per review by year, the share of actions complete by board, and the
recurring recommendations made by the most reviews. Read from the catalogue (``follow_up``), so
a taken-down review leaves every count at once; the reviews counted follow the search's nation,
year, review type, board and theme filters."""

from __future__ import annotations

from collections import defaultdict

from . import charts
from .facets import AllOf
from .follow_up import public_follow_up

TOP_CLUSTERS = 10
COMPLETE = "complete"


def _holds(values, selection) -> bool:
    if not selection:
        return True
    values = set(values)
    if isinstance(selection, AllOf):
        return set(selection) <= values
    return bool(values & set(selection))


def review_chosen(review: dict, selected: dict) -> bool:
    """Whether the search's facet selection keeps ``review`` (its nation, year, type, board
    and themes; the other facets and the words are not applied here)."""
    low, high = selected.get("year") or (None, None)
    year = review.get("year")
    if (low is not None or high is not None) and year is None:
        return False
    if (low is not None and year < low) or (high is not None and year > high):
        return False
    board = (review.get("board") or "").casefold()
    return (
        _holds([review.get("nation")], selected.get("nation"))
        and _holds([review.get("review_type")], selected.get("review_type"))
        and _holds([board], [b.casefold() for b in selected.get("board") or []])
        and _holds(review.get("themes") or [], selected.get("theme"))
    )


def recommendations_by_year(recommendations: list[dict], reviews: dict) -> list[dict]:
    """Per year (every year from the first to the last): the reviews, those that made
    recommendations, the recommendations, and how many per review that made any."""
    per_year: dict[int, dict] = defaultdict(lambda: {"reviews": set(), "recommendations": 0})
    for key, review in reviews.items():
        if review["year"]:
            per_year[review["year"]]["reviews"].add(key)
    made: dict[int, set] = defaultdict(set)
    for row in recommendations:
        year = reviews[row["review_key"]]["year"]
        if year:
            per_year[year]["recommendations"] += 1
            made[year].add(row["review_key"])
    rows = []
    for year in charts.continuous_years(list(per_year)):
        count = per_year[year]["recommendations"] if year in per_year else 0
        making = len(made[year])
        rows.append(
            {
                "year": year,
                "reviews": len(per_year[year]["reviews"]) if year in per_year else 0,
                "reviews_with_recommendations": making,
                "recommendations": count,
                "per_review": round(count / making, 1) if making else 0,
            }
        )
    return rows


def actions_by_board(actions: list[dict], reviews: dict) -> list[dict]:
    """Per board: the reviews with an action plan, their actions, how many are complete and
    the share complete (in %), and the reviews whose every action is complete."""
    boards: dict[str, dict] = {}
    for row in actions:
        board = reviews[row["review_key"]]["board"] or "Board not stated"
        entry = boards.setdefault(board, {"reviews": defaultdict(list), "actions": 0})
        entry["actions"] += 1
        entry["reviews"][row["review_key"]].append(row["status"] == COMPLETE)
    found = []
    for board, entry in boards.items():
        complete = sum(done for states in entry["reviews"].values() for done in states)
        found.append(
            {
                "board": board,
                "reviews": len(entry["reviews"]),
                "actions": entry["actions"],
                "complete": complete,
                "share_complete": round(100 * complete / entry["actions"], 1),
                "reviews_all_complete": sum(all(s) for s in entry["reviews"].values()),
            }
        )
    return sorted(found, key=lambda b: (-b["share_complete"], -b["reviews"], b["board"]))


def top_clusters(clusters: list[dict], chosen: set[str]) -> list[dict]:
    """The recurring recommendations made by the most of the ``chosen`` reviews."""
    found = []
    for cluster in clusters:
        rows = [r for r in cluster["recommendations"] if r["review_key"] in chosen]
        reviews = {r["review_key"] for r in rows}
        if len(reviews) < 2:
            continue
        years = sorted({r["year"] for r in rows if r["year"]})
        found.append(
            {
                "key": cluster["key"],
                "label": cluster["label"],
                "reviews": len(reviews),
                "first_year": years[0] if years else None,
                "last_year": years[-1] if years else None,
                "nations": sorted({r["nation"] for r in rows if r["nation"]}),
            }
        )
    found.sort(key=lambda c: (-c["reviews"], c["label"]))
    return found[:TOP_CLUSTERS]


def statistics(selected: dict) -> dict:
    """The three follow-up statistics for the reviews the search's filters choose."""
    corpus = public_follow_up()
    reviews = {k: r for k, r in corpus.reviews.items() if review_chosen(r, selected)}
    chosen = set(reviews)
    return {
        "reviews": len(reviews),
        "recommendations_by_year": recommendations_by_year(
            [r for r in corpus.recommendations if r["review_key"] in chosen], reviews
        ),
        "actions_by_board": actions_by_board(
            [a for a in corpus.actions if a["review_key"] in chosen], reviews
        ),
        "top_clusters": top_clusters(corpus.clusters, chosen),
    }


def follow_up_charts(stats: dict) -> dict:
    """The charts of the three statistics (each page table says the same in numbers)."""
    by_year = stats["recommendations_by_year"]
    boards = stats["actions_by_board"]
    clusters = stats["top_clusters"]
    return {
        "per_review": charts.horizontal_bars(
            "recommendations-per-review",
            "Recommendations per review, by year",
            [row["year"] for row in by_year],
            [row["per_review"] for row in by_year],
        ),
        "complete_by_board": charts.horizontal_bars(
            "complete-by-board",
            "Share of actions complete, by board",
            [row["board"] for row in boards],
            [row["share_complete"] for row in boards],
            unit=" %",
        ),
        "top_clusters": charts.horizontal_bars(
            "top-clusters",
            "Recurring recommendations made by the most reviews",
            [row["label"] for row in clusters],
            [row["reviews"] for row in clusters],
        ),
    }
