"""The shipped province KB loads and covers every procedure the evaluation requires."""

from knowledge_base.loader import load_province_procedures
from settings import get_settings
from tests.knowledge_base.shared_data import SHARED


def test_province_kb_covers_required_codes():
    required = {
        line.split("\t")[0]
        for line in (SHARED / "eval" / "province_kb_required.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    present = {procedure.code for procedure in load_province_procedures(get_settings().province_dir)}
    assert sorted(required - present) == []
