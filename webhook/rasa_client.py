"""Talks to the Rasa server: its REST channel for messages, its HTTP API for status; and asks the action
server, behind Rasa, whether it is up."""

from __future__ import annotations

from datetime import datetime, timezone

import httpx

from webhook.schemas import BotMessage, Button, ServiceHealth, TranscriptLine


class RasaUnavailable(RuntimeError):
    """Rasa did not answer. `received`: the message reached it, which may have processed some or all of it (it
    failed, was cut off or was too slow); otherwise it was not processed."""

    def __init__(self, detail: str, *, received: bool = False) -> None:
        super().__init__(detail)
        self.received = received


class RasaClient:
    def __init__(self, base_url: str, connect_timeout_s: float = 3.0, reply_timeout_s: float = 20.0) -> None:
        self._http = httpx.AsyncClient(
            base_url=base_url, timeout=httpx.Timeout(reply_timeout_s, connect=connect_timeout_s)
        )

    async def send(self, sender_id: str, text: str, input_channel: str = "web") -> list[BotMessage]:
        """The bot's replies; input_channel is kept on the conversation (and on complaints filed in it)."""
        try:
            response = await self._http.post(
                "/webhooks/rest/webhook",
                json={"sender": sender_id, "message": text, "input_channel": input_channel},
            )
            response.raise_for_status()
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as error:  # never reached Rasa
            raise RasaUnavailable(str(error) or type(error).__name__) from error
        except httpx.HTTPError as error:
            raise RasaUnavailable(str(error) or type(error).__name__, received=True) from error
        return [
            BotMessage(
                text=item.get("text"),
                buttons=[Button(title=b["title"], payload=b["payload"]) for b in item.get("buttons", [])],
            )
            for item in response.json()
            if item.get("text") or item.get("buttons")
        ]

    async def transcript(self, sender_id: str) -> list[TranscriptLine]:
        """What the citizen and the bot said in this conversation, from Rasa's tracker store."""
        try:
            response = await self._http.get(
                f"/conversations/{sender_id}/tracker", params={"include_events": "ALL"}
            )
            response.raise_for_status()
        except httpx.HTTPError as error:
            raise RasaUnavailable(str(error)) from error
        authors = {"user": "citizen", "bot": "bot"}
        return [
            TranscriptLine(
                at=datetime.fromtimestamp(event["timestamp"], timezone.utc),
                author=authors[event["event"]],
                text=event["text"],
            )
            for event in response.json().get("events", [])
            if event.get("event") in authors and event.get("text")
        ]

    async def health(self) -> ServiceHealth:
        try:
            response = await self._http.get("/status", timeout=5.0)
            response.raise_for_status()
        except httpx.HTTPError as error:
            return ServiceHealth(status="down", detail=str(error) or type(error).__name__)
        return ServiceHealth(status="ok", detail=response.json().get("model_id"))

    async def aclose(self) -> None:
        await self._http.aclose()


class ActionServerCheck:
    """Whether the action server answers its /health: Rasa runs every answer that needs the knowledge base or
    the complaint workflow there, and answers without it as if it had not understood."""

    def __init__(self, base_url: str, timeout_s: float = 2.0) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=timeout_s)

    async def up(self) -> bool:
        try:
            response = await self._http.get("/health")
        except httpx.HTTPError:
            return False
        return response.status_code == 200

    async def aclose(self) -> None:
        await self._http.aclose()
