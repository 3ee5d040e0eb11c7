"""What a project's coding shows: how often each code was applied, by review, year, nation and
review type; which codes occur together in one passage or in one review; and the passages
behind every count (``PassageFilter``). It counts the passages the account may see
(``export.project_excerpts``), so a coder of a project whose coding is not open counts their own.

A passage with two codes counts once for each; a count by review (or year…) is the number of
passages with the code in that review. Dimensions are small registered pieces (``DIMENSIONS``):
each names a passage's value, None where the catalogue does not know it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from itertools import combinations

from casereview.catalogue import Catalogue
from casereview.users import Account

from . import CodingError
from .export import Excerpt, ProjectExcerpts, project_excerpts

# How a missing value (a review of unknown year, say) is written in a filter.
UNKNOWN = "-"
IN_PASSAGE, IN_REVIEW = "passage", "review"
MAX_FILTER_CHARS = 300


@dataclass(frozen=True)
class Dimension:
    key: str
    label: str
    value_of: Callable[[Excerpt], object]


DIMENSIONS = {
    d.key: d
    for d in (
        Dimension("review", "Review", lambda e: e.review),
        Dimension("year", "Year", lambda e: e.year),
        Dimension("nation", "Nation", lambda e: e.nation),
        Dimension("type", "Review type", lambda e: e.review_type),
    )
}


def value_key(value) -> str:
    """A dimension's value as a filter writes it."""
    return UNKNOWN if value is None else str(value)


@dataclass(frozen=True)
class CodeRow:
    code_id: int
    code: str
    path: str
    # {value key: passages with the code}, for the table's values.
    counts: dict[str, int]
    total: int


@dataclass(frozen=True)
class FrequencyTable:
    dimension: Dimension
    # The values found, as (key, value) in order: known values sorted, the unknown last.
    values: tuple[tuple[str, object], ...]
    rows: tuple[CodeRow, ...]


@dataclass(frozen=True)
class Pair:
    first_id: int
    first: str
    second_id: int
    second: str
    # Passages with both codes (in one passage), or reviews with both (in one review).
    count: int


@dataclass
class Analysis:
    project_name: str
    all_coders: bool
    passages: int
    withheld: int
    tables: list[FrequencyTable] = field(default_factory=list)
    in_passage: list[Pair] = field(default_factory=list)
    in_review: list[Pair] = field(default_factory=list)


def _code_names(excerpts: list[Excerpt]) -> dict[int, tuple[str, str]]:
    names = {}
    for excerpt in excerpts:
        for code_id, name, path in zip(
            excerpt.code_ids, excerpt.codes, excerpt.code_paths, strict=True
        ):
            names[code_id] = (name, path)
    return names


def frequency_table(dimension: Dimension, excerpts: list[Excerpt], names) -> FrequencyTable:
    """Passages per code and value of ``dimension``."""
    counts = defaultdict(Counter)
    values = {}
    for excerpt in excerpts:
        value = dimension.value_of(excerpt)
        values[value_key(value)] = value
        for code_id in excerpt.code_ids:
            counts[code_id][value_key(value)] += 1
    ordered = sorted(
        values.items(), key=lambda kv: (kv[1] is None, str(kv[1]) if kv[1] is not None else "")
    )
    rows = [
        CodeRow(code_id, names[code_id][0], names[code_id][1], dict(c), sum(c.values()))
        for code_id, c in counts.items()
    ]
    rows.sort(key=lambda r: (-r.total, r.path.casefold()))
    return FrequencyTable(dimension, tuple(ordered), tuple(rows))


def _pairs(groups: list[set[int]], names) -> list[Pair]:
    together = Counter()
    for codes in groups:
        together.update(combinations(sorted(codes), 2))
    pairs = [Pair(a, names[a][1], b, names[b][1], n) for (a, b), n in together.items() if n > 0]
    pairs.sort(key=lambda p: (-p.count, p.first.casefold(), p.second.casefold()))
    return pairs


def co_occurrence_in_passages(excerpts: list[Excerpt], names) -> list[Pair]:
    """Pairs of codes applied to one passage, with the number of such passages."""
    return _pairs([set(e.code_ids) for e in excerpts], names)


def co_occurrence_in_reviews(excerpts: list[Excerpt], names) -> list[Pair]:
    """Pairs of codes applied in one review (to any of its passages), with the number of such
    reviews."""
    by_review = defaultdict(set)
    for excerpt in excerpts:
        by_review[excerpt.review].update(excerpt.code_ids)
    return _pairs(list(by_review.values()), names)


def analyse(found: ProjectExcerpts) -> Analysis:
    """Frequencies and co-occurrences of the excerpts found."""
    excerpts = found.excerpts
    names = _code_names(excerpts)
    return Analysis(
        found.project_name,
        found.all_coders,
        len(excerpts),
        found.withheld,
        [frequency_table(d, excerpts, names) for d in DIMENSIONS.values()],
        co_occurrence_in_passages(excerpts, names),
        co_occurrence_in_reviews(excerpts, names),
    )


def project_analysis(catalogue: Catalogue, account: Account, project_id: int) -> Analysis:
    """The analysis of the passages ``account`` may see; NotFound unless it is a member."""
    return analyse(project_excerpts(catalogue, account, project_id))


# the passages behind a count ------------------------------------------------------------------


@dataclass(frozen=True)
class PassageFilter:
    """Which passages a count stands for: with ``code_id`` (and ``with_id`` in the same passage,
    or in the same review), and of one value of any dimension."""

    code_id: int | None = None
    with_id: int | None = None
    together: str = IN_PASSAGE
    values: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> PassageFilter:
        """The filter of a query string (``code``, ``with``, ``together`` and a dimension's key,
        e.g. ``year=2020`` or ``year=-`` for an unknown year); CodingError when malformed."""
        values = tuple(
            (key, _text(args[key], key)) for key in DIMENSIONS if args.get(key) is not None
        )
        together = args.get("together") or IN_PASSAGE
        if together not in (IN_PASSAGE, IN_REVIEW):
            raise CodingError("‘together’ must be ‘passage’ or ‘review’")
        found = cls(_number(args.get("code"), "code"), _number(args.get("with"), "with"), together)
        if found.with_id is not None and found.code_id is None:
            raise CodingError("‘with’ needs a ‘code’")
        return cls(found.code_id, found.with_id, together, values)

    def as_args(self) -> dict[str, str]:
        args = dict(self.values)
        if self.code_id is not None:
            args["code"] = str(self.code_id)
        if self.with_id is not None:
            args.update({"with": str(self.with_id), "together": self.together})
        return args

    def matches(self, excerpt: Excerpt, reviews_with_both: set[str]) -> bool:
        for key, wanted in self.values:
            if value_key(DIMENSIONS[key].value_of(excerpt)) != wanted:
                return False
        codes = set(excerpt.code_ids)
        if self.with_id is None:
            return self.code_id is None or self.code_id in codes
        if self.together == IN_PASSAGE:
            return {self.code_id, self.with_id} <= codes
        return excerpt.review in reviews_with_both and bool({self.code_id, self.with_id} & codes)

    def select(self, excerpts: list[Excerpt]) -> list[Excerpt]:
        """The excerpts this filter keeps, in their order."""
        both = set()
        if self.with_id is not None and self.together == IN_REVIEW:
            by_review = defaultdict(set)
            for excerpt in excerpts:
                by_review[excerpt.review].update(excerpt.code_ids)
            both = {r for r, codes in by_review.items() if {self.code_id, self.with_id} <= codes}
        return [e for e in excerpts if self.matches(e, both)]


def _number(raw: str | None, name: str) -> int | None:
    if raw is None or raw == "":
        return None
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 18):
        raise CodingError(f"‘{name}’ must be a code's number")
    return int(raw)


def _text(raw: str, name: str) -> str:
    if len(raw) > MAX_FILTER_CHARS:
        raise CodingError(f"‘{name}’ has more than {MAX_FILTER_CHARS} characters")
    return raw
