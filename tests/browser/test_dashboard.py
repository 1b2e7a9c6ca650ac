"""The managers' dashboard at /quan-ly/ in a real headless Chromium, on a backend with a seeded database.

Set TLDVC_SCREENSHOT_DIR to keep screenshots of the queue with its charts and of a complaint's detail.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import update

from storage import (
    ComplaintDraft,
    ComplaintKind,
    ComplaintService,
    ComplaintState,
    FeedbackDraft,
    FeedbackStore,
    UserStore,
    WorkingCalendar,
    make_engine,
)
from storage.complaint_history import complaint_history
from storage.complaints import VIETNAM_TIME, complaints, vietnam_today
from storage.feedback import feedback
from tests.browser.servers import backend_server
from tests.webhook.backend import PASSWORD, prepare_database
from webhook.core.security import create_access_token

SCREENSHOTS = os.environ.get("TLDVC_SCREENSHOT_DIR")
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
    engine.dispose()
    return overdue, recent, hostile


@pytest.fixture
def seeded(tmp_path: Path) -> Iterator[Seeded]:
    database_url = f"sqlite:///{tmp_path / 'backend.sqlite3'}"
    prepare_database(database_url)
    codes = _seed(database_url)
    with backend_server(database_url, tmp_path) as url:
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


def _screenshot(page: Page, name: str, **options: object) -> None:
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
    for hidden in ("Xuất CSV", "Xem thống kê", "Xem các phản ánh quá hạn"):
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
