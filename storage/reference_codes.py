"""Complaint reference codes ("PA-7K3M9QX"): random, easy to read aloud, with a check character.

The last character is a weighted checksum modulo 31 (the alphabet's size, a prime), so any single
mistyped character and any swap of two characters is caught before a lookup. Codes issued before the
check character existed have six characters and stay valid; they are looked up as they are.
"""

from __future__ import annotations

import re
import secrets

# No 0/O, 1/I/L: codes are read aloud over the phone and copied from screenshots.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
REFERENCE_PREFIX = "PA-"
RANDOM_LENGTH = 6
CODE_MAX_LENGTH = len(REFERENCE_PREFIX) + RANDOM_LENGTH + 1
_PATTERN = re.compile(rf"PA[-–_]?([{REFERENCE_ALPHABET}]{{{RANDOM_LENGTH},{RANDOM_LENGTH + 1}}})")


class MistypedReferenceCode(ValueError):
    """The code has the shape of a reference code but its check character does not match."""


def check_character(body: str) -> str:
    total = sum((position + 1) * REFERENCE_ALPHABET.index(char) for position, char in enumerate(body))
    return REFERENCE_ALPHABET[total % len(REFERENCE_ALPHABET)]


def new_reference_code() -> str:
    body = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(RANDOM_LENGTH))
    return REFERENCE_PREFIX + body + check_character(body)


def parse_reference_code(text: str) -> str | None:
    """ "pa - 7k3m9qx" -> "PA-7K3M9QX"; None when text cannot be a reference code.

    Raises MistypedReferenceCode when it has a check character that does not match.
    """
    match = _PATTERN.fullmatch("".join(text.split()).upper())
    if not match:
        return None
    body = match[1]
    if len(body) == RANDOM_LENGTH + 1 and check_character(body[:-1]) != body[-1]:
        raise MistypedReferenceCode(text)
    return REFERENCE_PREFIX + body
