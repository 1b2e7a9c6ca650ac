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
from functools import lru_cache
from pathlib import Path

import yaml

from knowledge_base.schema import SHORT_NAME_MAX
from text_matching import TokenPatterns, parsed
from vietnamese import fold_diacritics

_LEVELS = yaml.safe_load(Path(__file__).with_name("levels.yml").read_text(encoding="utf-8"))
CENTRAL = "central"
SHORT_LEVEL = {"tinh": "(cấp tỉnh)", "huyen": "(cấp huyện)", "xa": "(cấp xã)", CENTRAL: "(trung ương)"}
CLAUSE_BOUNDARY = re.compile(r";\s|\s\(|\sđối với\s|\strong (?:các )?trường hợp\s|\sthực hiện (?:tại|bằng)\s")
MIN_CLAUSE = 30
ELLIPSIS = "…"


def _words(phrase: str) -> list[dict[str, str]]:
    return [{"NORM": word} for word in fold_diacritics(phrase).split()]


# "(" then, optionally, "thực hiện tại", then "cấp" and the level, then ")", accents and case optional:
# "(thực hiện tại cấp tỉnh)", "(cấp Bộ)", "(thực hiện ở cấp tỉnh)", "(cấp TW)", even "(… cấp tinh)".
_QUALIFIERS = TokenPatterns(
    {
        level: [
            [{"ORTH": "("}, *_words(opening), *_words("cấp"), *_words(spelling), {"ORTH": ")"}]
            for opening in ["", *_LEVELS["openings"]]
            for spelling in spellings
        ]
        for level, spellings in _LEVELS["levels"].items()
    }
)


@lru_cache(maxsize=8192)  # names come from the catalogue: a few thousand at most
def split_level(name: str) -> tuple[str, str | None]:
    """The name without a trailing level qualifier, and the level ("tinh", "xa", "central"…), or None."""
    with parsed(name) as doc:
        found = [span for span in _QUALIFIERS.spans(doc) if span.end == len(doc)]
        if not found:
            return name, None
        return name[: found[0].start_char].rstrip(), found[0].label_


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
