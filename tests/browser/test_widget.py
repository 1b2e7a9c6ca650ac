"""What a citizen sees and does in the web chat, in a real headless Chromium."""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import Browser, Page, expect

from tests.browser.servers import FakeRasa, make_chat_unavailable

LIMITED = "Trợ lý đang hoạt động hạn chế: chỉ tra cứu được thủ tục."


def _ask(page: Page, text: str) -> None:
    page.get_by_label("Câu hỏi của bạn").fill(text)
    page.get_by_label("Câu hỏi của bạn").press("Enter")


def test_enter_sends_and_shows_the_reply_with_its_line_breaks(page: Page, fake_rasa: FakeRasa) -> None:
    _ask(page, "làm giấy khai sinh cần gì")
    expect(page.locator(".bubble.citizen")).to_have_text("làm giấy khai sinh cần gì")
    expect(page.locator(".bubble.bot").first).to_contain_text("1. Tờ khai\n2. Giấy chứng sinh")
    expect(page.get_by_label("Câu hỏi của bạn")).to_have_value("")


def test_a_button_sends_its_payload_and_shows_its_title(page: Page, fake_rasa: FakeRasa) -> None:
    _ask(page, "khai sinh")
    page.get_by_role("button", name="Xem lệ phí").click()
    expect(page.locator(".bubble.citizen").last).to_have_text("Xem lệ phí")
    expect(page.locator(".bubble.bot").last).to_have_text("Lệ phí: miễn lệ phí.")
    assert fake_rasa.received[-1][1] == "/ask_fee"


def test_a_link_in_the_reply_opens(page: Page, fake_rasa: FakeRasa) -> None:
    _ask(page, "khai sinh")
    link = page.get_by_role("link", name=f"{fake_rasa.url}/huong-dan")
    with page.context.expect_page() as opened:
        link.click()
    expect(opened.value.locator("p")).to_have_text("Hướng dẫn nộp hồ sơ")


def test_bot_text_is_shown_as_text_never_as_html(page: Page, fake_rasa: FakeRasa) -> None:
    _ask(page, "html")
    expect(page.locator(".bubble.bot")).to_contain_text("<b>đậm</b>")
    assert page.locator(".bubble.bot img, .bubble.bot b").count() == 0
    assert page.evaluate("window.hacked") is None


def test_when_the_assistant_is_unavailable_the_error_shows_and_the_text_stays(
    page: Page, fake_rasa: FakeRasa
) -> None:
    make_chat_unavailable(page)
    _ask(page, "tôi muốn khiếu nại")
    expect(page.locator(".bubble.error")).to_contain_text("Trợ lý đang tạm gián đoạn")
    expect(page.get_by_label("Câu hỏi của bạn")).to_have_value("tôi muốn khiếu nại")
    expect(page.get_by_label("Câu hỏi của bạn")).to_be_focused()


def test_when_rasa_is_down_the_limited_answer_shows_marked_and_is_not_sent_again(
    page: Page, fake_rasa: FakeRasa
) -> None:
    fake_rasa.down = True
    _ask(page, "làm giấy khai sinh cần gì")
    # The first limited answer loads the search (several seconds).
    expect(page.locator(".bubble.bot.limited").first).to_contain_text(
        "Trợ lý đang tạm hoạt động hạn chế", timeout=60_000
    )
    expect(page.locator(".bubble.bot.limited").last).to_contain_text("(mã 1.001193)")
    expect(page.get_by_role("status")).to_have_text(LIMITED)
    expect(page.locator(".bubble.error")).to_have_count(0)
    expect(page.locator(".bubble.citizen.pending")).to_have_count(0)
    expect(page.get_by_label("Câu hỏi của bạn")).to_have_value("")
    # Answered: nothing is sent again once Rasa is back, and the next reply is the bot's, unmarked.
    fake_rasa.down = False
    page.wait_for_timeout(2500)  # longer than the client's first retry delays
    assert fake_rasa.received == []
    _ask(page, "khai sinh")
    expect(page.locator(".bubble.bot:not(.limited)").first).to_contain_text("Giấy chứng sinh")
    expect(page.get_by_role("status")).to_be_hidden()
    assert [message for _, message in fake_rasa.received] == ["khai sinh"]


def test_the_conversation_resumes_after_a_reload(page: Page, fake_rasa: FakeRasa) -> None:
    _ask(page, "khai sinh")
    expect(page.locator(".bubble.bot").first).to_be_visible()
    page.reload()
    expect(page.locator(".bubble.citizen")).to_have_text("khai sinh")
    _ask(page, "kết hôn")
    expect(page.locator(".bubble.citizen").last).to_have_text("kết hôn")
    expect(page.locator(".chips")).to_have_count(2)
    senders = {sender for sender, _ in fake_rasa.received}
    assert len(senders) == 1


def test_title_and_help_come_from_the_province_profile(page: Page, fake_rasa: FakeRasa) -> None:
    expect(page).to_have_title("Trợ lý Dịch vụ công – Tây Ninh")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tây Ninh")
    expect(page.get_by_role("link", name="https://dichvucong.gov.vn/")).to_be_visible()


def test_the_page_asks_nothing_of_the_internet(
    browser: Browser, gateway_url: str, fake_rasa: FakeRasa
) -> None:
    context = browser.new_context()
    page = context.new_page()
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).hostname or ""))
    page.goto(gateway_url)
    _ask(page, "khai sinh")
    expect(page.locator(".bubble.bot").first).to_be_visible()
    context.close()
    assert hosts == {"127.0.0.1"}
