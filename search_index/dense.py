"""Dense retrieval: e5 passage embeddings in an exact faiss inner-product index."""

from __future__ import annotations

from pathlib import Path

import faiss
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
    ).astype(np.float32)


class DenseIndex:
    """Exact search: at thousands of procedures and tens of thousands of passages it answers in about a
    millisecond, and approximate indexes would only lose recall."""

    def __init__(self, embeddings: np.ndarray) -> None:
        self.embeddings = embeddings
        self._faiss = faiss.IndexFlatIP(embeddings.shape[1])
        self._faiss.add(embeddings)

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Cosine similarities and passage ids of the k nearest passages."""
        scores, ids = self._faiss.search(query, min(k, self._faiss.ntotal))
        return scores[0], ids[0]

    def save(self, folder: Path) -> None:
        np.save(folder / "embeddings.npy", self.embeddings)

    @classmethod
    def load(cls, folder: Path) -> DenseIndex:
        return cls(np.load(folder / "embeddings.npy"))
