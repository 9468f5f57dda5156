"""Tests of blogcode.mitchell: Mitchell's approximate logarithm, product and quotient."""

from __future__ import annotations

import math
import struct

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from blogcode import mitchell

# Positive floats whose products and quotients stay normal float64 numbers.
POSITIVE = st.floats(min_value=1e-100, max_value=1e100, allow_nan=False, allow_infinity=False)
FRACTION = st.floats(min_value=0.0, max_value=1.0, exclude_max=True, allow_nan=False)
EPS = 4 * np.finfo(float).eps  # the exact product a*b is rounded once


def _struct_trick(a: float, b: float) -> float:
    ia, ib = (struct.unpack("<I", struct.pack("<f", v))[0] for v in (a, b))
    return struct.unpack("<f", struct.pack("<I", (ia + ib - 0x3F800000) % 2**32))[0]


def _math_frexp_product(a: float, b: float) -> float:
    (m1, e1), (m2, e2) = math.frexp(a), math.frexp(b)
    t = (2 * m1 - 1) + (2 * m2 - 1)
    return math.ldexp(1 + t, e1 + e2 - 2) if t < 1 else math.ldexp(t, e1 + e2 - 1)


# --- values of the original post -------------------------------------------------------------


def test_worked_example_with_seven_fraction_bits() -> None:
    p, q = int(12.3 * 2**7) / 2**7, int(4.56 * 2**7) / 2**7
    assert (p, q) == (12.296875, 4.5546875)
    total = mitchell.mitchell_log2(p) + mitchell.mitchell_log2(q)
    assert total == 5.67578125
    assert mitchell.binary_string(total, 8) == "101.10101101"
    assert mitchell.mitchell_exp2(total) == 53.625
    assert mitchell.mitchell_multiply(p, q) == 53.625
    assert 1 - 53.625 / (12.3 * 4.56) == pytest.approx(0.043913, abs=1e-6)


def test_worked_example_with_full_inputs() -> None:
    assert float(mitchell.mitchell_multiply(12.3, 4.56)) == 53.68
    assert float(mitchell.mitchell_multiply(12.3, 4.56, method="bits")) == 53.68


def test_binary_expansions_of_the_post() -> None:
    assert mitchell.binary_string(12.3, 10) == "1100.0100110011"
    assert mitchell.binary_string(4.56, 10) == "100.1000111101"
    assert mitchell.binary_string(53.625, 3) == "110101.101"
    assert mitchell.binary_string(5.0, 0) == "101"


def test_float32_trick_matches_the_c_snippet() -> None:
    assert float(mitchell.bit_trick_multiply(12.3, 4.56)) == 53.68000030517578
    assert _struct_trick(12.3, 4.56) == 53.68000030517578
    assert mitchell.FLOAT32_ONE_BITS == 127 * 2**23 == int(np.float32(1).view(np.uint32))
    assert mitchell.FLOAT64_ONE_BITS == 1023 * 2**52 == int(np.float64(1).view(np.uint64))
    assert float(mitchell.bit_trick_multiply(12.3, 4.56, dtype="float64")) == 53.68


def test_float32_fields_of_nine_point_seven_five() -> None:
    assert mitchell.float32_fields(9.75) == ("0", "10000010", "00111000000000000000000")
    assert mitchell.float32_fields(-1.0) == ("1", "01111111", "0" * 23)


def test_bit_trick_wraparound_and_edge_cases() -> None:
    out = mitchell.bit_trick_multiply([-2.0, -2.0, 0.0, 1e30, 1e-30], [-3.0, 3.0, 3.0, 1e30, 1e-30])
    assert out[0] == 6.0 and out[1] == -6.0  # signs through wraparound
    assert 0 < out[2] < 1e-37  # 0 x 3 is not 0
    assert out[3] < 0 and abs(out[3]) < 1e-17  # overflow gives a tiny negative number
    assert out[4] < -1e16  # underflow gives a huge negative number


def test_bit_trick_divide() -> None:
    assert float(mitchell.bit_trick_divide(1.0, 1.5)) == 0.75
    assert float(mitchell.bit_trick_divide(6.0, 3.0, dtype="float64")) == 2.0


# --- the bounds and where they are attained --------------------------------------------------


def test_worst_cases_are_attained() -> None:
    assert float(mitchell.mitchell_multiply(1.5, 1.5)) == 2.0
    assert float(mitchell.mitchell_divide(1.0, 1.5)) == 0.75
    assert float(mitchell.product_ratio(0.5, 0.5)) == pytest.approx(8 / 9, rel=1e-15)
    assert float(mitchell.quotient_ratio(0.0, 0.5)) == 9 / 8


def test_ratio_grids_stay_in_bounds() -> None:
    u = np.linspace(0, 1, 301)[:-1]
    X1, X2 = np.meshgrid(u, u)
    r, q = mitchell.product_ratio(X1, X2), mitchell.quotient_ratio(X1, X2)
    assert r.min() == pytest.approx(8 / 9, rel=1e-12) and r.max() == 1.0
    assert q.min() == pytest.approx(1.0, abs=1e-15) and q.max() == pytest.approx(9 / 8, rel=1e-12)


def test_log_error_maximum() -> None:
    x_star = 1 / math.log(2) - 1
    x = np.linspace(0, 1, 200_001)[:-1]
    gap = np.log2(1 + x) - (mitchell.mitchell_log2(1 + x))
    assert gap.min() >= -1e-15
    assert gap.max() == pytest.approx(0.0860713320559, abs=1e-10)
    assert x[gap.argmax()] == pytest.approx(x_star, abs=1e-5)


def test_symbolic_ratio_agrees_with_numeric() -> None:
    x1, x2 = sp.symbols("x1 x2", nonnegative=True)
    r_low = (1 + x1 + x2) / ((1 + x1) * (1 + x2))
    r_high = 2 * (x1 + x2) / ((1 + x1) * (1 + x2))
    for a, b in [(0.1, 0.2), (0.3, 0.69), (0.5, 0.5), (0.9, 0.8)]:
        branch = r_low if a + b < 1 else r_high
        assert float(branch.subs({x1: a, x2: b})) == pytest.approx(float(mitchell.product_ratio(a, b)),
                                                                   rel=1e-14)


def test_base_two_matches_mitchell_and_larger_bases_are_worse() -> None:
    u = (np.arange(200) + 0.5) / 200
    U1, U2 = np.meshgrid(u, u)
    r2 = mitchell.base_b_product_ratio(2.0, U1, U2)
    assert np.allclose(r2, mitchell.product_ratio(2**U1 - 1, 2**U2 - 1), rtol=1e-13)
    means = [1 - mitchell.base_b_product_ratio(b, U1, U2).mean() for b in (2.0, math.e, 3.0, 4.0)]
    assert means == sorted(means)
    assert means[0] == pytest.approx(0.0382, abs=2e-4)


def test_mitchell_matmul_against_loops() -> None:
    rng = np.random.default_rng(3)
    A, B = rng.standard_normal((4, 5)), rng.standard_normal((5, 3))
    A[0, 0] = 0.0
    C = mitchell.mitchell_matmul(A, B)
    expected = np.zeros((4, 3))
    for i in range(4):
        for j in range(3):
            for k in range(5):
                if A[i, k] != 0 and B[k, j] != 0:
                    m = float(mitchell.mitchell_multiply(abs(A[i, k]), abs(B[k, j])))
                    expected[i, j] += math.copysign(m, A[i, k] * B[k, j])
    assert np.allclose(C, expected, rtol=1e-14, atol=1e-14)


def test_log_uniform_range_and_determinism() -> None:
    x = mitchell.log_uniform(np.random.default_rng(0), 10_000, 1e-3, 1e3)
    y = mitchell.log_uniform(np.random.default_rng(0), 10_000, 1e-3, 1e3)
    assert np.array_equal(x, y) and x.min() >= 1e-3 and x.max() < 1e3
    assert abs(np.mean(np.log10(x))) < 0.05


def test_subnormal_inputs_with_frexp() -> None:
    tiny = 5e-324  # smallest subnormal, 2**-1074
    n, x = mitchell.log2_parts(tiny)
    assert (int(n), float(x)) == (-1074, 0.0)
    assert float(mitchell.mitchell_multiply(tiny, 2.0**1000)) == 2.0**-74
    assert float(mitchell.mitchell_multiply(3 * tiny, 3.0)) == 2.0**-1074 * 8  # 1.5 x 1.5 -> 2
    with np.errstate(over="ignore"):
        assert float(mitchell.mitchell_multiply(1e300, 1e300)) == math.inf


def test_scalar_and_broadcast_shapes() -> None:
    assert np.ndim(mitchell.mitchell_multiply(2.0, 3.0)) == 0
    out = mitchell.mitchell_multiply([[1.5], [3.0]], [1.5, 5.0, 7.0])
    assert out.shape == (2, 3)
    assert out[1, 1] == 14.0


# --- property tests ---------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(POSITIVE, POSITIVE)
def test_product_bound(a: float, b: float) -> None:
    ratio = float(mitchell.mitchell_multiply(a, b)) / (a * b)
    assert 8 / 9 - EPS <= ratio <= 1 + EPS


@settings(max_examples=150, deadline=None)
@given(POSITIVE, POSITIVE)
def test_quotient_bound(a: float, b: float) -> None:
    ratio = float(mitchell.mitchell_divide(a, b)) / (a / b)
    assert 1 - EPS <= ratio <= 9 / 8 + EPS


@settings(max_examples=150, deadline=None)
@given(POSITIVE, POSITIVE)
def test_three_routes_agree(a: float, b: float) -> None:
    bits = float(mitchell.mitchell_multiply(a, b, method="bits"))
    frexp = float(mitchell.mitchell_multiply(a, b))
    assert bits == frexp == _math_frexp_product(a, b)
    (_, x1), (_, x2) = mitchell.log2_parts(a), mitchell.log2_parts(b)
    formula = a * b * float(mitchell.product_ratio(x1, x2))
    assert formula == pytest.approx(bits, rel=EPS)
    assert float(mitchell.mitchell_divide(a, b, method="bits")) == float(mitchell.mitchell_divide(a, b))


@settings(max_examples=100, deadline=None)
@given(st.floats(min_value=1e-18, max_value=1e18), st.floats(min_value=1e-18, max_value=1e18))
def test_float32_trick_equals_struct_and_mitchell(a: float, b: float) -> None:
    trick = float(mitchell.bit_trick_multiply(a, b))
    assert trick == _struct_trick(a, b)
    assert trick == float(mitchell.mitchell_multiply(np.float32(a), np.float32(b)))


@settings(max_examples=100, deadline=None)
@given(POSITIVE, st.integers(min_value=-200, max_value=200))
def test_exact_when_a_factor_is_a_power_of_two(a: float, k: int) -> None:
    assert float(mitchell.mitchell_multiply(a, 2.0**k)) == a * 2.0**k
    assert float(mitchell.mitchell_divide(a, 2.0**k)) == a / 2.0**k


@settings(max_examples=100, deadline=None)
@given(POSITIVE)
def test_log_and_exp_are_inverse_and_log_is_below_log2(p: float) -> None:
    n, x = mitchell.log2_parts(p)
    assert 0 <= x < 1 and math.ldexp(1 + float(x), int(n)) == p
    lg = float(mitchell.mitchell_log2(p))
    assert lg <= math.log2(p) + 1e-12 and math.log2(p) - lg <= 0.0860714
    assert float(mitchell.mitchell_exp2(lg)) == pytest.approx(p, rel=1e-12)


@settings(max_examples=100, deadline=None)
@given(FRACTION, FRACTION)
def test_ratio_closed_forms_in_bounds(x1: float, x2: float) -> None:
    r = float(mitchell.product_ratio(x1, x2))
    q = float(mitchell.quotient_ratio(x1, x2))
    assert 8 / 9 - 1e-15 <= r <= 1 + 1e-15
    assert 1 - 1e-15 <= q <= 9 / 8 + 1e-15
    # Lemma: exact iff one fraction is zero (a power-of-two factor).
    if x1 == 0.0 or x2 == 0.0:
        assert r == 1.0
    gap = x1 * x2 if x1 + x2 < 1 else (1 - x1) * (1 - x2)  # numerator of 1 - r
    assert 1 - r == pytest.approx(gap / ((1 + x1) * (1 + x2)), abs=1e-15)
    if gap > 1e-12:  # below that, 1 - r is lost in rounding
        assert r < 1.0


# --- documented errors ------------------------------------------------------------------------


@pytest.mark.parametrize("bad", [0.0, -1.0, math.inf, math.nan])
def test_multiply_rejects_non_positive_or_non_finite(bad: float) -> None:
    with pytest.raises(ValueError, match="positive and finite"):
        mitchell.mitchell_multiply(bad, 2.0)
    with pytest.raises(ValueError, match="positive and finite"):
        mitchell.mitchell_multiply(2.0, [1.0, bad])


@pytest.mark.parametrize("bad", [0.0, -1.0, math.inf, math.nan])
def test_divide_and_log_reject_non_positive_or_non_finite(bad: float) -> None:
    with pytest.raises(ValueError, match="positive and finite"):
        mitchell.mitchell_divide(1.0, bad)
    with pytest.raises(ValueError, match="positive and finite"):
        mitchell.mitchell_log2(bad)
    with pytest.raises(ValueError, match="positive and finite"):
        mitchell.log2_parts([1.0, bad])


def test_non_real_input_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="must be real numbers"):
        mitchell.mitchell_multiply(1 + 2j, 2.0)
    with pytest.raises(TypeError, match="must be real numbers"):
        mitchell.mitchell_log2("3")


def test_unknown_method() -> None:
    with pytest.raises(ValueError, match="method must be one of"):
        mitchell.mitchell_multiply(1.0, 2.0, method="fast")
    with pytest.raises(ValueError, match="method must be one of"):
        mitchell.mitchell_divide(1.0, 2.0, method="fast")


def test_bits_route_rejects_subnormal_and_out_of_range() -> None:
    with pytest.raises(ValueError, match="subnormal"):
        mitchell.mitchell_multiply(5e-324, 2.0, method="bits")
    with pytest.raises(ValueError, match="leaves the range"):
        mitchell.mitchell_multiply(1e300, 1e300, method="bits")
    with pytest.raises(ValueError, match="leaves the range"):
        mitchell.mitchell_multiply(1e-300, 1e-300, method="bits")
    with pytest.raises(ValueError, match="leaves the range"):
        mitchell.mitchell_divide(1e-300, 1e300, method="bits")


def test_exp2_rejects_non_finite() -> None:
    with pytest.raises(ValueError, match="finite"):
        mitchell.mitchell_exp2([0.0, math.inf])


def test_trick_dtype() -> None:
    with pytest.raises(ValueError, match="dtype must be one of"):
        mitchell.bit_trick_multiply(1.0, 2.0, dtype="float16")
    with pytest.raises(ValueError, match="dtype must be one of"):
        mitchell.bit_trick_divide(1.0, 2.0, dtype="int32")


def test_ratio_fractions_out_of_range() -> None:
    with pytest.raises(ValueError, match=r"must lie in \[0, 1\)"):
        mitchell.product_ratio(1.0, 0.5)
    with pytest.raises(ValueError, match=r"must lie in \[0, 1\)"):
        mitchell.quotient_ratio(0.5, -0.1)


@pytest.mark.parametrize("b", [1.0, 0.5, math.inf, True, "3"])
def test_base_b_rejects_bad_base(b: object) -> None:
    with pytest.raises(ValueError, match="base b must be"):
        mitchell.base_b_product_ratio(b, 0.1, 0.2)  # type: ignore[arg-type]


def test_matmul_rejects_bad_shapes_and_values() -> None:
    with pytest.raises(ValueError, match="matching inner dimensions"):
        mitchell.mitchell_matmul(np.ones((2, 3)), np.ones((2, 3)))
    with pytest.raises(ValueError, match="matching inner dimensions"):
        mitchell.mitchell_matmul(np.ones(3), np.ones((3, 1)))
    with pytest.raises(ValueError, match="finite"):
        mitchell.mitchell_matmul([[np.nan]], [[1.0]])


def test_log_uniform_rejects_bad_arguments() -> None:
    with pytest.raises(TypeError, match="Generator"):
        mitchell.log_uniform(0, 3)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="low < high"):
        mitchell.log_uniform(np.random.default_rng(0), 3, 2.0, 1.0)


def test_binary_string_rejects_bad_arguments() -> None:
    with pytest.raises(ValueError, match="frac_bits"):
        mitchell.binary_string(1.0, -1)
    with pytest.raises(ValueError, match="non-negative and finite"):
        mitchell.binary_string(-1.0, 3)


def test_float32_fields_rejects_arrays() -> None:
    with pytest.raises(TypeError, match="single real number"):
        mitchell.float32_fields([1.0, 2.0])
