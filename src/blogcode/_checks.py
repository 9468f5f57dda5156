"""Argument checks shared by the modules of blogcode (private)."""

from __future__ import annotations

import numpy as np


def check_rng(rng: object) -> np.random.Generator:
    """Return ``rng`` if it is a NumPy ``Generator``, else raise ``TypeError``.

    Examples
    --------
    >>> isinstance(check_rng(np.random.default_rng(0)), np.random.Generator)
    True
    """
    if not isinstance(rng, np.random.Generator):
        raise TypeError(
            f"rng must be a numpy.random.Generator (np.random.default_rng(seed)), "
            f"got {type(rng).__name__}"
        )
    return rng
