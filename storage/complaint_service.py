"""The complaint workflow: filing, lookups, the managers' queue, assignment and state changes with history.

The action server and the backend both go through this service, so a complaint is changed in one way only:
every change is one transaction that updates the complaint and appends to complaint_history.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta
from enum import Enum
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field, TypeAdapter
from sqlalchemy import Column, Engine, and_, case, func, insert, select, true, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql.elements import ColumnElement

from storage.complaint_history import ComplaintChange, complaint_history
from storage.complaints import (
    UNRESOLVED_STATES,
    VIETNAM_TIME,
    Complaint,
    ComplaintDraft,
    ComplaintKind,
    ComplaintState,
    ComplaintStatus,
    complaints,
    overdue_condition,
    vietnam_day_start,
    vietnam_today,
)
from storage.db import utc_now
from storage.fields import OptionalParagraph
from storage.reference_codes import new_reference_code, parse_reference_code
from storage.working_days import WorkingCalendar

if TYPE_CHECKING:
    from knowledge_base.profile import ProvinceProfile

logger = logging.getLogger(__name__)

# Allowed moves; "assigned" -> "assigned" is a reassignment. Closed is final.
TRANSITIONS: dict[ComplaintState, frozenset[ComplaintState]] = {
    ComplaintState.NEW: frozenset({ComplaintState.ASSIGNED, ComplaintState.REJECTED}),
    ComplaintState.ASSIGNED: frozenset(
        {ComplaintState.ASSIGNED, ComplaintState.IN_PROGRESS, ComplaintState.REJECTED}
    ),
    ComplaintState.IN_PROGRESS: frozenset(
        {ComplaintState.ASSIGNED, ComplaintState.RESOLVED, ComplaintState.REJECTED}
    ),
    ComplaintState.RESOLVED: frozenset({ComplaintState.CLOSED, ComplaintState.IN_PROGRESS}),
    ComplaintState.REJECTED: frozenset({ComplaintState.CLOSED}),
    ComplaintState.CLOSED: frozenset(),
}
# Ending a complaint without telling the citizen why would be exactly the evasive answer it is about.
REPLY_REQUIRED = frozenset({ComplaintState.RESOLVED, ComplaintState.REJECTED})
# 31^6 ≈ 887 million codes: a collision is rare, several in a row means something else is wrong.
_CODE_ATTEMPTS = 5

_optional_paragraph = TypeAdapter(OptionalParagraph)


class UnknownReferenceCode(LookupError):
    """No complaint has this reference code."""


class TransitionNotAllowed(ValueError):
    def __init__(self, current: ComplaintState, requested: ComplaintState) -> None:
        super().__init__(f"Không thể chuyển phản ánh từ «{current.label}» sang «{requested.label}».")
        self.current, self.requested = current, requested


class PublicReplyRequired(ValueError):
    def __init__(self, requested: ComplaintState) -> None:
        super().__init__(f"Cần có nội dung trả lời người dân khi chuyển sang «{requested.label}».")


class ComplaintSort(str, Enum):
    OVERDUE_FIRST = "overdue_first"
    NEWEST = "newest"
    OLDEST = "oldest"
    ANSWER_DUE = "answer_due"


class ComplaintFilter(BaseModel):
    status: list[ComplaintState] = Field(default_factory=list)
    agency: str | None = None  # part of the agency's name, case-insensitive
    kind: ComplaintKind | None = None
    procedure_code: str | None = None
    assignee_id: int | None = None
    overdue: bool | None = None
    created_from: date | None = None
    created_to: date | None = None
    sort: ComplaintSort = ComplaintSort.OVERDUE_FIRST
    page: int = Field(default=1, ge=1)
    page_size: int | None = Field(default=20, ge=1, le=200)  # None: every match (exports)


class ComplaintPage(BaseModel):
    items: list[Complaint]
    total: int
    page: int
    page_size: int | None


def _columns(model: type[BaseModel]) -> list[Column]:
    """The columns behind a model's fields, so a query reads exactly what the model exposes."""
    return [complaints.c[name] for name in model.model_fields]


class ComplaintService:
    def __init__(self, engine: Engine, calendar: WorkingCalendar, *, answer_working_days: int = 10) -> None:
        self._engine = engine
        self.calendar = calendar
        self._answer_working_days = answer_working_days

    @classmethod
    def for_profile(cls, engine: Engine, profile: ProvinceProfile) -> ComplaintService:
        """The service with the province's calendar adjustments and answer time."""
        return cls(
            engine, WorkingCalendar.for_profile(profile), answer_working_days=profile.answer_working_days
        )

    # --- citizens (through the bot, or the hotline on their behalf) ------------------------------------

    def file(self, draft: ComplaintDraft, *, actor_id: int | None = None) -> Complaint:
        """Store a new complaint and its first history entry; once this returns, the code may be given out.

        `actor_id` is the member of staff who took it down (the hotline), None when the citizen filed it."""
        now = utc_now()
        answer_due = self.calendar.add_working_days(
            now.astimezone(VIETNAM_TIME).date(), self._answer_working_days
        )
        values = {
            **draft.model_dump(include=set(ComplaintDraft.model_fields)),
            "status": ComplaintState.NEW,
            "public_reply": None,
            "assignee_id": None,
            "answer_due": answer_due,
            "created_at": now,
            "updated_at": now,
        }
        for _ in range(_CODE_ATTEMPTS):
            code = new_reference_code()
            try:
                with self._engine.begin() as connection:
                    complaint_id = connection.execute(
                        insert(complaints).values(**values, reference_code=code)
                    ).inserted_primary_key[0]
                    connection.execute(
                        insert(complaint_history).values(
                            complaint_id=complaint_id, at=now, actor_id=actor_id, to_status=ComplaintState.NEW
                        )
                    )
            except IntegrityError:
                # Only a taken code is worth another try; any other constraint is a real error.
                if not self._code_taken(code):
                    raise
                logger.warning("reference code collision, drawing another")
                continue
            return Complaint(**values, id=complaint_id, reference_code=code)
        raise RuntimeError(f"no free reference code after {_CODE_ATTEMPTS} attempts")

    def public_status(self, reference_code: str) -> ComplaintStatus | None:
        """What a citizen may see for a code as typed ("pa-7k3m9qx").

        Raises MistypedReferenceCode when the code's check character does not match.
        """
        # Only the public columns are read, so personal data cannot leak through this path.
        row = self._row(reference_code, _columns(ComplaintStatus))
        return ComplaintStatus.model_validate(row) if row else None

    # --- managers and staff -----------------------------------------------------------------------------

    def get(self, reference_code: str) -> Complaint | None:
        """The whole complaint, personal fields included."""
        row = self._row(reference_code, _columns(Complaint))
        return Complaint.model_validate(row) if row else None

    def history(self, complaint_id: int) -> list[ComplaintChange]:
        with self._engine.connect() as connection:
            rows = connection.execute(
                select(complaint_history)
                .where(complaint_history.c.complaint_id == complaint_id)
                .order_by(complaint_history.c.id)
            ).all()
        return [ComplaintChange.model_validate(row._mapping) for row in rows]

    def search(self, query: ComplaintFilter) -> ComplaintPage:
        condition = and_(true(), *self._conditions(query))
        with self._engine.connect() as connection:
            total = connection.execute(
                select(func.count()).select_from(complaints).where(condition)
            ).scalar_one()
            statement = (
                select(*_columns(Complaint))
                .where(condition)
                .order_by(*self._order(query.sort), complaints.c.id)
            )
            if query.page_size:
                statement = statement.limit(query.page_size).offset((query.page - 1) * query.page_size)
            rows = connection.execute(statement).all()
        items = [Complaint.model_validate(row._mapping) for row in rows]
        return ComplaintPage(items=items, total=total, page=query.page, page_size=query.page_size)

    def assign(
        self, reference_code: str, *, assignee_id: int, actor_id: int, note: str | None = None
    ) -> Complaint:
        return self._change(
            reference_code, ComplaintState.ASSIGNED, actor_id=actor_id, note=note, assignee_id=assignee_id
        )

    def change_status(
        self,
        reference_code: str,
        to_status: ComplaintState,
        *,
        actor_id: int,
        note: str | None = None,
        public_reply: str | None = None,
    ) -> Complaint:
        return self._change(
            reference_code, to_status, actor_id=actor_id, note=note, public_reply=public_reply
        )

    @staticmethod
    def next_states(status: ComplaintState) -> list[ComplaintState]:
        """Where the workflow lets a complaint in `status` go, in the workflow's order."""
        return [state for state in ComplaintState if state in TRANSITIONS[status]]

    def overdue_working_days(self, complaint: Complaint, today: date | None = None) -> int:
        """Working days past the answer date of a complaint still waiting; 0 otherwise."""
        if complaint.status not in UNRESOLVED_STATES:
            return 0
        return self.calendar.working_days_between(complaint.answer_due, today or vietnam_today())

    def dossier_late_working_days(self, complaint: Complaint, today: date | None = None) -> int:
        """Working days the citizen's dossier is past the date it was promised for."""
        if complaint.promised_on is None:
            return 0
        return self.calendar.working_days_between(complaint.promised_on, today or vietnam_today())

    # --- internals -----------------------------------------------------------------------------------------

    def _change(
        self,
        reference_code: str,
        to_status: ComplaintState,
        *,
        actor_id: int,
        note: str | None,
        public_reply: str | None = None,
        assignee_id: int | None = None,
    ) -> Complaint:
        to_status = ComplaintState(to_status)
        note = _optional_paragraph.validate_python(note)
        public_reply = _optional_paragraph.validate_python(public_reply)
        if to_status in REPLY_REQUIRED and not public_reply:
            raise PublicReplyRequired(to_status)
        current = self.get(reference_code)
        if current is None:
            raise UnknownReferenceCode(reference_code)
        if to_status not in TRANSITIONS[current.status]:
            raise TransitionNotAllowed(current.status, to_status)
        now = utc_now()
        values: dict[str, object] = {"status": to_status, "updated_at": now}
        if public_reply:
            values["public_reply"] = public_reply
        if assignee_id is not None:
            values["assignee_id"] = assignee_id
        with self._engine.begin() as connection:
            # Conditional on the state read above: of two managers acting at once, the second is refused.
            changed = connection.execute(
                update(complaints)
                .where(complaints.c.id == current.id, complaints.c.status == current.status)
                .values(**values)
            ).rowcount
            if changed == 0:
                raise TransitionNotAllowed(current.status, to_status)
            connection.execute(
                insert(complaint_history).values(
                    complaint_id=current.id,
                    at=now,
                    actor_id=actor_id,
                    from_status=current.status,
                    to_status=to_status,
                    assignee_id=assignee_id,
                    note=note,
                    public_reply=public_reply,
                )
            )
        return current.model_copy(update=values)

    def _conditions(self, query: ComplaintFilter) -> list[ColumnElement[bool]]:
        c = complaints.c
        conditions: list[ColumnElement[bool]] = []
        if query.status:
            conditions.append(c.status.in_(query.status))
        if query.agency:
            conditions.append(func.lower(c.agency).contains(query.agency.lower(), autoescape=True))
        if query.kind:
            conditions.append(c.kind == query.kind)
        if query.procedure_code:
            conditions.append(c.procedure_code == query.procedure_code)
        if query.assignee_id is not None:
            conditions.append(c.assignee_id == query.assignee_id)
        if query.overdue is not None:
            overdue = overdue_condition(vietnam_today())
            conditions.append(overdue if query.overdue else ~overdue)
        if query.created_from:
            conditions.append(c.created_at >= vietnam_day_start(query.created_from))
        if query.created_to:
            conditions.append(c.created_at < vietnam_day_start(query.created_to + timedelta(days=1)))
        return conditions

    def _code_taken(self, code: str) -> bool:
        with self._engine.connect() as connection:
            return (
                connection.execute(select(complaints.c.id).where(complaints.c.reference_code == code)).first()
                is not None
            )

    def _row(self, reference_code: str, columns: list[Column]) -> dict | None:
        code = parse_reference_code(reference_code)
        if code is None:
            return None
        with self._engine.connect() as connection:
            row = connection.execute(select(*columns).where(complaints.c.reference_code == code)).first()
        return dict(row._mapping) if row else None

    @staticmethod
    def _order(sort: ComplaintSort) -> list[ColumnElement]:
        c = complaints.c
        if sort is ComplaintSort.NEWEST:
            return [c.created_at.desc()]
        if sort is ComplaintSort.OLDEST:
            return [c.created_at]
        if sort is ComplaintSort.ANSWER_DUE:
            return [c.answer_due]
        waiting = case((c.status.in_(UNRESOLVED_STATES), 0), else_=1)
        return [waiting, c.answer_due, c.created_at]
