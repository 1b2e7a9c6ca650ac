"""A procedure as readable Vietnamese text, the way the bot presents it."""

from __future__ import annotations

from knowledge_base.procedure_card import document_line
from knowledge_base.schema import DocumentRequirement, Procedure, SubmissionMode


def render_procedure(procedure: Procedure) -> str:
    lines = [f"{procedure.name} (mã {procedure.code})"]
    facts = [
        ("Lĩnh vực", procedure.field),
        ("Cấp thực hiện", ", ".join(level.value for level in procedure.levels)),
        ("Cơ quan thực hiện", procedure.implementing_agency),
        ("Nơi tiếp nhận", procedure.receiving_agency or "; ".join(procedure.submit_at)),
        ("Đối tượng", ", ".join(procedure.audience)),
        ("Làm trực tuyến", procedure.online.value if procedure.online else None),
        ("Nộp trực tuyến tại", procedure.online_url),
        ("Kết quả", procedure.result),
    ]
    lines += [f"{label}: {value}" for label, value in facts if value]
    if procedure.aliases:
        lines.append("Người dân hay gọi: " + "; ".join(procedure.aliases))
    _section(lines, "Cách làm", procedure.howto, numbered=True)
    _section(lines, "Cách nộp, thời hạn và lệ phí", [_mode(mode) for mode in procedure.modes])
    _section(lines, "Giấy tờ cần chuẩn bị", [_document(doc) for doc in procedure.documents], numbered=True)
    _section(lines, "Điều kiện", procedure.conditions)
    _section(lines, "Trình tự thực hiện", procedure.steps, numbered=not procedure.howto)
    _section(
        lines,
        "Căn cứ pháp lý",
        [
            f"{basis.number}: {basis.title}" if basis.title else basis.number
            for basis in procedure.legal_basis
        ],
    )
    if procedure.source_url:
        lines.append(f"\nNguồn: {procedure.source_url}")
    if procedure.updated:
        lines.append(f"Cập nhật: {procedure.updated:%d/%m/%Y}")
    return "\n".join(lines)


def _section(lines: list[str], title: str, items: list[str], numbered: bool = False) -> None:
    if not items:
        return
    lines.append(f"\n{title}:")
    lines += [f"  {index}. {item}" if numbered else f"  - {item}" for index, item in enumerate(items, 1)]


def _mode(mode: SubmissionMode) -> str:
    parts = [mode.channel.value.capitalize()]
    if mode.processing_time:
        parts.append(f"thời hạn {mode.processing_time}")
    if mode.fee:
        parts.append(f"phí, lệ phí: {mode.fee}")
    text = ", ".join(parts)
    return f"{text} ({mode.note})" if mode.note else text


def _document(doc: DocumentRequirement) -> str:
    line = document_line(doc)
    return f"{line}; nơi cấp: {doc.how_to_get}" if doc.how_to_get else line
