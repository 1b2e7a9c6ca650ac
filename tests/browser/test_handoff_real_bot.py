"""Live handoff from end to end, with the real Rasa, action server and backend: a citizen in the web chat asks
for a person, an agent sees it in the hotline console's queue, takes it and answers; the citizen reads the
answer in the chat, the agent gives the conversation back, and the bot answers the citizen again.

Staff hours are lifted for the product under test (tests/conftest.py), so the bot promises an
answer now whatever the time the tests run. Set TLDVC_SCREENSHOT_DIR to keep screenshots of both sides.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from ops.services import RunningServices
from settings import Settings
from storage import UserRole, UserStore, make_engine
from tests.browser.console import staff_console
from webhook.core.security import hash_password

pytestmark = pytest.mark.integration

SCREENSHOTS = os.environ.get("TLDVC_SCREENSHOT_DIR")
ANSWER_MS = 60_000  # the real bot's first answers can be slow on a busy machine
POLL_MS = 15_000  # the chat asks for staff messages every 3 s, the console every 3 to 5 s
AGENT = ("tongdai", "Phạm Tổng Đài", "mat-khau-tong-dai")


def _screenshot(page: Page, name: str) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"handoff-real-{name}.png"))


def _agent_account(database_url: str) -> None:
    engine = make_engine(database_url)
    users = UserStore(engine)
    username, full_name, password = AGENT
    if users.get(username) is None:
        users.add(username, full_name, UserRole.STAFF, hash_password(password))
    engine.dispose()


def _ask(chat: Page, text: str) -> None:
    question = chat.get_by_label("Câu hỏi của bạn")
    question.fill(text)
    question.press("Enter")
    expect(chat.locator(".bubble.citizen").last).to_have_text(text)


def test_a_citizen_asks_for_a_person_an_agent_answers_and_gives_the_conversation_back(
    browser: Browser, product: RunningServices, product_settings: Settings
) -> None:
    url = f"http://127.0.0.1:{product_settings.gateway_port}"
    _agent_account(product_settings.database_url)

    citizen = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN")
    citizen.set_default_timeout(ANSWER_MS)
    chat = citizen.new_page()
    chat.goto(url)
    _ask(chat, "cho tôi gặp cán bộ")
    handed = chat.locator(".bubble.bot").last
    expect(handed).to_contain_text("chuyển cuộc trò chuyện này cho cán bộ hỗ trợ")
    expect(handed).not_to_contain_text("ngoài giờ làm việc")
    expect(chat.locator("#status")).to_have_text(
        "Đã chuyển cho cán bộ. Câu trả lời của cán bộ sẽ hiện ở đây."
    )
    sender_id = chat.evaluate("localStorage.getItem('tldvc.sender_id')")

    # The agent, in another browser, finds it waiting in the queue.
    console = staff_console(browser, url, AGENT[0], AGENT[2])
    item = console.locator("#queue .queue-item.state-waiting").filter(has_text="«cho tôi gặp cán bộ»")
    expect(item).to_have_count(1, timeout=POLL_MS)
    expect(item).to_contain_text("Trang web")
    expect(item).to_contain_text("Người dân xin gặp cán bộ")
    expect(item.locator(".badge")).to_have_text("Chưa ai nhận")
    _screenshot(console, "queue")

    item.click()
    expect(console.locator("#conversation-meta")).to_contain_text(sender_id)
    lines = console.locator("#transcript .line")
    expect(lines.filter(has_text="cho tôi gặp cán bộ").locator(".line-head strong")).to_have_text("Người dân")
    expect(lines.last.locator(".line-head strong")).to_have_text("Trợ lý ảo")
    expect(lines.last).to_contain_text("cán bộ hỗ trợ")

    console.get_by_role("button", name="Nhận xử lý").click()
    reply = console.get_by_label("Trả lời người dân")
    expect(reply).to_be_focused()
    reply.fill("Chào bạn, tôi là cán bộ tổng đài. Bạn cần hỗ trợ thủ tục gì?")
    reply.press("Enter")
    expect(lines.last).to_have_class(re.compile("line-staff"))

    # The citizen reads it in the chat, without reloading; what they write now goes to the agent.
    staff_bubble = chat.locator(".bubble.staff")
    expect(staff_bubble).to_contain_text("Chào bạn, tôi là cán bộ tổng đài.", timeout=POLL_MS)
    expect(staff_bubble.locator(".who")).to_have_text("Cán bộ")
    expect(chat.locator("#status")).to_have_text("Bạn đang trò chuyện với cán bộ.")
    bot_answers = chat.locator(".bubble.bot").count()
    _ask(chat, "Tôi muốn làm giấy khai sinh cho con")
    from_citizen = lines.filter(has_text="Tôi muốn làm giấy khai sinh cho con")
    expect(from_citizen).to_have_class(re.compile("line-citizen"), timeout=POLL_MS)
    expect(chat.locator(".bubble.bot")).to_have_count(bot_answers)  # the bot stays quiet
    _screenshot(console, "conversation")
    _screenshot(chat, "citizen")

    # The agent gives it back; the bot answers the citizen's next question.
    console.get_by_role("button", name="Trả lại cho trợ lý ảo").click()
    console.get_by_role("dialog").get_by_role("button", name="Trả lại", exact=True).click()
    expect(console.locator("#queue-notice")).to_have_text("Đã trả cuộc trò chuyện lại cho trợ lý ảo.")
    expect(console.locator("#queue .queue-item").filter(has_text="«cho tôi gặp cán bộ»")).to_have_count(0)
    expect(chat.locator("#status")).to_be_hidden(timeout=POLL_MS)
    _ask(chat, "làm giấy khai sinh cần gì")
    answer = chat.locator(".bubble.bot").filter(has_text="1.001193")
    expect(answer).to_contain_text("khai sinh", timeout=ANSWER_MS)
    expect(chat.locator(".bubble.error")).to_have_count(0)
    _screenshot(chat, "citizen-bot-again")
    console.context.close()
    citizen.close()
