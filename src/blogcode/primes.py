"""Prime tables and exact prime sums: sieves, trial division, Lucy's method, bounds.

Two sums are the subject: the sum of all primes up to ``n`` (Project Euler problem 10
asks for ``n = 2 000 000``) and the sum of the first ``k`` primes. Both need a table of
primes, built here by a segmented, odd-only sieve of Eratosthenes in NumPy; the limit
that the ``k``-th prime cannot exceed comes from Rosser and Schoenfeld's bound
:math:`p_k < k(\\ln k + \\ln\\ln k)` for :math:`k \\ge 6`. The module also ports the
original post's list sieve, counts the elementary operations of the sieve and of trial
division, and gives Lucy_Hedgehog's :math:`O(n^{3/4})` prime-sum algorithm, which never
builds a prime table and so checks the sieve by an independent route.

Every function is explained in the article *Summing two million primes*
(``prime-sums``).

References
----------
* Su Jianlin, "两百万前素数之和与前两百万素数之和", Scientific Spaces, 2014,
  https://kexue.fm/archives/2612
* J. B. Rosser and L. Schoenfeld, "Approximate formulas for some functions of prime
  numbers", Illinois J. Math. 6 (1962), 64-94.
* Lucy_Hedgehog, post in the Project Euler forum thread of problem 10 (2013).
"""

from __future__ import annotations

import math
import numbers

import numpy as np

__all__ = [
    "MAX_N",
    "primes_upto",
    "sum_primes_upto",
    "sum_first_primes",
    "limit_for_count",
    "lucy_sum_primes",
    "sieve_blog_list",
    "blog_sum_first_primes",
    "trial_division_primes",
    "sieve_strike_count",
    "trial_division_count",
]

#: Largest ``n`` accepted by the sieves (their int64 arithmetic is exact well beyond it).
MAX_N = 10**12

_SEGMENT = 1 << 20  # odd numbers per sieve segment (1 MiB of booleans)
_LUCY_INT64_MAX = 4 * 10**9  # above this, lucy_sum_primes works with Python ints


def _check_int(value: object, name: str, *, maximum: int | None = None) -> int:
    """Return ``value`` as a non-negative int, or raise saying what is allowed."""
    if isinstance(value, bool):
        raise ValueError(f"{name} must be a non-negative integer, got the bool {value!r}")
    if isinstance(value, numbers.Integral):
        value = int(value)
    elif isinstance(value, numbers.Number):
        raise ValueError(
            f"{name} must be a non-negative integer, got {value!r} of type "
            f"{type(value).__name__} (write int({value!r}) if you mean an integer)"
        )
    else:
        raise TypeError(f"{name} must be a non-negative integer, got an object of type {type(value).__name__}")
    if value < 0:
        raise ValueError(f"{name} must be a non-negative integer, got {value}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name} must be at most {maximum}, got {value}")
    return value


def _small_primes(m: int) -> np.ndarray:
    """Primes ``<= m`` by a plain odd-only sieve (used for the base primes, m small)."""
    if m < 2:
        return np.zeros(0, dtype=np.int64)
    is_odd_prime = np.ones((m + 1) // 2, dtype=bool)  # index i <-> 2i + 1
    is_odd_prime[0] = False
    for i in range(1, (math.isqrt(m) - 1) // 2 + 1):
        if is_odd_prime[i]:
            p = 2 * i + 1
            is_odd_prime[p * p // 2 :: p] = False
    odd = 2 * np.flatnonzero(is_odd_prime).astype(np.int64) + 1
    return np.concatenate(([2], odd)).astype(np.int64)


def _prime_segments(n: int):
    """Yield the primes ``<= n`` as int64 arrays, segment by segment, in increasing order."""
    if n < 2:
        return
    yield np.array([2], dtype=np.int64)
    if n < 3:
        return
    base = _small_primes(math.isqrt(n))[1:]  # odd base primes
    lo = 1  # first odd number of the segment
    while lo <= n:
        length = min(_SEGMENT, (n - lo) // 2 + 1)
        hi = lo + 2 * length  # exclusive
        seg = np.ones(length, dtype=bool)  # index j <-> lo + 2j
        if lo == 1:
            seg[0] = False
        for p in base:
            p = int(p)
            p2 = p * p
            if p2 >= hi:
                break
            first = max(p2, -(-lo // p) * p)
            if first % 2 == 0:
                first += p
            seg[(first - lo) // 2 :: p] = False
        yield lo + 2 * np.flatnonzero(seg).astype(np.int64)
        lo = hi


def primes_upto(n: int) -> np.ndarray:
    """All primes ``p <= n``, in increasing order.

    A segmented sieve of Eratosthenes over the odd numbers: the base primes up to
    :math:`\\sqrt n` strike their odd multiples from :math:`p^2` on in blocks of
    :math:`2^{20}` odd numbers, so memory is :math:`O(\\sqrt n)` plus the output.

    Explained in the article *Summing two million primes* (``prime-sums``).

    Parameters
    ----------
    n : int
        Upper limit, ``0 <= n <= MAX_N`` (the output holds about ``n / ln n`` primes).

    Returns
    -------
    numpy.ndarray
        The primes as ``int64``.

    Raises
    ------
    ValueError
        If ``n`` is negative, a bool, a non-integral number or larger than ``MAX_N``.
    TypeError
        If ``n`` is not a number.

    Examples
    --------
    >>> primes_upto(30)
    array([ 2,  3,  5,  7, 11, 13, 17, 19, 23, 29])
    >>> len(primes_upto(2_000_000))
    148933
    """
    n = _check_int(n, "n", maximum=MAX_N)
    parts = list(_prime_segments(n))
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)


def sum_primes_upto(n: int) -> int:
    """The exact sum of all primes ``p <= n``.

    Sums the sieve's segments one at a time (each partial sum is exact in int64), so the
    prime table is never held in full.

    Explained in the article *Summing two million primes* (``prime-sums``).

    Parameters
    ----------
    n : int
        Upper limit, ``0 <= n <= MAX_N``.

    Returns
    -------
    int
        :math:`\\sum_{p \\le n} p` as a Python int.

    Raises
    ------
    ValueError
        If ``n`` is negative, a bool, a non-integral number or larger than ``MAX_N``.
    TypeError
        If ``n`` is not a number.

    Examples
    --------
    >>> sum_primes_upto(10)
    17
    >>> sum_primes_upto(2_000_000)  # Project Euler problem 10
    142913828922
    """
    n = _check_int(n, "n", maximum=MAX_N)
    return sum(int(seg.sum(dtype=np.int64)) for seg in _prime_segments(n))


def limit_for_count(k: int, method: str = "rosser") -> int:
    """A number ``x`` with at least ``k`` primes ``<= x``: a safe sieve limit for ``p_k``.

    Both methods are proved by Rosser and Schoenfeld (1962):

    * ``"rosser"``: :math:`\\lceil k(\\ln k + \\ln\\ln k)\\rceil`, valid because
      :math:`p_k < k(\\ln k + \\ln\\ln k)` for :math:`k \\ge 6`;
    * ``"x/log x"``: the smallest integer ``x >= 17`` with :math:`x/\\ln x \\ge k`, the
      post's heuristic :math:`\\pi(x) \\approx x/\\ln x`, valid because
      :math:`\\pi(x) > x/\\ln x` for :math:`x \\ge 17`.

    For ``k <= 5`` both return 11, the fifth prime (and 2 for ``k = 0``).

    Explained in the article *Summing two million primes* (``prime-sums``).

    Parameters
    ----------
    k : int
        How many primes are needed, ``k >= 0``.
    method : {"rosser", "x/log x"}, optional
        Which bound to use.

    Returns
    -------
    int
        A limit ``x`` with :math:`\\pi(x) \\ge k`.

    Raises
    ------
    ValueError
        If ``k`` is negative, a bool or non-integral, or ``method`` is unknown.
    TypeError
        If ``k`` is not a number.

    Examples
    --------
    >>> limit_for_count(2_000_000)
    34366807
    >>> limit_for_count(2_000_000, method="x/log x")
    34725999
    """
    k = _check_int(k, "k")
    if method not in ("rosser", "x/log x"):
        raise ValueError(f"method must be 'rosser' or 'x/log x', got {method!r}")
    if k == 0:
        return 2
    if k <= 5:
        return 11
    if method == "rosser":
        return math.ceil(k * (math.log(k) + math.log(math.log(k))))
    # smallest x >= 17 with x / ln x >= k: x / ln x increases for x > e, so bisect.
    lo, hi = 17, 17
    while hi / math.log(hi) < k:
        lo, hi = hi, 2 * hi
    while lo < hi:
        mid = (lo + hi) // 2
        if mid / math.log(mid) >= k:
            hi = mid
        else:
            lo = mid + 1
    return lo


def sum_first_primes(k: int, limit: int | None = None) -> int:
    """The exact sum of the first ``k`` primes :math:`p_1 + \\dots + p_k`.

    Sieves segment by segment up to ``limit`` (by default :func:`limit_for_count`, which
    is guaranteed to be large enough) and stops as soon as ``k`` primes are summed.

    Explained in the article *Summing two million primes* (``prime-sums``).

    Parameters
    ----------
    k : int
        Number of primes, ``k >= 0``.
    limit : int, optional
        Sieve limit; must satisfy :math:`p_k \\le` ``limit``.

    Returns
    -------
    int
        The sum, as a Python int.

    Raises
    ------
    ValueError
        If ``k`` or ``limit`` is negative, a bool or non-integral, or if there are fewer
        than ``k`` primes up to ``limit``.
    TypeError
        If ``k`` or ``limit`` is not a number.

    Examples
    --------
    >>> sum_first_primes(4)
    17
    >>> sum_first_primes(2_000_000)
    31381137530481
    """
    k = _check_int(k, "k")
    limit = limit_for_count(k) if limit is None else _check_int(limit, "limit", maximum=MAX_N)
    total, count = 0, 0
    for seg in _prime_segments(limit):
        if count >= k:
            break
        take = seg[: k - count]
        total += int(take.sum(dtype=np.int64))
        count += len(take)
    if count < k:
        raise ValueError(f"there are only {count} primes up to limit={limit}, fewer than k={k}")
    return total


def lucy_sum_primes(n: int) -> int:
    """The sum of the primes ``<= n`` by Lucy_Hedgehog's method, in :math:`O(n^{3/4})`.

    Let :math:`S(v, p)` be the sum of the integers :math:`2 \\le m \\le v` that are prime
    or have no prime factor :math:`\\le p`. Only the :math:`2\\sqrt n` values
    :math:`v = \\lfloor n/i \\rfloor` are needed; starting from
    :math:`S(v, 1) = v(v+1)/2 - 1`, each prime :math:`p \\le \\sqrt n` removes the
    numbers whose least prime factor is :math:`p`:

    .. math:: S(v, p) = S(v, p-1) - p\\,[S(\\lfloor v/p \\rfloor, p-1) - S(p-1, p-1)]
              \\quad (v \\ge p^2),

    and :math:`S(n, \\lfloor\\sqrt n\\rfloor)` is the answer. No prime table is built,
    which makes this an independent check of the sieve. Each step is vectorised over
    ``v`` with NumPy (int64 for ``n <= 4e9``, Python ints above).

    Explained in the article *Summing two million primes* (``prime-sums``).

    Parameters
    ----------
    n : int
        Upper limit, ``0 <= n <= MAX_N``.

    Returns
    -------
    int
        :math:`\\sum_{p \\le n} p`.

    Raises
    ------
    ValueError
        If ``n`` is negative, a bool, a non-integral number or larger than ``MAX_N``.
    TypeError
        If ``n`` is not a number.

    Examples
    --------
    >>> lucy_sum_primes(100)
    1060
    >>> lucy_sum_primes(32_452_843)  # up to the 2 000 000-th prime
    31381137530481
    """
    n = _check_int(n, "n", maximum=MAX_N)
    if n < 2:
        return 0
    r = math.isqrt(n)
    dtype = np.int64 if n <= _LUCY_INT64_MAX else object
    v_small = np.arange(r + 1, dtype=np.int64)
    lo = (v_small * (v_small + 1) // 2 - 1).astype(dtype)  # lo[v] = S(v) for v <= r
    lo[0] = 0
    i_all = np.arange(r + 1, dtype=np.int64)
    v_large = np.zeros(r + 1, dtype=object if dtype is object else np.int64)
    v_large[1:] = n // i_all[1:]
    hi = np.zeros(r + 1, dtype=dtype)  # hi[i] = S(n // i) for 1 <= i <= r
    hi[1:] = v_large[1:] * (v_large[1:] + 1) // 2 - 1
    for p in range(2, r + 1):
        if lo[p] == lo[p - 1]:
            continue  # p is composite
        sp = lo[p - 1]
        p2 = p * p
        imax = min(r, n // p2)
        i = i_all[1 : imax + 1]
        ip = i * p
        inner = np.where(ip <= r, hi[np.minimum(ip, r)], lo[np.minimum(n // ip, r)])
        hi[1 : imax + 1] -= p * (inner - sp)
        if p2 <= r:
            v = v_small[p2:]
            lo[p2:] -= p * (lo[v // p] - sp)
    return int(hi[1])


def sieve_blog_list(n: int) -> list[int]:
    """The original post's sieve, ported: the list ``1..n`` with composites set to 0.

    A faithful pure-Python port: start from ``[1, 2, ..., n]``; for each ``j`` from 2 to
    :math:`\\lfloor\\sqrt n\\rfloor` whose entry is still non-zero, set the entries of
    :math:`j^2, j^2 + j, \\dots \\le n` to 0 by repeated addition. Entry ``m - 1`` holds
    ``m`` if ``m`` is 1 or prime and 0 otherwise, so ``sum(result) - 1`` is the sum of
    the primes. Memory is a Python list of ``n`` ints (about 1.4 GB for
    ``n = 35 000 000``): use it for small ``n`` only.

    Explained in the article *Summing two million primes* (``prime-sums``).

    Parameters
    ----------
    n : int
        Upper limit, ``0 <= n <= 10**8``.

    Returns
    -------
    list of int
        The sieved list, of length ``n``.

    Raises
    ------
    ValueError
        If ``n`` is negative, a bool, a non-integral number or larger than ``10**8``.
    TypeError
        If ``n`` is not a number.

    Examples
    --------
    >>> sieve_blog_list(10)
    [1, 2, 3, 0, 5, 0, 7, 0, 0, 0]
    >>> sum(sieve_blog_list(10)) - 1
    17
    """
    n = _check_int(n, "n", maximum=10**8)
    prime = list(range(1, n + 1))
    for j in range(2, math.isqrt(n) + 1):
        if prime[j - 1] != 0:
            s = j * j
            while s <= n:
                prime[s - 1] = 0
                s = s + j
    return prime


def blog_sum_first_primes(k: int, n: int) -> int:
    """The post's second program: sieve ``1..n``, sort, skip the zeros and the 1, sum ``k``.

    Port of the post's route to the sum of the first ``k`` primes: after
    :func:`sieve_blog_list`, the list is sorted so the zeros come first; with ``z``
    zeros, entry ``z`` is the 1 and entries ``z + 1, ..., z + k`` are the first ``k``
    primes. Pure Python: use it for small ``n`` only.

    Explained in the article *Summing two million primes* (``prime-sums``).

    Parameters
    ----------
    k : int
        Number of primes, ``k >= 0``.
    n : int
        Sieve limit, ``1 <= n <= 10**8``; it must hold at least ``k`` primes.

    Returns
    -------
    int
        The sum of the first ``k`` primes.

    Raises
    ------
    ValueError
        If ``k`` or ``n`` is invalid (see :func:`sieve_blog_list`), ``n < 1``, or there
        are fewer than ``k`` primes up to ``n`` (the post's slice would silently come
        up short).
    TypeError
        If ``k`` or ``n`` is not a number.

    Examples
    --------
    >>> blog_sum_first_primes(4, 10)
    17
    """
    k = _check_int(k, "k")
    n = _check_int(n, "n", maximum=10**8)
    if n < 1:
        raise ValueError(f"n must be at least 1 (the list starts at 1), got {n}")
    prime = sieve_blog_list(n)
    prime.sort()
    z = prime.count(0)
    if prime[z] != 1:  # pragma: no cover - the 1 is never struck
        raise AssertionError("the sieved list lost its 1")
    if n - z - 1 < k:
        raise ValueError(f"there are only {n - z - 1} primes up to n={n}, fewer than k={k}")
    return sum(prime[z + 1 : z + 1 + k])


def trial_division_primes(n: int) -> list[int]:
    """Primes ``<= n`` by testing each number by trial division with the primes found so far.

    The method the post warns against: each :math:`m \\le n` is divided by the primes
    :math:`p \\le \\sqrt m` until one divides it. Correct but slow (pure Python): see
    :func:`trial_division_count` for its cost.

    Explained in the article *Summing two million primes* (``prime-sums``).

    Parameters
    ----------
    n : int
        Upper limit, ``0 <= n <= 10**7``.

    Returns
    -------
    list of int
        The primes in increasing order.

    Raises
    ------
    ValueError
        If ``n`` is negative, a bool, a non-integral number or larger than ``10**7``.
    TypeError
        If ``n`` is not a number.

    Examples
    --------
    >>> trial_division_primes(30)
    [2, 3, 5, 7, 11, 13, 17, 19, 23, 29]
    """
    n = _check_int(n, "n", maximum=10**7)
    found: list[int] = []
    for m in range(2, n + 1):
        for p in found:
            if p * p > m:
                found.append(m)
                break
            if m % p == 0:
                break
        else:
            found.append(m)  # no prime tried at all: m = 2
    return found


def sieve_strike_count(n: int) -> int:
    """How many entries the post's sieve sets to zero (counting repeats) up to ``n``.

    Each prime :math:`p \\le \\sqrt n` strikes :math:`p^2, p^2 + p, \\dots \\le n`, that is
    :math:`\\lfloor n/p \\rfloor - p + 1` entries, one addition each; the total grows like
    :math:`n \\ln\\ln n`.

    Explained in the article *Summing two million primes* (``prime-sums``).

    Parameters
    ----------
    n : int
        Upper limit, ``0 <= n <= MAX_N``.

    Returns
    -------
    int
        :math:`\\sum_{p \\le \\sqrt n} (\\lfloor n/p \\rfloor - p + 1)`.

    Raises
    ------
    ValueError
        If ``n`` is negative, a bool, a non-integral number or larger than ``MAX_N``.
    TypeError
        If ``n`` is not a number.

    Examples
    --------
    >>> sieve_strike_count(30)  # 2: 4..30 (14), 3: 9..30 (8), 5: 25, 30 (2)
    24
    """
    n = _check_int(n, "n", maximum=MAX_N)
    p = _small_primes(math.isqrt(n))
    return int(np.sum(n // p - p + 1))


def trial_division_count(n: int) -> int:
    """How many divisions :func:`trial_division_primes` performs up to ``n``.

    A composite ``m`` is divided by every prime up to its least prime factor
    :math:`q(m)`, that is :math:`\\pi(q(m))` divisions; a prime ``m`` by every prime
    :math:`p \\le \\sqrt m`, that is :math:`\\pi(\\lfloor\\sqrt m\\rfloor)` divisions. The
    count is computed exactly from a least-prime-factor table, without dividing.

    Explained in the article *Summing two million primes* (``prime-sums``).

    Parameters
    ----------
    n : int
        Upper limit, ``0 <= n <= 10**8``.

    Returns
    -------
    int
        The number of divisions ``m % p`` for all ``2 <= m <= n``.

    Raises
    ------
    ValueError
        If ``n`` is negative, a bool, a non-integral number or larger than ``10**8``.
    TypeError
        If ``n`` is not a number.

    Examples
    --------
    >>> trial_division_count(10)  # 9 takes two divisions; 4, 5, 6, 7, 8, 10 one each
    8
    """
    n = _check_int(n, "n", maximum=10**8)
    if n < 4:
        return 0
    spf = np.zeros(n + 1, dtype=np.int64)
    small = _small_primes(math.isqrt(n))
    for p in small[::-1]:  # descending, so the smallest prime factor is written last
        spf[p * p :: p] = p
    is_prime = spf == 0
    is_prime[:2] = False
    pi = np.cumsum(is_prime)  # pi[x] = number of primes <= x
    m = np.arange(n + 1, dtype=np.int64)
    root = np.floor(np.sqrt(m.astype(np.float64))).astype(np.int64)
    root -= root * root > m
    composite = spf > 0
    return int(pi[spf[composite]].sum() + pi[root[is_prime]].sum())
