"""The complaint workflow: stored before the code is given out, every change in the history, and a status
lookup that shows the public reply but nothing personal."""

import json
from datetime import date

import pytest
from pydantic import ValidationError
from sqlalchemy import func, select

import storage.complaint_service
from storage import (
    ComplaintDraft,
    ComplaintFilter,
    ComplaintKind,
    ComplaintService,
    ComplaintSort,
    ComplaintState,
    MistypedReferenceCode,
    PublicReplyRequired,
    TransitionNotAllowed,
    UnknownReferenceCode,
    UserRole,
    UserStore,
    WorkingCalendar,
    make_engine,
)
from storage.complaint_service import TRANSITIONS
from storage.complaints import VIETNAM_TIME, complaints
from storage.reference_codes import check_character

FIRST, SECOND = (f"PA-{body}{check_character(body)}" for body in ("AAAAAA", "BBBBBB"))


@pytest.fixture
def officers(engine):
    users = UserStore(engine)
    return users.add("quanly", "Lê Quản Lý", UserRole.MANAGER, "x"), users.add(
        "canbo", "Phạm Cán Bộ", UserRole.STAFF, "x"
    )


def test_filed_complaint_is_readable_from_a_new_engine(database_url, engine, service, draft):
    filed = service.file(draft)
    engine.dispose()
    fresh = make_engine(database_url)
    try:
        stored = ComplaintService(fresh, WorkingCalendar()).get(filed.reference_code)
    finally:
        fresh.dispose()
    assert stored == filed


def test_new_complaint_is_new_with_normalised_phone_and_answer_due(service, draft):
    complaint = service.file(draft)
    created_on = complaint.created_at.astimezone(VIETNAM_TIME).date()
    assert (complaint.status, complaint.phone, complaint.answer_due) == (
        ComplaintState.NEW,
        "0912345678",
        WorkingCalendar().add_working_days(created_on, 10),
    )


def test_filing_is_the_first_history_entry(service, draft):
    complaint = service.file(draft)
    [filed] = service.history(complaint.id)
    assert (filed.from_status, filed.to_status, filed.actor_id) == (None, ComplaintState.NEW, None)


def test_a_complaint_taken_down_by_staff_names_them_as_its_first_actor(service, draft, officers):
    _, staff = officers
    complaint = service.file(draft.model_copy(update={"channel": "hotline"}), actor_id=staff.id)
    [filed] = service.history(complaint.id)
    assert (complaint.channel, filed.to_status, filed.actor_id) == ("hotline", ComplaintState.NEW, staff.id)


def test_public_status_never_shows_personal_fields(service, draft, officers):
    manager, _ = officers
    code = service.file(draft).reference_code
    service.assign(code, assignee_id=manager.id, actor_id=manager.id, note="Gọi lại cho chị Lan 0912345678")
    status = service.public_status(code)
    shown = json.dumps(status.model_dump(mode="json"), ensure_ascii=False)
    for personal in ("Nguyễn Thị Lan", "0912345678", "quá hẹn", "H57-241115", "Gọi lại"):
        assert personal not in shown
    assert set(status.model_dump()) == {
        "reference_code", "kind", "kind_label", "status", "status_label",
        "created_at", "updated_at", "public_reply", "answer_due",
    }  # fmt: skip


def test_status_lookup_accepts_lower_case_and_stray_spaces(service, draft):
    code = service.file(draft).reference_code
    typed = "  " + code.lower().replace("-", " - ") + " "
    assert service.public_status(typed).reference_code == code


def test_a_mistyped_code_is_refused_not_looked_up(service, draft):
    code = service.file(draft).reference_code
    typo = code[:-2] + ("2" if code[-2] != "2" else "3") + code[-1]
    with pytest.raises(MistypedReferenceCode):
        service.public_status(typo)


def test_unknown_or_malformed_code_has_no_status(service):
    assert service.public_status("PA-222222") is None
    assert service.public_status("xin chào") is None


def test_code_collision_is_retried(service, draft, monkeypatch):
    codes = iter([FIRST, FIRST, SECOND])
    monkeypatch.setattr(storage.complaint_service, "new_reference_code", lambda: next(codes))
    assert [service.file(draft).reference_code, service.file(draft).reference_code] == [FIRST, SECOND]


def test_endless_collisions_fail_loudly_and_store_nothing_more(engine, service, draft, monkeypatch):
    monkeypatch.setattr(storage.complaint_service, "new_reference_code", lambda: FIRST)
    service.file(draft)
    with pytest.raises(RuntimeError):
        service.file(draft)
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(complaints)).scalar_one() == 1


def test_whole_workflow_keeps_every_step(service, draft, officers):
    manager, officer = officers
    code = service.file(draft).reference_code
    service.assign(code, assignee_id=officer.id, actor_id=manager.id, note="Phòng Tư pháp xử lý")
    service.change_status(code, ComplaintState.IN_PROGRESS, actor_id=manager.id, note="Đã gọi UBND phường")
    service.change_status(
        code,
        ComplaintState.RESOLVED,
        actor_id=manager.id,
        public_reply="Giấy khai sinh đã có, mời chị đến nhận.",
    )
    complaint = service.get(code)
    assert (complaint.status, complaint.assignee_id) == (ComplaintState.RESOLVED, officer.id)
    history = service.history(complaint.id)
    assert [(h.from_status, h.to_status) for h in history] == [
        (None, ComplaintState.NEW),
        (ComplaintState.NEW, ComplaintState.ASSIGNED),
        (ComplaintState.ASSIGNED, ComplaintState.IN_PROGRESS),
        (ComplaintState.IN_PROGRESS, ComplaintState.RESOLVED),
    ]
    assert history[1].note == "Phòng Tư pháp xử lý" and history[1].assignee_id == officer.id
    assert all(h.actor_id == manager.id for h in history[1:])
    status = service.public_status(code)
    assert (status.status_label, status.public_reply) == (
        "Đã giải quyết",
        "Giấy khai sinh đã có, mời chị đến nhận.",
    )


@pytest.mark.parametrize(
    ("path", "refused"),
    [
        ([], ComplaintState.RESOLVED),  # new -> resolved skips the handling
        ([], ComplaintState.CLOSED),
        ([ComplaintState.ASSIGNED], ComplaintState.NEW),
        ([ComplaintState.REJECTED], ComplaintState.IN_PROGRESS),
        ([ComplaintState.REJECTED, ComplaintState.CLOSED], ComplaintState.IN_PROGRESS),
    ],
)
def test_transitions_outside_the_workflow_are_refused(service, draft, officers, path, refused):
    manager, _ = officers
    code = service.file(draft).reference_code
    for step in path:
        service.change_status(code, step, actor_id=manager.id, public_reply="Không thuộc thẩm quyền.")
    with pytest.raises(TransitionNotAllowed):
        service.change_status(code, refused, actor_id=manager.id, public_reply="x")
    assert len(service.history(service.get(code).id)) == 1 + len(path)  # nothing recorded for the refusal


def test_every_state_can_reach_an_end():
    ends = {ComplaintState.CLOSED}
    reachable = {ComplaintState.CLOSED}
    while True:
        grown = reachable | {state for state, targets in TRANSITIONS.items() if targets & reachable}
        if grown == reachable:
            break
        reachable = grown
    assert reachable == set(ComplaintState) and ends <= reachable


def test_resolving_or_rejecting_needs_a_public_reply(service, draft, officers):
    manager, _ = officers
    code = service.file(draft).reference_code
    with pytest.raises(PublicReplyRequired):
        service.change_status(code, ComplaintState.REJECTED, actor_id=manager.id, note="trùng")


def test_changing_an_unknown_code_raises(service, officers):
    with pytest.raises(UnknownReferenceCode):
        service.change_status("PA-222222", ComplaintState.ASSIGNED, actor_id=officers[0].id)


def test_queue_filters_sorts_and_pages(service, draft, officers):
    manager, officer = officers
    codes = [service.file(draft.model_copy(update={"agency": f"UBND xã {n}"})).reference_code for n in "ABC"]
    service.file(draft.model_copy(update={"kind": ComplaintKind.EVASIVE, "procedure_code": "1.000001"}))
    service.assign(codes[1], assignee_id=officer.id, actor_id=manager.id)
    assert service.search(ComplaintFilter()).total == 4
    assert [c.reference_code for c in service.search(ComplaintFilter(agency="xã b")).items] == [codes[1]]
    assert service.search(ComplaintFilter(status=[ComplaintState.ASSIGNED])).total == 1
    assert service.search(ComplaintFilter(kind=ComplaintKind.EVASIVE)).total == 1
    assert service.search(ComplaintFilter(procedure_code="1.000001")).total == 1
    assert service.search(ComplaintFilter(assignee_id=officer.id)).total == 1
    assert service.search(ComplaintFilter(overdue=True)).total == 0
    today = date.today()
    assert service.search(ComplaintFilter(created_from=today.replace(year=today.year + 1))).total == 0
    newest = service.search(ComplaintFilter(sort=ComplaintSort.NEWEST, page_size=2, page=2))
    assert (newest.total, [c.reference_code for c in newest.items]) == (4, codes[1::-1])


def test_overdue_complaints_come_first_with_their_working_days(engine, service, draft):
    late, on_time = service.file(draft).reference_code, service.file(draft).reference_code
    with engine.begin() as connection:
        connection.execute(
            complaints.update()
            .where(complaints.c.reference_code == late)
            .values(answer_due=date(2026, 11, 2))
        )
    queue = service.search(ComplaintFilter()).items
    assert [c.reference_code for c in queue] == [late, on_time]
    assert [c.reference_code for c in service.search(ComplaintFilter(overdue=True)).items] == [late]
    # 2/11/2026 (Monday) to 13/11 (Friday): nine working days.
    assert service.overdue_working_days(queue[0], today=date(2026, 11, 13)) == 9
    # The dossier was promised on 5/11 (Thursday): six working days late on 13/11.
    assert service.dossier_late_working_days(queue[0], today=date(2026, 11, 13)) == 6


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
