"""Accent folding: citizens often type without diacritics, so both sides are compared folded."""

import unicodedata

_D_BAR = str.maketrans({"đ": "d", "Đ": "D"})


def fold_diacritics(text: str) -> str:
    """Lower-case text with every Vietnamese diacritic removed ("Đăng ký" -> "dang ky")."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_BAR))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn").lower()
