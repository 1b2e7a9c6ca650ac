"""Vietnamese wording of a procedure for citizens: every procedure answer the bot gives is composed here.

The official name appears once, on the full card; everything else names the procedure by its short name.
A fee or time marked for review is never stated: the citizen is told it is being confirmed, with the hotline.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple

from knowledge_base.profile import ProvinceProfile
from knowledge_base.schema import (
    Channel,
    DocumentRequirement,
    OnlineAvailability,
    Procedure,
    ReviewedFact,
    SubmissionMode,
)
from vietnamese import fold_diacritics

CHANNEL_LABELS = {Channel.online: "Trực tuyến", Channel.direct: "Trực tiếp", Channel.post: "Qua bưu chính"}
UNDER_REVIEW = "đang được xác minh lại"
REVIEW_HINT = {
    ReviewedFact.fee: "mình chưa đưa mức phí để tránh sai; bạn gọi {hotline} để biết mức chính xác",
    ReviewedFact.processing_time: "mình chưa đưa thời hạn để tránh sai; bạn gọi {hotline} để biết chính xác",
}


def _form(document: DocumentRequirement) -> str | None:
    """ "mẫu CT01"; nothing when the name already cites its form ("Đơn … (Mẫu số 1 Phụ lục II …)")."""
    code = document.form_code
    if not code or "(mẫu" in document.name.lower():
        return None
    return code if code.lower().startswith("mẫu") else f"mẫu {code}"


def document_details(document: DocumentRequirement) -> str:
    """Form, copies and when it applies, e.g. "mẫu CT01; 1 bản chính; nếu nhờ người khác nộp thay"."""
    form = _form(document)
    details = [form] if form else []
    if document.originals:
        # The catalogue counts a copy handed in ("Bản sao hộ chiếu") as an original of itself.
        is_copy = fold_diacritics(document.name).startswith("ban sao")
        details.append(f"{document.originals} bản" if is_copy else f"{document.originals} bản chính")
    if document.copies:
        details.append(f"{document.copies} bản sao")
    if document.present_only:
        details.append("chỉ xuất trình")
    if document.case:
        details.append(document.case)
    return "; ".join(details)


def document_line(document: DocumentRequirement) -> str:
    details = document_details(document)
    return f"{document.name} ({details})" if details else document.name


def documents_text(procedure: Procedure) -> str:
    if not procedure.documents:
        return "Danh mục giấy tờ chưa có trong dữ liệu của mình; bạn xem chi tiết ở nguồn bên dưới."
    return "\n".join(f"• {document_line(d)}" for d in procedure.documents)


class StatedFact(NamedTuple):
    """A fee or a time as the KB states it per channel, with any value under review withheld."""

    rows: list[tuple[Channel, str]]  # (channel, value or UNDER_REVIEW), channels stating nothing left out
    under_review: bool

    @property
    def text(self) -> str | None:
        """One value when every channel agrees, else one per channel; None when no channel states one."""
        if not self.rows:
            return None
        values = {value for _, value in self.rows}
        if len(values) == 1:
            value = self.rows[0][1]
            return value[:1].upper() + value[1:]
        return "; ".join(f"{CHANNEL_LABELS[channel]}: {value}" for channel, value in self.rows)


def mode_value(mode: SubmissionMode, fact: ReviewedFact) -> str | None:
    """A mode's time or fee as the bot states it; UNDER_REVIEW when an editor has marked it for review."""
    if fact in mode.needs_review:
        return UNDER_REVIEW
    return _time_of(mode) if fact is ReviewedFact.processing_time else _fee_of(mode)


def stated_fact(procedure: Procedure, fact: ReviewedFact) -> StatedFact:
    rows = [(mode.channel, mode_value(mode, fact)) for mode in procedure.modes]
    rows = [(channel, value) for channel, value in rows if value]
    return StatedFact(rows, any(value == UNDER_REVIEW for _, value in rows))


def _told(procedure: Procedure, fact: ReviewedFact, hotline: str) -> str | None:
    """The stated text; a value under review comes with the reason it is withheld and the hotline."""
    stated = stated_fact(procedure, fact)
    if stated.text and stated.under_review:
        return f"{stated.text} ({REVIEW_HINT[fact].format(hotline=hotline)})"
    return stated.text


def _time_of(mode: SubmissionMode) -> str | None:
    if mode.processing_time:
        return mode.processing_time
    if mode.processing_days is not None:
        return f"{mode.processing_days:g} ngày làm việc"
    return None


def _fee_of(mode: SubmissionMode) -> str | None:
    if mode.fee:
        return mode.fee
    if mode.fee_vnd is not None:
        return "Miễn phí" if mode.fee_vnd == 0 else f"{mode.fee_vnd:,} đồng".replace(",", ".")
    return None


def processing_time_text(procedure: Procedure, hotline: str) -> str:
    return (
        _told(procedure, ReviewedFact.processing_time, hotline) or "Chưa có thông tin về thời hạn giải quyết."
    )


def fee_text(procedure: Procedure, hotline: str) -> str:
    return _told(procedure, ReviewedFact.fee, hotline) or "Chưa có thông tin về phí, lệ phí."


def submit_places(procedure: Procedure) -> list[str]:
    """Where to submit in the province, else the receiving or implementing agency."""
    return procedure.submit_at or [
        p for p in (procedure.receiving_agency, procedure.implementing_agency) if p
    ]


def where_text(procedure: Procedure) -> str:
    places = submit_places(procedure)
    return "; ".join(places) if places else "Chưa có thông tin về nơi tiếp nhận hồ sơ."


class OnlineReach(StrEnum):
    """How far a procedure goes online, which decides how online submission is worded."""

    FULL = "full"  # the whole procedure, nothing done in person
    PARTIAL = "partial"  # the dossier online, at least one step in person
    SUBMIT = "submit"  # the dossier online, the rest unstated
    NONE = "none"  # in person only
    NONE_OR_POST = "none_or_post"  # in person or by post


def online_reach(procedure: Procedure) -> OnlineReach:
    if not procedure.accepts_online:
        post = any(mode.channel is Channel.post for mode in procedure.modes)
        return OnlineReach.NONE_OR_POST if post else OnlineReach.NONE
    if procedure.online is OnlineAvailability.full:
        return OnlineReach.FULL
    # "Một phần" (partly online): at least one step, such as showing originals, is done in person.
    return OnlineReach.PARTIAL if procedure.online is OnlineAvailability.partial else OnlineReach.SUBMIT


def online_link(procedure: Procedure, portal_url: str) -> str:
    """The procedure's own online page, else the province's portal."""
    return procedure.online_url or portal_url


def online_text(procedure: Procedure, portal_url: str) -> str:
    """Online first, said as far as it goes: the whole procedure, or only submitting the dossier."""
    reach, link = online_reach(procedure), online_link(procedure, portal_url)
    if reach is OnlineReach.NONE_OR_POST:
        return "Thủ tục này chưa nhận hồ sơ trực tuyến, bạn nộp trực tiếp hoặc qua bưu chính."
    if reach is OnlineReach.NONE:
        return "Thủ tục này chưa nhận hồ sơ trực tuyến, bạn nộp trực tiếp."
    if reach is OnlineReach.FULL:
        return f"Bạn có thể làm trọn thủ tục trực tuyến, không cần đến nơi: {link}"
    if reach is OnlineReach.PARTIAL:
        return (
            f"Bạn có thể nộp hồ sơ trực tuyến tại {link}; "
            "vẫn có bước phải làm trực tiếp (ví dụ xuất trình bản chính hoặc nhận kết quả)."
        )
    return f"Bạn có thể nộp hồ sơ trực tuyến: {link}"


def card(procedure: Procedure, profile: ProvinceProfile) -> str:
    """The full answer about a procedure: online first, then documents, time, fee, place and source."""
    hotline = profile.hotline_text
    lines = [
        f"📄 {procedure.name} (mã {procedure.code})",
        f"🌐 {online_text(procedure, profile.portal_url)}",
        "Giấy tờ cần chuẩn bị:",
        documents_text(procedure),
        f"⏱ Thời gian giải quyết: {processing_time_text(procedure, hotline)}",
        f"💰 Phí, lệ phí: {fee_text(procedure, hotline)}",
        f"🏢 Nơi nộp: {where_text(procedure)}",
    ]
    if procedure.source_url:
        lines.append(f"Nguồn: {procedure.source_url}")
    return "\n".join(lines)


def aspect_answer(procedure: Procedure, aspect: str, profile: ProvinceProfile) -> str:
    """A focused answer to a follow-up question ("mất bao lâu?") about one procedure, by its short name."""
    title = f"«{procedure.short_name}» (mã {procedure.code})"
    hotline, portal_url = profile.hotline_text, profile.portal_url
    if aspect == "documents":
        hint = 'Nhắn "hướng dẫn chuẩn bị hồ sơ" để mình kiểm tra từng giấy tờ với bạn.'
        online = f"🌐 {online_text(procedure, portal_url)}"
        return f"Hồ sơ {title} gồm:\n{documents_text(procedure)}\n{online}\n{hint}"
    if aspect == "fee":
        return f"💰 Phí, lệ phí {title}: {fee_text(procedure, hotline)}"
    if aspect == "time":
        return f"⏱ Thời gian giải quyết {title}: {processing_time_text(procedure, hotline)}"
    if aspect == "where":
        return f"🏢 Nơi nộp {title}: {where_text(procedure)}\n🌐 {online_text(procedure, portal_url)}"
    if aspect == "online":
        steps = "\n".join(f"{i}. {step}" for i, step in enumerate(procedure.howto, 1))
        return f"🌐 {title}: {online_text(procedure, portal_url)}" + (
            f"\nCách làm:\n{steps}" if steps else ""
        )
    return card(procedure, profile)
