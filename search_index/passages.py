"""The texts each procedure is indexed under."""

from __future__ import annotations

from dataclasses import dataclass

from knowledge_base.schema import Procedure
from search_index.normalize import canonical


@dataclass(frozen=True)
class Passage:
    procedure: int  # position in the index's procedure list
    kind: str  # "name" or "alias"
    text: str


def procedure_passages(position: int, procedure: Procedure) -> list[Passage]:
    """Dense passages: the name and each alias separately, so a short colloquial alias is not drowned."""
    passages = [Passage(position, "name", canonical(procedure.name))]
    passages += [Passage(position, "alias", canonical(alias)) for alias in procedure.aliases]
    return passages


def lexical_document(procedure: Procedure) -> str:
    """The one text BM25 scores a procedure by."""
    return canonical(" . ".join([procedure.name, *procedure.aliases]))
