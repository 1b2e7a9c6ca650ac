"""Dense retrieval: e5 passage embeddings, each procedure scored by its best passage."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from sentence_transformers import SentenceTransformer


def _prefix(model: SentenceTransformer, kind: str) -> str:
    # e5 models declare their "query: "/"passage: " prompts; other models get the plain text.
    return model.prompts.get(kind, "")


def encode_passages(model: SentenceTransformer, texts: list[str], show_progress: bool = False) -> np.ndarray:
    return model.encode(
        texts,
        prompt=_prefix(model, "passage"),
        batch_size=64,
        normalize_embeddings=True,
        convert_to_numpy=True,
        show_progress_bar=show_progress,
    ).astype(np.float32)


def encode_query(model: SentenceTransformer, text: str) -> np.ndarray:
    return model.encode(
        [text], prompt=_prefix(model, "query"), normalize_embeddings=True, convert_to_numpy=True
    )[0].astype(np.float32)


class DenseIndex:
    """Exact cosine against every passage. At thousands of procedures one matrix product takes about a
    millisecond, so every procedure gets a dense score and no candidate cut-off can hide the right one."""

    def __init__(self, embeddings: np.ndarray, owners: np.ndarray) -> None:
        if np.any(np.diff(owners) < 0):
            raise ValueError("passages must be grouped by procedure, in procedure order")
        self.embeddings = embeddings
        self._starts = np.flatnonzero(np.r_[True, owners[1:] != owners[:-1]])

    def procedure_scores(self, query: np.ndarray) -> np.ndarray:
        """The cosine of each procedure's best passage, in procedure order."""
        return np.maximum.reduceat(self.embeddings @ query, self._starts)

    def save(self, folder: Path) -> None:
        np.save(folder / "embeddings.npy", self.embeddings)

    @classmethod
    def load(cls, folder: Path, owners: np.ndarray) -> DenseIndex:
        return cls(np.load(folder / "embeddings.npy"), owners)
