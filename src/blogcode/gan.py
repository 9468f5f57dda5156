"""GANs designed in the dual space: the likelihood-ratio recipe of Basioti and Moustakides.

A GAN objective :math:`\\min_q \\max_{t(\\cdot)} \\mathbb E_p[\\phi(t)] + \\mathbb E_q[\\psi(t)]`
is built from two scalar functions :math:`\\phi, \\psi`. Pointwise, with :math:`r = q/p`, the
inner maximum :math:`d(r) = \\max_t \\phi(t) + r\\psi(t)` is attained at :math:`t = \\omega(r)`,
and the recipe ("Conclusion 1") constructs :math:`\\phi, \\psi` from an increasing
:math:`\\omega` and a positive :math:`\\rho = \\psi'`. This module carries out the recipe in
SymPy, evaluates the resulting divergences numerically, and trains a toy one-dimensional
GAN with hand-derived gradients.

Every function is explained in the article *Designing GANs: a likelihood-ratio recipe*
(``designing-gans``).

References
----------
* Su Jianlin, "Designing GANs：又一个GAN生产车间", Scientific Spaces, 2020,
  https://kexue.fm/archives/7210
* K. Basioti and G. V. Moustakides, "Designing GANs: A Likelihood Ratio Approach",
  arXiv:2002.00865, 2020.
* S. Nowozin, B. Cseke and R. Tomioka, "f-GAN: Training Generative Neural Samplers using
  Variational Divergence Minimization", NeurIPS 2016.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from typing import Callable

import numpy as np
import numpy.typing as npt
import scipy.integrate
import scipy.optimize
import scipy.special
import scipy.stats
import sympy as sp

__all__ = [
    "T",
    "R",
    "SymbolicDesign",
    "design_from_omega_rho",
    "design_from_f",
    "recover_omega_rho",
    "Design",
    "DESIGN_NAMES",
    "get_design",
    "optimal_t",
    "divergence_value",
    "gaussian_divergences",
    "TOY_GAN_KINDS",
    "train_toy_gan",
    "generator_potential",
    "gaussian_generator_objective",
]

#: The discriminator output :math:`t` (a real symbol).
T = sp.Symbol("t", real=True)
#: The likelihood ratio :math:`r = q/p` (a positive symbol).
R = sp.Symbol("r", positive=True)

_ARTICLE = "designing-gans"


# ---------------------------------------------------------------------------
# Symbolic construction (Conclusion 1)
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SymbolicDesign:
    """The output of :func:`design_from_omega_rho`.

    Attributes
    ----------
    omega : sympy.Expr
        :math:`t = \\omega(r)`, the optimal discriminator output as a function of ``r``.
    omega_inv : sympy.Expr
        :math:`r = \\omega^{-1}(t)`.
    rho : sympy.Expr
        :math:`\\rho(t) = \\psi'(t)`.
    phi, psi : sympy.Expr
        The two losses, normalised so that :math:`\\psi(\\omega(1)) = 0` and :math:`d(1) = 0`.
    phi_shift, psi_shift : sympy.Expr
        The constants added to the raw antiderivatives to reach that normalisation.
    d, d1, d2 : sympy.Expr
        :math:`d(r) = \\phi(\\omega(r)) + r\\psi(\\omega(r))` and its first two derivatives.
    """

    omega: sp.Expr
    omega_inv: sp.Expr
    rho: sp.Expr
    phi: sp.Expr
    psi: sp.Expr
    phi_shift: sp.Expr
    psi_shift: sp.Expr
    d: sp.Expr
    d1: sp.Expr
    d2: sp.Expr


def _check_expr(name: str, value: object, allowed: set[sp.Symbol], what: str) -> sp.Expr:
    """Sympify ``value`` and check that its free symbols (besides parameters) are allowed."""
    if isinstance(value, (bool, str)) or not isinstance(value, (sp.Basic, numbers.Number)):
        raise TypeError(f"{name} must be a SymPy expression, got {type(value).__name__}")
    expr = sp.sympify(value)
    forbidden = {T, R} - allowed
    bad = expr.free_symbols & forbidden
    if bad:
        raise ValueError(f"{name} must be a function of {what} only, got {expr} (uses {bad})")
    return expr


def _real_logs(expr: sp.Expr, t: sp.Symbol, t0: sp.Expr) -> sp.Expr:
    """Replace ``log(u)`` by ``log(-u)`` where ``u`` is negative at the interior point ``t0``.

    SymPy integrates :math:`1/(t-1)` to ``log(t - 1)``, the complex branch on :math:`t<1`;
    the two branches differ by the constant :math:`i\\pi`, which the GAN never sees.
    """
    replacements = {}
    for atom in expr.atoms(sp.log):
        value = atom.args[0].subs(t, t0)
        if value.is_negative:
            replacements[atom] = sp.log(sp.expand(-atom.args[0]))
    return expr.xreplace(replacements)


def design_from_omega_rho(omega: sp.Expr, rho: sp.Expr, *, r: sp.Symbol = R,
                          t: sp.Symbol = T) -> SymbolicDesign:
    """Build :math:`\\phi, \\psi` from :math:`\\omega` and :math:`\\rho` (Conclusion 1 of the post).

    Solves :math:`\\omega(r) = t` for :math:`\\omega^{-1}`, integrates
    :math:`\\phi' = -\\omega^{-1}\\rho` and :math:`\\psi' = \\rho`, shifts :math:`\\psi` so that
    :math:`\\psi(\\omega(1)) = 0` and :math:`\\phi` so that :math:`d(1) = 0`, and returns
    :math:`d(r) = \\phi(\\omega(r)) + r\\psi(\\omega(r))` with its derivatives.

    Explained in the article *Designing GANs: a likelihood-ratio recipe* (``designing-gans``).

    Parameters
    ----------
    omega : sympy.Expr
        :math:`\\omega(r)`, strictly increasing in ``r`` (other parameters allowed).
    rho : sympy.Expr
        :math:`\\rho(t)`, positive on :math:`\\Omega = \\omega((0, \\infty))`.
    r, t : sympy.Symbol, optional
        The symbols used in ``omega`` and ``rho``; by default :data:`R` and :data:`T`.

    Returns
    -------
    SymbolicDesign

    Raises
    ------
    TypeError
        If ``omega`` or ``rho`` is not a SymPy expression.
    ValueError
        If ``omega`` depends on ``t`` or ``rho`` on ``r``, or if :math:`\\omega(r) = t` does not
        have exactly one solution for ``r``.

    Examples
    --------
    >>> design = design_from_omega_rho(sp.log(R) / 2, sp.exp(-T))
    >>> design.phi, design.psi
    (1 - exp(t), 1 - exp(-t))
    >>> design.d, sp.simplify(design.d - (sp.sqrt(R) - 1) ** 2)
    (-2*sqrt(r) + r + 1, 0)
    """
    if r is not R or t is not T:
        omega = sp.sympify(omega).xreplace({r: R})
        rho = sp.sympify(rho).xreplace({t: T})
    omega = _check_expr("omega", omega, {R}, "r")
    rho = _check_expr("rho", rho, {T}, "t")
    solutions = sp.solve(sp.Eq(omega, T), R)
    if len(solutions) != 1:
        raise ValueError(
            f"omega(r) = t must have exactly one solution r, got {len(solutions)} for omega = {omega}"
        )
    omega_inv = sp.simplify(solutions[0])
    t1 = sp.simplify(omega.subs(R, 1))  # omega(1), an interior point of Omega
    phi_raw = _real_logs(sp.integrate(-omega_inv * rho, T), T, t1)
    psi_raw = _real_logs(sp.integrate(rho, T), T, t1)
    psi_shift = sp.simplify(-psi_raw.subs(T, t1))
    psi = psi_raw + psi_shift
    phi_shift = sp.simplify(-(phi_raw.subs(T, t1) + psi.subs(T, t1)))
    phi = phi_raw + phi_shift
    d = sp.simplify(phi.subs(T, omega) + R * psi.subs(T, omega))
    d1 = sp.simplify(sp.diff(d, R))
    d2 = sp.simplify(sp.diff(d1, R))
    if r is not R or t is not T:
        back = {R: r, T: t}
        return SymbolicDesign(*(sp.sympify(e).xreplace(back) for e in (
            omega, omega_inv, rho, phi, psi, phi_shift, psi_shift, d, d1, d2)))
    return SymbolicDesign(omega, omega_inv, rho, phi, psi, phi_shift, psi_shift, d, d1, d2)


def design_from_f(f: sp.Expr) -> SymbolicDesign:
    """The dual design of an f-divergence: :math:`\\omega = f'`, :math:`\\rho = 1`, :math:`\\psi(t) = t`.

    This is the convex-conjugate (f-GAN) representation seen through Conclusion 1:
    :math:`\\phi = -f^*` up to a constant, so :math:`d(r) = f(r) - f(1) - f'(1)(r - 1)`,
    an affine change of ``f`` that leaves :math:`\\int p\\, f(q/p)` unchanged.

    Explained in the article *Designing GANs: a likelihood-ratio recipe* (``designing-gans``).

    Parameters
    ----------
    f : sympy.Expr
        A strictly convex function of :data:`R` whose derivative can be inverted by SymPy.

    Returns
    -------
    SymbolicDesign

    Raises
    ------
    TypeError
        If ``f`` is not a SymPy expression.
    ValueError
        If ``f`` depends on :data:`T`, or if ``f'`` cannot be inverted uniquely.

    Examples
    --------
    >>> design = design_from_f(R - 1 - sp.log(R))   # KL(P||Q)
    >>> design.omega, design.phi, design.psi
    (1 - 1/r, log(1 - t), t)
    >>> design.d
    r - log(r) - 1
    """
    f = _check_expr("f", f, {R}, "r")
    return design_from_omega_rho(sp.diff(f, R), sp.Integer(1))


def recover_omega_rho(phi: sp.Expr, psi: sp.Expr, t: sp.Symbol = T) -> tuple[sp.Expr, sp.Expr]:
    """Read :math:`\\omega^{-1}(t) = -\\phi'/\\psi'` and :math:`\\rho = \\psi'` off a pair of losses.

    Explained in the article *Designing GANs: a likelihood-ratio recipe* (``designing-gans``).

    Parameters
    ----------
    phi, psi : sympy.Expr
        The losses on real and fake samples, functions of ``t``.
    t : sympy.Symbol, optional
        The discriminator output; by default :data:`T`.

    Returns
    -------
    omega_inv, rho : sympy.Expr

    Raises
    ------
    TypeError
        If ``phi`` or ``psi`` is not a SymPy expression.
    ValueError
        If :math:`\\psi` is constant (then :math:`\\omega^{-1}` is undefined).

    Examples
    --------
    >>> recover_omega_rho(-sp.log(1 + sp.exp(T)), -sp.log(1 + sp.exp(-T)))
    (exp(t), 1/(exp(t) + 1))
    """
    for name, value in (("phi", phi), ("psi", psi)):
        if isinstance(value, (bool, str)) or not isinstance(value, (sp.Basic, numbers.Number)):
            raise TypeError(f"{name} must be a SymPy expression, got {type(value).__name__}")
    rho = sp.simplify(sp.diff(sp.sympify(psi), t))
    if rho == 0:
        raise ValueError(f"psi must depend on {t}, got psi = {psi}")
    omega_inv = sp.simplify(-sp.diff(sp.sympify(phi), t) / rho)
    return omega_inv, rho


# ---------------------------------------------------------------------------
# Numerical designs
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Design:
    """A numerical GAN design, normalised so that :math:`\\psi(\\omega(1)) = 0` and :math:`d(1) = 0`.

    Attributes
    ----------
    name : str
        Key in :data:`DESIGN_NAMES`.
    phi, psi : callable
        Losses on real and fake samples (vectorised).
    omega : callable
        Optimal discriminator output :math:`t^* = \\omega(r)`.
    d : callable
        Closed form of :math:`d(r) = \\phi(\\omega(r)) + r\\psi(\\omega(r))`.
    bounds : tuple of float
        The closure of :math:`\\Omega` (infinite ends allowed).
    divergence : str
        What :math:`\\int p\\, d(q/p)` is, in words.
    """

    name: str
    phi: Callable[[np.ndarray], np.ndarray]
    psi: Callable[[np.ndarray], np.ndarray]
    omega: Callable[[np.ndarray], np.ndarray]
    d: Callable[[np.ndarray], np.ndarray]
    bounds: tuple[float, float]
    divergence: str


_LOG2 = math.log(2.0)


def _log1m(t: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.log1p(-t)


def _designs() -> dict[str, Design]:
    inf = math.inf
    return {
        "gan": Design(
            "gan", lambda t: _LOG2 - np.logaddexp(0.0, t), lambda t: _LOG2 - np.logaddexp(0.0, -t),
            np.log, lambda r: r * np.log(r) - (1 + r) * np.log1p(r) + (1 + r) * _LOG2,
            (-inf, inf), "2 JS(P, Q)"),
        "gan-no-sigmoid": Design(
            "gan-no-sigmoid", lambda t: _LOG2 + _log1m(t), lambda t: _LOG2 + np.log(t),
            lambda r: r / (1 + r), lambda r: r * np.log(r) - (1 + r) * np.log1p(r) + (1 + r) * _LOG2,
            (0.0, 1.0), "2 JS(P, Q)"),
        "exp": Design(
            "exp", lambda t: 1 - np.exp(t), lambda t: 1 - np.exp(-t), lambda r: 0.5 * np.log(r),
            lambda r: (np.sqrt(r) - 1) ** 2, (-inf, inf), "squared Hellinger, int (sqrt p - sqrt q)^2"),
        "kl": Design(
            "kl", _log1m, lambda t: t, lambda r: 1 - 1 / r, lambda r: r - 1 - np.log(r),
            (-inf, 1.0), "KL(P || Q)"),
        "reverse-kl": Design(
            "reverse-kl", lambda t: 1 - np.exp(t), lambda t: t, np.log,
            lambda r: r * np.log(r) - r + 1, (-inf, inf), "KL(Q || P)"),
        "lsgan": Design(
            "lsgan", lambda t: 1 - (t + 1) ** 2, lambda t: 1 - (t - 1) ** 2,
            lambda r: (r - 1) / (r + 1), lambda r: (r - 1) ** 2 / (r + 1), (-1.0, 1.0),
            "triangular discrimination, int (p - q)^2 / (p + q)"),
        "tv": Design(
            "tv", lambda t: t, lambda t: -t, lambda r: np.sign(1 - r), lambda r: np.abs(1 - r),
            (-1.0, 1.0), "L1 distance int |p - q| (twice the total variation)"),
    }


#: Names accepted by :func:`get_design`.
DESIGN_NAMES: tuple[str, ...] = ("gan", "gan-no-sigmoid", "exp", "kl", "reverse-kl", "lsgan", "tv")


def get_design(name: str) -> Design:
    """A numerical design by name.

    ``"gan"`` is example (a) of the post (the original GAN with logits), ``"gan-no-sigmoid"``
    example (b), ``"exp"`` example (c), ``"kl"`` and ``"reverse-kl"`` the two KL designs
    built with :math:`\\psi(t) = t`, ``"lsgan"`` the LSGAN discriminator with
    :math:`a=-1, b=1`, and ``"tv"`` the total-variation warm-up.

    Explained in the article *Designing GANs: a likelihood-ratio recipe* (``designing-gans``).

    Parameters
    ----------
    name : str
        One of :data:`DESIGN_NAMES`.

    Returns
    -------
    Design

    Raises
    ------
    ValueError
        If ``name`` is not one of :data:`DESIGN_NAMES`.

    Examples
    --------
    >>> design = get_design("kl")
    >>> float(design.omega(2.0)), float(design.d(np.e))
    (0.5, 0.718281828459045)
    """
    if name not in DESIGN_NAMES:
        raise ValueError(f"name must be one of {DESIGN_NAMES}, got {name!r}")
    return _designs()[name]


def _as_design(design: Design | str) -> Design:
    if isinstance(design, str):
        return get_design(design)
    if not isinstance(design, Design):
        raise TypeError(f"design must be a Design or a name, got {type(design).__name__}")
    return design


def optimal_t(design: Design | str, p: float, q: float, *, clip: float = 40.0) -> float:
    """Maximise :math:`p\\phi(t) + q\\psi(t)` over :math:`t \\in \\Omega` numerically.

    Uses ``scipy.optimize.minimize_scalar`` (bounded Brent) on :math:`\\Omega` intersected
    with ``[-clip, clip]``; it does not use :math:`\\omega`, so it checks it.

    Explained in the article *Designing GANs: a likelihood-ratio recipe* (``designing-gans``).

    Parameters
    ----------
    design : Design or str
        The design or its name.
    p, q : float
        Positive densities at one point.
    clip : float, optional
        Half-width of the search interval where :math:`\\Omega` is unbounded.

    Returns
    -------
    float
        The maximiser :math:`t^*`.

    Raises
    ------
    ValueError
        If ``p`` or ``q`` is not positive and finite, or ``clip`` is not positive.
    TypeError
        If ``design`` is neither a :class:`Design` nor a name.

    Examples
    --------
    >>> round(optimal_t("gan", 1.0, 3.0), 5), round(math.log(3.0), 5)
    (1.09861, 1.09861)
    """
    design = _as_design(design)
    for name, value in (("p", p), ("q", q), ("clip", clip)):
        if not (isinstance(value, numbers.Real) and math.isfinite(value) and value > 0):
            raise ValueError(f"{name} must be a positive finite number, got {value!r}")
    lo, hi = design.bounds
    eps = 1e-12
    lo = max(lo + eps, -clip) if math.isfinite(lo) else -clip
    hi = min(hi - eps, clip) if math.isfinite(hi) else clip

    def objective(t: float) -> float:
        return -float(p * design.phi(np.float64(t)) + q * design.psi(np.float64(t)))

    res = scipy.optimize.minimize_scalar(objective, bounds=(lo, hi), method="bounded",
                                         options={"xatol": 1e-10})
    return float(res.x)


def divergence_value(design: Design | str, p_pdf: Callable[[float], float],
                     q_pdf: Callable[[float], float], lo: float, hi: float, *,
                     method: str = "omega") -> float:
    """The GAN value at the optimal discriminator, :math:`\\int \\max_t [p\\phi(t) + q\\psi(t)]\\,dx`.

    Because the designs are normalised (:math:`d(1) = 0`), this is the divergence
    :math:`\\int p\\, d(q/p)\\,dx` itself. The pointwise maximiser is either :math:`\\omega(q/p)`
    (``method="omega"``) or found numerically by :func:`optimal_t` (``method="maximise"``,
    slower). The integral is ``scipy.integrate.quad`` on ``[lo, hi]``.

    Explained in the article *Designing GANs: a likelihood-ratio recipe* (``designing-gans``).

    Parameters
    ----------
    design : Design or str
        The design or its name.
    p_pdf, q_pdf : callable
        Densities of the real and the generated distribution; both must be positive on
        ``[lo, hi]`` and carry (almost) all their mass there.
    lo, hi : float
        Finite integration limits, ``lo < hi``. Keep them where :math:`q/p` is moderate
        (say :math:`|\\log(q/p)| < 30`): beyond, :math:`\\omega(q/p)` rounds to the edge of
        :math:`\\Omega` in float64 and a loss such as :math:`\\log(1-t)` overflows.
    method : {"omega", "maximise"}, optional
        How to find the optimal discriminator output.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If the limits are not finite and increasing, or ``method`` is unknown.
    TypeError
        If ``design`` is neither a :class:`Design` nor a name.

    Examples
    --------
    >>> p, q = scipy.stats.norm(0, 1).pdf, scipy.stats.norm(1, 1.5).pdf
    >>> round(divergence_value("kl", p, q, -10, 10), 5)
    0.34991
    """
    design = _as_design(design)
    if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
        raise ValueError(f"lo and hi must be finite with lo < hi, got lo={lo!r}, hi={hi!r}")
    if method not in ("omega", "maximise"):
        raise ValueError(f"method must be 'omega' or 'maximise', got {method!r}")

    def integrand(x: float) -> float:
        p, q = float(p_pdf(x)), float(q_pdf(x))
        if p <= 0.0 or q <= 0.0:
            return 0.0
        t = design.omega(np.float64(q / p)) if method == "omega" else optimal_t(design, p, q)
        return float(p * design.phi(np.float64(t)) + q * design.psi(np.float64(t)))

    value, _ = scipy.integrate.quad(integrand, lo, hi, limit=200)
    return float(value)


def _crossings(mu1: float, s1: float, mu2: float, s2: float) -> list[float]:
    """Points where the two Gaussian densities are equal."""
    a = 1 / (2 * s2**2) - 1 / (2 * s1**2)
    b = mu1 / s1**2 - mu2 / s2**2
    c = mu2**2 / (2 * s2**2) - mu1**2 / (2 * s1**2) + math.log(s2 / s1)
    if abs(a) < 1e-15:
        return [] if b == 0 else [-c / b]
    disc = b * b - 4 * a * c
    if disc < 0:
        return []
    root = math.sqrt(disc)
    return sorted([(-b - root) / (2 * a), (-b + root) / (2 * a)])


def gaussian_divergences(mu1: float, s1: float, mu2: float, s2: float) -> dict[str, float]:
    """Divergences between :math:`P = N(\\mu_1, s_1^2)` and :math:`Q = N(\\mu_2, s_2^2)`.

    KL both ways and the squared Hellinger distance :math:`\\int(\\sqrt p - \\sqrt q)^2 =
    2 - 2\\,\\mathrm{BC}` in closed form; the L1 distance :math:`\\int|p-q|` from the normal
    CDF at the crossing points of the densities; the Jensen-Shannon divergence (natural log)
    and the triangular discrimination :math:`\\int (p-q)^2/(p+q)` by quadrature with
    ``scipy.special.rel_entr``. None of them uses the dual designs of this module.

    Explained in the article *Designing GANs: a likelihood-ratio recipe* (``designing-gans``).

    Parameters
    ----------
    mu1, s1, mu2, s2 : float
        Means and standard deviations (``s1, s2 > 0``).

    Returns
    -------
    dict
        Keys ``"kl_pq"``, ``"kl_qp"``, ``"js"``, ``"hellinger2"``, ``"l1"``, ``"triangular"``.

    Raises
    ------
    ValueError
        If a standard deviation is not positive or a parameter is not finite.

    Examples
    --------
    >>> div = gaussian_divergences(0.0, 1.0, 1.0, 1.0)
    >>> round(div["kl_pq"], 6), round(div["l1"], 6)
    (0.5, 0.76585)
    """
    for name, value in (("mu1", mu1), ("s1", s1), ("mu2", mu2), ("s2", s2)):
        if not (isinstance(value, numbers.Real) and math.isfinite(value)):
            raise ValueError(f"{name} must be a finite real number, got {value!r}")
    if s1 <= 0 or s2 <= 0:
        raise ValueError(f"standard deviations must be positive, got s1={s1!r}, s2={s2!r}")

    def kl(ma: float, sa: float, mb: float, sb: float) -> float:
        return math.log(sb / sa) + (sa**2 + (ma - mb) ** 2) / (2 * sb**2) - 0.5

    bc = math.sqrt(2 * s1 * s2 / (s1**2 + s2**2)) * math.exp(-((mu1 - mu2) ** 2) / (4 * (s1**2 + s2**2)))
    P, Q = scipy.stats.norm(mu1, s1), scipy.stats.norm(mu2, s2)
    cuts = [-math.inf, *_crossings(mu1, s1, mu2, s2), math.inf]
    l1 = sum(abs((P.cdf(b) - P.cdf(a)) - (Q.cdf(b) - Q.cdf(a))) for a, b in zip(cuts[:-1], cuts[1:]))
    lo = min(mu1 - 15 * s1, mu2 - 15 * s2)
    hi = max(mu1 + 15 * s1, mu2 + 15 * s2)
    pts = [mu1, mu2]

    def js_integrand(x: float) -> float:
        p, q = P.pdf(x), Q.pdf(x)
        m = 0.5 * (p + q)
        return 0.5 * float(scipy.special.rel_entr(p, m) + scipy.special.rel_entr(q, m))

    def tri_integrand(x: float) -> float:
        p, q = P.pdf(x), Q.pdf(x)
        return float((p - q) ** 2 / (p + q)) if p + q > 0 else 0.0

    js = scipy.integrate.quad(js_integrand, lo, hi, points=pts, limit=200)[0]
    tri = scipy.integrate.quad(tri_integrand, lo, hi, points=pts, limit=200)[0]
    return {"kl_pq": kl(mu1, s1, mu2, s2), "kl_qp": kl(mu2, s2, mu1, s1), "js": float(js),
            "hellinger2": 2 - 2 * bc, "l1": float(l1), "triangular": float(tri)}


# ---------------------------------------------------------------------------
# A toy 1-D GAN with hand-derived gradients
# ---------------------------------------------------------------------------

#: Loss derivatives (phi', psi', beta') of the toy GAN kinds, as functions of t.
_TOY_DERIVATIVES: dict[str, tuple[Callable[[np.ndarray], np.ndarray], ...]] = {
    # (a) the original minimax GAN: the generator minimises E_q[psi(t)].
    "gan": (lambda t: -scipy.special.expit(t), lambda t: scipy.special.expit(-t),
            lambda t: scipy.special.expit(-t)),
    # Conclusion 2 with beta(t) = log(1 + e^t): the non-saturating GAN.
    "non-saturating": (lambda t: -scipy.special.expit(t), lambda t: scipy.special.expit(-t),
                       lambda t: scipy.special.expit(t)),
    # Conclusion 2 with beta(t) = t: d(r) = r log r.
    "rlogr": (lambda t: -scipy.special.expit(t), lambda t: scipy.special.expit(-t),
              lambda t: np.ones_like(t)),
    # (c): phi = -e^t, psi = -e^-t, zero-sum.
    "exp": (lambda t: -np.exp(np.clip(t, -30, 30)), lambda t: np.exp(-np.clip(t, -30, 30)),
            lambda t: np.exp(-np.clip(t, -30, 30))),
    # LSGAN with a = -1, b = 1: phi = -(t+1)^2, psi = -(t-1)^2, beta = t^2.
    "lsgan": (lambda t: -2 * (t + 1), lambda t: -2 * (t - 1), lambda t: 2 * t),
    # The same discriminator, generator pulled to the real label a = -1: beta = (t + 1)^2.
    "lsgan-real-target": (lambda t: -2 * (t + 1), lambda t: -2 * (t - 1), lambda t: 2 * (t + 1)),
}


#: Generator potentials g with g' = beta(omega(r)) + const, g(1) = 0, g'(1) = 0.
_POTENTIALS: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "gan": lambda r: r * np.log(r) - (1 + r) * np.log1p(r) + (1 + r) * _LOG2,
    "non-saturating": lambda r: (1 + r) * np.log((1 + r) / 2) - (r - 1),
    "rlogr": lambda r: r * np.log(r) - r + 1,
    "exp": lambda r: (np.sqrt(r) - 1) ** 2,
    "lsgan": lambda r: r - 4 * np.log1p(r) - 4 / (1 + r) + 1 + 4 * _LOG2,
    "lsgan-real-target": lambda r: 4 * (1 + r) - 8 * np.log1p(r) - 4 / (1 + r) - (r - 1)
    - 6 + 8 * _LOG2,
}

#: Kinds accepted by :func:`train_toy_gan`.
TOY_GAN_KINDS: tuple[str, ...] = tuple(_TOY_DERIVATIVES)


def _adam_step(theta: np.ndarray, grad: np.ndarray, state: dict[str, np.ndarray], k: int,
               lr: float, b1: float = 0.5, b2: float = 0.999) -> np.ndarray:
    """One Adam *ascent* step on ``theta`` (in place on the moment estimates)."""
    state["m"] = b1 * state["m"] + (1 - b1) * grad
    state["v"] = b2 * state["v"] + (1 - b2) * grad**2
    m_hat = state["m"] / (1 - b1**k)
    v_hat = state["v"] / (1 - b2**k)
    return theta + lr * m_hat / (np.sqrt(v_hat) + 1e-8)


def train_toy_gan(kind: str, *, rng: np.random.Generator, steps: int = 600, batch: int = 256,
                  lr_d: float = 0.05, lr_g: float = 0.01, d_steps: int = 5,
                  real: tuple[float, float] = (1.0, 0.5),
                  start: tuple[float, float] = (-1.0, 1.5)) -> np.ndarray:
    """Train a 1-D Gaussian generator against a quadratic discriminator, gradients by hand.

    The generator is :math:`x = \\mu + \\sigma z`, :math:`z \\sim N(0,1)`; the discriminator is
    :math:`t(x) = w_0 + w_1 x + w_2 x^2`, which contains the exact log-ratio of two Gaussians.
    Each step makes ``d_steps`` Adam ascent steps on
    :math:`\\mathbb E_p[\\phi(t)] + \\mathbb E_q[\\psi(t)]` and one Adam descent step of
    :math:`(\\mu, \\log\\sigma)` on :math:`\\mathbb E_q[\\beta(t)]` with the discriminator frozen.

    Explained in the article *Designing GANs: a likelihood-ratio recipe* (``designing-gans``).

    Parameters
    ----------
    kind : str
        One of :data:`TOY_GAN_KINDS`.
    rng : numpy.random.Generator
        Source of the minibatches.
    steps : int, optional
        Generator steps.
    batch : int, optional
        Samples per minibatch (real and fake each).
    lr_d, lr_g : float, optional
        Adam learning rates of the discriminator and the generator.
    d_steps : int, optional
        Discriminator steps per generator step.
    real : tuple of float, optional
        Mean and standard deviation of the real distribution.
    start : tuple of float, optional
        Initial mean and standard deviation of the generator.

    Returns
    -------
    numpy.ndarray
        Shape ``(steps + 1, 2)``: :math:`(\\mu, \\sigma)` before each step and at the end.

    Raises
    ------
    ValueError
        If ``kind`` is unknown, a count is not a positive integer, a rate or a standard
        deviation is not positive.
    TypeError
        If ``rng`` is not a :class:`numpy.random.Generator`.

    Examples
    --------
    >>> path = train_toy_gan("non-saturating", rng=np.random.default_rng(0), steps=300)
    >>> path.shape, bool(abs(path[-1, 0] - 1.0) < 0.1 and abs(path[-1, 1] - 0.5) < 0.1)
    ((301, 2), True)
    """
    if kind not in _TOY_DERIVATIVES:
        raise ValueError(f"kind must be one of {TOY_GAN_KINDS}, got {kind!r}")
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy.random.Generator, got {type(rng).__name__}")
    for name, value in (("steps", steps), ("batch", batch), ("d_steps", d_steps)):
        if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
            raise ValueError(f"{name} must be a positive integer, got {value!r}")
    for name, value in (("lr_d", lr_d), ("lr_g", lr_g), ("real sigma", real[1]),
                        ("start sigma", start[1])):
        if not (isinstance(value, numbers.Real) and math.isfinite(value) and value > 0):
            raise ValueError(f"{name} must be positive, got {value!r}")
    dphi, dpsi, dbeta = _TOY_DERIVATIVES[kind]
    w = np.zeros(3)
    gen = np.array([float(start[0]), math.log(float(start[1]))])  # (mu, log sigma)
    state_d = {"m": np.zeros(3), "v": np.zeros(3)}
    state_g = {"m": np.zeros(2), "v": np.zeros(2)}
    path = np.empty((steps + 1, 2))
    kd = 0
    for k in range(steps):
        mu, sigma = gen[0], math.exp(gen[1])
        path[k] = mu, sigma
        for _ in range(d_steps):
            kd += 1
            xr = real[0] + real[1] * rng.standard_normal(batch)
            xf = mu + sigma * rng.standard_normal(batch)
            fr = np.stack([np.ones(batch), xr, xr**2])
            ff = np.stack([np.ones(batch), xf, xf**2])
            grad_w = fr @ dphi(w @ fr) / batch + ff @ dpsi(w @ ff) / batch
            w = _adam_step(w, grad_w, state_d, kd, lr_d)
        z = rng.standard_normal(batch)
        xf = mu + sigma * z
        slope = dbeta(w[0] + w[1] * xf + w[2] * xf**2) * (w[1] + 2 * w[2] * xf)
        grad_g = np.array([slope.mean(), (slope * z).mean() * sigma])
        gen = _adam_step(gen, -grad_g, state_g, k + 1, lr_g)
    path[steps] = gen[0], math.exp(gen[1])
    return path


def generator_potential(kind: str) -> Callable[[npt.ArrayLike], np.ndarray]:
    """The function :math:`g` whose f-divergence the generator of a toy GAN kind descends.

    With the discriminator at its optimum :math:`t^* = \\omega(q/p)` and frozen, the
    generator's step on :math:`\\mathbb E_q[\\beta(t^*)]` is a gradient step on
    :math:`G(q) = \\int p\\, g(q/p)` with :math:`g' = \\beta\\circ\\omega` (up to a constant,
    which :math:`\\int \\delta q = 0` ignores). Normalised by :math:`g(1) = g'(1) = 0`.
    :math:`G` is a divergence only if :math:`g` is convex, i.e. :math:`\\beta` increasing on
    :math:`\\Omega`.

    Explained in the article *Designing GANs: a likelihood-ratio recipe* (``designing-gans``).

    Parameters
    ----------
    kind : str
        One of :data:`TOY_GAN_KINDS`.

    Returns
    -------
    callable
        :math:`g`, vectorised over ``r > 0``.

    Raises
    ------
    ValueError
        If ``kind`` is unknown.

    Examples
    --------
    >>> g = generator_potential("lsgan")
    >>> round(float(g(1.0)), 12), bool(g(0.0) < 0)
    (0.0, True)
    """
    if kind not in _POTENTIALS:
        raise ValueError(f"kind must be one of {TOY_GAN_KINDS}, got {kind!r}")
    g = _POTENTIALS[kind]
    return lambda r: g(np.asarray(r, dtype=float))


def gaussian_generator_objective(kind: str, mu: float, sigma: float,
                                 real: tuple[float, float] = (1.0, 0.5)) -> float:
    """:math:`G(q) = \\int p\\, g(q/p)\\,dx` for :math:`q = N(\\mu, \\sigma^2)`, :math:`p` = ``real``.

    The quantity the generator of :func:`train_toy_gan` descends when its discriminator
    is optimal (see :func:`generator_potential`); zero at :math:`q = p`.

    Explained in the article *Designing GANs: a likelihood-ratio recipe* (``designing-gans``).

    Parameters
    ----------
    kind : str
        One of :data:`TOY_GAN_KINDS`.
    mu, sigma : float
        The generator's mean and standard deviation (``sigma > 0``).
    real : tuple of float, optional
        Mean and standard deviation of the real distribution.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If ``kind`` is unknown or a standard deviation is not positive.

    Examples
    --------
    >>> round(gaussian_generator_objective("rlogr", 1.0, 0.5), 10)
    0.0
    >>> gaussian_generator_objective("lsgan", 1.0, 0.2) < 0
    True
    """
    g = generator_potential(kind)
    for name, value in (("sigma", sigma), ("real sigma", real[1])):
        if not (isinstance(value, numbers.Real) and math.isfinite(value) and value > 0):
            raise ValueError(f"{name} must be positive, got {value!r}")
    P, Q = scipy.stats.norm(real[0], real[1]), scipy.stats.norm(mu, sigma)
    lo = min(real[0] - 12 * real[1], mu - 12 * sigma)
    hi = max(real[0] + 12 * real[1], mu + 12 * sigma)

    def integrand(x: float) -> float:
        p = P.pdf(x)
        if p <= 0.0:
            return 0.0
        return float(p * g(Q.pdf(x) / p))

    return float(scipy.integrate.quad(integrand, lo, hi, points=[real[0], mu], limit=200)[0])
