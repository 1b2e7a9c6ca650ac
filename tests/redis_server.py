"""A throwaway Redis for the tests that need one: Debian's redis-server on a free loopback port, its files in
a temporary folder, nothing saved to disk, stopped when the test is done."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from ops.isolated import free_port


@contextmanager
def redis_server(folder: Path, timeout_s: float = 15.0) -> Iterator[str]:
    """Yields its URL (redis://127.0.0.1:<port>/0); skips when redis-server is not installed."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("needs Debian's redis-server: bash scripts/system_packages.sh redis-server")
    port = free_port()
    folder.mkdir(parents=True, exist_ok=True)
    argv = [binary, "--bind", "127.0.0.1", "--port", str(port), "--dir", str(folder), "--save", "",
            "--appendonly", "no", "--logfile", str(folder / "redis.log")]  # fmt: skip
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        _wait_for_pong(port, process, timeout_s)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def redis_command(port: int, *words: str) -> str:
    """One command in Redis's inline protocol, e.g. ("INFO", "commandstats"), and its raw reply."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        # QUIT after it: Redis closes the connection once it has answered, which marks the reply's end.
        sock.sendall((" ".join(words) + "\r\nQUIT\r\n").encode())
        reply = b""
        while chunk := sock.recv(65536):
            reply += chunk
    return reply.decode()


def _wait_for_pong(port: int, process: subprocess.Popen[bytes], timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"redis-server exited with {process.returncode}")
        try:
            if redis_command(port, "PING").startswith("+PONG"):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"redis-server on port {port} did not answer PING within {timeout_s:.0f} s")
