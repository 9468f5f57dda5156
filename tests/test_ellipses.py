"""Tests of blogcode.ellipses: two bent elliptical sheets glued into a solid."""

from __future__ import annotations

import math

import matplotlib
import numpy as np
import pytest
import scipy.integrate
import scipy.optimize
import scipy.special
from hypothesis import given, settings
from hypothesis import strategies as st

from blogcode import ellipses as E

matplotlib.use("Agg")

RATIO = st.floats(min_value=1.0, max_value=8.0)
FRACTION = st.floats(min_value=0.0, max_value=1.0)

# (a/b, l, x(l), V) with b = 1, computed on a 40 001-point grid (converged to 1e-12).
TABLE = [
    (1.1, 1.650271, 0.397327, 0.653561),
    (1.5, 1.983180, 0.986712, 1.838366),
    (2.0, 2.422112, 1.569757, 3.167464),
    (5.0, 5.252511, 4.747271, 10.685298),
]


# ----------------------------------------------------------------- values


def test_quarter_perimeter_matches_quad_and_ramanujan() -> None:
    for a, b in ((2.0, 1.0), (1.0, 3.0), (5.0, 0.2)):
        quad, _ = scipy.integrate.quad(lambda t: math.hypot(a * math.sin(t), b * math.cos(t)),
                                       0.0, math.pi / 2, epsabs=1e-13)
        assert E.quarter_perimeter(a, b) == pytest.approx(quad, rel=1e-12)
        h = ((a - b) / (a + b)) ** 2
        ramanujan = math.pi * (a + b) * (1 + 3 * h / (10 + math.sqrt(4 - 3 * h))) / 4
        assert E.quarter_perimeter(a, b) == pytest.approx(ramanujan, rel=1e-4)


@pytest.mark.parametrize(("ratio", "length", "x_end", "volume"), TABLE)
def test_table_of_seam_lengths_and_volumes(ratio: float, length: float, x_end: float,
                                           volume: float) -> None:
    sm = E.seam(ratio, 1.0)
    assert sm.length == pytest.approx(length, abs=6e-7)
    assert sm.x_end == pytest.approx(x_end, abs=6e-7)
    assert E.solid_volume(ratio, 1.0) == pytest.approx(volume, abs=6e-7)


def test_arc_to_t_agrees_with_brentq() -> None:
    a, b = 2.0, 1.0
    s = np.linspace(0.0, E.quarter_perimeter(a, b), 7)
    ours = E.arc_to_t(s, a, b)
    ref = [scipy.optimize.brentq(lambda t, si=si: float(E.arc_length(t, a, b)) - si,
                                 0.0, math.pi / 2, xtol=1e-15) for si in s]
    assert np.allclose(ours, ref, atol=1e-13)


def test_circle_is_flat() -> None:
    sm = E.seam(1.0, 1.0)
    assert np.max(np.abs(sm.c)) < 1e-15
    assert sm.x_end < 1e-8 and E.solid_volume(1.0, 1.0) < 1e-8


def test_short_axis_bending_fails_at_midpoint() -> None:
    l = E.quarter_perimeter(1.0, 2.0)
    assert float(E.glue_condition(l / 2, 1.0, 2.0)) == pytest.approx(-0.759578, abs=1e-6)
    with pytest.raises(ValueError, match="cannot be glued"):
        E.seam(1.0, 2.0)


def test_bent_sheets_keep_their_area() -> None:
    sm = E.seam(2.0, 1.0)
    area1, area2 = E.bent_sheet_areas(sm)
    assert area1 == pytest.approx(2 * math.pi, rel=1e-6)
    assert area2 == pytest.approx(2 * math.pi, rel=1e-6)


def test_partner_sheets() -> None:
    l = E.quarter_perimeter(2.0, 1.0)
    s = np.linspace(0.0, l, 801)
    circle = E.partner_ellipse(2.0, 1.0, 1.0)
    assert circle[0] == pytest.approx(1.54196, abs=1e-5)
    assert E.glue_condition(s, 2.0, 1.0, partner=circle).min() > -1e-15
    rotated = E.partner_ellipse(2.0, 1.0, 0.5)  # the same sheet, bent along its short axis
    assert np.max(np.abs(E.glue_condition(s, 2.0, 1.0, partner=rotated))) < 1e-12
    too_flat = E.partner_ellipse(2.0, 1.0, 0.45)
    assert E.glue_condition(s, 2.0, 1.0, partner=too_flat).min() < -0.05
    assert min(E.end_curvature_margins(2.0, 1.0, partner=too_flat)) < 0


def test_blog_port_reproduces_the_post() -> None:
    r = E.blog_port(step=1e-5)
    exact = E.quarter_perimeter(2.0, 1.0)
    missing = exact - r.length
    assert missing == pytest.approx(2.0 * math.sqrt(2e-5), rel=0.05)
    assert r.passes and r.x_end == pytest.approx(1.5698, abs=0.01)


def test_draw_solid_draws_lines() -> None:
    import matplotlib.pyplot as plt

    fig = plt.figure()
    ax = fig.add_subplot(projection="3d")
    E.draw_solid(ax, E.seam(2.0, 1.0, 101), generators=4)
    assert len(ax.lines) == 8 + 4 * 4
    plt.close(fig)


# ----------------------------------------------------------------- errors


def test_semi_axis_must_be_positive() -> None:
    with pytest.raises(ValueError, match="finite positive"):
        E.quarter_perimeter(-1.0, 1.0)


def test_semi_axis_must_be_real() -> None:
    with pytest.raises(TypeError, match="real number"):
        E.quarter_perimeter("2", 1.0)


def test_arc_length_rejects_t_outside_quarter() -> None:
    with pytest.raises(ValueError, match=r"\[0, pi/2\]"):
        E.arc_length([2.0], 2.0, 1.0)


def test_arc_to_t_rejects_s_beyond_l() -> None:
    with pytest.raises(ValueError, match="must lie in"):
        E.arc_to_t([3.0], 2.0, 1.0)


def test_arc_to_t_rejects_bad_maxiter() -> None:
    with pytest.raises(ValueError, match="maxiter"):
        E.arc_to_t([1.0], 2.0, 1.0, maxiter=0)


def test_arc_to_t_warns_without_convergence() -> None:
    with pytest.warns(RuntimeWarning, match="did not converge"):
        E.arc_to_t([1.0], 2.0, 1.0, maxiter=1)


def test_partner_must_be_a_pair() -> None:
    with pytest.raises(TypeError, match="pair"):
        E.glue_condition([0.0], 2.0, 1.0, partner=3.0)  # type: ignore[arg-type]


def test_partner_needs_same_quarter_perimeter() -> None:
    with pytest.raises(ValueError, match="same quarter perimeter"):
        E.glue_condition([0.0], 2.0, 1.0, partner=(2.0, 2.0))


def test_seam_needs_three_points() -> None:
    with pytest.raises(ValueError, match="n must be"):
        E.seam(2.0, 1.0, 2)


def test_blog_port_needs_long_axis() -> None:
    with pytest.raises(ValueError, match="a > b"):
        E.blog_port(1.0, 2.0)


def test_blog_port_step_range() -> None:
    with pytest.raises(ValueError, match="step must lie"):
        E.blog_port(step=0.5)


def test_bent_sheet_areas_needs_seam() -> None:
    with pytest.raises(TypeError, match="Seam"):
        E.bent_sheet_areas((1, 2))  # type: ignore[arg-type]


def test_draw_solid_needs_3d_axes() -> None:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    with pytest.raises(TypeError, match="3-D axes"):
        E.draw_solid(ax, E.seam(2.0, 1.0, 11))
    plt.close(fig)


# ----------------------------------------------------------------- properties


@settings(max_examples=40, deadline=None)
@given(ratio=RATIO, u=FRACTION)
def test_arc_to_t_inverts_arc_length(ratio: float, u: float) -> None:
    for a, b in ((ratio, 1.0), (1.0, ratio)):
        s = u * E.quarter_perimeter(a, b)
        assert float(E.arc_length(E.arc_to_t(s, a, b), a, b)) == pytest.approx(s, abs=1e-12)


@settings(max_examples=40, deadline=None)
@given(ratio=RATIO, u=FRACTION)
def test_rim_point_on_ellipse_and_unit_tangent(ratio: float, u: float) -> None:
    a, b = ratio, 1.0
    s = u * E.quarter_perimeter(a, b)
    g, h = E.arc_point(s, a, b)
    dg, dh = E.arc_tangent(s, a, b)
    assert float(g**2 / a**2 + h**2 / b**2) == pytest.approx(1.0, abs=1e-13)
    assert float(dg**2 + dh**2) == pytest.approx(1.0, abs=1e-13)


@settings(max_examples=30, deadline=None)
@given(ratio=RATIO)
def test_equal_sheets_always_glue_and_condition_is_symmetric(ratio: float) -> None:
    l = E.quarter_perimeter(ratio, 1.0)
    s = np.linspace(0.0, l, 201)
    c = E.glue_condition(s, ratio, 1.0)
    assert c.min() >= -1e-14
    assert np.allclose(c, c[::-1], atol=1e-13)
    # swapping the axes (short-axis bending) flips the sign
    assert np.allclose(E.glue_condition(s, 1.0, ratio), -c, atol=1e-13)


@settings(max_examples=30, deadline=None)
@given(ratio=st.floats(min_value=0.1, max_value=10.0), scale=st.floats(min_value=0.1, max_value=10.0))
def test_quarter_perimeter_scales_and_is_symmetric(ratio: float, scale: float) -> None:
    l = E.quarter_perimeter(ratio, 1.0)
    assert E.quarter_perimeter(1.0, ratio) == pytest.approx(l, rel=1e-13)
    assert E.quarter_perimeter(scale * ratio, scale) == pytest.approx(scale * l, rel=1e-13)
