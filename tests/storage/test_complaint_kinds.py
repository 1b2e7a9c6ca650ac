"""Every phrase of storage/complaint_kinds.yml names its kind, typed with or without diacritics."""

from pathlib import Path

import pytest
import yaml

from storage.complaints import ComplaintKind
from vietnamese import fold_diacritics

KINDS = yaml.safe_load((Path(__file__).parents[2] / "storage" / "complaint_kinds.yml").read_text("utf-8"))


@pytest.mark.parametrize(
    ("kind", "phrase"), [(k, p) for k, phrases in KINDS["kinds"].items() for p in phrases]
)
def test_each_kind_phrase_names_its_kind(kind: str, phrase: str) -> None:
    for typed in (phrase, fold_diacritics(phrase), phrase.capitalize()):
        assert ComplaintKind.from_text(f"hồ sơ bị {typed} quá") is ComplaintKind(kind), typed
