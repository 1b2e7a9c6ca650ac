"""The shipped Tây Ninh KB: every entry has a short name, and validate passes with its lint."""

from __future__ import annotations

import pytest
import yaml

from knowledge_base.cli import main
from knowledge_base.loader import PROCEDURES_DIR
from knowledge_base.schema import SHORT_NAME_MAX
from settings import get_settings


def test_every_shipped_entry_has_its_own_short_name() -> None:
    files = sorted((get_settings().province_dir / PROCEDURES_DIR).glob("*.yml"))
    short_names = [yaml.safe_load(path.read_text(encoding="utf-8")).get("short_name") for path in files]
    assert files and all(short_names)
    assert max(len(name) for name in short_names) <= SHORT_NAME_MAX
    assert len({name.casefold() for name in short_names}) == len(short_names)


def test_validate_passes_on_the_shipped_kb(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 0, capsys.readouterr().err
