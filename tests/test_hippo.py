"""Tests of blogcode.hippo: HiPPO matrices, NPLR form, discretisation, S4 kernel."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.signal
import scipy.special
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from blogcode import hippo


# Independent re-implementation of the formulas of the S4 reference code
# (state-spaces/s4, src/models/hippo/hippo.py, function `transition`), written from
# its formulas: LegS as T M T^{-1} with M = -(lower-triangular 2k+1 minus diag n),
# T = diag(sqrt(2n+1)); LegT with sign (-1)^(n-k) above the diagonal.
def _s4_code_legs(N: int) -> tuple[np.ndarray, np.ndarray]:
    q = np.arange(N, dtype=float)
    M = np.zeros((N, N))
    for n in range(N):
        for k in range(n + 1):
            M[n, k] = -(2 * k + 1) + (n if k == n else 0)
    T = np.diag(np.sqrt(2 * q + 1))
    return T @ M @ np.linalg.inv(T), np.sqrt(2 * q + 1)


def _s4_code_legt(N: int, halved: bool) -> tuple[np.ndarray, np.ndarray]:
    A = np.zeros((N, N))
    for n in range(N):
        for k in range(N):
            sign = 1.0 if k <= n else (-1.0) ** (n - k)
            A[n, k] = -np.sqrt((2 * n + 1) * (2 * k + 1)) * sign
    B = np.sqrt(2 * np.arange(N) + 1.0)
    return (A / 2, B / 2) if halved else (A, B)


@pytest.mark.parametrize("N", [1, 2, 5, 9])
def test_numeric_matrices_match_the_s4_code(N: int) -> None:
    A, B = hippo.hippo_legs(N)
    A_ref, B_ref = _s4_code_legs(N)
    np.testing.assert_allclose(A, A_ref, atol=1e-12)
    np.testing.assert_allclose(B, B_ref, atol=1e-12)
    for window, halved in ((1.0, False), (2.0, True)):
        A, B = hippo.hippo_legt(N, window)
        A_ref, B_ref = _s4_code_legt(N, halved)
        np.testing.assert_allclose(A, A_ref, atol=1e-12)
        np.testing.assert_allclose(B, B_ref, atol=1e-12)


@pytest.mark.parametrize("measure", ["legs", "legt"])
def test_symbolic_derivation_matches_numeric(measure: str) -> None:
    N = 7
    A_sym, B_sym = hippo.hippo_symbolic(measure, N, w=sp.Integer(1))
    A, B = hippo.hippo_legs(N) if measure == "legs" else hippo.hippo_legt(N)
    np.testing.assert_allclose(np.array(A_sym, dtype=float), A, atol=1e-14)
    # The post's orthonormal basis gives B larger by sqrt(2) than the S4 code's.
    np.testing.assert_allclose(np.array(B_sym, dtype=float).ravel(), np.sqrt(2) * B, atol=1e-14)


def test_symbolic_legt_scales_with_window() -> None:
    w = sp.Symbol("w", positive=True)
    A, B = hippo.hippo_symbolic("legt", 3, w)
    assert sp.simplify(A[1, 0] + sp.sqrt(3) / w) == 0
    assert sp.simplify(A[0, 1] - sp.sqrt(3) / w) == 0
    assert sp.simplify(B[2] - sp.sqrt(10) / w) == 0


def test_legs_eigenvalues_and_stability() -> None:
    A, _ = hippo.hippo_legs(12)
    np.testing.assert_allclose(np.sort(np.linalg.eigvals(A).real), -np.arange(12, 0, -1), atol=1e-8)
    A, _ = hippo.hippo_legt(12)
    assert np.max(np.linalg.eigvals(A).real) < 0


@pytest.mark.parametrize("N", [2, 7, 16])
def test_legs_nplr_reconstructs_A_and_is_unitary(N: int) -> None:
    A, B = hippo.hippo_legs(N)
    Lam, p, Bt, V = hippo.hippo_legs_nplr(N)
    np.testing.assert_allclose(V.conj().T @ V, np.eye(N), atol=1e-12)
    np.testing.assert_allclose(Lam.real, -0.5, atol=1e-12)
    np.testing.assert_allclose(V @ (np.diag(Lam) - p.T @ p.conj()) @ V.conj().T, A, atol=1e-10)
    np.testing.assert_allclose(V @ Bt, B, atol=1e-12)


def test_legt_rank_two_nplr() -> None:
    for window in (1.0, 2.0):
        A, B = hippo.hippo_legt(10, window)
        Lam, p, Bt, V = hippo.nplr(A, B, hippo.legt_rank_correction(10, window))
        assert p.shape == (2, 10)
        np.testing.assert_allclose(Lam.real, 0.0, atol=1e-12)
        np.testing.assert_allclose(V @ (np.diag(Lam) - p.T @ p.conj()) @ V.conj().T, A, atol=1e-10)


def test_bilinear_matches_scipy_cont2discrete() -> None:
    A, B = hippo.hippo_legs(6)
    Ab, Bb = hippo.discretize(A, B, 0.05)
    C = np.ones((1, 6))
    Ad, Bd, *_ = scipy.signal.cont2discrete((A, B[:, None], C, np.zeros((1, 1))), 0.05, method="bilinear")
    np.testing.assert_allclose(Ab, Ad, atol=1e-12)
    np.testing.assert_allclose(Bb, Bd.ravel(), atol=1e-12)


def test_zoh_matches_scipy_cont2discrete() -> None:
    A, B = hippo.hippo_legt(5)
    Ab, Bb = hippo.discretize(A, B, 0.01, method="zoh")
    Ad, Bd, *_ = scipy.signal.cont2discrete((A, B[:, None], np.ones((1, 5)), np.zeros((1, 1))), 0.01, method="zoh")
    np.testing.assert_allclose(Ab, Ad, atol=1e-12)
    np.testing.assert_allclose(Bb, Bd.ravel(), atol=1e-12)


@pytest.mark.parametrize(("N", "L", "eps"), [(8, 32, 0.1), (16, 64, 0.1), (32, 200, 0.02)])
def test_three_kernel_routes_agree(N: int, L: int, eps: float) -> None:
    rng = np.random.default_rng(N)
    A, B = hippo.hippo_legs(N)
    C = rng.standard_normal(N)
    Ab, Bb = hippo.discretize(A, B, eps)
    K_pow = hippo.kernel_powers(Ab, Bb, C, L)
    K_rec = hippo.kernel_recurrence(Ab, Bb, C, L)
    Lam, p, Bt, V = hippo.hippo_legs_nplr(N)
    K_fast = hippo.s4_kernel(Lam, p, Bt, V.conj().T @ C, step=eps, length=L)
    np.testing.assert_allclose(K_rec, K_pow, atol=1e-12)
    np.testing.assert_allclose(K_fast.real, K_pow, atol=1e-10)
    assert np.max(np.abs(K_fast.imag)) < 1e-10


def test_s4_kernel_with_trained_c_tilde_and_odd_length() -> None:
    N, L, eps = 6, 15, 0.2
    A, B = hippo.hippo_legs(N)
    C = np.linspace(-1, 1, N)
    Ab, Bb = hippo.discretize(A, B, eps)
    Lam, p, Bt, V = hippo.hippo_legs_nplr(N)
    Ct = (np.eye(N) - np.linalg.matrix_power(Ab, L)).T @ C
    K = hippo.s4_kernel(Lam, p, Bt, V.conj().T @ Ct, step=eps, length=L, c_tilde=True)
    np.testing.assert_allclose(K.real, hippo.kernel_powers(Ab, Bb, C, L), atol=1e-12)


def test_s4_kernel_rank_two_legt() -> None:
    N, L, eps = 8, 40, 0.05
    A, B = hippo.hippo_legt(N)
    C = np.ones(N)
    Lam, p, Bt, V = hippo.nplr(A, B, hippo.legt_rank_correction(N))
    K = hippo.s4_kernel(Lam, p, Bt, V.conj().T @ C, step=eps, length=L)
    Ab, Bb = hippo.discretize(A, B, eps)
    np.testing.assert_allclose(K.real, hippo.kernel_recurrence(Ab, Bb, C, L), atol=1e-10)


def test_ssm_states_match_convolution_and_dlsim() -> None:
    rng = np.random.default_rng(1)
    A, B = hippo.hippo_legs(5)
    C = rng.standard_normal(5)
    Ab, Bb = hippo.discretize(A, B, 0.1)
    u = rng.standard_normal(50)
    y = hippo.ssm_states(Ab, Bb, u) @ C
    K = hippo.kernel_powers(Ab, Bb, C, 50)
    np.testing.assert_allclose(hippo.causal_conv(K, u), y, atol=1e-12)
    np.testing.assert_allclose(np.convolve(K, u)[:50], y, atol=1e-12)
    # scipy's dlsim reports y_k = C x_k (x_0 = 0): ours is shifted by one step.
    _, y_sp, _ = scipy.signal.dlsim((Ab, Bb[:, None], C[None, :], np.zeros((1, 1)), 1.0), u)
    np.testing.assert_allclose(y_sp.ravel()[1:], y[:-1], atol=1e-12)


def test_unpadded_fft_wraps_around() -> None:
    rng = np.random.default_rng(2)
    K, u = rng.standard_normal(16), rng.standard_normal(16)
    direct = np.convolve(K, u)[:16]
    assert np.max(np.abs(hippo.causal_conv(K, u) - direct)) < 1e-12
    assert np.max(np.abs(hippo.causal_conv(K, u, pad=False) - direct)) > 0.1


def test_legendre_reconstruct_of_a_polynomial_is_exact() -> None:
    # u(s) = s^2 = (2 P_2 + P_0)/3: x_0 = 1/3, x_2 sqrt(5) = 2/3.
    x = np.array([1 / 3, 0.0, 2 / (3 * np.sqrt(5))])
    s = np.linspace(-1, 1, 11)
    np.testing.assert_allclose(hippo.legendre_reconstruct(x, s), s**2, atol=1e-14)


def test_eigenvector_sums_give_eigenvectors() -> None:
    d = 9
    A, _ = hippo.hippo_legs(d)
    for lam in range(1, d + 1):
        S = hippo.legs_eigenvector_sums(d, lam)
        v = np.diff(np.concatenate([[0.0], S])) / np.sqrt(2 * np.arange(d) + 1)
        np.testing.assert_allclose(-A @ v, lam * v, atol=1e-12)


def test_cauchy_sum_batches() -> None:
    v = np.array([[1.0, 2.0], [0.0, 1.0]])
    out = hippo.cauchy_sum(v, np.array([0.0, 1.0]), np.array([2.0]))
    np.testing.assert_allclose(out.real, [[1 / 2 + 2], [1.0]])


# --- documented errors -----------------------------------------------------------

@pytest.mark.parametrize("bad", [0, -3, 2.5, True, "4"])
def test_sizes_are_validated(bad: object) -> None:
    with pytest.raises(ValueError, match="N must be an integer"):
        hippo.hippo_legs(bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="N must be an integer"):
        hippo.hippo_legt(bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="N must be an integer"):
        hippo.hippo_legs_nplr(bad)  # type: ignore[arg-type]


def test_symbolic_rejects_unknown_measure() -> None:
    with pytest.raises(ValueError, match="'legt' or 'legs'"):
        hippo.hippo_symbolic("fourier", 3)


@pytest.mark.parametrize("window", [0.0, -1.0, float("inf"), "wide"])
def test_window_must_be_positive(window: object) -> None:
    with pytest.raises(ValueError, match="window"):
        hippo.hippo_legt(3, window)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="window"):
        hippo.legt_rank_correction(3, window)  # type: ignore[arg-type]


def test_nplr_rejects_a_correction_that_does_not_normalise() -> None:
    A, B = hippo.hippo_legs(4)
    with pytest.raises(ValueError, match="skew-symmetric"):
        hippo.nplr(A, B, np.ones(4))
    with pytest.raises(ValueError, match="P must have shape"):
        hippo.nplr(A, B, np.ones(3))
    with pytest.raises(ValueError, match="B must be a vector"):
        hippo.nplr(A, np.ones(3), np.ones(4))


def test_discretize_errors() -> None:
    A, B = hippo.hippo_legs(3)
    with pytest.raises(ValueError, match="step"):
        hippo.discretize(A, B, 0.0)
    with pytest.raises(ValueError, match="method"):
        hippo.discretize(A, B, 0.1, method="euler")
    with pytest.raises(ValueError, match="square"):
        hippo.discretize(np.ones((2, 3)), B, 0.1)


def test_kernel_and_scan_errors() -> None:
    Ab, Bb = hippo.discretize(*hippo.hippo_legs(3), 0.1)
    with pytest.raises(ValueError, match="length"):
        hippo.kernel_powers(Ab, Bb, np.ones(3), 0)
    with pytest.raises(ValueError, match="C must be a vector"):
        hippo.kernel_recurrence(Ab, Bb, np.ones(4), 5)
    with pytest.raises(ValueError, match="one-dimensional"):
        hippo.ssm_states(Ab, Bb, np.ones((2, 2)))


def test_s4_kernel_errors() -> None:
    Lam, p, B, V = hippo.hippo_legs_nplr(4)
    C = np.ones(4)
    with pytest.raises(ValueError, match="Lambda"):
        hippo.s4_kernel(np.ones((2, 2)), p, B, C, step=0.1, length=4)
    with pytest.raises(ValueError, match="p must have shape"):
        hippo.s4_kernel(Lam, np.ones(3), B, C, step=0.1, length=4)
    with pytest.raises(ValueError, match="q must have the shape"):
        hippo.s4_kernel(Lam, p, B, C, step=0.1, length=4, q=np.ones((2, 4)))
    with pytest.raises(ValueError, match="step"):
        hippo.s4_kernel(Lam, p, B, C, step=-1, length=4)
    with pytest.raises(ValueError, match="length"):
        hippo.s4_kernel(Lam, p, B, C, step=0.1, length=0)


def test_cauchy_conv_reconstruct_and_eigvec_errors() -> None:
    with pytest.raises(ValueError, match="one-dimensional"):
        hippo.cauchy_sum(np.ones(2), np.ones((2, 1)), np.ones(3))
    with pytest.raises(ValueError, match="must end in"):
        hippo.cauchy_sum(np.ones(3), np.ones(2), np.ones(3))
    with pytest.raises(ValueError, match="equal length"):
        hippo.causal_conv(np.ones(3), np.ones(4))
    with pytest.raises(ValueError, match=r"\[-1, 1\]"):
        hippo.legendre_reconstruct(np.ones(3), [1.5])
    with pytest.raises(ValueError, match="non-empty vector"):
        hippo.legendre_reconstruct(np.ones((2, 2)), [0.0])
    with pytest.raises(ValueError, match="lam must be"):
        hippo.legs_eigenvector_sums(4, 5)


# --- properties ------------------------------------------------------------------

@settings(max_examples=25, deadline=None)
@given(N=st.integers(1, 24))
def test_legs_correction_makes_a_skew_matrix(N: int) -> None:
    A, _ = hippo.hippo_legs(N)
    v = np.sqrt(2 * np.arange(N) + 1)
    S = A + 0.5 * np.outer(v, v) + 0.5 * np.eye(N)
    np.testing.assert_allclose(S, -S.T, atol=1e-12)


@settings(max_examples=25, deadline=None)
@given(eps=st.floats(1e-3, 10.0), N=st.integers(1, 20))
def test_bilinear_spectral_radius(eps: float, N: int) -> None:
    A, B = hippo.hippo_legs(N)
    Ab, _ = hippo.discretize(A, B, eps)
    # A is lower triangular, so is Ab: its eigenvalues are its diagonal (eigvals would be
    # inaccurate here, the eigenvectors being nearly parallel).
    assert np.allclose(Ab, np.tril(Ab))
    radius = np.max(np.abs(np.diag(Ab)))
    expected = max(abs((1 - eps * k / 2) / (1 + eps * k / 2)) for k in range(1, N + 1))
    assert radius == pytest.approx(expected, rel=1e-6, abs=1e-9)
    assert radius < 1


@settings(max_examples=20, deadline=None)
@given(N=st.integers(2, 12), L=st.integers(1, 48), eps=st.floats(0.01, 1.0),
       seed=st.integers(0, 2**16))
def test_fast_kernel_equals_powers(N: int, L: int, eps: float, seed: int) -> None:
    rng = np.random.default_rng(seed)
    A, B = hippo.hippo_legs(N)
    C = rng.standard_normal(N)
    Ab, Bb = hippo.discretize(A, B, eps)
    Lam, p, Bt, V = hippo.hippo_legs_nplr(N)
    K = hippo.s4_kernel(Lam, p, Bt, V.conj().T @ C, step=eps, length=L)
    np.testing.assert_allclose(K.real, hippo.kernel_powers(Ab, Bb, C, L), atol=1e-9)


@settings(max_examples=20, deadline=None)
@given(d=st.integers(2, 40), data=st.data())
def test_eigenvector_sum_recurrence(d: int, data: st.DataObject) -> None:
    lam = data.draw(st.integers(1, d))
    S = hippo.legs_eigenvector_sums(d, lam)
    assert S[-1] == 1.0
    for n in range(max(lam, 1), d):
        assert S[n - 1] == pytest.approx((lam - n - 1) / (lam + n) * S[n], rel=1e-12, abs=1e-300)
