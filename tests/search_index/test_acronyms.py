from __future__ import annotations

from pathlib import Path

import pytest

from knowledge_base.schema import Procedure
from search_index import ProcedureSearch
from search_index.acronyms import AcronymResolver, acronym_candidate

KB_TEXTS = [
    "Cấp giấy phép lưu hành xe quá tải trọng",
    "Cấp lại giấy phép lưu hành xe bánh xích",
    "Tổng cục Đường bộ Việt Nam",
    "Cục Đường bộ Việt Nam tiếp nhận hồ sơ",
    # "PCCC": spelled once by each phrase below, so no phrase stands out.
    "phải có chứng chỉ hành nghề",
    "phòng công chứng chuyển hồ sơ",
    # "BCTC" ends one clause and starts the next: never a phrase.
    "bản cam kết, tài chính",
    "báo cáo tài chính năm",
]


@pytest.fixture(scope="module")
def resolver() -> AcronymResolver:
    return AcronymResolver.learn(KB_TEXTS)


@pytest.mark.parametrize("acronym", ["GPLHX", "gplhx", "GpLHX"])
def test_acronym_resolves_to_the_phrase_its_initials_spell(resolver: AcronymResolver, acronym: str) -> None:
    assert resolver.phrase(acronym) == "giấy phép lưu hành xe"


@pytest.mark.parametrize("acronym", ["ĐBVN", "DBVN"])
def test_d_with_stroke_matches_with_or_without_it(resolver: AcronymResolver, acronym: str) -> None:
    assert resolver.phrase(acronym) == "đường bộ việt nam"


def test_acronym_whose_phrases_are_equally_likely_is_left_alone(resolver: AcronymResolver) -> None:
    assert resolver.phrase("PCCC") is None


def test_phrase_seen_once_is_not_enough(resolver: AcronymResolver) -> None:
    assert resolver.phrase("BCTCN") is None  # "báo cáo tài chính năm" occurs once


def test_phrases_do_not_span_punctuation() -> None:
    resolver = AcronymResolver.learn(["bản cam kết, tài chính", "bản cam kết, tài chính"])
    assert resolver.phrase("BCKTC") is None


def test_expansion_keeps_the_acronym_and_adds_its_phrase(resolver: AcronymResolver) -> None:
    assert resolver.expand("Ai cấp GPLHX?") == "Ai cấp GPLHX giấy phép lưu hành xe"


@pytest.mark.parametrize("token", ["GPLHX", "ĐBVN", "gplhx", "cskn"])
def test_upper_case_or_vowelless_tokens_are_candidates(token: str) -> None:
    assert acronym_candidate(token)


@pytest.mark.parametrize("token", ["xe", "KIT", "tuyen", "Nam", "2024", "GP"])
def test_words_numbers_and_short_tokens_are_not_candidates(token: str) -> None:
    assert not acronym_candidate(token)


def test_save_and_load_round_trip(resolver: AcronymResolver, tmp_path: Path) -> None:
    resolver.save(tmp_path / "acronyms.pickle")
    assert AcronymResolver.load(tmp_path / "acronyms.pickle").phrase("GPLHX") == "giấy phép lưu hành xe"


VEHICLE_PROCEDURES = [
    Procedure(
        code="1.001001",
        name="Cấp giấy phép lưu hành xe quá tải trọng, xe quá khổ giới hạn trên đường bộ",
        short_name="Giấy phép lưu hành xe quá tải, quá khổ",
        result="Giấy phép lưu hành xe",
    ),
    Procedure(
        code="1.001002", name="Cấp giấy phép lái xe", short_name="Cấp bằng lái", result="Giấy phép lái xe"
    ),
    Procedure(
        code="1.001003",
        name="Cấp phù hiệu xe ô tô kinh doanh vận tải",
        short_name="Phù hiệu xe",
        result="Phù hiệu",
    ),
    Procedure(
        code="1.001004", name="Cấp giấy phép kinh doanh vận tải bằng xe ô tô", short_name="Giấy phép vận tải"
    ),
]


@pytest.mark.parametrize("question", ["Ai cấp GPLHX?", "xin GPLHX o dau", "GPLHX"])
def test_search_reads_acronyms_from_its_own_kb(tmp_path: Path, embedding_model, question: str) -> None:
    search = ProcedureSearch.open(VEHICLE_PROCEDURES, cache_dir=tmp_path)
    assert search.search(question, k=1)[0].code == "1.001001"
