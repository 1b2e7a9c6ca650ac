"""Which procedures the bot offers as buttons when several fit a question.

The catalogue splits some procedures by the level that handles them: "Cấp hộ chiếu phổ thông ở trong nước
(thực hiện tại cấp tỉnh)" beside "… (thực hiện tại cấp trung ương)". The qualifier means little to a
citizen, and the central variant is the exception (a ministry's department, for urgent or special cases),
so it is not offered beside the same procedure done locally: the bot then answers the local one directly.
Buttons read as the procedures' short names, which say where a level still matters.
"""

from __future__ import annotations

from collections.abc import Sequence

from knowledge_base.names import CENTRAL, split_level
from search_index import ProcedureSearch, SearchHit


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


def leading_choices(hits: Sequence[SearchHit], limit: int) -> tuple[SearchHit | None, list[SearchHit]]:
    """The hit the bot goes by, and the procedures it offers as buttons because they fit about as well (none
    when the best stands out). The bot answers the best outright when search is sure of it and fewer than
    two choices are left."""
    choices = offered_choices(ProcedureSearch.choices(hits, limit=limit))
    # A single choice left is the local variant of a procedure that is also done centrally.
    return (choices[0] if choices else next(iter(hits), None)), choices
