"""How much of the catalogue the importer turns into structure: the figures the issue asks for."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from knowledge_base.importer import ImportResult


@dataclass
class Coverage:
    records: int = 0
    documents_with_counts: int = 0  # ≥1 document parsed with its number of originals/copies
    modes_parsed: int = 0  # ≥1 mode row, every row split into channel, time and fee
    legal_parsed: int = 0  # ≥1 legal document parsed as (number, title)
    legal_complete: int = 0  # ... and nothing of the legal table left over
    processing_days_known: int = 0  # ≥1 mode with the time converted to days
    fee_amount_known: int = 0  # ≥1 mode with a single fee amount in đồng (0 when free)
    documents_absent: int = 0  # the catalogue lists no document at all
    legal_absent: int = 0  # the catalogue states no legal basis
    problems: Counter[str] = field(default_factory=Counter)
    failures: dict[str, list[str]] = field(default_factory=dict)  # figure -> codes that miss it

    def add(self, result: ImportResult) -> None:
        procedure = result.procedure
        self.records += 1
        self.problems.update(set(result.problems))
        checks = {
            "documents_with_counts": any(
                doc.originals is not None or doc.copies is not None for doc in procedure.documents
            ),
            "modes_parsed": bool(procedure.modes)
            and not any(problem.startswith("modes") for problem in result.problems),
            "legal_parsed": bool(procedure.legal_basis),
            "legal_complete": bool(procedure.legal_basis) and "legal_basis" not in procedure.unparsed,
            "processing_days_known": any(mode.processing_days is not None for mode in procedure.modes),
            "fee_amount_known": any(mode.fee_vnd is not None for mode in procedure.modes),
        }
        if not procedure.documents and "documents" not in procedure.unparsed:
            self.documents_absent += 1
        if not procedure.legal_basis and "legal_basis" not in procedure.unparsed:
            self.legal_absent += 1
        for name, passed in checks.items():
            if passed:
                setattr(self, name, getattr(self, name) + 1)
            else:
                self.failures.setdefault(name, []).append(procedure.code)

    def share(self, name: str) -> float:
        return getattr(self, name) / self.records if self.records else 0.0


LABELS = {
    "documents_with_counts": "Có ≥1 giấy tờ tách được kèm số bản",
    "modes_parsed": "Bảng cách thức nộp/thời hạn/phí tách được",
    "legal_parsed": "Có ≥1 căn cứ pháp lý tách được (số hiệu, tên)",
    "legal_complete": "  … và không còn phần căn cứ pháp lý nào chưa tách",
    "processing_days_known": "Có thời hạn quy ra số ngày",
    "fee_amount_known": "Có mức phí là một số tiền (đồng)",
}
