"""Complaints about how a dossier was handled, stored durably before the citizen hears the code."""

from datetime import date, datetime, timedelta, timezone
from enum import Enum
from pathlib import Path

from pydantic import BaseModel, ConfigDict, computed_field, model_validator
from pydantic_core import PydanticCustomError
from sqlalchemy import Boolean, Column, Date, ForeignKey, Integer, String, Table, Text

from storage.db import SENDER_ID_LENGTH, UtcDateTime, metadata, stored_enum
from storage.fields import LINE_MAX, Line, MobilePhone, OptionalLine, Paragraph
from storage.reference_codes import CODE_MAX_LENGTH
from text_matching import PhraseTable

# Vietnam has no daylight saving time, so a fixed offset gives the citizen's calendar date exactly.
VIETNAM_TIME = timezone(timedelta(hours=7), "ICT")


class ComplaintKind(str, Enum):
    """What went wrong; the value is stored, the label is shown."""

    SLOW = "slow"
    EVASIVE = "evasive"
    ATTITUDE = "attitude"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]

    @classmethod
    def from_text(cls, text: str) -> "ComplaintKind | None":
        """The kind a citizen's words name ("bị trễ hẹn", "ne tranh", "hách dịch"…), accents optional."""
        kind = _KIND_PHRASES.first(text)
        return cls(kind) if kind else None


_KIND_LABELS = {
    ComplaintKind.SLOW: "Trễ hẹn",
    ComplaintKind.EVASIVE: "Né tránh, không trả lời",
    ComplaintKind.ATTITUDE: "Thái độ phục vụ",
    ComplaintKind.OTHER: "Khác",
}
_KIND_PHRASES = PhraseTable.from_yaml(Path(__file__).with_name("complaint_kinds.yml"), "kinds")


class ComplaintState(str, Enum):
    """Where a complaint stands; the value is stored, the label is shown to the citizen."""

    NEW = "new"
    ASSIGNED = "assigned"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    CLOSED = "closed"
    REJECTED = "rejected"

    @property
    def label(self) -> str:
        return _STATE_LABELS[self]


_STATE_LABELS = {
    ComplaintState.NEW: "Mới tiếp nhận",
    ComplaintState.ASSIGNED: "Đã phân công xử lý",
    ComplaintState.IN_PROGRESS: "Đang xử lý",
    ComplaintState.RESOLVED: "Đã giải quyết",
    ComplaintState.CLOSED: "Đã đóng",
    ComplaintState.REJECTED: "Từ chối xử lý",
}
# Where the complaint is still waiting for the administration.
UNRESOLVED_STATES = frozenset({ComplaintState.NEW, ComplaintState.ASSIGNED, ComplaintState.IN_PROGRESS})


def vietnam_today() -> date:
    return datetime.now(VIETNAM_TIME).date()


def vietnam_day_start(day: date, days_after: int = 0) -> datetime:
    """The moment a day (or the one `days_after` it) begins in Vietnam: the bounds of a date-range filter."""
    return datetime.combine(day + timedelta(days=days_after), datetime.min.time(), VIETNAM_TIME)


class ComplaintDraft(BaseModel):
    """Everything the complaint form collects, validated before anything is stored."""

    model_config = ConfigDict(extra="forbid")

    kind: ComplaintKind
    procedure_code: OptionalLine = None
    procedure_name: OptionalLine = None
    dossier_code: OptionalLine = None
    agency: Line
    submitted_on: date | None = None
    promised_on: date | None = None
    description: Paragraph
    citizen_name: Line
    phone: MobilePhone
    contact_consent: bool
    sender_id: Line
    channel: Line

    @model_validator(mode="after")
    def _dates_in_order(self) -> "ComplaintDraft":
        problem = date_order_problem(self.submitted_on, self.promised_on)
        if problem:
            raise PydanticCustomError("dates_out_of_order", problem)
        return self


def date_order_problem(submitted_on: date | None, promised_on: date | None) -> str | None:
    """Why these dates cannot both be right, in words for the citizen; None when they can."""
    if submitted_on and submitted_on > vietnam_today():
        return "Ngày nộp hồ sơ không thể sau hôm nay."
    if submitted_on and promised_on and promised_on < submitted_on:
        return "Ngày hẹn trả không thể trước ngày nộp hồ sơ."
    return None


class Complaint(ComplaintDraft):
    """A stored complaint, personal fields included: for managers, never for a status lookup."""

    id: int
    reference_code: str
    status: ComplaintState
    public_reply: str | None
    assignee_id: int | None
    answer_due: date
    created_at: datetime
    updated_at: datetime


class ComplaintStatus(BaseModel):
    """What anyone holding the reference code may see: no name, phone, description or dossier code."""

    reference_code: str
    kind: ComplaintKind
    status: ComplaintState
    public_reply: str | None
    answer_due: date
    created_at: datetime
    updated_at: datetime

    @computed_field
    @property
    def kind_label(self) -> str:
        return self.kind.label

    @computed_field
    @property
    def status_label(self) -> str:
        return self.status.label


complaints = Table(
    "complaints",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("reference_code", String(CODE_MAX_LENGTH), nullable=False, unique=True),
    Column("kind", stored_enum(ComplaintKind, "kind"), nullable=False),
    Column("procedure_code", String(LINE_MAX)),
    Column("procedure_name", String(LINE_MAX)),
    Column("dossier_code", String(LINE_MAX)),
    Column("agency", String(LINE_MAX), nullable=False),
    Column("submitted_on", Date),
    Column("promised_on", Date),
    Column("description", Text, nullable=False),
    Column("citizen_name", String(LINE_MAX), nullable=False),
    Column("phone", String(10), nullable=False),
    Column("contact_consent", Boolean, nullable=False),
    Column("sender_id", String(SENDER_ID_LENGTH), nullable=False, index=True),
    Column("channel", String(LINE_MAX), nullable=False),
    Column("status", stored_enum(ComplaintState, "status"), nullable=False, index=True),
    # The latest reply meant for the citizen; internal notes live only in complaint_history.
    Column("public_reply", Text),
    Column("assignee_id", Integer, ForeignKey("users.id", name="fk_complaints_assignee_id_users")),
    Column("answer_due", Date, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
)
