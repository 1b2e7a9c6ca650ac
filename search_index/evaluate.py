"""Retrieval quality on a question file (jsonl with id, question, gold): recall@1/5, MRR@10, latency."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from search_index.index import SearchHit
from search_index.normalize import strip_diacritics

Ranker = Callable[[str], list[SearchHit]]  # question -> ranked hits


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    gold: frozenset[str]


def read_questions(path: Path) -> list[Question]:
    with path.open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    return [Question(str(row["id"]), row["question"], frozenset(row["gold"])) for row in rows]


def _first_relevant(hits: Sequence[SearchHit], gold: frozenset[str]) -> int | None:
    return next((rank for rank, hit in enumerate(hits[:10], 1) if hit.code in gold), None)


def quality(ranked: Sequence[Sequence[SearchHit]], questions: Sequence[Question]) -> dict[str, float]:
    ranks = [_first_relevant(hits, q.gold) for hits, q in zip(ranked, questions, strict=True)]
    n = len(questions)
    return {
        "recall@1": round(sum(r == 1 for r in ranks) / n, 4),
        "recall@5": round(sum(r is not None and r <= 5 for r in ranks) / n, 4),
        "mrr@10": round(sum(1 / r for r in ranks if r is not None) / n, 4),
    }


def _above_threshold(
    ranked: Sequence[Sequence[SearchHit]], questions: Sequence[Question], passes: Callable[[SearchHit], bool]
) -> dict[str, float]:
    above = [bool(hits) and passes(hits[0]) for hits in ranked]
    right = [bool(hits) and hits[0].code in q.gold for hits, q in zip(ranked, questions, strict=True)]
    answered = sum(above)
    return {
        "accuracy_above": round(sum(a and r for a, r in zip(above, right, strict=True)) / answered, 4)
        if answered
        else 0.0,
        "share_below": round(1 - answered / len(questions), 4),
    }


def confidence_report(
    ranked: Sequence[Sequence[SearchHit]], questions: Sequence[Question]
) -> dict[str, dict[str, float]]:
    """For both thresholds the bot uses (confident: it may name the procedure; sure: it answers outright),
    how often the top hit above it is right, and the share of questions below it."""
    return {
        "confident": _above_threshold(ranked, questions, lambda hit: hit.confident),
        "sure": _above_threshold(ranked, questions, lambda hit: hit.sure),
    }


def evaluate(rank: Ranker, questions: Sequence[Question]) -> dict:
    """Quality with and without diacritics, confidence, and per-query latency over both passes."""
    latencies: list[float] = []

    def run(texts: list[str]) -> list[list[SearchHit]]:
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
        "confidence": confidence_report(accented + unaccented, [*questions, *questions]),
        "latency_ms": {
            "p50": round(float(np.percentile(latencies, 50)), 1),
            "p95": round(float(np.percentile(latencies, 95)), 1),
        },
    }


def table(rows: dict[str, dict]) -> str:
    """A readable table: one column per system."""
    lines = [f"{'':34}" + "".join(f"{name:>14}" for name in rows)]
    metrics = [
        ("questions", lambda r: r["n"]),
        ("recall@1", lambda r: r["recall@1"]),
        ("recall@5", lambda r: r["recall@5"]),
        ("mrr@10", lambda r: r["mrr@10"]),
        ("recall@1 without diacritics", lambda r: r["unaccented"]["recall@1"]),
        ("recall@5 without diacritics", lambda r: r["unaccented"]["recall@5"]),
        ("mrr@10 without diacritics", lambda r: r["unaccented"]["mrr@10"]),
        ("accuracy above confident", lambda r: r["confidence"]["confident"]["accuracy_above"]),
        ("share below confident", lambda r: r["confidence"]["confident"]["share_below"]),
        ("accuracy above sure", lambda r: r["confidence"]["sure"]["accuracy_above"]),
        ("share below sure", lambda r: r["confidence"]["sure"]["share_below"]),
        ("latency p50 (ms)", lambda r: r["latency_ms"]["p50"]),
        ("latency p95 (ms)", lambda r: r["latency_ms"]["p95"]),
    ]
    for label, value in metrics:
        lines.append(f"{label:34}" + "".join(f"{value(r):>14}" for r in rows.values()))
    return "\n".join(lines)
