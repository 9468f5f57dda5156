"""Cost of the S4 kernel: Cauchy sums + Woodbury (fast route) against naive powering.

For HiPPO-LegS with bilinear step 0.01, times in one run, for growing
kernel length L (N = 64) and then growing state size N (L = 1024), (i) the naive route, forming the powers of the discrete matrix
(``blogcode.hippo.kernel_powers``, O(L N^3)), (ii) the impulse response of the recurrence
(``kernel_recurrence``, O(L N^2)) and (iii) the fast route (``s4_kernel`` with the
trained C-tilde, as S4 does, O(L N) + FFT), and records the ratios naive / fast and
recurrence / fast, with one BLAS thread. Run by ``make bench``; the article *HiPPO made fast: the S4 kernel*
shows the recorded ratios.
"""

from __future__ import annotations

import os

# One BLAS thread: on a shared machine, threaded small products make the ratios erratic.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np  # noqa: E402

from blogcode import hippo  # noqa: E402
from blogcode.timing import best_time, write_results  # noqa: E402

N = 64
STEP = 0.01
LENGTHS = [64, 256, 1024, 4096]
SIZES = [16, 32, 64, 128]  # second sweep: state size N at L = 1024


def _measure(N: int, L: int) -> dict:
    rng = np.random.default_rng(0)
    A, B = hippo.hippo_legs(N)
    C = rng.standard_normal(N)
    Ab, Bb = hippo.discretize(A, B, STEP)
    Lam, p, Bt, V = hippo.hippo_legs_nplr(N)
    Ct = V.conj().T @ ((np.eye(N) - np.linalg.matrix_power(Ab, L)).T @ C)
    fast = lambda: hippo.s4_kernel(Lam, p, Bt, Ct, step=STEP, length=L, c_tilde=True)  # noqa: E731
    naive = lambda: hippo.kernel_powers(Ab, Bb, C, L)  # noqa: E731
    recur = lambda: hippo.kernel_recurrence(Ab, Bb, C, L)  # noqa: E731
    err = float(np.max(np.abs(fast().real - naive())))
    t_fast = best_time(fast, repeat=3, min_time=0.05)
    t_naive = best_time(naive, repeat=3, min_time=0.05)
    t_recur = best_time(recur, repeat=3, min_time=0.05)
    row = {"N": N, "L": L, "naive_over_fast": t_naive / t_fast,
           "recurrence_over_fast": t_recur / t_fast, "max_abs_diff": err}
    print(f"N={N:4d} L={L:6d}  naive/fast={t_naive / t_fast:8.1f}  "
          f"recurrence/fast={t_recur / t_fast:6.2f}  max|diff|={err:.1e}", flush=True)
    return row


def main() -> None:
    by_length = [_measure(N, L) for L in LENGTHS]
    by_size = [_measure(n, 1024) for n in SIZES]
    path = write_results("hippo_kernel", {"step": STEP, "blas_threads": 1, "by_length": by_length, "by_size": by_size})
    print(f"written {path}")


if __name__ == "__main__":
    main()
