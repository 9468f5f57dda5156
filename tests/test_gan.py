"""Tests of blogcode.gan: the dual-space GAN recipe, divergences, the toy GAN."""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.stats
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from blogcode import gan

R, T = gan.R, gan.T


def _same(a: sp.Expr, b: sp.Expr) -> bool:
    return sp.simplify(sp.expand_log(a - b, force=True)) == 0


def test_example_a_gives_twice_js() -> None:
    design = gan.design_from_omega_rho(sp.log(R), 1 / (1 + sp.exp(T)))
    assert design.omega_inv == sp.exp(T)
    assert _same(sp.diff(design.phi, T), sp.diff(-sp.log(1 + sp.exp(T)), T))
    assert _same(design.psi, sp.log(2) - sp.log(1 + sp.exp(-T)))
    target = R * sp.log(R) - (R + 1) * sp.log(R + 1) + (R + 1) * sp.log(2)
    assert _same(design.d, target)
    assert sp.simplify(design.d2 - 1 / (R * (R + 1))) == 0


def test_example_b_has_real_logarithms_and_shift_log2() -> None:
    design = gan.design_from_omega_rho(R / (1 + R), 1 / T)
    assert not design.phi.has(sp.I) and design.phi.has(sp.log(1 - T))
    assert design.psi_shift == sp.log(2)


def test_example_c_is_hellinger_with_shift_one() -> None:
    design = gan.design_from_omega_rho(sp.log(R) / 2, sp.exp(-T))
    assert design.psi_shift == 1
    assert sp.simplify(design.d - (sp.sqrt(R) - 1) ** 2) == 0
    assert sp.simplify(design.d2 - R ** sp.Rational(-3, 2) / 2) == 0


def test_kl_is_reachable_with_psi_equal_t() -> None:
    design = gan.design_from_f(R - 1 - sp.log(R))
    assert design.omega == 1 - 1 / R and design.psi == T and design.psi_shift == 0
    assert design.phi == sp.log(1 - T)
    assert sp.simplify(design.d - (R - 1 - sp.log(R))) == 0


@pytest.mark.parametrize("f", [R * sp.log(R), -sp.log(R), (sp.sqrt(R) - 1) ** 2 * 0 + R**2 - 1])
def test_design_from_f_recovers_f_up_to_affine(f: sp.Expr) -> None:
    design = gan.design_from_f(f)
    assert sp.simplify(design.d2 - sp.diff(f, R, 2)) == 0
    assert sp.simplify(design.d.subs(R, 1)) == 0 and sp.simplify(design.d1.subs(R, 1)) == 0


def test_envelope_identity_for_lsgan_with_parameters() -> None:
    a, b = sp.symbols("a b", real=True)
    design = gan.design_from_omega_rho((a + b * R) / (1 + R), 2 * (b - T))
    assert sp.simplify(design.d1 - design.psi.subs(T, design.omega)) == 0
    assert sp.simplify(design.d - (b - a) ** 2 * (R - 1) ** 2 / (4 * (R + 1))) == 0


def test_recover_omega_rho_label_swap() -> None:
    inv, rho = gan.recover_omega_rho(-sp.log(1 + sp.exp(-T)), -sp.log(1 + sp.exp(T)))
    assert sp.simplify(inv - sp.exp(-T)) == 0
    assert sp.simplify(rho + 1 / (1 + sp.exp(-T))) == 0


def test_symbolic_errors() -> None:
    with pytest.raises(TypeError, match="SymPy expression"):
        gan.design_from_omega_rho("log(r)", T)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="function of r only"):
        gan.design_from_omega_rho(R * T, sp.Integer(1))
    with pytest.raises(ValueError, match="exactly one solution"):
        gan.design_from_omega_rho((R - 1) ** 2, sp.Integer(1))
    with pytest.raises(TypeError, match="SymPy expression"):
        gan.design_from_f("r**2")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="SymPy expression"):
        gan.recover_omega_rho("t", T)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="must depend on"):
        gan.recover_omega_rho(T, sp.Integer(3))


@pytest.mark.parametrize("name", gan.DESIGN_NAMES)
def test_designs_are_normalised(name: str) -> None:
    design = gan.get_design(name)
    if name != "tv":
        assert abs(float(design.psi(design.omega(1.0)))) < 1e-12
    assert abs(float(design.d(1.0))) < 1e-12


@settings(max_examples=30, deadline=None)
@given(name=st.sampled_from([n for n in gan.DESIGN_NAMES if n != "tv"]),
       p=st.floats(0.05, 5.0), q=st.floats(0.05, 5.0))
def test_numerical_maximiser_is_omega_and_value_is_d(name: str, p: float, q: float) -> None:
    design = gan.get_design(name)
    t_star = gan.optimal_t(design, p, q)
    assert t_star == pytest.approx(float(design.omega(q / p)), abs=1e-5)
    value = p * design.phi(t_star) + q * design.psi(t_star)
    assert value == pytest.approx(p * float(design.d(q / p)), abs=1e-8)


@settings(max_examples=40, deadline=None)
@given(name=st.sampled_from(gan.DESIGN_NAMES), r=st.floats(0.01, 50.0))
def test_d_is_nonnegative_and_zero_at_one(name: str, r: float) -> None:
    d = gan.get_design(name).d
    assert float(d(r)) >= -1e-12


def test_divergences_match_closed_forms() -> None:
    p, q = scipy.stats.norm(0, 1).pdf, scipy.stats.norm(1, 1.5).pdf
    ref = gan.gaussian_divergences(0, 1, 1, 1.5)
    assert gan.divergence_value("kl", p, q, -10, 10) == pytest.approx(ref["kl_pq"], rel=1e-7)
    assert gan.divergence_value("reverse-kl", p, q, -10, 12) == pytest.approx(ref["kl_qp"], rel=1e-7)
    assert gan.divergence_value("exp", p, q, -10, 12) == pytest.approx(ref["hellinger2"], rel=1e-7)
    assert gan.divergence_value("gan", p, q, -10, 12) == pytest.approx(2 * ref["js"], rel=1e-7)
    assert gan.divergence_value("lsgan", p, q, -10, 12) == pytest.approx(ref["triangular"], rel=1e-7)
    assert ref["kl_pq"] == pytest.approx(0.349909, abs=1e-6)


def test_l1_closed_form_equal_variances() -> None:
    for dm, s in ((0.5, 1.0), (2.0, 0.7)):
        ref = gan.gaussian_divergences(0.0, s, dm, s)["l1"]
        assert ref == pytest.approx(2 * (2 * scipy.stats.norm.cdf(dm / (2 * s)) - 1), rel=1e-12)


def test_numeric_errors() -> None:
    with pytest.raises(ValueError, match="name must be one of"):
        gan.get_design("wgan")
    with pytest.raises(TypeError, match="design must be"):
        gan.optimal_t(3, 1.0, 1.0)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="positive finite"):
        gan.optimal_t("gan", 0.0, 1.0)
    with pytest.raises(ValueError, match="lo < hi"):
        gan.divergence_value("gan", math.exp, math.exp, 1.0, 0.0)
    with pytest.raises(ValueError, match="method must be"):
        gan.divergence_value("gan", math.exp, math.exp, 0.0, 1.0, method="grid")
    with pytest.raises(ValueError, match="standard deviations must be positive"):
        gan.gaussian_divergences(0.0, -1.0, 0.0, 1.0)
    with pytest.raises(ValueError, match="finite real"):
        gan.gaussian_divergences(math.nan, 1.0, 0.0, 1.0)


def test_toy_gan_converges_and_is_reproducible() -> None:
    a = gan.train_toy_gan("rlogr", rng=np.random.default_rng(1), steps=500)
    b = gan.train_toy_gan("rlogr", rng=np.random.default_rng(1), steps=500)
    assert np.array_equal(a, b) and a.shape == (501, 2)
    assert np.allclose(a[-1], [1.0, 0.5], atol=0.05)


def test_toy_lsgan_midpoint_target_undershoots_sigma() -> None:
    path = gan.train_toy_gan("lsgan", rng=np.random.default_rng(0))
    assert path[-100:, 1].max() < 0.4


def test_toy_gan_errors() -> None:
    rng = np.random.default_rng(0)
    with pytest.raises(ValueError, match="kind must be one of"):
        gan.train_toy_gan("wgan", rng=rng)
    with pytest.raises(TypeError, match="rng must be"):
        gan.train_toy_gan("gan", rng=0)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="steps must be a positive integer"):
        gan.train_toy_gan("gan", rng=rng, steps=0)
    with pytest.raises(ValueError, match="lr_d must be positive"):
        gan.train_toy_gan("gan", rng=rng, lr_d=-1.0)
    with pytest.raises(ValueError, match="kind must be one of"):
        gan.generator_potential("wgan")
    with pytest.raises(ValueError, match="sigma must be positive"):
        gan.gaussian_generator_objective("gan", 0.0, 0.0)


@settings(max_examples=30, deadline=None)
@given(kind=st.sampled_from(gan.TOY_GAN_KINDS), r=st.floats(0.05, 20.0))
def test_potential_derivative_is_beta_of_omega(kind: str, r: float) -> None:
    # g'(r) - g'(1) must equal beta(omega(r)) - beta(omega(1)); beta from the loss derivatives.
    g = gan.generator_potential(kind)
    h = 1e-5 * max(r, 1.0)
    slope = (g(r + h) - g(r - h)) / (2 * h)
    omega = {"lsgan": lambda s: (s - 1) / (s + 1), "lsgan-real-target": lambda s: (s - 1) / (s + 1),
             "exp": lambda s: 0.5 * math.log(s)}.get(kind, math.log)
    beta = {"gan": lambda t: math.log(2) - math.log1p(math.exp(-t)),
            "non-saturating": lambda t: math.log1p(math.exp(t)), "rlogr": lambda t: t,
            "exp": lambda t: 1 - math.exp(-t), "lsgan": lambda t: t * t,
            "lsgan-real-target": lambda t: (t + 1) ** 2}[kind]
    expected = beta(omega(r)) - beta(omega(1.0))
    assert slope == pytest.approx(expected, abs=1e-6 * max(1.0, abs(expected)))
    assert abs(float(g(1.0))) < 1e-12


def test_lsgan_potential_is_negative_for_narrow_generator() -> None:
    assert gan.gaussian_generator_objective("lsgan", 1.0, 0.2) < -0.04
    assert gan.gaussian_generator_objective("lsgan-real-target", 1.0, 0.2) > 0.3
    assert abs(gan.gaussian_generator_objective("lsgan", 1.0, 0.5)) < 1e-9
