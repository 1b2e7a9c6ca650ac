"""Vietnamese wording of a procedure for citizens: every procedure answer the bot gives is composed here.

The official name appears once, on the full card; everything else names the procedure by its short name.
A fee or time marked for review is never stated: the citizen is told it is being confirmed, with the hotline.
"""

from __future__ import annotations

from collections.abc import Callable

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


def _per_channel(
    procedure: Procedure, fact: ReviewedFact, value_of: Callable[[SubmissionMode], str | None], hotline: str
) -> str | None:
    """One line when every channel agrees, else one line per channel; a value under review is withheld."""
    rows = [(mode, UNDER_REVIEW if fact in mode.needs_review else value_of(mode)) for mode in procedure.modes]
    rows = [(mode, value) for mode, value in rows if value]
    if not rows:
        return None
    if len({value for _, value in rows}) == 1:
        text = rows[0][1][:1].upper() + rows[0][1][1:]
    else:
        text = "; ".join(f"{CHANNEL_LABELS[mode.channel]}: {value}" for mode, value in rows)
    if any(value == UNDER_REVIEW for _, value in rows):
        text += f" ({REVIEW_HINT[fact].format(hotline=hotline)})"
    return text


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
    found = _per_channel(procedure, ReviewedFact.processing_time, _time_of, hotline)
    return found or "Chưa có thông tin về thời hạn giải quyết."


def fee_text(procedure: Procedure, hotline: str) -> str:
    return _per_channel(procedure, ReviewedFact.fee, _fee_of, hotline) or "Chưa có thông tin về phí, lệ phí."


def where_text(procedure: Procedure) -> str:
    places = procedure.submit_at or [
        p for p in (procedure.receiving_agency, procedure.implementing_agency) if p
    ]
    return "; ".join(places) if places else "Chưa có thông tin về nơi tiếp nhận hồ sơ."


def online_text(procedure: Procedure, portal_url: str) -> str:
    """Online first, said as far as it goes: the whole procedure, or only submitting the dossier."""
    if not procedure.accepts_online:
        post = any(mode.channel is Channel.post for mode in procedure.modes)
        where = "trực tiếp hoặc qua bưu chính" if post else "trực tiếp"
        return f"Thủ tục này chưa nhận hồ sơ trực tuyến, bạn nộp {where}."
    link = procedure.online_url or portal_url
    if procedure.online is OnlineAvailability.full:
        return f"Bạn có thể làm trọn thủ tục trực tuyến, không cần đến nơi: {link}"
    if procedure.online is OnlineAvailability.partial:
        # "Một phần" (partly online): at least one step, such as showing originals, is done in person.
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
