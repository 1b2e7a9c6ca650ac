"""Dense retrieval: e5 passage embeddings, each procedure scored by its best passage."""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np
from sentence_transformers import SentenceTransformer

FAISS_FILE = "passages.faiss"
# Queries are cut to this many model tokens (about twenty words). A long formal question states its subject
# first and then its circumstances, which only blur the embedding: on the dev set 32 tokens beat the
# model's 512 (recall@5 0.901 against 0.887) and halve the encoding time of the longest questions.
QUERY_TOKENS = 32
PASSAGE_TOKENS = 512  # e5's limit


def _prefix(model: SentenceTransformer, kind: str) -> str:
    # e5 models declare their "query: "/"passage: " prompts; other models get the plain text.
    return model.prompts.get(kind, "")


def encode_passages(model: SentenceTransformer, texts: list[str], show_progress: bool = False) -> np.ndarray:
    # One model instance serves queries and passages, so each call sets its own length limit.
    model.max_seq_length = PASSAGE_TOKENS
    return model.encode(
        texts,
        prompt=_prefix(model, "passage"),
        batch_size=64,
        normalize_embeddings=True,
        convert_to_numpy=True,
        show_progress_bar=show_progress,
    ).astype(np.float32)


def encode_query(model: SentenceTransformer, text: str) -> np.ndarray:
    model.max_seq_length = QUERY_TOKENS
    return model.encode(
        [text], prompt=_prefix(model, "query"), normalize_embeddings=True, convert_to_numpy=True
    )[0].astype(np.float32)


class DenseIndex:
    """Passage embeddings in an exact faiss inner-product index (cosine, as embeddings are normalised).

    Every passage is scored for every query: at thousands of procedures an exact flat search takes about a
    millisecond, so no candidate cut-off can hide the right procedure, and approximate indexes would only
    lose recall.
    """

    def __init__(self, index: faiss.IndexFlatIP, owners: np.ndarray) -> None:
        if np.any(np.diff(owners) < 0):
            raise ValueError("passages must be grouped by procedure, in procedure order")
        self._index = index
        self._starts = np.flatnonzero(np.r_[True, owners[1:] != owners[:-1]])

    @classmethod
    def from_embeddings(cls, embeddings: np.ndarray, owners: np.ndarray) -> DenseIndex:
        index = faiss.IndexFlatIP(embeddings.shape[1])
        index.add(np.ascontiguousarray(embeddings, dtype=np.float32))
        return cls(index, owners)

    def procedure_scores(self, query: np.ndarray) -> np.ndarray:
        """The cosine of each procedure's best passage, in procedure order."""
        scores, ids = self._index.search(query[None, :], self._index.ntotal)
        by_passage = np.empty(self._index.ntotal, dtype=np.float32)
        by_passage[ids[0]] = scores[0]
        return np.maximum.reduceat(by_passage, self._starts)

    def save(self, folder: Path) -> None:
        faiss.write_index(self._index, str(folder / FAISS_FILE))

    @classmethod
    def load(cls, folder: Path, owners: np.ndarray) -> DenseIndex:
        return cls(faiss.read_index(str(folder / FAISS_FILE)), owners)


def stored_embeddings(folder: Path) -> np.ndarray:
    """The passage embeddings a saved index holds, for reuse when the KB changes."""
    index = faiss.read_index(str(folder / FAISS_FILE))
    return index.reconstruct_n(0, index.ntotal)
