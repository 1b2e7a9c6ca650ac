"""The mode/time/fee table (cach_thuc_thuc_hien), flattened by the catalogue into one string.

A row is `<channel><time><fee><description>` with no separators, e.g.
"Trực tuyến5 Ngày làm việc200,000 Việt Nam Đồng(theo quy định ...)".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge_base.importer.text import NO_INFO, UPPER, clean
from knowledge_base.schema import Channel, SubmissionMode

HEADER = "Hình thức nộpThời gianPhí, lệ phíMô tả"
CHANNELS = {"Trực tuyến": Channel.online, "Trực tiếp": Channel.direct, "Dịch vụ bưu chính": Channel.post}

_AMOUNT = r"\d{1,3}(?:,\d{3})+|\d+"
_CURRENCY = r"Việt Nam Đồng|VNĐ|USD|Đồng|đồng"
_FEE = rf"Miễn phí|{NO_INFO}|(?:{_AMOUNT}) ?(?:{_CURRENCY})"
_UNIT_DAYS = {"Ngày làm việc": 1.0, "Ngày": 1.0, "Giờ": 1 / 24, "Tháng": 30.0, "Năm": 365.0}
_TIME_WITH_UNIT = rf"\d+(?:[.,]\d+)? (?:{'|'.join(_UNIT_DAYS)})"
# A row starts where a channel name is followed by a time cell and a fee cell; the same words inside a
# description ("- Trực tiếp: nộp tại ...", "Trực tuyến tại Cổng ...") are followed by a colon or a space, as
# cells are glued together.
_ROW_START = re.compile(
    rf"({'|'.join(CHANNELS)})(?=(?:{_TIME_WITH_UNIT}|{NO_INFO}|\d+|[{UPPER}][^\n]{{0,200}}?)(?:{_FEE}))"
)
_ROW = re.compile(
    rf"^(?P<time>{_TIME_WITH_UNIT}|{NO_INFO}|[^\n]*?)(?P<fee>Miễn phí|{NO_INFO}|(?P<amount>{_AMOUNT}) ?"
    rf"(?P<currency>{_CURRENCY}))(?P<note>.*)$",
    re.DOTALL,
)
# The smallest real fee is a few thousand đồng; smaller figures are thousands written short ("20 VNĐ").
_MIN_PLAUSIBLE_VND = 1000


@dataclass
class ModesParse:
    modes: list[SubmissionMode] = field(default_factory=list)
    unparsed: str = ""
    problems: list[str] = field(default_factory=list)


def parse_modes(text: str) -> ModesParse:
    result = ModesParse()
    text = clean(text)
    if not text.startswith(HEADER):
        result.unparsed = text
        result.problems.append("modes: thiếu tiêu đề bảng")
        return result
    body = text[len(HEADER) :]
    starts = list(_ROW_START.finditer(body))
    if not starts:
        result.unparsed = body
        result.problems.append("modes: không tách được dòng")
        return result
    leading = body[: starts[0].start()].strip()
    if leading:
        result.unparsed = leading
        result.problems.append("modes: văn bản trước dòng đầu")
    for start, end in zip(starts, [*starts[1:], None], strict=True):
        row = body[start.end() : end.start() if end else len(body)]
        mode, problem = _parse_row(CHANNELS[start.group(1)], row)
        result.modes.append(mode)
        if problem:
            result.problems.append(problem)
    return result


def _parse_row(channel: Channel, row: str) -> tuple[SubmissionMode, str | None]:
    match = _ROW.match(row)
    if not match:
        return SubmissionMode(channel=channel, note=row.strip() or None), "modes: dòng không đúng dạng"
    time, amount, note = match["time"].strip(), match["amount"], match["note"].strip()
    if amount and (time == "" or time.isdigit()):
        # A unit-less time cell runs into the amount ("120 VNĐ" is "1" then "20 VNĐ"): the time takes the
        # shortest prefix that leaves a well-formed amount.
        time, amount = _split_digits(time + amount)
    fee = match["fee"] if not amount else f"{amount} {match['currency']}"
    mode = SubmissionMode(
        channel=channel,
        processing_time=None if time in ("", NO_INFO) else time,
        processing_days=_days(time),
        fee=None if fee == NO_INFO else fee,
        fee_vnd=_fee_vnd(fee, amount, match["currency"]),
        note=_strip_parentheses(note) or None,
    )
    return mode, None


def _split_digits(digits: str) -> tuple[str, str]:
    for cut in range(1, len(digits)):
        amount = digits[cut:]
        if not amount.startswith("0") and re.fullmatch(_AMOUNT, amount):
            return digits[:cut], amount
    return "", digits


def _days(time: str) -> float | None:
    match = re.fullmatch(rf"(\d+(?:[.,]\d+)?) ({'|'.join(_UNIT_DAYS)})", time)
    if not match:
        return None
    return round(float(match[1].replace(",", ".")) * _UNIT_DAYS[match[2]], 2)


def _fee_vnd(fee: str, amount: str | None, currency: str | None) -> int | None:
    if fee == "Miễn phí":
        return 0
    if not amount or currency == "USD":
        return None
    value = int(amount.replace(",", ""))
    return value if value >= _MIN_PLAUSIBLE_VND else None


def _strip_parentheses(note: str) -> str:
    if note.startswith("(") and note.endswith(")") and note.count("(") == 1:
        return note[1:-1].strip()
    return note
