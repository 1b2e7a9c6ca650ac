"""Request and response models of the complaints API for managers and staff."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from storage import ComplaintKind, ComplaintState
from webhook.schemas import PrintableText


class ComplaintListItem(BaseModel):
    """A row of the queue: no personal data, so a list never needs an audit entry."""

    reference_code: str
    kind: ComplaintKind
    kind_label: str
    status: ComplaintState
    status_label: str
    procedure_code: str | None
    procedure_name: str | None
    agency: str
    channel: str
    assignee: str | None = Field(description="Username of the assigned officer")
    answer_due: date
    overdue_working_days: int = Field(description="Working days past the answer date (0 if not overdue)")
    dossier_late_working_days: int = Field(description="Working days the dossier is past its promised date")
    created_at: datetime
    updated_at: datetime


class ComplaintListPage(BaseModel):
    items: list[ComplaintListItem]
    total: int
    page: int
    page_size: int | None


class HistoryEntry(BaseModel):
    at: datetime
    actor: str | None = Field(description="Username, or null for the citizen through the bot")
    from_status: ComplaintState | None
    to_status: ComplaintState
    to_status_label: str
    assignee: str | None
    note: str | None
    public_reply: str | None


class ComplaintDetail(ComplaintListItem):
    dossier_code: str | None
    submitted_on: date | None
    promised_on: date | None
    description: str
    citizen_name: str
    phone: str = Field(description="Full for managers; masked (09xx xxx 678) for staff")
    contact_consent: bool
    public_reply: str | None
    history: list[HistoryEntry]
    next_states: list[ComplaintState] = Field(
        description="States the workflow allows from the current one; assigned means (re)assignment"
    )


class AssignRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    assignee: PrintableText = Field(max_length=255, description="Username of the officer who will handle it")
    note: PrintableText | None = Field(default=None, max_length=4000)


class StatusChangeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: ComplaintState
    note: PrintableText | None = Field(
        default=None, max_length=4000, description="Internal note, never shown to the citizen"
    )
    public_reply: PrintableText | None = Field(
        default=None, max_length=4000, description="What the citizen is told; required to resolve or reject"
    )


class UserInfo(BaseModel):
    username: str
    full_name: str
    role: str


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"


class Choice(BaseModel):
    value: str
    label: str


class Choices(BaseModel):
    """The workflow's vocabulary in Vietnamese, so pages show the labels the rest of the product uses."""

    states: list[Choice] = Field(description="Every state, in the workflow's order")
    unresolved_states: list[ComplaintState] = Field(description="States still waiting for the administration")
    kinds: list[Choice]
