"""HiPPO matrices and the S4 convolution kernel.

HiPPO (high-order polynomial projection operators) keeps the Legendre coefficients of a
signal's recent history in a state :math:`x(t)` that obeys a linear ODE
:math:`x' = Ax + Bu`. S4 discretises that ODE with the bilinear rule, writes the output
as a causal convolution with the kernel :math:`\\bar K_k = C^*\\bar A^k \\bar B`, and
computes the kernel through the normal-plus-low-rank (NPLR) form of :math:`A`, a Cauchy
sum and the Woodbury identity. This module gives the matrices (symbolically, derived from
the projection, and numerically), the NPLR decomposition, the discretisations, the kernel
by three routes, the FFT convolution and the Legendre reconstruction of the history.

Conventions (those of the S4 reference code, ``state-spaces/s4``): the state is
:math:`x' = Ax + Bu`, :math:`y = C^*x`, with :math:`B_n = \\sqrt{2n+1}` (divided by the
window for LegT), so that the history is recovered as
:math:`\\sum_n x_n \\sqrt{2n+1}\\,P_n(s)` for :math:`s \\in [-1, 1]`.

Every function is explained in the article *HiPPO made fast: the S4 kernel*
(``hippo-s4``).

References
----------
* Su Jianlin, "重温SSM（三）：HiPPO的高效计算（S4）", Scientific Spaces, 2024,
  https://kexue.fm/archives/10162
* A. Gu, K. Goel, C. Ré, "Efficiently Modeling Long Sequences with Structured State
  Spaces", ICLR 2022, arXiv:2111.00396.
* A. Gu, T. Dao, S. Ermon, A. Rudra, C. Ré, "HiPPO: Recurrent Memory with Optimal
  Polynomial Projections", NeurIPS 2020, arXiv:2008.07669.
"""

from __future__ import annotations

import math
import numbers
from typing import NamedTuple

import numpy as np
import numpy.typing as npt
import scipy.linalg
import scipy.special
import sympy as sp

__all__ = [
    "NPLR",
    "hippo_symbolic",
    "hippo_legt",
    "hippo_legs",
    "legt_rank_correction",
    "nplr",
    "hippo_legs_nplr",
    "discretize",
    "ssm_states",
    "kernel_powers",
    "kernel_recurrence",
    "cauchy_sum",
    "s4_kernel",
    "causal_conv",
    "legendre_reconstruct",
    "legs_eigenvector_sums",
]

_S = sp.Symbol("s", real=True)


def _check_size(N: object, name: str = "N", minimum: int = 1) -> int:
    """Return ``N`` as an int, or raise ValueError saying what is allowed."""
    if isinstance(N, bool) or not isinstance(N, numbers.Integral):
        raise ValueError(f"{name} must be an integer >= {minimum}, got {N!r} of type {type(N).__name__}")
    if int(N) < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {N}")
    return int(N)


def _check_positive(x: object, name: str) -> float:
    """Return ``x`` as a positive finite float, or raise ValueError."""
    try:
        value = float(x)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a positive number, got {x!r}") from None
    if not (math.isfinite(value) and value > 0):
        raise ValueError(f"{name} must be a positive finite number, got {x!r}")
    return value


def _check_square(A: npt.ArrayLike, name: str = "A") -> np.ndarray:
    A = np.asarray(A)
    if A.ndim != 2 or A.shape[0] != A.shape[1] or A.shape[0] == 0:
        raise ValueError(f"{name} must be a non-empty square matrix, got shape {A.shape}")
    return A


def _check_vector(v: npt.ArrayLike, N: int, name: str) -> np.ndarray:
    v = np.asarray(v)
    if v.ndim == 2 and 1 in v.shape:
        v = v.reshape(-1)
    if v.shape != (N,):
        raise ValueError(f"{name} must be a vector of length {N}, got shape {np.shape(v)}")
    return v


def hippo_symbolic(measure: str, N: int, w: sp.Expr | None = None) -> tuple[sp.Matrix, sp.Matrix]:
    """HiPPO matrices derived by SymPy from the projection onto Legendre polynomials.

    The history is expanded in the orthonormal basis
    :math:`g_n(s) = \\sqrt{(2n+1)/2}\\,P_n(s)` of :math:`L^2[-1, 1]` (the normalisation of
    the post *重温SSM（一）*), mapped onto the window :math:`[t-w, t]` (``"legt"``) or
    onto :math:`[0, t]` (``"legs"``). Differentiating the coefficients
    :math:`c_n = \\int_{-1}^1 u\\,g_n\\,ds` and integrating by parts gives

    * LegT: :math:`A_{nk} = -\\frac{2}{w}\\big[g_n(-1)g_k(-1) + \\int g_n' g_k\\big]`,
      :math:`B_n = \\frac{2}{w} g_n(1)`;
    * LegS (:math:`t\\,x' = Ax + Bu`):
      :math:`A_{nk} = -\\int (g_n + (s+1)g_n')\\,g_k`, :math:`B_n = 2 g_n(1)`.

    Every integral is computed exactly by SymPy. The S4 code uses the states
    :math:`x_n = c_n/\\sqrt 2`, which leaves :math:`A` unchanged and divides :math:`B`
    by :math:`\\sqrt 2`.

    Explained in the article *HiPPO made fast: the S4 kernel* (``hippo-s4``).

    Parameters
    ----------
    measure : {"legt", "legs"}
        Translated (sliding window) or scaled (whole history) Legendre measure.
    N : int
        Number of coefficients (``N >= 1``); keep it small (SymPy integrates ``N**2``
        polynomials).
    w : sympy.Expr, optional
        Window length for ``"legt"``; by default the positive symbol ``w``. Ignored for
        ``"legs"``.

    Returns
    -------
    A : sympy.Matrix
        ``N x N``.
    B : sympy.Matrix
        ``N x 1``, :math:`\\sqrt{2(2n+1)}` (over ``w`` for LegT).

    Raises
    ------
    ValueError
        If ``measure`` is unknown or ``N`` is not a positive integer.

    Examples
    --------
    >>> A, B = hippo_symbolic("legs", 3)
    >>> A
    Matrix([
    [      -1,        0,  0],
    [-sqrt(3),       -2,  0],
    [-sqrt(5), -sqrt(15), -3]])
    >>> B.T
    Matrix([[sqrt(2), sqrt(6), sqrt(10)]])
    """
    if measure not in ("legt", "legs"):
        raise ValueError(f"measure must be 'legt' or 'legs', got {measure!r}")
    N = _check_size(N)
    s = _S
    # g_n = sqrt((2n+1)/2) p_n: keep the square roots apart and integrate the rational
    # polynomials exactly (much faster than integrating the surds).
    p = [sp.Poly(sp.legendre(n, s), s, domain="QQ") for n in range(N)]
    root = [sp.sqrt(sp.Rational(2 * n + 1, 2)) for n in range(N)]

    def integral(poly: sp.Poly) -> sp.Rational:
        antiderivative = poly.integrate()
        return antiderivative.eval(1) - antiderivative.eval(-1)

    A = sp.zeros(N, N)
    B = sp.zeros(N, 1)
    if measure == "legt":
        w = sp.Symbol("w", positive=True) if w is None else sp.sympify(w)
        for n in range(N):
            B[n] = 2 / w * root[n] * p[n].eval(1)
            dpn = p[n].diff(s)
            for k in range(N):
                bracket = p[n].eval(-1) * p[k].eval(-1) + integral(dpn * p[k])
                A[n, k] = -2 / w * root[n] * root[k] * bracket
    else:
        one_plus_s = sp.Poly(s + 1, s, domain="QQ")
        for n in range(N):
            B[n] = 2 * root[n] * p[n].eval(1)
            kernel = p[n] + one_plus_s * p[n].diff(s)
            for k in range(N):
                A[n, k] = -root[n] * root[k] * integral(kernel * p[k])
    return A, B


def hippo_legt(N: int, window: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """HiPPO-LegT matrices: the Legendre coefficients of the last ``window`` of input.

    :math:`A_{nk} = -\\frac1w\\sqrt{(2n+1)(2k+1)}` for :math:`k \\le n` and
    :math:`-\\frac1w(-1)^{n-k}\\sqrt{(2n+1)(2k+1)}` for :math:`k > n`;
    :math:`B_n = \\sqrt{2n+1}/w`. ``window=1`` is the first S4 code's ``legt``,
    ``window=2`` the later code's (which halves ``A`` and ``B``).

    Explained in the article *HiPPO made fast: the S4 kernel* (``hippo-s4``).

    Parameters
    ----------
    N : int
        State size, ``N >= 1``.
    window : float, optional
        Window length :math:`w > 0`.

    Returns
    -------
    A : numpy.ndarray
        ``(N, N)`` float64, stable (eigenvalues in the open left half-plane).
    B : numpy.ndarray
        ``(N,)`` float64.

    Raises
    ------
    ValueError
        If ``N`` is not a positive integer or ``window`` is not positive.

    Examples
    --------
    >>> A, B = hippo_legt(2)
    >>> A.round(4)
    array([[-1.    ,  1.7321],
           [-1.7321, -3.    ]])
    >>> B.round(4)
    array([1.    , 1.7321])
    """
    N = _check_size(N)
    w = _check_positive(window, "window")
    q = np.arange(N, dtype=np.float64)
    r = np.sqrt(2 * q + 1)
    n, k = np.meshgrid(q, q, indexing="ij")
    sign = np.where(k <= n, 1.0, (-1.0) ** (n - k))
    return -np.outer(r, r) * sign / w, r / w


def hippo_legs(N: int) -> tuple[np.ndarray, np.ndarray]:
    """HiPPO-LegS matrices, in the time-invariant form S4 uses (:math:`x' = Ax + Bu`).

    :math:`A_{nk} = -\\sqrt{(2n+1)(2k+1)}` for :math:`k < n`, :math:`-(n+1)` for
    :math:`k = n`, 0 above the diagonal; :math:`B_n = \\sqrt{2n+1}`. The eigenvalues are
    :math:`-1, -2, \\dots, -N`.

    Explained in the article *HiPPO made fast: the S4 kernel* (``hippo-s4``).

    Parameters
    ----------
    N : int
        State size, ``N >= 1``.

    Returns
    -------
    A : numpy.ndarray
        ``(N, N)`` float64, lower triangular.
    B : numpy.ndarray
        ``(N,)`` float64.

    Raises
    ------
    ValueError
        If ``N`` is not a positive integer.

    Examples
    --------
    >>> A, B = hippo_legs(3)
    >>> A.round(4)
    array([[-1.    ,  0.    ,  0.    ],
           [-1.7321, -2.    ,  0.    ],
           [-2.2361, -3.873 , -3.    ]])
    >>> B**2
    array([1., 3., 5.])
    """
    N = _check_size(N)
    q = np.arange(N, dtype=np.float64)
    r = np.sqrt(2 * q + 1)
    A = -np.tril(np.outer(r, r), -1) - np.diag(q + 1)
    return A, r.copy()


def legt_rank_correction(N: int, window: float = 1.0) -> np.ndarray:
    """Rank-2 correction of LegT: rows :math:`P` with :math:`A + P^\\top P` normal.

    Row 0 holds :math:`\\sqrt{(2n+1)/w}` at odd :math:`n`, row 1 at even :math:`n`
    (zeros elsewhere); then :math:`A + P^\\top P` is skew-symmetric.

    Explained in the article *HiPPO made fast: the S4 kernel* (``hippo-s4``).

    Parameters
    ----------
    N : int
        State size, ``N >= 1``.
    window : float, optional
        Window length, as in :func:`hippo_legt`.

    Returns
    -------
    numpy.ndarray
        ``(2, N)`` float64.

    Raises
    ------
    ValueError
        If ``N`` is not a positive integer or ``window`` is not positive.

    Examples
    --------
    >>> A, _ = hippo_legt(4)
    >>> P = legt_rank_correction(4)
    >>> M = A + P.T @ P
    >>> bool(np.allclose(M, -M.T))
    True
    """
    N = _check_size(N)
    w = _check_positive(window, "window")
    r = np.sqrt((2 * np.arange(N) + 1) / w)
    P = np.zeros((2, N))
    P[0, 1::2] = r[1::2]
    P[1, 0::2] = r[0::2]
    return P


class NPLR(NamedTuple):
    """Normal-plus-low-rank form :math:`A = V(\\operatorname{diag}\\Lambda - p^\\top \\bar p)V^*`.

    The fields are ``Lambda``, the ``(N,)`` complex eigenvalues of the normal part;
    ``p``, the ``(r, N)`` complex low-rank factor in the eigenbasis,
    :math:`p = (V^*P^\\top)^\\top` (the low-rank term is :math:`\\sum_j p_j p_j^*`);
    ``B``, the ``(N,)`` input vector :math:`V^*B`; and ``V``, the ``(N, N)`` unitary matrix
    of eigenvectors. Returned by :func:`nplr` and :func:`hippo_legs_nplr`.
    """

    Lambda: np.ndarray
    p: np.ndarray
    B: np.ndarray
    V: np.ndarray


def nplr(A: npt.ArrayLike, B: npt.ArrayLike, P: npt.ArrayLike, *, atol: float = 1e-8) -> NPLR:
    """Normal-plus-low-rank decomposition of ``A`` given a low-rank correction ``P``.

    ``P`` (``r x N``, real) must make :math:`M = A + P^\\top P` equal to a multiple of
    the identity plus a skew-symmetric matrix :math:`S`. Then :math:`-iS` is Hermitian,
    ``scipy.linalg.eigh`` diagonalises it by a unitary :math:`V`, and
    :math:`A = V(\\Lambda - pp^*)V^*` with :math:`\\Lambda = c + i\\mu` and
    :math:`p = V^*P^\\top`. Diagonalising :math:`A` itself instead is hopeless (its
    eigenvector matrix has a condition number exponential in :math:`N`).

    Explained in the article *HiPPO made fast: the S4 kernel* (``hippo-s4``).

    Parameters
    ----------
    A : array_like
        ``(N, N)`` real matrix.
    B : array_like
        ``(N,)`` input vector, returned in the eigenbasis.
    P : array_like
        ``(r, N)`` or ``(N,)`` low-rank correction.
    atol : float, optional
        Tolerance of the check that :math:`M + M^\\top` is a multiple of the identity.

    Returns
    -------
    NPLR
        ``(Lambda, p, B, V)``.

    Raises
    ------
    ValueError
        If the shapes disagree, or :math:`A + P^\\top P` is not scalar plus skew.

    Examples
    --------
    >>> A, B = hippo_legs(4)
    >>> Lam, p, Bt, V = nplr(A, B, np.sqrt(np.arange(4) + 0.5))
    >>> Lam.real.round(12)
    array([-0.5, -0.5, -0.5, -0.5])
    >>> bool(np.allclose(V @ (np.diag(Lam) - p.T @ p.conj()) @ V.conj().T, A))
    True
    """
    A = _check_square(A)
    N = A.shape[0]
    B = _check_vector(B, N, "B")
    P = np.atleast_2d(np.asarray(P, dtype=np.float64))
    if P.ndim != 2 or P.shape[1] != N:
        raise ValueError(f"P must have shape (r, {N}) or ({N},), got {np.shape(P)}")
    M = A + P.T @ P
    sym = M + M.T
    c = float(np.trace(sym)) / (2 * N)
    err = float(np.max(np.abs(sym - 2 * c * np.eye(N))))
    if err > atol * max(1.0, float(np.max(np.abs(M)))):
        raise ValueError(
            f"A + P^T P must be a multiple of the identity plus a skew-symmetric matrix; "
            f"its symmetric part deviates by {err:.3g}"
        )
    S = M - c * np.eye(N)
    mu, V = scipy.linalg.eigh(-1j * S)
    Lam = c + 1j * mu
    Vh = V.conj().T
    return NPLR(Lam, (Vh @ P.T.astype(complex)).T, Vh @ B.astype(complex), V)


def hippo_legs_nplr(N: int) -> NPLR:
    """The NPLR form of HiPPO-LegS, with the rank-1 correction :math:`P_n = \\sqrt{n+1/2}`.

    :math:`A + PP^\\top = -\\tfrac12 I + S` with :math:`S` skew-symmetric, so every
    :math:`\\Lambda_i` has real part :math:`-1/2`.

    Explained in the article *HiPPO made fast: the S4 kernel* (``hippo-s4``).

    Parameters
    ----------
    N : int
        State size, ``N >= 1``.

    Returns
    -------
    NPLR
        ``(Lambda, p, B, V)`` with ``p`` of shape ``(1, N)``; see :func:`nplr`.

    Raises
    ------
    ValueError
        If ``N`` is not a positive integer.

    Examples
    --------
    >>> Lam, p, B, V = hippo_legs_nplr(6)
    >>> bool(np.allclose(Lam.real, -0.5)), bool(np.allclose(V.conj().T @ V, np.eye(6)))
    (True, True)
    """
    N = _check_size(N)
    A, B = hippo_legs(N)
    return nplr(A, B, np.sqrt(np.arange(N) + 0.5))


def discretize(A: npt.ArrayLike, B: npt.ArrayLike, step: float,
               method: str = "bilinear") -> tuple[np.ndarray, np.ndarray]:
    """Discretise :math:`x' = Ax + Bu` with step :math:`\\epsilon`.

    * ``"bilinear"`` (S4): :math:`\\bar A = (I-\\frac\\epsilon2 A)^{-1}(I+\\frac\\epsilon2 A)`,
      :math:`\\bar B = \\epsilon(I-\\frac\\epsilon2 A)^{-1}B`;
    * ``"zoh"`` (S4D, Mamba): :math:`\\bar A = e^{\\epsilon A}`,
      :math:`\\bar B = A^{-1}(e^{\\epsilon A} - I)B`, computed from the exponential of an
      augmented matrix (no inverse needed).

    The recurrence is :math:`x_{k+1} = \\bar A x_k + \\bar B u_k`.

    Explained in the article *HiPPO made fast: the S4 kernel* (``hippo-s4``).

    Parameters
    ----------
    A : array_like
        ``(N, N)`` matrix.
    B : array_like
        ``(N,)`` vector.
    step : float
        :math:`\\epsilon > 0`.
    method : {"bilinear", "zoh"}, optional

    Returns
    -------
    Ab, Bb : numpy.ndarray
        ``(N, N)`` and ``(N,)``, complex if ``A`` or ``B`` is.

    Raises
    ------
    ValueError
        If the shapes disagree, ``step`` is not positive, or ``method`` is unknown.

    Examples
    --------
    >>> Ab, Bb = discretize([[-1.0]], [1.0], 0.1)
    >>> round(float(Ab[0, 0]), 12), round(float(Bb[0]), 12)
    (0.904761904762, 0.095238095238)
    """
    A = _check_square(A)
    N = A.shape[0]
    B = _check_vector(B, N, "B")
    eps = _check_positive(step, "step")
    if method == "bilinear":
        lhs = np.eye(N) - eps / 2 * A
        Ab = np.linalg.solve(lhs, np.eye(N) + eps / 2 * A)
        Bb = np.linalg.solve(lhs, eps * B)
        return Ab, Bb
    if method == "zoh":
        dtype = np.result_type(A, B, float)
        aug = np.zeros((N + 1, N + 1), dtype=dtype)
        aug[:N, :N] = A
        aug[:N, N] = B
        E = scipy.linalg.expm(eps * aug)
        return E[:N, :N], E[:N, N]
    raise ValueError(f"method must be 'bilinear' or 'zoh', got {method!r}")


def ssm_states(Ab: npt.ArrayLike, Bb: npt.ArrayLike, u: npt.ArrayLike) -> np.ndarray:
    """Run the recurrence :math:`x_{k+1} = \\bar A x_k + \\bar B u_k` from :math:`x_0 = 0`.

    Explained in the article *HiPPO made fast: the S4 kernel* (``hippo-s4``).

    Parameters
    ----------
    Ab : array_like
        ``(N, N)`` discrete state matrix.
    Bb : array_like
        ``(N,)`` discrete input vector.
    u : array_like
        ``(L,)`` input sequence :math:`u_0, \\dots, u_{L-1}`.

    Returns
    -------
    numpy.ndarray
        ``(L, N)``: row ``k`` is :math:`x_{k+1}`.

    Raises
    ------
    ValueError
        If the shapes disagree or ``u`` is not one-dimensional.

    Examples
    --------
    >>> ssm_states([[0.5]], [1.0], [1.0, 0.0, 0.0])[:, 0]
    array([1.  , 0.5 , 0.25])
    """
    Ab = _check_square(Ab, "Ab")
    N = Ab.shape[0]
    Bb = _check_vector(Bb, N, "Bb")
    u = np.asarray(u)
    if u.ndim != 1:
        raise ValueError(f"u must be one-dimensional, got shape {u.shape}")
    xs = np.empty((u.shape[0], N), dtype=np.result_type(Ab, Bb, u))
    x = np.zeros(N, dtype=xs.dtype)
    AbT = Ab.T
    for k in range(u.shape[0]):
        x = x @ AbT + Bb * u[k]
        xs[k] = x
    return xs


def _check_kernel_args(Ab, Bb, C, length):
    Ab = _check_square(Ab, "Ab")
    N = Ab.shape[0]
    return Ab, _check_vector(Bb, N, "Bb"), _check_vector(C, N, "C"), _check_size(length, "length")


def kernel_powers(Ab: npt.ArrayLike, Bb: npt.ArrayLike, C: npt.ArrayLike, length: int) -> np.ndarray:
    """Kernel :math:`\\bar K_k = C^*\\bar A^k\\bar B` by forming the powers :math:`\\bar A^k`.

    The naive route: ``length`` matrix-matrix products, :math:`O(LN^3)`.

    Explained in the article *HiPPO made fast: the S4 kernel* (``hippo-s4``).

    Parameters
    ----------
    Ab, Bb : array_like
        Discrete system, ``(N, N)`` and ``(N,)``.
    C : array_like
        ``(N,)`` output vector (conjugated in :math:`C^*`).
    length : int
        Number of taps :math:`L \\ge 1`.

    Returns
    -------
    numpy.ndarray
        ``(L,)`` kernel.

    Raises
    ------
    ValueError
        If the shapes disagree or ``length`` is not a positive integer.

    Examples
    --------
    >>> kernel_powers([[0.5]], [1.0], [2.0], 4)
    array([2.  , 1.  , 0.5 , 0.25])
    """
    Ab, Bb, C, L = _check_kernel_args(Ab, Bb, C, length)
    power = np.eye(Ab.shape[0], dtype=Ab.dtype)
    K = np.empty(L, dtype=np.result_type(Ab, Bb, C))
    cH = C.conj()
    for k in range(L):
        K[k] = cH @ power @ Bb
        power = power @ Ab
    return K


def kernel_recurrence(Ab: npt.ArrayLike, Bb: npt.ArrayLike, C: npt.ArrayLike, length: int) -> np.ndarray:
    """Kernel as the impulse response of the recurrence: :math:`x \\leftarrow \\bar Ax`.

    :math:`O(LN^2)`; the output of :func:`ssm_states` for the input
    :math:`(1, 0, 0, \\dots)`, read through :math:`C^*`.

    Explained in the article *HiPPO made fast: the S4 kernel* (``hippo-s4``).

    Parameters
    ----------
    Ab, Bb : array_like
        Discrete system, ``(N, N)`` and ``(N,)``.
    C : array_like
        ``(N,)`` output vector.
    length : int
        Number of taps :math:`L \\ge 1`.

    Returns
    -------
    numpy.ndarray
        ``(L,)`` kernel.

    Raises
    ------
    ValueError
        If the shapes disagree or ``length`` is not a positive integer.

    Examples
    --------
    >>> kernel_recurrence([[0.5]], [1.0], [2.0], 3)
    array([2. , 1. , 0.5])
    """
    Ab, Bb, C, L = _check_kernel_args(Ab, Bb, C, length)
    impulse = np.zeros(L)
    impulse[0] = 1.0
    return ssm_states(Ab, Bb, impulse) @ C.conj()


def cauchy_sum(v: npt.ArrayLike, lam: npt.ArrayLike, g: npt.ArrayLike) -> np.ndarray:
    """Cauchy sums :math:`\\sum_i v_i/(g_j - \\lambda_i)` for every point :math:`g_j`.

    Explained in the article *HiPPO made fast: the S4 kernel* (``hippo-s4``).

    Parameters
    ----------
    v : array_like
        ``(..., N)`` numerators (leading axes are batched).
    lam : array_like
        ``(N,)`` poles.
    g : array_like
        ``(M,)`` evaluation points.

    Returns
    -------
    numpy.ndarray
        ``(..., M)`` complex.

    Raises
    ------
    ValueError
        If ``lam`` or ``g`` is not one-dimensional or ``v`` does not end in ``N``.

    Examples
    --------
    >>> cauchy_sum([1.0, 1.0], [0.0, 1.0], [2.0, 3.0]).real
    array([1.5       , 0.83333333])
    """
    v = np.asarray(v)
    lam = np.asarray(lam)
    g = np.asarray(g)
    if lam.ndim != 1 or g.ndim != 1:
        raise ValueError(f"lam and g must be one-dimensional, got shapes {lam.shape} and {g.shape}")
    if v.shape[-1:] != lam.shape:
        raise ValueError(f"v must end in an axis of length {lam.shape[0]}, got shape {v.shape}")
    return (v[..., None, :] / (g[:, None] - lam[None, :])).sum(axis=-1)


def s4_kernel(Lambda: npt.ArrayLike, p: npt.ArrayLike, B: npt.ArrayLike, C: npt.ArrayLike, *,
              step: float, length: int, q: npt.ArrayLike | None = None,
              c_tilde: bool = False) -> np.ndarray:
    """S4 convolution kernel of :math:`A = \\operatorname{diag}\\Lambda - p^\\top\\bar q` by Cauchy sums and Woodbury.

    With bilinear discretisation (step :math:`\\epsilon`), the generating function of the
    kernel is :math:`\\mathcal G(z) = \\frac{2}{1+z}\\tilde C^*\\big(g(z) - A\\big)^{-1}B`,
    :math:`g(z) = \\frac2\\epsilon\\frac{1-z}{1+z}`, and :math:`g - A = R + p^\\top\\bar q`
    with :math:`R` diagonal, so the Woodbury identity reduces it to Cauchy sums
    (:func:`cauchy_sum`). Evaluated at the ``length`` roots of unity
    :math:`z_l = e^{-2\\pi i l/L}` it is the DFT of the kernel, where the truncation
    factor :math:`I - z^L\\bar A^L` becomes :math:`I - \\bar A^L`:
    :math:`\\tilde C = (I - \\bar A^L)^* C`. An inverse FFT returns the kernel. The
    cost is :math:`O(LNr^2 + L\\log L)` once :math:`\\tilde C` is known; S4 trains
    :math:`\\tilde C` directly (``c_tilde=True``).

    Explained in the article *HiPPO made fast: the S4 kernel* (``hippo-s4``).

    Parameters
    ----------
    Lambda : array_like
        ``(N,)`` diagonal part (e.g. ``NPLR.Lambda``).
    p : array_like
        ``(r, N)`` or ``(N,)`` low-rank factor (e.g. ``NPLR.p``).
    B : array_like
        ``(N,)`` input vector in the same coordinates (e.g. ``NPLR.B``).
    C : array_like
        ``(N,)`` output vector in the same coordinates (:math:`V^*C` for a real-space
        :math:`C`), or :math:`\\tilde C` if ``c_tilde`` is true.
    step : float
        :math:`\\epsilon > 0`.
    length : int
        :math:`L \\ge 1`.
    q : array_like, optional
        Second low-rank factor; by default ``q = p`` (the HiPPO case).
    c_tilde : bool, optional
        If false (default), :math:`\\tilde C = (I - \\bar A^L)^*C` is formed here, with a
        dense :math:`\\bar A^L` (:math:`O(N^3\\log L)`).

    Returns
    -------
    numpy.ndarray
        ``(L,)`` complex kernel :math:`\\bar K_k = C^*\\bar A^k\\bar B` (real up to
        rounding when the system is the image of a real one).

    Raises
    ------
    ValueError
        If the shapes disagree, ``step`` is not positive or ``length`` is not a
        positive integer.

    Examples
    --------
    >>> Lam, p, B, V = hippo_legs_nplr(8)
    >>> A, Breal = hippo_legs(8)
    >>> C = np.ones(8)
    >>> K = s4_kernel(Lam, p, B, V.conj().T @ C, step=0.1, length=16)
    >>> Ab, Bb = discretize(A, Breal, 0.1)
    >>> bool(np.allclose(K, kernel_recurrence(Ab, Bb, C, 16), atol=1e-12))
    True
    """
    Lam = np.asarray(Lambda, dtype=complex)
    if Lam.ndim != 1 or Lam.size == 0:
        raise ValueError(f"Lambda must be a non-empty vector, got shape {Lam.shape}")
    N = Lam.shape[0]
    P = np.atleast_2d(np.asarray(p, dtype=complex))
    if P.ndim != 2 or P.shape[1] != N:
        raise ValueError(f"p must have shape (r, {N}) or ({N},), got {np.shape(p)}")
    Q = P if q is None else np.atleast_2d(np.asarray(q, dtype=complex))
    if Q.shape != P.shape:
        raise ValueError(f"q must have the shape of p, {P.shape}, got {Q.shape}")
    Bv = _check_vector(np.asarray(B, dtype=complex), N, "B")
    Cv = _check_vector(np.asarray(C, dtype=complex), N, "C")
    eps = _check_positive(step, "step")
    L = _check_size(length, "length")
    if not c_tilde:
        A = np.diag(Lam) - P.T @ Q.conj()
        Ab, _ = discretize(A, Bv, eps)
        Cv = (np.eye(N) - np.linalg.matrix_power(Ab, L)).conj().T @ Cv
    z = np.exp(-2j * np.pi * np.arange(L) / L)
    at_minus_one = np.abs(1 + z) < 1e-300
    zs = np.where(at_minus_one, 0.0, z)  # the limit z -> -1 is filled in below
    g = 2 / eps * (1 - zs) / (1 + zs)
    cc, qc = Cv.conj(), Q.conj()
    r = P.shape[0]
    # All the Cauchy sums at once: one (L, N) matrix of 1/(g - lambda), times the stacked
    # numerators c*b, c*p_j, q_j*b and q_j*p_k (same result as cauchy_sum, one pass).
    numerators = np.concatenate(
        [(cc * Bv)[None, :], cc[None, :] * P, qc * Bv[None, :], (qc[:, None, :] * P[None, :, :]).reshape(r * r, N)]
    )
    sums = (1.0 / (g[:, None] - Lam[None, :])) @ numerators.T  # (L, 1 + 2r + r^2)
    k_cb = sums[:, 0]
    k_cp = sums[:, 1:1 + r]
    k_qb = sums[:, 1 + r:1 + 2 * r]
    k_qp = sums[:, 1 + 2 * r:].reshape(L, r, r)
    if r == 1:
        correction = k_cp[:, 0] * k_qb[:, 0] / (1.0 + k_qp[:, 0, 0])
    else:
        sol = np.linalg.solve(np.eye(r)[None] + k_qp, k_qb[:, :, None])[:, :, 0]  # (L, r)
        correction = np.einsum("lj,lj->l", k_cp, sol)
    G = 2 / (1 + zs) * (k_cb - correction)
    if at_minus_one.any():
        G[at_minus_one] = eps / 2 * (cc @ Bv)
    return np.fft.ifft(G)


def causal_conv(K: npt.ArrayLike, u: npt.ArrayLike, *, pad: bool = True) -> np.ndarray:
    """Causal convolution :math:`y_k = \\sum_{j \\le k} K_j u_{k-j}` by FFT.

    Explained in the article *HiPPO made fast: the S4 kernel* (``hippo-s4``).

    Parameters
    ----------
    K, u : array_like
        Real sequences of the same length :math:`L`.
    pad : bool, optional
        Zero-pad to :math:`2L` (default). Without padding the FFT computes a *circular*
        convolution, which wraps the tail around onto the head: shown for teaching.

    Returns
    -------
    numpy.ndarray
        ``(L,)`` float64.

    Raises
    ------
    ValueError
        If ``K`` and ``u`` are not one-dimensional of the same length.

    Examples
    --------
    >>> causal_conv([1.0, 1.0, 0.0], [1.0, 2.0, 3.0])
    array([1., 3., 5.])
    >>> causal_conv([1.0, 1.0, 0.0], [1.0, 2.0, 3.0], pad=False)
    array([4., 3., 5.])
    """
    K = np.asarray(K, dtype=np.float64)
    u = np.asarray(u, dtype=np.float64)
    if K.ndim != 1 or K.shape != u.shape:
        raise ValueError(f"K and u must be one-dimensional of equal length, got {K.shape} and {u.shape}")
    L = K.shape[0]
    n = 2 * L if pad else L
    return np.fft.irfft(np.fft.rfft(K, n) * np.fft.rfft(u, n), n)[:L]


def legendre_reconstruct(x: npt.ArrayLike, s: npt.ArrayLike) -> np.ndarray:
    """Evaluate :math:`\\sum_n x_n\\sqrt{2n+1}\\,P_n(s)`: the history a HiPPO state stores.

    For LegT with window :math:`w`, :math:`s = -1` is time :math:`t-w` and :math:`s = 1`
    is :math:`t`; for LegS, :math:`s` maps :math:`[0, t]` linearly onto :math:`[-1, 1]`.

    Explained in the article *HiPPO made fast: the S4 kernel* (``hippo-s4``).

    Parameters
    ----------
    x : array_like
        ``(N,)`` state.
    s : array_like
        Points in :math:`[-1, 1]`.

    Returns
    -------
    numpy.ndarray
        Same shape as ``s``.

    Raises
    ------
    ValueError
        If ``x`` is not a non-empty vector or some ``s`` lies outside ``[-1, 1]``.

    Examples
    --------
    >>> legendre_reconstruct([0.5, 0.0, 0.0], [-1.0, 0.0, 1.0])
    array([0.5, 0.5, 0.5])
    """
    x = np.asarray(x, dtype=np.float64)
    s = np.asarray(s, dtype=np.float64)
    if x.ndim != 1 or x.size == 0:
        raise ValueError(f"x must be a non-empty vector, got shape {x.shape}")
    if np.any(np.abs(s) > 1 + 1e-12):
        raise ValueError("s must lie in [-1, 1]")
    coef = x * np.sqrt(2 * np.arange(x.size) + 1)
    return np.polynomial.legendre.legval(s, coef)


def legs_eigenvector_sums(d: int, lam: int) -> np.ndarray:
    """Partial sums :math:`S_n = \\sum_{k \\le n}\\sqrt{2k+1}v_k` of an eigenvector of :math:`-A_{\\rm LegS}`.

    For :math:`-Av = \\lambda v` the sums obey
    :math:`S_{n-1} = \\frac{\\lambda - n - 1}{\\lambda + n} S_n`; normalised by
    :math:`S_{d-1} = 1`,

    .. math:: S_n = (-1)^{d-n-1}\\frac{(d-\\lambda)!\\,(n+\\lambda)!}{(d+\\lambda-1)!\\,(n-\\lambda+1)!}

    for :math:`n \\ge \\lambda - 1` and 0 below. The eigenvector is
    :math:`v_n = (S_n - S_{n-1})/\\sqrt{2n+1}`. Computed from exact integers.

    Explained in the article *HiPPO made fast: the S4 kernel* (``hippo-s4``).

    Parameters
    ----------
    d : int
        Size of :math:`A`, ``d >= 1``.
    lam : int
        Eigenvalue of :math:`-A`, ``1 <= lam <= d``.

    Returns
    -------
    numpy.ndarray
        ``(d,)`` float64, :math:`S_0, \\dots, S_{d-1}`.

    Raises
    ------
    ValueError
        If ``d`` or ``lam`` is not an integer in range.

    Examples
    --------
    >>> legs_eigenvector_sums(4, 2)
    array([ 0. ,  0.1, -0.4,  1. ])
    """
    d = _check_size(d, "d")
    lam = _check_size(lam, "lam")
    if lam > d:
        raise ValueError(f"lam must be an integer from 1 to d={d}, got {lam}")
    from fractions import Fraction

    f = math.factorial
    S = np.zeros(d)
    for n in range(lam - 1, d):
        value = Fraction(f(d - lam) * f(n + lam), f(d + lam - 1) * f(n - lam + 1))
        S[n] = (-1) ** (d - n - 1) * float(value)
    return S
