"""Tests of blogcode.spectral: spectral norm gradient, power iteration, spectral weight decay."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.linalg
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from blogcode import spectral

SEEDS = st.integers(min_value=0, max_value=2**32 - 1)
SHAPES = st.tuples(st.integers(2, 7), st.integers(2, 7))


def _gapped(seed: int, shape: tuple[int, int], gap: float = 0.2) -> np.ndarray:
    """A random matrix whose top two singular values differ by at least ``gap``."""
    rng = np.random.default_rng(seed)
    k = min(shape)
    s = np.sort(rng.uniform(0.1, 1.0, k))[::-1]
    s[0] = s[1] + gap if k > 1 else s[0]
    return spectral.matrix_from_singular_values(s, shape, rng=rng)


# ---------------------------------------------------------------- unit tests
def test_spectral_norm_of_known_matrices() -> None:
    assert spectral.spectral_norm([[3.0, 0.0], [4.0, 0.0]]) == pytest.approx(5.0)
    assert spectral.spectral_norm(np.diag([1.0, -7.0, 2.0])) == pytest.approx(7.0)


def test_spectral_below_frobenius_on_the_post_example() -> None:
    W = np.random.default_rng(0).standard_normal((6, 4))
    assert spectral.spectral_norm(W) == pytest.approx(3.036073050, abs=1e-8)
    assert np.linalg.norm(W) == pytest.approx(4.195314239, abs=1e-8)


def test_gradient_matches_finite_differences() -> None:
    W = np.random.default_rng(0).standard_normal((6, 4))
    fd = spectral.fd_gradient(spectral.spectral_norm, W)
    assert np.max(np.abs(fd - spectral.spectral_norm_grad(W))) < 1e-8


def test_gradient_of_diagonal_matrix() -> None:
    G = spectral.spectral_norm_grad(np.diag([1.0, -3.0]))
    np.testing.assert_allclose(G, [[0.0, 0.0], [0.0, -1.0]], atol=1e-15)


def test_gradient_warns_at_a_tie() -> None:
    with pytest.warns(RuntimeWarning, match="not differentiable"):
        spectral.spectral_norm_grad(np.diag([1.0, 1.0, 0.5]))


def test_gradient_rejects_zero_matrix() -> None:
    with pytest.raises(ValueError, match="zero matrix"):
        spectral.spectral_norm_grad(np.zeros((2, 3)))


def test_best_rank1_is_eckart_young() -> None:
    W = _gapped(3, (5, 4))
    s = np.linalg.svd(W, compute_uv=False)
    R = W - spectral.best_rank1(W)
    assert spectral.spectral_norm(R) == pytest.approx(s[1])
    assert np.linalg.norm(R) == pytest.approx(np.sqrt(np.sum(s[1:] ** 2)))


@pytest.mark.parametrize("method", ["svd", "eigh", "svds"])
def test_top_vector_routes_agree(method: str) -> None:
    W = _gapped(4, (6, 5))
    v = spectral.top_right_singular_vector(W, method)
    assert abs(abs(v @ np.linalg.svd(W)[2][0]) - 1.0) < 1e-10
    assert v[np.argmax(np.abs(v))] > 0


def test_power_iteration_converges_at_the_predicted_rate() -> None:
    V = np.eye(3)
    W = spectral.matrix_from_singular_values([1.0, 0.9, 0.5], (3, 3), V=V, rng=np.random.default_rng(0))
    res = spectral.power_iteration(W, 30, x0=[1.0, 1.0, 1.0])
    tans = [spectral.tan_angle(x, V[:, 0]) for x in res.iterates]
    assert tans[20] / tans[10] == pytest.approx(0.9**20, rel=1e-3)
    assert np.all(np.diff(res.sigmas) >= -1e-15) and res.sigma <= 1.0 + 1e-15


def test_power_iteration_ones_start_can_miss_v1() -> None:
    V = np.array([[1, 1, 0, 0], [-1, 1, 0, 0], [0, 0, 2**0.5, 0], [0, 0, 0, 2**0.5]]) / 2**0.5
    W = spectral.matrix_from_singular_values([3.0, 2.0, 1.0, 0.5], (4, 4), V=V, rng=np.random.default_rng(0))
    res = spectral.power_iteration(W, 10, x0=np.ones(4))
    assert res.sigma == pytest.approx(2.0, abs=1e-9)
    assert spectral.power_iteration(W, 10, rng=np.random.default_rng(1)).sigma == pytest.approx(3.0, abs=1e-4)


def test_power_iteration_history_shapes() -> None:
    res = spectral.power_iteration(np.eye(3), 4, rng=np.random.default_rng(0))
    assert res.iterates.shape == (5, 3) and res.sigmas.shape == (5,)
    assert np.allclose(np.linalg.norm(res.iterates, axis=1), 1.0)


def test_decays_on_a_diagonal_matrix() -> None:
    W = np.diag([2.0, 1.0])
    np.testing.assert_allclose(spectral.spectral_weight_decay(W, 0.25), np.diag([1.5, 1.0]))
    np.testing.assert_allclose(spectral.frobenius_weight_decay(W, 0.25), np.diag([1.5, 0.75]))
    np.testing.assert_allclose(spectral.spectral_weight_decay(W, 0.25, v=[0.0, 3.0]), np.diag([2.0, 0.75]))


def test_decay_dynamics_flattens_the_top_of_the_spectrum() -> None:
    W0 = np.random.default_rng(1).standard_normal((16, 8)) / 4
    h = spectral.decay_dynamics(W0, 0.05, 100, mode="spectral")
    assert h.shape == (101, 8)
    assert h[-1, 0] - h[-1, 2] < 1e-2 and h[-1, -1] == pytest.approx(h[0, -1])
    f = spectral.decay_dynamics(W0, 0.05, 100, mode="frobenius")
    np.testing.assert_allclose(f[-1], 0.95**100 * f[0])
    warm = spectral.decay_dynamics(W0, 0.05, 5, mode="power", n_iter=1, start="warm", rng=np.random.default_rng(2))
    assert warm.shape == (6, 8) and np.all(warm[-1] <= warm[0] + 1e-12)


def test_sigma1_squared_2x2_matches_numerics() -> None:
    a, b, c, d = sp.symbols("a b c d", real=True)
    expr = spectral.sigma1_squared_2x2(sp.Matrix([[a, b], [c, d]]))
    value = float(expr.subs({a: 1, b: 2, c: -3, d: 0.5}))
    assert value == pytest.approx(spectral.spectral_norm([[1, 2], [-3, 0.5]]) ** 2)


def test_regression_decay_shrinks_weights() -> None:
    task = spectral.make_regression_task((6, 10), 12, 50, rank=6, noise=0.5, rng=np.random.default_rng(0))
    free = spectral.train_regression(task, decay="none", lam=0.0, steps=200)
    spec = spectral.train_regression(task, decay="spectral", lam=5.0, steps=200)
    frob = spectral.train_regression(task, decay="frobenius", lam=5.0, steps=200)
    power = spectral.train_regression(task, decay="power", lam=5.0, steps=200)
    assert spec.singular_values[0] < free.singular_values[0]
    assert np.linalg.norm(frob.W) < np.linalg.norm(spec.W)
    assert power.singular_values[0] == pytest.approx(spec.singular_values[0], rel=0.2)


# ------------------------------------------------------------ documented errors
@pytest.mark.parametrize(("W", "exc", "match"), [
    (np.ones(3), ValueError, "2-D"),
    (np.zeros((0, 2)), ValueError, "2-D"),
    ([[1.0, np.nan]], ValueError, "finite"),
    ([["a", "b"]], TypeError, "real matrix"),
])
def test_spectral_norm_rejects_bad_matrices(W: object, exc: type, match: str) -> None:
    with pytest.raises(exc, match=match):
        spectral.spectral_norm(W)  # type: ignore[arg-type]


def test_gradient_rejects_negative_gap() -> None:
    with pytest.raises(ValueError, match="gap_rtol"):
        spectral.spectral_norm_grad(np.eye(2), gap_rtol=-1.0)


def test_top_vector_rejects_unknown_method_and_thin_svds() -> None:
    with pytest.raises(ValueError, match="method must be one of"):
        spectral.top_right_singular_vector(np.eye(2), "qr")
    with pytest.raises(ValueError, match="svds"):
        spectral.top_right_singular_vector(np.ones((1, 3)), "svds")


def test_power_iteration_errors() -> None:
    W = np.diag([1.0, 0.0])
    with pytest.raises(ValueError, match="exactly one"):
        spectral.power_iteration(W, 3)
    with pytest.raises(ValueError, match="exactly one"):
        spectral.power_iteration(W, 3, x0=[1.0, 0.0], rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="shape"):
        spectral.power_iteration(W, 3, x0=[1.0, 0.0, 0.0])
    with pytest.raises(ValueError, match="non-zero"):
        spectral.power_iteration(W, 3, x0=[0.0, 0.0])
    with pytest.raises(ValueError, match="null space"):
        spectral.power_iteration(W, 3, x0=[0.0, 1.0])
    with pytest.raises(ValueError, match=">= 0"):
        spectral.power_iteration(W, -1, x0=[1.0, 0.0])
    with pytest.raises(TypeError, match="integer"):
        spectral.power_iteration(W, 2.0, x0=[1.0, 0.0])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="Generator"):
        spectral.power_iteration(W, 2, rng=0)  # type: ignore[arg-type]


def test_tan_angle_errors_and_orthogonal_case() -> None:
    assert spectral.tan_angle([0.0, 1.0], [1.0, 0.0]) == np.inf
    with pytest.raises(ValueError, match="equal length"):
        spectral.tan_angle([1.0, 0.0], [1.0, 0.0, 0.0])
    with pytest.raises(ValueError, match="non-zero"):
        spectral.tan_angle([0.0, 0.0], [1.0, 0.0])


def test_decay_errors() -> None:
    with pytest.raises(ValueError, match=r"eta_lam must lie in \[0.0, 1.0\]"):
        spectral.spectral_weight_decay(np.eye(2), 1.5)
    with pytest.raises(ValueError, match=r"eta_lam must lie"):
        spectral.frobenius_weight_decay(np.eye(2), -0.1)
    with pytest.raises(TypeError, match="real number"):
        spectral.frobenius_weight_decay(np.eye(2), "0.1")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="v must have shape"):
        spectral.spectral_weight_decay(np.eye(2), 0.1, v=[1.0])
    with pytest.raises(ValueError, match="non-zero"):
        spectral.spectral_weight_decay(np.eye(2), 0.1, v=[0.0, 0.0])


def test_decay_dynamics_errors() -> None:
    with pytest.raises(ValueError, match="mode must be one of"):
        spectral.decay_dynamics(np.eye(2), 0.1, 3, mode="nuclear")
    with pytest.raises(ValueError, match="start must be one of"):
        spectral.decay_dynamics(np.eye(2), 0.1, 3, mode="power", start="zeros")
    with pytest.raises(ValueError, match="needs rng"):
        spectral.decay_dynamics(np.eye(2), 0.1, 3, mode="power", start="warm")
    with pytest.raises(ValueError, match="steps must be >= 0"):
        spectral.decay_dynamics(np.eye(2), 0.1, -1)


def test_matrix_from_singular_values_errors() -> None:
    rng = np.random.default_rng(0)
    with pytest.raises(ValueError, match="shape must be a tuple"):
        spectral.matrix_from_singular_values([1.0], [1, 1], rng=rng)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="s must hold 2"):
        spectral.matrix_from_singular_values([1.0], (2, 2), rng=rng)
    with pytest.raises(ValueError, match="non-negative"):
        spectral.matrix_from_singular_values([1.0, -1.0], (2, 2), rng=rng)
    with pytest.raises(ValueError, match="orthonormal"):
        spectral.matrix_from_singular_values([1.0, 1.0], (2, 2), V=np.ones((2, 2)), rng=rng)
    with pytest.raises(TypeError, match="Generator"):
        spectral.matrix_from_singular_values([1.0, 1.0], (2, 2), rng=None)  # type: ignore[arg-type]


def test_fd_gradient_errors() -> None:
    with pytest.raises(TypeError, match="callable"):
        spectral.fd_gradient(3, np.eye(2))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="positive"):
        spectral.fd_gradient(spectral.spectral_norm, np.eye(2), eps=0.0)


def test_sigma1_squared_2x2_errors() -> None:
    with pytest.raises(TypeError, match="sympy Matrix"):
        spectral.sigma1_squared_2x2(np.eye(2))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="2x2"):
        spectral.sigma1_squared_2x2(sp.eye(3))


def test_regression_errors() -> None:
    rng = np.random.default_rng(0)
    with pytest.raises(ValueError, match="rank must be at most"):
        spectral.make_regression_task((2, 3), 4, 4, rank=3, noise=0.1, rng=rng)
    with pytest.raises(ValueError, match="shape must be a tuple"):
        spectral.make_regression_task([2, 3], 4, 4, rank=1, noise=0.1, rng=rng)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="noise"):
        spectral.make_regression_task((2, 3), 4, 4, rank=1, noise=-0.1, rng=rng)
    task = spectral.make_regression_task((2, 3), 4, 4, rank=1, noise=0.1, rng=rng)
    with pytest.raises(TypeError, match="RegressionTask"):
        spectral.train_regression("task", decay="none", lam=0.0)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="decay must be one of"):
        spectral.train_regression(task, decay="l1", lam=0.0)
    with pytest.raises(ValueError, match="eta must be positive"):
        spectral.train_regression(task, decay="none", lam=0.0, eta=0.0)
    with pytest.raises(ValueError, match="eta \\* lam"):
        spectral.train_regression(task, decay="frobenius", lam=30.0, eta=0.05)


# ------------------------------------------------------------ property tests
@settings(max_examples=30, deadline=None)
@given(seed=SEEDS, shape=SHAPES)
def test_spectral_norm_bounds(seed: int, shape: tuple[int, int]) -> None:
    W = np.random.default_rng(seed).standard_normal(shape)
    s2, sf = spectral.spectral_norm(W), np.linalg.norm(W)
    assert s2 <= sf * (1 + 1e-12)
    assert sf <= np.sqrt(min(shape)) * s2 * (1 + 1e-12)


@settings(max_examples=30, deadline=None)
@given(seed=SEEDS, shape=SHAPES)
def test_gradient_invariants(seed: int, shape: tuple[int, int]) -> None:
    W = _gapped(seed, shape)
    G = spectral.spectral_norm_grad(W)
    assert np.linalg.norm(G) == pytest.approx(1.0)                         # unit Frobenius norm
    assert np.sum(G * W) == pytest.approx(spectral.spectral_norm(W))       # <G, W> = sigma_1 (Euler)
    np.testing.assert_allclose(spectral.spectral_norm_grad(-W), -G, atol=1e-10)
    np.testing.assert_allclose(spectral.spectral_norm_grad(W.T), G.T, atol=1e-10)
    np.testing.assert_allclose(spectral.spectral_norm_grad(2.5 * W), G, atol=1e-10)


@settings(max_examples=30, deadline=None)
@given(seed=SEEDS, shape=SHAPES)
def test_rank1_equals_W_v_vT(seed: int, shape: tuple[int, int]) -> None:
    W = _gapped(seed, shape)
    v = spectral.top_right_singular_vector(W, "eigh")
    np.testing.assert_allclose(spectral.best_rank1(W), W @ np.outer(v, v), atol=1e-10)
    np.testing.assert_allclose(spectral.best_rank1(W),
                               spectral.spectral_norm(W) * spectral.spectral_norm_grad(W), atol=1e-10)


@settings(max_examples=30, deadline=None)
@given(seed=SEEDS, shape=SHAPES, eta_lam=st.floats(0.0, 1.0))
def test_spectral_decay_touches_only_sigma1(seed: int, shape: tuple[int, int], eta_lam: float) -> None:
    W = _gapped(seed, shape, gap=0.3)
    s = scipy.linalg.svdvals(W)
    new = np.sort(scipy.linalg.svdvals(spectral.spectral_weight_decay(W, eta_lam)))[::-1]
    expected = np.sort(np.concatenate([[(1 - eta_lam) * s[0]], s[1:]]))[::-1]
    np.testing.assert_allclose(new, expected, atol=1e-10)


@settings(max_examples=30, deadline=None)
@given(seed=SEEDS, shape=SHAPES, n_iter=st.integers(0, 15))
def test_power_iteration_estimate_never_exceeds_sigma1(seed: int, shape: tuple[int, int], n_iter: int) -> None:
    rng = np.random.default_rng(seed)
    W = rng.standard_normal(shape)
    res = spectral.power_iteration(W, n_iter, rng=rng)
    s1 = spectral.spectral_norm(W)
    assert res.sigma <= s1 * (1 + 1e-12)
    assert np.all(np.diff(res.sigmas) >= -1e-12 * s1)   # Rayleigh quotients increase
