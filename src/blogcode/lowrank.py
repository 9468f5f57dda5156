"""Structured low-rank approximation of a matrix product: the CR approximation.

A product :math:`M = XY` with :math:`X \\in \\mathbb R^{n\\times l}` and
:math:`Y \\in \\mathbb R^{l\\times m}` is the sum of :math:`l` rank-one terms
:math:`x_i y_i^\\top` (column :math:`i` of :math:`X` times row :math:`i` of :math:`Y`). A
**CR approximation** keeps :math:`r` of those terms, possibly re-weighted:
:math:`C\\Lambda R` with :math:`C = XS`, :math:`R = S^\\top Y` for a selection matrix
:math:`S`. This module builds such approximations deterministically (top-:math:`r` by norm,
exhaustive search, greedy tuples), by sampling (Drineas, Kannan and Mahoney), gives the
closed-form expected error of sampling, the optimal weights for a fixed selection, and the
unstructured floor, the truncated SVD.

Every function is explained in the article *Approximating a matrix product by columns and
rows* (``cr-approximation``).

References
----------
* Su Jianlin, "低秩近似之路（三）：CR", Scientific Spaces, 2024,
  https://kexue.fm/archives/10427
* P. Drineas, R. Kannan, M. W. Mahoney, "Fast Monte Carlo algorithms for matrices I:
  approximating matrix multiplication", SIAM J. Comput. 36(1), 132-157, 2006.
* C. Eckart, G. Young, "The approximation of one matrix by another of lower rank",
  Psychometrika 1, 211-218, 1936.
"""

from __future__ import annotations

import itertools
import math
import numbers

import numpy as np
import numpy.typing as npt

from blogcode._checks import check_rng as _check_rng

__all__ = [
    "rank_one_norms",
    "rank_one_gram",
    "selection_matrix",
    "cr_top",
    "cr_optimal_probabilities",
    "cr_sample",
    "cr_expected_error",
    "cr_sample_errors",
    "cr_bruteforce",
    "cr_greedy_tuples",
    "optimal_core",
    "optimal_diagonal_weights",
    "svd_truncate",
    "relative_sq_error",
    "lognormal_factors",
    "shifted_gram_factors",
]


# --------------------------------------------------------------------------- validation


def _check_factors(X: npt.ArrayLike, Y: npt.ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Return X, Y as 2-D float arrays with matching inner dimension, or raise."""
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    if X.ndim != 2 or Y.ndim != 2:
        raise ValueError(
            f"X and Y must be 2-D arrays, got X with {X.ndim} and Y with {Y.ndim} dimensions"
        )
    if X.shape[1] != Y.shape[0]:
        raise ValueError(
            f"the columns of X must match the rows of Y, got X of shape {X.shape} "
            f"and Y of shape {Y.shape}"
        )
    if X.shape[1] == 0:
        raise ValueError("the inner dimension l of X (n x l) and Y (l x m) must be at least 1")
    if not (np.all(np.isfinite(X)) and np.all(np.isfinite(Y))):
        raise ValueError("X and Y must contain only finite numbers")
    return X, Y


def _check_int(value: object, name: str, low: int, high: int | None = None) -> int:
    """Return value as an int in [low, high], or raise ValueError saying what is allowed."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ValueError(f"{name} must be an integer, got {value!r} of type {type(value).__name__}")
    value = int(value)
    if value < low or (high is not None and value > high):
        allowed = f">= {low}" if high is None else f"from {low} to {high}"
        raise ValueError(f"{name} must be an integer {allowed}, got {value}")
    return value

def _resolve_p(X: np.ndarray, Y: np.ndarray, p: npt.ArrayLike | str | None) -> np.ndarray:
    """The sampling distribution: "optimal" (default), "uniform" or an explicit vector."""
    l = X.shape[1]
    if p is None or (isinstance(p, str) and p == "optimal"):
        return _optimal_p(X, Y)
    if isinstance(p, str):
        if p == "uniform":
            return np.full(l, 1.0 / l)
        raise ValueError(f"p must be 'optimal', 'uniform' or a probability vector, got {p!r}")
    p = np.asarray(p, dtype=float)
    if p.shape != (l,):
        raise ValueError(f"p must have shape ({l},) (one probability per term), got {p.shape}")
    if not np.all(np.isfinite(p)) or np.any(p < 0) or abs(p.sum() - 1.0) > 1e-9:
        raise ValueError(
            f"p must be non-negative and sum to 1, got entries in [{p.min()}, {p.max()}] "
            f"summing to {p.sum()}"
        )
    return p


def _optimal_p(X: np.ndarray, Y: np.ndarray) -> np.ndarray:
    w = np.linalg.norm(X, axis=0) * np.linalg.norm(Y, axis=1)
    total = w.sum()
    if total == 0:  # XY = 0: every distribution is exact; take the uniform one
        return np.full(w.size, 1.0 / w.size)
    return w / total


# --------------------------------------------------------------------------- rank-one view


def rank_one_norms(X: npt.ArrayLike, Y: npt.ArrayLike) -> np.ndarray:
    """Frobenius norms :math:`\\|x_i y_i^\\top\\|_F = \\|x_i\\|\\,\\|y_i\\|` of the rank-one terms.

    Explained in the article *Approximating a matrix product by columns and rows*
    (``cr-approximation``).

    Parameters
    ----------
    X : array_like
        Shape ``(n, l)``. Left factor; its column ``i`` is :math:`x_i`.
    Y : array_like
        Shape ``(l, m)``. Right factor; its row ``i`` is :math:`y_i^\\top`.

    Returns
    -------
    numpy.ndarray
        Shape ``(l,)``. The norms, without forming any :math:`n \\times m` matrix.

    Raises
    ------
    ValueError
        If the shapes do not match, an array is not 2-D, or an entry is not finite.

    Examples
    --------
    >>> rank_one_norms([[3.0, 0.0], [4.0, 1.0]], [[1.0, 0.0], [2.0, 2.0]])
    array([5.        , 2.82842712])
    """
    X, Y = _check_factors(X, Y)
    return np.linalg.norm(X, axis=0) * np.linalg.norm(Y, axis=1)


def rank_one_gram(X: npt.ArrayLike, Y: npt.ArrayLike) -> np.ndarray:
    """Gram matrix of the rank-one terms, :math:`G_{ij} = \\langle x_i y_i^\\top, x_j y_j^\\top\\rangle_F`.

    Uses the identity :math:`G = (X^\\top X) \\odot (Y Y^\\top)` (Hadamard product), which
    costs :math:`O(l^2(n+m))` instead of :math:`O(l^2 nm)` for the vectorised terms.

    Explained in the article *Approximating a matrix product by columns and rows*
    (``cr-approximation``).

    Parameters
    ----------
    X : array_like
        Shape ``(n, l)``.
    Y : array_like
        Shape ``(l, m)``.

    Returns
    -------
    numpy.ndarray
        Shape ``(l, l)``. Symmetric positive semi-definite; the diagonal is ``rank_one_norms(X, Y)**2``.

    Raises
    ------
    ValueError
        If the shapes do not match, an array is not 2-D, or an entry is not finite.

    Examples
    --------
    >>> rank_one_gram([[1.0, 1.0]], [[2.0], [3.0]])
    array([[4., 6.],
           [6., 9.]])
    """
    X, Y = _check_factors(X, Y)
    return (X.T @ X) * (Y @ Y.T)


def selection_matrix(idx: npt.ArrayLike, l: int) -> np.ndarray:
    """The selection matrix :math:`S \\in \\{0,1\\}^{l\\times r}` with :math:`S_{s_j, j} = 1`.

    Then ``X @ S == X[:, idx]`` and ``S.T @ Y == Y[idx, :]``.

    Explained in the article *Approximating a matrix product by columns and rows*
    (``cr-approximation``).

    Parameters
    ----------
    idx : array_like of int
        Shape ``(r,)``. Selected indices :math:`s_1, \\dots, s_r` in ``range(l)`` (repeats allowed).
    l : int
        Number of rows of :math:`S`, at least 1.

    Returns
    -------
    numpy.ndarray
        Shape ``(l, r)``.

    Raises
    ------
    ValueError
        If ``l`` is not a positive integer, ``idx`` is not 1-D, not integer, or out of range.

    Examples
    --------
    >>> selection_matrix([2, 0], 3)
    array([[0., 1.],
           [0., 0.],
           [1., 0.]])
    """
    l = _check_int(l, "l", 1)
    idx = _check_idx(idx, l)
    S = np.zeros((l, idx.size))
    S[idx, np.arange(idx.size)] = 1.0
    return S


def _check_idx(idx: npt.ArrayLike, l: int) -> np.ndarray:
    arr = np.asarray(idx)
    if arr.ndim != 1 or (arr.size and not np.issubdtype(arr.dtype, np.integer)):
        raise ValueError(f"idx must be a 1-D array of integers, got {arr.dtype} of shape {arr.shape}")
    arr = arr.astype(np.intp)
    if arr.size and (arr.min() < 0 or arr.max() >= l):
        raise ValueError(f"idx must lie in range({l}), got values from {arr.min()} to {arr.max()}")
    return arr


# --------------------------------------------------------------------------- selections


def cr_top(X: npt.ArrayLike, Y: npt.ArrayLike, r: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The deterministic baseline: keep the :math:`r` terms with the largest :math:`\\|x_i\\|\\|y_i\\|`.

    The selection uses ``numpy.argpartition`` (linear time in ``l``), then sorts the
    ``r`` kept indices by decreasing norm. It is the exact optimum of the CR problem when
    the rank-one terms are pairwise orthogonal.

    Explained in the article *Approximating a matrix product by columns and rows*
    (``cr-approximation``).

    Parameters
    ----------
    X : array_like
        Shape ``(n, l)``.
    Y : array_like
        Shape ``(l, m)``.
    r : int
        Number of terms kept, ``1 <= r <= l``.

    Returns
    -------
    idx : numpy.ndarray of int
        Shape ``(r,)``. Kept indices, largest norm first.
    C : numpy.ndarray
        Shape ``(n, r)``. ``X[:, idx]``.
    R : numpy.ndarray
        Shape ``(r, m)``. ``Y[idx, :]``; ``C @ R`` is the (unweighted) approximation of ``X @ Y``.

    Raises
    ------
    ValueError
        If the factors are invalid or ``r`` is not an integer in ``[1, l]``.

    Examples
    --------
    >>> X = [[1.0, 0.0, 3.0]]
    >>> Y = [[1.0], [5.0], [1.0]]
    >>> cr_top(X, Y, 1)[0]
    array([2])
    """
    X, Y = _check_factors(X, Y)
    l = X.shape[1]
    r = _check_int(r, "r", 1, l)
    w = np.linalg.norm(X, axis=0) * np.linalg.norm(Y, axis=1)
    idx = np.arange(l) if r == l else np.argpartition(-w, r - 1)[:r]
    idx = idx[np.argsort(-w[idx], kind="stable")]
    return idx, X[:, idx], Y[idx, :]


def cr_optimal_probabilities(X: npt.ArrayLike, Y: npt.ArrayLike) -> np.ndarray:
    """The sampling distribution :math:`p_i^* = \\|x_i\\|\\|y_i\\| / \\sum_j \\|x_j\\|\\|y_j\\|`.

    It minimises the expected squared Frobenius error of the sampled estimator
    (Drineas, Kannan and Mahoney, 2006). If every term vanishes (``X @ Y == 0``) the
    uniform distribution is returned, since then every distribution is exact.

    Explained in the article *Approximating a matrix product by columns and rows*
    (``cr-approximation``).

    Parameters
    ----------
    X : array_like
        Shape ``(n, l)``.
    Y : array_like
        Shape ``(l, m)``.

    Returns
    -------
    numpy.ndarray
        Shape ``(l,)``. Non-negative, sums to 1.

    Raises
    ------
    ValueError
        If the shapes do not match, an array is not 2-D, or an entry is not finite.

    Examples
    --------
    >>> cr_optimal_probabilities([[3.0, 1.0]], [[1.0], [1.0]])
    array([0.75, 0.25])
    """
    X, Y = _check_factors(X, Y)
    return _optimal_p(X, Y)


def cr_sample(
    X: npt.ArrayLike,
    Y: npt.ArrayLike,
    r: int,
    rng: np.random.Generator,
    p: npt.ArrayLike | str | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sample :math:`r` terms i.i.d. from ``p`` and rescale them so that ``C @ R`` is unbiased.

    Index :math:`s_j` is drawn with probability :math:`p_{s_j}`, with replacement; column
    :math:`s_j` of ``X`` and row :math:`s_j` of ``Y`` are both multiplied by
    :math:`(r p_{s_j})^{-1/2}`, so that :math:`CR = \\frac1r \\sum_j x_{s_j}y_{s_j}^\\top/p_{s_j}`
    and :math:`\\mathbb E[CR] = XY`. A repeated index gives a repeated column; the
    duplicates are kept (their weights add up), not merged away.

    Explained in the article *Approximating a matrix product by columns and rows*
    (``cr-approximation``).

    Parameters
    ----------
    X : array_like
        Shape ``(n, l)``.
    Y : array_like
        Shape ``(l, m)``.
    r : int
        Number of draws, at least 1 (may exceed ``l``).
    rng : numpy.random.Generator
        Source of randomness.
    p : {"optimal", "uniform"} or array_like, optional
        Sampling distribution (a vector has shape ``(l,)``); default :func:`cr_optimal_probabilities`.

    Returns
    -------
    idx : numpy.ndarray of int
        Shape ``(r,)``. Drawn indices, in the order drawn.
    C : numpy.ndarray
        Shape ``(n, r)``. Rescaled columns of ``X``.
    R : numpy.ndarray
        Shape ``(r, m)``. Rescaled rows of ``Y``.

    Raises
    ------
    ValueError
        If the factors are invalid, ``r`` is not a positive integer, or ``p`` is not a
        probability vector of length ``l``.
    TypeError
        If ``rng`` is not a ``numpy.random.Generator``.

    Examples
    --------
    >>> X = np.array([[1.0, 2.0]]); Y = np.array([[1.0], [1.0]])
    >>> idx, C, R = cr_sample(X, Y, 4, np.random.default_rng(0))
    >>> idx.shape, C.shape, R.shape
    ((4,), (1, 4), (4, 1))
    >>> float((C @ R)[0, 0])  # X @ Y is 3; one draw of the estimator
    3.0
    """
    X, Y = _check_factors(X, Y)
    r = _check_int(r, "r", 1)
    rng = _check_rng(rng)
    p = _resolve_p(X, Y, p)
    idx = rng.choice(p.size, size=r, p=p)
    scale = 1.0 / np.sqrt(r * p[idx])
    return idx, X[:, idx] * scale, Y[idx, :] * scale[:, None]


def cr_expected_error(
    X: npt.ArrayLike, Y: npt.ArrayLike, r: int, p: npt.ArrayLike | str | None = None
) -> float:
    """Closed-form expected squared error of :func:`cr_sample`.

    .. math:: \\mathbb E\\,\\|CR - XY\\|_F^2 = \\frac1r\\Big(\\sum_i \\frac{\\|x_i\\|^2\\|y_i\\|^2}{p_i}
              - \\|XY\\|_F^2\\Big),

    with the convention :math:`0/0 = 0`; a term with :math:`p_i = 0` but a non-zero norm
    makes the estimator biased and the error infinite.

    Explained in the article *Approximating a matrix product by columns and rows*
    (``cr-approximation``).

    Parameters
    ----------
    X : array_like
        Shape ``(n, l)``.
    Y : array_like
        Shape ``(l, m)``.
    r : int
        Number of i.i.d. draws, at least 1.
    p : {"optimal", "uniform"} or array_like, optional
        Sampling distribution (a vector has shape ``(l,)``); default :func:`cr_optimal_probabilities`.

    Returns
    -------
    float
        The expected squared Frobenius error (``inf`` if ``p`` misses a non-zero term).

    Raises
    ------
    ValueError
        If the factors are invalid, ``r`` is not a positive integer, or ``p`` is not a
        probability vector of length ``l``.

    Examples
    --------
    >>> X = np.array([[1.0, 0.0], [0.0, 1.0]])
    >>> cr_expected_error(X, X, 1)  # two orthogonal unit terms, p = (1/2, 1/2)
    2.0
    >>> cr_expected_error(X, X, 1, p=[1.0, 0.0])
    inf
    """
    X, Y = _check_factors(X, Y)
    r = _check_int(r, "r", 1)
    p = _resolve_p(X, Y, p)
    w2 = (np.linalg.norm(X, axis=0) * np.linalg.norm(Y, axis=1)) ** 2
    if np.any((p == 0) & (w2 > 0)):
        return math.inf
    keep = p > 0
    total = float(np.sum(w2[keep] / p[keep]))
    exact = float(np.linalg.norm(X @ Y) ** 2)
    return max(total - exact, 0.0) / r


def cr_sample_errors(
    X: npt.ArrayLike,
    Y: npt.ArrayLike,
    r: int,
    n_trials: int,
    rng: np.random.Generator,
    p: npt.ArrayLike | str | None = None,
) -> np.ndarray:
    """Squared errors :math:`\\|CR - XY\\|_F^2` of ``n_trials`` independent runs of :func:`cr_sample`.

    A run is summarised by its multinomial count vector :math:`c` (how often each index
    was drawn); its error is :math:`a^\\top G a` with :math:`a_i = c_i/(r p_i) - 1` and
    :math:`G` the :func:`rank_one_gram`. This is exact, and costs :math:`O(l^2)` per run
    instead of :math:`O(rnm)`.

    Explained in the article *Approximating a matrix product by columns and rows*
    (``cr-approximation``).

    Parameters
    ----------
    X : array_like
        Shape ``(n, l)``.
    Y : array_like
        Shape ``(l, m)``.
    r : int
        Draws per run, at least 1.
    n_trials : int
        Number of independent runs, at least 1.
    rng : numpy.random.Generator
        Source of randomness.
    p : {"optimal", "uniform"} or array_like, optional
        Sampling distribution (a vector has shape ``(l,)``); default :func:`cr_optimal_probabilities`. Entries must be
        positive wherever the term is non-zero.

    Returns
    -------
    numpy.ndarray
        Shape ``(n_trials,)``. One squared error per run; their mean estimates :func:`cr_expected_error`.

    Raises
    ------
    ValueError
        If the factors are invalid, ``r`` or ``n_trials`` is not a positive integer, or
        ``p`` is not a probability vector of length ``l`` positive on every non-zero term.
    TypeError
        If ``rng`` is not a ``numpy.random.Generator``.

    Examples
    --------
    >>> X = np.eye(2)
    >>> errs = cr_sample_errors(X, X, 1, 5, np.random.default_rng(0), p="uniform")
    >>> errs  # each single draw gives 2 e_i e_i^T: error 1 + 1
    array([2., 2., 2., 2., 2.])
    """
    X, Y = _check_factors(X, Y)
    r = _check_int(r, "r", 1)
    n_trials = _check_int(n_trials, "n_trials", 1)
    rng = _check_rng(rng)
    p = _resolve_p(X, Y, p)
    G = (X.T @ X) * (Y @ Y.T)
    if np.any((p == 0) & (np.diag(G) > 0)):
        raise ValueError("p must be positive on every term with a non-zero norm (else the error is infinite)")
    counts = rng.multinomial(r, p, size=n_trials).astype(float)
    safe_p = np.where(p > 0, p, 1.0)
    a = counts / (r * safe_p) - 1.0
    a[:, p == 0] = -1.0
    return np.maximum(np.sum((a @ G) * a, axis=1), 0.0)


def cr_bruteforce(
    X: npt.ArrayLike, Y: npt.ArrayLike, r: int, *, max_subsets: int = 200_000
) -> np.ndarray:
    """The optimal CR selection by exhaustive search over all :math:`\\binom{l}{r}` subsets.

    The error of keeping the set :math:`S` is :math:`a^\\top G a`, with :math:`a` the
    indicator of the dropped terms and :math:`G` the :func:`rank_one_gram`.

    Explained in the article *Approximating a matrix product by columns and rows*
    (``cr-approximation``).

    Parameters
    ----------
    X : array_like
        Shape ``(n, l)``.
    Y : array_like
        Shape ``(l, m)``.
    r : int
        Number of terms kept, ``1 <= r <= l``.
    max_subsets : int, optional
        Refuse to enumerate more subsets than this (the count grows like :math:`\\binom lr`).

    Returns
    -------
    numpy.ndarray of int
        Shape ``(r,)``. The optimal kept indices, in increasing order (the first optimum found).

    Raises
    ------
    ValueError
        If the factors are invalid, ``r`` is not in ``[1, l]``, or :math:`\\binom lr`
        exceeds ``max_subsets``.

    Examples
    --------
    >>> X = np.array([[1.0, 1.0, 0.0], [0.0, 0.0, 1.0]])
    >>> Y = np.array([[1.0], [-1.0], [0.5]])
    >>> cr_bruteforce(X, Y, 1)  # the first two terms cancel; keep the third
    array([2])
    """
    X, Y = _check_factors(X, Y)
    l = X.shape[1]
    r = _check_int(r, "r", 1, l)
    max_subsets = _check_int(max_subsets, "max_subsets", 1)
    total = math.comb(l, r)
    if total > max_subsets:
        raise ValueError(
            f"exhaustive search needs C({l}, {r}) = {total} subsets, more than "
            f"max_subsets = {max_subsets}; use cr_top or cr_greedy_tuples instead"
        )
    G = (X.T @ X) * (Y @ Y.T)
    subsets = np.array(list(itertools.combinations(range(l), r)), dtype=np.intp)
    dropped = np.ones((total, l))
    dropped[np.arange(total)[:, None], subsets] = 0.0
    errors = np.sum((dropped @ G) * dropped, axis=1)
    return subsets[int(np.argmin(errors))]


def cr_greedy_tuples(
    X: npt.ArrayLike, Y: npt.ArrayLike, r: int, k: int, *, cumulative: bool = False
) -> np.ndarray:
    """Greedy CR selection that drops :math:`k` terms at a time.

    Repeats :math:`(l-r)/k` times: among the remaining terms, find the :math:`k`-subset
    whose sum has the smallest Frobenius norm and drop it. With ``cumulative=True`` the
    subset minimises instead the norm of the sum of *all* terms dropped so far plus the
    new ones, which is the error actually made. With ``k = 1`` and ``cumulative=False``
    this is :func:`cr_top`. Each round costs :math:`O(\\binom{l}{k} k^2)`.

    Explained in the article *Approximating a matrix product by columns and rows*
    (``cr-approximation``).

    Parameters
    ----------
    X : array_like
        Shape ``(n, l)``.
    Y : array_like
        Shape ``(l, m)``.
    r : int
        Number of terms kept, ``1 <= r <= l``.
    k : int
        Terms dropped per round, ``k >= 1``, dividing ``l - r``.
    cumulative : bool, optional
        Account for the terms dropped in earlier rounds (default False, the post's rule).

    Returns
    -------
    numpy.ndarray of int
        Shape ``(r,)``. Kept indices, in increasing order.

    Raises
    ------
    ValueError
        If the factors are invalid, ``r`` is not in ``[1, l]``, ``k < 1``, or ``k`` does
        not divide ``l - r``.

    Examples
    --------
    >>> X = np.array([[1.0, 1.0, 0.0], [0.0, 0.0, 1.0]])
    >>> Y = np.array([[1.0], [-1.0], [0.5]])
    >>> cr_greedy_tuples(X, Y, 1, 2)  # the pair with the smallest sum is {0, 1}
    array([2])
    """
    X, Y = _check_factors(X, Y)
    l = X.shape[1]
    r = _check_int(r, "r", 1, l)
    k = _check_int(k, "k", 1)
    if (l - r) % k:
        raise ValueError(f"k must divide l - r = {l - r}, got k = {k}")
    G = (X.T @ X) * (Y @ Y.T)
    remaining = list(range(l))
    dropped: list[int] = []
    for _ in range((l - r) // k):
        best, best_val = None, math.inf
        for subset in itertools.combinations(remaining, k):
            ind = list(subset) + (dropped if cumulative else [])
            val = float(G[np.ix_(ind, ind)].sum())
            if val < best_val:
                best, best_val = subset, val
        assert best is not None
        dropped.extend(best)
        remaining = [i for i in remaining if i not in best]
    return np.array(sorted(remaining), dtype=np.intp)


# --------------------------------------------------------------------------- weights


def optimal_core(C: npt.ArrayLike, R: npt.ArrayLike, M: npt.ArrayLike) -> np.ndarray:
    """The unrestricted optimal middle factor :math:`\\Lambda^* = C^\\dagger M R^\\dagger`.

    It minimises :math:`\\|C\\Lambda R - M\\|_F` over all :math:`r\\times r` matrices
    (the minimum-norm minimiser if several exist).

    Explained in the article *Approximating a matrix product by columns and rows*
    (``cr-approximation``).

    Parameters
    ----------
    C : array_like
        Shape ``(n, r)``.
    R : array_like
        Shape ``(r, m)``.
    M : array_like
        Shape ``(n, m)``.

    Returns
    -------
    numpy.ndarray
        Shape ``(r, r)``.

    Raises
    ------
    ValueError
        If an array is not 2-D or the shapes do not fit together.

    Examples
    --------
    >>> C = np.array([[1.0], [0.0]]); R = np.array([[1.0, 1.0]])
    >>> optimal_core(C, R, [[2.0, 4.0], [5.0, 5.0]])
    array([[3.]])
    """
    C = np.asarray(C, dtype=float)
    R = np.asarray(R, dtype=float)
    M = np.asarray(M, dtype=float)
    if C.ndim != 2 or R.ndim != 2 or M.ndim != 2:
        raise ValueError(f"C, R and M must be 2-D, got {C.ndim}, {R.ndim} and {M.ndim} dimensions")
    if C.shape[1] != R.shape[0] or M.shape != (C.shape[0], R.shape[1]):
        raise ValueError(
            f"shapes must be C (n, r), R (r, m), M (n, m); got {C.shape}, {R.shape}, {M.shape}"
        )
    return np.linalg.pinv(C) @ M @ np.linalg.pinv(R)


def optimal_diagonal_weights(
    C: npt.ArrayLike, R: npt.ArrayLike, X: npt.ArrayLike, Y: npt.ArrayLike
) -> np.ndarray:
    """Optimal diagonal weights :math:`\\lambda^*` for :math:`C\\operatorname{diag}(\\lambda)R \\approx XY`.

    Solves the least-squares problem :math:`\\min_\\lambda \\|U\\lambda - V\\mathbf 1\\|` with
    :math:`U = [\\operatorname{vec}(c_i r_i^\\top)]`, :math:`V = [\\operatorname{vec}(x_j y_j^\\top)]`
    without forming them, through :math:`U^\\top U = (C^\\top C)\\odot(RR^\\top)` and
    :math:`U^\\top V = (C^\\top X)\\odot(RY^\\top)`. The normal equations are solved by
    ``numpy.linalg.lstsq`` (minimum-norm solution), so repeated columns, which make
    :math:`U^\\top U` singular, are fine.

    Explained in the article *Approximating a matrix product by columns and rows*
    (``cr-approximation``).

    Parameters
    ----------
    C : array_like
        Shape ``(n, r)``.
    R : array_like
        Shape ``(r, m)``.
    X : array_like
        Shape ``(n, l)``.
    Y : array_like
        Shape ``(l, m)``.

    Returns
    -------
    numpy.ndarray
        Shape ``(r,)``.

    Raises
    ------
    ValueError
        If an array is not 2-D or the shapes do not fit together.

    Examples
    --------
    >>> X = np.eye(3); Y = np.eye(3)
    >>> optimal_diagonal_weights(X[:, :2], Y[:2, :], X, Y)
    array([1., 1.])
    """
    C, R = _check_factors(C, R)
    X, Y = _check_factors(X, Y)
    if C.shape[0] != X.shape[0] or R.shape[1] != Y.shape[1]:
        raise ValueError(
            f"C @ R must have the shape of X @ Y, got C {C.shape}, R {R.shape}, "
            f"X {X.shape}, Y {Y.shape}"
        )
    UtU = (C.T @ C) * (R @ R.T)
    UtV1 = ((C.T @ X) * (R @ Y.T)).sum(axis=1)
    return np.linalg.lstsq(UtU, UtV1, rcond=None)[0]


# --------------------------------------------------------------------------- references


def svd_truncate(M: npt.ArrayLike, r: int) -> np.ndarray:
    """Best rank-``r`` approximation of ``M`` in Frobenius norm (Eckart–Young): truncated SVD.

    Explained in the article *Approximating a matrix product by columns and rows*
    (``cr-approximation``).

    Parameters
    ----------
    M : array_like
        Shape ``(n, m)``.
    r : int
        Rank, ``r >= 0``; a rank of ``min(n, m)`` or more returns ``M`` itself.

    Returns
    -------
    numpy.ndarray
        Shape ``(n, m)``. :math:`U_{[:, :r]}\\Sigma_{[:r,:r]}V_{[:, :r]}^\\top`.

    Raises
    ------
    ValueError
        If ``M`` is not a finite 2-D array or ``r`` is not a non-negative integer.

    Examples
    --------
    >>> svd_truncate(np.diag([3.0, 2.0, 1.0]), 2)
    array([[3., 0., 0.],
           [0., 2., 0.],
           [0., 0., 0.]])
    """
    M = np.asarray(M, dtype=float)
    if M.ndim != 2 or not np.all(np.isfinite(M)):
        raise ValueError(f"M must be a finite 2-D array, got shape {M.shape}")
    r = _check_int(r, "r", 0)
    U, s, Vt = np.linalg.svd(M, full_matrices=False)
    return (U[:, :r] * s[:r]) @ Vt[:r, :]


def relative_sq_error(approx: npt.ArrayLike, M: npt.ArrayLike) -> float:
    """Relative squared Frobenius error :math:`\\|\\tilde M - M\\|_F^2 / \\|M\\|_F^2`.

    Explained in the article *Approximating a matrix product by columns and rows*
    (``cr-approximation``).

    Parameters
    ----------
    approx : array_like
        The approximation :math:`\\tilde M`.
    M : array_like
        The target, same shape, not zero.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If the shapes differ or ``M`` is zero.

    Examples
    --------
    >>> relative_sq_error([[1.0, 0.0]], [[2.0, 0.0]])
    0.25
    """
    approx = np.asarray(approx, dtype=float)
    M = np.asarray(M, dtype=float)
    if approx.shape != M.shape:
        raise ValueError(f"approx and M must have the same shape, got {approx.shape} and {M.shape}")
    denom = float(np.sum(M**2))
    if denom == 0:
        raise ValueError("M is zero: the relative error is undefined")
    return float(np.sum((approx - M) ** 2)) / denom


# --------------------------------------------------------------------------- test data


def lognormal_factors(
    n: int,
    l: int,
    m: int,
    rng: np.random.Generator,
    *,
    sigma: float = 1.0,
    shift: float = 0.0,
) -> tuple[np.ndarray, np.ndarray]:
    """Random factors with log-normal term norms and a tunable alignment of the terms.

    ``X`` and ``Y`` have independent normal entries of mean ``shift`` and variance 1;
    column ``i`` of ``X`` and row ``i`` of ``Y`` are both multiplied by
    :math:`e^{\\sigma g_i/2}`, :math:`g_i` standard normal, so the term norms spread
    log-normally. With ``shift = 0`` the rank-one terms :math:`x_i y_i^\\top` are nearly
    orthogonal (for large ``n m``); as ``shift`` grows they all acquire the common component
    :math:`\\text{shift}^2\\,\\mathbf 1\\mathbf 1^\\top` and align.

    Explained in the article *Approximating a matrix product by columns and rows*
    (``cr-approximation``).

    Parameters
    ----------
    n, l, m : int
        Shapes: ``X`` is ``n x l``, ``Y`` is ``l x m``; each at least 1.
    rng : numpy.random.Generator
    sigma : float, optional
        Spread of the log-norms, ``>= 0``.
    shift : float, optional
        Common mean of the entries of ``X`` and ``Y`` (the alignment knob); finite.

    Returns
    -------
    X, Y : numpy.ndarray

    Raises
    ------
    ValueError
        If a shape is not a positive integer, ``sigma`` is negative or not finite, or
        ``shift`` is not finite.
    TypeError
        If ``rng`` is not a ``numpy.random.Generator``.

    Examples
    --------
    >>> X, Y = lognormal_factors(3, 5, 2, np.random.default_rng(0))
    >>> X.shape, Y.shape
    ((3, 5), (5, 2))
    """
    n, l, m = (_check_int(v, name, 1) for v, name in ((n, "n"), (l, "l"), (m, "m")))
    rng = _check_rng(rng)
    if not (np.isfinite(sigma) and sigma >= 0):
        raise ValueError(f"sigma must be a finite number >= 0, got {sigma!r}")
    if not np.isfinite(shift):
        raise ValueError(f"shift must be a finite number, got {shift!r}")
    scale = np.exp(0.5 * sigma * rng.standard_normal(l))
    X = (rng.standard_normal((n, l)) + shift) * scale
    Y = (rng.standard_normal((l, m)) + shift) * scale[:, None]
    return X, Y


def shifted_gram_factors(
    N: int, f: int, shift: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Factors of a Gram matrix :math:`D^\\top D` whose rank-one terms align as ``shift`` grows.

    ``D`` is ``N x f`` with rows :math:`d_i = z_i + \\text{shift}\\cdot\\mathbf 1`,
    :math:`z_i` standard normal. The product :math:`D^\\top D = \\sum_i d_i d_i^\\top` is a
    CR product with ``X = D.T`` and ``Y = D``; every term is positive semi-definite, and
    the mean shift makes the terms point in a common direction.

    Explained in the article *Approximating a matrix product by columns and rows*
    (``cr-approximation``).

    Parameters
    ----------
    N : int
        Number of samples (the inner dimension ``l``), at least 1.
    f : int
        Number of features, at least 1.
    shift : float
        Mean of every feature; finite.
    rng : numpy.random.Generator

    Returns
    -------
    X : numpy.ndarray
        Shape ``(f, N)``. ``D.T``.
    Y : numpy.ndarray
        Shape ``(N, f)``. ``D``.

    Raises
    ------
    ValueError
        If ``N`` or ``f`` is not a positive integer or ``shift`` is not finite.
    TypeError
        If ``rng`` is not a ``numpy.random.Generator``.

    Examples
    --------
    >>> X, Y = shifted_gram_factors(4, 2, 1.0, np.random.default_rng(0))
    >>> X.shape, Y.shape, bool(np.allclose(X, Y.T))
    ((2, 4), (4, 2), True)
    """
    N = _check_int(N, "N", 1)
    f = _check_int(f, "f", 1)
    rng = _check_rng(rng)
    if not np.isfinite(shift):
        raise ValueError(f"shift must be a finite number, got {shift!r}")
    D = rng.standard_normal((N, f)) + float(shift)
    return D.T.copy(), D
