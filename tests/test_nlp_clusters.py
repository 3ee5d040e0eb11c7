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


def test_wordings_that_share_a_theme_but_few_words_meet():
    sleep = [
        "Safer sleep advice should be repeated by health visitors at every contact.",
        "Midwives should talk to both parents about the risks of co-sleeping with their baby.",
    ]
    other = ["The local authority should recruit more foster carers for teenagers."]
    assert cluster(_items(sleep + other)) == [[0, 1], [2]]


def test_a_group_does_not_grow_by_a_chain_of_near_neighbours():
    """Average linkage: A is like B and B like C, but A and C ask different things, so the
    three are not one group (single linkage would have chained them)."""
    chain = [
        "Schools should record attendance concerns and share them with the education welfare service.",
        "The education welfare service should share attendance concerns with children's social care.",
        "Children's social care should share strategy meeting minutes with the police.",
    ]
    groups = cluster(_items(chain))
    assert [0, 1, 2] not in groups


def test_the_asking_words_alone_join_nothing():
    asks = [
        "The partnership should seek assurance that agencies ensure practitioners are trained.",
        "The partnership should seek assurance that agencies ensure staff have supervision.",
    ]
    # Only who is asked and how is shared; what is asked (training, supervision) differs.
    assert cluster(_items(asks)) == [[0], [1]]


def test_repeated_wordings_cost_one_text_and_stay_together():
    items = _items(SLEEP * 50 + ESCALATION)
    groups = cluster(items)
    assert groups[0] == list(range(50))
