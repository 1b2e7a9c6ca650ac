"""A message NLU could not place still gets what search finds likely, offered but never answered outright.

Search is replaced by the hits it gives (scores as measured on the province KB), so no model is loaded.
"""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk.events import SlotSet

from actions.procedure_answers import ActionNotUnderstood
from knowledge_base.loader import load_procedures
from knowledge_base.schema import Procedure
from search_index import SearchHit
from tests.actions.search_fakes import run_with_hits

PERMANENT_RESIDENCE = "1.004222"


@pytest.fixture(scope="module")
def procedures() -> dict[str, Procedure]:
    return {procedure.code: procedure for procedure in load_procedures()}


def not_understood(
    monkeypatch: pytest.MonkeyPatch,
    procedures: dict[str, Procedure],
    intent: str,
    hits: list[SearchHit],
    entities: list[dict[str, Any]] | None = None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    return run_with_hits(
        ActionNotUnderstood(),
        monkeypatch,
        procedures,
        hits,
        intents=[intent, "greet"],
        slots={"failed_attempts": 0},
        entities=entities,
    )


def test_procedure_search_is_sure_of_is_offered_not_answered(
    monkeypatch: pytest.MonkeyPatch, procedures: dict[str, Procedure]
) -> None:
    # "đăng ký thường trú cho vợ về nhà chồng cần gì", which NLU took for out of scope.
    hit = SearchHit(PERMANENT_RESIDENCE, procedures[PERMANENT_RESIDENCE].name, 1.049, 0.92, certain=True)
    messages, events = not_understood(monkeypatch, procedures, "out_of_scope", [hit])
    assert [message["response"] for message in messages] == ["utter_confirm_procedure"]
    assert [button["payload"] for button in messages[0]["buttons"]] == [
        f'/ask_procedure{{"procedure_code": "{PERMANENT_RESIDENCE}"}}'
    ]
    assert SlotSet("failed_attempts", 1) not in events


def test_a_procedure_nlu_recognised_is_answered_when_search_is_sure(
    monkeypatch: pytest.MonkeyPatch, procedures: dict[str, Procedure]
) -> None:
    # "trình báo mất hộ chiếu": NLU unsure between intents, but sure it names a procedure.
    passport = "1.001445"
    hit = SearchHit(passport, procedures[passport].name, 1.085, 0.99, certain=True)
    entity = {"entity": "procedure", "value": "hộ chiếu", "start": 14, "end": 22}
    messages, _ = not_understood(monkeypatch, procedures, "nlu_fallback", [hit], [entity])
    assert len(messages) == 1 and passport in messages[0]["text"]


@pytest.mark.parametrize(
    ("intent", "response"), [("out_of_scope", "utter_out_of_scope"), ("nlu_fallback", "utter_default")]
)
def test_nothing_likely_is_a_failure(
    monkeypatch: pytest.MonkeyPatch, procedures: dict[str, Procedure], intent: str, response: str
) -> None:
    hit = SearchHit(
        PERMANENT_RESIDENCE, procedures[PERMANENT_RESIDENCE].name, 0.934, 0.04
    )  # "bóng đá tối nay"
    messages, events = not_understood(monkeypatch, procedures, intent, [hit])
    assert [message["response"] for message in messages] == [response]
    assert SlotSet("failed_attempts", 1) in events
