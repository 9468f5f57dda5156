"""Tests of blogcode.timing: ratios measured in one run and their JSON records."""

import json

import pytest

from blogcode import timing


def test_best_time_orders_cheap_and_costly_work():
    cheap = timing.best_time(lambda: sum(range(10)), repeat=3, min_time=0.002)
    costly = timing.best_time(lambda: sum(range(10_000)), repeat=3, min_time=0.002)
    assert 0 < cheap < costly


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"fn": 3}, TypeError),
        ({"fn": lambda: None, "repeat": 0}, ValueError),
        ({"fn": lambda: None, "repeat": 1.5}, ValueError),
        ({"fn": lambda: None, "min_time": 0}, ValueError),
    ],
)
def test_best_time_rejects_bad_arguments(kwargs, error):
    fn = kwargs.pop("fn")
    with pytest.raises(error):
        timing.best_time(fn, **kwargs)


def test_round_trip_keeps_results_and_adds_machine(tmp_path):
    path = timing.write_results("kernel-cost", {"L": [64, 128], "ratio": [1.5, 3.0]}, directory=tmp_path)
    assert path == tmp_path / "kernel-cost.json"
    record = timing.read_results("kernel-cost", directory=tmp_path)
    assert record["results"] == {"L": [64, 128], "ratio": [1.5, 3.0]}
    assert record["benchmark"] == "kernel-cost"
    assert set(record["machine"]) >= {"date", "python", "cpu_count"}
    assert json.loads(path.read_text())["results"]["ratio"] == [1.5, 3.0]


@pytest.mark.parametrize("name", ["", "Has Space", "../escape", "a/b"])
def test_bad_names_are_rejected(tmp_path, name):
    with pytest.raises(ValueError, match="name must"):
        timing.write_results(name, {}, directory=tmp_path)


def test_results_must_be_a_dict(tmp_path):
    with pytest.raises(TypeError, match="results must be a dict"):
        timing.write_results("x", [1, 2], directory=tmp_path)


def test_missing_results_say_how_to_make_them(tmp_path):
    with pytest.raises(FileNotFoundError, match="make bench"):
        timing.read_results("never-run", directory=tmp_path)


def test_results_dir_is_in_the_checkout():
    assert timing.results_dir().parent.name == "benchmarks"
