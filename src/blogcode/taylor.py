"""Partial sums of the exponential series and the Taylor softmax.

The degree-``n`` partial sum :math:`f_n(x) = \\sum_{k=0}^n x^k/k!` is positive for every
even ``n``; its minimiser is the real root of :math:`f_{n-1}`. This module gives the
polynomials symbolically (SymPy), numerically (NumPy, mpmath), their minima and the
asymptotics of those minima, and the Taylor softmax built on them.

Every function is explained in the article *Even Taylor polynomials of the exponential
are positive* (``taylor-exp-positive``).

References
----------
* Su Jianlin, "exp(x)在x=0处的偶次泰勒展开式总是正的", Scientific Spaces, 2020,
  https://kexue.fm/archives/7919
* K. Banerjee et al., "Exploring Alternatives to Softmax Function", arXiv:2011.11538.
"""

from __future__ import annotations

import math
import numbers
import warnings
from functools import lru_cache

import mpmath as mp
import numpy as np
import numpy.typing as npt
import scipy.special
import sympy as sp

__all__ = [
    "X",
    "W",
    "exp_taylor",
    "taylor_exp",
    "taylor_exp_mp",
    "exp_taylor_minimum",
    "exp_taylor_minimum_mp",
    "exp_taylor_argmin_asymptotic",
    "exp_taylor_min_asymptotic",
    "exp_taylor_min_ratio",
    "exp_taylor_scaled_zeros",
    "szego_curve",
    "exp_taylor_accuracy_interval",
    "taylor_softmax",
    "taylor_softmax_nll_grad",
]

#: The real symbol in which :func:`exp_taylor` writes its polynomials.
X = sp.Symbol("x", real=True)

#: :math:`W = W_0(1/e) \approx 0.27846`, where Szegő's curve meets the negative axis.
W = 0.2784645427610738


def _check_degree(n: object, *, even: bool = False, minimum: int = 0) -> int:
    """Return ``n`` as an int, or raise ValueError saying what is allowed."""
    if isinstance(n, bool) or not isinstance(n, numbers.Integral):
        raise ValueError(f"the degree n must be an integer, got {n!r} of type {type(n).__name__}")
    n = int(n)
    if n < minimum:
        raise ValueError(f"the degree n must be >= {minimum}, got {n}")
    if even and n % 2:
        raise ValueError(
            f"the degree n must be even, got {n}: an odd-degree polynomial tends to -infinity "
            "as x -> -infinity, so it has no minimum and takes negative values"
        )
    return n


def exp_taylor(n: int, x: sp.Symbol | None = None) -> sp.Expr:
    """The degree-``n`` Taylor polynomial of :math:`e^x` at 0, as a SymPy expression.

    Explained in the article *Even Taylor polynomials of the exponential are positive*
    (``taylor-exp-positive``).

    Parameters
    ----------
    n : int
        The degree, ``n >= 0``.
    x : sympy.Symbol, optional
        The variable; by default the real symbol :data:`X`.

    Returns
    -------
    sympy.Expr
        :math:`\\sum_{k=0}^n x^k/k!` with exact rational coefficients.

    Raises
    ------
    ValueError
        If ``n`` is negative or not an integer.

    Examples
    --------
    >>> exp_taylor(3)
    x**3/6 + x**2/2 + x + 1
    """
    n = _check_degree(n)
    x = X if x is None else x
    return sp.Add(*[x**k / sp.factorial(k) for k in range(n + 1)])


def taylor_exp(x: npt.ArrayLike, n: int) -> np.ndarray:
    """Evaluate :math:`f_n` elementwise in float64 by Horner's rule.

    Beware cancellation for large ``n`` and negative ``x`` (the terms reach
    :math:`e^{|x|}` while the sum is near :math:`e^{-|x|}`): use :func:`taylor_exp_mp` there.

    Explained in the article *Even Taylor polynomials of the exponential are positive*
    (``taylor-exp-positive``).

    Parameters
    ----------
    x : array_like
        Points.
    n : int
        The degree, ``n >= 0``.

    Returns
    -------
    numpy.ndarray
        :math:`f_n(x)`, same shape as ``x``.

    Raises
    ------
    ValueError
        If ``n`` is negative or not an integer.

    Examples
    --------
    >>> taylor_exp([-1.0, 0.0, 2.0], 2)
    array([0.5, 1. , 5. ])
    """
    n = _check_degree(n)
    x = np.asarray(x, dtype=float)
    result = np.full_like(x, 1.0 / math.factorial(n))
    for k in range(n - 1, -1, -1):
        result = result * x + 1.0 / math.factorial(k)
    return result


def taylor_exp_mp(x: float | mp.mpf, n: int, dps: int | None = None) -> mp.mpf:
    """Evaluate :math:`f_n(x)` in mpmath with enough digits to survive cancellation.

    Explained in the article *Even Taylor polynomials of the exponential are positive*
    (``taylor-exp-positive``).

    Parameters
    ----------
    x : float or mpmath.mpf
        The point.
    n : int
        The degree, ``n >= 0``.
    dps : int, optional
        Decimal digits; by default ``30 + |x|`` so that the cancellation of terms of size
        :math:`e^{|x|}` leaves about 30 correct digits.

    Returns
    -------
    mpmath.mpf

    Examples
    --------
    >>> x_star = -28.610816  # near the minimiser of f_100
    >>> print(mp.nstr(taylor_exp_mp(x_star, 100), 6), taylor_exp(x_star, 100) < 0)
    4.81961e-13 True
    """
    n = _check_degree(n)
    digits = int(dps) if dps is not None else 30 + int(abs(float(x)))
    with mp.workdps(digits):
        x = mp.mpf(x)
        total, term = mp.mpf(1), mp.mpf(1)
        for k in range(1, n + 1):
            term = term * x / k
            total += term
        return +total


def exp_taylor_minimum_mp(n: int) -> tuple[mp.mpf, mp.mpf]:
    """Minimiser and minimum of :math:`f_n` (even ``n >= 2``) in high precision.

    The minimiser is the unique real root of :math:`f_{n-1}` (increasing, since its
    derivative :math:`f_{n-2}` is positive), found by Newton's method from the two-term
    asymptotic guess, safeguarded by bisection on the bracket :math:`(-n, 0)`, with
    ``40 + n // 2`` digits; the minimum is :math:`(x_n^*)^n/n!` (the identity
    :math:`f_n - f_n' = x^n/n!`). Results are cached; ``n = 2000`` takes about 0.5 s.

    Explained in the article *Even Taylor polynomials of the exponential are positive*
    (``taylor-exp-positive``).

    Parameters
    ----------
    n : int
        Even degree, ``n >= 2``.

    Returns
    -------
    x_star, value : mpmath.mpf
        Accurate to about 30 significant digits.

    Raises
    ------
    ValueError
        If ``n`` is odd, smaller than 2 or not an integer.

    Warns
    -----
    RuntimeWarning
        If the Newton iteration has not converged (not observed for ``n <= 5000``).

    Examples
    --------
    >>> x_star, value = exp_taylor_minimum_mp(4)
    >>> print(mp.nstr(x_star, 12), mp.nstr(value, 12))
    -1.59607163798 0.270394765205
    """
    n = _check_degree(n, even=True, minimum=2)
    return _minimum_mp(n)


@lru_cache(maxsize=512)
def _minimum_mp(n: int) -> tuple[mp.mpf, mp.mpf]:
    # Near the root the terms reach e^{|x|} ~ e^{0.28 n}: about 0.24 n digits cancel
    # between f_{n-1}(x) ~ e^{-|x|} and its terms; 40 + n // 2 digits leave 30 or more.
    m = n - 1
    with mp.workdps(40 + n // 2):
        lo, hi = mp.mpf(-n), mp.mpf(0)  # f_m(-n) < 0 < f_m(0) = 1
        root = mp.mpf(_argmin_asymptotic(n)) if n > 2 else mp.mpf(-1)
        inv_factorial = 1 / mp.factorial(m)
        for _ in range(200):
            derivative = _horner_mp(root, m - 1)  # f_{m-1} = f_m'
            value = derivative + root**m * inv_factorial  # f_m
            if value == 0:
                break
            if value < 0:
                lo = root
            else:
                hi = root
            new = root - value / derivative
            if not lo < new < hi:
                new = (lo + hi) / 2
            done = abs(new - root) <= mp.mpf(10) ** -32 * abs(root)
            root = new
            if done:
                break
        else:
            warnings.warn(f"Newton iteration for the minimiser of f_{n} did not converge",
                          RuntimeWarning, stacklevel=3)
        return +root, +(root**n / mp.factorial(n))


def _horner_mp(x: mp.mpf, n: int) -> mp.mpf:
    """f_n(x) = 1 + x/1 (1 + x/2 (1 + ... (1 + x/n))) at the current mpmath precision."""
    result = mp.mpf(1)
    for k in range(n, 0, -1):
        result = 1 + result * x / k
    return result


def _argmin_asymptotic(n: int) -> float:
    m = n - 1
    return -(W * m + W / (1 + W) * (0.5 * math.log(2 * math.pi * m) + math.log((1 + W) / W)))


def exp_taylor_minimum(n: int) -> tuple[float, float]:
    """Global minimiser and minimum of the even partial sum :math:`f_n`.

    Explained in the article *Even Taylor polynomials of the exponential are positive*
    (``taylor-exp-positive``).

    Parameters
    ----------
    n : int
        Even degree, ``n >= 0``. For ``n = 0`` (:math:`f_0 \\equiv 1`) every ``x`` is a
        minimiser and ``(0.0, 1.0)`` is returned.

    Returns
    -------
    x_star : float
        The minimiser :math:`x_n^*`, the real root of :math:`f_{n-1}`.
    value : float
        The minimum :math:`f_n(x_n^*) = (x_n^*)^n/n! > 0`.
        Both are accurate to 1e-12 relative (in fact to float64 rounding) for ``n <= 40``.

    Raises
    ------
    ValueError
        If ``n`` is odd (no minimum: the polynomial is unbounded below), negative, or
        not an integer.

    Examples
    --------
    >>> exp_taylor_minimum(2)
    (-1.0, 0.5)
    >>> x_star, value = exp_taylor_minimum(10)
    >>> round(x_star, 6), round(value, 8)
    (-3.333551, 0.04669911)
    >>> exp_taylor_minimum(3)
    Traceback (most recent call last):
    ...
    ValueError: the degree n must be even, got 3: an odd-degree polynomial tends to -infinity as x -> -infinity, so it has no minimum and takes negative values
    """
    n = _check_degree(n, even=True)
    if n == 0:
        return 0.0, 1.0
    x_star, value = exp_taylor_minimum_mp(n)
    return float(x_star), float(value)


def exp_taylor_argmin_asymptotic(n: int) -> float:
    """Two-term asymptotic formula for the minimiser :math:`x_n^*`.

    With :math:`m = n - 1`,
    :math:`x_n^* \\approx -[W m + \\frac{W}{1+W}(\\frac12 \\ln(2\\pi m) + \\ln\\frac{1+W}{W})]`,
    with error :math:`O(\\ln n / n)`.

    Explained in the article *Even Taylor polynomials of the exponential are positive*
    (``taylor-exp-positive``).

    Parameters
    ----------
    n : int
        Even degree, ``n >= 2``.

    Returns
    -------
    float

    Examples
    --------
    >>> round(exp_taylor_argmin_asymptotic(1000), 4)
    -279.4704
    """
    n = _check_degree(n, even=True, minimum=2)
    return _argmin_asymptotic(n)


def exp_taylor_min_ratio(n: int) -> mp.mpf:
    """The ratio :math:`f_n(x_n^*)/e^{x_n^*} = 1/{}_1F_1(1; n+1; x_n^*)`.

    It decreases from :math:`e/2` at ``n = 2`` towards :math:`1 + W`.

    Explained in the article *Even Taylor polynomials of the exponential are positive*
    (``taylor-exp-positive``).

    Parameters
    ----------
    n : int
        Even degree, ``n >= 2``.

    Returns
    -------
    mpmath.mpf

    Examples
    --------
    >>> round(float(exp_taylor_min_ratio(10)), 5)
    1.30934
    """
    n = _check_degree(n, even=True, minimum=2)
    x_star, _ = exp_taylor_minimum_mp(n)
    with mp.workdps(40 + n // 3):
        return 1 / mp.hyp1f1(1, n + 1, x_star)


def exp_taylor_min_asymptotic(n: int) -> float:
    """Asymptotic minimum :math:`(1+W)\\,e^{x_n^{\\rm asym}}`, from the two-term minimiser.

    Explained in the article *Even Taylor polynomials of the exponential are positive*
    (``taylor-exp-positive``).

    Parameters
    ----------
    n : int
        Even degree, ``n >= 2``.

    Returns
    -------
    float

    Examples
    --------
    >>> v = exp_taylor_min_asymptotic(100) / float(exp_taylor_minimum_mp(100)[1])
    >>> round(v, 4)
    1.006
    """
    return (1 + W) * math.exp(exp_taylor_argmin_asymptotic(n))


def exp_taylor_scaled_zeros(n: int) -> np.ndarray:
    """All complex zeros of :math:`f_n(n z)`, computed in high precision.

    Aberth–Ehrlich iteration started from the asymptotic zeros (from
    :math:`e^{nz} \\approx (nz)^{n+1}/((n+1)!\\,(1-z))` and Stirling's formula), with the
    polynomial evaluated by mpmath at ``20 + n`` digits (its monomial form loses about
    :math:`0.7n` digits near the curve); three or four sweeps suffice. Takes about 0.3 s
    at ``n = 60`` and grows like :math:`n^2`.

    Explained in the article *Even Taylor polynomials of the exponential are positive*
    (``taylor-exp-positive``).

    Parameters
    ----------
    n : int
        Degree, ``1 <= n <= 200``.

    Returns
    -------
    numpy.ndarray
        ``n`` complex zeros, sorted by real part. For odd ``n`` the one real zero,
        :math:`x_{n+1}^*/n`, has imaginary part exactly 0.

    Raises
    ------
    ValueError
        If ``n`` is not an integer from 1 to 200.

    Warns
    -----
    RuntimeWarning
        If the iteration has not converged after 50 sweeps.

    References
    ----------
    * G. Szegő, "Über eine Eigenschaft der Exponentialreihe", Sitzungsberichte der
      Berliner Mathematischen Gesellschaft 23, 1924.

    Examples
    --------
    >>> exp_taylor_scaled_zeros(1)
    array([-1.+0.j])
    >>> z = exp_taylor_scaled_zeros(3)
    >>> bool(round(3 * z[0].real, 6) == round(exp_taylor_minimum(4)[0], 6))
    True
    """
    n = _check_degree(n, minimum=1)
    if n > 200:
        raise ValueError(f"n must be at most 200 (the cost grows like n^2), got {n}")
    with mp.workdps(20 + n):
        coeffs = [mp.mpf(1)]
        for k in range(1, n + 1):
            coeffs.append(coeffs[-1] * n / k)
        coeffs.reverse()  # highest degree first, as mpmath.polyval wants
        zeros = [mp.mpc(complex(z)) for z in _asymptotic_zeros(n)]
        for _ in range(50):
            # The Aberth correction sum needs only float accuracy; the Newton ratio needs mpmath.
            approx = np.array([complex(z) for z in zeros])
            differences = approx[:, None] - approx[None, :]
            np.fill_diagonal(differences, np.inf)
            repulsion = (1 / differences).sum(axis=1)
            largest = 0.0
            for i, z in enumerate(zeros):
                value, derivative = mp.polyval(coeffs, z, derivative=True)
                newton = value / derivative
                step = newton / (1 - newton * complex(repulsion[i]))
                zeros[i] = z - step
                largest = max(largest, float(abs(step)))
            if largest < 1e-17:
                break
        else:
            warnings.warn(f"zeros of f_{n}(nz) did not converge in 50 sweeps", RuntimeWarning,
                          stacklevel=2)
    z = np.array([complex(r) for r in zeros])
    z.imag[np.abs(z.imag) < 1e-14] = 0.0
    return z[np.lexsort((z.imag, z.real))]


def _asymptotic_zeros(n: int) -> np.ndarray:
    """Starting points: solve (z e^{1-z})^n = sqrt(2 pi n)(1 - z)(n + 1)/(n z) on n branches.

    Fixed-point iteration z = -W_0(-w/e), w the n-th roots of the right-hand side. Poor
    only near z = 1, where the Aberth iteration repairs it.
    """
    from scipy.special import lambertw

    branch = np.arange(n) - n // 2
    z = 0.6 * np.exp(2j * np.pi * (branch + 0.5) / n)
    for _ in range(30):
        rhs = np.sqrt(2 * np.pi * n) * (1 - z) * (n + 1) / (n * z)
        z = -lambertw(-np.exp((np.log(rhs) + 2j * np.pi * branch) / n) / np.e, 0)
    return z


def szego_curve(num: int = 400) -> np.ndarray:
    """Points of Szegő's curve :math:`|z e^{1-z}| = 1`, :math:`|z| \\le 1`.

    Explained in the article *Even Taylor polynomials of the exponential are positive*
    (``taylor-exp-positive``).

    Parameters
    ----------
    num : int, optional
        Number of points (at least 8).

    Returns
    -------
    numpy.ndarray
        Complex points of the closed curve, from :math:`1` around through :math:`-W`.

    Examples
    --------
    >>> z = szego_curve(64)
    >>> bool(np.allclose(np.abs(z * np.exp(1 - z)), 1))
    True
    """
    if isinstance(num, bool) or not isinstance(num, numbers.Integral) or num < 8:
        raise ValueError(f"num must be an integer >= 8, got {num!r}")
    from scipy.optimize import brentq

    theta = np.linspace(0.0, 2 * np.pi, int(num))
    radii = []
    for t in theta:
        # |z e^{1-z}| = r e^{1 - r cos t} = 1  <=>  ln r + 1 - r cos t = 0, with r in (0, 1].
        g = lambda r, t=t: math.log(r) + 1 - r * math.cos(t)  # noqa: E731
        radii.append(1.0 if abs(g(1.0)) < 1e-15 else brentq(g, 1e-12, 1.0, xtol=1e-15))
    return np.asarray(radii) * np.exp(1j * theta)


def exp_taylor_accuracy_interval(n: int, rtol: float = 0.01) -> tuple[float, float]:
    """The interval around 0 where :math:`|f_n(x)e^{-x} - 1| < \\text{rtol}`.

    Explained in the article *Even Taylor polynomials of the exponential are positive*
    (``taylor-exp-positive``).

    Parameters
    ----------
    n : int
        Degree, ``n >= 1``.
    rtol : float, optional
        Relative tolerance, in ``(0, 1)``.

    Returns
    -------
    a, b : float
        The end points, ``a < 0 < b``.

    Examples
    --------
    >>> a, b = exp_taylor_accuracy_interval(2)
    >>> round(a, 3), round(b, 3)
    (-0.358, 0.436)
    """
    n = _check_degree(n, minimum=1)
    if not 0 < rtol < 1:
        raise ValueError(f"rtol must be in (0, 1), got {rtol!r}")
    from scipy.optimize import brentq

    err = lambda t: abs(float(taylor_exp_mp(t, n, dps=30)) * math.exp(-t) - 1) - rtol  # noqa: E731
    hi = 1.0
    while err(hi) < 0:
        hi *= 2
    lo = -1.0
    while err(lo) < 0:
        lo *= 2
    return brentq(err, lo, 0.0, xtol=1e-12), brentq(err, 0.0, hi, xtol=1e-12)


def _scaled_partial_sum(z: np.ndarray, n: int, scale: np.ndarray) -> np.ndarray:
    """:math:`f_n(z)/s^n = \\sum_k (z/s)^k s^{k-n}/k!` by Horner; cannot overflow for s >= 1."""
    u = z / scale
    inv_s = 1.0 / scale
    result = np.full_like(u, 1.0 / math.factorial(n))
    # Horner in u with coefficients c_k = s^{k-n}/k!: f/s^n = (((c_n u + c_{n-1}) u + ...) u + c_0)
    for k in range(n - 1, -1, -1):
        result = result * u + inv_s ** (n - k) / math.factorial(k)
    return result


def _check_logits(logits: npt.ArrayLike, n: int, axis: int, clamp: bool) -> tuple[np.ndarray, int]:
    """Validate the arguments of the Taylor softmax; return the (clamped) logits and n."""
    n = _check_degree(n, even=True, minimum=2)
    if not isinstance(clamp, (bool, np.bool_)):
        raise TypeError(f"clamp must be a bool, got {clamp!r} of type {type(clamp).__name__}")
    z = np.asarray(logits, dtype=float)
    if z.ndim == 0:
        raise ValueError("logits must have at least one dimension")
    integer_axis = isinstance(axis, numbers.Integral) and not isinstance(axis, bool)
    if not (integer_axis and -z.ndim <= axis < z.ndim):
        raise ValueError(f"axis {axis!r} is out of range for logits with {z.ndim} dimensions")
    if not np.all(np.isfinite(z)):
        raise ValueError("logits must be finite (no nan or inf)")
    if clamp:
        z = np.maximum(z, exp_taylor_minimum(n)[0])
    return z, n


def _scaled_values(z: np.ndarray, n: int, axis: int) -> tuple[np.ndarray, np.ndarray]:
    """f_n(z)/s^n and s = max(1, max |z|) along ``axis``; warn if float64 cancelled below 0.

    A value of exactly 0 is an underflow (a logit tiny next to the largest), not an error.
    """
    scale = np.maximum(1.0, np.max(np.abs(z), axis=axis, keepdims=True))
    values = _scaled_partial_sum(z, n, scale)
    if np.any(values < 0):
        warnings.warn(f"float64 cancellation: f_{n} evaluated to a negative value (near its "
                      "minimiser, for large n); the probabilities are unreliable, use a smaller n",
                      RuntimeWarning, stacklevel=3)
    return values, scale


def taylor_softmax(logits: npt.ArrayLike, n: int = 2, axis: int = -1, clamp: bool = False) -> np.ndarray:
    """The Taylor softmax :math:`f_n(z_i)/\\sum_j f_n(z_j)` along ``axis``.

    Explained in the article *Even Taylor polynomials of the exponential are positive*
    (``taylor-exp-positive``).

    Parameters
    ----------
    logits : array_like
        Finite real logits, at least one dimension.
    n : int, optional
        Even degree, ``n >= 2`` (default 2). Reliable in float64 for ``n <= 40``; beyond
        that, logits near :math:`x_n^*` suffer cancellation (a warning is issued if a
        value comes out non-positive).
    axis : int, optional
        The axis that sums to one.
    clamp : bool, optional
        Use :math:`f_n(\\max(z, x_n^*))`, the monotone variant.

    Returns
    -------
    numpy.ndarray
        Non-negative probabilities summing to 1 along ``axis``.

    Raises
    ------
    ValueError
        If ``n`` is not an even integer >= 2, the logits are not finite or 0-d, or
        ``axis`` is not an integer in range.
    TypeError
        If ``clamp`` is not a bool.

    Warns
    -----
    RuntimeWarning
        If float64 cancellation made some :math:`f_n(z_i) < 0` (large ``n`` only).

    Notes
    -----
    The softmax's "subtract the maximum" trick does not apply (the Taylor softmax is not
    shift invariant). Instead each slice is divided by :math:`s^n` with
    :math:`s = \\max(1, \\max_i |z_i|)`, which keeps every term at most 1 in size.

    Examples
    --------
    >>> taylor_softmax([1.0, 0.0, -1.0])
    array([0.625, 0.25 , 0.125])
    >>> taylor_softmax([1e200, 0.0])
    array([1., 0.])
    """
    z, n = _check_logits(logits, n, axis, clamp)
    values, _ = _scaled_values(z, n, axis)
    return values / np.sum(values, axis=axis, keepdims=True)


def taylor_softmax_nll_grad(logits: npt.ArrayLike, labels: npt.ArrayLike, n: int = 2,
                            clamp: bool = False) -> tuple[float, np.ndarray]:
    """Mean cross-entropy of the Taylor softmax and its gradient with respect to the logits.

    With :math:`p = \\text{taylor-softmax}_n(z)` and :math:`g = f_n'/f_n = f_{n-1}/f_n`
    (zero below :math:`x_n^*` when clamped),
    :math:`\\partial L/\\partial z_j = g(z_j)(p_j - \\delta_{jy})`. Since
    :math:`g(x) \\sim n/x`, the gradient vanishes only polynomially for large logits.
    Both are computed from the scaled sums of :func:`taylor_softmax`, so they stay finite
    for huge logits.

    Explained in the article *Even Taylor polynomials of the exponential are positive*
    (``taylor-exp-positive``).

    Parameters
    ----------
    logits : array_like
        Logits of shape ``(batch, classes)``.
    labels : array_like
        Integer class labels of shape ``(batch,)``.
    n : int, optional
        Even degree, ``n >= 2``.
    clamp : bool, optional
        Use the clamped, monotone variant.

    Returns
    -------
    loss : float
    grad : numpy.ndarray
        Gradient of the mean loss, shape ``(batch, classes)``.

    Raises
    ------
    ValueError
        If the logits are not a finite 2-d array, the labels are not integers of shape
        ``(batch,)`` in range, or ``n`` is not an even integer >= 2.
    TypeError
        If ``clamp`` is not a bool.

    Examples
    --------
    >>> loss, grad = taylor_softmax_nll_grad([[1.0, 0.0, -1.0]], [0])
    >>> round(loss, 4), grad.round(4).tolist()
    (0.47, [[-0.3, 0.25, 0.0]])
    """
    z_raw = np.asarray(logits, dtype=float)
    y = np.asarray(labels)
    if z_raw.ndim != 2:
        raise ValueError(f"logits must have shape (batch, classes), got shape {z_raw.shape}")
    if y.shape != (z_raw.shape[0],) or not np.issubdtype(y.dtype, np.integer):
        raise ValueError(f"labels must be integers of shape ({z_raw.shape[0]},), got {y.dtype} {y.shape}")
    if np.any((y < 0) | (y >= z_raw.shape[1])):
        raise ValueError(f"labels must lie in [0, {z_raw.shape[1]})")
    z, n = _check_logits(z_raw, n, -1, clamp)
    values, _ = _scaled_values(z, n, -1)
    p = values / np.sum(values, axis=-1, keepdims=True)
    # Per-entry scaling s = max(1, |z|) keeps f_n(z)/s^n away from overflow and underflow:
    # it gives log f_n (for the loss) and g = f_{n-1}/f_n = (f_{n-1}/s^{n-1}) / (s f_n/s^n).
    scale = np.maximum(1.0, np.abs(z))
    own = _scaled_partial_sum(z, n, scale)
    g = _scaled_partial_sum(z, n - 1, scale) / (scale * own)
    if clamp:
        g = np.where(z_raw < z, 0.0, g)  # the clamped f_n is flat below x_n^*
    log_f = n * np.log(scale) + np.log(own)
    rows = np.arange(z.shape[0])
    loss = float(np.mean(scipy.special.logsumexp(log_f, axis=-1) - log_f[rows, y]))
    onehot = np.zeros_like(p)
    onehot[rows, y] = 1.0
    return loss, g * (p - onehot) / z.shape[0]
