"""Recurring recommendations: the recommendations of every review grouped by what they ask,
not how they are spelled, so that one asked again and again across reviews and years shows.

Each recommendation is a TF-IDF vector of its word stems (small words left out, rare words
weighing most, words every recommendation has least); two whose cosine is at least ``SAME_MEANING`` ask the same thing, and a cluster
is what such links join (single linkage, strongest links first). A librarian's corrections are
links too, kept apart and applied on every clustering: ``same`` joins two recommendations
whatever their words, ``different`` keeps their clusters apart, so re-clustering never undoes
them. A cluster's themes come from the theme taxonomy (``nlp.themes``) read in its wording.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict

from casereview.vocabulary import CLUSTER_LINK_KINDS

SAME_MEANING = 0.5
SAME, DIFFERENT = CLUSTER_LINK_KINDS
_WORD = re.compile(r"[^\W\d_]+")
STOP_WORDS = frozenset(
    """a about after all also an and any are as at be been before by can could do does each
    for from has have how if in into is it its may more must need needs not of on or other our
    should so such that the their them there these they this those to under was we were what
    when where which while who will with within would""".split()
)
_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ed", "es", "s", "ly")


IRREGULAR = {"children": "child", "families": "family", "people": "person"}


def stem(word: str) -> str:
    """A crude English stem, enough to make "sharing" and "shared", "GPs" and "GP" one word."""
    if word in IRREGULAR:
        return IRREGULAR[word]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= (2 if suffix == "s" else 3):
            word = word[: -len(suffix)] + ("y" if suffix == "ies" else "")
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word  # "share", "shar(ed)"


def terms(text: str) -> list[str]:
    return [stem(w) for w in _WORD.findall((text or "").lower()) if w not in STOP_WORDS]


def tfidf(texts: list[str]) -> list[dict[str, float]]:
    """Each text's TF-IDF vector, of unit length. The IDF is smoothed (1 + log((1 + n) /
    (1 + df))), so a word every recommendation has still counts, least of all."""
    counted = [defaultdict(int) for _ in texts]
    frequency: dict[str, int] = defaultdict(int)
    for counts, text in zip(counted, texts, strict=True):
        for term in terms(text):
            counts[term] += 1
        for term in counts:
            frequency[term] += 1
    total = len(texts)
    vectors = []
    for counts in counted:
        vector = {
            t: (1 + math.log(n)) * (1 + math.log((1 + total) / (1 + frequency[t])))
            for t, n in counts.items()
        }
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        vectors.append({t: v / norm for t, v in vector.items()})
    return vectors


def similar_pairs(
    vectors: list[dict[str, float]], threshold: float
) -> list[tuple[float, int, int]]:
    """(cosine, i, j) for every pair at least ``threshold`` alike, strongest first (found
    through the words they share, not by comparing every pair)."""
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for index, vector in enumerate(vectors):
        for term, weight in vector.items():
            postings[term].append((index, weight))
    dots: dict[tuple[int, int], float] = defaultdict(float)
    for entries in postings.values():
        for a in range(len(entries)):
            i, wi = entries[a]
            for j, wj in entries[a + 1 :]:
                dots[(i, j)] += wi * wj
    pairs = [(round(dot, 6), i, j) for (i, j), dot in dots.items() if dot >= threshold]
    return sorted(pairs, key=lambda p: (-p[0], p[1], p[2]))


class _Groups:
    """Union-find over item indexes that refuses to join groups a "different" link parts."""

    def __init__(self, size: int, apart: set[tuple[int, int]]):
        self.parent = list(range(size))
        self.members = {i: {i} for i in range(size)}
        self.apart = apart

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a == b or any(
            (min(x, y), max(x, y)) in self.apart for x in self.members[a] for y in self.members[b]
        ):
            return
        if len(self.members[a]) < len(self.members[b]):
            a, b = b, a
        self.parent[b] = a
        self.members[a] |= self.members.pop(b)


def cluster(
    items: list[dict], links: list[tuple[str, str, str]] = (), threshold: float = SAME_MEANING
) -> list[list[int]]:
    """Groups of indexes into ``items`` (each ``{"key", "text"}``), largest first. ``links``
    are a librarian's ``(key, key, "same" | "different")``, applied before the words."""
    index = {item["key"]: n for n, item in enumerate(items)}
    known = [(index[a], index[b], kind) for a, b, kind in links if a in index and b in index]
    apart = {(min(i, j), max(i, j)) for i, j, kind in known if kind == DIFFERENT}
    groups = _Groups(len(items), apart)
    for i, j, kind in known:
        if kind == SAME:
            groups.join(i, j)
    for _score, i, j in similar_pairs(tfidf([item["text"] for item in items]), threshold):
        groups.join(i, j)
    found = [sorted(members) for members in groups.members.values()]
    return sorted(found, key=lambda members: (-len(members), members[0]))


def central(texts: list[str]) -> int:
    """The index of the wording most like the others (a cluster's label)."""
    vectors = tfidf(texts)
    # a wording's likeness to all is its dot product with the sum of every vector (one pass,
    # not one per pair: the largest clusters hold hundreds of wordings)
    total: dict[str, float] = defaultdict(float)
    for vector in vectors:
        for term, weight in vector.items():
            total[term] += weight
    scores = [sum(w * total[t] for t, w in vector.items()) for vector in vectors]
    return max(range(len(texts)), key=lambda n: (scores[n], -n))
