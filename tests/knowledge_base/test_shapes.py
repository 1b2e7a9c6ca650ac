"""The tricky flattened-table shapes, on short strings."""

from knowledge_base.importer.documents import parse_documents
from knowledge_base.importer.legal import parse_legal_basis
from knowledge_base.importer.modes import parse_modes
from knowledge_base.importer.record import import_record

MODES = "Hình thức nộpThời gianPhí, lệ phíMô tả"
DOCS = "--Tên giấy tờMẫu đơn, tờ khaiSố lượng"
LEGAL = "Tên văn bản pháp lýMã văn bản"


def test_description_mentioning_a_channel_does_not_start_a_row():
    parsed = parse_modes(MODES + "Trực tuyến5 NgàyMiễn phí- Trực tiếp: nộp tại Bộ phận Một cửa")
    assert len(parsed.modes) == 1
    assert parsed.modes[0].note == "- Trực tiếp: nộp tại Bộ phận Một cửa"


def test_unitless_time_takes_shortest_prefix():
    parsed = parse_modes(MODES + "Trực tiếp1100,000 VNĐ")
    assert (parsed.modes[0].processing_time, parsed.modes[0].fee_vnd) == ("1", 100000)


def test_hours_and_usd():
    mode = parse_modes(MODES + "Trực tuyến24 Giờ20 USD").modes[0]
    assert (mode.processing_days, mode.fee, mode.fee_vnd) == (1.0, "20 USD", None)


def test_copy_count_after_a_date_in_the_name():
    doc = parse_documents(DOCS + "Văn bản theo Nghị định ngày 15/06/20201 bản chính").documents[0]
    assert (doc.name, doc.originals) == ("Văn bản theo Nghị định ngày 15/06/2020", 1)


def test_count_inside_prose_is_not_a_cell():
    doc = parse_documents(DOCS + "Giấy phép: 01 bản sao có chứng thực0 bản chính,1 bản sao").documents[0]
    assert (doc.name, doc.originals, doc.copies) == ("Giấy phép: 01 bản sao có chứng thực", 0, 1)


def test_present_only_group_and_case_sentence():
    text = (
        "* Giấy tờ phải xuất trình:Tên giấy tờMẫu đơn, tờ khaiSố lượng"
        "- Trường hợp nộp qua bưu chính thì gửi bản sao có chứng thực giấy tờ tùy thân.1 bản sao"
    )
    doc = parse_documents(text).documents[0]
    assert doc.present_only
    assert doc.case == "Trường hợp nộp qua bưu chính"
    assert doc.name == "Gửi bản sao có chứng thực giấy tờ tùy thân."


def test_exception_is_not_a_case():
    doc = parse_documents(DOCS + "Bản sao giấy tờ, trừ trường hợp đã có dữ liệu1 bản sao").documents[0]
    assert doc.case is None


def test_unparsable_dossier_is_kept_as_text():
    parsed = parse_documents("Hồ sơ gồm đơn đề nghị và bản sao giấy phép")
    assert parsed.documents == [] and parsed.unparsed == "Hồ sơ gồm đơn đề nghị và bản sao giấy phép"


def test_legal_pairs_with_type_prefix_in_number_cell_and_ttg():
    text = LEGAL + (
        "Luật Hộ tịch60/2014/QH13Thông tư số 03/2023/TT-BTP ngày 02/8/2023Thông tư số 03/2023/TT-BTP"
        "Quyết định về chế độ09/2023/QĐ-TTg"
    )
    parsed = parse_legal_basis(text)
    assert [(b.number, b.title) for b in parsed.legal_basis] == [
        ("60/2014/QH13", "Luật Hộ tịch"),
        ("03/2023/TT-BTP", "Thông tư số 03/2023/TT-BTP ngày 02/8/2023"),
        ("09/2023/QĐ-TTg", "Quyết định về chế độ"),
    ]
    assert parsed.unparsed == ""


def test_legal_leftover_is_kept():
    parsed = parse_legal_basis(LEGAL + "Luật Hóa chất")
    assert parsed.legal_basis == [] and parsed.unparsed == "Luật Hóa chất"


def test_levels():
    record = {
        "ma_thu_tuc": "1.000001",
        "ten_thu_tuc": "Thủ tục thử",
        "cap_thuc_hien": "Cấp bộ, Cấp tỉnh, Cơ quan khác",
    }
    assert [level.value for level in import_record(record).procedure.levels] == ["bộ", "tỉnh", "khác"]
