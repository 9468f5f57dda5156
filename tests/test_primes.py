"""Tests of blogcode.primes: sieves, prime sums, Lucy's method, operation counts, bounds."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from blogcode import primes

# Sums of the primes <= 10^j (OEIS A046731 lists the same numbers as sums below 10^j).
CHECKPOINTS = {10: 17, 100: 1060, 10**3: 76127, 10**4: 5736396, 10**5: 454396537,
               10**6: 37550402023}


@pytest.mark.parametrize(("n", "expected"), sorted(CHECKPOINTS.items()))
def test_sum_primes_upto_checkpoints(n: int, expected: int) -> None:
    assert primes.sum_primes_upto(n) == expected
    assert primes.lucy_sum_primes(n) == expected


def test_the_two_answers_of_the_post() -> None:
    assert primes.sum_primes_upto(2_000_000) == 142_913_828_922
    assert primes.sum_first_primes(2_000_000) == 31_381_137_530_481
    assert primes.lucy_sum_primes(32_452_843) == 31_381_137_530_481


def test_primes_upto_matches_sympy_across_segments(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(primes, "_SEGMENT", 1000)  # many segments, with odd boundaries
    got = primes.primes_upto(200_003)
    assert got.dtype == np.int64
    assert got.tolist() == list(sympy.primerange(200_004))


def test_small_limits() -> None:
    assert primes.primes_upto(0).tolist() == []
    assert primes.primes_upto(1).tolist() == []
    assert primes.primes_upto(2).tolist() == [2]
    assert primes.primes_upto(3).tolist() == [2, 3]
    assert primes.primes_upto(9).tolist() == [2, 3, 5, 7]
    assert primes.sum_primes_upto(1) == 0 and primes.lucy_sum_primes(1) == 0
    assert primes.sum_first_primes(0) == 0
    assert [primes.sum_first_primes(k) for k in range(1, 7)] == [2, 5, 10, 17, 28, 41]


def test_numpy_integer_arguments_are_accepted() -> None:
    assert primes.sum_primes_upto(np.int64(100)) == 1060
    assert primes.sum_first_primes(np.int32(4)) == 17


def test_lucy_with_python_ints(monkeypatch: pytest.MonkeyPatch) -> None:
    # Above 4e9 the table holds Python ints; force that branch at a small n.
    monkeypatch.setattr(primes, "_LUCY_INT64_MAX", 10)
    assert primes.lucy_sum_primes(10**6) == CHECKPOINTS[10**6]


def test_blog_list_sieve_and_its_sum() -> None:
    table = primes.sieve_blog_list(100)
    assert len(table) == 100 and table[0] == 1
    assert [m for m in table if m > 1] == list(sympy.primerange(101))
    assert sum(primes.sieve_blog_list(100_000)) - 1 == CHECKPOINTS[10**5]
    assert primes.blog_sum_first_primes(1000, 8000) == primes.sum_first_primes(1000)


def test_trial_division_primes_matches_sieve() -> None:
    assert primes.trial_division_primes(20_000) == primes.primes_upto(20_000).tolist()
    assert primes.trial_division_primes(1) == [] and primes.trial_division_primes(2) == [2]


def _count_divisions(n: int) -> int:
    """Divisions made by trial division with the primes found so far (slow reference)."""
    found: list[int] = []
    count = 0
    for m in range(2, n + 1):
        is_prime = True
        for p in found:
            if p * p > m:
                break
            count += 1
            if m % p == 0:
                is_prime = False
                break
        if is_prime:
            found.append(m)
    return count


@pytest.mark.parametrize("n", [0, 3, 4, 10, 97, 1000, 5000])
def test_trial_division_count_matches_instrumented_loop(n: int) -> None:
    assert primes.trial_division_count(n) == _count_divisions(n)


def _count_strikes(n: int) -> int:
    """Assignments made by the post's sieve (slow reference)."""
    table = list(range(1, n + 1))
    count = 0
    for j in range(2, math.isqrt(n) + 1):
        if table[j - 1]:
            for s in range(j * j, n + 1, j):
                table[s - 1] = 0
                count += 1
    return count


@pytest.mark.parametrize("n", [0, 1, 4, 30, 1000, 5000])
def test_sieve_strike_count_matches_instrumented_loop(n: int) -> None:
    assert primes.sieve_strike_count(n) == _count_strikes(n)


def test_limit_for_count_bounds_the_kth_prime() -> None:
    assert primes.limit_for_count(2_000_000) == 34_366_807
    assert primes.limit_for_count(2_000_000, method="x/log x") == 34_725_999
    assert sympy.prime(2_000_000) == 32_452_843 < primes.limit_for_count(2_000_000)
    assert primes.limit_for_count(0) == 2 and primes.limit_for_count(5) == 11


def test_rosser_bound_for_every_k_up_to_20000() -> None:
    p = primes.primes_upto(250_000)[:20_000].astype(float)
    k = np.arange(1, 20_001, dtype=float)
    ok = p[5:] < k[5:] * (np.log(k[5:]) + np.log(np.log(k[5:])))
    assert ok.all()
    assert not p[4] < 5 * (math.log(5) + math.log(math.log(5)))  # p_5 = 11 > 10.3: k >= 6 needed


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=0, max_value=3000), st.sampled_from(["rosser", "x/log x"]))
def test_limit_for_count_holds_k_primes(k: int, method: str) -> None:
    assert sympy.primepi(primes.limit_for_count(k, method)) >= k


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=0, max_value=200_000))
def test_lucy_and_sieve_agree(n: int) -> None:
    assert primes.lucy_sum_primes(n) == primes.sum_primes_upto(n) == int(primes.primes_upto(n).sum())


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=1, max_value=5000))
def test_sum_first_primes_telescopes(k: int) -> None:
    # S(k) - S(k-1) is the k-th prime, and the k-th prime is where the upto-sum jumps.
    pk = int(sympy.prime(k))
    assert primes.sum_first_primes(k) - primes.sum_first_primes(k - 1) == pk
    assert primes.sum_first_primes(k) == primes.sum_primes_upto(pk)


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=0, max_value=3000))
def test_primes_are_prime_and_complete(n: int) -> None:
    got = primes.primes_upto(n)
    assert all(sympy.isprime(int(p)) for p in got)
    assert len(got) == sympy.primepi(n)


# One test per documented error.

@pytest.mark.parametrize("fn", [primes.primes_upto, primes.sum_primes_upto, primes.lucy_sum_primes,
                                primes.sieve_blog_list, primes.trial_division_primes,
                                primes.sieve_strike_count, primes.trial_division_count,
                                primes.sum_first_primes, primes.limit_for_count])
@pytest.mark.parametrize("bad", [-1, True, 2.5, 2e6, Fraction(1, 2)])
def test_bad_number_raises_value_error(fn, bad) -> None:
    with pytest.raises(ValueError, match="non-negative integer"):
        fn(bad)


@pytest.mark.parametrize("fn", [primes.primes_upto, primes.sum_primes_upto, primes.sum_first_primes,
                                primes.lucy_sum_primes])
@pytest.mark.parametrize("bad", ["100", None, [10]])
def test_non_number_raises_type_error(fn, bad) -> None:
    with pytest.raises(TypeError, match="must be a non-negative integer"):
        fn(bad)


def test_too_large_n_raises() -> None:
    with pytest.raises(ValueError, match="at most"):
        primes.primes_upto(primes.MAX_N + 1)
    with pytest.raises(ValueError, match="at most"):
        primes.sieve_blog_list(10**8 + 1)
    with pytest.raises(ValueError, match="at most"):
        primes.trial_division_primes(10**7 + 1)
    with pytest.raises(ValueError, match="at most"):
        primes.trial_division_count(10**8 + 1)


def test_unknown_method_raises() -> None:
    with pytest.raises(ValueError, match="method must be"):
        primes.limit_for_count(10, method="dusart")


def test_limit_too_small_raises() -> None:
    with pytest.raises(ValueError, match="fewer than k=10"):
        primes.sum_first_primes(10, limit=20)
    with pytest.raises(ValueError, match="fewer than k=10"):
        primes.blog_sum_first_primes(10, 20)


def test_blog_first_primes_needs_n_at_least_one() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        primes.blog_sum_first_primes(0, 0)
