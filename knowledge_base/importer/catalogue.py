"""Reading the catalogue file: gzip-compressed JSON lines, one record per line."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

from knowledge_base.importer.record import import_record
from knowledge_base.schema import Procedure


def read_records(path: Path) -> Iterator[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


def read_catalogue(path: Path) -> list[Procedure]:
    return [import_record(record).procedure for record in read_records(path)]
