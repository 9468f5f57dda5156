"""Recurrences over a sequence: linear RNNs as associative scans, and nonlinear RNNs
solved by sweeps of linear ones.

A linear recurrence :math:`x_t = A_t x_{t-1} + b_t` is a composition of affine maps, and
composition is associative, so all the states can be computed by a prefix scan in
:math:`\\lceil \\log_2 T \\rceil` parallel passes (:func:`affine_scan`). A nonlinear RNN
:math:`x_t = \\tanh(A x_{t-1} + u_t)` is not of that form, but it is the fixed point of
an iteration whose every step (a *sweep*) is a linear recurrence
(:func:`perturbation_sweeps`): freeze the nonlinearity at the previous iterate and keep
a linear term :math:`J_t x_{t-1}` on the left. The choice :math:`J_t = A` is the
perturbation scheme of the post; linearising the tanh at the inputs or at the previous
iterate gives faster schemes, the last of which is Newton's method on the whole
trajectory (DEER). The same idea applied to a GRU is :func:`gru_sweeps`.

Every function is explained in the article *Parallel sweeps for nonlinear RNNs*
(``nonlinear-rnn-parallel``).

References
----------
* Su Jianlin, "脑洞大开：非线性RNN居然也可以并行计算？", Scientific Spaces, 2023,
  https://kexue.fm/archives/9783
* Y. H. Lim, Q. Zhu, J. Selfridge, M. F. Kasim, "Parallelizing non-linear sequential
  models over the sequence length", ICLR 2024, arXiv:2309.12252.
* W. D. Hillis, G. L. Steele, "Data parallel algorithms", Communications of the ACM 29
  (1986) 1170-1183.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping

import numpy as np
import numpy.typing as npt

__all__ = [
    "SCHEMES",
    "GRU_KEYS",
    "rnn_tanh_sequential",
    "rnn_tanh_residual",
    "linear_recurrence",
    "affine_scan",
    "scan_operation_counts",
    "perturbation_sweeps",
    "diagonal_sweeps",
    "first_inexact_index",
    "sweeps_to_tolerance",
    "random_matrix",
    "gru_random_params",
    "gru_sequential",
    "gru_sweeps",
]

#: The linearisations of :func:`perturbation_sweeps`, by name.
SCHEMES: tuple[str, ...] = ("picard", "fixed", "input", "newton")

#: The weight names a GRU parameter mapping must hold (see :func:`gru_sequential`).
GRU_KEYS: tuple[str, ...] = ("Wz", "Uz", "bz", "Wr", "Ur", "br", "Wh", "Uh", "bh")


# --------------------------------------------------------------------------- checks
def _as_float_array(name: str, value: npt.ArrayLike, *, complex_ok: bool = False) -> np.ndarray:
    try:
        arr = np.asarray(value)
    except Exception as exc:  # pragma: no cover - numpy raises many kinds of errors
        raise TypeError(f"{name} must be array-like, got {type(value).__name__}") from exc
    if arr.dtype == object or not (np.issubdtype(arr.dtype, np.number) or arr.dtype == bool):
        raise TypeError(f"{name} must hold numbers, got dtype {arr.dtype}")
    if np.iscomplexobj(arr):
        if not complex_ok:
            raise TypeError(f"{name} must be real, got dtype {arr.dtype}")
        arr = arr.astype(np.complex128)
    else:
        arr = arr.astype(np.float64)
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite, got non-finite entries")
    return arr


def _check_int(name: str, value: object, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    if int(value) < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value}")
    return int(value)


def _check_rnn(A: npt.ArrayLike, U: npt.ArrayLike, x0: npt.ArrayLike | None):
    A = _as_float_array("A", A)
    U = _as_float_array("U", U)
    if A.ndim != 2 or A.shape[0] != A.shape[1]:
        raise ValueError(f"A must be a square (d, d) matrix, got shape {A.shape}")
    d = A.shape[0]
    if U.ndim != 2 or U.shape[1] != d or U.shape[0] < 1:
        raise ValueError(f"U must have shape (T, {d}) with T >= 1 to match A, got {U.shape}")
    x0 = _check_x0(x0, d)
    return A, U, x0


def _check_x0(x0: npt.ArrayLike | None, d: int, *, complex_ok: bool = False) -> np.ndarray:
    if x0 is None:
        return np.zeros(d)
    x0 = _as_float_array("x0", x0, complex_ok=complex_ok)
    if x0.shape != (d,):
        raise ValueError(f"x0 must have shape ({d},), got {x0.shape}")
    return x0


def _sech2(z: np.ndarray) -> np.ndarray:
    """sech(z)**2 = 4 e^{-2|z|} / (1 + e^{-2|z|})**2, without overflow."""
    e = np.exp(-2.0 * np.abs(z))
    return 4.0 * e / (1.0 + e) ** 2


def _shift(X: np.ndarray, x0: np.ndarray) -> np.ndarray:
    """The previous states (x_{-1}, x_0, ..., x_{T-2}) with x_{-1} = x0."""
    return np.concatenate([x0[None, :], X[:-1]], axis=0)


# ---------------------------------------------------------------- the nonlinear RNN
def rnn_tanh_sequential(A: npt.ArrayLike, U: npt.ArrayLike,
                        x0: npt.ArrayLike | None = None) -> np.ndarray:
    """States of the tanh RNN :math:`x_t = \\tanh(A x_{t-1} + u_t)`, one step at a time.

    Explained in the article *Parallel sweeps for nonlinear RNNs*
    (``nonlinear-rnn-parallel``); it is the reference every sweep scheme must reach.

    Parameters
    ----------
    A : array_like
        Shape ``(d, d)``.
        The recurrent matrix.
    U : array_like
        Shape ``(T, d)``.
        The inputs :math:`u_0, \\dots, u_{T-1}`.
    x0 : array_like, optional
        Shape ``(d,)``.
        The state before the first input, :math:`x_{-1}`; zero by default.

    Returns
    -------
    numpy.ndarray
        Shape ``(T, d)``.
        The states :math:`x_0, \\dots, x_{T-1}`.

    Raises
    ------
    ValueError
        If the shapes do not match or an entry is not finite.
    TypeError
        If an argument is not real numeric.

    Examples
    --------
    >>> A = [[0.5, 0.0], [0.0, -0.5]]
    >>> X = rnn_tanh_sequential(A, [[1.0, 1.0], [0.0, 0.0]])
    >>> bool(np.allclose(X[1], np.tanh([0.5 * np.tanh(1.0), -0.5 * np.tanh(1.0)])))
    True
    """
    A, U, x = _check_rnn(A, U, x0)
    X = np.empty_like(U)
    for t in range(U.shape[0]):
        x = np.tanh(A @ x + U[t])
        X[t] = x
    return X


def rnn_tanh_residual(A: npt.ArrayLike, U: npt.ArrayLike, X: npt.ArrayLike,
                      x0: npt.ArrayLike | None = None) -> np.ndarray:
    """Residual :math:`F_t(X) = x_t - \\tanh(A x_{t-1} + u_t)` of a whole trajectory.

    The trajectory of the tanh RNN is the unique root of this map of :math:`\\mathbb
    R^{T d}`; Newton's method on it is the DEER scheme of :func:`perturbation_sweeps`.
    Explained in the article *Parallel sweeps for nonlinear RNNs*
    (``nonlinear-rnn-parallel``).

    Parameters
    ----------
    A : array_like
        Shape ``(d, d)``.
    U : array_like
        Shape ``(T, d)``.
    X : array_like
        Shape ``(T, d)``.
        A candidate trajectory.
    x0 : array_like, optional
        Shape ``(d,)``.
        The state :math:`x_{-1}`; zero by default.

    Returns
    -------
    numpy.ndarray
        Shape ``(T, d)``.
        The residual, zero exactly on the RNN's trajectory.

    Raises
    ------
    ValueError
        If the shapes do not match or an entry is not finite.

    Examples
    --------
    >>> A, U = [[0.3]], [[0.2], [-0.1]]
    >>> float(np.max(np.abs(rnn_tanh_residual(A, U, rnn_tanh_sequential(A, U)))))
    0.0
    """
    A, U, x0 = _check_rnn(A, U, x0)
    X = _as_float_array("X", X)
    if X.shape != U.shape:
        raise ValueError(f"X must have the shape of U, {U.shape}, got {X.shape}")
    return X - np.tanh(_shift(X, x0) @ A.T + U)


# ---------------------------------------------------------------- linear recurrences
def _check_linear(A: npt.ArrayLike, B: npt.ArrayLike, x0: npt.ArrayLike | None,
                  diagonal: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Validate and broadcast A to (T, d, d) (dense) or (T, d) (diagonal)."""
    if not isinstance(diagonal, (bool, np.bool_)):
        raise TypeError(f"diagonal must be a bool, got {type(diagonal).__name__}")
    A = _as_float_array("A", A, complex_ok=True)
    B = _as_float_array("B", B, complex_ok=True)
    if B.ndim != 2 or B.shape[0] < 1:
        raise ValueError(f"B must have shape (T, d) with T >= 1, got {B.shape}")
    T, d = B.shape
    if diagonal:
        if A.shape == (d,):
            A = np.broadcast_to(A, (T, d))
        elif A.shape != (T, d):
            raise ValueError(f"with diagonal=True, A must have shape ({d},) or ({T}, {d}) "
                             f"to match B of shape {B.shape}, got {A.shape}")
    else:
        if A.shape == (d, d):
            A = np.broadcast_to(A, (T, d, d))
        elif A.shape != (T, d, d):
            raise ValueError(f"A must have shape ({d}, {d}) or ({T}, {d}, {d}) to match B of "
                             f"shape {B.shape}, got {A.shape} (pass diagonal=True for "
                             "diagonal transitions)")
    x0 = _check_x0(x0, d, complex_ok=True)
    dtype = np.result_type(A, B, x0)
    return A.astype(dtype), B.astype(dtype), x0.astype(dtype)


def linear_recurrence(A: npt.ArrayLike, B: npt.ArrayLike, x0: npt.ArrayLike | None = None,
                      *, diagonal: bool = False) -> np.ndarray:
    """States of :math:`x_t = A_t x_{t-1} + b_t`, one step at a time (the sequential loop).

    Explained in the article *Parallel sweeps for nonlinear RNNs*
    (``nonlinear-rnn-parallel``); :func:`affine_scan` computes the same states in
    logarithmic depth.

    Parameters
    ----------
    A : array_like
        The transitions: shape (d, d) (constant) or (T, d, d) (time-varying); with
        ``diagonal=True``, the diagonals, shape (d,) or (T, d). Real or complex.
    B : array_like
        Shape ``(T, d)``.
        The forcing terms :math:`b_0, \\dots, b_{T-1}`.
    x0 : array_like, optional
        Shape ``(d,)``.
        The state :math:`x_{-1}`; zero by default.
    diagonal : bool, optional
        Whether ``A`` holds diagonals of diagonal matrices.

    Returns
    -------
    numpy.ndarray
        Shape ``(T, d)``.
        The states, real or complex like the inputs.

    Raises
    ------
    ValueError
        If the shapes do not match or an entry is not finite.
    TypeError
        If ``diagonal`` is not a bool or an array is not numeric.

    Examples
    --------
    >>> linear_recurrence([0.5], [[1.0], [1.0], [1.0]], diagonal=True).ravel().tolist()
    [1.0, 1.5, 1.75]
    """
    A, B, x = _check_linear(A, B, x0, diagonal)
    X = np.empty_like(B)
    for t in range(B.shape[0]):
        x = (A[t] * x if diagonal else A[t] @ x) + B[t]
        X[t] = x
    return X


def affine_scan(A: npt.ArrayLike, B: npt.ArrayLike, x0: npt.ArrayLike | None = None,
                *, diagonal: bool = False, return_counts: bool = False):
    """States of :math:`x_t = A_t x_{t-1} + b_t` by a log-depth associative scan.

    Each step is the affine map :math:`x \\mapsto A_t x + b_t`; composing two of them,

    .. math:: (A_2, b_2) \\circ (A_1, b_1) = (A_2 A_1,\\; A_2 b_1 + b_2),

    is associative, so the prefix compositions are computed by the Hillis-Steele scan:
    :math:`\\lceil\\log_2 T\\rceil` passes, each combining every element with the one
    :math:`2^k` places earlier (all combines of a pass are independent). NumPy runs
    each pass as one vectorised operation. Explained in the article *Parallel sweeps
    for nonlinear RNNs* (``nonlinear-rnn-parallel``).

    Parameters
    ----------
    A : array_like
        Shape (d, d) or (T, d, d); with ``diagonal=True``, shape (d,) or (T, d).
    B : array_like
        Shape ``(T, d)``.
    x0 : array_like, optional
        Shape ``(d,)``.
        The state :math:`x_{-1}`; zero by default.
    diagonal : bool, optional
        Whether ``A`` holds diagonals (then each combine is elementwise).
    return_counts : bool, optional
        Also return the number of passes and of combines actually performed.

    Returns
    -------
    X : numpy.ndarray
        Shape ``(T, d)``.
        The states, equal to :func:`linear_recurrence` up to rounding.
    counts : dict
        Only with ``return_counts``: ``{"passes": ..., "combines": ...}``.

    Raises
    ------
    ValueError
        If the shapes do not match or an entry is not finite.
    TypeError
        If ``diagonal`` is not a bool or an array is not numeric.

    Examples
    --------
    >>> X, counts = affine_scan([0.5], np.ones((5, 1)), diagonal=True, return_counts=True)
    >>> X.ravel().tolist()
    [1.0, 1.5, 1.75, 1.875, 1.9375]
    >>> counts
    {'passes': 3, 'combines': 8}
    """
    A, B, x0 = _check_linear(A, B, x0, diagonal)
    T = B.shape[0]
    P = np.array(A, copy=True)
    Q = np.array(B, copy=True)
    Q[0] = Q[0] + (A[0] * x0 if diagonal else A[0] @ x0)
    passes = combines = 0
    k = 1
    while k < T:
        hi_A, lo_A, lo_B = P[k:], P[:-k], Q[:-k]
        if diagonal:
            new_B = hi_A * lo_B + Q[k:]
            new_A = hi_A * lo_A
        else:
            new_B = np.einsum("tij,tj->ti", hi_A, lo_B) + Q[k:]
            new_A = hi_A @ lo_A
        P[k:], Q[k:] = new_A, new_B
        passes += 1
        combines += T - k
        k *= 2
    if return_counts:
        return Q, {"passes": passes, "combines": combines}
    return Q


def scan_operation_counts(T: int, d: int, *, diagonal: bool = False) -> dict[str, int]:
    """Counted depth and work of the sequential loop and of :func:`affine_scan`.

    Depth is the number of dependent steps (loop iterations, or scan passes); work is
    the number of floating-point operations, counting a d-by-d matrix product as
    :math:`2d^3 - d^2`, a matrix-vector product as :math:`2d^2 - d` and a vector sum as
    :math:`d` (for ``diagonal=True``, :math:`d` per elementwise product or sum). No time
    is measured: this is what a parallel machine would have to do. Explained in the
    article *Parallel sweeps for nonlinear RNNs* (``nonlinear-rnn-parallel``).

    Parameters
    ----------
    T : int
        Sequence length, ``T >= 1``.
    d : int
        State size, ``d >= 1``.
    diagonal : bool, optional
        Diagonal transitions (a diagonalised linear RNN) instead of dense ones.

    Returns
    -------
    dict
        ``seq_depth``, ``seq_work``, ``scan_depth`` (passes), ``scan_combines`` and
        ``scan_work``.

    Raises
    ------
    ValueError
        If ``T`` or ``d`` is not a positive integer.

    Examples
    --------
    >>> c = scan_operation_counts(1024, 4, diagonal=True)
    >>> c["scan_depth"], c["seq_depth"]
    (10, 1024)
    """
    T = _check_int("T", T, 1)
    d = _check_int("d", d, 1)
    passes = math.ceil(math.log2(T)) if T > 1 else 0
    combines = sum(T - 2**k for k in range(passes))
    if diagonal:
        step, combine, fold = 2 * d, 3 * d, 2 * d
    else:
        step = 2 * d * d  # matrix-vector product and one vector sum
        combine = (2 * d**3 - d * d) + (2 * d * d - d) + d
        fold = 2 * d * d
    return {
        "seq_depth": T,
        "seq_work": T * step,
        "scan_depth": passes,
        "scan_combines": combines,
        "scan_work": combines * combine + fold,
    }


# ------------------------------------------------------------- sweeps of linear RNNs
def perturbation_sweeps(A: npt.ArrayLike, U: npt.ArrayLike, n_iter: int,
                        scheme: str = "fixed", *, x0: npt.ArrayLike | None = None,
                        X_init: npt.ArrayLike | None = None,
                        method: str = "scan") -> list[np.ndarray]:
    """Iterates of the sweep schemes that solve :math:`x_t = \\tanh(A x_{t-1} + u_t)`.

    Sweep :math:`n` solves the *linear* recurrence

    .. math:: x_t^{(n)} - J_t x_{t-1}^{(n)} = \\tanh(A x_{t-1}^{(n-1)} + u_t)
              - J_t x_{t-1}^{(n-1)},

    with the state before the sequence, :math:`x_{-1} = x_0`, the same in every sweep.
    The scheme chooses :math:`J_t`:

    * ``"picard"``: :math:`J_t = 0` (plain fixed-point iteration, no recurrence);
    * ``"fixed"``: :math:`J_t = A` (the post's "subtract :math:`A x_{t-1}`" scheme);
    * ``"input"``: :math:`J_t = \\operatorname{diag}(\\operatorname{sech}^2 u_t)\\, A`
      (tanh linearised at the input);
    * ``"newton"``: :math:`J_t = \\operatorname{diag}(\\operatorname{sech}^2(A
      x_{t-1}^{(n-1)} + u_t))\\, A`, Newton's method on :func:`rnn_tanh_residual` (DEER).

    Every fixed point is the RNN's trajectory, and after :math:`n` sweeps the first
    :math:`n` states are exact whatever the scheme. Explained in the article
    *Parallel sweeps for nonlinear RNNs* (``nonlinear-rnn-parallel``).

    Parameters
    ----------
    A : array_like
        Shape ``(d, d)``.
    U : array_like
        Shape ``(T, d)``.
    n_iter : int
        Number of sweeps, ``>= 0``.
    scheme : {"picard", "fixed", "input", "newton"}, optional
    x0 : array_like, optional
        Shape ``(d,)``.
        The state :math:`x_{-1}`; zero by default.
    X_init : array_like, optional
        Shape ``(T, d)``.
        The starting guess :math:`X^{(0)}`; zero by default.
    method : {"scan", "sequential"}, optional
        Solve each linear sweep with :func:`affine_scan` or :func:`linear_recurrence`.

    Returns
    -------
    list of numpy.ndarray
        ``[X^(0), X^(1), ..., X^(n_iter)]``, each of shape (T, d).

    Raises
    ------
    ValueError
        If the shapes do not match, ``n_iter`` is not a non-negative integer, or
        ``scheme`` or ``method`` is unknown.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> A, U = 0.3 * rng.standard_normal((3, 3)), rng.standard_normal((6, 3))
    >>> its = perturbation_sweeps(A, U, 6, "newton")
    >>> bool(np.allclose(its[-1], rnn_tanh_sequential(A, U), atol=1e-14))
    True
    """
    A, U, x0 = _check_rnn(A, U, x0)
    n_iter = _check_int("n_iter", n_iter, 0)
    if scheme not in SCHEMES:
        raise ValueError(f"scheme must be one of {SCHEMES}, got {scheme!r}")
    if method not in ("scan", "sequential"):
        raise ValueError(f"method must be 'scan' or 'sequential', got {method!r}")
    if X_init is None:
        X = np.zeros_like(U)
    else:
        X = _as_float_array("X_init", X_init)
        if X.shape != U.shape:
            raise ValueError(f"X_init must have the shape of U, {U.shape}, got {X.shape}")
    solve = affine_scan if method == "scan" else linear_recurrence
    T = U.shape[0]
    iterates = [X.copy()]
    for _ in range(n_iter):
        prev = _shift(X, x0)
        z = prev @ A.T + U
        rhs = np.tanh(z)
        if scheme == "picard":
            X = rhs
        else:
            if scheme == "fixed":
                J = np.broadcast_to(A, (T,) + A.shape)
            elif scheme == "input":
                J = _sech2(U)[:, :, None] * A[None, :, :]
            else:
                J = _sech2(z)[:, :, None] * A[None, :, :]
            B = rhs - np.einsum("tij,tj->ti", J, prev)
            X = np.real(solve(J, B, x0))
        iterates.append(X)
    return iterates


def diagonal_sweeps(lam: npt.ArrayLike, P: npt.ArrayLike, Q: npt.ArrayLike,
                    U: npt.ArrayLike, n_iter: int, *,
                    y0: npt.ArrayLike | None = None) -> list[np.ndarray]:
    """Sweeps of :math:`y_t - \\Lambda y_{t-1} = P\\tanh(Q y_{t-1} + u_t) - \\Lambda y_{t-1}`.

    With :math:`A = V\\Lambda V^{-1}`, :math:`P = V^{-1}` and :math:`Q = V\\Lambda`, the
    iterates are :math:`V^{-1}` times those of ``perturbation_sweeps(A, U, n_iter,
    "fixed")``; the post's relaxed model takes free :math:`P, Q` with :math:`PQ =
    \\Lambda` at initialisation. Each sweep is a *diagonal* linear recurrence, solved by
    :func:`affine_scan` with ``diagonal=True``. Explained in the article *Parallel
    sweeps for nonlinear RNNs* (``nonlinear-rnn-parallel``).

    Parameters
    ----------
    lam : array_like
        Shape ``(m,)``.
        The diagonal of :math:`\\Lambda` (complex allowed).
    P : array_like
        Shape ``(m, d)``.
    Q : array_like
        Shape ``(d, m)``.
    U : array_like
        Shape ``(T, d)``.
        Real inputs.
    n_iter : int
        Number of sweeps, ``>= 0``.
    y0 : array_like, optional
        Shape ``(m,)``.
        The state :math:`y_{-1}`; zero by default.

    Returns
    -------
    list of numpy.ndarray
        ``[Y^(0) = 0, Y^(1), ..., Y^(n_iter)]``, each complex of shape (T, m).

    Raises
    ------
    ValueError
        If the shapes do not match or ``n_iter`` is not a non-negative integer.

    Examples
    --------
    >>> A = np.array([[0.2, 0.5], [-0.5, 0.2]])
    >>> lam, V = np.linalg.eig(A)
    >>> U = np.array([[1.0, 0.0], [0.0, 1.0], [0.5, 0.5]])
    >>> Y = diagonal_sweeps(lam, np.linalg.inv(V), V * lam, U, 3)[-1]
    >>> bool(np.allclose((Y @ V.T).real, rnn_tanh_sequential(A, U)))
    True
    """
    lam = _as_float_array("lam", lam, complex_ok=True)
    P = _as_float_array("P", P, complex_ok=True)
    Q = _as_float_array("Q", Q, complex_ok=True)
    U = _as_float_array("U", U)
    if lam.ndim != 1:
        raise ValueError(f"lam must be one-dimensional, got shape {lam.shape}")
    m = lam.shape[0]
    if U.ndim != 2 or U.shape[0] < 1:
        raise ValueError(f"U must have shape (T, d) with T >= 1, got {U.shape}")
    d = U.shape[1]
    if P.shape != (m, d) or Q.shape != (d, m):
        raise ValueError(f"P must have shape ({m}, {d}) and Q shape ({d}, {m}) to match lam "
                         f"{lam.shape} and U {U.shape}, got {P.shape} and {Q.shape}")
    n_iter = _check_int("n_iter", n_iter, 0)
    y0 = _check_x0(y0, m, complex_ok=True).astype(np.complex128)
    Y = np.zeros((U.shape[0], m), dtype=np.complex128)
    iterates = [Y.copy()]
    for _ in range(n_iter):
        prev = _shift(Y, y0)
        B = np.tanh(prev @ Q.T + U) @ P.T - prev * lam
        Y = affine_scan(lam, B, y0, diagonal=True)
        iterates.append(Y)
    return iterates


def first_inexact_index(X: npt.ArrayLike, X_ref: npt.ArrayLike, tol: float = 1e-12) -> int:
    """Position of the first state of ``X`` that differs from ``X_ref`` by more than ``tol``.

    After :math:`n` sweeps of :func:`perturbation_sweeps` the answer is at least
    :math:`n` (the finite-termination front). Explained in the article *Parallel sweeps
    for nonlinear RNNs* (``nonlinear-rnn-parallel``).

    Parameters
    ----------
    X, X_ref : array_like
        Shape ``(T, d)``.
    tol : float, optional
        Absolute tolerance on the largest entry of :math:`|x_t - x^{\\rm ref}_t|`,
        scaled by :math:`\\max(1, \\max|X_{\\rm ref}|)`.

    Returns
    -------
    int
        The first inexact index, or ``T`` if every state agrees.

    Raises
    ------
    ValueError
        If the shapes differ or ``tol`` is not positive.

    Examples
    --------
    >>> first_inexact_index([[0.0], [1.0], [2.0]], [[0.0], [1.0], [2.5]])
    2
    """
    X = _as_float_array("X", X, complex_ok=True)
    X_ref = _as_float_array("X_ref", X_ref, complex_ok=True)
    if X.shape != X_ref.shape or X.ndim != 2:
        raise ValueError(f"X and X_ref must have the same (T, d) shape, got {X.shape} "
                         f"and {X_ref.shape}")
    if not tol > 0:
        raise ValueError(f"tol must be positive, got {tol!r}")
    scale = max(1.0, float(np.max(np.abs(X_ref))))
    bad = np.flatnonzero(np.max(np.abs(X - X_ref), axis=1) > tol * scale)
    return int(bad[0]) if bad.size else X.shape[0]


def sweeps_to_tolerance(iterates: list[np.ndarray], X_ref: npt.ArrayLike,
                        tol: float = 1e-10) -> int | None:
    """The first sweep whose largest absolute error is at most ``tol``, or None.

    Explained in the article *Parallel sweeps for nonlinear RNNs*
    (``nonlinear-rnn-parallel``).

    Parameters
    ----------
    iterates : list of array_like
        As returned by :func:`perturbation_sweeps` (``iterates[n]`` is sweep ``n``).
    X_ref : array_like
        The exact trajectory.
    tol : float, optional
        Positive tolerance on :math:`\\max_{t,i} |x^{(n)}_{t,i} - x_{t,i}|`.

    Returns
    -------
    int or None
        The number of sweeps, None if no iterate is within ``tol``.

    Raises
    ------
    ValueError
        If ``tol`` is not positive or a shape differs from ``X_ref``.

    Examples
    --------
    >>> sweeps_to_tolerance([np.zeros(2), np.full(2, 1e-3), np.zeros(2) + 1.0], np.ones(2), 0.01)
    2
    """
    X_ref = _as_float_array("X_ref", X_ref, complex_ok=True)
    if not tol > 0:
        raise ValueError(f"tol must be positive, got {tol!r}")
    for n, X in enumerate(iterates):
        X = np.asarray(X)
        if X.shape != X_ref.shape:
            raise ValueError(f"iterate {n} has shape {X.shape}, X_ref has {X_ref.shape}")
        if np.max(np.abs(X - X_ref)) <= tol:
            return n
    return None


def random_matrix(d: int, norm: float, rng: np.random.Generator) -> np.ndarray:
    """A Gaussian d-by-d matrix rescaled to spectral norm ``norm``.

    Explained in the article *Parallel sweeps for nonlinear RNNs*
    (``nonlinear-rnn-parallel``).

    Parameters
    ----------
    d : int
        Size, ``d >= 1``.
    norm : float
        Target largest singular value, ``> 0``.
    rng : numpy.random.Generator

    Returns
    -------
    numpy.ndarray
        Shape ``(d, d)``.

    Raises
    ------
    ValueError
        If ``d`` or ``norm`` is not positive.
    TypeError
        If ``rng`` is not a numpy Generator.

    Examples
    --------
    >>> A = random_matrix(5, 0.9, np.random.default_rng(1))
    >>> round(float(np.linalg.norm(A, 2)), 12)
    0.9
    """
    d = _check_int("d", d, 1)
    if not (isinstance(norm, numbers.Real) and norm > 0 and math.isfinite(norm)):
        raise ValueError(f"norm must be a positive finite number, got {norm!r}")
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy.random.Generator, got {type(rng).__name__}")
    M = rng.standard_normal((d, d))
    return float(norm) * M / np.linalg.norm(M, 2)


# ------------------------------------------------------------------------------ GRU
def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def _check_gru(params: Mapping[str, npt.ArrayLike], X: npt.ArrayLike,
               h0: npt.ArrayLike | None):
    if not isinstance(params, Mapping):
        raise TypeError(f"params must be a mapping of {GRU_KEYS}, got {type(params).__name__}")
    missing = [k for k in GRU_KEYS if k not in params]
    if missing:
        raise ValueError(f"params is missing {missing}; it needs {GRU_KEYS}")
    p = {k: _as_float_array(k, params[k]) for k in GRU_KEYS}
    X = _as_float_array("X", X)
    if X.ndim != 2 or X.shape[0] < 1:
        raise ValueError(f"X must have shape (T, d_in) with T >= 1, got {X.shape}")
    d_in = X.shape[1]
    d = p["bz"].shape[0] if p["bz"].ndim == 1 else -1
    for g in "zrh":
        W, Uw, b = p["W" + g], p["U" + g], p["b" + g]
        if W.shape != (d, d_in) or Uw.shape != (d, d) or b.shape != (d,):
            raise ValueError(f"gate {g}: expected W{g} ({d}, {d_in}), U{g} ({d}, {d}), b{g} "
                             f"({d},), got {W.shape}, {Uw.shape}, {b.shape}")
    return p, X, _check_x0(h0, d)


def gru_random_params(d_in: int, d: int, rng: np.random.Generator,
                      scale: float = 0.5) -> dict[str, np.ndarray]:
    """Random GRU weights: Gaussian, standard deviation ``scale / sqrt(fan_in)``, zero biases.

    Explained in the article *Parallel sweeps for nonlinear RNNs*
    (``nonlinear-rnn-parallel``).

    Parameters
    ----------
    d_in, d : int
        Input and state sizes, ``>= 1``.
    rng : numpy.random.Generator
    scale : float, optional
        Positive scale of the weights.

    Returns
    -------
    dict
        The arrays named in :data:`GRU_KEYS`.

    Raises
    ------
    ValueError
        If a size or ``scale`` is not positive.
    TypeError
        If ``rng`` is not a numpy Generator.

    Examples
    --------
    >>> p = gru_random_params(3, 2, np.random.default_rng(0))
    >>> p["Wz"].shape, p["Uh"].shape, p["bh"].tolist()
    ((2, 3), (2, 2), [0.0, 0.0])
    """
    d_in = _check_int("d_in", d_in, 1)
    d = _check_int("d", d, 1)
    if not (isinstance(scale, numbers.Real) and scale > 0):
        raise ValueError(f"scale must be a positive number, got {scale!r}")
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy.random.Generator, got {type(rng).__name__}")
    p: dict[str, np.ndarray] = {}
    for g in "zrh":
        p["W" + g] = scale / math.sqrt(d_in) * rng.standard_normal((d, d_in))
        p["U" + g] = scale / math.sqrt(d) * rng.standard_normal((d, d))
        p["b" + g] = np.zeros(d)
    return p


def _gru_map(p: dict[str, np.ndarray], Xw: dict[str, np.ndarray], H_prev: np.ndarray):
    """Gates and candidate of all steps at once, given the previous states (T, d)."""
    z = _sigmoid(Xw["z"] + H_prev @ p["Uz"].T)
    r = _sigmoid(Xw["r"] + H_prev @ p["Ur"].T)
    h_hat = np.tanh(Xw["h"] + (r * H_prev) @ p["Uh"].T)
    return z, h_hat


def gru_sequential(params: Mapping[str, npt.ArrayLike], X: npt.ArrayLike,
                   h0: npt.ArrayLike | None = None) -> np.ndarray:
    """States of a GRU, one step at a time.

    .. math::
        z_t = \\sigma(W_z x_t + U_z h_{t-1} + b_z),\\quad
        r_t = \\sigma(W_r x_t + U_r h_{t-1} + b_r),\\\\
        \\hat h_t = \\tanh(W_h x_t + U_h(r_t\\circ h_{t-1}) + b_h),\\quad
        h_t = (1 - z_t)\\circ h_{t-1} + z_t\\circ \\hat h_t .

    Explained in the article *Parallel sweeps for nonlinear RNNs*
    (``nonlinear-rnn-parallel``).

    Parameters
    ----------
    params : mapping
        The arrays named in :data:`GRU_KEYS`: ``W*`` of shape (d, d_in), ``U*`` of
        shape (d, d), ``b*`` of shape (d,).
    X : array_like
        Shape ``(T, d_in)``.
        The inputs.
    h0 : array_like, optional
        Shape ``(d,)``.
        The state :math:`h_{-1}`; zero by default.

    Returns
    -------
    numpy.ndarray
        Shape ``(T, d)``.

    Raises
    ------
    ValueError
        If a weight is missing or a shape does not match.
    TypeError
        If ``params`` is not a mapping.

    Examples
    --------
    >>> p = gru_random_params(2, 3, np.random.default_rng(0))
    >>> gru_sequential(p, np.zeros((4, 2))).tolist() == np.zeros((4, 3)).tolist()
    True
    """
    p, X, h = _check_gru(params, X, h0)
    H = np.empty((X.shape[0], h.shape[0]))
    for t in range(X.shape[0]):
        xt = X[t]
        z = _sigmoid(p["Wz"] @ xt + p["Uz"] @ h + p["bz"])
        r = _sigmoid(p["Wr"] @ xt + p["Ur"] @ h + p["br"])
        h_hat = np.tanh(p["Wh"] @ xt + p["Uh"] @ (r * h) + p["bh"])
        h = (1.0 - z) * h + z * h_hat
        H[t] = h
    return H


def gru_sweeps(params: Mapping[str, npt.ArrayLike], X: npt.ArrayLike, n_iter: int,
               A: npt.ArrayLike | None = None, *,
               h0: npt.ArrayLike | None = None) -> list[np.ndarray]:
    """The post's sweeps for a GRU: a linear RNN with matrix ``A`` per sweep.

    Sweep :math:`n` computes the gates and the candidate from :math:`h^{(n-1)}` and
    solves :math:`h_t^{(n)} - A h_{t-1}^{(n)} = (1-z_t^{(n)})\\circ h_{t-1}^{(n-1)} +
    z_t^{(n)}\\circ\\hat h_t^{(n)} - A h_{t-1}^{(n-1)}`. The default
    :math:`A = \\tfrac12(I + \\tfrac12 U_h)` is the post's first-order guess. Explained
    in the article *Parallel sweeps for nonlinear RNNs* (``nonlinear-rnn-parallel``).

    Parameters
    ----------
    params : mapping
        As for :func:`gru_sequential`.
    X : array_like
        Shape ``(T, d_in)``.
    n_iter : int
        Number of sweeps, ``>= 0``.
    A : array_like, optional
        Shape ``(d, d)``.
        The linear part kept on the left.
    h0 : array_like, optional
        Shape ``(d,)``.
        The state :math:`h_{-1}`; zero by default.

    Returns
    -------
    list of numpy.ndarray
        ``[H^(0) = 0, H^(1), ..., H^(n_iter)]``.

    Raises
    ------
    ValueError
        If a shape does not match or ``n_iter`` is not a non-negative integer.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> p, X = gru_random_params(2, 3, rng), rng.standard_normal((5, 2))
    >>> bool(np.allclose(gru_sweeps(p, X, 5)[-1], gru_sequential(p, X), atol=1e-13))
    True
    """
    p, X, h0 = _check_gru(params, X, h0)
    n_iter = _check_int("n_iter", n_iter, 0)
    d = h0.shape[0]
    if A is None:
        A = 0.5 * (np.eye(d) + 0.5 * p["Uh"])
    else:
        A = _as_float_array("A", A)
        if A.shape != (d, d):
            raise ValueError(f"A must have shape ({d}, {d}), got {A.shape}")
    Xw = {g: X @ p["W" + g].T + p["b" + g] for g in "zrh"}
    H = np.zeros((X.shape[0], d))
    iterates = [H.copy()]
    for _ in range(n_iter):
        prev = _shift(H, h0)
        z, h_hat = _gru_map(p, Xw, prev)
        B = (1.0 - z) * prev + z * h_hat - prev @ A.T
        H = affine_scan(A, B, h0)
        iterates.append(H)
    return iterates
