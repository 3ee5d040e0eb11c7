"""Recurring recommendations: the recommendations of every review grouped by what they ask,
not how they are spelled, so that one asked again and again across reviews and years shows.

Each recommendation is a TF-IDF vector of its word stems and of the themes its wording names:
small words and the words every recommendation uses to ask ("the partnership should ensure that
practitioners…") are left out, and a phrase of the theme taxonomy (``nlp.themes``: "safer
sleep", "co-sleeping", "bed sharing" are one theme) counts as a word of its own, so that two
wordings of one request meet even when they share few words. Recommendations are then joined by
average linkage: two groups join while their members are, on average, at least ``SAME_MEANING``
alike (cosine), strongest first; a group does not grow by a chain of near neighbours.
``bench/recommendation_clusters.py`` measures this on paraphrases written apart from it.

A librarian's corrections are links, kept apart and applied on every clustering: ``same`` joins
two recommendations whatever their words, ``different`` keeps their clusters apart, so
re-clustering never undoes them. A cluster's themes come from the theme taxonomy read in its
wording.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import defaultdict

from casereview.vocabulary import CLUSTER_LINK_KINDS

from .themes import themes_in_keywords

SAME_MEANING = 0.2
# Pairs less alike than this count as not alike at all (keeps the pairs few on a large set).
ALIKE_AT_ALL = 0.1
# How many times a theme the wording names counts among its words.
THEME_REPEAT = 2
SAME, DIFFERENT = CLUSTER_LINK_KINDS
_WORD = re.compile(r"[^\W\d_]+")
STOP_WORDS = frozenset(
    """a about after all also an and any are as at be been before by can could do does each
    for from has have how if in into is it its may more must need needs not of on or other our
    should so such that the their them there these they this those to under was we were what
    when where which while who will with within would""".split()
)
# Words nearly every recommendation uses to say who is asked and how, not what is asked.
ASKING_WORDS = frozenset(
    """agency agencies always assurance authority board boards ensure every including local
    make particularly partner partners partnership partnerships practitioner practitioners
    professional professionals relevant routinely seek service services staff sure whenever
    """.split()
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
    """What ``text`` asks, as terms: the stems of its words that say it, and its themes
    (``theme:slug``, each ``THEME_REPEAT`` times)."""
    stems = [
        stem(w)
        for w in _WORD.findall((text or "").lower())
        if len(w) > 1 and w not in STOP_WORDS and w not in ASKING_WORDS
    ]
    return stems + [f"theme:{slug}" for slug in themes_in_keywords(text)] * THEME_REPEAT


def tfidf(texts: list[str]) -> list[dict[str, float]]:
    """Each text's TF-IDF vector (``weighted``), of unit length."""
    return weighted([terms(text) for text in texts])


def weighted(term_lists: list[list[str]]) -> list[dict[str, float]]:
    """Each list's TF-IDF vector, of unit length. The IDF is smoothed (1 + log((1 + n) /
    (1 + df))), so a word every recommendation has still counts, least of all."""
    counted = [defaultdict(int) for _ in term_lists]
    frequency: dict[str, int] = defaultdict(int)
    for counts, found in zip(counted, term_lists, strict=True):
        for term in found:
            counts[term] += 1
        for term in counts:
            frequency[term] += 1
    total = len(term_lists)
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


class _AverageLinkage:
    """Groups of item indexes joined by average linkage over the alike pairs, refusing to join
    groups that a "different" link parts. Groups start as ``units`` (lists of items worded
    alike); ``total[a][b]`` is the summed cosine of every pair of items across groups ``a`` and
    ``b`` (pairs not given count 0)."""

    def __init__(self, units: list[list[int]], apart: set[tuple[int, int]]):
        self.members = dict(enumerate(units))
        self.total: dict[int, dict[int, float]] = defaultdict(dict)
        self.apart = apart

    def add_pair(self, cosine: float, a: int, b: int) -> None:
        summed = cosine * len(self.members[a]) * len(self.members[b])
        self.total[a][b] = self.total[b][a] = summed

    def average(self, a: int, b: int) -> float:
        return self.total[a].get(b, 0.0) / (len(self.members[a]) * len(self.members[b]))

    def may_join(self, a: int, b: int) -> bool:
        return a != b and not any(
            (min(x, y), max(x, y)) in self.apart for x in self.members[a] for y in self.members[b]
        )

    def join(self, a: int, b: int) -> int:
        """Joins group ``b`` into ``a``; returns ``a``."""
        self.members[a] += self.members.pop(b)
        for other, summed in self.total.pop(b, {}).items():
            del self.total[other][b]
            if other != a:
                self.total[a][other] = self.total[other][a] = self.total[a].get(other, 0) + summed
        self.total[a].pop(b, None)
        return a

    def group_of(self, item: int) -> int:
        return next(g for g, members in self.members.items() if item in members)

    def run(self, threshold: float) -> None:
        """Joins the two most alike groups while they are at least ``threshold`` alike."""
        heap = [(-self.average(a, b), a, b) for a in self.total for b in self.total[a] if a < b]
        heapq.heapify(heap)
        while heap:
            negative, a, b = heapq.heappop(heap)
            if a not in self.members or b not in self.members:
                continue
            average = self.average(a, b)
            if not math.isclose(average, -negative, abs_tol=1e-12):
                heapq.heappush(heap, (-average, a, b))
                continue
            if average < threshold:
                break
            if not self.may_join(a, b):
                continue
            a = self.join(a, b)
            for other in self.total[a]:
                heapq.heappush(heap, (-self.average(a, other), min(a, other), max(a, other)))


def _units(items: list[dict], linked: set[int]) -> tuple[list[list[int]], list[list[str]]]:
    """(items worded alike, as one unit each, so a repeated wording costs one text; each
    unit's terms). An item a librarian linked stays a unit of its own."""
    terms_of: dict[str, list[str]] = {}
    units: dict[str, list[int]] = {}
    unit_terms: dict[str, list[str]] = {}
    for n, item in enumerate(items):
        text = item["text"]
        if text not in terms_of:
            terms_of[text] = terms(text)
        key = str(n) if n in linked else " ".join(terms_of[text])
        units.setdefault(key, []).append(n)
        unit_terms.setdefault(key, terms_of[text])
    return list(units.values()), list(unit_terms.values())


def cluster(
    items: list[dict], links: list[tuple[str, str, str]] = (), threshold: float = SAME_MEANING
) -> list[list[int]]:
    """Groups of indexes into ``items`` (each ``{"key", "text"}``), largest first. ``links``
    are a librarian's ``(key, key, "same" | "different")``, applied before the words."""
    index = {item["key"]: n for n, item in enumerate(items)}
    known = [(index[a], index[b], kind) for a, b, kind in links if a in index and b in index]
    apart = {(min(i, j), max(i, j)) for i, j, kind in known if kind == DIFFERENT}
    units, unit_terms = _units(items, {n for i, j, _kind in known for n in (i, j)})
    groups = _AverageLinkage(units, apart)
    vectors = weighted(unit_terms)
    for cosine, a, b in similar_pairs(vectors, ALIKE_AT_ALL):
        groups.add_pair(cosine, a, b)
    for i, j, kind in known:
        a, b = groups.group_of(i), groups.group_of(j)
        if kind == SAME and groups.may_join(a, b):
            groups.join(a, b)
    groups.run(threshold)
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
