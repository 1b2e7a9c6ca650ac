"""Recovering a table from the record's whole page text when the scraper put it in the wrong field.

The page reads "…Cách Thức Thực Hiện<modes>Thành phần hồ sơ<documents>Căn cứ pháp lý<legal>
Cơ quan thực hiện…"; for about 2% of records the scraper cut the fields at a label repeated inside the text.
"""

from __future__ import annotations

import re

from knowledge_base.importer.modes import HEADER as MODES_HEADER

_LEGAL_LABEL = re.compile(r"Căn cứ pháp lý(?=Tên văn bản pháp lý|Không có thông tin)")
_DOCUMENTS_LABEL = "Thành phần hồ sơ"
_AFTER_LEGAL = "Cơ quan thực hiện"


def _legal_span(page: str) -> tuple[int, int] | None:
    labels = list(_LEGAL_LABEL.finditer(page))
    if not labels:
        return None
    start = labels[-1].end()
    end = page.find(_AFTER_LEGAL, start)
    return start, end if end >= 0 else len(page)


def documents_from_page(page: str) -> str | None:
    modes = page.find(MODES_HEADER)
    start = page.find(_DOCUMENTS_LABEL, max(modes, 0))
    legal = _legal_span(page)
    if start < 0 or not legal:
        return None
    return page[start + len(_DOCUMENTS_LABEL) : legal[0] - len("Căn cứ pháp lý")]


def legal_from_page(page: str) -> str | None:
    span = _legal_span(page)
    return page[span[0] : span[1]] if span else None
