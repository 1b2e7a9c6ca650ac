"""The texts each procedure is indexed under."""

from __future__ import annotations

from dataclasses import dataclass

from knowledge_base.schema import Procedure
from search_index.normalize import canonical, expand_abbreviations


@dataclass(frozen=True)
class Passage:
    procedure: int  # position in the index's procedure list
    kind: str  # "name" or "alias"
    text: str


def procedure_passages(position: int, procedure: Procedure) -> list[Passage]:
    """Dense passages: the name and each alias separately, so a short colloquial alias is not drowned."""
    passages = [Passage(position, "name", canonical(procedure.name))]
    passages += [Passage(position, "alias", colloquial(alias)) for alias in procedure.aliases]
    return passages


def colloquial(alias: str) -> str:
    """An alias as the question it should meet: queries have abbreviations expanded ("mất cccd"), so must
    the aliases written in chat style."""
    return expand_abbreviations(canonical(alias))


def name_document(procedure: Procedure) -> str:
    """What the procedure is called: BM25 over this rewards questions that name it."""
    return " . ".join([canonical(procedure.name), *map(colloquial, procedure.aliases)])


def full_document(procedure: Procedure) -> str:
    """Everything a question may mention: documents, steps, conditions, field."""
    return canonical(" . ".join(procedure_texts(procedure)))


def procedure_texts(procedure: Procedure) -> list[str]:
    """Every sentence of a procedure, for learning the KB's vocabulary."""
    texts = [procedure.name, *procedure.aliases, *procedure.steps, *procedure.howto, *procedure.conditions]
    texts += [document.name for document in procedure.documents]
    texts += [text for text in (procedure.field, procedure.result, procedure.implementing_agency) if text]
    return texts
