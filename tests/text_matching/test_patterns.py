"""The pipeline and its phrase tables and token patterns: folded matching, punctuation, codes."""

import pytest

from text_matching import PhraseTable, parsed, pipeline, vietnamese_nlp
from text_matching.codes import as_dossier_code, find_reference_code

TABLE = PhraseTable({"where": ["ở đâu", "nơi nộp"], "fee": ["lệ phí", "phí"]})


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("Nộp ở đâu, mất phí ko?", ["where", "fee"]),
        ("nop o dau, mat phi ko?", ["where", "fee"]),
        ("NƠI NỘP hồ sơ", ["where"]),
        ("lệ phí?", ["fee"]),
        ("phiếu ở đây", []),
    ],
)
def test_phrases_match_with_or_without_diacritics_and_punctuation(text: str, labels: list[str]) -> None:
    assert TABLE.found(text) == labels


def test_the_first_label_follows_the_table_order() -> None:
    assert TABLE.first("phí nộp ở đâu") == "where"
    assert TABLE.first("không có gì") is None


def test_punctuation_is_split_off_and_codes_stay_whole() -> None:
    with parsed("Cần gì?Ở đâu, sđt:0912.345.678 mã PA-7K3M9Q ngày 15/11/2026.") as doc:
        tokens = [token.text for token in doc]
    assert tokens == [
        "Cần", "gì", "?", "Ở", "đâu", ",", "sđt", ":", "0912.345.678",
        "mã", "PA-7K3M9Q", "ngày", "15/11/2026", ".",
    ]  # fmt: skip


def test_the_pipeline_is_built_once_and_needs_no_model() -> None:
    assert vietnamese_nlp() is vietnamese_nlp()
    assert vietnamese_nlp().pipe_names == []


def test_matching_goes_on_when_the_vocabulary_starts_afresh(monkeypatch: pytest.MonkeyPatch) -> None:
    first = vietnamese_nlp()
    monkeypatch.setattr(pipeline, "MAX_STRINGS", 0)
    assert TABLE.found("o dau") == ["where"]
    assert vietnamese_nlp() is not first
    monkeypatch.undo()
    assert TABLE.found("lệ phí ở đâu") == ["where", "fee"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("tra cứu PA-7K3M9Q", "PA-7K3M9Q"),
        ("ma pa - 7k3m9q nhe", "pa - 7k3m9q"),
        ("PA 7K3M9Q2", "PA 7K3M9Q2"),
        ("pa7k3m9q", "pa7k3m9q"),
        ("PA-7K3M", None),
        ("tra cứu phản ánh", None),
    ],
)
def test_reference_codes_of_six_or_seven_characters_are_found(text: str, code: str | None) -> None:
    assert find_reference_code(text) == code


@pytest.mark.parametrize(
    ("answer", "code"),
    [
        (" h59.22-240115-0001 ", "H59.22-240115-0001"),
        ("000.00.21.H59-240115-0001", "000.00.21.H59-240115-0001"),
        ("12345", "12345"),
        ("12/2024/ABC", "12/2024/ABC"),
        ("abcde", None),
        ("1234", None),
        ("mã hồ sơ 12345", None),
    ],
)
def test_an_answer_is_a_dossier_code_when_it_is_one_code(answer: str, code: str | None) -> None:
    assert as_dossier_code(answer) == code
