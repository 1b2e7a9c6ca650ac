from __future__ import annotations

import pytest

from search_index.normalize import canonical, expand_abbreviations, fold, strip_diacritics
from search_index.query import typed_without_diacritics


@pytest.mark.parametrize(
    ("new_style", "old_style"),
    [("hoà bình", "hòa bình"), ("Thuý", "Thúy"), ("khoẻ", "khỏe"), ("HOÀ", "HÒA"), ("hoá đơn", "hóa đơn")],
)
def test_both_tone_placements_become_one_string(new_style: str, old_style: str) -> None:
    assert canonical(new_style) == canonical(old_style)


@pytest.mark.parametrize("word", ["quý", "hoàn", "thuyền", "khuya"])
def test_tone_placement_leaves_other_syllables_alone(word: str) -> None:
    assert canonical(word) == word


def test_folding_removes_every_diacritic_and_case() -> None:
    assert fold("Đăng ký Khai sinh cho con ở Tây Ninh") == "dang ky khai sinh cho con o tay ninh"
    assert fold("hoà") == fold("hòa") == "hoa"


def test_stripping_keeps_case() -> None:
    assert strip_diacritics("Đổi Căn cước") == "Doi Can cuoc"


@pytest.mark.parametrize(
    ("typed", "expanded"),
    [
        ("dk tam tru", "đăng ký tam tru"),
        ("ko co cccd dc ko", "không co căn cước công dân được không"),
        ("đổi gplx", "đổi giấy phép lái xe"),
        ("mất bằng lái", "mất giấy phép lái xe"),
        ("lam so do", "lam giấy chứng nhận quyền sử dụng đất"),
    ],
)
def test_abbreviations_expand_to_catalogue_wording(typed: str, expanded: str) -> None:
    assert expand_abbreviations(typed) == expanded


def test_accented_look_alike_of_an_abbreviation_is_kept() -> None:
    assert expand_abbreviations("số đo") == "số đo"


def test_question_without_diacritics_is_detected() -> None:
    assert typed_without_diacritics("lam giay khai sinh cho con can giay to gi")
    assert typed_without_diacritics("đk tam tru o dau")
    assert not typed_without_diacritics("Làm giấy khai sinh cho con cần giấy tờ gì?")
