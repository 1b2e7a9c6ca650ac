"""The answer a citizen gets when the bot cannot give one (Rasa down or too slow, or the action server
down): from the same procedure search the bot uses, with a note that the assistant is limited right now, that
complaints and status lookups are not available and what to do, and the hotline. Nothing is stored: no
complaint, no conversation event; Rasa never sees the message or its answer.

The words are in limited_service.yml; a procedure's card is the bot's own (knowledge_base/procedure_card.py),
so facts under review are withheld the same way.
"""

from __future__ import annotations

import asyncio
import re
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

import yaml

from actions.knowledge import procedure_search
from actions.procedure_choices import leading_choices
from knowledge_base import procedure_card
from knowledge_base.profile import ProvinceProfile
from search_index import ProcedureSearch
from webhook.schemas import BotMessage

MAX_CHOICES = 3  # as the bot
# A button's payload ('/ask_procedure{"procedure_code": "1.001193"}'), pressed while the bot is down.
PAYLOAD_CODE = re.compile(r'"procedure_code"\s*:\s*"([^"]+)"')


class Reason(StrEnum):
    """Why the bot did not answer; logged, and it decides what the citizen is told about a complaint."""

    RASA_DOWN = "rasa_down"  # Rasa could not be reached: the message was not processed
    RASA_FAILED = "rasa_failed"  # it failed, was cut off or was too slow: it may have processed the message
    ACTIONS_DOWN = "action_server_down"  # not sent to Rasa, whose answers would all fail without it
    EMPTY_REPLY = "empty_reply"  # the action server went down while Rasa handled it, nothing came back

    @property
    def message_may_be_processed(self) -> bool:
        """Whether a complaint in progress may have been stored after all (only its answer was lost)."""
        return self in (Reason.RASA_FAILED, Reason.EMPTY_REPLY)


@lru_cache(maxsize=1)
def limited_text() -> dict[str, str]:
    return yaml.safe_load(Path(__file__).with_name("limited_service.yml").read_text(encoding="utf-8"))


class LimitedService:
    def __init__(self, profile: ProvinceProfile) -> None:
        self._profile = profile

    async def answer(self, text: str, reason: Reason) -> list[BotMessage]:
        """The note, then what the search finds for the message. The search is loaded on first use (several
        seconds, once per process, shared with the hotline console); raises if it cannot be."""
        search = await asyncio.to_thread(procedure_search)
        found = await asyncio.to_thread(self._found, search, text)
        replies = [BotMessage(text=self._note(reason))]
        if found:
            replies.append(BotMessage(text=found))
        return replies

    def _note(self, reason: Reason) -> str:
        words, hotline = limited_text(), self._profile.hotline_text
        unknown = reason.message_may_be_processed
        complaint = words["complaint_unconfirmed" if unknown else "complaint_not_sent"]
        return f"{words['note']}\n{complaint}".format(hotline=hotline)

    def _found(self, search: ProcedureSearch, text: str) -> str | None:
        words = limited_text()
        if text.startswith("/"):  # a button's payload: a procedure's card if it names one, else nothing
            code = PAYLOAD_CODE.search(text)
            procedure = search.procedure(code.group(1)) if code else None
            return procedure_card.card(procedure, self._profile) if procedure else None
        best, choices = leading_choices(search.search(text, k=MAX_CHOICES + 2), MAX_CHOICES)
        if best is None or not best.confident:
            return words["nothing"]
        if len(choices) > 1:
            lines = [
                words["choice"].format(short_name=procedure.short_name, code=procedure.code)
                for hit in choices
                if (procedure := search.procedure(hit.code)) is not None
            ]
            return words["several"].format(choices="\n".join(lines))
        procedure = search.procedure(best.code)
        if procedure is None:
            return words["nothing"]
        card = procedure_card.card(procedure, self._profile)
        return card if best.sure else f"{words['likely']}\n\n{card}"
