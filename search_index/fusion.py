"""Fusing dense and lexical evidence into one procedure-level score."""

from __future__ import annotations

import numpy as np

# Weights of the linear fusion, tuned on the dev set (see README.md).
DENSE_WEIGHT = 1.0
LEXICAL_WEIGHT = 0.15


def fuse(dense: np.ndarray, lexical: np.ndarray) -> np.ndarray:
    """Dense cosine plus BM25 relative to the query's best BM25 score, for the same candidates."""
    top = float(lexical.max()) if lexical.size else 0.0
    relative = lexical / top if top > 0 else lexical
    return DENSE_WEIGHT * dense + LEXICAL_WEIGHT * relative
