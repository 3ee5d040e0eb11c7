"""Recommendations clustered by what they ask, not how they are spelled; a librarian's links win."""

from __future__ import annotations

from nlp.clusters import DIFFERENT, SAME, central, cluster, stem

GP = [
    "Share information with GPs when a child moves area.",
    "GPs should be told when a child moves to another area, and information shared.",
    "Information about children moving area must be shared with their GP.",
]
ESCALATION = [
    "The Board should relaunch its escalation policy.",
    "The escalation policy should be relaunched and audited by the Board.",
]
SLEEP = ["Safe sleep advice should be repeated at every contact."]


def _items(texts):
    return [{"key": f"k{n}", "text": text} for n, text in enumerate(texts)]


def test_the_same_ask_in_other_words_is_one_cluster():
    groups = cluster(_items(GP + ESCALATION + SLEEP))
    assert groups == [[0, 1, 2], [3, 4], [5]]


def test_a_librarians_links_survive_clustering_again():
    items = _items(GP + ESCALATION + SLEEP)
    split = cluster(items, [("k0", "k1", DIFFERENT), ("k0", "k2", DIFFERENT)])
    assert [0] in split and [1, 2] in split
    merged = cluster(items, [("k3", "k5", SAME)])
    assert [3, 4, 5] in merged
    # A link to a recommendation no longer there is ignored.
    assert cluster(items, [("k0", "gone", SAME)]) == cluster(items)


def test_the_label_is_the_most_typical_wording_and_stems_join_forms():
    assert central(GP) in (0, 1, 2)
    assert stem("sharing") == stem("shared") and stem("GPs".lower()) == "gp"
    assert stem("children") == "child"
