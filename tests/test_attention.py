"""Tests of blogcode.attention: exact and random-feature attention (Performer)."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.integrate
import scipy.special
import scipy.stats
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from blogcode import attention as att

SMALL = hnp.arrays(np.float64, st.tuples(st.integers(1, 6), st.integers(1, 4)),
                   elements=st.floats(-2, 2, allow_nan=False))


def _qkv(n: int = 20, d: int = 8, scale: float = 0.4, seed: int = 0):
    rng = np.random.default_rng(seed)
    return tuple(scale * rng.standard_normal((n, d)) for _ in range(3))


# ---------------------------------------------------------------- exact attention
def test_softmax_attention_matches_explicit_formula() -> None:
    Q, K, V = _qkv()
    S = np.exp(Q @ K.T)
    expected = S @ V / S.sum(axis=1, keepdims=True)
    np.testing.assert_allclose(att.softmax_attention(Q, K, V), expected, rtol=1e-12)


def test_softmax_attention_causal_first_row_is_first_value() -> None:
    Q, K, V = _qkv()
    out = att.softmax_attention(Q, K, V, causal=True)
    np.testing.assert_allclose(out[0], V[0])
    S = np.tril(np.exp(Q @ K.T))
    np.testing.assert_allclose(out, S @ V / S.sum(axis=1, keepdims=True), rtol=1e-12)


def test_softmax_attention_survives_huge_logits() -> None:
    Q = np.array([[100.0]]); K = np.array([[10.0], [9.0]]); V = np.array([[1.0], [0.0]])
    assert att.softmax_attention(Q, K, V)[0, 0] == pytest.approx(1 / (1 + np.exp(-100.0)))


# ---------------------------------------------------------------- projections
def test_orthogonal_projection_rows_are_orthogonal_within_blocks() -> None:
    W = att.gaussian_projection(10, 4, np.random.default_rng(1), orthogonal=True)
    assert W.shape == (10, 4)
    for block in (W[0:4], W[4:8]):
        G = block @ block.T
        np.testing.assert_allclose(G - np.diag(np.diag(G)), 0, atol=1e-12)


def test_sqrt_d_and_quantile_norms() -> None:
    rng = np.random.default_rng(2)
    W = att.gaussian_projection(6, 5, rng, norms="sqrt_d")
    np.testing.assert_allclose(np.linalg.norm(W, axis=1), np.sqrt(5))
    Wq = att.gaussian_projection(6, 5, rng, orthogonal=True, norms="quantile")
    np.testing.assert_allclose(np.sort(np.linalg.norm(Wq, axis=1)), att.radial_quantiles(6, 5))


def test_orthogonal_rows_are_marginally_standard_normal() -> None:
    rng = np.random.default_rng(3)
    W = np.vstack([att.gaussian_projection(3, 3, rng, orthogonal=True) for _ in range(4000)])
    # every coordinate N(0, 1): Kolmogorov-Smirnov on the first coordinate of every row
    assert scipy.stats.kstest(W[:, 0], "norm").pvalue > 1e-3
    np.testing.assert_allclose(np.cov(W.T), np.eye(3), atol=0.05)


# ---------------------------------------------------------------- feature maps
def test_favor_features_unbiased_by_quadrature_d1() -> None:
    q, k = 0.7, -1.3
    integrand = lambda w: np.exp(-w * w / 2 + w * (q + k) - (q * q + k * k) / 2) / np.sqrt(2 * np.pi)
    value, _ = scipy.integrate.quad(integrand, -np.inf, np.inf)
    assert value == pytest.approx(np.exp(q * k), rel=1e-12)


@pytest.mark.parametrize("features", [att.favor_features, att.trig_features])
def test_feature_maps_estimate_exp_kernel(features) -> None:
    rng = np.random.default_rng(4)
    X = 0.3 * rng.standard_normal((5, 4))
    W = rng.standard_normal((200_000, 4))
    est = features(X, W) @ features(X, W).T
    np.testing.assert_allclose(est, np.exp(X @ X.T), rtol=0.02)


def test_trig_features_are_exact_for_equal_vectors() -> None:
    x = np.array([[0.3, -0.2]])
    phi = att.trig_features(x, np.random.default_rng(5).standard_normal((7, 2)))
    assert (phi @ phi.T).item() == pytest.approx(np.exp(x @ x.T).item())


def test_kernel_estimates_are_feature_dot_products() -> None:
    x, y = np.array([0.3, -0.1, 0.2]), np.array([-0.2, 0.4, 0.1])
    for kind, features in (("positive", att.favor_features), ("trig", att.trig_features)):
        est = att.kernel_estimates(x, y, 5, 1, np.random.default_rng(11), kind)
        W = np.random.default_rng(11).standard_normal((1, 5, 3))[0]
        assert est[0] == pytest.approx((features(x[None], W) @ features(y[None], W).T).item(), rel=1e-12)


def test_kernel_mse_theory_against_monte_carlo() -> None:
    rng = np.random.default_rng(6)
    x, y = 0.25 * rng.standard_normal(4), 0.25 * rng.standard_normal(4)
    m, reps = 4, 40_000
    exact = np.exp(x @ y)
    pos = att.kernel_estimates(x, y, m, reps, rng, "positive")
    trig = att.kernel_estimates(x, y, m, reps, rng, "trig")
    assert np.mean((pos - exact) ** 2) == pytest.approx(att.kernel_mse_theory(x, y, m, "positive"), rel=0.1)
    assert np.mean((trig - exact) ** 2) == pytest.approx(att.kernel_mse_theory(x, y, m, "trig"), rel=0.1)


# ---------------------------------------------------------------- linear attention
def test_linear_attention_equals_quadratic_form() -> None:
    rng = np.random.default_rng(7)
    pq, pk, V = rng.random((30, 5)), rng.random((30, 5)), rng.standard_normal((30, 3))
    S = pq @ pk.T
    np.testing.assert_allclose(att.linear_attention(pq, pk, V), S @ V / S.sum(1, keepdims=True))
    Sc = np.tril(S)
    for chunk in (1, 7, 64):
        np.testing.assert_allclose(att.linear_attention(pq, pk, V, causal=True, chunk=chunk),
                                   Sc @ V / Sc.sum(1, keepdims=True))


def test_favor_attention_converges_to_softmax() -> None:
    Q, K, V = _qkv(n=40, d=8, scale=0.3)
    exact = att.softmax_attention(Q, K, V, causal=True)
    approx = att.favor_attention(Q, K, V, 8192, np.random.default_rng(8), causal=True)
    assert np.abs(approx - exact).max() < 0.02


def test_favor_attention_is_stable_for_large_inputs() -> None:
    Q, K, V = _qkv(n=10, d=4, scale=15.0)
    out = att.favor_attention(Q, K, V, 16, np.random.default_rng(9))
    assert np.all(np.isfinite(out))


# ---------------------------------------------------------------- radii and bias
def test_radial_quantiles_are_chi_quantiles() -> None:
    R = att.radial_quantiles(9, 6)
    np.testing.assert_allclose(scipy.stats.chi.cdf(R, 6), np.arange(1, 10) / 10)
    # P_6(r <= R) = 1 - e^{-R^2/2}(1 + R^2/2 + R^4/8): regularised gamma, closed form for d = 6
    u = R**2 / 2
    np.testing.assert_allclose(1 - np.exp(-u) * (1 + u + u**2 / 2), np.arange(1, 10) / 10)


def test_directional_mean_ratio_averages_to_one_over_chi() -> None:
    d, s = 16, 1.5
    val, _ = scipy.integrate.quad(lambda r: scipy.stats.chi.pdf(r, d) * att.directional_mean_ratio(r, s, d),
                                  0, 20)
    assert val == pytest.approx(1.0, rel=1e-8)


def test_directional_mean_ratio_d3_closed_form() -> None:
    r, s = np.array([0.5, 1.0, 3.0]), 0.8  # d = 3: h(r) = sinh(rs)/(rs)
    np.testing.assert_allclose(att.directional_mean_ratio(r, s, 3),
                               np.sinh(r * s) / (r * s) * np.exp(-s * s / 2), rtol=1e-12)


def test_quantile_radii_underestimate() -> None:
    bias = att.directional_mean_ratio(att.radial_quantiles(16, 16), 3.0, 16).mean() - 1
    assert -0.30 < bias < -0.27


# ---------------------------------------------------------------- cost and crossover
def test_flop_counts_break_even_at_2m() -> None:
    f = att.flop_counts(2 * 100, 64, 100)
    assert f["exact"] == f["favor"] == 4 * 200**2 * 64


def test_crossover_length_cases() -> None:
    assert np.isnan(att.crossover_length([1, 2, 4], [1.0, 2.0, 3.0]))  # increasing ratio
    assert att.crossover_length([100, 10_000], [10.0, 0.1]) == pytest.approx(1000.0)
    n = np.array([128, 256, 512, 1024, 2048, 4096.0])
    assert att.crossover_length(n, 500.0 / n) == pytest.approx(500.0, rel=1e-9)
    spoiled = 500.0 / n
    spoiled[2] = 50.0  # one timing spoiled by load
    slope, intercept = np.polyfit(np.log(n), np.log(spoiled), 1)
    least_squares = np.exp(-intercept / slope)
    robust = att.crossover_length(n, spoiled)
    assert abs(np.log(robust / 500)) < abs(np.log(least_squares / 500)) and robust < 750


def test_row_tv_distance_value() -> None:
    assert att.row_tv_distance([[0.2, 0.8], [1.0, 0.0]], [[0.2, 0.8], [0.0, 1.0]]) == pytest.approx(0.5)


# ---------------------------------------------------------------- errors
@pytest.mark.parametrize(("call", "exc", "match"), [
    (lambda: att.softmax_attention(np.ones(3), np.ones((3, 1)), np.ones((3, 1))), ValueError, "2-D"),
    (lambda: att.softmax_attention(np.ones((2, 2)), np.ones((3, 1)), np.ones((3, 1))), ValueError, "columns"),
    (lambda: att.softmax_attention(np.ones((2, 1)), np.ones((3, 1)), np.ones((2, 1))), ValueError, "rows"),
    (lambda: att.softmax_attention(np.ones((2, 1)), np.ones((3, 1)), np.ones((3, 1)), causal=True),
     ValueError, "as many queries"),
    (lambda: att.softmax_attention([[np.nan]], [[1.0]], [[1.0]]), ValueError, "finite"),
    (lambda: att.gaussian_projection(0, 2, np.random.default_rng()), ValueError, "m must be >= 1"),
    (lambda: att.gaussian_projection(2, 2.5, np.random.default_rng()), ValueError, "d must be an integer"),
    (lambda: att.gaussian_projection(2, 2, np.random.default_rng(), norms="unit"), ValueError, "norms"),
    (lambda: att.gaussian_projection(2, 2, 0), TypeError, "Generator"),
    (lambda: att.favor_features(np.ones((2, 3)), np.ones((4, 2))), ValueError, "columns"),
    (lambda: att.trig_features(np.ones((2, 3)), np.ones((4, 2))), ValueError, "columns"),
    (lambda: att.linear_attention(np.ones((2, 1)), np.ones((2, 1)), np.ones((2, 1)), chunk=0),
     ValueError, "chunk"),
    (lambda: att.linear_attention(np.ones((2, 1)), np.ones((3, 1)), np.ones((3, 1)), causal=True),
     ValueError, "as many queries"),
    (lambda: att.favor_attention(np.ones((2, 2)), np.ones((2, 2)), np.ones((2, 2)), 0,
                                 np.random.default_rng()), ValueError, "n_features"),
    (lambda: att.favor_attention(np.ones((2, 2)), np.ones((2, 2)), np.ones((2, 2)), 4, 1), TypeError, "Generator"),
    (lambda: att.kernel_mse_theory([1.0], [1.0, 2.0], 4), ValueError, "equal length"),
    (lambda: att.kernel_estimates([1.0], [1.0, 2.0], 4, 2, np.random.default_rng()), ValueError, "equal length"),
    (lambda: att.kernel_estimates([1.0], [1.0], 4, 0, np.random.default_rng()), ValueError, "n_draws"),
    (lambda: att.kernel_estimates([1.0], [1.0], 4, 2, np.random.default_rng(), "cos"), ValueError, "kind"),
    (lambda: att.kernel_estimates([1.0], [1.0], 4, 2, None), TypeError, "Generator"),
    (lambda: att.kernel_mse_theory([1.0], [1.0], 4, kind="cos"), ValueError, "kind"),
    (lambda: att.radial_quantiles(3, 0), ValueError, "d must be >= 1"),
    (lambda: att.directional_mean_ratio([-1.0], 1.0, 3), ValueError, "radii"),
    (lambda: att.directional_mean_ratio([1.0], -1.0, 3), ValueError, "s must be"),
    (lambda: att.row_tv_distance(np.ones((2, 2)), np.ones((2, 3))), ValueError, "same shape"),
    (lambda: att.flop_counts(0, 1, 1), ValueError, "n must be"),
    (lambda: att.crossover_length([1], [1.0]), ValueError, "equal length"),
    (lambda: att.crossover_length([2, 1], [1.0, 0.5]), ValueError, "increasing"),
])
def test_documented_errors(call, exc, match) -> None:
    with pytest.raises(exc, match=match):
        call()


# ---------------------------------------------------------------- properties
@settings(max_examples=40, deadline=None)
@given(SMALL, st.integers(1, 6), st.integers(0, 2**32 - 1))
def test_favor_features_positive_and_shaped(X, m, seed) -> None:
    W = att.gaussian_projection(m, X.shape[1], np.random.default_rng(seed))
    phi = att.favor_features(X, W)
    assert phi.shape == (X.shape[0], m) and np.all(phi > 0)


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 12), st.integers(1, 5), st.integers(1, 40), st.integers(0, 2**32 - 1), st.booleans())
def test_favor_attention_is_a_convex_combination_of_values(n, d, m, seed, causal) -> None:
    Q, K, V = _qkv(n=n, d=d, scale=1.0, seed=seed % 1000)
    out = att.favor_attention(Q, K, V, m, np.random.default_rng(seed), causal=causal)
    lo = V.min(axis=0) - 1e-9
    hi = V.max(axis=0) + 1e-9
    assert np.all(out >= lo) and np.all(out <= hi)
    if causal:
        np.testing.assert_allclose(out[0], V[0], rtol=1e-9, atol=1e-12)


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 12), st.integers(1, 6), st.integers(0, 2**32 - 1))
def test_orthogonal_projection_preserves_chi_norm_law_shape(m, d, seed) -> None:
    W = att.gaussian_projection(m, d, np.random.default_rng(seed), orthogonal=True)
    U = W / np.linalg.norm(W, axis=1, keepdims=True)
    for start in range(0, m, d):
        block = U[start:start + d]
        np.testing.assert_allclose(block @ block.T, np.eye(block.shape[0]), atol=1e-10)


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 20), st.integers(1, 20), st.integers(1, 20))
def test_flop_ratio_is_n_over_2m(n, d, m) -> None:
    f = att.flop_counts(n, d, m)
    assert f["exact"] * 2 * m == f["favor"] * n


@settings(max_examples=30, deadline=None)
@given(hnp.arrays(np.float64, 3, elements=st.floats(-1, 1)), hnp.arrays(np.float64, 3, elements=st.floats(-1, 1)),
       st.integers(1, 50))
def test_kernel_mse_scales_as_one_over_m(x, y, m) -> None:
    for kind in ("positive", "trig"):
        assert att.kernel_mse_theory(x, y, m, kind) == pytest.approx(att.kernel_mse_theory(x, y, 1, kind) / m)
        assert att.kernel_mse_theory(x, y, m, kind) >= 0
