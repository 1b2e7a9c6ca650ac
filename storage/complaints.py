"""Complaints about how a dossier was handled, stored durably before the citizen hears the code."""

import re
import secrets
from datetime import date, datetime, timedelta, timezone
from enum import Enum
from pathlib import Path

from pydantic import BaseModel, ConfigDict, TypeAdapter, computed_field, model_validator
from pydantic_core import PydanticCustomError
from sqlalchemy import Boolean, Column, Date, Engine, Integer, String, Table, Text, insert, select, update
from sqlalchemy.exc import IntegrityError

from storage.db import SENDER_ID_LENGTH, UtcDateTime, metadata, stored_enum, utc_now
from storage.fields import LINE_MAX, Line, MobilePhone, OptionalLine, Paragraph
from text_matching import PhraseTable

# Vietnam has no daylight saving time, so a fixed offset gives the citizen's calendar date exactly.
VIETNAM_TIME = timezone(timedelta(hours=7), "ICT")

# No 0/O, 1/I/L: codes are read aloud over the phone and copied from screenshots.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
REFERENCE_PREFIX = "PA-"
_REFERENCE_LENGTH = 6
_REFERENCE_PATTERN = re.compile(rf"PA[-–_]?([{REFERENCE_ALPHABET}]{{{_REFERENCE_LENGTH}}})")
# 31^6 ≈ 887 million codes: a collision is rare, several in a row means something else is wrong.
_CODE_ATTEMPTS = 5


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
    RESOLVED = "resolved"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return _STATE_LABELS[self]


_STATE_LABELS = {
    ComplaintState.NEW: "Mới tiếp nhận",
    ComplaintState.ASSIGNED: "Đang xử lý",
    ComplaintState.RESOLVED: "Đã giải quyết",
    ComplaintState.CLOSED: "Đã đóng",
}


def vietnam_today() -> date:
    return datetime.now(VIETNAM_TIME).date()


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
    """A stored complaint, personal fields included: for staff, never for a status lookup."""

    reference_code: str
    status: ComplaintState
    last_update: str | None
    answer_due: date
    created_at: datetime
    updated_at: datetime


class ComplaintStatus(BaseModel):
    """What anyone holding the reference code may see: no name, phone, description or dossier code."""

    reference_code: str
    kind: ComplaintKind
    status: ComplaintState
    last_update: str | None
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


class UnknownReferenceCode(LookupError):
    """No complaint has this reference code."""


complaints = Table(
    "complaints",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("reference_code", String(len(REFERENCE_PREFIX) + _REFERENCE_LENGTH), nullable=False, unique=True),
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
    Column("status", stored_enum(ComplaintState, "status"), nullable=False),
    # The note shown to the citizen next to the status; internal notes belong elsewhere.
    Column("last_update", Text),
    Column("answer_due", Date, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
)

_note = TypeAdapter(Paragraph)


def _columns(model: type[BaseModel]) -> list[Column]:
    """The columns behind a model's fields, so a query reads exactly what the model exposes."""
    return [complaints.c[name] for name in model.model_fields]


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after start, skipping Saturdays and Sundays (not public holidays)."""
    if days < 0:
        raise ValueError("days must not be negative")
    current = start
    while days:
        current += timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


def new_reference_code() -> str:
    return REFERENCE_PREFIX + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(_REFERENCE_LENGTH))


def normalize_reference_code(text: str) -> str | None:
    """ "pa - 7k3m9q" -> "PA-7K3M9Q"; None when text cannot be a reference code."""
    match = _REFERENCE_PATTERN.fullmatch("".join(text.split()).upper())
    return REFERENCE_PREFIX + match[1] if match else None


class ComplaintStore:
    """Complaints in the database; every method commits before it returns."""

    def __init__(self, engine: Engine, *, answer_working_days: int = 10) -> None:
        self._engine = engine
        self._answer_working_days = answer_working_days

    def add(self, draft: ComplaintDraft) -> Complaint:
        """Store a new complaint; once this returns, it is committed and its code can be given out."""
        now = utc_now()
        answer_due = add_working_days(now.astimezone(VIETNAM_TIME).date(), self._answer_working_days)
        for _ in range(_CODE_ATTEMPTS):
            complaint = Complaint(
                **draft.model_dump(),
                reference_code=new_reference_code(),
                status=ComplaintState.NEW,
                last_update=None,
                answer_due=answer_due,
                created_at=now,
                updated_at=now,
            )
            try:
                with self._engine.begin() as connection:
                    connection.execute(insert(complaints).values(**complaint.model_dump()))
            except IntegrityError:
                # Only a taken code is worth another try; any other constraint is a real error.
                if self._find(complaint.reference_code, [complaints.c.id]) is None:
                    raise
                continue
            return complaint
        raise RuntimeError(f"no free reference code after {_CODE_ATTEMPTS} attempts")

    def get(self, reference_code: str) -> Complaint | None:
        """The whole complaint, personal fields included (for staff)."""
        row = self._find(reference_code, _columns(Complaint))
        return Complaint.model_validate(row) if row else None

    def public_status(self, reference_code: str) -> ComplaintStatus | None:
        """The status a citizen may see for a code as typed ("pa-7k3m9q"), or None if there is none."""
        # Only the public columns are read, so personal data cannot leak through this path.
        row = self._find(reference_code, _columns(ComplaintStatus))
        return ComplaintStatus.model_validate(row) if row else None

    def update_status(self, reference_code: str, status: ComplaintState, note: str) -> ComplaintStatus:
        """Move a complaint to status with a note the citizen will see; UnknownReferenceCode if absent."""
        values = {
            "status": ComplaintState(status),
            "last_update": _note.validate_python(note),
            "updated_at": utc_now(),
        }
        code = normalize_reference_code(reference_code)
        with self._engine.begin() as connection:
            connection.execute(update(complaints).where(complaints.c.reference_code == code).values(**values))
            row = connection.execute(
                select(*_columns(ComplaintStatus)).where(complaints.c.reference_code == code)
            ).first()
        if row is None:
            raise UnknownReferenceCode(reference_code)
        return ComplaintStatus.model_validate(row._mapping)

    def _find(self, reference_code: str, columns: list[Column]) -> dict | None:
        code = normalize_reference_code(reference_code)
        if code is None:
            return None
        with self._engine.connect() as connection:
            row = connection.execute(select(*columns).where(complaints.c.reference_code == code)).first()
        return dict(row._mapping) if row else None
