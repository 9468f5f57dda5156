"""Gluing two bent elliptical sheets into a closed solid.

Two elliptical sheets :math:`x^2/a^2 + y^2/b^2 \\le 1` are each bent into a cylinder
along the long axis and glued edge to edge. In the first octant the seam is the curve
:math:`(x(s), h_1(s), h_2(l - s))`, where :math:`s` is arc length measured along the
rim of the flat sheet from the tip :math:`(a, 0)`, :math:`h(s)` is the height of that rim
point, and :math:`l` is a quarter of the perimeter. The sheets bend without stretching
exactly when :math:`x'(s)^2 = 1 - h_1'(s)^2 - h_2'(l - s)^2`, so the gluing works when
the right-hand side, the **glue condition** :math:`c(s)`, is never negative. This module
gives

* the arc-length geometry of an ellipse through SciPy's elliptic integrals:
  :func:`quarter_perimeter`, :func:`arc_length`, :func:`arc_to_t`, :func:`arc_point`,
  :func:`arc_tangent`, :func:`partner_ellipse`;
* the glue condition, the seam and the solid: :func:`glue_condition`, :func:`seam`,
  :func:`solid_volume`, :func:`bent_sheet_areas`, :func:`end_curvature_margins`;
* a port of the original post's finite-difference computation, :func:`blog_port`;
* a 3-D drawing of the solid, :func:`draw_solid`.

Every function is explained in the article *Two bent ellipses glue into a solid*
(``two-ellipses``).

References
----------
* Su Jianlin, "思考：两个椭圆片能粘合成一个立体吗？", Scientific Spaces, 2019,
  https://kexue.fm/archives/6818
* NIST Digital Library of Mathematical Functions, section 19.2 (incomplete elliptic
  integrals of the second kind), https://dlmf.nist.gov/19.2
"""

from __future__ import annotations

import math
import numbers
import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.integrate
import scipy.special

__all__ = [
    "quarter_perimeter",
    "arc_length",
    "arc_to_t",
    "arc_point",
    "arc_tangent",
    "partner_ellipse",
    "glue_condition",
    "Seam",
    "seam",
    "solid_volume",
    "bent_sheet_areas",
    "end_curvature_margins",
    "BlogPort",
    "blog_port",
    "draw_solid",
]

_HALF_PI = 0.5 * math.pi


# --------------------------------------------------------------------------- checks


def _positive(name: str, value: object) -> float:
    """Return ``value`` as a finite positive float, or raise with what was given."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {value!r} of type {type(value).__name__}")
    v = float(value)
    if not math.isfinite(v) or v <= 0:
        raise ValueError(f"{name} must be a finite positive number, got {value!r}")
    return v


def _semi_axes(a: object, b: object) -> tuple[float, float]:
    return _positive("a", a), _positive("b", b)


def _count(name: str, value: object, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or int(value) < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    return int(value)


def _partner(a: float, b: float, partner: object) -> tuple[float, float]:
    """Semi-axes of the second sheet; it must have the same quarter perimeter."""
    if partner is None:
        return a, b
    if not isinstance(partner, (tuple, list)) or len(partner) != 2:
        raise TypeError(f"partner must be None or a pair (a2, b2), got {partner!r}")
    a2, b2 = _positive("partner[0]", partner[0]), _positive("partner[1]", partner[1])
    l1, l2 = quarter_perimeter(a, b), quarter_perimeter(a2, b2)
    if not math.isclose(l1, l2, rel_tol=1e-9):
        raise ValueError(
            f"the two sheets must have the same quarter perimeter, got {l1!r} for "
            f"({a}, {b}) and {l2!r} for ({a2}, {b2}); use partner_ellipse to build one"
        )
    return a2, b2


# ------------------------------------------------------------------ ellipse geometry


def quarter_perimeter(a: float, b: float) -> float:
    """A quarter of the perimeter of the ellipse :math:`x^2/a^2 + y^2/b^2 = 1`.

    It is :math:`l = a\\,E(m)` with the parameter :math:`m = 1 - b^2/a^2` (SciPy's
    convention :math:`m = k^2`; :math:`m < 0` when :math:`a < b` is allowed).

    Explained in the article *Two bent ellipses glue into a solid* (``two-ellipses``).

    Parameters
    ----------
    a, b : float
        The semi-axes along :math:`x` and :math:`y`, both positive.

    Returns
    -------
    float
        The arc length from :math:`(a, 0)` to :math:`(0, b)`.

    Raises
    ------
    TypeError
        If ``a`` or ``b`` is not a real number.
    ValueError
        If ``a`` or ``b`` is not finite and positive.

    Examples
    --------
    >>> round(quarter_perimeter(2.0, 1.0), 7)
    2.4221121
    >>> round(quarter_perimeter(1.0, 1.0) - math.pi / 2, 15)
    0.0
    """
    a, b = _semi_axes(a, b)
    return float(a * scipy.special.ellipe(1.0 - (b / a) ** 2))


def arc_length(t: npt.ArrayLike, a: float, b: float) -> np.ndarray:
    """Arc length from :math:`(a, 0)` to :math:`(a\\cos t, b\\sin t)`, :math:`0 \\le t \\le \\pi/2`.

    Closed form :math:`s(t) = a\\,[E(m) - E(\\pi/2 - t \\mid m)]`, :math:`m = 1 - b^2/a^2`.

    Explained in the article *Two bent ellipses glue into a solid* (``two-ellipses``).

    Parameters
    ----------
    t : array_like
        Parametric angles in :math:`[0, \\pi/2]`.
    a, b : float
        Positive semi-axes.

    Returns
    -------
    numpy.ndarray
        :math:`s(t)`, same shape as ``t``.

    Raises
    ------
    TypeError
        If ``a`` or ``b`` is not a real number.
    ValueError
        If ``a`` or ``b`` is not positive, or a ``t`` lies outside :math:`[0, \\pi/2]`.

    Examples
    --------
    >>> arc_length([0.0, math.pi / 2], 2.0, 1.0).round(7)
    array([0.       , 2.4221121])
    """
    a, b = _semi_axes(a, b)
    t = np.asarray(t, dtype=float)
    if np.any(~np.isfinite(t)) or np.any(t < 0) or np.any(t > _HALF_PI):
        raise ValueError(f"t must lie in [0, pi/2], got values from {np.min(t)!r} to {np.max(t)!r}")
    m = 1.0 - (b / a) ** 2
    return a * (scipy.special.ellipe(m) - scipy.special.ellipeinc(_HALF_PI - t, m))


def _speed(t: np.ndarray, a: float, b: float) -> np.ndarray:
    """:math:`ds/dt = \\sqrt{a^2\\sin^2 t + b^2\\cos^2 t}`."""
    return np.hypot(a * np.sin(t), b * np.cos(t))


def arc_to_t(s: npt.ArrayLike, a: float, b: float, *, tol: float = 1e-14,
             maxiter: int = 60) -> np.ndarray:
    """Invert :func:`arc_length`: the parametric angle :math:`t` at arc length :math:`s`.

    A vectorised Newton iteration on :math:`s(t) - s`, kept inside a shrinking bracket
    (bisection whenever a Newton step leaves it), so it converges for every ellipse.

    Explained in the article *Two bent ellipses glue into a solid* (``two-ellipses``).

    Parameters
    ----------
    s : array_like
        Arc lengths in :math:`[0, l]`, :math:`l` = :func:`quarter_perimeter`.
    a, b : float
        Positive semi-axes.
    tol : float, optional
        Stop when every Newton step is below ``tol`` (radians).
    maxiter : int, optional
        Maximum number of iterations; a ``RuntimeWarning`` is issued if reached.

    Returns
    -------
    numpy.ndarray
        :math:`t(s) \\in [0, \\pi/2]`, same shape as ``s``.

    Raises
    ------
    TypeError
        If ``a`` or ``b`` is not a real number.
    ValueError
        If ``a``, ``b`` or ``tol`` is not positive, ``maxiter`` is not a positive integer,
        or an ``s`` lies outside :math:`[0, l]` (a relative slack of ``1e-12`` is allowed).

    Examples
    --------
    >>> t = arc_to_t([0.0, 1.0, quarter_perimeter(2.0, 1.0)], 2.0, 1.0)
    >>> t.round(6)
    array([0.      , 0.806975, 1.570796])
    >>> float(arc_length(t[1], 2.0, 1.0).round(12))
    1.0
    """
    a, b = _semi_axes(a, b)
    tol = _positive("tol", tol)
    maxiter = _count("maxiter", maxiter, 1)
    length = quarter_perimeter(a, b)
    s = np.asarray(s, dtype=float)
    slack = 1e-12 * length
    if np.any(~np.isfinite(s)) or np.any(s < -slack) or np.any(s > length + slack):
        raise ValueError(
            f"s must lie in [0, l] with l = {length!r}, got values from {np.min(s)!r} to {np.max(s)!r}"
        )
    s = np.clip(s, 0.0, length)
    m = 1.0 - (b / a) ** 2
    e_m = scipy.special.ellipe(m)
    lo, hi = np.zeros_like(s), np.full_like(s, _HALF_PI)
    t = _HALF_PI * s / length
    for _ in range(maxiter):
        f = a * (e_m - scipy.special.ellipeinc(_HALF_PI - t, m)) - s
        lo = np.where(f <= 0, t, lo)
        hi = np.where(f >= 0, t, hi)
        t_new = t - f / _speed(t, a, b)
        outside = (t_new <= lo) | (t_new >= hi)
        t_new = np.where(outside & (hi > lo), 0.5 * (lo + hi), t_new)
        t_new = np.clip(t_new, 0.0, _HALF_PI)
        step = np.max(np.abs(t_new - t), initial=0.0)
        t = t_new
        if step < tol:
            break
    else:
        warnings.warn(f"arc_to_t did not converge in {maxiter} iterations (last step {step:.2e})",
                      RuntimeWarning, stacklevel=2)
    return t


def arc_point(s: npt.ArrayLike, a: float, b: float) -> tuple[np.ndarray, np.ndarray]:
    """The rim point :math:`(g(s), h(s))` of the ellipse at arc length :math:`s` from :math:`(a, 0)`.

    Explained in the article *Two bent ellipses glue into a solid* (``two-ellipses``).

    Parameters
    ----------
    s : array_like
        Arc lengths in :math:`[0, l]`.
    a, b : float
        Positive semi-axes.

    Returns
    -------
    g, h : numpy.ndarray
        The coordinates :math:`x = a\\cos t(s)` and :math:`y = b\\sin t(s)`.

    Raises
    ------
    TypeError, ValueError
        As :func:`arc_to_t`.

    Examples
    --------
    >>> g, h = arc_point([0.0, quarter_perimeter(2.0, 1.0)], 2.0, 1.0)
    >>> g.round(12), h.round(12)
    (array([2., 0.]), array([0., 1.]))
    """
    a, b = _semi_axes(a, b)
    t = arc_to_t(s, a, b)
    return a * np.cos(t), b * np.sin(t)


def arc_tangent(s: npt.ArrayLike, a: float, b: float) -> tuple[np.ndarray, np.ndarray]:
    """The unit tangent :math:`(g'(s), h'(s))` of the rim at arc length :math:`s`.

    Explained in the article *Two bent ellipses glue into a solid* (``two-ellipses``).

    Parameters
    ----------
    s : array_like
        Arc lengths in :math:`[0, l]`.
    a, b : float
        Positive semi-axes.

    Returns
    -------
    dg, dh : numpy.ndarray
        :math:`g'(s) = -a\\sin t / v` and :math:`h'(s) = b\\cos t / v` with
        :math:`v = \\sqrt{a^2\\sin^2 t + b^2\\cos^2 t}`; :math:`g'^2 + h'^2 = 1`.

    Raises
    ------
    TypeError, ValueError
        As :func:`arc_to_t`.

    Examples
    --------
    >>> dg, dh = arc_tangent([0.0, quarter_perimeter(2.0, 1.0)], 2.0, 1.0)
    >>> dg.round(12), dh.round(12)
    (array([-0., -1.]), array([1., 0.]))
    """
    a, b = _semi_axes(a, b)
    t = arc_to_t(s, a, b)
    v = _speed(t, a, b)
    return -a * np.sin(t) / v, b * np.cos(t) / v


def partner_ellipse(a: float, b: float, ratio: float) -> tuple[float, float]:
    """An ellipse with semi-axis ratio ``ratio`` and the quarter perimeter of ``(a, b)``.

    Explained in the article *Two bent ellipses glue into a solid* (``two-ellipses``).

    Parameters
    ----------
    a, b : float
        Positive semi-axes of the first sheet.
    ratio : float
        :math:`a_2/b_2 > 0` of the second sheet (below 1: bent along its short axis).

    Returns
    -------
    a2, b2 : float
        Its semi-axes.

    Raises
    ------
    TypeError
        If an argument is not a real number.
    ValueError
        If an argument is not finite and positive.

    Examples
    --------
    >>> a2, b2 = partner_ellipse(2.0, 1.0, 1.0)  # the circle of the same quarter perimeter
    >>> round(a2, 5), round(b2, 5)
    (1.54196, 1.54196)
    """
    a, b = _semi_axes(a, b)
    ratio = _positive("ratio", ratio)
    k = quarter_perimeter(a, b) / quarter_perimeter(ratio, 1.0)
    return ratio * k, k


# ------------------------------------------------------------------ glue condition


def glue_condition(s: npt.ArrayLike, a: float, b: float, *,
                   partner: tuple[float, float] | None = None) -> np.ndarray:
    """The glue condition :math:`c(s) = 1 - h_1'(s)^2 - h_2'(l - s)^2`.

    Computed as :math:`g_1'(s)^2 - h_2'(l - s)^2`, which is the same number without the
    cancellation of ``1 - ...`` near the ends. The sheets glue iff :math:`c \\ge 0`.

    Explained in the article *Two bent ellipses glue into a solid* (``two-ellipses``).

    Parameters
    ----------
    s : array_like
        Arc lengths in :math:`[0, l]`.
    a, b : float
        Positive semi-axes of the first sheet (its rim gives the seam's :math:`y`).
    partner : (float, float), optional
        Semi-axes of the second sheet (its rim gives :math:`z`); by default the same
        ellipse. It must have the same quarter perimeter.

    Returns
    -------
    numpy.ndarray
        :math:`c(s)`, same shape as ``s``; it equals :math:`x'(s)^2` where it is
        non-negative.

    Raises
    ------
    TypeError
        If ``a``, ``b`` or ``partner`` has the wrong type.
    ValueError
        If a semi-axis is not positive, an ``s`` lies outside :math:`[0, l]`, or the
        partner's quarter perimeter differs.

    Examples
    --------
    >>> l = quarter_perimeter(2.0, 1.0)
    >>> glue_condition([0.0, l / 2, l], 2.0, 1.0).round(6)
    array([0.      , 0.759578, 0.      ])
    >>> float(glue_condition(l / 2, 1.0, 2.0).round(4))  # bent along the short axis
    -0.7596
    """
    a, b = _semi_axes(a, b)
    a2, b2 = _partner(a, b, partner)
    s = np.asarray(s, dtype=float)
    length = quarter_perimeter(a, b)
    dg1, _ = arc_tangent(s, a, b)
    _, dh2 = arc_tangent(np.clip(length - s, 0.0, quarter_perimeter(a2, b2)), a2, b2)
    return dg1**2 - dh2**2


@dataclass(frozen=True)
class Seam:
    """The first-octant seam :math:`(x(s), y(s), z(s))` of two glued sheets.

    Attributes
    ----------
    a, b : float
        Semi-axes of sheet 1 (generators parallel to :math:`y`, bounds :math:`|z|`).
    a2, b2 : float
        Semi-axes of sheet 2 (generators parallel to :math:`z`, bounds :math:`|y|`).
    length : float
        The quarter perimeter :math:`l` shared by both sheets.
    s, x, y, z, c : numpy.ndarray
        Arc length, the seam's coordinates, and the glue condition on the grid.
    """

    a: float
    b: float
    a2: float
    b2: float
    length: float
    s: np.ndarray
    x: np.ndarray
    y: np.ndarray
    z: np.ndarray
    c: np.ndarray

    @property
    def x_end(self) -> float:
        """:math:`x(l)`, the extent of the solid along the :math:`x` axis."""
        return float(self.x[-1])


def seam(a: float, b: float, n: int = 4001, *, partner: tuple[float, float] | None = None,
         atol: float = 1e-12) -> Seam:
    """The seam of two glued sheets on a uniform grid of ``n`` arc lengths.

    :math:`y = h_1(s)`, :math:`z = h_2(l - s)`, and :math:`x(s) = \\int_0^s \\sqrt{c}` by
    the cumulative Simpson rule (``scipy.integrate.cumulative_simpson``).

    Explained in the article *Two bent ellipses glue into a solid* (``two-ellipses``).

    Parameters
    ----------
    a, b : float
        Positive semi-axes of sheet 1.
    n : int, optional
        Number of grid points, at least 3.
    partner : (float, float), optional
        Semi-axes of sheet 2 (same quarter perimeter); by default equal to sheet 1.
    atol : float, optional
        Round-off allowed below zero in :math:`c` (clipped to 0).

    Returns
    -------
    Seam
        The grid, the coordinates and :math:`c(s)`.

    Raises
    ------
    TypeError
        If ``a``, ``b`` or ``partner`` has the wrong type.
    ValueError
        If ``n < 3``, a semi-axis is not positive, the quarter perimeters differ, or the
        sheets cannot be glued (:math:`\\min c < -` ``atol``).

    Examples
    --------
    >>> sm = seam(2.0, 1.0)
    >>> round(sm.x_end, 6), round(float(sm.y[-1]), 12), round(float(sm.z[0]), 12)
    (1.569757, 1.0, 1.0)
    """
    a, b = _semi_axes(a, b)
    n = _count("n", n, 3)
    atol = _positive("atol", atol)
    a2, b2 = _partner(a, b, partner)
    length = quarter_perimeter(a, b)
    s = np.linspace(0.0, length, n)
    c = glue_condition(s, a, b, partner=None if (a2, b2) == (a, b) else (a2, b2))
    if c.min() < -atol:
        i = int(np.argmin(c))
        raise ValueError(
            f"sheets ({a}, {b}) and ({a2}, {b2}) cannot be glued: the glue condition is "
            f"{c[i]:.3g} < 0 at s = {s[i]:.6g} (of l = {length:.6g})"
        )
    _, y = arc_point(s, a, b)
    _, z = arc_point(np.clip(length - s, 0.0, quarter_perimeter(a2, b2)), a2, b2)
    x = scipy.integrate.cumulative_simpson(np.sqrt(np.clip(c, 0.0, None)), x=s, initial=0.0)
    return Seam(a, b, a2, b2, length, s, x, y, z, c)


def solid_volume(a: float, b: float, n: int = 4001, *,
                 partner: tuple[float, float] | None = None) -> float:
    """Volume of the glued solid, :math:`V = \\int_0^l 4\\,y(s)\\,z(s)\\,x'(s)\\,ds`.

    The cross-section at abscissa :math:`x(s)` is the rectangle :math:`|Y| \\le y(s)`,
    :math:`|Z| \\le z(s)`.

    Explained in the article *Two bent ellipses glue into a solid* (``two-ellipses``).

    Parameters
    ----------
    a, b : float
        Positive semi-axes of sheet 1.
    n : int, optional
        Number of grid points of :func:`seam`.
    partner : (float, float), optional
        Semi-axes of sheet 2, as in :func:`seam`.

    Returns
    -------
    float
        The volume (Simpson's rule on the seam grid).

    Raises
    ------
    TypeError, ValueError
        As :func:`seam`.

    Examples
    --------
    >>> round(solid_volume(2.0, 1.0), 6)
    3.167464
    >>> solid_volume(1.0, 1.0) < 1e-8  # two discs: a flat "solid"
    True
    """
    sm = seam(a, b, n, partner=partner)
    dx = np.sqrt(np.clip(sm.c, 0.0, None))
    return float(scipy.integrate.simpson(4.0 * sm.y * sm.z * dx, x=sm.s))


def bent_sheet_areas(sm: Seam) -> tuple[float, float]:
    """Areas of the two bent sheets, measured in space from the seam alone.

    Sheet 1 is the cylinder over the profile :math:`(x(s), \\pm z(s))` with generators of
    length :math:`2y(s)`; its area is :math:`2\\int 2y\\,|d(x, z)|`. The profile's length
    elements are taken from finite differences of the seam, independently of the
    isometry equation. Bending without stretching gives :math:`\\pi a b` for sheet 1 and
    :math:`\\pi a_2 b_2` for sheet 2.

    Explained in the article *Two bent ellipses glue into a solid* (``two-ellipses``).

    Parameters
    ----------
    sm : Seam
        A seam from :func:`seam`.

    Returns
    -------
    area1, area2 : float
        The areas of sheet 1 and sheet 2 (midpoint rule on the polygonal profiles).

    Raises
    ------
    TypeError
        If ``sm`` is not a :class:`Seam`.

    Examples
    --------
    >>> A1, A2 = bent_sheet_areas(seam(2.0, 1.0))
    >>> round(A1 / (2 * math.pi), 6), round(A2 / (2 * math.pi), 6)
    (1.0, 1.0)
    """
    if not isinstance(sm, Seam):
        raise TypeError(f"sm must be a Seam (from blogcode.ellipses.seam), got {type(sm).__name__}")
    dx = np.diff(sm.x)
    y_mid, z_mid = 0.5 * (sm.y[1:] + sm.y[:-1]), 0.5 * (sm.z[1:] + sm.z[:-1])
    area1 = 2.0 * np.sum(2.0 * y_mid * np.hypot(dx, np.diff(sm.z)))
    area2 = 2.0 * np.sum(2.0 * z_mid * np.hypot(dx, np.diff(sm.y)))
    return float(area1), float(area2)


def end_curvature_margins(a: float, b: float, *,
                          partner: tuple[float, float] | None = None) -> tuple[float, float]:
    """The leading coefficients of the glue condition at the two ends of the seam.

    Near :math:`s = 0`, :math:`c(s) \\approx (\\kappa_1^2 - \\mu_2^2)\\,s^2`, where
    :math:`\\kappa_1 = a/b^2` is the curvature of sheet 1 at its tip and
    :math:`\\mu_2 = b_2/a_2^2` that of sheet 2 at the end of its minor axis; near
    :math:`s = l`, :math:`c \\approx (\\kappa_2^2 - \\mu_1^2)(l - s)^2`. Both must be
    non-negative for the sheets to glue (a necessary condition).

    Explained in the article *Two bent ellipses glue into a solid* (``two-ellipses``).

    Parameters
    ----------
    a, b : float
        Positive semi-axes of sheet 1.
    partner : (float, float), optional
        Semi-axes of sheet 2 (same quarter perimeter); by default equal to sheet 1.

    Returns
    -------
    start, end : float
        :math:`\\kappa_1^2 - \\mu_2^2` and :math:`\\kappa_2^2 - \\mu_1^2`.

    Raises
    ------
    TypeError, ValueError
        As :func:`glue_condition`.

    Examples
    --------
    >>> end_curvature_margins(2.0, 1.0)
    (3.9375, 3.9375)
    >>> end_curvature_margins(1.0, 2.0)[0] < 0
    True
    """
    a, b = _semi_axes(a, b)
    a2, b2 = _partner(a, b, partner)
    return (a / b**2) ** 2 - (b2 / a2**2) ** 2, (a2 / b2**2) ** 2 - (b / a**2) ** 2


# ------------------------------------------------------------------ the post's code


@dataclass(frozen=True)
class BlogPort:
    """Result of :func:`blog_port`.

    Attributes
    ----------
    length : float
        The quarter perimeter as the post's code computes it.
    x_end : float
        Its :math:`x(l)`.
    min_c : float
        The smallest value of its finite-difference glue condition.
    tolerance : float
        The post's acceptance threshold, ``-10 * step``.
    s, x, y, z : numpy.ndarray
        Every tenth point of its seam (as the post plots).
    """

    length: float
    x_end: float
    min_c: float
    tolerance: float
    s: np.ndarray
    x: np.ndarray
    y: np.ndarray
    z: np.ndarray

    @property
    def passes(self) -> bool:
        """Whether the post's check ``c > -10 * step`` passes everywhere."""
        return self.min_c > self.tolerance


def _running_trapezoid(f: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Cumulative midpoint-averaged integral, attached to the grid by interpolation."""
    panels = np.cumsum(0.5 * (f[1:] + f[:-1]) * np.diff(u))
    return np.interp(u, 0.5 * (u[1:] + u[:-1]), panels, left=0.0)


def _shifted_difference(f: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Forward-difference slope with ``1e-10`` added to both increments, interpolated."""
    slope = (np.diff(f) + 1e-10) / (np.diff(u) + 1e-10)
    return np.interp(u, 0.5 * (u[1:] + u[:-1]), slope)


def blog_port(a: float = 2.0, b: float = 1.0, step: float = 1e-6) -> BlogPort:
    """Recompute the seam the way the original post's script does.

    A uniform grid ``y = 0, step, ..., < b``; the arc length :math:`s(y)` by a running
    trapezoid rule on :math:`\\sqrt{1 + a^2y^2/(b^4 - b^2y^2)}`; :math:`z = h(l - s)` by
    linear interpolation; the slopes by shifted finite differences; the check
    ``c > -10 * step``; and :math:`x(s)` by the same running trapezoid rule of
    :math:`\\sqrt{\\mathrm{clip}(c, 0, a)}`. The grid stops one step short of the
    singular end :math:`y = b`, which makes :math:`l` too small by about
    :math:`a\\sqrt{2\\,\\mathrm{step}/b}`.

    Explained in the article *Two bent ellipses glue into a solid* (``two-ellipses``).

    Parameters
    ----------
    a, b : float, optional
        Semi-axes, ``a > b > 0`` (the post uses 2 and 1).
    step : float, optional
        Grid step in :math:`y`, between ``1e-7`` and ``b/10``; the post uses ``1e-6``.

    Returns
    -------
    BlogPort
        Its quarter perimeter, :math:`x(l)`, minimum of :math:`c`, and the thinned seam.

    Raises
    ------
    TypeError
        If an argument is not a real number.
    ValueError
        If ``a <= b``, a value is not positive, or ``step`` is out of range.

    Examples
    --------
    >>> r = blog_port(step=1e-4)
    >>> round(r.length, 4), r.passes
    (2.3944, True)
    """
    a, b = _semi_axes(a, b)
    step = _positive("step", step)
    if a <= b:
        raise ValueError(f"blog_port needs a > b (the post's setting), got a = {a}, b = {b}")
    if not 1e-7 <= step <= b / 10:
        raise ValueError(f"step must lie in [1e-7, b/10] = [1e-7, {b / 10}], got {step}")
    y = np.arange(0.0, b, step)
    s = _running_trapezoid(np.sqrt(1.0 + a**2 * y**2 / b**2 / (b**2 - y**2)), y)
    length = float(s[-1])
    z = np.interp(length - s, s, y)
    c = 1.0 - _shifted_difference(y, s) ** 2 - _shifted_difference(z, s) ** 2
    x = _running_trapezoid(np.sqrt(np.clip(c, 0.0, a)), s)
    return BlogPort(length, float(x[-1]), float(c.min()), -10.0 * step,
                    s[::10].copy(), x[::10].copy(), y[::10].copy(), z[::10].copy())


# ------------------------------------------------------------------ drawing


def draw_solid(ax: Any, sm: Seam, *, generators: int = 9) -> None:
    """Draw the glued solid on a Matplotlib 3-D axes: seam, axes of the sheets, generators.

    Sheet 1 (generators parallel to :math:`y`) is drawn in solid blue lines, sheet 2
    (generators parallel to :math:`z`) in dashed vermillion lines, the four seam
    branches in black.

    Explained in the article *Two bent ellipses glue into a solid* (``two-ellipses``).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        A 3-D axes, created with ``fig.add_subplot(projection="3d")``.
    sm : Seam
        The seam to draw.
    generators : int, optional
        Number of generators drawn per half sheet, at least 2.

    Returns
    -------
    None

    Raises
    ------
    TypeError
        If ``ax`` is not a 3-D axes or ``sm`` is not a :class:`Seam`.
    ValueError
        If ``generators < 2``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig = plt.figure()
    >>> ax = fig.add_subplot(projection="3d")
    >>> draw_solid(ax, seam(2.0, 1.0, 201))
    >>> len(ax.lines) > 20
    True
    >>> plt.close(fig)
    """
    if getattr(ax, "name", None) != "3d":
        raise TypeError("ax must be a 3-D axes, made with fig.add_subplot(projection='3d')")
    if not isinstance(sm, Seam):
        raise TypeError(f"sm must be a Seam (from blogcode.ellipses.seam), got {type(sm).__name__}")
    generators = _count("generators", generators, 2)
    blue, red = "#0072B2", "#D55E00"
    x, y, z = sm.x, sm.y, sm.z
    zero = np.zeros_like(x)
    for sy in (1, -1):
        for sz in (1, -1):
            ax.plot(x, sy * y, sz * z, color="black", linewidth=1.6, linestyle="-")
    for sz in (1, -1):
        ax.plot(x, zero, sz * z, color=blue, linewidth=1.0, linestyle="-")  # bent long axis of sheet 1
        ax.plot(x, sz * y, zero, color=red, linewidth=1.0, linestyle="--")  # of sheet 2
    # generators evenly spaced along the bent long axis of each sheet
    for profile, gen, color, style, gen_of in ((z, y, blue, "-", "y"), (y, z, red, "--", "z")):
        arc = np.concatenate([[0.0], np.cumsum(np.hypot(np.diff(x), np.diff(profile)))])
        for target in np.linspace(0.0, arc[-1], generators + 1)[:-1]:
            i = int(np.searchsorted(arc, target))
            for sign in (1, -1):
                if gen_of == "y":
                    ax.plot([x[i]] * 2, [-gen[i], gen[i]], [sign * profile[i]] * 2,
                            color=color, linewidth=0.8, linestyle=style)
                else:
                    ax.plot([x[i]] * 2, [sign * profile[i]] * 2, [-gen[i], gen[i]],
                            color=color, linewidth=0.8, linestyle=style)
    ax.set_xlabel("$x$")
    ax.set_ylabel("$y$")
    ax.set_zlabel("$z$")
