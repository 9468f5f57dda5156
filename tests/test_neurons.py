"""Tests of blogcode.neurons: sign neurons, logic, MLP training, linear autoencoders."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import scipy.linalg
from hypothesis import given, settings
from hypothesis import strategies as st

from blogcode import neurons as nn

CORNERS = np.array(list(itertools.product([-1.0, 1.0], repeat=2)))


def test_sign_is_one_at_zero() -> None:
    assert nn.sign([-1e-300, 0.0, 2.0]).tolist() == [-1.0, 1.0, 1.0]


@pytest.mark.parametrize(
    ("gate", "table"),
    [("AND", [-1, -1, -1, 1]), ("OR", [-1, 1, 1, 1]), ("NAND", [1, 1, 1, -1]), ("NOR", [1, -1, -1, -1])],
)
def test_gates_truth_tables(gate: str, table: list[int]) -> None:
    w, b = nn.logic_gate(gate)
    assert nn.threshold_neuron(w, b)(CORNERS).tolist() == table


def test_not_gate() -> None:
    w, b = nn.logic_gate("not")
    assert nn.threshold_neuron(w, b)([[-1.0], [1.0]]).tolist() == [1.0, -1.0]


def test_xor_network_and_separability() -> None:
    xor = [-1.0, 1.0, 1.0, -1.0]
    assert nn.sign_network(CORNERS, nn.xor_sign_network()).ravel().tolist() == xor
    assert not nn.is_linearly_separable(CORNERS, xor)
    assert nn.is_linearly_separable(CORNERS, [-1, 1, 1, 1])


def test_count_of_separable_functions() -> None:
    tables = itertools.product([-1.0, 1.0], repeat=4)
    assert sum(nn.is_linearly_separable(CORNERS, np.array(t)) for t in tables) == 14


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=1, max_value=3).flatmap(
    lambda m: st.lists(st.sampled_from([-1.0, 1.0]), min_size=2**m, max_size=2**m)))
def test_boolean_network_realises_any_truth_table(table: list[float]) -> None:
    m = int(np.log2(len(table)))
    patterns = np.array(list(itertools.product([-1.0, 1.0], repeat=m)))
    out = nn.sign_network(patterns, nn.boolean_sign_network(table)).ravel()
    assert out.tolist() == table


@settings(max_examples=30, deadline=None)
@given(st.floats(-5, 5), st.floats(0.1, 10))
def test_sigmoid_identities(x: float, k: float) -> None:
    s = float(nn.sigmoid(x, k)[()])
    assert 2 * s - 1 == pytest.approx(np.tanh(k * x / 2), abs=1e-12)
    assert float(nn.sigmoid(-x, k)[()]) == pytest.approx(1 - s, abs=1e-12)


def test_feature_regression_exact_and_linear_residual() -> None:
    x = np.linspace(-2, 2, 21)
    y = x**2 + x
    coef, rss = nn.fit_least_squares(x, y)
    assert coef[1] == pytest.approx(1.0) and coef[0] == pytest.approx(np.mean(x**2))
    assert rss > 1.0
    coef2, rss2 = nn.fit_least_squares(np.column_stack([x, x**2]), y)
    assert np.allclose(coef2, [0, 1, 1], atol=1e-12) and rss2 < 1e-20


def test_runge_overfitting() -> None:
    train, test = nn.polynomial_fit_errors([4, 10, 20])
    assert train[2] < 1e-10 and np.all(np.diff(train) < 0)
    assert test[2] > 10 * test[1] > 0.1


def test_mlp_gradient_matches_finite_differences() -> None:
    rng = np.random.default_rng(3)
    X, y = rng.standard_normal((5, 2)), rng.uniform(0, 1, 5)
    p0, _ = nn.train_mlp(X, y, hidden=3, steps=1, lr=1e-9, rng=np.random.default_rng(4))

    def loss(p: dict[str, np.ndarray]) -> float:
        return 0.5 * float(np.mean((nn.mlp_predict(p, X) - y) ** 2))

    lr = 1e-3
    p1, _ = nn.train_mlp(X, y, hidden=3, steps=1, lr=lr, rng=np.random.default_rng(4))
    for key in ("W1", "b2"):
        analytic = (p0[key] - p1[key]) / (lr - 1e-9)
        num = np.zeros_like(p0[key])
        for idx in np.ndindex(p0[key].shape):
            for sgn in (1, -1):
                q = {k: v.copy() for k, v in p0.items()}
                q[key][idx] += sgn * 1e-6
                num[idx] += sgn * loss(q) / 2e-6
        assert np.allclose(analytic, num, atol=1e-6)


def test_mlp_learns_xor() -> None:
    X = (CORNERS + 1) / 2
    y = [0, 1, 1, 0]
    params, losses = nn.train_mlp(X, y, hidden=4, rng=np.random.default_rng(0))
    assert np.round(nn.mlp_predict(params, X)).tolist() == y and losses[-1] < losses[0] / 50


def test_dense_parameter_count() -> None:
    assert nn.dense_parameter_count(10**6, 10**6) == 10**12
    assert nn.dense_parameter_count(3, 2, bias=True) == 8


def test_letter_images_and_autoencoder_subspace() -> None:
    X, labels, bg, varying = nn.make_letter_images(rng=np.random.default_rng(0))
    assert X.shape == (800, 100) and np.bincount(labels).tolist() == [200] * 4
    mean, V, recon = nn.linear_autoencoder(X, 3)
    assert np.allclose(V.T @ V, np.eye(3))
    assert (V[varying] ** 2).sum() / 3 > 0.99
    A, B, losses = nn.train_linear_autoencoder(X, 3, steps=300, rng=np.random.default_rng(1))
    assert np.degrees(scipy.linalg.subspace_angles(B, V)).max() < 1.0
    assert losses[-1] < losses[0]


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 10**6), st.integers(1, 4))
def test_autoencoder_error_is_svd_tail(seed: int, k: int) -> None:
    X = np.random.default_rng(seed).standard_normal((12, 5))
    mean, V, recon = nn.linear_autoencoder(X, k)
    s = np.linalg.svd(X - X.mean(axis=0), compute_uv=False)
    assert np.sum((recon - X) ** 2) == pytest.approx(np.sum(s[k:] ** 2), rel=1e-9, abs=1e-12)


# One test per documented error.
def test_errors() -> None:
    with pytest.raises(ValueError, match="steepness"):
        nn.sigmoid(1.0, k=0)
    with pytest.raises(ValueError, match="unknown gate"):
        nn.logic_gate("XOR")
    with pytest.raises(ValueError, match="non-empty 1-D"):
        nn.threshold_neuron([[1.0, 2.0]])
    with pytest.raises(ValueError, match="at least one"):
        nn.sign_network([[1.0]], [])
    with pytest.raises(ValueError, match="do not fit"):
        nn.sign_network([[1.0, 1.0]], [(np.ones((1, 3)), np.zeros(1))])
    with pytest.raises(ValueError, match="2\\*\\*m"):
        nn.boolean_sign_network([1, 1, 1])
    with pytest.raises(ValueError, match="-1 or 1"):
        nn.boolean_sign_network([1, 0])
    with pytest.raises(ValueError, match="one label"):
        nn.is_linearly_separable(CORNERS, [1, 1])
    with pytest.raises(ValueError, match="-1 or 1"):
        nn.is_linearly_separable(CORNERS, [0, 1, 1, 1])
    with pytest.raises(ValueError, match="entries like"):
        nn.fit_least_squares([1.0, 2.0], [1.0])
    with pytest.raises(ValueError, match="degrees"):
        nn.polynomial_fit_errors([30])
    with pytest.raises(ValueError, match="lacks"):
        nn.mlp_predict({"W1": np.ones((1, 1))}, [[0.0]])
    with pytest.raises(ValueError, match="targets"):
        nn.train_mlp([[0.0]], [2.0], rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="lr"):
        nn.train_mlp([[0.0]], [1.0], lr=-1.0, rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="one target"):
        nn.train_mlp([[0.0]], [1.0, 0.0], rng=np.random.default_rng(0))
    with pytest.raises(TypeError, match="hidden"):
        nn.train_mlp([[0.0]], [1.0], hidden=2.5, rng=np.random.default_rng(0))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="Generator"):
        nn.train_mlp([[0.0]], [1.0], rng=0)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="n_in"):
        nn.dense_parameter_count(0, 3)
    with pytest.raises(TypeError, match="n_out"):
        nn.dense_parameter_count(3, 1.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="letters"):
        nn.make_letter_images("AAZ", rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="noise"):
        nn.make_letter_images(noise=-1.0, rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="at most"):
        nn.linear_autoencoder(np.ones((3, 2)), 3)
    with pytest.raises(ValueError, match="lr must lie"):
        nn.train_linear_autoencoder(np.ones((3, 2)), 1, lr=2.0, rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="at most"):
        nn.train_linear_autoencoder(np.ones((3, 2)), 5, rng=np.random.default_rng(0))
