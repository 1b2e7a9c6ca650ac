"""Conversations handed to staff (the citizen asked, or the bot failed twice in a row), and the live chat
between staff and citizen while a member of staff holds the conversation.

A handoff waits in the staff queue, is taken by one member of staff (the bot then stays quiet in that
conversation), and is released back to the bot. A conversation has at most one open handoff.
"""

from datetime import datetime
from enum import Enum

from pydantic import BaseModel, ConfigDict, TypeAdapter
from sqlalchemy import Column, Engine, ForeignKey, Integer, String, Table, Text, insert, select, update

from storage.db import SENDER_ID_LENGTH, UtcDateTime, metadata, stored_enum, utc_now
from storage.fields import Line, OptionalParagraph, Paragraph


class HandoffReason(str, Enum):
    REQUESTED = "requested"
    REPEATED_FAILURE = "repeated_failure"


class HandoffState(str, Enum):
    WAITING = "waiting"  # in the staff queue
    TAKEN = "taken"  # a member of staff answers; the bot stays quiet
    RELEASED = "released"  # back to the bot


OPEN_STATES = (HandoffState.WAITING, HandoffState.TAKEN)


class LiveAuthor(str, Enum):
    CITIZEN = "citizen"
    STAFF = "staff"


class HandoffDraft(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sender_id: Line
    reason: HandoffReason
    channel: Line = "web"
    # The citizen's last message, so staff see at a glance what the conversation is about.
    last_message: OptionalParagraph = None


class Handoff(HandoffDraft):
    id: int
    created_at: datetime
    state: HandoffState
    taken_by: int | None
    taken_at: datetime | None
    released_at: datetime | None


class LiveMessage(BaseModel):
    id: int
    handoff_id: int
    author: LiveAuthor
    user_id: int | None
    text: str
    at: datetime


class HandoffNotOpen(LookupError):
    """No such handoff, or it is not in a state that allows this (taken by someone else, released)."""


handoffs = Table(
    "handoffs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(SENDER_ID_LENGTH), nullable=False, index=True),
    Column("reason", stored_enum(HandoffReason, "reason"), nullable=False),
    Column("channel", String(32), nullable=False),
    Column("last_message", Text),
    Column("created_at", UtcDateTime, nullable=False),
    Column("state", stored_enum(HandoffState, "state"), nullable=False, index=True),
    Column("taken_by", Integer, ForeignKey("users.id", name="fk_handoffs_taken_by_users")),
    Column("taken_at", UtcDateTime),
    Column("released_at", UtcDateTime),
)

live_messages = Table(
    "live_messages",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "handoff_id",
        Integer,
        ForeignKey("handoffs.id", name="fk_live_messages_handoff_id_handoffs"),
        nullable=False,
        index=True,
    ),
    Column("author", stored_enum(LiveAuthor, "author"), nullable=False),
    Column("user_id", Integer, ForeignKey("users.id", name="fk_live_messages_user_id_users")),
    Column("text", Text, nullable=False),
    Column("at", UtcDateTime, nullable=False),
)


_paragraph = TypeAdapter(Paragraph)


class HandoffStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def add(self, draft: HandoffDraft) -> Handoff:
        """Mark the conversation for staff; committed when this returns.

        A conversation already open for staff stays one entry in their queue: its reason and last message
        are brought up to date instead of adding a second mark.
        """
        with self._engine.begin() as connection:
            open_id = connection.execute(
                select(handoffs.c.id)
                .where(handoffs.c.sender_id == draft.sender_id, handoffs.c.state.in_(OPEN_STATES))
                .order_by(handoffs.c.id)
                .limit(1)
            ).scalar_one_or_none()
            if open_id is not None:
                connection.execute(
                    update(handoffs).where(handoffs.c.id == open_id).values(**draft.model_dump())
                )
            else:
                open_id = connection.execute(
                    insert(handoffs).values(
                        **draft.model_dump(), created_at=utc_now(), state=HandoffState.WAITING
                    )
                ).inserted_primary_key[0]
        return self.get(open_id)  # type: ignore[return-value]

    def get(self, handoff_id: int) -> Handoff | None:
        with self._engine.connect() as connection:
            row = connection.execute(select(handoffs).where(handoffs.c.id == handoff_id)).first()
        return Handoff.model_validate(row._mapping) if row else None

    def open_handoffs(self) -> list[Handoff]:
        """Conversations waiting for or held by staff, oldest first."""
        with self._engine.connect() as connection:
            rows = connection.execute(
                select(handoffs)
                .where(handoffs.c.state.in_(OPEN_STATES))
                .order_by(handoffs.c.created_at, handoffs.c.id)
            ).all()
        return [Handoff.model_validate(row._mapping) for row in rows]

    def held(self, sender_id: str) -> Handoff | None:
        """The handoff a member of staff holds for this conversation, if any: the bot must stay quiet."""
        with self._engine.connect() as connection:
            row = connection.execute(
                select(handoffs).where(
                    handoffs.c.sender_id == sender_id, handoffs.c.state == HandoffState.TAKEN
                )
            ).first()
        return Handoff.model_validate(row._mapping) if row else None

    def open_for(self, sender_id: str) -> Handoff | None:
        """The conversation's open handoff (waiting for staff or held by them), if any."""
        with self._engine.connect() as connection:
            row = connection.execute(
                select(handoffs).where(handoffs.c.sender_id == sender_id, handoffs.c.state.in_(OPEN_STATES))
            ).first()
        return Handoff.model_validate(row._mapping) if row else None

    def take(self, handoff_id: int, user_id: int) -> Handoff:
        """A member of staff takes a waiting conversation; HandoffNotOpen if someone else was faster."""
        self._move(
            handoff_id, HandoffState.WAITING, state=HandoffState.TAKEN, taken_by=user_id, taken_at=utc_now()
        )
        return self.get(handoff_id)  # type: ignore[return-value]

    def release(self, handoff_id: int, user_id: int) -> Handoff:
        """Give the conversation back to the bot (only the member of staff holding it)."""
        self._move(
            handoff_id,
            HandoffState.TAKEN,
            handoffs.c.taken_by == user_id,
            state=HandoffState.RELEASED,
            released_at=utc_now(),
        )
        return self.get(handoff_id)  # type: ignore[return-value]

    def close(self, handoff_id: int) -> None:
        """Take a waiting conversation off the queue without answering it (e.g. the citizen went away)."""
        self._move(handoff_id, HandoffState.WAITING, state=HandoffState.RELEASED, released_at=utc_now())

    def add_message(
        self, handoff_id: int, author: LiveAuthor, text: str, user_id: int | None = None
    ) -> LiveMessage:
        text = _paragraph.validate_python(text)
        values = {
            "handoff_id": handoff_id,
            "author": author,
            "user_id": user_id,
            "text": text,
            "at": utc_now(),
        }
        with self._engine.begin() as connection:
            message_id = connection.execute(insert(live_messages).values(**values)).inserted_primary_key[0]
        return LiveMessage(id=message_id, **values)

    def messages(self, handoff_id: int, after_id: int = 0) -> list[LiveMessage]:
        with self._engine.connect() as connection:
            rows = connection.execute(
                select(live_messages)
                .where(live_messages.c.handoff_id == handoff_id, live_messages.c.id > after_id)
                .order_by(live_messages.c.id)
            ).all()
        return [LiveMessage.model_validate(row._mapping) for row in rows]

    def staff_messages_for(self, sender_id: str, after_id: int = 0) -> list[LiveMessage]:
        """What staff wrote to this conversation after a message id: the web chat polls this."""
        with self._engine.connect() as connection:
            rows = connection.execute(
                select(live_messages)
                .join(handoffs, handoffs.c.id == live_messages.c.handoff_id)
                .where(
                    handoffs.c.sender_id == sender_id,
                    live_messages.c.author == LiveAuthor.STAFF,
                    live_messages.c.id > after_id,
                )
                .order_by(live_messages.c.id)
            ).all()
        return [LiveMessage.model_validate(row._mapping) for row in rows]

    def _move(self, handoff_id: int, from_state: HandoffState, *conditions: object, **values: object) -> None:
        """Change a handoff only from the state the caller saw: of two staff acting at once, one wins."""
        with self._engine.begin() as connection:
            changed = connection.execute(
                update(handoffs)
                .where(handoffs.c.id == handoff_id, handoffs.c.state == from_state, *conditions)
                .values(**values)
            ).rowcount
        if changed == 0:
            raise HandoffNotOpen(handoff_id)
