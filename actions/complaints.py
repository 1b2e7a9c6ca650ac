"""Complaint intake about slow or evasive handling, and complaint status lookups.

A complaint is stored durably before the citizen is told its reference code; if storing fails, the
answers stay in the slots, so that confirming again retries without retyping anything.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from datetime import date
from pathlib import Path
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.conversation_events import record_event
from actions.knowledge import procedure_search
from actions.stores import complaint_service
from storage import ConversationEventKind, MistypedReferenceCode, parse_reference_code
from storage.complaints import VIETNAM_TIME, ComplaintDraft, ComplaintKind, date_order_problem, vietnam_today
from text_matching import PhraseTable, parsed, strip_name_introduction
from text_matching.codes import as_dossier_code, find_reference_code
from vietnamese import normalize_mobile, parse_vietnamese_date

logger = logging.getLogger(__name__)

COMPLAINT_SLOTS = [
    "complaint_kind",
    "complaint_procedure",
    "complaint_procedure_guess",
    "dossier_code",
    "agency",
    "submitted_on",
    "promised_on",
    "description",
    "citizen_name",
    "phone",
    "contact_consent",
    "complaint_confirmed",
    "complaint_fixing",
]
# Answers the citizen may correct from the read-back (the buttons of utter_ask_complaint_fix).
CORRECTABLE = {
    "complaint_kind", "complaint_procedure", "dossier_code", "agency", "submitted_on", "promised_on",
    "description", "citizen_name", "phone",
}  # fmt: skip
# A short answer with one of these words means "none / I don't know" ("ko nhớ mã hồ sơ", "chưa có").
NOT_KNOWN = PhraseTable.from_yaml(Path(__file__).with_name("phrases.yml"), "not_known")
SHORT_ANSWER_WORDS = 6
NONE = "không có"
PROCEDURE_CODE_SUFFIX = re.compile(r"\((\d\.\d{6})\)$")
READ_BACK_VERSION = re.compile(r"v[0-9a-f]{12}")


def is_not_known(value: Any) -> bool:
    with parsed(str(value)) as doc:
        words = sum(not (token.is_punct or token.is_space) for token in doc)
        return words <= SHORT_ANSWER_WORDS and bool(NOT_KNOWN.spans(doc))


def read_back_version(values: dict[str, Any]) -> str:
    """A short digest of what a read-back showed: its "send" button carries it, so that only the read-back the
    citizen saw is sent (a message sent again after a lost reply must not confirm one they never saw)."""
    shown = json.dumps(values, ensure_ascii=False, sort_keys=True)
    return "v" + hashlib.sha256(shown.encode("utf-8")).hexdigest()[:12]


def read_back_answer(value: Any, current_version: str) -> dict[str, Any]:
    """The slots after the citizen's answer to the read-back: True (typed "đúng") or the version of the
    current read-back sends; the name of an answer asks that question again, then reads everything back
    again; the "send" button of an older read-back reads back again; anything else asks which answer to
    correct."""
    if value is True or value == current_version:
        return {"complaint_confirmed": True}
    if value in CORRECTABLE:
        return {
            value: None,
            "complaint_procedure_guess": None,
            "complaint_confirmed": None,
            "complaint_fixing": False,
        }
    if _is_read_back_version(value):
        return {"complaint_confirmed": None, "complaint_fixing": False}
    return {"complaint_confirmed": None, "complaint_fixing": True}


def _is_read_back_version(value: Any) -> bool:
    return isinstance(value, str) and READ_BACK_VERSION.fullmatch(value) is not None


def _optional(value: Any) -> Any:
    return None if value in (None, NONE) else value


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if _optional(value) else None


def _display_date(value: Any) -> str:
    parsed = _date(value)
    return parsed.strftime("%d/%m/%Y") if parsed else NONE


class ActionStartComplaint(Action):
    """Opens the complaint form, taking the kind from the opening message ("bị trễ hẹn") when it names one."""

    def name(self) -> str:
        return "action_start_complaint"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(response="utter_complaint_intro")
        prefilled = {
            "complaint_kind": ComplaintKind.from_text(tracker.latest_message.get("text") or ""),
            "dossier_code": next(tracker.get_latest_entity_values("dossier_code"), None),
        }
        return [SlotSet(slot, getattr(value, "value", value)) for slot, value in prefilled.items() if value]


class ActionCancelComplaint(Action):
    """The citizen stopped: nothing is stored, and the next complaint starts afresh."""

    def name(self) -> str:
        return "action_cancel_complaint"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(response="utter_complaint_cancelled")
        return [SlotSet(name, None) for name in COMPLAINT_SLOTS]


class ValidateComplaintForm(FormValidationAction):
    def name(self) -> str:
        return "validate_complaint_form"

    def validate_complaint_kind(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value is None:  # cleared, not answered
            return {"complaint_kind": None}
        # The slot holds the stored value ("slow") once validated; a citizen's own words that name no
        # kind are filed as "other" rather than asked again: the description tells the rest.
        kind = ComplaintKind._value2member_map_.get(value) or ComplaintKind.from_text(str(value))
        return {"complaint_kind": (kind or ComplaintKind.OTHER).value}

    def validate_complaint_procedure(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        guess = tracker.get_slot("complaint_procedure_guess")
        intent = tracker.get_intent_of_latest_message()
        if guess and intent in ("affirm", "deny"):  # the answer to "Có phải thủ tục … không?"
            chosen = guess["label"] if intent == "affirm" else guess["words"]
            return {"complaint_procedure": chosen, "complaint_procedure_guess": None}
        if is_not_known(value):
            return {"complaint_procedure": NONE, "complaint_procedure_guess": None}
        words = str(value).strip()
        search = procedure_search()
        hits = search.search(words, k=1)
        procedure = search.procedure(hits[0].code) if hits and hits[0].confident else None
        if procedure is None:  # the citizen's own words are still useful
            return {"complaint_procedure": words, "complaint_procedure_guess": None}
        label = f"{procedure.short_name} ({procedure.code})"
        if hits[0].sure and not procedure.for_organisations_only:
            return {"complaint_procedure": label, "complaint_procedure_guess": None}
        # Not sure, or meant for organisations only: confirmed first (action_ask_complaint_procedure).
        guess = {"label": label, "words": words, "for_organisations": procedure.for_organisations_only}
        return {"complaint_procedure": None, "complaint_procedure_guess": guess}

    def validate_dossier_code(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if is_not_known(value):
            return {"dossier_code": NONE}
        code = as_dossier_code(str(value))
        if code is None:
            dispatcher.utter_message(response="utter_invalid_dossier_code")
        return {"dossier_code": code}

    def validate_agency(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = str(value).strip()
        if len(text) < 3:
            dispatcher.utter_message(response="utter_invalid_agency")
            return {"agency": None}
        return {"agency": text}

    def _validate_date(
        self, slot: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> dict[str, Any]:
        if is_not_known(value):
            return {slot: NONE}
        parsed = parse_vietnamese_date(str(value), today=vietnam_today())
        if parsed is None:
            dispatcher.utter_message(response="utter_invalid_date")
            return {slot: None}
        submitted = _date(tracker.get_slot("submitted_on")) if slot == "promised_on" else parsed
        if slot == "promised_on" and submitted and parsed < submitted:  # "25/12" may be a date to come
            parsed = parse_vietnamese_date(str(value), today=vietnam_today(), prefer_future=True) or parsed
        problem = date_order_problem(submitted, parsed if slot == "promised_on" else None)
        if problem:  # the words live in the domain; which date is wrong decides them
            future = submitted is not None and submitted > vietnam_today()
            dispatcher.utter_message(
                response="utter_submitted_in_future" if future else "utter_promised_before_submitted"
            )
            return {slot: None}
        late = tracker.get_slot("complaint_kind") == ComplaintKind.SLOW.value
        if slot == "promised_on" and late and parsed > vietnam_today():
            dispatcher.utter_message(response="utter_not_late_yet", promised_on=f"{parsed:%d/%m/%Y}")
            return {slot: None}
        return {slot: parsed.isoformat()}

    def validate_submitted_on(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._validate_date("submitted_on", value, dispatcher, tracker)

    def validate_promised_on(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._validate_date("promised_on", value, dispatcher, tracker)

    def validate_description(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = str(value).strip()
        if len(text) < 10:
            dispatcher.utter_message(response="utter_description_too_short")
            return {"description": None}
        return {"description": text[:2000]}

    def validate_citizen_name(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        name = strip_name_introduction(str(value).strip())
        looks_like_name = re.fullmatch(r"[^\W\d_]+(?:[ .'-][^\W\d_]+){0,6}", name)
        if not looks_like_name or parse_vietnamese_date(name, today=vietnam_today()) or is_not_known(name):
            dispatcher.utter_message(response="utter_invalid_name")
            return {"citizen_name": None}
        return {"citizen_name": name.title()}

    def validate_complaint_confirmed(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        current = read_back_version(read_back(tracker))
        if _is_read_back_version(value) and value != current:
            dispatcher.utter_message(response="utter_complaint_read_back_again")
        return read_back_answer(value, current)

    def validate_phone(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        phone = normalize_mobile(str(value))
        if phone is None:
            dispatcher.utter_message(response="utter_invalid_phone")
        return {"phone": phone}


class ActionAskComplaintProcedure(Action):
    """Asks which procedure the dossier is, or confirms the one search guessed before it is stored."""

    def name(self) -> str:
        return "action_ask_complaint_procedure"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        guess = tracker.get_slot("complaint_procedure_guess")
        if not guess:
            dispatcher.utter_message(response="utter_ask_complaint_procedure")
        elif guess["for_organisations"]:
            dispatcher.utter_message(
                response="utter_confirm_complaint_procedure_for_organisations", procedure=guess["label"]
            )
        else:
            dispatcher.utter_message(response="utter_confirm_complaint_procedure", procedure=guess["label"])
        return []


class ActionAskComplaintConfirmed(Action):
    """Reads the complaint back before anything is stored."""

    def name(self) -> str:
        return "action_ask_complaint_confirmed"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        if tracker.get_slot("complaint_fixing"):
            dispatcher.utter_message(response="utter_ask_complaint_fix")
            return []
        shown = read_back(tracker)
        version = read_back_version(shown)
        dispatcher.utter_message(response="utter_complaint_readback", **shown, version=version)
        return []


def read_back(tracker: Tracker) -> dict[str, Any]:
    """The answers as the read-back shows them."""
    slot = tracker.get_slot
    return {
        "kind": ComplaintKind(slot("complaint_kind")).label,
        "procedure": slot("complaint_procedure"),
        "dossier_code": slot("dossier_code"),
        "agency": slot("agency"),
        "submitted_on": _display_date(slot("submitted_on")),
        "promised_on": _display_date(slot("promised_on")),
        "description": slot("description"),
        "citizen_name": slot("citizen_name"),
        "phone": slot("phone"),
        "consent": "có" if slot("contact_consent") else "không",
    }


class ActionSubmitComplaint(Action):
    def name(self) -> str:
        return "action_submit_complaint"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        slot = tracker.get_slot
        answer = read_back_answer(slot("complaint_confirmed"), read_back_version(read_back(tracker)))
        if answer != {"complaint_confirmed": True}:
            # "Sửa thông tin" whose validation never ran (the action server was down) leaves a raw False in
            # the slot, which completes the still-active form on a later turn: nothing is stored unless the
            # citizen said "send"; the form takes up the correction instead.
            logger.warning("complaint form completed without a confirmation; asking again")
            ask_again = [SlotSet(name, value) for name, value in answer.items()]
            return [*ask_again, FollowupAction("complaint_form")]
        cleared = [SlotSet(name, None) for name in COMPLAINT_SLOTS]
        procedure = _optional(slot("complaint_procedure"))
        code = PROCEDURE_CODE_SUFFIX.search(procedure or "")
        try:
            complaint = complaint_service().file(
                ComplaintDraft(
                    kind=ComplaintKind(slot("complaint_kind")),
                    procedure_code=code[1] if code else None,
                    procedure_name=procedure,
                    dossier_code=_optional(slot("dossier_code")),
                    agency=slot("agency"),
                    submitted_on=_date(slot("submitted_on")),
                    promised_on=_date(slot("promised_on")),
                    description=slot("description"),
                    citizen_name=slot("citizen_name"),
                    phone=slot("phone"),
                    contact_consent=bool(slot("contact_consent")),
                    sender_id=tracker.sender_id,
                    channel=tracker.get_latest_input_channel() or "web",
                )
            )
        except Exception:  # the citizen keeps every answer; confirming again retries
            logger.exception("complaint could not be stored")
            dispatcher.utter_message(response="utter_complaint_store_failed")
            return [SlotSet("complaint_confirmed", None)]
        # Only a procedure search recognised: the citizen's own words may hold anything.
        name = procedure[: code.start()].rstrip() if code else None
        record_event(tracker, ConversationEventKind.COMPLAINT_FILED, complaint.procedure_code, name)
        dispatcher.utter_message(
            response="utter_complaint_received",
            reference_code=complaint.reference_code,
            answer_due=f"{complaint.answer_due:%d/%m/%Y}",
        )
        return cleared


def checked_complaint_code(text: str, dispatcher: CollectingDispatcher) -> str | None:
    """The reference code in the text, canonical; None after telling the citizen why it cannot be looked
    up (no code there, or a check character that does not match: a typo)."""
    found = find_reference_code(text)
    try:
        code = parse_reference_code(found) if found else None
    except MistypedReferenceCode:
        dispatcher.utter_message(response="utter_complaint_code_mistyped", reference_code=found.upper())
        return None
    if code is None:
        dispatcher.utter_message(response="utter_invalid_complaint_code")
    return code


class ValidateComplaintStatusForm(FormValidationAction):
    def name(self) -> str:
        return "validate_complaint_status_form"

    def validate_complaint_code(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return {"complaint_code": checked_complaint_code(str(value), dispatcher)}


class ActionComplaintStatus(Action):
    """Status and last update of a complaint: never anyone's personal data."""

    def name(self) -> str:
        return "action_complaint_status"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        typed = tracker.get_slot("complaint_code")
        # The slot is also filled straight from the message, so the form's validation may not have run.
        code = checked_complaint_code(typed, dispatcher) if typed else None
        if typed and code is None:
            return [SlotSet("complaint_code", None)]
        status = complaint_service().public_status(code) if code else None
        if status is None:
            dispatcher.utter_message(response="utter_complaint_not_found", reference_code=code)
            return [SlotSet("complaint_code", None)]
        dispatcher.utter_message(
            response="utter_complaint_status",
            reference_code=status.reference_code,
            kind=status.kind_label,
            status=status.status_label,
            updated_at=f"{status.updated_at.astimezone(VIETNAM_TIME):%H:%M %d/%m/%Y}",
            answer_due=f"{status.answer_due:%d/%m/%Y}",
        )
        if status.public_reply:
            dispatcher.utter_message(
                response="utter_complaint_public_reply", public_reply=status.public_reply
            )
        return [SlotSet("complaint_code", None)]
