"""The hotline console at /tong-dai/ in a real headless Chromium, on a backend with the real procedure search.

Set TLDVC_SCREENSHOT_DIR to keep screenshots of the suggestions, a procedure's full entry, facts under review,
a filed complaint and the console on a tablet.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from storage import ComplaintService, ComplaintState, WorkingCalendar, make_engine
from tests.browser.servers import backend_server
from tests.webhook.backend import PASSWORD, prepare_database

SCREENSHOTS = os.environ.get("TLDVC_SCREENSHOT_DIR")
# The first question of a test session loads e5 and the index in the backend (several seconds).
FIRST_SEARCH_MS = 90_000
REFERENCE_CODE = re.compile(r"^PA-[0-9A-Z]{7}$")


@dataclass
class Backend:
    url: str
    database_url: str


@pytest.fixture
def backend(tmp_path: Path) -> Iterator[Backend]:
    database_url = f"sqlite:///{tmp_path / 'backend.sqlite3'}"
    prepare_database(database_url)
    with backend_server(database_url, tmp_path) as url:
        yield Backend(url, database_url)


def _context(browser: Browser, backend: Backend, **options: object) -> BrowserContext:
    """A laptop by default; the clipboard may be written and read back, as a person would paste it."""
    context = browser.new_context(
        **{"viewport": {"width": 1366, "height": 900}, "locale": "vi-VN", **options},
        permissions=["clipboard-read", "clipboard-write"],
    )
    context.set_default_timeout(10_000)
    return context


@pytest.fixture
def page(browser: Browser, backend: Backend) -> Iterator[Page]:
    context = _context(browser, backend)
    page = context.new_page()
    page.goto(f"{backend.url}/tong-dai/")
    yield page
    context.close()


def _sign_in(page: Page, username: str = "tongdai") -> None:
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_label("Câu hỏi của người gọi")).to_be_focused()  # typing before then goes elsewhere


def _ask(page: Page, question: str) -> None:
    """Types the question as an agent would, key by key, and waits for its suggestions."""
    page.get_by_label("Câu hỏi của người gọi").press_sequentially(question, delay=40)
    expect(page.locator("#search-status")).to_contain_text(f"cho «{question}»", timeout=FIRST_SEARCH_MS)


def _screenshot(page: Page, name: str, **options: object) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"console-{name}.png"), **options)


def test_an_agent_finds_the_procedure_copies_the_answer_and_files_a_complaint(
    page: Page, backend: Backend
) -> None:
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).hostname or ""))
    _sign_in(page)
    expect(page.locator("#who")).to_have_text("Phạm Tổng Đài · Cán bộ tiếp nhận")
    expect(page.get_by_role("tab", name="Tra cứu và ghi phản ánh")).to_have_attribute("aria-selected", "true")

    # Suggestions appear while typing: no button pressed.
    _ask(page, "lam giay khai sinh can gi")
    expect(page.locator("#search-status")).to_have_text("5 thủ tục gợi ý cho «lam giay khai sinh can gi».")
    cards = page.locator("#suggestions article")
    expect(cards).to_have_count(5)
    first = cards.first
    expect(first.get_by_role("heading", level=3)).to_have_text("Đăng ký khai sinh 1.001193")
    expect(first.locator(".fit .badge")).to_have_text("Khớp cao")
    expect(first.locator(".facts")).to_contain_text("Miễn phí")
    expect(cards.nth(1).locator(".fit .badge")).to_have_text(re.compile("Cần hỏi lại|Ít khớp"))
    spoken = first.locator(".spoken-text")
    expect(spoken).to_be_visible()
    expect(spoken).to_contain_text("Thủ tục Đăng ký khai sinh, mã số 1.001193.")

    first.get_by_role("button", name="Sao chép").click()
    expect(first.locator(".copied")).to_have_text("Đã sao chép")
    assert page.evaluate("navigator.clipboard.readText()") == spoken.text_content()
    page.evaluate("window.scrollTo(0, 0)")
    _screenshot(page, "suggestions")

    # The full entry, then back to the call.
    first.get_by_role("button", name="Xem đầy đủ").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_role("heading", level=2)).to_have_text("Đăng ký khai sinh (1.001193)")
    expect(dialog.locator("#entry-documents li")).to_have_count(9)
    expect(dialog.locator("#entry-modes tr")).to_have_count(3)
    expect(dialog.locator("#entry-legal")).to_contain_text("60/2014/QH13: Luật Hộ tịch")
    _screenshot(page, "entry")
    dialog.get_by_role("button", name="Đóng").click()
    expect(dialog).to_be_hidden()

    # A complaint about that procedure, taken down for the caller.
    first.get_by_role("button", name="Ghi phản ánh về thủ tục này").click()
    expect(page.get_by_role("textbox", name="Thủ tục (nếu biết)")).to_have_value(
        "Đăng ký khai sinh (1.001193)"
    )
    expect(page.get_by_label("Họ tên người gọi")).to_be_focused()
    page.get_by_label("Họ tên người gọi").fill("Nguyễn Thị Lan")
    page.get_by_label("Số điện thoại di động").fill("0912 345")
    page.get_by_label("Loại phản ánh").select_option(label="Trễ hẹn")
    page.get_by_label("Cơ quan bị phản ánh").fill("UBND phường Tân Ninh")
    page.get_by_label("Nội dung phản ánh").fill(
        "Nộp hồ sơ khai sinh cho con đã quá hẹn ba ngày mà chưa có kết quả."
    )
    page.get_by_role("button", name="Ghi phản ánh", exact=True).click()
    expect(page.locator("#complaint-alert")).to_have_text(
        "Số điện thoại di động không hợp lệ (ví dụ đúng: 0912 345 678)."
    )
    page.get_by_label("Số điện thoại di động").fill("0912 345 678")
    page.get_by_role("button", name="Ghi phản ánh", exact=True).click()
    code = page.locator("#filed-code")
    expect(code).to_have_text(REFERENCE_CODE)
    expect(page.locator("#filed")).to_be_focused()
    expect(page.locator("#filed-due")).to_contain_text("Hạn trả lời: ")
    expect(page.locator("#complaint-alert")).to_be_hidden()
    expect(page.get_by_label("Họ tên người gọi")).to_have_value("")
    page.locator("#filed").get_by_role("button", name="Sao chép mã").click()
    assert page.evaluate("navigator.clipboard.readText()") == code.text_content()
    page.evaluate("window.scrollTo(0, 0)")
    _screenshot(page, "complaint-filed")

    engine = make_engine(backend.database_url)
    stored = ComplaintService(engine, WorkingCalendar()).get(code.text_content())
    engine.dispose()
    assert (stored.channel, stored.procedure_code, stored.phone, stored.status) == (
        "hotline",
        "1.001193",
        "0912345678",
        ComplaintState.NEW,
    )
    assert hosts == {"127.0.0.1"}


def test_facts_under_review_are_flagged_not_stated(page: Page) -> None:
    _sign_in(page)
    _ask(page, "dang ky lai khai sinh co yeu to nuoc ngoai")
    first = page.locator("#suggestions article").first
    expect(first.get_by_role("heading", level=3)).to_contain_text("2.000522")
    expect(first.locator(".facts .review")).to_have_count(2)
    expect(first.locator(".facts")).to_contain_text("Không báo phần đang xác minh cho người gọi")
    expect(first.locator(".spoken-text")).to_contain_text("tổng đài chưa báo con số để tránh báo sai")
    first.scroll_into_view_if_needed()
    _screenshot(page, "under-review")
    first.get_by_role("button", name="Xem đầy đủ").click()
    expect(page.locator("#entry-modes .review").first).to_be_visible()
    expect(page.locator("#entry-modes")).not_to_contain_text("HĐND tỉnh quy định")
    page.locator("#entry-modes").scroll_into_view_if_needed()
    _screenshot(page, "entry-under-review")


def test_api_text_is_text_an_empty_search_says_so_and_sign_out_clears_the_call(page: Page) -> None:
    _sign_in(page)
    page.get_by_role("button", name="Tìm", exact=True).click()
    expect(page.locator("#search-alert")).to_have_text("Hãy nhập câu hỏi của người gọi để tìm thủ tục.")
    _ask(page, "<img src=x onerror=window.hacked=1> khai sinh")
    expect(page.locator("#search-status")).to_contain_text("<img src=x")
    assert page.locator("#main img").count() == 0 and page.evaluate("window.hacked") is None
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.locator("#sign-in-notice")).to_have_text("Bạn đã đăng xuất.")
    _sign_in(page, "quanly")  # managers may use the console too
    expect(page.locator("#who")).to_have_text("Lê Quản Lý · Cán bộ quản lý")
    expect(page.locator("#suggestions article")).to_have_count(0)
    expect(page.get_by_label("Câu hỏi của người gọi")).to_have_value("")


def test_on_a_tablet_the_console_is_one_column(browser: Browser, backend: Backend) -> None:
    context = _context(browser, backend, viewport={"width": 820, "height": 1180}, has_touch=True)
    page = context.new_page()
    page.goto(f"{backend.url}/tong-dai/")
    _sign_in(page)
    _ask(page, "cap lai can cuoc")
    assert page.evaluate("document.documentElement.scrollWidth") <= 820
    search = page.locator("#search-title").bounding_box()
    form = page.locator("#complaint-title").bounding_box()
    assert form["y"] > search["y"]  # the complaint form below the suggestions, not squeezed beside them
    _screenshot(page, "tablet")
    context.close()
