"""Complaints for managers (review, assign, answer, close, export) and staff (read, contacts masked).

Every view of a citizen's full contact details writes an audit row; lists carry no personal data.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, status
from fastapi.responses import Response

from storage import (
    Complaint,
    ComplaintFilter,
    ComplaintKind,
    ComplaintService,
    ComplaintSort,
    ComplaintState,
    MistypedReferenceCode,
    PublicReplyRequired,
    TransitionNotAllowed,
    User,
    UserRole,
    UserStore,
)
from webhook.api.deps import AuditDep, ComplaintsDep, CurrentUser, ManagerUser, UsersDep, ZaloDep
from webhook.complaint_schemas import (
    AssignRequest,
    ComplaintDetail,
    ComplaintListItem,
    ComplaintListPage,
    HistoryEntry,
    StatusChangeRequest,
    UserInfo,
)
from webhook.csv_export import csv_download
from webhook.schemas import FIRST_DAY, LAST_DAY, PrintableText

router = APIRouter(prefix="/api", tags=["complaints"])

CSV_COLUMNS = [
    ("reference_code", "Mã phản ánh"), ("status_label", "Trạng thái"), ("kind_label", "Loại"),
    ("procedure_code", "Mã thủ tục"), ("procedure_name", "Thủ tục"), ("agency", "Cơ quan"),
    ("channel", "Kênh"), ("assignee", "Cán bộ xử lý"), ("created_at", "Ngày tiếp nhận"),
    ("answer_due", "Hạn trả lời"), ("overdue_working_days", "Số ngày làm việc quá hạn"),
    ("dossier_late_working_days", "Số ngày làm việc hồ sơ trễ hẹn"), ("citizen_name", "Người phản ánh"),
    ("phone", "Số điện thoại"), ("description", "Nội dung"), ("public_reply", "Trả lời người dân"),
]  # fmt: skip


def mask_phone(phone: str) -> str:
    """ "0912345678" -> "09xx xxx 678": enough for staff to confirm a caller, not to copy the number."""
    return f"{phone[:2]}xx xxx {phone[-3:]}"


def _usernames(users: UserStore, *ids: int | None) -> dict[int, str]:
    found = {}
    for user_id in {i for i in ids if i is not None}:
        user = users.get_by_id(user_id)
        found[user_id] = user.username if user else f"#{user_id}"
    return found


def _list_item(complaint: Complaint, service: ComplaintService, names: dict[int, str]) -> ComplaintListItem:
    return ComplaintListItem(
        **complaint.model_dump(include=set(ComplaintListItem.model_fields)),
        kind_label=complaint.kind.label,
        status_label=complaint.status.label,
        assignee=names.get(complaint.assignee_id) if complaint.assignee_id else None,
        overdue_working_days=service.overdue_working_days(complaint),
        dossier_late_working_days=service.dossier_late_working_days(complaint),
    )


def _found(service: ComplaintService, reference_code: str) -> Complaint:
    try:
        complaint = service.get(reference_code)
    except MistypedReferenceCode as error:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            "Mã phản ánh có ký tự kiểm tra không khớp: có thể đã gõ nhầm một ký tự, vui lòng kiểm tra lại.",
        ) from error
    if complaint is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Không tìm thấy phản ánh có mã này.")
    return complaint


def _detail(
    complaint: Complaint, viewer: User, service: ComplaintService, users: UserStore, audit: AuditDep
) -> ComplaintDetail:
    history = service.history(complaint.id)
    names = _usernames(
        users, complaint.assignee_id, *(c.actor_id for c in history), *(c.assignee_id for c in history)
    )
    full_contact = viewer.role is UserRole.MANAGER
    if full_contact:
        audit.record(viewer.id, "view_complaint_contact", complaint.reference_code)
    return ComplaintDetail(
        **_list_item(complaint, service, names).model_dump(),
        **complaint.model_dump(
            include={
                "dossier_code",
                "submitted_on",
                "promised_on",
                "description",
                "citizen_name",
                "contact_consent",
                "public_reply",
            }
        ),
        phone=complaint.phone if full_contact else mask_phone(complaint.phone),
        history=[
            HistoryEntry(
                **change.model_dump(include={"at", "from_status", "to_status", "note", "public_reply"}),
                to_status_label=change.to_status.label,
                actor=names.get(change.actor_id) if change.actor_id else None,
                assignee=names.get(change.assignee_id) if change.assignee_id else None,
            )
            for change in history
        ],
        next_states=service.next_states(complaint.status),
    )


# Far more pages than there will ever be complaints, and few enough that the offset fits a BIGINT (SQLite
# refused to bind a larger one: a 500).
PAGE_MAX = 1_000_000


def _filter(
    status_: Annotated[list[ComplaintState] | None, Query(alias="status")] = None,
    agency: Annotated[PrintableText | None, Query(max_length=255)] = None,
    kind: ComplaintKind | None = None,
    procedure_code: Annotated[PrintableText | None, Query(max_length=255)] = None,
    overdue: bool | None = None,
    created_from: Annotated[date | None, Query(ge=FIRST_DAY, le=LAST_DAY)] = None,
    created_to: Annotated[date | None, Query(ge=FIRST_DAY, le=LAST_DAY)] = None,
    sort: ComplaintSort = ComplaintSort.OVERDUE_FIRST,
    page: Annotated[int, Query(ge=1, le=PAGE_MAX)] = 1,
    page_size: Annotated[int, Query(ge=1, le=200)] = 20,
) -> ComplaintFilter:
    return ComplaintFilter(
        status=status_ or [],
        agency=agency,
        kind=kind,
        procedure_code=procedure_code,
        overdue=overdue,
        created_from=created_from,
        created_to=created_to,
        sort=sort,
        page=page,
        page_size=page_size,
    )


FilterDep = Annotated[ComplaintFilter, Depends(_filter)]


@router.get(
    "/complaints", response_model=ComplaintListPage, summary="The complaint queue, filtered and paged"
)
def list_complaints(
    query: FilterDep, user: CurrentUser, service: ComplaintsDep, users: UsersDep
) -> ComplaintListPage:
    page = service.search(query)
    names = _usernames(users, *(c.assignee_id for c in page.items))
    return ComplaintListPage(
        items=[_list_item(c, service, names) for c in page.items],
        total=page.total,
        page=page.page,
        page_size=page.page_size,
    )


@router.get("/complaints/export.csv", summary="The filtered complaints as CSV (UTF-8 with BOM, for Excel)")
def export_csv(
    query: FilterDep, user: ManagerUser, service: ComplaintsDep, users: UsersDep, audit: AuditDep
) -> Response:
    complaints = service.search(query.model_copy(update={"page": 1, "page_size": None})).items
    names = _usernames(users, *(c.assignee_id for c in complaints))
    audit.record(user.id, "export_complaints_csv", query.model_dump_json(exclude_defaults=True))
    rows = (
        {**complaint.model_dump(), **_list_item(complaint, service, names).model_dump()}
        for complaint in complaints
    )
    return csv_download(CSV_COLUMNS, rows, "phan-anh.csv")


@router.get(
    "/complaints/{reference_code}", response_model=ComplaintDetail, summary="One complaint with its history"
)
def get_complaint(
    reference_code: str, user: CurrentUser, service: ComplaintsDep, users: UsersDep, audit: AuditDep
) -> ComplaintDetail:
    return _detail(_found(service, reference_code), user, service, users, audit)


@router.post(
    "/complaints/{reference_code}/assign", response_model=ComplaintDetail, summary="Assign to an officer"
)
def assign(
    reference_code: str,
    body: AssignRequest,
    user: ManagerUser,
    service: ComplaintsDep,
    users: UsersDep,
    audit: AuditDep,
) -> ComplaintDetail:
    assignee = users.get(body.assignee)
    if assignee is None or not assignee.active:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT, "Không có cán bộ đang hoạt động với tên đăng nhập này."
        )
    complaint = _found(service, reference_code)
    try:
        changed = service.assign(
            complaint.reference_code, assignee_id=assignee.id, actor_id=user.id, note=body.note
        )
    except TransitionNotAllowed as error:
        raise HTTPException(status.HTTP_409_CONFLICT, str(error)) from error
    return _detail(changed, user, service, users, audit)


@router.post(
    "/complaints/{reference_code}/status",
    response_model=ComplaintDetail,
    summary="Change state, with a note and a reply",
)
def change_status(
    reference_code: str,
    body: StatusChangeRequest,
    user: ManagerUser,
    service: ComplaintsDep,
    users: UsersDep,
    audit: AuditDep,
    zalo: ZaloDep,
) -> ComplaintDetail:
    complaint = _found(service, reference_code)
    try:
        changed = service.change_status(
            complaint.reference_code,
            body.status,
            actor_id=user.id,
            note=body.note,
            public_reply=body.public_reply,
        )
    except TransitionNotAllowed as error:
        raise HTTPException(status.HTTP_409_CONFLICT, str(error)) from error
    except PublicReplyRequired as error:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(error)) from error
    if body.public_reply and zalo is not None and changed.channel == zalo.name:
        zalo.notify_complaint_reply(changed)
    return _detail(changed, user, service, users, audit)


@router.get("/users", response_model=list[UserInfo], summary="Active accounts, to choose an assignee")
def list_users(user: ManagerUser, users: UsersDep) -> list[UserInfo]:
    return [
        UserInfo(username=u.username, full_name=u.full_name, role=u.role.value)
        for u in users.all()
        if u.active
    ]
