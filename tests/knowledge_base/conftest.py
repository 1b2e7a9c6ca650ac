from pathlib import Path

import pytest

from knowledge_base.importer import read_records
from tests.knowledge_base.shared_data import CATALOGUE


@pytest.fixture(scope="session")
def records() -> dict[str, dict]:
    if not CATALOGUE.is_file():
        pytest.skip(f"national catalogue not found at {CATALOGUE}")
    return {record["ma_thu_tuc"]: record for record in read_records(CATALOGUE)}


@pytest.fixture
def province_dir(tmp_path: Path) -> Path:
    (tmp_path / "procedures").mkdir()
    (tmp_path / "profile.yml").write_text("province: Tây Ninh\n", encoding="utf-8")
    return tmp_path
