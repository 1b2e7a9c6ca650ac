"""The real action server loads the search in its worker process as soon as it starts, before any question."""

from __future__ import annotations

import httpx
import pytest

from ops.isolated import free_port
from ops.services import RunningServices, product_services
from ops.training import model_path
from settings import Settings

pytestmark = pytest.mark.integration


def test_the_action_server_gets_ready_without_being_asked_anything() -> None:
    url = f"http://127.0.0.1:{free_port()}"
    services = product_services(Settings(action_server_url=url), model_path())
    action_server = RunningServices([s for s in services if s.name == "action_server"])
    action_server.start()
    try:
        action_server.wait_healthy(timeout_s=180)  # no action is ever called
        assert httpx.get(f"{url}/ready").json() == {"status": "ready"}
    finally:
        action_server.stop()
