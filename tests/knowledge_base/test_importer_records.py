"""Records checked by hand against the raw catalogue strings: exact documents, times and fees."""

from knowledge_base.importer import import_record
from knowledge_base.schema import Channel, Level


def parsed(records: dict[str, dict], code: str):
    return import_record(records[code]).procedure


def test_free_same_day_rows_without_unit(records):
    # "Trực tuyến1Miễn phíDịch vụ bưu chính1Miễn phíTrực tiếp1Miễn phí"
    procedure = parsed(records, "1.001193")
    assert [(m.channel, m.processing_time, m.processing_days, m.fee_vnd) for m in procedure.modes] == [
        (Channel.online, "1", None, 0),
        (Channel.post, "1", None, 0),
        (Channel.direct, "1", None, 0),
    ]
    assert procedure.levels == [Level.commune]


def test_working_days_and_free(records):
    procedure = parsed(records, "1.000010")
    assert {(m.processing_time, m.processing_days, m.fee) for m in procedure.modes} == {
        ("1 Ngày làm việc", 1.0, "Miễn phí")
    }
    assert [(d.originals, d.copies) for d in procedure.documents] == [(1, 0), (1, 1)]
    assert [b.number for b in procedure.legal_basis] == [
        "95/2015/QH13",
        "40/2016/TT-BGTVT",
        "17/2023/TT-BGTVT",
    ]


def test_single_amount_fee(records):
    procedure = parsed(records, "1.008924")
    assert {(m.processing_days, m.fee, m.fee_vnd) for m in procedure.modes} == {
        (27.0, "500,000 Việt Nam Đồng", 500000)
    }
    assert (procedure.documents[0].name, procedure.documents[0].originals) == (
        "Văn bản đề nghị bổ nhiệm lại thừa phát lại",
        1,
    )
    assert (procedure.documents[1].originals, procedure.documents[1].copies) == (0, 1)


def test_fee_with_note_and_template_file(records):
    procedure = parsed(records, "1.003930")
    assert {(m.fee_vnd, m.note) for m in procedure.modes} == {(70000, "70.000 đồng/Giấy chứng nhận")}
    first, second = procedure.documents
    assert first.name.startswith("Đơn đề nghị cấp lại Giấy chứng nhận đăng ký phương tiện thủy nội địa")
    assert (first.form_code, first.originals, first.copies) == ("Mauon (2).docx", 1, 0)
    assert (second.originals, second.copies, second.present_only) == (1, 1, True)
    assert procedure.levels == [Level.province, Level.commune]


def test_unitless_time_runs_into_amount(records):
    # "Trực tuyến120 VNĐ(20.000 vnđ /tờ khai)": time "1", fee "20 VNĐ", which is not a plausible amount.
    procedure = parsed(records, "1.000014")
    assert [(m.processing_time, m.fee, m.fee_vnd, m.note) for m in procedure.modes] == [
        ("1", "20 VNĐ", None, "20.000 vnđ /tờ khai"),
        ("1", "20 VNĐ", None, "20.000 vnđ /tờ khai"),
    ]


def test_original_and_copy_counts_and_group_cases(records):
    procedure = parsed(records, "1.009129")
    first = procedure.documents[0]
    assert (first.originals, first.copies, first.form_code, first.case) == (
        1,
        0,
        "Mẫu số 01",
        "Địa điểm thu gom hàng lẻ",
    )
    assert [(d.originals, d.copies) for d in procedure.documents[1:4]] == [(0, 1)] * 3
    assert {d.case for d in procedure.documents} >= {"Cửa hàng miễn thuế", "Kho ngoại quan", "Kho bảo thuế"}


def test_template_file_glued_to_name(records):
    document = parsed(records, "1.003767").documents[0]
    assert document.name == "Bản đăng ký kiểm dịch nhập khẩu động vật, sản phẩm động vật thủy sản"
    assert document.form_code.startswith("Mau 02 TS.") and document.form_code.endswith(".docx")


def test_legal_number_glued_after_date(records):
    procedure = parsed(records, "1.004344")
    assert [b.number for b in procedure.legal_basis] == [
        "18/2017/QH14",
        "146/2025/QH15",
        "41/2026/NĐ-CP",
        "31/2024/QH15",
    ]
    assert procedure.legal_basis[2].title.startswith("Nghị định số 41/2026/NĐ-CP ngày 25/01/2026")
    assert procedure.documents[0].form_code == "Mẫu số 12.docx"


def test_documents_recovered_from_page_when_field_is_misplaced(records):
    # The scraper put step text in thanh_phan_ho_so; the table is in the page text.
    procedure = parsed(records, "1.001521")
    assert len(procedure.documents) >= 6
    assert all(d.originals == 1 for d in procedure.documents[:6])
    assert "documents" not in procedure.unparsed


def test_legal_table_followed_by_next_page_label(records):
    result = import_record(records["3.000163"])
    numbers = [b.number for b in result.procedure.legal_basis]
    assert numbers[0] == "02/2014/TTLT-TANDTC-VKSNDTC-BTP-BTC"
    assert "21/2014/L-CTN" in numbers
    assert not any("Cơ quan thực hiện" in (b.title or "") for b in result.procedure.legal_basis)
    assert [(d.name, d.originals, d.copies) for d in result.procedure.documents][:2] == [
        ("Đơn khởi kiện", 1, 0),
        ("Tài liệu, chứng cứ kèm theo (nếu có)", 0, 1),
    ]


def test_free_text_time_cell(records):
    procedure = parsed(records, "1.009824")
    assert [m.channel for m in procedure.modes] == [Channel.direct, Channel.online, Channel.post]
    assert procedure.modes[0].processing_time.startswith("Hệ thống giải quyết thủ tục hành chính ngành Thuế")
    assert procedure.modes[0].fee is None


def test_whole_catalogue_imports(records):
    results = [import_record(record) for record in records.values()]
    assert len(results) == 2642
    assert sum(bool(r.procedure.documents) for r in results) / len(results) >= 0.95
    assert sum(bool(r.procedure.legal_basis) for r in results) / len(results) >= 0.95
