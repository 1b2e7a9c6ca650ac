"""Zalo OA webhook: verify, record once, answer at once; the bot's replies go out in the background."""

from __future__ import annotations

import json
import logging
import time

from fastapi import APIRouter, HTTPException, Request, status
from pydantic import ValidationError

from storage import ChannelStore
from webhook.api.deps import PseudonymsDep, RateLimitsDep, SettingsDep
from webhook.channels.zalo.channel import ZaloChannel
from webhook.channels.zalo.events import ATTACHMENT_EVENTS, FOLLOW_EVENT, TEXT_EVENT, ZaloEvent
from webhook.channels.zalo.signature import signature_matches
from webhook.rate_limits import refusal

logger = logging.getLogger(__name__)
router = APIRouter(tags=["channels"])

HANDLED_EVENTS = ATTACHMENT_EVENTS | {TEXT_EVENT, FOLLOW_EVENT}


@router.post(
    "/webhooks/zalo",
    summary="Events from the Zalo Official Account (register this URL in the OA's developer admin)",
    responses={
        400: {"description": "Not a Zalo event"},
        401: {"description": "Signature missing or wrong"},
        403: {"description": "Another app's event, or too old (a replay)"},
        503: {"description": "The Zalo channel is not configured"},
    },
)
async def zalo_event(
    request: Request, settings: SettingsDep, limits: RateLimitsDep, pseudonyms: PseudonymsDep
) -> dict[str, str]:
    channel: ZaloChannel | None = request.app.state.zalo
    if channel is None:
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, "Kênh Zalo chưa được cấu hình.")
    raw = await request.body()
    try:
        event = ZaloEvent.model_validate(json.loads(raw))
    except (ValueError, ValidationError) as error:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "Không phải sự kiện Zalo hợp lệ.") from error
    if event.app_id != settings.zalo_app_id:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "Sự kiện không thuộc ứng dụng này.")
    signature = request.headers.get("X-ZEvent-Signature")
    if not signature_matches(signature, event.app_id, raw, event.timestamp, settings.zalo_oa_secret_key):
        logger.warning("Zalo event with a wrong signature refused")
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "Chữ ký sự kiện không đúng.")
    age_s = abs(time.time() - int(event.timestamp) / 1000)
    if age_s > settings.zalo_event_max_age_seconds:
        logger.warning("stale Zalo event refused (%.0f s old)", age_s)
        raise HTTPException(status.HTTP_403_FORBIDDEN, "Sự kiện đã quá cũ.")
    if event.event_name not in HANDLED_EVENTS or event.citizen_id is None:
        return {"status": "ignored"}  # echoes of our own messages, delivery and seen receipts, unfollow
    store: ChannelStore = request.app.state.zalo_store
    text = event.message.text if event.message else None
    accepted = store.accept(event.event_id, event.citizen_id, event.event_name, text)
    if accepted is None:
        return {"status": "duplicate"}
    # Counted once accepted, so a platform retry of the same event is not counted twice. Past the limit the
    # answer is still 200 (Zalo would send it again otherwise): the event is dropped, not handled.
    verdict = await limits.zalo(event.citizen_id)
    if verdict.allowed:
        channel.submit(accepted)
        return {"status": "accepted"}
    notice_due = await limits.zalo_notice_due(event.citizen_id, verdict)
    logger.warning(
        "Zalo event from sender %s dropped: past the limit %s%s",
        pseudonyms.short(event.citizen_id),
        verdict.limit,
        "; told to wait" if notice_due else "",
    )
    hotline = request.app.state.profile.hotline_text
    channel.drop(accepted, refusal("zalo", verdict, hotline=hotline) if notice_due else None)
    return {"status": "limited"}
