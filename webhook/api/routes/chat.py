"""Web chat: a citizen's message in, the bot's messages out."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request

from webhook.rasa_client import RasaClient, RasaUnavailable
from webhook.request_errors import VietnameseValidationRoute
from webhook.schemas import ChatReply, ChatRequest, ErrorReply

router = APIRouter(prefix="/api", tags=["chat"], route_class=VietnameseValidationRoute)


@router.post(
    "/chat",
    response_model=ChatReply,
    responses={
        422: {"model": ErrorReply, "description": "The request is malformed or the message too long"},
        503: {"model": ErrorReply, "description": "Rasa did not answer"},
    },
    summary="Send a citizen's message to the bot",
)
async def chat(body: ChatRequest, request: Request) -> ChatReply:
    rasa: RasaClient = request.app.state.rasa
    try:
        messages = await rasa.send(body.sender_id, body.text)
    except RasaUnavailable as error:
        raise HTTPException(503, "Trợ lý đang tạm gián đoạn, bạn vui lòng thử lại sau ít phút.") from error
    return ChatReply(messages=messages)
