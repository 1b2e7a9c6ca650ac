"""Grouping questions by similarity: typed with or without diacritics alike, unrelated questions kept
apart, masks left by scrubbing no words of their own."""

from storage.question_groups import group_questions


def test_the_same_need_in_different_words_and_typing_is_one_group() -> None:
    questions = [
        "đăng ký xe máy mới mua cần gì",  # 0
        "bóng đá tối nay mấy giờ",  # 1
        "dang ky xe may moi mua o dau",  # 2
        "xe máy mới mua đăng ký ở đâu, sđt [SĐT]",  # 3
        "thời tiết ngày mai thế nào",  # 4
    ]
    groups = group_questions(questions)
    assert groups[0] and sorted(groups[0]) == [0, 2, 3]
    assert sorted(groups[1:]) == [[1], [4]]


def test_questions_of_masks_only_stand_alone() -> None:
    assert group_questions(["[SĐT]", "[SĐT] [CCCD]"]) == [[0], [1]]
    assert group_questions(["[TÊN]"]) == [[0]]
    assert group_questions([]) == []
