"""Conversations marked for staff, because the citizen asked or the bot failed twice in a row."""

from datetime import datetime
from enum import Enum

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Boolean, Column, Engine, Integer, String, Table, Text, false, insert, select, update

from storage.db import SENDER_ID_LENGTH, UtcDateTime, metadata, stored_enum, utc_now
from storage.fields import Line, OptionalParagraph


class HandoffReason(str, Enum):
    REQUESTED = "requested"
    REPEATED_FAILURE = "repeated_failure"


class HandoffDraft(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sender_id: Line
    reason: HandoffReason
    # The citizen's last message, so staff see at a glance what the conversation is about.
    last_message: OptionalParagraph = None


class Handoff(HandoffDraft):
    id: int
    created_at: datetime
    resolved: bool


handoffs = Table(
    "handoffs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(SENDER_ID_LENGTH), nullable=False, index=True),
    Column("reason", stored_enum(HandoffReason, "reason"), nullable=False),
    Column("last_message", Text),
    Column("created_at", UtcDateTime, nullable=False),
    Column("resolved", Boolean, nullable=False, index=True),
)


class HandoffStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def add(self, draft: HandoffDraft) -> Handoff:
        """Mark the conversation for staff; committed when this returns.

        A conversation already waiting for staff stays one entry in their queue: its reason and last
        message are brought up to date instead of adding a second mark.
        """
        with self._engine.begin() as connection:
            waiting = connection.execute(
                select(handoffs.c.id, handoffs.c.created_at)
                .where(handoffs.c.sender_id == draft.sender_id, handoffs.c.resolved == false())
                .order_by(handoffs.c.id)
                .limit(1)
            ).first()
            if waiting is not None:
                connection.execute(
                    update(handoffs).where(handoffs.c.id == waiting.id).values(**draft.model_dump())
                )
                return Handoff(
                    **draft.model_dump(), id=waiting.id, created_at=waiting.created_at, resolved=False
                )
            created_at = utc_now()
            result = connection.execute(
                insert(handoffs).values(**draft.model_dump(), created_at=created_at, resolved=False)
            )
        return Handoff(
            **draft.model_dump(), id=result.inserted_primary_key[0], created_at=created_at, resolved=False
        )

    def open_handoffs(self) -> list[Handoff]:
        """Conversations still waiting for staff, oldest first."""
        with self._engine.connect() as connection:
            rows = connection.execute(
                select(handoffs)
                .where(handoffs.c.resolved == false())
                .order_by(handoffs.c.created_at, handoffs.c.id)
            ).all()
        return [Handoff.model_validate(row._mapping) for row in rows]

    def resolve(self, handoff_id: int) -> None:
        """Take a conversation off the staff queue; LookupError if there is no such handoff."""
        with self._engine.begin() as connection:
            result = connection.execute(
                update(handoffs).where(handoffs.c.id == handoff_id).values(resolved=True)
            )
        if result.rowcount == 0:
            raise LookupError(f"no handoff {handoff_id}")
