"""The shipped national names: what the dev command makes from the catalogue, and nothing more."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from knowledge_base.cli import main
from knowledge_base.national_names import NATIONAL_NAMES_FILE, load_national_names
from tests.knowledge_base.shared_data import CATALOGUE


def test_shipped_file_is_what_the_command_writes_from_the_catalogue(tmp_path: Path) -> None:
    if not CATALOGUE.is_file():
        pytest.skip(f"national catalogue not found at {CATALOGUE}")
    out = tmp_path / "names.jsonl"
    assert main(["national-names", str(CATALOGUE), "--out", str(out)]) == 0
    assert out.read_bytes() == NATIONAL_NAMES_FILE.read_bytes()


def test_each_line_holds_only_code_name_and_portal_page() -> None:
    lines = NATIONAL_NAMES_FILE.read_text(encoding="utf-8").splitlines()
    assert all(set(json.loads(line)) == {"code", "name", "url"} for line in lines)
    procedures = load_national_names()
    codes = [procedure.code for procedure in procedures]
    assert codes == sorted(set(codes))
    assert all(procedure.url.startswith("https://dichvucong.gov.vn/") for procedure in procedures)
    assert all("\n" not in procedure.name and "  " not in procedure.name for procedure in procedures)
