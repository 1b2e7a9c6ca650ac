from __future__ import annotations

from pathlib import Path

import pytest

import search_index.index as index_module
from knowledge_base.national_names import NationalProcedure
from knowledge_base.schema import Procedure
from search_index import ProcedureSearch

PROCEDURES = [
    Procedure(
        code="1.001193",
        name="Thủ tục đăng ký khai sinh",
        short_name="Khai sinh",
        aliases=["làm giấy khai sinh"],
    ),
    Procedure(
        code="1.000894",
        name="Thủ tục đăng ký kết hôn",
        short_name="Kết hôn",
        aliases=["làm giấy đăng ký kết hôn"],
    ),
    Procedure(code="1.004194", name="Đăng ký tạm trú", short_name="Tạm trú", aliases=["đk tạm trú"]),
]

PORTAL = "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/"
NATIONAL = [
    NationalProcedure(code="1.001432", name="Cấp thẻ hướng dẫn viên du lịch quốc tế", url=f"{PORTAL}a"),
    NationalProcedure(code="1.004746", name="Đăng ký khai sinh có yếu tố nước ngoài", url=f"{PORTAL}b"),
    # Held by the KB: under its code, or under its name at another level.
    NationalProcedure(code="1.001193", name="Đăng ký khai sinh", url=f"{PORTAL}c"),
    NationalProcedure(code="2.000528", name="Đăng ký tạm trú (thực hiện tại cấp tỉnh)", url=f"{PORTAL}d"),
]


def _index_folders(cache: Path) -> list[Path]:
    return sorted(p for p in (cache / "indexes").iterdir() if (p / "meta.json").exists())


def test_saved_index_is_loaded_not_rebuilt(tmp_path: Path, embedding_model, monkeypatch) -> None:
    first = ProcedureSearch.open(PROCEDURES, cache_dir=tmp_path)
    monkeypatch.setattr(ProcedureSearch, "build", pytest.fail)  # a second open must not build
    second = ProcedureSearch.open(PROCEDURES, cache_dir=tmp_path)
    assert [h.code for h in second.search("lam giay khai sinh")] == [
        h.code for h in first.search("lam giay khai sinh")
    ]
    assert len(_index_folders(tmp_path)) == 1


def test_a_built_index_is_opened_without_writing_anything(tmp_path: Path, embedding_model) -> None:
    """So that instances behind a load balancer can share a cache they may only read (README: Scale-out)."""
    ProcedureSearch.open(PROCEDURES, cache_dir=tmp_path)
    for lock in (tmp_path / "indexes").glob("*.lock"):
        lock.unlink()  # the builder's; a reader must not need one
    before = {path: path.stat().st_mtime_ns for path in tmp_path.rglob("*")}
    ProcedureSearch.open(PROCEDURES, cache_dir=tmp_path)
    assert {path: path.stat().st_mtime_ns for path in tmp_path.rglob("*")} == before


def test_changed_kb_is_rebuilt(tmp_path: Path, embedding_model) -> None:
    ProcedureSearch.open(PROCEDURES, cache_dir=tmp_path)
    changed = [
        *PROCEDURES[:2],
        PROCEDURES[2].model_copy(update={"aliases": ["đăng ký tạm trú cho người thuê trọ"]}),
    ]
    search = ProcedureSearch.open(changed, cache_dir=tmp_path)
    assert len(_index_folders(tmp_path)) == 2
    assert search.search("đăng ký tạm trú cho người thuê trọ", k=1)[0].code == "1.004194"


def test_procedure_lookup_by_code(tmp_path: Path, embedding_model) -> None:
    search = ProcedureSearch.open(PROCEDURES, cache_dir=tmp_path)
    assert search.procedure("1.000894") is PROCEDURES[1]
    assert search.procedure("9.999999") is None


def test_hits_carry_a_confidence(tmp_path: Path, embedding_model) -> None:
    hits = ProcedureSearch.open(PROCEDURES, cache_dir=tmp_path).search("đăng ký kết hôn", k=2)
    assert hits[0].code == "1.000894"
    assert all(0.0 <= hit.confidence <= 1.0 for hit in hits)


@pytest.mark.parametrize("source", ["QUESTION_PHRASES", "ABBREVIATIONS_FILE"])
def test_fingerprint_follows_the_files_the_index_learns_from(
    source: str, tmp_path: Path, monkeypatch
) -> None:
    before = index_module.index_fingerprint(PROCEDURES, NATIONAL, "model")
    edited = tmp_path / "edited"
    edited.write_bytes(getattr(index_module, source).read_bytes() + b"\n# edited\n")
    monkeypatch.setattr(index_module, source, edited)
    assert index_module.index_fingerprint(PROCEDURES, NATIONAL, "model") != before


def test_fingerprint_follows_the_national_names() -> None:
    before = index_module.index_fingerprint(PROCEDURES, NATIONAL, "model")
    renamed = [
        NATIONAL[0].model_copy(update={"name": "Cấp thẻ hướng dẫn viên du lịch nội địa"}),
        *NATIONAL[1:],
    ]
    assert index_module.index_fingerprint(PROCEDURES, renamed, "model") != before
    assert index_module.index_fingerprint(PROCEDURES, NATIONAL[:1], "model") != before


def test_known_negatives_are_saved_and_loaded(tmp_path: Path, embedding_model) -> None:
    ProcedureSearch.open(PROCEDURES, NATIONAL, cache_dir=tmp_path)
    search = ProcedureSearch.open(PROCEDURES, NATIONAL, cache_dir=tmp_path)  # loaded from the cache
    best = search.search("làm thẻ hướng dẫn viên du lịch", k=1)[0]
    assert best.outside == NATIONAL[0] and not best.sure
    assert search.search("làm giấy khai sinh cho con", k=1)[0].outside is None
