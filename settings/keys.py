"""Secret keys kept in a file under var/ when the environment gives none, made once on first use."""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path

from settings.private_files import make_private_dir, restrict_to_owner

# HS256 wants a key at least as long as its 32-byte digest; a shorter one (an empty file left by a full disk,
# a hand-typed word) would let anyone who guesses it forge a staff sign-in.
KEY_MIN_CHARS = 32


class WeakKey(ValueError):
    """A key file holds fewer than KEY_MIN_CHARS characters."""


def load_or_create_key(path: Path) -> str:
    """The key kept in path, made (readable by the owner only) on first use so it survives restarts.

    Several processes may ask at once (the backend and the action server both need the pseudonym key):
    the key is written to a private temporary file and linked into place, which fails if another process
    got there first, so nobody ever reads a half-written key.
    """
    if path.exists():
        return _read(path)
    make_private_dir(path.parent)
    key = secrets.token_urlsafe(48)
    descriptor, staging = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")  # mode 0600
    try:
        with os.fdopen(descriptor, "w", encoding="ascii") as file:
            file.write(key)
        os.link(staging, path)
    except FileExistsError:
        return _read(path)
    finally:
        os.unlink(staging)
    return key


def _read(path: Path) -> str:
    restrict_to_owner(path)
    key = path.read_text(encoding="ascii").strip()
    if len(key) < KEY_MIN_CHARS:
        raise WeakKey(
            f"{path} holds {len(key)} characters, fewer than {KEY_MIN_CHARS}: delete it for a new key"
        )
    return key
