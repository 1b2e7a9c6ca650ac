"""The action server's one copy of the knowledge base, the search index and the province profile."""

from __future__ import annotations

import threading
from functools import lru_cache

from knowledge_base.loader import load_procedures, load_profile
from knowledge_base.national_names import load_national_names
from knowledge_base.profile import ProvinceProfile
from search_index import ProcedureSearch
from settings import get_settings

# The worker's warm-up thread and a citizen's first question may both ask for the search while it loads
# (several seconds): the lock makes the later one wait for that load rather than start a second one.
_search_loading = threading.Lock()


def procedure_search() -> ProcedureSearch:
    with _search_loading:
        return _open_search()


def search_ready() -> bool:
    """Whether the search is loaded, without waiting for it."""
    return _open_search.cache_info().currsize > 0


@lru_cache(maxsize=1)
def _open_search() -> ProcedureSearch:
    settings = get_settings()
    procedures = load_procedures(settings.province_dir, settings.national_catalogue)
    return ProcedureSearch.open(procedures, load_national_names())


@lru_cache(maxsize=1)
def province_profile() -> ProvinceProfile:
    return load_profile(get_settings().province_dir)
