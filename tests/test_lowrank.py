"""Tests of blogcode.lowrank: CR approximation of a matrix product."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blogcode import lowrank as lr

SEEDS = st.integers(min_value=0, max_value=2**32 - 1)
SHAPES = st.tuples(st.integers(1, 5), st.integers(1, 7), st.integers(1, 5))


def _factors(seed: int, n: int = 5, l: int = 8, m: int = 4, shift: float = 0.0):
    return lr.lognormal_factors(n, l, m, np.random.default_rng(seed), shift=shift)


# --------------------------------------------------------------------------- values


def test_rank_one_norms_match_explicit_outer_products() -> None:
    X, Y = _factors(0)
    expected = [np.linalg.norm(np.outer(X[:, i], Y[i])) for i in range(X.shape[1])]
    np.testing.assert_allclose(lr.rank_one_norms(X, Y), expected, rtol=1e-12)


def test_rank_one_gram_matches_vectorised_terms() -> None:
    X, Y = _factors(1)
    V = np.stack([np.outer(X[:, i], Y[i]).ravel() for i in range(X.shape[1])], axis=1)
    np.testing.assert_allclose(lr.rank_one_gram(X, Y), V.T @ V, rtol=1e-10, atol=1e-10)


def test_selection_matrix_slices_columns_and_rows() -> None:
    X, Y = _factors(2)
    idx = np.array([3, 0, 3])
    S = lr.selection_matrix(idx, X.shape[1])
    np.testing.assert_array_equal(X @ S, X[:, idx])
    np.testing.assert_array_equal(S.T @ Y, Y[idx])
    np.testing.assert_array_equal(np.tanh(X) @ S, np.tanh(X @ S))


def test_cr_top_keeps_largest_norms_in_order() -> None:
    X, Y = _factors(3, l=10)
    w = lr.rank_one_norms(X, Y)
    idx, C, R = lr.cr_top(X, Y, 4)
    np.testing.assert_array_equal(idx, np.argsort(-w)[:4])
    np.testing.assert_array_equal(C, X[:, idx])
    np.testing.assert_array_equal(R, Y[idx])


def test_cr_top_with_all_terms_is_exact() -> None:
    X, Y = _factors(4)
    _, C, R = lr.cr_top(X, Y, X.shape[1])
    np.testing.assert_allclose(C @ R, X @ Y, rtol=1e-12, atol=1e-12)


def test_optimal_probabilities_value_and_zero_product() -> None:
    np.testing.assert_allclose(lr.cr_optimal_probabilities([[3.0, 1.0]], [[2.0], [2.0]]),
                               [0.75, 0.25])
    np.testing.assert_allclose(lr.cr_optimal_probabilities(np.zeros((2, 4)), np.zeros((4, 3))),
                               np.full(4, 0.25))


def test_expected_error_closed_form_small_case() -> None:
    # Two orthogonal terms of norms 3 and 1: ||XY||^2 = 10, sum a = 4 -> (16 - 10) / r.
    X = np.array([[3.0, 0.0], [0.0, 1.0]])
    Y = np.eye(2)
    assert lr.cr_expected_error(X, Y, 1) == pytest.approx(6.0)
    assert lr.cr_expected_error(X, Y, 3) == pytest.approx(2.0)
    # Uniform: (9/0.5 + 1/0.5 - 10) = 10.
    assert lr.cr_expected_error(X, Y, 1, p="uniform") == pytest.approx(10.0)


def test_expected_error_is_exact_by_enumeration() -> None:
    X, Y = _factors(5, n=3, l=4, m=2)
    r = 2
    p = lr.cr_optimal_probabilities(X, Y)
    M = X @ Y
    total = 0.0
    for pair in itertools.product(range(4), repeat=r):
        prob = math.prod(p[i] for i in pair)
        est = sum(np.outer(X[:, i], Y[i]) / (r * p[i]) for i in pair)
        total += prob * np.sum((est - M) ** 2)
    assert lr.cr_expected_error(X, Y, r) == pytest.approx(total, rel=1e-10)


def test_sample_errors_agree_with_direct_products() -> None:
    X, Y = _factors(6, shift=0.5)
    r, trials = 5, 50
    errs = lr.cr_sample_errors(X, Y, r, trials, np.random.default_rng(9))
    # Recompute the same draws: multinomial counts -> direct weighted products.
    p = lr.cr_optimal_probabilities(X, Y)
    counts = np.random.default_rng(9).multinomial(r, p, size=trials)
    direct = [np.sum(((X * (c / (r * p))) @ Y - X @ Y) ** 2) for c in counts]
    np.testing.assert_allclose(errs, direct, rtol=1e-9, atol=1e-9)


def test_sample_mean_error_matches_closed_form() -> None:
    X, Y = _factors(7, l=30)
    errs = lr.cr_sample_errors(X, Y, 6, 5_000, np.random.default_rng(0))
    theory = lr.cr_expected_error(X, Y, 6)
    assert abs(errs.mean() - theory) < 4 * errs.std() / math.sqrt(errs.size)


def test_cr_sample_scaling_and_unbiasedness() -> None:
    X, Y = _factors(8, shift=1.0)
    p = lr.cr_optimal_probabilities(X, Y)
    idx, C, R = lr.cr_sample(X, Y, 6, np.random.default_rng(1))
    weighted = sum(np.outer(X[:, i], Y[i]) / (6 * p[i]) for i in idx)
    np.testing.assert_allclose(C @ R, weighted, rtol=1e-12)
    rng = np.random.default_rng(2)
    mean = np.mean([C @ R for _, C, R in (lr.cr_sample(X, Y, 6, rng) for _ in range(1500))], axis=0)
    noise = math.sqrt(lr.cr_expected_error(X, Y, 6) / 1500)
    assert np.linalg.norm(mean - X @ Y) < 4 * noise


def test_bruteforce_beats_or_matches_every_subset() -> None:
    X, Y = _factors(10, n=3, l=7, m=3)
    best = lr.cr_bruteforce(X, Y, 3)
    err = lambda idx: np.sum((X[:, list(idx)] @ Y[list(idx)] - X @ Y) ** 2)
    assert all(err(best) <= err(s) + 1e-12 for s in itertools.combinations(range(7), 3))


def test_top_r_is_optimal_for_orthogonal_terms() -> None:
    rng = np.random.default_rng(11)
    Q, _ = np.linalg.qr(rng.standard_normal((10, 8)))
    X = Q * rng.lognormal(size=8)
    Y = rng.standard_normal((8, 3))
    np.testing.assert_array_equal(lr.cr_bruteforce(X, Y, 3), np.sort(lr.cr_top(X, Y, 3)[0]))


def test_greedy_k1_is_top_r_and_cumulative_example() -> None:
    X, Y = _factors(12, l=9)
    np.testing.assert_array_equal(lr.cr_greedy_tuples(X, Y, 3, 1), np.sort(lr.cr_top(X, Y, 3)[0]))
    X = np.array([[1.0, 1.0, 0.0], [0.0, 0.0, 1.0]])
    Y = np.array([[1.0], [-1.0], [0.5]])
    np.testing.assert_array_equal(lr.cr_greedy_tuples(X, Y, 1, 2, cumulative=True), [2])


def test_optimal_core_matches_vectorised_lstsq() -> None:
    X, Y = _factors(13, n=6, l=9, m=5)
    _, C, R = lr.cr_top(X, Y, 3)
    M = X @ Y
    Λ = lr.optimal_core(C, R, M)
    vec = np.linalg.lstsq(np.kron(R.T, C), M.ravel(order="F"), rcond=None)[0]
    np.testing.assert_allclose(Λ, vec.reshape(3, 3, order="F"), rtol=1e-8, atol=1e-10)


def test_optimal_diagonal_weights_match_vectorised_lstsq_with_duplicates() -> None:
    X, Y = _factors(14, n=6, l=9, m=5)
    idx = np.array([2, 5, 2, 7])  # a duplicate makes U^T U singular
    C, R = X[:, idx], Y[idx]
    λ = lr.optimal_diagonal_weights(C, R, X, Y)
    U = np.stack([np.outer(C[:, i], R[i]).ravel() for i in range(4)], axis=1)
    fitted_ours = U @ λ
    fitted_ref = U @ np.linalg.lstsq(U, (X @ Y).ravel(), rcond=None)[0]
    np.testing.assert_allclose(fitted_ours, fitted_ref, rtol=1e-8, atol=1e-8)


def test_svd_truncate_eckart_young_and_full_rank() -> None:
    M = np.random.default_rng(15).standard_normal((6, 4))
    s = np.linalg.svd(M, compute_uv=False)
    assert np.sum((lr.svd_truncate(M, 2) - M) ** 2) == pytest.approx(np.sum(s[2:] ** 2))
    np.testing.assert_allclose(lr.svd_truncate(M, 10), M, atol=1e-12)
    assert np.linalg.matrix_rank(lr.svd_truncate(M, 2)) == 2


def test_relative_sq_error_value() -> None:
    assert lr.relative_sq_error([[1.0, 0.0]], [[2.0, 0.0]]) == pytest.approx(0.25)


def test_shift_aligns_terms() -> None:
    def mean_cos(shift: float) -> float:
        G = lr.rank_one_gram(*lr.lognormal_factors(20, 50, 20, np.random.default_rng(0), shift=shift))
        w = np.sqrt(np.diag(G))
        return float((np.sum(G / np.outer(w, w)) - 50) / (50 * 49))

    assert abs(mean_cos(0.0)) < 0.02 < 0.2 < mean_cos(1.0)
    X, Y = lr.shifted_gram_factors(30, 4, 2.0, np.random.default_rng(0))
    np.testing.assert_allclose(X, Y.T)
    assert np.all(lr.rank_one_gram(X, Y) >= 0)


# --------------------------------------------------------------------------- errors


def test_error_factors_not_2d() -> None:
    with pytest.raises(ValueError, match="must be 2-D"):
        lr.rank_one_norms([1.0, 2.0], [[1.0], [2.0]])


def test_error_factors_mismatch() -> None:
    with pytest.raises(ValueError, match="columns of X must match the rows of Y"):
        lr.rank_one_gram(np.ones((2, 3)), np.ones((2, 3)))


def test_error_factors_empty_inner_dimension() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        lr.cr_optimal_probabilities(np.ones((2, 0)), np.ones((0, 3)))


def test_error_factors_not_finite() -> None:
    with pytest.raises(ValueError, match="finite"):
        lr.rank_one_norms([[np.nan]], [[1.0]])


def test_error_r_out_of_range() -> None:
    X, Y = _factors(0)
    with pytest.raises(ValueError, match="r must be an integer from 1 to 8"):
        lr.cr_top(X, Y, 9)
    with pytest.raises(ValueError, match="r must be an integer"):
        lr.cr_sample(X, Y, 2.5, np.random.default_rng(0))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="r must be an integer >= 1"):
        lr.cr_expected_error(X, Y, 0)


def test_error_bad_rng() -> None:
    X, Y = _factors(0)
    with pytest.raises(TypeError, match="numpy.random.Generator"):
        lr.cr_sample(X, Y, 2, 42)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="numpy.random.Generator"):
        lr.lognormal_factors(2, 2, 2, np.random.RandomState(0))  # type: ignore[arg-type]


def test_error_bad_p() -> None:
    X, Y = _factors(0)
    with pytest.raises(ValueError, match="'optimal', 'uniform'"):
        lr.cr_expected_error(X, Y, 2, p="best")
    with pytest.raises(ValueError, match="must have shape"):
        lr.cr_expected_error(X, Y, 2, p=[0.5, 0.5])
    with pytest.raises(ValueError, match="sum to 1"):
        lr.cr_expected_error(X, Y, 2, p=np.full(8, 0.2))


def test_expected_error_infinite_when_p_misses_a_term() -> None:
    X, Y = _factors(0)
    p = np.zeros(8)
    p[0] = 1.0
    assert lr.cr_expected_error(X, Y, 3, p=p) == math.inf


def test_error_sample_errors_zero_probability() -> None:
    X, Y = _factors(0)
    p = np.zeros(8)
    p[0] = 1.0
    with pytest.raises(ValueError, match="positive on every term"):
        lr.cr_sample_errors(X, Y, 2, 3, np.random.default_rng(0), p=p)


def test_error_bruteforce_too_many_subsets() -> None:
    X, Y = _factors(0, l=8)
    with pytest.raises(ValueError, match="max_subsets"):
        lr.cr_bruteforce(X, Y, 4, max_subsets=10)


def test_error_greedy_k_does_not_divide() -> None:
    X, Y = _factors(0, l=8)
    with pytest.raises(ValueError, match="k must divide"):
        lr.cr_greedy_tuples(X, Y, 3, 2)
    with pytest.raises(ValueError, match="k must be an integer"):
        lr.cr_greedy_tuples(X, Y, 3, 0)


def test_error_selection_indices() -> None:
    with pytest.raises(ValueError, match="range\\(3\\)"):
        lr.selection_matrix([0, 3], 3)
    with pytest.raises(ValueError, match="1-D array of integers"):
        lr.selection_matrix([0.5], 3)
    with pytest.raises(ValueError, match="l must be an integer"):
        lr.selection_matrix([0], 0)


def test_error_optimal_core_shapes() -> None:
    with pytest.raises(ValueError, match="must be 2-D"):
        lr.optimal_core(np.ones(3), np.ones((1, 2)), np.ones((3, 2)))
    with pytest.raises(ValueError, match="shapes must be"):
        lr.optimal_core(np.ones((3, 1)), np.ones((1, 2)), np.ones((3, 3)))


def test_error_optimal_diagonal_weights_shapes() -> None:
    X, Y = _factors(0)
    with pytest.raises(ValueError, match="shape of X @ Y"):
        lr.optimal_diagonal_weights(X[:2, :3], Y[:3], X, Y)


def test_error_svd_truncate() -> None:
    with pytest.raises(ValueError, match="finite 2-D"):
        lr.svd_truncate(np.ones(3), 1)
    with pytest.raises(ValueError, match="r must be an integer >= 0"):
        lr.svd_truncate(np.ones((2, 2)), -1)


def test_error_relative_sq_error() -> None:
    with pytest.raises(ValueError, match="same shape"):
        lr.relative_sq_error(np.ones(2), np.ones(3))
    with pytest.raises(ValueError, match="M is zero"):
        lr.relative_sq_error(np.ones(2), np.zeros(2))


def test_error_generators() -> None:
    rng = np.random.default_rng(0)
    with pytest.raises(ValueError, match="sigma"):
        lr.lognormal_factors(2, 2, 2, rng, sigma=-1.0)
    with pytest.raises(ValueError, match="shift"):
        lr.lognormal_factors(2, 2, 2, rng, shift=np.inf)
    with pytest.raises(ValueError, match="n must be an integer"):
        lr.lognormal_factors(0, 2, 2, rng)
    with pytest.raises(ValueError, match="shift"):
        lr.shifted_gram_factors(3, 2, np.nan, rng)
    with pytest.raises(ValueError, match="N must be an integer"):
        lr.shifted_gram_factors(0, 2, 1.0, rng)


# --------------------------------------------------------------------------- properties


@settings(max_examples=40, deadline=None)
@given(seed=SEEDS, shape=SHAPES, r=st.integers(1, 6))
def test_property_optimal_p_minimises_expected_error(seed, shape, r) -> None:
    n, l, m = shape
    X, Y = lr.lognormal_factors(n, l, m, np.random.default_rng(seed))
    best = lr.cr_expected_error(X, Y, r)
    q = np.random.default_rng(seed + 1).dirichlet(np.ones(l))
    assert best <= lr.cr_expected_error(X, Y, r, p=q) * (1 + 1e-9) + 1e-9
    closed = (lr.rank_one_norms(X, Y).sum() ** 2 - np.sum((X @ Y) ** 2)) / r
    assert best == pytest.approx(max(closed, 0.0), rel=1e-9, abs=1e-9)
    assert best <= np.sum(X**2) * np.sum(Y**2) / r * (1 + 1e-12) + 1e-12


@settings(max_examples=40, deadline=None)
@given(seed=SEEDS, shape=SHAPES, data=st.data())
def test_property_error_ordering_for_one_selection(seed, shape, data) -> None:
    n, l, m = shape
    X, Y = lr.lognormal_factors(n, l, m, np.random.default_rng(seed),
                                shift=data.draw(st.floats(0, 2)))
    r = data.draw(st.integers(1, l))
    M = X @ Y
    _, C, R = lr.cr_top(X, Y, r)
    err = lambda A: float(np.sum((A - M) ** 2))
    tol = 1e-9 * (1 + err(np.zeros_like(M)))
    e_svd = err(lr.svd_truncate(M, r))
    e_full = err(C @ lr.optimal_core(C, R, M) @ R)
    e_diag = err((C * lr.optimal_diagonal_weights(C, R, X, Y)) @ R)
    e_plain = err(C @ R)
    assert e_svd <= e_full + tol and e_full <= e_diag + tol and e_diag <= e_plain + tol


@settings(max_examples=40, deadline=None)
@given(seed=SEEDS, shape=SHAPES)
def test_property_hadamard_identities(seed, shape) -> None:
    n, l, m = shape
    X, Y = lr.lognormal_factors(n, l, m, np.random.default_rng(seed))
    V = np.stack([np.outer(X[:, i], Y[i]).ravel() for i in range(l)], axis=1)
    G = lr.rank_one_gram(X, Y)
    np.testing.assert_allclose(G, V.T @ V, rtol=1e-9, atol=1e-9 * np.max(np.abs(G)))
    np.testing.assert_allclose(np.diag(G), lr.rank_one_norms(X, Y) ** 2, rtol=1e-9)


@settings(max_examples=30, deadline=None)
@given(seed=SEEDS, shape=SHAPES, r=st.integers(1, 6))
def test_property_sample_shapes_and_support(seed, shape, r) -> None:
    n, l, m = shape
    X, Y = lr.lognormal_factors(n, l, m, np.random.default_rng(seed))
    idx, C, R = lr.cr_sample(X, Y, r, np.random.default_rng(seed))
    assert idx.shape == (r,) and C.shape == (n, r) and R.shape == (r, m)
    assert np.all((0 <= idx) & (idx < l))
    assert np.all(lr.cr_sample_errors(X, Y, r, 5, np.random.default_rng(seed)) >= 0)
