"""Tests of blogcode.relativity: free and coupled relativistic particles."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from blogcode import relativity as rel

m, c, v = sp.symbols("m c v", positive=True)
SPEED = st.floats(min_value=0.0, max_value=0.999, allow_nan=False)


# ------------------------------------------------------------------ symbolic
def test_boost_preserves_the_interval() -> None:
    ct, x, b = sp.symbols("ct x beta", real=True)
    ct2, x2 = rel.lorentz_boost(ct, x, b)
    assert sp.simplify(ct2**2 - x2**2 - (ct**2 - x**2)) == 0


def test_free_lagrangian_series() -> None:
    series = sp.series(rel.free_particle_lagrangian(m, c, v), v, 0, 6).removeO()
    assert sp.simplify(series - (-m * c**2 + m * v**2 / 2 + m * v**4 / (8 * c**2))) == 0


def test_momentum_energy_and_dispersion_relation() -> None:
    vel = sp.symbols("v_x v_y", real=True)
    L = rel.free_particle_lagrangian(m, c, vel)
    p = rel.momentum(L, vel)
    E = rel.energy(L, vel)
    gamma = 1 / sp.sqrt(1 - (vel[0] ** 2 + vel[1] ** 2) / c**2)
    assert sp.simplify(p[0] - gamma * m * vel[0]) == 0
    assert sp.simplify(E - gamma * m * c**2) == 0
    assert sp.simplify(E**2 - c**2 * (p[0] ** 2 + p[1] ** 2) - m**2 * c**4) == 0


def test_single_velocity_momentum_is_an_expression() -> None:
    p = rel.momentum(rel.free_particle_lagrangian(m, c, v), v)
    assert isinstance(p, sp.Expr)


def test_euler_lagrange_scalar_field_matches_three_vector_form() -> None:
    t, xs = rel.worldline(2)
    a = sp.Symbol("alpha", real=True)
    phi = sp.Function("phi", real=True)(t, *xs)
    L = rel.scalar_field_lagrangian(m, a, c, phi, xs, t)
    vs = [sp.diff(x, t) for x in xs]
    gamma = 1 / sp.sqrt(1 - sum(u**2 for u in vs) / c**2)
    M = m + a * phi / c**2
    EL = rel.euler_lagrange(L, xs, t)
    R = rel.post_covariant_residuals(m, a, c, phi, xs, t)
    for i, (u, x) in enumerate(zip(vs, xs)):
        three = -(sp.diff(M * gamma * u, t) + a * sp.diff(phi, x) / gamma)
        assert sp.simplify(EL[i] - three) == 0
        assert sp.expand(R[i + 1] - gamma * three) == 0


def test_covariant_residuals_are_orthogonal_to_four_velocity() -> None:
    t, xs = rel.worldline(1)
    a = sp.Symbol("alpha", real=True)
    phi = sp.Function("phi", real=True)(t, *xs)
    R = rel.post_covariant_residuals(m, a, c, phi, xs, t)
    u = rel.four_velocity(xs, t, c)
    assert sp.simplify(sum(ui * Ri for ui, Ri in zip(u, R))) == 0


def test_vector_field_lagrangian_gives_lorentz_force_in_1d() -> None:
    t, xs = rel.worldline(1)
    q = sp.Symbol("q", real=True)
    Phi = sp.Function("Phi", real=True)(t, *xs)
    A = sp.Function("A", real=True)(t, *xs)
    L = rel.vector_field_lagrangian(m, q, c, Phi, [A], xs, t)
    (el,) = rel.euler_lagrange(L, xs, t)
    vx = sp.diff(xs[0], t)
    gamma = 1 / sp.sqrt(1 - vx**2 / c**2)
    dA_dt_partial = sp.diff(A, t) - vx * sp.diff(A, xs[0])
    expected = q * (-sp.diff(Phi, xs[0]) - dA_dt_partial) - sp.diff(gamma * m * vx, t)
    assert sp.simplify(el - expected) == 0


def test_euler_lagrange_harmonic_oscillator() -> None:
    t, (x,) = rel.worldline(1)
    k = sp.Symbol("k", positive=True)
    (el,) = rel.euler_lagrange(m * sp.diff(x, t) ** 2 / 2 - k * x**2 / 2, [x], t)
    assert sp.expand(el + k * x + m * sp.diff(x, t, 2)) == 0


# ------------------------------------------------------------------- numeric
def test_proper_time_factor_values() -> None:
    assert np.allclose(rel.proper_time_factor([0.0, 0.6, 0.8]), [1.0, 0.8, 0.6])
    assert rel.proper_time_factor(1.5, c=3.0) == pytest.approx(math.sqrt(0.75))


@given(SPEED)
def test_proper_time_factor_is_inverse_gamma(beta: float) -> None:
    tau = float(rel.proper_time_factor(beta))
    assert 0 < tau <= 1
    assert tau**2 + beta**2 == pytest.approx(1.0, abs=1e-12)


@given(st.floats(min_value=0.0, max_value=1.5, allow_nan=False))
def test_uniform_scalar_closed_form_conserves_energy(t: float) -> None:
    x, vv = rel.uniform_field_closed_form([t])
    E = rel.field_energy(x[None, :], vv[None, :], lambda p: p[0])
    assert E[0] == pytest.approx(1.0, rel=1e-9)


@given(st.floats(min_value=0.0, max_value=50.0, allow_nan=False))
def test_vector_closed_form_stays_below_c(t: float) -> None:
    _, vv = rel.uniform_field_closed_form([t], coupling="vector")
    assert abs(vv[0]) < 1.0
    _, vn = rel.uniform_field_closed_form([t], coupling="newton")
    assert abs(vv[0]) <= abs(vn[0]) + 1e-15


def test_uniform_field_integration_matches_closed_form_and_stops() -> None:
    sol = rel.integrate_static_field(lambda x: x[0], lambda x: np.array([1.0]), [0.0], [0.0], 2.5)
    x_cf, v_cf = rel.uniform_field_closed_form(sol.t[:-1])
    assert np.max(np.abs(sol.y[0, :-1] - x_cf)) < 1e-9
    assert np.max(np.abs(sol.v[0, :-1] - v_cf)) < 1e-9
    assert sol.t[-1] == pytest.approx(math.pi / 2, abs=2e-3)
    assert sol.y[0, -1] == pytest.approx(-1.0, abs=1e-5)


def test_perihelion_shift_is_minus_one_sixth_of_gr() -> None:
    ratio = rel.perihelion_shift(40.0, norbits=3) / rel.gr_perihelion_shift(1.0, 0.5, c=40.0)
    assert ratio == pytest.approx(-1 / 6, abs=2e-4)
    assert abs(rel.perihelion_shift(40.0, norbits=2, coupling="newton")) < 1e-9


def test_gr_perihelion_shift_for_mercury() -> None:
    shift = rel.gr_perihelion_shift(5.7909e10, 0.2056, 1.32712440018e20, 299_792_458.0)
    per_century = shift * 36525 / 87.969 * 180 / math.pi * 3600
    assert per_century == pytest.approx(42.98, abs=0.05)


@pytest.mark.parametrize("beta", [0.5, 0.99])
def test_deflection_is_reduced_by_gamma_squared(beta: float) -> None:
    newton = 2e-4 / beta**2
    assert rel.deflection_angle(beta) / newton == pytest.approx(1 - beta**2, rel=2e-3)
    assert rel.deflection_angle(beta, coupling="vector") / newton == pytest.approx(
        math.sqrt(1 - beta**2), rel=2e-3)


# -------------------------------------------------------------------- errors
def test_lorentz_boost_rejects_non_sympy() -> None:
    with pytest.raises(TypeError, match="SymPy expression"):
        rel.lorentz_boost(1.0, sp.Symbol("x"), sp.Symbol("b"))  # type: ignore[arg-type]


def test_lorentz_boost_rejects_superluminal_speed() -> None:
    with pytest.raises(ValueError, match="below 1"):
        rel.lorentz_boost(sp.Symbol("ct"), sp.Symbol("x"), sp.Integer(2))


def test_free_lagrangian_rejects_bad_velocity() -> None:
    with pytest.raises(TypeError, match="v must be"):
        rel.free_particle_lagrangian(m, c, 0.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="m must be"):
        rel.free_particle_lagrangian(1.0, c, v)  # type: ignore[arg-type]


def test_momentum_and_energy_reject_non_sympy_lagrangian() -> None:
    with pytest.raises(TypeError, match="L must be"):
        rel.momentum("L", v)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="L must be"):
        rel.energy(1.0, v)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="L must be"):
        rel.euler_lagrange(None, [sp.Function("x")(sp.Symbol("t"))], sp.Symbol("t"))  # type: ignore[arg-type]


def test_worldline_rejects_bad_dimension() -> None:
    with pytest.raises(ValueError, match="dim must be"):
        rel.worldline(4)


def test_worldline_checks() -> None:
    t, xs = rel.worldline(1)
    with pytest.raises(TypeError, match="t must be"):
        rel.scalar_field_lagrangian(m, m, c, sp.Integer(0), xs, "t")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="function of t"):
        rel.scalar_field_lagrangian(m, m, c, sp.Integer(0), [sp.Symbol("x")], t)


def test_vector_lagrangian_rejects_wrong_potential_length() -> None:
    t, xs = rel.worldline(2)
    with pytest.raises(ValueError, match="A must have 2"):
        rel.vector_field_lagrangian(m, m, c, sp.Integer(0), [sp.Integer(0)], xs, t)


def test_proper_time_factor_rejects_superluminal() -> None:
    with pytest.raises(ValueError, match=r"\|v\| < c"):
        rel.proper_time_factor([0.5, 1.0])
    with pytest.raises(ValueError, match="c must be"):
        rel.proper_time_factor(0.1, c=0.0)


def test_uniform_closed_form_errors() -> None:
    with pytest.raises(ValueError, match="coupling must be"):
        rel.uniform_field_closed_form([0.0], coupling="tensor")
    with pytest.raises(ValueError, match="non-negative"):
        rel.uniform_field_closed_form([-1.0])
    with pytest.raises(ValueError, match="pi c/\\(2g\\)"):
        rel.uniform_field_closed_form([2.0])


def test_integrate_static_field_errors() -> None:
    phi, grad = (lambda x: x[0]), (lambda x: np.array([1.0]))
    with pytest.raises(ValueError, match="equal length"):
        rel.integrate_static_field(phi, grad, [0.0, 0.0], [0.0], 1.0)
    with pytest.raises(ValueError, match="below c"):
        rel.integrate_static_field(phi, grad, [0.0], [1.0], 1.0)
    with pytest.raises(ValueError, match="effective mass"):
        rel.integrate_static_field(phi, grad, [-2.0], [0.0], 1.0)
    with pytest.raises(ValueError, match="alpha must be"):
        rel.integrate_static_field(phi, grad, [0.0], [0.0], 1.0, alpha=float("nan"))
    with pytest.raises(ValueError, match="t_end must be"):
        rel.integrate_static_field(phi, grad, [0.0], [0.0], -1.0)


def test_field_energy_rejects_shape_mismatch() -> None:
    with pytest.raises(ValueError, match="same shape"):
        rel.field_energy([[0.0, 1.0]], [[0.0]], lambda x: 0.0)


def test_gr_shift_rejects_bad_eccentricity() -> None:
    with pytest.raises(ValueError, match="eccentricity"):
        rel.gr_perihelion_shift(1.0, 1.0)


def test_perihelion_shift_errors() -> None:
    with pytest.raises(ValueError, match="norbits"):
        rel.perihelion_shift(30.0, norbits=1)
    with pytest.raises(ValueError, match="eccentricity"):
        rel.perihelion_shift(30.0, e=0.0)
    with pytest.raises(ValueError, match="below c"):
        rel.perihelion_shift(1.0)


def test_deflection_errors() -> None:
    with pytest.raises(ValueError, match="beta must"):
        rel.deflection_angle(1.0)
    with pytest.raises(ValueError, match="reach must"):
        rel.deflection_angle(0.5, reach=5.0)


@settings(max_examples=25, deadline=None)
@given(st.floats(min_value=-0.99, max_value=0.99), st.floats(-5, 5), st.floats(-5, 5))
def test_numeric_boost_preserves_interval(beta: float, ct: float, x: float) -> None:
    ct2, x2 = rel.lorentz_boost(sp.Float(ct), sp.Float(x), sp.Float(beta))
    assert float(ct2**2 - x2**2) == pytest.approx(ct**2 - x**2, abs=1e-9 * (1 + ct**2 + x**2) / (1 - beta**2))
