"""One catalogue record → one `Procedure`, with the reasons any part stayed unparsed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge_base.importer.documents import GROUP_HEADER as DOCUMENTS_HEADER
from knowledge_base.importer.documents import parse_documents
from knowledge_base.importer.legal import HEADER as LEGAL_HEADER
from knowledge_base.importer.legal import parse_legal_basis
from knowledge_base.importer.modes import parse_modes
from knowledge_base.importer.page import documents_from_page, legal_from_page
from knowledge_base.importer.text import clean, is_empty, split_list
from knowledge_base.names import derive_short_name
from knowledge_base.schema import Level, Procedure

_LEVELS = {
    "Cấp xã": Level.commune,
    "Cấp tỉnh": Level.province,
    "Cấp bộ": Level.ministry,
    "Cơ quan khác": Level.other,
}
_RESULT_CODE = re.compile(r"Mã: ?KQ\.[\w.]+")
# Page chrome that the scraper captured after the result list.
_RESULT_CHROME = re.compile(r"Từ khóa.*?Mô tả(?:Không có thông tin)?|Chọn cơ quan thực hiện.*$", re.DOTALL)
_STEP_BULLET = re.compile(r"^[\s*+•·-]+")


@dataclass
class ImportResult:
    procedure: Procedure
    problems: list[str] = field(default_factory=list)  # reason codes, "<part>: <why>"

    @property
    def fully_parsed(self) -> bool:
        return not self.problems


def import_record(record: dict) -> ImportResult:
    problems: list[str] = []
    unparsed: dict[str, str] = {}

    modes = parse_modes(record.get("cach_thuc_thuc_hien", ""))
    documents_text = record.get("thanh_phan_ho_so", "")
    if DOCUMENTS_HEADER not in documents_text:
        documents_text = documents_from_page(record.get("raw_text", "")) or documents_text
    documents = parse_documents(documents_text)
    legal_text = record.get("can_cu_phap_ly", "")
    if not legal_text.startswith(LEGAL_HEADER):
        legal_text = legal_from_page(record.get("raw_text", "")) or legal_text
    legal = parse_legal_basis(legal_text)
    for key, parsed in (("modes", modes), ("documents", documents), ("legal_basis", legal)):
        problems += parsed.problems
        if parsed.unparsed:
            unparsed[key] = parsed.unparsed

    levels = []
    for item in split_list(record.get("cap_thuc_hien", "")):
        if item in _LEVELS:
            levels.append(_LEVELS[item])
        else:
            problems.append("levels: cấp không rõ")
            unparsed["levels"] = item

    name = clean(record["ten_thu_tuc"])
    procedure = Procedure(
        code=record["ma_thu_tuc"].strip(),
        name=name,
        short_name=derive_short_name(name),
        field=_text(record.get("linh_vuc")),
        levels=levels,
        implementing_agency=_text(record.get("co_quan_thuc_hien"))
        or _text(record.get("co_quan_co_tham_quyen")),
        receiving_agency=_text(record.get("dia_chi_tiep_nhan")),
        audience=split_list(record.get("doi_tuong_thuc_hien", "")),
        modes=modes.modes,
        documents=documents.documents,
        steps=_lines(record.get("trinh_tu_thuc_hien", "")),
        conditions=_lines(record.get("yeu_cau_dieu_kien", "")),
        result=_result(record.get("ket_qua_xu_ly", "")),
        legal_basis=legal.legal_basis,
        source_url=record.get("detail_url") or None,
        unparsed=unparsed,
    )
    return ImportResult(procedure=procedure, problems=problems)


def _text(value: str | None) -> str | None:
    return None if is_empty(value) else clean(value)


def _lines(text: str) -> list[str]:
    if is_empty(text):
        return []
    return [line for line in (_STEP_BULLET.sub("", raw).strip() for raw in clean(text).split("\n")) if line]


def _result(text: str) -> str | None:
    names = [clean(_RESULT_CHROME.sub("", part)) for part in _RESULT_CODE.split(text or "")]
    names = [name for name in names if not is_empty(name)]
    return "; ".join(names) or None
