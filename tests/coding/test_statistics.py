"""Agreement statistics against values worked out by hand, and against the `krippendorff`
package (an independent, maintained implementation) on random data."""

import math
import random

import krippendorff
import numpy as np
import pytest

from coding.statistics import cohen_kappa, coincidences, krippendorff_alpha, tally

# Two coders, ten units, 1 = code applied:
# both 3 times, only the first once, only the second twice, neither 4 times.
TWO_CODERS = tally([(1, 1)] * 3 + [(1, 0)] + [(0, 1)] * 2 + [(0, 0)] * 4)


def test_cohen_kappa_by_hand():
    # observed agreement po = (3 + 4) / 10 = 0.7
    # first coder: 1 four times, 0 six times; second coder: 1 five times, 0 five times
    # expected agreement pe = (4*5 + 6*5) / 10**2 = 0.5
    # kappa = (0.7 - 0.5) / (1 - 0.5) = 0.4
    assert cohen_kappa(TWO_CODERS) == pytest.approx(0.4)


def test_cohen_kappa_by_hand_with_three_values():
    units = tally(
        [("a", "a")] * 5
        + [("b", "b")] * 3
        + [("c", "c")] * 2
        + [("a", "b")] * 2
        + [("b", "c"), ("c", "a")]
    )
    # po = 10/14; first: a 7, b 4, c 3; second: a 6, b 5, c 3
    # pe = (7*6 + 4*5 + 3*3) / 14**2 = 71/196
    # kappa = (140/196 - 71/196) / (125/196) = 69/125
    assert cohen_kappa(units) == pytest.approx(69 / 125)


def test_krippendorff_alpha_by_hand_for_two_coders():
    # Each unit has m = 2 values: each ordered pair of the two weighs 1/(m-1) = 1.
    # o(1,1) = 2*3 = 6, o(0,0) = 2*4 = 8, o(1,0) = o(0,1) = 1 + 2 = 3
    assert coincidences(TWO_CODERS) == {(1, 1): 6, (0, 0): 8, (1, 0): 3, (0, 1): 3}
    # n1 = 6 + 3 = 9, n0 = 8 + 3 = 11, n = 20
    # alpha = 1 - (n - 1) * (o(1,0) + o(0,1)) / (n1*n0 + n0*n1) = 1 - 19*6/198 = 14/33
    assert krippendorff_alpha(TWO_CODERS) == pytest.approx(14 / 33)


def test_krippendorff_alpha_by_hand_for_three_coders_with_missing_values():
    units = tally([(1, 1, 1), (1, 1, 0), (0, 0, None), (1, None, None), (0, 0, 0)])
    # (1,1,1): 6 ordered pairs (1,1) of weight 1/2 -> o(1,1) += 3
    # (1,1,0): (1,1) x2, (1,0) x2, (0,1) x2, weight 1/2 -> o(1,1) += 1, o(1,0) += 1, o(0,1) += 1
    # (0,0,-): m = 2, (0,0) x2 weight 1 -> o(0,0) += 2
    # (1,-,-): one value, not pairable -> nothing
    # (0,0,0): 6 pairs (0,0) of weight 1/2 -> o(0,0) += 3
    assert coincidences(units) == {(1, 1): 4, (1, 0): 1, (0, 1): 1, (0, 0): 5}
    # n1 = 5, n0 = 6, n = 11; alpha = 1 - 10 * 2 / (2*5*6) = 2/3
    assert krippendorff_alpha(units) == pytest.approx(2 / 3)


def test_no_variation_leaves_both_undefined():
    same = tally([(1, 1)] * 5)
    assert cohen_kappa(same) is None
    assert krippendorff_alpha(same) is None
    assert krippendorff_alpha(tally([(1, None), (None, 0)])) is None
    assert cohen_kappa(tally([(1, None)])) is None


def test_perfect_agreement_and_systematic_disagreement():
    assert cohen_kappa(tally([(1, 1), (0, 0)] * 3)) == pytest.approx(1)
    assert krippendorff_alpha(tally([(1, 1), (0, 0)] * 3)) == pytest.approx(1)
    assert cohen_kappa(tally([(1, 0), (0, 1)] * 3)) == pytest.approx(-1)
    assert krippendorff_alpha(tally([(1, 0), (0, 1)] * 3)) < -0.5


def _as_reliability_data(units, coders):
    return np.array([[math.nan if u[c] is None else u[c] for u in units] for c in range(coders)])


@pytest.mark.parametrize("seed", range(40))
def test_alpha_matches_the_krippendorff_package(seed):
    rng = random.Random(seed)
    coders, values = rng.randint(2, 5), rng.randint(2, 4)
    missing = rng.choice([0, 0.1, 0.3])
    units = []
    for _ in range(rng.randint(5, 60)):
        shared = rng.randrange(values)
        units.append(
            tuple(
                None
                if rng.random() < missing
                else (shared if rng.random() < 0.7 else rng.randrange(values))
                for _ in range(coders)
            )
        )
    ours = krippendorff_alpha(tally(units))
    data = _as_reliability_data(units, coders)
    if ours is None:
        pytest.skip("undefined for this draw")
    theirs = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    assert ours == pytest.approx(theirs, abs=1e-9)
