"""What channels such as Zalo bring in and what goes out to them, kept durably.

- inbound_events: each platform event once (the platform retries; a restart must not process it twice),
  with whether it has been handled, so events accepted before a crash are handled after it.
- outbound_messages: every reply sent or still to send, so a reply that finally fails is recorded, and a
  manager's answer waits for the citizen's next message when the platform's reply window has closed.
- channel_tokens: the platform's access/refresh token pair, replaced together.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum

from pydantic import BaseModel
from sqlalchemy import (
    Column,
    Engine,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    insert,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError

from storage.db import SENDER_ID_LENGTH, UtcDateTime, metadata, stored_enum, utc_now


class OutboundState(str, Enum):
    PENDING = "pending"  # not sent yet (being sent, or the process stopped first)
    SENT = "sent"
    FAILED = "failed"  # retried and given up: someone must look at it
    WAITING = "waiting"  # outside the reply window: goes out with the citizen's next message


class InboundEvent(BaseModel):
    id: int
    channel: str
    event_id: str
    sender_id: str
    event_name: str
    text: str | None
    received_at: datetime
    handled_at: datetime | None


class OutboundMessage(BaseModel):
    id: int
    channel: str
    recipient_id: str
    text: str
    state: OutboundState
    last_error: str | None
    created_at: datetime
    sent_at: datetime | None


class TokenPair(BaseModel):
    access_token: str
    refresh_token: str
    updated_at: datetime


inbound_events = Table(
    "inbound_events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("channel", String(32), nullable=False),
    Column("event_id", String(128), nullable=False),
    Column("sender_id", String(SENDER_ID_LENGTH), nullable=False, index=True),
    Column("event_name", String(64), nullable=False),
    Column("text", Text),
    Column("received_at", UtcDateTime, nullable=False),
    Column("handled_at", UtcDateTime, index=True),
    UniqueConstraint("channel", "event_id", name="uq_inbound_events_channel_event_id"),
)

outbound_messages = Table(
    "outbound_messages",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("channel", String(32), nullable=False),
    Column("recipient_id", String(SENDER_ID_LENGTH), nullable=False, index=True),
    Column("text", Text, nullable=False),
    Column("state", stored_enum(OutboundState, "state"), nullable=False, index=True),
    Column("last_error", Text),
    Column("created_at", UtcDateTime, nullable=False),
    Column("sent_at", UtcDateTime),
)

channel_tokens = Table(
    "channel_tokens",
    metadata,
    Column("channel", String(32), primary_key=True),
    Column("access_token", Text, nullable=False),
    Column("refresh_token", Text, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
)


class ChannelStore:
    def __init__(self, engine: Engine, channel: str) -> None:
        self._engine = engine
        self.channel = channel

    # --- inbound ---------------------------------------------------------------------------------------

    def accept(self, event_id: str, sender_id: str, event_name: str, text: str | None) -> InboundEvent | None:
        """Record an event; None when this event was already accepted (a platform retry)."""
        values = {
            "channel": self.channel, "event_id": event_id, "sender_id": sender_id, "event_name": event_name,
            "text": text, "received_at": utc_now(), "handled_at": None,
        }  # fmt: skip
        try:
            with self._engine.begin() as connection:
                event_id_ = connection.execute(insert(inbound_events).values(**values)).inserted_primary_key[
                    0
                ]
        except IntegrityError:
            return None
        return InboundEvent(id=event_id_, **values)

    def mark_handled(self, event: InboundEvent) -> None:
        with self._engine.begin() as connection:
            connection.execute(
                update(inbound_events).where(inbound_events.c.id == event.id).values(handled_at=utc_now())
            )

    def unhandled(self) -> list[InboundEvent]:
        """Accepted but not handled (the process stopped in between), oldest first."""
        with self._engine.connect() as connection:
            rows = connection.execute(
                select(inbound_events)
                .where(inbound_events.c.channel == self.channel, inbound_events.c.handled_at.is_(None))
                .order_by(inbound_events.c.id)
            ).all()
        return [InboundEvent.model_validate(row._mapping) for row in rows]

    def last_heard_from(self, sender_id: str) -> datetime | None:
        with self._engine.connect() as connection:
            return connection.execute(
                select(inbound_events.c.received_at)
                .where(inbound_events.c.channel == self.channel, inbound_events.c.sender_id == sender_id)
                .order_by(inbound_events.c.id.desc())
                .limit(1)
            ).scalar_one_or_none()

    # --- outbound --------------------------------------------------------------------------------------

    def queue(self, recipient_id: str, text: str, state: OutboundState = OutboundState.PENDING) -> int:
        with self._engine.begin() as connection:
            return connection.execute(
                insert(outbound_messages).values(
                    channel=self.channel,
                    recipient_id=recipient_id,
                    text=text,
                    state=state,
                    created_at=utc_now(),
                )
            ).inserted_primary_key[0]

    def mark_sent(self, message_id: int) -> None:
        self._set(message_id, state=OutboundState.SENT, sent_at=utc_now(), last_error=None)

    def mark_failed(self, message_id: int, error: str) -> None:
        """Sending was retried and gave up: kept with the error, for an operator to see."""
        self._set(message_id, state=OutboundState.FAILED, last_error=error)

    def waiting_for(self, recipient_id: str) -> list[OutboundMessage]:
        """Messages held back until this citizen writes again, oldest first."""
        return self._messages(
            outbound_messages.c.recipient_id == recipient_id,
            outbound_messages.c.state == OutboundState.WAITING,
        )

    def release(self, message_id: int) -> None:
        """A waiting message is about to be sent."""
        self._set(message_id, state=OutboundState.PENDING)

    def _set(self, message_id: int, **values: object) -> None:
        with self._engine.begin() as connection:
            connection.execute(
                update(outbound_messages).where(outbound_messages.c.id == message_id).values(**values)
            )

    def messages(self, state: OutboundState) -> list[OutboundMessage]:
        return self._messages(outbound_messages.c.state == state)

    def _messages(self, *conditions: object) -> list[OutboundMessage]:
        with self._engine.connect() as connection:
            rows = connection.execute(
                select(outbound_messages)
                .where(outbound_messages.c.channel == self.channel, *conditions)
                .order_by(outbound_messages.c.id)
            ).all()
        return [OutboundMessage.model_validate(row._mapping) for row in rows]

    # --- tokens ----------------------------------------------------------------------------------------

    def tokens(self) -> TokenPair | None:
        with self._engine.connect() as connection:
            row = connection.execute(
                select(channel_tokens).where(channel_tokens.c.channel == self.channel)
            ).first()
        return TokenPair.model_validate(row._mapping) if row else None

    def save_tokens(self, access_token: str, refresh_token: str) -> None:
        """Replace the pair in one transaction: a refresh token is single-use, so both change together."""
        values = {"access_token": access_token, "refresh_token": refresh_token, "updated_at": utc_now()}
        with self._engine.begin() as connection:
            changed = connection.execute(
                update(channel_tokens).where(channel_tokens.c.channel == self.channel).values(**values)
            ).rowcount
            if not changed:
                connection.execute(insert(channel_tokens).values(channel=self.channel, **values))
