"""Dependency-light Vietnamese text helpers shared by the Rasa NLU pipeline and search."""

from vietnamese.dates import format_vietnamese_datetime, parse_vietnamese_date
from vietnamese.folding import fold_diacritics
from vietnamese.phone import normalize_mobile

__all__ = ["fold_diacritics", "format_vietnamese_datetime", "normalize_mobile", "parse_vietnamese_date"]
