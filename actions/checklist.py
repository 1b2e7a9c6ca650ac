"""Walks a citizen through a procedure's documents, one question at a time, and sums up what is missing.

Progress lives in the `checklist_state` slot, so the walkthrough can be paused ("thôi"), interrupted by
other questions, and resumed later in the same conversation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.conversation_events import record_event
from actions.forms import DynamicFormValidationAction
from actions.knowledge import procedure_search, province_profile
from actions.procedure_answers import mentions_procedure
from knowledge_base import procedure_card
from knowledge_base.profile import ProvinceProfile
from knowledge_base.schema import Channel, DocumentRequirement, Procedure
from storage import ConversationEventKind

ANSWER = {"yes": True, "no": False, "skip": None}
# The yes/no questions that narrow how the dossier is submitted, in the order asked: online first. Each is
# the domain response utter_checklist_ask_<key>.
CHANNEL_QUESTIONS = {"online": Channel.online, "post": Channel.post}


def new_state(code: str | None) -> dict[str, Any]:
    return {"code": code, "confirmed": False, "channels": {}, "cases": {}, "documents": {}}


def possible_channels(procedure: Procedure, state: dict[str, Any]) -> set[Channel]:
    """The channels the citizen may still use given their answers ("online: no" leaves in person and post)."""
    channels = {mode.channel for mode in procedure.modes} or set(Channel)
    for key, answer in state.get("channels", {}).items():
        if answer is not None:
            channels = channels & {CHANNEL_QUESTIONS[key]} if answer else channels - {CHANNEL_QUESTIONS[key]}
    return channels


def _applies(document: DocumentRequirement, channels: set[Channel], cases: dict[str, bool | None]) -> bool:
    """Unanswered questions keep a document in; a channel condition needs one of its channels possible."""
    condition = document.applies_when
    return (not condition.channel or bool(channels & set(condition.channel))) and all(
        cases.get(key) in (None, required) for key, required in condition.answers.items()
    )


def applicable_documents(
    procedure: Procedure, state: dict[str, Any]
) -> list[tuple[int, DocumentRequirement]]:
    """Documents that apply given the answers so far."""
    channels = possible_channels(procedure, state)
    return [
        (index, document)
        for index, document in enumerate(procedure.documents)
        if _applies(document, channels, state["cases"])
    ]


def _decides(procedure: Procedure, channels: set[Channel], channel: Channel) -> bool:
    """Whether a yes or no to `channel` would change which documents apply."""
    if channel not in channels or len(channels) < 2:
        return False
    rest = channels - {channel}
    return any(
        (channel in document.applies_when.channel) != bool(rest & set(document.applies_when.channel))
        for document in procedure.documents
        if document.applies_when.channel
    )


@dataclass(frozen=True)
class Question:
    kind: str  # "confirm", "channel", "case" or "document"
    key: str  # channel question, case key or document index


def next_question(procedure: Procedure, state: dict[str, Any]) -> Question | None:
    if not state["confirmed"]:
        return Question("confirm", "")
    answered = state.get("channels", {})
    for key, channel in CHANNEL_QUESTIONS.items():
        if key not in answered and _decides(procedure, possible_channels(procedure, state), channel):
            return Question("channel", key)
    for case in procedure.case_questions:
        if case.key not in state["cases"]:
            return Question("case", case.key)
    for index, _ in applicable_documents(procedure, state):
        if str(index) not in state["documents"]:
            return Question("document", str(index))
    return None


def record_answer(procedure: Procedure, state: dict[str, Any], reply: str) -> dict[str, Any]:
    """The state after the citizen's yes / no / skip to the current question."""
    question = next_question(procedure, state)
    if question is None:
        return state
    if question.kind == "confirm":
        return {**state, "confirmed": True} if reply != "no" else new_state(None)
    if question.kind == "channel":
        return {**state, "channels": {**state.get("channels", {}), question.key: ANSWER[reply]}}
    if question.kind == "case":
        return {**state, "cases": {**state["cases"], question.key: ANSWER[reply]}}
    return {**state, "documents": {**state["documents"], question.key: reply}}


def _missing_line(document: DocumentRequirement) -> str:
    how = [document.how_to_get] if document.how_to_get else []
    if document.form_code:
        how.append(f"dùng mẫu {document.form_code}")
    return f"• {procedure_card.document_line(document)}" + (f" → {'; '.join(how)}" if how else "")


def summary_text(procedure: Procedure, state: dict[str, Any], profile: ProvinceProfile) -> str:
    documents = applicable_documents(procedure, state)
    by_answer: dict[str, list[DocumentRequirement]] = {"yes": [], "no": [], "skip": []}
    for index, document in documents:
        by_answer[state["documents"].get(str(index), "skip")].append(document)
    lines = [f"📋 Hồ sơ «{procedure.short_name}» (mã {procedure.code})"]
    if not documents:
        lines.append("Dữ liệu của mình chưa có danh mục giấy tờ cho thủ tục này.")
    if by_answer["yes"]:
        lines.append(f"✅ Đã có ({len(by_answer['yes'])}):")
        lines += [f"• {procedure_card.document_line(d)}" for d in by_answer["yes"]]
    if by_answer["no"]:
        lines.append(f"❌ Còn thiếu ({len(by_answer['no'])}):")
        lines += [_missing_line(d) for d in by_answer["no"]]
    if by_answer["skip"]:
        lines.append(f"❔ Chưa xác nhận ({len(by_answer['skip'])}):")
        lines += [_missing_line(d) for d in by_answer["skip"]]
    if documents and not by_answer["no"] and not by_answer["skip"]:
        lines.append("🎉 Bạn đã có đủ giấy tờ.")
    lines += [
        f"🌐 {procedure_card.online_text(procedure, profile.portal_url)}",
        f"🏢 Nộp trực tiếp: {procedure_card.where_text(procedure)}",
        f"⏱ Thời gian: {procedure_card.processing_time_text(procedure, profile.hotline_text)}",
        f"💰 Lệ phí: {procedure_card.fee_text(procedure, profile.hotline_text)}",
    ]
    return "\n".join(lines)


def _state(tracker: Tracker) -> dict[str, Any]:
    return tracker.get_slot("checklist_state") or new_state(None)


class ActionStartChecklist(Action):
    """Opens the walkthrough: a procedure named now, else the one being resumed, else the current topic."""

    def name(self) -> str:
        return "action_start_checklist"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        search = procedure_search()
        state = _state(tracker)
        named = None
        if mentions_procedure(tracker):
            hits = search.search(tracker.latest_message.get("text") or "", k=1)
            named = hits[0].code if hits and hits[0].confident else None
        previous = search.procedure(state["code"]) if state["code"] else None
        resumable = state["code"] if previous and next_question(previous, state) is not None else None
        if named is None or named == resumable:
            if resumable:
                dispatcher.utter_message(response="utter_checklist_resumed")
            else:
                state = new_state(tracker.get_slot("procedure_code"))
        else:
            state = new_state(named)
        code = state["code"]
        procedure = search.procedure(code) if code else None
        return [
            SlotSet("checklist_state", state),
            SlotSet("checklist_procedure", procedure.short_name if procedure else None),
            SlotSet("checklist_reply", None),
            # Questions in the middle ("lệ phí bao nhiêu?") are about the procedure being prepared.
            SlotSet("procedure_code", code or tracker.get_slot("procedure_code")),
        ]


class ValidateChecklistForm(DynamicFormValidationAction):
    def name(self) -> str:
        return "validate_checklist_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        state = _state(tracker)
        if not state["code"]:
            return ["checklist_procedure"]
        procedure = procedure_search().procedure(state["code"])
        return ["checklist_reply"] if procedure and next_question(procedure, state) else []

    def validate_checklist_procedure(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        hits = procedure_search().search(str(value), k=1)
        if not hits or not hits[0].confident:
            dispatcher.utter_message(response="utter_procedure_not_found")
            return {"checklist_procedure": None}
        procedure = procedure_search().procedure(hits[0].code)
        return {
            "checklist_procedure": procedure.short_name if procedure else hits[0].name,
            "checklist_state": new_state(hits[0].code),
            "procedure_code": hits[0].code,
        }

    def validate_checklist_reply(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        state = _state(tracker)
        procedure = procedure_search().procedure(state["code"]) if state["code"] else None
        if procedure is None:
            return {"checklist_reply": None}
        confirmed_before = state["confirmed"]
        state = record_answer(procedure, state, str(value))
        if not state["code"]:  # not the procedure they meant: ask again
            return {"checklist_reply": None, "checklist_state": state, "checklist_procedure": None}
        if state["confirmed"] and not confirmed_before:  # the walkthrough starts once the citizen confirms
            record_event(tracker, ConversationEventKind.WALKTHROUGH_STARTED, procedure.code, procedure.name)
        return {"checklist_reply": None, "checklist_state": state}


class ActionAskChecklistReply(Action):
    def name(self) -> str:
        return "action_ask_checklist_reply"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        state = _state(tracker)
        procedure = procedure_search().procedure(state["code"])
        question = next_question(procedure, state) if procedure else None
        if question is None:
            return []
        if question.kind == "confirm":
            dispatcher.utter_message(
                response="utter_checklist_confirm", procedure_name=procedure.short_name, code=procedure.code
            )
        elif question.kind == "channel":
            dispatcher.utter_message(response=f"utter_checklist_ask_{question.key}")
        elif question.kind == "case":
            case = next(case for case in procedure.case_questions if case.key == question.key)
            dispatcher.utter_message(response="utter_checklist_case", question=case.question)
        else:
            documents = [index for index, _ in applicable_documents(procedure, state)]
            document = procedure.documents[int(question.key)]
            details = procedure_card.document_details(document)
            dispatcher.utter_message(
                response="utter_checklist_document",
                position=documents.index(int(question.key)) + 1,
                total=len(documents),
                document=document.name,
                details=f"\n({details})" if details else "",
            )
        return []


class ActionChecklistSummary(Action):
    def name(self) -> str:
        return "action_checklist_summary"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        state = _state(tracker)
        procedure = procedure_search().procedure(state["code"]) if state["code"] else None
        if procedure is None:
            return []
        dispatcher.utter_message(text=summary_text(procedure, state, province_profile()))
        record_event(tracker, ConversationEventKind.WALKTHROUGH_FINISHED, procedure.code, procedure.name)
        return [SlotSet("procedure_code", procedure.code)]
