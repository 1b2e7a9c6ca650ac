"""What the bot says when search finds nothing likely: ask for the procedure, or admit it found none."""

from __future__ import annotations

import pytest
from rasa_sdk.events import SlotSet

from actions.procedure_answers import ActionAnswerProcedure
from knowledge_base.loader import load_procedures
from tests.actions.search_fakes import run_with_hits

BIRTH_REGISTRATION = "1.001193"


def test_follow_up_without_a_topic_asks_which_procedure(monkeypatch: pytest.MonkeyPatch) -> None:
    messages, events = run_with_hits(
        ActionAnswerProcedure(),
        monkeypatch,
        {},
        [],
        intents=["ask_processing_time"],
        slots={"procedure_code": None, "pending_aspect": None},
        text="mất bao lâu?",
    )
    assert [message["response"] for message in messages] == ["utter_ask_which_procedure"]
    assert SlotSet("pending_aspect", "time") in events


def test_named_procedure_search_cannot_find_is_admitted_not_asked_for(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    messages, _ = run_with_hits(
        ActionAnswerProcedure(),
        monkeypatch,
        {},
        [],
        intents=["ask_processing_time"],
        slots={"procedure_code": None, "pending_aspect": None, "failed_attempts": 0},
        text="xin visa đi Hàn Quốc mất bao lâu?",
    )
    assert [message["response"] for message in messages] == ["utter_no_match"]


def test_formal_follow_up_taken_for_a_new_question_answers_the_topic(monkeypatch: pytest.MonkeyPatch) -> None:
    procedures = {procedure.code: procedure for procedure in load_procedures()}
    messages, events = run_with_hits(
        ActionAnswerProcedure(),
        monkeypatch,
        procedures,
        [],
        intents=["ask_procedure"],
        slots={"procedure_code": BIRTH_REGISTRATION, "pending_aspect": None},
        text="Thời hạn giải quyết?",
    )
    assert [message["text"].split(" ")[0] for message in messages] == ["⏱"]
    assert BIRTH_REGISTRATION in messages[0]["text"]
    assert SlotSet("procedure_code", BIRTH_REGISTRATION) in events
