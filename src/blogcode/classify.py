"""A toy linear classifier whose output normaliser can be swapped.

Used to test claims about normalisers (softmax against the Taylor softmax): Gaussian
classes in the plane, a linear model trained by full-batch gradient descent, and the
usual measures of fit and calibration (accuracy, negative log-likelihood, expected
calibration error, reliability curve).

Explained in the article *Even Taylor polynomials of the exponential are positive*
(``taylor-exp-positive``).
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass

import numpy as np
import scipy.special

from blogcode.taylor import exp_taylor_minimum, taylor_softmax, taylor_softmax_nll_grad

__all__ = ["Dataset", "FitResult", "gaussian_blobs", "train_linear_classifier",
           "expected_calibration_error", "reliability_curve"]


@dataclass(frozen=True)
class Dataset:
    """Training and test points with integer labels.

    Explained in the article *Even Taylor polynomials of the exponential are positive*
    (``taylor-exp-positive``).

    Attributes
    ----------
    x_train, x_test : numpy.ndarray
        Points, shape ``(size, 2)``.
    y_train, y_test : numpy.ndarray
        Integer labels in ``[0, n_classes)``, shape ``(size,)``.
    """

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray

    @property
    def n_classes(self) -> int:
        return int(max(self.y_train.max(), self.y_test.max()) + 1)


@dataclass(frozen=True)
class FitResult:
    """Test-set measures of a trained classifier (and its test probabilities).

    Explained in the article *Even Taylor polynomials of the exponential are positive*
    (``taylor-exp-positive``).

    Attributes
    ----------
    accuracy : float
        Fraction of test points whose most probable class is the label.
    nll : float
        Mean negative log-likelihood of the test labels.
    ece : float
        Expected calibration error, 10 equal-width confidence bins.
    mean_confidence : float
        Mean of the largest predicted probability.
    frac_below_argmin : float
        Fraction of all test logits below :math:`x_n^*` (on the decreasing branch of
        :math:`f_n`, or clamped); 0 for the softmax.
    probabilities : numpy.ndarray
        Test probabilities, shape ``(size, classes)``.
    labels : numpy.ndarray
        Test labels.
    """

    accuracy: float
    nll: float
    ece: float
    mean_confidence: float
    frac_below_argmin: float
    probabilities: np.ndarray
    labels: np.ndarray


def _check_positive_int(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
        raise ValueError(f"{name} must be a positive integer, got {value!r}")
    return int(value)


def gaussian_blobs(n_per_class: int, n_classes: int, rng: np.random.Generator,
                   spread: float = 1.6, noise: float = 1.0) -> Dataset:
    """Gaussian classes in the plane with a shared covariance, split half/half.

    Class ``c`` has mean ``spread * (cos, sin)(2 pi c / n_classes)`` and covariance
    ``noise**2 * I``: the Bayes-optimal classifier is linear, so softmax regression is
    the correct model.

    Explained in the article *Even Taylor polynomials of the exponential are positive*
    (``taylor-exp-positive``).

    Parameters
    ----------
    n_per_class : int
        Points per class (half for training, half for testing), at least 2.
    n_classes : int
        Number of classes, at least 2.
    rng : numpy.random.Generator
        The source of randomness.
    spread, noise : float, optional
        Distance of the means from the origin, and the standard deviation.

    Returns
    -------
    Dataset

    Raises
    ------
    ValueError
        If a count is too small or a scale is not positive.
    TypeError
        If ``rng`` is not a numpy Generator.

    Examples
    --------
    >>> d = gaussian_blobs(10, 3, np.random.default_rng(0))
    >>> d.x_train.shape, d.n_classes
    ((15, 2), 3)
    """
    n_per_class = _check_positive_int("n_per_class", n_per_class)
    n_classes = _check_positive_int("n_classes", n_classes)
    if n_per_class < 2 or n_classes < 2:
        raise ValueError(f"need n_per_class >= 2 and n_classes >= 2, got {n_per_class}, {n_classes}")
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy.random.Generator, got {type(rng).__name__}")
    if not (spread > 0 and noise > 0):
        raise ValueError(f"spread and noise must be positive, got {spread}, {noise}")
    angles = 2 * np.pi * np.arange(n_classes) / n_classes
    means = spread * np.stack([np.cos(angles), np.sin(angles)], axis=1)
    y = np.repeat(np.arange(n_classes), n_per_class)
    x = means[y] + noise * rng.standard_normal((y.size, 2))
    order = rng.permutation(y.size)
    x, y = x[order], y[order]
    half = y.size // 2
    return Dataset(x[:half], y[:half], x[half:], y[half:])


def expected_calibration_error(probabilities: np.ndarray, labels: np.ndarray, bins: int = 10) -> float:
    """Expected calibration error with equal-width confidence bins.

    :math:`\\sum_b \\frac{|B_b|}{N}\\,|\\mathrm{acc}(B_b) - \\mathrm{conf}(B_b)|` over the
    bins :math:`B_b` of the top-class confidence.

    Explained in the article *Even Taylor polynomials of the exponential are positive*
    (``taylor-exp-positive``).

    Parameters
    ----------
    probabilities : numpy.ndarray
        Predicted probabilities, shape ``(batch, classes)``.
    labels : numpy.ndarray
        Integer labels in ``[0, classes)``, shape ``(batch,)``.
    bins : int, optional
        Number of equal-width bins on :math:`[0, 1]`.

    Returns
    -------
    float
        The ECE, in :math:`[0, 1]`.

    Raises
    ------
    ValueError
        If the shapes do not match, the labels are out of range or ``bins < 1``.

    References
    ----------
    * C. Guo, G. Pleiss, Y. Sun and K. Q. Weinberger, "On Calibration of Modern
      Neural Networks", ICML 2017.

    Examples
    --------
    >>> expected_calibration_error(np.array([[0.9, 0.1], [0.6, 0.4]]), np.array([0, 1]))
    0.35
    """
    conf, acc, weight = _bin_stats(probabilities, labels, bins)
    return float(np.sum(weight * np.abs(conf - acc)))


def _bin_stats(probabilities: np.ndarray, labels: np.ndarray, bins: int) -> tuple[np.ndarray, ...]:
    bins = _check_positive_int("bins", bins)
    p = np.asarray(probabilities, dtype=float)
    y = np.asarray(labels)
    if p.ndim != 2 or y.shape != (p.shape[0],):
        raise ValueError(f"need probabilities (batch, classes) and labels (batch,), got {p.shape}, {y.shape}")
    if not np.issubdtype(y.dtype, np.integer) or np.any((y < 0) | (y >= p.shape[1])):
        raise ValueError(f"labels must be integers in [0, {p.shape[1]}), got {y!r}")
    confidence = p.max(axis=1)
    correct = (p.argmax(axis=1) == y).astype(float)
    index = np.minimum((confidence * bins).astype(int), bins - 1)
    counts = np.bincount(index, minlength=bins)
    used = counts > 0
    conf = np.bincount(index, confidence, minlength=bins)[used] / counts[used]
    acc = np.bincount(index, correct, minlength=bins)[used] / counts[used]
    return conf, acc, counts[used] / y.size


def reliability_curve(result: FitResult, bins: int = 10) -> tuple[np.ndarray, np.ndarray]:
    """Mean confidence and accuracy of the non-empty confidence bins of a fit.

    Explained in the article *Even Taylor polynomials of the exponential are positive*
    (``taylor-exp-positive``).

    Parameters
    ----------
    result : FitResult
        A fit from :func:`train_linear_classifier`.
    bins : int, optional
        Number of equal-width confidence bins.

    Returns
    -------
    confidence, accuracy : numpy.ndarray
        Mean confidence and accuracy of each non-empty bin, in increasing confidence.

    Raises
    ------
    ValueError
        If ``bins < 1``.

    Examples
    --------
    >>> r = FitResult(1.0, 0.1, 0.1, 0.9, 0.0, np.array([[0.9, 0.1]]), np.array([0]))
    >>> reliability_curve(r)
    (array([0.9]), array([1.]))
    """
    conf, acc, _ = _bin_stats(result.probabilities, result.labels, bins)
    return conf, acc


def train_linear_classifier(data: Dataset, kind: str = "softmax", n: int = 2, clamp: bool = False,
                            steps: int = 600, lr: float = 0.5) -> FitResult:
    """Fit a linear classifier by full-batch gradient descent; measure it on the test set.

    The weights start at zero (so the run is deterministic); the loss is the mean
    cross-entropy of the chosen normaliser.

    Explained in the article *Even Taylor polynomials of the exponential are positive*
    (``taylor-exp-positive``).

    Parameters
    ----------
    data : Dataset
    kind : {"softmax", "taylor"}
        The normaliser.
    n : int, optional
        Even degree of the Taylor softmax.
    clamp : bool, optional
        Use the clamped (monotone) Taylor softmax.
    steps : int, optional
        Gradient steps.
    lr : float, optional
        Learning rate, positive.

    Returns
    -------
    FitResult

    Raises
    ------
    ValueError
        If ``kind`` is unknown, or ``steps`` or ``lr`` are not positive.

    Examples
    --------
    >>> d = gaussian_blobs(50, 3, np.random.default_rng(1))
    >>> r = train_linear_classifier(d, "softmax", steps=200)
    >>> bool(r.accuracy > 0.6)
    True
    """
    if kind not in ("softmax", "taylor"):
        raise ValueError(f"kind must be 'softmax' or 'taylor', got {kind!r}")
    steps = _check_positive_int("steps", steps)
    if not lr > 0:
        raise ValueError(f"lr must be positive, got {lr!r}")
    k = data.n_classes
    xb = np.hstack([data.x_train, np.ones((data.x_train.shape[0], 1))])
    weights = np.zeros((xb.shape[1], k))
    rows = np.arange(xb.shape[0])
    for _ in range(steps):
        logits = xb @ weights
        if kind == "softmax":
            grad_z = scipy.special.softmax(logits, axis=1)
            grad_z[rows, data.y_train] -= 1.0
            grad_z /= xb.shape[0]
        else:
            _, grad_z = taylor_softmax_nll_grad(logits, data.y_train, n=n, clamp=clamp)
        weights -= lr * xb.T @ grad_z
    xt = np.hstack([data.x_test, np.ones((data.x_test.shape[0], 1))])
    logits = xt @ weights
    if kind == "softmax":
        p = scipy.special.softmax(logits, axis=1)
        below = 0.0
    else:
        p = taylor_softmax(logits, n=n, clamp=clamp)
        below = float(np.mean(logits < exp_taylor_minimum(n)[0]))
    y = data.y_test
    return FitResult(
        accuracy=float(np.mean(p.argmax(axis=1) == y)),
        nll=float(-np.mean(np.log(p[np.arange(y.size), y]))),
        ece=expected_calibration_error(p, y),
        mean_confidence=float(p.max(axis=1).mean()),
        frac_below_argmin=below,
        probabilities=p,
        labels=y,
    )
