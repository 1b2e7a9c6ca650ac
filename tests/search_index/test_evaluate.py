"""The evaluation harness behind `make eval`: its figures, and the command on any question file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from knowledge_base.national_names import NationalProcedure
from search_index.__main__ import main
from search_index.evaluate import (
    CITIZEN_IN_KB,
    CITIZEN_OUT_OF_KB,
    Question,
    citizen_report,
    citizen_splits,
    confidence_report,
    quality,
    read_citizen_questions,
)
from search_index.index import SearchHit
from tests.actions.search_fakes import SURE


def _hits(*codes: str, confidence: float = 0.9) -> list[SearchHit]:
    return [SearchHit(code, code, 1.0, confidence, certain=confidence >= SURE) for code in codes]


QUESTIONS = [
    Question("a", "?", frozenset({"1"})),
    Question("b", "?", frozenset({"2"})),
    Question("c", "?", frozenset({"3", "9"})),
    Question("d", "?", frozenset({"4"})),
]


def test_quality_counts_ranks_of_the_first_gold_hit() -> None:
    ranked = [_hits("1", "x"), _hits("x", "y", "2"), _hits(*"xyzwv", "9"), _hits("x")]
    assert quality(ranked, QUESTIONS) == {
        "recall@1": 0.25,
        "recall@5": 0.5,
        "mrr@10": round((1 + 1 / 3 + 1 / 6) / 4, 4),
    }


def test_confidence_report_separates_the_two_thresholds() -> None:
    ranked = [_hits("1"), _hits("x", confidence=0.6), _hits("3", confidence=0.6), _hits("x", confidence=0.1)]
    report = confidence_report(ranked, QUESTIONS)
    assert report["confident"] == {"accuracy_above": round(2 / 3, 4), "share_below": 0.25}
    assert report["sure"] == {"accuracy_above": 1.0, "share_below": 0.75}


def test_eval_command_reads_any_question_file_and_ends_with_one_json_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], embedding_model
) -> None:
    questions = tmp_path / "questions.jsonl"
    rows = [
        {"id": "q1", "question": "làm giấy khai sinh cho con", "gold": ["1.001193"]},
        {"id": "q2", "question": "đăng ký kết hôn cần gì", "gold": ["1.000894"]},
    ]
    questions.write_text(
        "\n".join(json.dumps(row, ensure_ascii=False) for row in rows) + "\n", encoding="utf-8"
    )
    main(["eval", "--questions", str(questions)])  # over the product's own KB
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert result["n"] == 2
    assert result["recall@1"] == result["unaccented"]["recall@1"] == 1.0
    assert set(result["latency_ms"]) == {"p50", "p95"}


def test_citizen_report_counts_answers_outright_inside_and_outside_the_kb() -> None:
    answers = {  # question -> (code, confidence); diacritics make no difference here
        "in-right": ("1", 0.9), "in-wrong": ("x", 0.9), "in-unsure": ("2", 0.6),
        "out-sure": ("x", 0.9), "out-unsure": ("x", 0.6), "out-none": ("x", 0.1), "out-named": ("x", 0.9),
    }  # fmt: skip
    in_kb = [Question(q, q, frozenset({"1", "2"})) for q in ("in-right", "in-wrong", "in-unsure")]
    out_of_kb = [Question(q, q, frozenset()) for q in ("out-sure", "out-unsure", "out-none", "out-named")]
    national = NationalProcedure(code="1.003462", name="Cấp giấy phép", url="https://dichvucong.gov.vn/x")

    def rank(text: str) -> list[SearchHit]:
        code, confidence = answers[text]
        return [
            SearchHit(
                code, code, 1.0, confidence, national if text == "out-named" else None, confidence >= SURE
            )
        ]

    report = citizen_report(rank, in_kb, out_of_kb)
    assert report["in_kb"] == {
        "n": 6, "recall@1": round(4 / 6, 4), "answered_outright": round(4 / 6, 4), "right_when_answered": 0.5,
        "named_outside": 0.0,
    }  # fmt: skip
    # A sure hit outranked by a national procedure is no answer outright: the bot names that procedure.
    assert report["out_of_kb"] == {
        "n": 8, "sure_wrong": 0.25, "offered_unsure": 0.25, "said_none": 0.25, "named_outside": 0.25,
    }  # fmt: skip


def test_citizen_questions_are_split_and_never_overlap() -> None:
    splits = citizen_splits(CITIZEN_IN_KB, CITIZEN_OUT_OF_KB)
    assert splits[:2] == ["tune", "held_out"] and "held_out_2" in splits
    for path in (CITIZEN_IN_KB, CITIZEN_OUT_OF_KB):
        tune, held_out = (read_citizen_questions(path, split) for split in ("tune", "held_out"))
        assert len(held_out) >= 0.35 * (len(tune) + len(held_out))
        texts = [{q.question for q in read_citizen_questions(path, split)} for split in splits]
        assert sum(map(len, texts)) == len(set().union(*texts))
    assert len(read_citizen_questions(CITIZEN_OUT_OF_KB, None)) >= 150


def test_citizen_splits_are_read_from_the_files_in_order_of_first_use(tmp_path: Path) -> None:
    rows = [("a", "tune"), ("b", "held_out_2"), ("c", "tune"), ("d", "held_out")]
    path = tmp_path / "questions.jsonl"
    path.write_text("".join(json.dumps({"id": i, "question": i, "split": s}) + "\n" for i, s in rows))
    assert citizen_splits(path) == ["tune", "held_out_2", "held_out"]
    assert [q.id for q in read_citizen_questions(path, "held_out_2")] == ["b"]
