"""Sweeps to convergence of the nonlinear-RNN sweep schemes, and counted depth/work of the scan.

Run by ``make bench``; the article ``nonlinear-rnn-parallel`` reads the results with
``blogcode.timing.read_results("rnn_sweeps")``. Nothing here is a wall-clock time: on a
CPU the log-depth scan is not faster than the loop, so the script reports what a parallel
machine would need, counted operations and numbers of sweeps.
"""

from __future__ import annotations

import numpy as np

from blogcode import recurrence
from blogcode.timing import write_results

SEED = 2023
D = 8  # state size
NORM = 0.9  # spectral norm of A
TOL = 1e-10  # max-abs error that counts as converged
SCALES = (0.05, 0.1, 0.3, 0.5, 1.0, 2.0, 3.0)  # standard deviation of the inputs
N_DRAWS = 8  # random (A, U) pairs per input scale
T_DRAWS = 200  # sequence length of those draws
LENGTHS = (100, 1000, 3000)  # sequence lengths of the length study (scale 1, one draw)
MAX_SWEEPS = 100  # cap; the fixed-A scheme at large inputs may not get there


def _sweeps(A: np.ndarray, U: np.ndarray) -> dict[str, int | None]:
    X_ref = recurrence.rnn_tanh_sequential(A, U)
    return {scheme: recurrence.sweeps_to_tolerance(
        recurrence.perturbation_sweeps(A, U, MAX_SWEEPS, scheme), X_ref, TOL)
        for scheme in recurrence.SCHEMES}


def sweeps_by_scale() -> dict[str, dict[str, list[int | None]]]:
    """by_scale[scale][scheme]: sweeps to TOL for each of N_DRAWS draws (None: not reached)."""
    rng = np.random.default_rng(SEED)
    out: dict[str, dict[str, list[int | None]]] = {}
    for scale in SCALES:
        runs = [_sweeps(recurrence.random_matrix(D, NORM, rng),
                        scale * rng.standard_normal((T_DRAWS, D))) for _ in range(N_DRAWS)]
        out[str(scale)] = {s: [r[s] for r in runs] for s in recurrence.SCHEMES}
    return out


def sweeps_by_length() -> dict[str, dict[str, int | None]]:
    """by_length[T][scheme]: sweeps to TOL at input scale 1 for one draw of A."""
    rng = np.random.default_rng(SEED + 1)
    A = recurrence.random_matrix(D, NORM, rng)
    return {str(T): _sweeps(A, rng.standard_normal((T, D))) for T in LENGTHS}


def depth_work_table() -> dict[str, dict[str, dict[str, float]]]:
    """Depth and work of one sweep, scan over sequential loop, dense and diagonal."""
    out: dict[str, dict[str, dict[str, float]]] = {}
    for structure in ("dense", "diagonal"):
        out[structure] = {}
        for T in (256, 1024, 4096, 16384, 65536):
            c = recurrence.scan_operation_counts(T, D, diagonal=structure == "diagonal")
            out[structure][str(T)] = {
                "seq_depth": c["seq_depth"],
                "scan_depth": c["scan_depth"],
                "depth_ratio": c["scan_depth"] / c["seq_depth"],
                "work_ratio": c["scan_work"] / c["seq_work"],
            }
    return out


def main() -> None:
    results = {
        "params": {"seed": SEED, "d": D, "norm_A": NORM, "tol": TOL, "max_sweeps": MAX_SWEEPS,
                   "scales": list(SCALES), "n_draws": N_DRAWS, "T_draws": T_DRAWS,
                   "lengths": list(LENGTHS)},
        "sweeps_by_scale": sweeps_by_scale(),
        "sweeps_by_length": sweeps_by_length(),
        "depth_work": depth_work_table(),
    }
    path = write_results("rnn_sweeps", results)
    for scale, row in results["sweeps_by_scale"].items():
        print(f"scale={scale:>5s} " + "  ".join(f"{k}={v}" for k, v in row.items()))
    for T, row in results["sweeps_by_length"].items():
        print(f"T={T:>5s} " + "  ".join(f"{k}={v}" for k, v in row.items()))
    for structure, rows in results["depth_work"].items():
        for T, r in rows.items():
            print(f"{structure:8s} T={T:>6s} depth ratio {r['depth_ratio']:.2e} work ratio {r['work_ratio']:.1f}")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
