"""Known negatives: national procedures the KB does not hold, known by name.

A question about a procedure the KB lacks still finds the KB's nearest neighbour, often with a fair score
("xin trợ cấp thất nghiệp" once met the legal-aid request). The national catalogue names the procedures
that exist; those the KB does not hold are indexed by name beside the KB (same model, same query), and a
question whose best match among them beats its best match in the KB by a margin is about a procedure
outside the KB: the bot says so and points to the national portal rather than answer with the neighbour.

Both sides are compared on the same evidence, the name's (and for the KB, the aliases') dense cosine plus
name BM25 over one joint index: the KB's full-text BM25 has no counterpart for a procedure known by name
only.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from knowledge_base.names import split_level
from knowledge_base.national_names import NationalProcedure, load_national_names
from knowledge_base.schema import Procedure
from search_index import lexical
from search_index.fusion import FULL_BM25_WEIGHT, NAME_BM25_WEIGHT, relative
from search_index.lexical import LexicalIndex, lexical_tokens
from search_index.normalize import canonical, fold, words
from search_index.passages import name_document


def name_key(name: str) -> tuple[str, ...]:
    """A name as folded syllables, without a level qualifier or a leading "Thủ tục": the same procedure
    listed at another level, or under another code, has the same key."""
    syllables = [fold(word) for word in words(canonical(split_level(" ".join(name.split()))[0]))]
    return tuple(syllables[2:] if syllables[:2] == ["thu", "tuc"] else syllables)


def known_negatives(
    procedures: Sequence[Procedure], national: Sequence[NationalProcedure]
) -> list[NationalProcedure]:
    """The national procedures the KB lacks, in code order: neither a KB code nor a KB entry's name (one
    named like a KB entry is that entry at another level or under an older code, and the entry answers it)."""
    codes = {procedure.code for procedure in procedures}
    names = {name_key(procedure.name) for procedure in procedures}
    outside = [n for n in national if n.code not in codes and name_key(n.name) not in names]
    return sorted(outside, key=lambda procedure: procedure.code)


# How far the best known negative must beat the best KB procedure, in name evidence (cosine + weighted name
# BM25), for the question to count as outside the KB: the margin within which two procedures fit about
# equally (index.CHOICE_MARGIN). At 0 the plain "đăng ký tàu cá" went to the unheld "Xóa đăng ký tàu cá"
# (+0.009); on the tuning questions 0.02 named no in-KB question's procedure (search_index/README.md).
OUTSIDE_MARGIN = 0.02
# And the negative's own name evidence must reach what a KB procedure needs to be confident (a fused score
# of 1.0) less the full-text BM25 weight, which a name alone cannot earn: an off-topic question ("cho tôi
# vay tiền") is far from every name, the KB's and the negatives' alike, and names no procedure.
OUTSIDE_FLOOR = 1.0 - FULL_BM25_WEIGHT


@dataclass(frozen=True)
class Nearest:
    """The known negative that fits a question best, and by how much it beats every KB procedure."""

    procedure: NationalProcedure
    evidence: float  # its own name evidence
    margin: float  # its evidence less the best KB procedure's

    @property
    def outside(self) -> bool:
        return self.margin > OUTSIDE_MARGIN and self.evidence >= OUTSIDE_FLOOR


class KnownNegatives:
    """The negatives, and one name BM25 over the KB's name documents followed by the negatives' names (the
    dense side lives in the search's own faiss index, after the KB's passages)."""

    def __init__(self, negatives: Sequence[NationalProcedure], names: LexicalIndex) -> None:
        self.procedures = list(negatives)
        self._names = names

    @classmethod
    def build(cls, procedures: Sequence[Procedure], negatives: Sequence[NationalProcedure]) -> KnownNegatives:
        documents = [name_document(p) for p in procedures] + [negative_passage(n) for n in negatives]
        names = LexicalIndex.build([lexical_tokens(document) for document in documents], lexical.NAME_BM25)
        return cls(negatives, names)

    def nearest(self, dense: np.ndarray, tokens: list[str]) -> Nearest | None:
        """`dense`: the best cosine of each KB procedure, then of each negative; None without negatives."""
        if not self.procedures:
            return None
        evidence = dense + NAME_BM25_WEIGHT * relative(self._names.scores(tokens))
        held = len(evidence) - len(self.procedures)
        best = int(np.argmax(evidence[held:]))
        ahead = float(evidence[held + best])
        return Nearest(self.procedures[best], ahead, ahead - float(evidence[:held].max()))

    def save(self, folder: Path) -> None:
        folder.mkdir()
        lines = [json.dumps(procedure.model_dump(), ensure_ascii=False) for procedure in self.procedures]
        (folder / "negatives.jsonl").write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
        self._names.save(folder / "bm25_names")

    @classmethod
    def load(cls, folder: Path) -> KnownNegatives:
        return cls(load_national_names(folder / "negatives.jsonl"), LexicalIndex.load(folder / "bm25_names"))


def negative_passage(procedure: NationalProcedure) -> str:
    return canonical(procedure.name)
