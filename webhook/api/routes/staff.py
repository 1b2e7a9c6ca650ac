"""The hotline staff's live handoff: the queue of conversations handed over, take one, answer the citizen
on their own channel, give it back to the bot."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Request, status
from pydantic import BaseModel, ConfigDict, Field

from storage import Handoff, HandoffNotOpen, HandoffReason, HandoffState, HandoffStore, LiveAuthor, UserStore
from storage.db import utc_now
from webhook.api.deps import AuditDep, CurrentUser, HandoffsDep, UsersDep, ZaloDep
from webhook.rasa_client import RasaUnavailable
from webhook.schemas import ID_MAX, PrintableText, TranscriptLine

router = APIRouter(prefix="/api/staff", tags=["staff"])


class HandoffItem(BaseModel):
    id: int
    sender_id: str
    channel: str
    reason: HandoffReason
    last_message: str | None
    state: HandoffState
    taken_by: str | None = Field(description="Username of the member of staff holding it")
    created_at: datetime
    waiting_minutes: int


class HandoffDetail(HandoffItem):
    transcript: list[TranscriptLine] = Field(
        description="The bot conversation, then the live chat with staff"
    )
    transcript_complete: bool = Field(description="False when the bot's part could not be read (Rasa down)")


class StaffReply(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    text: PrintableText = Field(min_length=1, max_length=2000)


def _item(handoff: Handoff, users: UserStore) -> HandoffItem:
    holder = users.get_by_id(handoff.taken_by) if handoff.taken_by else None
    return HandoffItem(
        **handoff.model_dump(include=set(HandoffItem.model_fields) - {"taken_by", "waiting_minutes"}),
        taken_by=holder.username if holder else None,
        waiting_minutes=int((utc_now() - handoff.created_at).total_seconds() // 60),
    )


def _open(handoffs: HandoffStore, handoff_id: int) -> Handoff:
    handoff = handoffs.get(handoff_id)
    if handoff is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Không có cuộc trò chuyện này trong hàng chờ.")
    return handoff


def _refused(error: HandoffNotOpen) -> HTTPException:
    return HTTPException(
        status.HTTP_409_CONFLICT,
        "Cuộc trò chuyện đã được cán bộ khác nhận hoặc đã trả lại cho trợ lý ảo.",
    )


HandoffId = Annotated[int, Path(ge=1, le=ID_MAX)]


@router.get(
    "/handoffs", response_model=list[HandoffItem], summary="Conversations waiting for or held by staff"
)
def queue(user: CurrentUser, handoffs: HandoffsDep, users: UsersDep) -> list[HandoffItem]:
    return [_item(h, users) for h in handoffs.open_handoffs()]


@router.get(
    "/handoffs/{handoff_id}", response_model=HandoffDetail, summary="One conversation with its transcript"
)
async def detail(
    handoff_id: HandoffId,
    request: Request,
    user: CurrentUser,
    handoffs: HandoffsDep,
    users: UsersDep,
    audit: AuditDep,
) -> HandoffDetail:
    handoff = _open(handoffs, handoff_id)
    try:
        transcript, complete = await request.app.state.rasa.transcript(handoff.sender_id), True
    except RasaUnavailable:
        transcript, complete = [], False
    live = [
        TranscriptLine(at=m.at, author="citizen" if m.author is LiveAuthor.CITIZEN else "staff", text=m.text)
        for m in handoffs.messages(handoff.id)
    ]
    audit.record(user.id, "view_conversation", f"handoff {handoff.id}")
    return HandoffDetail(
        **_item(handoff, users).model_dump(), transcript=transcript + live, transcript_complete=complete
    )


@router.post("/handoffs/{handoff_id}/take", response_model=HandoffItem, summary="Take the conversation")
def take(handoff_id: HandoffId, user: CurrentUser, handoffs: HandoffsDep, users: UsersDep) -> HandoffItem:
    _open(handoffs, handoff_id)
    try:
        return _item(handoffs.take(handoff_id, user.id), users)
    except HandoffNotOpen as error:
        raise _refused(error) from error


@router.post("/handoffs/{handoff_id}/reply", response_model=HandoffItem, summary="Answer the citizen")
def reply(
    handoff_id: HandoffId,
    body: StaffReply,
    user: CurrentUser,
    handoffs: HandoffsDep,
    users: UsersDep,
    zalo: ZaloDep,
) -> HandoffItem:
    handoff = _open(handoffs, handoff_id)
    if handoff.state is not HandoffState.TAKEN or handoff.taken_by != user.id:
        raise HTTPException(status.HTTP_409_CONFLICT, "Bạn cần nhận cuộc trò chuyện này trước khi trả lời.")
    handoffs.add_message(handoff.id, LiveAuthor.STAFF, body.text, user_id=user.id)
    # The web chat polls for staff messages; Zalo gets them pushed.
    if zalo is not None and handoff.channel == zalo.name:
        zalo.notify(handoff.sender_id, body.text)
    return _item(handoff, users)


@router.post("/handoffs/{handoff_id}/release", response_model=HandoffItem, summary="Give it back to the bot")
def release(handoff_id: HandoffId, user: CurrentUser, handoffs: HandoffsDep, users: UsersDep) -> HandoffItem:
    _open(handoffs, handoff_id)
    try:
        return _item(handoffs.release(handoff_id, user.id), users)
    except HandoffNotOpen as error:
        raise _refused(error) from error
