"""Web chat: a citizen's message in, the bot's messages out."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, Request, Response

from webhook.api.deps import HandoffsDep, PseudonymsDep, RateLimitsDep
from webhook.conversations import Conversations
from webhook.rasa_client import RasaUnavailable
from webhook.rate_limits import client_address, too_many_requests
from webhook.request_errors import VietnameseValidationRoute
from webhook.schemas import ID_MAX, SENDER_ID_PATTERN, ChatReply, ChatRequest, ErrorReply, StaffMessage

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/api", tags=["chat"], route_class=VietnameseValidationRoute)

HANDOFF_OPEN_HEADER = "X-Handoff-Open"


@router.post(
    "/chat",
    response_model=ChatReply,
    responses={
        422: {"model": ErrorReply, "description": "The request is malformed or the message too long"},
        429: {
            "model": ErrorReply,
            "description": "Too many messages lately from this sender or this address: wait the seconds "
            "Retry-After says (README: Limits)",
            "headers": {"Retry-After": {"description": "Seconds to wait", "schema": {"type": "integer"}}},
        },
        503: {
            "model": ErrorReply,
            "description": "The bot did not answer and the limited answer from the procedure search could "
            "not be given either",
        },
    },
    summary="Send a citizen's message to the bot",
    description="The bot's messages. When the bot cannot answer (Rasa or the action server down or too slow) "
    "the backend answers from the procedure search with `limited: true`: a note that the assistant is "
    "limited right now, then the procedure's card, the procedures that fit, or nothing more.",
)
async def chat(
    body: ChatRequest,
    request: Request,
    handoffs: HandoffsDep,
    limits: RateLimitsDep,
    pseudonyms: PseudonymsDep,
) -> ChatReply:
    verdict = await limits.chat(body.sender_id, client_address(request))
    if not verdict.allowed:
        logger.info(
            "chat message from sender %s refused: past the %s limit %s",
            pseudonyms.short(body.sender_id),
            verdict.scope,
            verdict.limit,
        )
        raise too_many_requests(f"chat_{verdict.scope}", verdict)
    conversations: Conversations = request.app.state.conversations
    try:
        outcome = await conversations.handle(body.sender_id, body.text, channel="web")
    except RasaUnavailable as error:
        raise HTTPException(503, "Trợ lý đang tạm gián đoạn, bạn vui lòng thử lại sau ít phút.") from error
    # Asked after the bot's turn: the action server opens the handoff while Rasa answers.
    handoff_open = outcome.with_staff or handoffs.open_for(body.sender_id) is not None
    return ChatReply(
        messages=outcome.replies,
        with_staff=outcome.with_staff,
        handoff_open=handoff_open,
        limited=outcome.limited,
    )


@router.get(
    "/chat/{sender_id}/staff-messages",
    response_model=list[StaffMessage],
    responses={
        200: {
            "headers": {
                HANDOFF_OPEN_HEADER: {
                    "description": "`true` while the conversation waits for or is held by staff; "
                    "`false` once they released it (the web chat then stops polling)",
                    "schema": {"type": "string", "enum": ["true", "false"]},
                }
            }
        }
    },
    summary="What staff wrote to this conversation after a message id (the web chat polls it)",
)
async def staff_messages(
    sender_id: Annotated[str, Path(pattern=SENDER_ID_PATTERN, max_length=128)],
    handoffs: HandoffsDep,
    response: Response,
    after: Annotated[int, Query(ge=0, le=ID_MAX)] = 0,
) -> list[StaffMessage]:
    # Read before the messages: a message staff write just before releasing is never left unread.
    still_open = handoffs.open_for(sender_id) is not None
    response.headers[HANDOFF_OPEN_HEADER] = "true" if still_open else "false"
    return [
        StaffMessage(id=m.id, text=m.text, at=m.at) for m in handoffs.staff_messages_for(sender_id, after)
    ]
