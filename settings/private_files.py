"""Files that hold keys or personal data (keys, the SQLite databases, the service logs) are readable by the
account that runs the product only: on a shared machine another account must not read citizens' phone
numbers in a database copy, nor a key that forges staff sign-ins."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

logger = logging.getLogger(__name__)

OWNER_ONLY_FILE = 0o600
OWNER_ONLY_DIR = 0o700
_OTHERS = stat.S_IRWXG | stat.S_IRWXO


def make_private_dir(path: Path) -> None:
    """Create path, missing parents included, for the owner only. A folder that exists is left as it is:
    it may be the operator's own choice (a shared data volume)."""
    for missing in reversed([path, *path.parents]):
        if not missing.exists():
            missing.mkdir(mode=OWNER_ONLY_DIR, exist_ok=True)


def keep_private(path: Path) -> None:
    """Make path an empty file for the owner only when it is missing (before a database or log is written
    to it), otherwise restrict_to_owner()."""
    make_private_dir(path.parent)
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, OWNER_ONLY_FILE))
    except FileExistsError:
        restrict_to_owner(path)


def restrict_to_owner(path: Path) -> None:
    """Take group and others' permissions off a file that has them (made by hand, or before this check),
    saying so."""
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & _OTHERS:
        path.chmod(mode & ~_OTHERS)
        logger.warning("%s was open to other accounts (mode %o): now %o", path, mode, mode & ~_OTHERS)
