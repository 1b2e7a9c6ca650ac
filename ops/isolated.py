"""The whole product on free loopback ports with its state in a folder of its own: for the tests and the load
run, which must never touch a running instance or its data."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ops.services import RunningServices, product_services
from ops.training import ensure_trained_model
from settings import Settings
from storage import upgrade_database_at

# The settings isolated_settings chooses, passed on to the services as their environment.
OVERRIDDEN = [
    "rasa_url", "action_server_url", "gateway_port", "database_url", "tracker_db", "secret_key_file",
    "first_manager_username", "first_manager_password", "chat_limit_per_client", "rasa_urls",
]  # fmt: skip


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def isolated_settings(state: Path, **overrides: object) -> Settings:
    """Free ports and a fresh database in state/; overrides win."""
    defaults: dict[str, object] = {
        "rasa_url": f"http://127.0.0.1:{free_port()}",
        "action_server_url": f"http://127.0.0.1:{free_port()}",
        "gateway_port": free_port(),
        "database_url": f"sqlite:///{state / 'product.sqlite3'}",
        "tracker_db": state / "tracker.sqlite3",
        "secret_key_file": state / "secret_key",
    }
    return Settings(**(defaults | overrides))


@contextmanager
def running_product(settings: Settings, env: dict[str, str] | None = None) -> Iterator[RunningServices]:
    """The three real services with these settings (plus env), healthy, and stopped afterwards."""
    environment = {
        f"TLDVC_{name.upper()}": str(value)
        for name in OVERRIDDEN
        if (value := getattr(settings, name)) is not None
    }
    upgrade_database_at(settings.database_url)  # as `make run` does before starting the services
    services = RunningServices(
        product_services(settings, ensure_trained_model()), env=environment | (env or {})
    )
    services.start()
    try:
        services.wait_healthy()
        yield services
    finally:
        services.stop()
