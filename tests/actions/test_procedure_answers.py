"""What the bot says when search finds nothing likely: ask for the procedure, or admit it found none."""

from __future__ import annotations

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import procedure_answers
from actions.procedure_answers import ActionAnswerProcedure, ActionNotUnderstood
from knowledge_base.loader import load_procedures
from knowledge_base.national_names import NationalProcedure
from knowledge_base.schema import Procedure
from search_index import SearchHit
from tests.actions.search_fakes import FakeSearch, run_with_hits

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


LOST_PASSPORT_PROVINCE = "1.001445"
LOST_PASSPORT_COMMUNE = "1.010386"
OFFER = {"codes": [LOST_PASSPORT_PROVINCE, LOST_PASSPORT_COMMUNE], "sure": True}


@pytest.fixture(scope="module")
def procedures() -> dict[str, Procedure]:
    return {procedure.code: procedure for procedure in load_procedures()}


def follow_up(monkeypatch, procedures, action, intent, text, offer, context=None):
    return run_with_hits(
        action,
        monkeypatch,
        procedures,
        [],
        intents=[intent],
        slots={"procedure_code": context, "pending_aspect": "card", "offered_choices": offer},
        text=text,
    )


@pytest.mark.parametrize(
    ("action", "intent", "text", "emoji"),
    [
        (ActionAnswerProcedure(), "ask_processing_time", "mất bao lâu?", "⏱"),
        (ActionNotUnderstood(), "nlu_fallback", "phi bn", "💰"),
    ],
)
def test_a_follow_up_typed_instead_of_a_button_answers_for_the_offered_procedures(
    monkeypatch, procedures, action, intent, text, emoji
) -> None:
    messages, events = follow_up(
        monkeypatch, procedures, action, intent, text, OFFER, context=BIRTH_REGISTRATION
    )
    assert [message["text"].split(" ")[0] for message in messages] == [emoji, emoji]
    assert LOST_PASSPORT_PROVINCE in messages[0]["text"] and LOST_PASSPORT_COMMUNE in messages[1]["text"]
    assert not any(BIRTH_REGISTRATION in message["text"] for message in messages)
    assert SlotSet("offered_choices", None) not in events  # the buttons still work


def test_a_long_follow_up_asks_which_offered_procedure_again(monkeypatch, procedures) -> None:
    messages, events = follow_up(
        monkeypatch, procedures, ActionAnswerProcedure(), "ask_documents", "cần giấy tờ gì?", OFFER
    )
    assert [message["response"] for message in messages] == ["utter_choose_procedure"]
    assert [button["title"] for button in messages[0]["buttons"]] == [
        procedures[code].short_name for code in OFFER["codes"]
    ]
    assert SlotSet("pending_aspect", "documents") in events


def test_a_follow_up_to_a_procedure_offered_unsure_is_not_answered_for_it(monkeypatch, procedures) -> None:
    offer = {"codes": [LOST_PASSPORT_COMMUNE], "sure": False}
    messages, _ = follow_up(
        monkeypatch, procedures, ActionAnswerProcedure(), "ask_processing_time", "mất bao lâu?", offer
    )
    assert [message["response"] for message in messages] == ["utter_confirm_procedure"]


def test_pressing_a_button_answers_and_forgets_the_offer(monkeypatch, procedures) -> None:
    monkeypatch.setattr(procedure_answers, "procedure_search", lambda: FakeSearch(procedures, []))
    dispatcher = CollectingDispatcher()
    tracker = Tracker("citizen", {}, {"text": "mất bao lâu"}, [], False, None, {}, "action_listen")
    events = procedure_answers.answer_procedure(dispatcher, tracker, LOST_PASSPORT_COMMUNE, ["time"])
    assert (
        SlotSet("offered_choices", None) in events
        and SlotSet("procedure_code", LOST_PASSPORT_COMMUNE) in events
    )


# A national procedure the province KB lacks fits "xin giấy phép nhập khẩu thuốc thú y" best.
VETERINARY_IMPORT = NationalProcedure(
    code="1.003462",
    name="Cấp giấy phép nhập khẩu thuốc thú y, nguyên liệu làm thuốc thú y",
    url="https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfa-1913-772d-a0b8-c8c6dcd61785",
)
CROSS_BORDER_PERMIT = "1.001023"  # the KB's nearest neighbour, still likely (confident)


def test_a_question_about_a_national_procedure_the_kb_lacks_names_it_and_its_page(
    monkeypatch, procedures
) -> None:
    neighbour = procedures[CROSS_BORDER_PERMIT]
    hit = SearchHit(neighbour.code, neighbour.name, 1.005, 0.58, VETERINARY_IMPORT)
    messages, events = run_with_hits(
        ActionAnswerProcedure(),
        monkeypatch,
        procedures,
        [hit],
        intents=["ask_procedure"],
        slots={"procedure_code": None, "pending_aspect": None, "failed_attempts": 1},
        text="xin giấy phép nhập khẩu thuốc thú y",
    )
    assert [message["response"] for message in messages] == ["utter_outside_kb"]
    assert messages[0]["outside_name"] == VETERINARY_IMPORT.name
    assert (messages[0]["outside_code"], messages[0]["outside_url"]) == (
        VETERINARY_IMPORT.code,
        VETERINARY_IMPORT.url,
    )
    assert messages[0]["buttons"] == []  # the neighbour is not offered: the national procedure fits better
    # Not a failure: a previous failure does not make this turn hand the citizen over.
    assert not any(event.get("name") == "failed_attempts" for event in events)
