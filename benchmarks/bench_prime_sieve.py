"""Cost of building a prime table: sieve against trial division, pure Python against NumPy.

For n = 10^4, 10^5, 10^6 and 2 * 10^6, times in one run (i) the NumPy segmented sieve
``blogcode.primes.primes_upto``, (ii) the original post's pure-Python list sieve
``sieve_blog_list``, (iii) trial division by the primes found so far
``trial_division_primes`` (the method the post warns against; skipped at 2 * 10^6) and
(iv) Lucy_Hedgehog's prime sum ``lucy_sum_primes``, which builds no table, and records
each time as a ratio to (i), with the answer of each route. Run by ``make bench``; the
article *Summing two million primes* (``prime-sums``) shows the recorded ratios.
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

from blogcode import primes  # noqa: E402
from blogcode.timing import best_time, write_results  # noqa: E402

SIZES = [10_000, 100_000, 1_000_000, 2_000_000]
TRIAL_MAX = 1_000_000  # trial division beyond this takes minutes


def _measure(n: int) -> dict:
    answer = primes.sum_primes_upto(n)
    routes = {
        "numpy_sieve": lambda: primes.primes_upto(n),
        "blog_list_sieve": lambda: primes.sieve_blog_list(n),
        "lucy": lambda: primes.lucy_sum_primes(n),
    }
    if n <= TRIAL_MAX:
        routes["trial_division"] = lambda: primes.trial_division_primes(n)
    sums = {
        "numpy_sieve": int(primes.primes_upto(n).sum()),
        "blog_list_sieve": sum(primes.sieve_blog_list(n)) - 1,
        "lucy": primes.lucy_sum_primes(n),
    }
    if n <= TRIAL_MAX:
        sums["trial_division"] = sum(primes.trial_division_primes(n))
    slow = {"blog_list_sieve", "trial_division"}
    times = {name: best_time(fn, repeat=1 if name in slow and n >= 10**6 else 3, min_time=0.05)
             for name, fn in routes.items()}
    row = {"n": n, "answer": answer, "all_answers_agree": all(v == answer for v in sums.values()),
           "over_numpy_sieve": {name: t / times["numpy_sieve"] for name, t in times.items()}}
    print(f"n={n:>9d}  " + "  ".join(f"{k}={v:9.1f}" for k, v in row["over_numpy_sieve"].items()),
          flush=True)
    return row


def main() -> None:
    rows = [_measure(n) for n in SIZES]
    path = write_results("prime_sieve", {"sizes": SIZES, "rows": rows,
                                         "baseline": "numpy_sieve (blogcode.primes.primes_upto)"})
    print(f"written {path}")


if __name__ == "__main__":
    main()
