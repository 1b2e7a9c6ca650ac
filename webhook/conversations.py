"""Where a citizen's message goes, whatever the channel: to the bot, or to the member of staff holding the
conversation (the bot then stays quiet until staff release it). When the bot cannot answer, the limited
service does (webhook/limited_service.py)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from storage import HandoffStore, LiveAuthor
from webhook.limited_service import LimitedService, Reason
from webhook.rasa_client import ActionServerCheck, RasaUnavailable
from webhook.rasa_instances import RasaInstances
from webhook.schemas import BotMessage

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    replies: list[BotMessage]
    with_staff: bool  # staff hold the conversation: the citizen's words went to them, the bot said nothing
    limited: bool = False  # the bot could not answer: the replies are the limited service's


class Conversations:
    def __init__(
        self,
        rasa: RasaInstances,
        handoffs: HandoffStore,
        action_server: ActionServerCheck,
        limited: LimitedService,
    ) -> None:
        self._rasa, self._handoffs = rasa, handoffs
        self._action_server, self._limited = action_server, limited

    async def handle(self, sender_id: str, text: str, channel: str) -> Outcome:
        """Raises RasaUnavailable only when neither the bot nor the limited service could answer."""
        held = self._handoffs.held(sender_id)
        if held is not None:
            self._handoffs.add_message(held.id, LiveAuthor.CITIZEN, text)
            return Outcome(replies=[], with_staff=True)
        # Without the action server Rasa answers as if it had not understood (its custom actions, the
        # session's start among them, fail and their events are dropped): the message is not sent at all.
        if not await self._action_server.up():
            return await self._limited_answer(text, Reason.ACTIONS_DOWN, None)
        try:
            replies = await self._rasa.send(sender_id, text, input_channel=channel)
        except RasaUnavailable as error:
            reason = Reason.RASA_FAILED if error.received else Reason.RASA_DOWN
            return await self._limited_answer(text, reason, error)
        if not replies and not await self._action_server.up():  # it went down while Rasa waited on it
            return await self._limited_answer(text, Reason.EMPTY_REPLY, None)
        return Outcome(replies=replies, with_staff=False)

    async def _limited_answer(self, text: str, reason: Reason, error: RasaUnavailable | None) -> Outcome:
        # Neither the sender nor the message is logged: both may be personal data.
        logger.warning(
            "the bot cannot answer (%s%s): answering from the procedure search only",
            reason,
            f": {error}" if error else "",
        )
        try:
            replies = await self._limited.answer(text, reason)
        except Exception as failure:
            logger.exception("the limited answer failed too")
            raise (error or RasaUnavailable(str(reason))) from failure
        return Outcome(replies=replies, with_staff=False, limited=True)
