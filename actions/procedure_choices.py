"""Which procedures the bot offers as buttons when several fit a question, and how the buttons read.

The catalogue splits some procedures by the level that handles them: "Cấp hộ chiếu phổ thông ở trong nước
(thực hiện tại cấp tỉnh)" beside "… (thực hiện tại cấp trung ương)". The qualifier means little to a
citizen, and the central variant is the exception (a ministry's department, for urgent or special cases),
so it is not offered beside the same procedure done locally: the bot then answers the local one directly.
Where a level is still shown, the button says where the procedure is done instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import yaml

from search_index import SearchHit
from text_matching import TokenPatterns, parsed
from vietnamese import fold_diacritics

_PHRASES = yaml.safe_load((Path(__file__).with_name("phrases.yml")).read_text(encoding="utf-8"))
CENTRAL = "central"
PLACES = {
    "tinh": "làm tại cơ quan cấp tỉnh",
    "huyen": "làm tại cơ quan cấp huyện",
    "xa": "làm tại xã, phường",
    CENTRAL: "làm tại cơ quan trung ương (bộ, cục)",
}


def _words(phrase: str) -> list[dict[str, str]]:
    return [{"NORM": word} for word in fold_diacritics(phrase).split()]


# "(" then, optionally, "thực hiện tại", then "cấp" and the level, then ")", accents and case optional.
_QUALIFIERS = TokenPatterns(
    {
        level: [
            [{"ORTH": "("}, *_words(opening), *_words("cấp"), *_words(spelling), {"ORTH": ")"}]
            for opening in ["", *_PHRASES["level_openings"]]
            for spelling in spellings
        ]
        for level, spellings in _PHRASES["levels"].items()
    }
)


@lru_cache(maxsize=4096)  # names come from the catalogue: a few thousand at most
def split_level(name: str) -> tuple[str, str | None]:
    """The name without a trailing level qualifier, and the level ("tinh", "xa", "central"…), or None."""
    with parsed(name) as doc:
        found = [span for span in _QUALIFIERS.spans(doc) if span.end == len(doc)]
        if not found:
            return name, None
        return name[: found[0].start_char].rstrip(), found[0].label_


def offered_choices(choices: Sequence[SearchHit]) -> list[SearchHit]:
    """The choices less any central-level variant of a procedure also among them at a local level (or
    unqualified); one left means the question is answered directly."""
    levels = [split_level(hit.name) for hit in choices]
    local = {base for base, level in levels if level != CENTRAL}
    return [
        hit
        for hit, (base, level) in zip(choices, levels, strict=True)
        if not (level == CENTRAL and base in local)
    ]


def button_title(name: str) -> str:
    """The name with its level qualifier said plainly: "Cấp lại thẻ căn cước – làm tại cơ quan cấp tỉnh"."""
    base, level = split_level(name)
    return f"{base} – {PLACES[level]}" if level else name
