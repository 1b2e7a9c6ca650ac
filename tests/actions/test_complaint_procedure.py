"""The complaint form confirms a procedure search is not sure of, or one meant for organisations, before
storing it; one search is sure of is stored by its short name and code. Search is replaced by its hits."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import complaints
from actions.complaints import ActionAskComplaintProcedure, ValidateComplaintForm
from knowledge_base.loader import load_procedures
from knowledge_base.schema import Procedure
from search_index import SearchHit
from tests.actions.search_fakes import SURE, FakeSearch

BIRTH_REGISTRATION = "1.001193"
FISHING_INSURANCE = "1.010370"  # "đăng ký tàu cá" lands here: a payment to insurance companies


@pytest.fixture(scope="module")
def procedures() -> dict[str, Procedure]:
    return {procedure.code: procedure for procedure in load_procedures()}


def tracker(text: str, intent: str, guess: dict[str, Any] | None = None) -> Tracker:
    message = {"text": text, "intent_ranking": [{"name": intent, "confidence": 0.9}], "entities": []}
    slots = {"complaint_procedure_guess": guess, "requested_slot": "complaint_procedure"}
    return Tracker("citizen", slots, message, [], False, None, {"name": "complaint_form"}, "action_listen")


def validate(monkeypatch, procedures, text, intent="inform", hit=None, guess=None) -> dict[str, Any]:
    hits = [SearchHit(hit[0], procedures[hit[0]].name, 1.0, hit[1], certain=hit[1] >= SURE)] if hit else []
    monkeypatch.setattr(complaints, "procedure_search", lambda: FakeSearch(procedures, hits))
    form = ValidateComplaintForm()
    return form.validate_complaint_procedure(text, CollectingDispatcher(), tracker(text, intent, guess), {})


def ask(guess: dict[str, Any] | None) -> list[dict[str, Any]]:
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionAskComplaintProcedure().run(dispatcher, tracker("", "inform", guess), {}))
    return dispatcher.messages


def test_a_procedure_search_is_sure_of_is_stored_by_its_short_name(monkeypatch, procedures) -> None:
    slots = validate(monkeypatch, procedures, "làm giấy khai sinh", hit=(BIRTH_REGISTRATION, 0.97))
    assert slots == {"complaint_procedure": "Đăng ký khai sinh (1.001193)", "complaint_procedure_guess": None}


def test_a_procedure_search_is_not_sure_of_is_confirmed_first(monkeypatch, procedures) -> None:
    slots = validate(monkeypatch, procedures, "khai sanh cho be", hit=(BIRTH_REGISTRATION, 0.6))
    assert slots["complaint_procedure"] is None
    assert ask(slots["complaint_procedure_guess"])[0]["response"] == "utter_confirm_complaint_procedure"


def test_a_procedure_for_organisations_is_confirmed_even_when_search_is_sure(monkeypatch, procedures) -> None:
    assert procedures[FISHING_INSURANCE].for_organisations_only
    slots = validate(monkeypatch, procedures, "đăng ký tàu cá", hit=(FISHING_INSURANCE, 0.95))
    assert slots["complaint_procedure"] is None
    messages = ask(slots["complaint_procedure_guess"])
    assert messages[0]["response"] == "utter_confirm_complaint_procedure_for_organisations"
    assert messages[0]["procedure"] == f"{procedures[FISHING_INSURANCE].short_name} ({FISHING_INSURANCE})"


@pytest.mark.parametrize(
    ("intent", "stored"),
    [
        ("affirm", "Hỗ trợ phí bảo hiểm khai thác hải sản (cho doanh nghiệp) (1.010370)"),
        ("deny", "đăng ký tàu cá"),
    ],
)
def test_the_answer_to_the_confirmation_decides_what_is_stored(
    monkeypatch, procedures, intent, stored
) -> None:
    guess = {
        "label": f"{procedures[FISHING_INSURANCE].short_name} ({FISHING_INSURANCE})",
        "words": "đăng ký tàu cá",
        "for_organisations": True,
    }
    slots = validate(monkeypatch, procedures, "/" + intent, intent=intent, guess=guess)
    assert slots == {"complaint_procedure": stored, "complaint_procedure_guess": None}


def test_without_a_guess_the_procedure_is_asked_plainly() -> None:
    assert [message["response"] for message in ask(None)] == ["utter_ask_complaint_procedure"]


def test_citizens_are_not_taken_for_organisations(procedures) -> None:
    assert not procedures[BIRTH_REGISTRATION].for_organisations_only
    assert not any(
        procedures[code].for_organisations_only for code in ("1.004194", "2.001035", "1.001612", "3.000348")
    )
