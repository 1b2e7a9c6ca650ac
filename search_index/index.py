"""ProcedureSearch: build, cache, load and query the hybrid index over a list of procedures."""

from __future__ import annotations

import fcntl
import hashlib
import json
import math
import shutil
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from knowledge_base.schema import Procedure
from search_index.dense import DenseIndex, encode_passages, encode_query
from search_index.embedding_model import embedding_model_name, load_embedding_model
from search_index.fusion import fuse
from search_index.lexical import LexicalIndex, lexical_tokens
from search_index.normalize import normalize_query
from search_index.passages import Passage, lexical_document, procedure_passages
from settings import get_settings

# Bump whenever passages, tokens or the on-disk layout change, so cached indexes are rebuilt.
INDEX_FORMAT = 1
CANDIDATES = 50
# Confidence is a logistic function of the fused score, centred on the threshold tuned on the dev set.
CONFIDENCE_CENTRE = 1.0
CONFIDENCE_SCALE = 0.03
CONFIDENT_AT = 0.5


@dataclass(frozen=True)
class SearchHit:
    code: str
    name: str
    score: float
    confidence: float  # in [0, 1]

    @property
    def confident(self) -> bool:
        return self.confidence >= CONFIDENT_AT


def kb_fingerprint(procedures: Sequence[Procedure], model_name: str) -> str:
    digest = hashlib.sha256(f"{INDEX_FORMAT}\0{model_name}\0".encode())
    for procedure in procedures:
        digest.update(procedure.model_dump_json().encode())
    return digest.hexdigest()


class ProcedureSearch:
    """Hybrid (e5 + BM25) search over procedures; `open` reuses the cached index when the KB is unchanged."""

    def __init__(
        self,
        procedures: Sequence[Procedure],
        passages: list[Passage],
        dense: DenseIndex,
        lexical: LexicalIndex,
    ) -> None:
        self._procedures = list(procedures)
        self._by_code = {procedure.code: procedure for procedure in self._procedures}
        self._passage_owner = np.array([passage.procedure for passage in passages], dtype=np.int64)
        self._passages_of = [np.flatnonzero(self._passage_owner == i) for i in range(len(self._procedures))]
        self._dense = dense
        self._lexical = lexical
        self._model = load_embedding_model()

    # ---- lifecycle -------------------------------------------------------------------------------

    @classmethod
    def open(
        cls, procedures: Sequence[Procedure], cache_dir: Path | None = None, show_progress: bool = False
    ) -> ProcedureSearch:
        """Load the index for exactly these procedures and model from the cache, building it if missing."""
        torch.set_num_threads(1)  # the machine is shared; one thread keeps query latency stable
        fingerprint = kb_fingerprint(procedures, embedding_model_name())
        root = (cache_dir or get_settings().cache_dir) / "indexes"
        folder = root / fingerprint[:20]
        root.mkdir(parents=True, exist_ok=True)
        # Several processes (action server, gateway, eval) may open the same KB at once: build once.
        with open(root / f"{fingerprint[:20]}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not (folder / "meta.json").exists():
                cls.build(procedures, show_progress=show_progress).save(folder, fingerprint)
        return cls.load(procedures, folder)

    @classmethod
    def build(cls, procedures: Sequence[Procedure], show_progress: bool = False) -> ProcedureSearch:
        passages = [p for i, procedure in enumerate(procedures) for p in procedure_passages(i, procedure)]
        embeddings = encode_passages(
            load_embedding_model(), [passage.text for passage in passages], show_progress=show_progress
        )
        lexical = LexicalIndex.build([lexical_tokens(lexical_document(p)) for p in procedures])
        return cls(procedures, passages, DenseIndex(embeddings), lexical)

    def save(self, folder: Path, fingerprint: str) -> None:
        staging = folder.with_name(folder.name + ".partial")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        self._dense.save(staging)
        self._lexical.save(staging / "bm25")
        np.save(staging / "passage_owner.npy", self._passage_owner)
        meta = {
            "fingerprint": fingerprint,
            "model": embedding_model_name(),
            "format": INDEX_FORMAT,
            "codes": [procedure.code for procedure in self._procedures],
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
        }
        (staging / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        shutil.rmtree(folder, ignore_errors=True)
        staging.rename(folder)

    @classmethod
    def load(cls, procedures: Sequence[Procedure], folder: Path) -> ProcedureSearch:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        if meta["codes"] != [procedure.code for procedure in procedures]:
            raise ValueError(f"index in {folder} was built for other procedures")
        owner = np.load(folder / "passage_owner.npy")
        passages = [Passage(int(i), "", "") for i in owner]
        return cls(procedures, passages, DenseIndex.load(folder), LexicalIndex.load(folder / "bm25"))

    # ---- queries ---------------------------------------------------------------------------------

    def procedure(self, code: str) -> Procedure | None:
        return self._by_code.get(code)

    def search(self, question: str, k: int = 5) -> list[SearchHit]:
        query = normalize_query(question)
        if not query.strip():
            return []
        vector = encode_query(self._model, query)
        _, passage_ids = self._dense.search(vector, CANDIDATES)
        lexical = self._lexical.scores(lexical_tokens(query))
        candidates = np.union1d(
            self._passage_owner[passage_ids[passage_ids >= 0]], np.argsort(-lexical)[:CANDIDATES]
        )
        dense = np.array(
            [float((self._dense.embeddings[self._passages_of[c]] @ vector[0]).max()) for c in candidates]
        )
        fused = fuse(dense, lexical[candidates])
        order = np.argsort(-fused)[:k]
        return [self._hit(int(candidates[i]), float(fused[i])) for i in order]

    def _hit(self, position: int, score: float) -> SearchHit:
        procedure = self._procedures[position]
        confidence = 1.0 / (1.0 + math.exp(-(score - CONFIDENCE_CENTRE) / CONFIDENCE_SCALE))
        return SearchHit(procedure.code, procedure.name, score, confidence)
