"""Inter-coder agreement on nominal data: Cohen's kappa (two coders) and Krippendorff's alpha
(any number of coders, missing values allowed).

Data come as a tally: {unit's values, one per coder (None where the coder gave none): how many
units had exactly these values}. A corpus has thousands of sentences that nobody coded; a tally
counts them in one entry instead of one row each.

Both return None where the statistic is undefined: every value the same (no variation, so the
expected disagreement is zero) or no pairable values.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping

Values = tuple[Hashable | None, ...]


def tally(units: Iterable[Values]) -> Counter:
    """A tally of units given one by one."""
    return Counter(tuple(unit) for unit in units)


def cohen_kappa(units: Mapping[Values, int]) -> float | None:
    """Cohen's kappa for two coders: (observed - expected agreement) / (1 - expected), the
    expected agreement from each coder's own distribution of values. Units where either coder
    gave no value are left out."""
    pairs = {(a, b): n for (a, b), n in units.items() if a is not None and b is not None}
    total = sum(pairs.values())
    if total == 0:
        return None
    first, second = Counter(), Counter()
    for (a, b), n in pairs.items():
        first[a] += n
        second[b] += n
    observed = sum(n for (a, b), n in pairs.items() if a == b) / total
    expected = sum(first[v] * second[v] for v in first) / total**2
    if expected == 1:
        return None
    return (observed - expected) / (1 - expected)


def coincidences(units: Mapping[Values, int]) -> Counter:
    """Krippendorff's coincidence matrix {(value, value): weight}: each unit with m values adds
    1/(m-1) for every ordered pair of values from two different coders."""
    matrix = Counter()
    for unit, count in units.items():
        values = [v for v in unit if v is not None]
        m = len(values)
        if m < 2:
            continue
        for i, a in enumerate(values):
            for j, b in enumerate(values):
                if i != j:
                    matrix[a, b] += count / (m - 1)
    return matrix


def krippendorff_alpha(units: Mapping[Values, int]) -> float | None:
    """Krippendorff's alpha, nominal: 1 - (n - 1) * disagreeing coincidences / disagreeing
    pairs expected by chance, from the coincidence matrix (n = pairable values)."""
    matrix = coincidences(units)
    totals = Counter()
    for (a, _b), weight in matrix.items():
        totals[a] += weight
    n = sum(totals.values())
    observed = sum(w for (a, b), w in matrix.items() if a != b)
    expected = sum(totals[a] * totals[b] for a in totals for b in totals if a != b)
    if n <= 1 or expected == 0:
        return None
    return 1 - (n - 1) * observed / expected
