"""Tests of blogcode.rope: the spinning rope, troposkien, whirling string."""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.integrate
import scipy.optimize
import scipy.special
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from blogcode import rope

KAPPA = st.floats(min_value=0.05, max_value=20.0)


# ------------------------------------------------------------------ symbolic
def test_euler_lagrange_tangential_combination_vanishes() -> None:
    x, y = sp.Function("x")(rope.T), sp.Function("y")(rope.T)
    ex, ey = rope.euler_lagrange()
    assert sp.simplify(x.diff(rope.T) * ex + y.diff(rope.T) * ey) == 0


def test_euler_lagrange_y_equation_is_the_first_integral_derivative() -> None:
    x, y = sp.Function("x")(rope.T), sp.Function("y")(rope.T)
    _, ey = rope.euler_lagrange(lam=0)
    phi = rope.effective_potential(x, y)
    speed = sp.sqrt(x.diff(rope.T) ** 2 + y.diff(rope.T) ** 2)
    # dL/dy - d/dt(dL/dy') = -g |r'| - d/dt(phi y'/|r'|)
    assert sp.simplify(ey - (-rope.G * speed - sp.diff(phi * y.diff(rope.T) / speed, rope.T))) == 0


def test_effective_potential_horizontal_axis() -> None:
    x, y = sp.symbols("x y", real=True)
    assert sp.expand(rope.effective_potential(x, y, "horizontal") - (rope.OMEGA**2 * y**2 / 2 - rope.G * y)) == 0


def test_effective_potential_rejects_unknown_axis() -> None:
    x, y = sp.symbols("x y", real=True)
    with pytest.raises(ValueError, match="axis must be one of"):
        rope.effective_potential(x, y, "diagonal")


def test_euler_lagrange_rejects_bad_multiplier() -> None:
    with pytest.raises(TypeError, match="lam must be"):
        rope.euler_lagrange(lam=object())


@pytest.mark.parametrize("axis", ["vertical", "horizontal"])
def test_symbolic_potential_matches_numeric_tension(axis: str) -> None:
    x, y = sp.symbols("x y", real=True)
    phi = sp.lambdify((x, y, rope.OMEGA, rope.G), rope.effective_potential(x, y, axis))
    pts = np.array([[0.3, -1.2], [2.0, 0.5], [-1.0, 3.0]])
    for px, py in pts:
        assert rope.tension([px], [py], 1.7, 9.81, 0.4, axis=axis)[0] == pytest.approx(0.4 - phi(px, py, 1.7, 9.81))


# ------------------------------------------------------------------ post's IVP
def test_blog_ivp_published_and_corrected_endpoints() -> None:
    _, x, y = rope.blog_ivp(2.0, 3.0, 0.0, 0.5)
    assert (x[-1], y[-1]) == pytest.approx((0.860, -0.474), abs=2e-3)
    s, x, y = rope.blog_ivp(2.0, 3.0, 0.0, 0.5, corrected=True, method="RK45", rtol=1e-10)
    assert (x[-1], y[-1]) == pytest.approx((1.4869, -0.1047), abs=1e-4)
    rx, ry = rope.el_residuals(s, x, y, 2.0, 3.0)
    assert max(np.max(np.abs(rx[2:-2])), np.max(np.abs(ry[2:-2]))) < 1e-4


def test_blog_ivp_published_curve_violates_the_equations() -> None:
    s, x, y = rope.blog_ivp(2.0, 3.0, 0.0, 0.5)
    rx, ry = rope.el_residuals(s, x, y, 2.0, 3.0)
    assert np.max(np.abs(rx[2:-2])) > 1.0 and np.max(np.abs(ry[2:-2])) > 1.0


def test_blog_ivp_rejects_zero_phi_start() -> None:
    with pytest.raises(ValueError, match="phi vanishes"):
        rope.blog_ivp(0.0, 3.0, 0.0, 0.5, x0=1.0, y0=0.0)


def test_blog_ivp_rejects_negative_omega() -> None:
    with pytest.raises(ValueError, match="omega must be >= 0"):
        rope.blog_ivp(-1.0, 3.0, 0.0, 0.5)


def test_blog_ivp_rejects_nonpositive_length() -> None:
    with pytest.raises(ValueError, match="s_max must be > 0"):
        rope.blog_ivp(1.0, 3.0, 0.0, 0.0)


def test_blog_ivp_rejects_non_number() -> None:
    with pytest.raises(TypeError, match="g must be a real number"):
        rope.blog_ivp(1.0, "3", 0.0, 1.0)


def test_el_residuals_reject_bad_shapes() -> None:
    with pytest.raises(ValueError, match="1-D of one length"):
        rope.el_residuals([0, 1, 2], [0, 1], [0, 1, 2], 1.0, 1.0)


def test_el_residuals_reject_decreasing_s() -> None:
    with pytest.raises(ValueError, match="strictly increasing"):
        rope.el_residuals([0, 2, 1], [0, 1, 2], [0, 1, 2], 1.0, 1.0)


def test_tension_values_and_axis() -> None:
    assert rope.tension([2.0], [1.0], 1.0, 1.0, 5.0)[0] == pytest.approx(5.0 - (2.0 - 1.0))
    assert rope.tension([2.0], [1.0], 1.0, 1.0, 5.0, axis="horizontal")[0] == pytest.approx(5.0 - (0.5 - 1.0))
    with pytest.raises(ValueError, match="axis must be one of"):
        rope.tension([1.0], [1.0], 1.0, 1.0, 0.0, axis="up")


# ------------------------------------------------------------------ closed forms
def test_catenary_solves_its_ode() -> None:
    x = np.linspace(-2, 2, 9)
    y = rope.catenary(x, 1.7, 0.3)
    slope = np.sinh((x - 0.3) / 1.7)
    assert np.allclose(slope**2, (y / 1.7) ** 2 - 1)
    with pytest.raises(ValueError, match="a must be > 0"):
        rope.catenary(x, 0.0)


def test_troposkien_reference_values() -> None:
    assert rope.troposkien_halfspan(1.0, 0.8) == pytest.approx(1.13962, abs=5e-6)
    a = rope.troposkien_halfspan(2.0, 0.8)
    z = rope.troposkien(np.array([0.0, a]), 2.0, 0.8)
    assert z == pytest.approx([2.0, 0.0], abs=1e-12)
    # slope at the axis: -sqrt((1+kappa)^2 - 1)
    h = 1e-6
    slope = (rope.troposkien(a, 2.0, 0.8) - rope.troposkien(a - h, 2.0, 0.8)) / h
    assert slope == pytest.approx(-math.sqrt(1.8**2 - 1), rel=1e-5)


def test_troposkien_rejects_points_beyond_the_axis() -> None:
    with pytest.raises(ValueError, match="must not exceed the half-span"):
        rope.troposkien([2.0], 1.0, 0.8)


def test_troposkien_rejects_nonpositive_kappa() -> None:
    with pytest.raises(ValueError, match="kappa must be > 0"):
        rope.troposkien([0.0], 1.0, 0.0)


def test_troposkien_halfspan_rejects_nonpositive_radius() -> None:
    with pytest.raises(ValueError, match="R must be > 0"):
        rope.troposkien_halfspan(-1.0, 1.0)


@settings(max_examples=25, deadline=None)
@given(KAPPA)
def test_troposkien_satisfies_its_first_integral(kappa: float) -> None:
    a = rope.troposkien_halfspan(1.0, kappa)
    x = np.linspace(0.05 * a, 0.95 * a, 7)
    h = 1e-6 * a
    z = rope.troposkien(x, 1.0, kappa)
    dz = (rope.troposkien(x + h, 1.0, kappa) - rope.troposkien(x - h, 1.0, kappa)) / (2 * h)
    assert np.allclose(dz**2, (1 + kappa * (1 - z**2)) ** 2 - 1, rtol=1e-5, atol=1e-7)


@settings(max_examples=15, deadline=None)
@given(KAPPA, st.floats(min_value=0.1, max_value=0.99))
def test_troposkien_arclength_matches_quadrature(kappa: float, frac: float) -> None:
    a = rope.troposkien_halfspan(1.0, kappa)
    xe = frac * a

    def speed(x: float) -> float:
        z = float(rope.troposkien(x, 1.0, kappa))
        return 1 + kappa * (1 - z**2)

    quad, _ = scipy.integrate.quad(speed, 0.0, xe, epsabs=1e-12, epsrel=1e-12)
    assert float(rope.troposkien_arclength(xe, 1.0, kappa)) == pytest.approx(quad, rel=1e-9)
    assert float(rope.troposkien_arclength(-xe, 1.0, kappa)) == pytest.approx(-quad, rel=1e-9)


@settings(max_examples=20, deadline=None)
@given(st.floats(min_value=0.01, max_value=10.0), st.floats(min_value=0.01, max_value=10.0))
def test_length_ratio_increases_with_kappa(k1: float, k2: float) -> None:
    lo, hi = sorted((k1, k2))
    if hi - lo > 1e-6:
        assert 1 < rope.troposkien_length_ratio(lo) < rope.troposkien_length_ratio(hi)


def test_length_ratio_rejects_nonpositive_kappa() -> None:
    with pytest.raises(ValueError, match="kappa must be > 0"):
        rope.troposkien_length_ratio(-1.0)


# ------------------------------------------------------------------ skipping rope
@settings(max_examples=10, deadline=None)
@given(st.floats(min_value=1.05, max_value=2.0), st.floats(min_value=1.0, max_value=20.0),
       st.floats(min_value=0.0, max_value=10.0))
def test_skipping_rope_has_the_requested_length_and_ends(ratio: float, omega: float, g: float) -> None:
    r = rope.skipping_rope(2.0, 2.0 * ratio, omega, g, n=4001)
    assert abs(r.y[0]) < 1e-9 and abs(r.y[-1]) < 1e-9
    length = float(np.sum(np.hypot(np.diff(r.x), np.diff(r.y))))
    assert length == pytest.approx(2.0 * ratio, rel=1e-5)
    assert np.all(r.tension > 0)


@settings(max_examples=15, deadline=None)
@given(st.floats(min_value=1.05, max_value=2.0), st.floats(min_value=0.5, max_value=30.0))
def test_weightless_shape_does_not_depend_on_speed(ratio: float, omega: float) -> None:
    r1 = rope.skipping_rope(1.0, ratio, 1.0)
    r2 = rope.skipping_rope(1.0, ratio, omega)
    assert np.allclose(r1.y, r2.y, atol=1e-10)
    assert r2.H == pytest.approx(omega**2 * r1.H, rel=1e-8)


def test_skipping_rope_rejects_short_rope() -> None:
    with pytest.raises(ValueError, match="length must exceed span"):
        rope.skipping_rope(2.0, 1.5, 1.0)


def test_skipping_rope_rejects_zero_speed() -> None:
    with pytest.raises(ValueError, match="omega must be > 0"):
        rope.skipping_rope(2.0, 2.5, 0.0)


def test_skipping_rope_rejects_too_few_points() -> None:
    with pytest.raises(ValueError, match="n must be >= 2"):
        rope.skipping_rope(2.0, 2.5, 1.0, n=1)


def test_skipping_rope_rejects_absurd_length() -> None:
    with pytest.raises(ValueError, match="too large"):
        rope.skipping_rope(1.0, 1e9, 1.0)


# ------------------------------------------------------------------ BVP and chain
def test_bvp_agrees_with_closed_form_with_gravity() -> None:
    omega, g = 4 * math.pi, 9.81
    closed = rope.skipping_rope(2.0, 2.6, omega, g)
    num = rope.rope_bvp((-1.0, 0.0), (1.0, 0.0), 2.6, omega, g, axis="horizontal")
    assert float(num.y.min()) == pytest.approx(float(closed.y.min()), abs=1e-8)
    assert float(num.tension.min()) == pytest.approx(closed.H, rel=1e-8)


def test_bvp_hanging_chain_is_a_catenary() -> None:
    num = rope.rope_bvp((-1.0, 0.0), (1.0, 0.0), 2.5, 0.0, 1.0)
    # y = a cosh(x/a) - a cosh(1/a), with a sinh(1/a) = 1.25
    a = scipy.optimize.brentq(lambda a: a * math.sinh(1 / a) - 1.25, 0.1, 10)
    assert np.allclose(num.y, rope.catenary(num.x, a) - a * math.cosh(1 / a), atol=1e-7)


def test_bvp_rejects_short_rope() -> None:
    with pytest.raises(ValueError, match="length must exceed"):
        rope.rope_bvp((0, 0), (1, 0), 0.5, 1.0, 1.0)


def test_bvp_rejects_no_load() -> None:
    with pytest.raises(ValueError, match="cannot both be 0"):
        rope.rope_bvp((0, 0), (1, 0), 1.5, 0.0, 0.0)


def test_bvp_rejects_bad_points() -> None:
    with pytest.raises(ValueError, match="finite points"):
        rope.rope_bvp((0, 0, 0), (1, 0), 1.5, 1.0, 1.0)


def test_bvp_rejects_zero_bulge() -> None:
    with pytest.raises(ValueError, match="bulge must be"):
        rope.rope_bvp((0, 0), (1, 0), 1.5, 1.0, 1.0, bulge=(0, 0))


def test_bvp_reports_failure() -> None:
    with pytest.raises(RuntimeError, match="solve_bvp did not converge"):
        rope.rope_bvp((0, 0), (0, -1), 1.5, 4.0, 9.81, axis="vertical", bulge=(1, 0))


def test_bead_chain_converges_to_the_closed_form() -> None:
    closed = rope.skipping_rope(2.0, 2.6, 4 * math.pi, 9.81)
    errs = []
    for n in (10, 20):
        x, y = rope.bead_chain((-1, 0), (1, 0), 2.6, 4 * math.pi, 9.81, n_links=n)
        errs.append(abs(float(y.min()) - float(closed.y.min())))
    assert errs[1] < errs[0] / 3 and errs[1] < 3e-3


def test_bead_chain_rejects_too_few_links() -> None:
    with pytest.raises(ValueError, match="n_links must be >= 3"):
        rope.bead_chain((-1, 0), (1, 0), 2.6, 1.0, 1.0, n_links=2)


def test_bead_chain_rejects_short_rope() -> None:
    with pytest.raises(ValueError, match="length must exceed"):
        rope.bead_chain((-1, 0), (1, 0), 1.0, 1.0, 1.0)


def test_bead_chain_rejects_bad_points() -> None:
    with pytest.raises(ValueError, match="must be points"):
        rope.bead_chain((-1, 0, 1), (1, 0), 3.0, 1.0, 1.0)


# ------------------------------------------------------------------ whirling string
def test_kolodner_thresholds_are_bessel_zeros() -> None:
    th = rope.kolodner_thresholds(3)
    assert th == pytest.approx([1.44580, 7.61782, 18.72175], abs=1e-5)
    assert np.allclose(scipy.special.j0(2 * np.sqrt(th)), 0, atol=1e-12)
    with pytest.raises(ValueError, match="n must be >= 1"):
        rope.kolodner_thresholds(0)


@pytest.mark.parametrize(("speed", "radius"), [(1.5, 0.2748), (2.0, 0.7006), (3.0, 0.8810)])
def test_whirling_string_free_end_radius(speed: float, radius: float) -> None:
    roots = rope.whirling_string(speed, n_scan=40)
    assert roots.size == 1 and roots[0] == pytest.approx(radius, abs=1e-4)


def test_whirling_string_counts_modes() -> None:
    assert rope.whirling_string(1.3, n_scan=40).size == 0
    assert rope.whirling_string(8.0, n_scan=60, refine=False).size == 2


def test_whirling_string_shape_reaches_the_axis() -> None:
    xe = rope.whirling_string(2.0, n_scan=40)[0]
    x, y = rope.whirling_string_shape(xe, 2.0)
    assert abs(x[0]) < 1e-8 and x[-1] == pytest.approx(xe, abs=1e-5)
    assert float(np.sum(np.hypot(np.diff(x), np.diff(y)))) == pytest.approx(1.0, abs=1e-3)


def test_whirling_string_rejects_nonpositive_speed() -> None:
    with pytest.raises(ValueError, match="omega2_L_over_g must be > 0"):
        rope.whirling_string(0.0)


def test_whirling_string_rejects_small_scan() -> None:
    with pytest.raises(ValueError, match="n_scan must be >= 4"):
        rope.whirling_string(2.0, n_scan=3)


def test_whirling_string_shape_rejects_long_radius() -> None:
    with pytest.raises(ValueError, match="x_end must be < 1"):
        rope.whirling_string_shape(1.0, 2.0)
