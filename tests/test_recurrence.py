"""Tests of blogcode.recurrence: affine scans and sweep schemes for nonlinear RNNs."""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.optimize
import scipy.signal
from hypothesis import given, settings
from hypothesis import strategies as st

from blogcode import recurrence as R

SEEDS = st.integers(min_value=0, max_value=2**32 - 1)


def _problem(seed: int, T: int = 30, d: int = 4, norm: float = 0.9, scale: float = 1.0):
    rng = np.random.default_rng(seed)
    return R.random_matrix(d, norm, rng), scale * rng.standard_normal((T, d))


# ----------------------------------------------------------------- reference RNN
def test_sequential_rnn_by_hand() -> None:
    A = np.array([[0.5, -0.2], [0.1, 0.3]])
    U = np.array([[0.3, -0.4], [1.0, 0.5], [-0.2, 0.0]])
    x0 = np.array([0.1, 0.2])
    x = x0
    for u in U:
        x = np.tanh(A @ x + u)
    assert np.allclose(R.rnn_tanh_sequential(A, U, x0)[-1], x, rtol=0, atol=1e-15)


def test_residual_vanishes_only_on_the_trajectory() -> None:
    A, U = _problem(3)
    X = R.rnn_tanh_sequential(A, U)
    assert np.max(np.abs(R.rnn_tanh_residual(A, U, X))) < 1e-15
    assert np.max(np.abs(R.rnn_tanh_residual(A, U, X + 1e-3))) > 1e-4


# ---------------------------------------------------------------- linear scans
@pytest.mark.parametrize("T", [1, 2, 3, 7, 8, 33])
def test_scan_equals_loop_dense_time_varying(T: int) -> None:
    rng = np.random.default_rng(T)
    A = 0.5 * rng.standard_normal((T, 3, 3))
    B = rng.standard_normal((T, 3))
    x0 = rng.standard_normal(3)
    X, counts = R.affine_scan(A, B, x0, return_counts=True)
    assert np.allclose(X, R.linear_recurrence(A, B, x0), rtol=1e-12, atol=1e-12)
    expected = R.scan_operation_counts(T, 3)
    assert counts == {"passes": expected["scan_depth"], "combines": expected["scan_combines"]}
    assert counts["passes"] == (math.ceil(math.log2(T)) if T > 1 else 0)


def test_diagonal_scan_matches_lfilter_with_complex_eigenvalues() -> None:
    rng = np.random.default_rng(5)
    lam = np.array([0.9 * np.exp(0.3j), 0.5, -0.7 + 0.1j])
    B = rng.standard_normal((200, 3)) + 1j * rng.standard_normal((200, 3))
    X = R.affine_scan(lam, B, diagonal=True)
    for i, li in enumerate(lam):
        ref = scipy.signal.lfilter([1.0], [1.0, -li], B[:, i])
        assert np.allclose(X[:, i], ref, rtol=1e-12, atol=1e-12)


def test_scan_matches_jax_associative_scan() -> None:
    jax = pytest.importorskip("jax")
    jax.config.update("jax_enable_x64", True)
    rng = np.random.default_rng(11)
    A, B = 0.4 * rng.standard_normal((20, 3, 3)), rng.standard_normal((20, 3))

    def combine(e1, e2):
        return e2[0] @ e1[0], (e2[0] @ e1[1][..., None])[..., 0] + e2[1]

    scan = jax.jit(lambda a, b: jax.lax.associative_scan(combine, (a, b))[1])
    xs = scan(A, B)
    assert np.allclose(np.asarray(xs), R.affine_scan(A, B), rtol=1e-13, atol=1e-13)


def test_operation_counts_values() -> None:
    c = R.scan_operation_counts(8, 2)
    assert c["scan_depth"] == 3 and c["scan_combines"] == 7 + 6 + 4
    assert c["seq_work"] == 8 * 8 and c["scan_work"] == 17 * (2 * 8 - 4 + 8 - 2 + 2) + 8
    diag = R.scan_operation_counts(1, 5, diagonal=True)
    assert diag["scan_depth"] == 0 and diag["scan_work"] == 10 and diag["seq_work"] == 10


@settings(max_examples=25, deadline=None)
@given(seed=SEEDS, T=st.integers(1, 40), diagonal=st.booleans())
def test_property_scan_equals_sequential(seed: int, T: int, diagonal: bool) -> None:
    rng = np.random.default_rng(seed)
    A = 0.6 * rng.uniform(-1, 1, (T, 3)) if diagonal else 0.3 * rng.standard_normal((T, 3, 3))
    B, x0 = rng.standard_normal((T, 3)), rng.standard_normal(3)
    X = R.affine_scan(A, B, x0, diagonal=diagonal)
    assert np.allclose(X, R.linear_recurrence(A, B, x0, diagonal=diagonal), atol=1e-12)


@settings(max_examples=25, deadline=None)
@given(seed=SEEDS)
def test_property_affine_composition_is_associative(seed: int) -> None:
    rng = np.random.default_rng(seed)
    (A1, A2, A3), (b1, b2, b3) = rng.standard_normal((3, 3, 3)), rng.standard_normal((3, 3))

    def comp(f, g):  # f after g
        return f[0] @ g[0], f[0] @ g[1] + f[1]

    left = comp(comp((A3, b3), (A2, b2)), (A1, b1))
    right = comp((A3, b3), comp((A2, b2), (A1, b1)))
    assert np.allclose(left[0], right[0]) and np.allclose(left[1], right[1])


# --------------------------------------------------------------------- sweeps
@pytest.mark.parametrize("scheme", R.SCHEMES)
def test_every_scheme_reaches_the_trajectory(scheme: str) -> None:
    A, U = _problem(1, T=40)
    X_ref = R.rnn_tanh_sequential(A, U)
    its = R.perturbation_sweeps(A, U, 40, scheme)
    assert len(its) == 41 and not its[0].any()
    assert np.max(np.abs(its[-1] - X_ref)) < 1e-13


def test_first_sweep_is_the_linear_rnn_with_tanh_input() -> None:
    A, U = _problem(2)
    X1 = R.perturbation_sweeps(A, U, 1, "fixed")[1]
    assert np.allclose(X1, R.linear_recurrence(A, np.tanh(U)), atol=1e-14)


def test_newton_sweep_is_a_newton_step_on_the_residual() -> None:
    A, U = _problem(4, T=6, d=3)
    T, d = U.shape
    X = 0.3 * np.random.default_rng(0).standard_normal((T, d))
    F = R.rnn_tanh_residual(A, U, X).ravel()
    J = np.eye(T * d)
    prev = np.vstack([np.zeros(d), X[:-1]])
    for t in range(1, T):
        s = 1.0 / np.cosh(A @ prev[t] + U[t]) ** 2
        J[t * d:(t + 1) * d, (t - 1) * d:t * d] = -s[:, None] * A
    newton = X - np.linalg.solve(J, F).reshape(T, d)
    ours = R.perturbation_sweeps(A, U, 1, "newton", X_init=X)[1]
    assert np.allclose(ours, newton, atol=1e-13)


def test_scipy_root_agrees_with_the_loop() -> None:
    A, U = _problem(6, T=25, d=3)
    sol = scipy.optimize.root(lambda v: R.rnn_tanh_residual(A, U, v.reshape(U.shape)).ravel(),
                              np.zeros(U.size), tol=1e-13)
    assert sol.success
    assert np.allclose(sol.x.reshape(U.shape), R.rnn_tanh_sequential(A, U), atol=1e-12)


def test_convergence_orders() -> None:
    A, U = _problem(2, T=200, d=8, scale=1.0)
    X_ref = R.rnn_tanh_sequential(A, U)
    newton = [np.max(np.abs(X - X_ref)) for X in R.perturbation_sweeps(A, U, 3, "newton")]
    assert newton[3] < 10 * newton[2] ** 2  # quadratic
    fixed = np.array([np.max(np.abs(X - X_ref)) for X in R.perturbation_sweeps(A, U, 30, "fixed")])
    ratios = fixed[1:][fixed[:-1] > 1e-9] / fixed[:-1][fixed[:-1] > 1e-9]
    assert ratios.size >= 10 and 0.1 < np.median(ratios) < 0.9  # linear


def test_sequential_and_scan_methods_agree() -> None:
    A, U = _problem(8)
    a = R.perturbation_sweeps(A, U, 4, "input", method="scan")
    b = R.perturbation_sweeps(A, U, 4, "input", method="sequential")
    assert all(np.allclose(x, y, atol=1e-13) for x, y in zip(a, b))


@settings(max_examples=20, deadline=None)
@given(seed=SEEDS, scheme=st.sampled_from(R.SCHEMES), n=st.integers(0, 12),
       scale=st.sampled_from([0.1, 1.0, 3.0]))
def test_property_finite_termination_front(seed: int, scheme: str, n: int, scale: float) -> None:
    A, U = _problem(seed, T=12, d=3, norm=0.95, scale=scale)
    X_ref = R.rnn_tanh_sequential(A, U)
    Xn = R.perturbation_sweeps(A, U, n, scheme)[-1]
    assert R.first_inexact_index(Xn, X_ref, tol=1e-12) >= n


def test_diagonalised_sweeps_are_the_fixed_sweeps_in_eigen_coordinates() -> None:
    A, U = _problem(9, T=30, d=4)
    lam, V = np.linalg.eig(A)
    Ys = R.diagonal_sweeps(lam, np.linalg.inv(V), V * lam, U, 5)
    Xs = R.perturbation_sweeps(A, U, 5, "fixed")
    for Y, X in zip(Ys, Xs):
        assert np.allclose(Y @ V.T, X, atol=1e-12)


def test_first_inexact_index_and_sweeps_to_tolerance() -> None:
    ref = np.zeros((4, 2))
    X = ref.copy()
    assert R.first_inexact_index(X, ref) == 4
    X[2, 1] = 1e-6
    assert R.first_inexact_index(X, ref) == 2
    assert R.sweeps_to_tolerance([X, X + 1, ref], ref, tol=1e-9) == 2
    assert R.sweeps_to_tolerance([X], ref, tol=1e-9) is None


def test_random_matrix_norm() -> None:
    A = R.random_matrix(6, 1.7, np.random.default_rng(0))
    assert np.linalg.norm(A, 2) == pytest.approx(1.7, rel=1e-12)


# ------------------------------------------------------------------------ GRU
def test_gru_step_by_hand() -> None:
    rng = np.random.default_rng(0)
    p = R.gru_random_params(2, 3, rng, scale=1.0)
    p["bz"] = np.array([0.1, -0.2, 0.3])
    x, h = rng.standard_normal(2), rng.standard_normal(3)
    sig = lambda v: 1 / (1 + np.exp(-v))  # noqa: E731
    z = sig(p["Wz"] @ x + p["Uz"] @ h + p["bz"])
    r = sig(p["Wr"] @ x + p["Ur"] @ h)
    hh = np.tanh(p["Wh"] @ x + p["Uh"] @ (r * h))
    assert np.allclose(R.gru_sequential(p, x[None, :], h0=h)[0], (1 - z) * h + z * hh)


@settings(max_examples=15, deadline=None)
@given(seed=SEEDS, n=st.integers(0, 10))
def test_property_gru_front_and_fixed_point(seed: int, n: int) -> None:
    rng = np.random.default_rng(seed)
    p, X = R.gru_random_params(2, 3, rng), 2.0 * rng.standard_normal((10, 2))
    H_ref = R.gru_sequential(p, X)
    its = R.gru_sweeps(p, X, 10)
    assert R.first_inexact_index(its[n], H_ref, tol=1e-12) >= n
    assert np.max(np.abs(its[-1] - H_ref)) < 1e-12


# ---------------------------------------------------------------------- errors
def test_error_A_not_square() -> None:
    with pytest.raises(ValueError, match="square"):
        R.rnn_tanh_sequential(np.ones((2, 3)), np.ones((4, 2)))


def test_error_U_shape_mismatch() -> None:
    with pytest.raises(ValueError, match=r"U must have shape \(T, 2\)"):
        R.rnn_tanh_sequential(np.eye(2), np.ones((4, 3)))


def test_error_x0_shape() -> None:
    with pytest.raises(ValueError, match="x0 must have shape"):
        R.rnn_tanh_sequential(np.eye(2), np.ones((4, 2)), x0=np.ones(3))


def test_error_non_finite() -> None:
    with pytest.raises(ValueError, match="finite"):
        R.rnn_tanh_sequential(np.eye(2), np.full((4, 2), np.nan))


def test_error_not_numeric_or_complex_input() -> None:
    with pytest.raises(TypeError, match="numbers"):
        R.rnn_tanh_sequential(np.eye(2), np.array([["a", "b"]]))
    with pytest.raises(TypeError, match="real"):
        R.rnn_tanh_sequential(np.eye(2) * 1j, np.ones((4, 2)))


def test_error_residual_shape() -> None:
    with pytest.raises(ValueError, match="X must have the shape of U"):
        R.rnn_tanh_residual(np.eye(2), np.ones((4, 2)), np.ones((3, 2)))


def test_error_scan_A_shape() -> None:
    with pytest.raises(ValueError, match="diagonal=True"):
        R.affine_scan(np.ones(3), np.ones((4, 3)))
    with pytest.raises(ValueError, match="with diagonal=True"):
        R.affine_scan(np.ones((3, 3)), np.ones((4, 3)), diagonal=True)
    with pytest.raises(ValueError, match="B must have shape"):
        R.linear_recurrence(np.eye(3), np.ones(3))


def test_error_scan_diagonal_flag() -> None:
    with pytest.raises(TypeError, match="diagonal must be a bool"):
        R.affine_scan(np.eye(3), np.ones((4, 3)), diagonal="yes")


def test_error_counts_arguments() -> None:
    with pytest.raises(ValueError, match="T must be an integer"):
        R.scan_operation_counts(0, 3)
    with pytest.raises(ValueError, match="d must be an integer"):
        R.scan_operation_counts(4, 2.5)


def test_error_sweep_arguments() -> None:
    A, U = _problem(0, T=5, d=2)
    with pytest.raises(ValueError, match="scheme must be one of"):
        R.perturbation_sweeps(A, U, 2, "jacobi")
    with pytest.raises(ValueError, match="n_iter must be an integer"):
        R.perturbation_sweeps(A, U, -1)
    with pytest.raises(ValueError, match="method must be"):
        R.perturbation_sweeps(A, U, 1, method="gpu")
    with pytest.raises(ValueError, match="X_init must have the shape"):
        R.perturbation_sweeps(A, U, 1, X_init=np.zeros((4, 2)))


def test_error_diagonal_sweeps_shapes() -> None:
    with pytest.raises(ValueError, match="P must have shape"):
        R.diagonal_sweeps(np.ones(2), np.ones((2, 3)), np.ones((2, 2)), np.ones((5, 2)), 1)
    with pytest.raises(ValueError, match="lam must be one-dimensional"):
        R.diagonal_sweeps(np.ones((2, 1)), np.ones((2, 2)), np.ones((2, 2)), np.ones((5, 2)), 1)


def test_error_first_inexact_index() -> None:
    with pytest.raises(ValueError, match="same"):
        R.first_inexact_index(np.zeros((3, 2)), np.zeros((2, 2)))
    with pytest.raises(ValueError, match="tol must be positive"):
        R.first_inexact_index(np.zeros((3, 2)), np.zeros((3, 2)), tol=0.0)


def test_error_sweeps_to_tolerance() -> None:
    with pytest.raises(ValueError, match="tol must be positive"):
        R.sweeps_to_tolerance([np.zeros(2)], np.zeros(2), tol=-1.0)
    with pytest.raises(ValueError, match="iterate 0 has shape"):
        R.sweeps_to_tolerance([np.zeros(3)], np.zeros(2))


def test_error_random_matrix() -> None:
    with pytest.raises(ValueError, match="norm must be"):
        R.random_matrix(3, -1.0, np.random.default_rng(0))
    with pytest.raises(TypeError, match="rng must be"):
        R.random_matrix(3, 1.0, 0)  # type: ignore[arg-type]


def test_error_gru_params() -> None:
    rng = np.random.default_rng(0)
    p = R.gru_random_params(2, 3, rng)
    with pytest.raises(TypeError, match="params must be a mapping"):
        R.gru_sequential([1, 2], np.ones((4, 2)))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="missing"):
        R.gru_sequential({k: v for k, v in p.items() if k != "Uh"}, np.ones((4, 2)))
    with pytest.raises(ValueError, match="gate z"):
        R.gru_sequential(p, np.ones((4, 5)))
    with pytest.raises(ValueError, match="A must have shape"):
        R.gru_sweeps(p, np.ones((4, 2)), 1, A=np.eye(2))
    with pytest.raises(ValueError, match="scale must be"):
        R.gru_random_params(2, 3, rng, scale=0.0)
    with pytest.raises(TypeError, match="rng must be"):
        R.gru_random_params(2, 3, None)  # type: ignore[arg-type]
