"""CPython against PyPy against NumPy on the workloads of the post on PyPy (archive 2621).

Three routes, measured in the same run: the pure-Python workloads of
``blogcode.interpreters`` under the CPython running this script, the very same source
under ``pypy3`` (skipped, and recorded as absent, when PyPy is not installed), and the
NumPy rewrite of the sieve under CPython. Every sample is a fresh process (the first call
of a workload is what a script pays, JIT warm-up included); the routes are interleaved
within each repeat and the best of the repeats is kept, so that background load on a shared
machine hits all routes alike. For the sieve the second call in the same process is also
timed ("warm"). The answers of all routes are asserted equal. Only ratios are stored
(``cpython / pypy``, ``cpython / numpy``: above 1 means faster than CPython), with the
interpreters' versions, in ``benchmarks/results/pypy_speed.json``. Run by ``make bench``;
the article *Does PyPy make Python fast?* (``pypy-speed``) shows the recorded ratios.
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import sys  # noqa: E402

from blogcode import interpreters as ip  # noqa: E402
from blogcode.timing import write_results  # noqa: E402

REPEATS = 3
SIEVE_NS = [10_000, 100_000, 1_000_000, 2_000_000]
FIRST_PRIMES = (200_000, 2_750_159)  # the second script, scaled down 10x (FULL: 2_000_000, 35_000_000)
FACTORIAL_NS = [1_000, 3_000, 10_000, 30_000, 100_000]


def _best(routes: dict[str, tuple[str, str]], args: tuple[int, ...], calls: int) -> tuple[str, dict]:
    """Best first-call (and, with calls=2, second-call) seconds per route; common digest."""
    first: dict[str, float] = {}
    warm: dict[str, float] = {}
    digests = set()
    for _ in range(REPEATS):
        for route, (interpreter, workload) in routes.items():
            run = ip.run_workload(interpreter, workload, *args, calls=calls)
            digests.add(run.digest)
            first[route] = min(first.get(route, float("inf")), run.seconds[0])
            if calls > 1:
                warm[route] = min(warm.get(route, float("inf")), min(run.seconds[1:]))
    assert len(digests) == 1, f"routes disagree on {args}: {digests}"
    return digests.pop(), {"first": first, "warm": warm}


def _ratio(times: dict[str, float], slow: str, fast: str) -> float | None:
    return times[slow] / times[fast] if fast in times and slow in times else None


def main() -> None:
    found = ip.find_interpreters(("pypy3",))
    cpython = sys.executable
    pypy = found.get("pypy3")
    info = {name: ip.interpreter_info(path) for name, path in found.items()}
    print("interpreters:", info, flush=True)

    def routes(pure: str, vectorised: str | None) -> dict[str, tuple[str, str]]:
        r = {"cpython": (cpython, pure)}
        if pypy is not None:
            r["pypy"] = (pypy, pure)
        if vectorised is not None:
            r["numpy"] = (cpython, vectorised)
        return r

    sieve = []
    for n in SIEVE_NS:
        digest, t = _best(routes("sieve_sum", "sieve_sum_numpy"), (n,), calls=2)
        row = {"n": n, "answer": digest,
               "pypy_speedup": _ratio(t["first"], "cpython", "pypy"),
               "pypy_speedup_warm": _ratio(t["warm"], "cpython", "pypy"),
               "numpy_speedup": _ratio(t["first"], "cpython", "numpy"),
               "numpy_over_pypy": _ratio(t["first"], "pypy", "numpy")}
        sieve.append(row)
        print("sieve", row, flush=True)

    digest, t = _best(routes("first_primes_sum", "first_primes_sum_numpy"), FIRST_PRIMES, calls=1)
    first_primes = {"count": FIRST_PRIMES[0], "limit": FIRST_PRIMES[1], "answer": digest,
                    "pypy_speedup": _ratio(t["first"], "cpython", "pypy"),
                    "numpy_speedup": _ratio(t["first"], "cpython", "numpy"),
                    "numpy_over_pypy": _ratio(t["first"], "pypy", "numpy")}
    print("first primes", first_primes, flush=True)

    factorial = []
    for N in FACTORIAL_NS:
        digest, t = _best(routes("factorial_loop", None), (N,), calls=1)
        row = {"N": N, "answer": digest, "pypy_speedup": _ratio(t["first"], "cpython", "pypy")}
        factorial.append(row)
        print("factorial", row, flush=True)

    path = write_results("pypy_speed", {
        "pypy_present": pypy is not None,
        "interpreters": info,
        "repeats": REPEATS,
        "timing": "best of fresh processes, routes interleaved; first call (warm: second call)",
        "sieve": sieve,
        "first_primes": first_primes,
        "factorial": factorial,
    })
    print(f"written {path}")


if __name__ == "__main__":
    main()
