"""Relativistic dynamics from the principle of least action.

The free particle's action is fixed by Lorentz invariance, :math:`S = -mc^2\\int d\\tau`;
a scalar potential :math:`\\phi` enters as :math:`-\\alpha\\int\\phi\\,d\\tau` and a
four-potential as :math:`-q\\int A_\\mu dx^\\mu`. This module gives the Lagrangians, momenta,
energies and Euler--Lagrange equations symbolically (SymPy), and integrates the equations of
motion in static fields numerically (SciPy): the uniform field, scalar (Nordström-type)
gravity with its perihelion shift, and the deflection of fast particles.

Every function is explained in the article *Relativistic dynamics from the action
principle* (``relativistic-dynamics``).

References
----------
* Su Jianlin, "《虚拟的实在(3)》——相对论动力学", Scientific Spaces, 2013,
  https://kexue.fm/archives/2005
* L. D. Landau and E. M. Lifshitz, *The Classical Theory of Fields*, §§8--9, 16--17.
* C. M. Will, "The Confrontation between General Relativity and Experiment",
  Living Rev. Relativ. 17, 4 (2014).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt
import scipy.integrate
import sympy as sp

__all__ = [
    "lorentz_boost",
    "free_particle_lagrangian",
    "momentum",
    "energy",
    "worldline",
    "scalar_field_lagrangian",
    "vector_field_lagrangian",
    "euler_lagrange",
    "four_velocity",
    "post_covariant_residuals",
    "proper_time_factor",
    "uniform_field_closed_form",
    "integrate_static_field",
    "field_energy",
    "perihelion_shift",
    "gr_perihelion_shift",
    "deflection_angle",
]

COUPLINGS = ("scalar", "vector", "newton")


# ----------------------------------------------------------------------------- helpers
def _check_positive(name: str, value: object) -> float:
    """Return ``value`` as a positive finite float, or raise ValueError."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name} must be a positive real number, got {value!r}")
    value = float(value)
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a positive real number, got {value!r}")
    return value


def _check_coupling(coupling: object) -> str:
    if coupling not in COUPLINGS:
        raise ValueError(f"coupling must be one of {COUPLINGS}, got {coupling!r}")
    return str(coupling)


def _as_velocity(v: object) -> list[sp.Expr]:
    """A SymPy speed or a sequence of velocity components, as a list."""
    if isinstance(v, sp.Basic):
        return [v]
    if isinstance(v, Sequence) and not isinstance(v, str) and len(v) > 0 and all(
        isinstance(c, sp.Basic) for c in v
    ):
        return list(v)
    raise TypeError(
        f"v must be a SymPy expression or a non-empty sequence of them, got {type(v).__name__}"
    )


def _check_worldline(xs: object, t: object) -> tuple[list[sp.Expr], sp.Symbol]:
    if not isinstance(t, sp.Symbol):
        raise TypeError(f"t must be a SymPy Symbol, got {type(t).__name__}")
    if not isinstance(xs, Sequence) or not 1 <= len(xs) <= 3:
        raise ValueError(f"xs must be a sequence of 1 to 3 functions of t, got {xs!r}")
    for x in xs:
        if not isinstance(x, sp.Expr) or not x.has(t):
            raise ValueError(f"each coordinate must be a SymPy function of t, got {x!r}")
    return list(xs), t


# ------------------------------------------------------------------------- symbolic
def lorentz_boost(ct: sp.Expr, x: sp.Expr, beta: sp.Expr) -> tuple[sp.Expr, sp.Expr]:
    """Boost the event :math:`(ct, x)` with velocity :math:`\\beta c` along :math:`x`.

    Explained in the article *Relativistic dynamics from the action principle*
    (``relativistic-dynamics``).

    Parameters
    ----------
    ct, x : sympy.Expr
        Time (times :math:`c`) and position, or their differentials.
    beta : sympy.Expr
        The boost velocity in units of :math:`c`, :math:`|\\beta| < 1`.

    Returns
    -------
    ct_new, x_new : sympy.Expr
        :math:`\\gamma(ct - \\beta x)` and :math:`\\gamma(x - \\beta ct)` with
        :math:`\\gamma = 1/\\sqrt{1-\\beta^2}`.

    Raises
    ------
    TypeError
        If an argument is not a SymPy expression.
    ValueError
        If ``beta`` is a number with :math:`|\\beta| \\ge 1`.

    Examples
    --------
    >>> ct, x, b = sp.symbols("ct x beta", real=True)
    >>> ct2, x2 = lorentz_boost(ct, x, b)
    >>> sp.simplify(ct2**2 - x2**2 - (ct**2 - x**2))
    0
    """
    for name, val in (("ct", ct), ("x", x), ("beta", beta)):
        if not isinstance(val, sp.Basic):
            raise TypeError(f"{name} must be a SymPy expression, got {type(val).__name__}")
    if beta.is_number and not abs(float(beta)) < 1:
        raise ValueError(f"the boost speed |beta| must be below 1, got {beta}")
    gamma = 1 / sp.sqrt(1 - beta**2)
    return gamma * (ct - beta * x), gamma * (x - beta * ct)


def free_particle_lagrangian(m: sp.Expr, c: sp.Expr, v: sp.Expr | Sequence[sp.Expr]) -> sp.Expr:
    """The free particle's Lagrangian :math:`L = -mc^2\\sqrt{1 - v^2/c^2}`.

    It is the only Lagrangian of the form :math:`L\\,dt = \\Lambda\\,d\\tau` with a constant
    Lorentz scalar :math:`\\Lambda`, and :math:`\\Lambda = -mc^2` is fixed by the Newtonian
    limit :math:`L \\approx -mc^2 + \\tfrac12 mv^2`.

    Explained in the article *Relativistic dynamics from the action principle*
    (``relativistic-dynamics``).

    Parameters
    ----------
    m, c : sympy.Expr
        Rest mass and speed of light.
    v : sympy.Expr or sequence of sympy.Expr
        The speed, or the velocity components (then :math:`v^2` is their sum of squares).

    Returns
    -------
    sympy.Expr

    Raises
    ------
    TypeError
        If an argument is not a SymPy expression (or sequence of them).

    Examples
    --------
    >>> m, c, v = sp.symbols("m c v", positive=True)
    >>> free_particle_lagrangian(m, c, v)
    -c**2*m*sqrt(1 - v**2/c**2)
    >>> sp.series(free_particle_lagrangian(m, c, v), v, 0, 4).removeO()
    -c**2*m + m*v**2/2
    """
    for name, val in (("m", m), ("c", c)):
        if not isinstance(val, sp.Basic):
            raise TypeError(f"{name} must be a SymPy expression, got {type(val).__name__}")
    comps = _as_velocity(v)
    v2 = sp.Add(*[u**2 for u in comps])
    return -m * c**2 * sp.sqrt(1 - v2 / c**2)


def momentum(L: sp.Expr, v: sp.Expr | Sequence[sp.Expr]) -> sp.Expr | list[sp.Expr]:
    """Canonical momentum :math:`p_i = \\partial L/\\partial v_i`.

    Explained in the article *Relativistic dynamics from the action principle*
    (``relativistic-dynamics``).

    Parameters
    ----------
    L : sympy.Expr
        The Lagrangian.
    v : sympy.Expr or sequence of sympy.Expr
        The velocity symbol (or ``Derivative`` of a coordinate), or several.

    Returns
    -------
    sympy.Expr or list of sympy.Expr
        One momentum per velocity (a single expression if ``v`` is one).

    Raises
    ------
    TypeError
        If ``L`` or ``v`` is not a SymPy expression.

    Examples
    --------
    >>> m, c, v = sp.symbols("m c v", positive=True)
    >>> p = momentum(free_particle_lagrangian(m, c, v), v)
    >>> sp.simplify(p - m * v / sp.sqrt(1 - v**2 / c**2))
    0
    """
    if not isinstance(L, sp.Basic):
        raise TypeError(f"L must be a SymPy expression, got {type(L).__name__}")
    comps = _as_velocity(v)
    ps = [sp.simplify(sp.diff(L, u)) for u in comps]
    return ps[0] if isinstance(v, sp.Basic) else ps


def energy(L: sp.Expr, v: sp.Expr | Sequence[sp.Expr]) -> sp.Expr:
    """The energy (Hamiltonian) :math:`E = \\sum_i v_i\\,\\partial L/\\partial v_i - L`.

    Explained in the article *Relativistic dynamics from the action principle*
    (``relativistic-dynamics``).

    Parameters
    ----------
    L : sympy.Expr
        The Lagrangian.
    v : sympy.Expr or sequence of sympy.Expr
        The velocity symbol(s) or derivative(s).

    Returns
    -------
    sympy.Expr
        The simplified energy function.

    Raises
    ------
    TypeError
        If ``L`` or ``v`` is not a SymPy expression.

    Examples
    --------
    >>> m, c, v = sp.symbols("m c v", positive=True)
    >>> E = energy(free_particle_lagrangian(m, c, v), v)
    >>> sp.simplify(E - m * c**2 / sp.sqrt(1 - v**2 / c**2))
    0
    """
    if not isinstance(L, sp.Basic):
        raise TypeError(f"L must be a SymPy expression, got {type(L).__name__}")
    comps = _as_velocity(v)
    return sp.simplify(sp.Add(*[u * sp.diff(L, u) for u in comps]) - L)


def worldline(dim: int = 3) -> tuple[sp.Symbol, list[sp.Expr]]:
    """The time symbol and ``dim`` coordinate functions :math:`x^i(t)` of a worldline.

    Explained in the article *Relativistic dynamics from the action principle*
    (``relativistic-dynamics``).

    Parameters
    ----------
    dim : int, optional
        Number of space dimensions, 1 to 3.

    Returns
    -------
    t : sympy.Symbol
        The real symbol ``t``.
    xs : list of sympy.Expr
        ``x(t)``, ``y(t)``, ``z(t)`` (the first ``dim`` of them).

    Raises
    ------
    ValueError
        If ``dim`` is not an integer from 1 to 3.

    Examples
    --------
    >>> worldline(2)
    (t, [x(t), y(t)])
    """
    if isinstance(dim, bool) or not isinstance(dim, numbers.Integral) or not 1 <= dim <= 3:
        raise ValueError(f"dim must be an integer from 1 to 3, got {dim!r}")
    t = sp.Symbol("t", real=True)
    return t, [sp.Function(name, real=True)(t) for name in "xyz"[: int(dim)]]


def scalar_field_lagrangian(
    m: sp.Expr, alpha: sp.Expr, c: sp.Expr, phi: sp.Expr, xs: Sequence[sp.Expr], t: sp.Symbol
) -> sp.Expr:
    """:math:`L = -(mc^2 + \\alpha\\phi)\\sqrt{1 - v^2/c^2}` for a particle in a scalar field.

    This is :math:`L\\,dt = -(mc^2 + \\alpha\\phi)\\,d\\tau`: the free action plus the
    coupling :math:`-\\alpha\\int\\phi\\,d\\tau`, whose Newtonian limit is the potential
    energy :math:`+\\alpha\\phi`.

    Explained in the article *Relativistic dynamics from the action principle*
    (``relativistic-dynamics``).

    Parameters
    ----------
    m, alpha, c : sympy.Expr
        Rest mass, coupling constant, speed of light.
    phi : sympy.Expr
        The field evaluated on the worldline, e.g. ``Function("phi")(t, *xs)``.
    xs : sequence of sympy.Expr
        The coordinates as functions of ``t`` (see :func:`worldline`).
    t : sympy.Symbol
        Coordinate time.

    Returns
    -------
    sympy.Expr

    Raises
    ------
    TypeError
        If ``t`` is not a Symbol.
    ValueError
        If ``xs`` is not 1 to 3 functions of ``t``.

    Examples
    --------
    >>> t, xs = worldline(1)
    >>> m, a, c = sp.symbols("m alpha c", positive=True)
    >>> phi = sp.Function("phi")(t, *xs)
    >>> scalar_field_lagrangian(m, a, c, phi, xs, t)
    sqrt(1 - Derivative(x(t), t)**2/c**2)*(-alpha*phi(t, x(t)) - c**2*m)
    """
    xs, t = _check_worldline(xs, t)
    v2 = sp.Add(*[sp.diff(x, t) ** 2 for x in xs])
    return -(m * c**2 + alpha * phi) * sp.sqrt(1 - v2 / c**2)


def vector_field_lagrangian(
    m: sp.Expr,
    q: sp.Expr,
    c: sp.Expr,
    phi: sp.Expr,
    A: Sequence[sp.Expr],
    xs: Sequence[sp.Expr],
    t: sp.Symbol,
) -> sp.Expr:
    """:math:`L = -mc^2\\sqrt{1-v^2/c^2} - q\\phi + q\\,\\boldsymbol A\\cdot\\boldsymbol v`.

    The Lagrangian of a charge in the four-potential :math:`A^\\mu = (\\phi/c, \\boldsymbol A)`,
    from :math:`S = -mc^2\\int d\\tau - q\\int A_\\mu dx^\\mu`.

    Explained in the article *Relativistic dynamics from the action principle*
    (``relativistic-dynamics``).

    Parameters
    ----------
    m, q, c : sympy.Expr
        Rest mass, charge, speed of light.
    phi : sympy.Expr
        Scalar potential on the worldline.
    A : sequence of sympy.Expr
        Vector potential components on the worldline, as many as ``xs``.
    xs : sequence of sympy.Expr
        Coordinates as functions of ``t``.
    t : sympy.Symbol
        Coordinate time.

    Returns
    -------
    sympy.Expr

    Raises
    ------
    TypeError
        If ``t`` is not a Symbol.
    ValueError
        If ``xs`` is not 1 to 3 functions of ``t`` or ``A`` has another length.

    Examples
    --------
    >>> t, xs = worldline(1)
    >>> m, q, c = sp.symbols("m q c", positive=True)
    >>> L = vector_field_lagrangian(m, q, c, sp.Integer(0), [sp.Integer(0)], xs, t)
    >>> L == free_particle_lagrangian(m, c, sp.diff(xs[0], t))
    True
    """
    xs, t = _check_worldline(xs, t)
    if len(A) != len(xs):
        raise ValueError(f"A must have {len(xs)} components (one per coordinate), got {len(A)}")
    vs = [sp.diff(x, t) for x in xs]
    return free_particle_lagrangian(m, c, vs) - q * phi + q * sp.Add(*[a * v for a, v in zip(A, vs)])


def euler_lagrange(L: sp.Expr, xs: Sequence[sp.Expr], t: sp.Symbol) -> list[sp.Expr]:
    """Euler--Lagrange expressions :math:`\\partial L/\\partial x^i - \\frac{d}{dt}\\,\\partial L/\\partial\\dot x^i`.

    Computed directly with ``sympy.diff``; the equations of motion are these
    expressions set to zero (the sign convention of
    ``sympy.calculus.euler.euler_equations``).

    Explained in the article *Relativistic dynamics from the action principle*
    (``relativistic-dynamics``).

    Parameters
    ----------
    L : sympy.Expr
        Lagrangian in ``xs``, their first derivatives and ``t``.
    xs : sequence of sympy.Expr
        Coordinates as functions of ``t``.
    t : sympy.Symbol
        Time.

    Returns
    -------
    list of sympy.Expr
        One expression per coordinate.

    Raises
    ------
    TypeError
        If ``L`` is not a SymPy expression or ``t`` not a Symbol.
    ValueError
        If ``xs`` is not 1 to 3 functions of ``t``.

    Examples
    --------
    >>> t, (x,) = worldline(1)
    >>> m, k = sp.symbols("m k", positive=True)
    >>> euler_lagrange(m * sp.diff(x, t)**2 / 2 - k * x**2 / 2, [x], t)
    [-k*x(t) - m*Derivative(x(t), (t, 2))]
    """
    if not isinstance(L, sp.Basic):
        raise TypeError(f"L must be a SymPy expression, got {type(L).__name__}")
    xs, t = _check_worldline(xs, t)
    out = []
    for x in xs:
        xd = sp.diff(x, t)
        out.append(sp.diff(L, x) - sp.diff(sp.diff(L, xd), t))
    return out


def four_velocity(
    xs: Sequence[sp.Expr], t: sp.Symbol, c: sp.Expr, *, lower: bool = False
) -> list[sp.Expr]:
    """The four-velocity :math:`u^\\mu = dx^\\mu/d\\tau = \\gamma(c, \\boldsymbol v)`.

    Signature :math:`(+,-,-,-)` as in the post: with ``lower=True`` the covariant
    components :math:`u_\\mu = \\gamma(c, -\\boldsymbol v)`.

    Explained in the article *Relativistic dynamics from the action principle*
    (``relativistic-dynamics``).

    Parameters
    ----------
    xs : sequence of sympy.Expr
        Coordinates as functions of ``t``.
    t : sympy.Symbol
        Time.
    c : sympy.Expr
        Speed of light.
    lower : bool, optional
        Return :math:`u_\\mu` instead of :math:`u^\\mu`.

    Returns
    -------
    list of sympy.Expr
        ``1 + len(xs)`` components.

    Raises
    ------
    TypeError
        If ``t`` is not a Symbol.
    ValueError
        If ``xs`` is not 1 to 3 functions of ``t``.

    Examples
    --------
    >>> t, xs = worldline(2)
    >>> c = sp.Symbol("c", positive=True)
    >>> u, ul = four_velocity(xs, t, c), four_velocity(xs, t, c, lower=True)
    >>> sp.simplify(sum(a * b for a, b in zip(u, ul)))
    c**2
    """
    xs, t = _check_worldline(xs, t)
    vs = [sp.diff(x, t) for x in xs]
    gamma = 1 / sp.sqrt(1 - sp.Add(*[v**2 for v in vs]) / c**2)
    sign = -1 if lower else 1
    return [gamma * c] + [sign * gamma * v for v in vs]


def post_covariant_residuals(
    m: sp.Expr, alpha: sp.Expr, c: sp.Expr, phi: sp.Expr, xs: Sequence[sp.Expr], t: sp.Symbol
) -> list[sp.Expr]:
    """Left minus right side of the post's equation of motion, for :math:`\\mu = 0, \\dots, d`.

    :math:`R_\\mu = m\\,\\frac{du_\\mu}{d\\tau} + \\frac{\\alpha}{c^2}\\frac{d(\\phi u_\\mu)}{d\\tau}
    - \\alpha\\,\\frac{\\partial\\phi}{\\partial x^\\mu}`, written with
    :math:`d/d\\tau = \\gamma\\,d/dt`, :math:`x^0 = ct`, and :math:`u_\\mu` from
    :func:`four_velocity`.

    Explained in the article *Relativistic dynamics from the action principle*
    (``relativistic-dynamics``).

    Parameters
    ----------
    m, alpha, c : sympy.Expr
        Rest mass, coupling, speed of light.
    phi : sympy.Expr
        The field on the worldline, a function of ``t`` and ``xs``.
    xs : sequence of sympy.Expr
        Coordinates as functions of ``t``.
    t : sympy.Symbol
        Time.

    Returns
    -------
    list of sympy.Expr
        :math:`R_0, R_1, \\dots`.

    Raises
    ------
    TypeError
        If ``t`` is not a Symbol.
    ValueError
        If ``xs`` is not 1 to 3 functions of ``t``.

    Examples
    --------
    >>> t, xs = worldline(1)
    >>> m, a, c = sp.symbols("m alpha c", positive=True)
    >>> R = post_covariant_residuals(m, a, c, sp.Integer(0), xs, t)
    >>> len(R)
    2
    """
    xs, t = _check_worldline(xs, t)
    ul = four_velocity(xs, t, c, lower=True)
    gamma = ul[0] / c
    vs = [sp.diff(x, t) for x in xs]
    spatial = [sp.diff(phi, x) for x in xs]  # partial derivatives on the worldline
    dphi_dt = sp.diff(phi, t) - sp.Add(*[v * g for v, g in zip(vs, spatial)])
    grads = [dphi_dt / c] + spatial
    return [
        m * gamma * sp.diff(u, t) + alpha / c**2 * gamma * sp.diff(phi * u, t) - alpha * g
        for u, g in zip(ul, grads)
    ]


# -------------------------------------------------------------------------- numeric
def proper_time_factor(v: npt.ArrayLike, c: float = 1.0) -> np.ndarray:
    """:math:`d\\tau/dt = \\sqrt{1 - v^2/c^2}`, elementwise.

    Explained in the article *Relativistic dynamics from the action principle*
    (``relativistic-dynamics``).

    Parameters
    ----------
    v : array_like
        Speeds, :math:`|v| < c`.
    c : float, optional
        Speed of light.

    Returns
    -------
    numpy.ndarray
        Same shape as ``v``.

    Raises
    ------
    ValueError
        If ``c`` is not positive or some :math:`|v| \\ge c`.

    Examples
    --------
    >>> proper_time_factor([0.0, 0.6, 0.8])
    array([1. , 0.8, 0.6])
    """
    c = _check_positive("c", c)
    v = np.asarray(v, dtype=float)
    if np.any(~(np.abs(v) < c)):
        raise ValueError(f"speeds must satisfy |v| < c = {c}, got max |v| = {np.max(np.abs(v))}")
    return np.sqrt(1.0 - (v / c) ** 2)


def uniform_field_closed_form(
    t: npt.ArrayLike, g: float = 1.0, c: float = 1.0, coupling: str = "scalar"
) -> tuple[np.ndarray, np.ndarray]:
    """Position and velocity in the uniform field :math:`\\phi = gx`, from rest at :math:`x = 0`.

    With :math:`\\alpha = m`: for the scalar coupling :math:`x = \\frac{c^2}{g}(\\cos\\frac{gt}{c} - 1)`,
    :math:`v = -c\\sin\\frac{gt}{c}` (valid for :math:`gt/c < \\pi/2`, where the effective
    mass :math:`m\\cos(gt/c)` vanishes); for the vector (electrostatic) coupling hyperbolic
    motion :math:`v = -gt/\\sqrt{1 + (gt/c)^2}`; for Newton :math:`v = -gt`.

    Explained in the article *Relativistic dynamics from the action principle*
    (``relativistic-dynamics``).

    Parameters
    ----------
    t : array_like
        Times, :math:`t \\ge 0` (and :math:`t < \\pi c/(2g)` for ``"scalar"``).
    g, c : float, optional
        Field strength and speed of light, positive.
    coupling : {"scalar", "vector", "newton"}, optional

    Returns
    -------
    x, v : numpy.ndarray

    Raises
    ------
    ValueError
        If ``g`` or ``c`` is not positive, ``coupling`` is unknown, or a time is negative
        or (scalar coupling) not below :math:`\\pi c/(2g)`.

    Examples
    --------
    >>> x, v = uniform_field_closed_form([1.0], coupling="vector")
    >>> v.round(6)
    array([-0.707107])
    """
    g, c = _check_positive("g", g), _check_positive("c", c)
    coupling = _check_coupling(coupling)
    t = np.asarray(t, dtype=float)
    if np.any(~(t >= 0)):
        raise ValueError(f"times must be non-negative, got min {np.min(t)}")
    if coupling == "scalar":
        t_max = math.pi * c / (2 * g)
        if np.any(t >= t_max):
            raise ValueError(
                f"scalar coupling: times must be below pi c/(2g) = {t_max}, where the "
                f"effective mass vanishes; got max {np.max(t)}"
            )
        return c**2 / g * (np.cos(g * t / c) - 1), -c * np.sin(g * t / c)
    if coupling == "vector":
        s = np.sqrt(1 + (g * t / c) ** 2)
        return c**2 / g * (1 - s), -g * t / s
    return -g * t**2 / 2, -g * t


def _velocity(P: np.ndarray, M: float, c: float, coupling: str) -> tuple[np.ndarray, float]:
    """Velocity and gamma from the kinetic momentum ``P`` and the (effective) mass ``M``."""
    if coupling == "newton":
        return P / M, 1.0
    gamma = math.sqrt(1.0 + float(P @ P) / (M * c) ** 2)
    return P / (M * gamma), gamma


def integrate_static_field(
    phi: Callable[[np.ndarray], float],
    grad_phi: Callable[[np.ndarray], np.ndarray],
    x0: npt.ArrayLike,
    v0: npt.ArrayLike,
    t_end: float,
    *,
    m: float = 1.0,
    alpha: float = 1.0,
    c: float = 1.0,
    coupling: str = "scalar",
    min_mass: float = 1e-6,
    events: Sequence[Callable] | Callable | None = None,
    **ivp_options,
) -> scipy.integrate._ivp.ivp.OdeResult:
    """Integrate a particle in a static potential :math:`\\phi(\\boldsymbol x)` with ``scipy.integrate.solve_ivp``.

    The state is :math:`(\\boldsymbol x, \\boldsymbol P)` with the kinetic momentum
    :math:`\\boldsymbol P = M\\gamma\\boldsymbol v`:

    * ``"scalar"``: :math:`M = m + \\alpha\\phi/c^2`, :math:`\\dot{\\boldsymbol P} = -\\alpha\\nabla\\phi/\\gamma`
      (the Lagrangian :func:`scalar_field_lagrangian`); integration stops when
      :math:`M/m` falls to ``min_mass``.
    * ``"vector"``: :math:`M = m`, :math:`\\dot{\\boldsymbol P} = -\\alpha\\nabla\\phi`
      (the time component of a four-potential, as in electrostatics).
    * ``"newton"``: :math:`M = m`, :math:`\\gamma = 1`, :math:`\\dot{\\boldsymbol P} = -\\alpha\\nabla\\phi`.

    Explained in the article *Relativistic dynamics from the action principle*
    (``relativistic-dynamics``).

    Parameters
    ----------
    phi : callable
        :math:`\\phi(\\boldsymbol x)`, a float.
    grad_phi : callable
        :math:`\\nabla\\phi(\\boldsymbol x)`, an array like ``x``.
    x0, v0 : array_like
        Initial position and velocity (1 to 3 components), :math:`|v_0| < c` unless Newtonian.
    t_end : float
        Final time, positive.
    m, alpha, c : float, optional
        Rest mass, coupling, speed of light.
    coupling : {"scalar", "vector", "newton"}, optional
    min_mass : float, optional
        Terminal threshold of :math:`M/m` for the scalar coupling (the equations are
        singular at :math:`M = 0`).
    events : callable or list of callable, optional
        Extra events ``f(t, y)`` passed to ``solve_ivp``.
    **ivp_options
        Passed to ``solve_ivp``; defaults ``method="DOP853", rtol=1e-12, atol=1e-12``.

    Returns
    -------
    scipy.integrate OdeResult
        ``y`` rows are :math:`x_1..x_d, P_1..P_d`; the extra attribute ``v`` holds the
        velocities at ``t``. If ``min_mass`` was reached it is the last entry of
        ``t_events``.

    Raises
    ------
    ValueError
        If the shapes of ``x0``, ``v0`` differ or are not 1 to 3, a speed is not below
        ``c``, a parameter is not positive, ``coupling`` is unknown, or :math:`M \\le 0`
        at the start.

    Examples
    --------
    >>> sol = integrate_static_field(lambda x: x[0], lambda x: np.array([1.0]),
    ...                              [0.0], [0.0], 1.0, coupling="newton")
    >>> round(float(sol.y[0, -1]), 10)
    -0.5
    """
    coupling = _check_coupling(coupling)
    m, c, t_end = _check_positive("m", m), _check_positive("c", c), _check_positive("t_end", t_end)
    if isinstance(alpha, bool) or not isinstance(alpha, numbers.Real) or not math.isfinite(alpha):
        raise ValueError(f"alpha must be a finite real number, got {alpha!r}")
    min_mass = _check_positive("min_mass", min_mass)
    x0 = np.atleast_1d(np.asarray(x0, dtype=float))
    v0 = np.atleast_1d(np.asarray(v0, dtype=float))
    if x0.ndim != 1 or x0.shape != v0.shape or not 1 <= x0.size <= 3:
        raise ValueError(f"x0 and v0 must be vectors of equal length 1 to 3, got {x0.shape} and {v0.shape}")
    d = x0.size
    speed = float(np.linalg.norm(v0))
    if coupling != "newton" and not speed < c:
        raise ValueError(f"the initial speed must be below c = {c}, got {speed}")

    def mass(x: np.ndarray) -> float:
        return m + alpha * float(phi(x)) / c**2 if coupling == "scalar" else m

    M0 = mass(x0)
    if M0 <= 0:
        raise ValueError(f"the effective mass m + alpha*phi/c^2 must be positive at x0, got {M0}")
    gamma0 = 1.0 if coupling == "newton" else 1.0 / math.sqrt(1.0 - (speed / c) ** 2)
    y0 = np.concatenate([x0, M0 * gamma0 * v0])

    def rhs(_t: float, y: np.ndarray) -> np.ndarray:
        x, P = y[:d], y[d:]
        v, gamma = _velocity(P, mass(x), c, coupling)
        force = -alpha * np.asarray(grad_phi(x), dtype=float)
        if coupling == "scalar":
            force = force / gamma
        return np.concatenate([v, force])

    extra = [] if events is None else (list(events) if isinstance(events, Sequence) else [events])
    all_events = list(extra)
    if coupling == "scalar":
        def mass_floor(_t: float, y: np.ndarray) -> float:
            return mass(y[:d]) / m - min_mass

        mass_floor.terminal = True  # type: ignore[attr-defined]
        all_events.append(mass_floor)
    options = {"method": "DOP853", "rtol": 1e-12, "atol": 1e-12} | ivp_options
    sol = scipy.integrate.solve_ivp(rhs, (0.0, t_end), y0, events=all_events or None, **options)
    sol.v = np.stack([_velocity(col[d:], mass(col[:d]), c, coupling)[0] for col in sol.y.T], axis=1)
    return sol


def field_energy(
    x: npt.ArrayLike, v: npt.ArrayLike, phi: Callable[[np.ndarray], float], *,
    m: float = 1.0, alpha: float = 1.0, c: float = 1.0, coupling: str = "scalar",
) -> np.ndarray:
    """The conserved energy along a trajectory in a static field.

    ``"scalar"``: :math:`E = (m + \\alpha\\phi/c^2)\\gamma c^2` (the Hamiltonian of
    :func:`scalar_field_lagrangian`); ``"vector"``: :math:`\\gamma mc^2 + \\alpha\\phi`;
    ``"newton"``: :math:`\\tfrac12 mv^2 + \\alpha\\phi`.

    Explained in the article *Relativistic dynamics from the action principle*
    (``relativistic-dynamics``).

    Parameters
    ----------
    x, v : array_like
        Positions and velocities, shape ``(d, n)`` (as ``sol.y[:d]`` and ``sol.v``).
    phi : callable
        The potential of one position vector.
    m, alpha, c : float, optional
    coupling : {"scalar", "vector", "newton"}, optional

    Returns
    -------
    numpy.ndarray
        Shape ``(n,)``.

    Raises
    ------
    ValueError
        If the shapes differ, a parameter is not positive, ``coupling`` is unknown or a
        speed is not below ``c``.

    Examples
    --------
    >>> field_energy([[0.0]], [[0.6]], lambda x: 0.0)
    array([1.25])
    """
    coupling = _check_coupling(coupling)
    m, c = _check_positive("m", m), _check_positive("c", c)
    x = np.atleast_2d(np.asarray(x, dtype=float))
    v = np.atleast_2d(np.asarray(v, dtype=float))
    if x.shape != v.shape:
        raise ValueError(f"x and v must have the same shape, got {x.shape} and {v.shape}")
    pot = np.array([float(phi(col)) for col in x.T])
    v2 = np.sum(v**2, axis=0)
    if coupling == "newton":
        return 0.5 * m * v2 + alpha * pot
    gamma = 1.0 / proper_time_factor(np.sqrt(v2), c)
    if coupling == "vector":
        return gamma * m * c**2 + alpha * pot
    return (m + alpha * pot / c**2) * gamma * c**2


def gr_perihelion_shift(a: float, e: float, GM: float = 1.0, c: float = 1.0) -> float:
    """General relativity's perihelion advance per orbit, :math:`6\\pi GM/(c^2 a(1-e^2))` (radians).

    Explained in the article *Relativistic dynamics from the action principle*
    (``relativistic-dynamics``).

    Parameters
    ----------
    a : float
        Semi-major axis, positive.
    e : float
        Eccentricity, :math:`0 \\le e < 1`.
    GM, c : float, optional
        Gravitational parameter and speed of light, positive.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If a parameter is out of range.

    Examples
    --------
    >>> round(gr_perihelion_shift(1.0, 0.0, c=10.0), 6)
    0.188496
    """
    a, GM, c = _check_positive("a", a), _check_positive("GM", GM), _check_positive("c", c)
    if isinstance(e, bool) or not isinstance(e, numbers.Real) or not 0 <= e < 1:
        raise ValueError(f"the eccentricity e must satisfy 0 <= e < 1, got {e!r}")
    return 6 * math.pi * GM / (c**2 * a * (1 - e**2))


def _kepler(GM: float) -> tuple[Callable, Callable]:
    def phi(x: np.ndarray) -> float:
        return -GM / math.sqrt(float(x @ x))

    def grad_phi(x: np.ndarray) -> np.ndarray:
        r = math.sqrt(float(x @ x))
        return GM * x / r**3

    return phi, grad_phi


def perihelion_shift(
    c: float, a: float = 1.0, e: float = 0.5, norbits: int = 6, *, GM: float = 1.0,
    coupling: str = "scalar", return_solution: bool = False,
) -> float | tuple[float, scipy.integrate._ivp.ivp.OdeResult]:
    """Perihelion advance per orbit (radians) of a test mass in the potential :math:`-GM/r`.

    The particle (:math:`\\alpha = m = 1`) starts at the Newtonian perihelion
    :math:`a(1-e)` with the Newtonian perihelion speed; perihelia are the events where
    :math:`\\boldsymbol x\\cdot\\boldsymbol v` crosses zero upwards (the start is skipped),
    and the advance is the least-squares slope of the unwrapped perihelion angle, minus
    :math:`2\\pi` per orbit, against the orbit number. With ``coupling="scalar"`` this is
    scalar (Nordström-type) gravity, whose advance is :math:`-1/6` of general relativity's.

    Explained in the article *Relativistic dynamics from the action principle*
    (``relativistic-dynamics``).

    Parameters
    ----------
    c : float
        Speed of light in units where :math:`GM = a = 1`-ish; :math:`c \\gtrsim 10`.
    a : float, optional
        Semi-major axis of the starting Newtonian ellipse.
    e : float, optional
        Its eccentricity, :math:`0 < e < 1`.
    norbits : int, optional
        Number of orbits integrated, at least 2.
    GM : float, optional
        Gravitational parameter.
    coupling : {"scalar", "vector", "newton"}, optional
    return_solution : bool, optional
        Also return the ``OdeResult`` (dense output on).

    Returns
    -------
    float, or (float, OdeResult)

    Raises
    ------
    ValueError
        If a parameter is out of range, or the orbit is not bound (fewer than two perihelia).

    Examples
    --------
    >>> abs(perihelion_shift(30.0, coupling="newton", norbits=2)) < 1e-9
    True
    """
    c, a, GM = _check_positive("c", c), _check_positive("a", a), _check_positive("GM", GM)
    if isinstance(e, bool) or not isinstance(e, numbers.Real) or not 0 < e < 1:
        raise ValueError(f"the eccentricity e must satisfy 0 < e < 1, got {e!r}")
    if isinstance(norbits, bool) or not isinstance(norbits, numbers.Integral) or norbits < 2:
        raise ValueError(f"norbits must be an integer >= 2, got {norbits!r}")
    coupling = _check_coupling(coupling)
    rp = a * (1 - e)
    vp = math.sqrt(GM * (1 + e) / rp)
    if coupling != "newton" and vp >= c:
        raise ValueError(f"the perihelion speed {vp} must be below c = {c}: increase c or a")
    period = 2 * math.pi * math.sqrt(a**3 / GM)

    def radial(_t: float, y: np.ndarray) -> float:
        return float(y[0] * y[2] + y[1] * y[3])  # x . P, same sign as x . v

    radial.direction = 1  # type: ignore[attr-defined]
    phi, grad_phi = _kepler(GM)
    sol = integrate_static_field(
        phi, grad_phi, [rp, 0.0], [0.0, vp], (norbits + 0.5) * period, c=c,
        coupling=coupling, events=radial, dense_output=return_solution,
    )
    t_ev, y_ev = sol.t_events[0], sol.y_events[0]
    keep = t_ev > 0.25 * period
    y_ev = y_ev[keep]
    if len(y_ev) < 2:
        raise ValueError("fewer than two perihelia found: the orbit is not bound")
    angles = np.unwrap(np.concatenate([[0.0], np.arctan2(y_ev[:, 1], y_ev[:, 0])]))
    k = np.arange(len(angles))
    shift = float(np.polyfit(k, angles, 1)[0])  # unwrapped: the advance modulo 2 pi
    return (shift, sol) if return_solution else shift


def deflection_angle(
    beta: float, b: float = 1.0, GM: float = 1e-4, c: float = 1.0, *,
    coupling: str = "scalar", reach: float = 2000.0,
) -> float:
    """Deflection (radians, towards the mass) of a particle passing a mass :math:`GM` at speed :math:`\\beta c`.

    The particle (:math:`\\alpha = m = 1`) starts at :math:`(-R, b)` with velocity
    :math:`(\\beta c, 0)`, :math:`R =` ``reach`` :math:`\\times b`, and is integrated
    until :math:`x = +R`; the result is the angle of the final velocity (the truncation
    error is of relative order :math:`(b/R)^2`). For scalar gravity the first-order
    result is :math:`2GM/(bv^2\\gamma^2)`, which vanishes as :math:`\\beta \\to 1`.

    Explained in the article *Relativistic dynamics from the action principle*
    (``relativistic-dynamics``).

    Parameters
    ----------
    beta : float
        Speed in units of ``c``, :math:`0 < \\beta < 1`.
    b : float, optional
        Impact parameter.
    GM : float, optional
        Gravitational parameter; keep :math:`GM/(b v^2) \\ll 1` for a small angle.
    c : float, optional
        Speed of light.
    coupling : {"scalar", "vector", "newton"}, optional
    reach : float, optional
        Half-length of the path in units of ``b``, at least 10.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If a parameter is out of range or the particle does not get past the mass.

    Examples
    --------
    >>> newton = deflection_angle(0.5, coupling="newton")
    >>> round(newton / (2 * 1e-4 / 0.25), 3)
    1.0
    """
    if isinstance(beta, bool) or not isinstance(beta, numbers.Real) or not 0 < beta < 1:
        raise ValueError(f"beta must satisfy 0 < beta < 1, got {beta!r}")
    b, GM, c = _check_positive("b", b), _check_positive("GM", GM), _check_positive("c", c)
    reach = _check_positive("reach", reach)
    if reach < 10:
        raise ValueError(f"reach must be at least 10 (impact parameters), got {reach}")
    coupling = _check_coupling(coupling)
    R = reach * b
    v = beta * c

    def past(_t: float, y: np.ndarray) -> float:
        return float(y[0] - R)

    past.terminal = True  # type: ignore[attr-defined]
    phi, grad_phi = _kepler(GM)
    sol = integrate_static_field(
        phi, grad_phi, [-R, b], [v, 0.0], 10 * R / v, c=c, coupling=coupling, events=past,
        rtol=1e-11, atol=1e-13,
    )
    if sol.t_events[0].size == 0:
        raise ValueError("the particle did not get past the mass: lower GM or raise beta")
    vx, vy = sol.v[:, -1]
    return float(-math.atan2(vy, vx))
