"""Procedure names: the level qualifier the catalogue appends, and short names derived from official ones.

The catalogue splits some procedures by the level that handles them: "Cấp hộ chiếu phổ thông ở trong nước
(thực hiện tại cấp tỉnh)" beside "… (thực hiện tại cấp trung ương)".

Curated province entries carry a short name written by an editor. A national-catalogue record has none, so
`derive_short_name` makes one, deterministically:
1. leading punctuation and a leading "Thủ tục " are dropped, and the first letter capitalised;
2. a level qualifier is kept, said shortly: "(cấp tỉnh)", "(cấp xã)", "(trung ương)";
3. a name still longer than SHORT_NAME_MAX is cut at the last clause boundary ("; ", " (", " đối với ",
   " trong trường hợp ", " thực hiện tại/bằng ") that fits and keeps at least MIN_CLAUSE characters, otherwise
   at the last word that fits, followed by "…". Commas are not boundaries: they mostly separate the items of
   one list ("nhận cha, mẹ, con").
"""

from __future__ import annotations

import re

from knowledge_base.schema import SHORT_NAME_MAX
from vietnamese import fold_diacritics

# A trailing level qualifier as the catalogue writes it, folded: "(thực hiện tại cấp tỉnh)", "(cấp Bộ)",
# "(thực hiện ở cấp tỉnh)", "(cấp TW)", even "(… cấp tinh)".
LEVEL_QUALIFIER = re.compile(r"\s*\((?:thuc hien (?:tai|o) )?cap (trung uong|tw|bo|tinh|huyen|xa)\)\s*$")
CENTRAL = frozenset({"trung uong", "tw", "bo"})
SHORT_LEVEL = {
    "tinh": "(cấp tỉnh)",
    "huyen": "(cấp huyện)",
    "xa": "(cấp xã)",
    **dict.fromkeys(CENTRAL, "(trung ương)"),
}
CLAUSE_BOUNDARY = re.compile(r";\s|\s\(|\sđối với\s|\strong (?:các )?trường hợp\s|\sthực hiện (?:tại|bằng)\s")
MIN_CLAUSE = 30
ELLIPSIS = "…"


def split_level(name: str) -> tuple[str, str | None]:
    """The name without its level qualifier, and the folded level ("tinh", "xa", …), or None without one."""
    found = LEVEL_QUALIFIER.search(fold_diacritics(name))
    if found is None:
        return name, None
    return name[: name.rfind("(")].rstrip(), found.group(1)


def derive_short_name(name: str) -> str:
    """A short name (at most SHORT_NAME_MAX characters) for a procedure known only by its official name."""
    base, level = split_level(" ".join(name.split()))
    base = re.sub(r"^thủ tục\s+", "", base.lstrip(" .,;:-–•*"), flags=re.IGNORECASE).rstrip(" .")
    suffix = f" {SHORT_LEVEL[level]}" if level else ""
    room = SHORT_NAME_MAX - len(suffix)
    if len(base) > room:
        clauses = [m.start() for m in CLAUSE_BOUNDARY.finditer(base) if MIN_CLAUSE <= m.start() <= room]
        base = base[: clauses[-1]] if clauses else base[:room].rsplit(" ", 1)[0].rstrip(" ,;") + ELLIPSIS
    return base[:1].upper() + base[1:] + suffix
