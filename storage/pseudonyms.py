"""A conversation's sender id stands in analysis tables as a keyed hash: the same citizen's events (and
their rating) can be joined, but the id cannot be recovered or recomputed without the key."""

from __future__ import annotations

import hashlib
import hmac

from settings import Settings, get_settings
from settings.keys import load_or_create_key

# Hex of HMAC-SHA-256.
PSEUDONYM_LENGTH = 64


class SenderPseudonyms:
    def __init__(self, key: str) -> None:
        if not key:
            raise ValueError("the pseudonym key must not be empty")
        self._key = key.encode("utf-8")

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> SenderPseudonyms:
        settings = settings or get_settings()
        return cls(settings.pseudonym_key or load_or_create_key(settings.pseudonym_key_file))

    def __call__(self, sender_id: str) -> str:
        return hmac.new(self._key, sender_id.encode("utf-8"), hashlib.sha256).hexdigest()
