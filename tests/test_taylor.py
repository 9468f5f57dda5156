"""Tests of blogcode.taylor: partial sums of exp, their minima, the Taylor softmax."""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pytest
import scipy.special
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from blogcode import taylor

EVEN = st.integers(min_value=1, max_value=20).map(lambda k: 2 * k)

# The table of the original post (x_n*, f_n(x_n*)), to the digits it prints.
POST_TABLE = {
    2: (-1.0, 0.5),
    4: (-1.596072, 0.2703948),
    6: (-2.180607, 0.1493248),
    8: (-2.759003, 0.08327152),
    10: (-3.333551, 0.04669911),
}


@pytest.mark.parametrize(("n", "expected"), sorted(POST_TABLE.items()))
def test_minimum_matches_the_post_table(n: int, expected: tuple[float, float]) -> None:
    x_star, value = taylor.exp_taylor_minimum(n)
    assert x_star == pytest.approx(expected[0], abs=6e-7)
    assert value == pytest.approx(expected[1], rel=1e-6)


@pytest.mark.parametrize("n", [2, 12, 26, 40])
def test_minimum_agrees_with_sympy_to_1e_12(n: int) -> None:
    x_star, value = taylor.exp_taylor_minimum(n)
    root = sp.nsolve(taylor.exp_taylor(n - 1), taylor.X, -n / 3, prec=60)
    assert abs(x_star - float(root)) <= 1e-12 * abs(float(root))
    exact_value = float(taylor.exp_taylor(n).subs(taylor.X, root).evalf(60))
    assert abs(value - exact_value) <= 1e-12 * exact_value


def test_minimum_is_a_stationary_point_and_below_neighbours() -> None:
    for n in (2, 4, 10, 20):
        x_star, value = taylor.exp_taylor_minimum(n)
        assert abs(float(taylor.taylor_exp_mp(x_star, n - 1))) < 1e-12
        for h in (1e-3, -1e-3, 0.5, -0.5):
            assert float(taylor.taylor_exp_mp(x_star + h, n)) > value


def test_degree_zero_minimum() -> None:
    assert taylor.exp_taylor_minimum(0) == (0.0, 1.0)


def test_minimum_mp_rejects_unhashable_degree() -> None:
    with pytest.raises(ValueError, match="must be an integer"):
        taylor.exp_taylor_minimum_mp([2])  # type: ignore[arg-type]


def test_numpy_integer_degrees_are_accepted() -> None:
    assert taylor.exp_taylor_minimum(np.int64(2)) == (-1.0, 0.5)


@pytest.mark.parametrize(
    ("n", "message"),
    [(3, "must be even.*no minimum"), (-2, "must be >= 0"), (2.0, "must be an integer"),
     (True, "must be an integer"), ("4", "must be an integer")],
)
def test_exp_taylor_minimum_rejects_bad_degrees(n: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        taylor.exp_taylor_minimum(n)  # type: ignore[arg-type]


def test_exp_taylor_rejects_negative_degree() -> None:
    with pytest.raises(ValueError, match="must be >= 0"):
        taylor.exp_taylor(-1)


def test_exp_taylor_uses_the_given_symbol() -> None:
    t = sp.Symbol("t")
    assert taylor.exp_taylor(2, t) == 1 + t + t**2 / 2


@settings(max_examples=25, deadline=None)
@given(n=st.integers(min_value=1, max_value=25))
def test_identity_f_minus_derivative(n: int) -> None:
    """f_n - f_n' = x^n/n! and f_n' = f_{n-1}, exactly."""
    f = taylor.exp_taylor(n)
    x = taylor.X
    assert sp.simplify(f - sp.diff(f, x) - x**n / sp.factorial(n)) == 0
    assert sp.expand(sp.diff(f, x) - taylor.exp_taylor(n - 1)) == 0


@settings(max_examples=200, deadline=None)
@given(n=EVEN, x=st.floats(min_value=-60, max_value=60, allow_nan=False))
def test_even_partial_sums_are_positive(n: int, x: float) -> None:
    assert taylor.taylor_exp_mp(x, n) > 0


@settings(max_examples=100, deadline=None)
@given(n=EVEN, x=st.floats(min_value=-30, max_value=-1))
def test_remainder_bound_below_zero(n: int, x: float) -> None:
    """For even n and x < 0, f_n(x) > e^x > f_{n-1}(x)."""
    # The gap is e^xi |x|^(n+1)/(n+1)!, as small as 1e-40 here: use 150 digits.
    with mp.workdps(150):
        assert taylor.taylor_exp_mp(x, n, dps=150) > mp.exp(x) > taylor.taylor_exp_mp(x, n - 1, dps=150)


@settings(max_examples=100, deadline=None)
@given(n=st.integers(0, 12), x=st.floats(min_value=-5, max_value=5))
def test_float_and_mp_evaluations_agree_where_float_is_safe(n: int, x: float) -> None:
    assert taylor.taylor_exp(x, n) == pytest.approx(float(taylor.taylor_exp_mp(x, n)), rel=1e-12, abs=1e-12)


def test_taylor_exp_matches_symbolic_polynomial() -> None:
    xs = np.array([-2.5, -1.0, 0.0, 0.3, 4.0])
    f = sp.lambdify(taylor.X, taylor.exp_taylor(7))
    assert np.allclose(taylor.taylor_exp(xs, 7), f(xs), rtol=1e-14)


def test_float64_cancellation_is_real() -> None:
    """The trap of the brief: float64 Horner goes negative near the minimum of f_100."""
    x_star, value = taylor.exp_taylor_minimum(100)
    assert value > 0 and taylor.taylor_exp(x_star, 100) < 0


@pytest.mark.parametrize(("n", "ratio"), [(2, math.e / 2), (4, 1.33402), (10, 1.30934), (100, 1.28389)])
def test_min_ratio(n: int, ratio: float) -> None:
    assert float(taylor.exp_taylor_min_ratio(n)) == pytest.approx(ratio, abs=5e-6)


def test_min_ratio_matches_direct_quotient() -> None:
    x_star, value = taylor.exp_taylor_minimum_mp(20)
    assert float(taylor.exp_taylor_min_ratio(20)) == pytest.approx(float(value / mp.exp(x_star)), rel=1e-14)


def test_asymptotics() -> None:
    assert taylor.W == pytest.approx(float(scipy.special.lambertw(math.exp(-1)).real), rel=1e-15)
    for n, expected in ((10, -3.2776), (100, -28.6006), (1000, -279.4704)):
        assert taylor.exp_taylor_argmin_asymptotic(n) == pytest.approx(expected, abs=1e-4)
    err = abs(taylor.exp_taylor_argmin_asymptotic(2000) - float(taylor.exp_taylor_minimum_mp(2000)[0]))
    assert err < 1.5e-3


def test_scaled_zeros_lie_near_szego_curve() -> None:
    z = taylor.exp_taylor_scaled_zeros(31)
    assert z.size == 31
    residual = np.abs(np.polynomial.polynomial.polyval(
        31 * z, [1 / math.factorial(k) for k in range(32)])) / np.exp(31 * np.abs(z))
    assert np.max(residual) < 1e-8
    assert np.max(np.abs(np.abs(z * np.exp(1 - z)) - 1)) < 0.25
    assert np.sum(np.abs(z.imag) == 0) == 1


def test_scaled_zeros_bounds() -> None:
    with pytest.raises(ValueError, match="at most 200"):
        taylor.exp_taylor_scaled_zeros(201)


def test_real_scaled_zero_is_the_next_minimiser() -> None:
    """The real zero of the odd f_59(59 z) is x_60^*/59, and all 59 zeros are simple roots."""
    z = taylor.exp_taylor_scaled_zeros(59)
    real = z[z.imag == 0].real
    assert real.size == 1
    assert 59 * real[0] == pytest.approx(taylor.exp_taylor_minimum(60)[0], rel=1e-13)
    assert np.min(np.abs(z[:, None] - z[None, :]) + np.eye(59)) > 1e-3
    with mp.workdps(80):
        coeffs = [mp.mpf(59) ** k / mp.factorial(k) for k in range(59, -1, -1)]
        for root in z[::7]:
            value = mp.polyval(coeffs, mp.mpc(root))
            scale = mp.polyval([abs(c) for c in coeffs], abs(mp.mpc(root)))
            assert abs(value) / scale < 1e-14


def test_szego_curve() -> None:
    z = taylor.szego_curve(101)
    assert np.allclose(np.abs(z * np.exp(1 - z)), 1.0, atol=1e-12)
    assert np.min(z.real) == pytest.approx(-taylor.W, abs=1e-3)
    with pytest.raises(ValueError, match="num must be an integer >= 8"):
        taylor.szego_curve(3)


@pytest.mark.parametrize(("n", "a", "b"), [(2, -0.358, 0.436), (6, -1.457, 2.330), (10, -2.597, 4.771)])
def test_accuracy_interval(n: int, a: float, b: float) -> None:
    lo, hi = taylor.exp_taylor_accuracy_interval(n)
    assert (lo, hi) == (pytest.approx(a, abs=1e-3), pytest.approx(b, abs=1e-3))


def test_accuracy_interval_rejects_bad_tolerance() -> None:
    with pytest.raises(ValueError, match="rtol must be in"):
        taylor.exp_taylor_accuracy_interval(2, rtol=1.5)


# --- Taylor softmax ---------------------------------------------------------------

LOGITS = hnp.arrays(np.float64, hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=6),
                    elements=st.floats(-1e6, 1e6))


@settings(max_examples=150, deadline=None)
@given(z=LOGITS, n=st.sampled_from([2, 4, 6, 10]), clamp=st.booleans())
def test_softmax_is_a_probability_vector(z: np.ndarray, n: int, clamp: bool) -> None:
    p = taylor.taylor_softmax(z, n=n, clamp=clamp)
    assert p.shape == z.shape
    assert np.all(np.isfinite(p)) and np.all(p >= 0)
    assert np.allclose(p.sum(axis=-1), 1.0)


@settings(max_examples=100, deadline=None)
@given(z=hnp.arrays(np.float64, 5, elements=st.floats(-50, 50)), data=st.data())
def test_softmax_is_permutation_equivariant(z: np.ndarray, data: st.DataObject) -> None:
    perm = data.draw(st.permutations(range(5)))
    assert np.allclose(taylor.taylor_softmax(z[perm], n=4), taylor.taylor_softmax(z, n=4)[perm])


@settings(max_examples=100, deadline=None)
@given(z=hnp.arrays(np.float64, 4, elements=st.floats(-20, 20)), bump=st.floats(0.01, 5))
def test_clamped_softmax_is_monotone_in_each_logit(z: np.ndarray, bump: float) -> None:
    raised = z.copy()
    raised[0] += bump
    assert taylor.taylor_softmax(raised, n=2, clamp=True)[0] >= taylor.taylor_softmax(z, n=2, clamp=True)[0] - 1e-12


def test_softmax_matches_direct_formula_and_axis() -> None:
    z = np.array([[1.0, 0.0, -1.0], [2.0, -3.0, 0.5]])
    f = 1 + z + z**2 / 2
    assert np.allclose(taylor.taylor_softmax(z), f / f.sum(axis=1, keepdims=True))
    assert np.allclose(taylor.taylor_softmax(z.T, axis=0), (f / f.sum(axis=1, keepdims=True)).T)


def test_softmax_values_of_the_brief() -> None:
    assert np.allclose(taylor.taylor_softmax([1.0, 0.0, -1.0]), [0.625, 0.25, 0.125])
    assert np.allclose(taylor.taylor_softmax([6.0, 5.0, 4.0]), [0.442, 0.327, 0.230], atol=5e-4)
    assert np.allclose(taylor.taylor_softmax([0.0, -3.0]), [0.286, 0.714], atol=5e-4)
    ten = np.zeros(10)
    ten[0] = 10
    assert taylor.taylor_softmax(ten, n=4)[0] == pytest.approx(0.986, abs=5e-4)


def test_softmax_survives_huge_logits() -> None:
    p = taylor.taylor_softmax([1e300, 1.0, -2e300], n=6)
    assert np.all(np.isfinite(p)) and p.sum() == pytest.approx(1.0)
    assert p[2] > p[0]  # an even polynomial: |-2e300| > |1e300|


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"n": 3}, "must be even"), ({"n": 0}, "must be >= 2"), ({"axis": 2}, "axis 2 is out of range")],
)
def test_softmax_rejects_bad_arguments(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        taylor.taylor_softmax(np.zeros((2, 3)), **kwargs)


@pytest.mark.parametrize("bad", [[np.nan, 1.0], [np.inf, 0.0]])
def test_softmax_rejects_non_finite_logits(bad: list[float]) -> None:
    with pytest.raises(ValueError, match="finite"):
        taylor.taylor_softmax(bad)


def test_softmax_rejects_non_integer_axis() -> None:
    with pytest.raises(ValueError, match="out of range"):
        taylor.taylor_softmax(np.zeros(3), axis=0.5)  # type: ignore[arg-type]


def test_softmax_rejects_non_bool_clamp() -> None:
    with pytest.raises(TypeError, match="clamp must be a bool"):
        taylor.taylor_softmax(np.zeros(3), clamp="yes")  # type: ignore[arg-type]


def test_softmax_warns_when_float64_cancels() -> None:
    """Near x_100^* float64 Horner goes negative (the trap of the brief): warn, do not hide it."""
    x_star = taylor.exp_taylor_minimum(100)[0]
    with pytest.warns(RuntimeWarning, match="float64 cancellation"):
        taylor.taylor_softmax([x_star, x_star + 0.1, 0.0], n=100)


def test_softmax_rejects_scalar() -> None:
    with pytest.raises(ValueError, match="at least one dimension"):
        taylor.taylor_softmax(1.0)


@settings(max_examples=40, deadline=None)
@given(z=hnp.arrays(np.float64, (3, 4), elements=st.floats(-4, 4)),
       y=hnp.arrays(np.int64, 3, elements=st.integers(0, 3)),
       n=st.sampled_from([2, 4]), clamp=st.booleans())
def test_gradient_matches_finite_differences(z: np.ndarray, y: np.ndarray, n: int, clamp: bool) -> None:
    x_star = taylor.exp_taylor_minimum(n)[0]
    if clamp and np.min(np.abs(z - x_star)) < 1e-3:
        return  # the clamped loss has a kink in its second derivative there
    _, grad = taylor.taylor_softmax_nll_grad(z, y, n=n, clamp=clamp)
    h = 1e-6
    numeric = np.zeros_like(z)
    for idx in np.ndindex(z.shape):
        zp, zm = z.copy(), z.copy()
        zp[idx] += h
        zm[idx] -= h
        numeric[idx] = (taylor.taylor_softmax_nll_grad(zp, y, n=n, clamp=clamp)[0]
                        - taylor.taylor_softmax_nll_grad(zm, y, n=n, clamp=clamp)[0]) / (2 * h)
    assert np.allclose(grad, numeric, atol=1e-6)


def test_loss_and_gradient_are_finite_for_huge_logits() -> None:
    loss, grad = taylor.taylor_softmax_nll_grad([[1e200, 0.0, -1.0]], [1])
    # loss = log f_2(1e200) - log f_2(0) = log(1e400/2); dL/dz_0 = g(1e200) = f_1/f_2 ~ 2/1e200
    assert loss == pytest.approx(400 * math.log(10) - math.log(2), rel=1e-12)
    assert grad[0].tolist() == pytest.approx([2e-200, -1.0, 0.0], rel=1e-9, abs=1e-300)


def test_gradient_rejects_bad_shapes() -> None:
    with pytest.raises(ValueError, match="shape \\(batch, classes\\)"):
        taylor.taylor_softmax_nll_grad([1.0, 2.0], [0])
    with pytest.raises(ValueError, match="labels must be integers"):
        taylor.taylor_softmax_nll_grad([[1.0, 2.0]], [0.5])
    with pytest.raises(ValueError, match="labels must lie in"):
        taylor.taylor_softmax_nll_grad([[1.0, 2.0]], [2])
