"""The action server's one copy of the knowledge base, the search index and the province profile."""

from __future__ import annotations

from functools import lru_cache

from knowledge_base.loader import load_procedures, load_profile
from knowledge_base.profile import ProvinceProfile
from search_index import ProcedureSearch
from settings import get_settings


@lru_cache(maxsize=1)
def procedure_search() -> ProcedureSearch:
    settings = get_settings()
    return ProcedureSearch.open(load_procedures(settings.province_dir, settings.national_catalogue))


@lru_cache(maxsize=1)
def province_profile() -> ProvinceProfile:
    return load_profile(get_settings().province_dir)
