"""The web widget (/widget.js) on another site's page, in a real headless Chromium, with the fake Rasa.

The host page is served from http://localhost:<port>, the backend from http://127.0.0.1:<port>: another
origin, as a province's site is. Its CSS is hostile on purpose. Set TLDVC_SCREENSHOT_DIR to keep screenshots.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from playwright.sync_api import Browser, BrowserContext, Frame, FrameLocator, Page, expect

from storage import HandoffDraft, HandoffReason, HandoffStore, LiveAuthor, UserRole, UserStore, make_engine
from tests.browser.servers import FakeRasa, ServerThread, make_chat_available, make_chat_unavailable

SCREENSHOTS = os.environ.get("TLDVC_SCREENSHOT_DIR")
LAUNCHER = "Mở trợ lý dịch vụ công"
RETRYING = "Không kết nối được với trợ lý. Đang thử lại…"
# What a careless site's stylesheet might do to everything on its pages.
HOSTILE_CSS = """
* { font: italic 30px/3 serif !important; color: #c00 !important; }
button { display: none !important; background: yellow !important; }
iframe { border: 10px solid red !important; width: 50px !important; }
li, p { visibility: hidden !important; }
"""


def _host_page(gateway_url: str) -> str:
    return f"""<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sở Tư pháp</title><style>{HOSTILE_CSS}</style>
<script src="{gateway_url}/widget.js" defer></script>
</head><body><h1>Sở Tư pháp tỉnh</h1><a href="#tin">Tin tức</a></body></html>"""


@pytest.fixture(scope="session")
def host_site(gateway_url: str) -> Iterator[str]:
    """Another site embedding the widget, on another origin than the backend."""
    app = FastAPI()

    @app.get("/", response_class=HTMLResponse)
    async def home() -> str:
        return _host_page(gateway_url)

    with ServerThread(app) as server:
        yield f"http://localhost:{server.port}/"


@pytest.fixture
def context(browser: Browser, fake_rasa: FakeRasa) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="vi-VN")
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def site(context: BrowserContext, host_site: str) -> Page:
    """A citizen on the province's site for the first time; `window.alerted` counts alert boxes."""
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.dismiss())
    page.goto(host_site)
    return page


def _open(page: Page) -> FrameLocator:
    page.get_by_role("button", name=LAUNCHER).click()
    panel = page.frame_locator("iframe[title='Trợ lý Dịch vụ công']")
    expect(panel.get_by_label("Câu hỏi của bạn")).to_be_focused()
    return panel


def _ask(panel: FrameLocator, text: str) -> None:
    panel.get_by_label("Câu hỏi của bạn").fill(text)
    panel.get_by_label("Câu hỏi của bạn").press("Enter")


def _panel_frame(page: Page) -> Frame:
    return next(frame for frame in page.frames if "/widget/#host=" in frame.url)


def _screenshot(page: Page, name: str) -> None:
    if SCREENSHOTS:
        page.screenshot(path=str(Path(SCREENSHOTS) / f"widget-{name}.png"))


def test_the_launcher_opens_the_chat_by_keyboard_and_escape_gives_the_focus_back(site: Page) -> None:
    launcher = site.get_by_role("button", name=LAUNCHER)
    expect(launcher).to_have_attribute("aria-expanded", "false")
    # The host page's CSS neither hides nor restyles it.
    expect(launcher).to_have_css("background-color", "rgb(11, 79, 138)")
    expect(launcher).to_have_css("width", "56px")
    site.keyboard.press("Tab")  # the page's link
    site.keyboard.press("Tab")
    expect(launcher).to_be_focused()
    site.keyboard.press("Enter")

    dialog = site.get_by_role("dialog", name="Trợ lý Dịch vụ công")
    expect(dialog).to_be_visible()
    expect(launcher).to_have_attribute("aria-expanded", "true")
    panel = site.frame_locator("iframe[title='Trợ lý Dịch vụ công']")
    expect(panel.get_by_label("Câu hỏi của bạn")).to_be_focused()
    expect(panel.locator(".hint")).to_be_visible()

    site.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(launcher).to_be_focused()
    expect(launcher).to_have_attribute("aria-expanded", "false")

    site.keyboard.press("Enter")  # the launcher still has the focus
    expect(panel.get_by_label("Câu hỏi của bạn")).to_be_focused()
    panel.get_by_role("button", name="Đóng trợ lý").press("Enter")
    expect(dialog).to_be_hidden()
    expect(launcher).to_be_focused()


def test_the_widget_talks_to_its_own_backend_and_shows_buttons(site: Page, fake_rasa: FakeRasa) -> None:
    panel = _open(site)
    _ask(panel, "khai sinh")
    expect(panel.locator(".bubble.bot").first).to_contain_text("1. Tờ khai\n2. Giấy chứng sinh")
    panel.get_by_role("button", name="Xem lệ phí").click()
    expect(panel.locator(".bubble.citizen").last).to_have_text("Xem lệ phí")
    expect(panel.locator(".bubble.bot").last).to_have_text("Lệ phí: miễn lệ phí.")
    assert [message for _, message in fake_rasa.received] == ["khai sinh", "/ask_fee"]
    assert fake_rasa.input_channels[-1] == "web"


def test_what_the_citizen_and_the_bot_write_is_shown_as_text(site: Page, fake_rasa: FakeRasa) -> None:
    panel = _open(site)
    typed = "<img src=x onerror=alert(1)>"
    _ask(panel, typed)
    expect(panel.locator(".bubble.citizen")).to_have_text(typed)
    expect(panel.locator(".bubble.bot").first).to_be_visible()
    _ask(panel, "html")
    expect(panel.locator(".bubble.bot").last).to_contain_text("<b>đậm</b>")
    assert panel.locator("img, b").count() == 0
    assert site.locator("img").count() == 0
    frame = _panel_frame(site)
    assert frame.evaluate("window.hacked") is None


def test_the_conversation_is_there_after_a_reload(site: Page, fake_rasa: FakeRasa) -> None:
    panel = _open(site)
    _ask(panel, "khai sinh")
    expect(panel.locator(".chips")).to_have_count(1)
    site.reload()
    panel = _open(site)
    expect(panel.locator(".bubble.citizen")).to_have_text("khai sinh")
    expect(panel.locator(".bubble.bot").first).to_contain_text("Giấy chứng sinh")
    panel.get_by_role("button", name="Xem lệ phí").click()
    expect(panel.locator(".bubble.bot").last).to_have_text("Lệ phí: miễn lệ phí.")
    assert len({sender for sender, _ in fake_rasa.received}) == 1


def test_an_unreachable_assistant_is_retried_and_the_message_delivered(
    site: Page, fake_rasa: FakeRasa
) -> None:
    panel = _open(site)
    make_chat_unavailable(site)
    _ask(panel, "tôi muốn khiếu nại")
    expect(panel.get_by_role("status").filter(has_text=RETRYING)).to_be_visible()
    expect(panel.locator(".bubble.citizen.pending")).to_have_text("tôi muốn khiếu nại")
    # The citizen's words are not lost: back in the box, and queued.
    expect(panel.get_by_label("Câu hỏi của bạn")).to_have_value("tôi muốn khiếu nại")
    _screenshot(site, "retrying-desktop")

    make_chat_available(site)
    expect(panel.locator(".bubble.bot").first).to_contain_text("Giấy chứng sinh")
    expect(panel.get_by_text(RETRYING)).to_be_hidden()
    expect(panel.locator(".bubble.error")).to_have_count(0)
    expect(panel.locator(".bubble.citizen")).to_have_count(1)
    expect(panel.locator(".bubble.citizen.pending")).to_have_count(0)
    expect(panel.get_by_label("Câu hỏi của bạn")).to_have_value("")
    assert [message for _, message in fake_rasa.received] == ["tôi muốn khiếu nại"]


def test_a_message_still_waiting_is_sent_after_a_reload(site: Page, fake_rasa: FakeRasa) -> None:
    panel = _open(site)
    make_chat_unavailable(site)
    _ask(panel, "khai sinh")
    expect(panel.get_by_text(RETRYING)).to_be_visible()
    # Still unavailable after the reload: the waiting message shows as waiting before it goes.
    site.reload()
    panel = _open(site)
    expect(panel.locator(".bubble.citizen.pending")).to_have_text("khai sinh")
    make_chat_available(site)
    expect(panel.locator(".bubble.bot").first).to_contain_text("Giấy chứng sinh")
    expect(panel.locator(".bubble.citizen")).to_have_text(["khai sinh"])
    assert [message for _, message in fake_rasa.received] == ["khai sinh"]


def test_a_lost_network_is_retried_without_the_citizen(site: Page, fake_rasa: FakeRasa) -> None:
    panel = _open(site)
    site.route("**/api/chat", lambda route: route.abort("internetdisconnected"))
    _ask(panel, "khai sinh")
    expect(panel.get_by_text(RETRYING)).to_be_visible()
    site.unroute("**/api/chat")
    expect(panel.locator(".bubble.bot").first).to_contain_text("Giấy chứng sinh")
    expect(panel.get_by_text(RETRYING)).to_be_hidden()


def test_staff_replies_show_while_staff_hold_the_conversation(
    site: Page, fake_rasa: FakeRasa, gateway_database_url: str
) -> None:
    panel = _open(site)
    _ask(panel, "cho tôi gặp cán bộ")
    expect(panel.locator(".chips")).to_have_count(1)
    sender = site.evaluate("localStorage.getItem('tldvc.sender_id')")  # kept by the host page

    # What the action server and the staff console do: hand over, take, answer.
    engine = make_engine(gateway_database_url)
    staff = UserStore(engine).add(f"canbo-{sender[:8]}", "Cán bộ Một", UserRole.STAFF, "x")
    handoffs = HandoffStore(engine)
    handoff = handoffs.add(HandoffDraft(sender_id=sender, reason=HandoffReason.REQUESTED))
    handoffs.take(handoff.id, staff.id)
    handoffs.add_message(handoff.id, LiveAuthor.STAFF, "Chào chị, em là cán bộ một cửa.", user_id=staff.id)

    _ask(panel, "em cần hỏi về sổ đỏ")  # the bot stays quiet: with_staff
    staff_bubbles = panel.locator(".bubble.staff")
    expect(staff_bubbles).to_have_count(1)
    expect(staff_bubbles).to_contain_text("Chào chị, em là cán bộ một cửa.")
    expect(staff_bubbles.first.locator(".who")).to_have_text("Cán bộ")
    expect(panel.get_by_role("status").filter(has_text="Bạn đang trò chuyện với cán bộ.")).to_be_visible()
    assert [message for _, message in fake_rasa.received] == ["cho tôi gặp cán bộ"]

    handoffs.add_message(
        handoff.id, LiveAuthor.STAFF, "Chị cần <b>cấp đổi</b> hay cấp lần đầu?", user_id=staff.id
    )
    expect(staff_bubbles).to_have_count(2)
    expect(staff_bubbles.last).to_contain_text("Chị cần <b>cấp đổi</b> hay cấp lần đầu?")
    _screenshot(site, "staff-desktop")

    handoffs.release(handoff.id, staff.id)
    expect(panel.get_by_text("Bạn đang trò chuyện với cán bộ.")).to_be_hidden()
    assert not site.evaluate("JSON.parse(localStorage.getItem('tldvc.live')).open")
    site.reload()
    panel = _open(site)
    expect(panel.locator(".bubble.staff")).to_have_count(2)


def test_the_page_polls_for_staff_once_the_bot_handed_over(
    page: Page, fake_rasa: FakeRasa, gateway_database_url: str
) -> None:
    """The full page shares the widget's client: waiting for staff, their first reply shows unasked."""
    sender = page.evaluate("localStorage.getItem('tldvc.sender_id')")
    engine = make_engine(gateway_database_url)
    handoffs = HandoffStore(engine)
    handoff = handoffs.add(HandoffDraft(sender_id=sender, reason=HandoffReason.REQUESTED))
    page.get_by_label("Câu hỏi của bạn").fill("cho tôi gặp cán bộ")
    page.get_by_label("Câu hỏi của bạn").press("Enter")
    expect(page.get_by_text("Đã chuyển cho cán bộ.", exact=False)).to_be_visible()

    staff = UserStore(engine).add(f"canbo-{sender[:8]}", "Cán bộ Hai", UserRole.STAFF, "x")
    handoffs.take(handoff.id, staff.id)
    handoffs.add_message(handoff.id, LiveAuthor.STAFF, "Chào anh, em nghe ạ.", user_id=staff.id)
    expect(page.locator(".bubble.staff")).to_contain_text("Chào anh, em nghe ạ.")
    expect(page.locator(".connection")).to_have_text("Bạn đang trò chuyện với cán bộ.")
    handoffs.release(handoff.id, staff.id)
    expect(page.locator(".connection")).to_be_hidden()


def test_on_a_phone_the_panel_fills_the_screen(browser: Browser, host_site: str, fake_rasa: FakeRasa) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN", has_touch=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto(host_site)
    panel = _open(page)
    box = page.get_by_role("dialog", name="Trợ lý Dịch vụ công").bounding_box()
    assert box == {"x": 0, "y": 0, "width": 360, "height": 740}
    _ask(panel, "khai sinh")
    expect(panel.get_by_role("button", name="Xem lệ phí")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    _screenshot(page, "fake-phone")
    panel.get_by_role("button", name="Đóng trợ lý").click()
    expect(page.get_by_role("button", name=LAUNCHER)).to_be_focused()
    context.close()


def test_the_panel_may_be_framed_only_by_allowed_sites(page: Page, gateway_url: str) -> None:
    response = page.request.get(f"{gateway_url}/widget/")
    assert response.headers["content-security-policy"] == (
        "frame-ancestors 'self' http://127.0.0.1:* http://localhost:*"
    )
