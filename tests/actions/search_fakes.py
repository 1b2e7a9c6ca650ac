"""Running an action against the hits search gave for a question (scores as measured on the province KB), so
action tests load no model."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import procedure_answers
from knowledge_base.schema import Procedure
from search_index import SearchHit

# Tests that rank hits by confidence alone: a hit from this confidence up stands for one search is certain
# of (search_index/certainty.py), as a measured sure hit was.
SURE = 0.8


class FakeSearch:
    def __init__(self, procedures: dict[str, Procedure], hits: list[SearchHit]) -> None:
        self._procedures = procedures
        self._hits = hits

    def search(self, text: str, k: int) -> list[SearchHit]:
        return self._hits[:k]

    def procedure(self, code: str) -> Procedure | None:
        return self._procedures.get(code)

    def names_no_procedure(self, text: str) -> bool:
        return text in {
            "mất bao lâu?",
            "lệ phí bao nhiêu?",
            "Thời hạn giải quyết?",
            "phi bn",
            "cần giấy tờ gì?",
        }


def run_with_hits(
    action: Action,
    monkeypatch: pytest.MonkeyPatch,
    procedures: dict[str, Procedure],
    hits: list[SearchHit],
    *,
    intents: list[str],
    slots: dict[str, Any],
    text: str = "…",
    entities: list[dict[str, Any]] | None = None,
    past_events: list[dict[str, Any]] | None = None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The bot's messages and events when `action` runs on a message NLU ranked as `intents`."""
    monkeypatch.setattr(procedure_answers, "procedure_search", lambda: FakeSearch(procedures, hits))
    ranking = [{"name": intent, "confidence": 0.9 / (rank + 1)} for rank, intent in enumerate(intents)]
    tracker = Tracker(
        "citizen",
        slots,
        {"text": text, "intent_ranking": ranking, "entities": entities or []},
        [*(past_events or []), {"event": "user", "text": text}],
        False,
        None,
        {},
        "action_listen",
    )
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, {}))
    return dispatcher.messages, events
