"""Retrieval quality on a question file (jsonl with id, question, gold): recall@1/5, MRR@10, latency."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from search_index.normalize import strip_diacritics

Ranker = Callable[[str], list[str]]  # question -> ranked procedure codes


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    gold: frozenset[str]


def read_questions(path: Path) -> list[Question]:
    with path.open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    return [Question(str(row["id"]), row["question"], frozenset(row["gold"])) for row in rows]


def quality(ranked: Sequence[Sequence[str]], questions: Sequence[Question]) -> dict[str, float]:
    first_hits = [
        next((rank for rank, code in enumerate(codes[:10], 1) if code in q.gold), None)
        for codes, q in zip(ranked, questions, strict=True)
    ]
    n = len(questions)
    return {
        "recall@1": round(sum(r == 1 for r in first_hits) / n, 4),
        "recall@5": round(sum(r is not None and r <= 5 for r in first_hits) / n, 4),
        "mrr@10": round(sum(1 / r for r in first_hits if r is not None) / n, 4),
    }


def evaluate(rank: Ranker, questions: Sequence[Question]) -> dict:
    """Quality with and without diacritics, and per-query latency over both passes."""
    latencies: list[float] = []

    def run(texts: list[str]) -> list[list[str]]:
        out = []
        for text in texts:
            start = time.perf_counter()
            out.append(rank(text))
            latencies.append((time.perf_counter() - start) * 1000)
        return out

    accented = run([q.question for q in questions])
    unaccented = run([strip_diacritics(q.question) for q in questions])
    return {
        "n": len(questions),
        **quality(accented, questions),
        "unaccented": quality(unaccented, questions),
        "latency_ms": {
            "p50": round(float(np.percentile(latencies, 50)), 1),
            "p95": round(float(np.percentile(latencies, 95)), 1),
        },
    }
