"""Softmax attention and its linearisation by random features (Performer, FAVOR+).

Exact softmax attention costs :math:`O(n^2 d)` for a sequence of length :math:`n`.
Performer replaces :math:`e^{q\\cdot k}` by the inner product of two random feature
vectors of length :math:`m`,

.. math::

    e^{q\\cdot k} = \\mathbb E_{\\omega\\sim\\mathcal N(0, I_d)}
    \\big[e^{\\omega\\cdot q - \\|q\\|^2/2}\\, e^{\\omega\\cdot k - \\|k\\|^2/2}\\big],

after which associativity makes attention cost :math:`O(n m d)`. This module gives the
exact attention, the positive (FAVOR+) and trigonometric feature maps, the random
projections (i.i.d., orthogonal, and with deterministic quantile radii), linear attention
with a causal version by prefix sums, the closed-form mean squared errors of both
estimators, the exact bias of quantile radii, and a small cost model.

Every function is explained in the article *Performer: linear attention by random
projections* (``performer``).

References
----------
* Su Jianlin, "Performer：用随机投影将Attention的复杂度线性化", Scientific Spaces, 2020,
  https://kexue.fm/archives/7921
* K. Choromanski et al., "Rethinking Attention with Performers", ICLR 2021,
  arXiv:2009.14794.
* A. Rahimi and B. Recht, "Random Features for Large-Scale Kernel Machines",
  NeurIPS 2007.
"""

from __future__ import annotations

import numbers

import numpy as np
import numpy.typing as npt
import scipy.special
import scipy.stats

from blogcode._checks import check_rng as _check_rng

__all__ = [
    "softmax_attention",
    "gaussian_projection",
    "favor_features",
    "trig_features",
    "linear_attention",
    "favor_attention",
    "kernel_estimates",
    "kernel_mse_theory",
    "radial_quantiles",
    "directional_mean_ratio",
    "row_tv_distance",
    "flop_counts",
    "crossover_length",
]

_NORMS = ("chi", "sqrt_d", "quantile")
_KINDS = ("positive", "trig")


def _check_int(value: object, name: str, minimum: int = 1) -> int:
    """Return ``value`` as an int >= ``minimum`` or raise ValueError."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ValueError(f"{name} must be an integer, got {value!r} of type {type(value).__name__}")
    if int(value) < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    return int(value)

def _as_matrix(x: npt.ArrayLike, name: str) -> np.ndarray:
    """A finite 2-D floating array (float32 kept, everything else float64)."""
    arr = np.asarray(x)
    if arr.dtype != np.float32:
        arr = arr.astype(np.float64)
    if arr.ndim != 2:
        raise ValueError(f"{name} must be a 2-D array (rows are tokens), got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must contain only finite values")
    return arr


def _check_qkv(Q: npt.ArrayLike, K: npt.ArrayLike, V: npt.ArrayLike
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    Q, K, V = _as_matrix(Q, "Q"), _as_matrix(K, "K"), _as_matrix(V, "V")
    if Q.shape[1] != K.shape[1]:
        raise ValueError(f"Q and K must have the same number of columns, got {Q.shape} and {K.shape}")
    if K.shape[0] != V.shape[0]:
        raise ValueError(f"K and V must have the same number of rows, got {K.shape} and {V.shape}")
    return Q, K, V


def softmax_attention(Q: npt.ArrayLike, K: npt.ArrayLike, V: npt.ArrayLike,
                      causal: bool = False) -> np.ndarray:
    """Exact attention with similarity :math:`e^{q\\cdot k}`: :math:`\\mathrm{softmax}(QK^\\top)V`.

    No :math:`1/\\sqrt d` is applied, as in the post; pass ``Q / d**0.25`` and
    ``K / d**0.25`` for the scaled dot-product attention of Transformers. The cost is
    :math:`O(n^2 d)` time and :math:`O(n^2)` memory.

    Explained in the article *Performer: linear attention by random projections*
    (``performer``).

    Parameters
    ----------
    Q : array_like
        Queries. Shape ``(n, d)``.
    K : array_like
        Keys. Shape ``(n_k, d)``.
    V : array_like
        Values. Shape ``(n_k, d_v)``.
    causal : bool, optional
        If true, query ``i`` attends only to keys ``j <= i`` (needs ``n == n_k``).

    Returns
    -------
    numpy.ndarray
        Row ``i`` is :math:`\\sum_j e^{q_i\\cdot k_j} v_j / \\sum_j e^{q_i\\cdot k_j}`. Shape ``(n, d_v)``.

    Raises
    ------
    ValueError
        If the arrays are not 2-D, not finite, or their shapes do not match.

    Examples
    --------
    >>> Q = np.array([[0.0, 1.0]]); K = np.array([[0.0, 1.0], [0.0, -1.0]])
    >>> V = np.array([[1.0], [0.0]])
    >>> softmax_attention(Q, K, V).round(6)  # e / (e + 1/e)
    array([[0.880797]])
    """
    Q, K, V = _check_qkv(Q, K, V)
    logits = Q @ K.T
    if causal:
        if Q.shape[0] != K.shape[0]:
            raise ValueError(f"causal attention needs as many queries as keys, got {Q.shape[0]} and {K.shape[0]}")
        logits = np.where(np.tri(Q.shape[0], dtype=bool), logits, -np.inf)
    return scipy.special.softmax(logits, axis=1) @ V


def gaussian_projection(m: int, d: int, rng: np.random.Generator, orthogonal: bool = False,
                        norms: str = "chi") -> np.ndarray:
    """Draw the ``m`` random vectors :math:`\\omega_i` of a random-feature map.

    With ``orthogonal=False`` and ``norms="chi"`` the rows are i.i.d. :math:`\\mathcal N(0, I_d)`.
    With ``orthogonal=True`` the directions come in blocks of ``d`` orthonormal rows
    (Haar-distributed: QR of a Gaussian matrix with the signs of ``diag(R)`` fixed), so
    that each row is still marginally uniform on the sphere. The lengths are then:

    * ``"chi"``: independent draws of the :math:`\\chi_d` law (each row is marginally
      :math:`\\mathcal N(0, I_d)`; the estimators stay unbiased);
    * ``"sqrt_d"``: all equal to :math:`\\sqrt d` (biased);
    * ``"quantile"``: the deterministic quantiles of :func:`radial_quantiles`, the post's
      proposal (biased, see :func:`directional_mean_ratio`), assigned in random order.

    Explained in the article *Performer: linear attention by random projections*
    (``performer``).

    Parameters
    ----------
    m : int
        Number of features, ``m >= 1``.
    d : int
        Dimension, ``d >= 1``.
    rng : numpy.random.Generator
        Source of randomness.
    orthogonal : bool, optional
        Orthogonalise the directions in blocks of ``d``.
    norms : {"chi", "sqrt_d", "quantile"}, optional
        How the row lengths are chosen.

    Returns
    -------
    numpy.ndarray
        Shape ``(m, d)``.

    Raises
    ------
    ValueError
        If ``m`` or ``d`` is not a positive integer, or ``norms`` is unknown.
    TypeError
        If ``rng`` is not a ``numpy.random.Generator``.

    Examples
    --------
    >>> W = gaussian_projection(4, 4, np.random.default_rng(0), orthogonal=True)
    >>> G = W @ W.T
    >>> bool(np.allclose(G - np.diag(np.diag(G)), 0))
    True
    """
    m, d = _check_int(m, "m"), _check_int(d, "d")
    rng = _check_rng(rng)
    if norms not in _NORMS:
        raise ValueError(f"norms must be one of {_NORMS}, got {norms!r}")
    if not orthogonal and norms == "chi":
        return rng.standard_normal((m, d))
    if orthogonal:
        blocks = []
        for _ in range(-(-m // d)):
            q, r = np.linalg.qr(rng.standard_normal((d, d)))
            blocks.append((q * np.where(np.diag(r) < 0, -1.0, 1.0)).T)  # Haar rows
        directions = np.vstack(blocks)[:m]
    else:
        g = rng.standard_normal((m, d))
        directions = g / np.linalg.norm(g, axis=1, keepdims=True)
    if norms == "chi":
        lengths = np.sqrt(rng.chisquare(d, size=m))
    elif norms == "sqrt_d":
        lengths = np.full(m, np.sqrt(d))
    else:
        lengths = rng.permutation(radial_quantiles(m, d))
    return directions * lengths[:, None]


def _check_features_input(X: npt.ArrayLike, W: npt.ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    X, W = _as_matrix(X, "X"), _as_matrix(W, "W")
    if X.shape[1] != W.shape[1]:
        raise ValueError(f"X and W must have the same number of columns, got {X.shape} and {W.shape}")
    return X, W


def favor_features(X: npt.ArrayLike, W: npt.ArrayLike) -> np.ndarray:
    """Positive random features :math:`\\phi(x) = m^{-1/2}(e^{\\omega_i\\cdot x - \\|x\\|^2/2})_{i\\le m}`.

    For rows :math:`\\omega_i \\sim \\mathcal N(0, I_d)`, :math:`\\phi(q)\\cdot\\phi(k)` is an
    unbiased, always positive estimate of :math:`e^{q\\cdot k}`.

    Explained in the article *Performer: linear attention by random projections*
    (``performer``).

    Parameters
    ----------
    X : array_like
        Queries or keys, one per row. Shape ``(n, d)``.
    W : array_like
        Random projection, e.g. from :func:`gaussian_projection`. Shape ``(m, d)``.

    Returns
    -------
    numpy.ndarray
        Shape ``(n, m)``.

    Raises
    ------
    ValueError
        If the arrays are not 2-D and finite or their widths differ.

    Examples
    --------
    >>> favor_features([[0.0, 0.0]], np.eye(2))  # exp(0) / sqrt(2)
    array([[0.70710678, 0.70710678]])
    """
    X, W = _check_features_input(X, W)
    sq = 0.5 * np.sum(X * X, axis=1, keepdims=True)
    return np.exp(X @ W.T - sq) / np.sqrt(W.shape[0])


def trig_features(X: npt.ArrayLike, W: npt.ArrayLike) -> np.ndarray:
    """Trigonometric random features of :math:`e^{q\\cdot k}` (Rahimi–Recht form).

    :math:`\\psi(x) = m^{-1/2} e^{\\|x\\|^2/2} (\\cos(\\omega_i\\cdot x), \\sin(\\omega_i\\cdot x))_{i\\le m}`,
    so that :math:`\\psi(q)\\cdot\\psi(k) = e^{(\\|q\\|^2+\\|k\\|^2)/2}\\,\\frac1m\\sum_i\\cos(\\omega_i\\cdot(q-k))`,
    an unbiased estimate of :math:`e^{q\\cdot k}` that can be negative.

    Explained in the article *Performer: linear attention by random projections*
    (``performer``).

    Parameters
    ----------
    X : array_like
        Queries or keys, one per row. Shape ``(n, d)``.
    W : array_like
        Random projection. Shape ``(m, d)``.

    Returns
    -------
    numpy.ndarray
        The cosine features, then the sine features. Shape ``(n, 2 m)``.

    Raises
    ------
    ValueError
        If the arrays are not 2-D and finite or their widths differ.

    Examples
    --------
    >>> trig_features([[0.0]], [[1.0]])
    array([[1., 0.]])
    """
    X, W = _check_features_input(X, W)
    proj = X @ W.T
    scale = np.exp(0.5 * np.sum(X * X, axis=1, keepdims=True)) / np.sqrt(W.shape[0])
    return np.hstack([np.cos(proj), np.sin(proj)]) * scale


def _causal_numerators(phi_q: np.ndarray, phi_k: np.ndarray, V1: np.ndarray, chunk: int) -> np.ndarray:
    """Rows :math:`\\phi(q_i)^\\top \\sum_{j\\le i}\\phi(k_j) v_j^\\top`, by blocked prefix sums."""
    n = phi_q.shape[0]
    out = np.empty((n, V1.shape[1]), dtype=np.result_type(phi_q, V1))
    state = np.zeros((phi_k.shape[1], V1.shape[1]), dtype=out.dtype)  # running sum of phi_k v^T
    for start in range(0, n, chunk):
        stop = min(start + chunk, n)
        q, k, v = phi_q[start:stop], phi_k[start:stop], V1[start:stop]
        local = np.tril(q @ k.T)  # pairs inside the block, j <= i
        out[start:stop] = q @ state + local @ v
        state += k.T @ v
    return out


def linear_attention(phi_q: npt.ArrayLike, phi_k: npt.ArrayLike, V: npt.ArrayLike,
                     causal: bool = False, chunk: int = 64) -> np.ndarray:
    """Attention with similarity :math:`\\phi(q)\\cdot\\phi(k)`, computed in :math:`O(n m d)`.

    Non-causal: :math:`\\phi(Q)(\\phi(K)^\\top V)` divided row-wise by
    :math:`\\phi(Q)(\\phi(K)^\\top \\mathbf 1)`. Causal: the same with the prefix sums
    :math:`S_i = \\sum_{j\\le i}\\phi(k_j)v_j^\\top`, accumulated block by block (``chunk``
    rows at a time) so that memory stays :math:`O(m d + \\text{chunk}^2)`.

    Explained in the article *Performer: linear attention by random projections*
    (``performer``).

    Parameters
    ----------
    phi_q : array_like
        Query features. Shape ``(n, m)``.
    phi_k : array_like
        Key features. Shape ``(n_k, m)``.
    V : array_like
        Values. Shape ``(n_k, d_v)``.
    causal : bool, optional
        Query ``i`` sees keys ``j <= i`` only (needs ``n == n_k``).
    chunk : int, optional
        Block length of the causal prefix sums (any value gives the same result).

    Returns
    -------
    numpy.ndarray
        Shape ``(n, d_v)``.

    Raises
    ------
    ValueError
        If shapes do not match, arrays are not finite, or ``chunk < 1``.

    Examples
    --------
    >>> phi = np.array([[1.0], [1.0]])  # constant similarity: plain (causal) averages
    >>> linear_attention(phi, phi, [[0.0], [2.0]], causal=True)
    array([[0.],
           [1.]])
    """
    phi_q, phi_k, V = _check_qkv(phi_q, phi_k, V)
    chunk = _check_int(chunk, "chunk")
    V1 = np.hstack([V, np.ones((V.shape[0], 1), dtype=V.dtype)])  # last column: normaliser
    if causal:
        if phi_q.shape[0] != phi_k.shape[0]:
            raise ValueError(f"causal attention needs as many queries as keys, got {phi_q.shape[0]} and {phi_k.shape[0]}")
        num = _causal_numerators(phi_q, phi_k, V1, chunk)
    else:
        num = phi_q @ (phi_k.T @ V1)
    return num[:, :-1] / num[:, -1:]


def favor_attention(Q: npt.ArrayLike, K: npt.ArrayLike, V: npt.ArrayLike, n_features: int,
                    rng: np.random.Generator, orthogonal: bool = True,
                    causal: bool = False) -> np.ndarray:
    """FAVOR+ approximation of :func:`softmax_attention` with ``n_features`` positive features.

    Draws :math:`W` with :func:`gaussian_projection` (``norms="chi"``), builds
    :func:`favor_features` of the queries and keys, and calls :func:`linear_attention`.
    Before exponentiating it subtracts the row maximum of each query's exponents and the
    global maximum of the keys' exponents; both factors cancel exactly in the ratio, so
    the result equals the plain formula but cannot overflow.

    Explained in the article *Performer: linear attention by random projections*
    (``performer``).

    Parameters
    ----------
    Q, K, V : array_like
        As in :func:`softmax_attention` (no :math:`1/\\sqrt d` applied).
    n_features : int
        Number of random features :math:`m`.
    rng : numpy.random.Generator
        Source of the random projection.
    orthogonal : bool, optional
        Use orthogonal random features (blocks of ``d``).
    causal : bool, optional
        Causal attention by prefix sums.

    Returns
    -------
    numpy.ndarray
        Shape ``(n, d_v)``.

    Raises
    ------
    ValueError
        If shapes do not match or ``n_features`` is not a positive integer.
    TypeError
        If ``rng`` is not a ``numpy.random.Generator``.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> Q, K, V = (0.3 * rng.standard_normal((50, 8)) for _ in range(3))
    >>> err = favor_attention(Q, K, V, 4096, rng) - softmax_attention(Q, K, V)
    >>> bool(np.abs(err).max() < 0.02)
    True
    """
    Q, K, V = _check_qkv(Q, K, V)
    m = _check_int(n_features, "n_features")
    W = gaussian_projection(m, Q.shape[1], _check_rng(rng), orthogonal=orthogonal).astype(Q.dtype)
    eq = Q @ W.T - 0.5 * np.sum(Q * Q, axis=1, keepdims=True)
    ek = K @ W.T - 0.5 * np.sum(K * K, axis=1, keepdims=True)
    phi_q = np.exp(eq - eq.max(axis=1, keepdims=True))
    phi_k = np.exp(ek - ek.max())
    return linear_attention(phi_q, phi_k, V, causal=causal)


def kernel_estimates(x: npt.ArrayLike, y: npt.ArrayLike, m: int, n_draws: int,
                     rng: np.random.Generator, kind: str = "positive") -> np.ndarray:
    """``n_draws`` independent ``m``-feature estimates of :math:`e^{x\\cdot y}`.

    Each estimate is the dot product of :func:`favor_features` (``kind="positive"``) or
    :func:`trig_features` (``kind="trig"``) of ``x`` and ``y`` for a fresh i.i.d.
    Gaussian projection, computed directly as
    :math:`\\frac1m\\sum_i e^{\\omega_i\\cdot(x+y) - (\\|x\\|^2+\\|y\\|^2)/2}` or
    :math:`e^{(\\|x\\|^2+\\|y\\|^2)/2}\\frac1m\\sum_i \\cos(\\omega_i\\cdot(x-y))`.

    Explained in the article *Performer: linear attention by random projections*
    (``performer``).

    Parameters
    ----------
    x, y : array_like
        The two vectors. Shape ``(d,)``.
    m : int
        Features per estimate.
    n_draws : int
        Number of independent estimates.
    rng : numpy.random.Generator
        Source of the projections.
    kind : {"positive", "trig"}, optional
        Which estimator.

    Returns
    -------
    numpy.ndarray
        Shape ``(n_draws,)``.

    Raises
    ------
    ValueError
        If ``x`` and ``y`` are not 1-D of equal length, ``m`` or ``n_draws`` is not a
        positive integer, or ``kind`` is unknown.
    TypeError
        If ``rng`` is not a ``numpy.random.Generator``.

    Examples
    --------
    >>> est = kernel_estimates([0.5], [-0.5], 4, 3, np.random.default_rng(0))
    >>> bool(np.allclose(est, np.exp(-0.25)))  # y = -x: the positive estimate is exact
    True
    """
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if x.ndim != 1 or x.shape != y.shape:
        raise ValueError(f"x and y must be 1-D of equal length, got shapes {x.shape} and {y.shape}")
    m, n_draws = _check_int(m, "m"), _check_int(n_draws, "n_draws")
    rng = _check_rng(rng)
    if kind not in _KINDS:
        raise ValueError(f"kind must be one of {_KINDS}, got {kind!r}")
    W = rng.standard_normal((n_draws, m, x.size))
    if kind == "positive":
        return np.mean(np.exp(W @ (x + y) - (x @ x + y @ y) / 2), axis=1)
    return np.exp((x @ x + y @ y) / 2) * np.mean(np.cos(W @ (x - y)), axis=1)


def kernel_mse_theory(x: npt.ArrayLike, y: npt.ArrayLike, m: int, kind: str = "positive") -> float:
    """Mean squared error of the ``m``-feature estimate of :math:`e^{x\\cdot y}` (i.i.d. features).

    Lemma 2 of Choromanski et al.:

    * positive: :math:`\\frac1m e^{\\|x+y\\|^2}\\,\\mathrm{SM}^2\\,(1-e^{-\\|x+y\\|^2})`,
    * trig: :math:`\\frac1{2m} e^{\\|x+y\\|^2}\\,\\mathrm{SM}^{-2}\\,(1-e^{-\\|x-y\\|^2})^2`,

    with :math:`\\mathrm{SM} = e^{x\\cdot y}`.

    Explained in the article *Performer: linear attention by random projections*
    (``performer``).

    Parameters
    ----------
    x, y : array_like
        The two vectors. Shape ``(d,)``.
    m : int
        Number of random features.
    kind : {"positive", "trig"}, optional
        Which estimator.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If ``x`` and ``y`` are not 1-D of equal length, ``m < 1`` or ``kind`` is unknown.

    Examples
    --------
    >>> kernel_mse_theory([0.5], [-0.5], 1, "positive")  # x + y = 0: exact
    0.0
    """
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if x.ndim != 1 or x.shape != y.shape:
        raise ValueError(f"x and y must be 1-D of equal length, got shapes {x.shape} and {y.shape}")
    m = _check_int(m, "m")
    if kind not in _KINDS:
        raise ValueError(f"kind must be one of {_KINDS}, got {kind!r}")
    s2, sm = float(np.sum((x + y) ** 2)), float(np.exp(x @ y))
    if kind == "positive":
        return float(np.exp(s2) * sm**2 * -np.expm1(-s2) / m)
    return float(np.exp(s2) / sm**2 * np.expm1(-float(np.sum((x - y) ** 2))) ** 2 / (2 * m))


def radial_quantiles(m: int, d: int) -> np.ndarray:
    """The post's deterministic radii: :math:`R_i` with :math:`P_d(r\\le R_i) = i/(m+1)`.

    :math:`P_d` is the law of :math:`\\|\\omega\\|` for :math:`\\omega\\sim\\mathcal N(0, I_d)`,
    density :math:`\\propto r^{d-1}e^{-r^2/2}`, i.e. the :math:`\\chi_d` distribution.

    Explained in the article *Performer: linear attention by random projections*
    (``performer``).

    Parameters
    ----------
    m : int
        Number of radii.
    d : int
        Dimension.

    Returns
    -------
    numpy.ndarray
        Increasing radii. Shape ``(m,)``.

    Raises
    ------
    ValueError
        If ``m`` or ``d`` is not a positive integer.

    Examples
    --------
    >>> radial_quantiles(1, 1).round(6)  # the median of |N(0, 1)|
    array([0.67449])
    """
    m, d = _check_int(m, "m"), _check_int(d, "d")
    return scipy.stats.chi.ppf(np.arange(1, m + 1) / (m + 1), d)


def directional_mean_ratio(r: npt.ArrayLike, s: float, d: int) -> np.ndarray:
    """Mean of one positive-feature product at radius ``r``, relative to the exact value.

    For :math:`\\omega = r u` with :math:`u` uniform on the sphere,
    :math:`\\mathbb E_u[e^{r u\\cdot(q+k)}] = h(r) = \\Gamma(\\tfrac d2)(\\tfrac2{rs})^{d/2-1}
    I_{d/2-1}(rs)` with :math:`s = \\|q+k\\|`, while the exact kernel needs
    :math:`e^{s^2/2}`. This returns :math:`h(r)e^{-s^2/2}`, whose :math:`\\chi_d`-average is
    1; deterministic radii give a bias of ``mean(ratio) - 1``. Computed in log space with
    ``scipy.special.ive``.

    Explained in the article *Performer: linear attention by random projections*
    (``performer``).

    Parameters
    ----------
    r : array_like
        Radii, non-negative.
    s : float
        :math:`\\|q+k\\|`, non-negative.
    d : int
        Dimension, ``d >= 1``.

    Returns
    -------
    numpy.ndarray
        Same shape as ``r``.

    Raises
    ------
    ValueError
        If a radius or ``s`` is negative or not finite, or ``d`` is not a positive integer.

    Examples
    --------
    >>> directional_mean_ratio([0.0, 2.0], 0.0, 3)  # s = 0: every radius is exact
    array([1., 1.])
    """
    r = np.asarray(r, dtype=float)
    d = _check_int(d, "d")
    s = float(s)
    if not (np.isfinite(s) and s >= 0):
        raise ValueError(f"s must be a finite non-negative number, got {s}")
    if not np.all(np.isfinite(r)) or np.any(r < 0):
        raise ValueError("radii r must be finite and non-negative")
    nu = d / 2 - 1
    z = r * s
    with np.errstate(divide="ignore", invalid="ignore"):
        log_h = (scipy.special.gammaln(d / 2) + nu * np.log(2 / z)
                 + np.log(scipy.special.ive(nu, z)) + z)
    log_h = np.where(z > 0, log_h, 0.0)  # h(0) = 1
    return np.exp(log_h - s * s / 2)


def row_tv_distance(A_hat: npt.ArrayLike, A: npt.ArrayLike) -> float:
    """Mean total-variation distance between the rows of two attention matrices.

    :math:`\\frac1n\\sum_i \\frac12\\sum_j |\\hat A_{ij} - A_{ij}|`; 0 means identical rows,
    1 disjoint supports (for probability rows).

    Explained in the article *Performer: linear attention by random projections*
    (``performer``).

    Parameters
    ----------
    A_hat, A : array_like
        Row-stochastic matrices (``A_hat`` may have negative entries for trig features). Shape ``(n, n_k)``.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If the shapes differ or the arrays are not 2-D.

    Examples
    --------
    >>> row_tv_distance([[1.0, 0.0]], [[0.5, 0.5]])
    0.5
    """
    A_hat, A = _as_matrix(A_hat, "A_hat"), _as_matrix(A, "A")
    if A_hat.shape != A.shape:
        raise ValueError(f"A_hat and A must have the same shape, got {A_hat.shape} and {A.shape}")
    return float(0.5 * np.abs(A_hat - A).sum(axis=1).mean())


def flop_counts(n: int, d: int, m: int) -> dict[str, int]:
    """Multiply-add counts (x2 flops) of exact and FAVOR+ attention, non-causal, one head.

    Exact: :math:`QK^\\top` and :math:`AV`, :math:`2\\cdot 2n^2d = 4n^2d`. FAVOR+: the two
    projections :math:`QW^\\top, KW^\\top` and the two products with :math:`\\phi(K)^\\top V`,
    :math:`4 \\cdot 2nmd = 8nmd` (exponentials not counted). Equal at :math:`n = 2m`.

    Explained in the article *Performer: linear attention by random projections*
    (``performer``).

    Parameters
    ----------
    n, d, m : int
        Sequence length, head size, number of features.

    Returns
    -------
    dict
        ``{"exact": 4 n^2 d, "favor": 8 n m d}``.

    Raises
    ------
    ValueError
        If an argument is not a positive integer.

    Examples
    --------
    >>> flop_counts(512, 64, 256)
    {'exact': 67108864, 'favor': 67108864}
    """
    n, d, m = _check_int(n, "n"), _check_int(d, "d"), _check_int(m, "m")
    return {"exact": 4 * n * n * d, "favor": 8 * n * m * d}


def crossover_length(n: npt.ArrayLike, ratio: npt.ArrayLike) -> float:
    """Sequence length where a measured time ratio time(FAVOR+)/time(exact) crosses 1.

    Fits :math:`\\log(\\text{ratio}) = a + b\\log n` with the Theil–Sen estimator
    (``scipy.stats.theilslopes``: median of pairwise slopes, robust to a few timings
    spoiled by a busy machine) and returns :math:`e^{-a/b}`.

    Explained in the article *Performer: linear attention by random projections*
    (``performer``).

    Parameters
    ----------
    n : array_like
        Increasing sequence lengths (positive).
    ratio : array_like
        Positive ratios, same length.

    Returns
    -------
    float
        The fitted crossing; ``nan`` if the fitted ratio does not decrease with ``n``.

    Raises
    ------
    ValueError
        If the inputs are not 1-D of equal length >= 2, not positive, or ``n`` is not increasing.

    Examples
    --------
    >>> round(crossover_length([100, 400], [2.0, 0.5]), 6)
    200.0
    """
    n, ratio = np.asarray(n, dtype=float), np.asarray(ratio, dtype=float)
    if n.ndim != 1 or n.shape != ratio.shape or n.size < 2:
        raise ValueError(f"n and ratio must be 1-D of equal length >= 2, got {n.shape} and {ratio.shape}")
    if np.any(n <= 0) or np.any(ratio <= 0) or np.any(np.diff(n) <= 0):
        raise ValueError("n must be positive and increasing, and ratio positive")
    fit = scipy.stats.theilslopes(np.log(ratio), np.log(n))
    if not fit.slope < 0:
        return float("nan")
    return float(np.exp(-fit.intercept / fit.slope))
