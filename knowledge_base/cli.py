"""Command line: import, coverage, validate, national-names, show (run as `python -m knowledge_base ...`)."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import yaml
from tqdm import tqdm

from knowledge_base import procedure_card
from knowledge_base.coverage import LABELS, Coverage
from knowledge_base.errors import KnowledgeBaseError
from knowledge_base.importer import ImportResult, import_record, read_records
from knowledge_base.lint import lint_procedure, lint_profile, lint_short_names, review_marks
from knowledge_base.loader import load_procedures, load_profile, load_province_procedures
from knowledge_base.national_names import (
    NATIONAL_NAMES_FILE,
    national_names_from_catalogue,
    write_national_names,
)
from knowledge_base.render import render_procedure
from settings import get_settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m knowledge_base", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    run_import = commands.add_parser("import", help="nhập danh mục quốc gia (.jsonl.gz) và tóm tắt kết quả")
    run_import.add_argument("catalogue", type=Path)
    run_import.add_argument("--out", type=Path, help="ghi mỗi thủ tục thành <mã>.yml trong thư mục này")
    run_import.set_defaults(handler=_import)

    coverage = commands.add_parser("coverage", help="tỷ lệ bản ghi tách được giấy tờ, cách nộp, căn cứ")
    coverage.add_argument("catalogue", type=Path)
    coverage.add_argument("--examples", type=int, default=5, help="số mã thủ tục ví dụ cho mỗi chỉ số")
    coverage.set_defaults(handler=_coverage)

    validate = commands.add_parser("validate", help="kiểm tra bộ dữ liệu tỉnh; mã thoát khác 0 nếu có lỗi")
    validate.add_argument("province_dir", type=Path, nargs="?")
    validate.set_defaults(handler=_validate)

    names = commands.add_parser(
        "national-names", help="ghi mã, tên và địa chỉ trên Cổng DVC quốc gia của mọi thủ tục trong danh mục"
    )
    names.add_argument("catalogue", type=Path)
    names.add_argument("--out", type=Path, default=NATIONAL_NAMES_FILE)
    names.set_defaults(handler=_national_names)

    show = commands.add_parser("show", help="in một thủ tục như trợ lý sẽ dùng")
    show.add_argument("code")
    show.add_argument("--province-dir", type=Path)
    show.add_argument("--catalogue", type=Path, help="tệp danh mục quốc gia (mặc định theo cấu hình)")
    show.set_defaults(handler=_show)

    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except KnowledgeBaseError as error:
        print(error, file=sys.stderr)
        return 1


def _import_all(catalogue: Path) -> list[ImportResult]:
    records = read_records(catalogue)
    return [import_record(record) for record in tqdm(records, desc="Đang nhập", unit=" thủ tục")]


def _import(args: argparse.Namespace) -> int:
    results = _import_all(args.catalogue)
    reasons = Counter(problem for result in results for problem in set(result.problems))
    full = sum(result.fully_parsed for result in results)
    print(f"Số bản ghi đã đọc:        {len(results)}")
    print(f"Tách đầy đủ:              {full}")
    print(f"Tách một phần:            {len(results) - full}")
    if reasons:
        print("Lý do (số bản ghi):")
        for reason, count in reasons.most_common():
            print(f"  {count:5d}  {reason}")
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        for result in results:
            data = result.procedure.model_dump(mode="json", exclude_defaults=True)
            text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110)
            (args.out / f"{result.procedure.code}.yml").write_text(text, encoding="utf-8")
        print(f"Đã ghi {len(results)} tệp vào {args.out}")
    return 0


def _coverage(args: argparse.Namespace) -> int:
    coverage = Coverage()
    for result in _import_all(args.catalogue):
        coverage.add(result)
    print(f"Số bản ghi: {coverage.records}")
    for name, label in LABELS.items():
        missing = coverage.failures.get(name, [])
        examples = f"  thiếu ở: {', '.join(missing[: args.examples])}" if missing and args.examples else ""
        print(f"{label:55s} {getattr(coverage, name):5d}  {coverage.share(name):6.1%}{examples}")
    print(f"Danh mục không ghi giấy tờ nào: {coverage.documents_absent} bản ghi")
    print(f"Danh mục không ghi căn cứ pháp lý: {coverage.legal_absent} bản ghi")
    if coverage.problems:
        print("Phần chưa tách (số bản ghi):")
        for reason, count in coverage.problems.most_common():
            print(f"  {count:5d}  {reason}")
    return 0


def _national_names(args: argparse.Namespace) -> int:
    procedures = national_names_from_catalogue(args.catalogue)
    write_national_names(procedures, args.out)
    print(f"Đã ghi {len(procedures)} thủ tục vào {args.out}")
    return 0


def _validate(args: argparse.Namespace) -> int:
    province_dir = args.province_dir or get_settings().province_dir
    if not province_dir.is_dir():
        raise KnowledgeBaseError([f"{province_dir}: không phải thư mục"])
    problems: list[str] = []
    procedures = []
    try:
        procedures = load_province_procedures(province_dir)
    except KnowledgeBaseError as error:
        problems += error.problems
    for procedure in procedures:
        problems += [str(finding) for finding in lint_procedure(procedure, procedure.code)]
    problems += [str(finding) for finding in lint_short_names(procedures)]
    try:
        profile = load_profile(province_dir)
    except KnowledgeBaseError as error:
        problems += error.problems
    else:
        problems += [str(finding) for finding in lint_profile(profile, str(province_dir / "profile.yml"))]
        for name in profile.unfilled():
            print(f"Cảnh báo: {province_dir / 'profile.yml'}: {name}: chưa điền, triển khai cần bổ sung")
    marks = review_marks(procedures)
    if marks:
        print(f"Số liệu đang chờ xác minh ({len(marks)}), trợ lý chưa đưa cho người dân:")
        for mark in marks:
            print(f"  {mark}")
    if problems:
        raise KnowledgeBaseError(problems)
    print(f"Hợp lệ: {len(procedures)} thủ tục và hồ sơ tỉnh {profile.province} trong {province_dir}")
    return 0


def _show(args: argparse.Namespace) -> int:
    catalogue = args.catalogue or get_settings().national_catalogue
    procedures = {p.code: p for p in load_procedures(args.province_dir, catalogue)}
    if args.code not in procedures:
        hint = "" if catalogue else " (chưa cấu hình danh mục quốc gia: dùng --catalogue)"
        print(f"Không tìm thấy thủ tục mã {args.code}{hint}", file=sys.stderr)
        return 1
    procedure = procedures[args.code]
    print("— Bot trả lời công dân —")
    print(procedure_card.card(procedure, load_profile(args.province_dir)))
    print("\n— Toàn bộ dữ liệu —")
    print(render_procedure(procedure))
    return 0
