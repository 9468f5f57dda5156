"""The same pure-Python workload under several interpreters, and its NumPy rewrite.

A *workload* here is a small stdlib-only function (a list-based prime sieve, a loop that
builds :math:`N!`) whose source is shipped to a fresh interpreter process with ``-c`` and
timed there with ``time.perf_counter``. Because the source needs neither NumPy nor
``blogcode``, the same text runs under CPython and under PyPy 3.9; the NumPy rewrites of
the sieve run under the current CPython only. The exact answer of every run comes back as a
short digest (:func:`result_digest`), so that runs on different interpreters can be compared
for equality, which is what the articles assert; the timings are only used by the benchmark
``benchmarks/bench_pypy_speed.py``, which turns them into ratios.

Every function is explained in the article *Does PyPy make Python fast?* (``pypy-speed``).

References
----------
* Su Jianlin, "用PyPy提高Python脚本执行效率", Scientific Spaces, 2014,
  https://kexue.fm/archives/2621
* C. F. Bolz, A. Cuni, M. Fijalkowski, A. Rigo, "Tracing the meta-level: PyPy's tracing
  JIT compiler", ICOOOLPS 2009.
"""

from __future__ import annotations

import inspect
import json
import math
import numbers
import platform
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

__all__ = [
    "QUOTED_TIMINGS",
    "QUOTED_ANSWERS",
    "WORKLOADS",
    "sieve_sum",
    "first_primes_sum",
    "factorial_loop",
    "sieve_sum_numpy",
    "first_primes_sum_numpy",
    "result_digest",
    "factorial_bits_stirling",
    "factorial_loop_cost",
    "workload_source",
    "find_interpreters",
    "interpreter_info",
    "WorkloadRun",
    "run_workload",
]

#: Seconds quoted by the posts (archives 2612, 2621 and 2991), by script and interpreter.
#: Historical values of 2014 hardware, shown and never compared with a measurement.
QUOTED_TIMINGS: dict[str, dict[str, float]] = {
    "primes below 2e6": {"CPython 3.3": 2.4048174478605646, "PyPy 2.3 (Python 2.7.6)": 0.226615647130835,
                         "NumPy (CPython 3.4)": 0.130},
    "first 2e6 primes": {"CPython 3.3": 46.75734807838953, "PyPy 2.3 (Python 2.7.6)": 9.033084048872064,
                         "NumPy (CPython 3.4)": 5.535},
    "10000!": {"CPython 3.3": 0.06, "PyPy 2.3 (Python 2.7.6)": 0.3},
    "100000!": {"CPython 3.3": 7.0, "PyPy 2.3 (Python 2.7.6)": 39.0},
}

#: The two answers printed by the posts (the sum of the primes up to two million, and the
#: sum of the first two million primes).
QUOTED_ANSWERS: dict[str, int] = {"primes below 2e6": 142913828922, "first 2e6 primes": 31381137530481}

_M61 = 2**61 - 1


# --- The workloads: stdlib-only, shipped verbatim to other interpreters ----------------

def sieve_sum(n: int) -> int:
    """Sum of the primes ``<= n`` by a list-based sieve of Eratosthenes, in pure Python.

    The list holds the integers ``0..n``; the multiples of each prime ``j <= sqrt(n)``,
    from ``j*j`` on, are overwritten with 0 one element at a time, and the survivors are
    summed. This is the loop-heavy script of the post, and it uses only the standard
    library so that PyPy can run its source unchanged. Explained in the article *Does PyPy
    make Python fast?* (``pypy-speed``).

    Parameters
    ----------
    n : int
        Upper limit, ``n >= 0``.

    Returns
    -------
    int
        The sum of all primes ``p <= n``.

    Raises
    ------
    ValueError
        If ``n`` is not an integer ``>= 0``.

    Examples
    --------
    >>> sieve_sum(10), sieve_sum(2_000)
    (17, 277050)
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise ValueError("n must be an integer >= 0, got %r" % (n,))
    if n < 2:
        return 0
    numbers = list(range(n + 1))
    numbers[1] = 0
    j = 2
    while j * j <= n:
        if numbers[j]:
            for m in range(j * j, n + 1, j):
                numbers[m] = 0
        j += 1
    return sum(numbers)


def first_primes_sum(count: int, limit: int) -> int:
    """Sum of the first ``count`` primes, sieving the integers up to ``limit`` in pure Python.

    The post's second script: sieve a list up to a limit known to hold enough primes, then
    add the first ``count`` survivors. Stdlib only. Explained in the article *Does PyPy
    make Python fast?* (``pypy-speed``).

    Parameters
    ----------
    count : int
        How many primes to add, ``count >= 0``.
    limit : int
        Sieve limit; the ``count``-th prime must be ``<= limit``.

    Returns
    -------
    int
        The sum of the first ``count`` primes.

    Raises
    ------
    ValueError
        If an argument is not a non-negative integer, or if there are fewer than ``count``
        primes up to ``limit``.

    Examples
    --------
    >>> first_primes_sum(4, 10)
    17
    >>> first_primes_sum(5, 10)
    Traceback (most recent call last):
    ...
    ValueError: only 4 primes are <= 10, fewer than count=5; raise the limit
    """
    for name, value in (("count", count), ("limit", limit)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError("%s must be an integer >= 0, got %r" % (name, value))
    numbers = list(range(limit + 1))
    numbers[: min(2, limit + 1)] = [0] * min(2, limit + 1)
    j = 2
    while j * j <= limit:
        if numbers[j]:
            for m in range(j * j, limit + 1, j):
                numbers[m] = 0
        j += 1
    total = 0
    found = 0
    for p in numbers:
        if found == count:
            break
        if p:
            total += p
            found += 1
    if found < count:
        raise ValueError(
            "only %d primes are <= %d, fewer than count=%d; raise the limit" % (found, limit, count)
        )
    return total


def factorial_loop(N: int) -> int:
    """:math:`N!` by the post's loop ``s = s * i`` for ``i = 1..N``, in pure Python.

    Almost all of its time goes into big-integer multiplication, not into the interpreter
    loop, which is why a JIT compiler cannot speed it up much. Explained in the article
    *Does PyPy make Python fast?* (``pypy-speed``).

    Parameters
    ----------
    N : int
        ``N >= 0``.

    Returns
    -------
    int
        :math:`N!`.

    Raises
    ------
    ValueError
        If ``N`` is not an integer ``>= 0``.

    Examples
    --------
    >>> factorial_loop(10)
    3628800
    >>> factorial_loop(0)
    1
    """
    if isinstance(N, bool) or not isinstance(N, int) or N < 0:
        raise ValueError("N must be an integer >= 0, got %r" % (N,))
    s = 1
    for i in range(1, N + 1):
        s = s * i
    return s


def result_digest(value: int) -> str:
    """A short text that identifies an integer exactly enough to compare two runs.

    Integers of at most 64 bits are written out in full; larger ones (such as
    :math:`100000!`, whose decimal form CPython 3.11 refuses to print by default) as their
    bit length and their residue modulo the Mersenne prime :math:`2^{61}-1`. Stdlib only, so
    that it runs inside any interpreter. Explained in the article *Does PyPy make Python
    fast?* (``pypy-speed``).

    Parameters
    ----------
    value : int
        The integer to summarise (a NumPy integer is accepted and converted).

    Returns
    -------
    str
        The decimal value, or ``"<bits>-bit, mod 2^61-1 = <residue>"``.

    Raises
    ------
    TypeError
        If ``value`` is not an integer.

    Examples
    --------
    >>> result_digest(142913828922)
    '142913828922'
    >>> result_digest(2**100)
    '101-bit, mod 2^61-1 = 549755813888'
    """
    if isinstance(value, bool) or not hasattr(value, "__index__"):
        raise TypeError("value must be an integer, got %s" % (type(value).__name__,))
    value = value.__index__()
    if value.bit_length() <= 64:
        return str(value)
    return "%d-bit, mod 2^61-1 = %d" % (value.bit_length(), value % (2**61 - 1))


# --- The NumPy rewrites (CPython only) ------------------------------------------------

def sieve_sum_numpy(n: int) -> int:
    """Sum of the primes ``<= n`` by a boolean NumPy sieve (one slice assignment per prime).

    The rewrite that the author's later post (archive 2991) found faster than PyPy: the
    inner loop over multiples becomes a strided slice, executed in C. It is kept here as
    that plain rewrite, the route the benchmark times; the book's memory-frugal segmented
    sieve is :func:`blogcode.primes.sum_primes_upto`, and a test checks that the two agree.
    Explained in the article *Does PyPy make Python fast?* (``pypy-speed``).

    Parameters
    ----------
    n : int
        Upper limit, ``n >= 0``.

    Returns
    -------
    int
        The sum of all primes ``p <= n``, as a Python int.

    Raises
    ------
    ValueError
        If ``n`` is not an integer ``>= 0``.

    Examples
    --------
    >>> sieve_sum_numpy(2_000) == sieve_sum(2_000)
    True
    """
    import numpy as np

    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 0:
        raise ValueError("n must be an integer >= 0, got %r" % (n,))
    n = int(n)
    if n < 2:
        return 0
    flags = np.ones(n + 1, dtype=bool)
    flags[:2] = False
    for j in range(2, math.isqrt(n) + 1):
        if flags[j]:
            flags[j * j :: j] = False
    return int(np.flatnonzero(flags).sum(dtype=np.int64))


def first_primes_sum_numpy(count: int, limit: int) -> int:
    """Sum of the first ``count`` primes by a boolean NumPy sieve up to ``limit``.

    Explained in the article *Does PyPy make Python fast?* (``pypy-speed``).

    Parameters
    ----------
    count : int
        How many primes to add, ``count >= 0``.
    limit : int
        Sieve limit; the ``count``-th prime must be ``<= limit``.

    Returns
    -------
    int
        The sum of the first ``count`` primes, as a Python int.

    Raises
    ------
    ValueError
        If an argument is not a non-negative integer, or if there are fewer than ``count``
        primes up to ``limit``.

    Examples
    --------
    >>> first_primes_sum_numpy(4, 10), first_primes_sum_numpy(200, 2_000)
    (17, 111587)
    """
    import numpy as np

    for name, value in (("count", count), ("limit", limit)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 0:
            raise ValueError("%s must be an integer >= 0, got %r" % (name, value))
    count, limit = int(count), int(limit)
    flags = np.ones(limit + 1, dtype=bool)
    flags[: min(2, limit + 1)] = False
    for j in range(2, math.isqrt(limit) + 1):
        if flags[j]:
            flags[j * j :: j] = False
    primes = np.flatnonzero(flags)
    if primes.size < count:
        raise ValueError(
            "only %d primes are <= %d, fewer than count=%d; raise the limit" % (primes.size, limit, count)
        )
    return int(primes[:count].sum(dtype=np.int64))


#: The workloads that :func:`run_workload` can run: name -> (function, modules the shipped
#: source imports before the timed calls, so that no import is timed). The first three are
#: stdlib-only and run under PyPy as well.
WORKLOADS: dict[str, tuple[Callable[..., int], tuple[str, ...]]] = {
    "sieve_sum": (sieve_sum, ()),
    "first_primes_sum": (first_primes_sum, ()),
    "factorial_loop": (factorial_loop, ()),
    "sieve_sum_numpy": (sieve_sum_numpy, ("math", "numpy")),
    "first_primes_sum_numpy": (first_primes_sum_numpy, ("math", "numpy")),
}


# --- Cost model of the factorial loop --------------------------------------------------

def _check_positive_int(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
        raise ValueError(f"{name} must be an integer >= 1, got {value!r}")
    return int(value)


def factorial_bits_stirling(N: int) -> int:
    """Bit length of :math:`N!` from Stirling's series, without forming :math:`N!`.

    The bit length is :math:`\\lfloor \\log_2 N! \\rfloor + 1` with
    :math:`\\ln N! = N\\ln N - N + \\tfrac12\\ln(2\\pi N) + \\tfrac1{12N} - \\dots`; the
    truncation error is far below the distance to the next integer for the ``N`` used in
    the book (the tests compare with ``int.bit_length``); for ``N <= 20`` the exact
    value is returned. Explained in the article
    *Does PyPy make Python fast?* (``pypy-speed``).

    Parameters
    ----------
    N : int
        ``N >= 1``.

    Returns
    -------
    int
        The number of bits of :math:`N!`.

    Raises
    ------
    ValueError
        If ``N`` is not an integer ``>= 1``.

    Examples
    --------
    >>> factorial_bits_stirling(100_000)
    1516705
    """
    N = _check_positive_int("N", N)
    if N <= 20:  # small N: exact (log2 N! may be an integer, where rounding matters)
        return math.factorial(N).bit_length()
    ln_fact = N * math.log(N) - N + 0.5 * math.log(2 * math.pi * N) + 1 / (12 * N) - 1 / (360 * N**3)
    return math.floor(ln_fact / math.log(2)) + 1


def factorial_loop_cost(N: int) -> float:
    """Machine-word multiplications done by :func:`factorial_loop`, up to a constant factor.

    Step ``k`` multiplies :math:`(k-1)!` by the one-word integer ``k``, which costs one
    word operation per word of :math:`(k-1)!`, that is about :math:`\\log_2 (k-1)!` bits.
    The cost in bits, :math:`W(N) = \\sum_{k=2}^{N} \\log_2 (k-1)!`, is returned (computed
    with ``scipy.special.gammaln``). Explained in the article *Does PyPy make Python fast?*
    (``pypy-speed``).

    Parameters
    ----------
    N : int
        ``N >= 1``.

    Returns
    -------
    float
        :math:`W(N)` in bits.

    Raises
    ------
    ValueError
        If ``N`` is not an integer ``>= 1``.

    Examples
    --------
    >>> round(factorial_loop_cost(100_000) / factorial_loop_cost(10_000), 1)
    129.9
    """
    N = _check_positive_int("N", N)
    from scipy.special import gammaln

    k = np.arange(2, N + 1, dtype=float)
    return float(np.sum(gammaln(k)) / math.log(2))  # log((k-1)!) = gammaln(k)


# --- Running a workload in a fresh interpreter -------------------------------------------

def workload_source(name: str) -> str:
    """The self-contained source of a workload, as shipped to a fresh interpreter.

    It holds the imports the workload needs, the workload function and
    :func:`result_digest`, and nothing from ``blogcode``. Explained in the article *Does
    PyPy make Python fast?* (``pypy-speed``).

    Parameters
    ----------
    name : str
        A key of :data:`WORKLOADS`.

    Returns
    -------
    str
        Python source defining the workload function and ``result_digest``.

    Raises
    ------
    ValueError
        If ``name`` is not a known workload.

    Examples
    --------
    >>> src = workload_source("factorial_loop")
    >>> "def factorial_loop(N: int) -> int:" in src and "blogcode" not in src
    True
    """
    if name not in WORKLOADS:
        raise ValueError(f"unknown workload {name!r}; allowed: {sorted(WORKLOADS)}")
    fn, modules = WORKLOADS[name]
    imports = "".join(f"import {m}\n" for m in modules)
    parts = [imports, textwrap.dedent(inspect.getsource(fn)), textwrap.dedent(inspect.getsource(result_digest))]
    return "\n".join(parts)


_HARNESS = """
import json, platform, sys, time
args = json.loads(sys.argv[1])
calls = int(sys.argv[2])
seconds = []
for _ in range(calls):
    start = time.perf_counter()
    value = {name}(*args)
    seconds.append(time.perf_counter() - start)
print(json.dumps({{"digest": result_digest(value), "seconds": seconds,
                  "implementation": platform.python_implementation(),
                  "version": platform.python_version()}}))
"""

_INFO = (
    "import json, platform, sys\n"
    "pypy = getattr(sys, 'pypy_version_info', None)\n"
    "print(json.dumps({'implementation': platform.python_implementation(),"
    " 'version': platform.python_version(),"
    " 'pypy_version': '.'.join(map(str, pypy[:3])) if pypy else None}))\n"
)


def find_interpreters(candidates: Sequence[str] = ("pypy3", "pypy"), *,
                      include_current: bool = True) -> dict[str, str]:
    """The interpreters present on this machine: name -> path of the executable.

    Explained in the article *Does PyPy make Python fast?* (``pypy-speed``).

    Parameters
    ----------
    candidates : sequence of str, optional
        Command names to look up on ``PATH`` with ``shutil.which``.
    include_current : bool, optional
        Also list the interpreter running this code, under the key ``"cpython"`` (or
        ``"pypy"``), with the path ``sys.executable``.

    Returns
    -------
    dict
        Only the interpreters found, in the order given (the current one first).

    Raises
    ------
    TypeError
        If ``candidates`` is a string or holds something other than strings.

    Examples
    --------
    >>> found = find_interpreters(("no-such-python-here",))
    >>> list(found)
    ['cpython']
    """
    if isinstance(candidates, str) or not all(isinstance(c, str) for c in candidates):
        raise TypeError(f"candidates must be a sequence of command names (str), got {candidates!r}")
    found: dict[str, str] = {}
    if include_current:
        found[platform.python_implementation().lower()] = sys.executable
    for name in candidates:
        path = shutil.which(name)
        if path is not None and name not in found:
            found[name] = path
    return found


def _check_interpreter(interpreter: object) -> str:
    if not isinstance(interpreter, (str, Path)):
        raise TypeError(f"interpreter must be a path (str or Path), got {type(interpreter).__name__}")
    path = shutil.which(str(interpreter))
    if path is None:
        raise FileNotFoundError(f"no executable interpreter at {str(interpreter)!r}")
    return path


def _run(interpreter: str, source: str, argv: Sequence[str], timeout: float) -> str:
    proc = subprocess.run([interpreter, "-I", "-c", source, *argv], capture_output=True, text=True,
                          timeout=timeout, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"{interpreter} failed (exit code {proc.returncode}):\n{proc.stderr.strip()}")
    return proc.stdout


def interpreter_info(interpreter: str | Path, *, timeout: float = 60.0) -> dict[str, str | None]:
    """Implementation and language version of an interpreter, asked in a subprocess.

    Explained in the article *Does PyPy make Python fast?* (``pypy-speed``).

    Parameters
    ----------
    interpreter : str or pathlib.Path
        Path or command name of a Python interpreter.
    timeout : float, optional
        Seconds to wait.

    Returns
    -------
    dict
        ``"implementation"`` (``"CPython"``, ``"PyPy"``), ``"version"`` (the Python
        language version) and ``"pypy_version"`` (``None`` for CPython).

    Raises
    ------
    TypeError
        If ``interpreter`` is not a str or Path.
    FileNotFoundError
        If no such executable exists.

    Examples
    --------
    >>> interpreter_info(sys.executable)["implementation"]
    'CPython'
    """
    path = _check_interpreter(interpreter)
    return json.loads(_run(path, _INFO, [], timeout))


@dataclass(frozen=True)
class WorkloadRun:
    """One run of a workload in a fresh process.

    Attributes
    ----------
    workload : str
        The workload's name (a key of :data:`WORKLOADS`).
    args : tuple of int
        Its arguments.
    implementation : str
        ``"CPython"`` or ``"PyPy"``, as reported by the process itself.
    version : str
        The Python language version of the process.
    digest : str
        :func:`result_digest` of the answer.
    seconds : tuple of float
        Wall-clock seconds of each consecutive call inside the process (the first one
        includes the JIT's warm-up). Used by the benchmark, never shown by the articles.
    """

    workload: str
    args: tuple[int, ...]
    implementation: str
    version: str
    digest: str
    seconds: tuple[float, ...]


def run_workload(interpreter: str | Path, workload: str, *args: int, calls: int = 1,
                 timeout: float = 600.0) -> WorkloadRun:
    """Run a workload in a fresh interpreter process and return its answer and timings.

    The process receives the source of :func:`workload_source` with ``-c`` (in isolated
    mode, ``-I``), calls the workload ``calls`` times in a row, timing each call with
    ``time.perf_counter`` (interpreter start-up is not timed), and prints the digest
    of the answer. Explained in the article *Does PyPy make Python fast?* (``pypy-speed``).

    Parameters
    ----------
    interpreter : str or pathlib.Path
        Path or command name of the interpreter (``sys.executable``, ``"pypy3"``, ...).
    workload : str
        A key of :data:`WORKLOADS`.
    *args : int
        The workload's arguments (for example ``n`` for ``"sieve_sum"``).
    calls : int, optional
        Consecutive calls in the same process, ``calls >= 1``.
    timeout : float, optional
        Seconds before the process is killed.

    Returns
    -------
    WorkloadRun
        The answer's digest, the per-call seconds and the interpreter's identity.

    Raises
    ------
    ValueError
        If ``workload`` is unknown, an argument is not an integer, or ``calls < 1``.
    TypeError
        If ``interpreter`` is not a str or Path.
    FileNotFoundError
        If no such interpreter exists.
    RuntimeError
        If the process fails (for example a NumPy workload under PyPy without NumPy).

    Examples
    --------
    >>> run = run_workload(sys.executable, "sieve_sum", 100)
    >>> run.digest, run.implementation, len(run.seconds)
    ('1060', 'CPython', 1)
    """
    if workload not in WORKLOADS:
        raise ValueError(f"unknown workload {workload!r}; allowed: {sorted(WORKLOADS)}")
    if not all(isinstance(a, numbers.Integral) and not isinstance(a, bool) for a in args):
        raise ValueError(f"workload arguments must be integers, got {args!r}")
    if isinstance(calls, bool) or not isinstance(calls, numbers.Integral) or calls < 1:
        raise ValueError(f"calls must be an integer >= 1, got {calls!r}")
    path = _check_interpreter(interpreter)
    source = workload_source(workload) + _HARNESS.format(name=workload)
    out = json.loads(_run(path, source, [json.dumps([int(a) for a in args]), str(int(calls))], timeout))
    return WorkloadRun(workload=workload, args=tuple(int(a) for a in args),
                       implementation=out["implementation"], version=out["version"],
                       digest=out["digest"], seconds=tuple(out["seconds"]))
