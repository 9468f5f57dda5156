"""The shape of a spinning rope: skipping ropes, troposkiens and the whirling string.

A uniform inextensible rope (linear density 1) turns at a constant angular speed
:math:`\\omega` about an axis and feels gravity :math:`g`. In the rotating frame its
equilibrium makes :math:`\\int (\\varphi - \\lambda)\\,ds` stationary, where
:math:`\\varphi` is "kinetic minus potential energy" per unit length and the Lagrange
multiplier :math:`\\lambda` of the length constraint fixes the tension
:math:`T = \\lambda - \\varphi`. This module gives

* the symbolic Euler--Lagrange equations (SymPy): :func:`euler_lagrange`;
* the original post's initial-value computation and its correction: :func:`blog_ivp`,
  :func:`el_residuals`, :func:`tension`;
* closed forms: :func:`catenary`, the troposkien :func:`troposkien` (Jacobi elliptic
  functions) with :func:`troposkien_halfspan`, :func:`troposkien_arclength`,
  :func:`troposkien_length_ratio`, and the skipping rope with gravity
  :func:`skipping_rope`, which solves the relation between length, span and speed;
* numerical routes: the two-point boundary-value solver :func:`rope_bvp`
  (``scipy.integrate.solve_bvp``) and the discrete bead chain :func:`bead_chain`
  (``scipy.optimize.minimize``);
* the rope hanging from a rotating rod with a free end (Kolodner's problem):
  :func:`kolodner_thresholds`, :func:`whirling_string`, :func:`whirling_string_shape`.

Every function is explained in the article *The shape of a skipping rope*
(``skipping-rope-curve``).

References
----------
* Su Jianlin, "你跳绳的时候，想过绳子的形状曲线是怎样的吗？", Scientific Spaces, 2019,
  https://kexue.fm/archives/6784
* I. I. Kolodner, "Heavy rotating string -- a nonlinear eigenvalue problem",
  Comm. Pure Appl. Math. 8 (1955) 395--408.
* B. F. Blackwell and G. E. Reis, "Blade shape for a troposkien type of vertical-axis
  wind turbine", Sandia report SLA-74-0154, 1974.
"""

from __future__ import annotations

import math
import numbers
from typing import NamedTuple

import numpy as np
import numpy.typing as npt
import scipy.integrate
import scipy.optimize
import scipy.special
import sympy as sp

__all__ = [
    "T",
    "OMEGA",
    "G",
    "LAM",
    "effective_potential",
    "euler_lagrange",
    "blog_ivp",
    "el_residuals",
    "tension",
    "catenary",
    "troposkien",
    "troposkien_halfspan",
    "troposkien_arclength",
    "troposkien_length_ratio",
    "SkippingRope",
    "skipping_rope",
    "RopeBVP",
    "rope_bvp",
    "bead_chain",
    "kolodner_thresholds",
    "whirling_string",
    "whirling_string_shape",
]

#: The curve parameter of :func:`euler_lagrange` (any parameter, not only arc length).
T = sp.Symbol("t", real=True)
#: Angular speed :math:`\omega`.
OMEGA = sp.Symbol("omega", positive=True)
#: Gravitational acceleration :math:`g`.
G = sp.Symbol("g", nonnegative=True)
#: Lagrange multiplier :math:`\lambda` of the length constraint.
LAM = sp.Symbol("lambda", real=True)

_AXES = ("vertical", "horizontal")


# ----------------------------------------------------------------------------- checks
def _real(name: str, value: object, *, positive: bool = False, nonnegative: bool = False) -> float:
    """Return ``value`` as a finite float, or raise saying what is allowed."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {value!r} of type {type(value).__name__}")
    v = float(value)
    if not math.isfinite(v):
        raise ValueError(f"{name} must be finite, got {v}")
    if positive and v <= 0:
        raise ValueError(f"{name} must be > 0, got {v}")
    if nonnegative and v < 0:
        raise ValueError(f"{name} must be >= 0, got {v}")
    return v


def _count(name: str, value: object, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {value!r} of type {type(value).__name__}")
    if int(value) < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    return int(value)


def _axis(axis: object) -> str:
    if axis not in _AXES:
        raise ValueError(f"axis must be one of {_AXES}, got {axis!r}")
    return str(axis)


def _load(x: np.ndarray, y: np.ndarray, omega: float, g: float, axis: str) -> tuple[np.ndarray, np.ndarray]:
    """Body force per unit length (centrifugal + gravity) in the rotating frame."""
    if axis == "vertical":  # x = distance from a vertical axis, y = height
        return omega**2 * x, np.full_like(np.asarray(y, dtype=float), -g)
    return np.zeros_like(np.asarray(x, dtype=float)), omega**2 * y - g  # axis along x, y = height


# -------------------------------------------------------------------------- symbolic
def effective_potential(x: sp.Expr, y: sp.Expr, axis: str = "vertical") -> sp.Expr:
    """The post's "kinetic minus potential" energy per unit length, :math:`\\varphi`.

    Explained in the article *The shape of a skipping rope* (``skipping-rope-curve``).

    Parameters
    ----------
    x, y : sympy.Expr
        Coordinates of a point of the rope (``y`` is the height).
    axis : {"vertical", "horizontal"}, optional
        ``"vertical"``: rotation about the vertical line ``x = 0`` (Li Yongle's puzzle),
        :math:`\\varphi = \\tfrac12\\omega^2x^2 - gy`. ``"horizontal"``: rotation about the
        horizontal line ``y = 0`` through the hands (the skipping rope at its lowest
        position), :math:`\\varphi = \\tfrac12\\omega^2y^2 - gy`.

    Returns
    -------
    sympy.Expr
        :math:`\\varphi(x, y)` in the symbols :data:`OMEGA` and :data:`G`.

    Raises
    ------
    ValueError
        If ``axis`` is not one of the two allowed values.

    Examples
    --------
    >>> x, y = sp.symbols("x y", real=True)
    >>> effective_potential(x, y)
    -g*y + omega**2*x**2/2
    """
    axis = _axis(axis)
    radius = x if axis == "vertical" else y
    return OMEGA**2 * radius**2 / 2 - G * y


def euler_lagrange(lam: sp.Expr = LAM, axis: str = "vertical") -> tuple[sp.Expr, sp.Expr]:
    """Euler--Lagrange expressions of :math:`\\int(\\varphi-\\lambda)\\sqrt{\\dot x^2+\\dot y^2}\\,dt`.

    SymPy's ``sympy.calculus.euler.euler_equations`` is applied to the Lagrangian in a
    general parameter :data:`T`, so the result holds for any parametrisation; set
    :math:`\\dot x^2 + \\dot y^2 = 1` to read it in arc length.

    Explained in the article *The shape of a skipping rope* (``skipping-rope-curve``).

    Parameters
    ----------
    lam : sympy.Expr, optional
        The multiplier; ``0`` reproduces the post's functional.
    axis : {"vertical", "horizontal"}, optional
        See :func:`effective_potential`.

    Returns
    -------
    (sympy.Expr, sympy.Expr)
        The expressions :math:`E_x, E_y` in the functions ``x(t), y(t)`` whose vanishing
        are the equations of motion (``dL/dx - d/dt dL/dx' = 0`` and the same for ``y``).

    Raises
    ------
    ValueError
        If ``axis`` is not allowed.
    TypeError
        If ``lam`` cannot be converted to a SymPy expression.

    Examples
    --------
    >>> ex, ey = euler_lagrange(lam=0)
    >>> x, y = sp.Function("x")(T), sp.Function("y")(T)
    >>> sp.simplify(ex.subs({x.diff(T, 2): 0, y.diff(T, 2): 0}).subs({x.diff(T): 0, y.diff(T): 1}))
    omega**2*x(t)
    """
    axis = _axis(axis)
    try:
        lam = sp.sympify(lam)
    except (sp.SympifyError, TypeError) as exc:
        raise TypeError(f"lam must be a SymPy expression or a number, got {lam!r}") from exc
    x, y = sp.Function("x")(T), sp.Function("y")(T)
    lagrangian = (effective_potential(x, y, axis) - lam) * sp.sqrt(x.diff(T) ** 2 + y.diff(T) ** 2)
    eqs = sp.calculus.euler.euler_equations(lagrangian, [x, y], T)
    return eqs[0].lhs, eqs[1].lhs


# --------------------------------------------------------------------- post's IVP
def blog_ivp(omega: float, g: float, C1: float, s_max: float, *, x0: float = 1.0, y0: float = 0.0,
             corrected: bool = False, n_points: int = 501,
             method: str = "RK23", rtol: float = 1e-3) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The post's initial-value computation, as published or corrected.

    The post integrates :math:`\\varphi\\,dy/ds = C_1 - gs` with unit speed, where
    :math:`\\varphi = \\tfrac12\\omega^2x^2 - gy`, but its code assigns
    :math:`G = (C_1 - gs)/\\varphi` to :math:`dx/ds` and :math:`-\\sqrt{1-G^2}` to
    :math:`dy/ds`. ``corrected=True`` puts them where the equation says,
    :math:`(x', y') = (\\sqrt{1-G^2}, G)`. The square root is clipped at 0 where
    :math:`|G| > 1` (the equations have no real solution there).

    Explained in the article *The shape of a skipping rope* (``skipping-rope-curve``).

    Parameters
    ----------
    omega, g : float
        Angular speed and gravity, both ``>= 0``.
    C1 : float
        The constant of the first integral.
    s_max : float
        Arc length integrated, ``> 0``.
    x0, y0 : float, optional
        Starting point (the post uses ``(1, 0)``).
    corrected : bool, optional
        ``False``: the published code; ``True``: components in the right places.
    n_points : int, optional
        Number of output points (``>= 2``), equally spaced in ``s``.
    method : str, optional
        Integrator of ``scipy.integrate.solve_ivp`` (the post uses ``"RK23"``).
    rtol : float, optional
        Relative tolerance (the post keeps SciPy's default ``1e-3``).

    Returns
    -------
    s, x, y : numpy.ndarray
        Arc length and the points of the curve.

    Raises
    ------
    ValueError
        If ``omega`` or ``g`` is negative, ``s_max`` is not positive, ``n_points < 2``, or
        :math:`\\varphi = 0` at the starting point.
    TypeError
        If a number is not real.

    Examples
    --------
    >>> s, x, y = blog_ivp(2.0, 3.0, 0.0, 0.5, corrected=True, rtol=1e-10, method="RK45")
    >>> round(float(x[-1]), 3), round(float(y[-1]), 3)
    (1.487, -0.105)
    """
    omega = _real("omega", omega, nonnegative=True)
    g = _real("g", g, nonnegative=True)
    C1 = _real("C1", C1)
    s_max = _real("s_max", s_max, positive=True)
    x0, y0 = _real("x0", x0), _real("y0", y0)
    n_points = _count("n_points", n_points, 2)
    rtol = _real("rtol", rtol, positive=True)
    if 0.5 * omega**2 * x0**2 - g * y0 == 0:
        raise ValueError(f"phi vanishes at the starting point ({x0}, {y0}); choose another start")

    def rhs(s: float, state: np.ndarray) -> list[float]:
        x, y = state
        G_ = (C1 - g * s) / (0.5 * omega**2 * x**2 - g * y)
        other = math.sqrt(max(0.0, 1.0 - G_**2))
        return [other, G_] if corrected else [G_, -other]

    s = np.linspace(0.0, s_max, n_points)
    sol = scipy.integrate.solve_ivp(rhs, (0.0, s_max), [x0, y0], method=method, t_eval=s,
                                    rtol=rtol, atol=rtol * 1e-3)
    return sol.t, sol.y[0], sol.y[1]


def el_residuals(s: npt.ArrayLike, x: npt.ArrayLike, y: npt.ArrayLike, omega: float, g: float,
                 lam: float = 0.0, axis: str = "vertical") -> tuple[np.ndarray, np.ndarray]:
    """Finite-difference residuals of the Euler--Lagrange equations along a sampled curve.

    With primes for :math:`d/ds`, the residuals are
    :math:`\\big((\\varphi-\\lambda)x'\\big)' - \\partial_x\\varphi` and
    :math:`\\big((\\varphi-\\lambda)y'\\big)' - \\partial_y\\varphi`, both zero on an
    equilibrium. Derivatives use ``numpy.gradient`` (second order).

    Explained in the article *The shape of a skipping rope* (``skipping-rope-curve``).

    Parameters
    ----------
    s, x, y : array_like
        Arc length (strictly increasing) and the points, 1-D of equal length ``>= 3``.
    omega, g : float
        Angular speed and gravity, ``>= 0``.
    lam : float, optional
        The multiplier (0 in the post).
    axis : {"vertical", "horizontal"}, optional
        See :func:`effective_potential`.

    Returns
    -------
    rx, ry : numpy.ndarray
        The two residuals at the sample points.

    Raises
    ------
    ValueError
        If the arrays are not 1-D of one length ``>= 3``, ``s`` is not increasing, or a
        parameter is out of range.

    Examples
    --------
    >>> s = np.linspace(-1, 1, 2001)
    >>> x, y = np.arcsinh(s), np.sqrt(1 + s**2)        # the catenary y = cosh x
    >>> rx, ry = el_residuals(s, x, y, omega=0.0, g=1.0)
    >>> bool(np.max(np.abs(rx[2:-2])) < 1e-5 and np.max(np.abs(ry[2:-2])) < 1e-5)
    True
    """
    s, x, y = (np.asarray(a, dtype=float) for a in (s, x, y))
    if s.ndim != 1 or s.shape != x.shape or s.shape != y.shape or s.size < 3:
        raise ValueError(f"s, x, y must be 1-D of one length >= 3, got shapes {s.shape}, {x.shape}, {y.shape}")
    if np.any(np.diff(s) <= 0):
        raise ValueError("s must be strictly increasing")
    omega = _real("omega", omega, nonnegative=True)
    g = _real("g", g, nonnegative=True)
    lam = _real("lam", lam)
    axis = _axis(axis)
    phi = -tension(x, y, omega, g, 0.0, axis=axis)
    fx, fy = _load(x, y, omega, g, axis)
    dx, dy = np.gradient(x, s), np.gradient(y, s)
    return np.gradient((phi - lam) * dx, s) - fx, np.gradient((phi - lam) * dy, s) - fy


def tension(x: npt.ArrayLike, y: npt.ArrayLike, omega: float, g: float, lam: float,
            axis: str = "vertical") -> np.ndarray:
    """Tension :math:`T = \\lambda - \\varphi(x, y)` of a rope in relative equilibrium.

    Explained in the article *The shape of a skipping rope* (``skipping-rope-curve``).

    Parameters
    ----------
    x, y : array_like
        Points of the rope.
    omega, g : float
        Angular speed and gravity, ``>= 0``.
    lam : float
        The Lagrange multiplier (0 in the post).
    axis : {"vertical", "horizontal"}, optional
        See :func:`effective_potential`.

    Returns
    -------
    numpy.ndarray
        The tension; negative values mean compression, impossible for a rope.

    Raises
    ------
    ValueError
        If ``omega`` or ``g`` is negative or ``axis`` is unknown.

    Examples
    --------
    >>> tension([1.0], [0.0], omega=2.0, g=3.0, lam=0.0)   # the post's starting point
    array([-2.])
    """
    omega = _real("omega", omega, nonnegative=True)
    g = _real("g", g, nonnegative=True)
    lam = _real("lam", lam)
    axis = _axis(axis)
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    radius = x if axis == "vertical" else y
    return lam - (0.5 * omega**2 * radius**2 - g * y)


# --------------------------------------------------------------------- closed forms
def catenary(x: npt.ArrayLike, a: float, b: float = 0.0) -> np.ndarray:
    """The catenary :math:`y = a\\cosh\\big((x-b)/a\\big)` (the case :math:`\\omega = 0`).

    Explained in the article *The shape of a skipping rope* (``skipping-rope-curve``).

    Parameters
    ----------
    x : array_like
        Abscissae.
    a : float
        Parameter ``> 0`` (height of the lowest point above the directrix).
    b : float, optional
        Abscissa of the lowest point.

    Returns
    -------
    numpy.ndarray
        Heights.

    Raises
    ------
    ValueError
        If ``a <= 0``.

    Examples
    --------
    >>> catenary([0.0, 2.0], a=2.0)
    array([2.        , 3.08616127])
    """
    a = _real("a", a, positive=True)
    b = _real("b", b)
    return a * np.cosh((np.asarray(x, dtype=float) - b) / a)


def _tropo_params(kappa: float) -> tuple[float, float, float, float]:
    """Return (k, m, K(m), E(m)) of the troposkien with parameter kappa."""
    k = math.sqrt(kappa * (kappa + 2.0))
    m = kappa / (kappa + 2.0)
    return k, m, float(scipy.special.ellipk(m)), float(scipy.special.ellipe(m))


def troposkien(x: npt.ArrayLike, R: float, kappa: float) -> np.ndarray:
    """Distance from the axis of the troposkien, :math:`z = R\\,\\mathrm{cd}(kx/R\\,|\\,m)`.

    A weightless rope spinning about the :math:`x` axis with tension :math:`H` at its
    mid-point (where it is farthest, at distance :math:`R`) has
    :math:`\\kappa = \\omega^2R^2/(2H)`, :math:`k = \\sqrt{\\kappa(\\kappa+2)}` and
    :math:`m = \\kappa/(\\kappa+2)`. It crosses the axis at :math:`x = \\pm`
    :func:`troposkien_halfspan`.

    Explained in the article *The shape of a skipping rope* (``skipping-rope-curve``).

    Parameters
    ----------
    x : array_like
        Axial positions measured from the mid-point, with
        :math:`|x| \\le` ``troposkien_halfspan(R, kappa)``.
    R : float
        Largest distance from the axis, ``> 0``.
    kappa : float
        Shape parameter ``> 0`` (small: a shallow sine arch; large: a long flat rope).

    Returns
    -------
    numpy.ndarray
        :math:`z(x)`.

    Raises
    ------
    ValueError
        If ``R`` or ``kappa`` is not positive, or some ``|x|`` exceeds the half-span.

    Examples
    --------
    >>> a = troposkien_halfspan(1.0, 0.8)
    >>> round(a, 5), troposkien([0.0, a], 1.0, 0.8).round(12)
    (1.13962, array([1., 0.]))
    """
    R = _real("R", R, positive=True)
    kappa = _real("kappa", kappa, positive=True)
    x = np.asarray(x, dtype=float)
    k, m, K, _ = _tropo_params(kappa)
    half = R * K / k
    if np.any(np.abs(x) > half * (1 + 1e-12)):
        raise ValueError(f"|x| must not exceed the half-span {half:.6g} of the troposkien, got max |x| = "
                         f"{float(np.max(np.abs(x))):.6g}")
    _, cn, dn, _ = scipy.special.ellipj(k * x / R, m)
    return R * cn / dn


def troposkien_halfspan(R: float, kappa: float) -> float:
    """Half the distance between the troposkien's two crossings of the axis, :math:`RK(m)/k`.

    Explained in the article *The shape of a skipping rope* (``skipping-rope-curve``).

    Parameters
    ----------
    R, kappa : float
        As in :func:`troposkien`, both ``> 0``.

    Returns
    -------
    float
        The half-span.

    Raises
    ------
    ValueError
        If ``R`` or ``kappa`` is not positive.

    Examples
    --------
    >>> kappa = 1e-9                  # small kappa: a long sine arch, half-span ~ pi/(2 sqrt(2 kappa))
    >>> round(troposkien_halfspan(1.0, kappa) * math.sqrt(2 * kappa), 6)
    1.570796
    """
    R = _real("R", R, positive=True)
    kappa = _real("kappa", kappa, positive=True)
    k, _, K, _ = _tropo_params(kappa)
    return R * K / k


def _cd2_integral(v: np.ndarray, m: float, K: float, E: float) -> np.ndarray:
    """:math:`\\int_0^v \\mathrm{cd}^2(w|m)\\,dw` for 0 <= v <= K (via cd(w) = sn(K - w))."""
    _, _, _, ph = scipy.special.ellipj(K - v, m)
    return (v - E + scipy.special.ellipeinc(ph, m)) / m


def troposkien_arclength(x: npt.ArrayLike, R: float, kappa: float) -> np.ndarray:
    """Arc length of the troposkien from its mid-point to the axial position ``x``.

    Since :math:`ds/dx = T/H = 1 + \\kappa(1 - z^2/R^2)` and
    :math:`\\int_0^{v}\\mathrm{cd}^2 = \\big(v - E(m) + E(\\mathrm{am}(K-v)\\,|\\,m)\\big)/m`,
    the length is a combination of complete and incomplete elliptic integrals
    (``scipy.special.ellipeinc``).

    Explained in the article *The shape of a skipping rope* (``skipping-rope-curve``).

    Parameters
    ----------
    x : array_like
        Axial positions as in :func:`troposkien`.
    R, kappa : float
        As in :func:`troposkien`.

    Returns
    -------
    numpy.ndarray
        Signed arc length (odd in ``x``).

    Raises
    ------
    ValueError
        As :func:`troposkien`.

    Examples
    --------
    >>> a = troposkien_halfspan(1.0, 0.8)
    >>> round(float(troposkien_arclength(a, 1.0, 0.8) / a), 6) == round(troposkien_length_ratio(0.8), 6)
    True
    """
    R = _real("R", R, positive=True)
    kappa = _real("kappa", kappa, positive=True)
    x = np.asarray(x, dtype=float)
    troposkien(x, R, kappa)  # validates the range
    k, m, K, E = _tropo_params(kappa)
    v = np.minimum(k * np.abs(x) / R, K)
    return np.sign(x) * ((1 + kappa) * np.abs(x) - kappa * R / k * _cd2_integral(v, m, K, E))


def troposkien_length_ratio(kappa: float) -> float:
    """Length over span of the full troposkien, :math:`\\big((\\kappa+2)E(m) - K(m)\\big)/K(m)`.

    Explained in the article *The shape of a skipping rope* (``skipping-rope-curve``).

    Parameters
    ----------
    kappa : float
        Shape parameter ``> 0``.

    Returns
    -------
    float
        Rope length divided by the distance between the hands (``> 1``).

    Raises
    ------
    ValueError
        If ``kappa`` is not positive.

    Examples
    --------
    >>> round(troposkien_length_ratio(1.0), 6)
    1.474712
    """
    kappa = _real("kappa", kappa, positive=True)
    _, _, K, E = _tropo_params(kappa)
    return ((kappa + 2.0) * E - K) / K


class SkippingRope(NamedTuple):
    """Closed-form skipping rope returned by :func:`skipping_rope`.

    Explained in the article *The shape of a skipping rope* (``skipping-rope-curve``).
    """

    #: Points along the line of the hands, from ``-span/2`` to ``span/2``.
    x: np.ndarray
    #: Heights (``<= 0``: the rope below the hands).
    y: np.ndarray
    #: Tension at the points (per unit mass per length).
    tension: np.ndarray
    #: Largest distance from the effective axis (``g/omega**2`` above the hands).
    R: float
    #: Shape parameter :math:`\omega^2R^2/(2H)`.
    kappa: float
    #: Tension at the mid-point.
    H: float
    #: :math:`g/\omega^2`, the height of the effective axis above the hands.
    offset: float


def _hand_argument(kappa: float, rho: float) -> float:
    """Elliptic argument t of the hands: cd(t|m) = rho t / k (t = K when rho = 0)."""
    k, m, K, _ = _tropo_params(kappa)
    if rho == 0:
        return K

    def h(t: float) -> float:
        _, cn, dn, _ = scipy.special.ellipj(t, m)
        return cn / dn - rho * t / k

    if h(K) >= 0:  # rho so small that the hands are on the axis to rounding
        return K
    return scipy.optimize.brentq(h, 0.0, K, xtol=1e-15, rtol=1e-15)


def _half_length_ratio(kappa: float, rho: float) -> float:
    """Half-length over half-span of the truncated troposkien with hand offset rho = c/a."""
    k, m, K, E = _tropo_params(kappa)
    t = _hand_argument(kappa, rho)
    return (1 + kappa) - kappa * float(_cd2_integral(np.array(t), m, K, E)) / t


def skipping_rope(span: float, length: float, omega: float, g: float = 0.0, *,
                  n: int = 201) -> SkippingRope:
    """The skipping rope at its lowest position, in closed form: length, span and speed.

    The rope hangs between hands a distance ``span`` apart and turns about the line through
    them. At its lowest position gravity and the centrifugal force both point away from
    that line, and the substitution :math:`z = y - g/\\omega^2` turns the problem into the
    weightless one about an *effective axis* :math:`g/\\omega^2` above the hands. The shape
    is a troposkien (:func:`troposkien`) cut where it reaches the hands; its parameters
    solve two equations (hands on the curve, arc length = ``length``) by nested
    ``scipy.optimize.brentq``. For ``g = 0`` the shape depends on ``length/span`` only
    and the tension grows like :math:`\\omega^2`.

    Explained in the article *The shape of a skipping rope* (``skipping-rope-curve``).

    Parameters
    ----------
    span : float
        Distance between the hands, ``> 0``.
    length : float
        Length of the rope, ``> span``.
    omega : float
        Angular speed, ``> 0``.
    g : float, optional
        Gravity, ``>= 0`` (0: the weightless troposkien).
    n : int, optional
        Number of points returned (``>= 2``).

    Returns
    -------
    SkippingRope
        Points, tension and parameters.

    Raises
    ------
    ValueError
        If a length is not positive, ``length <= span``, ``omega <= 0``, ``g < 0`` or
        ``n < 2``.

    Examples
    --------
    >>> rope = skipping_rope(2.0, 2.0 * troposkien_length_ratio(0.8), omega=1.0)
    >>> round(rope.kappa, 9), round(rope.R, 6)
    (0.8, 0.877485)
    """
    span = _real("span", span, positive=True)
    length = _real("length", length, positive=True)
    omega = _real("omega", omega, positive=True)
    g = _real("g", g, nonnegative=True)
    n = _count("n", n, 2)
    if length <= span:
        raise ValueError(f"length must exceed span (a taut straight rope has no equilibrium shape), "
                         f"got length={length} <= span={span}")
    a, target = span / 2, length / span
    c = g / omega**2
    rho = c / a

    def excess(log_kappa: float) -> float:
        return _half_length_ratio(math.exp(log_kappa), rho) - target

    lo, hi = math.log(1e-8), math.log(1e-8)
    while excess(hi) < 0:
        lo, hi = hi, hi + 1.0
        if hi > math.log(1e8):
            raise ValueError(f"length/span = {target:.6g} is too large to solve for")
    kappa = math.exp(scipy.optimize.brentq(excess, lo, hi, xtol=1e-14, rtol=1e-15)) if lo < hi else 1e-8
    k, m, _, _ = _tropo_params(kappa)
    t = _hand_argument(kappa, rho)
    R = k * a / t
    H = omega**2 * R**2 / (2 * kappa)
    x = np.linspace(-a, a, n)
    _, cn, dn, _ = scipy.special.ellipj(t * x / a, m)
    z = R * cn / dn  # distance from the effective axis
    return SkippingRope(x, -(z - c), H + 0.5 * omega**2 * (R**2 - z**2), R, kappa, H, c)


# --------------------------------------------------------------------- numerical BVP
class RopeBVP(NamedTuple):
    """Numerical rope returned by :func:`rope_bvp`.

    Explained in the article *The shape of a skipping rope* (``skipping-rope-curve``).
    """

    #: Arc length on the solver's final mesh.
    s: np.ndarray
    #: Abscissae of the points.
    x: np.ndarray
    #: Heights of the points.
    y: np.ndarray
    #: Tangent angle.
    theta: np.ndarray
    #: Tension (per unit mass per length).
    tension: np.ndarray
    #: The ``scipy.integrate.solve_bvp`` result (``sol.sol`` interpolates the state).
    sol: object


def rope_bvp(start: npt.ArrayLike, end: npt.ArrayLike, length: float, omega: float, g: float, *,
             axis: str = "vertical", bulge: npt.ArrayLike = (0.0, -1.0), n_mesh: int = 101,
             tol: float = 1e-8) -> RopeBVP:
    """A rope with both ends fixed, by ``scipy.integrate.solve_bvp`` in arc length.

    The unknowns are the position :math:`(x, y)`, the tangent angle :math:`\\theta` and the
    tension :math:`T`; with the load :math:`\\mathbf f` per unit length (centrifugal +
    gravity), force balance :math:`(T\\mathbf t)' + \\mathbf f = 0` reads
    :math:`T' = -\\mathbf f\\cdot\\mathbf t`, :math:`T\\theta' = -\\mathbf f\\cdot\\mathbf n`.
    The four boundary conditions fix both ends; the tension is an output. The initial guess
    is a parabola pushed along ``bulge`` until its length is right.

    Explained in the article *The shape of a skipping rope* (``skipping-rope-curve``).

    Parameters
    ----------
    start, end : array_like
        The two fixed ends ``(x, y)``.
    length : float
        Rope length, longer than the distance between the ends.
    omega, g : float
        Angular speed and gravity, ``>= 0`` and not both 0.
    axis : {"vertical", "horizontal"}, optional
        See :func:`effective_potential`.
    bulge : array_like, optional
        Direction in which the initial guess bows out.
    n_mesh : int, optional
        Initial mesh size (``>= 5``).
    tol : float, optional
        Tolerance of ``solve_bvp``.

    Returns
    -------
    RopeBVP
        The solution.

    Raises
    ------
    ValueError
        For invalid arguments.
    RuntimeError
        If ``solve_bvp`` does not converge.

    Examples
    --------
    >>> sol = rope_bvp((-1, 0), (1, 0), 2.5, omega=0.0, g=1.0)   # a hanging chain
    >>> bool(np.all(sol.tension > 0)), round(float(sol.y.min()), 4)
    (True, -0.6636)
    """
    p0, p1 = np.asarray(start, dtype=float), np.asarray(end, dtype=float)
    if p0.shape != (2,) or p1.shape != (2,) or not np.all(np.isfinite(np.r_[p0, p1])):
        raise ValueError(f"start and end must be finite points (x, y), got {start!r} and {end!r}")
    length = _real("length", length, positive=True)
    omega = _real("omega", omega, nonnegative=True)
    g = _real("g", g, nonnegative=True)
    axis = _axis(axis)
    n_mesh = _count("n_mesh", n_mesh, 5)
    tol = _real("tol", tol, positive=True)
    chord = float(np.hypot(*(p1 - p0)))
    if length <= chord:
        raise ValueError(f"length must exceed the distance between the ends, got {length} <= {chord:.6g}")
    if omega == 0 and g == 0:
        raise ValueError("omega and g cannot both be 0: without a load the shape is undetermined")
    b = np.asarray(bulge, dtype=float)
    if b.shape != (2,) or not np.hypot(*b) > 0:
        raise ValueError(f"bulge must be a non-zero 2-vector, got {bulge!r}")
    b = b / np.hypot(*b)

    def f_load(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return _load(x, y, omega, g, axis)

    def fun(s: np.ndarray, u: np.ndarray) -> np.ndarray:
        x, y, th, T_ = u
        fx, fy = f_load(x, y)
        c, sn = np.cos(th), np.sin(th)
        return np.vstack([c, sn, (fx * sn - fy * c) / T_, -(fx * c + fy * sn)])

    def bc(ua: np.ndarray, ub: np.ndarray) -> np.ndarray:
        return np.array([ua[0] - p0[0], ua[1] - p0[1], ub[0] - p1[0], ub[1] - p1[1]])

    # initial guess: p(u) = p0 + u (p1 - p0) + 4 d u (1 - u) b, d chosen for the length
    u = np.linspace(0.0, 1.0, 2001)

    def curve(d: float) -> np.ndarray:
        return p0[:, None] + u * (p1 - p0)[:, None] + 4 * d * (u * (1 - u)) * b[:, None]

    def guess_length(d: float) -> float:
        return float(np.sum(np.hypot(*np.diff(curve(d), axis=1))))

    d = scipy.optimize.brentq(lambda d: guess_length(d) - length, 0.0, 2 * length)
    pts = curve(d)
    seg = np.hypot(*np.diff(pts, axis=1))
    s_pts = np.r_[0.0, np.cumsum(seg)] * length / np.sum(seg)
    s_mesh = np.linspace(0.0, length, n_mesh)
    xg, yg = np.interp(s_mesh, s_pts, pts[0]), np.interp(s_mesh, s_pts, pts[1])
    th = np.unwrap(np.arctan2(np.gradient(yg, s_mesh), np.gradient(xg, s_mesh)))
    fx, fy = f_load(xg, yg)
    dth = np.gradient(th, s_mesh)
    mid = n_mesh // 2
    fn_mid = -fx[mid] * np.sin(th[mid]) + fy[mid] * np.cos(th[mid])
    T_mid = abs(fn_mid / dth[mid]) if dth[mid] != 0 else 1.0
    dT = -(fx * np.cos(th) + fy * np.sin(th))
    T_guess = T_mid + scipy.integrate.cumulative_trapezoid(dT, s_mesh, initial=0.0)
    T_guess = T_guess - T_guess[mid] + T_mid
    T_guess = np.maximum(T_guess, 0.1 * T_mid + 1e-3)
    with np.errstate(over="ignore", invalid="ignore"):  # a diverging Newton step is reported below
        res = scipy.integrate.solve_bvp(fun, bc, s_mesh, np.vstack([xg, yg, th, T_guess]),
                                        tol=tol, max_nodes=20000)
    if not res.success:
        raise RuntimeError(f"solve_bvp did not converge: {res.message}")
    x, y, th, T_ = res.y
    return RopeBVP(res.x, x, y, th, T_, res)


# --------------------------------------------------------------------- bead chain
def bead_chain(start: npt.ArrayLike, end: npt.ArrayLike, length: float, omega: float, g: float, *,
               axis: str = "horizontal", n_links: int = 40,
               bulge: npt.ArrayLike = (0.0, -1.0)) -> tuple[np.ndarray, np.ndarray]:
    """A chain of rigid links minimising the rotating-frame potential energy.

    An independent route to the rope's shape that never writes an ODE: ``n_links`` equal
    straight links of uniform density, parametrised by their angles, minimise
    :math:`-\\int\\varphi\\,ds` (integrated exactly on each straight link) with the last
    point held at ``end`` (``scipy.optimize.minimize``, SLSQP).

    Explained in the article *The shape of a skipping rope* (``skipping-rope-curve``).

    Parameters
    ----------
    start, end : array_like
        The fixed ends ``(x, y)``.
    length : float
        Total length, longer than the distance between the ends.
    omega, g : float
        Angular speed and gravity, ``>= 0``.
    axis : {"vertical", "horizontal"}, optional
        See :func:`effective_potential`.
    n_links : int, optional
        Number of links (``>= 3``); the error decays like ``n_links**-2``.
    bulge : array_like, optional
        Direction in which the starting chain bows out.

    Returns
    -------
    x, y : numpy.ndarray
        The ``n_links + 1`` joints.

    Raises
    ------
    ValueError
        For invalid arguments.
    RuntimeError
        If the minimiser fails.

    Examples
    --------
    >>> x, y = bead_chain((-1, 0), (1, 0), 2.5, omega=0.0, g=1.0, n_links=30)
    >>> round(float(y.min()), 2)                  # the catenary sags by 0.6636
    -0.66
    """
    p0, p1 = np.asarray(start, dtype=float), np.asarray(end, dtype=float)
    if p0.shape != (2,) or p1.shape != (2,):
        raise ValueError(f"start and end must be points (x, y), got {start!r} and {end!r}")
    length = _real("length", length, positive=True)
    omega = _real("omega", omega, nonnegative=True)
    g = _real("g", g, nonnegative=True)
    axis = _axis(axis)
    n_links = _count("n_links", n_links, 3)
    if length <= float(np.hypot(*(p1 - p0))):
        raise ValueError(f"length must exceed the distance between the ends, got {length}")
    b = np.asarray(bulge, dtype=float)
    h = length / n_links

    def joints(th: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return (p0[0] + h * np.r_[0.0, np.cumsum(np.cos(th))],
                p0[1] + h * np.r_[0.0, np.cumsum(np.sin(th))])

    vertical = axis == "vertical"

    def energy(th: np.ndarray) -> tuple[float, np.ndarray]:
        x, y = joints(th)
        r = x if vertical else y
        ra, rb = r[:-1], r[1:]
        r2 = (ra**2 + ra * rb + rb**2) / 3  # exact mean of r^2 on a straight link
        value = h * np.sum(-0.5 * omega**2 * r2 + 0.5 * g * (y[:-1] + y[1:]))
        # gradient: dE/d(joint), then the chain rule through the cumulative sums
        d_r = np.zeros_like(r)
        d_r[:-1] += -h * omega**2 * (2 * ra + rb) / 6
        d_r[1:] += -h * omega**2 * (ra + 2 * rb) / 6
        d_y = np.full_like(y, h * g)
        d_y[0] = d_y[-1] = 0.5 * h * g
        d_x = d_r if vertical else np.zeros_like(x)
        if not vertical:
            d_y = d_y + d_r
        gx = np.cumsum(d_x[::-1])[::-1][1:]  # sum over the joints after each link
        gy = np.cumsum(d_y[::-1])[::-1][1:]
        return float(value), h * (-np.sin(th) * gx + np.cos(th) * gy)

    def closure(th: np.ndarray) -> np.ndarray:
        x, y = joints(th)
        return np.array([x[-1] - p1[0], y[-1] - p1[1]])

    def closure_jac(th: np.ndarray) -> np.ndarray:
        return h * np.vstack([-np.sin(th), np.cos(th)])

    # start from a circular arc through both ends, bowed along ``bulge``
    chord = p1 - p0
    base = math.atan2(chord[1], chord[0])
    side = 1.0 if chord[0] * b[1] - chord[1] * b[0] < 0 else -1.0
    half_angle = scipy.optimize.brentq(
        lambda a: a / math.sin(a) - length / float(np.hypot(*chord)), 1e-9, math.pi - 1e-9)
    th0 = base - side * half_angle + side * 2 * half_angle * (np.arange(n_links) + 0.5) / n_links
    res = scipy.optimize.minimize(energy, th0, jac=True, method="SLSQP",
                                  constraints=[{"type": "eq", "fun": closure, "jac": closure_jac}],
                                  options={"maxiter": 500, "ftol": 1e-12})
    if not res.success:
        raise RuntimeError(f"the bead-chain minimisation failed: {res.message}")
    return joints(res.x)


# ------------------------------------------------------------- whirling string
def kolodner_thresholds(n: int) -> np.ndarray:
    """Speeds :math:`\\omega^2L/g = j_{0,k}^2/4` at which the hanging whirling string branches.

    Linearising about the vertical rope, :math:`x \\propto J_0\\big(2\\omega\\sqrt{\\sigma/g}\\big)`
    with :math:`\\sigma` the distance from the free end; the top point is on the axis when
    :math:`2\\omega\\sqrt{L/g}` is a zero :math:`j_{0,k}` of :math:`J_0`.

    Explained in the article *The shape of a skipping rope* (``skipping-rope-curve``).

    Parameters
    ----------
    n : int
        Number of thresholds, ``>= 1``.

    Returns
    -------
    numpy.ndarray
        The first ``n`` values of :math:`j_{0,k}^2/4`.

    Raises
    ------
    ValueError
        If ``n < 1``.

    Examples
    --------
    >>> kolodner_thresholds(3).round(4)
    array([ 1.4458,  7.6178, 18.7218])
    """
    n = _count("n", n, 1)
    return scipy.special.jn_zeros(0, n) ** 2 / 4


def _whirl_rhs(Omega2: float):  # noqa: ANN202 - private helper
    def rhs(sigma: float, u: np.ndarray) -> np.ndarray:
        x, y, px, py = u.reshape(4, -1)
        norm = np.hypot(px, py)
        return np.concatenate([-px / norm, -py / norm, Omega2 * x, -np.ones_like(x)])
    return rhs


def _whirl_start(x_end: np.ndarray, Omega2: float, eps: float) -> np.ndarray:
    fx, fy = Omega2 * x_end, -np.ones_like(x_end)
    norm = np.hypot(fx, fy)
    return np.concatenate([x_end - eps * fx / norm, -eps * fy / norm, eps * fx, eps * fy])


def _whirl_solve(x_end: np.ndarray, Omega2: float, dense: bool = False, rtol: float = 1e-9):  # noqa: ANN202
    eps = 1e-6
    return scipy.integrate.solve_ivp(_whirl_rhs(Omega2), (eps, 1.0), _whirl_start(x_end, Omega2, eps),
                                     method="DOP853", rtol=rtol, atol=1e-12, dense_output=dense)


def whirling_string(omega2_L_over_g: float, n_scan: int = 200, refine: bool = True) -> np.ndarray:
    """Free-end radii :math:`x_e/L` of the non-trivial whirling strings (Kolodner's problem).

    A rope of length :math:`L` hangs from a point on a vertical axis turning at
    :math:`\\omega`, its lower end free. Integrating the force balance upward from the
    free end, where the tension vanishes and the rope points along the load
    :math:`(\\omega^2x_e, -g)`, the top lands on the axis only for special :math:`x_e`.
    All ``n_scan`` candidates are integrated at once (one stacked
    ``scipy.integrate.solve_ivp`` call); sign changes are refined by
    ``scipy.optimize.brentq``.

    Explained in the article *The shape of a skipping rope* (``skipping-rope-curve``).

    Parameters
    ----------
    omega2_L_over_g : float
        The one dimensionless parameter :math:`\\omega^2L/g`, ``> 0``.
    n_scan : int, optional
        Number of trial radii in ``(0, 1)`` (``>= 4``).
    refine : bool, optional
        Refine each bracket with ``brentq`` (else linear interpolation).

    Returns
    -------
    numpy.ndarray
        The radii of the free end over :math:`L`, increasing; empty below the first
        threshold of :func:`kolodner_thresholds`. The trivial vertical rope (0) is omitted.

    Raises
    ------
    ValueError
        If the parameter is not positive or ``n_scan < 4``.

    Examples
    --------
    >>> whirling_string(2.0, n_scan=60).round(4)
    array([0.7006])
    >>> whirling_string(1.3, n_scan=60)
    array([], dtype=float64)
    """
    Omega2 = _real("omega2_L_over_g", omega2_L_over_g, positive=True)
    n_scan = _count("n_scan", n_scan, 4)
    refine = bool(refine)
    trial = np.sin(0.5 * np.pi * np.linspace(0.0, 1.0, n_scan + 2)[1:-1])  # denser near 1
    top = _whirl_solve(trial, Omega2, rtol=1e-7).y[:n_scan, -1]
    roots = []
    for i in np.nonzero(np.sign(top[:-1]) * np.sign(top[1:]) < 0)[0]:
        a, b = trial[i], trial[i + 1]
        if refine:
            roots.append(scipy.optimize.brentq(
                lambda xe: float(_whirl_solve(np.array([xe]), Omega2).y[0, -1]), a, b, xtol=1e-12))
        else:
            roots.append(a - top[i] * (b - a) / (top[i + 1] - top[i]))
    return np.array(roots, dtype=float)


def whirling_string_shape(x_end: float, omega2_L_over_g: float, n: int = 201) -> tuple[np.ndarray, np.ndarray]:
    """Shape of the whirling string whose free end is at radius ``x_end`` (units of :math:`L`).

    Explained in the article *The shape of a skipping rope* (``skipping-rope-curve``).

    Parameters
    ----------
    x_end : float
        Free-end radius over :math:`L`, in ``[0, 1)`` (a root from :func:`whirling_string`).
    omega2_L_over_g : float
        :math:`\\omega^2L/g`, ``> 0``.
    n : int, optional
        Number of points (``>= 2``).

    Returns
    -------
    x, y : numpy.ndarray
        Points over :math:`L` from the top (first point) to the free end, with the top at
        height 0.

    Raises
    ------
    ValueError
        If ``x_end`` is outside ``[0, 1)``, the speed is not positive, or ``n < 2``.

    Examples
    --------
    >>> x, y = whirling_string_shape(0.0, 1.0)          # the trivial vertical rope
    >>> bool(np.allclose(x, 0)), round(float(y[-1]), 6)
    (True, -1.0)
    """
    x_end = _real("x_end", x_end, nonnegative=True)
    if x_end >= 1:
        raise ValueError(f"x_end must be < 1 (in units of the rope length), got {x_end}")
    Omega2 = _real("omega2_L_over_g", omega2_L_over_g, positive=True)
    n = _count("n", n, 2)
    sol = _whirl_solve(np.array([x_end]), Omega2, dense=True, rtol=1e-10)
    sigma = np.linspace(1.0, sol.t[0], n)
    x, y = sol.sol(sigma)[:2]
    return x, y - y[0]
