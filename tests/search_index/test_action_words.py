"""The kinds of action a question asks for."""

from __future__ import annotations

import pytest

from search_index.action_words import action_kinds


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("mất giấy chứng nhận điểm game, xin cấp lại sao", {"reissue"}),
        ("giấy phép bán lẻ thuốc lá dời tiệm qua chỗ khác thì sửa giấy phép", {"change"}),
        ("gia hạn giấy phép xây dựng", {"extend"}),
        ("sang tên xe máy mua lại", {"transfer"}),
        ("công ty giải thể rồi muốn đóng mã số thuế", {"end"}),
        ("làm giấy khai sinh cho con cần gì", set()),
    ],
)
def test_a_question_asks_for_these_kinds(text: str, kinds: set[str]) -> None:
    assert action_kinds(text) == kinds


def test_phrases_match_whole_words_only() -> None:
    # "sửa" is a change; "sữa" (milk) is not, nor is "đổi" inside "đổiii".
    assert action_kinds("mua sữa cho con") == frozenset()
    assert action_kinds("xin đổiii") == frozenset()
