"""Benchmarks measured as ratios, and their recorded results.

The book never asserts a wall-clock time: a speed claim is a *ratio* of two timings taken
in the same run on the same machine (a fast route against a naive baseline or a peer).
The scripts in ``benchmarks/`` (run by ``make bench``) measure such ratios with
:func:`best_time`, and store them, with the machine and the date, through
:func:`write_results` in ``benchmarks/results/<name>.json``. The articles read the last
recorded run with :func:`read_results`, so that a page shows real measurements while its
own execution stays deterministic.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import platform
import sys
import timeit
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["best_time", "machine_info", "results_dir", "write_results", "read_results"]

_NAME_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789-_")


def best_time(fn: Callable[[], Any], *, repeat: int = 5, min_time: float = 0.05) -> float:
    """Seconds per call of ``fn()``: the best of ``repeat`` timed batches.

    Each batch calls ``fn`` as many times as needed to last at least ``min_time`` seconds
    (as ``timeit.Timer.autorange`` does); the minimum over batches is the least noisy
    estimate of the cost of one call.

    Parameters
    ----------
    fn : callable
        Function of no argument to time.
    repeat : int, optional
        Number of batches (at least 1).
    min_time : float, optional
        Minimum duration of one batch in seconds (positive).

    Returns
    -------
    float
        Seconds per call.

    Raises
    ------
    TypeError
        If ``fn`` is not callable.
    ValueError
        If ``repeat < 1`` or ``min_time <= 0``.

    Examples
    --------
    >>> t = best_time(lambda: sum(range(100)), repeat=2, min_time=0.001)
    >>> 0 < t < 1
    True
    """
    if not callable(fn):
        raise TypeError(f"fn must be callable, got {type(fn).__name__}")
    if not isinstance(repeat, int) or isinstance(repeat, bool) or repeat < 1:
        raise ValueError(f"repeat must be an integer >= 1, got {repeat!r}")
    if not min_time > 0:
        raise ValueError(f"min_time must be positive, got {min_time!r}")
    timer = timeit.Timer(fn)
    number = 1
    while True:
        elapsed = timer.timeit(number)
        if elapsed >= min_time:
            break
        number *= 2 if elapsed <= 0 else max(2, min(10, int(min_time / elapsed) + 1))
    best = elapsed / number
    for _ in range(repeat - 1):
        best = min(best, timer.timeit(number) / number)
    return best


def machine_info() -> dict[str, Any]:
    """Where and when a benchmark ran: platform, processor count, Python, date (UTC).

    Returns
    -------
    dict
        Keys ``"platform"``, ``"machine"``, ``"cpu_count"``, ``"python"``,
        ``"implementation"`` and ``"date"`` (ISO format, UTC, to the second).

    Examples
    --------
    >>> sorted(machine_info())
    ['cpu_count', 'date', 'implementation', 'machine', 'platform', 'python']
    """
    return {
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpu_count": os.cpu_count(),
        "python": sys.version.split()[0],
        "implementation": platform.python_implementation(),
        "date": _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat(),
    }


def results_dir() -> Path:
    """The directory ``benchmarks/results`` of the repository holding this package.

    The repository root is found by walking up from this file to the directory that
    holds ``pyproject.toml`` (the package is installed in editable mode).

    Returns
    -------
    pathlib.Path
        The results directory (it may not exist yet).

    Raises
    ------
    FileNotFoundError
        If no ``pyproject.toml`` is found above the package (an installed wheel).

    Examples
    --------
    >>> results_dir().parts[-2:]
    ('benchmarks', 'results')
    """
    for parent in Path(__file__).resolve().parents:
        if (parent / "pyproject.toml").is_file():
            return parent / "benchmarks" / "results"
    raise FileNotFoundError(
        "benchmarks/results is only available in a checkout of the repository "
        "(no pyproject.toml found above blogcode)"
    )


def _check_name(name: str) -> str:
    if not isinstance(name, str):
        raise TypeError(f"name must be a string, got {type(name).__name__}")
    if not name or not set(name) <= _NAME_CHARS:
        raise ValueError(
            f"name must be non-empty and use only a-z, 0-9, '-' and '_', got {name!r}"
        )
    return name


def write_results(name: str, results: dict[str, Any], *, directory: Path | str | None = None) -> Path:
    """Store a benchmark's results, with :func:`machine_info`, as JSON.

    Parameters
    ----------
    name : str
        Benchmark name (``a-z``, ``0-9``, ``-``, ``_``); the file is ``<name>.json``.
    results : dict
        JSON-serialisable results (ratios, sizes, parameters).
    directory : path, optional
        Where to write; defaults to :func:`results_dir`.

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    TypeError
        If ``results`` is not a dict.
    ValueError
        If ``name`` is not allowed.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     path = write_results("demo", {"ratio": 2.0}, directory=d)
    ...     read_results("demo", directory=d)["results"]
    {'ratio': 2.0}
    """
    _check_name(name)
    if not isinstance(results, dict):
        raise TypeError(f"results must be a dict, got {type(results).__name__}")
    folder = Path(directory) if directory is not None else results_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.json"
    record = {"benchmark": name, "machine": machine_info(), "results": results}
    path.write_text(json.dumps(record, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


def read_results(name: str, *, directory: Path | str | None = None) -> dict[str, Any]:
    """Read the last recorded results of a benchmark.

    Parameters
    ----------
    name : str
        Benchmark name, as given to :func:`write_results`.
    directory : path, optional
        Where to read; defaults to :func:`results_dir`.

    Returns
    -------
    dict
        With keys ``"benchmark"``, ``"machine"`` and ``"results"``.

    Raises
    ------
    FileNotFoundError
        If the benchmark has never been run (run ``make bench``).
    ValueError
        If ``name`` is not allowed.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     _ = write_results("demo", {"n": [1, 2]}, directory=d)
    ...     read_results("demo", directory=d)["machine"]["cpu_count"] > 0
    True
    """
    _check_name(name)
    folder = Path(directory) if directory is not None else results_dir()
    path = folder / f"{name}.json"
    if not path.is_file():
        raise FileNotFoundError(f"no recorded results for benchmark {name!r} at {path}; run 'make bench'")
    return json.loads(path.read_text(encoding="utf-8"))
