"""Personal data is masked in anything kept for analysis; ordinary numbers and codes are not."""

import re
import unicodedata

import pytest

from text_matching import scrub_personal_data, strip_name_introduction
from text_matching.personal_data import _DATA
from vietnamese import fold_diacritics

_MASK = re.compile(r"(\[[^\]]+\])")


def _unaccented(text: str) -> str:
    """The text as typed without diacritics, capitals kept, masks ("[TÊN]") as the scrubber writes them."""
    pieces = _MASK.split(text)
    for i in range(0, len(pieces), 2):
        decomposed = unicodedata.normalize("NFD", pieces[i].replace("đ", "d").replace("Đ", "D"))
        pieces[i] = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return "".join(pieces)


@pytest.mark.parametrize(
    ("text", "scrubbed"),
    [
        ("sđt 0912345678", "sđt [SĐT]"),
        ("gọi 0912.345.678 nhé", "gọi [SĐT] nhé"),
        ("+84 912 345 678", "[SĐT]"),
        ("(+84) 912 345 678", "[SĐT]"),
        ("84912345678", "[SĐT]"),
        ("số 0912-345-678.", "số [SĐT]."),
        ("sdt:0912345678", "sdt:[SĐT]"),
        ("0912345678,0987654321", "[SĐT],[SĐT]"),
        ("bàn 028 3822 1234", "bàn [SĐT]"),
        ("(028) 3822 1234", "[SĐT]"),
        ("0276.3822.123", "[SĐT]"),
        ("+84 28 3822 1234", "[SĐT]"),
        ("CCCD 079203001234", "CCCD [CCCD]"),
        ("cccd: 079 203 001 234;", "cccd: [CCCD];"),
        ("CMND 025123456", "CMND [CMND]"),
        ("cmnd số 025.123.456", "cmnd số [CMND]"),
        ("email an.nguyen@gmail.com.", "email [EMAIL]."),
    ],
)
def test_phone_id_numbers_and_emails_are_masked(text: str, scrubbed: str) -> None:
    assert scrub_personal_data(text) == scrubbed


@pytest.mark.parametrize(
    ("text", "scrubbed"),
    [
        ("tên tôi là Nguyễn Văn An, cần hỏi khai sinh", "tên tôi là [TÊN], cần hỏi khai sinh"),
        ("em tên Lan muốn hỏi", "em tên [TÊN] muốn hỏi"),
        ("toi ten la nguyen van an sdt 0912345678", "toi ten la [TÊN] sdt [SĐT]"),
        ("Tôi là Trần Thị Bích Ngọc", "Tôi là [TÊN]"),
        ("Họ và tên: Lê Văn Tám", "Họ và tên: [TÊN]"),
        ("TEN TOI LA HOANG", "TEN TOI LA [TÊN]"),
    ],
)
def test_introduced_names_are_masked(text: str, scrubbed: str) -> None:
    assert scrub_personal_data(text) == scrubbed


@pytest.mark.parametrize(
    "text",
    [
        "lệ phí 50.000 đồng",
        "phí 1.500.000đ, có khi 150.000.000 đồng hoặc 150000000 đồng",
        "nộp ngày 15/11/2026, hẹn trả 15-12-2026",
        "thủ tục mã 1.001193 (mã 2.000748)",
        "hồ sơ 000.00.21.H59-240115-0001 bị trễ",
        "tra cứu PA-7K3M9Q và PA-7K3M9Q2",
        "tổng đài 1900 1234, 3 ngày làm việc, năm 2026",
        "tôi là người dân ở Tây Ninh",
        "khai sinh cần ghi họ tên cha mẹ không",
    ],
)
def test_ordinary_numbers_codes_and_words_are_kept(text: str) -> None:
    assert scrub_personal_data(text) == text


@pytest.mark.parametrize(
    ("text", "scrubbed"),
    [
        # An ID cue makes dotted or spaced groups of 9 or 12 digits an ID number, amount-like or not.
        ("chứng minh thư 272.345.678", "chứng minh thư [CMND]"),
        ("CMND: 272.345.678, cấp năm 2010", "CMND: [CMND], cấp năm 2010"),
        ("số chứng minh nhân dân của tôi là 272.345.678", "số chứng minh nhân dân của tôi là [CMND]"),
        ("số định danh 123.456.789.012", "số định danh [CCCD]"),
        ("căn cước công dân số 123 456 789 012", "căn cước công dân số [CCCD]"),
        # A lower-case name after a form-style "họ và tên:" / "họ tên:".
        ("ho va ten: tran van binh", "ho va ten: [TÊN]"),
        ("họ tên: nguyễn thị lan, sinh năm 1990", "họ tên: [TÊN], sinh năm 1990"),
        # A relative's name: a kinship word before "tên là".
        ("cháu tên là Bảo Anh", "cháu tên là [TÊN]"),
        ("con tên là minh, 3 tuổi", "con tên là [TÊN], 3 tuổi"),
        # A name is still a name next to words that are not one.
        ("Tôi là Việt, Việt kiều ở Mỹ", "Tôi là [TÊN], Việt kiều ở Mỹ"),
        ("tôi là Việt", "tôi là [TÊN]"),
        ("Tôi là Võ Văn Kiệt", "Tôi là [TÊN]"),  # "vợ" is not in not_names: unaccented, it reads "Vo"
    ],
)
def test_ids_after_a_cue_and_names_after_forms_and_relatives_are_masked(text: str, scrubbed: str) -> None:
    assert scrub_personal_data(text) == scrubbed
    assert scrub_personal_data(_unaccented(text)) == _unaccented(scrubbed)


@pytest.mark.parametrize(
    "text",
    [
        # A procedure code, a date or an amount followed by a count is not a nine-digit ID.
        "thủ tục 1.001193 15 ngày làm việc",
        "mã 2.000748 30 ngày, cấp CCCD thủ tục 1.001193 15 ngày",
        "ngày 15.11.2026 3 bộ hồ sơ",
        "phí 1.500.000 25 ngày",
        # "tôi là" followed by what a citizen is rather than who.
        "tôi là Việt kiều",
        "Tôi là Giáo viên ở Tây Ninh",
        "TOI LA CONG NHAN",
        "Tôi là Sinh viên năm 3",
        "Tôi là Mẹ của bé",
        "Tôi là Chủ nhà trọ",
        "Tôi là Người nước ngoài",
        "Tôi là Dân tộc Tày",
        "đơn thư vô tên là gì",  # unaccented, "vợ tên là" would read as "vô tên là"
    ],
)
def test_codes_counts_and_what_a_citizen_is_are_kept(text: str) -> None:
    for typed in (text, _unaccented(text)):
        assert scrub_personal_data(typed) == typed


def test_no_full_phone_number_survives_in_a_long_message() -> None:
    text = (
        "Hồ sơ đất của tôi nộp 15/11/2026 (mã 1.001193, lệ phí 50.000 đồng) bị trễ hẹn, "
        "gọi 0912 345 678 hoặc +84 987.654.321 không ai nghe. CCCD 079203001234, tên tôi là Phạm Minh."
    )
    scrubbed = scrub_personal_data(text)
    digits = re.sub(r"\D", "", scrubbed)
    assert "912345678" not in digits and "987654321" not in digits and "079203001234" not in digits
    assert "Phạm" not in scrubbed
    assert "15/11/2026" in scrubbed and "1.001193" in scrubbed and "50.000 đồng" in scrubbed


@pytest.mark.parametrize(
    "phrase", [phrase for phrases in _DATA["name_introductions"].values() for phrase in phrases]
)
def test_each_name_introduction_matches_with_and_without_diacritics(phrase: str) -> None:
    for typed in (phrase, fold_diacritics(phrase)):
        assert scrub_personal_data(f"{typed} Nguyễn An") == f"{typed} [TÊN]"


@pytest.mark.parametrize(
    ("answer", "name"),
    [
        ("tên tôi là Nguyễn Văn An", "Nguyễn Văn An"),
        ("toi ten la an", "an"),
        ("Họ và tên: Lê Tám", "Lê Tám"),
        ("Nguyễn Văn An", "Nguyễn Văn An"),
        ("tôi là", ""),
    ],
)
def test_strip_name_introduction(answer: str, name: str) -> None:
    assert strip_name_introduction(answer) == name
