"""Tests of blogcode.interpreters: the workloads, their NumPy rewrites, running them elsewhere."""

from __future__ import annotations

import math
import shutil
import sys

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from blogcode import interpreters as ip

PYPY = shutil.which("pypy3")
needs_pypy = pytest.mark.skipif(PYPY is None, reason="pypy3 is not installed")


# --- values -------------------------------------------------------------------------

@pytest.mark.parametrize("n", [0, 1, 2, 3, 10, 100, 997, 10_000])
def test_sieve_sum_matches_sympy(n: int) -> None:
    expected = sum(sp.primerange(2, n + 1))
    assert ip.sieve_sum(n) == expected
    assert ip.sieve_sum_numpy(n) == expected


def test_sieve_sum_post_answer() -> None:
    assert ip.sieve_sum_numpy(2_000_000) == ip.QUOTED_ANSWERS["primes below 2e6"] == 142913828922


def test_first_primes_sum_scaled_answer() -> None:
    # sympy.prime(200000) = 2750159: the limit holds exactly 200000 primes.
    assert sp.primepi(2_750_159) == 200_000
    assert ip.first_primes_sum_numpy(200_000, 2_750_159) == 264129169599


@pytest.mark.parametrize(("count", "limit"), [(0, 0), (0, 10), (1, 2), (4, 10), (25, 100), (168, 1000)])
def test_first_primes_sum_matches_sympy(count: int, limit: int) -> None:
    expected = sum(sp.prime(k) for k in range(1, count + 1))
    assert ip.first_primes_sum(count, limit) == expected
    assert ip.first_primes_sum_numpy(count, limit) == expected


@pytest.mark.parametrize("N", [0, 1, 5, 20, 300])
def test_factorial_loop(N: int) -> None:
    assert ip.factorial_loop(N) == math.factorial(N)


@pytest.mark.parametrize("N", [1, 2, 10, 21, 22, 1000, 100_000])
def test_factorial_bits_stirling(N: int) -> None:
    assert ip.factorial_bits_stirling(N) == math.factorial(N).bit_length()


def test_factorial_loop_cost_against_exact_bit_lengths() -> None:
    N = 400
    exact = sum(math.log2(math.factorial(k - 1)) for k in range(2, N + 1))
    assert ip.factorial_loop_cost(N) == pytest.approx(exact, rel=1e-12)
    assert ip.factorial_loop_cost(1) == 0.0


def test_result_digest() -> None:
    assert ip.result_digest(0) == "0"
    assert ip.result_digest(2**64 - 1) == str(2**64 - 1)
    assert ip.result_digest(2**64) == f"65-bit, mod 2^61-1 = {2**64 % (2**61 - 1)}"
    assert ip.result_digest(np.int64(17)) == "17"


def test_workload_sources_are_stdlib_only() -> None:
    for name, args, expected in (("sieve_sum", (10,), 17), ("first_primes_sum", (4, 10), 17),
                                 ("factorial_loop", (10,), 3628800)):
        src = ip.workload_source(name)
        assert "blogcode" not in src and "import numpy" not in src
        namespace: dict = {}
        exec(compile(src, name, "exec"), {"__builtins__": __builtins__}, namespace)  # noqa: S102
        assert namespace[name](*args) == expected
        assert namespace["result_digest"](expected) == str(expected)


def test_find_interpreters_current_first() -> None:
    found = ip.find_interpreters(("definitely-not-an-interpreter",))
    assert found == {"cpython": sys.executable}
    assert ip.find_interpreters((), include_current=False) == {}


def test_interpreter_info_of_current() -> None:
    info = ip.interpreter_info(sys.executable)
    assert info == {"implementation": "CPython",
                    "version": ".".join(map(str, sys.version_info[:3])), "pypy_version": None}


def test_run_workload_current_interpreter() -> None:
    run = ip.run_workload(sys.executable, "first_primes_sum", 25, 100, calls=2)
    assert run.digest == "1060" and run.args == (25, 100)
    assert run.implementation == "CPython" and len(run.seconds) == 2
    assert all(s > 0 for s in run.seconds)
    assert ip.run_workload(sys.executable, "sieve_sum_numpy", 1000).digest == str(ip.sieve_sum(1000))


@needs_pypy
def test_pypy_gives_the_same_answers() -> None:
    assert ip.interpreter_info(PYPY)["implementation"] == "PyPy"
    for workload, args in (("sieve_sum", (20_000,)), ("first_primes_sum", (1000, 7919)),
                           ("factorial_loop", (2000,))):
        a = ip.run_workload(sys.executable, workload, *args)
        b = ip.run_workload(PYPY, workload, *args)
        assert a.digest == b.digest and b.implementation == "PyPy"


# --- properties -----------------------------------------------------------------------

@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=0, max_value=3000))
def test_sieve_routes_agree(n: int) -> None:
    assert ip.sieve_sum(n) == ip.sieve_sum_numpy(n)


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=2, max_value=3000))
def test_sieve_sum_increments_by_n_exactly_at_primes(n: int) -> None:
    step = ip.sieve_sum(n) - ip.sieve_sum(n - 1)
    assert step == (n if sp.isprime(n) else 0)


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=0, max_value=200))
def test_first_primes_sum_independent_of_limit(count: int) -> None:
    limit = int(sp.prime(count)) if count else 0
    assert ip.first_primes_sum(count, limit) == ip.first_primes_sum(count, 2 * limit + 10)
    assert ip.first_primes_sum(count, limit) == ip.first_primes_sum_numpy(count, limit)


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=1, max_value=400))
def test_factorial_recurrence(N: int) -> None:
    assert ip.factorial_loop(N) == N * ip.factorial_loop(N - 1)


@settings(max_examples=50, deadline=None)
@given(st.integers(min_value=-(2**200), max_value=2**200), st.integers(min_value=0, max_value=2**70))
def test_digest_separates_values(a: int, b: int) -> None:
    # Equal digests mean equal values, or (above 64 bits) the same bit length and the same
    # residue modulo 2^61 - 1.
    if ip.result_digest(a) == ip.result_digest(b):
        assert a == b or ((a - b) % (2**61 - 1) == 0 and a.bit_length() == b.bit_length() > 64)
    if a.bit_length() <= 64:
        assert int(ip.result_digest(a)) == a


# --- errors ---------------------------------------------------------------------------

@pytest.mark.parametrize("bad", [-1, 2.0, True, "10"])
def test_sieve_sum_rejects(bad: object) -> None:
    with pytest.raises(ValueError, match="n must be an integer >= 0"):
        ip.sieve_sum(bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="n must be an integer >= 0"):
        ip.sieve_sum_numpy(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("fn", [ip.first_primes_sum, ip.first_primes_sum_numpy])
def test_first_primes_sum_rejects(fn) -> None:
    with pytest.raises(ValueError, match="count must be an integer >= 0"):
        fn(-1, 10)
    with pytest.raises(ValueError, match="limit must be an integer >= 0"):
        fn(1, 2.5)
    with pytest.raises(ValueError, match="only 4 primes are <= 10, fewer than count=5"):
        fn(5, 10)


def test_factorial_loop_rejects() -> None:
    with pytest.raises(ValueError, match="N must be an integer >= 0"):
        ip.factorial_loop(-3)


@pytest.mark.parametrize("fn", [ip.factorial_bits_stirling, ip.factorial_loop_cost])
def test_cost_model_rejects(fn) -> None:
    with pytest.raises(ValueError, match="N must be an integer >= 1"):
        fn(0)


def test_result_digest_rejects() -> None:
    with pytest.raises(TypeError, match="value must be an integer, got float"):
        ip.result_digest(1.5)  # type: ignore[arg-type]


def test_workload_source_rejects() -> None:
    with pytest.raises(ValueError, match="unknown workload 'quicksort'"):
        ip.workload_source("quicksort")


def test_find_interpreters_rejects() -> None:
    with pytest.raises(TypeError, match="sequence of command names"):
        ip.find_interpreters("pypy3")


def test_interpreter_errors() -> None:
    with pytest.raises(TypeError, match="interpreter must be a path"):
        ip.interpreter_info(3)  # type: ignore[arg-type]
    with pytest.raises(FileNotFoundError, match="no executable interpreter"):
        ip.interpreter_info("/nonexistent/python-xyz")


def test_run_workload_rejects() -> None:
    with pytest.raises(ValueError, match="unknown workload"):
        ip.run_workload(sys.executable, "nope", 1)
    with pytest.raises(ValueError, match="arguments must be integers"):
        ip.run_workload(sys.executable, "sieve_sum", 1.5)
    with pytest.raises(ValueError, match="calls must be an integer >= 1"):
        ip.run_workload(sys.executable, "sieve_sum", 10, calls=0)
    with pytest.raises(TypeError, match="interpreter must be a path"):
        ip.run_workload(None, "sieve_sum", 10)  # type: ignore[arg-type]
    with pytest.raises(FileNotFoundError, match="no executable interpreter"):
        ip.run_workload("/nonexistent/python-xyz", "sieve_sum", 10)


def test_run_workload_reports_process_failure() -> None:
    with pytest.raises(RuntimeError, match="(?s)failed .exit code 1.*n must be an integer"):
        ip.run_workload(sys.executable, "sieve_sum", -5)


@needs_pypy
def test_numpy_workload_fails_under_pypy() -> None:
    with pytest.raises(RuntimeError, match="numpy"):
        ip.run_workload(PYPY, "sieve_sum_numpy", 100)


@given(st.integers(min_value=0, max_value=20_000))
@settings(max_examples=40, deadline=None)
def test_numpy_rewrite_agrees_with_the_segmented_sieve(n: int) -> None:
    from blogcode.primes import sum_primes_upto

    assert ip.sieve_sum_numpy(n) == sum_primes_upto(n) == ip.sieve_sum(n)
