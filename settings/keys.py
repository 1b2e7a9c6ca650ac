"""Secret keys kept in a file under var/ when the environment gives none, made once on first use."""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path


def load_or_create_key(path: Path) -> str:
    """The key kept in path, made (readable by the owner only) on first use so it survives restarts.

    Several processes may ask at once (the backend and the action server both need the pseudonym key):
    the key is written to a private temporary file and linked into place, which fails if another process
    got there first, so nobody ever reads a half-written key.
    """
    if path.exists():
        return path.read_text(encoding="ascii").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    descriptor, staging = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")  # mode 0600
    try:
        with os.fdopen(descriptor, "w", encoding="ascii") as file:
            file.write(key)
        os.link(staging, path)
    except FileExistsError:
        return path.read_text(encoding="ascii").strip()
    finally:
        os.unlink(staging)
    return key
