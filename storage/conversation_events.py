"""What happened in a conversation, one row per outcome that matters for the friction report.

The action server records these where the outcome is decided (actions/conversation_events.py). A row
never holds the sender id, only its keyed hash (storage/pseudonyms.py), and the citizen's words only for
questions the bot could not answer, scrubbed of personal data by the model itself, so no caller can forget.

`procedure_code` means, by kind:
- answered, walkthrough_started, walkthrough_finished, complaint_filed: the procedure concerned;
- unsure, choices: the procedure search thought most likely, offered as a button;
- no_match, not_understood, out_of_scope, handoff: the procedure the conversation was about until then
  (the `procedure_code` slot), if any.
"""

from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from sqlalchemy import Column, Engine, Integer, String, Table, Text, insert

from storage.db import UtcDateTime, metadata, stored_enum, utc_now
from storage.fields import LINE_MAX, PARAGRAPH_MAX, OptionalLine, OptionalParagraph
from storage.pseudonyms import PSEUDONYM_LENGTH


class ConversationEventKind(str, Enum):
    ANSWERED = "answered"  # the bot answered about a procedure (a question, a follow-up, a picked button)
    CHOICES = "choices"  # several procedures fit about equally: the citizen was asked to pick one
    UNSURE = "unsure"  # a likely procedure was offered, but the bot was not sure of it
    NO_MATCH = "no_match"  # a question about a procedure, and nothing fits well enough
    NOT_UNDERSTOOD = "not_understood"  # NLU fallback, and search found nothing likely either
    OUT_OF_SCOPE = "out_of_scope"  # NLU took it for off-topic, and search found nothing likely either
    HANDOFF = "handoff"  # handed to staff, on request or after repeated failures
    WALKTHROUGH_STARTED = "walkthrough_started"
    WALKTHROUGH_FINISHED = "walkthrough_finished"
    COMPLAINT_FILED = "complaint_filed"


# Outcomes where the citizen's (scrubbed) words are kept: questions the bot could not answer. A choice
# among procedures the KB holds is not one of them.
UNANSWERED_KINDS = frozenset(
    {
        ConversationEventKind.UNSURE,
        ConversationEventKind.NO_MATCH,
        ConversationEventKind.NOT_UNDERSTOOD,
        ConversationEventKind.OUT_OF_SCOPE,
    }
)


class ConversationEventDraft(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sender_key: str = Field(min_length=PSEUDONYM_LENGTH, max_length=PSEUDONYM_LENGTH)
    channel: OptionalLine = None
    kind: ConversationEventKind
    procedure_code: OptionalLine = None
    procedure_name: OptionalLine = None
    question: OptionalParagraph = None

    @field_validator("question", mode="before")
    @classmethod
    def _scrubbed(cls, value: object) -> object:
        if not isinstance(value, str):
            return value
        # Imported here so spaCy loads only in a process that records questions (the action server), not
        # in the backend, which reads them.
        from text_matching import scrub_personal_data

        return scrub_personal_data(value)[:PARAGRAPH_MAX]

    @model_validator(mode="after")
    def _words_only_when_unanswered(self) -> ConversationEventDraft:
        if self.question is not None and self.kind not in UNANSWERED_KINDS:
            raise ValueError(f"a {self.kind.value} event keeps no words")
        return self


conversation_events = Table(
    "conversation_events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", UtcDateTime, nullable=False, index=True),
    Column("sender_key", String(PSEUDONYM_LENGTH), nullable=False, index=True),
    Column("channel", String(LINE_MAX)),
    Column("kind", stored_enum(ConversationEventKind, "kind"), nullable=False),
    Column("procedure_code", String(LINE_MAX), index=True),
    Column("procedure_name", String(LINE_MAX)),
    Column("question", Text),
)


class ConversationEventStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def add(self, draft: ConversationEventDraft) -> None:
        with self._engine.begin() as connection:
            connection.execute(insert(conversation_events).values(**draft.model_dump(), at=utc_now()))
