"""The parts of a Zalo OA event the bot uses."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from storage.fields import UNPRINTABLE

# Events a citizen causes that carry something other than text: answered with "text only, please".
ATTACHMENT_EVENTS = frozenset({
    "user_send_image", "user_send_sticker", "user_send_gif", "user_send_file", "user_send_location",
    "user_send_link", "user_send_audio", "user_send_video", "user_send_business_card",
})  # fmt: skip
TEXT_EVENT = "user_send_text"
FOLLOW_EVENT = "follow"


class _Loose(BaseModel):
    model_config = ConfigDict(extra="ignore")


class Party(_Loose):
    id: str = Field(min_length=1, max_length=64)


def _printable(text: str | None) -> str | None:
    """Zalo's text without control characters: PostgreSQL could not store a NUL, and a refused event would
    only be sent again."""
    return UNPRINTABLE.sub("", text) if text else text


class Message(_Loose):
    msg_id: str | None = Field(default=None, max_length=128)
    text: Annotated[str | None, AfterValidator(_printable)] = None


class ZaloEvent(_Loose):
    app_id: str
    event_name: str = Field(max_length=64)
    timestamp: str = Field(pattern=r"^\d{1,16}$", description="Milliseconds since the epoch, as a string")
    sender: Party | None = None
    follower: Party | None = None  # follow/unfollow events name the citizen here
    recipient: Party | None = None
    message: Message | None = None

    @property
    def citizen_id(self) -> str | None:
        party = self.follower if self.event_name == FOLLOW_EVENT else self.sender
        return party.id if party else None

    @property
    def event_id(self) -> str:
        """The platform's message id, or for events without one (follow) the event's own identity."""
        if self.message and self.message.msg_id:
            return self.message.msg_id
        return f"{self.event_name}:{self.citizen_id}:{self.timestamp}"
