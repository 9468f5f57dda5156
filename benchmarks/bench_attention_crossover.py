"""Where does FAVOR+ become cheaper than exact softmax attention?

Times :func:`blogcode.attention.favor_attention` (orthogonal features, drawing the
projection included) against :func:`blogcode.attention.softmax_attention` in the same
run, float32, head size d = 64, for m = 128 and m = 256 features and sequence lengths
128 ... 4096, and records time(FAVOR+)/time(exact) with the interpolated crossover length
in ``benchmarks/results/attention_crossover.json``. BLAS/OpenMP threads are pinned to 2
(set before NumPy is imported) and recorded. Runs in about 30-60 s.

Read by the article *Performer: linear attention by random projections* (``performer``).
"""

from __future__ import annotations

import os

THREADS = "2"
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = THREADS

import numpy as np  # noqa: E402

from blogcode.attention import crossover_length, favor_attention, softmax_attention  # noqa: E402
from blogcode.timing import best_time, write_results  # noqa: E402

D = 64
FEATURES = (128, 256)
LENGTHS = (128, 256, 512, 1024, 2048, 4096)
ROUNDS = 4  # interleaved rounds; the best time of each routine is kept


def main() -> None:
    rng = np.random.default_rng(0)
    scale = D ** -0.25  # softmax(QK^T / sqrt(d)) as exp of (q/d^1/4).(k/d^1/4)
    results: dict[str, object] = {
        "d": D, "dtype": "float32", "lengths": list(LENGTHS),
        "threads": {v: os.environ[v] for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")},
        "numpy": np.__version__,
        "what": "ratio = time(favor_attention, orthogonal, non-causal) / time(softmax_attention)",
    }
    for m in FEATURES:
        ratios = []
        for n in LENGTHS:
            Q, K, V = (scale * rng.standard_normal((n, D))).astype(np.float32), \
                (scale * rng.standard_normal((n, D))).astype(np.float32), \
                rng.standard_normal((n, D)).astype(np.float32)
            # interleave the two timings so that a burst of load on a shared machine hits both
            t_exact = t_favor = float("inf")
            for _ in range(ROUNDS):
                t_exact = min(t_exact, best_time(lambda: softmax_attention(Q, K, V), repeat=2, min_time=0.05))
                t_favor = min(t_favor, best_time(lambda: favor_attention(Q, K, V, m, np.random.default_rng(1)),
                                                 repeat=2, min_time=0.05))
            ratios.append(t_favor / t_exact)
            print(f"m={m:4d} n={n:5d}  favor/exact = {t_favor / t_exact:.3f}", flush=True)
        results[f"m{m}"] = {"ratio": ratios, "crossover": crossover_length(LENGTHS, ratios)}
    path = write_results("attention_crossover", results)
    print("wrote", path)


if __name__ == "__main__":
    main()
