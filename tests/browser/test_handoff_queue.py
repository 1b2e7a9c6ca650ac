"""The "Hàng chờ" tab of the hotline console in a real headless Chromium, on the real backend with a fake
Rasa: the queue, a conversation's transcript, take, reply, the citizen's new messages, release, and a
conversation someone else took first.

The end-to-end run with the real bot and the citizens' chat page is test_handoff_real_bot.py. Set
TLDVC_SCREENSHOT_DIR to keep screenshots of the queue and of an open conversation.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from settings import Settings
from storage import HandoffDraft, HandoffReason, HandoffStore, LiveAuthor, UserStore, make_engine
from tests.browser.console import staff_console
from tests.browser.servers import FakeRasa, ServerThread
from tests.webhook.backend import PASSWORD, prepare_database
from webhook.app import create_app

SCREENSHOTS = os.environ.get("TLDVC_SCREENSHOT_DIR")
CITIZEN = "web-cho-can-bo-1"
TAKEN_ELSEWHERE = "zalo-1234567890"
POLL_MS = 10_000  # the console asks every 3 s (a conversation) or 5 s (the queue)


@dataclass
class Backend:
    url: str
    database_url: str

    def handoffs(self) -> HandoffStore:
        return HandoffStore(make_engine(self.database_url))

    def as_staff(self, username: str, method: str, path: str) -> httpx.Response:
        """One API call signed in as username, as another member of staff's console would make it."""
        with httpx.Client(base_url=self.url, timeout=10.0) as client:
            token = client.post("/api/auth/token", data={"username": username, "password": PASSWORD}).json()
            headers = {"Authorization": f"Bearer {token['access_token']}"}
            return client.request(method, path, headers=headers)


@pytest.fixture
def backend(tmp_path: Path, fake_rasa: FakeRasa) -> Iterator[Backend]:
    database_url = f"sqlite:///{tmp_path / 'backend.sqlite3'}"
    prepare_database(database_url)
    settings = Settings(
        database_url=database_url,
        rasa_url=fake_rasa.url,
        action_server_url=fake_rasa.url,  # the fake answers the action server's /health too
        secret_key_file=tmp_path / "secret_key",
    )
    with ServerThread(create_app(settings)) as server:
        yield Backend(server.url, database_url)


def _citizen_says(backend: Backend, text: str, sender: str = CITIZEN) -> dict:
    response = httpx.post(f"{backend.url}/api/chat", json={"sender_id": sender, "text": text}, timeout=10.0)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture
def queue(backend: Backend) -> HandoffStore:
    """A Zalo conversation the manager already holds, then a web citizen who asked for a person (the fake Rasa
    runs no actions: the handoff is added as the action server would)."""
    store = backend.handoffs()
    zalo = store.add(
        HandoffDraft(
            sender_id=TAKEN_ELSEWHERE,
            reason=HandoffReason.REPEATED_FAILURE,
            channel="zalo",
            last_message="giấy tờ đất ở xã cũ giờ nộp ở đâu",
        )
    )
    manager = UserStore(make_engine(backend.database_url)).get("quanly")
    store.take(zalo.id, manager.id)
    _citizen_says(backend, "làm giấy khai sinh cần gì")
    _citizen_says(backend, "cho tôi gặp cán bộ")
    store.add(
        HandoffDraft(sender_id=CITIZEN, reason=HandoffReason.REQUESTED, last_message="cho tôi gặp cán bộ")
    )
    return store


def _screenshot(page: Page, name: str) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"console-{name}.png"))


def test_an_agent_takes_answers_follows_and_releases_a_conversation(
    browser: Browser, backend: Backend, queue: HandoffStore, fake_rasa: FakeRasa
) -> None:
    page = staff_console(browser, backend.url, "tongdai")
    tab = page.get_by_role("tab", name=re.compile("^Hàng chờ"))
    expect(tab).to_have_accessible_name("Hàng chờ (1 cuộc đang chờ)")
    expect(tab).to_have_attribute("aria-selected", "true")
    expect(page).to_have_title("(1) Tổng đài hỗ trợ – Trợ lý Dịch vụ công")

    # Waiting first, although the Zalo one came in earlier; each says why, where from, and who holds it.
    items = page.locator("#queue .queue-item")
    expect(items).to_have_count(2)
    expect(items.first).to_contain_text("Trang web")
    expect(items.first).to_contain_text("Người dân xin gặp cán bộ")
    expect(items.first).to_contain_text("«cho tôi gặp cán bộ»")
    expect(items.first).to_contain_text("vừa chuyển đến")
    expect(items.first.locator(".badge")).to_have_text("Chưa ai nhận")
    expect(items.nth(1)).to_contain_text("Zalo")
    expect(items.nth(1)).to_contain_text("Trợ lý ảo không hiểu câu hỏi hai lần liền")
    expect(items.nth(1).locator(".badge")).to_have_text("quanly đang xử lý")
    expect(page.locator("#queue-status")).to_have_text(
        "1 cuộc trò chuyện đang chờ nhận, 1 cuộc đang có cán bộ xử lý."
    )
    _screenshot(page, "queue")

    # The transcript: the bot conversation, each line saying who wrote it.
    items.first.click()
    title = page.locator("#conversation-title")
    expect(title).to_have_text("Cuộc trò chuyện qua Trang web")
    expect(title).to_be_focused()
    expect(items.first).to_have_attribute("aria-current", "true")
    lines = page.locator("#transcript .line")
    expect(lines).to_have_count(6)  # two questions, two answers of two messages each
    expect(lines.first).to_have_class(re.compile("line-citizen"))
    expect(lines.first.locator(".line-head strong")).to_have_text("Người dân")
    expect(lines.first.locator(".line-text")).to_have_text("làm giấy khai sinh cần gì")
    expect(lines.nth(1).locator(".line-head strong")).to_have_text("Trợ lý ảo")
    expect(page.locator("#reply-form")).to_be_hidden()

    # Taken: the reply box, Shift+Enter for a new line, Enter to send.
    page.get_by_role("button", name="Nhận xử lý").click()
    reply = page.get_by_label("Trả lời người dân")
    expect(reply).to_be_focused()
    expect(page.locator("#take-row")).to_be_hidden()
    expect(items.first.locator(".badge")).to_have_text("Bạn đang xử lý")
    expect(tab).to_have_accessible_name("Hàng chờ")
    expect(page.locator("#reply-count")).to_have_text("0/2000 ký tự")
    reply.press_sequentially("Chào bạn, mình là cán bộ tổng đài.")
    reply.press("Shift+Enter")
    reply.press_sequentially("Bạn cần khai sinh cho con phải không?")
    expect(page.locator("#reply-count")).to_have_text("72/2000 ký tự")
    reply.press("Enter")
    staff_line = lines.nth(6)
    expect(staff_line).to_have_class(re.compile("line-staff"))
    expect(staff_line.locator(".line-head strong")).to_have_text("Cán bộ")
    expect(staff_line.locator(".line-text")).to_have_text(
        "Chào bạn, mình là cán bộ tổng đài.\nBạn cần khai sinh cho con phải không?"
    )
    expect(reply).to_have_value("")
    expect(reply).to_be_focused()
    held = queue.open_for(CITIZEN)
    assert [(m.author, m.text) for m in queue.messages(held.id)] == [
        (LiveAuthor.STAFF, "Chào bạn, mình là cán bộ tổng đài.\nBạn cần khai sinh cho con phải không?")
    ]

    # The citizen answers in the web chat: it reaches the agent, not the bot, and shows without a reload.
    received = len(fake_rasa.received)
    assert _citizen_says(backend, "Đúng rồi, con tôi mới sinh hôm qua <b>")["with_staff"] is True
    citizen_line = lines.nth(7)
    expect(citizen_line.locator(".line-text")).to_have_text(
        "Đúng rồi, con tôi mới sinh hôm qua <b>", timeout=POLL_MS
    )
    expect(citizen_line).to_have_class(re.compile("line-citizen"))
    assert page.locator("#transcript b").count() == 0
    assert len(fake_rasa.received) == received
    expect(page.locator("#transcript")).to_have_attribute("aria-live", "polite")
    reply.fill("Bạn mang giấy chứng sinh và căn cước đến UBND phường nhé.")
    _screenshot(page, "conversation")

    # Giving it back asks first; "Tiếp tục trả lời" keeps it.
    page.get_by_role("button", name="Trả lại cho trợ lý ảo").click()
    dialog = page.get_by_role("dialog", name="Trả lại cho trợ lý ảo?")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("button", name="Tiếp tục trả lời")).to_be_focused()
    _screenshot(page, "release-confirm")
    dialog.get_by_role("button", name="Tiếp tục trả lời").click()
    expect(dialog).to_be_hidden()
    expect(reply).to_have_value("Bạn mang giấy chứng sinh và căn cước đến UBND phường nhé.")
    page.get_by_role("button", name="Trả lại cho trợ lý ảo").click()
    dialog.get_by_role("button", name="Trả lại", exact=True).click()
    expect(page.locator("#queue-notice")).to_have_text("Đã trả cuộc trò chuyện lại cho trợ lý ảo.")
    expect(page.locator("#queue-title")).to_be_focused()
    expect(page.locator("#conversation-body")).to_be_hidden()
    expect(items).to_have_count(1)
    assert queue.open_for(CITIZEN) is None
    assert _citizen_says(backend, "lệ phí bao nhiêu")["with_staff"] is False  # the bot answers again
    page.context.close()


def test_a_new_conversation_appears_and_one_taken_first_by_someone_else_says_so(
    browser: Browser, backend: Backend, queue: HandoffStore
) -> None:
    page = staff_console(browser, backend.url, "tongdai")
    items = page.locator("#queue .queue-item")
    expect(items).to_have_count(2)

    # A new conversation shows up on its own, with the citizen's words as text, and is announced even while
    # the agent is looking something up.
    page.get_by_role("tab", name="Tra cứu và ghi phản ánh").click()
    queue.add(
        HandoffDraft(
            sender_id="web-moi-2",
            reason=HandoffReason.REQUESTED,
            last_message='<img src=x onerror="window.hacked=1">gặp người thật',
        )
    )
    tab = page.get_by_role("tab", name=re.compile("^Hàng chờ"))
    expect(tab).to_have_accessible_name("Hàng chờ (2 cuộc đang chờ)", timeout=POLL_MS)
    expect(page.locator("#queue-announce")).to_have_text("Hàng chờ: 1 người dân mới cần gặp cán bộ.")
    expect(page).to_have_title("(2) Tổng đài hỗ trợ – Trợ lý Dịch vụ công")
    tab.click()
    expect(items).to_have_count(3)
    expect(items.nth(1)).to_contain_text('<img src=x onerror="window.hacked=1">gặp người thật')
    assert page.locator("#main img").count() == 0 and page.evaluate("window.hacked") is None

    # Opened, then taken by the manager before this agent presses the button: the API's reason shows.
    items.first.click()
    expect(page.get_by_role("button", name="Nhận xử lý")).to_be_visible()
    taken = backend.as_staff("quanly", "POST", f"/api/staff/handoffs/{queue.open_for(CITIZEN).id}/take")
    assert taken.status_code == 200
    page.get_by_role("button", name="Nhận xử lý").click()
    expect(page.locator("#conversation-alert")).to_have_text(
        "Cuộc trò chuyện đã được cán bộ khác nhận hoặc đã trả lại cho trợ lý ảo."
    )
    expect(page.locator("#held-elsewhere")).to_have_text(
        "Cán bộ quanly đang xử lý cuộc trò chuyện này: chỉ cán bộ đó trả lời được."
    )
    expect(page.locator("#reply-form")).to_be_hidden()
    expect(page.locator("#take-row")).to_be_hidden()
    _screenshot(page, "taken-elsewhere")

    # Signing out stops it all and forgets the conversation.
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.locator("#sign-in-notice")).to_have_text("Bạn đã đăng xuất.")
    expect(page.locator("#queue .queue-item")).to_have_count(0)
    page.context.close()


def test_on_a_tablet_the_conversation_comes_under_the_queue(
    browser: Browser, backend: Backend, queue: HandoffStore
) -> None:
    page = staff_console(browser, backend.url, "tongdai", viewport={"width": 820, "height": 1180})
    page.locator("#queue .queue-item").first.click()
    expect(page.locator("#transcript .line")).to_have_count(6)
    page.get_by_role("button", name="Nhận xử lý").click()
    expect(page.get_by_label("Trả lời người dân")).to_be_focused()
    assert page.evaluate("document.documentElement.scrollWidth") <= 820
    queue_box = page.locator("#queue").bounding_box()
    conversation = page.locator("#conversation").bounding_box()
    assert conversation["y"] > queue_box["y"] + queue_box["height"]
    page.evaluate("window.scrollTo(0, 0)")
    _screenshot(page, "queue-tablet")
    page.context.close()
