"""Threshold neurons, tiny multilayer perceptrons and linear autoencoders.

Small, exact versions of the informal statements of an essay on neural networks: sign
neurons as logic gates, a two-layer sign network as a composite function, XOR needing a
hidden layer, a sigmoid network trained by gradient descent, feature regression, polynomial
overfitting, and a linear autoencoder that recovers the principal subspace.

Every function is explained in the article *Neural networks as composite functions: a chat,
checked* (``neural-networks-chat``).

References
----------
* Su Jianlin, "闲聊：神经网络与深度学习", Scientific Spaces, 2015,
  https://kexue.fm/archives/3331
* W. S. McCulloch and W. Pitts, "A logical calculus of the ideas immanent in nervous
  activity", Bull. Math. Biophys. 5 (1943) 115-133.
* P. Baldi and K. Hornik, "Neural networks and principal component analysis: learning from
  examples without local minima", Neural Networks 2 (1989) 53-58.
"""

from __future__ import annotations

import itertools
import numbers
from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt
import scipy.optimize
import scipy.special

from blogcode._checks import check_rng as _check_rng

__all__ = [
    "sign",
    "sigmoid",
    "logic_gate",
    "threshold_neuron",
    "sign_network",
    "xor_sign_network",
    "boolean_sign_network",
    "is_linearly_separable",
    "fit_least_squares",
    "polynomial_fit_errors",
    "runge",
    "train_mlp",
    "mlp_predict",
    "dense_parameter_count",
    "make_letter_images",
    "linear_autoencoder",
    "train_linear_autoencoder",
]

Layer = tuple[np.ndarray, np.ndarray]

_GATES: dict[str, tuple[tuple[float, ...], float]] = {
    "AND": ((1.0, 1.0), -1.0),
    "OR": ((1.0, 1.0), 1.0),
    "NAND": ((-1.0, -1.0), 1.0),
    "NOR": ((-1.0, -1.0), -1.0),
    "NOT": ((-1.0,), 0.0),
}

# 5x5 glyphs, upscaled to 10x10 by make_letter_images ("#" = ink).
_GLYPHS: dict[str, tuple[str, ...]] = {
    "A": (".###.", "#...#", "#####", "#...#", "#...#"),
    "B": ("####.", "#...#", "####.", "#...#", "####."),
    "C": (".####", "#....", "#....", "#....", ".####"),
    "D": ("####.", "#...#", "#...#", "#...#", "####."),
    "E": ("#####", "#....", "####.", "#....", "#####"),
    "X": ("#...#", ".#.#.", "..#..", ".#.#.", "#...#"),
}


def _check_positive_int(value: object, name: str, minimum: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {value!r} of type {type(value).__name__}")
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    return int(value)

def _as_2d(X: npt.ArrayLike, name: str = "X") -> np.ndarray:
    arr = np.asarray(X, dtype=float)
    if arr.ndim == 1:
        arr = arr[:, None]
    if arr.ndim != 2 or arr.shape[0] == 0:
        raise ValueError(f"{name} must be a non-empty 1-D or 2-D array, got shape {arr.shape}")
    return arr


def sign(x: npt.ArrayLike) -> np.ndarray:
    """The essay's activation: :math:`\\theta(x) = 1` for ``x >= 0`` and ``-1`` otherwise.

    Explained in the article ``neural-networks-chat``. Unlike ``numpy.sign``, the value
    at 0 is ``1``, never ``0``.

    Parameters
    ----------
    x : array_like
        Real input.

    Returns
    -------
    numpy.ndarray
        Array of ``1.0`` and ``-1.0`` of the shape of ``x``.

    Examples
    --------
    >>> sign([-2.0, 0.0, 3.0])
    array([-1.,  1.,  1.])
    """
    return np.where(np.asarray(x, dtype=float) >= 0, 1.0, -1.0)


def sigmoid(x: npt.ArrayLike, k: float = 1.0) -> np.ndarray:
    """The logistic function :math:`S(x) = 1/(1 + e^{-kx})`, computed stably.

    Explained in the article ``neural-networks-chat``.

    Parameters
    ----------
    x : array_like
        Real input.
    k : float, optional
        Steepness, ``k > 0``; as ``k -> inf`` the curve tends to the 0/1 step.

    Returns
    -------
    numpy.ndarray
        Values in ``[0, 1]``.

    Raises
    ------
    ValueError
        If ``k`` is not a positive finite number.

    Examples
    --------
    >>> sigmoid([0.0, 1000.0, -1000.0])
    array([0.5, 1. , 0. ])
    """
    if not np.isfinite(k) or k <= 0:
        raise ValueError(f"the steepness k must be a positive finite number, got {k!r}")
    return scipy.special.expit(k * np.asarray(x, dtype=float))


def logic_gate(name: str) -> tuple[np.ndarray, float]:
    """Weights and bias of one sign neuron computing a logic gate on ``{-1, +1}`` inputs.

    Explained in the article ``neural-networks-chat``. Truth is encoded as ``+1`` and
    falsehood as ``-1``, the two values of :func:`sign`.

    Parameters
    ----------
    name : {"AND", "OR", "NAND", "NOR", "NOT"}
        The gate (case-insensitive).

    Returns
    -------
    w : numpy.ndarray
        Weights, of length 2 (length 1 for ``NOT``).
    b : float
        Bias.

    Raises
    ------
    ValueError
        If ``name`` is not one of the gates above.

    Examples
    --------
    >>> w, b = logic_gate("AND")
    >>> threshold_neuron(w, b)([[1, 1], [1, -1], [-1, 1], [-1, -1]])
    array([ 1., -1., -1., -1.])
    """
    key = str(name).upper()
    if key not in _GATES:
        raise ValueError(f"unknown gate {name!r}; allowed: {sorted(_GATES)}")
    w, b = _GATES[key]
    return np.array(w), b


def threshold_neuron(w: npt.ArrayLike, b: float = 0.0) -> Callable[[npt.ArrayLike], np.ndarray]:
    """A McCulloch-Pitts style neuron :math:`x \\mapsto \\theta(w \\cdot x + b)`.

    Explained in the article ``neural-networks-chat``.

    Parameters
    ----------
    w : array_like
        Weight vector of length ``d``.
    b : float, optional
        Bias (threshold with the opposite sign).

    Returns
    -------
    callable
        Maps an ``(n, d)`` array (or one point of length ``d``) to ``n`` values in ``{-1, 1}``.

    Raises
    ------
    ValueError
        If ``w`` is not a non-empty vector.

    Examples
    --------
    >>> threshold_neuron([-1.0])([[1.0], [-1.0]])
    array([-1.,  1.])
    """
    wv = np.asarray(w, dtype=float)
    if wv.ndim != 1 or wv.size == 0:
        raise ValueError(f"w must be a non-empty 1-D vector, got shape {wv.shape}")
    bias = float(b)

    def neuron(X: npt.ArrayLike) -> np.ndarray:
        Xa = np.atleast_2d(np.asarray(X, dtype=float))
        return sign(Xa @ wv + bias)

    return neuron


def sign_network(X: npt.ArrayLike, layers: Sequence[tuple[npt.ArrayLike, npt.ArrayLike]]) -> np.ndarray:
    """Evaluate a feed-forward network with the sign activation after every layer.

    Explained in the article ``neural-networks-chat``. With two layers this is the essay's
    composite :math:`\\theta(\\sum_j w^{(2)}_{k,j}\\theta(\\sum_i w^{(1)}_{j,i} x_i + b_j) + c_k)`.

    Parameters
    ----------
    X : array_like
        Inputs, shape ``(n, d)``.
    layers : sequence of tuple
        ``W`` of shape ``(d_out, d_in)`` and ``b`` of length ``d_out`` for each layer.

    Returns
    -------
    numpy.ndarray
        Outputs in ``{-1, 1}``, shape ``(n, d_out)`` of the last layer.

    Raises
    ------
    ValueError
        If there are no layers or the shapes do not chain.

    Examples
    --------
    >>> sign_network([[1, -1]], xor_sign_network())
    array([[1.]])
    """
    if len(layers) == 0:
        raise ValueError("layers must contain at least one (W, b) pair, got none")
    h = np.atleast_2d(np.asarray(X, dtype=float))
    for i, (W, b) in enumerate(layers):
        Wa, ba = np.atleast_2d(np.asarray(W, dtype=float)), np.atleast_1d(np.asarray(b, dtype=float))
        if Wa.shape[1] != h.shape[1] or ba.shape != (Wa.shape[0],):
            raise ValueError(
                f"layer {i}: W of shape {Wa.shape} and b of shape {ba.shape} do not fit an input "
                f"of width {h.shape[1]}"
            )
        h = sign(h @ Wa.T + ba)
    return h


def xor_sign_network() -> list[Layer]:
    """Hand-set weights of a 2-2-1 sign network computing XOR on ``{-1, +1}`` inputs.

    Explained in the article ``neural-networks-chat``: hidden units OR and NAND, output AND,
    since :math:`a \\oplus b = (a \\lor b) \\land \\lnot(a \\land b)`.

    Returns
    -------
    list of tuple
        The two layers, for :func:`sign_network`.

    Examples
    --------
    >>> sign_network([[1, 1], [1, -1], [-1, 1], [-1, -1]], xor_sign_network()).ravel()
    array([-1.,  1.,  1., -1.])
    """
    (w_or, b_or), (w_nand, b_nand), (w_and, b_and) = (logic_gate(g) for g in ("OR", "NAND", "AND"))
    return [(np.vstack([w_or, w_nand]), np.array([b_or, b_nand])), (w_and[None, :], np.array([b_and]))]


def boolean_sign_network(truth_table: npt.ArrayLike) -> list[Layer]:
    """A two-layer sign network computing any Boolean function (disjunctive normal form).

    Explained in the article ``neural-networks-chat``. One hidden unit per input pattern
    with output ``+1`` fires only on that pattern; the output unit is their OR.

    Parameters
    ----------
    truth_table : array_like
        ``2**m`` values in ``{-1, 1}``: the output for the inputs of
        ``itertools.product([-1, 1], repeat=m)``, in that order.

    Returns
    -------
    list of tuple
        Two layers for :func:`sign_network`.

    Raises
    ------
    ValueError
        If the length is not a power of two >= 2 or a value is not -1 or 1.

    Examples
    --------
    >>> net = boolean_sign_network([-1, 1, 1, -1])  # XOR
    >>> sign_network([[-1, -1], [-1, 1], [1, -1], [1, 1]], net).ravel()
    array([-1.,  1.,  1., -1.])
    """
    t = np.asarray(truth_table, dtype=float).ravel()
    m = int(round(np.log2(t.size))) if t.size else 0
    if t.size < 2 or 2**m != t.size:
        raise ValueError(f"the truth table needs 2**m >= 2 entries, got {t.size}")
    if not np.all(np.isin(t, (-1.0, 1.0))):
        raise ValueError(f"truth-table values must be -1 or 1, got {np.unique(t)}")
    patterns = np.array(list(itertools.product([-1.0, 1.0], repeat=m)))
    on = patterns[t > 0]
    if on.size == 0:  # constant false: one unit that never fires
        return [(np.zeros((1, m)), np.array([-1.0])), (np.ones((1, 1)), np.array([-1.0]))]
    W1 = on  # w . x = m exactly on the pattern, <= m - 2 elsewhere
    b1 = np.full(len(on), -(m - 1.0))
    W2 = np.ones((1, len(on)))
    b2 = np.array([len(on) - 1.0])  # OR of +-1 inputs
    return [(W1, b1), (W2, b2)]


def is_linearly_separable(X: npt.ArrayLike, y: npt.ArrayLike) -> bool:
    """Whether one threshold neuron can split the points: a linear-programming feasibility test.

    Explained in the article ``neural-networks-chat``. Searches ``(w, b)`` with
    :math:`y_i (w \\cdot x_i + b) \\ge 1` for all ``i`` using ``scipy.optimize.linprog``.

    Parameters
    ----------
    X : array_like
        Points, shape ``(n, d)``.
    y : array_like
        Labels in ``{-1, 1}``, length ``n``.

    Returns
    -------
    bool
        ``True`` if a separating hyperplane exists.

    Raises
    ------
    ValueError
        If the shapes disagree or labels are not -1/1.

    Examples
    --------
    >>> corners = [[-1, -1], [-1, 1], [1, -1], [1, 1]]
    >>> is_linearly_separable(corners, [-1, -1, -1, 1]), is_linearly_separable(corners, [-1, 1, 1, -1])
    (True, False)
    """
    Xa = _as_2d(X)
    ya = np.asarray(y, dtype=float).ravel()
    if ya.shape != (Xa.shape[0],):
        raise ValueError(f"y must have one label per row of X ({Xa.shape[0]}), got {ya.shape}")
    if not np.all(np.isin(ya, (-1.0, 1.0))):
        raise ValueError(f"labels must be -1 or 1, got {np.unique(ya)}")
    A = -ya[:, None] * np.hstack([Xa, np.ones((Xa.shape[0], 1))])
    res = scipy.optimize.linprog(np.zeros(Xa.shape[1] + 1), A_ub=A, b_ub=-np.ones(len(ya)),
                                 bounds=[(None, None)] * (Xa.shape[1] + 1), method="highs")
    return bool(res.status == 0)


def fit_least_squares(features: npt.ArrayLike, y: npt.ArrayLike, *, intercept: bool = True
                      ) -> tuple[np.ndarray, float]:
    """Least-squares fit of ``y`` on the columns of ``features``.

    Explained in the article ``neural-networks-chat`` (the :math:`y = x^2 + x` example).

    Parameters
    ----------
    features : array_like
        Shape ``(n,)`` or ``(n, p)``.
    y : array_like
        Targets, length ``n``.
    intercept : bool, optional
        Prepend a column of ones (its coefficient comes first).

    Returns
    -------
    coef : numpy.ndarray
        Fitted coefficients.
    rss : float
        Residual sum of squares.

    Raises
    ------
    ValueError
        If the lengths differ.

    Examples
    --------
    >>> x = np.array([-1.0, 0.0, 1.0])
    >>> coef, rss = fit_least_squares(x, x**2 + x)
    >>> np.round(coef, 6), round(rss, 6)
    (array([0.666667, 1.      ]), 0.666667)
    """
    F = _as_2d(features, "features")
    ya = np.asarray(y, dtype=float).ravel()
    if ya.shape != (F.shape[0],):
        raise ValueError(f"y must have {F.shape[0]} entries like features, got {ya.shape}")
    if intercept:
        F = np.hstack([np.ones((F.shape[0], 1)), F])
    coef, *_ = np.linalg.lstsq(F, ya, rcond=None)
    return coef, float(np.sum((F @ coef - ya) ** 2))


def runge(x: npt.ArrayLike) -> np.ndarray:
    """Runge's function :math:`1/(1 + 25x^2)`.

    Explained in the article ``neural-networks-chat``.

    Examples
    --------
    >>> runge([0.0, 0.2])
    array([1. , 0.5])
    """
    xa = np.asarray(x, dtype=float)
    return 1.0 / (1.0 + 25.0 * xa**2)


def polynomial_fit_errors(degrees: Sequence[int], n_train: int = 21, n_test: int = 2001,
                          f: Callable[[np.ndarray], np.ndarray] = runge) -> tuple[np.ndarray, np.ndarray]:
    """Training and test RMS errors of least-squares polynomial fits on equispaced points.

    Explained in the article ``neural-networks-chat``. The fit uses a Chebyshev basis
    (``numpy.polynomial.Chebyshev.fit``) for conditioning; the fitted polynomial is the
    same as in the monomial basis. Degree ``n_train - 1`` interpolates.

    Parameters
    ----------
    degrees : sequence of int
        Degrees, each between 0 and ``n_train - 1``.
    n_train : int, optional
        Number of equispaced training points on ``[-1, 1]``.
    n_test : int, optional
        Number of equispaced test points on ``[-1, 1]``.
    f : callable, optional
        The target function (default :func:`runge`).

    Returns
    -------
    train_rms, test_rms : numpy.ndarray
        One value per degree.

    Raises
    ------
    ValueError
        If a degree is outside ``[0, n_train - 1]``.

    Examples
    --------
    >>> tr, te = polynomial_fit_errors([2, 20])
    >>> bool(tr[1] < 1e-8 < te[0] < te[1])
    True
    """
    n_train = _check_positive_int(n_train, "n_train", 2)
    n_test = _check_positive_int(n_test, "n_test", 2)
    degs = [int(d) for d in degrees]
    if not degs or any(d < 0 or d > n_train - 1 for d in degs):
        raise ValueError(f"degrees must lie in [0, {n_train - 1}], got {list(degrees)}")
    xt, xs = np.linspace(-1, 1, n_train), np.linspace(-1, 1, n_test)
    yt, ys = f(xt), f(xs)
    train, test = [], []
    for d in degs:
        p = np.polynomial.Chebyshev.fit(xt, yt, d)
        train.append(np.sqrt(np.mean((p(xt) - yt) ** 2)))
        test.append(np.sqrt(np.mean((p(xs) - ys) ** 2)))
    return np.array(train), np.array(test)


def _mlp_forward(params: dict[str, np.ndarray], X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    h = scipy.special.expit(X @ params["W1"].T + params["b1"])
    out = scipy.special.expit(h @ params["W2"].T + params["b2"])
    return h, out


def mlp_predict(params: dict[str, np.ndarray], X: npt.ArrayLike) -> np.ndarray:
    """Output in ``(0, 1)`` of a one-hidden-layer sigmoid network from :func:`train_mlp`.

    Explained in the article ``neural-networks-chat``.

    Parameters
    ----------
    params : dict
        Keys ``W1``, ``b1``, ``W2``, ``b2``.
    X : array_like
        Inputs, shape ``(n, d)``.

    Returns
    -------
    numpy.ndarray
        Shape ``(n,)``.

    Raises
    ------
    ValueError
        If a parameter is missing.

    Examples
    --------
    >>> p = {"W1": np.zeros((1, 2)), "b1": np.zeros(1), "W2": np.zeros((1, 1)), "b2": np.zeros(1)}
    >>> mlp_predict(p, [[0.0, 0.0]])
    array([0.5])
    """
    missing = {"W1", "b1", "W2", "b2"} - set(params)
    if missing:
        raise ValueError(f"params lacks {sorted(missing)}; it needs W1, b1, W2, b2")
    return _mlp_forward(params, _as_2d(X))[1][:, 0]


def train_mlp(X: npt.ArrayLike, y: npt.ArrayLike, *, hidden: int = 4, lr: float = 2.0,
              steps: int = 3000, rng: np.random.Generator) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Train a ``d``-``hidden``-1 sigmoid network on squared error by full-batch gradient descent.

    Explained in the article ``neural-networks-chat``. The gradient is written out by hand
    (back-propagation); the loss is :math:`\\frac{1}{2n}\\sum_i (\\hat y_i - y_i)^2`.

    Parameters
    ----------
    X : array_like
        Inputs, shape ``(n, d)``.
    y : array_like
        Targets in ``[0, 1]``, length ``n``.
    hidden : int, optional
        Number of hidden units.
    lr : float, optional
        Step size, positive.
    steps : int, optional
        Number of gradient steps.
    rng : numpy.random.Generator
        Source of the initial weights (standard normal).

    Returns
    -------
    params : dict
        ``W1`` ``(hidden, d)``, ``b1``, ``W2`` ``(1, hidden)``, ``b2``.
    losses : numpy.ndarray
        Loss before each step, length ``steps``.

    Raises
    ------
    ValueError
        If shapes disagree, ``lr`` is not positive, or targets leave ``[0, 1]``.
    TypeError
        If ``hidden`` or ``steps`` is not an integer or ``rng`` is not a Generator.

    Examples
    --------
    >>> X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    >>> params, losses = train_mlp(X, [0, 1, 1, 0], rng=np.random.default_rng(0))
    >>> np.round(mlp_predict(params, X)).astype(int)
    array([0, 1, 1, 0])
    """
    Xa = _as_2d(X)
    ya = np.asarray(y, dtype=float).ravel()
    if ya.shape != (Xa.shape[0],):
        raise ValueError(f"y must have one target per row of X ({Xa.shape[0]}), got {ya.shape}")
    if np.any((ya < 0) | (ya > 1)):
        raise ValueError("targets must lie in [0, 1] (the range of the sigmoid output)")
    hidden = _check_positive_int(hidden, "hidden")
    steps = _check_positive_int(steps, "steps")
    if not np.isfinite(lr) or lr <= 0:
        raise ValueError(f"lr must be a positive finite number, got {lr!r}")
    rng = _check_rng(rng)
    n, d = Xa.shape
    p = {"W1": rng.standard_normal((hidden, d)), "b1": rng.standard_normal(hidden),
         "W2": rng.standard_normal((1, hidden)), "b2": rng.standard_normal(1)}
    losses = np.empty(steps)
    for t in range(steps):
        h, out = _mlp_forward(p, Xa)
        err = out[:, 0] - ya
        losses[t] = 0.5 * np.mean(err**2)
        d_out = (err * out[:, 0] * (1 - out[:, 0]))[:, None] / n  # dL/d(pre-activation)
        d_h = (d_out @ p["W2"]) * h * (1 - h)
        p["W2"] -= lr * d_out.T @ h
        p["b2"] -= lr * d_out.sum(axis=0)
        p["W1"] -= lr * d_h.T @ Xa
        p["b1"] -= lr * d_h.sum(axis=0)
    return p, losses


def dense_parameter_count(n_in: int, n_out: int, *, bias: bool = False) -> int:
    """Number of parameters of a fully connected layer ``n_in -> n_out``.

    Explained in the article ``neural-networks-chat``.

    Parameters
    ----------
    n_in, n_out : int
        Layer widths, positive.
    bias : bool, optional
        Count one bias per output unit.

    Returns
    -------
    int

    Raises
    ------
    TypeError
        If a width is not an integer.
    ValueError
        If a width is not positive.

    Examples
    --------
    >>> dense_parameter_count(10**6, 10**6)
    1000000000000
    """
    n_in = _check_positive_int(n_in, "n_in")
    n_out = _check_positive_int(n_out, "n_out")
    return n_in * n_out + (n_out if bias else 0)


def make_letter_images(letters: str = "ABCD", n_per: int = 200, *, noise: float = 0.1,
                       rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Noisy 10x10 images of letters drawn on one fixed random background.

    Explained in the article ``neural-networks-chat``. Each 5x5 glyph is doubled to 10x10;
    ink pixels are set to 1, the others keep the background (uniform on ``[0, 0.6]``, drawn
    once); then Gaussian noise of standard deviation ``noise`` is added to every pixel.

    Parameters
    ----------
    letters : str, optional
        Letters from ``"ABCDEX"``, each at most once.
    n_per : int, optional
        Images per letter.
    noise : float, optional
        Noise standard deviation, ``>= 0``.
    rng : numpy.random.Generator
        Source of the background and the noise.

    Returns
    -------
    X : numpy.ndarray
        Shape ``(len(letters) * n_per, 100)``.
    labels : numpy.ndarray
        Index of the letter of each row.
    background : numpy.ndarray
        The background, shape ``(100,)``.
    varying : numpy.ndarray
        Boolean mask, shape ``(100,)``: pixels where the clean letters differ.

    Raises
    ------
    ValueError
        If a letter is unknown or repeated, or ``noise < 0``.

    Examples
    --------
    >>> X, labels, bg, varying = make_letter_images("AB", 3, rng=np.random.default_rng(0))
    >>> X.shape, labels.tolist(), int(varying.sum())
    ((6, 100), [0, 0, 0, 1, 1, 1], 24)
    """
    if not letters or any(c not in _GLYPHS for c in letters) or len(set(letters)) != len(letters):
        raise ValueError(f"letters must be distinct characters from {''.join(_GLYPHS)}, got {letters!r}")
    n_per = _check_positive_int(n_per, "n_per")
    if not np.isfinite(noise) or noise < 0:
        raise ValueError(f"noise must be a finite number >= 0, got {noise!r}")
    rng = _check_rng(rng)
    background = rng.uniform(0.0, 0.6, 100)
    clean = []
    for c in letters:
        ink = np.array([[ch == "#" for ch in row] for row in _GLYPHS[c]])
        ink = np.kron(ink, np.ones((2, 2), dtype=bool)).ravel()
        clean.append(np.where(ink, 1.0, background))
    clean_arr = np.array(clean)
    varying = np.ptp(clean_arr, axis=0) > 0
    labels = np.repeat(np.arange(len(letters)), n_per)
    X = clean_arr[labels] + noise * rng.standard_normal((labels.size, 100))
    return X, labels, background, varying


def linear_autoencoder(X: npt.ArrayLike, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The optimal linear autoencoder with a ``k``-unit bottleneck, in closed form (SVD).

    Explained in the article ``neural-networks-chat``. By the Eckart-Young theorem the best
    rank-``k`` reconstruction of the centred data projects onto its top ``k`` right singular
    vectors; the biases are the mean.

    Parameters
    ----------
    X : array_like
        Data, shape ``(n, d)``.
    k : int
        Bottleneck width, ``1 <= k <= min(n, d)``.

    Returns
    -------
    mean : numpy.ndarray
        Shape ``(d,)``, the decoder bias.
    V : numpy.ndarray
        Shape ``(d, k)``, orthonormal; the encoder is ``V.T (x - mean)``, the decoder
        ``mean + V z``.
    recon : numpy.ndarray
        Reconstructions, shape ``(n, d)``.

    Raises
    ------
    ValueError
        If ``k`` is out of range.

    Examples
    --------
    >>> X = np.array([[1.0, 1.0], [2.0, 2.0], [3.0, 3.0]])
    >>> mean, V, recon = linear_autoencoder(X, 1)
    >>> bool(np.allclose(recon, X))
    True
    """
    Xa = _as_2d(X)
    k = _check_positive_int(k, "k")
    if k > min(Xa.shape):
        raise ValueError(f"k must be at most min(n, d) = {min(Xa.shape)}, got {k}")
    mean = Xa.mean(axis=0)
    _, _, Vt = np.linalg.svd(Xa - mean, full_matrices=False)
    V = Vt[:k].T
    return mean, V, mean + (Xa - mean) @ V @ V.T


def train_linear_autoencoder(X: npt.ArrayLike, k: int, *, steps: int = 500, lr: float = 0.5,
                             rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Train a linear autoencoder ``x -> B A (x - mean) + mean`` by gradient descent.

    Explained in the article ``neural-networks-chat``. The loss is the mean squared
    reconstruction error of the centred data; the step is ``lr`` divided by the largest
    eigenvalue of the covariance. Baldi and Hornik showed that every local minimum is global
    and spans the top-``k`` principal subspace, so ``B`` converges to that subspace.

    Parameters
    ----------
    X : array_like
        Data, shape ``(n, d)``.
    k : int
        Bottleneck width.
    steps : int, optional
        Number of gradient steps.
    lr : float, optional
        Relative step size, in ``(0, 1]``.
    rng : numpy.random.Generator
        Source of the small random initial weights.

    Returns
    -------
    A : numpy.ndarray
        Encoder, shape ``(k, d)``.
    B : numpy.ndarray
        Decoder, shape ``(d, k)``.
    losses : numpy.ndarray
        Loss before each step.

    Raises
    ------
    ValueError
        If ``k`` is out of range or ``lr`` not in ``(0, 1]``.

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> X = rng.standard_normal((200, 3)) * [3.0, 1.0, 0.1]
    >>> A, B, losses = train_linear_autoencoder(X, 1, rng=rng)
    >>> bool(abs(B[0, 0]) > 0.99 * np.linalg.norm(B))
    True
    """
    Xa = _as_2d(X)
    k = _check_positive_int(k, "k")
    steps = _check_positive_int(steps, "steps")
    if k > min(Xa.shape):
        raise ValueError(f"k must be at most min(n, d) = {min(Xa.shape)}, got {k}")
    if not 0 < lr <= 1:
        raise ValueError(f"lr must lie in (0, 1], got {lr!r}")
    rng = _check_rng(rng)
    Xc = Xa - Xa.mean(axis=0)
    n, d = Xc.shape
    C = Xc.T @ Xc / n
    eta = lr / np.linalg.eigvalsh(C)[-1]
    A = 0.01 * rng.standard_normal((k, d))
    B = 0.01 * rng.standard_normal((d, k))
    losses = np.empty(steps)
    for t in range(steps):
        R = B @ A - np.eye(d)  # loss = tr(R C R^T)
        losses[t] = float(np.trace(R @ C @ R.T))
        G = 2 * R @ C  # gradient with respect to the product B A
        A, B = A - eta * B.T @ G, B - eta * G @ A.T
    return A, B, losses
