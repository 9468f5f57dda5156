"""Mitchell's approximate binary logarithm, and multiplication by addition.

A positive number is :math:`p = 2^n(1+x)` with an integer :math:`n` and :math:`x \\in [0, 1)`.
Mitchell (1962) replaces :math:`\\log_2 p = n + \\log_2(1+x)` by :math:`n + x` and the
inverse :math:`2^{n+t}` (:math:`t \\in [0,1)`) by :math:`2^n(1+t)`. Both are bit shuffles of
the binary expansion, and in IEEE-754 they are *the identity*: the bits of a positive
float, read as an integer, are an affine function of :math:`n + x`. A product then costs one
integer addition, with a relative error of at most :math:`1/9`.

This module gives the approximate logarithm and exponential, the approximate product and
quotient by two exact routes (``frexp`` and the float64 bit pattern), the raw C-style
float32 bit trick with its wraparound, the closed-form ratios approximate/exact, the
generalisation to a base :math:`b`, a matrix product built from Mitchell products, and
helpers that display binary expansions and IEEE-754 fields.

Every function is explained in the article *Mitchell's approximation: multiplication by
addition, error at most 1/9* (``mitchell-multiplication``).

References
----------
* Su Jianlin, "Mitchell近似：乘法变为加法，误差不超过1/9", Scientific Spaces, 2020,
  https://kexue.fm/archives/7991
* J. N. Mitchell, "Computer Multiplication and Division Using Binary Logarithms",
  IRE Transactions on Electronic Computers EC-11(4), 512-517, 1962.
"""

from __future__ import annotations

import numbers

import numpy as np
import numpy.typing as npt

__all__ = [
    "log2_parts",
    "mitchell_log2",
    "mitchell_exp2",
    "mitchell_multiply",
    "mitchell_divide",
    "bit_trick_multiply",
    "bit_trick_divide",
    "product_ratio",
    "quotient_ratio",
    "base_b_product_ratio",
    "mitchell_matmul",
    "log_uniform",
    "binary_string",
    "float32_fields",
    "FLOAT32_ONE_BITS",
    "FLOAT64_ONE_BITS",
]

#: Bit pattern of ``1.0`` in float32, :math:`127 \cdot 2^{23}` (``0x3F800000``).
FLOAT32_ONE_BITS = 0x3F800000
#: Bit pattern of ``1.0`` in float64, :math:`1023 \cdot 2^{52}` (``0x3FF0000000000000``).
FLOAT64_ONE_BITS = 0x3FF0000000000000

_METHODS = ("frexp", "bits")
# dtype name -> (float type, unsigned type of the same width, bit pattern of 1.0, mask)
_TRICK_DTYPES = {
    "float32": (np.float32, np.uint32, FLOAT32_ONE_BITS, 0xFFFFFFFF),
    "float64": (np.float64, np.uint64, FLOAT64_ONE_BITS, 0xFFFFFFFFFFFFFFFF),
}


def _as_real_array(value: npt.ArrayLike, name: str) -> np.ndarray:
    """Return ``value`` as a float64 array, or raise TypeError for non-real input."""
    arr = np.asarray(value)
    if arr.dtype.kind not in "iuf":
        raise TypeError(
            f"{name} must be real numbers (int or float), got an array of dtype {arr.dtype}"
        )
    return arr.astype(np.float64, copy=False)


def _positive_finite(value: npt.ArrayLike, name: str) -> np.ndarray:
    """Return ``value`` as float64, or raise ValueError unless every entry is in (0, inf)."""
    arr = _as_real_array(value, name)
    bad = ~(np.isfinite(arr) & (arr > 0))
    if np.any(bad):
        first = arr[bad].flat[0]
        raise ValueError(
            f"{name} must be positive and finite (Mitchell's logarithm needs p > 0), "
            f"got {first!r} among {int(bad.sum())} invalid entries"
        )
    return arr


def _scalar_or_array(arr: np.ndarray) -> np.ndarray:
    """0-d arrays become NumPy scalars; other arrays pass through."""
    return arr[()] if arr.ndim == 0 else arr


def _contiguous(arr: np.ndarray) -> np.ndarray:
    """A C-contiguous copy that keeps the shape (``np.ascontiguousarray`` makes 0-d arrays 1-d)."""
    return np.array(arr, copy=True, order="C")


def _check_method(method: object) -> str:
    if method not in _METHODS:
        raise ValueError(f"method must be one of {_METHODS}, got {method!r}")
    return str(method)


def log2_parts(p: npt.ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Split positive numbers as :math:`p = 2^n (1 + x)`, :math:`n` integer, :math:`x \\in [0,1)`.

    Uses ``numpy.frexp``, whose mantissa lies in :math:`[1/2, 1)`, so that
    :math:`n` is frexp's exponent minus one and :math:`x` twice its mantissa minus one
    (both exact, subnormal inputs included).

    Explained in the article *Mitchell's approximation: multiplication by addition*
    (``mitchell-multiplication``).

    Parameters
    ----------
    p : array_like
        Positive finite numbers.

    Returns
    -------
    n : numpy.ndarray of int
        The binary exponent, :math:`\\lfloor \\log_2 p \\rfloor`.
    x : numpy.ndarray of float
        The fraction after the leading bit, in :math:`[0, 1)`.

    Raises
    ------
    TypeError
        If ``p`` is not real.
    ValueError
        If an entry of ``p`` is zero, negative, infinite or NaN.

    Examples
    --------
    >>> n, x = log2_parts([12.3, 4.56, 1.0])
    >>> n
    array([3, 2, 0])
    >>> x.round(4)
    array([0.5375, 0.14  , 0.    ])
    """
    arr = _positive_finite(p, "p")
    mantissa, exponent = np.frexp(arr)
    return exponent.astype(np.int64) - 1, 2.0 * mantissa - 1.0


def mitchell_log2(p: npt.ArrayLike) -> np.ndarray:
    """Mitchell's approximate binary logarithm :math:`n + x` of :math:`p = 2^n(1+x)`.

    It never exceeds :math:`\\log_2 p` and falls short by at most
    :math:`0.0861` (at :math:`x = 1/\\ln 2 - 1`); it is exact at powers of two. The sum
    :math:`n + x` is rounded to float64 (the bits of :math:`n` push out bits of :math:`x`).

    Explained in the article *Mitchell's approximation: multiplication by addition*
    (``mitchell-multiplication``).

    Parameters
    ----------
    p : array_like
        Positive finite numbers.

    Returns
    -------
    numpy.ndarray
        :math:`n + x`, same shape as ``p`` (a NumPy scalar for scalar input).

    Raises
    ------
    TypeError
        If ``p`` is not real.
    ValueError
        If an entry of ``p`` is zero, negative, infinite or NaN.

    Examples
    --------
    >>> float(mitchell_log2(12.3))
    3.5375
    >>> mitchell_log2([0.75, 1.0, 2.0, 3.0])
    array([-0.5,  0. ,  1. ,  1.5])
    """
    n, x = log2_parts(p)
    return _scalar_or_array(n + x)


def mitchell_exp2(s: npt.ArrayLike) -> np.ndarray:
    """Mitchell's approximate power of two, :math:`2^{\\lfloor s \\rfloor}(1 + \\{s\\})`.

    The inverse of :func:`mitchell_log2`: ``mitchell_exp2(mitchell_log2(p)) == p`` up to
    the rounding of :math:`n + x`. It never exceeds :math:`2^s`.

    Explained in the article *Mitchell's approximation: multiplication by addition*
    (``mitchell-multiplication``).

    Parameters
    ----------
    s : array_like
        Finite real numbers.

    Returns
    -------
    numpy.ndarray
        The approximation of :math:`2^s`, same shape as ``s``.

    Raises
    ------
    TypeError
        If ``s`` is not real.
    ValueError
        If an entry of ``s`` is infinite or NaN.

    Examples
    --------
    >>> mitchell_exp2([-0.5, 0.0, 1.5, 5.67578125])
    array([ 0.75 ,  1.   ,  3.   , 53.625])
    """
    arr = _as_real_array(s, "s")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"s must be finite, got {arr[~np.isfinite(arr)].flat[0]!r}")
    n = np.floor(arr)
    return _scalar_or_array(np.ldexp(1.0 + (arr - n), n.astype(np.int64)))


def _combine(a: np.ndarray, b: np.ndarray, sign: int) -> np.ndarray:
    """Mitchell product (sign=+1) or quotient (sign=-1) through frexp; exact in float64."""
    n1, x1 = log2_parts(a)
    n2, x2 = log2_parts(b)
    t = x1 + sign * x2  # exact: both are multiples of 2**-52 (or finer) below 1
    n = n1 + sign * n2
    carry = np.floor(t).astype(np.int64)  # 0 or 1 for products, 0 or -1 for quotients
    return np.ldexp(1.0 + (t - carry), n + carry)


def _bits_route(a: np.ndarray, b: np.ndarray, sign: int) -> np.ndarray:
    """Mitchell product/quotient by adding float64 bit patterns as integers, range-checked."""
    tiny = np.finfo(np.float64).tiny
    for name, arr in (("a", a), ("b", b)):
        if np.any(arr < tiny):
            raise ValueError(
                f"method='bits' needs normal floats, but {name} has a subnormal entry "
                f"{arr[arr < tiny].flat[0]!r}; use method='frexp'"
            )
    # Positive floats have the top bit clear, so each pattern is below 2**63 and the uint64
    # sums below never wrap. The result is normal iff its pattern lies in [2**52, 0x7FF0 << 48).
    ia = a.view(np.uint64)
    ib = b.view(np.uint64)
    one = np.uint64(FLOAT64_ONE_BITS)
    lo, hi = np.uint64(1 << 52), np.uint64(0x7FF0000000000000)
    if sign > 0:
        total, minus = ia + ib, one  # result = total - minus
    else:
        total, minus = ia + one, ib
    if np.any((total < minus + lo) | (total >= minus + hi)):
        raise ValueError(
            "method='bits': the result leaves the range of normal float64 numbers "
            "(exponent overflow or underflow); use method='frexp', which rounds to 0 or inf"
        )
    out = total - minus
    return out.view(np.float64)


def mitchell_multiply(a: npt.ArrayLike, b: npt.ArrayLike, *, method: str = "frexp") -> np.ndarray:
    """Mitchell's approximate product: add approximate logarithms, take the antilog.

    With :math:`a = 2^{n_1}(1+x_1)`, :math:`b = 2^{n_2}(1+x_2)`, the result is
    :math:`2^{n_1+n_2}(1+x_1+x_2)` if :math:`x_1+x_2<1`, else
    :math:`2^{n_1+n_2+1}(x_1+x_2)`. It lies in :math:`[\\tfrac89 ab, ab]`, equals
    :math:`ab` iff a factor is a power of two, and is computed without rounding (both
    routes agree bit for bit, except that ``"frexp"`` rounds results outside the float64
    range to 0 or inf, with NumPy's overflow ``RuntimeWarning``, where ``"bits"`` raises).

    Explained in the article *Mitchell's approximation: multiplication by addition*
    (``mitchell-multiplication``).

    Parameters
    ----------
    a, b : array_like
        Positive finite numbers (broadcast together).
    method : {"frexp", "bits"}, optional
        ``"frexp"`` splits with ``numpy.frexp`` and recombines with
        ``numpy.ldexp``; ``"bits"`` adds the float64 bit patterns as integers and
        subtracts that of 1.0, which is the C trick of the original post in float64.

    Returns
    -------
    numpy.ndarray
        The approximate products (a NumPy scalar for scalar inputs).

    Raises
    ------
    TypeError
        If ``a`` or ``b`` is not real.
    ValueError
        If an entry is zero, negative, infinite or NaN; if ``method`` is unknown; for
        ``method="bits"``, if an input is subnormal or the result is not a normal float.

    Examples
    --------
    >>> float(mitchell_multiply(12.3, 4.56))
    53.68
    >>> mitchell_multiply([1.5, 3.0, 0.25], [1.5, 5.0, 7.0])
    array([ 2.  , 14.  ,  1.75])
    >>> float(mitchell_multiply(12.3, 4.56, method="bits"))
    53.68
    """
    method = _check_method(method)
    a_arr, b_arr = np.broadcast_arrays(_positive_finite(a, "a"), _positive_finite(b, "b"))
    if method == "frexp":
        out = _combine(a_arr, b_arr, +1)
    else:
        out = _bits_route(_contiguous(a_arr), _contiguous(b_arr), +1)
    return _scalar_or_array(out)


def mitchell_divide(a: npt.ArrayLike, b: npt.ArrayLike, *, method: str = "frexp") -> np.ndarray:
    """Mitchell's approximate quotient: subtract approximate logarithms, take the antilog.

    The result is :math:`2^{n_1-n_2}(1+x_1-x_2)` if :math:`x_1 \\ge x_2`, else
    :math:`2^{n_1-n_2-1}(2+x_1-x_2)`. It lies in :math:`[a/b, \\tfrac98\\, a/b]`: a quotient is
    never underestimated, and overestimated by at most 12.5%.

    Explained in the article *Mitchell's approximation: multiplication by addition*
    (``mitchell-multiplication``).

    Parameters
    ----------
    a, b : array_like
        Positive finite numbers (broadcast together): dividend and divisor.
    method : {"frexp", "bits"}, optional
        As in :func:`mitchell_multiply`, with the bit patterns subtracted and that of 1.0
        added back.

    Returns
    -------
    numpy.ndarray
        The approximate quotients (a NumPy scalar for scalar inputs).

    Raises
    ------
    TypeError
        If ``a`` or ``b`` is not real.
    ValueError
        If an entry is zero, negative, infinite or NaN; if ``method`` is unknown; for
        ``method="bits"``, if an input is subnormal or the result is not a normal float.

    Examples
    --------
    >>> mitchell_divide([1.0, 6.0, 12.3], [1.5, 3.0, 4.56])
    array([0.75 , 2.   , 2.795])
    """
    method = _check_method(method)
    a_arr, b_arr = np.broadcast_arrays(_positive_finite(a, "a"), _positive_finite(b, "b"))
    if method == "frexp":
        out = _combine(a_arr, b_arr, -1)
    else:
        out = _bits_route(_contiguous(a_arr), _contiguous(b_arr), -1)
    return _scalar_or_array(out)


def _trick(a: npt.ArrayLike, b: npt.ArrayLike, dtype: str, sign: int) -> np.ndarray:
    if dtype not in _TRICK_DTYPES:
        raise ValueError(f"dtype must be one of {tuple(_TRICK_DTYPES)}, got {dtype!r}")
    ftype, utype, one, mask = _TRICK_DTYPES[dtype]
    a_arr = _contiguous(_as_real_array(a, "a").astype(ftype))
    b_arr = _contiguous(_as_real_array(b, "b").astype(ftype))
    a_arr, b_arr = np.broadcast_arrays(a_arr, b_arr)
    # Python integers (object arrays) make the wraparound explicit and warning-free.
    ia = _contiguous(a_arr).view(utype).astype(object)
    ib = _contiguous(b_arr).view(utype).astype(object)
    bits = (ia + sign * ib - sign * one) & mask
    out = np.asarray(bits, dtype=object).astype(utype).view(ftype)
    return _scalar_or_array(out)


def bit_trick_multiply(a: npt.ArrayLike, b: npt.ArrayLike, *, dtype: str = "float32") -> np.ndarray:
    """The post's C snippet, emulated: add the bit patterns, subtract that of 1.0, wrap around.

    Computes ``bits(a) + bits(b) - bits(1.0)`` modulo :math:`2^{32}` (or :math:`2^{64}`) and
    reads the result back as a float, exactly what ``int c = *(int*)&a + *(int*)&b -
    0x3f800000`` gives on a two's-complement machine. No input is validated beyond its
    type: zeros, infinities, subnormals and exponent overflow give *garbage*, which is the
    point of this function (use :func:`mitchell_multiply` for a checked product).

    Explained in the article *Mitchell's approximation: multiplication by addition*
    (``mitchell-multiplication``).

    Parameters
    ----------
    a, b : array_like
        Real numbers, rounded to ``dtype`` first.
    dtype : {"float32", "float64"}, optional
        The float format whose bits are added.

    Returns
    -------
    numpy.ndarray
        The reinterpreted results, of type ``dtype``.

    Raises
    ------
    TypeError
        If ``a`` or ``b`` is not real.
    ValueError
        If ``dtype`` is not supported.

    Examples
    --------
    >>> float(bit_trick_multiply(12.3, 4.56))
    53.68000030517578
    >>> bit_trick_multiply([-2.0, -2.0, 0.0], [-3.0, 3.0, 3.0])
    array([ 6.0000000e+00, -6.0000000e+00,  1.7632415e-38], dtype=float32)
    """
    return _trick(a, b, dtype, +1)


def bit_trick_divide(a: npt.ArrayLike, b: npt.ArrayLike, *, dtype: str = "float32") -> np.ndarray:
    """The division analogue of :func:`bit_trick_multiply`: ``bits(a) - bits(b) + bits(1.0)``.

    Explained in the article *Mitchell's approximation: multiplication by addition*
    (``mitchell-multiplication``).

    Parameters
    ----------
    a, b : array_like
        Real numbers, rounded to ``dtype`` first.
    dtype : {"float32", "float64"}, optional
        The float format whose bits are subtracted.

    Returns
    -------
    numpy.ndarray
        The reinterpreted results, of type ``dtype``.

    Raises
    ------
    TypeError
        If ``a`` or ``b`` is not real.
    ValueError
        If ``dtype`` is not supported.

    Examples
    --------
    >>> float(bit_trick_divide(1.0, 1.5))
    0.75
    """
    return _trick(a, b, dtype, -1)


def _unit_fractions(x1: npt.ArrayLike, x2: npt.ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    u = _as_real_array(x1, "x1")
    v = _as_real_array(x2, "x2")
    for name, arr in (("x1", u), ("x2", v)):
        if np.any(~((arr >= 0) & (arr < 1))):
            bad = arr[~((arr >= 0) & (arr < 1))].flat[0]
            raise ValueError(f"{name} must lie in [0, 1) (a fraction after the leading bit), got {bad!r}")
    return np.broadcast_arrays(u, v)


def product_ratio(x1: npt.ArrayLike, x2: npt.ArrayLike) -> np.ndarray:
    """Closed form of (Mitchell product) / (exact product) for fractions :math:`x_1, x_2`.

    .. math::

        r(x_1, x_2) = \\frac{1 + x_1 + x_2}{(1+x_1)(1+x_2)} \\ (x_1+x_2<1), \\qquad
        \\frac{2(x_1 + x_2)}{(1+x_1)(1+x_2)} \\ (x_1+x_2 \\ge 1).

    The seam :math:`x_1 + x_2 = 1` belongs to the second case. The range is
    :math:`[8/9, 1]`, the minimum at :math:`x_1 = x_2 = 1/2`.

    Explained in the article *Mitchell's approximation: multiplication by addition*
    (``mitchell-multiplication``).

    Parameters
    ----------
    x1, x2 : array_like
        Fractions in :math:`[0, 1)` (broadcast together).

    Returns
    -------
    numpy.ndarray
        The ratio, in :math:`[8/9, 1]`.

    Raises
    ------
    TypeError
        If an input is not real.
    ValueError
        If an entry is outside :math:`[0, 1)`.

    Examples
    --------
    >>> product_ratio([0.0, 0.5, 0.25], [0.3, 0.5, 0.25])
    array([1.        , 0.88888889, 0.96      ])
    """
    u, v = _unit_fractions(x1, x2)
    s = u + v
    exact = (1 + u) * (1 + v)
    return _scalar_or_array(np.where(s < 1, 1 + s, 2 * s) / exact)


def quotient_ratio(x1: npt.ArrayLike, x2: npt.ArrayLike) -> np.ndarray:
    """Closed form of (Mitchell quotient) / (exact quotient) for dividend fraction ``x1``.

    .. math::

        q(x_1, x_2) = \\frac{(1 + x_1 - x_2)(1+x_2)}{1+x_1} \\ (x_1 \\ge x_2), \\qquad
        \\frac{(2 + x_1 - x_2)(1+x_2)}{2(1+x_1)} \\ (x_1 < x_2).

    The range is :math:`[1, 9/8]`, the maximum at :math:`(x_1, x_2) = (0, 1/2)`.

    Explained in the article *Mitchell's approximation: multiplication by addition*
    (``mitchell-multiplication``).

    Parameters
    ----------
    x1, x2 : array_like
        Fractions in :math:`[0, 1)` of dividend and divisor (broadcast together).

    Returns
    -------
    numpy.ndarray
        The ratio, in :math:`[1, 9/8]`.

    Raises
    ------
    TypeError
        If an input is not real.
    ValueError
        If an entry is outside :math:`[0, 1)`.

    Examples
    --------
    >>> quotient_ratio([0.0, 0.5, 0.3], [0.5, 0.5, 0.0])
    array([1.125, 1.   , 1.   ])
    """
    u, v = _unit_fractions(x1, x2)
    d = u - v
    approx = np.where(d >= 0, 1 + d, (2 + d) / 2)
    return _scalar_or_array(approx * (1 + v) / (1 + u))


def base_b_product_ratio(b: float, u1: npt.ArrayLike, u2: npt.ArrayLike) -> np.ndarray:
    """Mitchell-type product in base ``b``, divided by the exact product.

    A mantissa :math:`m \\in [1, b)` gets the linear (chord) logarithm
    :math:`\\log_b m \\approx (m-1)/(b-1)`, exact at both ends; the antilog of
    :math:`k + t` is :math:`b^k(1 + (b-1)t)`. For ``b = 2`` this is Mitchell's scheme. The
    mantissas are given through their exact logarithms :math:`u = \\log_b m \\in [0,1)`,
    so that uniform ``u`` means log-uniform (Benford-distributed) mantissas.

    Explained in the article *Mitchell's approximation: multiplication by addition*
    (``mitchell-multiplication``).

    Parameters
    ----------
    b : float
        The base, ``b > 1``.
    u1, u2 : array_like
        :math:`\\log_b` of the two mantissas, in :math:`[0, 1)` (broadcast together).

    Returns
    -------
    numpy.ndarray
        approximate / exact product.

    Raises
    ------
    ValueError
        If ``b <= 1`` or not a finite real, or a ``u`` is outside :math:`[0, 1)`.

    Examples
    --------
    >>> float(base_b_product_ratio(2.0, np.log2(1.5), np.log2(1.5)))
    0.8888888888888888
    >>> float(base_b_product_ratio(3.0, 0.0, 0.7))
    1.0
    """
    if isinstance(b, bool) or not isinstance(b, numbers.Real) or not np.isfinite(b) or b <= 1:
        raise ValueError(f"the base b must be a finite real number > 1, got {b!r}")
    u, v = _unit_fractions(u1, u2)
    m1, m2 = b**u, b**v
    t = (m1 - 1) / (b - 1) + (m2 - 1) / (b - 1)
    approx = np.where(t < 1, 1 + (b - 1) * t, b * (1 + (b - 1) * (t - 1)))
    return _scalar_or_array(approx / (m1 * m2))


def mitchell_matmul(A: npt.ArrayLike, B: npt.ArrayLike) -> np.ndarray:
    """Matrix product whose scalar products are Mitchell products, summed exactly.

    Each :math:`A_{ik} B_{kj}` becomes :math:`\\operatorname{sign}(A_{ik}B_{kj})\\,
    M(|A_{ik}|, |B_{kj}|)` with :math:`M` = :func:`mitchell_multiply` (zero if a factor is
    zero); the sums are ordinary float64 sums. Memory is
    :math:`O(n_i n_k n_j)`, so this is for small demonstrations.

    Explained in the article *Mitchell's approximation: multiplication by addition*
    (``mitchell-multiplication``).

    Parameters
    ----------
    A : array_like
        Finite real matrix of shape ``(m, k)``.
    B : array_like
        Finite real matrix of shape ``(k, n)``.

    Returns
    -------
    numpy.ndarray
        The approximate product, of shape ``(m, n)``.

    Raises
    ------
    TypeError
        If an input is not real.
    ValueError
        If an input is not 2-D, the inner dimensions differ, or an entry is not finite.

    Examples
    --------
    >>> mitchell_matmul([[1.5, -2.0]], [[1.5], [3.0]])
    array([[-4.]])
    """
    A_arr = _as_real_array(A, "A")
    B_arr = _as_real_array(B, "B")
    if A_arr.ndim != 2 or B_arr.ndim != 2 or A_arr.shape[1] != B_arr.shape[0]:
        raise ValueError(
            f"A and B must be 2-D with matching inner dimensions, got shapes {A_arr.shape} and {B_arr.shape}"
        )
    if not (np.all(np.isfinite(A_arr)) and np.all(np.isfinite(B_arr))):
        raise ValueError("A and B must have finite entries")
    a = A_arr[:, :, None]
    b = B_arr[None, :, :]
    a_abs, b_abs = np.broadcast_arrays(np.abs(a), np.abs(b))
    nonzero = (a_abs > 0) & (b_abs > 0)
    prod = np.zeros(nonzero.shape)
    prod[nonzero] = mitchell_multiply(a_abs[nonzero], b_abs[nonzero])
    return (np.sign(a) * np.sign(b) * prod).sum(axis=1)


def log_uniform(rng: np.random.Generator, size: int | tuple[int, ...], low: float = 1e-3,
                high: float = 1e3) -> np.ndarray:
    """Random numbers whose logarithm is uniform on :math:`[\\log low, \\log high)`.

    Explained in the article *Mitchell's approximation: multiplication by addition*
    (``mitchell-multiplication``).

    Parameters
    ----------
    rng : numpy.random.Generator
        The source of randomness.
    size : int or tuple of int
        Output shape.
    low, high : float, optional
        Positive bounds, ``low < high``.

    Returns
    -------
    numpy.ndarray

    Raises
    ------
    TypeError
        If ``rng`` is not a :class:`numpy.random.Generator`.
    ValueError
        If the bounds are not positive finite with ``low < high``.

    Examples
    --------
    >>> x = log_uniform(np.random.default_rng(0), 1000, 1.0, 8.0)
    >>> bool(x.min() >= 1.0 and x.max() < 8.0)
    True
    """
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy.random.Generator, got {type(rng).__name__}")
    if not (np.isfinite(low) and np.isfinite(high) and 0 < low < high):
        raise ValueError(f"need finite 0 < low < high, got low={low!r}, high={high!r}")
    return np.exp(rng.uniform(np.log(low), np.log(high), size))


def binary_string(value: float, frac_bits: int) -> str:
    """Binary expansion of a non-negative number, truncated after ``frac_bits`` bits.

    Explained in the article *Mitchell's approximation: multiplication by addition*
    (``mitchell-multiplication``).

    Parameters
    ----------
    value : float
        A non-negative finite number (its exact binary value is expanded).
    frac_bits : int
        Number of bits kept after the binary point (truncation, not rounding), ``>= 0``.

    Returns
    -------
    str
        For example ``"1100.0100110"``.

    Raises
    ------
    ValueError
        If ``value`` is negative or not finite, or ``frac_bits`` is not a non-negative int.

    Examples
    --------
    >>> binary_string(12.3, 7), binary_string(4.56, 7), binary_string(53.625, 3)
    ('1100.0100110', '100.1000111', '110101.101')
    """
    if isinstance(frac_bits, bool) or not isinstance(frac_bits, numbers.Integral) or frac_bits < 0:
        raise ValueError(f"frac_bits must be a non-negative integer, got {frac_bits!r}")
    v = float(value)
    if not np.isfinite(v) or v < 0:
        raise ValueError(f"value must be non-negative and finite, got {value!r}")
    from fractions import Fraction

    scaled = int(Fraction(v) * 2 ** int(frac_bits))  # floor, exact
    integer, frac = divmod(scaled, 2 ** int(frac_bits))
    head = format(integer, "b")
    return head if frac_bits == 0 else f"{head}.{frac:0{int(frac_bits)}b}"


def float32_fields(value: float) -> tuple[str, str, str]:
    """The sign, exponent and fraction bit fields of a number stored as float32.

    Explained in the article *Mitchell's approximation: multiplication by addition*
    (``mitchell-multiplication``).

    Parameters
    ----------
    value : float
        Any real number (rounded to float32).

    Returns
    -------
    tuple of str
        1, 8 and 23 characters of ``0``/``1``.

    Raises
    ------
    TypeError
        If ``value`` is not a real number.

    Examples
    --------
    >>> float32_fields(9.75)
    ('0', '10000010', '00111000000000000000000')
    """
    arr = _as_real_array(value, "value")
    if arr.ndim != 0:
        raise TypeError(f"value must be a single real number, got an array of shape {arr.shape}")
    bits = format(int(arr.astype(np.float32).view(np.uint32)), "032b")
    return bits[0], bits[1:9], bits[9:]
