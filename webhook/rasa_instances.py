"""The Rasa instances one backend talks to (TLDVC_RASA_URLS). Each conversation is pinned to one of them by a
stable hash of its sender id, so that two messages of one conversation rarely reach two instances and wait
on each other's lock; while that instance cannot be reached, the conversation moves on to the next in its
own order. Moving is correct because every instance reads and writes the same tracker store and lock store
(README: "Scale-out")."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

from webhook.rasa_client import RasaClient, RasaUnavailable
from webhook.schemas import BotMessage, ServiceHealth, TranscriptLine

logger = logging.getLogger(__name__)

T = TypeVar("T")
# An instance that could not be reached is tried last for this long, so that the conversations pinned to
# a dead host do not each wait for its connect timeout first.
RETRY_AFTER_S = 10.0


def preference(sender_id: str, urls: list[str]) -> list[int]:
    """The instances in the order this conversation tries them: rendezvous hashing, so that adding or
    removing an instance moves only the conversations pinned to it, and every backend agrees."""

    def weight(index: int) -> bytes:
        return hashlib.blake2b(f"{urls[index]}\n{sender_id}".encode(), digest_size=8).digest()

    return sorted(range(len(urls)), key=weight, reverse=True)


class RasaInstances:
    def __init__(
        self, urls: list[str], connect_timeout_s: float = 3.0, reply_timeout_s: float = 20.0
    ) -> None:
        if not urls:
            raise ValueError("at least one Rasa URL is needed")
        self.urls = urls
        self._clients = [RasaClient(url, connect_timeout_s, reply_timeout_s) for url in urls]
        self._unreachable_until = [0.0] * len(urls)

    async def send(self, sender_id: str, text: str, input_channel: str = "web") -> list[BotMessage]:
        """The bot's replies, from the conversation's instance or, while it cannot be reached, the next.

        A message an instance received is never sent to another: it may have acted on it already (a
        complaint filed), so its failure is the caller's to handle.
        """
        return await self._first_reachable(
            sender_id, lambda client: client.send(sender_id, text, input_channel), resend_received=False
        )

    async def transcript(self, sender_id: str) -> list[TranscriptLine]:
        """Reading changes nothing: any instance that answers will do."""
        return await self._first_reachable(
            sender_id, lambda client: client.transcript(sender_id), resend_received=True
        )

    async def health(self) -> ServiceHealth:
        """Up while any instance is (the conversations of the others move to it); the detail names each."""
        reports = await asyncio.gather(*(client.health() for client in self._clients))
        if len(reports) == 1:
            return reports[0]
        up = sum(report.status == "ok" for report in reports)
        detail = "; ".join(
            f"{url}: {report.status}{f' ({report.detail})' if report.detail else ''}"
            for url, report in zip(self.urls, reports, strict=True)
        )
        return ServiceHealth(status="ok" if up else "down", detail=f"{up}/{len(reports)} up. {detail}")

    async def aclose(self) -> None:
        for client in self._clients:
            await client.aclose()

    async def _first_reachable(
        self, sender_id: str, call: Callable[[RasaClient], Awaitable[T]], resend_received: bool
    ) -> T:
        now = time.monotonic()
        order = preference(sender_id, self.urls)
        # Stable: the pinned instance first unless it failed lately; those that did keep their order, last.
        order.sort(key=lambda index: self._unreachable_until[index] > now)
        failures: list[RasaUnavailable] = []
        for index in order:
            try:
                result = await call(self._clients[index])
            except RasaUnavailable as error:
                if error.received and not resend_received:
                    raise
                if len(order) > 1:
                    logger.warning("Rasa at %s did not answer (%s); trying the next", self.urls[index], error)
                self._unreachable_until[index] = time.monotonic() + RETRY_AFTER_S
                failures.append(error)
                continue
            self._unreachable_until[index] = 0.0
            return result
        raise failures[-1]  # every instance failed (there is at least one)
