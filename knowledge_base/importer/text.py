"""Small text helpers shared by the catalogue parsers."""

from __future__ import annotations

import re

_VOWELS_AND_D = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
# Character-class bodies for Vietnamese letters (a Unicode range like à-ỹ would also take capitals such as Đ).
LOWER = "a-z" + _VOWELS_AND_D
UPPER = "A-Z" + _VOWELS_AND_D.upper()

# The catalogue's marker for an empty cell or field.
NO_INFO = "Không có thông tin"


def clean(text: str | None) -> str:
    """Collapse runs of spaces (the catalogue pads with doubled and non-breaking spaces)."""
    if not text:
        return ""
    text = text.replace("\u00a0", " ").replace("\r", "")
    text = re.sub(r"[ \t]+", " ", text)
    return re.sub(r" *\n *", "\n", text).strip()


def is_empty(text: str | None) -> bool:
    # "--" is how the catalogue writes an empty dossier table.
    return clean(text).strip(" .-") in ("", NO_INFO, "Không", "Không có", "Không quy định")


def split_list(text: str) -> list[str]:
    """Comma-separated catalogue lists ("Công dân Việt Nam, Doanh nghiệp") as items."""
    return [item.strip() for item in clean(text).split(",") if item.strip()] if not is_empty(text) else []
