"""The hotline console at /tong-dai/ as the browser tests open it."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from tests.webhook.backend import PASSWORD

LAPTOP = {"width": 1366, "height": 900}


def staff_console(
    browser: Browser, url: str, username: str, password: str = PASSWORD, viewport: dict[str, int] = LAPTOP
) -> Page:
    """The hotline console, on a laptop unless told otherwise, signed in, on the "Hàng chờ" tab."""
    context = browser.new_context(viewport=viewport, locale="vi-VN")
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto(f"{url}/tong-dai/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_label("Câu hỏi của người gọi")).to_be_focused()
    page.get_by_role("tab", name=re.compile("^Hàng chờ")).click()
    return page
