"""Tests of blogcode.classify: data, training, calibration measures."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from blogcode import classify


def _data(seed: int = 0) -> classify.Dataset:
    return classify.gaussian_blobs(100, 4, np.random.default_rng(seed))


def test_blobs_are_deterministic_and_balanced() -> None:
    a, b = _data(3), _data(3)
    assert np.array_equal(a.x_train, b.x_train) and np.array_equal(a.y_test, b.y_test)
    counts = np.bincount(np.concatenate([a.y_train, a.y_test]))
    assert counts.tolist() == [100] * 4


def test_blobs_validate_arguments() -> None:
    rng = np.random.default_rng(0)
    with pytest.raises(ValueError, match="n_per_class >= 2"):
        classify.gaussian_blobs(1, 3, rng)
    with pytest.raises(ValueError, match="must be a positive integer"):
        classify.gaussian_blobs(10, 0, rng)
    with pytest.raises(TypeError, match="numpy.random.Generator"):
        classify.gaussian_blobs(10, 3, 0)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="must be positive"):
        classify.gaussian_blobs(10, 3, rng, noise=0.0)


def test_softmax_fit_is_deterministic_and_sensible() -> None:
    r1 = classify.train_linear_classifier(_data(), "softmax", steps=300)
    r2 = classify.train_linear_classifier(_data(), "softmax", steps=300)
    assert r1.nll == r2.nll
    assert r1.accuracy > 0.5 and r1.ece < 0.1


def test_taylor_n2_is_under_confident_and_clamping_helps() -> None:
    data = classify.gaussian_blobs(300, 5, np.random.default_rng(0))
    soft = classify.train_linear_classifier(data, "softmax", steps=400)
    t2 = classify.train_linear_classifier(data, "taylor", n=2, steps=400)
    t2c = classify.train_linear_classifier(data, "taylor", n=2, clamp=True, steps=400)
    assert t2.mean_confidence < t2.accuracy
    assert t2.nll > soft.nll and t2c.nll < t2.nll
    assert 0 < t2.frac_below_argmin < 1 and soft.frac_below_argmin == 0


@pytest.mark.parametrize(("kwargs", "message"), [({"kind": "relu"}, "kind must be"),
                                                 ({"steps": 0}, "steps must be"),
                                                 ({"lr": -1.0}, "lr must be positive")])
def test_training_rejects_bad_arguments(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        classify.train_linear_classifier(_data(), **kwargs)


def test_ece_zero_for_perfectly_calibrated_bins() -> None:
    p = np.array([[1.0, 0.0], [0.0, 1.0]])
    assert classify.expected_calibration_error(p, np.array([0, 1])) == 0.0


@settings(max_examples=60, deadline=None)
@given(raw=hnp.arrays(np.float64, (20, 3), elements=st.floats(0.01, 1.0)),
       labels=hnp.arrays(np.int64, 20, elements=st.integers(0, 2)))
def test_ece_is_between_zero_and_one(raw: np.ndarray, labels: np.ndarray) -> None:
    p = raw / raw.sum(axis=1, keepdims=True)
    ece = classify.expected_calibration_error(p, labels)
    assert 0.0 <= ece <= 1.0
    conf, acc = classify.reliability_curve(
        classify.FitResult(0, 0, ece, 0, 0, p, labels))
    assert np.all((conf >= 1 / 3 - 1e-12) & (conf <= 1)) and np.all((acc >= 0) & (acc <= 1))


def test_ece_rejects_bad_shapes() -> None:
    with pytest.raises(ValueError, match="need probabilities"):
        classify.expected_calibration_error(np.ones(3), np.zeros(3))


def test_ece_rejects_labels_out_of_range() -> None:
    with pytest.raises(ValueError, match="labels must be integers in"):
        classify.expected_calibration_error(np.array([[0.5, 0.5]]), np.array([2]))
