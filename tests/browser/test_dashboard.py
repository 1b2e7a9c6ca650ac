"""The managers' dashboard at /quan-ly/ in a real headless Chromium, on a backend with a seeded database.

Set TLDVC_SCREENSHOT_DIR to keep screenshots of the queue with its charts, of a complaint's detail and of the
friction report.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Locator, Page, expect
from sqlalchemy import Engine, update

from storage import (
    ComplaintDraft,
    ComplaintKind,
    ComplaintService,
    ComplaintState,
    ConversationEventDraft,
    ConversationEventKind,
    ConversationEventStore,
    FeedbackDraft,
    FeedbackStore,
    SenderPseudonyms,
    UserStore,
    WorkingCalendar,
    make_engine,
)
from storage.complaint_history import complaint_history
from storage.complaints import VIETNAM_TIME, complaints, vietnam_today
from storage.feedback import feedback
from storage.friction import COMPLAINT_WEIGHT, LOW_RATING
from tests.browser.servers import backend_server
from tests.webhook.backend import PASSWORD, prepare_database
from webhook.core.security import create_access_token

SCREENSHOTS = os.environ.get("TLDVC_SCREENSHOT_DIR")
PSEUDONYM_KEY = "khoa-gia-danh-chi-dung-cho-thu-nghiem"
PUBLIC_REPLY = "UBND phường đã trả giấy khai sinh ngày 28/11; xin lỗi bà vì sự chậm trễ."
# (kind, agency, procedure code and name, days ago filed) of the background complaints the charts show.
BACKGROUND = [
    (ComplaintKind.SLOW, "UBND xã Hòa Hội", "1.000894", "Đăng ký kết hôn", 3),
    (ComplaintKind.SLOW, "UBND xã Hòa Hội", "1.000894", "Đăng ký kết hôn", 9),
    (ComplaintKind.EVASIVE, "Công an huyện Châu Thành", None, None, 12),
    (ComplaintKind.SLOW, "Chi nhánh Văn phòng đăng ký đất đai huyện Châu Thành", None, None, 16),
    (ComplaintKind.ATTITUDE, "UBND xã Hòa Hội", None, None, 22),
    (ComplaintKind.SLOW, "Chi nhánh Văn phòng đăng ký đất đai huyện Châu Thành", None, None, 30),
    (ComplaintKind.OTHER, "Sở Tư pháp", None, None, 37),
    (ComplaintKind.EVASIVE, "UBND phường Tân Ninh", None, None, 44),
    (ComplaintKind.SLOW, "Công an huyện Châu Thành", None, None, 51),
    (ComplaintKind.SLOW, "UBND xã Hòa Hội", None, None, 65),
]


Kind = ConversationEventKind
# Procedures in conversations, as the action server records them (code, name).
MARRIAGE = ("1.000894", "Thủ tục đăng ký kết hôn")  # also in two of the BACKGROUND complaints
BIRTH = ("1.001193", "Thủ tục đăng ký khai sinh")
RESIDENCE = ("1.004222", "Thủ tục đăng ký thường trú")
UNEMPLOYMENT = ("1.001978", "Giải quyết hưởng trợ cấp thất nghiệp")


@dataclass
class Seeded:
    url: str
    database_url: str
    overdue: str  # the oldest complaint still waiting, its answer date long past
    recent: str  # filed today, about a different agency
    hostile: str  # a description and agency full of HTML


def _draft(kind: ComplaintKind, agency: str, **changes: object) -> ComplaintDraft:
    fields = {
        "description": "Nộp hồ sơ đã lâu mà chưa có kết quả, gọi điện không ai nghe.",
        "citizen_name": "Trần Văn Bình",
        "phone": "0987 654 321",
        "contact_consent": True,
        "sender_id": "web-seed",
        "channel": "web",
    }
    return ComplaintDraft(kind=kind, agency=agency, **{**fields, **changes})


def _seed(database_url: str) -> tuple[str, str, str]:
    engine = make_engine(database_url)
    service = ComplaintService(engine, WorkingCalendar())
    today = vietnam_today()

    def file(draft: ComplaintDraft, days_ago: int) -> str:
        complaint = service.file(draft)
        filed_at = datetime.now(VIETNAM_TIME) - timedelta(days=days_ago)
        with engine.begin() as connection:
            connection.execute(
                update(complaints)
                .where(complaints.c.id == complaint.id)
                .values(
                    created_at=filed_at,
                    answer_due=service.calendar.add_working_days(filed_at.date(), 10),
                )
            )
            connection.execute(
                update(complaint_history)
                .where(complaint_history.c.complaint_id == complaint.id)
                .values(at=filed_at)
            )
        return complaint.reference_code

    overdue = file(
        _draft(
            ComplaintKind.SLOW,
            "UBND phường Tân Ninh",
            procedure_code="1.001193",
            procedure_name="Đăng ký khai sinh",
            dossier_code="000.00.12.H57-241115-0001",
            submitted_on=today - timedelta(days=80),
            promised_on=today - timedelta(days=75),
            citizen_name="Nguyễn Thị Lan",
            phone="0912 345 678",
        ),
        days_ago=70,
    )
    recent = file(_draft(ComplaintKind.EVASIVE, "Bảo hiểm xã hội huyện Dương Minh Châu"), days_ago=0)
    hostile = file(
        _draft(
            ComplaintKind.OTHER,
            "<b>Cơ quan</b>",
            description='<img src="x" onerror="window.hacked=1">Nội dung có thẻ HTML',
        ),
        days_ago=1,
    )
    manager = UserStore(engine).get("quanly")
    for index, (kind, agency, code, name, days_ago) in enumerate(BACKGROUND):
        filed = file(_draft(kind, agency, procedure_code=code, procedure_name=name), days_ago)
        if index % 3 == 0:  # some already answered, so the status chart has more than one bar
            service.assign(filed, assignee_id=manager.id, actor_id=manager.id)
            service.change_status(filed, ComplaintState.IN_PROGRESS, actor_id=manager.id)
            service.change_status(
                filed, ComplaintState.RESOLVED, actor_id=manager.id, public_reply="Đã trả kết quả."
            )
    ratings = FeedbackStore(engine)
    for rating, days_ago in [(5, 1), (4, 2), (5, 4), (3, 8), (4, 15), (2, 20), (5, 30)]:
        given = ratings.add(FeedbackDraft(sender_id="web-seed", rating=rating))
        with engine.begin() as connection:
            connection.execute(
                update(feedback)
                .where(feedback.c.id == given.id)
                .values(created_at=datetime.now(VIETNAM_TIME) - timedelta(days=days_ago))
            )
    _seed_conversations(engine)
    engine.dispose()
    return overdue, recent, hostile


def _seed_conversations(engine: Engine) -> None:
    """Today's conversations for the friction report, recorded as the action server records them."""
    events = ConversationEventStore(engine)
    pseudonyms = SenderPseudonyms(PSEUDONYM_KEY)

    def event(sender: str, kind: ConversationEventKind, procedure=(None, None), question=None) -> None:
        draft = ConversationEventDraft(
            sender_key=pseudonyms(sender),
            channel="web",
            kind=kind,
            procedure_code=procedure[0],
            procedure_name=procedure[1],
            question=question,
        )
        events.add(draft)

    # Marriage: asked once, no trouble in the chat, but two complaints this month (BACKGROUND): 3 × 2 = 6.
    event("web-m1", Kind.ANSWERED, MARRIAGE)
    # Birth: three conversations; one asks on and gets no answer, one is handed to staff, one starts the
    # documents and leaves; rated 2 (low) and 5: 1 + 1 + 1 = 3.
    for sender in ("web-b1", "web-b2", "web-b3"):
        event(sender, Kind.ANSWERED, BIRTH)
    event("web-b1", Kind.NO_MATCH, (BIRTH[0], None), "con ngoài giá thú thì làm giấy khai sinh sao")
    event("web-b2", Kind.HANDOFF, (BIRTH[0], None))
    event("web-b3", Kind.WALKTHROUGH_STARTED, BIRTH)
    # Residence: four conversations, two start the documents and one finishes; rated 5: no friction.
    for sender in ("web-r1", "web-r2", "web-r3", "web-r4"):
        event(sender, Kind.ANSWERED, RESIDENCE)
    for sender in ("web-r1", "web-r2"):
        event(sender, Kind.WALKTHROUGH_STARTED, RESIDENCE)
    event("web-r1", Kind.WALKTHROUGH_FINISHED, RESIDENCE)
    ratings = FeedbackStore(engine)
    for sender, rating in [("web-b1", 2), ("web-b3", 5), ("web-r1", 5)]:  # 4.0 on average, as the others
        ratings.add(FeedbackDraft(sender_id=sender, rating=rating))
    # Questions the bot could not answer: two about unemployment benefit, one off-topic (and b1's above).
    event("web-u1", Kind.UNSURE, UNEMPLOYMENT, "em tên Hoa, số 0987 654 321, hỏi trợ cấp thất nghiệp")
    event("web-u2", Kind.NO_MATCH, question="tro cap that nghiep nhan o dau")
    event("web-u3", Kind.OUT_OF_SCOPE, question="bóng đá tối nay mấy giờ")


@pytest.fixture
def seeded(tmp_path: Path) -> Iterator[Seeded]:
    database_url = f"sqlite:///{tmp_path / 'backend.sqlite3'}"
    prepare_database(database_url)
    codes = _seed(database_url)
    with backend_server(database_url, tmp_path, pseudonym_key=PSEUDONYM_KEY) as url:
        yield Seeded(url, database_url, *codes)


@pytest.fixture
def page(browser: Browser, seeded: Seeded) -> Iterator[Page]:
    """A laptop opening the dashboard."""
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto(f"{seeded.url}/quan-ly/")
    yield page
    context.close()


def _sign_in(page: Page, username: str, password: str = PASSWORD) -> None:
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def _queue_codes(page: Page) -> list[str]:
    return page.locator("#queue-rows th button").all_text_contents()


def _screenshot(page: Page | Locator, name: str, **options: object) -> None:
    """The page, or one part of it."""
    if SCREENSHOTS:
        page.screenshot(path=str(Path(SCREENSHOTS) / f"dashboard-{name}.png"), **options)


def test_a_manager_filters_assigns_and_resolves_with_a_public_reply(page: Page, seeded: Seeded) -> None:
    _sign_in(page, "quanly")
    expect(page.locator("#who")).to_have_text("Lê Quản Lý · Cán bộ quản lý")
    # The unresolved queue, the most overdue first, with the working days it is overdue and the dossier late.
    expect(page.locator("#queue-summary")).to_contain_text("phản ánh · trang 1/1")
    first = page.locator("#queue-rows tr").first
    expect(first.locator("th")).to_have_text(seeded.overdue)
    expect(first).to_contain_text("Quá hạn")
    expect(first).to_contain_text("ngày làm việc")
    expect(first.locator(".badge.warn")).to_contain_text("Trễ")

    page.get_by_label("Cơ quan", exact=True).fill("tân ninh")
    page.get_by_label("Loại phản ánh", exact=True).select_option(label="Trễ hẹn")
    page.get_by_role("button", name="Lọc", exact=True).click()
    expect(page.locator("#queue-summary")).to_have_text("1 phản ánh · trang 1/1")
    assert _queue_codes(page) == [seeded.overdue]

    page.get_by_role("button", name=seeded.overdue).click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_role("heading", level=2)).to_have_text(f"Phản ánh {seeded.overdue}")
    expect(dialog.locator("#detail-citizen")).to_contain_text("0912345678")
    expect(dialog.locator("#detail-history li")).to_have_count(1)
    expect(dialog.locator("#detail-history")).to_contain_text("Người dân (qua trợ lý)")
    _screenshot(page, "detail-new")

    dialog.get_by_label("Cán bộ xử lý").select_option("tongdai")
    dialog.locator("#assign-note").fill("Nhờ anh gọi UBND phường hỏi lý do trễ.")
    dialog.get_by_role("button", name="Phân công").click()
    expect(dialog.locator("#action-notice")).to_have_text("Đã phân công cho Phạm Tổng Đài (tongdai).")
    expect(dialog.locator("#detail-history li")).to_have_count(2)

    # From "assigned" the workflow only offers its next states; resolving needs a public reply.
    status_options = dialog.get_by_label("Trạng thái mới").locator("option").all_text_contents()
    assert status_options[1:] == ["Đang xử lý", "Từ chối xử lý"]
    dialog.get_by_label("Trạng thái mới").select_option(label="Đang xử lý")
    dialog.get_by_role("button", name="Cập nhật trạng thái").click()
    expect(dialog.locator("#action-notice")).to_have_text("Đã chuyển sang «Đang xử lý».")
    dialog.get_by_label("Trạng thái mới").select_option(label="Đã giải quyết")
    dialog.locator("#status-note").fill("Đã gọi chị Lan, hẹn trả kết quả.")
    dialog.get_by_role("button", name="Cập nhật trạng thái").click()
    expect(dialog.get_by_role("alert")).to_have_text(
        "Cần có nội dung trả lời người dân khi chuyển sang «Đã giải quyết»."
    )
    dialog.locator("#status-reply").fill(PUBLIC_REPLY)
    dialog.get_by_role("button", name="Cập nhật trạng thái").click()
    expect(dialog.locator("#action-notice")).to_have_text("Đã chuyển sang «Đã giải quyết».")
    expect(dialog.get_by_role("alert")).to_be_hidden()

    history = dialog.locator("#detail-history li")
    expect(history).to_have_count(4)
    expect(history.nth(1)).to_contain_text("Giao cho: Phạm Tổng Đài (tongdai)")
    expect(history.nth(1)).to_contain_text("Nhờ anh gọi UBND phường hỏi lý do trễ.")
    expect(history.nth(3)).to_contain_text("Người thực hiện: Lê Quản Lý (quanly)")
    expect(history.nth(3).locator(".note.internal")).to_contain_text("Đã gọi chị Lan, hẹn trả kết quả.")
    expect(history.nth(3).locator(".note.public")).to_contain_text(PUBLIC_REPLY)
    expect(dialog.locator("#detail-reply")).to_have_text(PUBLIC_REPLY)
    expect(dialog.get_by_role("button", name="Phân công")).to_be_hidden()
    dialog.locator("#detail-history").scroll_into_view_if_needed()
    _screenshot(page, "detail")

    engine = make_engine(seeded.database_url)
    status = ComplaintService(engine, WorkingCalendar()).public_status(seeded.overdue)
    engine.dispose()
    assert (status.status, status.public_reply) == (ComplaintState.RESOLVED, PUBLIC_REPLY)

    dialog.get_by_role("button", name="Đóng").click()
    expect(dialog).to_be_hidden()
    expect(page.locator("#queue-summary")).to_have_text("Không có phản ánh nào khớp bộ lọc.")


def test_the_charts_draw_with_their_figures(page: Page, seeded: Seeded) -> None:
    _sign_in(page, "quanly")
    expect(page.locator("#kpi-overdue")).not_to_have_text("–")
    for figure in ("chart-status", "chart-agency", "chart-kinds", "chart-satisfaction"):
        canvas = page.locator(f"#{figure} canvas")
        expect(canvas).to_be_visible()
        box = canvas.bounding_box()
        assert box and box["width"] > 200 and box["height"] > 150, figure
        assert page.evaluate("(canvas) => Boolean(Chart.getChart(canvas))", canvas.element_handle())
    # 13 complaints in the default twelve weeks; the one filed 65 days ago is inside, none outside.
    expect(page.locator("#kpi-filed")).to_have_text("13")
    expect(page.locator("#kpi-satisfaction")).to_have_text("4,0")
    agencies = page.locator("#chart-agency canvas")
    expect(agencies).to_have_attribute("aria-label", re.compile("UBND xã Hòa Hội: 4"))
    expect(page.locator("#chart-status table")).to_contain_text("Đã giải quyết")
    _screenshot(page, "queue-charts", full_page=True)


def test_staff_see_the_queue_and_masked_phones_but_no_manager_actions(page: Page, seeded: Seeded) -> None:
    _sign_in(page, "tongdai")
    expect(page.locator("#who")).to_have_text("Phạm Tổng Đài · Cán bộ tiếp nhận")
    expect(page.locator("#queue-rows tr").first).to_be_visible()
    for hidden in ("Xuất CSV", "Xem thống kê", "Xem các phản ánh quá hạn", "Tải CSV", "Xem báo cáo"):
        expect(page.get_by_role("button", name=hidden)).to_have_count(0)
    page.get_by_role("button", name=seeded.overdue).click()
    dialog = page.get_by_role("dialog")
    expect(dialog.locator("#detail-citizen")).to_contain_text("09xx xxx 678")
    expect(dialog.get_by_role("button", name="Phân công")).to_be_hidden()
    expect(dialog.get_by_role("button", name="Cập nhật trạng thái")).to_be_hidden()
    _screenshot(page, "staff-detail")


def test_wrong_password_expired_session_and_sign_out_say_so(page: Page, seeded: Seeded) -> None:
    _sign_in(page, "quanly", "sai-mat-khau")
    expect(page.locator("#sign-in-alert")).to_have_text(
        "Sai tên đăng nhập hoặc mật khẩu, hoặc tài khoản đã bị khóa."
    )
    _screenshot(page, "sign-in")
    _sign_in(page, "quanly")
    expect(page.locator("#queue-rows tr").first).to_be_visible()
    # A token the server no longer accepts: the next call brings the sign-in form back with the reason.
    page.evaluate("sessionStorage.setItem('tldvc.staff_token', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJxIn0.sai')")
    page.get_by_role("button", name="Lọc", exact=True).click()
    expect(page.locator("#sign-in-alert")).to_contain_text("Phiên đăng nhập không hợp lệ hoặc đã hết hạn")
    expect(page.locator("#app-view")).to_be_hidden()
    expect(page.get_by_label("Tên đăng nhập")).to_be_focused()

    _sign_in(page, "quanly")
    expect(page.locator("#app-view")).to_be_visible()
    page.reload()  # the token lasts as long as the tab
    expect(page.locator("#who")).to_have_text("Lê Quản Lý · Cán bộ quản lý")
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.locator("#sign-in-notice")).to_have_text("Bạn đã đăng xuất.")
    assert page.evaluate("sessionStorage.getItem('tldvc.staff_token')") is None


def test_the_page_signs_out_when_the_token_runs_out(page: Page, seeded: Seeded, tmp_path: Path) -> None:
    key = (tmp_path / "secret_key").read_text(encoding="ascii")
    token = create_access_token("quanly", key, timedelta(seconds=5))
    page.evaluate("(token) => sessionStorage.setItem('tldvc.staff_token', token)", token)
    page.reload()
    expect(page.locator("#who")).to_have_text("Lê Quản Lý · Cán bộ quản lý")
    expect(page.locator("#sign-in-alert")).to_have_text(
        "Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại.", timeout=15_000
    )
    expect(page.locator("#app-view")).to_be_hidden()


def test_the_csv_export_downloads_the_filtered_queue(page: Page, seeded: Seeded) -> None:
    _sign_in(page, "quanly")
    page.get_by_label("Hạn trả lời", exact=True).select_option(label="Đã quá hạn")
    page.get_by_role("button", name="Lọc", exact=True).click()
    expect(page.locator("#queue-summary")).to_contain_text("phản ánh · trang 1/1")
    expect(page.locator("#queue-rows tr:not(.is-overdue)")).to_have_count(0)
    with page.expect_download() as download:
        page.get_by_role("button", name="Xuất CSV").click()
    assert download.value.suggested_filename == "phan-anh.csv"
    content = Path(download.value.path()).read_bytes()
    assert content.startswith(b"\xef\xbb\xbf" + "Mã phản ánh".encode())
    rows = content.decode("utf-8-sig").strip().splitlines()
    assert len(rows) == 1 + len(_queue_codes(page)) and seeded.overdue in rows[1]


def test_api_text_is_shown_as_text_and_nothing_comes_from_the_internet(
    browser: Browser, seeded: Seeded
) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).hostname or ""))
    page.goto(f"{seeded.url}/quan-ly/")
    _sign_in(page, "quanly")
    expect(page.locator("#queue-rows")).to_contain_text("<b>Cơ quan</b>")
    page.get_by_role("button", name=seeded.hostile).click()
    expect(page.locator("#detail-description")).to_contain_text('<img src="x"')
    assert page.locator("#detail img, #queue-rows b").count() == 0
    assert page.evaluate("window.hacked") is None
    context.close()
    assert hosts == {"127.0.0.1"}


def test_on_a_tablet_the_queue_and_detail_fit_the_screen(browser: Browser, seeded: Seeded) -> None:
    context = browser.new_context(viewport={"width": 820, "height": 1180}, has_touch=True)
    page = context.new_page()
    page.goto(f"{seeded.url}/quan-ly/")
    _sign_in(page, "quanly")
    expect(page.locator("#queue-rows tr").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 820
    _screenshot(page, "tablet")
    page.get_by_role("button", name=seeded.overdue).tap()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_role("button", name="Phân công")).to_be_visible()
    assert dialog.bounding_box()["width"] <= 820
    _screenshot(page, "tablet-detail")
    context.close()


def _friction(page: Page) -> Locator:
    section = page.get_by_role("region", name="Thủ tục gây vướng mắc", exact=True)
    section.get_by_role("heading", name="Thủ tục gây vướng mắc").scroll_into_view_if_needed()
    return section


def test_a_manager_sees_the_procedures_that_cause_friction_and_downloads_them(
    page: Page, seeded: Seeded
) -> None:
    _sign_in(page, "quanly")
    section = _friction(page)
    # The last thirty days by default, today included.
    today = vietnam_today()
    first_day = today - timedelta(days=29)
    expect(section.get_by_label("Từ ngày")).to_have_value(first_day.isoformat())
    expect(section.get_by_label("Đến ngày")).to_have_value(today.isoformat())
    expect(section.locator("#friction-summary")).to_have_text(
        re.compile(f"^Từ {first_day:%d/%m/%Y} đến {today:%d/%m/%Y}: 3 thủ tục được hỏi hoặc bị phản ánh")
    )
    # How the score is made, with the weights the report uses.
    explain = section.locator("#friction-explain")
    expect(explain).to_contain_text(f"{COMPLAINT_WEIGHT} × số phản ánh")
    expect(explain).to_contain_text(f"đánh giá 1–{LOW_RATING} sao")

    table = section.get_by_role("region", name="Thủ tục xếp theo điểm vướng mắc, cao nhất trước")
    expect(table).to_be_visible()
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(3)  # not unemployment benefit, which the bot only offered
    cells = [row.locator("th, td").all_text_contents() for row in rows.all()]
    # Rank, code, name, score, conversations, unanswered, handoffs, complaints, average rating,
    # low ratings, document walkthroughs left unfinished.
    assert cells == [
        ["1", *MARRIAGE, "6", "1", "0", "0", "2", "—", "0", "—"],
        ["2", *BIRTH, "3", "3", "1", "1", "0", "3,5 (2 lượt)", "1", "1 trong 1 cuộc bắt đầu"],
        ["3", *RESIDENCE, "0", "4", "0", "0", "0", "5,0 (1 lượt)", "0", "1 trong 2 cuộc bắt đầu"],
    ]
    headings = table.locator("thead th").all_text_contents()
    assert headings[:4] == ["Hạng", "Mã thủ tục", "Tên thủ tục", "Điểm vướng mắc"]

    groups = section.locator("#unanswered-groups > li")
    expect(section.locator("#unanswered-summary")).to_have_text("3 nhóm, gồm 4 lần hỏi.")
    expect(groups).to_have_count(3)
    benefit = groups.first
    expect(benefit).to_contain_text("2 cuộc hỏi · 2 lần hỏi")
    expect(benefit).to_contain_text(f"Thủ tục bot đã gợi ý: {UNEMPLOYMENT[1]} ({UNEMPLOYMENT[0]})")
    # The most typical wording stands for the group, the others below it.
    expect(benefit.locator(".group-question")).to_have_text(re.compile("^“.*(thất nghiệp|that nghiep).*”$"))
    expect(benefit.locator(".wordings li")).to_have_count(1)
    expect(benefit).to_contain_text("hỏi trợ cấp thất nghiệp")
    expect(benefit).to_contain_text("tro cap that nghiep nhan o dau")
    expect(benefit).not_to_contain_text("0987")  # scrubbed when recorded
    football = groups.filter(has_text="bóng đá tối nay mấy giờ")
    expect(football).to_contain_text("1 cuộc hỏi · 1 lần hỏi")
    expect(football).to_contain_text("Bot đã: coi là ngoài phạm vi (1)")
    _screenshot(section, "friction")

    with page.expect_download() as download:
        section.get_by_role("button", name="Tải CSV").click()
    assert download.value.suggested_filename == f"thu-tuc-vuong-mac_{first_day}_{today}.csv"
    content = Path(download.value.path()).read_bytes()
    assert content.startswith(b"\xef\xbb\xbf" + "Mã thủ tục,Tên thủ tục,Điểm vướng mắc".encode())
    lines = list(csv.reader(content.decode("utf-8-sig").splitlines()))
    ranked = [[*MARRIAGE, "6", "1"], [*BIRTH, "3", "3"], [*RESIDENCE, "0", "4"]]
    assert [line[:4] for line in lines[1:]] == ranked

    # On a phone: one card per procedure, nothing wider than the screen.
    page.set_viewport_size({"width": 390, "height": 844})
    expect(rows.first.locator("td").first).to_have_css("display", "block")
    # Chart.js resizes its canvases in a ResizeObserver callback, a moment after the viewport changes.
    page.wait_for_function("document.documentElement.scrollWidth <= 390")
    _friction(page)
    _screenshot(section, "friction-phone")


def test_the_friction_report_says_when_a_period_is_empty_or_refused(page: Page, seeded: Seeded) -> None:
    _sign_in(page, "quanly")
    section = _friction(page)
    expect(section.locator("#friction-rows tr").first).to_be_visible()
    section.get_by_label("Từ ngày").fill("2020-01-01")
    section.get_by_label("Đến ngày").fill("2020-01-31")
    section.get_by_label("Đến ngày").press("Enter")  # the keyboard submits the period
    expect(section.locator("#friction-summary")).to_have_text(
        "Chưa có dữ liệu trong khoảng thời gian này (từ 01/01/2020 đến 31/01/2020)."
    )
    expect(section.locator("#friction-table")).to_be_hidden()
    expect(section.locator("#unanswered-summary")).to_have_text(
        "Không có câu hỏi nào bot chưa trả lời được trong khoảng thời gian này."
    )
    expect(section.locator("#unanswered-groups > li")).to_have_count(0)
    expect(section.get_by_role("alert")).to_have_count(0)
    _screenshot(section, "friction-empty")

    # A period that ends before it starts: the API's reason, said once, and nothing stale left on screen.
    section.get_by_label("Từ ngày").fill("2020-02-01")
    section.get_by_role("button", name="Xem báo cáo").click()
    alert = section.locator("#friction-alert")
    expect(alert).to_have_text("Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.")
    expect(section.locator("#unanswered-alert")).to_be_hidden()
    expect(section.locator("#friction-summary")).to_have_text("")

    # The server failing: said as such.
    page.route("**/api/reports/**", lambda route: route.fulfill(status=500, body="Internal Server Error"))
    section.get_by_label("Từ ngày").fill("2020-01-01")
    section.get_by_role("button", name="Xem báo cáo").click()
    expect(alert).to_have_text("Máy chủ đang gặp sự cố, vui lòng thử lại sau ít phút.")
    expect(section.locator("#unanswered-alert")).to_be_hidden()
