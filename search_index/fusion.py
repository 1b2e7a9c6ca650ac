"""Fusing dense and lexical evidence into one procedure-level score."""

from __future__ import annotations

import numpy as np

# Linear fusion weights, tuned on the dev set (README.md has the grid). Dense cosine carries the score;
# BM25 over names and over the full text each add up to their weight, relative to the query's best match.
NAME_BM25_WEIGHT = 0.05
FULL_BM25_WEIGHT = 0.1


def relative(scores: np.ndarray) -> np.ndarray:
    top = float(scores.max()) if scores.size else 0.0
    return scores / top if top > 0 else scores


def fuse(dense: np.ndarray, name_bm25: np.ndarray, full_bm25: np.ndarray) -> np.ndarray:
    """Scores of the same candidates; BM25 arrays already relative to the best over the whole KB."""
    return dense + NAME_BM25_WEIGHT * name_bm25 + FULL_BM25_WEIGHT * full_bm25
