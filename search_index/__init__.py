"""Accent-insensitive hybrid search over administrative procedures.

search = ProcedureSearch.open(procedures)
hits = search.search("lam giay khai sinh", k=5)
"""

from search_index.index import ProcedureSearch, SearchHit

__all__ = ["ProcedureSearch", "SearchHit"]
