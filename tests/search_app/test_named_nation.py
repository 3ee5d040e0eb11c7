"""A query that names a nation does not want another nation's reviews: they are lowered, not
filtered out, and a report whose nation is unknown is not lowered."""

from __future__ import annotations

from tests.librarian_support import index, make_report


def test_a_named_nation_ranks_its_review_above_another_nations_in_the_query_words(
    tmp_path, catalogue, archive, search_engine, config, client
):
    english = make_report(
        catalogue,
        archive,
        tmp_path,
        "Serious Case Review: Child A",
        "This case review of Child A follows the case review guidance. The case review panel "
        "met four times; the case review was published by the board.",
        nation="England",
        review_type="SCR",
    )
    scottish = make_report(
        catalogue,
        archive,
        tmp_path,
        "Toddler's death could not have been predicted, review finds",
        "An independent review into the death of a boy in Fife found that agencies had no "
        "reason to suspect he was at risk.",
        nation="Scotland",
        review_type="other",
    )
    unknown = make_report(
        catalogue,
        archive,
        tmp_path,
        "Case review of Baby B",
        "The case review looked at the case of Baby B and at the review of the plan.",
        nation="unknown",
        review_type="other",
    )
    index(catalogue, search_engine, config, english, scottish, unknown)
    hits = client.get("/api/search?q=Scotland+case+review").get_json()["hits"]
    ranked = [int(hit["id"]) for hit in hits]
    # still found by its words, but after the review of the nation named
    assert ranked.index(scottish) < ranked.index(english)
    # the one that says no nation is not lowered below the other nation's
    assert ranked.index(unknown) < ranked.index(english)
