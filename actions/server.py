"""What the action server adds to rasa_sdk's Sanic app: the knowledge loads as soon as the server serves.

rasa_sdk's one extension point on its app is the `attach_sanic_app_extensions` hook (registered by
rasa_sdk_plugins/); ops/action_server.py serves that app. Without this, the first citizen's question after
a restart waited 5–8 s for the e5 model and the index.
"""

from __future__ import annotations

import threading

import pluggy
from sanic import Request, Sanic
from sanic.response import HTTPResponse, json

from actions.knowledge import procedure_search, search_ready
from text_matching import install_log_scrubbing

hookimpl = pluggy.HookimplMarker("rasa_sdk")


@hookimpl
def attach_sanic_app_extensions(app: Sanic) -> None:
    # Runs in every process that builds the app, after rasa_sdk has configured its logging.
    install_log_scrubbing()
    app.register_listener(_start_warm_up, "after_server_start")
    app.add_route(_ready, "/ready", methods=["GET"])


async def _start_warm_up(app: Sanic) -> None:
    # In a thread, so the server keeps serving while it loads (a question that needs the search meanwhile
    # waits for this same load); a daemon, so stopping the server does not wait for the load to finish.
    threading.Thread(target=procedure_search, name="warm-up", daemon=True).start()


async def _ready(request: Request) -> HTTPResponse:
    """200 once the search is loaded, 503 while it loads: what the launcher waits for."""
    return json({"status": "ready"}) if search_ready() else json({"status": "loading"}, status=503)
