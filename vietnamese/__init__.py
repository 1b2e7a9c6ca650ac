"""Dependency-light Vietnamese text helpers shared by the Rasa NLU pipeline (Python 3.10) and search."""

from vietnamese.folding import fold_diacritics

__all__ = ["fold_diacritics"]
