"""ProcedureSearch: build, cache, load and query the hybrid index over a list of procedures."""

from __future__ import annotations

import fcntl
import hashlib
import json
import math
import shutil
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import torch

from knowledge_base.loader import kb_fingerprint
from knowledge_base.national_names import NationalProcedure
from knowledge_base.schema import Procedure
from search_index import lexical
from search_index.acronyms import AcronymResolver
from search_index.action_words import action_kinds
from search_index.certainty import OUTSIDE_MARGIN_FLOOR, Evidence, certainty_model
from search_index.coverage import TopicCoverage, question_words
from search_index.dense import DenseIndex, encode_passages, query_encoder, stored_embeddings
from search_index.embedding_model import embedding_model_name, load_embedding_model
from search_index.fusion import fuse, relative
from search_index.lexical import LexicalIndex, lexical_tokens
from search_index.negatives import KnownNegatives, known_negatives, negative_passage
from search_index.normalize import ABBREVIATIONS_FILE
from search_index.passages import Passage, full_document, name_document, procedure_passages, procedure_texts
from search_index.query import QUESTION_PHRASES, has_procedure_content, prepare_query, question_phrases
from search_index.restore_diacritics import DiacriticRestorer
from search_index.variants import (
    VARIANT_POOL,
    VariantRanker,
    inverse_document_frequencies,
    name_syllables,
    syllables,
)
from settings import get_settings

# Bump whenever passages, tokens or the on-disk layout change, so cached indexes are rebuilt.
INDEX_FORMAT = 10
# Confidence is a logistic function of the fused score, centred on the threshold tuned on the dev set.
CONFIDENCE_CENTRE = 1.0
CONFIDENCE_SCALE = 0.02
CONFIDENT_AT = 0.5
# The confidence is taken at the score minus this times the share of the question's words the procedure's
# text never mentions (coverage.py). On citizens' questions about procedures the KB does not hold, 0.02
# cut those offered at all from 22 % to 10.5 % (tuning part, 229 procedures; search_index/README.md).
# Whether the best hit is answered outright is certainty.py's call.
UNCOVERED_PENALTY = 0.02
# Hits within this fused-score margin of a confident best hit fit the question about equally well. On the
# province KB a bare topic ("khai sinh", "kết hôn") leaves another procedure within 0.01–0.02 of the best,
# while a question that says what it wants ("làm giấy khai sinh cho con", "mất cccd rồi làm lại sao") opens
# a gap above 0.02, mostly 0.05 or more (tests/search_index/test_province_behaviour.py).
CHOICE_MARGIN = 0.02
MAX_CHOICES = 3


@dataclass(frozen=True)
class SearchHit:
    code: str
    name: str
    score: float
    confidence: float  # in [0, 1]
    # A national procedure the KB lacks that fits the question better than any KB procedure (negatives.py):
    # the question is about it, so no KB procedure is answered outright.
    outside: NationalProcedure | None = None
    # The best hit only: certainty.py judged it may be answered outright.
    certain: bool = False

    @property
    def confident(self) -> bool:
        return self.confidence >= CONFIDENT_AT

    @property
    def sure(self) -> bool:
        return self.confident and self.certain and self.outside is None


def index_fingerprint(
    procedures: Sequence[Procedure], national: Sequence[NationalProcedure], model_name: str
) -> str:
    """What an index depends on: the KB's content, the national names (known negatives), the model, the
    index format, the generic phrasing (the diacritic restorer learns it) and the abbreviations (expanded in
    alias passages)."""
    digest = hashlib.sha256(f"{INDEX_FORMAT}\0{model_name}\0{kb_fingerprint(list(procedures))}\0".encode())
    for procedure in sorted(national, key=lambda procedure: procedure.code):
        digest.update(json.dumps(procedure.model_dump(), sort_keys=True, ensure_ascii=False).encode() + b"\n")
    digest.update(QUESTION_PHRASES.read_bytes())
    digest.update(ABBREVIATIONS_FILE.read_bytes())
    return digest.hexdigest()


def _cached_embeddings(root: Path, model_name: str) -> dict[str, np.ndarray]:
    """Passage embeddings of earlier indexes built with the same model: an edited KB re-embeds only what
    changed."""
    reusable: dict[str, np.ndarray] = {}
    for meta_file in root.glob("*/meta.json"):
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        if meta["model"] == model_name and meta["format"] >= 6:  # format 6 moved embeddings into faiss
            texts = json.loads((meta_file.parent / "passages.json").read_text(encoding="utf-8"))["texts"]
            reusable.update(zip(texts, stored_embeddings(meta_file.parent), strict=True))
    return reusable


class ProcedureSearch:
    """Hybrid (e5 + BM25) search over procedures; `open` reuses the cached index when the KB is unchanged."""

    def __init__(
        self,
        procedures: Sequence[Procedure],
        passages: list[Passage],
        dense: DenseIndex,
        names: LexicalIndex,
        full_texts: LexicalIndex,
        restorer: DiacriticRestorer,
        acronyms: AcronymResolver,
        idf: dict[str, float],
        negatives: KnownNegatives,
    ) -> None:
        self._procedures = list(procedures)
        self._by_code = {procedure.code: procedure for procedure in self._procedures}
        self._passages = passages
        self._passage_owner = np.array([passage.procedure for passage in passages], dtype=np.int64)
        self._dense = dense
        self._names = names
        self._full_texts = full_texts
        self._restorer = restorer
        self._acronyms = acronyms
        self._idf = idf
        self._negatives = negatives
        self._variants = VariantRanker(
            [name_syllables(procedure.name) for procedure in self._procedures], idf
        )
        self._queries = query_encoder(load_embedding_model())
        self._coverage = TopicCoverage(self._procedures)
        self._action_kinds = [action_kinds(name_document(procedure)) for procedure in self._procedures]

    # ---- lifecycle -------------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        procedures: Sequence[Procedure],
        national: Sequence[NationalProcedure] = (),
        cache_dir: Path | None = None,
        show_progress: bool = False,
    ) -> ProcedureSearch:
        """Load the index for exactly these procedures, national names (those the procedures do not hold
        become known negatives) and model from the cache, building it if missing."""
        torch.set_num_threads(1)  # the machine is shared; one thread keeps query latency stable
        # The KB fingerprint ignores order, so the index is always built and loaded in code order.
        procedures = sorted(procedures, key=lambda procedure: procedure.code)
        model_name = embedding_model_name()
        fingerprint = index_fingerprint(procedures, national, model_name)
        root = (cache_dir or get_settings().cache_dir) / "indexes"
        folder = root / fingerprint[:20]
        # A built index (the folder appears whole, meta.json in it) is only read: instances behind a load
        # balancer may share a cache `ops prepare` filled and that they cannot write to.
        if not (folder / "meta.json").exists():
            root.mkdir(parents=True, exist_ok=True)
            # Several processes (action server, gateway, eval) may open the same KB at once: build once.
            with open(root / f"{fingerprint[:20]}.lock", "w") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                if not (folder / "meta.json").exists():
                    reuse = _cached_embeddings(root, model_name)
                    built = cls.build(procedures, national, show_progress=show_progress, reuse=reuse)
                    built.save(folder, fingerprint)
        return cls.load(procedures, folder)

    @classmethod
    def build(
        cls,
        procedures: Sequence[Procedure],
        national: Sequence[NationalProcedure] = (),
        show_progress: bool = False,
        reuse: dict[str, np.ndarray] | None = None,
    ) -> ProcedureSearch:
        reuse = reuse or {}
        passages = [p for i, procedure in enumerate(procedures) for p in procedure_passages(i, procedure)]
        # Known negatives follow the KB in the same dense index: one search scores both.
        negatives = known_negatives(procedures, national)
        held = len(procedures)
        passages += [Passage(held + j, "negative", negative_passage(n)) for j, n in enumerate(negatives)]
        missing = sorted({p.text for p in passages if p.text not in reuse})
        if missing:
            fresh = encode_passages(load_embedding_model(), missing, show_progress=show_progress)
            reuse = {**reuse, **dict(zip(missing, fresh, strict=True))}
        embeddings = np.stack([reuse[p.text] for p in passages]).astype(np.float32)
        names = LexicalIndex.build([lexical_tokens(name_document(p)) for p in procedures], lexical.NAME_BM25)
        full_documents = [full_document(p) for p in procedures]
        full_texts = LexicalIndex.build(
            [lexical_tokens(document) for document in full_documents], lexical.FULL_BM25
        )
        idf = inverse_document_frequencies([syllables(document) for document in full_documents])
        kb_texts = [text for procedure in procedures for text in procedure_texts(procedure)]
        restorer = DiacriticRestorer.learn(kb_texts + question_phrases())
        owners = np.array([p.procedure for p in passages], dtype=np.int64)
        return cls(
            procedures,
            passages,
            DenseIndex.from_embeddings(embeddings, owners),
            names,
            full_texts,
            restorer,
            AcronymResolver.learn(kb_texts),
            idf,
            KnownNegatives.build(procedures, negatives),
        )

    def save(self, folder: Path, fingerprint: str) -> None:
        staging = folder.with_name(folder.name + ".partial")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        self._dense.save(staging)
        self._names.save(staging / "bm25_names")
        self._full_texts.save(staging / "bm25_full")
        self._restorer.save(staging / "restorer.pickle")
        self._acronyms.save(staging / "acronyms.pickle")
        self._negatives.save(staging / "negatives")
        passages = {
            "owner": self._passage_owner.tolist(),
            "kind": [p.kind for p in self._passages],
            "texts": [p.text for p in self._passages],
        }
        (staging / "passages.json").write_text(json.dumps(passages, ensure_ascii=False), encoding="utf-8")
        (staging / "idf.json").write_text(json.dumps(self._idf, ensure_ascii=False), encoding="utf-8")
        meta = {
            "fingerprint": fingerprint,
            "model": embedding_model_name(),
            "format": INDEX_FORMAT,
            "codes": [procedure.code for procedure in self._procedures],
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
        }
        (staging / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        shutil.rmtree(folder, ignore_errors=True)
        staging.rename(folder)  # readers never see a half-written index

    @classmethod
    def load(cls, procedures: Sequence[Procedure], folder: Path) -> ProcedureSearch:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        if meta["codes"] != [procedure.code for procedure in procedures]:
            raise ValueError(f"index in {folder} was built for other procedures")
        stored = json.loads((folder / "passages.json").read_text(encoding="utf-8"))
        passages = [
            Passage(owner, kind, text)
            for owner, kind, text in zip(stored["owner"], stored["kind"], stored["texts"], strict=True)
        ]
        return cls(
            procedures,
            passages,
            DenseIndex.load(folder, np.array(stored["owner"], dtype=np.int64)),
            LexicalIndex.load(folder / "bm25_names"),
            LexicalIndex.load(folder / "bm25_full"),
            DiacriticRestorer.load(folder / "restorer.pickle"),
            AcronymResolver.load(folder / "acronyms.pickle"),
            json.loads((folder / "idf.json").read_text(encoding="utf-8")),
            KnownNegatives.load(folder / "negatives"),
        )

    # ---- queries ---------------------------------------------------------------------------------

    def procedure(self, code: str) -> Procedure | None:
        return self._by_code.get(code)

    def names_no_procedure(self, question: str) -> bool:
        """Whether the question is only generic phrasing ("mất bao lâu?", "lệ phí bao nhiêu?"): a follow-up
        that needs a procedure from context, rather than a question about a procedure search did not find."""
        return not has_procedure_content(prepare_query(question, self._restorer, self._acronyms))

    def search(self, question: str, k: int = 5) -> list[SearchHit]:
        """The ranked hits; the best one is marked certain when certainty.py says it may be answered
        outright."""
        hits, evidence = self.rank_with_evidence(question, k)
        if evidence is None:
            return hits
        return [replace(hits[0], certain=certainty_model().certain(evidence)), *hits[1:]]

    def rank_with_evidence(self, question: str, k: int = 5) -> tuple[list[SearchHit], Evidence | None]:
        """The hits, none yet certain, and what the search knows about the best one (None when the
        question names no procedure: whatever it matches is chance)."""
        query = prepare_query(question, self._restorer, self._acronyms)
        if not query.strip():
            return [], None
        tokens = lexical_tokens(query)
        dense = self._dense.procedure_scores(self._queries.encode(query))
        held = len(self._procedures)
        name_scores = relative(self._names.scores(tokens))
        fused = fuse(dense[:held], name_scores, relative(self._full_texts.scores(tokens)))
        leading = np.argsort(-fused)[: max(k, VARIANT_POOL)]
        scores = fused[leading] - self._variants.penalties(leading, query)
        order = np.argsort(-scores, kind="stable")
        # A follow-up such as "mất bao lâu?" names no procedure.
        if not has_procedure_content(query):
            return [self._hit(int(leading[i]), float(scores[i]), None, None) for i in order[:k]], None
        nearest = self._negatives.nearest(dense, tokens)
        outside = nearest.procedure if nearest is not None and nearest.outside else None
        topic = question_words(query)
        best = int(leading[order[0]])
        uncovered = self._coverage.uncovered_words(best, topic)
        evidence = Evidence(
            score=float(scores[order[0]]),
            gap=float(scores[order[0]] - scores[order[1]]) if len(order) > 1 else 1.0,
            uncovered=self._coverage.uncovered_share(best, topic),
            uncovered_words=len(uncovered),
            question_words=len(topic),
            action_mismatch=bool(action_kinds(query) - self._action_kinds[best]),
            outside_margin=max(nearest.margin, OUTSIDE_MARGIN_FLOOR) if nearest else None,
            dense=float(dense[best]),
            name=float(name_scores[best]),
        )
        return [self._hit(int(leading[i]), float(scores[i]), topic, outside) for i in order[:k]], evidence

    @staticmethod
    def choices(hits: Sequence[SearchHit], limit: int = MAX_CHOICES) -> list[SearchHit]:
        """The confident hits that fit about as well as the best one, when there are two or more (the bot
        offers them as buttons); empty when the best hit stands out or nothing is confident."""
        if not hits or not hits[0].confident:
            return []
        close = [hit for hit in hits if hit.confident and hits[0].score - hit.score <= CHOICE_MARGIN]
        return close[:limit] if len(close) > 1 else []

    def _hit(
        self, position: int, score: float, topic: list[str] | None, outside: NationalProcedure | None
    ) -> SearchHit:
        """`topic`: the question's own words, None when it names no procedure."""
        procedure = self._procedures[position]
        confidence = 0.0
        if topic is not None:
            evidence = score - UNCOVERED_PENALTY * self._coverage.uncovered_share(position, topic)
            confidence = 1.0 / (1.0 + math.exp(-(evidence - CONFIDENCE_CENTRE) / CONFIDENCE_SCALE))
        return SearchHit(procedure.code, procedure.name, score, confidence, outside)
