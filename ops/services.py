"""The three processes of the product, started and stopped the same way by `make run` and the tests."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import httpx

from ops.paths import APP_PYTHON, BOT_DIR, LOG_DIR, RASA_BIN
from ops.rasa_stores import rasa_store_environment
from settings import PROJECT_ROOT, Settings
from settings.private_files import keep_private, make_private_dir


@dataclass(frozen=True)
class Service:
    name: str
    argv: list[str]
    health_url: str
    env: dict[str, str] = field(default_factory=dict)
    # Files the service creates that hold personal data: made for the owner only before it starts.
    private_files: tuple[Path, ...] = ()


def _port(url: str) -> str:
    return str(urlparse(url).port)


def product_services(settings: Settings, model: Path) -> list[Service]:
    return [
        Service(
            "action_server",
            # One process on settings.internal_interface (ops/action_server.py): Rasa and the backend call it.
            [str(APP_PYTHON), "-m", "ops.action_server", "--port", _port(settings.action_server_url)],
            # Ready once it has loaded the search (actions/server.py), not merely listening.
            f"{settings.action_server_url}/ready",
        ),
        *local_rasa_services(settings, model),
        Service(
            "gateway",
            [
                str(APP_PYTHON),
                "-m",
                "uvicorn",
                "webhook.app:create_app",
                "--factory",
                "--host",
                settings.gateway_host,
                "--port",
                str(settings.gateway_port),
            ],
            f"http://{settings.gateway_host}:{settings.gateway_port}/health/live",
        ),
    ]


def local_rasa_services(settings: Settings, model: Path) -> list[Service]:
    """All on this machine: one Rasa per URL the backend is given (several use more than one core). The first
    is "rasa", as the tests restart it by that name, then rasa-2, rasa-3…"""
    urls = settings.rasa_instance_urls
    names = ["rasa", *(f"rasa-{n}" for n in range(2, len(urls) + 1))]
    return [
        rasa_service(settings.model_copy(update={"rasa_url": url}), model, name)
        for name, url in zip(names, urls, strict=True)
    ]


def rasa_service(settings: Settings, model: Path, name: str = "rasa") -> Service:
    """A Rasa server on settings.rasa_url; several, each with its own URL and name, share the conversations
    when the settings name a shared tracker store and lock store (README: "Scale-out")."""
    return Service(
        name,
        [
            str(RASA_BIN),
            "run",
            "--enable-api",
            "--interface",
            settings.internal_interface,
            "--port",
            _port(settings.rasa_url),
            "--model",
            str(model),
            "--endpoints",
            str(BOT_DIR / "endpoints.yml"),
            "--credentials",
            str(BOT_DIR / "credentials.yml"),
        ],
        f"{settings.rasa_url}/status",
        {"TLDVC_ACTION_SERVER_URL": settings.action_server_url, **rasa_store_environment(settings)},
        # Rasa's tracker store keeps every conversation as typed (SQLite; a shared PostgreSQL is the DBA's).
        () if settings.rasa_tracker_store_url else (settings.tracker_db,),
    )


class RunningServices:
    """Started processes, each in its own process group so that stopping reaches their children."""

    def __init__(self, services: list[Service], env: dict[str, str] | None = None) -> None:
        self.services = services
        self.processes: dict[str, subprocess.Popen[bytes]] = {}
        self._env = {**os.environ, **(env or {}), "PYTHONPATH": str(PROJECT_ROOT)}

    def start(self) -> None:
        make_private_dir(LOG_DIR)
        for service in self.services:
            self._launch(service, log_mode="wb")

    def restart(self, name: str, sig: signal.Signals = signal.SIGTERM, grace_s: float = 15.0) -> None:
        """Stop one service with sig (SIGKILL: as if it crashed) and start it again at once.

        Its log goes on in the same file; wait_healthy() then waits until it answers again.
        """
        self.stop_one(name, sig, grace_s)
        self.start_one(name)

    def stop_one(self, name: str, sig: signal.Signals = signal.SIGTERM, grace_s: float = 15.0) -> None:
        """Stop one service and leave it stopped (start_one() brings it back)."""
        self._terminate([self.processes[name]], sig, grace_s)

    def start_one(self, name: str) -> None:
        """Start a stopped service again; its log goes on in the same file."""
        self._launch(next(s for s in self.services if s.name == name), log_mode="ab")

    def _launch(self, service: Service, log_mode: str) -> None:
        log_file = LOG_DIR / f"{service.name}.log"
        # Scrubbed of personal data where the service is ours, but Rasa's own log is not.
        for private in (log_file, *service.private_files):
            keep_private(private)
        with log_file.open(log_mode) as log:  # the child keeps its own copy
            self.processes[service.name] = subprocess.Popen(
                service.argv,
                cwd=PROJECT_ROOT,
                env={**self._env, **service.env},
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def wait_healthy(self, timeout_s: float = 900.0) -> None:
        # Loading Rasa's model takes about 2 CPU minutes (TensorFlow graphs); on a machine busy with other
        # work that was seen to pass 5 minutes of wall time.
        deadline = time.monotonic() + timeout_s
        pending = list(self.services)
        while pending:
            for service in list(pending):
                if self.processes[service.name].poll() is not None:
                    raise RuntimeError(f"{service.name} exited; see {LOG_DIR / service.name}.log")
                try:
                    if httpx.get(service.health_url, timeout=2.0).status_code == 200:
                        pending.remove(service)
                except httpx.HTTPError:
                    pass
            if pending and time.monotonic() > deadline:
                raise TimeoutError(f"not healthy after {timeout_s:.0f} s: {[s.name for s in pending]}")
            if pending:
                time.sleep(1.0)

    def stop(self, grace_s: float = 15.0) -> None:
        self._terminate(list(self.processes.values()), signal.SIGTERM, grace_s)

    @staticmethod
    def _terminate(processes: list[subprocess.Popen[bytes]], sig: signal.Signals, grace_s: float) -> None:
        """Send sig to each process group, then SIGKILL what is still there after grace_s."""
        for process in processes:
            if process.poll() is None:
                os.killpg(process.pid, sig)
        deadline = time.monotonic() + grace_s
        for process in processes:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
