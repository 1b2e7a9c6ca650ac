"""Benchmark on the national catalogue: build time, one-thread latency, memory, hybrid against plain BM25."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from knowledge_base.schema import Procedure
from search_index.embedding_model import load_embedding_model
from search_index.evaluate import Question, Ranker, evaluate
from search_index.index import ProcedureSearch, SearchHit
from search_index.lexical import BM25Parameters, LexicalIndex
from search_index.normalize import fold, words


def bm25_baseline(procedures: Sequence[Procedure]) -> Ranker:
    """The issue's reference: BM25 over folded syllables of the names, no query processing."""
    index = LexicalIndex.build(
        [[fold(w) for w in words(p.name)] for p in procedures], BM25Parameters(1.2, 0.75)
    )

    def rank(question: str) -> list[SearchHit]:
        scores = index.scores([fold(w) for w in words(question)])
        return [
            SearchHit(procedures[i].code, procedures[i].name, float(scores[i]), 0.0)
            for i in np.argsort(-scores)[:10]
        ]

    return rank


def resident_memory_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def bench(procedures: Sequence[Procedure], questions: Sequence[Question]) -> dict:
    load_embedding_model()  # loading the model is not part of the index build
    with tempfile.TemporaryDirectory() as empty_cache:
        start = time.perf_counter()
        search = ProcedureSearch.open(procedures, cache_dir=Path(empty_cache), show_progress=True)
        build_seconds = time.perf_counter() - start
    hybrid = evaluate(lambda q: search.search(q, k=10), questions)
    memory = resident_memory_mb()
    baseline = evaluate(bm25_baseline(procedures), questions)
    return {
        "procedures": len(procedures),
        "build_seconds": round(build_seconds, 1),
        "resident_memory_mb": round(memory),
        "hybrid": hybrid,
        "bm25": baseline,
    }
