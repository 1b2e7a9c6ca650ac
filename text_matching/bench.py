"""What the text-matching layer adds to a turn: the phrase tables a turn consults and the personal-data
scrub, per message, on the portal's FAQ questions (as typed and without diacritics) and on complaint-style
messages full of personal data. `python -m text_matching.bench` (part of `make bench`)."""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from actions.procedure_answers import worded_aspects
from storage.complaints import ComplaintKind
from text_matching import scrub_personal_data
from vietnamese import fold_diacritics

DEV_QUESTIONS = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev_questions.jsonl"
# Written for this benchmark: what a citizen types when a complaint or a question carries personal data.
PERSONAL_MESSAGES = [
    "hồ sơ của tôi bị trễ hẹn, sđt 0912.345.678, tên tôi là Nguyễn Văn An",
    "toi ten la tran thi binh, so dien thoai +84 987 654 321, cccd 079203001234",
    "em tên Lan, nộp hồ sơ 000.00.21.H59-240115-0001 ngày 15/11/2026 mà gọi 028 3822 1234 không ai nghe",
    "lệ phí 50.000 đồng hay 150.000.000 đồng vậy, mã thủ tục 1.001193, email an.nguyen@gmail.com",
    "tra cứu PA-7K3M9Q giúp mình, cmnd cũ 025123456",
]


def _turn(text: str) -> None:
    """What one turn asks of the layer: the aspects and complaint kind its words name, and the scrub
    of the text before anything keeps it."""
    worded_aspects(text)
    ComplaintKind.from_text(text)
    scrub_personal_data(text)


def _microseconds(work: Callable[[str], object], messages: Sequence[str], repeats: int) -> list[float]:
    """The median over `repeats` runs of each message, in µs."""
    per_message = []
    for text in messages:
        runs = []
        for _ in range(repeats):
            start = time.perf_counter_ns()
            work(text)
            runs.append((time.perf_counter_ns() - start) / 1000)
        per_message.append(statistics.median(runs))
    return per_message


def _summary(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"mean {statistics.fmean(values):.0f} µs, p50 {statistics.median(values):.0f} µs, p95 {p95:.0f} µs"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m text_matching.bench")
    parser.add_argument("--questions", type=Path, default=DEV_QUESTIONS)
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args(argv)

    questions = []
    if args.questions.is_file():
        with args.questions.open(encoding="utf-8") as lines:
            questions = [json.loads(line)["question"] for line in lines if line.strip()]
    messages = [*questions, *(fold_diacritics(q) for q in questions), *PERSONAL_MESSAGES]

    start = time.perf_counter()
    _turn(messages[0])
    print(f"first use (pipeline and matchers built): {(time.perf_counter() - start) * 1000:.0f} ms")
    for text in messages:  # every word seen once, as in a warm server
        _turn(text)
    print(f"messages: {len(messages)} (FAQ questions, also unaccented; {len(PERSONAL_MESSAGES)} personal)")
    scrub = _microseconds(scrub_personal_data, messages, args.repeats)
    print(f"scrub_personal_data per message: {_summary(scrub)}")
    print(f"matching + scrubbing per turn:   {_summary(_microseconds(_turn, messages, args.repeats))}")


if __name__ == "__main__":
    main()
