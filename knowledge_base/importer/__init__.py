"""Turns national-catalogue records (dichvucong.gov.vn export) into `Procedure`s."""

from knowledge_base.importer.catalogue import read_catalogue, read_records
from knowledge_base.importer.record import ImportResult, import_record

__all__ = ["ImportResult", "import_record", "read_catalogue", "read_records"]
