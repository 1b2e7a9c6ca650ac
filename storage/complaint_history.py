"""Every change to a complaint, never overwritten: who, when, from and to which state, notes and replies."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel
from sqlalchemy import Column, ForeignKey, Integer, Table, Text

from storage.complaints import ComplaintState
from storage.db import UtcDateTime, metadata, stored_enum


class ComplaintChange(BaseModel):
    id: int
    complaint_id: int
    at: datetime
    actor_id: int | None  # None: the citizen, through the bot
    from_status: ComplaintState | None  # None: the complaint was filed
    to_status: ComplaintState
    assignee_id: int | None
    note: str | None  # internal, for staff only
    public_reply: str | None  # what the citizen is told


complaint_history = Table(
    "complaint_history",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "complaint_id",
        Integer,
        ForeignKey("complaints.id", name="fk_complaint_history_complaint_id_complaints"),
        nullable=False,
        index=True,
    ),
    Column("at", UtcDateTime, nullable=False),
    Column("actor_id", Integer, ForeignKey("users.id", name="fk_complaint_history_actor_id_users")),
    Column("from_status", stored_enum(ComplaintState, "from_status")),
    Column("to_status", stored_enum(ComplaintState, "to_status"), nullable=False),
    Column("assignee_id", Integer, ForeignKey("users.id", name="fk_complaint_history_assignee_id_users")),
    Column("note", Text),
    Column("public_reply", Text),
)
