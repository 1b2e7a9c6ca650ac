"""A conversation's sender id stands in analysis tables as a keyed hash: the same citizen's events (and
their rating) can be joined, but the id cannot be recovered or recomputed without the key."""

from __future__ import annotations

import hashlib
import hmac
from functools import cached_property
from pathlib import Path

from settings import Settings, get_settings
from settings.keys import load_or_create_key

# Hex of HMAC-SHA-256.
PSEUDONYM_LENGTH = 64
LOG_LENGTH = 8


class SenderPseudonyms:
    def __init__(self, key: str = "", key_file: Path | None = None) -> None:
        """The key itself, or the file it is kept in (made on first use, not before)."""
        if not key and key_file is None:
            raise ValueError("a pseudonym key or key file is needed")
        self._key, self._key_file = key, key_file

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> SenderPseudonyms:
        settings = settings or get_settings()
        return cls(settings.pseudonym_key, settings.pseudonym_key_file)

    @cached_property
    def _secret(self) -> bytes:
        key = self._key or load_or_create_key(self._key_file)  # type: ignore[arg-type]
        return key.encode("utf-8")

    def __call__(self, sender_id: str) -> str:
        return hmac.new(self._secret, sender_id.encode("utf-8"), hashlib.sha256).hexdigest()

    def short(self, sender_id: str) -> str:
        """The pseudonym's first characters, to follow one sender through a log without naming them. Eight
        hex characters: never a run of digits the log filter would take for a phone or ID number."""
        return self(sender_id)[:LOG_LENGTH]
