"""The complaint loop closed in the browser, on the real product: a citizen files a complaint in the web
chat, a manager finds it on the dashboard, assigns it and resolves it with a public reply, and the citizen's
status lookup in the chat shows that reply, never the internal note.

Set TLDVC_SCREENSHOT_DIR to keep screenshots of each side.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from ops.services import RunningServices
from settings import Settings
from tests.conftest import MANAGER

pytestmark = pytest.mark.integration

SCREENSHOTS = os.environ.get("TLDVC_SCREENSHOT_DIR")
ANSWER_MS = 60_000  # the real bot's first answers can be slow on a busy machine
AGENCY = "UBND phường Kiến Tường"
PUBLIC_REPLY = "Phường đã trả kết quả cho bạn ngày 28/11; xin lỗi vì đã để bạn chờ."
INTERNAL_NOTE = "Đã nhắc bộ phận một cửa, số nội bộ 2345."


def _say(page: Page, text: str) -> None:
    """Type a message and wait until the bot has answered it."""
    bot = page.locator(".bubble.bot")
    before = bot.count()
    page.get_by_label("Câu hỏi của bạn").fill(text)
    page.get_by_label("Câu hỏi của bạn").press("Enter")
    expect(bot).not_to_have_count(before, timeout=ANSWER_MS)
    expect(page.locator("#typing")).to_be_hidden(timeout=ANSWER_MS)


def _press(page: Page, title: str) -> None:
    bot = page.locator(".bubble.bot")
    before = bot.count()
    page.get_by_role("button", name=title, exact=True).last.click()
    expect(bot).not_to_have_count(before, timeout=ANSWER_MS)
    expect(page.locator("#typing")).to_be_hidden(timeout=ANSWER_MS)


def _screenshot(page: Page, name: str) -> None:
    if SCREENSHOTS:
        page.screenshot(path=str(Path(SCREENSHOTS) / f"complaint-loop-{name}.png"), full_page=True)


def test_a_complaint_filed_in_the_chat_is_resolved_on_the_dashboard_and_the_citizen_sees_the_reply(
    browser: Browser, product: RunningServices, product_settings: Settings
) -> None:
    base = f"http://127.0.0.1:{product_settings.gateway_port}"
    citizen_context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN")
    citizen_context.set_default_timeout(ANSWER_MS)
    citizen = citizen_context.new_page()
    citizen.goto(base)

    _say(citizen, "phản ánh cán bộ né tránh không trả lời")
    for answer in ("không rõ", "không có", AGENCY, "không nhớ", "không có",
                   "gọi điện ba lần, cán bộ đều bảo chờ", "Trần Thị Mai", "0987 654 321"):  # fmt: skip
        _say(citizen, answer)
    _press(citizen, "Đồng ý")
    _press(citizen, "Đúng, gửi đi")
    receipt = citizen.locator(".bubble.bot").last.text_content() or ""
    found = re.search(r"PA-[A-Z0-9]{7}", receipt)
    assert found, receipt
    code = found[0]
    _screenshot(citizen, "receipt")

    manager_context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
    manager_context.set_default_timeout(15_000)
    manager = manager_context.new_page()
    manager.goto(f"{base}/quan-ly/")
    manager.get_by_label("Tên đăng nhập").fill(MANAGER[0])
    manager.get_by_label("Mật khẩu").fill(MANAGER[1])
    manager.get_by_role("button", name="Đăng nhập").click()
    manager.get_by_label("Cơ quan", exact=True).fill("kiến tường")
    manager.get_by_label("Loại phản ánh", exact=True).select_option(label="Né tránh, không trả lời")
    manager.get_by_role("button", name="Lọc", exact=True).click()
    expect(manager.locator("#queue-summary")).to_have_text("1 phản ánh · trang 1/1")

    manager.get_by_role("button", name=code).click()
    dialog = manager.get_by_role("dialog")
    expect(dialog.locator("#detail-citizen")).to_contain_text("0987654321")
    expect(dialog.locator("#detail-history")).to_contain_text("Người dân (qua trợ lý)")
    dialog.get_by_label("Cán bộ xử lý").select_option(MANAGER[0])
    dialog.get_by_role("button", name="Phân công").click()
    expect(dialog.locator("#detail-history li")).to_have_count(2)
    dialog.get_by_label("Trạng thái mới").select_option(label="Đang xử lý")
    dialog.get_by_role("button", name="Cập nhật trạng thái").click()
    expect(dialog.locator("#action-notice")).to_have_text("Đã chuyển sang «Đang xử lý».")
    dialog.get_by_label("Trạng thái mới").select_option(label="Đã giải quyết")
    dialog.locator("#status-note").fill(INTERNAL_NOTE)
    dialog.locator("#status-reply").fill(PUBLIC_REPLY)
    dialog.get_by_role("button", name="Cập nhật trạng thái").click()
    expect(dialog.locator("#action-notice")).to_have_text("Đã chuyển sang «Đã giải quyết».")
    expect(dialog.locator("#detail-reply")).to_have_text(PUBLIC_REPLY)
    _screenshot(manager, "resolved")
    manager_context.close()

    _say(citizen, f"tra cứu {code}")
    status = citizen.locator(".bubble.bot").filter(has_text=code).last
    expect(status).to_contain_text("Đã giải quyết")
    expect(citizen.locator(".bubble.bot").last).to_contain_text(PUBLIC_REPLY)
    expect(citizen.locator("body")).not_to_contain_text("số nội bộ")
    _screenshot(citizen, "status")
    citizen_context.close()
