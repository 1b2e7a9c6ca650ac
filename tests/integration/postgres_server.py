"""A PostgreSQL server of a test's own, from Debian's binaries, that the test may stop and start again: the
shared test database (scripts/start_test_postgres.sh) must stay up for every other test."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ops.isolated import free_port

POSTGRES_LIBS = Path("/usr/lib/postgresql")


def postgres_bin() -> Path | None:
    """The bin folder of the newest PostgreSQL installed from Debian's packages, or None."""
    found = sorted(POSTGRES_LIBS.glob("*/bin/initdb"), key=lambda path: int(path.parent.parent.name))
    return found[-1].parent if found else None


class PostgresServer:
    """initdb into a fresh folder, then start() and stop() at will; close() removes everything."""

    def __init__(self, bin_dir: Path) -> None:
        self._bin = bin_dir
        # Not under pytest's tmp_path: the server runs as the postgres user when the tests run as root, and
        # pytest's folders are private to root.
        self._folder = Path(tempfile.mkdtemp(prefix="tldvc-pg-"))
        self.port = free_port()
        if os.geteuid() == 0:
            shutil.chown(self._folder, "postgres", "postgres")
        self._run("initdb", "--pgdata", str(self._folder / "data"), "--auth", "trust", "--username",
                  "postgres", "--encoding", "UTF8", "--no-instructions")  # fmt: skip

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def start(self) -> None:
        options = f"-p {self.port} -k {self._folder} -c listen_addresses=127.0.0.1"
        self._run("pg_ctl", "--pgdata", str(self._folder / "data"), "--log", str(self._folder / "server.log"),
                  "--options", options, "--wait", "start")  # fmt: skip

    def stop(self) -> None:
        """A fast shutdown: open connections are cut, as when the server goes down."""
        self._run("pg_ctl", "--pgdata", str(self._folder / "data"), "--mode", "fast", "--wait", "stop")

    def close(self) -> None:
        if (self._folder / "data" / "postmaster.pid").exists():
            self.stop()
        shutil.rmtree(self._folder)

    def _run(self, program: str, *args: str) -> None:
        argv = [str(self._bin / program), *args]
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            argv = ["runuser", "-u", "postgres", "--", *argv]
        subprocess.run(argv, check=True, capture_output=True, cwd=self._folder)
