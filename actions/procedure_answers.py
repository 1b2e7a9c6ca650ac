"""Answers questions about a procedure from the knowledge base, or says honestly that it does not know.

The procedure a conversation is about is kept in the `procedure_code` slot, so follow-ups such as
"lệ phí bao nhiêu?" answer about it. A question that names a procedure is searched and switches topic.
Procedures offered as buttons are kept in `offered_choices` until one is answered, so a follow-up typed
instead of pressing a button ("mất bao lâu?") is about them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation_events import record_event
from actions.handoff import register_failure
from actions.knowledge import procedure_search, province_profile
from actions.procedure_choices import leading_choices
from knowledge_base import procedure_card
from knowledge_base.national_names import NationalProcedure
from storage import ConversationEventKind
from text_matching import PhraseTable

ASPECT_BY_INTENT = {
    "ask_procedure": "card",
    "ask_documents": "documents",
    "ask_fee": "fee",
    "ask_processing_time": "time",
    "ask_where": "where",
    "ask_online": "online",
}
MAX_CHOICES = 3
# Follow-ups answered at once for every offered procedure; a document list or a full card for each would
# bury the citizen, so for those the bot asks which one instead.
SHORT_ASPECTS = frozenset({"fee", "time", "where", "online"})
# Phrases that show a question also asks for another aspect ("nộp ở đâu, mất phí ko?").
ASPECT_PHRASES = PhraseTable.from_yaml(Path(__file__).with_name("phrases.yml"), "aspects")


def worded_aspects(text: str) -> list[str]:
    """The aspects the wording asks for ("nộp ở đâu, mất phí ko?" -> where, fee)."""
    return ASPECT_PHRASES.found(text)


def asked_aspects(intent_aspect: str, text: str) -> list[str]:
    """The aspect the intent names, then any other the wording asks for; the full card covers them all."""
    if intent_aspect == "card":
        return ["card"]
    return [intent_aspect, *(aspect for aspect in worded_aspects(text) if aspect != intent_aspect)]


def mentions_procedure(tracker: Tracker) -> bool:
    return any(entity.get("entity") == "procedure" for entity in tracker.latest_message.get("entities", []))


def answer_from_search(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    text: str,
    aspect: str,
    aspects: list[str],
    *,
    hedge: bool = False,
) -> list[EventType] | None:
    """Answer the procedure search is sure of, or offer the likely ones as buttons; None when nothing is
    even likely. With `hedge`, nothing is answered outright: the procedures are offered, worded as unsure.
    A question about a national procedure the KB lacks is answered with where to find it."""
    best, choices = leading_choices(procedure_search().search(text, k=MAX_CHOICES + 2), MAX_CHOICES)
    if best is not None and best.outside is not None:
        return answer_outside(dispatcher, tracker, best.outside)
    if best is None or not best.confident:
        return None
    sure = best.sure and not hedge
    if sure and len(choices) < 2:
        return answer_procedure(dispatcher, tracker, best.code, aspects)
    # Several fit about equally, or the best is likely but not sure (often a question about a procedure the
    # KB does not hold): the citizen picks, or says it in other words.
    record_event(
        tracker, ConversationEventKind.CHOICES if sure else ConversationEventKind.UNSURE, best.code, best.name
    )
    offer = {"codes": [hit.code for hit in (choices if len(choices) > 1 else [best])], "sure": sure}
    return offer_choices(dispatcher, offer, aspect)


def answer_outside(
    dispatcher: CollectingDispatcher, tracker: Tracker, outside: NationalProcedure
) -> list[EventType]:
    """The question is about a national procedure the KB does not hold: say so, name it with its code and
    its page on the national portal, and give the hotline. The KB's nearest procedure is not offered: the
    national one fits clearly better. Not a failure either: the citizen has somewhere to go, so it does not
    count towards a handoff."""
    record_event(tracker, ConversationEventKind.NO_MATCH, tracker.get_slot("procedure_code"))
    dispatcher.utter_message(
        response="utter_outside_kb",
        outside_name=outside.name,
        outside_code=outside.code,
        outside_url=outside.url,
    )
    return [SlotSet("pending_aspect", None), SlotSet("offered_choices", None)]


def offer_choices(dispatcher: CollectingDispatcher, offer: dict[str, Any], aspect: str) -> list[EventType]:
    """The offered procedures as buttons, by their short names; kept for a follow-up typed instead."""
    search = procedure_search()
    procedures = [procedure for code in offer["codes"] if (procedure := search.procedure(code))]
    dispatcher.utter_message(
        response="utter_choose_procedure" if offer["sure"] else "utter_confirm_procedure",
        buttons=[
            {
                "title": procedure.short_name,
                "payload": f'/ask_procedure{{"procedure_code": "{procedure.code}"}}',
            }
            for procedure in procedures
        ],
    )
    return [SlotSet("pending_aspect", aspect), SlotSet("offered_choices", offer)]


def answer_follow_up(
    dispatcher: CollectingDispatcher, tracker: Tracker, aspects: list[str]
) -> list[EventType] | None:
    """A follow-up naming no procedure: about the procedures just offered (each answered for a short aspect
    when search was sure of them, else offered again), or about the conversation's procedure; None if
    there is neither."""
    offer = tracker.get_slot("offered_choices")
    if offer:
        if not (offer["sure"] and SHORT_ASPECTS.issuperset(aspects)):
            return offer_choices(dispatcher, offer, aspects[0])
        search, profile = procedure_search(), province_profile()
        for code in offer["codes"]:
            procedure = search.procedure(code)
            for aspect in aspects if procedure else []:
                dispatcher.utter_message(text=procedure_card.aspect_answer(procedure, aspect, profile))
        return [SlotSet("pending_aspect", None)]
    context = tracker.get_slot("procedure_code")
    return answer_procedure(dispatcher, tracker, context, aspects) if context else None


def answer_procedure(
    dispatcher: CollectingDispatcher, tracker: Tracker, code: str, aspects: list[str]
) -> list[EventType]:
    procedure = procedure_search().procedure(code)
    if procedure is None:  # the KB changed under a long conversation
        dispatcher.utter_message(response="utter_no_match")
        return [SlotSet("procedure_code", None)]
    record_event(tracker, ConversationEventKind.ANSWERED, procedure.code, procedure.name)
    for aspect in aspects:
        dispatcher.utter_message(text=procedure_card.aspect_answer(procedure, aspect, province_profile()))
    return [
        SlotSet("procedure_code", code),
        SlotSet("pending_aspect", None),
        SlotSet("offered_choices", None),
    ]


class ActionAnswerProcedure(Action):
    def name(self) -> str:
        return "action_answer_procedure"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        intent = tracker.get_intent_of_latest_message()
        context = tracker.get_slot("procedure_code")
        aspect = ASPECT_BY_INTENT.get(intent, "card")
        if aspect == "card" and tracker.get_slot("pending_aspect"):  # they named the procedure we asked about
            aspect = tracker.get_slot("pending_aspect")
        text = tracker.latest_message.get("text") or ""
        if next(tracker.get_latest_entity_values("procedure_code"), None):  # a choice button
            return answer_procedure(dispatcher, tracker, context, [aspect])
        aspects = asked_aspects(aspect, text)
        # A follow-up names no procedure, whatever intent NLU gave it ("mất bao lâu?", "Thời hạn?").
        named = mentions_procedure(tracker)
        bare = not named and procedure_search().names_no_procedure(text)
        if bare and aspect == "card":
            aspects = worded_aspects(text) or ["card"]
        on_topic = aspect != "card" and not named and context and not tracker.get_slot("offered_choices")
        if (bare or on_topic) and (answered := answer_follow_up(dispatcher, tracker, aspects)) is not None:
            return answered
        found = answer_from_search(dispatcher, tracker, text, aspect, aspects)
        if found is not None:
            return found
        if bare and aspect != "card":
            dispatcher.utter_message(response="utter_ask_which_procedure")
            return [SlotSet("pending_aspect", aspect)]
        return register_failure(dispatcher, tracker, "utter_no_match", ConversationEventKind.NO_MATCH)


class ActionNotUnderstood(Action):
    """A message NLU could not place, or took for out of scope. It may still be about a procedure NLU has
    not learnt to recognise ("đăng ký thường trú cho vợ về nhà chồng"), so what search finds likely is
    offered, never answered outright: NLU's doubt stands ("tôi muốn mua nhà" is sure of an unrelated
    certificate), unless NLU recognised a procedure's name in it ("trình báo mất hộ chiếu"). Otherwise the
    bot says it cannot help; two failures in a row hand over to staff."""

    def name(self) -> str:
        return "action_not_understood"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        text = tracker.latest_message.get("text") or ""
        # A bare follow-up NLU could not place ("phi bn") is about the topic at hand.
        aspects = worded_aspects(text)
        if aspects and procedure_search().names_no_procedure(text):
            follow_up = answer_follow_up(dispatcher, tracker, aspects)
            if follow_up is not None:
                return follow_up
        found = answer_from_search(
            dispatcher, tracker, text, "card", ["card"], hedge=not mentions_procedure(tracker)
        )
        if found is not None:
            return found
        if tracker.get_intent_of_latest_message() == "out_of_scope":
            return register_failure(
                dispatcher, tracker, "utter_out_of_scope", ConversationEventKind.OUT_OF_SCOPE
            )
        return register_failure(dispatcher, tracker, "utter_default", ConversationEventKind.NOT_UNDERSTOOD)
