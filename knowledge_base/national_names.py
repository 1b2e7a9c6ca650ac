"""The national catalogue's procedure names, shipped without the catalogue itself.

Search needs to know which procedures exist beyond the province KB, so that a question about one of them
("xin trợ cấp thất nghiệp" before the KB held it) is recognised as outside the KB rather than answered with
a neighbour. The product must not depend on the catalogue file at run time, so a dev command
(`python -m knowledge_base national-names CATALOGUE`) writes `national_names.jsonl`: for each record only its
code, official name and page on the national portal, sorted by code. Names and addresses are facts; no
paragraph of the catalogue is copied.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import Field

from knowledge_base.importer import read_records
from knowledge_base.importer.text import clean
from knowledge_base.schema import Model

NATIONAL_NAMES_FILE = Path(__file__).with_name("national_names.jsonl")


class NationalProcedure(Model):
    """A procedure of the national catalogue, known by name only."""

    code: str
    name: str = Field(min_length=3)
    url: str = Field(pattern=r"^https://")  # its page on the national public-service portal


def national_names_from_catalogue(catalogue: Path) -> list[NationalProcedure]:
    # Names in the catalogue wrap lines and pad with doubled spaces; one line reads better on a button.
    procedures = [
        NationalProcedure(
            code=record["ma_thu_tuc"].strip(),
            name=" ".join(clean(record["ten_thu_tuc"]).split()),
            url=record["detail_url"].strip(),
        )
        for record in read_records(catalogue)
    ]
    return sorted(procedures, key=lambda procedure: procedure.code)


def write_national_names(procedures: list[NationalProcedure], path: Path = NATIONAL_NAMES_FILE) -> None:
    lines = [json.dumps(procedure.model_dump(), ensure_ascii=False) for procedure in procedures]
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")


def load_national_names(path: Path = NATIONAL_NAMES_FILE) -> list[NationalProcedure]:
    with path.open(encoding="utf-8") as lines:
        return [NationalProcedure.model_validate_json(line) for line in lines if line.strip()]
