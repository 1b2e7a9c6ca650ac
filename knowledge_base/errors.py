"""Errors raised while reading the knowledge base."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError


class KnowledgeBaseError(Exception):
    """A knowledge-base file is missing, unreadable or invalid; the message names file, field and problem."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def describe_validation_error(source: Path | str, error: ValidationError) -> list[str]:
    """One line per problem: `file: field: message`, with list positions shown as field[2].name."""
    lines = []
    for item in error.errors():
        location = ""
        for part in item["loc"]:
            location += f"[{part}]" if isinstance(part, int) else (f".{part}" if location else str(part))
        lines.append(f"{source}: {location or '(toàn bộ tệp)'}: {item['msg']}")
    return lines
