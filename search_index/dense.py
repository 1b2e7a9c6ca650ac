"""Dense retrieval: e5 passage embeddings, each procedure scored by its best passage."""

from __future__ import annotations

import warnings
from functools import lru_cache
from pathlib import Path

import faiss
import numpy as np
import torch
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


class _MeanPooled(torch.nn.Module):
    """The transformer followed by mean pooling and normalisation, as the default model's pipeline."""

    def __init__(self, transformer: torch.nn.Module) -> None:
        super().__init__()
        self.transformer = transformer

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        hidden = self.transformer(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
        return torch.nn.functional.normalize((hidden * mask).sum(1) / mask.sum(1), dim=-1)


class QueryEncoder:
    """One question at a time, through the model traced and frozen by TorchScript.

    The e5 forward pass is nearly all of a query's time, and much of it is per-operator overhead at
    batch size one: the frozen graph encodes in about 30 ms instead of 43 ms (p50, one thread), with the
    same embeddings (cosine ≥ 0.99999). A model whose pipeline differs from mean pooling plus
    normalisation (another `settings.embedding_model`) fails the check at start and keeps
    sentence-transformers' own path. Build it through `query_encoder`: tracing takes a second or two.
    """

    # A short question and one longer than QUERY_TOKENS: the trace must hold at any length.
    _PROBES = (
        "khai sinh",
        "Kính gửi quý cơ quan, gia đình tôi ở xã xa trung tâm, con tôi sinh ở nhà, nay muốn làm giấy khai "
        "sinh cho cháu thì cần chuẩn bị những giấy tờ gì và nộp ở đâu ạ",
    )

    def __init__(self, model: SentenceTransformer) -> None:
        self._model = model
        self._prefix = _prefix(model, "query")
        with torch.inference_mode(), warnings.catch_warnings():
            # TorchScript is deprecated in favour of torch.compile, which compiles for tens of seconds at
            # start; the tracer's warnings are about branches on the attention mask, which for one
            # unpadded question always take the same way (the probes below check it).
            warnings.simplefilter("ignore")
            module = _MeanPooled(model[0].auto_model).eval()
            traced = torch.jit.trace(module, self._tokens(self._PROBES[0]))
            self._traced = torch.jit.optimize_for_inference(torch.jit.freeze(traced))
        if any(float(self._encode_traced(p) @ self._encode_plain(p)) < 0.9999 for p in self._PROBES):
            self._traced = None

    @property
    def traced(self) -> bool:
        return self._traced is not None

    def _tokens(self, text: str) -> tuple[torch.Tensor, torch.Tensor]:
        tokens = self._model.tokenizer(
            [self._prefix + text], truncation=True, max_length=QUERY_TOKENS, return_tensors="pt"
        )
        return tokens["input_ids"], tokens["attention_mask"]

    def _encode_traced(self, text: str) -> np.ndarray:
        with torch.inference_mode():
            return self._traced(*self._tokens(text))[0].numpy().astype(np.float32)

    def _encode_plain(self, text: str) -> np.ndarray:
        self._model.max_seq_length = QUERY_TOKENS
        return self._model.encode(
            [text], prompt=self._prefix, normalize_embeddings=True, convert_to_numpy=True
        )[0].astype(np.float32)

    def encode(self, text: str) -> np.ndarray:
        return self._encode_traced(text) if self._traced is not None else self._encode_plain(text)


@lru_cache
def query_encoder(model: SentenceTransformer) -> QueryEncoder:
    return QueryEncoder(model)


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
