"""Retrieval quality on a question file (jsonl with id, question, gold): recall@1/5, MRR@10, latency."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from search_index.certainty import Example
from search_index.index import ProcedureSearch, SearchHit
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


EVAL_DATA = Path(__file__).with_name("eval_data")
CITIZEN_IN_KB = EVAL_DATA / "citizen_in_kb.jsonl"
CITIZEN_OUT_OF_KB = EVAL_DATA / "citizen_out_of_kb.jsonl"


def _citizen_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def citizen_splits(*paths: Path) -> list[str]:
    """The split names used in the files, in order of first use, so a new untouched set gets its own row."""
    return list(dict.fromkeys(row["split"] for path in paths for row in _citizen_rows(path)))


def read_citizen_questions(path: Path, split: str | None) -> list[Question]:
    """Citizen-style questions of one split ("tune", "held_out", ...; None: all); out-of-KB: no gold."""
    rows = _citizen_rows(path)
    return [
        Question(row["id"], row["question"], frozenset(row.get("gold", [])))
        for row in rows
        if split is None or row["split"] == split
    ]


def _top_hits(rank: Ranker, questions: Sequence[Question]) -> list[tuple[SearchHit | None, Question]]:
    """The best hit for each question as written and without diacritics."""
    texts = [(text, q) for q in questions for text in (q.question, strip_diacritics(q.question))]
    return [(next(iter(rank(text)), None), q) for text, q in texts]


def _share(count: int, total: int) -> float:
    return round(count / total, 4) if total else 0.0


def _names_outside(hit: SearchHit | None) -> bool:
    return hit is not None and hit.outside is not None


OUT_OF_KB_OUTCOMES = ("sure_wrong", "offered_unsure", "said_none", "named_outside")


def _out_of_kb_outcome(hit: SearchHit | None) -> str:
    """What the bot does with a question the KB cannot answer, by its best hit."""
    if _names_outside(hit):
        return "named_outside"
    if hit is not None and hit.sure:
        return "sure_wrong"
    return "offered_unsure" if hit is not None and hit.confident else "said_none"


def citizen_report(rank: Ranker, in_kb: Sequence[Question], out_of_kb: Sequence[Question]) -> dict:
    """What a citizen meets: in the KB, how often the bot answers outright and how often that answer is
    right (and how often it wrongly names a national procedure the KB lacks); outside it, how often it
    answers outright anyway (always wrong), names the national procedure the KB lacks, merely offers a KB
    procedure, or says it has none. Each question counts twice, with and without diacritics."""
    inside = _top_hits(rank, in_kb)
    answered = [(hit, q) for hit, q in inside if hit and hit.sure]
    outcomes = [_out_of_kb_outcome(hit) for hit, _ in _top_hits(rank, out_of_kb)]
    return {
        "in_kb": {
            "n": len(inside),
            "recall@1": _share(sum(bool(hit) and hit.code in q.gold for hit, q in inside), len(inside)),
            "answered_outright": _share(len(answered), len(inside)),
            "right_when_answered": _share(sum(hit.code in q.gold for hit, q in answered), len(answered)),
            "named_outside": _share(sum(_names_outside(hit) for hit, _ in inside), len(inside)),
        },
        "out_of_kb": {
            "n": len(outcomes),
            **{kind: _share(outcomes.count(kind), len(outcomes)) for kind in OUT_OF_KB_OUTCOMES},
        },
    }


def citizen_table(rows: dict[str, dict]) -> str:
    lines = [f"{'':40}" + "".join(f"{name:>12}" for name in rows)]
    metrics = [
        ("in KB: questions", lambda r: r["in_kb"]["n"]),
        ("in KB: recall@1", lambda r: r["in_kb"]["recall@1"]),
        ("in KB: answered outright", lambda r: r["in_kb"]["answered_outright"]),
        ("in KB: right when answered", lambda r: r["in_kb"]["right_when_answered"]),
        ("in KB: named a national procedure", lambda r: r["in_kb"]["named_outside"]),
        ("out of KB: questions", lambda r: r["out_of_kb"]["n"]),
        ("out of KB: answered outright (wrong)", lambda r: r["out_of_kb"]["sure_wrong"]),
        ("out of KB: offered, unsure", lambda r: r["out_of_kb"]["offered_unsure"]),
        ("out of KB: said it has none", lambda r: r["out_of_kb"]["said_none"]),
        ("out of KB: named a national procedure", lambda r: r["out_of_kb"]["named_outside"]),
    ]
    for label, value in metrics:
        lines.append(f"{label:40}" + "".join(f"{value(r):>12}" for r in rows.values()))
    return "\n".join(lines)


# Kept for the final figure: never fitted on, never read question by question while tuning.
UNTOUCHED_SPLITS = frozenset({"held_out_5", "held_out_6"})


def calibration_examples(search: ProcedureSearch, path: Path, in_kb: bool) -> list[Example]:
    """The best hit's evidence for every question of the file outside the untouched splits, with and
    without diacritics; questions that name no procedure are left out (they are never answered)."""
    examples = []
    for row in _citizen_rows(path):
        if row["split"] in UNTOUCHED_SPLITS:
            continue
        for text in (row["question"], strip_diacritics(row["question"])):
            hits, evidence = search.rank_with_evidence(text, k=1)
            if evidence is not None:
                right = in_kb and hits[0].code in row["gold"]
                examples.append(Example(evidence, right, in_kb, hits[0].outside is None, row["id"]))
    return examples
