"""Vietnamese wording of a procedure for citizens: every procedure answer the bot gives is composed here."""

from __future__ import annotations

from knowledge_base.schema import Channel, DocumentRequirement, Procedure, SubmissionMode
from vietnamese import fold_diacritics

CHANNEL_LABELS = {Channel.online: "Trực tuyến", Channel.direct: "Trực tiếp", Channel.post: "Qua bưu chính"}


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


def _per_channel(procedure: Procedure, value_of) -> str | None:
    """One line when every channel agrees, otherwise one line per channel."""
    rows = [(mode, value_of(mode)) for mode in procedure.modes if value_of(mode)]
    if not rows:
        return None
    if len({value for _, value in rows}) == 1:
        return rows[0][1]
    return "; ".join(f"{CHANNEL_LABELS[mode.channel]}: {value}" for mode, value in rows)


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


def processing_time_text(procedure: Procedure) -> str:
    return _per_channel(procedure, _time_of) or "Chưa có thông tin về thời hạn giải quyết."


def fee_text(procedure: Procedure) -> str:
    return _per_channel(procedure, _fee_of) or "Chưa có thông tin về phí, lệ phí."


def where_text(procedure: Procedure) -> str:
    places = procedure.submit_at or [
        p for p in (procedure.receiving_agency, procedure.implementing_agency) if p
    ]
    return "; ".join(places) if places else "Chưa có thông tin về nơi tiếp nhận hồ sơ."


def online_text(procedure: Procedure, portal_url: str) -> str:
    """Online first: say so plainly when the procedure can be submitted online."""
    if not procedure.accepts_online:
        return "Thủ tục này chưa nhận hồ sơ trực tuyến, bạn nộp trực tiếp hoặc qua bưu chính."
    link = procedure.online_url or portal_url
    return f"Bạn có thể nộp trực tuyến, không cần đến nơi: {link}"


def card(procedure: Procedure, portal_url: str) -> str:
    """The full answer about a procedure: online first, then documents, time, fee, place and source."""
    lines = [
        f"📄 {procedure.name} (mã {procedure.code})",
        f"🌐 {online_text(procedure, portal_url)}",
        "Giấy tờ cần chuẩn bị:",
        documents_text(procedure),
        f"⏱ Thời gian giải quyết: {processing_time_text(procedure)}",
        f"💰 Phí, lệ phí: {fee_text(procedure)}",
        f"🏢 Nơi nộp: {where_text(procedure)}",
    ]
    if procedure.source_url:
        lines.append(f"Nguồn: {procedure.source_url}")
    return "\n".join(lines)


def aspect_answer(procedure: Procedure, aspect: str, portal_url: str) -> str:
    """A focused answer to a follow-up question ("mất bao lâu?") about one procedure."""
    title = f"{procedure.name} (mã {procedure.code})"
    if aspect == "documents":
        hint = 'Nhắn "hướng dẫn chuẩn bị hồ sơ" để mình kiểm tra từng giấy tờ với bạn.'
        online = f"🌐 {online_text(procedure, portal_url)}"
        return f"Hồ sơ {title} gồm:\n{documents_text(procedure)}\n{online}\n{hint}"
    if aspect == "fee":
        return f"💰 Phí, lệ phí {title}: {fee_text(procedure)}"
    if aspect == "time":
        return f"⏱ Thời gian giải quyết {title}: {processing_time_text(procedure)}"
    if aspect == "where":
        return f"🏢 Nơi nộp {title}: {where_text(procedure)}\n🌐 {online_text(procedure, portal_url)}"
    if aspect == "online":
        steps = "\n".join(f"{i}. {step}" for i, step in enumerate(procedure.howto, 1))
        return f"🌐 {title}: {online_text(procedure, portal_url)}" + (
            f"\nCách làm:\n{steps}" if steps else ""
        )
    return card(procedure, portal_url)
