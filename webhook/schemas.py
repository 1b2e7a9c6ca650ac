"""Request and response models of the gateway's public API."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from storage.fields import printable

SENDER_ID_MAX_CHARS = 128
SENDER_ID_PATTERN = r"^[\w.:@-]+$"
TEXT_MAX_CHARS = 2000  # the web chat's input has the same maxlength
# The largest row id: the id columns are INTEGER, 32 bits on PostgreSQL, which refuses to compare one with a
# larger number (SQLite refuses to bind one past 64 bits): a 500 either way.
ID_MAX = 2**31 - 1
# The days a report or filter may name: far enough either way for any real question, and well inside what
# date arithmetic and the databases handle (0001-01-01 less a time zone offset is no date).
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2100, 12, 31)

# Text without control characters or bidirectional overrides (storage.fields.UNPRINTABLE).
PrintableText = Annotated[str, AfterValidator(printable)]


class ChatRequest(BaseModel):
    # A message of spaces only is empty: it gets the "empty message" error rather than reaching Rasa.
    model_config = ConfigDict(str_strip_whitespace=True)

    sender_id: str = Field(
        min_length=1,
        max_length=SENDER_ID_MAX_CHARS,
        pattern=SENDER_ID_PATTERN,
        description="Stable id of the citizen",
    )
    text: PrintableText = Field(min_length=1, max_length=TEXT_MAX_CHARS, description="What the citizen typed")


class Button(BaseModel):
    title: str
    payload: str


class BotMessage(BaseModel):
    text: str | None = None
    buttons: list[Button] = Field(default_factory=list)


class ChatReply(BaseModel):
    messages: list[BotMessage]
    with_staff: bool = Field(
        default=False,
        description="A member of staff holds the conversation: the bot stays quiet, staff answer",
    )
    handoff_open: bool = Field(
        default=False,
        description="The conversation was handed to staff (waiting for them or held by them): "
        "poll staff-messages for their replies until its X-Handoff-Open header says false",
    )
    limited: bool = Field(
        default=False,
        description="The bot could not answer (Rasa or the action server down or too slow): the messages "
        "are the backend's limited answer from the procedure search, starting with a note that says so "
        "(complaints and status lookups are unavailable; the hotline). The message was answered: do not send "
        "it again",
    )


class StaffMessage(BaseModel):
    id: int = Field(description="Pass the last one seen as `after` to get only newer ones")
    text: str
    at: datetime


class ErrorReply(BaseModel):
    detail: str = Field(description="What went wrong, in Vietnamese, fit to show the citizen")


# The OpenAPI answer of a route for signed-in staff when the token is missing, expired or forged.
SIGNED_IN_ONLY = {401: {"model": ErrorReply, "description": "No valid token: sign in again"}}


ServiceState = Literal["ok", "down"]


class ServiceHealth(BaseModel):
    status: ServiceState
    detail: str | None = None


class HealthReport(BaseModel):
    status: Literal["ok", "degraded"]
    services: dict[str, ServiceHealth]


class ProvinceInfo(BaseModel):
    """The public facts of the deployed province that the web chat shows."""

    province: str = Field(description="Province name, e.g. Tây Ninh")
    hotline_text: str = Field(description="What citizens are told to call for help")
    portal_url: str = Field(description="Where citizens submit applications online")


class TranscriptLine(BaseModel):
    at: datetime
    author: Literal["citizen", "bot", "staff"]
    text: str
