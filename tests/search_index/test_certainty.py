"""The certainty model: fitting, threshold choice, the shipped file, and what it decides on real questions."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from search_index import ProcedureSearch
from search_index.certainty import (
    FEATURES,
    CertaintyModel,
    Evidence,
    Example,
    cross_validated,
    fit,
    hash_fold,
    lowest_threshold_within_budget,
    outcomes,
)


def _evidence(score: float, uncovered_words: int = 0, outside_margin: float = -0.2) -> Evidence:
    return Evidence(
        score=score,
        gap=score - 1.0,
        uncovered=uncovered_words / 5,
        uncovered_words=uncovered_words,
        question_words=6,
        action_mismatch=False,
        outside_margin=outside_margin,
        dense=score - 0.15,
        name=1.0,
    )


def _examples() -> list[Example]:
    """Right answers score high and use the question's words; out-of-KB ones score lower and miss words."""
    rng = np.random.default_rng(7)
    examples = []
    for i in range(120):
        in_kb = i % 2 == 0
        score = (1.06 if in_kb else 1.02) + rng.normal(0, 0.015)
        words = int(rng.integers(0, 3)) if in_kb else int(rng.integers(2, 6))
        examples.append(Example(_evidence(score, words), in_kb, in_kb, True, f"q{i // 2}"))
    return examples


def test_the_threshold_is_the_lowest_within_the_budget_of_out_of_kb_answers() -> None:
    outside = [Example(_evidence(1.0), False, False, True, f"o{i}") for i in range(20)]
    inside = [Example(_evidence(1.0), True, True, True, f"i{i}") for i in range(20)]
    # Out-of-KB probabilities 0.00, 0.05, ... 0.95: one in twenty (5 %) is at 0.95 or above.
    probabilities = np.array([i / 20 for i in range(20)] + [0.9] * 20)
    assert lowest_threshold_within_budget(probabilities, outside + inside) == 0.91


def test_outcomes_count_what_the_bot_would_answer_outright() -> None:
    examples = [
        Example(_evidence(1.0), True, True, True, "right, answered"),
        Example(_evidence(1.0), False, True, True, "wrong, answered"),
        Example(_evidence(1.0), True, True, True, "right, not answered"),
        Example(_evidence(1.0), False, False, True, "outside, answered"),
        Example(_evidence(1.0), False, False, False, "outside, named a national procedure"),
    ]
    probabilities = np.array([0.9, 0.8, 0.2, 0.9, 0.9])
    assert outcomes(probabilities, examples, 0.5) == {
        "in_kb_answered": round(2 / 3, 4),
        "right_when_answered": 0.5,
        "out_of_kb_answered": 0.5,
    }


def test_a_question_named_outside_the_kb_does_not_count_against_the_budget() -> None:
    named = [Example(_evidence(1.0), False, False, False, f"o{i}") for i in range(20)]
    assert lowest_threshold_within_budget(np.full(20, 0.99), named) == 0.3


def test_both_spellings_of_a_question_share_a_fold() -> None:
    assert hash_fold("inkb-017") == hash_fold("inkb-017")
    assert len({hash_fold(f"oob-{i:03}") for i in range(50)}) == 5


def test_fitting_separates_right_answers_from_out_of_kb_ones() -> None:
    examples = _examples()
    model, probabilities = fit(examples)
    right = np.array([example.right for example in examples])
    assert probabilities[right].mean() > probabilities[~right].mean() + 0.3
    assert model.certain(_evidence(1.09, 0)) and not model.certain(_evidence(1.0, 5))
    # Cross-validated: each probability comes from a model that never saw the question.
    assert cross_validated(examples) == pytest.approx(probabilities)


def test_the_model_round_trips_through_its_file(tmp_path: Path) -> None:
    model, _ = fit(_examples())
    model.save(tmp_path / "certainty.json")
    assert CertaintyModel.load(tmp_path / "certainty.json") == model


def test_a_file_fitted_on_other_features_is_refused(tmp_path: Path) -> None:
    model, _ = fit(_examples())
    model.save(tmp_path / "certainty.json")
    text = (tmp_path / "certainty.json").read_text(encoding="utf-8")
    (tmp_path / "certainty.json").write_text(text.replace(f'"{FEATURES[0]}"', '"other"'), encoding="utf-8")
    with pytest.raises(ValueError, match="calibrate"):
        CertaintyModel.load(tmp_path / "certainty.json")


def test_evidence_not_known_weighs_nothing_either_way() -> None:
    # The national catalogue indexed whole has no known negatives to compare with.
    model, _ = fit(_examples())
    unknown = replace(_evidence(1.04, 2), outside_margin=None)
    average = replace(_evidence(1.04, 2), outside_margin=model.mean[FEATURES.index("outside_margin")])
    assert model.probability(unknown) == pytest.approx(model.probability(average))


@pytest.mark.parametrize(
    "question",
    [
        # Once answered outright with the neighbour the KB holds (construction-permit extension, the
        # pesticide shop's certificate).
        "giấy phép lao động của chồng em là người Đài Loan sắp hết hạn, gia hạn cần giấy tờ gì",
        "mở cửa hàng bán thuốc thú y ở chợ cần giấy chứng nhận gì",
        # Reissue of a licence whose first issue the KB holds.
        "mất giấy chứng nhận điểm game, xin cấp lại sao",
    ],
)
def test_a_sibling_of_a_kb_procedure_is_no_longer_answered_outright(
    province_search: ProcedureSearch, question: str
) -> None:
    assert not province_search.search(question, k=1)[0].sure


def test_a_plain_question_the_kb_answers_still_is(province_search: ProcedureSearch) -> None:
    best = province_search.search("làm giấy khai sinh cho con mới sinh cần giấy tờ gì", k=1)[0]
    assert best.code == "1.001193" and best.sure
