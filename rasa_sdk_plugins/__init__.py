"""rasa_sdk's plugin package: rasa_sdk imports it by this name when it builds its Sanic app and calls
`init_hooks`. The extensions themselves are in actions/server.py."""

from __future__ import annotations

import pluggy

from actions import server


def init_hooks(manager: pluggy.PluginManager) -> None:
    manager.register(server)
