"""Base over variants applies to short chat questions only."""

from __future__ import annotations

import numpy as np

from search_index.variants import VariantRanker, name_syllables

NAMES = ["Đăng ký khai sinh", "Đăng ký khai sinh lưu động"]
IDF = {"luu": 2.0, "dong": 2.0, "dang": 0.1, "ky": 0.1, "khai": 0.5, "sinh": 0.5}


def _penalties(question: str) -> np.ndarray:
    ranker = VariantRanker([name_syllables(name) for name in NAMES], IDF)
    return ranker.penalties(np.array([1, 0]), question)


def test_short_question_that_leaves_the_qualifier_unsaid_prefers_the_base() -> None:
    assert _penalties("đăng ký khai sinh cần những gì")[0] > 0


def test_short_question_that_says_the_qualifier_keeps_the_variant() -> None:
    assert _penalties("đăng ký khai sinh lưu động cần những gì")[0] == 0


def test_long_formal_question_is_left_to_the_fused_score() -> None:
    question = (
        "Gia đình tôi ở vùng sâu, cán bộ tư pháp xã về tận thôn làm thủ tục, vậy đăng ký khai sinh cho "
        "cháu trong trường hợp này cần chuẩn bị những giấy tờ gì"
    )
    assert not _penalties(question).any()


def test_name_sharing_scattered_words_is_no_base() -> None:
    # "thay đổi" and "cấp tỉnh" supply "đổi" and "cấp", yet changing the owner is no kind of exchange.
    names = ["Đổi chứng nhận đăng ký xe cấp tỉnh", "Cấp chứng nhận đăng ký xe khi thay đổi chủ xe cấp tỉnh"]
    ranker = VariantRanker([name_syllables(name) for name in names], IDF)
    assert not ranker.penalties(np.array([1, 0]), "mua xe cũ muốn đứng tên mình").any()
