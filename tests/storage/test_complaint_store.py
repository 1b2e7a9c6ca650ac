"""Complaints are stored before the code is given out, and a status lookup shows nothing personal."""

import json
import re
from datetime import date

import pytest
from pydantic import ValidationError
from sqlalchemy import func, select

import storage.complaints
from storage import (
    ComplaintDraft,
    ComplaintKind,
    ComplaintState,
    ComplaintStore,
    UnknownReferenceCode,
    create_schema,
    make_engine,
    normalize_reference_code,
)
from storage.complaints import complaints


def test_added_complaint_is_readable_from_a_new_engine(database_url, engine, draft):
    added = ComplaintStore(engine).add(draft)
    engine.dispose()

    fresh = make_engine(database_url)
    try:
        stored = ComplaintStore(fresh).get(added.reference_code)
    finally:
        fresh.dispose()
    assert stored == added


def test_new_complaint_is_new_with_normalised_phone_and_answer_due(engine, draft):
    complaint = ComplaintStore(engine, answer_working_days=10).add(draft)
    created_on = complaint.created_at.astimezone(storage.complaints.VIETNAM_TIME).date()
    assert (complaint.status, complaint.phone, complaint.answer_due) == (
        ComplaintState.NEW,
        "0912345678",
        storage.add_working_days(created_on, 10),
    )


def test_public_status_never_shows_personal_fields(engine, draft):
    code = ComplaintStore(engine).add(draft).reference_code
    status = ComplaintStore(engine).public_status(code)
    shown = json.dumps(status.model_dump(mode="json"), ensure_ascii=False)
    for personal in ("Nguyễn Thị Lan", "0912345678", "quá hẹn", "H57-241115"):
        assert personal not in shown
    assert set(status.model_dump()) == {
        "reference_code", "kind", "kind_label", "status", "status_label",
        "created_at", "updated_at", "last_update", "answer_due",
    }  # fmt: skip


def test_status_lookup_accepts_lower_case_and_stray_spaces(engine, draft):
    code = ComplaintStore(engine).add(draft).reference_code
    typed = "  " + code.lower().replace("-", " - ") + " "
    assert ComplaintStore(engine).public_status(typed).reference_code == code


def test_unknown_or_malformed_code_has_no_status(engine):
    store = ComplaintStore(engine)
    assert store.public_status("PA-222222") is None
    assert store.public_status("xin chào") is None


def test_reference_code_format():
    for _ in range(200):
        assert re.fullmatch(r"PA-[2-9A-HJKMNP-Z]{6}", storage.complaints.new_reference_code())


def test_normalize_reference_code():
    assert normalize_reference_code(" pa-7k3m9q ") == "PA-7K3M9Q"
    assert normalize_reference_code("PA7K3M9Q") == "PA-7K3M9Q"
    assert normalize_reference_code("PA-7K3M9O") is None  # O is never issued


def test_code_collision_is_retried(engine, draft, monkeypatch):
    codes = iter(["PA-AAAAAA", "PA-AAAAAA", "PA-BBBBBB"])
    monkeypatch.setattr(storage.complaints, "new_reference_code", lambda: next(codes))
    store = ComplaintStore(engine)
    assert [store.add(draft).reference_code, store.add(draft).reference_code] == ["PA-AAAAAA", "PA-BBBBBB"]


def test_endless_collisions_fail_loudly_and_store_nothing_more(engine, draft, monkeypatch):
    monkeypatch.setattr(storage.complaints, "new_reference_code", lambda: "PA-AAAAAA")
    store = ComplaintStore(engine)
    store.add(draft)
    with pytest.raises(RuntimeError):
        store.add(draft)
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(complaints)).scalar_one() == 1


def test_update_status_shows_label_and_note(engine, draft):
    store = ComplaintStore(engine)
    code = store.add(draft).reference_code
    store.update_status(code, ComplaintState.ASSIGNED, "Đã chuyển phòng Tư pháp xử lý.")
    status = store.public_status(code)
    assert (status.status_label, status.last_update) == ("Đang xử lý", "Đã chuyển phòng Tư pháp xử lý.")
    assert status.updated_at >= status.created_at


def test_update_status_of_unknown_code_raises(engine):
    with pytest.raises(UnknownReferenceCode):
        ComplaintStore(engine).update_status("PA-222222", ComplaintState.CLOSED, "Đóng.")


def test_create_schema_is_idempotent(engine, draft):
    code = ComplaintStore(engine).add(draft).reference_code
    create_schema(engine)
    assert ComplaintStore(engine).get(code) is not None


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("phone", "0212345678"),
        ("citizen_name", "   "),
        ("description", ""),
        ("agency", "x" * 300),
        ("kind", "unknown"),
        ("promised_on", date(2026, 11, 1)),  # before submitted_on
        ("submitted_on", date(2999, 1, 1)),
        ("unexpected_field", "x"),
    ],
)
def test_bad_input_is_rejected_with_the_field_named(draft, field, value):
    with pytest.raises(ValidationError) as error:
        ComplaintDraft(**{**draft.model_dump(), field: value})
    assert error.value.errors()


def test_validation_messages_are_vietnamese(draft):
    with pytest.raises(ValidationError, match="Số điện thoại di động không hợp lệ"):
        ComplaintDraft(**{**draft.model_dump(), "phone": "12345"})


def test_blank_optional_fields_become_none(draft):
    assert ComplaintDraft(**{**draft.model_dump(), "dossier_code": "  "}).dossier_code is None


@pytest.mark.parametrize(
    ("mention", "kind"),
    [
        ("trễ hẹn", ComplaintKind.SLOW),
        ("ne tranh", ComplaintKind.EVASIVE),
        ("Không trả lời", ComplaintKind.EVASIVE),
        ("thái độ", ComplaintKind.ATTITUDE),
        ("khác", ComplaintKind.OTHER),
        ("mưa", None),
        ("hồ sơ của tôi bị quá hạn cả tuần", ComplaintKind.SLOW),
        ("gọi mãi không ai trả lời", ComplaintKind.EVASIVE),
        ("can bo hach dich", ComplaintKind.ATTITUDE),
    ],
)
def test_kind_from_citizen_words(mention, kind):
    assert ComplaintKind.from_text(mention) is kind
