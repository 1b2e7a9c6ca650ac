"""Zalo signs each event: X-ZEvent-Signature is "mac=" + hex SHA-256 of app_id + raw body + timestamp + the
OA secret key (a plain hash of the concatenation, not an HMAC)."""

from __future__ import annotations

import hashlib
import hmac


def expected_signature(app_id: str, raw_body: bytes, timestamp: str, oa_secret_key: str) -> str:
    digest = hashlib.sha256(app_id.encode() + raw_body + timestamp.encode() + oa_secret_key.encode())
    return "mac=" + digest.hexdigest()


def signature_matches(
    header: str | None, app_id: str, raw_body: bytes, timestamp: str, oa_secret_key: str
) -> bool:
    if not header:
        return False
    expected = expected_signature(app_id, raw_body, timestamp, oa_secret_key)
    # Constant time, so the comparison does not tell a forger how much of the signature was right.
    return hmac.compare_digest(header.strip().encode(), expected.encode())
