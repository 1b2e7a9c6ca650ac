"""A citizen filing complaints through the real chat path as the web page lets them, and reading back
what the bot understood: shared by the tests that break the services or the database while citizens file.

A failed request is sent again (the page gives the words back), an empty or unrelated reply is sent again once
and then the complaint is opened again (the form keeps the answers in Rasa's tracker store), and the
read-back is checked and corrected before confirming.
"""

from __future__ import annotations

import random
import re
import threading
import time
from dataclasses import dataclass, field
from datetime import timedelta

import httpx
import yaml

from ops.paths import BOT_DIR
from storage.complaints import ComplaintKind, vietnam_today
from tests.integration.conftest import Conversation

OPENING = "tôi muốn phản ánh hồ sơ bị trễ hẹn"
NAMES = [
    "Nguyễn Văn An", "Trần Thị Bích", "Lê Hoàng Long", "Phạm Thu Hà",
    "Võ Minh Tuấn", "Đặng Thị Lan", "Bùi Quốc Hưng", "Huỳnh Ngọc Mai",
]  # fmt: skip
DESCRIPTIONS = [
    "gọi lên bộ phận một cửa nhiều lần mà không ai trả lời",
    "quá ngày hẹn trả kết quả nhưng cán bộ bảo cứ chờ thêm",
    "lên nhận kết quả thì được bảo chưa có, không nói lý do",
]
DOMAIN = yaml.safe_load((BOT_DIR / "domain" / "complaints.yml").read_text(encoding="utf-8"))
RESPONSES = {name: variants[0]["text"] for name, variants in DOMAIN["responses"].items()}


def _opening_words(response: str) -> str:
    """What a reply built from this response always starts with (the text before its first variable)."""
    return RESPONSES[response].split("{")[0]


def _template(response: str) -> re.Pattern[str]:
    """A response with each {variable} turned into a named group, to read back what the bot filled in."""
    parts = re.split(r"\{(\w+)\}", RESPONSES[response])
    return re.compile(
        "".join(re.escape(part) if i % 2 == 0 else f"(?P<{part}>.*?)" for i, part in enumerate(parts)) + "$",
        re.DOTALL,
    )


# What the bot may be asking, recognised by the wording of its domain responses.
STEPS = {
    **{
        _opening_words(f"utter_ask_{slot}"): slot
        for slot in DOMAIN["forms"]["complaint_form"]["required_slots"]
        if f"utter_ask_{slot}" in RESPONSES
    },
    _opening_words("utter_complaint_readback"): "readback",
    _opening_words("utter_ask_complaint_fix"): "fix",
    _opening_words("utter_complaint_store_failed"): "store_failed",
}
RECEIPT = re.compile(re.escape(_opening_words("utter_complaint_received")) + r"(PA-[A-Z0-9]{7})")
READBACK = _template("utter_complaint_readback")
STORED_COLUMNS = "sender_id, dossier_code, agency, description, citizen_name, phone"
# Read-back fields whose slot has another name.
READBACK_SLOTS = {"kind": "complaint_kind", "procedure": "complaint_procedure"}


@dataclass(frozen=True)
class Answers:
    """One complaint as the citizen types it."""

    sender_id: str
    dossier_code: str
    agency: str
    description: str
    citizen_name: str
    phone: str

    def to(self, slot: str) -> str:
        typed = {"complaint_kind": "trễ hẹn", "complaint_procedure": "đăng ký thường trú",
                 "submitted_on": "2 tuần trước", "promised_on": "hôm qua"}  # fmt: skip
        return typed.get(slot) or getattr(self, slot)

    def as_stored(self) -> tuple[str, ...]:
        """The columns STORED_COLUMNS as the complaint must be stored."""
        return (self.sender_id, self.dossier_code.upper(), self.agency, self.description, self.citizen_name,
                self.phone)  # fmt: skip

    def wrong_in(self, readback: dict[str, str]) -> list[str]:
        """The slots the read-back does not show as typed (an answer sent again may have landed elsewhere)."""
        today = vietnam_today()
        expected = {
            "kind": ComplaintKind.SLOW.label,
            "dossier_code": self.dossier_code.upper(),
            "agency": self.agency,
            "submitted_on": f"{today - timedelta(days=14):%d/%m/%Y}",
            "promised_on": f"{today - timedelta(days=1):%d/%m/%Y}",
            "description": self.description,
            "citizen_name": self.citizen_name,
            "phone": self.phone,
        }
        wrong = [READBACK_SLOTS.get(name, name) for name, want in expected.items() if readback[name] != want]
        if "thường trú" not in readback["procedure"].lower():
            wrong.append("complaint_procedure")
        return wrong


@dataclass
class Filed:
    answers: Answers
    code: str | None  # None: the citizen gave up before being shown a code


@dataclass
class Citizen:
    number: int
    url: str
    rng: random.Random
    deadline: float
    group: str = "durability"  # the sender ids' prefix, to find this test's complaints in the database
    filed: list[Filed] = field(default_factory=list)
    messages: int = 0
    failed_requests: int = 0
    _to_fix: list[str] = field(default_factory=list)

    @property
    def sender_id(self) -> str:
        return f"{self.group}-{self.number}"

    def answers(self, index: int) -> Answers:
        return Answers(
            sender_id=self.sender_id,
            dossier_code=f"000.00.20.h57-2511{self.number:02d}-{index:04d}",
            agency=f"UBND phường {self.number + 1}",
            description=f"{DESCRIPTIONS[index % len(DESCRIPTIONS)]} (lần {index + 1})",
            citizen_name=NAMES[self.number % len(NAMES)],
            phone=f"09{self.number:02d}{index:02d}{self.rng.randrange(10_000):04d}",
        )

    def run(self, done: threading.Event, at_least: int = 1, at_most: int = 1) -> None:
        """File complaints one after another: at least at_least, then until done is set, at most at_most."""
        with httpx.Client(base_url=self.url, timeout=60.0) as client:
            conversation = Conversation(client, self.sender_id)
            while len(self.filed) < at_most and time.monotonic() < self.deadline:
                if len(self.filed) >= at_least and done.is_set():
                    break
                answers = self.answers(len(self.filed))
                self.filed.append(Filed(answers, self._file(conversation, answers)))

    def _file(self, conversation: Conversation, answers: Answers) -> str | None:
        message, sent_again = OPENING, False
        while time.monotonic() < self.deadline:
            self.messages += 1
            try:
                reply = conversation.say(message)
            except (
                httpx.HTTPError
            ) as error:  # refused, cut off or 503: the page gives the words back to send again
                self.failed_requests += 1
                self._refused(error)
                time.sleep(self.rng.uniform(0.5, 2.0))
                continue
            if code := RECEIPT.search(reply):
                return code[1]
            step = self._step(reply)
            if step is None:  # no answer, or not about the complaint: its turn was lost
                message = OPENING if sent_again else message
                sent_again = not sent_again
                time.sleep(self.rng.uniform(0.5, 2.0))
                continue
            sent_again = False
            message = self._answer(step, reply, conversation, answers)
        return None

    def _refused(self, error: httpx.HTTPError) -> None:
        """A request that got no reply; a test that caused it checks it here."""

    @staticmethod
    def _step(reply: str) -> str | None:
        """The last thing the bot asked in this reply."""
        found = [(reply.rfind(words), step) for words, step in STEPS.items() if words in reply]
        return max(found)[1] if found else None

    def _answer(self, step: str, reply: str, conversation: Conversation, answers: Answers) -> str:
        if step == "readback":
            shown = READBACK.search(reply[reply.rfind(_opening_words("utter_complaint_readback")) :])
            assert shown, reply
            self._to_fix = answers.wrong_in(shown.groupdict())
            return payload(conversation, "Sửa thông tin" if self._to_fix else "Đúng, gửi đi")
        if step == "fix":
            slot = self._to_fix.pop(0) if self._to_fix else "citizen_name"
            return next(b["payload"] for b in conversation.buttons if f'"{slot}"' in b["payload"])
        if step == "store_failed":
            return "phản ánh"  # as the message asks
        if step == "contact_consent":
            return payload(conversation, "Đồng ý")
        return answers.to(step)


def payload(conversation: Conversation, title: str) -> str:
    return next(button["payload"] for button in conversation.buttons if button["title"] == title)
