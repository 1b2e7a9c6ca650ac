"""Handles accepted Zalo events: each citizen's messages in order, replies recorded, nothing lost."""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Coroutine
from datetime import timedelta

from settings import Settings
from storage import ChannelStore, Complaint, InboundEvent, OutboundState
from storage.db import utc_now
from webhook.channels.zalo.client import ZaloClient
from webhook.channels.zalo.events import ATTACHMENT_EVENTS, FOLLOW_EVENT
from webhook.channels.zalo.texts import channel_text, render, split_message
from webhook.conversations import Conversations
from webhook.rasa_client import RasaUnavailable

logger = logging.getLogger(__name__)

CHANNEL = "zalo"
# Sent to Rasa when a citizen follows the OA, so the greeting is the bot's own (bot/domain/core.yml).
GREETING_PAYLOAD = "/greet"


class ZaloChannel:
    name = CHANNEL

    def __init__(
        self,
        client: ZaloClient,
        store: ChannelStore,
        conversations: Conversations,
        *,
        reply_window: timedelta,
        hotline: str,
    ) -> None:
        self._client, self._store, self._conversations = client, store, conversations
        self._reply_window, self._hotline = reply_window, hotline
        self._locks: defaultdict[str, asyncio.Lock] = defaultdict(asyncio.Lock)
        # The payloads behind the numbered choices last shown to each citizen (a digit answers them).
        self._choices: dict[str, list[str]] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        # Built inside the backend's event loop; sync routes (run in worker threads) hand work over to it.
        self._loop = asyncio.get_running_loop()

    @classmethod
    def from_settings(
        cls, settings: Settings, store: ChannelStore, conversations: Conversations, hotline: str
    ) -> ZaloChannel:
        if store.tokens() is None and settings.zalo_access_token:
            store.save_tokens(settings.zalo_access_token, settings.zalo_refresh_token)
        client = ZaloClient(
            api_url=settings.zalo_api_url,
            oauth_url=settings.zalo_oauth_url,
            app_id=settings.zalo_app_id,
            app_secret_key=settings.zalo_app_secret_key,
            store=store,
        )
        return cls(
            client,
            store,
            conversations,
            reply_window=timedelta(hours=settings.zalo_reply_window_hours),
            hotline=hotline,
        )

    async def aclose(self) -> None:
        await self.drain()
        await self._client.aclose()

    def submit(self, event: InboundEvent) -> None:
        """Handle the event in the background; the webhook has already answered the platform."""
        self._spawn(self._handle(event))

    def drop(self, event: InboundEvent, notice: str | None) -> None:
        """An event past the sender's rate limit: not handled, only marked so; `notice` (the first time in the
        window) is sent after the replies still owed to the sender's earlier messages."""
        self._spawn(self._drop(event, notice))

    def resume(self) -> None:
        """Handle what was accepted before the last stop but not handled, in the order it arrived."""
        for event in self._store.unhandled():
            self.submit(event)

    def notify(self, recipient_id: str, text: str) -> None:
        """A message the citizen did not just ask for (a manager's reply): sent now while the platform's
        reply window is open, else kept until the citizen writes again."""
        last = self._store.last_heard_from(recipient_id)
        if last is None or utc_now() - last > self._reply_window:
            for piece in split_message(text):
                self._store.queue(recipient_id, piece, OutboundState.WAITING)
            return
        self._spawn(self._send_all(recipient_id, split_message(text)))

    def notify_complaint_reply(self, complaint: Complaint) -> None:
        """A manager answered a complaint filed on Zalo: the citizen gets the public reply here too."""
        text = channel_text()["complaint_reply"].format(
            reference_code=complaint.reference_code,
            status=complaint.status.label,
            public_reply=complaint.public_reply,
        )
        self.notify(complaint.sender_id, text)

    async def drain(self) -> None:
        """Wait for everything in flight (shutdown, tests)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    def _spawn(self, work: Coroutine[object, object, None]) -> None:
        try:
            in_loop = asyncio.get_running_loop() is self._loop
        except RuntimeError:
            in_loop = False
        if not in_loop:
            self._loop.call_soon_threadsafe(self._spawn, work)
            return
        task = self._loop.create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _handle(self, event: InboundEvent) -> None:
        async with self._locks[event.sender_id]:
            try:
                await self._process(event)
            except Exception:
                # Logged and marked handled: retrying a message whose handling failed half-way could
                # answer the citizen twice. The replies that did fail are recorded in outbound_messages.
                logger.exception("a Zalo event could not be handled")
            self._store.mark_handled(event)

    async def _drop(self, event: InboundEvent, notice: str | None) -> None:
        async with self._locks[event.sender_id]:
            if notice:
                await self._send_all(event.sender_id, [notice])
            self._store.mark_handled(event)

    async def _process(self, event: InboundEvent) -> None:
        sender = event.sender_id
        for waiting in self._store.waiting_for(sender):
            self._store.release(waiting.id)
            await self._deliver(waiting.id, sender, waiting.text)
        if event.event_name in ATTACHMENT_EVENTS:
            await self._send_all(sender, [channel_text()["only_text"]])
            return
        text = (
            GREETING_PAYLOAD
            if event.event_name == FOLLOW_EVENT
            else self._answer_to_choice(sender, event.text)
        )
        if not text:
            return
        try:
            outcome = await self._conversations.handle(sender, text, CHANNEL)
        except RasaUnavailable:  # the limited answer (webhook/limited_service.py) failed too
            logger.error("neither the bot nor the limited service answered a Zalo message")
            await self._send_all(sender, [channel_text()["unavailable"].format(hotline=self._hotline)])
            return
        for reply in outcome.replies:
            texts, payloads = render(reply)
            if payloads:
                self._choices[sender] = payloads
            await self._send_all(sender, texts)

    def _answer_to_choice(self, sender: str, text: str | None) -> str | None:
        """A lone digit picks from the numbered choices last shown; anything else goes as typed."""
        stripped = (text or "").strip()
        choices = self._choices.get(sender, [])
        if stripped.isdigit() and 1 <= int(stripped) <= len(choices):
            return choices[int(stripped) - 1]
        return stripped or None

    async def _send_all(self, recipient_id: str, texts: list[str]) -> None:
        for text in texts:
            await self._deliver(self._store.queue(recipient_id, text), recipient_id, text)

    async def _deliver(self, message_id: int, recipient_id: str, text: str) -> None:
        try:
            await self._client.send_text(recipient_id, text)
        except Exception as error:
            self._store.mark_failed(message_id, f"{type(error).__name__}: {error}")
            logger.error("a Zalo reply finally failed (outbound message %s): %s", message_id, error)
            return
        self._store.mark_sent(message_id)
