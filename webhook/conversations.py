"""Where a citizen's message goes, whatever the channel: to the bot, or to the member of staff holding the
conversation (the bot then stays quiet until staff release it)."""

from __future__ import annotations

from dataclasses import dataclass

from storage import HandoffStore, LiveAuthor
from webhook.rasa_client import RasaClient
from webhook.schemas import BotMessage


@dataclass(frozen=True)
class Outcome:
    replies: list[BotMessage]
    with_staff: bool  # staff hold the conversation: the citizen's words went to them, the bot said nothing


class Conversations:
    def __init__(self, rasa: RasaClient, handoffs: HandoffStore) -> None:
        self._rasa, self._handoffs = rasa, handoffs

    async def handle(self, sender_id: str, text: str, channel: str) -> Outcome:
        """Raises RasaUnavailable when the bot should answer and Rasa does not."""
        held = self._handoffs.held(sender_id)
        if held is not None:
            self._handoffs.add_message(held.id, LiveAuthor.CITIZEN, text)
            return Outcome(replies=[], with_staff=True)
        return Outcome(
            replies=await self._rasa.send(sender_id, text, input_channel=channel), with_staff=False
        )
