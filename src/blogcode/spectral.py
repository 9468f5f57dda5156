"""The spectral norm, its gradient, power iteration and spectral weight decay.

The spectral norm :math:`\\|W\\|_2 = \\sigma_1` of a matrix is its largest singular value.
Where :math:`\\sigma_1 > \\sigma_2` it is differentiable with gradient
:math:`u_1 v_1^\\top`, so the gradient of :math:`\\tfrac12\\|W\\|_2^2` is the best rank-one
approximation :math:`\\sigma_1 u_1 v_1^\\top = W v_1 v_1^\\top`. Subtracting a multiple of it
at every step, instead of a multiple of :math:`W`, is **spectral weight decay**. This module
computes these objects exactly (SVD, symmetric eigensolver, Lanczos) and cheaply (power
iteration), runs the decay dynamics, and trains a toy matrix regression with either decay.

Every function is explained in the article *The gradient of the spectral norm and spectral
weight decay* (``spectral-weight-decay``).

References
----------
* Su Jianlin, "从谱范数梯度到新式权重衰减的思考", Scientific Spaces, 2024,
  https://kexue.fm/archives/10648
* Y. Yoshida and T. Miyato, "Spectral Norm Regularization for Improving the
  Generalizability of Deep Learning", arXiv:1705.10941, 2017.
"""

from __future__ import annotations

import numbers
import warnings
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import scipy.linalg
import scipy.sparse.linalg
import sympy as sp

from blogcode._checks import check_rng as _check_rng

__all__ = [
    "spectral_norm",
    "spectral_norm_grad",
    "best_rank1",
    "top_right_singular_vector",
    "PowerIteration",
    "power_iteration",
    "tan_angle",
    "spectral_weight_decay",
    "frobenius_weight_decay",
    "decay_dynamics",
    "matrix_from_singular_values",
    "fd_gradient",
    "sigma1_squared_2x2",
    "RegressionTask",
    "RegressionRun",
    "make_regression_task",
    "train_regression",
]

_METHODS = ("svd", "eigh", "svds")
_DECAY_MODES = ("none", "frobenius", "spectral", "power")
_STARTS = ("ones", "warm")


# --------------------------------------------------------------------------- checks
def _as_matrix(W: npt.ArrayLike, name: str = "W") -> np.ndarray:
    """Return ``W`` as a finite 2-D float array, or raise ValueError."""
    try:
        A = np.asarray(W, dtype=float)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be a real matrix (array_like of numbers), got {type(W).__name__}") from exc
    if A.ndim != 2 or min(A.shape) < 1:
        raise ValueError(f"{name} must be a non-empty 2-D array, got shape {A.shape}")
    if not np.all(np.isfinite(A)):
        raise ValueError(f"{name} must have finite entries (no nan or inf)")
    return A


def _check_int(value: object, name: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {value!r} of type {type(value).__name__}")
    if int(value) < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    return int(value)


def _check_real(value: object, name: str, *, low: float = 0.0, high: float = np.inf) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {value!r} of type {type(value).__name__}")
    value = float(value)
    if not low <= value <= high:
        raise ValueError(f"{name} must lie in [{low}, {high}], got {value}")
    return value

def _unit(x: np.ndarray) -> np.ndarray:
    return x / np.linalg.norm(x)


def _fix_sign(v: np.ndarray) -> np.ndarray:
    """Flip ``v`` so that its entry of largest magnitude is positive (SVD signs are arbitrary)."""
    return -v if v[np.argmax(np.abs(v))] < 0 else v


# ------------------------------------------------------------------- exact objects
def spectral_norm(W: npt.ArrayLike) -> float:
    """The spectral norm :math:`\\|W\\|_2 = \\sigma_1`, the largest singular value.

    Explained in the article *The gradient of the spectral norm and spectral weight decay*
    (``spectral-weight-decay``). Note that ``numpy.linalg.norm(W)`` is the Frobenius norm;
    the spectral norm needs ``ord=2``.

    Parameters
    ----------
    W : array_like
        Shape ``(n, m)``. A real matrix.

    Returns
    -------
    float
        :math:`\\max_{\\|x\\|=1}\\|Wx\\|`.

    Raises
    ------
    TypeError
        If ``W`` is not numeric.
    ValueError
        If ``W`` is not a non-empty 2-D array of finite numbers.

    Examples
    --------
    >>> spectral_norm([[3.0, 0.0], [4.0, 0.0]])
    5.0
    """
    return float(scipy.linalg.svdvals(_as_matrix(W))[0])


def _top_triplet(A: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    return U[:, 0], s, Vt[0]


def spectral_norm_grad(W: npt.ArrayLike, *, gap_rtol: float = 1e-8) -> np.ndarray:
    """Gradient :math:`\\nabla_W \\|W\\|_2 = u_1 v_1^\\top` of the spectral norm.

    Valid where the top singular value is simple, :math:`\\sigma_1 > \\sigma_2`; the product
    :math:`u_1 v_1^\\top` does not depend on the arbitrary joint sign of the singular pair.

    Explained in the article *The gradient of the spectral norm and spectral weight decay*
    (``spectral-weight-decay``).

    Parameters
    ----------
    W : array_like
        Shape ``(n, m)``. A real non-zero matrix.
    gap_rtol : float, optional
        A :class:`RuntimeWarning` is issued when :math:`(\\sigma_1-\\sigma_2)/\\sigma_1`
        is below this value: there the norm is (nearly) not differentiable and the result is
        only one element of the subdifferential.

    Returns
    -------
    numpy.ndarray
        Shape ``(n, m)``. :math:`u_1 v_1^\\top`, a rank-one matrix of Frobenius norm 1.

    Raises
    ------
    TypeError
        If ``W`` is not numeric or ``gap_rtol`` is not a real number.
    ValueError
        If ``W`` is not a non-empty finite 2-D array, if ``W = 0`` (where the norm has
        no gradient), or if ``gap_rtol`` is negative.

    Examples
    --------
    >>> spectral_norm_grad([[2.0, 0.0], [0.0, 1.0]])
    array([[1., 0.],
           [0., 0.]])
    """
    A = _as_matrix(W)
    gap_rtol = _check_real(gap_rtol, "gap_rtol")
    u, s, v = _top_triplet(A)
    if s[0] == 0.0:
        raise ValueError("W is the zero matrix, where the spectral norm has no gradient "
                         "(its subdifferential is the unit ball of the nuclear norm)")
    if s.size > 1 and (s[0] - s[1]) / s[0] < gap_rtol:
        warnings.warn(
            f"sigma_1 = {s[0]:.6g} and sigma_2 = {s[1]:.6g} are (nearly) equal: the spectral norm is "
            "not differentiable there; returning one subgradient u_1 v_1^T",
            RuntimeWarning, stacklevel=2,
        )
    return np.outer(u, v)


def best_rank1(W: npt.ArrayLike) -> np.ndarray:
    """The best rank-one approximation :math:`\\sigma_1 u_1 v_1^\\top = \\nabla\\tfrac12\\|W\\|_2^2`.

    By the Eckart–Young–Mirsky theorem it minimises :math:`\\|W - B\\|` over rank-one
    :math:`B` in both the spectral and the Frobenius norm.

    Explained in the article *The gradient of the spectral norm and spectral weight decay*
    (``spectral-weight-decay``).

    Parameters
    ----------
    W : array_like
        Shape ``(n, m)``. A real matrix.

    Returns
    -------
    numpy.ndarray
        Shape ``(n, m)``. :math:`\\sigma_1 u_1 v_1^\\top` (the zero matrix if ``W = 0``).

    Raises
    ------
    TypeError
        If ``W`` is not numeric.
    ValueError
        If ``W`` is not a non-empty 2-D array of finite numbers.

    Examples
    --------
    >>> best_rank1([[2.0, 0.0], [0.0, 1.0]])
    array([[2., 0.],
           [0., 0.]])
    """
    u, s, v = _top_triplet(_as_matrix(W))
    return s[0] * np.outer(u, v)


def top_right_singular_vector(W: npt.ArrayLike, method: str = "svd") -> np.ndarray:
    """The top right singular vector :math:`v_1` of ``W``, by one of three exact routes.

    ``"svd"`` takes the first row of :math:`V^\\top` from a thin SVD; ``"eigh"`` forms
    :math:`W^\\top W` and asks LAPACK's symmetric eigensolver for its top eigenvector only;
    ``"svds"`` runs ARPACK's Lanczos iteration on :math:`W` for one singular triplet. The sign
    is normalised so that the entry of largest magnitude is positive.

    Explained in the article *The gradient of the spectral norm and spectral weight decay*
    (``spectral-weight-decay``).

    Parameters
    ----------
    W : array_like
        Shape ``(n, m)``. A real matrix with ``min(n, m) >= 2`` for ``"svds"``.
    method : {"svd", "eigh", "svds"}, optional
        The route.

    Returns
    -------
    numpy.ndarray
        Shape ``(m,)``. A unit vector.

    Raises
    ------
    TypeError
        If ``W`` is not numeric.
    ValueError
        If ``W`` is not a non-empty finite 2-D array, if ``method`` is unknown, or if
        ``method="svds"`` and ``min(n, m) < 2``.

    Examples
    --------
    >>> W = [[1.0, 0.0, 0.0], [0.0, -3.0, 0.0]]
    >>> [top_right_singular_vector(W, m).round(12).tolist() for m in ("svd", "eigh", "svds")]
    [[0.0, 1.0, 0.0], [0.0, 1.0, 0.0], [0.0, 1.0, 0.0]]
    """
    A = _as_matrix(W)
    if method not in _METHODS:
        raise ValueError(f"method must be one of {_METHODS}, got {method!r}")
    m = A.shape[1]
    if method == "svd":
        v = np.linalg.svd(A, full_matrices=False)[2][0]
    elif method == "eigh":
        v = scipy.linalg.eigh(A.T @ A, subset_by_index=[m - 1, m - 1])[1][:, 0]
    else:
        if min(A.shape) < 2:
            raise ValueError(f"method='svds' needs min(n, m) >= 2, got shape {A.shape}")
        v0 = np.ones(min(A.shape))  # deterministic ARPACK start
        v = scipy.sparse.linalg.svds(A, k=1, v0=v0, solver="arpack")[2][0]
    return _fix_sign(v)


# ---------------------------------------------------------------- power iteration
@dataclass(frozen=True)
class PowerIteration:
    """Result of :func:`power_iteration`.

    Attributes
    ----------
    v : numpy.ndarray
        Shape ``(m,)``. The last iterate :math:`x_T`, a unit vector approximating :math:`v_1`.
    sigma : float
        The estimate :math:`\\|W x_T\\|` of :math:`\\sigma_1` (never above it).
    iterates : numpy.ndarray
        Shape ``(T + 1, m)``. All iterates :math:`x_0, \\dots, x_T` (``x_0`` normalised).
    sigmas : numpy.ndarray
        Shape ``(T + 1,)``. The estimates :math:`\\|W x_t\\|`.
    """

    v: np.ndarray
    sigma: float
    iterates: np.ndarray
    sigmas: np.ndarray


def power_iteration(W: npt.ArrayLike, n_iter: int, *, x0: npt.ArrayLike | None = None,
                    rng: np.random.Generator | None = None) -> PowerIteration:
    """Power iteration :math:`x_{t+1} = W^\\top W x_t / \\|W^\\top W x_t\\|` towards :math:`v_1`.

    Each step costs two matrix–vector products, :math:`O(nm)`. Where
    :math:`\\sigma_1 > \\sigma_2` and :math:`\\langle x_0, v_1\\rangle \\ne 0` the tangent of the
    angle between :math:`x_t` and :math:`v_1` shrinks like :math:`(\\sigma_2/\\sigma_1)^{2t}`.
    Give either a starting vector ``x0`` or a generator ``rng`` for a Gaussian start, not both:
    a deterministic start such as the all-ones vector may be orthogonal to :math:`v_1`.

    Explained in the article *The gradient of the spectral norm and spectral weight decay*
    (``spectral-weight-decay``).

    Parameters
    ----------
    W : array_like
        Shape ``(n, m)``. A real matrix.
    n_iter : int
        Number of steps :math:`T \\ge 0`.
    x0 : array_like, optional
        Shape ``(m,)``. Starting vector (any non-zero length).
    rng : numpy.random.Generator, optional
        Source of a standard Gaussian starting vector.

    Returns
    -------
    PowerIteration
        Last iterate, estimate of :math:`\\sigma_1`, and the whole history.

    Raises
    ------
    TypeError
        If ``W`` is not numeric, ``n_iter`` is not an integer or ``rng`` is not a Generator.
    ValueError
        If ``W`` is not a non-empty finite 2-D array, ``n_iter < 0``, both or neither of
        ``x0`` and ``rng`` are given, ``x0`` has the wrong shape or is zero, or an iterate
        falls in the null space of ``W`` (so it cannot be normalised).

    Examples
    --------
    >>> res = power_iteration([[3.0, 0.0], [0.0, 1.0]], 20, x0=[1.0, 1.0])
    >>> round(res.sigma, 12), res.v.round(12).tolist()
    (3.0, [1.0, 0.0])
    """
    A = _as_matrix(W)
    n_iter = _check_int(n_iter, "n_iter", 0)
    m = A.shape[1]
    if (x0 is None) == (rng is None):
        raise ValueError("give exactly one of x0 (a starting vector) and rng (for a random start), "
                         f"got x0={'None' if x0 is None else 'an array'} and rng={rng!r}")
    if rng is not None:
        x = _check_rng(rng).standard_normal(m)
    else:
        x = np.asarray(x0, dtype=float)
        if x.shape != (m,):
            raise ValueError(f"x0 must have shape ({m},) to match W of shape {A.shape}, got {x.shape}")
        if not np.all(np.isfinite(x)) or not np.any(x):
            raise ValueError("x0 must be a finite non-zero vector")
    x = _unit(x)
    iterates = np.empty((n_iter + 1, m))
    sigmas = np.empty(n_iter + 1)
    iterates[0], sigmas[0] = x, np.linalg.norm(A @ x)
    for t in range(1, n_iter + 1):
        y = A.T @ (A @ x)
        norm = np.linalg.norm(y)
        if norm == 0.0:
            raise ValueError(f"iterate {t - 1} lies in the null space of W; choose another starting vector")
        x = y / norm
        iterates[t], sigmas[t] = x, np.linalg.norm(A @ x)
    return PowerIteration(v=x, sigma=float(sigmas[-1]), iterates=iterates, sigmas=sigmas)


def tan_angle(x: npt.ArrayLike, v: npt.ArrayLike) -> float:
    """Tangent of the angle between the lines spanned by ``x`` and ``v`` (in :math:`[0, \\infty]`).

    Explained in the article *The gradient of the spectral norm and spectral weight decay*
    (``spectral-weight-decay``).

    Parameters
    ----------
    x, v : array_like
        Shape ``(m,)``. Non-zero vectors.

    Returns
    -------
    float
        :math:`\\|x - (x\\cdot\\hat v)\\hat v\\| / |x\\cdot\\hat v|`; ``inf`` if they are orthogonal.

    Raises
    ------
    ValueError
        If the vectors are not 1-D of equal length, or one of them is zero.

    Examples
    --------
    >>> tan_angle([1.0, 1.0], [2.0, 0.0])
    1.0
    """
    x = np.asarray(x, dtype=float)
    v = np.asarray(v, dtype=float)
    if x.ndim != 1 or x.shape != v.shape:
        raise ValueError(f"x and v must be 1-D of equal length, got shapes {x.shape} and {v.shape}")
    if not np.any(x) or not np.any(v):
        raise ValueError("x and v must be non-zero")
    v = _unit(v)
    along = float(x @ v)
    across = float(np.linalg.norm(x - along * v))
    return np.inf if along == 0.0 else across / abs(along)


# ------------------------------------------------------------------- weight decay
def spectral_weight_decay(W: npt.ArrayLike, eta_lam: float, *, v: npt.ArrayLike | None = None) -> np.ndarray:
    """One step of decoupled spectral weight decay, :math:`W - \\eta\\lambda\\, W v v^\\top`.

    With the exact :math:`v = v_1` (the default) this subtracts :math:`\\eta\\lambda` times the
    best rank-one approximation :math:`\\sigma_1 u_1 v_1^\\top`, i.e. it shrinks :math:`\\sigma_1`
    by the factor :math:`1-\\eta\\lambda` and leaves the other singular pairs alone.

    Explained in the article *The gradient of the spectral norm and spectral weight decay*
    (``spectral-weight-decay``).

    Parameters
    ----------
    W : array_like
        Shape ``(n, m)``. The weights.
    eta_lam : float
        Learning rate times decay coefficient, in :math:`[0, 1]`.
    v : array_like, optional
        Shape ``(m,)``. Direction to decay (normalised here), e.g. from :func:`power_iteration`; by
        default the exact :math:`v_1` from an SVD.

    Returns
    -------
    numpy.ndarray
        Shape ``(n, m)``. The decayed weights.

    Raises
    ------
    TypeError
        If ``W`` is not numeric or ``eta_lam`` is not a real number.
    ValueError
        If ``W`` is not a non-empty finite 2-D array, ``eta_lam`` is outside
        :math:`[0, 1]`, or ``v`` has the wrong shape or is zero.

    Examples
    --------
    >>> spectral_weight_decay([[2.0, 0.0], [0.0, 1.0]], 0.5)
    array([[1., 0.],
           [0., 1.]])
    """
    A = _as_matrix(W)
    eta_lam = _check_real(eta_lam, "eta_lam", high=1.0)
    if v is None:
        d = np.linalg.svd(A, full_matrices=False)[2][0]
    else:
        d = np.asarray(v, dtype=float)
        if d.shape != (A.shape[1],):
            raise ValueError(f"v must have shape ({A.shape[1]},) to match W of shape {A.shape}, got {d.shape}")
        if not np.all(np.isfinite(d)) or not np.any(d):
            raise ValueError("v must be a finite non-zero vector")
        d = _unit(d)
    return A - eta_lam * np.outer(A @ d, d)


def frobenius_weight_decay(W: npt.ArrayLike, eta_lam: float) -> np.ndarray:
    """One step of ordinary (decoupled, Frobenius) weight decay, :math:`(1-\\eta\\lambda)W`.

    Explained in the article *The gradient of the spectral norm and spectral weight decay*
    (``spectral-weight-decay``).

    Parameters
    ----------
    W : array_like
        Shape ``(n, m)``. The weights.
    eta_lam : float
        Learning rate times decay coefficient, in :math:`[0, 1]`.

    Returns
    -------
    numpy.ndarray
        Shape ``(n, m)``. :math:`W - \\eta\\lambda\\,\\nabla\\tfrac12\\|W\\|_F^2`.

    Raises
    ------
    TypeError
        If ``W`` is not numeric or ``eta_lam`` is not a real number.
    ValueError
        If ``W`` is not a non-empty finite 2-D array or ``eta_lam`` is outside :math:`[0, 1]`.

    Examples
    --------
    >>> frobenius_weight_decay([[2.0, 0.0], [0.0, 1.0]], 0.5)
    array([[1. , 0. ],
           [0. , 0.5]])
    """
    return (1.0 - _check_real(eta_lam, "eta_lam", high=1.0)) * _as_matrix(W)


class _Decayer:
    """Applies one decay step of a given mode, remembering a warm-start vector."""

    def __init__(self, mode: str, n_iter: int, start: str, rng: np.random.Generator | None, m: int):
        if mode not in _DECAY_MODES:
            raise ValueError(f"mode must be one of {_DECAY_MODES}, got {mode!r}")
        if start not in _STARTS:
            raise ValueError(f"start must be one of {_STARTS}, got {start!r}")
        self.mode, self.n_iter, self.start = mode, _check_int(n_iter, "n_iter", 0), start
        self.x = None
        if mode == "power" and start == "warm":
            if rng is None:
                raise ValueError("start='warm' needs rng for the first, random, starting vector")
            self.x = _check_rng(rng).standard_normal(m)

    def __call__(self, W: np.ndarray, eta_lam: float) -> np.ndarray:
        if self.mode == "none":
            return W
        if self.mode == "frobenius":
            return (1.0 - eta_lam) * W
        if self.mode == "spectral":
            return spectral_weight_decay(W, eta_lam)
        x0 = np.ones(W.shape[1]) if self.start == "ones" else self.x
        v = power_iteration(W, self.n_iter, x0=x0).v
        self.x = v
        return W - eta_lam * np.outer(W @ v, v)


def decay_dynamics(W0: npt.ArrayLike, eta_lam: float, steps: int, *, mode: str = "spectral",
                   n_iter: int = 10, start: str = "ones",
                   rng: np.random.Generator | None = None) -> np.ndarray:
    """Singular values of :math:`W` under repeated decoupled weight decay alone (no loss).

    Explained in the article *The gradient of the spectral norm and spectral weight decay*
    (``spectral-weight-decay``).

    Parameters
    ----------
    W0 : array_like
        Shape ``(n, m)``. Initial weights.
    eta_lam : float
        Learning rate times decay coefficient per step, in :math:`[0, 1]`.
    steps : int
        Number of steps, ``>= 0``.
    mode : {"spectral", "frobenius", "power", "none"}, optional
        ``"spectral"`` uses the exact :math:`v_1` (SVD), ``"power"`` uses ``n_iter``
        power-iteration steps from the all-ones vector (``start="ones"``, the post's recipe) or
        from the previous step's vector (``start="warm"``, first start drawn from ``rng``).
    n_iter : int, optional
        Power-iteration steps per decay step (``mode="power"`` only).
    start : {"ones", "warm"}, optional
        Starting vector of the power iteration.
    rng : numpy.random.Generator, optional
        Needed for ``start="warm"``.

    Returns
    -------
    numpy.ndarray
        Shape ``(steps + 1, min(n, m))``. Singular values (descending) after each step, row 0 for ``W0``.

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If ``W0`` is not a non-empty finite 2-D array, ``eta_lam`` is outside
        :math:`[0, 1]`, ``steps < 0``, ``mode`` or ``start`` is unknown, or
        ``start="warm"`` is used without ``rng``.

    Examples
    --------
    >>> decay_dynamics([[2.0, 0.0], [0.0, 1.0]], 0.5, 2).tolist()
    [[2.0, 1.0], [1.0, 1.0], [1.0, 0.5]]
    """
    A = _as_matrix(W0, "W0")
    eta_lam = _check_real(eta_lam, "eta_lam", high=1.0)
    steps = _check_int(steps, "steps", 0)
    decay = _Decayer(mode, n_iter, start, rng, A.shape[1])
    history = np.empty((steps + 1, min(A.shape)))
    history[0] = scipy.linalg.svdvals(A)
    for k in range(1, steps + 1):
        A = decay(A, eta_lam)
        history[k] = scipy.linalg.svdvals(A)
    return history


# --------------------------------------------------------------------- utilities
def matrix_from_singular_values(s: npt.ArrayLike, shape: tuple[int, int], *,
                                V: npt.ArrayLike | None = None,
                                rng: np.random.Generator) -> np.ndarray:
    """A matrix with prescribed singular values and random (or given) singular vectors.

    Explained in the article *The gradient of the spectral norm and spectral weight decay*
    (``spectral-weight-decay``).

    Parameters
    ----------
    s : array_like
        Shape ``(k,)``. Non-negative singular values, ``k = min(shape)`` (any order; sorted here).
    shape : tuple of int
        ``(n, m)``.
    V : array_like, optional
        Shape ``(m, k)``. Orthonormal right singular vectors, column ``i`` for the ``i``-th largest value;
        random (Haar) if omitted.
    rng : numpy.random.Generator
        Source of the random orthogonal factors.

    Returns
    -------
    numpy.ndarray
        Shape ``(n, m)``. :math:`U\\,\\mathrm{diag}(s)\\,V^\\top`.

    Raises
    ------
    TypeError
        If ``rng`` is not a Generator.
    ValueError
        If ``shape`` is not two positive integers, ``s`` has the wrong length or a negative
        entry, or ``V`` has the wrong shape or orthonormal columns are missing.

    Examples
    --------
    >>> import numpy as np
    >>> W = matrix_from_singular_values([1.0, 3.0], (4, 2), rng=np.random.default_rng(0))
    >>> np.linalg.svd(W, compute_uv=False).round(12).tolist()
    [3.0, 1.0]
    """
    _check_rng(rng)
    if (not isinstance(shape, tuple) or len(shape) != 2
            or not all(isinstance(d, numbers.Integral) and not isinstance(d, bool) and d >= 1 for d in shape)):
        raise ValueError(f"shape must be a tuple of two positive integers, got {shape!r}")
    n, m = int(shape[0]), int(shape[1])
    k = min(n, m)
    s = np.sort(np.asarray(s, dtype=float))[::-1]
    if s.shape != (k,) or np.any(s < 0) or not np.all(np.isfinite(s)):
        raise ValueError(f"s must hold {k} finite non-negative values for shape {shape}, got {s.tolist()}")
    U = np.linalg.qr(rng.standard_normal((n, k)))[0]
    if V is None:
        Vm = np.linalg.qr(rng.standard_normal((m, k)))[0]
    else:
        Vm = np.asarray(V, dtype=float)
        if Vm.shape != (m, k) or not np.allclose(Vm.T @ Vm, np.eye(k), atol=1e-10):
            raise ValueError(f"V must have shape ({m}, {k}) with orthonormal columns, got shape {Vm.shape}")
    return (U * s) @ Vm.T


def fd_gradient(f: Callable[[np.ndarray], float], W: npt.ArrayLike, eps: float = 1e-6) -> np.ndarray:
    """Central finite-difference gradient of a scalar function of a matrix.

    Explained in the article *The gradient of the spectral norm and spectral weight decay*
    (``spectral-weight-decay``).

    Parameters
    ----------
    f : callable
        Maps an ``(n, m)`` array to a float.
    W : array_like
        Shape ``(n, m)``. Point of differentiation.
    eps : float, optional
        Step, positive.

    Returns
    -------
    numpy.ndarray
        Shape ``(n, m)``. :math:`(f(W + \\epsilon E_{ij}) - f(W - \\epsilon E_{ij}))/(2\\epsilon)`.

    Raises
    ------
    TypeError
        If ``f`` is not callable or ``eps`` is not a real number.
    ValueError
        If ``W`` is not a non-empty finite 2-D array or ``eps <= 0``.

    Examples
    --------
    >>> fd_gradient(lambda A: float((A ** 2).sum()), [[1.0, 2.0]]).round(6).tolist()
    [[2.0, 4.0]]
    """
    if not callable(f):
        raise TypeError(f"f must be callable, got {type(f).__name__}")
    A = _as_matrix(W)
    eps = _check_real(eps, "eps")
    if eps == 0.0:
        raise ValueError("eps must be positive, got 0")
    G = np.empty_like(A)
    for idx in np.ndindex(A.shape):
        E = np.zeros_like(A)
        E[idx] = eps
        G[idx] = (f(A + E) - f(A - E)) / (2.0 * eps)
    return G


def sigma1_squared_2x2(W: sp.Matrix) -> sp.Expr:
    """:math:`\\sigma_1^2` of a symbolic 2×2 matrix: the larger eigenvalue of :math:`W^\\top W`.

    Explained in the article *The gradient of the spectral norm and spectral weight decay*
    (``spectral-weight-decay``).

    Parameters
    ----------
    W : sympy.Matrix
        Shape ``(2, 2)``. Entries are SymPy expressions (real symbols).

    Returns
    -------
    sympy.Expr
        :math:`\\bigl(T + \\sqrt{T^2 - 4D}\\bigr)/2` with :math:`T = \\|W\\|_F^2`,
        :math:`D = \\det(W)^2`: the top root of the characteristic polynomial of :math:`W^\\top W`.

    Raises
    ------
    TypeError
        If ``W`` is not a SymPy matrix.
    ValueError
        If ``W`` is not 2×2.

    Examples
    --------
    >>> import sympy as sp
    >>> sigma1_squared_2x2(sp.Matrix([[3, 0], [0, 1]]))
    9
    """
    if not isinstance(W, sp.MatrixBase):
        raise TypeError(f"W must be a sympy Matrix, got {type(W).__name__}")
    if W.shape != (2, 2):
        raise ValueError(f"W must be 2x2, got shape {W.shape}")
    T = sum(w**2 for w in W)
    D = W.det() ** 2
    return sp.simplify((T + sp.sqrt(T**2 - 4 * D)) / 2)


# -------------------------------------------------------------- toy regression
@dataclass(frozen=True)
class RegressionTask:
    """A linear regression task :math:`y = W_\\star x + \\text{noise}` (see :func:`make_regression_task`).

    Attributes
    ----------
    X_train, Y_train, X_test, Y_test : numpy.ndarray
        Inputs (rows, dimension ``m``) and targets (rows, dimension ``n``).
    W_star : numpy.ndarray
        Shape ``(n, m)``. The true matrix.
    """

    X_train: np.ndarray
    Y_train: np.ndarray
    X_test: np.ndarray
    Y_test: np.ndarray
    W_star: np.ndarray


@dataclass(frozen=True)
class RegressionRun:
    """Result of :func:`train_regression`.

    Attributes
    ----------
    W : numpy.ndarray
        Final weights.
    train_mse, test_mse : float
        Mean squared errors per output coordinate.
    singular_values : numpy.ndarray
        Singular values of ``W`` (descending).
    """

    W: np.ndarray
    train_mse: float
    test_mse: float
    singular_values: np.ndarray


def make_regression_task(shape: tuple[int, int], n_train: int, n_test: int, *, rank: int,
                         noise: float, rng: np.random.Generator) -> RegressionTask:
    """A noisy low-rank matrix regression with few samples, where regularisation matters.

    The true :math:`W_\\star` has ``rank`` equal singular values of 1; inputs are standard
    Gaussian, targets get Gaussian noise of standard deviation ``noise``.

    Explained in the article *The gradient of the spectral norm and spectral weight decay*
    (``spectral-weight-decay``).

    Parameters
    ----------
    shape : tuple of int
        ``(n, m)``: output and input dimensions.
    n_train, n_test : int
        Numbers of samples, ``>= 1``.
    rank : int
        Rank of :math:`W_\\star`, from 1 to ``min(n, m)``.
    noise : float
        Noise standard deviation, ``>= 0``.
    rng : numpy.random.Generator
        Source of all random numbers.

    Returns
    -------
    RegressionTask

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If a size is out of range or ``noise < 0``.

    Examples
    --------
    >>> import numpy as np
    >>> task = make_regression_task((3, 4), 5, 6, rank=2, noise=0.1, rng=np.random.default_rng(0))
    >>> task.X_train.shape, task.Y_test.shape, int(np.linalg.matrix_rank(task.W_star))
    ((5, 4), (6, 3), 2)
    """
    _check_rng(rng)
    if not isinstance(shape, tuple) or len(shape) != 2:
        raise ValueError(f"shape must be a tuple (n, m), got {shape!r}")
    n = _check_int(shape[0], "n", 1)
    m = _check_int(shape[1], "m", 1)
    n_train = _check_int(n_train, "n_train", 1)
    n_test = _check_int(n_test, "n_test", 1)
    rank = _check_int(rank, "rank", 1)
    if rank > min(n, m):
        raise ValueError(f"rank must be at most min(n, m) = {min(n, m)}, got {rank}")
    noise = _check_real(noise, "noise")
    s = np.zeros(min(n, m))
    s[:rank] = 1.0
    W_star = matrix_from_singular_values(s, (n, m), rng=rng)
    X = rng.standard_normal((n_train + n_test, m))
    Y = X @ W_star.T + noise * rng.standard_normal((n_train + n_test, n))
    return RegressionTask(X[:n_train], Y[:n_train], X[n_train:], Y[n_train:], W_star)


def train_regression(task: RegressionTask, *, decay: str, lam: float, eta: float = 0.05,
                     steps: int = 400, n_iter: int = 10) -> RegressionRun:
    """Full-batch gradient descent on the squared loss with decoupled weight decay.

    Each step is :math:`W \\leftarrow W - \\eta\\nabla L(W) - \\eta\\lambda D(W)` with
    :math:`D(W) = W` (``"frobenius"``), :math:`W v_1 v_1^\\top` (``"spectral"``, exact SVD),
    :math:`W v v^\\top` with ``n_iter`` ones-start power-iteration steps (``"power"``), or
    :math:`0` (``"none"``). Training starts from :math:`W = 0`.

    Explained in the article *The gradient of the spectral norm and spectral weight decay*
    (``spectral-weight-decay``).

    Parameters
    ----------
    task : RegressionTask
        Data from :func:`make_regression_task`.
    decay : {"none", "frobenius", "spectral", "power"}
        The decay term.
    lam : float
        Decay coefficient :math:`\\lambda \\ge 0`, with :math:`\\eta\\lambda \\le 1`.
    eta : float, optional
        Learning rate, in :math:`(0, 1]`.
    steps : int, optional
        Number of steps.
    n_iter : int, optional
        Power-iteration steps per step (``decay="power"``).

    Returns
    -------
    RegressionRun

    Raises
    ------
    TypeError
        If ``task`` is not a RegressionTask or a number has the wrong type.
    ValueError
        If ``decay`` is unknown, ``eta`` is not in :math:`(0, 1]`, :math:`\\eta\\lambda > 1`,
        ``lam < 0`` or ``steps < 0``.

    Examples
    --------
    >>> import numpy as np
    >>> task = make_regression_task((3, 4), 50, 50, rank=3, noise=0.0, rng=np.random.default_rng(1))
    >>> run = train_regression(task, decay="none", lam=0.0, eta=0.2, steps=300)
    >>> run.test_mse < 1e-10
    True
    """
    if not isinstance(task, RegressionTask):
        raise TypeError(f"task must be a RegressionTask, got {type(task).__name__}")
    if decay not in _DECAY_MODES:
        raise ValueError(f"decay must be one of {_DECAY_MODES}, got {decay!r}")
    eta = _check_real(eta, "eta", high=1.0)
    if eta == 0.0:
        raise ValueError("eta must be positive, got 0")
    lam = _check_real(lam, "lam")
    if eta * lam > 1.0:
        raise ValueError(f"eta * lam must be at most 1, got {eta} * {lam} = {eta * lam}")
    steps = _check_int(steps, "steps", 0)
    X, Y = task.X_train, task.Y_train
    N = X.shape[0]
    W = np.zeros_like(task.W_star)
    decayer = _Decayer(decay, n_iter, "ones", None, W.shape[1])
    for _ in range(steps):
        grad = (X @ W.T - Y).T @ X / N
        W_half = W - eta * grad
        if decay == "none" or not np.any(W):
            W = W_half
        else:
            W = W_half - (W - decayer(W, eta * lam))  # decay evaluated at the old W
    train = float(np.mean((X @ W.T - Y) ** 2))
    test = float(np.mean((task.X_test @ W.T - task.Y_test) ** 2))
    return RegressionRun(W=W, train_mse=train, test_mse=test, singular_values=scipy.linalg.svdvals(W))
